"""The waiting engine and its duration model, on a fake provider and an injected clock."""

from __future__ import annotations

import asyncio
import itertools
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from scrapejobs.errors import AuthenticationError, RateLimitedError
from scrapejobs.jobs import JobRef, JobStatus, Observation, WaitCapabilities
from scrapejobs.states import JobState
from scrapejobs.waiting import SCOUT_FIRST, Outcome, WaitEngine
from scrapejobs.waiting.durations import TAIL, DurationModel, Member, due_time
from scrapejobs.waiting.plan import SCOUT_MAX_GAP, SCOUT_STEP, SCOUT_STEP_MAX, cohort_step
from scrapejobs.webhooks.events import WebhookEvents


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class FakeProvider:
    """Jobs that end ``durations[ref]`` seconds after ``since``; every read is recorded."""

    clock: Clock
    durations: dict[JobRef, float]
    capabilities: WaitCapabilities = field(default_factory=WaitCapabilities)
    provider: str = "decodo"
    carries_result: bool = True
    reads: list[tuple[float, tuple[JobRef, ...]]] = field(default_factory=list)
    result_reads: list[JobRef] = field(default_factory=list)
    since: float = 1000.0
    failures: list[Exception] = field(default_factory=list)

    def ended(self, ref: JobRef) -> bool:
        return self.clock.now >= self.since + self.durations[ref]

    async def observe(self, refs: Sequence[JobRef]) -> Mapping[JobRef, Observation]:
        self.reads.append((self.clock.now, tuple(refs)))
        if self.failures:
            raise self.failures.pop(0)
        seen = {}
        for ref in refs:
            if self.ended(ref):
                status = JobStatus(ref, JobState.SUCCEEDED, "done")
                seen[ref] = Observation(status, f"result {ref.job_id}", self.carries_result)
            else:
                seen[ref] = Observation(JobStatus(ref, JobState.RUNNING, "pending"))
        return seen

    async def result(self, ref: JobRef) -> Any:
        self.result_reads.append(ref)
        return f"result {ref.job_id}"

    def reported_duration(self, observation: Observation) -> float | None:
        return None

    def failure_reason(self, result: Any) -> str | None:
        return None


def refs(n: int, scope: tuple[str, ...] = ()) -> list[JobRef]:
    return [JobRef("decodo", f"job-{i}", scope) for i in range(n)]


def wait_all(
    provider: FakeProvider, watched: Sequence[JobRef], **options: Any
) -> tuple[dict[JobRef, Outcome], dict[JobRef, float], WaitEngine]:
    """Watch ``watched`` (all submitted at ``provider.since``) to the end; return outcomes and
    when each was handed over."""
    outcomes: dict[JobRef, Outcome] = {}
    held: dict[JobRef, float] = {}
    delivered = options.pop("delivered", False)

    def on_outcome(outcome: Outcome) -> None:
        outcomes[outcome.ref] = outcome
        held[outcome.ref] = provider.clock.now

    engine = WaitEngine(
        provider,  # type: ignore[arg-type]
        on_outcome=on_outcome,
        clock=provider.clock,
        sleep=provider.clock.sleep,
        rng=random.Random(0),
        **options,
    )
    for ref in watched:
        engine.watch(ref, since=provider.since, kind="page", delivered=delivered)
    engine.close()
    asyncio.run(engine.run(deadline=provider.since + 600))
    return outcomes, held, engine


# -- the duration model ------------------------------------------------------------------------


def test_model_keeps_the_most_recent_durations_sorted() -> None:
    model = DurationModel(keep=3)
    model.extend("a", [5.0, 1.0, 3.0, 2.0])
    assert list(model.samples("a")) == [1.0, 2.0, 3.0]  # 5.0 was the oldest
    assert list(model.samples("b")) == []
    with pytest.raises(ValueError, match="keep"):
        DurationModel(keep=0)


def test_due_time_is_a_quantile_of_the_durations_still_possible() -> None:
    samples = [float(s) for s in range(1, 11)]  # 1..10 s
    # A fresh job: the 30 % quantile, a little late on purpose (never read just before the end)
    assert due_time([Member(0.0)], samples, 0.3) == pytest.approx(3.06)
    # Seen running at 6 s: only 7..10 remain
    assert due_time([Member(0.0, 6.0)], samples, 0.3) == pytest.approx(8.16)  # 2nd of 4
    # Older than every sample: the tail rule
    assert due_time([Member(0.0, 12.0)], samples, 0.3) == pytest.approx(12.0 * TAIL + 0.01)
    assert due_time([Member(0.0)], [], 0.3) is None


