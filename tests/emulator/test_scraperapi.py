"""ScraperAPI emulator: lifecycle, shapes, errors, retention and webhooks through the typed client."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import httpx
import pytest
from scraperapi_client import Client
from scraperapi_client.api.jobs import cancel_job, create_batch_jobs, create_job, get_job
from scraperapi_client.models import (
    ApiParams,
    BatchJobRequest,
    Callback,
    Error,
    Job,
    JobCallback,
    JobMeta,
    JobRequest,
    JobStatus,
    OutputFormat,
)
from scraperapi_client.types import UNSET

from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    ManualClock,
    Progression,
    account_label,
    content,
    emulator_client,
)
from scrapejobs_emulator.providers.scraperapi import MAX_COST_MESSAGE, WEBHOOK_POLICY
from tests.emulator.conftest import Receiver

TOKEN = "emulator-token"
OTHER = "other-account"
BASE = "http://emulator.invalid/scraperapi/jobs/"  # derived from the in-process client's URL


@pytest.fixture
def client(emulator: Emulator) -> Client:
    return emulator_client(emulator, "scraperapi")


def submit(client: Client, url: str = "https://example.com/a", **fields: Any) -> Job:
    job = create_job.sync(client=client, body=JobRequest(api_key=TOKEN, url=url, **fields))
    assert isinstance(job, Job), job
    return job


def read(client: Client, job_id: str, **kwargs: Any) -> Job:
    job = get_job.sync(job_id, client=client, **kwargs)
    assert isinstance(job, Job), job
    return job


def error_of(response: Any, status: int) -> str:
    """Assert ``response`` (a generated ``Response``) is ``status`` in the spec's envelope."""
    assert response.status_code == status
    assert isinstance(response.parsed, Error)
    assert response.parsed.status == status
    assert json.loads(response.content) == {"error": response.parsed.error, "status": status}
    message: str = response.parsed.error
    return message


def meta(**values: Any) -> JobMeta:
    return JobMeta.from_dict(values)


def deliver(emulator: Emulator) -> int:
    return asyncio.run(emulator.deliver_webhooks())


def post_raw(client: Client, path: str, **kwargs: Any) -> httpx.Response:
    return client.get_httpx_client().post(path, **kwargs)


# -- lifecycle --------------------------------------------------------------------------------


def test_submit_poll_finish_returns_the_synthetic_page(
    emulator: Emulator, client: Client, clock: ManualClock
) -> None:
    job = submit(client, meta=meta(requestId="order-4711"))
    assert job.status == JobStatus.RUNNING
    assert job.status_url == BASE + job.id
    assert job.url == "https://example.com/a"
    assert job.meta is not UNSET
    assert job.meta.additional_properties == {"requestId": "order-4711"}
    assert job.attempts is UNSET
    assert job.response is UNSET

    running = read(client, job.id)
    assert running.status == JobStatus.RUNNING
    assert running.response is UNSET

    clock.advance(1.0)
    finished = read(client, job.id)
    assert finished.status == JobStatus.FINISHED
    assert finished.status_url == BASE + job.id
    assert finished.meta is not UNSET
    assert finished.meta.additional_properties == {"requestId": "order-4711"}
    response = finished.response
    assert response is not UNSET
    assert response.status_code == 200
    assert response.body == content.synthetic_page(job.url, 2048).html
    assert response.base_64_encoded_body is UNSET
    headers = response.headers.additional_properties
    assert headers["sa-final-url"] == job.url
    assert headers["sa-statuscode"] == "200"
    assert headers["sa-credit-cost"] == "1"
    assert headers["content-type"].startswith("text/html")
    assert all(name == name.lower() for name in headers)
    # Deterministic: a second job for the same URL gives the same body.
    again = submit(client)
    clock.advance(1.0)
    second = read(client, again.id).response
    assert second is not UNSET
    assert second.body == response.body
    assert emulator.stats.jobs[("scraperapi", account_label(TOKEN))] == 2


