"""ScraperAPI through the overlay (AsyncJobs / Jobs) against the in-process emulator."""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

import httpx
import pytest
from scraperapi_client.models import ApiParams, BatchJobRequest, Job, JobRequest, OutputFormat

from scrapejobs.backoff import Backoff
from scrapejobs.client import AsyncJobs, Jobs
from scrapejobs.errors import (
    AuthenticationError,
    ConflictError,
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    RateLimitedError,
    SubmissionUncertainError,
)
from scrapejobs.jobs import JobRef
from scrapejobs.providers import adapter_class
from scrapejobs.providers.scraperapi import ScraperapiAdapter
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
# Retries wait ~1 ms and ignore Retry-After: the facade's injectable sleep does not reach the
# adapter's read/submit retries, so this keeps the tests from really sleeping.
FAST = RetryPolicy(
    attempts=5,
    backoff=Backoff(first=0.001, maximum=0.001, jitter=0.0),
    retry_after_cap=0.0,
    rng=random.Random(0),
)


class RecordingTransport(EmulatorTransport):
    """The emulator's transport, keeping every request it serves."""

    def __init__(self, emulator: Emulator) -> None:
        super().__init__(emulator)
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await super().handle_async_request(request)


def one(url: str = "https://example.com/a", **kwargs: Any) -> JobRequest:
    return JobRequest(api_key="", url=url, **kwargs)


def make(
    cls: Any,
    emulator: Emulator,
    clock: ManualClock,
    transport: httpx.AsyncBaseTransport | None = None,
    **kwargs: Any,
) -> Any:
    kwargs.setdefault("retry", FAST)
    return emulated_jobs(cls, "scraperapi", emulator, clock, transport=transport, **kwargs)


def jobs_created(emulator: Emulator) -> int:
    return len(list(emulator.store.records("scraperapi")))


def assert_page_of(job: Job, url: str) -> None:
    assert isinstance(job, Job)
    assert job.url == url
    assert job.status == "finished"
    response = job.response
    assert response.status_code == 200
    headers = response.headers.additional_properties
    assert headers["sa-final-url"] == url
    assert headers["sa-statuscode"] == "200"
    assert headers["sa-credit-cost"] == "1"
    assert headers["content-type"].startswith("text/html")
    assert isinstance(response.body, str)
    assert url in response.body or url.split("//", 1)[1].split("/", 1)[0] in response.body


def test_registered_as_the_scraperapi_adapter() -> None:
    assert adapter_class("scraperapi") is ScraperapiAdapter
    assert ScraperapiAdapter.provider == "scraperapi"


def test_async_submit_wait_result(emulator: Emulator, clock: ManualClock) -> None:
    url = "https://example.com/a"

    async def flow() -> tuple[JobRef, Any, Job]:
        jobs = make(AsyncJobs, emulator, clock)
        (ref,) = await jobs.submit(one(url))
        running = await jobs.status(ref)
        assert running.state is JobState.RUNNING
        assert running.raw_status == "running"
        final = await jobs.wait([ref], timeout=60)
        return ref, final[ref], await jobs.result(ref)

    ref, status, job = asyncio.run(flow())
    assert ref.provider == "scraperapi"
    assert ref.scope == ()
    assert status.state is JobState.SUCCEEDED
    assert status.raw_status == "finished"
    assert status.reason is None
    assert isinstance(status.model, Job)
    assert job.id == ref.job_id
    assert_page_of(job, url)
    assert clock.now() - 1_782_468_000.0 >= 3  # waited on the emulated clock, never really


def test_sync_batch_gives_one_ref_per_url_in_order(emulator: Emulator, clock: ManualClock) -> None:
    urls = [f"https://shop.test/item/{i}" for i in range(3)]
    with make(Jobs, emulator, clock) as jobs:
        refs = jobs.submit(BatchJobRequest(api_key="", urls=urls))
        assert len(refs) == 3
        assert len(set(refs)) == 3
        assert jobs.status(refs[0]).state is JobState.RUNNING
        final = jobs.wait(refs, timeout=60)
        assert {status.state for status in final.values()} == {JobState.SUCCEEDED}
        for ref, url in zip(refs, urls, strict=True):
            assert_page_of(jobs.result(ref), url)
    assert emulator.stats.as_json()["scraperapi"]["requests"]["create_batch_jobs"] == 1
    assert jobs_created(emulator) == 3


