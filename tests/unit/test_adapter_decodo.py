"""Decodo through the overlay (AsyncJobs / Jobs) against the in-process emulator."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from decodo_client.models import (
    GoogleSearchTask,
    TaskResults,
    UniversalBatch,
    UniversalTask,
)

from scrapejobs.backoff import Backoff
from scrapejobs.client import AsyncJobs, Jobs
from scrapejobs.errors import (
    ConflictError,
    InvalidRequestError,
    JobFailedError,
    JobTimeoutError,
    SubmissionUncertainError,
)
from scrapejobs.jobs import JobRef, NotSupportedError
from scrapejobs.retries import RetryPolicy
from scrapejobs.states import JobState
from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    Faults,
    ManualClock,
    Progression,
)
from tests.unit.jobs_harness import emulated_jobs

TOKEN = "emulator-token"
# Retries wait (really) at most a millisecond; the emulator's Retry-After hint is capped to 0.
FAST_RETRY = RetryPolicy(
    attempts=15, backoff=Backoff(first=0.0005, maximum=0.001, jitter=0), retry_after_cap=0.0
)


def task(url: str = "https://example.com/a") -> UniversalTask:
    return UniversalTask(target="universal", url=url)


def make(cls: Any, emulator: Emulator, clock: ManualClock, **kwargs: Any) -> Any:
    kwargs.setdefault("retry", FAST_RETRY)
    return emulated_jobs(cls, "decodo", emulator, clock, **kwargs)


def manual_emulator(clock: ManualClock) -> Emulator:
    return Emulator(EmulatorConfig(progression=Progression(mode="manual")), clock=clock)


def jobs_created(emulator: Emulator) -> int:
    return len(list(emulator.store.records("decodo")))


def assert_page_result(result: Any, ref: JobRef, url: str) -> None:
    assert isinstance(result, TaskResults)
    (entry,) = result.results
    assert entry.task_id == ref.job_id
    assert entry.url == url
    assert entry.status_code == 200
    assert isinstance(entry.content, str)
    assert entry.content.startswith("<!doctype html>")
    assert f'href="{url}"' in entry.content  # the synthetic page of exactly this URL
    assert entry.created_at <= entry.updated_at  # 'YYYY-MM-DD HH:MM:SS' compares as text


def test_async_submit_wait_result(emulator: Emulator, clock: ManualClock) -> None:
    url = "https://example.com/async"

    async def flow() -> tuple[JobRef, Any, Any, TaskResults]:
        jobs = make(AsyncJobs, emulator, clock)
        (ref,) = await jobs.submit(task(url))
        first = await jobs.status(ref)
        final = await jobs.wait([ref], timeout=60)
        return ref, first, final[ref], await jobs.result(ref)

    ref, first, status, result = asyncio.run(flow())
    assert ref.provider == "decodo"
    assert ref.job_id.isdigit()
    assert ref.scope == ()
    assert first.state is JobState.RUNNING  # Decodo's 'pending' may already be running
    assert first.raw_status == "pending"
    assert status.state is JobState.SUCCEEDED
    assert status.raw_status == "done"
    assert status.reason is None
    # the wait read the results endpoint (204 while pending): the status holds those results,
    # and result() hands them over without another request
    assert status.model is result
    assert_page_result(result, ref, url)
    assert emulator.stats.as_json()["decodo"]["requests"]["get_task_results"] >= 1
    assert emulator.stats.as_json()["decodo"]["requests"]["get_task"] == 1  # `first` above
    assert clock.now() - 1_782_468_000.0 > 0  # waited on the emulated clock, never really


def test_sync_batch_gives_one_ref_per_url(emulator: Emulator, clock: ManualClock) -> None:
    urls = [f"https://batch.test/{n}" for n in range(3)]
    with make(Jobs, emulator, clock) as jobs:
        refs = jobs.submit(UniversalBatch(target="universal", url=urls))
        assert len(refs) == 3
        assert len(set(refs)) == 3
        final = jobs.wait(refs, timeout=60)
        assert {status.state for status in final.values()} == {JobState.SUCCEEDED}
        for ref, url in zip(refs, urls, strict=True):
            assert_page_result(final[ref].model, ref, url)
            assert_page_result(jobs.result(ref), ref, url)
        assert repr(jobs) == "Jobs(provider='decodo')"
    assert jobs_created(emulator) == 3
    assert emulator.stats.as_json()["decodo"]["requests"]["create_task_batch"] == 1


def test_query_target_and_parsed_content(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs:
        (ref,) = jobs.submit(GoogleSearchTask(target="google_search", query="pizza", parse=True))
        assert jobs.wait([ref], timeout=60)[ref].state is JobState.SUCCEEDED
        (entry,) = jobs.result(ref).results
    assert not isinstance(entry.content, str)
    assert entry.content is not None
    assert entry.content["status_code"] == 12000
    assert entry.content["task_id"] == ref.job_id


def test_result_before_done_is_a_conflict(clock: ManualClock) -> None:
    emulator = manual_emulator(clock)
    with make(Jobs, emulator, clock) as jobs:
        (ref,) = jobs.submit(task())
        with pytest.raises(ConflictError) as raised:
            jobs.result(ref)
    assert raised.value.status_code == 204
    assert raised.value.provider == "decodo"
    # not retried: a pending result is an answer, not a transient failure
    assert emulator.stats.as_json()["decodo"]["requests"]["get_task_results"] == 1


def test_failed_job_raises_and_can_be_returned(emulator: Emulator, clock: ManualClock) -> None:
    failing = make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "fail-job"})
    (ref,) = failing.submit(task())
    with pytest.raises(JobFailedError) as raised:
        failing.wait([ref], timeout=60)
    assert raised.value.state == "failed"
    assert raised.value.job == str(ref)
    # Decodo documents no failure reason; the faulted task's results entry gives one
    assert raised.value.reason is not None
    assert "status 613" in raised.value.reason
    final = failing.wait([ref], timeout=60, raise_on_failure=False)
    assert final[ref].state is JobState.FAILED
    assert final[ref].raw_status == "faulted"
    # the faulted task's result entry is Decodo's "faulted after too many retries"
    (entry,) = failing.result(ref).results
    assert entry.content is None
    assert entry.status_code == 613
    assert "retries" in entry.help_
    failing.close()


def test_timeout_lists_unfinished_jobs(clock: ManualClock) -> None:
    emulator = manual_emulator(clock)
    with make(Jobs, emulator, clock) as jobs:
        refs = [
            ref
            for url in ("https://a.test/1", "https://a.test/2")
            for ref in jobs.submit(task(url))
        ]
        with pytest.raises(JobTimeoutError) as raised:
            jobs.wait(refs, timeout=20)
        assert raised.value.job_ids == tuple(str(ref) for ref in refs)
        assert raised.value.waited >= 20
        assert {jobs.status(ref).state for ref in refs} == {JobState.RUNNING}


def test_cancel_is_not_supported(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        (ref,) = await jobs.submit(task())
        with pytest.raises(NotSupportedError):
            await jobs.cancel(ref)

    asyncio.run(flow())
    with make(Jobs, emulator, clock) as jobs, pytest.raises(NotSupportedError):
        jobs.cancel(JobRef("decodo", "1"))


def test_unknown_request_type_is_refused_before_sending(
    emulator: Emulator, clock: ManualClock
) -> None:
    with make(Jobs, emulator, clock) as jobs, pytest.raises(TypeError, match="decodo"):
        jobs.submit({"target": "universal", "url": "https://example.com"})
    assert emulator.stats.as_json()["decodo"]["requests"] == {}


def test_invalid_request_is_a_typed_error(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs, pytest.raises(InvalidRequestError) as raised:
        jobs.submit(GoogleSearchTask(target="google_search", query="x" * 2049))
    assert raised.value.status_code == 422
    assert jobs_created(emulator) == 0


def test_faults_never_duplicate_a_submission(clock: ManualClock) -> None:
    emulator = Emulator(
        EmulatorConfig(
            seed=7,
            progression=Progression(min_seconds=1, max_seconds=2),
            faults=Faults(rate_429=0.3, rate_503=0.2, retry_after_seconds=1),
        ),
        clock=clock,
    )
    refs: list[JobRef] = []
    urls: dict[JobRef, str] = {}
    uncertain = 0
    with make(Jobs, emulator, clock) as jobs:
        for n in range(10):
            try:
                if n % 3 == 2:
                    clock.advance(1)  # the batch endpoint takes 1 request per second
                    batch = [f"https://faults.test/{n}/{i}" for i in range(2)]
                    got = jobs.submit(UniversalBatch(target="universal", url=batch))
                    urls.update(zip(got, batch, strict=True))
                else:
                    url = f"https://faults.test/{n}"
                    (ref,) = got = jobs.submit(task(url))
                    urls[ref] = url
            except SubmissionUncertainError:
                uncertain += 1  # a 503: Decodo may have created it, so it is never retried
                continue
            refs.extend(got)
        assert refs
        final = jobs.wait(refs, timeout=600)
        assert {status.state for status in final.values()} == {JobState.SUCCEEDED}
        for ref in refs:
            (entry,) = jobs.result(ref).results
            assert entry.url == urls[ref]
    faults = emulator.stats.as_json()["decodo"]["faults"]
    assert faults.get("429", 0) > 0  # submissions and reads were refused and retried
    assert faults.get("503", 0) > 0
    assert uncertain > 0
    # every created task is one we hold a ref for: no 429 retry created a second one
    assert jobs_created(emulator) == len(refs) == len(set(refs))
    assert sum(emulator.stats.as_json()["decodo"]["jobs_created"].values()) == len(refs)


def test_drop_after_submission_is_uncertain_and_not_retried(
    emulator: Emulator, clock: ManualClock
) -> None:
    with make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "drop-after"}) as jobs:
        with pytest.raises(SubmissionUncertainError) as raised:
            jobs.submit(task())
        assert raised.value.idempotency_key is None
        assert TOKEN not in str(raised.value)
    assert jobs_created(emulator) == 1
    assert emulator.stats.as_json()["decodo"]["requests"]["create_task"] == 1


def test_drop_after_batch_is_uncertain_and_not_retried(
    emulator: Emulator, clock: ManualClock
) -> None:
    urls = ["https://drop.test/1", "https://drop.test/2"]
    dropping = make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "drop-after"})
    with dropping as jobs, pytest.raises(SubmissionUncertainError):
        jobs.submit(UniversalBatch(target="universal", url=urls))
    assert jobs_created(emulator) == 2  # one batch request's tasks, once
    assert emulator.stats.as_json()["decodo"]["requests"]["create_task_batch"] == 1


def test_batches_are_spaced_one_second_apart_before_sending(
    emulator: Emulator, clock: ManualClock
) -> None:
    """Decodo allows one batch request per second: the client waits instead of being refused."""
    with make(Jobs, emulator, clock, retry=RetryPolicy()) as jobs:
        first = jobs.submit(UniversalBatch(target="universal", url=["https://rl.test/1"]))
        before = clock.now()
        second = jobs.submit(UniversalBatch(target="universal", url=["https://rl.test/2"]))
        assert clock.now() - before >= 1.0  # waited out the one-batch-per-second limit
    assert len(first) == len(second) == 1
    assert jobs_created(emulator) == 2
    assert emulator.stats.as_json()["decodo"]["requests"]["create_task_batch"] == 2  # none refused
