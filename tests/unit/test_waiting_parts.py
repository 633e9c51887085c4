"""The waiting engine's parts alone: the read plan, webhook deliveries and the result reader."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest

from scrapejobs.backoff import Backoff
from scrapejobs.errors import ConflictError, NotFoundError
from scrapejobs.jobs import JobRef, JobStatus, WaitCapabilities
from scrapejobs.states import JobState
from scrapejobs.waiting.deliveries import Deliveries, Due
from scrapejobs.waiting.durations import MARGIN, DurationModel
from scrapejobs.waiting.plan import (
    FRUGAL,
    PARKED_FIRST,
    PROMPT,
    SCOUT_FIRST,
    SCOUT_STEP,
    Pacing,
    ReadPlan,
    Timing,
    WatchedJob,
    cohort_step,
)
from scrapejobs.waiting.results import Outcome, ResultReader
from scrapejobs.webhooks.events import WebhookEvents

NO_JITTER = Backoff(first=2.0, maximum=60.0, multiplier=2.0, jitter=0.0)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def make_plan(
    clock: Clock,
    *,
    scoped: bool = False,
    floor: float = 0.0,
    fallback: float = 30.0,
    timing: Timing = PROMPT,
) -> tuple[ReadPlan, list[int]]:
    changes: list[int] = []
    pacing = Pacing(
        WaitCapabilities(scoped_reads=scoped, result_in_read=True),
        timing,
        floor,
        fallback,
        NO_JITTER,
    )
    plan = ReadPlan(
        pacing,
        DurationModel(),
        clock=clock,
        rng=random.Random(1),
        on_change=lambda: changes.append(1),
    )
    return plan, changes


def job(
    n: int, since: float, *, scope: tuple[str, ...] = (), delivered: bool = False
) -> WatchedJob:
    return WatchedJob(JobRef("scrapedo", f"task-{n}", scope), "scrapedo:page", since, delivered)


def due_of(plan: ReadPlan, watched: WatchedJob) -> float | None:
    return plan.units[plan.unit_of(watched.ref)].due


def test_the_first_job_of_a_kind_scouts_and_its_peers_are_parked() -> None:
    clock = Clock()
    plan, changes = make_plan(clock)
    scout, parked = job(1, 100.0), job(2, 100.0)
    plan.add(scout)
    plan.add(parked)
    assert due_of(plan, scout) == 100.0 + SCOUT_FIRST
    assert due_of(plan, parked) == 100.0 + PARKED_FIRST
    assert len(changes) == 2  # each due time set wakes the engine
    assert plan.next_due() == 100.0 + SCOUT_FIRST


def test_a_scout_read_that_saw_nothing_end_passes_the_scout_on() -> None:
    clock = Clock()
    plan, _ = make_plan(clock)
    scout, parked = job(1, 100.0), job(2, 100.0)
    plan.add(scout)
    plan.add(parked)
    clock.now = 100.5
    unit = plan.unit_of(scout.ref)
    assert plan.pop_due(clock.now) == [unit]
    plan.units[unit].busy = True
    plan.read_answered(unit)
    scout.running_at = 0.5
    plan.read_done(unit, scout.kind, learned=set())
    # The next probe reads the job not read yet, later in its life by a scout step for 2 jobs.
    assert due_of(plan, parked) == 100.0 + SCOUT_FIRST * cohort_step(SCOUT_STEP, 2)
    assert due_of(plan, scout) == 100.0 + PARKED_FIRST


def scout_then_first_ending(timing: Timing) -> tuple[float | None, float | None, float | None]:
    """Scout 1 of 20 jobs submitted at 100 s (seen running at 0.5 s); at 101.5 s, 16 were seen
    running at 1.5 s, one never read, and two ended (1.0 and 1.1 s). Return the next probe's due
    time, then the due times of a job seen running at 1.5 s and of the one never read."""
    clock = Clock()
    plan, _ = make_plan(clock, timing=timing)
    jobs = [job(n, 100.0) for n in range(20)]
    for each in jobs:
        plan.add(each)
    clock.now = 100.5
    unit = plan.unit_of(jobs[0].ref)
    plan.pop_due(clock.now)
    plan.units[unit].busy = True
    plan.read_answered(unit)
    plan.seen_running(jobs[0], 0.5)
    plan.read_done(unit, jobs[0].kind, learned=set())
    probe = due_of(plan, jobs[1])
    clock.now = 101.5
    for each in jobs[3:19]:
        plan.seen_running(each, 1.5)
    for each in jobs[1:3]:
        plan.remove(each.ref)
    plan.model.extend("scrapedo:page", [1.0, 1.1])
    plan.replan_kind("scrapedo:page")
    return probe, due_of(plan, jobs[3]), due_of(plan, jobs[19])


def test_prompt_counts_the_jobs_seen_running_and_frugal_does_not() -> None:
    probe, running, unread = scout_then_first_ending(PROMPT)
    assert probe == 100.0 + SCOUT_FIRST * cohort_step(SCOUT_STEP, 20)
    # 2 of 19 ended by 1.1 s and 16 were still running at 1.5 s: even the job never read is not
    # read at once, and the ones seen running are read again within the tail.
    assert unread is not None
    assert unread > 101.5
    assert running is not None
    assert 101.5 + 0.15 <= running <= 100.0 + 1.5 * PROMPT.tail + 0.01
    # FRUGAL scouts 20 % apart (for 50 jobs; 32 % for these 20) and takes the two durations for
    # all there is: the job never read is due at once (1.1 s and its margin are past), the
    # others at its tail.
    probe, running, unread = scout_then_first_ending(FRUGAL)
    assert probe == 100.0 + SCOUT_FIRST * cohort_step(1.2, 20)
    assert unread == 101.5
    assert running == pytest.approx(100.0 + 1.5 * FRUGAL.tail + 0.01)


def test_timing_refuses_a_scout_step_that_does_not_grow() -> None:
    with pytest.raises(ValueError, match="scout_step"):
        Timing(scout_step=1.0)


def test_a_first_ending_plans_every_job_of_its_kind_from_what_was_learned() -> None:
    clock = Clock()
    plan, _ = make_plan(clock)
    jobs = [job(n, 100.0) for n in range(3)]
    for each in jobs:
        plan.add(each)
    clock.now = 102.0
    plan.model.add("scrapedo:page", 2.0)
    plan.replan_kind("scrapedo:page")
    # All due together, at the learned 2 s and its margin (a job as slow as its peers is done).
    assert {due_of(plan, each) for each in jobs} == {100.0 + 2.0 * (1 + MARGIN)}


def test_a_unit_is_never_due_closer_than_the_floor_to_its_last_read() -> None:
    clock = Clock()
    plan, _ = make_plan(clock, floor=1.0)
    only = job(1, 100.0)
    plan.model.add("scrapedo:page", 0.1)
    plan.add(only)
    assert due_of(plan, only) == 101.0  # the submission counts as a read
    unit = plan.unit_of(only.ref)
    clock.now = 101.0
    plan.read_answered(unit)
    plan.read_done(unit, only.kind, learned=set())
    assert due_of(plan, only) == 102.0


def test_a_failed_read_waits_out_the_backoff_or_retry_after() -> None:
    clock = Clock()
    plan, _ = make_plan(clock)
    only = job(1, 100.0)
    plan.add(only)
    unit = plan.unit_of(only.ref)
    plan.read_failed(unit, hint=None)
    assert due_of(plan, only) == 102.0  # NO_JITTER's first step
    plan.read_failed(unit, hint=9.0)
    assert due_of(plan, only) == 109.0


def test_jobs_that_expect_a_delivery_are_read_only_at_the_fallback_interval() -> None:
    clock = Clock()
    plan, _ = make_plan(clock, fallback=30.0)
    hooked = job(1, 100.0, delivered=True)
    plan.add(hooked)
    assert due_of(plan, hooked) == 130.0


def test_a_scope_is_one_unit_and_leaves_the_plan_with_its_last_job() -> None:
    clock = Clock()
    plan, _ = make_plan(clock, scoped=True)
    first, second = job(1, 100.0, scope=("job-A",)), job(2, 100.0, scope=("job-A",))
    plan.add(first)
    plan.add(second)
    assert len(plan.units) == 1
    assert plan.remove(first.ref) is first
    assert plan.remove(first.ref) is None
    assert len(plan.units) == 1
    plan.remove(second.ref)
    assert plan.units == {}


def deliveries_for(plan: ReadPlan, events: WebhookEvents, *, in_read: bool) -> Deliveries:
    deliveries = Deliveries(events, plan, in_read)
    for watched in plan.jobs.values():
        deliveries.add(watched.ref)
    return deliveries


def test_a_delivery_naming_some_tasks_of_a_scope_reads_just_those() -> None:
    clock = Clock()
    plan, _ = make_plan(clock, scoped=True)
    jobs = [job(n, 100.0, scope=("job-A",)) for n in range(3)]
    for each in jobs:
        plan.add(each)
    events = WebhookEvents()
    deliveries = deliveries_for(plan, events, in_read=True)
    events.notify("scrapedo", SimpleNamespace(task_id="task-1"))
    due: Due = {}
    deliveries.add_woken(due)
    assert due == {("scope", ("job-A",)): (jobs[1].ref,)}


def woken_by_every_member(*, in_read: bool) -> tuple[JobRef, ...] | None:
    """Deliver every task of a two-task scope; return what the scope's read covers."""
    plan, _ = make_plan(Clock(), scoped=True)
    jobs = [job(n, 100.0, scope=("job-A",)) for n in range(2)]
    for each in jobs:
        plan.add(each)
    events = WebhookEvents()
    deliveries = deliveries_for(plan, events, in_read=in_read)
    for each in jobs:
        events.notify("scrapedo", SimpleNamespace(task_id=each.ref.job_id))
    due: Due = {}
    deliveries.add_woken(due)
    return due[("scope", ("job-A",))]