@pytest.mark.anyio
async def test_batch_lifecycle_with_the_async_client(
    emulator: Emulator, client: Client, clock: ManualClock
) -> None:
    urls = [f"https://shop.example/item/{i}" for i in range(5)]
    body = BatchJobRequest(api_key=TOKEN, urls=urls, meta=meta(batch="b1"))
    jobs = await create_batch_jobs.asyncio(client=client, body=body)
    assert isinstance(jobs, list)
    assert [job.url for job in jobs] == urls
    assert len({job.id for job in jobs}) == 5
    for job in jobs:
        assert job.status == JobStatus.RUNNING
        assert job.attempts == 0
        assert job.status_url == BASE + job.id
        assert job.meta is not UNSET
        assert job.meta.additional_properties == {"batch": "b1"}
    assert emulator.stats.jobs[("scraperapi", account_label(TOKEN))] == 5
    records = [emulator.store.get("scraperapi", job.id) for job in jobs]
    groups = {record.data["group"] for record in records if record is not None}
    assert len(groups) == 1

    clock.advance(1.0)
    for job in jobs:
        current = await get_job.asyncio(job.id, client=client)
        assert isinstance(current, Job)
        assert current.status == JobStatus.FINISHED
        assert current.response is not UNSET
        assert current.response.body == content.synthetic_page(job.url, 2048).html
    cancelled = await cancel_job.asyncio(jobs[0].id, client=client)
    assert isinstance(cancelled, Job)
    assert cancelled.status == JobStatus.FINISHED


def test_every_status_read_counts_as_a_poll(clock: ManualClock, receiver: Receiver) -> None:
    config = EmulatorConfig(tokens=[TOKEN], progression=Progression(mode="polls", polls=3))
    emulator = Emulator(config, clock=clock, webhook_transport=receiver.transport())
    client = emulator_client(emulator, "scraperapi")
    job = submit(client)
    assert read(client, job.id).status == JobStatus.RUNNING
    assert read(client, job.id).status == JobStatus.RUNNING
    assert read(client, job.id).status == JobStatus.FINISHED


def test_failed_job_shape(emulator: Emulator, clock: ManualClock) -> None:
    client = emulator_client(emulator, "scraperapi", headers={"X-Emulator-Scenario": "fail-job"})
    job = submit(client, meta=meta(sku="123"))
    assert job.status == JobStatus.RUNNING
    clock.advance(1.0)
    failed = read(client, job.id)
    assert failed.status == JobStatus.FAILED
    assert failed.attempts == 50
    assert failed.fail_reason == "failed_due_to_timeout"
    assert failed.status_url is UNSET
    assert failed.response is UNSET
    assert failed.meta is not UNSET
    assert failed.meta.additional_properties == {"sku": "123"}


def test_target_that_is_not_an_http_url_fails(client: Client, clock: ManualClock) -> None:
    job = submit(client, url="not a url")
    clock.advance(1.0)
    failed = read(client, job.id)
    assert failed.status == JobStatus.FAILED
    assert failed.fail_reason == "invalid_url"


# -- result shapes ------------------------------------------------------------------------------


def finished_response(client: Client, clock: ManualClock, url: str, params: ApiParams) -> Any:
    job = submit(client, url=url, api_params=params)
    clock.advance(1.0)
    response = read(client, job.id).response
    assert response is not UNSET
    return response


def test_output_format_markdown_and_text(client: Client, clock: ManualClock) -> None:
    url = "https://example.com/md"
    page = content.synthetic_page(url, 2048)
    markdown = finished_response(client, clock, url, ApiParams(output_format=OutputFormat.MARKDOWN))
    assert markdown.body == content.markdown_of(page)
    assert markdown.body.startswith("# ")
    assert markdown.headers.additional_properties["content-type"].startswith("text/markdown")
    text = finished_response(client, clock, url, ApiParams(output_format=OutputFormat.TEXT))
    assert text.body == content.markdown_of(page).removeprefix("# ")
    assert text.headers.additional_properties["content-type"].startswith("text/plain")


def test_autoparse_returns_json(client: Client, clock: ManualClock) -> None:
    url = "https://example.com/product"
    response = finished_response(client, clock, url, ApiParams(autoparse=True))
    assert json.loads(response.body) == content.parsed_of(content.synthetic_page(url, 2048))
    assert response.headers.additional_properties["content-type"] == "application/json"


