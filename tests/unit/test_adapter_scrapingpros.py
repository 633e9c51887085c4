"""ScrapingPros through the overlay (AsyncJobs / Jobs) against the in-process emulator."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import scrapingpros_client
from scrapingpros_client.api.collections import list_collections
from scrapingpros_client.models import (
    CollectionRequest,
    CreateCollectionRequest,
    RunJob,
    ScrapeResult,
)

from scrapejobs.backoff import Backoff
from scrapejobs.client import AsyncJobs, Jobs
from scrapejobs.errors import (
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    SubmissionUncertainError,
)
from scrapejobs.jobs import JobRef, NotSupportedError
from scrapejobs.providers.scrapingpros_listing import SWEEP_EVERY
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
P = "scrapingpros"
FAST_RETRY = RetryPolicy(
    attempts=20, backoff=Backoff(first=0.001, maximum=0.002, jitter=0.0), retry_after_cap=0.0
)


def collection(*urls: str, name: str = "test collection") -> CreateCollectionRequest:
    return CreateCollectionRequest(
        name=name,
        requests=[CollectionRequest(url=url, custom_id=f"item-{i}") for i, url in enumerate(urls)],
    )


def urls(n: int, prefix: str = "https://example.com/p") -> list[str]:
    return [f"{prefix}/{i}" for i in range(n)]


class ScenarioTransport(EmulatorTransport):
    """Adds ``X-Emulator-Scenario`` to the first ``times`` requests that ``match``."""

    def __init__(
        self,
        emulator: Emulator,
        match: Callable[[httpx.Request], bool],
        scenario: str,
        times: int = 1,
    ) -> None:
        super().__init__(emulator)
        self.match = match
        self.scenario = scenario
        self.left = times

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.left and self.match(request):
            self.left -= 1
            request.headers["X-Emulator-Scenario"] = self.scenario
        return await super().handle_async_request(request)


def is_create(request: httpx.Request) -> bool:
    return request.method == "POST" and request.url.path.endswith("/v1/async/collections")


def is_run(request: httpx.Request) -> bool:
    return request.method == "POST" and request.url.path.endswith("/run")


def make(
    cls: Any,
    emulator: Emulator,
    clock: ManualClock,
    transport: httpx.AsyncBaseTransport | None = None,
    **kwargs: Any,
) -> Any:
    return emulated_jobs(cls, P, emulator, clock, transport=transport, **kwargs)


def jobs_created(emulator: Emulator) -> int:
    return sum(emulator.stats.as_json()[P]["jobs_created"].values())


def runs_started(emulator: Emulator) -> set[str]:
    return {record.data["group"] for record in emulator.store.records(P)}


def requests(emulator: Emulator, operation: str) -> int:
    count: int = emulator.stats.as_json()[P]["requests"].get(operation, 0)
    return count


def collections(emulator: Emulator) -> list[Any]:
    client = scrapingpros_client.AuthenticatedClient(
        base_url="http://emu/scrapingpros",
        token=TOKEN,
        httpx_args={"transport": EmulatorTransport(emulator)},
    )
    with client:
        found = list_collections.sync(client=client)
    assert isinstance(found, list)
    return found


# -- end to end ---------------------------------------------------------------------------------


def test_async_submit_wait_result(emulator: Emulator, clock: ManualClock) -> None:
    targets = ["https://example.com/a", "https://example.org/b"]

    async def flow() -> tuple[list[JobRef], dict[JobRef, Any], list[ScrapeResult]]:
        jobs = make(AsyncJobs, emulator, clock)
        refs = await jobs.submit(collection(*targets))
        final = await jobs.wait(refs, timeout=60)
        return refs, final, [await jobs.result(ref) for ref in refs]

    refs, final, results = asyncio.run(flow())
    assert len(refs) == 2
    (run_id,) = runs_started(emulator)
    ((stored,),) = [collections(emulator)]
    for ref in refs:
        assert ref.provider == P
        assert ref.scope == (stored.id, run_id)
        status = final[ref]
        assert status.state is JobState.SUCCEEDED
        assert status.raw_status == "completed"
        assert status.reason is None
        assert isinstance(status.model, RunJob)
        assert status.model.job_public_id == ref.job_id
    for i, (url, result) in enumerate(zip(targets, results, strict=True)):
        assert isinstance(result, ScrapeResult)
        assert result.url == url
        assert result.custom_id == f"item-{i}"
        assert result.status_code == 200
        assert isinstance(result.html, str)
        assert url.split("/")[2] in result.html
        assert result.message
        assert result.guidance
        assert result.guidance.success is True
    assert clock.now() - 1_782_468_000.0 >= 3  # waited on the emulated clock, never really


def test_sync_twin_has_the_same_shape(emulator: Emulator, clock: ManualClock) -> None:
    with make(Jobs, emulator, clock) as jobs:
        refs = jobs.submit(collection("https://example.com/sync"))
        (ref,) = refs
        assert jobs.status(ref).state is JobState.RUNNING
        final = jobs.wait(refs, timeout=60)
        result = jobs.result(ref)
    assert final[ref].state is JobState.SUCCEEDED
    assert isinstance(result, ScrapeResult)
    assert result.url == "https://example.com/sync"
    assert result.custom_id == "item-0"
    assert result.status_code == 200
    assert result.html
    assert "example.com" in result.html


def test_empty_collection_gives_no_refs(emulator: Emulator, clock: ManualClock) -> None:
    jobs = make(AsyncJobs, emulator, clock)
    refs = asyncio.run(jobs.submit(CreateCollectionRequest(name="empty", requests=[])))
    assert refs == []
    assert len(runs_started(emulator)) == 0
    assert requests(emulator, "run_collection") == 1


def test_result_before_the_job_finished_is_not_found_pending(
    emulator: Emulator, clock: ManualClock
) -> None:
    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        (ref,) = await jobs.submit(collection("https://example.com/early"))
        with pytest.raises(NotFoundError) as caught:
            await jobs.result(ref)
        assert caught.value.code == "result_pending"

    asyncio.run(flow())


def test_status_of_a_job_not_in_the_run_raises_not_found(
    emulator: Emulator, clock: ManualClock
) -> None:
    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        (ref,) = await jobs.submit(collection("https://example.com/x"))
        stranger = JobRef(P, "00000000-0000-4000-8000-000000000000", scope=ref.scope)
        with pytest.raises(NotFoundError) as caught:
            await jobs.status(stranger)
        assert caught.value.code == "job_id_invalid"
        statuses = await jobs.adapter.statuses([ref])
        assert statuses[ref].state is JobState.RUNNING

    asyncio.run(flow())


# -- failures and timeouts ----------------------------------------------------------------------


def test_failed_job_raises_with_the_provider_reason(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock, headers={"X-Emulator-Scenario": "fail-job"})
        refs = await jobs.submit(collection("https://example.com/fail"))
        with pytest.raises(JobFailedError) as caught:
            await jobs.wait(refs, timeout=60)
        assert caught.value.state == "failed"
        assert caught.value.reason == "Connection timeout; target status 502"
        assert caught.value.job == str(refs[0])

        final = await jobs.wait(refs, timeout=60, raise_on_failure=False)
        status = final[refs[0]]
        assert status.state is JobState.FAILED
        assert status.raw_status == "failed"
        assert status.reason == "Connection timeout; target status 502"
        result = await jobs.result(refs[0])  # a failed job still has a result
        assert result.guidance
        assert result.guidance.success is False

    asyncio.run(flow())


def test_timed_out_job_is_failed(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock, headers={"X-Emulator-Scenario": "fail-job"})
        refs = await jobs.submit(collection("https://example.com/timeout"))
        final = await jobs.wait(refs, timeout=60, raise_on_failure=False)
        status = final[refs[0]]
        assert status.state is JobState.FAILED
        assert status.raw_status == "timeout"
        assert status.reason == "Job timed out"

    asyncio.run(flow())


def test_timeout_lists_the_unfinished_jobs(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression=Progression(mode="manual")), clock=clock)

    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        refs = await jobs.submit(collection(*urls(3)))
        with pytest.raises(JobTimeoutError) as caught:
            await jobs.wait(refs, timeout=20)
        assert caught.value.job_ids == tuple(str(ref) for ref in refs)
        assert caught.value.waited >= 20

    asyncio.run(flow())


def test_cancel_is_not_supported(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        (ref,) = await jobs.submit(collection("https://example.com/c"))
        with pytest.raises(NotSupportedError):
            await jobs.cancel(ref)

    asyncio.run(flow())


# -- faults: retries never pay twice ------------------------------------------------------------


@pytest.mark.parametrize("seed", [7, 11, 2026])
def test_faults_every_job_completes_and_nothing_is_submitted_twice(
    clock: ManualClock, seed: int
) -> None:
    emulator = Emulator(
        EmulatorConfig(
            progression=Progression(min_seconds=2, max_seconds=4),
            faults=Faults(rate_429=0.3, rate_503=0.2),
            seed=seed,
        ),
        clock=clock,
    )

    async def flow() -> list[list[JobRef]]:
        jobs = make(AsyncJobs, emulator, clock, retry=FAST_RETRY)
        batches = [
            await jobs.submit(collection(*urls(4, f"https://example.com/{n}"))) for n in range(3)
        ]
        refs = [ref for batch in batches for ref in batch]
        final = await jobs.wait(refs, timeout=120)
        assert all(status.state is JobState.SUCCEEDED for status in final.values())
        for ref in refs:
            result = await jobs.result(ref)
            assert result.url
            assert result.url.startswith("https://example.com/")
        return batches

    batches = asyncio.run(flow())
    faults = emulator.stats.as_json()[P]["faults"]
    assert faults.get("429", 0) + faults.get("503", 0) > 0  # faults really happened
    emulator.configure(emulator.config.model_copy(update={"faults": Faults()}))
    assert len(collections(emulator)) == 3
    assert len(runs_started(emulator)) == 3
    assert jobs_created(emulator) == 12
    assert sorted(len(batch) for batch in batches) == [4, 4, 4]


def test_drop_after_on_every_create_is_uncertain_with_one_collection(
    emulator: Emulator, clock: ManualClock
) -> None:
    jobs = make(
        AsyncJobs,
        emulator,
        clock,
        retry=RetryPolicy(attempts=3, backoff=FAST_RETRY.backoff),
        headers={"X-Emulator-Scenario": "drop-after"},
    )
    with pytest.raises(SubmissionUncertainError) as caught:
        asyncio.run(jobs.submit(collection("https://example.com/d"), idempotency_key="key-1"))
    assert caught.value.idempotency_key == "key-1"
    assert requests(emulator, "create_collection") == 3  # retried with the same key ...
    assert len(collections(emulator)) == 1  # ... which stored one collection
    assert jobs_created(emulator) == 0


def test_drop_after_on_create_is_retried_with_the_same_key(
    emulator: Emulator, clock: ManualClock
) -> None:
    transport = ScenarioTransport(emulator, is_create, "drop-after")
    jobs = make(AsyncJobs, emulator, clock, transport=transport, retry=FAST_RETRY)
    refs = asyncio.run(jobs.submit(collection(*urls(2))))
    assert len(refs) == 2
    assert requests(emulator, "create_collection") == 2
    assert len(collections(emulator)) == 1
    assert len(runs_started(emulator)) == 1
    assert jobs_created(emulator) == 2


def test_drop_after_on_run_adopts_the_run_it_started(
    emulator: Emulator, clock: ManualClock
) -> None:
    transport = ScenarioTransport(emulator, is_run, "drop-after")
    jobs = make(AsyncJobs, emulator, clock, transport=transport, retry=FAST_RETRY)
    refs = asyncio.run(jobs.submit(collection(*urls(3))))
    (run_id,) = runs_started(emulator)
    assert [ref.scope[1] for ref in refs] == [run_id] * 3
    assert requests(emulator, "run_collection") == 1
    assert requests(emulator, "list_runs") == 1
    assert jobs_created(emulator) == 3


def test_503_on_run_is_retried_when_no_run_exists(emulator: Emulator, clock: ManualClock) -> None:
    transport = ScenarioTransport(emulator, is_run, "503", times=2)
    jobs = make(AsyncJobs, emulator, clock, transport=transport, retry=FAST_RETRY)
    refs = asyncio.run(jobs.submit(collection(*urls(2))))
    assert len(refs) == 2
    assert emulator.stats.as_json()[P]["faults"]["503"] == 2  # answered before processing
    assert requests(emulator, "run_collection") == 1
    assert len(runs_started(emulator)) == 1


@pytest.mark.parametrize("scenario", ["502", "drop"])
def test_unconfirmed_run_start_is_uncertain_not_retried(
    emulator: Emulator, clock: ManualClock, scenario: str
) -> None:
    transport = ScenarioTransport(emulator, is_run, scenario, times=1)
    jobs = make(AsyncJobs, emulator, clock, transport=transport, retry=RetryPolicy(attempts=1))
    # Neither a 502 (a gateway may answer while the run starts) nor a hang-up proves that no run
    # was started; with no run listed yet, the start is not retried.
    with pytest.raises(SubmissionUncertainError) as caught:
        asyncio.run(jobs.submit(collection("https://example.com/u")))
    (stored,) = collections(emulator)
    assert f"starting a run of collection {stored.id}" in str(caught.value)
    assert emulator.stats.as_json()[P]["faults"][scenario] == 1
    assert requests(emulator, "list_runs") == 1
    assert requests(emulator, "run_collection") == 0
    assert len(runs_started(emulator)) == 0


def test_resubmitting_with_the_same_key_reuses_collection_and_run(
    emulator: Emulator, clock: ManualClock
) -> None:
    async def flow() -> tuple[list[JobRef], list[JobRef]]:
        jobs = make(AsyncJobs, emulator, clock)
        request = collection(*urls(2))
        first = await jobs.submit(request, idempotency_key="same-key")
        second = await jobs.submit(request, idempotency_key="same-key")
        return first, second

    first, second = asyncio.run(flow())
    assert first == second
    assert len(collections(emulator)) == 1
    assert len(runs_started(emulator)) == 1
    assert jobs_created(emulator) == 2


# -- batching -----------------------------------------------------------------------------------


def test_wait_reads_each_run_whole_with_results_embedded(
    emulator: Emulator, clock: ManualClock
) -> None:
    async def flow() -> int:
        jobs = make(AsyncJobs, emulator, clock)
        refs = await jobs.submit(collection(*urls(25)))
        refs += await jobs.submit(collection(*urls(5, "https://example.org/q")))
        reads = 0
        real_observe = jobs.adapter.observe

        async def counting(batch: Any) -> Any:
            nonlocal reads
            reads += 1
            assert len({ref.scope for ref in batch}) == 1  # one run per read
            return await real_observe(batch)

        jobs.adapter.observe = counting
        final = await jobs.wait(refs, timeout=60)
        assert len(final) == 30
        assert all(status.state is JobState.SUCCEEDED for status in final.values())
        for ref in refs:  # the listing carried every result: handed over, never read again
            assert (await jobs.result(ref)).url.startswith("https://example.")
        return reads

    reads = asyncio.run(flow())
    assert reads >= 2
    assert requests(emulator, "list_run_jobs") == reads  # one listing page per run read
    assert requests(emulator, "get_job_result") == 0
    assert requests(emulator, "list_run_jobs") < 30


def test_statuses_pages_through_a_large_run(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        refs = await jobs.submit(collection(*urls(1005)))
        assert len(refs) == 1005
        before = requests(emulator, "list_run_jobs")
        statuses = await jobs.adapter.statuses(refs)
        assert set(statuses) == set(refs)
        assert requests(emulator, "list_run_jobs") - before == 2  # 1000 + 5
        # Only the first page is read when every wanted job is on it.
        before = requests(emulator, "list_run_jobs")
        await jobs.adapter.statuses(refs[:10])
        assert requests(emulator, "list_run_jobs") - before == 1

    asyncio.run(flow())


def test_observe_lists_newly_ended_jobs_and_sweeps_for_late_ones(clock: ManualClock) -> None:
    emulator = Emulator(
        EmulatorConfig(tokens=[TOKEN], progression=Progression(mode="manual")), clock=clock
    )

    def complete(ref: JobRef) -> None:
        (record,) = [r for r in emulator.store.records(P) if r.id == ref.job_id]
        emulator.store.complete(record)

    async def flow() -> None:
        jobs = make(AsyncJobs, emulator, clock)
        refs = await jobs.submit(collection(*urls(3)))
        adapter = jobs.adapter
        complete(refs[0])
        first = await adapter.observe(refs)
        assert list(first) == [refs[0]]  # only the ended job; its result embedded
        assert first[refs[0]].has_result
        assert adapter.reported_duration(first[refs[0]]) == 0.0  # ended where it was queued
        # A job that completed at the very instant of the mark but shows up later is skipped by
        # the strictly-later listing ...
        complete(refs[1])
        reads = 1
        while True:
            seen = await adapter.observe(refs[1:])
            reads += 1
            if seen:
                break
            assert reads < SWEEP_EVERY
        # ... until the periodic whole listing finds it.
        assert list(seen) == [refs[1]]
        assert reads == SWEEP_EVERY
        await jobs.aclose()

    asyncio.run(flow())
    assert requests(emulator, "get_job_result") == 0
