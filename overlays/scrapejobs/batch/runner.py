"""The batch runner: many inputs through one provider, every paid-for job accounted for.

::

    inputs, digest = read_inputs("urls.txt")  # or stream_inputs(...) for a file of any size
    with SqliteLedger("run.db") as ledger:
        runner = BatchRunner(AsyncJobs("scrapio", token), ledger, concurrency=32)
        async for item in runner.run(inputs, digest):
            print(item.to_json())

What it does, in order:

1. plans the inputs into submissions (:mod:`scrapejobs.batch.planning`; batch endpoints where the
   provider has them) and checks every input before anything is sent; inputs are read a chunk
   at a time, never more than ``window`` ahead of the outcomes yielded
   (:mod:`scrapejobs.batch.input_source`), so memory does not grow with their number;
2. on a ledger that already holds this run, replays what is finished, resends submissions that
   were in flight at a crash when the provider has an idempotency key (Scrapio, ScrapingPros),
   marks the others *uncertain* (resent only with ``resubmit_uncertain``), and never resubmits
   a submission that has job ids;
3. submits the rest with at most ``concurrency`` requests in flight (and, for Scrape.do, never
   more unfinished tasks than the account's free concurrency), recording each submission in the
   ledger before it is sent and its job ids after;
4. watches every job — polling each on its own backoff schedule, reading many jobs in one
   request where the provider can, or woken by webhook deliveries with polling as the fallback —
   and collects each result as soon as the job is final, long before the provider's retention
   runs out;
5. records each outcome in the ledger (group commits) and only then yields it.

Every input yields exactly one :class:`ItemResult`: succeeded, failed, cancelled, expired (the
job ended but its result could no longer be read), refused (the provider created no job) or
uncertain (a job may exist; not resent without the user's say-so).

:class:`BatchRunner` composes the parts that do this, each testable alone:
:class:`~scrapejobs.batch.resume.Resume` (step 2), :class:`~scrapejobs.batch.submitter.Submitter`
with :class:`~scrapejobs.batch.capacity.Capacity` (step 3), the waiting engine
(:class:`~scrapejobs.waiting.WaitEngine`, step 4) and
:class:`~scrapejobs.batch.recorder.OutcomeRecorder` (step 5).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Sequence,
)
from typing import Any, TypeVar

from scrapejobs.backoff import Backoff, poll_backoff
from scrapejobs.batch.capacity import Capacity
from scrapejobs.batch.context import RunContext
from scrapejobs.batch.input_source import DEFAULT_WINDOW, PLAN_CHUNK, InputSource
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import Ledger, LedgerIOError
from scrapejobs.batch.ledger_io import LedgerThread
from scrapejobs.batch.planning import (
    DEFAULT_BATCH_SIZE,
    MAX_BATCH_SIZE,
    InputParamsError,
    planner,
)
from scrapejobs.batch.recorder import OutcomeRecorder
from scrapejobs.batch.results import ItemResult, RunAbortedError, RunStats
from scrapejobs.batch.resume import Resend, Resume
from scrapejobs.batch.retry import with_rounds
from scrapejobs.batch.run_webhooks import RunWebhooks
from scrapejobs.batch.slots import RequestSlots
from scrapejobs.batch.submitter import Submitter
from scrapejobs.batch.watchlist import Watchlist
from scrapejobs.client import AsyncJobs
from scrapejobs.jobs import JobRef
from scrapejobs.waiting import PROMPT, Timing, WaitEngine
from scrapejobs.webhooks.events import WebhookEvents

_DONE = object()
T = TypeVar("T")


class BatchRunner:
    """Run inputs through one provider's :class:`AsyncJobs` with a durable :class:`Ledger`.

    ``concurrency`` bounds the HTTP requests in flight (submissions take at most half of them);
    ``batch_size`` is inputs per submission (default per provider, capped at its limit).
    ``webhooks`` + ``events`` wait by webhook (the caller serves the receiver feeding
    ``events``); every job is still polled each ``fallback_interval`` seconds. Jobs are
    watched by a :class:`~scrapejobs.waiting.WaitEngine` (reads timed from the durations
    learned in ``jobs.durations``); ``timing`` trades reads for time to a result
    (:data:`~scrapejobs.waiting.PROMPT` or :data:`~scrapejobs.waiting.FRUGAL`); ``poll``
    replaces the learned timing with a fixed backoff. ``window`` bounds the inputs taken ahead
    of the outcomes yielded (at least two planning chunks; see :meth:`run`). Use one runner
    for one run. The runner gives ``jobs.adapter`` a copy of its retry policy whose sleep lends
    the runner's request slot out during backoff (a plain sleep everywhere else).
    """

    def __init__(
        self,
        jobs: AsyncJobs,
        ledger: Ledger,
        *,
        concurrency: int = 16,
        batch_size: int | None = None,
        webhooks: RunWebhooks | None = None,
        events: WebhookEvents | None = None,
        resubmit_uncertain: bool = False,
        poll: Backoff | None = None,
        timing: Timing = PROMPT,
        fallback_interval: float = 30.0,
        stats: RunStats | None = None,
        window: int = DEFAULT_WINDOW,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if window < 1:
            raise ValueError("window must be at least 1")
        if (webhooks is None) != (events is None):
            raise ValueError("webhooks and events go together")
        self.jobs = jobs
        self.provider = jobs.provider
        self.adapter = jobs.adapter
        self.ledger = ledger
        self.concurrency = concurrency
        self.batch_size = batch_size or DEFAULT_BATCH_SIZE[self.provider]
        self.webhooks = webhooks
        self.events = events
        self.resubmit_uncertain = resubmit_uncertain
        self.polling = poll_backoff(self.provider)
        """How failed reads and resends wait (exponential backoff with the provider's floor)."""
        self.stats = stats or RunStats()
        self.window = window
        """Inputs the run takes ahead of the outcomes it has yielded (see :meth:`run`)."""
        self.source: InputSource | None = None
        """The inputs of the run under way (its ``lead`` tells how far ahead it read)."""
        self.planner = planner(self.provider)
        self._slots = RequestSlots(concurrency)
        self._db = LedgerThread()
        self._watchlist = Watchlist()  # watched jobs and inputs, until their outcome is recorded
        self._recorder = OutcomeRecorder(ledger, self._db, self._watchlist, self.stats)
        self._engine = WaitEngine(
            self.adapter,
            on_outcome=self._recorder.outcome,
            clock=jobs.clock,
            sleep=jobs.sleep,
            model=jobs.durations,
            events=events,
            fallback_interval=fallback_interval,
            errors=self.polling,
            schedule=poll,
            timing=timing,
            rng=jobs.rng,
            slot=self._slots.hold,
            on_final=self._watchlist.seen_final,
            on_idle=self._recorder.idle,
        )
        self._compose(concurrency)

    def _compose(self, concurrency: int) -> None:
        """Make the capacity, submitter and resume parts over one shared :class:`RunContext`."""
        # A request's retries wait out their backoff without its slot: under faults, slots
        # held by sleepers would otherwise leave the other jobs waiting for nothing.
        retry = self.adapter.retry
        self.adapter.retry = dataclasses.replace(
            retry, async_sleep=self._slots.lending(retry.async_sleep or asyncio.sleep)
        )
        self._capacity = Capacity(
            self.provider,
            self.adapter.capacity,
            unfinished=lambda: self._watchlist.unfinished,
            sleep=self.jobs.sleep,
            recheck=self.polling.maximum,
        )
        self._watchlist.on_change = self._capacity.changed
        context = RunContext(
            jobs=self.jobs,
            ledger=self.ledger,
            db=self._db,
            planner=self.planner,
            stats=self.stats,
            polling=self.polling,
            webhooks=self.webhooks,
            record=self._recorder.record,
            watch=self._watch,
        )
        self._submitter = Submitter(
            context, capacity=self._capacity, slots=self._slots, concurrency=concurrency
        )
        self._resume = Resume(
            context, learn=self._engine.learn, resubmit_uncertain=self.resubmit_uncertain
        )

    def __repr__(self) -> str:
        return f"BatchRunner(provider={self.provider!r}, concurrency={self.concurrency})"

    # -- public ---------------------------------------------------------------------------------

    async def run(
        self,
        inputs: Iterable[RunInput] | AsyncIterable[RunInput],
        digest: str,
        *,
        count: int | None = None,
    ) -> AsyncIterator[ItemResult]:
        """Yield one :class:`ItemResult` per input, as outcomes are recorded.

        ``inputs`` is a sequence (checked whole before anything is sent, as always) or any
        iterable or async iterable, read in line order as the run goes: the runner never
        takes more than :attr:`window` inputs ahead of the outcomes it has yielded, so memory
        does not grow with the number of inputs. Each chunk of an iterable is checked before
        any of it is sent; check a large input first (``scrapejobs run`` does, in a first pass
        over the file) — a bad input in a later chunk stops the run there, with what was sent
        before it in the ledger. ``count`` is the number of inputs (for :attr:`stats`; taken
        from ``len(inputs)`` when it has one, else counted as they are read).

        ``digest`` identifies the inputs (see :func:`scrapejobs.batch.inputs.read_inputs`); a
        ledger bound to other inputs or another provider is refused. Outcomes recorded by earlier
        runs on the same ledger are yielded first. Breaking out of the iteration stops the run;
        everything submitted stays in the ledger for the next one.

        Raises:
            InputParamsError: an input makes no valid request (nothing of its chunk was sent).
            LedgerMismatchError: the ledger belongs to another run.
            RunAbortedError: the provider refused the credential or the account's limits;
                what was submitted is in the ledger.

        """
        checked = False  # every input checked already: the chunks' plans need not again
        if isinstance(inputs, Sequence):
            self.planner.plan(inputs, self.batch_size)  # check every input before anything else
            count = len(inputs) if count is None else count
            checked = True
        results: asyncio.Queue[Any] = asyncio.Queue()
        self._recorder.emit = results.put_nowait
        source = self.source = InputSource(inputs, count, self.stats, window=self.window)
        driver = asyncio.create_task(self._drive(source, digest, results, checked=checked))
        try:
            while True:
                item = await results.get()
                if item is _DONE:
                    break
                yield item
                source.yielded()
            await driver
        finally:
            if not driver.done():
                driver.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await driver
            self._db.shutdown()

    # -- driving --------------------------------------------------------------------------------

    async def _drive(
        self, source: InputSource, digest: str, results: asyncio.Queue[Any], *, checked: bool
    ) -> None:
        try:
            await self._drive_inner(source, digest, checked=checked)
        finally:
            results.put_nowait(_DONE)

    async def _drive_inner(self, source: InputSource, digest: str, *, checked: bool) -> None:
        """Bind, resume, then plan and send the inputs (``checked``: all checked already)."""
        await self._db(self.ledger.bind, self.provider, digest)
        size = plan_chunk(self.provider, self.batch_size, self.window)
        todo = resumed(self._resume, source, size)
        first, later = await _first_chunk(todo, self._size_to_capacity)
        watcher = asyncio.create_task(self._engine.run())
        flusher = asyncio.create_task(self._recorder.flush_loop())
        try:
            plan = lambda chunk: with_rounds(  # noqa: E731 -- one use, right here
                self.planner.plan(chunk, self.batch_size, checked=checked), self._resume.rounds
            )
            await submit_all(self._submitter, plan, _prepended(first, todo), later)
            self._engine.close()
            await watcher
        finally:
            await self._stop(watcher, flusher)

    async def _size_to_capacity(self) -> None:
        """Size submissions to the provider's free concurrency, where it has a limit."""
        free = await self._capacity.read()
        if free is not None:
            self.batch_size = max(1, min(self.batch_size, free))
            # The provider's free concurrency already leaves out this run's unfinished jobs
            # (resumed from the ledger), which Capacity.reserve counts again. A resumed job
            # that finished but is not collected yet is counted once too often for a moment.
            self._capacity.limit = free + len(self._watchlist)

    async def _stop(self, watcher: asyncio.Task[None], flusher: asyncio.Task[None]) -> None:
        """Stop watching, let ledger writes under way commit, then yield what is recorded."""
        stopped = (watcher,)
        for task in stopped:
            task.cancel()
        # Let them end before the caller closes the transport under them, and let the ledger
        # writes under way commit before the ledger's thread is shut down.
        cleanup = asyncio.gather(*stopped, self._submitter.settle(), return_exceptions=True)
        cancelled = await _through_cancellation(cleanup, stopped)
        # Stop the flusher by flag, never by cancellation (see OutcomeRecorder.flush_loop).
        self._recorder.stop()
        cancelled |= await _through_cancellation(flusher, ())
        if cancelled:
            raise asyncio.CancelledError

    def _watch(
        self,
        ref: JobRef,
        item: RunInput,
        *,
        kind: str,
        polled: bool = False,
        submitted_at: float | None = None,
    ) -> None:
        """Watch ``ref`` for ``item`` until its outcome is recorded.

        ``submitted_at`` (epoch seconds, from the ledger) dates a resumed job; a job without it
        counts as submitted now. ``polled`` when no delivery will announce its end.
        """
        self._watchlist.add(ref, item)
        self.jobs.forget_submitted((ref,))  # the run watches it: AsyncJobs.wait never will
        since = None
        if submitted_at is not None:
            since = self.jobs.clock() - max(0.0, time.time() - submitted_at)
        self._engine.watch(
            ref,
            since=since,
            kind=kind,
            delivered=self.webhooks is not None and not polled,
        )


def plan_chunk(provider: str, batch_size: int, window: int) -> int:
    """Return how many inputs to plan at a time (one full submission to half the window)."""
    full = min(batch_size, MAX_BATCH_SIZE[provider])
    return max(full, min(PLAN_CHUNK, window // 2))


async def resumed(
    resume: Resume, source: InputSource, size: int
) -> AsyncIterator[tuple[Sequence[Resend], list[RunInput]]]:
    """Yield, for each chunk of ``size`` inputs, what to send again and the inputs to plan afresh.

    Each chunk is resumed from the ledger first (:meth:`Resume.chunk`); the submissions in doubt
    still waiting for inputs come last, once the inputs end.
    """
    async for chunk in source.chunks([], size):
        yield await resume.chunk(chunk)
    yield await resume.finish(), []


async def _first_chunk(
    todo: AsyncIterator[tuple[Sequence[Resend], list[RunInput]]],
    size_to_capacity: Callable[[], Awaitable[None]],
) -> tuple[tuple[Sequence[Resend], list[RunInput]], Callable[[], Awaitable[None]]]:
    """Resume the first chunk (before the engine runs: its jobs are watched first).

    Sizes submissions to the provider's capacity now when the chunk sends anything; returns
    the chunk and what to await before a later first send (the sizing, or nothing).
    """
    first = await anext(todo)
    if first[0] or first[1]:
        await size_to_capacity()
        return first, _nothing
    return first, size_to_capacity


async def _prepended(first: T, rest: AsyncIterator[T]) -> AsyncIterator[T]:
    """Yield ``first``, then what ``rest`` yields."""
    yield first
    async for item in rest:
        yield item


async def _nothing() -> None:
    """Do nothing (an awaitable that is not needed)."""


async def submit_all(
    submitter: Submitter,
    plan: Callable[[list[RunInput]], Sequence[Any]],
    chunks: AsyncIterator[tuple[Sequence[Resend], list[RunInput]]],
    first_send: Callable[[], Awaitable[None]],
) -> None:
    """Send each chunk's resent submissions, then plan and send its fresh inputs.

    ``first_send`` is awaited once, before the first submission is sent (none: never).
    Raises what :meth:`BatchRunner.run` documents (not the task group's wrapper of it).
    """
    sending = False
    try:
        async with asyncio.TaskGroup() as group:
            async for to_send, fresh in chunks:
                if (to_send or fresh) and not sending:
                    sending = True
                    await first_send()
                for resend, by_key in to_send:
                    group.create_task(submitter.send_existing(resend, by_key))
                for submission in plan(fresh) if fresh else ():
                    await submitter.turn()
                    group.create_task(submitter.send_new(submission))
    except BaseExceptionGroup as errors:
        for documented in (RunAbortedError, LedgerIOError, InputParamsError):
            found = errors.subgroup(documented)
            if found is not None:
                raise _first(found)  # noqa: B904 -- keeps its own cause
        raise


async def _through_cancellation(
    awaited: asyncio.Future[Any], stopping: Sequence[asyncio.Task[Any]]
) -> bool:
    """Wait for ``awaited`` to end, even through cancellations of this task.

    Each cancellation meanwhile cancels ``stopping`` again. Returns True when this task was
    cancelled (the caller raises it afterwards); raises what ``awaited`` raised.
    """
    cancelled = False
    while not awaited.done():
        try:
            await asyncio.shield(awaited)
        except asyncio.CancelledError:
            if awaited.done():
                break
            cancelled = True
            for task in stopping:
                task.cancel()
    awaited.result()
    return cancelled


def _first(group: BaseExceptionGroup[Any]) -> BaseException:
    """Return the first exception of a (possibly nested) exception group."""
    first = group.exceptions[0]
    return _first(first) if isinstance(first, BaseExceptionGroup) else first