def test_a_duration_taken_by_the_read_that_saw_a_job_running_is_not_still_possible() -> None:
    # Two jobs watched 3 ms apart, read together at 5 s: the first ended (upper bound 5.003 s),
    # the second still runs (age 5.0 s). That upper bound must not plan a read at once: the
    # next read comes from the durations beyond the read's resolution (here none: the tail).
    samples = [2.0, 5.003]
    assert due_time([Member(0.0, 5.0)], samples, 0.3) == pytest.approx(5.0 * TAIL + 0.01)
    # A duration clearly longer than the age still counts.
    assert due_time([Member(0.0, 5.0)], [*samples, 6.0], 0.3) == pytest.approx(6.12)


def test_a_group_is_due_when_enough_members_are_expected_to_have_ended() -> None:
    samples = [float(s) for s in range(1, 11)]
    members = [Member(0.0) for _ in range(20)]
    # 20 members: 4 expected to have ended once 2 of the 10 durations passed
    assert due_time(members, samples, 4.0) == pytest.approx(2.04)
    # asking for more than there are members waits for all of them
    assert due_time(members, samples, 50.0) == pytest.approx(10.2)


# -- the engine --------------------------------------------------------------------------------


def test_one_scout_learns_the_duration_and_every_other_job_is_read_once() -> None:
    clock = Clock()
    watched = refs(20)
    provider = FakeProvider(clock, dict.fromkeys(watched, 2.0))
    outcomes, held, _ = wait_all(provider, watched)

    assert {outcome.result for outcome in outcomes.values()} == {
        f"result {ref.job_id}" for ref in watched
    }
    reads_per_job = [sum(ref in read for _, read in provider.reads) for ref in watched]
    # Scout reads (0.5 s growing by 16 % for 20 jobs, up to 2 s) each go to another job; once
    # one job was seen to end, every other job is read once, when it is done.
    step = cohort_step(SCOUT_STEP, 20)
    assert step == pytest.approx(1 + 0.1 * math.sqrt(50 / 20))
    assert max(reads_per_job) == 2
    probes = math.ceil(math.log(2.0 / SCOUT_FIRST) / math.log(step))
    assert probes - 1 <= len(provider.reads) - len(watched) <= probes + 2
    assert provider.result_reads == []  # the reads carried the results
    late = sorted(held[ref] - (provider.since + 2.0) for ref in watched)
    assert late[0] >= 0
    assert late[-1] <= (step - 1) * 2.0  # every result within a scout step of the duration
    assert min(when for when, _ in provider.reads) >= provider.since + SCOUT_FIRST


@pytest.mark.parametrize(
    ("jobs", "seconds", "most_reads"),
    [(1, 5.0, 10), (1, 30.0, 17), (1, 120.0, 22), (10, 30.0, 5)],
)
def test_few_jobs_get_a_coarser_scout_and_a_long_one_a_read_every_30_s(
    jobs: int, seconds: float, most_reads: int
) -> None:
    # A probe costs one read however many jobs wait on it: a lone job is probed at ages growing
    # by 30 % (not 10 %: 44 reads for 30 s), never more than SCOUT_MAX_GAP apart.
    clock = Clock()
    watched = refs(jobs)
    provider = FakeProvider(clock, dict.fromkeys(watched, seconds))
    outcomes, held, _ = wait_all(provider, watched)
    assert len(outcomes) == jobs
    assert len(provider.reads) / jobs <= most_reads
    times = [provider.since] + [when for when, _ in provider.reads]
    assert max(later - earlier for earlier, later in itertools.pairwise(times)) <= SCOUT_MAX_GAP
    late = max(held.values()) - (provider.since + seconds)
    assert 0 <= late <= (cohort_step(SCOUT_STEP, jobs) - 1) * seconds


def test_the_scout_step_holds_from_a_cohort_of_50_and_is_coarser_below() -> None:
    assert cohort_step(1.1, 50) == cohort_step(1.1, 500) == 1.1
    assert cohort_step(1.1, 10) == pytest.approx(1 + 0.1 * math.sqrt(50 / 10))
    assert cohort_step(1.1, 1) == SCOUT_STEP_MAX  # 1 + 0.1 * sqrt(50) = 1.71, capped
    assert cohort_step(1.2, 1) == SCOUT_STEP_MAX
    assert cohort_step(1.1, 0) == cohort_step(1.1, 1)


