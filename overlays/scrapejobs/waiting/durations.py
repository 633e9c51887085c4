"""How long jobs take, learned online, and when to read them next.

A :class:`DurationModel` keeps the durations of the jobs seen so far, per *kind* (the provider
and what was asked: a Decodo target, a Scrapio job kind, …). The waiting engine
(:mod:`scrapejobs.waiting`) asks it when to read a job next: when a job running at its last read
has ended with a given chance (:func:`job_due`, which also counts the jobs seen still running),
and, for a scope that one request reads whole (a Scrape.do job, a ScrapingPros run), when
enough of its members are expected to have ended (:func:`due_time`). Pure functions of the samples and the ages given: nothing here reads a clock or sleeps.
"""

from __future__ import annotations

import bisect
import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

KEEP = 256
"""Durations kept per kind (the most recent ones): enough for stable quantiles, cheap to scan."""

MEMBERS_SAMPLED = 64
"""Members of a scope the group schedule looks at (evenly spread, weighted up to the whole)."""

TAIL = 1.5
"""A job older than every duration seen is read again at this multiple of its age."""

MARGIN = 0.02
"""Reads planned at a learned duration come this much later (as a share of it, at least 10 ms),
so that a job that takes exactly as long as its peers is final when read."""


class DurationModel:
    """Durations of ended jobs per kind: the most recent :data:`KEEP` of each.

    A duration is an upper bound of the time from submission to the end (the job's age at the
    read that found it final), or the provider's own figure where it reports one.
    """

    def __init__(self, keep: int = KEEP) -> None:
        if keep < 1:
            raise ValueError("keep must be at least 1")
        self._keep = keep
        self._sorted: dict[str, list[float]] = {}
        self._order: dict[str, deque[float]] = {}
        self._counts: dict[str, int] = {}

    def __repr__(self) -> str:
        kinds = {kind: len(values) for kind, values in self._sorted.items()}
        return f"DurationModel({kinds})"

    def add(self, kind: str, seconds: float) -> None:
        """Record that a job of ``kind`` took ``seconds`` (negative values count as 0)."""
        seconds = max(0.0, float(seconds))
        ordered = self._sorted.setdefault(kind, [])
        order = self._order.setdefault(kind, deque())
        if len(order) >= self._keep:
            oldest = order.popleft()
            del ordered[bisect.bisect_left(ordered, oldest)]
        order.append(seconds)
        bisect.insort(ordered, seconds)
        self._counts[kind] = self._counts.get(kind, 0) + 1

    def extend(self, kind: str, durations: Iterable[float]) -> None:
        """Record many durations of ``kind`` (e.g. from an earlier run's ledger)."""
        for seconds in durations:
            self.add(kind, seconds)

    def clear(self) -> None:
        """Forget every duration: the next jobs are timed from scratch (scouts first)."""
        self._sorted.clear()
        self._order.clear()

    def samples(self, kind: str) -> Sequence[float]:
        """Return the kept durations of ``kind``, ascending (empty when none was seen)."""
        return self._sorted.get(kind, ())

    def weight(self, kind: str) -> float:
        """Return how many ended jobs each kept duration of ``kind`` stands for (at least 1)."""
        kept = len(self._sorted.get(kind, ()))
        return max(1.0, self._counts.get(kind, 0) / kept) if kept else 1.0


@dataclass(frozen=True)
class Member:
    """A running job as the schedule sees it: when it was submitted and when last seen running.

    ``since`` is the submission time on the waiter's clock; ``running_at`` the age (seconds
    after ``since``) at which a read last found it unfinished (0 when never read).
    """

    since: float
    running_at: float = 0.0


def _planned(seconds: float) -> float:
    """Return ``seconds`` and the read margin (:data:`MARGIN`, at least 10 ms)."""
    return seconds + max(0.01, seconds * MARGIN)


def due_time(
    members: Sequence[Member], samples: Sequence[float], need: float, *, tail: float = TAIL
) -> float | None:
    """Return when a read of ``members`` is worth its request, or None without samples.

    That is the earliest time at which the expected number of members that ended since their
    last read reaches ``need``: for one job with ``need`` q, the q-quantile of the durations
    longer than its age at the last read. A member older than every sample counts as ended at
    :data:`TAIL` times that age. Never earlier than a member's age at its last read allows.
    """
    if not samples or not members:
        return None
    step = max(1, len(members) // MEMBERS_SAMPLED)
    picked = members[::step]
    weight = len(members) / len(picked)
    events: list[tuple[float, float]] = []
    for member in picked:
        # Durations no longer than the member's age, within a read's resolution, are not still
        # possible: they are upper bounds taken by the same read that saw it running (jobs
        # watched a few ms apart), and would plan a read at once that finds nothing new.
        start = bisect.bisect_right(samples, _planned(member.running_at))
        rest = samples[start:]
        if not rest:
            events.append((member.since + member.running_at * tail + 0.01, weight))
            continue
        share = weight / len(rest)
        events.extend((member.since + _planned(seconds), share) for seconds in rest)
    events.sort()
    total = 0.0
    target = min(need, float(len(members)))
    for when, share in events:
        total += share
        if total >= target - 1e-9:
            return when
    return events[-1][0]


STEP_MIN = 1.1
"""Past every duration seen, a job is read again at least this multiple of its age later."""


def job_due(
    member: Member,
    samples: Sequence[float],
    running: Sequence[float],
    need: float,
    *,
    weight: float = 1.0,
    tail: float = TAIL,
) -> float | None:
    """Return when one job is worth reading again, or None without samples.

    That is the earliest time at which the job, running at its last read, has ended with
    probability ``need``, from a Kaplan-Meier estimate of the durations: ``samples`` are ended
    jobs' durations (ascending, each standing for ``weight`` jobs), ``running`` the ages
    (ascending) at which the jobs of the kind still running were last seen running. Jobs seen
    running count among those that could still end: a few early endings among many jobs still
    running do not plan every job's read at once, and jobs submitted together are read as
    their peers end. Past every duration seen, the hazard seen so far (ended per job at risk
    per second since the first ending) is extended, the next read coming between
    :data:`STEP_MIN` and ``tail`` times the job's age.
    """
    if not samples:
        return None
    age = member.running_at
    count = len(samples)
    start = bisect.bisect_right(samples, _planned(age))

    def at_risk(index: int) -> float:
        still = len(running) - bisect.bisect_left(running, samples[index])
        return weight * (count - index) + still

    survive = 1.0
    for index in range(start, count):
        survive *= 1.0 - weight / at_risk(index)
        if survive <= 1.0 - need + 1e-9:
            return member.since + _planned(samples[index])
    hazard = sum(weight / at_risk(index) for index in range(count))
    newest = max(samples[-1], running[-1] if running else 0.0, age)
    span = newest - samples[0]
    base = max(age, samples[-1])
    step = base * (tail - 1)
    if hazard > 0 and span > 0:
        step = math.log(survive / (1.0 - need)) / (hazard / span)
    step = min(max(step, base * (STEP_MIN - 1)), base * (tail - 1))
    return member.since + max(_planned(samples[-1]), _planned(age), base + step)