def test_output_format_reaches_the_job(emulator: Emulator, clock: ManualClock) -> None:
    params = ApiParams(output_format=OutputFormat.MARKDOWN)
    with make(Jobs, emulator, clock) as jobs:
        (ref,) = jobs.submit(one("https://example.com/md", api_params=params))
        jobs.wait([ref], timeout=60)
        job = jobs.result(ref)
    assert job.response.headers.additional_properties["content-type"].startswith("text/markdown")
    assert job.response.body.startswith("# ")


def test_token_travels_in_the_body_only_and_the_request_is_not_changed(
    emulator: Emulator, clock: ManualClock
) -> None:
    transport = RecordingTransport(emulator)
    request = one("https://example.com/key")
    with make(Jobs, emulator, clock, transport=transport) as jobs:
        (ref,) = jobs.submit(request)
        jobs.wait([ref], timeout=60)
        jobs.result(ref)
        jobs.cancel(ref)
    assert request.api_key == ""  # the caller's model is left as it was
    post, *reads = transport.requests
    assert post.method == "POST"
    assert json.loads(post.content)["apiKey"] == TOKEN
    assert reads
    for read in reads:
        assert read.method in ("GET", "DELETE")
        assert "apiKey" not in read.url.params
        assert TOKEN not in str(read.url)
        assert "Authorization" not in read.headers
    assert TOKEN not in repr(request)


def test_a_key_given_in_the_request_is_kept(emulator: Emulator, clock: ManualClock) -> None:
    transport = RecordingTransport(emulator)
    with make(Jobs, emulator, clock, transport=transport) as jobs:
        with pytest.raises(AuthenticationError) as raised:
            jobs.submit(JobRequest(api_key="another-key", url="https://example.com/"))
        with pytest.raises(AuthenticationError):
            jobs.submit(BatchJobRequest(api_key="another-key", urls=["https://example.com/"]))
    assert raised.value.status_code == 401
    assert raised.value.provider == "scraperapi"
    assert json.loads(transport.requests[0].content)["apiKey"] == "another-key"
    assert jobs_created(emulator) == 0


def test_additional_properties_survive_the_key_copy(emulator: Emulator, clock: ManualClock) -> None:
    transport = RecordingTransport(emulator)
    request = one("https://example.com/extra")
    request.additional_properties["futureField"] = "kept"
    with make(Jobs, emulator, clock, transport=transport) as jobs:
        jobs.submit(request)
    body = json.loads(transport.requests[0].content)
    assert body["futureField"] == "kept"
    assert body["apiKey"] == TOKEN


def test_failed_job_raises_with_the_provider_reason(emulator: Emulator, clock: ManualClock) -> None:
    failing = make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "fail-job"})
    (ref,) = failing.submit(one())
    with pytest.raises(JobFailedError) as raised:
        failing.wait([ref], timeout=60)
    assert raised.value.state == "failed"
    assert raised.value.reason == "failed_due_to_timeout"
    assert raised.value.job == str(ref)
    final = failing.wait([ref], timeout=60, raise_on_failure=False)
    assert final[ref].state is JobState.FAILED
    assert final[ref].raw_status == "failed"
    assert final[ref].reason == "failed_due_to_timeout"
    assert final[ref].model.attempts == 50
    with pytest.raises(ConflictError, match="failed_due_to_timeout"):
        failing.result(ref)
    failing.close()


def test_result_of_a_running_job_is_a_conflict(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs:
        (ref,) = jobs.submit(one())
        with pytest.raises(ConflictError, match="running") as raised:
            jobs.result(ref)
        assert raised.value.code == "not_finished"
        with pytest.raises(NotFoundError):
            jobs.status(JobRef("scraperapi", "no-such-job"))
        with pytest.raises(NotFoundError):
            jobs.result(JobRef("scraperapi", "no-such-job"))


def test_timeout_lists_unfinished_jobs_and_can_cancel_them(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression=Progression(mode="manual")), clock=clock)
    with make(Jobs, emulator, clock) as jobs:
        refs = jobs.submit(
            BatchJobRequest(api_key="", urls=["https://a.test/1", "https://a.test/2"])
        )
        with pytest.raises(JobTimeoutError) as raised:
            jobs.wait(refs, timeout=20)
        assert raised.value.job_ids == tuple(str(ref) for ref in refs)
        assert raised.value.waited >= 20
        with pytest.raises(JobTimeoutError):
            jobs.wait(refs, timeout=20, cancel_on_timeout=True)
        assert {jobs.status(ref).state for ref in refs} == {JobState.CANCELLED}