@pytest.mark.parametrize("watched_late", [False, True])
def test_equal_jobs_are_held_within_a_tenth_of_their_duration(watched_late: bool) -> None:
    """50 jobs of exactly 1.8 s: the first ending is seen <= 10 % late, every peer right after.

    (A 20 % scout step probes at 1.79 s, then 2.15 s: 19 % late.)

    ``watched_late``: the wait starts 0.3 s after the submission (as ``AsyncJobs.wait`` after
    the last submission), not at it (as the batch runner): the same reads and latencies.
    """
    clock = Clock()
    watched = refs(50)
    provider = FakeProvider(clock, dict.fromkeys(watched, 1.8))
    clock.now = provider.since + (0.3 if watched_late else 0.0)
    outcomes, held, _ = wait_all(provider, watched)

    assert len(outcomes) == 50
    late = sorted((held[ref] - (provider.since + 1.8)) / 1.8 for ref in watched)
    assert late[0] >= 0
    assert late[25] <= 0.10  # p50
    assert late[-1] <= 0.10  # and every one
    assert len(provider.reads) <= 50 * 1.35  # scouting costs ~15 reads for the kind


def test_what_was_learned_times_the_next_wait() -> None:
    clock = Clock()
    first = refs(1)
    provider = FakeProvider(clock, dict.fromkeys(first, 3.0))
    _, _, engine = wait_all(provider, first)
    (learned,) = engine.model.samples("decodo:page")
    later = [JobRef("decodo", f"later-{i}") for i in range(5)]
    provider.durations.update(dict.fromkeys(later, 3.0))
    provider.since = clock.now
    provider.reads.clear()
    wait_all(provider, later, model=engine.model)
    assert len(provider.reads) == 5  # no scout needed: one read each, at the learned time
    assert 3.0 <= learned <= 3.0 * cohort_step(SCOUT_STEP, 1)  # within a lone scout's step
    expected = provider.since + learned * 1.02
    assert [when for when, _ in provider.reads] == [pytest.approx(expected)] * 5


def test_results_are_read_once_when_the_read_does_not_carry_them() -> None:
    clock = Clock()
    watched = refs(4)
    provider = FakeProvider(clock, dict.fromkeys(watched, 1.0), carries_result=False)
    outcomes, _, _ = wait_all(provider, watched)
    assert sorted(provider.result_reads, key=str) == sorted(watched, key=str)
    assert all(outcome.has_result for outcome in outcomes.values())


def test_a_scope_is_read_as_one_unit() -> None:
    clock = Clock()
    watched = refs(30, scope=("run-1",))
    durations = {ref: 1.0 + i * 0.1 for i, ref in enumerate(watched)}
    capabilities = WaitCapabilities(scoped_reads=True, group_share=0.1)
    provider = FakeProvider(clock, durations, capabilities=capabilities)
    outcomes, held, _ = wait_all(provider, watched)
    assert len(outcomes) == 30
    assert provider.reads[0][1] == tuple(watched)  # every member in one read
    assert len(provider.reads) < 20  # far fewer than one read per job
    assert max(held[ref] - (provider.since + durations[ref]) for ref in watched) < 1.0


@pytest.mark.parametrize("seconds", [1.5, 2.0, 2.3, 2.7, 3.3, 6.0])
def test_a_scope_whose_jobs_end_together_is_seen_ended_at_most_a_tenth_late(seconds: float) -> None:
    # A Scrape.do job or ScrapingPros run of 50 alike jobs: until the first ending is known one
    # read covers them all, from SCOPE_SCOUT_FIRST growing by SCOUT_STEP (jitter aside).
    clock = Clock()
    watched = refs(50, scope=("run-1",))
    provider = FakeProvider(
        clock, dict.fromkeys(watched, seconds), capabilities=WaitCapabilities(scoped_reads=True)
    )
    outcomes, held, _ = wait_all(provider, watched)
    assert len(outcomes) == 50
    late = max(held.values()) - (provider.since + seconds)
    assert 0 <= late <= 0.1 * seconds + 0.05
    assert provider.reads[0][0] - provider.since >= 1.0  # no scope read in its first second
    assert len(provider.reads) <= 2 + math.log(seconds) / math.log(SCOUT_STEP)