def test_screenshot_and_binary_targets_are_base64(client: Client, clock: ManualClock) -> None:
    url = "https://example.com/page"
    shot = finished_response(client, clock, url, ApiParams(screenshot=True, render=True))
    assert shot.body is UNSET
    assert base64.b64decode(shot.base_64_encoded_body) == content.png_of(url)
    assert shot.headers.additional_properties["content-type"] == "image/png"
    assert shot.headers.additional_properties["sa-credit-cost"] == "10"

    logo = "https://example.com/logo.png"
    binary = finished_response(client, clock, logo, ApiParams())
    assert binary.body is UNSET
    assert base64.b64decode(binary.base_64_encoded_body).startswith(b"\x89PNG\r\n\x1a\n")
    assert binary.headers.additional_properties["sa-final-url"] == logo


# -- errors -------------------------------------------------------------------------------------


def test_malformed_and_non_object_bodies_are_400(client: Client) -> None:
    for path in ("/jobs", "/batchjobs"):
        raw = post_raw(
            client, path, content=b'{"apiKey": ', headers={"content-type": "application/json"}
        )
        assert raw.status_code == 400
        assert raw.json()["status"] == 400
        assert raw.json()["error"].startswith("Malformed JSON body")
        empty = post_raw(client, path, content=b"")
        assert empty.status_code == 400
        array = post_raw(client, path, json=[TOKEN])
        assert array.status_code == 400
        assert array.json() == {
            "error": "Invalid request: body: must be a JSON object.",
            "status": 400,
        }


def test_missing_or_wrong_api_key_is_401(client: Client) -> None:
    missing = post_raw(client, "/jobs", json={"url": "https://example.com"})
    assert missing.status_code == 401
    assert missing.json()["status"] == 401
    assert "apiKey" in missing.json()["error"]
    not_string = post_raw(client, "/jobs", json={"apiKey": 42, "url": "https://example.com"})
    assert not_string.status_code == 401
    unicode_key = post_raw(client, "/jobs", json={"apiKey": "clé-ü", "url": "https://e.com"})
    assert unicode_key.status_code == 401
    wrong = create_job.sync_detailed(
        client=client, body=JobRequest(api_key="nope", url="https://example.com")
    )
    assert error_of(wrong, 401) == "Invalid API key"
    batch = create_batch_jobs.sync_detailed(
        client=client, body=BatchJobRequest(api_key="nope", urls=["https://example.com"])
    )
    assert error_of(batch, 401) == "Invalid API key"


def test_invalid_fields_are_400_naming_the_field(client: Client) -> None:
    missing_url = post_raw(client, "/jobs", json={"apiKey": TOKEN})
    assert missing_url.status_code == 400
    assert "url" in missing_url.json()["error"]
    bad_type = post_raw(
        client, "/jobs", json={"apiKey": TOKEN, "url": "https://e.com", "timeoutSec": "x"}
    )
    assert bad_type.status_code == 400
    assert bad_type.json()["error"].startswith("Invalid request: timeoutSec:")
    bad_callback = post_raw(
        client,
        "/jobs",
        json={"apiKey": TOKEN, "url": "https://e.com", "callback": {"type": "email", "url": "x"}},
    )
    assert bad_callback.status_code == 400
    assert bad_callback.json()["error"].startswith("Invalid request: callback.type:")
    bad_format = post_raw(
        client,
        "/jobs",
        json={"apiKey": TOKEN, "url": "https://e.com", "apiParams": {"output_format": "pdf"}},
    )
    assert bad_format.status_code == 400
    assert "apiParams.output_format" in bad_format.json()["error"]
    relative = create_job.sync_detailed(
        client=client,
        body=JobRequest(
            api_key=TOKEN, url="https://e.com", callback=Callback(type_="webhook", url="/hook")
        ),
    )
    assert "callback.url" in error_of(relative, 400)
    no_urls = post_raw(client, "/batchjobs", json={"apiKey": TOKEN, "urls": []})
    assert no_urls.status_code == 400
    assert no_urls.json()["error"].startswith("Invalid request: urls:")