def test_cancel(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs:
        (ref,) = jobs.submit(one())
        cancelled = jobs.cancel(ref)
        assert cancelled.state is JobState.CANCELLED
        assert cancelled.raw_status == "cancelled"
        with pytest.raises(JobFailedError, match="cancelled"):
            jobs.wait([ref], timeout=10)
        (done,) = jobs.submit(one("https://example.com/done"))
        jobs.wait([done], timeout=60)
        assert jobs.cancel(done).state is JobState.SUCCEEDED  # an ended job stays as it was
        with pytest.raises(NotFoundError):
            jobs.cancel(JobRef("scraperapi", "no-such-job"))


def test_faults_never_duplicate_a_submission(clock: ManualClock) -> None:
    emulator = Emulator(
        EmulatorConfig(
            seed=7,
            progression=Progression(min_seconds=1, max_seconds=2),
            faults=Faults(rate_429=0.3, rate_503=0.2, retry_after_seconds=0),
        ),
        clock=clock,
    )
    policy = RetryPolicy(
        attempts=15,
        backoff=Backoff(first=0.001, maximum=0.001, jitter=0.0),
        retry_after_cap=0.0,
        rng=random.Random(0),
    )
    submitted: dict[JobRef, str] = {}
    uncertain = 0
    with make(Jobs, emulator, clock, retry=policy) as jobs:
        for i in range(30):
            url = f"https://shop.test/{i}"
            try:
                (ref,) = jobs.submit(one(url))
                submitted[ref] = url
            except SubmissionUncertainError:
                # A 503 on a submission without an idempotency key: the client cannot know
                # whether a job exists, so it does not retry (the emulator's 503 created none).
                uncertain += 1
        refs = list(submitted)
        final = jobs.wait(refs, timeout=600)
        results = {ref: jobs.result(ref) for ref in refs}
    stats = emulator.stats.as_json()["scraperapi"]
    assert len(refs) + uncertain == 30
    assert len(refs) >= 15
    assert jobs_created(emulator) == len(refs)  # nothing submitted twice
    assert sum(stats["jobs_created"].values()) == len(refs)
    assert all(status.state is JobState.SUCCEEDED for status in final.values())
    for ref, url in submitted.items():
        assert_page_of(results[ref], url)
    assert stats["faults"]["429"] > 0
    assert stats["faults"]["503"] > 0


def test_drop_after_on_a_submission_is_uncertain(emulator: Emulator, clock: ManualClock) -> None:
    dropping = make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "drop-after"})
    with pytest.raises(SubmissionUncertainError) as raised:
        dropping.submit(one())
    dropping.close()
    assert raised.value.provider == "scraperapi"
    assert raised.value.idempotency_key is None
    assert jobs_created(emulator) == 1  # created once, never retried
    assert emulator.stats.as_json()["scraperapi"]["requests"]["create_job"] == 1


def test_drop_after_on_a_batch_is_uncertain(emulator: Emulator, clock: ManualClock) -> None:
    dropping = make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "drop-after"})
    with pytest.raises(SubmissionUncertainError):
        dropping.submit(BatchJobRequest(api_key="", urls=["https://a.test/1", "https://a.test/2"]))
    dropping.close()
    assert jobs_created(emulator) == 2  # one batch, sent once
    assert emulator.stats.as_json()["scraperapi"]["requests"]["create_batch_jobs"] == 1


def test_a_refused_submission_is_retried_then_raised(
    emulator: Emulator, clock: ManualClock
) -> None:
    limited = make(Jobs, emulator, clock, headers={"X-Emulator-Scenario": "429"})
    with pytest.raises(RateLimitedError):
        limited.submit(one())
    limited.close()
    assert emulator.stats.as_json()["scraperapi"]["faults"]["429"] == FAST.attempts
    assert jobs_created(emulator) == 0


def test_other_request_types_are_refused(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs, pytest.raises(TypeError, match="JobRequest"):
        jobs.submit({"url": "https://example.com"})


def test_sync_as_completed_yields_every_job_and_hands_results_over(
    emulator: Emulator, clock: ManualClock
) -> None:
    urls = [f"https://shop.test/done/{i}" for i in range(4)]
    with make(Jobs, emulator, clock) as jobs:
        refs = jobs.submit(BatchJobRequest(api_key="", urls=urls))
        seen = [status.ref for status in jobs.as_completed(refs, timeout=60)]
        assert sorted(seen, key=str) == sorted(refs, key=str)
        reads = emulator.stats.as_json()["scraperapi"]["requests"]["get_job"]
        for ref, url in zip(refs, urls, strict=True):
            assert_page_of(jobs.result(ref), url)  # the status read held the result
        assert emulator.stats.as_json()["scraperapi"]["requests"]["get_job"] == reads
