"""The waiting engine: one heap of due reads for every job a caller waits for.

Both :meth:`scrapejobs.AsyncJobs.wait` and the batch runner wait through a :class:`WaitEngine`.
The caller says which jobs to watch (and when each was submitted); the engine decides when to
ask the provider what, and hands back one :class:`Outcome` per job: its final status and, where
it could be read, its typed result.

How it keeps requests few and results early:

- each read goes through :meth:`Adapter.observe <scrapejobs.jobs.Adapter.observe>`, the cheapest
  way the provider offers to learn status *and* result (Decodo's and Scrapio's result endpoints
  answer "not yet" while a job runs, ScrapingPros' run listing embeds results, ScraperAPI's status
  holds the result); a result is read separately only when that answer did not carry it, and
  never twice;
- jobs a single request reads together (a Scrape.do job's tasks, a ScrapingPros run's jobs) are
  one *unit*, read when enough of its members are expected to have ended;
- when to read comes from the durations of the jobs of the same kind seen so far
  (:class:`~scrapejobs.durations.DurationModel`): a unit is read at a quantile of the durations
  still possible. Until one job of a kind has ended, a single *scout* job is read on a finely
  growing schedule while its peers wait: the first ending it sees plans everyone else;
- no read right after submitting; never two reads of one job closer than the provider's
  documented floor; ``Retry-After`` and failed reads push a unit back (``errors`` backoff);
- with webhooks, a delivery wakes its job at once, and jobs that expect one are read only every
  ``fallback_interval`` seconds (a lost delivery costs that much, never the result).

Everything runs on the injected clock and sleep, and picks scouts in watch order: deterministic
in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from scrapejobs.backoff import Backoff, poll_backoff
from scrapejobs.durations import TAIL, DurationModel, Member, due_time
from scrapejobs.errors import (
    ConflictError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    ServerError,
)
from scrapejobs.events import WebhookEvents, ref_keys
from scrapejobs.jobs import Adapter, JobRef, JobStatus, Observation
from scrapejobs.states import JobState

LOG = logging.getLogger("scrapejobs.waiting")


@dataclass(frozen=True)
class Timing:
    """How eagerly the engine reads: the trade between requests and time to a result.

    ``quantile``: a job read on its own is read when it has this chance of having ended since
    its last read. ``tail``: a job older than every duration seen is read again at this multiple
    of its age. ``group_scale`` multiplies the share of a scope's jobs expected to have ended
    before the scope is read (:attr:`~scrapejobs.jobs.WaitCapabilities.group_share`).
    """

    quantile: float = 0.3
    tail: float = TAIL
    group_scale: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.quantile <= 1 or self.tail <= 1 or self.group_scale <= 0:
            raise ValueError("need 0 < quantile <= 1, tail > 1 and group_scale > 0")


PROMPT = Timing()
"""The default: results soon after jobs end, a few more reads while durations are learned."""

FRUGAL = Timing(quantile=0.8, tail=2.5, group_scale=3.0)
"""Fewer reads per job, results later: for accounts where reads are scarce (rate limits)."""

SCOUT_FIRST = 0.5
"""Age (seconds) of a scout's first read, when nothing of its kind has been seen to end."""

SCOUT_GROWTH = 1.2
"""Each scout read comes this factor later than the one before (at most ~20 % late)."""

PARKED_FIRST = 8.0
"""Age of the first read of a job waiting for its kind's scout (a safety net: doubling after)."""

TRANSIENT = (RateLimitedError, ServerError, httpx.TransportError)
"""Read failures that pass by themselves: the read is tried again later."""

READS_IN_FLIGHT = 16
"""Requests the engine sends at once when the caller gives no ``slot`` (the runner's default
concurrency too): a large batch of jobs due together is read over a moment, not in one burst."""

RESULT_ATTEMPTS = 20
"""Reads of a final job's result before it is reported as not collectable."""

Unit = tuple[str, tuple[Any, ...]]
"""What one read covers: ("job", ref) or ("scope", scope)."""


