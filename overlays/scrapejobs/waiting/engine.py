"""The waiting engine: one loop that reads due units for every job a caller waits for.

Both :meth:`scrapejobs.AsyncJobs.wait` and the batch runner wait through a :class:`WaitEngine`.
The caller says which jobs to watch (and when each was submitted); the engine asks the provider
when its :class:`~scrapejobs.waiting.plan.ReadPlan` says a unit is due, and hands back one
:class:`Outcome` per job: its final status and, where it could be read, its typed result.

- each read goes through :meth:`Adapter.observe <scrapejobs.jobs.Adapter.observe>`, the cheapest
  way the provider offers to learn status *and* result (Decodo's and Scrapio's result endpoints
  answer "not yet" while a job runs, ScrapingPros' run listing embeds results, ScraperAPI's status
  holds the result); a result is read separately (:mod:`~scrapejobs.waiting.results`) only when
  that answer did not carry it, and never twice;
- what each read saw feeds the plan: durations of ended jobs, ages of running ones;
- with webhooks, a delivery wakes the jobs it names at once
  (:mod:`~scrapejobs.waiting.deliveries`); jobs that expect one are read only every
  ``fallback_interval`` seconds (a lost delivery costs that much, never the result).

Everything runs on the injected clock and sleep: deterministic in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx

from scrapejobs.backoff import Backoff, poll_backoff
from scrapejobs.errors import (
    NotFoundError,
    ProviderError,
)
from scrapejobs.jobs import Adapter, JobRef, Observation
from scrapejobs.waiting.deliveries import Deliveries, Due
from scrapejobs.waiting.durations import DurationModel
from scrapejobs.waiting.plan import (
    FRUGAL,
    PROMPT,
    SCOUT_FIRST,
    Pacing,
    ReadPlan,
    Timing,
    Unit,
    WatchedJob,
)
from scrapejobs.waiting.results import TRANSIENT, Outcome, ResultReader, with_reason
from scrapejobs.waiting.tasks import ReadTasks
from scrapejobs.webhooks.events import WebhookEvents

LOG = logging.getLogger("scrapejobs.waiting")


READS_IN_FLIGHT = 16
"""Requests the engine sends at once when the caller gives no ``slot`` (the runner's default
concurrency too): a large batch of jobs due together is read over a moment, not in one burst."""


class _Gate:
    """At most ``n`` requests at once (the default ``slot`` of an engine)."""

    def __init__(self, n: int) -> None:
        self._semaphore = asyncio.Semaphore(n)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        async with self._semaphore:
            yield


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
        self.strict = strict
        self.error: Exception | None = None
        """With ``strict``, the read error that stopped :meth:`run` (401, an unreadable answer…)."""
        self.capabilities = adapter.capabilities
        self.model = model if model is not None else DurationModel()
        self.events = events
        self.errors = errors or poll_backoff(adapter.provider)
        floor = max(self.capabilities.min_interval, poll_backoff(adapter.provider).floor)
        pacing = Pacing(
            self.capabilities, timing, floor, max(fallback_interval, floor), self.errors, schedule
        )
        rng = rng or random.Random()  # noqa: S311 -- jitter, not security
        self._clock = clock
        self._wake = asyncio.Event()
        self.plan = ReadPlan(pacing, self.model, clock=clock, rng=rng, on_change=self._wake.set)
        """When each watched unit is read next (the engine reads; the plan decides when)."""
        self._slot = slot or _Gate(READS_IN_FLIGHT).hold
        self._on_outcome = on_outcome
        self._on_final = on_final or (lambda _ref: None)
        self._on_idle = on_idle or (lambda: None)
        self._collect = collect
        self._results = ResultReader(
            adapter,
            slot=self._slot,
            sleep=sleep,
            errors=self.errors,
            rng=rng,
            end=self._end,
            watched=self.plan.jobs.__contains__,
            strict=strict,
        )
        in_read = self.capabilities.result_in_read
        self._deliveries = None if events is None else Deliveries(events, self.plan, in_read)
        self._tasks = ReadTasks(self._wake, sleep)
        self._closed = False
        self._halted = False

    def __repr__(self) -> str:
        return f"WaitEngine(provider={self.adapter.provider!r}, watching={self.watching})"

    # -- public ---------------------------------------------------------------------------------

    @property
    def provider(self) -> str:
        """The provider whose jobs this engine watches."""
        return self.adapter.provider

    @property
    def watching(self) -> int:
        """How many jobs have no outcome yet."""
        return len(self.plan.jobs)

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
        if ref in self.plan.jobs:
            return
        delivered = delivered and self.capabilities.job_deliveries
        since = self._clock() if since is None else since
        if self._deliveries is not None:
            self._deliveries.add(ref)
        self.plan.add(WatchedJob(ref, self._kind(kind), since, delivered))

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
        Raises what a read crashed with (a bug: a provider's answer never crashes a read).
        """
        try:
            while not self._halted:
                if self._tasks.crashed is not None:
                    raise self._tasks.crashed
                for unit, only in self._take_due():
                    self._tasks.spawn(self._read(unit, only))
                if self._closed and not self.plan.jobs and not self._tasks:
                    return
                now = self._clock()
                if deadline is not None and now >= deadline:
                    return
                self._on_idle()
                self._wake.clear()
                next_due = self.plan.next_due()
                delay = 60.0 if next_due is None else max(0.0, next_due - now)
                if deadline is not None:
                    delay = min(delay, max(0.0, deadline - now))
                deliveries = self._deliveries
                await self._tasks.sleep_or_wake(
                    delay, None if deliveries is None else deliveries.subscription.wait
                )
        finally:
            await self._tasks.stop()

    # -- the loop -------------------------------------------------------------------------------

    def _take_due(self) -> list[tuple[Unit, tuple[JobRef, ...] | None]]:
        """Return the units to read now (marked busy): whole, or just the refs delivered."""
        plan = self.plan
        due: Due = dict.fromkeys(plan.pop_due(self._clock()))
        if self._deliveries is not None:
            self._deliveries.add_woken(due)
        for unit in due:
            plan.units[unit].busy = True
            plan.units[unit].due = None
        return list(due.items())

    # -- reading --------------------------------------------------------------------------------

    async def _read(self, unit: Unit, only: tuple[JobRef, ...] | None = None) -> None:
        """Observe ``unit``'s running members; record what ended, plan the next read.

        ``only`` (jobs a delivery named) reads just those, one request each.
        """
        plan = self.plan
        state = plan.units[unit]
        members = plan.members(state)
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
                plan.read_failed(unit, hint=getattr(error, "retry_after", None))
                return
            now = plan.read_answered(unit)
            learned: set[str] = set()
            for job in members:
                observation = seen.get(job.ref)
                if observation is None or not observation.status.state.final:
                    plan.seen_running(job, now - job.since)
                    continue
                plan.seen_ended(job)
                if not self.model.samples(job.kind):
                    learned.add(job.kind)
                self.model.add(job.kind, self._duration(job, observation, now))
                self._final(job, observation)
            plan.read_done(unit, members[0].kind, learned)
        finally:
            state.busy = False
            if state.due is None and plan.members(state) and unit in plan.units:
                plan.plan(unit)
            plan.drop_if_empty(unit)

    def _duration(self, job: WatchedJob, observation: Observation, now: float) -> float:
        reported = self.adapter.reported_duration(observation)
        return reported if reported is not None else now - job.since

    def _final(self, job: WatchedJob, observation: Observation) -> None:
        """Record that a read showed ``job`` final; report it, or read its result first."""
        job.final = observation.status
        self._on_final(job.ref)
        if observation.has_result:
            outcome = Outcome(job.ref, observation.status, observation.result, True)
            self._end(with_reason(self.adapter, outcome))
        elif not self._collect:
            self._end(Outcome(job.ref, observation.status))
        else:
            self._tasks.spawn(self._results.collect(job))

    def _end(self, outcome: Outcome) -> None:
        """Forget the job and hand its outcome to the caller (once)."""
        if self.plan.remove(outcome.ref) is None:
            return
        if self._deliveries is not None:
            self._deliveries.remove(outcome.ref)
        self._wake.set()
        self._on_outcome(outcome)


__all__ = ["FRUGAL", "PROMPT", "SCOUT_FIRST", "Outcome", "Timing", "WaitEngine"]