def test_the_provider_floor_and_retry_after_are_kept() -> None:
    clock = Clock()
    watched = refs(1)
    provider = FakeProvider(
        clock,
        dict.fromkeys(watched, 6.0),
        capabilities=WaitCapabilities(min_interval=1.0),
        provider="scrapio",
        failures=[
            RateLimitedError("slow down", provider="scrapio", status_code=429, retry_after=5.0)
        ],
    )
    wait_all(provider, watched)
    times = [when for when, _ in provider.reads]
    assert times[0] >= provider.since + 1.0  # a submission counts as a read
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 1.0
    assert gaps[0] >= 5.0  # Retry-After of the refused read


def test_webhook_jobs_are_read_when_their_delivery_comes() -> None:
    clock = Clock()
    watched = refs(3)
    provider = FakeProvider(clock, dict.fromkeys(watched, 0.0))
    events = WebhookEvents()
    outcomes: list[Outcome] = []
    engine = WaitEngine(
        provider,  # type: ignore[arg-type]
        on_outcome=outcomes.append,
        clock=clock,
        sleep=clock.sleep,
        events=events,
        fallback_interval=30.0,
    )
    for ref in watched:
        engine.watch(ref, since=clock.now, delivered=True)
    engine.close()

    async def main() -> None:
        events.notify("decodo", SimpleNamespace(id="job-1"))  # Decodo's callback names the task
        await engine.run(deadline=clock.now + 29)

    asyncio.run(main())
    assert [read for _, read in provider.reads] == [(watched[1],)]  # no poll before 30 s
    assert [outcome.ref for outcome in outcomes] == [watched[1]]


def test_concurrent_waits_on_one_receiver_each_see_their_own_deliveries() -> None:
    # Two waits share one WebhookEvents (one receiver); both deliveries arrive before either
    # wait looks. Neither may consume the other's notice: each job is read at once, no fallback.
    clock = Clock()
    first, second = refs(2)
    provider = FakeProvider(clock, {first: 0.0, second: 0.0})
    events = WebhookEvents()
    outcomes: list[Outcome] = []

    def engine_for(ref: JobRef) -> WaitEngine:
        engine = WaitEngine(
            provider,  # type: ignore[arg-type]
            on_outcome=outcomes.append,
            clock=clock,
            sleep=clock.sleep,
            events=events,
            fallback_interval=30.0,
        )
        engine.watch(ref, since=clock.now, delivered=True)
        engine.close()
        return engine

    engines = [engine_for(first), engine_for(second)]

    async def main() -> None:
        events.notify("decodo", SimpleNamespace(id="job-0"))
        events.notify("decodo", SimpleNamespace(id="job-1"))
        await asyncio.gather(*(engine.run(deadline=clock.now + 29) for engine in engines))

    asyncio.run(main())
    assert sorted(read[0].job_id for _, read in provider.reads) == ["job-0", "job-1"]
    assert {outcome.ref for outcome in outcomes} == {first, second}


def test_strict_engine_stops_on_a_refused_credential() -> None:
    clock = Clock()
    watched = refs(2)
    provider = FakeProvider(
        clock,
        dict.fromkeys(watched, 1.0),
        failures=[AuthenticationError("bad token", provider="decodo", status_code=401)],
    )
    outcomes, _, engine = wait_all(provider, watched, strict=True)
    assert outcomes == {}
    assert isinstance(engine.error, AuthenticationError)
    assert len(provider.reads) == 1  # not retried


def test_jobs_of_a_provider_that_delivers_per_run_are_still_polled() -> None:
    clock = Clock()
    watched = refs(4, scope=("run-1",))
    capabilities = WaitCapabilities(scoped_reads=True, job_deliveries=False)
    provider = FakeProvider(clock, dict.fromkeys(watched, 2.0), capabilities=capabilities)
    outcomes, held, _ = wait_all(
        provider, watched, events=WebhookEvents(), fallback_interval=30, delivered=True
    )
    assert len(outcomes) == 4
    # ScrapingPros calls once per run: its jobs are read on the learned schedule, not only
    # every 30 s (the fallback of jobs that each have a delivery coming)
    assert max(held.values()) - provider.since < 3.0


def test_a_read_that_crashes_ends_the_wait_with_its_exception_instead_of_reading_for_ever() -> None:
    clock = Clock()
    provider = FakeProvider(clock, dict.fromkeys(refs(3), 2.0), failures=[NameError("a bug")])
    with pytest.raises(NameError, match="a bug"):
        wait_all(provider, refs(3))
    assert len(provider.reads) == 1  # read once, not again and again