def test_batch_limit_is_50000_urls(emulator: Emulator, client: Client) -> None:
    urls = [f"https://example.com/{i}" for i in range(50_001)]
    response = create_batch_jobs.sync_detailed(
        client=client, body=BatchJobRequest(api_key=TOKEN, urls=urls)
    )
    message = error_of(response, 400)
    assert message == "Invalid request: urls: a batch holds at most 50,000 URLs (got 50,001)."
    assert len(emulator.store) == 0
    assert emulator.stats.jobs[("scraperapi", account_label(TOKEN))] == 0


def test_premium_and_ultra_premium_are_exclusive(emulator: Emulator, client: Client) -> None:
    params = ApiParams(premium=True, ultra_premium=True)
    for response in (
        create_job.sync_detailed(
            client=client, body=JobRequest(api_key=TOKEN, url="https://e.com", api_params=params)
        ),
        create_batch_jobs.sync_detailed(
            client=client,
            body=BatchJobRequest(api_key=TOKEN, urls=["https://e.com"], api_params=params),
        ),
    ):
        message = error_of(response, 400)
        assert message.startswith("Invalid request: apiParams:")
        assert "`premium` and `ultra_premium` are mutually exclusive" in message
    assert len(emulator.store) == 0
    one = submit(client, api_params=ApiParams(premium=True, ultra_premium=False))
    assert one.status == JobStatus.RUNNING


def test_max_cost_below_the_job_cost_is_403(client: Client, clock: ManualClock) -> None:
    too_cheap = create_job.sync_detailed(
        client=client,
        body=JobRequest(
            api_key=TOKEN,
            url="https://e.com",
            api_params=ApiParams(ultra_premium=True, max_cost=10),
        ),
    )
    assert error_of(too_cheap, 403) == MAX_COST_MESSAGE
    job = submit(client, url="https://e.com", api_params=ApiParams(premium=True, max_cost=10))
    clock.advance(1.0)
    response = read(client, job.id).response
    assert response is not UNSET
    assert response.headers.additional_properties["sa-credit-cost"] == "10"


def test_unknown_ids_and_wrong_methods(client: Client) -> None:
    assert error_of(get_job.sync_detailed("0962a8e0-nope", client=client), 404) == "Job not found"
    assert (
        error_of(cancel_job.sync_detailed("0962a8e0-nope", client=client), 404) == "Job not found"
    )
    http = client.get_httpx_client()
    assert http.get("/jobs/").status_code == 404
    assert http.get("/jobs/a/b").status_code == 404
    wrong = http.put("/jobs")
    assert wrong.status_code == 405
    assert wrong.json() == {"error": "Method not allowed.", "status": 405}
    assert "POST" in wrong.headers["allow"]
    on_job = http.post("/jobs/some-id")
    assert on_job.status_code == 405
    assert on_job.headers["allow"] == "DELETE, GET, HEAD"
    assert http.get("/nowhere").json() == {"error": "Not found.", "status": 404}


def test_api_key_query_parameter_must_belong_to_the_job(client: Client) -> None:
    job = submit(client)
    # No key: the id is the capability, whoever asks.
    assert read(client, job.id).id == job.id
    assert read(client, job.id, api_key=TOKEN).id == job.id
    for key in (OTHER, "not-a-key", "", "clé-ü"):
        assert error_of(get_job.sync_detailed(job.id, client=client, api_key=key), 404)
        assert error_of(cancel_job.sync_detailed(job.id, client=client, api_key=key), 404)
    assert read(client, job.id).status == JobStatus.RUNNING
    # The other account's own jobs are visible with its own key only.
    theirs = create_job.sync(client=client, body=JobRequest(api_key=OTHER, url="https://e.com"))
    assert isinstance(theirs, Job)
    assert read(client, theirs.id, api_key=OTHER).id == theirs.id
    assert error_of(get_job.sync_detailed(theirs.id, client=client, api_key=TOKEN), 404)


def test_injected_429_uses_the_envelope(emulator: Emulator) -> None:
    client = emulator_client(emulator, "scraperapi", headers={"X-Emulator-Scenario": "429"})
    response = create_job.sync_detailed(
        client=client, body=JobRequest(api_key=TOKEN, url="https://e.com")
    )
    assert error_of(response, 429) == "Too many requests."
    assert response.headers["retry-after"] == "1"