class _Gate:
    """At most ``n`` requests at once (the default ``slot`` of an engine)."""

    def __init__(self, n: int) -> None:
        self._semaphore = asyncio.Semaphore(n)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        async with self._semaphore:
            yield


@dataclass(frozen=True)
class Outcome:
    """How one watched job ended, as far as the engine could learn.

    ``status`` is the final status (None when the provider no longer knows the job);
    ``result`` the typed result when ``has_result``; ``error`` the provider error that kept
    the engine from the status (NotFoundError) or from the result of a final job.
    """

    ref: JobRef
    status: JobStatus | None
    result: Any = None
    has_result: bool = False
    error: ProviderError | None = None


@dataclass
class _Job:
    ref: JobRef
    kind: str
    since: float
    delivered: bool
    running_at: float = 0.0
    final: JobStatus | None = None
    result_reads: int = 0


@dataclass
class _UnitState:
    jobs: dict[JobRef, None] = field(default_factory=dict)
    due: float | None = None
    busy: bool = False
    errors: int = 0
    read_at: float | None = None
    reads: int = 0


class WaitEngine:
    """Watch jobs of one provider until each has an :class:`Outcome`.

    ``observe`` each unit through ``adapter``; ``on_outcome`` is called once per watched job
    (synchronously, on the engine's loop); ``on_final`` (optional) as soon as a read shows a job
    final, before its result is read. ``slot`` wraps every request (the runner's request
    slots; by default at most :data:`READS_IN_FLIGHT` at once). ``collect`` False reports final jobs without reading results the read did not carry.
    ``timing`` trades reads for time to a result (:data:`PROMPT` by default, :data:`FRUGAL`);
    ``schedule`` replaces the learned timing with a fixed backoff per unit (no scouts).
    A failed read is tried again later when the failure is transient (429, 5xx, network);
    others too unless ``strict``, where the first one stops :meth:`run` and is kept in
    :attr:`error`.
    """

    def __init__(
        self,
        adapter: Adapter,
        *,
        on_outcome: Callable[[Outcome], None],
        clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]],
        model: DurationModel | None = None,
        events: WebhookEvents | None = None,
        fallback_interval: float = 30.0,
        errors: Backoff | None = None,
        schedule: Backoff | None = None,
        rng: random.Random | None = None,
        slot: Callable[[], contextlib.AbstractAsyncContextManager[Any]] | None = None,
        on_final: Callable[[JobRef], None] | None = None,
        on_idle: Callable[[], None] | None = None,
        collect: bool = True,
        strict: bool = False,
        timing: Timing = PROMPT,
    ) -> None:
        self.adapter = adapter
        self.timing = timing
        self.strict = strict
        self.error: Exception | None = None
        """With ``strict``, the read error that stopped :meth:`run` (401, an unreadable answer…)."""
        self.capabilities = adapter.capabilities
        self.model = model if model is not None else DurationModel()
        self.events = events
        self.floor = max(self.capabilities.min_interval, poll_backoff(adapter.provider).floor)
        self.fallback_interval = max(fallback_interval, self.floor)
        self.errors = errors or poll_backoff(adapter.provider)
        self.schedule = schedule
        self._rng = rng or random.Random()  # noqa: S311 -- jitter, not security
        self._clock = clock
        self._sleep = sleep
        self._slot = slot or _Gate(READS_IN_FLIGHT).hold
        self._on_outcome = on_outcome
        self._on_final = on_final or (lambda _ref: None)
        self._on_idle = on_idle or (lambda: None)
        self._collect = collect
        self._jobs: dict[JobRef, _Job] = {}
        self._units: dict[Unit, _UnitState] = {}
        self._heap: list[tuple[float, int, Unit]] = []
        self._seq = 0
        self._by_key: dict[tuple[str, str], set[JobRef]] = {}
        self._scouts: dict[str, Unit] = {}
        """Per kind with no duration seen yet: the one unit read on the scout schedule.

        One scout: four found the first ending sooner, but every later read came sooner too
        (Decodo, 200 jobs of 1-10 s: 3.33 requests per job instead of 2.70, same p50)."""
        self._probe_age: dict[str, float] = {}
        """Per kind with no duration seen yet: the age at which the next scout read happens."""
        self._woken: dict[Unit, set[JobRef]] = {}
        """Jobs a delivery named, per unit, until the unit is read."""
        self._tasks: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._closed = False
        self._halted = False
        self._stopping = False

    def __repr__(self) -> str:
        return f"WaitEngine(provider={self.adapter.provider!r}, watching={len(self._jobs)})"

    # -- public ---------------------------------------------------------------------------------

    @property
    def watching(self) -> int:
        """How many jobs have no outcome yet."""
        return len(self._jobs)

    def watch(
        self, ref: JobRef, *, since: float | None = None, kind: str = "", delivered: bool = False
    ) -> None:
        """Watch ``ref`` (submitted at ``since`` on the engine's clock, default now).

        ``kind`` groups jobs whose durations are alike (default: one kind per provider);
        ``delivered`` says a webhook delivery will announce its end (then it is read only on
        delivery and every ``fallback_interval``; ignored where the provider delivers per
        scope, not per job: ScrapingPros calls once per run, so its jobs are still polled).
        Watching a watched ref does nothing.
        """
        if ref in self._jobs:
            return
        now = self._clock()
        delivered = delivered and self.capabilities.job_deliveries
        job = _Job(ref, self._kind(kind), now if since is None else since, delivered)
        self._jobs[ref] = job
        for key in ref_keys(ref):
            self._by_key.setdefault(key, set()).add(ref)
        unit = self._unit_of(ref)
        state = self._units.setdefault(unit, _UnitState())
        state.jobs[ref] = None
        if not state.busy and state.due is None:
            self._plan(unit)

    def learn(self, kind: str, seconds: float) -> None:
        """Record that a job of ``kind`` took ``seconds`` (e.g. as an earlier run saw it)."""
        self.model.add(self._kind(kind), seconds)

    def _kind(self, kind: str) -> str:
        return f"{self.adapter.provider}:{kind}"

    def close(self) -> None:
        """Say no more jobs will be watched: :meth:`run` returns once every one has an outcome."""
        self._closed = True
        self._wake.set()

    def stop(self) -> None:
        """Make :meth:`run` return soon, with jobs still watched (e.g. after a failure)."""
        self._halted = True
        self._wake.set()

    def wake(self) -> None:
        """Make :meth:`run` look again (after the caller changed something it waits on)."""
        self._wake.set()

    async def run(self, *, deadline: float | None = None) -> None:
        """Read due units until every watched job has an outcome and :meth:`close` was called.

        Returns early once the engine's clock reaches ``deadline`` (jobs may still be
        watched then). Requests in flight when it returns or is cancelled are cancelled.
        """
        try:
            while not self._halted:
                for unit, only in self._take_due():
                    self._spawn(self._read(unit, only))
                if self._closed and not self._jobs and not self._tasks:
                    return
                now = self._clock()
                if deadline is not None and now >= deadline:
                    return
                self._on_idle()
                self._wake.clear()
                delay = max(0.0, self._heap[0][0] - now) if self._heap else 60.0
                if deadline is not None:
                    delay = min(delay, max(0.0, deadline - now))
                await self._sleep_or_wake(delay)
        finally:
            await self._stop_tasks()

    # -- units and plans ------------------------------------------------------------------------

    def _unit_of(self, ref: JobRef) -> Unit:
        if self.capabilities.scoped_reads and ref.scope:
            return ("scope", ref.scope)
        return ("job", (ref,))

    def _members(self, state: _UnitState) -> list[_Job]:
        return [job for ref in state.jobs if (job := self._jobs[ref]).final is None]

    def _push(self, unit: Unit, due: float) -> None:
        state = self._units[unit]
        state.due = due
        self._seq += 1
        heapq.heappush(self._heap, (due, self._seq, unit))
        self._wake.set()

    def _plan(self, unit: Unit, *, hint: float | None = None) -> None:
        """Set when ``unit`` is read next (nothing when it has no running member)."""
        state = self._units.get(unit)
        if state is None:
            return
        members = self._members(state)
        if not members:
            state.due = None
            return
        now = self._clock()
        last = state.read_at if state.read_at is not None else min(j.since for j in members)
        earliest = max(now, last + self.floor)  # a submission counts as a read
        if state.errors:
            delay = self.errors.delay(state.errors - 1, self._rng, hint=hint)
            self._push(unit, max(earliest, now + delay))
            return
        if all(job.delivered for job in members):
            self._push(unit, max(earliest, last + self.fallback_interval))
            return
        if self.schedule is not None:
            self._push(unit, max(earliest, last + self.schedule.delay(state.reads, self._rng)))
            return
        self._push(unit, max(earliest, self._due_for(unit, members)))

    def _due_for(self, unit: Unit, members: list[_Job]) -> float:
        """Return when the learned durations (or the scout schedule) say to read ``unit``."""
        kind = members[0].kind
        samples = self.model.samples(kind)
        group = unit[0] == "scope"
        timing = self.timing
        share = self.capabilities.group_share * timing.group_scale
        if samples:
            need = max(timing.quantile, share * len(members)) if group else timing.quantile
            tail = SCOUT_GROWTH if group else timing.tail  # a group's read is shared: look sooner
            planned = due_time(
                [Member(j.since, j.running_at) for j in members], samples, need, tail=tail
            )
            assert planned is not None  # noqa: S101 -- samples is not empty
            return planned
        oldest = min(members, key=lambda j: j.since)
        if self._scouts.setdefault(kind, unit) == unit:
            return oldest.since + max(self._probe_age.setdefault(kind, SCOUT_FIRST), self.floor)
        return oldest.since + max(PARKED_FIRST, oldest.running_at * 2)

    def _pass_scout(self, unit: Unit, kind: str) -> None:
        """After a scout read found nothing ended: the next probe goes to another job.

        Each probe reads a job not read yet (or the one read longest ago), a little later in
        its life than the last probe: the first of the kind's jobs to end is found early, not
        only the scout's own. Nothing happens once a duration of ``kind`` is known.
        """
        if self._scouts.get(kind) != unit or self.model.samples(kind):
            return
        probed = max((job.running_at for job in self._members(self._units[unit])), default=0.0)
        # The next probe comes later in a job's life than this one (no burst of probes when
        # the waiting started long after the submissions).
        age = max(self._probe_age.get(kind, SCOUT_FIRST), probed)
        self._probe_age[kind] = age * SCOUT_GROWTH
        best: tuple[float, Unit] | None = None
        for other, state in self._units.items():
            if other == unit or state.busy or state.errors:
                continue
            members = self._members(state)
            if not members or members[0].kind != kind:
                continue
            rank = -1.0 if state.read_at is None else state.read_at
            if best is None or rank < best[0]:
                best = (rank, other)
                if rank < 0:
                    break
        if best is None:
            return
        self._scouts[kind] = best[1]
        self._plan(best[1])

    def _replan_kind(self, kind: str) -> None:
        """Plan again every idle unit of ``kind`` (its first duration was just learned)."""
        self._scouts.pop(kind, None)
        for unit, state in self._units.items():
            if state.busy or state.errors:
                continue
            members = self._members(state)
            if members and members[0].kind == kind:
                self._plan(unit)

    # -- the loop -------------------------------------------------------------------------------

    def _take_due(self) -> list[tuple[Unit, tuple[JobRef, ...] | None]]:
        """Return the units to read now: whole (their time came) or just the delivered refs.

        A delivery that names jobs of a scope reads just those (one request each carries status
        and result where the provider allows), unless it names every member and one read of the
        scope carries results too (then the scope is read). A delivery for a unit whose read is under way waits for that read.
        """
        now = self._clock()
        due: dict[Unit, tuple[JobRef, ...] | None] = {}
        while self._heap and self._heap[0][0] <= now:
            when, _, unit = heapq.heappop(self._heap)
            state = self._units.get(unit)
            if state is not None and state.due == when and not state.busy:
                due[unit] = None
        if self.events is not None:
            for key in self.events.drain():
                for ref in self._by_key.get(key, ()):
                    self._woken.setdefault(self._unit_of(ref), set()).add(ref)
        for unit, woken in list(self._woken.items()):
            state = self._units.get(unit)
            if state is None or state.busy:
                if state is None:
                    del self._woken[unit]
                continue
            del self._woken[unit]
            if unit in due:
                continue
            members = self._members(state)
            live = tuple(job.ref for job in members if job.ref in woken)
            whole = unit[0] == "job" or (
                len(live) == len(members) and self.capabilities.result_in_read
            )
            if live:
                due[unit] = None if whole else live
        for unit in due:
            self._units[unit].busy = True
            self._units[unit].due = None
        return list(due.items())

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)

        def done(finished: asyncio.Task[None]) -> None:
            self._tasks.discard(finished)
            self._wake.set()
            if finished.cancelled() or finished.exception() is None:
                return
            if self._stopping:
                LOG.debug("job read stopped: %r", finished.exception())
            else:
                LOG.error("job read crashed", exc_info=finished.exception())

        task.add_done_callback(done)

    async def _sleep_or_wake(self, delay: float) -> None:
        """Sleep ``delay`` (injected sleep) or until woken: a read ended, a delivery came.

        While reads are in flight the wait is in real time (they end by themselves), so an
        injected sleep that moves a test clock never jumps past a read under way.
        """
        waiters: list[asyncio.Future[Any]] = [asyncio.ensure_future(self._wake.wait())]
        if self.events is not None:
            waiters.append(asyncio.ensure_future(self.events.changed()))
        if not self._tasks:
            waiters.append(asyncio.ensure_future(self._sleep(delay)))
        try:
            await asyncio.wait(
                waiters,
                timeout=delay if self._tasks else None,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:  # also when run() itself is cancelled: no waiter is left behind
            for waiter in waiters:
                waiter.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)

    async def _stop_tasks(self) -> None:
        self._stopping = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- reading --------------------------------------------------------------------------------

    async def _read(self, unit: Unit, only: tuple[JobRef, ...] | None = None) -> None:
        """Observe ``unit``'s running members; record what ended, plan the next read.

        ``only`` (jobs a delivery named) reads just those, one request each.
        """
        state = self._units[unit]
        members = self._members(state)
        if only is not None:
            members = [job for job in members if job.ref in only]
        refs = [job.ref for job in members]
        try:
            if not refs:
                return
            try:
                seen: dict[JobRef, Observation] = {}
                for batch in [refs] if only is None else [[ref] for ref in refs]:
                    async with self._slot():
                        seen.update(await self.adapter.observe(batch))
            except NotFoundError as error:
                state.errors = 0
                for ref in refs:
                    self._end(Outcome(ref, None, error=error))
                return
            except (ProviderError, httpx.TransportError) as error:
                if self.strict and not isinstance(error, TRANSIENT):
                    self.error = error
                    self.stop()
                    return
                LOG.debug("%s: status read failed (%s); trying again later", self.provider, error)
                state.errors += 1
                state.read_at = self._clock()
                self._plan(unit, hint=getattr(error, "retry_after", None))
                return
            now = self._clock()
            state.errors = 0
            state.read_at = now
            state.reads += 1
            learned: set[str] = set()
            for job in members:
                observation = seen.get(job.ref)
                if observation is None or not observation.status.state.final:
                    job.running_at = now - job.since
                    continue
                if not self.model.samples(job.kind):
                    learned.add(job.kind)
                self.model.add(job.kind, self._duration(job, observation, now))
                self._final(job, observation)
            state.busy = False
            if members and not learned:
                self._pass_scout(unit, members[0].kind)
            self._plan(unit)
            for kind in learned:
                self._replan_kind(kind)
        finally:
            state.busy = False
            if state.due is None and self._members(state) and unit in self._units:
                self._plan(unit)
            self._drop_if_empty(unit)

    @property
    def provider(self) -> str:
        """The provider whose jobs this engine watches."""
        return self.adapter.provider

    def _duration(self, job: _Job, observation: Observation, now: float) -> float:
        reported = self.adapter.reported_duration(observation)
        return reported if reported is not None else now - job.since

    def _final(self, job: _Job, observation: Observation) -> None:
        """Record that a read showed ``job`` final; report it, or read its result first."""
        job.final = observation.status
        self._on_final(job.ref)
        if observation.has_result:
            self._end(
                self._with_reason(Outcome(job.ref, observation.status, observation.result, True))
            )
        elif not self._collect:
            self._end(Outcome(job.ref, observation.status))
        else:
            self._spawn(self._collect_result(job))

    async def _collect_result(self, job: _Job) -> None:
        """Read a final job's result (retrying later on transient failures) and report it."""
        status = job.final
        assert status is not None  # noqa: S101 -- only final jobs are collected
        while job.ref in self._jobs:
            job.result_reads += 1
            try:
                async with self._slot():
                    result = await self.adapter.result(job.ref)
            except (ConflictError, NotFoundError) as error:
                if status.state is not JobState.SUCCEEDED:
                    self._end(Outcome(job.ref, status))  # no result to collect
                elif isinstance(error, NotFoundError) or job.result_reads >= RESULT_ATTEMPTS:
                    self._end(Outcome(job.ref, status, error=error))
                else:
                    await self._sleep(self._retry_delay(job.result_reads, None))
                    continue
                return
            except (ProviderError, httpx.TransportError) as error:
                if self.strict and not isinstance(error, TRANSIENT):
                    self._end(Outcome(job.ref, status, error=error))  # final; result unread
                    return
                LOG.debug("%s: result read failed (%s); trying again later", self.provider, error)
                await self._sleep(self._retry_delay(job.result_reads, error))
                continue
            self._end(self._with_reason(Outcome(job.ref, status, result, True)))
            return

    def _retry_delay(self, reads: int, error: Exception | None) -> float:
        hint = getattr(error, "retry_after", None)
        return self.errors.delay(max(0, reads - 1), self._rng, hint=hint)

    def _with_reason(self, outcome: Outcome) -> Outcome:
        status = outcome.status
        if status is None or status.reason is not None or status.state is JobState.SUCCEEDED:
            return outcome
        reason = self.adapter.failure_reason(outcome.result)
        if reason is None:
            return outcome
        return Outcome(
            outcome.ref,
            JobStatus(status.ref, status.state, status.raw_status, status.model, reason),
            outcome.result,
            outcome.has_result,
            outcome.error,
        )

    def _end(self, outcome: Outcome) -> None:
        """Forget the job and hand its outcome to the caller (once)."""
        job = self._jobs.pop(outcome.ref, None)
        if job is None:
            return
        for key in ref_keys(outcome.ref):
            refs = self._by_key.get(key)
            if refs is not None:
                refs.discard(outcome.ref)
                if not refs:
                    del self._by_key[key]
        unit = self._unit_of(outcome.ref)
        state = self._units.get(unit)
        if state is not None:
            state.jobs.pop(outcome.ref, None)
            self._drop_if_empty(unit)
        self._wake.set()
        self._on_outcome(outcome)

    def _drop_if_empty(self, unit: Unit) -> None:
        state = self._units.get(unit)
        if state is not None and not state.jobs and not state.busy:
            del self._units[unit]
            for kind, scout in list(self._scouts.items()):
                if scout == unit:  # pick another scout among the parked jobs
                    self._replan_kind(kind)


__all__ = ["FRUGAL", "PROMPT", "Outcome", "Timing", "WaitEngine"]
