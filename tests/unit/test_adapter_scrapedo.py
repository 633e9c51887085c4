"""The Scrape.do adapter through AsyncJobs/Jobs against the in-process emulator (no real sleeping)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapedo_client.models import (
    CreateJobRequest,
    ResponseHeaders,
    Task,
    TaskCredits,
    TaskStatus,
    TaskSummary,
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
from scrapejobs.jobs import JobRef
from scrapejobs.providers.scrapedo import ScrapedoAdapter
from scrapejobs.retries import RetryPolicy
from scrapejobs.states import JobState
from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    Faults,
    ManualClock,
    Phase,
    Progression,
)
from scrapejobs_emulator.providers.scrapedo import FAILED_MESSAGE

P = "scrapedo"
FAST_RETRY = RetryPolicy(
    attempts=12, backoff=Backoff(first=0.001, maximum=0.002, jitter=0.0), retry_after_cap=0.0
)
"""Retries inside the adapter use real asyncio.sleep (not the facade's sleep): keep them ~1 ms."""


class Harness:
    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.clock = ManualClock()
        self.emulator = Emulator(
            config or EmulatorConfig(progression=Progression(min_seconds=1, max_seconds=1)),
            clock=self.clock,
        )
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.clock.advance(seconds)

    def sync_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.clock.advance(seconds)

    def kwargs(self, **extra: Any) -> dict[str, Any]:
        return {
            "base_url": f"http://emu/{P}",
            "httpx_args": {"transport": EmulatorTransport(self.emulator)},
            "clock": self.clock.now,
            "sleep": self.sleep,
            **extra,
        }

    def jobs(self, **extra: Any) -> AsyncJobs:
        return AsyncJobs(P, "emulator-token", **self.kwargs(**extra))

    def stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = self.emulator.stats.as_json()[P]
        return stats

    def tasks_created(self) -> int:
        return sum(self.stats()["jobs_created"].values())

    def requests(self, operation: str) -> int:
        count: int = self.stats()["requests"].get(operation, 0)
        return count


def urls(n: int, prefix: str = "https://example.com/page") -> list[str]:
    return [f"{prefix}/{i}" for i in range(n)]


def assert_result(task: Task, ref: JobRef, url: str) -> None:
    assert isinstance(task, Task)
    assert task.task_id == ref.job_id
    assert task.job_id == ref.scope[0]
    assert task.url == url
    assert task.status == TaskStatus.SUCCESS
    assert task.status_code == 200
    assert task.base_64_encoded_content is False
    assert isinstance(task.content, str)
    assert f'href="{url}"' in task.content
    assert task.error_message == ""
    assert isinstance(task.response_headers, ResponseHeaders)
    assert task.response_headers.additional_properties["Content-Type"] == "text/html"
    assert isinstance(task.scrape_do, TaskCredits)
    assert task.scrape_do.credits_used == "1"
    assert isinstance(task.expires_at, str)


def test_adapter_is_registered() -> None:
    jobs = Harness().jobs()
    assert isinstance(jobs.adapter, ScrapedoAdapter)
    assert jobs.adapter.provider == P


def test_submit_wait_result_async() -> None:
    harness = Harness()
    targets = urls(3)

    async def main() -> None:
        jobs = harness.jobs()
        refs = await jobs.submit(CreateJobRequest(targets=targets))
        assert len(refs) == 3
        assert len({ref.scope for ref in refs}) == 1
        assert all(ref.provider == P and len(ref.scope) == 1 for ref in refs)
        assert str(refs[0]) == f"{P}/{refs[0].scope[0]}/{refs[0].job_id}"
        first = await jobs.status(refs[0])
        assert first.state in (JobState.QUEUED, JobState.RUNNING)
        assert isinstance(first.model, Task)
        with pytest.raises(ConflictError) as not_ready:
            await jobs.result(refs[0])
        assert not_ready.value.provider == P
        final = await jobs.wait(refs, timeout=60)
        assert set(final) == set(refs)
        for ref in refs:
            assert final[ref].state is JobState.SUCCEEDED
            assert final[ref].raw_status == "success"
            assert final[ref].reason is None
            assert isinstance(final[ref].model, TaskSummary)
        for ref, url in zip(refs, targets, strict=True):
            assert_result(await jobs.result(ref), ref, url)

    asyncio.run(main())
    assert harness.tasks_created() == 3
    assert harness.requests("create_job") == 1


def test_submit_wait_result_sync() -> None:
    harness = Harness()
    targets = urls(2, "https://sync.example.org/item")
    with Jobs(P, "emulator-token", **harness.kwargs(sleep=harness.sync_sleep)) as jobs:
        refs = jobs.submit(CreateJobRequest(targets=targets))
        final = jobs.wait(refs, timeout=60)
        assert {status.state for status in final.values()} == {JobState.SUCCEEDED}
        for ref, url in zip(refs, targets, strict=True):
            assert_result(jobs.result(ref), ref, url)
        assert jobs.status(refs[0]).state is JobState.SUCCEEDED
    assert harness.sleeps  # waited through the injected sleep


def test_submit_rejects_other_models_and_reports_400() -> None:
    harness = Harness()

    async def main() -> None:
        jobs = harness.jobs()
        with pytest.raises(TypeError, match="CreateJobRequest"):
            await jobs.submit({"Targets": ["https://example.com"]})
        with pytest.raises(InvalidRequestError) as refused:
            await jobs.submit(CreateJobRequest(targets=[]))
        assert refused.value.status_code == 400
        assert "Targets" in str(refused.value)

    asyncio.run(main())
    assert harness.tasks_created() == 0


def test_failed_job_raises_with_reason_or_returns_it() -> None:
    harness = Harness()

    async def main() -> None:
        jobs = harness.jobs(headers={"X-Emulator-Scenario": "fail-job"})
        refs = await jobs.submit(CreateJobRequest(targets=urls(2)))
        with pytest.raises(JobFailedError) as failed:
            await jobs.wait(refs, timeout=60)
        assert failed.value.state == "failed"
        assert failed.value.reason == FAILED_MESSAGE
        assert failed.value.job in {str(ref) for ref in refs}
        final = await jobs.wait(refs, timeout=60, raise_on_failure=False)
        for ref in refs:
            assert final[ref].state is JobState.FAILED
            assert final[ref].raw_status == "error"
            assert final[ref].reason == FAILED_MESSAGE
            assert isinstance(final[ref].model, Task)
        task = await jobs.result(refs[0])  # a failed task is a final answer too
        assert task.status == TaskStatus.ERROR
        assert task.status_code == 403
        assert task.content == ""
        assert task.error_message == FAILED_MESSAGE

    asyncio.run(main())


def test_mixed_outcomes_in_one_job() -> None:
    harness = Harness(EmulatorConfig(progression=Progression(mode="manual")))

    async def main() -> None:
        jobs = harness.jobs()
        refs = await jobs.submit(CreateJobRequest(targets=urls(3)))
        records = {r.id: r for r in harness.emulator.store.records(P)}
        harness.emulator.store.complete(records[refs[0].job_id], Phase.SUCCEEDED)
        harness.emulator.store.complete(records[refs[1].job_id], Phase.FAILED)
        statuses = await jobs.adapter.statuses(refs)
        assert [statuses[ref].state for ref in refs] == [
            JobState.SUCCEEDED,
            JobState.FAILED,
            JobState.QUEUED,
        ]
        assert statuses[refs[1]].reason == FAILED_MESSAGE
        assert statuses[refs[0]].reason is None

    asyncio.run(main())


def test_timeout_lists_unfinished_refs() -> None:
    harness = Harness(EmulatorConfig(progression=Progression(mode="manual")))

    async def main() -> None:
        jobs = harness.jobs()
        refs = await jobs.submit(CreateJobRequest(targets=urls(3)))
        records = {r.id: r for r in harness.emulator.store.records(P)}
        harness.emulator.store.complete(records[refs[0].job_id])
        with pytest.raises(JobTimeoutError) as timed_out:
            await jobs.wait(refs, timeout=10)
        assert set(timed_out.value.job_ids) == {str(refs[1]), str(refs[2])}
        assert timed_out.value.waited >= 10
        assert harness.clock.now() >= 10  # the fake sleep advanced the clock; nothing slept

    asyncio.run(main())


def test_faults_are_retried_and_nothing_is_submitted_twice() -> None:
    harness = Harness(
        EmulatorConfig(
            progression=Progression(min_seconds=1, max_seconds=3),
            faults=Faults(rate_429=0.3, rate_503=0.2, retry_after_seconds=0),
            seed=7,
        )
    )
    refs: list[JobRef] = []
    targets: dict[JobRef, str] = {}
    uncertain: list[SubmissionUncertainError] = []

    async def main() -> None:
        jobs = harness.jobs(retry=FAST_RETRY)
        for n in range(8):
            wanted = urls(3, f"https://faults.example.com/{n}")
            try:
                made = await jobs.submit(CreateJobRequest(targets=wanted))
            except SubmissionUncertainError as error:
                # A 503 on a submission without idempotency is never retried.
                uncertain.append(error)
                continue
            refs.extend(made)
            targets.update(zip(made, wanted, strict=True))
        final = await jobs.wait(refs, timeout=600)
        assert all(status.state is JobState.SUCCEEDED for status in final.values())
        for ref in refs:
            assert_result(await jobs.result(ref), ref, targets[ref])

    asyncio.run(main())
    faults = harness.stats()["faults"]
    assert faults.get("429", 0) > 0
    assert faults.get("503", 0) > 0
    assert len(refs) >= 3
    # Every task in the emulator belongs to exactly one returned ref: nothing was created twice.
    assert harness.tasks_created() == len(refs)
    assert {r.id for r in harness.emulator.store.records(P)} == {ref.job_id for ref in refs}
    assert harness.requests("create_job") == len(refs) // 3
    assert len(uncertain) == 8 - len(refs) // 3
    assert all(error.idempotency_key is None for error in uncertain)
    assert all("503" in error.reason for error in uncertain)


def test_drop_after_submission_is_uncertain_and_not_retried() -> None:
    harness = Harness()

    async def main() -> None:
        jobs = harness.jobs(headers={"X-Emulator-Scenario": "drop-after"}, retry=FAST_RETRY)
        with pytest.raises(SubmissionUncertainError) as uncertain:
            await jobs.submit(CreateJobRequest(targets=urls(2)))
        assert uncertain.value.provider == P
        assert uncertain.value.idempotency_key is None
        assert "emulator-token" not in str(uncertain.value)

    asyncio.run(main())
    assert harness.requests("create_job") == 1
    assert harness.tasks_created() == 2  # exactly one job (of two tasks) exists
    assert len({r.data["group"] for r in harness.emulator.store.records(P)}) == 1


def test_wait_reads_a_jobs_tasks_together_and_each_content_once() -> None:
    harness = Harness(EmulatorConfig(progression=Progression(min_seconds=5, max_seconds=5)))
    n = 20

    async def main() -> list[JobRef]:
        jobs = harness.jobs()
        refs = await jobs.submit(CreateJobRequest(targets=urls(n, "https://a.example.com")))
        refs += await jobs.submit(CreateJobRequest(targets=urls(n, "https://b.example.com")))
        final = await jobs.wait(refs, timeout=120)
        assert len(final) == 2 * n
        return refs

    asyncio.run(main())
    # Each job's tasks are read together (one Get Job for 20 tasks); once the first job's tasks
    # were seen to end, the second job is read when its tasks should be done, not before.
    assert 2 <= harness.requests("get_job") < n
    assert harness.requests("get_task") == 2 * n  # each task's content read once, as it ended


def test_cancel_job_and_already_final() -> None:
    harness = Harness(EmulatorConfig(progression=Progression(mode="manual")))

    async def main() -> None:
        jobs = harness.jobs()
        refs = await jobs.submit(CreateJobRequest(targets=urls(2)))
        records = {r.id: r for r in harness.emulator.store.records(P)}
        harness.emulator.store.complete(records[refs[0].job_id])
        cancelled = await jobs.cancel(refs[1])
        assert cancelled.state is JobState.CANCELLED
        assert cancelled.raw_status == "canceled"
        assert cancelled.reason
        # the finished task of the job keeps its result
        assert (await jobs.status(refs[0])).state is JobState.SUCCEEDED
        # 406 (already canceled): the current status, no error
        again = await jobs.cancel(refs[0])
        assert again.state is JobState.SUCCEEDED
        assert harness.requests("cancel_job") == 2
        with pytest.raises(JobFailedError) as failed:
            await jobs.wait([refs[1]], timeout=5)
        assert failed.value.state == "cancelled"

        other = await jobs.submit(CreateJobRequest(targets=urls(1, "https://c.example.com")))
        harness.emulator.store.complete(
            next(r for r in harness.emulator.store.records(P) if r.id == other[0].job_id)
        )
        done = await jobs.cancel(other[0])  # 406: the job already finished
        assert done.state is JobState.SUCCEEDED

    asyncio.run(main())


def test_cancel_on_timeout() -> None:
    harness = Harness(EmulatorConfig(progression=Progression(mode="manual")))

    async def main() -> None:
        jobs = harness.jobs()
        refs = await jobs.submit(CreateJobRequest(targets=urls(2)))
        with pytest.raises(JobTimeoutError):
            await jobs.wait(refs, timeout=3, cancel_on_timeout=True)
        assert {r.phase for r in harness.emulator.store.records(P)} == {Phase.CANCELLED}

    asyncio.run(main())


def test_malformed_ref_is_refused() -> None:
    harness = Harness()

    async def main() -> None:
        jobs = harness.jobs()
        with pytest.raises(ValueError, match="scope"):
            await jobs.status(JobRef(P, "task-without-job"))

    asyncio.run(main())