# -- cancel -------------------------------------------------------------------------------------


def test_cancel_running_job(emulator: Emulator, client: Client, clock: ManualClock) -> None:
    job = submit(client, callback=Callback(type_="webhook", url="https://hooks.example/sa"))
    cancelled = cancel_job.sync(job.id, client=client, api_key=TOKEN)
    assert isinstance(cancelled, Job)
    assert cancelled.status == JobStatus.CANCELLED
    assert cancelled.status_url == BASE + job.id
    assert cancelled.response is UNSET
    clock.advance(5.0)
    assert read(client, job.id).status == JobStatus.CANCELLED
    assert deliver(emulator) == 0
    again = cancel_job.sync(job.id, client=client)
    assert isinstance(again, Job)
    assert again.status == JobStatus.CANCELLED


def test_cancel_after_the_end_returns_the_job_unchanged(client: Client, clock: ManualClock) -> None:
    job = submit(client)
    clock.advance(1.0)
    unchanged = cancel_job.sync(job.id, client=client)
    assert isinstance(unchanged, Job)
    assert unchanged.status == JobStatus.FINISHED
    assert unchanged.response is not UNSET
    assert read(client, job.id).status == JobStatus.FINISHED


# -- retention ----------------------------------------------------------------------------------


def test_results_expire_after_72_hours(client: Client, clock: ManualClock) -> None:
    job = submit(client)
    clock.advance(1.0)
    assert read(client, job.id).status == JobStatus.FINISHED
    clock.advance(72 * 3600 - 1)
    assert read(client, job.id).status == JobStatus.FINISHED
    clock.advance(1)
    assert error_of(get_job.sync_detailed(job.id, client=client), 404) == "Job not found"
    assert error_of(cancel_job.sync_detailed(job.id, client=client), 404) == "Job not found"


def test_retention_follows_the_config(clock: ManualClock, receiver: Receiver) -> None:
    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(min_seconds=1.0, max_seconds=1.0),
        retention_seconds={"scraperapi": 10.0},
    )
    emulator = Emulator(config, clock=clock, webhook_transport=receiver.transport())
    client = emulator_client(emulator, "scraperapi")
    job = submit(client)
    clock.advance(10.0)  # ended at +1 s, so still 1 s left
    assert read(client, job.id).status == JobStatus.FINISHED
    clock.advance(1.0)
    assert get_job.sync_detailed(job.id, client=client).status_code == 404
    running = submit(client)
    clock.advance(0.5)
    assert read(client, running.id).status == JobStatus.RUNNING  # no expiry before the end


# -- webhooks -----------------------------------------------------------------------------------


def test_webhook_posts_the_job_with_basic_auth_from_the_url(
    emulator: Emulator, client: Client, clock: ManualClock, receiver: Receiver
) -> None:
    hook = "https://hook-user:s3cret@hooks.example/scraperapi"
    job = submit(
        client,
        callback=Callback(type_="webhook", url=hook),
        meta=meta(requestId="order-4711"),
        api_params=ApiParams(output_format=OutputFormat.MARKDOWN),
    )
    assert deliver(emulator) == 0
    clock.advance(1.0)
    assert deliver(emulator) == 1
    [request] = receiver.requests
    assert request.method == "POST"
    assert request.url.host == "hooks.example"
    assert request.url.path == "/scraperapi"
    expected = "Basic " + base64.b64encode(b"hook-user:s3cret").decode()
    assert request.headers["authorization"] == expected
    assert request.headers["content-type"] == "application/json"
    payload = json.loads(request.content)
    delivered = JobCallback.from_dict(payload)
    assert delivered.id == job.id
    assert delivered.status == JobStatus.FINISHED
    assert delivered.meta is not UNSET
    assert delivered.meta.additional_properties == {"requestId": "order-4711"}
    # The same object GET returns.
    assert payload == read(client, job.id).to_dict()
    assert payload["response"]["body"].startswith("# ")
    [webhook] = emulator.webhooks.webhooks
    assert webhook.state == "delivered"
    assert "s3cret" not in json.dumps(webhook.as_json())


