"""The batch runner: many inputs through one provider, every paid-for job accounted for.

::

    inputs, digest = read_inputs("urls.txt")
    with SqliteLedger("run.db") as ledger:
        runner = BatchRunner(AsyncJobs("scrapio", token), ledger, concurrency=32)
        async for item in runner.run(inputs, digest):
            print(item.to_json())

What it does, in order:

1. plans the inputs into submissions (:mod:`scrapejobs.batch.planning`; batch endpoints where the
   provider has them) and checks every input before anything is sent;
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
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import logging
import queue
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

import httpx

from scrapejobs.backoff import MIN_BATCH_INTERVAL, Backoff, poll_backoff
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import (
    IntentEntry,
    Ledger,
    LedgerIOError,
    Submission,
    SubmissionState,
    SubmittedEntry,
    idempotency_key,
)
from scrapejobs.batch.planning import DEFAULT_BATCH_SIZE, PlannedSubmission, planner
from scrapejobs.batch.run_webhooks import RunWebhooks
from scrapejobs.client import AsyncJobs
from scrapejobs.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    RateLimitedError,
    ScrapejobsError,
    SubmissionUncertainError,
)
from scrapejobs.jobs import JobRef, JobStatus
from scrapejobs.states import JobState
from scrapejobs.waiting import PROMPT, Outcome, Timing, WaitEngine
from scrapejobs.webhooks.events import WebhookEvents

LOG = logging.getLogger("scrapejobs.batch.runner")
T = TypeVar("T")
E = TypeVar("E")

IDEMPOTENT_SUBMISSIONS = frozenset({"scrapio", "scrapingpros"})
"""Providers whose submissions carry an idempotency key: an interrupted one is safely resent."""


UNCERTAIN_RESENDS = 3
"""Resends of a submission that came back uncertain, with its idempotency key, before it is
reported uncertain (each after a poll delay; the key makes them create nothing new)."""

UNCERTAIN_SUBMISSIONS_IN_FLIGHT = 2
"""Submissions sent at once to a provider without idempotency keys: a crash leaves at most this
many in doubt (batches are large, so more in flight would not make a run faster)."""


def submissions_in_flight(provider: str, concurrency: int) -> int:
    """Return how many submissions the runner sends at once to ``provider``.

    Half of ``concurrency`` where submissions carry an idempotency key (a crash loses nothing);
    otherwise :data:`UNCERTAIN_SUBMISSIONS_IN_FLIGHT`, and 1 where the provider paces batch
    submissions (Decodo: one per second), so no intent waits for its turn.
    """
    if provider in MIN_BATCH_INTERVAL:
        return 1
    if provider in IDEMPOTENT_SUBMISSIONS:
        return max(1, concurrency // 2)
    return min(UNCERTAIN_SUBMISSIONS_IN_FLIGHT, max(1, concurrency // 2))


class ItemState(StrEnum):
    """How one input ended."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    """The job ended, but its result could not be read any more (or the job is gone)."""
    REFUSED = "refused"
    """The provider refused the submission: no job, nothing paid."""
    UNCERTAIN = "uncertain"
    """The submission may have created a job; it is not resent unless the user asks."""


class RunAbortedError(ScrapejobsError):
    """The run cannot go on (e.g. the credential was refused); nothing in flight is lost."""


@dataclass(frozen=True)
class ItemResult:
    """The outcome of one input (one line of a run's output)."""

    input: RunInput
    state: ItemState
    job: JobRef | None = None
    result: Any = field(default=None, repr=False)
    """The typed result as JSON (the generated model's ``to_dict()``), or None."""
    reason: str | None = None

    @property
    def line(self) -> int:
        """The input's line number (1-based)."""
        return self.input.line

    def to_json(self) -> dict[str, Any]:
        """Return the output line as a JSON object (line, input, state, job, result, reason)."""
        return {
            "line": self.input.line,
            "input": dict(self.input.params),
            "state": self.state.value,
            "provider": self.job.provider if self.job else None,
            "job_id": self.job.job_id if self.job else None,
            "job": str(self.job) if self.job else None,
            "reason": self.reason,
            "result": self.result,
        }


@dataclass
class RunStats:
    """Live counters of a run (read by progress displays; updated only by the runner)."""

    inputs: int = 0
    jobs: int = 0
    """Jobs with ids (created by the provider), including those of earlier runs."""
    submissions: int = 0
    """Submission requests sent by this run."""
    requests: int = 0
    """HTTP requests sent by this run (counted by :class:`RequestCounter` when installed)."""
    replayed: int = 0
    """Outcomes taken from the ledger (recorded by an earlier run), counted in ``by_state``."""
    by_state: dict[ItemState, int] = field(default_factory=lambda: dict.fromkeys(ItemState, 0))

    @property
    def done(self) -> int:
        """Inputs with an outcome."""
        return sum(self.by_state.values())

    @property
    def failed(self) -> int:
        """Inputs that ended without a result (failed, cancelled, expired, refused)."""
        return sum(
            self.by_state[state]
            for state in (
                ItemState.FAILED,
                ItemState.CANCELLED,
                ItemState.EXPIRED,
                ItemState.REFUSED,
            )
        )

    @property
    def in_flight(self) -> int:
        """Inputs submitted or being submitted without an outcome yet."""
        return self.inputs - self.done


class RequestCounter:
    """An httpx request event hook that counts requests (``httpx_args={"event_hooks": …}``)."""

    def __init__(self, stats: RunStats) -> None:
        self.stats = stats

    async def __call__(self, request: httpx.Request) -> None:
        """Count one request; never reads or logs it."""
        del request
        self.stats.requests += 1


_DONE = object()


class BatchRunner:
    """Run inputs through one provider's :class:`AsyncJobs` with a durable :class:`Ledger`.

    ``concurrency`` bounds the HTTP requests in flight (submissions take at most half of them);
    ``batch_size`` is inputs per submission (default per provider, capped at its limit).
    ``webhooks`` + ``events`` wait by webhook (the caller serves the receiver feeding
    ``events``); every job is still polled each ``fallback_interval`` seconds. Jobs are
    watched by a :class:`~scrapejobs.waiting.WaitEngine` (reads timed from the durations
    learned in ``jobs.durations``); ``timing`` trades reads for time to a result
    (:data:`~scrapejobs.waiting.PROMPT` or :data:`~scrapejobs.waiting.FRUGAL`); ``poll``
    replaces the learned timing with a fixed backoff. Use one runner
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
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
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
        self.planner = planner(self.provider)
        self._clock = jobs.clock
        self._sleep = jobs.sleep
        self._rng = jobs.rng
        self._slots = RequestSlots(concurrency)
        self._inputs: dict[JobRef, RunInput] = {}
        """Watched jobs and their inputs, until their outcome is recorded."""
        self._engine = WaitEngine(
            self.adapter,
            on_outcome=self._outcome,
            clock=self._clock,
            sleep=self._sleep,
            model=jobs.durations,
            events=events,
            fallback_interval=fallback_interval,
            errors=self.polling,
            schedule=poll,
            timing=timing,
            rng=self._rng,
            slot=self._slots.hold,
            on_final=self._seen_final,
            on_idle=self._idle,
        )
        # Outcomes waiting for their group commit.
        self._finished: list[tuple[JobRef, JobState, Any, str | None, ItemState]] = []
        self._done_inputs: dict[JobRef, RunInput] = {}
        self._stopping = False
        self._closing = False
        self._flush_now = asyncio.Event()
        self._emit: Callable[[ItemResult], None] = lambda _item: None
        self._capacity: int | None = None
        self._capacity_changed = asyncio.Event()
        self._reserved = 0
        """Jobs of submissions let through by the capacity check and not yet watched."""
        self._final: set[JobRef] = set()
        """Watched jobs a status read showed final, whose outcome is not recorded yet."""
        self._db_thread = ThreadPoolExecutor(1, thread_name_prefix="scrapejobs-ledger")
        # A request's retries wait out their backoff without its slot: under faults, slots
        # held by sleepers would otherwise leave the other jobs waiting for nothing.
        retry = self.adapter.retry
        self.adapter.retry = dataclasses.replace(
            retry, async_sleep=self._slots.lending(retry.async_sleep or asyncio.sleep)
        )
        # Intents and accepted submissions written while an earlier write commits share the
        # next commit: one fsync for many submissions, each still durable before it goes on.
        self._intents: GroupCommit[IntentEntry] = GroupCommit(
            self._db, ledger, "intend_many", withdraw_cancelled=True
        )
        self._accepted: GroupCommit[SubmittedEntry] = GroupCommit(
            self._db, ledger, "submitted_many"
        )
        self._submit_slots = asyncio.Semaphore(submissions_in_flight(self.provider, concurrency))

    def __repr__(self) -> str:
        return f"BatchRunner(provider={self.provider!r}, concurrency={self.concurrency})"

    # -- public ---------------------------------------------------------------------------------

    async def run(self, inputs: Sequence[RunInput], digest: str) -> AsyncIterator[ItemResult]:
        """Yield one :class:`ItemResult` per input, as outcomes are recorded.

        ``digest`` identifies the inputs (see :func:`scrapejobs.batch.inputs.read_inputs`); a ledger
        bound to other inputs or another provider is refused. Outcomes recorded by earlier runs
        on the same ledger are yielded first. Breaking out of the iteration stops the run;
        everything submitted stays in the ledger for the next one.

        Raises:
            InputParamsError: an input makes no valid request (nothing was sent).
            LedgerMismatchError: the ledger belongs to another run.
            RunAbortedError: the provider refused the credential or the account's limits;
                what was submitted is in the ledger.

        """
        self.planner.plan(inputs, self.batch_size)  # check every input before anything else
        results: asyncio.Queue[Any] = asyncio.Queue()
        self._emit = results.put_nowait
        driver = asyncio.create_task(self._drive(inputs, digest, results))
        try:
            while True:
                item = await results.get()
                if item is _DONE:
                    break
                yield item
            await driver
        finally:
            if not driver.done():
                driver.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await driver
            self._db_thread.shutdown(wait=True)

    # -- driving --------------------------------------------------------------------------------

    async def _db(self, call: Callable[..., T], *args: Any) -> T:
        """Run one ledger call on the ledger's own thread (the event loop never blocks on it)."""
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, call, *args)

    def _record(self, item: ItemResult) -> None:
        self.stats.by_state[item.state] += 1
        self._emit(item)

    async def _drive(
        self, inputs: Sequence[RunInput], digest: str, results: asyncio.Queue[Any]
    ) -> None:
        try:
            await self._drive_inner(inputs, digest)
        finally:
            results.put_nowait(_DONE)

    async def _drive_inner(self, inputs: Sequence[RunInput], digest: str) -> None:
        self.stats.inputs = len(inputs)
        await self._db(self.ledger.bind, self.provider, digest)
        by_key = {item.key: item for item in inputs}
        to_send, covered = await self._resume(by_key)
        fresh = [item for item in inputs if item.key not in covered]
        free = await self._read_capacity() if fresh or to_send else None
        size = self.batch_size
        if free is not None:
            size = max(1, min(size, free))
            # The provider's free concurrency already leaves out this run's unfinished jobs
            # (resumed from the ledger), which _wait_for_capacity counts again. A resumed job
            # that finished but is not collected yet is counted once too often for a moment.
            self._capacity = free + len(self._inputs)
        planned = self.planner.plan(fresh, size) if fresh else []
        watcher = asyncio.create_task(self._engine.run())
        flusher = asyncio.create_task(self._flush_loop())
        try:
            try:
                async with asyncio.TaskGroup() as group:
                    for resend in to_send:
                        group.create_task(self._send_existing(resend, by_key))
                    for submission in planned:
                        await self._submit_slots.acquire()
                        group.create_task(self._send_new(submission))
            except BaseExceptionGroup as errors:
                # Raise what run() documents, not the task group's wrapper of it.
                for documented in (RunAbortedError, LedgerIOError):
                    found = errors.subgroup(documented)
                    if found is not None:
                        raise _first(found)  # noqa: B904 -- keeps its own cause
                raise
            self._engine.close()
            await watcher
        finally:
            self._closing = True  # checks cut short from here on are not crashes
            stopped = (watcher,)
            for task in stopped:
                task.cancel()
            # Let them end before the caller closes the transport under them, and let the ledger
            # writes under way commit before the ledger's thread is shut down.
            cleanup = asyncio.gather(
                *stopped, self._intents.settle(), self._accepted.settle(), return_exceptions=True
            )
            cancelled = await _through_cancellation(cleanup, stopped)
            # Stop the flusher by flag, never by cancellation: a cancelled flush could lose the
            # outcomes it had taken (they are in the ledger, but would not be yielded).
            self._stopping = True
            self._flush_now.set()
            cancelled |= await _through_cancellation(flusher, ())
            if cancelled:
                raise asyncio.CancelledError

    async def _resume(self, by_key: Mapping[str, RunInput]) -> tuple[list[Submission], set[str]]:
        """Replay recorded outcomes and watch outstanding jobs.

        Returns the submissions to send again and the keys of every input the ledger already
        holds (read once: the ledger's submissions are not listed a second time).
        """
        finished: set[JobRef] = set()
        for outcome in await self._db(lambda: list(self.ledger.outcomes())):
            finished.add(outcome.ref)
            item = by_key.get(outcome.input_key or "")
            if item is None:
                continue
            self.stats.replayed += 1
            self._record(
                ItemResult(
                    item,
                    _item_state(outcome.state, outcome.result),
                    outcome.ref,
                    outcome.result,
                    outcome.reason,
                )
            )
        to_send: list[Submission] = []
        submissions = await self._db(self.ledger.submissions)
        known = _known_ids(submissions)
        kinds = {sub.key: self._kind(sub.request) for sub in submissions if sub.refs}
        for sub_key, seconds in await self._db(self.ledger.durations):
            if sub_key in kinds:  # what an earlier run of this ledger saw jobs take
                self._engine.learn(kinds[sub_key], seconds)
        for sub in submissions:
            items = [by_key[key] for key in sub.inputs if key in by_key]
            if sub.state is SubmissionState.SUBMITTED:
                self.stats.jobs += len(sub.refs)
                with_job = {key for key in sub.job_inputs if key}
                for item in items:
                    if item.key not in with_job:
                        reason = sub.reason or "the provider created no job for this input"
                        self._record(ItemResult(item, ItemState.REFUSED, None, None, reason))
                for ref, key in zip(sub.refs, sub.job_inputs, strict=True):
                    if ref not in finished and key is not None and key in by_key:
                        self._watch_ref(
                            ref,
                            by_key[key],
                            kind=kinds[sub.key],
                            polled=self._foreign(sub.callback),
                            submitted_at=sub.submitted_at,
                        )
            elif sub.state is SubmissionState.REFUSED:
                for item in items:
                    self._record(ItemResult(item, ItemState.REFUSED, None, None, sub.reason))
            else:
                if sub.state is SubmissionState.INTENT:
                    if self.provider in IDEMPOTENT_SUBMISSIONS and sub.idempotency_key:
                        LOG.info("resending %s with its idempotency key", sub.key)
                        to_send.append(sub)
                        continue
                    if await self._adopt_listed(sub, items, known):
                        continue
                    reason = (
                        "interrupted between sending and recording; "
                        f"{self.provider} has no idempotency key to resend it safely"
                        + (
                            " and its job listing does not show it"
                            if self.provider == "scrapedo"
                            else ""
                        )
                    )
                    await self._db(self.ledger.uncertain, sub.key, reason)
                    sub = dataclasses.replace(sub, state=SubmissionState.UNCERTAIN, reason=reason)
                if self.resubmit_uncertain:
                    await self._db(self.ledger.reopen, sub.key)
                    to_send.append(sub)
                else:
                    for item in items:
                        self._record(ItemResult(item, ItemState.UNCERTAIN, None, None, sub.reason))
        return to_send, {key for sub in submissions for key in sub.inputs}

    async def _adopt_listed(
        self, sub: Submission, items: Sequence[RunInput], known: set[str]
    ) -> bool:
        """Record the jobs an interrupted submission created when the provider lists them.

        Returns True when they were found (and are now watched), False otherwise.
        """
        if not items:
            return False
        try:
            found = await self.adapter.find_submitted(
                self.planner.model(sub.request, items[0].line), known
            )
        except (ProviderError, httpx.TransportError) as error:
            LOG.warning("%s: could not list jobs to resolve %s: %s", self.provider, sub.key, error)
            return False
        if not found:
            return False
        LOG.info("%s: found the jobs of interrupted submission %s", self.provider, sub.key)
        pairs, unmatched = await self._assign(found, items)
        await self._db(
            self.ledger.submitted,
            sub.key,
            [ref for ref, _ in pairs],
            [item.key if item else None for _, item in pairs],
            None,
        )
        known.update(part for ref in found for part in (ref.job_id, *ref.scope))
        self.stats.jobs += len(pairs)
        for item in unmatched:
            self._record(
                ItemResult(item, ItemState.REFUSED, None, None, "the provider made no job for it")
            )
        for ref, matched in pairs:
            if matched is not None:
                self._watch_ref(
                    ref, matched, kind=self._kind(sub.request), polled=self._foreign(sub.callback)
                )
        return True

    # -- submitting -----------------------------------------------------------------------------

    async def _send_new(self, planned: PlannedSubmission) -> None:
        try:
            input_keys = [item.key for item in planned.inputs]
            key = (
                idempotency_key(self.ledger.run_id, self.provider, planned.key, input_keys)
                if self.provider in IDEMPOTENT_SUBMISSIONS
                else None
            )
            await self._wait_for_capacity(len(planned.inputs))
            try:
                # Wait out the provider's pace before recording the intent: an intent is a
                # submission in doubt until answered, so it must be written just before sending.
                pace = self.adapter.submit_delay(self.planner.model(planned.request))
                if pace > 0:
                    await self._sleep(pace)
                callback = self.webhooks.base_url if self.webhooks is not None else None
                stored: Mapping[str, str | None] = await self._intents(
                    (planned.key, self.provider, planned.request, key, input_keys, callback)
                )
                # Send with the key the ledger holds (a submission recorded before keeps its own).
                key = stored.get(planned.key, key)
                await self._send(planned.key, planned.request, key, planned.inputs, callback)
            finally:
                self._release(len(planned.inputs))
        finally:
            self._submit_slots.release()

    async def _send_existing(self, sub: Submission, by_key: Mapping[str, RunInput]) -> None:
        async with self._submit_slots:
            items = tuple(by_key[key] for key in sub.inputs if key in by_key)
            await self._wait_for_capacity(len(items))
            try:
                await self._send(sub.key, sub.request, sub.idempotency_key, items, sub.callback)
            finally:
                self._release(len(items))

    async def _send(
        self,
        key: str,
        request: Mapping[str, Any],
        idempotency_key: str | None,
        items: Sequence[RunInput],
        callback: str | None,
    ) -> None:
        """Send one recorded submission and record what became of it (never raises for it).

        ``callback`` is the webhook base URL recorded with the intent: a resend carries the body
        of the first attempt, so a provider honouring the idempotency key answers with the job
        that attempt created instead of refusing the key.
        """
        model = self.planner.model(request, items[0].line if items else 0)
        if self.webhooks is not None:
            model = self.webhooks.apply(self.provider, model, base_url=callback)
        attempt = 0
        resends = 0
        while True:
            try:
                async with self._slots.hold():
                    self.stats.submissions += 1
                    refs = await self.jobs.submit(model, idempotency_key=idempotency_key)
                break
            except SubmissionUncertainError as error:
                if idempotency_key is not None and resends < UNCERTAIN_RESENDS:
                    # The key makes the provider answer a resend with what the first attempt
                    # created (ScrapingPros: its collection and that collection's run), if any.
                    resends += 1
                    await self._sleep(self.polling.delay(resends, self._rng))
                    continue
                found = await self._created_anyway(model)
                if found:
                    refs = found
                    break
                reason = f"{error}"
                await self._db(self.ledger.uncertain, key, reason)
                for item in items:
                    self._record(ItemResult(item, ItemState.UNCERTAIN, None, None, reason))
                return
            except (AuthenticationError, PermissionDeniedError) as error:
                # Nothing was created and the next run should send it again: leave the intent
                # (resent with its key, or reported uncertain) and stop the run.
                raise RunAbortedError(f"{self.provider} refused the run: {error}") from error
            except RateLimitedError as error:
                attempt += 1
                await self._sleep(self.polling.delay(attempt, self._rng, hint=error.retry_after))
            except ProviderError as error:
                reason = str(error)
                state = ItemState.REFUSED
                if isinstance(error, ConflictError) and idempotency_key is not None:
                    # The key was used before with another body: a job may exist for it.
                    reason += " (a job may exist for this submission's idempotency key)"
                    state = ItemState.UNCERTAIN
                    await self._db(self.ledger.uncertain, key, reason)
                else:
                    await self._db(self.ledger.refused, key, reason)
                for item in items:
                    self._record(ItemResult(item, state, None, None, reason))
                return
        pairs, unmatched = await self._assign(refs, items)
        missing = (
            f"{self.provider} created {len(refs)} job(s) for {len(items)} input(s); "
            "this input got none"
            if unmatched
            else None
        )
        await self._accepted(
            (
                key,
                [ref for ref, _ in pairs],
                [item.key if item else None for _, item in pairs],
                missing,
            )
        )
        self.stats.jobs += len(pairs)
        for item in unmatched:
            self._record(ItemResult(item, ItemState.REFUSED, None, None, missing))
        for ref, matched in pairs:
            if matched is not None:
                self._watch_ref(
                    ref,
                    matched,
                    kind=type(model).__name__,
                    polled=self._foreign(callback),
                )

    async def _created_anyway(self, model: Any) -> list[JobRef] | None:
        """Return the jobs an uncertain submission created when the provider lists them.

        (A connection dropped after Scrape.do created the job.) Jobs the ledger already holds
        are never taken; None when the provider cannot tell, lists no match, or the listing
        fails — the submission then stays uncertain.
        """
        try:
            known = _known_ids(await self._db(self.ledger.submissions))
            found = await self.adapter.find_submitted(model, known)
        except (ProviderError, httpx.TransportError) as error:
            LOG.debug(
                "%s: could not list jobs after an uncertain submission: %s", self.provider, error
            )
            return None
        if found:
            LOG.info("%s: an uncertain submission's jobs are listed; watching them", self.provider)
        return found

    async def _assign(
        self, refs: Sequence[JobRef], items: Sequence[RunInput]
    ) -> tuple[list[tuple[JobRef, RunInput | None]], list[RunInput]]:
        """Pair each job with its input: by position, or by the primary value the job reports.

        The second happens when a Decodo batch created fewer tasks than it had inputs.
        """
        if len(refs) == len(items):
            return list(zip(refs, items, strict=True)), []
        remaining: dict[str, list[RunInput]] = {}
        for item in items:
            remaining.setdefault(self._primary_value(item), []).append(item)
        pairs: list[tuple[JobRef, RunInput | None]] = []
        for ref in refs:
            status = await self.adapter.status(ref)
            value = _reported_primary(status)
            bucket = remaining.get(value) or []
            pairs.append((ref, bucket.pop(0) if bucket else None))
        unmatched = [item for bucket in remaining.values() for item in bucket]
        return pairs, unmatched

    def _primary_value(self, item: RunInput) -> str:
        name = self.planner.primary(item)
        return str(item.params.get(name, ""))

    async def _read_capacity(self) -> int | None:
        capacity = await self.adapter.capacity()
        if capacity is not None:
            LOG.info("%s: %d free concurrency", self.provider, capacity)
        return capacity

    async def _wait_for_capacity(self, needed: int) -> None:
        """Wait until ``needed`` more unfinished jobs fit in the provider's free concurrency.

        Reserves them until :meth:`_release` (submissions in flight count as unfinished).
        """
        while True:
            capacity = self._capacity
            # A job known to be final no longer takes a slot of the provider's concurrency,
            # even while its result is still being read (or read again after a fault).
            unfinished = len(self._inputs) - len(self._final) + self._reserved
            if (
                capacity is None
                or unfinished + needed <= capacity
                or (unfinished == 0 and capacity > 0)
            ):
                self._reserved += needed
                return
            if unfinished == 0:
                # Others use the account's concurrency: look again after a while.
                await self._sleep(self.polling.maximum)
                self._capacity = await self._read_capacity()
                continue
            self._capacity_changed.clear()
            await self._capacity_changed.wait()

    def _release(self, needed: int) -> None:
        """End a reservation of :meth:`_wait_for_capacity` (its jobs are watched by now)."""
        self._reserved -= needed
        self._capacity_changed.set()

    # -- watching -------------------------------------------------------------------------------

    def _foreign(self, callback: str | None) -> bool:
        """Return True when jobs sent with ``callback`` never notify this run's receiver."""
        return self.webhooks is not None and callback != self.webhooks.base_url

    def _kind(self, request: Mapping[str, Any]) -> str:
        """Return the kind of job ``request`` makes: its request model's name.

        Jobs of one kind share a duration model.
        """
        return type(self.planner.model(request)).__name__

    def _watch_ref(
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
        self._inputs[ref] = item
        since = None
        if submitted_at is not None:
            since = self._clock() - max(0.0, time.time() - submitted_at)
        self._engine.watch(
            ref,
            since=since,
            kind=kind,
            delivered=self.webhooks is not None and not polled,
        )

    def _seen_final(self, ref: JobRef) -> None:
        """Count ``ref``, which a read showed final, out of the provider's concurrency."""
        if ref in self._inputs:
            self._final.add(ref)
            self._capacity_changed.set()

    def _idle(self) -> None:
        """Commit and yield what finished while the engine waits."""
        if self._finished:
            self._flush_now.set()

    def _outcome(self, outcome: Outcome) -> None:
        """Turn the engine's outcome of a job into the run's outcome of its input."""
        status, error = outcome.status, outcome.error
        if status is None:
            reason = f"the provider no longer knows the job: {error}"
            self._finish(outcome.ref, JobState.EXPIRED, None, reason)
        elif outcome.has_result:
            result = outcome.result
            data = result.to_dict() if hasattr(result, "to_dict") else result
            self._finish(outcome.ref, status.state, data, status.reason)
        elif status.state is not JobState.SUCCEEDED:
            self._finish(outcome.ref, status.state, None, status.reason)  # nothing to collect
        elif isinstance(error, NotFoundError):
            reason = f"result no longer available: {error}"
            self._finish(outcome.ref, JobState.EXPIRED, None, reason)
        else:
            reason = f"result never became readable: {error}"
            self._finish(outcome.ref, JobState.EXPIRED, None, reason)

    def _finish(self, ref: JobRef, state: JobState, result: Any, reason: str | None) -> None:
        item = self._inputs.pop(ref, None)
        if item is None:
            return
        self._final.discard(ref)
        self._capacity_changed.set()
        self._finished.append((ref, state, result, reason, _item_state(state, result)))
        self._done_inputs[ref] = item
        if len(self._finished) >= 256:
            self._flush_now.set()

    # -- recording ------------------------------------------------------------------------------

    async def _flush_loop(self) -> None:
        """Commit outcomes when 256 are waiting, when the watcher idles, and at the end."""
        while not self._stopping:
            await self._flush_now.wait()
            self._flush_now.clear()
            await self._flush()
        await self._flush()

    async def _flush(self) -> None:
        """Commit finished outcomes in one transaction, then yield them."""
        batch, self._finished = self._finished, []
        if not batch:
            return
        await self._db(
            self.ledger.finished_many,
            [(ref, state, result, reason) for ref, state, result, reason, _ in batch],
        )
        for ref, _state, result, reason, item_state in batch:
            item = self._done_inputs.pop(ref)
            self._record(ItemResult(item, item_state, ref, result, reason))


@dataclass
class _Hold:
    slots: RequestSlots
    held: bool = True


_HOLD: contextvars.ContextVar[_Hold | None] = contextvars.ContextVar(
    "scrapejobs_runner_slot", default=None
)
"""The request slot the current task holds (set by :meth:`RequestSlots.hold`)."""


class RequestSlots:
    """At most ``n`` requests in flight, not counting the retries waiting out their backoff.

    ``async with slots.hold():`` takes a slot for the requests made inside; a sleep wrapped by
    :meth:`lending` (the adapter's retry backoff) gives the slot back while it sleeps and takes
    one again before the next attempt.
    """

    def __init__(self, n: int) -> None:
        self._semaphore = asyncio.Semaphore(n)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Hold a slot for the block (released on exit, also on errors and cancellation)."""
        await self._semaphore.acquire()
        hold = _Hold(self)
        token = _HOLD.set(hold)
        try:
            yield
        finally:
            _HOLD.reset(token)
            if hold.held:
                self._semaphore.release()

    def lending(self, sleep: Callable[[float], Awaitable[Any]]) -> Callable[[float], Any]:
        """Return ``sleep`` made to lend out the caller's slot of these slots while it sleeps.

        Outside :meth:`hold` (or in another runner's) it is ``sleep`` unchanged. Never raises
        beyond what ``sleep`` raises; a cancelled sleep leaves the slot released.
        """

        async def sleep_without_slot(seconds: float) -> None:
            hold = _HOLD.get()
            if hold is None or hold.slots is not self or not hold.held:
                await sleep(seconds)
                return
            hold.held = False
            self._semaphore.release()
            await sleep(seconds)
            await self._semaphore.acquire()
            hold.held = True

        return sleep_without_slot


class GroupCommit(Generic[E]):
    """Coalesce concurrent ledger writes of one kind into one transaction per round.

    ``await commit(entry)`` returns what the round's write returned once ``entry`` is committed
    (or raises what the write raised). Entries that arrive while a round is being committed form
    the next round. A caller cancelled while its entry waits for a round takes the entry back
    when ``withdraw_cancelled`` (an intent not yet written need not be), else it is still
    written; a round already being written always completes (:meth:`settle` waits for it).
    """

    def __init__(
        self,
        run: Callable[..., Awaitable[Any]],
        ledger: Ledger,
        method: str,
        *,
        withdraw_cancelled: bool = False,
    ) -> None:
        self._run = run
        self._ledger = ledger
        self._method = method
        self._withdraw_cancelled = withdraw_cancelled
        self._pending: list[tuple[E, asyncio.Future[Any]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def __call__(self, entry: E) -> Any:
        """Commit ``entry`` with whatever else is waiting; return (the write's answer) when durable."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        # Its outcome is retrieved here, or deliberately dropped when the caller was cancelled.
        future.add_done_callback(lambda done: done.cancelled() or done.exception())
        waiting = (entry, future)
        self._pending.append(waiting)
        if self._draining is None or self._draining.done():
            self._draining = asyncio.create_task(self._drain())
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            if self._withdraw_cancelled and waiting in self._pending:
                self._pending.remove(waiting)
            raise

    async def settle(self) -> None:
        """Wait until every entry handed over is written (or failed); never raises for them."""
        while self._draining is not None and not self._draining.done():
            await asyncio.gather(self._draining, return_exceptions=True)

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                write_many = getattr(self._ledger, self._method)  # looked up per round
                answer = await self._run(write_many, [entry for entry, _ in batch])
            except Exception as error:  # handed to every waiter of this round
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for _, future in batch:
                if not future.done():
                    future.set_result(answer)


def _item_state(state: JobState, result: Any) -> ItemState:
    del result
    if state is JobState.SUCCEEDED:
        return ItemState.SUCCEEDED
    if state is JobState.CANCELLED:
        return ItemState.CANCELLED
    if state is JobState.EXPIRED:
        return ItemState.EXPIRED
    return ItemState.FAILED


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


def _known_ids(submissions: Sequence[Submission]) -> set[str]:
    """Return every job id and scope id the recorded ``submissions`` hold (for listings)."""
    return {part for sub in submissions for ref in sub.refs for part in (ref.job_id, *ref.scope)}


def _first(group: BaseExceptionGroup[Any]) -> BaseException:
    """Return the first exception of a (possibly nested) exception group."""
    first = group.exceptions[0]
    return _first(first) if isinstance(first, BaseExceptionGroup) else first


def _reported_primary(status: JobStatus) -> str:
    model = status.model
    for name in ("url", "query", "prompt", "product_id"):
        value = getattr(model, name, None)
        if isinstance(value, str) and value:
            return value
    return ""


def iterate_in_thread(make: Callable[[], AsyncIterator[T]], *, buffer: int = 1024) -> Iterator[T]:
    """Run the async iterator made by ``make()`` on a private event loop; yield its items.

    ``make`` is called on that loop's thread (so clients bind to it). Closing the returned
    iterator early stops the async one. Exceptions are re-raised in the caller's thread.
    """
    items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=buffer)
    stop = threading.Event()

    def put(item: T) -> None:
        while not stop.is_set():
            try:
                items.put(("item", item), timeout=0.1)
                return
            except queue.Full:
                continue

    async def pump() -> None:
        agen = make()
        try:
            async for item in agen:
                await asyncio.to_thread(put, item)  # a slow consumer never blocks the loop
                if stop.is_set():
                    break
        finally:
            aclose = getattr(agen, "aclose", None)
            if aclose is not None:
                await aclose()

    def main() -> None:
        try:
            asyncio.run(pump())
            items.put(("done", None))
        except BaseException as exc:
            items.put(("error", exc))

    thread = threading.Thread(target=main, name="scrapejobs-run", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = items.get()
            if kind == "item":
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                items.get_nowait()
        thread.join(timeout=30)
