"""When to read each watched job: the plan behind the waiting engine.

A :class:`ReadPlan` keeps the jobs a :class:`~scrapejobs.waiting.WaitEngine` watches, grouped in
*units* (one job, or a scope one request reads whole), and one heap of when each unit is due.
It decides every due time and never sends a request itself:

- from the durations of ended jobs of the same kind (:class:`~scrapejobs.waiting.durations.DurationModel`)
  and the ages at which its running jobs were last seen running, a job is due when it has
  ended with a given chance since its last read (a Kaplan-Meier estimate:
  :func:`~scrapejobs.waiting.durations.job_due`, :class:`Timing`); a scope when enough of its
  members are expected to have ended;
- until one job of a kind has ended, a single *scout* unit is due on a growing schedule (finer
  the more jobs of the kind wait on it: :func:`cohort_step`) while its peers are parked: the
  first ending it sees plans every other unit of the kind;
- never closer to the last read (a submission counts as one) than the provider's floor; after
  failed reads the error backoff (and ``Retry-After``) decide; units whose every job expects a
  webhook are due only every ``fallback_interval``; a fixed ``schedule`` replaces learning.

Deterministic: the injected clock and rng decide, and scouts are picked in watch order.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scrapejobs.backoff import Backoff
from scrapejobs.jobs import JobRef, JobStatus, WaitCapabilities
from scrapejobs.waiting.durations import DurationModel, Member, due_time, job_due

SCOUT_STEP = 1.1
"""By default (:attr:`Timing.scout_step`) each scout read of a single job (or a scope, from
:data:`SCOPE_SCOUT_FIRST`) comes this factor later in a job's life than the one before: the first
ending of a kind is seen at most ~10 % late and every peer submitted with it is read right after (50 jobs of
exactly 2 s, virtual time: p50 latency 15 % of the duration at 1.2, 3-5 % at 1.1, for about five
more reads per kind)."""


@dataclass(frozen=True)
class Timing:
    """How eagerly the engine reads: the trade between requests and time to a result.

    ``quantile``: a job read on its own is read when it has this chance of having ended since
    its last read (estimated from the jobs of its kind seen ended and seen running; a scope is
    read when at least this many of its members are expected to have ended). ``tail``: a job
    older than every duration seen is read again at most this multiple of its age (sooner when
    the jobs seen so far ended at a pace that says so). ``group_scale`` multiplies the share of a scope's jobs expected to have ended
    before the scope is read (:attr:`~scrapejobs.jobs.WaitCapabilities.group_share`).
    """

    quantile: float = 0.8
    tail: float = 2.0
    group_scale: float = 1.0
    scout_step: float = SCOUT_STEP
    """Each scout read of a single job comes this factor later in a job's life than the one
    before (:data:`SCOUT_STEP`; a scope's scout starts at :data:`SCOPE_SCOUT_FIRST`)."""
    censored: bool = True
    """Count the jobs seen running in a single job's estimate (Kaplan-Meier). False reads a job
    at ``quantile`` of the durations seen longer than its age, as if they were every duration:
    fewer reads while a cohort is young, later results (:data:`FRUGAL`)."""

    def __post_init__(self) -> None:
        if not 0 < self.quantile <= 1 or self.tail <= 1 or self.group_scale <= 0:
            raise ValueError("need 0 < quantile <= 1, tail > 1 and group_scale > 0")
        if self.scout_step <= 1:
            raise ValueError("need scout_step > 1")


PROMPT = Timing()
"""The default: results soon after jobs end, a few more reads while durations are learned.

Simulated (tests/unit/test_waiting_cohorts.py: 200 jobs of 1-10 s, submitted in two batches,
watched as submitted or after the last submission): about 2.8-2.9 reads per job either way, p50
latency 21-24 % of the duration (before the jobs seen running counted: 2.96 vs 2.37 reads,
depending on which job the scout probed first)."""

FRUGAL = Timing(quantile=0.8, tail=2.5, group_scale=3.0, scout_step=1.2, censored=False)
"""Fewer reads per job, results later: for accounts where reads are scarce (rate limits)."""

SCOUT_FIRST = 0.5
"""Age (seconds) of a scout's first read, when nothing of its kind has been seen to end."""

SCOPE_SCOUT_FIRST = 1.0
"""Age (seconds) of a scope's first scout read. A scope's probe costs as much as a single job's
but it is the only one, so it starts later and grows by :data:`SCOUT_STEP`: at most ~10 % late
for the same reads (a Scrape.do job of 50 tasks of 2 s: 9 status reads either way; the first
ending was seen 7-12 % late, against 12-20 % when starting at :data:`SCOUT_FIRST` growing by
:data:`SCOUT_GROWTH`)."""

SCOUT_GROWTH = 1.2
"""A scope older than every duration seen is read again at this multiple of its age (its read
is shared, so it looks sooner than a single job's :attr:`Timing.tail`)."""

SCOUT_COHORT = 50
"""Jobs of a kind waiting on its scout for which :attr:`Timing.scout_step` holds; with fewer the
scout's steps are coarser (:func:`cohort_step`)."""

SCOUT_STEP_MAX = 1.3
"""The coarsest scout step (a lone job is seen at most ~30 % late: one job of 30 s, 17 reads
and 3 s late, where 10 % steps took 44 reads and 2x steps 9 reads but 20 s late)."""

SCOUT_MAX_GAP = 30.0
"""Most seconds between two scout probes (the longest wait of the fixed polling backoff,
:func:`~scrapejobs.backoff.poll_backoff`): a lone job of 120 s is seen 2 s late, not 60 s."""


def cohort_step(step: float, waiting: int) -> float:
    """Return the growth of a scout's probe ages when ``waiting`` jobs of its kind wait on it.

    A probe costs one read however many jobs wait; seeing the first ending sooner saves time for
    each of them. So ``step`` holds from :data:`SCOUT_COHORT` jobs up, and below its excess over 1
    grows as ``1 / sqrt(waiting)`` (the step that minimises reads plus time waited for a given
    price of a read), never above :data:`SCOUT_STEP_MAX`: at the default 1.1, 20 jobs' probes
    grow by 1.16, 10 jobs' by 1.22, and those of 5 or fewer by 1.3.
    """
    if waiting >= SCOUT_COHORT:
        return step
    return min(SCOUT_STEP_MAX, 1 + (step - 1) * math.sqrt(SCOUT_COHORT / max(1, waiting)))


def _first_probe(unit: Unit) -> float:
    """Return the age of a scout's first probe: :data:`SCOPE_SCOUT_FIRST` for a scope."""
    return SCOPE_SCOUT_FIRST if unit[0] == "scope" else SCOUT_FIRST


PARKED_FIRST = 8.0
"""Age of the first read of a job waiting for its kind's scout (a safety net: doubling after)."""

Unit = tuple[str, tuple[Any, ...]]
"""What one read covers: ("job", (ref,)) or ("scope", scope)."""


@dataclass
class WatchedJob:
    """One watched job: its kind, when it was submitted, what the reads saw of it."""

    ref: JobRef
    kind: str
    since: float
    delivered: bool
    running_at: float = 0.0
    """Its age at the last read that saw it still running (0 before any)."""
    final: JobStatus | None = None
    result_reads: int = 0
    counted: bool = False
    """Its ``running_at`` is among the plan's ages of running jobs."""


@dataclass
class UnitState:
    """The jobs one read covers, and where that unit stands."""

    jobs: dict[JobRef, None] = field(default_factory=dict)
    due: float | None = None
    busy: bool = False
    """A read of this unit is in flight (it is not due again until that read ends)."""
    errors: int = 0
    """Failed reads in a row."""
    read_at: float | None = None
    reads: int = 0


@dataclass(frozen=True)
class Pacing:
    """The fixed rules of a plan: how learned timing is weighed, floors and fallbacks."""

    capabilities: WaitCapabilities
    timing: Timing
    floor: float
    """Least seconds between two reads of one unit (a submission counts as a read)."""
    fallback_interval: float
    """Seconds between reads of a unit whose every job expects a webhook delivery."""
    errors: Backoff
    """Backoff after failed reads."""
    schedule: Backoff | None = None
    """A fixed backoff per unit instead of learned timing (no scouts)."""


class ReadPlan:
    """The watched jobs, their units and when each unit is read next.

    ``on_change`` is called whenever a due time is set (the engine wakes to look again).
    Never sends a request; every method returns at once.
    """

    def __init__(
        self,
        pacing: Pacing,
        model: DurationModel,
        *,
        clock: Callable[[], float],
        rng: random.Random,
        on_change: Callable[[], None],
    ) -> None:
        self.pacing = pacing
        self.model = model
        self.jobs: dict[JobRef, WatchedJob] = {}
        """Jobs with no outcome yet."""
        self.units: dict[Unit, UnitState] = {}
        self._clock = clock
        self._rng = rng
        self._on_change = on_change
        self._heap: list[tuple[float, int, Unit]] = []
        self._seq = 0
        self._scouts: dict[str, Unit] = {}
        """Per kind with no duration seen yet: the one unit read on the scout schedule.

        One scout: four found the first ending sooner, but every later read came sooner too
        (Decodo, 200 jobs of 1-10 s: 3.33 requests per job instead of 2.70, same p50)."""
        self._probe_age: dict[str, float] = {}
        self._watched: Counter[str] = Counter()
        """Per kind: how many jobs are watched."""
        self._running: dict[str, list[float]] = {}
        """Per kind, ascending: the ages at which watched jobs were last seen running (> 0)."""
        """Per kind with no duration seen yet: the age at which the next scout read happens."""

    # -- jobs and units -------------------------------------------------------------------------

    def add(self, job: WatchedJob) -> None:
        """Watch ``job`` in its unit, and plan the unit unless it is planned or being read."""
        if job.ref not in self.jobs:
            self._watched[job.kind] += 1
        self.jobs[job.ref] = job
        unit = self.unit_of(job.ref)
        state = self.units.setdefault(unit, UnitState())
        state.jobs[job.ref] = None
        if not state.busy and state.due is None:
            self.plan(unit)

    def remove(self, ref: JobRef) -> WatchedJob | None:
        """Stop watching ``ref``; return its job (None when it was not watched)."""
        job = self.jobs.pop(ref, None)
        if job is None:
            return None
        self._watched[job.kind] -= 1
        self.seen_ended(job)
        unit = self.unit_of(ref)
        state = self.units.get(unit)
        if state is not None:
            state.jobs.pop(ref, None)
            self.drop_if_empty(unit)
        return job

    def seen_running(self, job: WatchedJob, age: float) -> None:
        """Record that a read found ``job`` running at ``age`` seconds after its submission."""
        self.seen_ended(job)
        job.running_at = age
        if age > 0:
            bisect.insort(self._running.setdefault(job.kind, []), age)
            job.counted = True

    def seen_ended(self, job: WatchedJob) -> None:
        """Record that ``job`` no longer runs (its age when last seen running no longer counts)."""
        if not job.counted:
            return
        job.counted = False
        ages = self._running[job.kind]
        del ages[bisect.bisect_left(ages, job.running_at)]

    def unit_of(self, ref: JobRef) -> Unit:
        """Return the unit one read of ``ref`` covers (its scope where reads are scoped)."""
        if self.pacing.capabilities.scoped_reads and ref.scope:
            return ("scope", ref.scope)
        return ("job", (ref,))

    def members(self, state: UnitState) -> list[WatchedJob]:
        """Return the jobs of a unit not yet seen final."""
        return [job for ref in state.jobs if (job := self.jobs[ref]).final is None]

    def drop_if_empty(self, unit: Unit) -> None:
        """Forget ``unit`` once it has no job and no read in flight (its scout role moves on)."""
        state = self.units.get(unit)
        if state is not None and not state.jobs and not state.busy:
            del self.units[unit]
            for kind, scout in list(self._scouts.items()):
                if scout == unit:  # pick another scout among the parked jobs
                    self.replan_kind(kind)

    # -- due times ------------------------------------------------------------------------------

    def next_due(self) -> float | None:
        """Return the earliest due time in the heap (None when nothing is planned)."""
        return self._heap[0][0] if self._heap else None

    def pop_due(self, now: float) -> list[Unit]:
        """Return the units whose due time has come and that are not being read."""
        due: dict[Unit, None] = {}
        while self._heap and self._heap[0][0] <= now:
            when, _, unit = heapq.heappop(self._heap)
            state = self.units.get(unit)
            if state is not None and state.due == when and not state.busy:
                due[unit] = None
        return list(due)

    def plan(self, unit: Unit, *, hint: float | None = None) -> None:
        """Set when ``unit`` is read next (nothing when it has no running member).

        ``hint`` is the provider's ``Retry-After`` after a failed read.
        """
        state = self.units.get(unit)
        if state is None:
            return
        members = self.members(state)
        if not members:
            state.due = None
            return
        pacing = self.pacing
        now = self._clock()
        last = state.read_at if state.read_at is not None else min(j.since for j in members)
        earliest = max(now, last + pacing.floor)  # a submission counts as a read
        if state.errors:
            delay = pacing.errors.delay(state.errors - 1, self._rng, hint=hint)
            due = max(earliest, now + delay)
        elif all(job.delivered for job in members):
            due = max(earliest, last + pacing.fallback_interval)
        elif pacing.schedule is not None:
            due = max(earliest, last + pacing.schedule.delay(state.reads, self._rng))
        else:
            due = max(earliest, self._learned_due(unit, members))
        state.due = due
        self._seq += 1
        heapq.heappush(self._heap, (due, self._seq, unit))
        self._on_change()

    def read_failed(self, unit: Unit, *, hint: float | None) -> None:
        """Record a failed read of ``unit`` and plan the next after the error backoff."""
        state = self.units[unit]
        state.errors += 1
        state.read_at = self._clock()
        self.plan(unit, hint=hint)

    def read_answered(self, unit: Unit) -> float:
        """Record that a read of ``unit`` answered; return the time it did (the clock's now)."""
        state = self.units[unit]
        now = self._clock()
        state.errors = 0
        state.read_at = now
        state.reads += 1
        return now

    def read_done(self, unit: Unit, kind: str, learned: set[str]) -> None:
        """Plan ``unit`` (of ``kind``) after a read; ``learned``: kinds whose first ending it saw.

        A scout read that saw nothing end passes the scout role on; a first ending replans
        every idle unit of its kind.
        """
        self.units[unit].busy = False
        if not learned:
            self.pass_scout(unit, kind)
        self.plan(unit)
        for each in learned:
            self.replan_kind(each)

    def _learned_due(self, unit: Unit, members: list[WatchedJob]) -> float:
        """Return when the learned durations (or the scout schedule) say to read ``unit``."""
        kind = members[0].kind
        samples = self.model.samples(kind)
        group = unit[0] == "scope"
        timing = self.pacing.timing
        share = self.pacing.capabilities.group_share * timing.group_scale
        if samples and not group and timing.censored:
            (job,) = members
            planned = job_due(
                Member(job.since, job.running_at),
                samples,
                self._running.get(kind, ()),
                timing.quantile,
                weight=self.model.weight(kind),
                tail=timing.tail,
            )
            assert planned is not None  # noqa: S101 -- samples is not empty
            return planned
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
            first = self._probe_age.setdefault(kind, _first_probe(unit))
            return oldest.since + max(first, self.pacing.floor)
        return oldest.since + max(PARKED_FIRST, oldest.running_at * 2)

    def pass_scout(self, unit: Unit, kind: str) -> None:
        """After a scout read found nothing ended: the next probe goes to another job.

        Each probe reads a job not read yet (or the one read longest ago), a little later in
        its life than the last probe: the first of the kind's jobs to end is found early, not
        only the scout's own. Nothing happens once a duration of ``kind`` is known.
        """
        if self._scouts.get(kind) != unit or self.model.samples(kind):
            return
        probed = max((job.running_at for job in self.members(self.units[unit])), default=0.0)
        # The next probe comes later in a job's life than this one (no burst of probes when
        # the waiting started long after the submissions).
        age = max(self._probe_age.get(kind, _first_probe(unit)), probed)
        step = cohort_step(self.pacing.timing.scout_step, self._watched[kind])
        self._probe_age[kind] = min(age * step, age + SCOUT_MAX_GAP)
        best: tuple[float, Unit] | None = None
        for other, state in self.units.items():
            if other == unit or state.busy or state.errors:
                continue
            members = self.members(state)
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
        self.plan(best[1])

    def replan_kind(self, kind: str) -> None:
        """Plan again every idle unit of ``kind`` (its first duration was just learned)."""
        self._scouts.pop(kind, None)
        for unit, state in self.units.items():
            if state.busy or state.errors:
                continue
            members = self.members(state)
            if members and members[0].kind == kind:
                self.plan(unit)


__all__ = [
    "FRUGAL",
    "PROMPT",
    "Pacing",
    "ReadPlan",
    "Timing",
    "Unit",
    "UnitState",
    "WatchedJob",
]