def test_webhook_is_retried_after_a_receiver_failure(
    emulator: Emulator, client: Client, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.statuses = [500, 200]
    job = submit(client, callback=Callback(type_="webhook", url="https://hooks.example/sa"))
    clock.advance(1.0)
    assert deliver(emulator) == 1
    assert len(receiver.requests) == 1
    clock.advance(WEBHOOK_POLICY.delays[0] - 1)
    assert deliver(emulator) == 0
    clock.advance(1)
    assert deliver(emulator) == 1
    assert len(receiver.requests) == 2
    assert receiver.requests[0].content == receiver.requests[1].content
    [webhook] = emulator.webhooks.webhooks
    assert webhook.state == "delivered"
    assert [a.status_code for a in webhook.attempts] == [500, 200]
    assert read(client, job.id).status == JobStatus.FINISHED


def test_three_failed_deliveries_cancel_the_job(
    emulator: Emulator, client: Client, clock: ManualClock, receiver: Receiver
) -> None:
    assert WEBHOOK_POLICY.delays == (60.0, 300.0)
    receiver.statuses = [500, 503, 404, 200]
    job = submit(client, callback=Callback(type_="webhook", url="https://hooks.example/sa"))
    clock.advance(1.0)
    assert deliver(emulator) == 1
    clock.advance(60.0)
    assert deliver(emulator) == 1
    assert read(client, job.id).status == JobStatus.FINISHED
    clock.advance(300.0)
    assert deliver(emulator) == 1
    [webhook] = emulator.webhooks.webhooks
    assert webhook.state == "failed"
    assert len(webhook.attempts) == 3
    clock.advance(3600.0)
    assert deliver(emulator) == 0
    assert len(receiver.requests) == 3
    lost = read(client, job.id)
    assert lost.status == JobStatus.CANCELLED
    assert lost.response is UNSET


def test_failed_jobs_are_delivered_only_when_asked(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    client = emulator_client(emulator, "scraperapi", headers={"X-Emulator-Scenario": "fail-job"})
    hook = Callback(type_="webhook", url="https://hooks.example/sa")
    silent = submit(client, callback=hook)
    reported = submit(client, callback=hook, expect_unsuccess_report=True, meta=meta(n=1))
    clock.advance(1.0)
    assert deliver(emulator) == 1
    [request] = receiver.requests
    payload = json.loads(request.content)
    assert payload == {
        "id": reported.id,
        "attempts": 50,
        "status": "failed",
        "failReason": "failed_due_to_timeout",
        "url": "https://example.com/a",
        "meta": {"n": 1},
    }
    assert silent.id not in {w.job_id for w in emulator.webhooks.webhooks}


def test_older_spelling_expects_unsuccess_report_is_honoured(
    emulator: Emulator, client: Client, clock: ManualClock, receiver: Receiver
) -> None:
    response = client.get_httpx_client().post(
        "/jobs",
        json={
            "apiKey": TOKEN,
            "url": "https://example.com",
            "callback": {"type": "webhook", "url": "https://hooks.example/sa"},
            "expectsUnsuccessReport": True,
        },
        headers={"X-Emulator-Scenario": "fail-job"},
    )
    assert response.status_code == 200
    clock.advance(1.0)
    assert deliver(emulator) == 1
    assert json.loads(receiver.requests[0].content)["status"] == "failed"


def test_batch_delivers_one_webhook_per_job(
    emulator: Emulator, client: Client, clock: ManualClock, receiver: Receiver
) -> None:
    urls = ["https://example.com/1", "https://example.com/2", "https://example.com/3"]
    jobs = create_batch_jobs.sync(
        client=client,
        body=BatchJobRequest(
            api_key=TOKEN, urls=urls, callback=Callback(type_="webhook", url="https://h.example/")
        ),
    )
    assert isinstance(jobs, list)
    clock.advance(1.0)
    assert deliver(emulator) == 3
    delivered = {
        json.loads(r.content)["id"]: json.loads(r.content)["url"] for r in receiver.requests
    }
    assert delivered == {job.id: job.url for job in jobs}