def test_a_delivery_naming_every_member_reads_the_scope_once_when_it_carries_results() -> None:
    assert woken_by_every_member(in_read=True) is None  # the whole scope, one request
    only = woken_by_every_member(in_read=False)  # each task, for its result
    assert only is not None
    assert sorted(ref.job_id for ref in only) == ["task-0", "task-1"]


def test_a_delivery_for_a_unit_being_read_waits_for_that_read() -> None:
    clock = Clock()
    plan, _ = make_plan(clock)
    only = job(1, 100.0)
    plan.add(only)
    unit = plan.unit_of(only.ref)
    plan.units[unit].busy = True
    events = WebhookEvents()
    deliveries = deliveries_for(plan, events, in_read=True)
    events.notify("scrapedo", SimpleNamespace(task_id="task-1"))
    due: Due = {}
    deliveries.add_woken(due)
    assert due == {}
    plan.units[unit].busy = False
    deliveries.add_woken(due)
    assert due == {unit: None}
    deliveries.remove(only.ref)
    events.notify("scrapedo", SimpleNamespace(task_id="task-1"))
    later: Due = {}
    deliveries.add_woken(later)
    assert later == {}  # a job with its outcome is not woken again


class FlakyResults:
    provider = "scrapedo"

    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.reads = 0

    async def result(self, ref: JobRef) -> Any:
        self.reads += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def failure_reason(self, result: Any) -> str | None:
        return "blocked" if result == "captcha page" else None


