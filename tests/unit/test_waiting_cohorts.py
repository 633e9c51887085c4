"""Jobs submitted together (a cohort): reads timed from what their peers showed, on virtual time.

The batch runner watches each job as it is submitted; :meth:`scrapejobs.AsyncJobs.wait` watches
them all after the last submission (with each one's submission time). Both plan with the same
:class:`~scrapejobs.waiting.plan.ReadPlan`, whose Kaplan-Meier estimate counts the jobs seen
running: the two ways cost the same reads and see results as soon.
"""

from __future__ import annotations

import asyncio
import heapq
import random
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from scrapejobs.jobs import JobRef, JobStatus, Observation, WaitCapabilities
from scrapejobs.states import JobState
from scrapejobs.waiting import Outcome, WaitEngine
from scrapejobs.waiting.durations import Member, job_due

START = 1000.0


class VirtualTime:
    """A clock many tasks sleep on: time jumps to the next wake-up once every task is parked."""

    def __init__(self) -> None:
        self.now = START
        self._parked: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = 0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._seq += 1
        heapq.heappush(self._parked, (self.now + max(0.0, seconds), self._seq, future))
        await future

    async def drive(self, done: asyncio.Event) -> None:
        while not done.is_set():
            for _ in range(20):  # let every runnable task run until it parks
                await asyncio.sleep(0)
            if self._parked:
                when, _, future = heapq.heappop(self._parked)
                self.now = max(self.now, when)
                if not future.cancelled():
                    future.set_result(None)


class Provider:
    """One read per job (Decodo's results endpoint): each read says ended (with the result) or not."""

    provider = "decodo"
    capabilities = WaitCapabilities(result_in_read=True)

    def __init__(self, clock: VirtualTime) -> None:
        self.clock = clock
        self.ends: dict[JobRef, float] = {}
        self.reads = 0

    async def observe(self, refs: Sequence[JobRef]) -> Mapping[JobRef, Observation]:
        self.reads += 1
        await self.clock.sleep(0.005)  # a request's round trip
        seen = {}
        for ref in refs:
            if self.clock.now >= self.ends[ref]:
                seen[ref] = Observation(JobStatus(ref, JobState.SUCCEEDED, "done"), "page", True)
            else:
                seen[ref] = Observation(JobStatus(ref, JobState.RUNNING, "pending"))
        return seen

    def reported_duration(self, observation: Observation) -> float | None:
        return None

    def failure_reason(self, result: Any) -> str | None:
        return None


def cohort(seed: int, *, watched_late: bool) -> tuple[float, float]:
    """200 jobs of 1-10 s in two submissions 1.36 s apart; return reads per job and p50 latency
    as a share of the duration. ``watched_late``: watched after the second submission."""
    rng = random.Random(seed)
    clock = VirtualTime()
    provider = Provider(clock)
    held: dict[JobRef, float] = {}

    def on_outcome(outcome: Outcome) -> None:
        held[outcome.ref] = clock.now

    engine = WaitEngine(
        provider,  # type: ignore[arg-type]
        on_outcome=on_outcome,
        clock=clock,
        sleep=clock.sleep,
        rng=random.Random(seed),
    )
    batches = []
    for first in (0, 100):
        since = START + 1.36 * (first // 100)
        refs = [JobRef("decodo", f"job-{n}") for n in range(first, first + 100)]
        for ref in refs:
            provider.ends[ref] = since + rng.uniform(1.0, 10.0)
        batches.append((since, refs))

    async def submit() -> None:
        for since, refs in batches:
            if not watched_late:
                await clock.sleep(since - clock.now)
                for ref in refs:
                    engine.watch(ref, since=since)
        if watched_late:
            await clock.sleep(batches[-1][0] - clock.now)
            for since, refs in batches:
                for ref in refs:
                    engine.watch(ref, since=since)
        engine.close()

    async def main() -> None:
        done = asyncio.Event()

        async def waiting() -> None:
            await asyncio.gather(submit(), engine.run(deadline=START + 600))
            done.set()

        await asyncio.gather(clock.drive(done), waiting())

    asyncio.run(main())
    assert len(held) == 200
    late = [
        (held[ref] - provider.ends[ref]) / (provider.ends[ref] - since)
        for since, refs in batches
        for ref in refs
    ]
    return provider.reads / 200, statistics.median(late)


def test_waiting_after_the_submissions_reads_like_watching_them_as_they_go() -> None:
    seeds = range(4)
    run = [cohort(seed, watched_late=False) for seed in seeds]
    wait = [cohort(seed, watched_late=True) for seed in seeds]
    run_reads = statistics.mean(reads for reads, _ in run)
    wait_reads = statistics.mean(reads for reads, _ in wait)
    assert abs(run_reads - wait_reads) <= 0.1 * min(run_reads, wait_reads)
    assert max(run_reads, wait_reads) <= 3.3
    # Latency: the same within 10 percentage points, and at most a quarter of the duration.
    run_p50 = statistics.mean(p50 for _, p50 in run)
    wait_p50 = statistics.mean(p50 for _, p50 in wait)
    assert abs(run_p50 - wait_p50) <= 0.1
    assert max(run_p50, wait_p50) <= 0.25


def test_a_few_endings_among_many_jobs_seen_running_do_not_plan_a_read_at_once() -> None:
    # Two jobs ended by 1.1 s; 98 were seen running at 1.5 s.
    due = job_due(Member(100.0, 1.5), [1.0, 1.1], [1.5] * 98, 0.8, tail=2.0)
    assert due is not None
    assert 100.0 + 1.5 * 1.1 <= due <= 100.0 + 1.5 * 2.0
    # Without the jobs seen running, the same endings looked like every job's duration.
    assert job_due(Member(100.0, 0.0), [1.0, 1.1], [], 0.8) == 100.0 + 1.1 + 0.022


def test_with_every_job_ended_the_due_time_is_the_quantile_of_the_durations() -> None:
    samples = [float(n) for n in range(1, 11)]
    due = job_due(Member(0.0, 0.0), samples, [], 0.5)
    assert due == 5.0 + 0.1  # the 5th of 10 durations and its 2 % margin
    # Seen running at 5.5 s: half of what is still possible (6..10) ends by 8 s.
    assert job_due(Member(0.0, 5.5), samples, [5.5], 0.5) == 8.0 + 0.16
