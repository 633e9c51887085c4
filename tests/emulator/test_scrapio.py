"""The emulated Scrapio Jobs API, through the generated typed client."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest
from scrapio_client.api.jobs import cancel_job, create_job, get_job, get_job_result
from scrapio_client.models import (
    CrawlInput,
    CrawlJobRequest,
    ErrorCode,
    ErrorResponse,
    FetchInput,
    FetchJobRequest,
    Job,
    JobAccepted,
    JobCancelled,
    JobResult,
    JobStatus,
    OutputFormat,
    Webhook,
)
from scrapio_client.types import Unset

from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    ManualClock,
    account_label,
    emulator_client,
)
from tests.emulator.conftest import Receiver


def fetch(url: str = "https://example.com/a", *outputs: OutputFormat) -> FetchJobRequest:
    return FetchJobRequest(
        kind="fetch", input_=FetchInput(url=url, output=list(outputs) or [OutputFormat.MARKDOWN])
    )


def submit(emulator: Emulator, body: FetchJobRequest | CrawlJobRequest, **kwargs: str) -> str:
    response = create_job.sync_detailed(
        client=emulator_client(emulator, "scrapio"), body=body, **kwargs
    )
    assert response.status_code == 202
    assert isinstance(response.parsed, JobAccepted)
    return response.parsed.job_id


def test_fetch_job_lifecycle_to_result(emulator: Emulator, clock: ManualClock) -> None:
    client = emulator_client(emulator, "scrapio")
    job_id = submit(
        emulator, fetch("https://example.com/a", OutputFormat.MARKDOWN, OutputFormat.SCREENSHOT)
    )
    job = get_job.sync(job_id, client=client)
    assert isinstance(job, Job)
    assert job.status == JobStatus.QUEUED
    assert job.result_available is False

    clock.advance(0.5)
    job = get_job.sync(job_id, client=client)
    assert isinstance(job, Job)
    assert job.status == JobStatus.RUNNING

    clock.advance(0.5)
    job = get_job.sync(job_id, client=client)
    assert isinstance(job, Job)
    assert job.status == JobStatus.COMPLETED
    assert job.result_available is True
    assert job.completed_at == "2026-06-26T10:00:01Z"

    result = get_job_result.sync(job_id, client=client)
    assert isinstance(result, JobResult)
    assert result.status == JobStatus.COMPLETED
    assert isinstance(result.outputs.markdown, str)
    assert result.outputs.markdown.startswith("# example.com")
    png = base64.b64decode(result.outputs.screenshot.url.split(",", 1)[1])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_content_is_deterministic_per_url(emulator: Emulator, clock: ManualClock) -> None:
    client = emulator_client(emulator, "scrapio")
    first, second, other = (
        submit(emulator, fetch(url))
        for url in ("https://a.test/x", "https://a.test/x", "https://a.test/y")
    )
    clock.advance(1)
    texts = [get_job_result.sync(j, client=client).outputs.markdown for j in (first, second, other)]
    assert texts[0] == texts[1]
    assert texts[0] != texts[2]


def test_result_before_completion_is_409_job_not_ready(emulator: Emulator) -> None:
    job_id = submit(emulator, fetch())
    response = get_job_result.sync_detailed(job_id, client=emulator_client(emulator, "scrapio"))
    assert response.status_code == 409
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.error.code == ErrorCode.JOB_NOT_READY


def test_failed_job_reports_error_and_has_no_result(emulator: Emulator, clock: ManualClock) -> None:
    client = emulator_client(emulator, "scrapio", headers={"X-Emulator-Scenario": "fail-job"})
    accepted = create_job.sync(client=client, body=fetch())
    assert isinstance(accepted, JobAccepted)
    clock.advance(1)
    plain = emulator_client(emulator, "scrapio")
    job = get_job.sync(accepted.job_id, client=plain)
    assert isinstance(job, Job)
    assert job.status == JobStatus.FAILED
    assert job.error.code == ErrorCode.TARGET_BLOCKED
    response = get_job_result.sync_detailed(accepted.job_id, client=plain)
    assert response.status_code == 409
    assert response.parsed.error.code == ErrorCode.JOB_FAILED


def test_failing_fetch_with_several_outputs_ends_partial(
    emulator: Emulator, clock: ManualClock
) -> None:
    client = emulator_client(emulator, "scrapio", headers={"X-Emulator-Scenario": "fail-job"})
    accepted = create_job.sync(
        client=client, body=fetch("https://example.com/p", OutputFormat.HTML, OutputFormat.JSON)
    )
    assert isinstance(accepted, JobAccepted)
    clock.advance(1)
    result = get_job_result.sync(accepted.job_id, client=emulator_client(emulator, "scrapio"))
    assert isinstance(result, JobResult)
    assert result.status == JobStatus.PARTIAL
    assert isinstance(result.outputs.html, str)  # the first output succeeded
    assert isinstance(result.outputs.json, Unset)  # the json output failed
    assert [f.output for f in result.diagnostics.output_failures] == [OutputFormat.JSON]


def test_crawl_job_returns_pages(emulator: Emulator, clock: ManualClock) -> None:
    job_id = submit(
        emulator,
        CrawlJobRequest(kind="crawl", input_=CrawlInput(seeds=["https://shop.test"], max_pages=3)),
    )
    clock.advance(1)
    result = get_job_result.sync(job_id, client=emulator_client(emulator, "scrapio"))
    assert isinstance(result, JobResult)
    pages = result.result.additional_properties["pages"]
    assert [p["url"] for p in pages] == [f"https://shop.test/page-{i}" for i in range(3)]


def test_idempotency_key_replays_and_conflicts(emulator: Emulator) -> None:
    client = emulator_client(emulator, "scrapio")
    first = submit(emulator, fetch("https://example.com/i"), idempotency_key="key-1")
    again = submit(emulator, fetch("https://example.com/i"), idempotency_key="key-1")
    assert again == first
    conflict = create_job.sync_detailed(
        client=client, body=fetch("https://example.com/other"), idempotency_key="key-1"
    )
    assert conflict.status_code == 409
    assert conflict.parsed.error.code == ErrorCode.IDEMPOTENCY_CONFLICT
    # Another account may use the same key for its own job.
    other = create_job.sync(
        client=emulator_client(emulator, "scrapio", "other-account"),
        body=fetch("https://example.com/other"),
        idempotency_key="key-1",
    )
    assert isinstance(other, JobAccepted)
    assert other.job_id != first
    assert emulator.stats.as_json()["scrapio"]["jobs_created"] == {
        account_label("emulator-token"): 1,
        account_label("other-account"): 1,
    }


def test_cancel_queued_job_then_cancel_again(emulator: Emulator, clock: ManualClock) -> None:
    client = emulator_client(emulator, "scrapio")
    job_id = submit(emulator, fetch())
    first = cancel_job.sync_detailed(job_id, client=client)
    assert first.status_code == 202
    assert isinstance(first.parsed, JobCancelled)
    assert first.parsed.status == JobStatus.CANCELLED
    clock.advance(5)
    second = cancel_job.sync_detailed(job_id, client=client)
    assert second.status_code == 200
    assert second.parsed.status == JobStatus.CANCELLED
    result = get_job_result.sync(job_id, client=client)
    assert isinstance(result, JobResult)
    assert result.status == JobStatus.CANCELLED


def test_cancel_of_completed_job_returns_it_unchanged(
    emulator: Emulator, clock: ManualClock
) -> None:
    client = emulator_client(emulator, "scrapio")
    job_id = submit(emulator, fetch())
    clock.advance(1)
    response = cancel_job.sync_detailed(job_id, client=client)
    assert response.status_code == 200
    assert response.parsed.status == JobStatus.COMPLETED


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_bad_credentials_get_401_unauthorized(emulator: Emulator, token: str) -> None:
    response = create_job.sync_detailed(
        client=emulator_client(emulator, "scrapio", token), body=fetch()
    )
    assert response.status_code == 401
    assert response.parsed.error.code == ErrorCode.UNAUTHORIZED


def test_other_accounts_job_is_404(emulator: Emulator) -> None:
    job_id = submit(emulator, fetch())
    other = emulator_client(emulator, "scrapio", "other-account")
    for call in (get_job, get_job_result, cancel_job):
        response = call.sync_detailed(job_id, client=other)
        assert response.status_code == 404
        assert response.parsed.error.code == ErrorCode.JOB_NOT_FOUND


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"{not json", "Malformed JSON"),
        (b"", "required"),
        (json.dumps({"kind": "teleport", "input": {}}).encode(), "kind"),
        (json.dumps({"kind": "fetch", "input": {}}).encode(), "url"),
        (
            json.dumps(
                {"kind": "fetch", "input": {"url": "https://x.test", "timeout_ms": 0}}
            ).encode(),
            "timeout_ms",
        ),
        (
            json.dumps({"kind": "fetch", "input": {"url": "https://x.test"}, "extra": 1}).encode(),
            "extra",
        ),
    ],
)
def test_bad_bodies_get_400_invalid_request(
    emulator: Emulator, content: bytes, fragment: str
) -> None:
    client = emulator_client(emulator, "scrapio").get_httpx_client()
    response = client.post(
        "/v1/jobs", content=content, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["code"] == "invalid_request"
    assert fragment in body["error"]["message"]
    assert body["request_id"]


def test_unknown_path_and_method_use_the_envelope(emulator: Emulator) -> None:
    client = emulator_client(emulator, "scrapio").get_httpx_client()
    missing = client.get("/v1/nothing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "job_not_found"
    wrong = client.delete("/v1/jobs")
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "POST"
    assert wrong.json()["error"]["code"] == "invalid_request"


def test_results_are_kept_until_configured_retention(
    emulator: Emulator, clock: ManualClock
) -> None:
    emulator.config.retention_seconds["scrapio"] = 3600.0
    client = emulator_client(emulator, "scrapio")
    job_id = submit(emulator, fetch())
    clock.advance(1 + 3599)
    assert get_job_result.sync_detailed(job_id, client=client).status_code == 200
    clock.advance(1)
    expired = get_job_result.sync_detailed(job_id, client=client)
    assert expired.status_code == 404
    assert expired.parsed.error.code == ErrorCode.JOB_NOT_FOUND


def test_webhook_delivered_and_retried(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.statuses = [503, 200]
    body = fetch()
    body.webhook = Webhook(url="https://hooks.test/scrapio?token=s3cret")
    job_id = submit(emulator, body)
    clock.advance(1)
    assert asyncio.run(emulator.deliver_webhooks()) == 1
    clock.advance(9)
    assert asyncio.run(emulator.deliver_webhooks()) == 0  # next attempt is due after 10 s
    clock.advance(1)
    assert asyncio.run(emulator.deliver_webhooks()) == 1
    first, second = receiver.requests
    assert str(second.url) == "https://hooks.test/scrapio?token=s3cret"
    event = json.loads(second.content)
    assert event["type"] == "job.completed"
    assert event["data"]["job_id"] == job_id
    assert event["data"]["status"] == "completed"
    assert first.content == second.content
    (webhook,) = emulator.webhooks.webhooks
    assert webhook.state == "delivered"
    assert [a.status_code for a in webhook.attempts] == [503, 200]


def test_asyncio_client_runs_the_same_flow(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> JobResult:
        client = emulator_client(emulator, "scrapio")
        accepted = await create_job.asyncio(client=client, body=fetch())
        assert isinstance(accepted, JobAccepted)
        clock.advance(1)
        result = await get_job_result.asyncio(accepted.job_id, client=client)
        assert isinstance(result, JobResult)
        return result

    assert asyncio.run(flow()).status == JobStatus.COMPLETED


def test_polls_progression_finishes_on_the_nth_read(clock: ManualClock) -> None:
    from scrapejobs_emulator import Progression

    emulator = Emulator(EmulatorConfig(progression=Progression(mode="polls", polls=3)), clock=clock)
    client = emulator_client(emulator, "scrapio")
    job_id = submit(emulator, fetch())
    statuses = [get_job.sync(job_id, client=client).status for _ in range(3)]
    assert statuses == [JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.COMPLETED]


def test_transport_serves_any_host_without_network() -> None:
    with httpx.Client(transport=EmulatorTransport(Emulator())) as raw:
        response = raw.get("http://anything.invalid/_emulator/health")
    assert response.json() == {"status": "ok"}


def test_real_fetch_mode_fetches_the_target(clock: ManualClock) -> None:
    """``fetch_mode: real`` fetches the target with httpx (here an in-process loopback site)."""
    served: list[str] = []

    def site(request: httpx.Request) -> httpx.Response:
        served.append(str(request.url))
        html = "<html><head><title>Real page</title></head><body><p>Hello there.</p></body></html>"
        return httpx.Response(200, html=html)

    emulator = Emulator(
        EmulatorConfig(fetch_mode="real"),
        clock=clock,
        fetch_transport=httpx.MockTransport(site),
    )
    client = emulator_client(emulator, "scrapio")
    accepted = create_job.sync(client=client, body=fetch("http://127.0.0.1:9/page"))
    assert isinstance(accepted, JobAccepted)
    clock.advance(1)
    result = get_job_result.sync(accepted.job_id, client=client)
    assert isinstance(result, JobResult)
    assert result.outputs.markdown == "# Real page\n\nHello there.\n"
    assert served == ["http://127.0.0.1:9/page"]
