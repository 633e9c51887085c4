"""The batch runner keeps progressing under faults (issue 10, "no stall under faults").

On the manual-clock rig of :mod:`tests.unit.test_runner`: nothing sleeps, and "fast" means
emulated seconds and requests, never wall time.

Mechanisms covered:

- a job rescheduled during a long group check (one Scrape.do job or ScrapingPros run read
  with its jobs' results one after another, each retried under faults) fell due while still
  marked busy, was dropped from the schedule and never checked again: the run stalled with a
  few jobs "in flight" (and, for Scrape.do, the next submission waited forever for capacity);
- a job known to be final but whose result read failed still held Scrape.do's concurrency, so
  the next submission waited until every result of the previous one was read;
- one failed Get Task read for a failed task's reason failed the whole Scrape.do job's status
  read (all its tasks were read again later).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import cast

import httpx
import pytest
from scrapedo_client.models import CreateJobRequest, Task

from scrapejobs.batch.ledger_open import open_ledger
from scrapejobs.batch.results import ItemResult, ItemState, RequestCounter, RunStats
from scrapejobs.batch.runner import BatchRunner
from scrapejobs.batch.slots import RequestSlots
from scrapejobs.client import AsyncJobs
from scrapejobs.retries import RetryPolicy
from scrapejobs.states import JobState
from scrapejobs_emulator import EmulatorConfig, EmulatorTransport, ManualClock, Progression
from scrapejobs_emulator.config import Faults
from tests.unit.ledgers import LedgerFactory
from tests.unit.test_runner import (
    TOKEN,
    Rig,
    Sampling,
    assert_accounted_for,
    inputs_of,
    url_lines,
)

CLI_FAULTS_02 = Faults(
    rate_429=0.2,
    rate_503=0.2,
    job_failure_rate=0.2,
    rate_drop=0.1,
    rate_drop_after=0.1,
    retry_after_seconds=0,
)
"""What ``scrapejobs run --emulator --emulator-faults 0.2`` configures."""

STALL_AFTER = 120.0
"""Emulated seconds after which a run counts as stalled. Fault-free, 200 URLs take under 2;
at faults 0.2 every provider finishes within ~45 (a read's five attempts alone wait ~7.5 s)."""


async def run_bounded(
    rig: Rig, path: str | Path, lines: list[str], *, limit: float, **kwargs: object
) -> tuple[list[ItemResult], RunStats, float]:
    """Run ``lines`` through the rig's runner; fail when it takes over ``limit`` emulated s."""
    inputs, digest = inputs_of(lines)
    stats = RunStats()
    items: list[ItemResult] = []
    stalled = False
    with open_ledger(path) as ledger:
        runner: BatchRunner = rig.runner(ledger, stats=stats, **kwargs)

        async def consume() -> None:
            run = cast(AsyncGenerator[ItemResult, None], runner.run(inputs, digest))
            async with contextlib.aclosing(run) as results:
                async for item in results:
                    items.append(item)

        task = asyncio.ensure_future(consume())

        def watchdog() -> None:
            nonlocal stalled
            if rig.clock.now() - rig.started > limit and not task.done():
                stalled = True
                task.cancel()

        rig.samplers.append(watchdog)
        try:
            await task
        except asyncio.CancelledError:
            if not stalled:
                raise
        finally:
            for tracked in rig.ledgers:
                tracked.active = False
    elapsed = rig.clock.now() - rig.started
    assert not stalled, (
        f"{rig.provider} stalled: {len(items)} of {len(lines)} outcomes after {elapsed:.0f} "
        f"emulated seconds ({stats.in_flight} in flight)"
    )
    assert_accounted_for(rig, inputs, items)
    return items, stats, elapsed


# -- 200 URLs at the CLI's faults 0.2 ------------------------------------------------------------


@pytest.mark.parametrize("provider", ["scrapedo", "scrapingpros"])
def test_200_urls_at_faults_02_finish_without_stalling(
    provider: str, make_ledger: LedgerFactory
) -> None:
    # Seed 1 stalled both before the fix (Scrape.do at 97/200, ScrapingPros at 196/200).
    config = EmulatorConfig(tokens=[TOKEN], faults=CLI_FAULTS_02, seed=1, scrapedo_concurrency=100)
    rig = Rig(provider, config=config, seed=1)
    items, stats, elapsed = asyncio.run(
        run_bounded(rig, make_ledger.at(), url_lines(200), limit=STALL_AFTER)
    )
    assert len(items) == 200
    assert {item.state for item in items} <= {
        ItemState.SUCCEEDED,
        ItemState.FAILED,
        ItemState.UNCERTAIN,
    }
    assert sum(1 for item in items if item.state is ItemState.SUCCEEDED) >= 100
    assert elapsed < 60.0
    # Every request (faulted ones included) per job created: one result read per job, the
    # status reads shared by a whole job or run, and the retries of faulted requests.
    assert stats.requests / max(1, len(rig.records())) < 3.0


# -- capacity: a final job no longer holds Scrape.do's concurrency ---------------------------


class FailTaskReads(httpx.AsyncBaseTransport):
    """Answer 503 to every Scrape.do Get Task read until the clock reaches ``until``."""

    TASK = re.compile(r"/api/v1/jobs/[^/]+/[^/]+$")

    def __init__(self, inner: httpx.AsyncBaseTransport, clock: ManualClock, until: float) -> None:
        self.inner = inner
        self.clock = clock
        self.until = until

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.TASK.search(request.url.path) and self.clock.now() < self.until:
            return httpx.Response(503, json={"Error": "Service unavailable.", "Code": 503})
        return await self.inner.handle_async_request(request)


class WrappedRig(Rig):
    """The rig, with the job client's requests passing through :meth:`wrap` first."""

    def wrap(self, inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        return inner

    def jobs(self, *, token: str = TOKEN, stats: RunStats | None = None) -> AsyncJobs:
        hooks = {"request": [RequestCounter(stats)]} if stats is not None else {}
        inner = Sampling(EmulatorTransport(self.emulator), self.sample)
        return AsyncJobs(
            self.provider,
            token,
            base_url=f"http://emu/{self.provider}",
            httpx_args={"transport": self.wrap(inner), "event_hooks": hooks},
            clock=self.clock.now,
            sleep=self.sleep,
            rng=random.Random(self.seed),
            retry=RetryPolicy(attempts=self.attempts, rng=random.Random(self.seed + 1)),
        )


class TaskReadsFailRig(WrappedRig):
    """Scrape.do's Get Task answering 503 for the first ``blocked`` emulated seconds."""

    blocked: float = 60.0

    def wrap(self, inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        return FailTaskReads(inner, self.clock, self.started + self.blocked)


class FirstRequestFaults(httpx.AsyncBaseTransport):
    """Ask the emulator for ``scenario`` on the first ``times`` requests to ``method path$``."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, method: str, path: str, scenario: str, times: int
    ) -> None:
        self.inner = inner
        self.method = method
        self.path = re.compile(path + "$")
        self.scenario = scenario
        self.left = times

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.left and request.method == self.method and self.path.search(request.url.path):
            self.left -= 1
            request.headers["X-Emulator-Scenario"] = self.scenario
        return await self.inner.handle_async_request(request)


class ScenarioRig(WrappedRig):
    """The rig, with the first ``times`` requests to ``method path`` given ``scenario``."""

    def __init__(
        self, provider: str, method: str, path: str, scenario: str, times: int = 1
    ) -> None:
        super().__init__(provider)
        self.fault = (method, path, scenario, times)

    def wrap(self, inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        method, path, scenario, times = self.fault
        return FirstRequestFaults(inner, method, path, scenario, times)


def test_scrapedo_submits_again_once_jobs_are_final_not_once_results_are_read(
    make_ledger: LedgerFactory,
) -> None:
    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(min_seconds=3.0, max_seconds=3.0),
        scrapedo_concurrency=5,
    )
    rig = TaskReadsFailRig("scrapedo", config=config)
    created: list[float] = []

    def count_creations() -> None:
        jobs_now = len({r.data["group"] for r in rig.records()})
        while len(created) < jobs_now:
            created.append(rig.clock.now() - rig.started)

    rig.samplers.append(count_creations)
    items, _, elapsed = asyncio.run(
        run_bounded(rig, make_ledger.at(), url_lines(10), limit=STALL_AFTER * 2)
    )
    assert [item.state for item in items] == [ItemState.SUCCEEDED] * 10
    assert len(created) == 2
    # The first job's tasks are final at 3 s; its results cannot be read before 60 s. The
    # second job goes as soon as a status read shows the first one's tasks final.
    assert created[1] < 10.0, created
    assert elapsed >= 60.0


# -- Scrape.do: a failed reason read does not fail the job's status read ------------------------


def test_scrapedo_statuses_survive_failed_reason_reads_and_outcomes_keep_the_reason(
    make_ledger: LedgerFactory,
) -> None:
    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(min_seconds=1.0, max_seconds=1.0),
        faults=Faults(job_failure_rate=1.0),
    )
    rig = TaskReadsFailRig("scrapedo", config=config)
    rig.blocked = 30.0

    async def statuses_while_task_reads_fail() -> None:
        jobs = rig.jobs()
        refs = await jobs.submit(CreateJobRequest(targets=url_lines(3)))
        await rig.sleep(2.0)
        # Get Job answers; each failed task's Get Task (for its reason) fails every attempt.
        statuses = await jobs.adapter.statuses(refs)
        assert [statuses[ref].state for ref in refs] == [JobState.FAILED] * 3
        assert all(statuses[ref].reason is None for ref in refs)
        assert rig.clock.now() - rig.started < rig.blocked
        await rig.sleep(rig.blocked)
        task = await jobs.adapter.result(refs[0])  # readable again once the block is over
        assert jobs.adapter.failure_reason(task) == task.error_message
        assert task.error_message

    asyncio.run(statuses_while_task_reads_fail())

    # In a run, such a task's outcome still says why it failed (from its Task, once read).
    rig = TaskReadsFailRig("scrapedo", config=config)
    rig.blocked = 30.0
    items, _, _ = asyncio.run(
        run_bounded(rig, make_ledger.at(), url_lines(3, "failing.test"), limit=STALL_AFTER)
    )
    assert [item.state for item in items] == [ItemState.FAILED] * 3
    for item in items:
        assert item.job is not None
        assert item.reason
        assert item.reason == Task.from_dict(item.result).error_message


# -- an uncertain submission is resolved in the run, never left to the user -----------------------


@pytest.mark.parametrize(
    ("provider", "method", "path", "scenario", "times"),
    [
        # Scrape.do created the job, then the connection dropped: its listing shows the job.
        ("scrapedo", "POST", "/api/v1/jobs", "drop-after", 1),
        # ScrapingPros' run start dropped before it was processed, twice: the adapter finds no
        # run and says uncertain; the runner resends with the idempotency key (the collection
        # is replayed, one run started).
        ("scrapingpros", "POST", "/collections/[^/]+/run", "drop", 2),
    ],
)
def test_an_uncertain_submission_whose_jobs_exist_is_watched_not_reported_uncertain(
    provider: str, method: str, path: str, scenario: str, times: int, make_ledger: LedgerFactory
) -> None:
    rig = ScenarioRig(provider, method, path, scenario, times)
    items, _, _ = asyncio.run(run_bounded(rig, make_ledger.at(), url_lines(5), limit=STALL_AFTER))
    assert [item.state for item in items] == [ItemState.SUCCEEDED] * 5
    assert sorted(rig.jobs_per_url().values()) == [1] * 5  # one job per input, none paid twice
    assert sum(rig.faults().values()) == times
    if provider == "scrapingpros":
        assert len({record.data["group"] for record in rig.records()}) == 1


def test_a_scrapedo_submission_that_created_nothing_stays_uncertain(
    make_ledger: LedgerFactory,
) -> None:
    rig = ScenarioRig("scrapedo", "POST", "/api/v1/jobs", "503", 1)
    items, _, _ = asyncio.run(run_bounded(rig, make_ledger.at(), url_lines(5), limit=STALL_AFTER))
    assert [item.state for item in items] == [ItemState.UNCERTAIN] * 5
    assert rig.records() == []
    assert rig.requests().get("list_jobs", 0) >= 1  # it looked before saying so


# -- a retry's backoff does not hold a request slot -----------------------------------------------


def test_request_slots_are_lent_out_while_a_retry_waits_out_its_backoff() -> None:
    async def main() -> None:
        slots = RequestSlots(1)
        backoff_over = asyncio.Event()
        order: list[str] = []

        async def backoff(seconds: float) -> None:
            del seconds
            await backoff_over.wait()

        sleep = slots.lending(backoff)

        async def retrying() -> None:
            async with slots.hold():
                order.append("first attempt")
                await sleep(1.0)  # gives the slot back meanwhile
                order.append("second attempt")

        async def other() -> None:
            async with slots.hold():
                order.append("other request")
                backoff_over.set()
                await asyncio.sleep(0)
                order.append("other request done")

        first = asyncio.create_task(retrying())
        await asyncio.sleep(0)
        await asyncio.gather(first, other())
        # The other request ran during the backoff; the retry took the slot back only after.
        assert order == ["first attempt", "other request", "other request done", "second attempt"]

        # Outside a hold the sleep is the plain one; a cancelled backoff leaves the slot free.
        backoff_over.clear()
        waiting = asyncio.create_task(retrying())
        await asyncio.sleep(0)
        waiting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
        # Nothing leaked (a slot is free), nothing released twice (one hold takes them all).
        assert not slots._semaphore.locked()
        async with slots.hold():
            assert slots._semaphore.locked()
        assert not slots._semaphore.locked()

    asyncio.run(main())
