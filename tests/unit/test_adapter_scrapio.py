"""Scrapio through the overlay (AsyncJobs / Jobs) against the in-process emulator."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapio_client.models import FetchInput, FetchJobRequest, JobResult

from scrapejobs.client import AsyncJobs, Jobs
from scrapejobs.errors import JobFailedError, JobTimeoutError
from scrapejobs.retries import RetryPolicy
from scrapejobs.states import JobState
from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    Faults,
    ManualClock,
    Progression,
)
from tests.unit.jobs_harness import emulated_jobs

TOKEN = "emulator-token"


def fetch(url: str = "https://example.com/a") -> FetchJobRequest:
    return FetchJobRequest(kind="fetch", input_=FetchInput(url=url))


def make(cls: Any, emulator: Emulator, clock: ManualClock, **kwargs: Any) -> Any:
    return emulated_jobs(cls, "scrapio", emulator, clock, **kwargs)


def jobs_created(emulator: Emulator) -> int:
    return len(list(emulator.store.records("scrapio")))


def test_async_submit_wait_result(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> tuple[Any, JobResult]:
        jobs = make(AsyncJobs, emulator, clock)
        (ref,) = await jobs.submit(fetch())
        final = await jobs.wait([ref], timeout=60)
        return final[ref], await jobs.result(ref)

    status, result = asyncio.run(flow())
    assert status.state is JobState.SUCCEEDED
    assert status.raw_status == "completed"
    assert isinstance(result, JobResult)
    assert result.status == "completed"
    assert isinstance(result.outputs.html, str)
    assert "example.com" in result.outputs.html
    assert clock.now() - 1_782_468_000.0 >= 3  # waited on the emulated clock, never really


def test_sync_twin_has_the_same_shape(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs:
        (ref,) = jobs.submit(fetch("https://example.com/sync"))
        assert jobs.status(ref).state is JobState.QUEUED
        assert jobs.wait([ref], timeout=60)[ref].state is JobState.SUCCEEDED
        assert "example.com" in jobs.result(ref).outputs.html
        assert repr(jobs) == "Jobs(provider='scrapio')"
        assert TOKEN not in repr(jobs)


def test_failed_job_raises_with_the_provider_reason(emulator: Emulator, clock: ManualClock) -> None:
    failing = make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "fail-job"})
    (ref,) = failing.submit(fetch())
    with pytest.raises(JobFailedError) as raised:
        failing.wait([ref], timeout=60)
    assert raised.value.state == "failed"
    assert raised.value.reason == "target_blocked: The target blocked every attempt."
    final = failing.wait([ref], timeout=60, raise_on_failure=False)
    assert final[ref].state is JobState.FAILED
    failing.close()


def test_timeout_lists_unfinished_jobs_and_can_cancel_them(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression=Progression(mode="manual")), clock=clock)
    with make(Jobs, emulator, clock) as jobs:
        refs = [
            ref
            for url in ("https://a.test/1", "https://a.test/2")
            for ref in jobs.submit(fetch(url))
        ]
        with pytest.raises(JobTimeoutError) as raised:
            jobs.wait(refs, timeout=20, cancel_on_timeout=True)
        assert raised.value.job_ids == tuple(str(ref) for ref in refs)
        assert raised.value.waited >= 20
        assert {jobs.status(ref).state for ref in refs} == {JobState.CANCELLED}


def test_polling_respects_scrapio_minimum_interval(emulator: Emulator, clock: ManualClock) -> None:
    slept: list[float] = []

    async def recording_sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    jobs = AsyncJobs(
        "scrapio",
        TOKEN,
        base_url="http://emu/scrapio",
        httpx_args={"transport": EmulatorTransport(emulator)},
        clock=clock.now,
        sleep=recording_sleep,
    )

    async def flow() -> None:
        (ref,) = await jobs.submit(fetch())
        await jobs.wait([ref], timeout=60)

    asyncio.run(flow())
    assert slept
    assert min(slept) >= 1.0  # never more than one poll per second


def test_faults_never_duplicate_a_submission(clock: ManualClock) -> None:
    emulator = Emulator(
        EmulatorConfig(
            seed=3,
            progression=Progression(min_seconds=1, max_seconds=2),
            faults=Faults(rate_429=0.2, rate_503=0.1, rate_drop_after=0.1, retry_after_seconds=1),
        ),
        clock=clock,
    )
    policy = RetryPolicy(attempts=12)
    with make(Jobs, emulator, clock, retry=policy) as jobs:
        refs = [ref for i in range(30) for ref in jobs.submit(fetch(f"https://shop.test/{i}"))]
        final = jobs.wait(refs, timeout=600)
    assert len(refs) == 30
    assert len(set(refs)) == 30
    assert all(status.state is JobState.SUCCEEDED for status in final.values())
    assert jobs_created(emulator) == 30  # idempotency keys: retries never created a second job
    assert emulator.stats.as_json()["scrapio"]["faults"]  # faults really happened


def test_cancel(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs:
        (ref,) = jobs.submit(fetch())
        assert jobs.cancel(ref).state is JobState.CANCELLED
        with pytest.raises(JobFailedError, match="cancelled"):
            jobs.wait([ref], timeout=10)


def test_as_completed_hands_over_each_job_as_it_ends(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression=Progression(mode="manual")), clock=clock)

    def complete(ref: Any) -> None:
        (record,) = [r for r in emulator.store.records("scrapio") if r.id == ref.job_id]
        emulator.store.complete(record)

    def result_reads() -> int:
        return int(emulator.stats.as_json()["scrapio"]["requests"].get("get_job_result", 0))

    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        refs = [ref for i in range(3) for ref in await jobs.submit(fetch(f"https://a.test/{i}"))]
        complete(refs[2])
        finished = jobs.as_completed(refs, timeout=3600)
        first = await anext(finished)
        assert first.ref == refs[2]
        assert first.state is JobState.SUCCEEDED
        before = result_reads()
        assert isinstance(await jobs.result(refs[2]), JobResult)
        assert result_reads() == before  # the read that found it final carried the result
        complete(refs[0])
        second = await anext(finished)
        assert second.ref == refs[0]
        await finished.aclose()  # leaving early: refs[1] is not waited for any more
        reads = result_reads()
        await asyncio.sleep(0)
        assert result_reads() == reads
        await jobs.aclose()

    asyncio.run(flow())