@contextlib.asynccontextmanager
async def free_slot() -> AsyncIterator[None]:
    yield


def collect(answers: list[Any], state: JobState) -> tuple[list[Outcome], FlakyResults, Clock]:
    clock = Clock()
    adapter = FlakyResults(answers)
    outcomes: list[Outcome] = []
    watched = job(1, 100.0)
    watched.final = JobStatus(watched.ref, state, "done")
    reader = ResultReader(
        adapter,  # type: ignore[arg-type]
        slot=free_slot,
        sleep=clock.sleep,
        errors=NO_JITTER,
        rng=random.Random(1),
        end=outcomes.append,
        watched=lambda ref: not outcomes,
    )
    asyncio.run(reader.collect(watched))
    return outcomes, adapter, clock


def conflict() -> ConflictError:
    return ConflictError("not ready", provider="scrapedo", status_code=409)


def test_a_result_not_ready_yet_is_read_again_after_the_backoff() -> None:
    outcomes, adapter, clock = collect([conflict(), conflict(), "page"], JobState.SUCCEEDED)
    assert adapter.reads == 3
    assert clock.slept == [2.0, 4.0]
    assert [(o.result, o.has_result, o.error) for o in outcomes] == [("page", True, None)]


def test_a_result_the_provider_no_longer_knows_ends_the_job_with_the_error() -> None:
    gone = NotFoundError("gone", provider="scrapedo", status_code=404)
    outcomes, adapter, _ = collect([gone], JobState.SUCCEEDED)
    assert adapter.reads == 1
    assert outcomes[0].error is gone
    assert not outcomes[0].has_result


def test_a_failed_job_without_a_result_ends_with_its_status_only() -> None:
    outcomes, adapter, _ = collect([conflict()], JobState.FAILED)
    assert adapter.reads == 1
    assert outcomes[0].status is not None
    assert outcomes[0].status.state is JobState.FAILED
    assert outcomes[0].error is None


def test_a_failed_job_gets_the_reason_its_result_names() -> None:
    outcomes, _, _ = collect(["captcha page"], JobState.FAILED)
    assert outcomes[0].status is not None
    assert outcomes[0].status.reason == "blocked"


def test_every_subscription_sees_every_delivery_and_none_is_missed_between_looks() -> None:
    events = WebhookEvents()
    first, second = events.subscribe(), events.subscribe()
    assert first.drain() == set()
    events.notify("scrapedo", SimpleNamespace(task_id="task-1"))  # after a drain, before a wait

    async def main() -> None:
        # Returns at once: the delivery is waiting for this subscription's next drain.
        await asyncio.wait_for(first.wait(), timeout=5)

    asyncio.run(main())
    assert first.drain() == {("scrapedo", "task-1")}
    assert second.drain() == {("scrapedo", "task-1")}  # not taken by the other waiter
    assert first.drain() == set()


def test_a_delivery_before_the_wait_subscribes_wakes_it_at_once() -> None:
    # A fast job ends (and is delivered) between its submission and the start of its wait.
    events = WebhookEvents()
    events.notify("scrapio", SimpleNamespace(data=SimpleNamespace(job_id="job-1")))
    late = events.subscribe()

    async def main() -> None:
        await asyncio.wait_for(late.wait(), timeout=5)  # not the whole fallback interval

    asyncio.run(main())
    assert late.drain() == {("scrapio", "job-1")}
    events.drain()  # consumed: later waits do not see it again
    assert events.subscribe().drain() == set()
