"""The emulated Decodo Web Scraping API (async tasks), through the generated typed client."""

from __future__ import annotations

import asyncio
import base64
import json
import re
from typing import Any

import decodo_client.models as dm
import httpx
import pytest
from decodo_client import AuthenticatedClient
from decodo_client.api.tasks import create_task, create_task_batch, get_task, get_task_results
from decodo_client.models import (
    BatchResponse,
    Error,
    GoogleSearchBatch,
    GoogleSearchTask,
    Headless,
    ParsedContent,
    Task,
    TaskResults,
    TaskStatus,
    UniversalBatch,
    UniversalTask,
)

from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    ManualClock,
    Phase,
    Progression,
    account_label,
    emulator_client,
)
from scrapejobs_emulator.content import markdown_of, synthetic_page
from tests.emulator.conftest import Receiver

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")

# The 40 targets of Decodo's IR 2.3.0 and each one's primary input.
TARGETS: dict[str, tuple[str, str]] = {
    **{
        t: ("url", f"https://{t.replace('_', '-')}.example/item")
        for t in [
            "universal",
            "google",
            "bing",
            "amazon",
            "walmart",
            "target",
            "mobile",
            "airbnb",
            "apple_app_store",
            "bbb",
            "autotrader",
            "tiktok",
            "tiktok_post",
            "reddit_post",
            "reddit_subreddit",
            "reddit_user",
        ]
    },
    **{
        t: ("query", "coffee grinder")
        for t in [
            "google_search",
            "google_ads",
            "google_lens",
            "google_travel_hotels",
            "google_ai_mode",
            "bing_search",
            "amazon_product",
            "amazon_pricing",
            "amazon_search",
            "amazon_sellers",
            "amazon_bestsellers",
            "walmart_search",
            "target_search",
            "tiktok_shop_search",
            "youtube_metadata",
            "youtube_search",
            "youtube_subtitles",
            "youtube_channel",
        ]
    },
    **{
        t: ("product_id", "12345")
        for t in ("walmart_product", "target_product", "tiktok_shop_product")
    },
    **{t: ("prompt", "best espresso?") for t in ("chatgpt", "perplexity", "gemini")},
}


def pascal(target: str) -> str:
    return "".join(part.capitalize() for part in target.split("_"))


def universal(url: str = "https://ip.decodo.com", **fields: Any) -> UniversalTask:
    return UniversalTask.from_dict({"target": "universal", "url": url, **fields})


def submit(client: AuthenticatedClient, body: Any) -> Task:
    response = create_task.sync_detailed(client=client, body=body)
    assert response.status_code == 200, response.content
    assert isinstance(response.parsed, Task)
    return response.parsed


def deliver(emulator: Emulator) -> int:
    return asyncio.run(emulator.deliver_webhooks())


@pytest.fixture
def client(emulator: Emulator) -> AuthenticatedClient:
    return emulator_client(emulator, "decodo")


def test_task_lifecycle_to_html_result(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    task = submit(client, universal())
    assert task.status == TaskStatus.PENDING
    assert task.id.isdigit()
    assert task.created_at == task.updated_at == "2026-06-26 10:00:00"
    # Server defaults are echoed.
    assert (task.page_from, task.page_count, task.limit) == (1, 1, 10)
    assert (task.device_type, task.domain, task.http_method) == ("desktop", "com", "get")
    assert (task.parse, task.force_headers, task.force_cookies) == (False, False, False)
    assert task.headless is None
    assert task.headers == []
    assert task.cookies == []
    assert task.target == "universal"
    assert task.url == "https://ip.decodo.com"

    pending = get_task_results.sync_detailed(task.id, client=client)
    assert pending.status_code == 204
    assert pending.content == b""

    clock.advance(0.5)
    running = get_task.sync(task.id, client=client)
    assert isinstance(running, Task)
    assert running.status == TaskStatus.PENDING  # Decodo has no separate running state

    clock.advance(0.5)
    done = get_task.sync(task.id, client=client)
    assert isinstance(done, Task)
    assert done.status == TaskStatus.DONE
    assert done.updated_at == "2026-06-26 10:00:01"

    results = get_task_results.sync(task.id, client=client)
    assert isinstance(results, TaskResults)
    (entry,) = results.results
    assert entry.content == synthetic_page("https://ip.decodo.com", 2048).html
    assert entry.status_code == 200
    assert entry.task_id == task.id
    assert entry.url == "https://ip.decodo.com"
    assert TIMESTAMP.match(entry.created_at)
    assert TIMESTAMP.match(entry.updated_at)
    # Results can be fetched again.
    again = get_task_results.sync(task.id, client=client)
    assert isinstance(again, TaskResults)
    assert again.results[0].content == entry.content


def test_all_40_targets_are_accepted_and_produce_results(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    assert len(TARGETS) == 40
    ids: dict[str, str] = {}
    for target, (key, value) in TARGETS.items():
        body = getattr(dm, f"{pascal(target)}Task").from_dict({"target": target, key: value})
        task = submit(client, body)
        assert task.target == target
        echoed = task.to_dict()[key]
        assert echoed == value
        ids[target] = task.id
    assert len(set(ids.values())) == 40
    assert all(i.isdigit() for i in ids.values())
    clock.advance(1)
    for target, task_id in ids.items():
        results = get_task_results.sync(task_id, client=client)
        assert isinstance(results, TaskResults), target
        assert isinstance(results.results[0].content, str)
        assert results.results[0].content.startswith("<!doctype html>")
    assert emulator.stats.as_json()["decodo"]["jobs_created"] == {
        account_label("emulator-token"): 40
    }


def test_missing_target_is_rejected_because_our_spec_requires_it(
    client: AuthenticatedClient,
) -> None:
    response = client.get_httpx_client().post("/v3/task", json={"url": "https://ip.decodo.com"})
    assert response.status_code == 400
    body = Error.from_dict(response.json())
    assert body.status == "error"
    assert body.errors == [{"field": "target", "message": "The target field is required."}]


def test_content_options(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    url = "https://shop.example/p"
    md = submit(client, universal(url, markdown=True))
    png = submit(client, universal(url, headless="png"))
    html = submit(client, universal(url, headless="html"))
    parsed = submit(
        client, GoogleSearchTask(target="google_search", query="coffee", parse=True, page_count=3)
    )
    assert png.headless == Headless.PNG
    clock.advance(1)

    def content(task: Task) -> list[Any]:
        results = get_task_results.sync(task.id, client=client)
        assert isinstance(results, TaskResults)
        return [r.content for r in results.results]

    page = synthetic_page(url, 2048)
    assert content(md) == [markdown_of(page)]
    assert content(html) == [page.html]
    (shot,) = content(png)
    assert isinstance(shot, str)
    assert base64.b64decode(shot).startswith(b"\x89PNG\r\n\x1a\n")

    pages = content(parsed)
    assert len(pages) == 3  # one entry per page_count
    assert all(isinstance(p, ParsedContent) for p in pages)
    first = pages[0].to_dict()
    assert first["status_code"] == 12000
    assert first["task_id"] == parsed.id
    assert first["results"]["parse_status_code"] == 12000
    assert [p.to_dict()["results"]["page"] for p in pages] == [1, 2, 3]


def test_echo_keeps_given_values_and_target_specific_parameters(
    client: AuthenticatedClient,
) -> None:
    task = submit(
        client,
        GoogleSearchTask(
            target="google_search",
            query="tea",
            page_from=3,
            device_type="mobile",
            geo="Germany",
            locale="de-de",
            google_results_language="de",
        ),
    )
    assert (task.page_from, task.device_type, task.geo, task.locale) == (
        3,
        "mobile",
        "Germany",
        "de-de",
    )
    assert (task.page_count, task.limit, task.domain) == (1, 10, "com")  # server defaults
    assert task.additional_properties["google_results_language"] == "de"


def test_failed_task_is_faulted(emulator: Emulator, clock: ManualClock) -> None:
    failing = emulator_client(emulator, "decodo", headers={"X-Emulator-Scenario": "fail-job"})
    task = submit(failing, universal())
    plain = emulator_client(emulator, "decodo")
    assert get_task_results.sync_detailed(task.id, client=plain).status_code == 204
    clock.advance(1)
    status = get_task.sync(task.id, client=plain)
    assert isinstance(status, Task)
    assert status.status == TaskStatus.FAULTED
    results = get_task_results.sync_detailed(task.id, client=plain)
    assert results.status_code == 200
    assert isinstance(results.parsed, TaskResults)
    (entry,) = results.parsed.results
    assert entry.content is None
    assert entry.status_code == 613
    assert isinstance(entry.help_, str)
    assert "Faulted" in entry.help_


def test_batch_queues_one_task_per_input(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    response = create_task_batch.sync_detailed(
        client=client,
        body=GoogleSearchBatch(
            target="google_search", query=["coffee", "tea", "juice"], parse=True
        ),
    )
    assert response.status_code == 200
    batch = response.parsed
    assert isinstance(batch, BatchResponse)
    assert isinstance(batch.id, str)
    assert batch.id.isdigit()
    assert batch.errors == []
    queries = batch.queries
    assert isinstance(queries, list)
    assert [q.query for q in queries] == ["coffee", "tea", "juice"]
    assert all(q.status == TaskStatus.PENDING and q.target == "google_search" for q in queries)
    assert all(q.parse is True and q.limit == 10 for q in queries)
    ids = [q.id for q in queries]
    assert len(set([*ids, batch.id])) == 4
    for task_id in ids:
        record = emulator.store.get("decodo", task_id)
        assert record is not None
        assert record.data["group"] == batch.id
    assert emulator.stats.as_json()["decodo"]["jobs_created"] == {
        account_label("emulator-token"): 3
    }

    clock.advance(1)
    for task_id in ids:
        results = get_task_results.sync(task_id, client=client)
        assert isinstance(results, TaskResults)
        assert isinstance(results.results[0].content, ParsedContent)


def test_batch_rate_limit_is_one_request_per_second_per_account(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    def batch(c: AuthenticatedClient) -> Any:
        return create_task_batch.sync_detailed(
            client=c, body=UniversalBatch(target="universal", url=["https://a.example/1"])
        )

    assert batch(client).status_code == 200
    limited = batch(client)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "1"
    assert isinstance(limited.parsed, Error)
    assert limited.parsed.status == "error"
    assert "1 request per second" in str(limited.parsed.message)
    # Another account has its own window.
    assert batch(emulator_client(emulator, "decodo", "other-account")).status_code == 200
    clock.advance(0.6)
    assert batch(client).status_code == 429
    clock.advance(0.4)
    assert batch(client).status_code == 200
    # Single tasks are not limited by the batch window.
    submit(client, universal())
    assert len(emulator.store) == 4


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/v3/task", {"target": "universal", "url": "https://x.test", "foo": 1}, 422, "foo"),
        ("/v3/task", {"target": "universal", "url": 5}, 422, "url"),
        ("/v3/task", {"target": "universal", "url": "x" * 2057}, 422, "url"),
        (
            "/v3/task",
            {"target": "google_search", "query": "q", "page_count": 11},
            422,
            "page_count",
        ),
        ("/v3/task", {"target": "google_search", "query": "q", "headless": "pdf"}, 422, "headless"),
        ("/v3/task", {"target": "universal", "url": "https://x.test", "parse": True}, 422, "parse"),
        ("/v3/task", {"target": "teleport", "url": "https://x.test"}, 400, "target"),
        ("/v3/task", {"target": 7}, 400, "target"),
        ("/v3/task", ["universal"], 400, "body"),
        ("/v3/task/batch", {"target": "universal", "url": []}, 422, "url"),
        ("/v3/task/batch", {"target": "universal", "url": "https://x.test"}, 422, "url"),
        ("/v3/task/batch", {"target": "universal"}, 422, "url"),
        (
            "/v3/task/batch",
            {"target": "google", "url": ["https://x.test"], "query": ["q"]},
            422,
            "url",
        ),
        ("/v3/task/batch", {"url": ["https://x.test"]}, 400, "target"),
    ],
)
def test_invalid_bodies_get_the_error_envelope(
    client: AuthenticatedClient, path: str, body: Any, status: int, field: str
) -> None:
    response = client.get_httpx_client().post(path, json=body)
    assert response.status_code == status
    error = Error.from_dict(response.json())
    assert error.status == "error"
    assert isinstance(error.message, str)
    assert field.split(".")[0] in error.message
    assert isinstance(error.errors, list)
    assert error.errors[0]["field"] == field


@pytest.mark.parametrize("path", ["/v3/task", "/v3/task/batch"])
@pytest.mark.parametrize("content", [b"{not json", b""])
def test_malformed_json_is_400(client: AuthenticatedClient, path: str, content: bytes) -> None:
    response = client.get_httpx_client().post(
        path, content=content, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["status"] == "error"
    assert response.json()["message"]


def test_unknown_and_other_accounts_ids_are_404(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    task = submit(client, universal())
    clock.advance(1)
    other = emulator_client(emulator, "decodo", "other-account")
    for call in (get_task, get_task_results):
        for task_id, who in ((task.id, other), ("7434928397127555073", client), ("nope", client)):
            response = call.sync_detailed(task_id, client=who)
            assert response.status_code == 404
            assert isinstance(response.parsed, Error)
            assert response.parsed.message == "Task not found."


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Basic wrong-token"},
        {"Authorization": "Bearer emulator-token"},
        {"Authorization": "Basic " + base64.b64encode(b"emulator-token").decode()},
        {"Authorization": "emulator-token"},
    ],
)
def test_bad_credentials_are_401(emulator: Emulator, headers: dict[str, str]) -> None:
    raw = httpx.Client(
        base_url="http://emulator.invalid/decodo",
        transport=emulator_client(emulator, "decodo").get_httpx_client()._transport,
    )
    for method, path in (("POST", "/v3/task"), ("POST", "/v3/task/batch"), ("GET", "/v3/task/1")):
        response = raw.request(
            method, path, headers=headers, json={"target": "universal", "url": ["https://x.test"]}
        )
        assert response.status_code == 401
        assert response.json() == {"status": "error", "message": "Unauthorized."}
        assert response.headers["www-authenticate"].startswith("Basic")


def test_token_is_opaque_and_compared_verbatim(clock: ManualClock) -> None:
    token = base64.b64encode(b"user:pass").decode()  # what the dashboard shows
    emulator = Emulator(EmulatorConfig(tokens=[token]), clock=clock)
    task = submit(emulator_client(emulator, "decodo", token), universal())
    assert task.id.isdigit()
    decoded = emulator_client(emulator, "decodo", "user:pass")
    assert create_task.sync_detailed(client=decoded, body=universal()).status_code == 401
    raw = emulator_client(emulator, "decodo", token).get_httpx_client()
    lower = raw.post(
        "/v3/task",
        json={"target": "universal"},
        headers={"Authorization": f"basic {token}"},
    )
    assert lower.status_code == 200  # the scheme is case-insensitive, the token is not decoded


def test_results_expire_24_hours_after_the_request(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    task = submit(client, universal())
    clock.advance(24 * 3600 - 1)
    assert get_task_results.sync_detailed(task.id, client=client).status_code == 200
    assert get_task.sync_detailed(task.id, client=client).status_code == 200
    clock.advance(1)
    for call in (get_task_results, get_task):
        expired = call.sync_detailed(task.id, client=client)
        assert expired.status_code == 404
        assert isinstance(expired.parsed, Error)
        assert expired.parsed.status == "error"


def test_retention_follows_the_configuration(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    emulator.config.retention_seconds["decodo"] = 60.0
    task = submit(client, universal())
    clock.advance(59)
    assert get_task_results.sync_detailed(task.id, client=client).status_code == 200
    clock.advance(1)
    assert get_task_results.sync_detailed(task.id, client=client).status_code == 404


def test_callback_echoes_passthrough_and_is_retried(
    emulator: Emulator, clock: ManualClock, receiver: Receiver, client: AuthenticatedClient
) -> None:
    secret = 'my "secret" ✓ & <note>'
    receiver.statuses = [500, 200]
    task = submit(
        client,
        universal(callback_url="https://hooks.test/decodo?x=1", passthrough=secret),
    )
    assert task.passthrough == secret
    assert deliver(emulator) == 0  # nothing before the task is done
    clock.advance(1)
    assert deliver(emulator) == 1
    clock.advance(9)
    assert deliver(emulator) == 0  # the retry is due 10 s after the failed attempt
    clock.advance(1)
    assert deliver(emulator) == 1
    first, second = receiver.requests
    assert first.content == second.content
    assert str(second.url) == "https://hooks.test/decodo?x=1"
    assert second.headers["content-type"] == "application/json"
    assert "authorization" not in second.headers  # passthrough is the only authentication
    payload = json.loads(second.content)
    assert payload["passthrough"] == secret
    assert payload["id"] == task.id
    assert payload["status"] == "done"
    assert payload["target"] == "universal"
    assert payload["url"] == "https://ip.decodo.com"
    assert payload["callback_url"] == "https://hooks.test/decodo?x=1"
    assert payload["updated_at"] == "2026-06-26 10:00:01"
    assert "content" not in payload  # the payload is the task object, not the scraped page
    callback = dm.TaskCallback.from_dict(payload)
    assert callback.status == TaskStatus.DONE
    (webhook,) = emulator.webhooks.webhooks
    assert webhook.state == "delivered"
    assert [a.status_code for a in webhook.attempts] == [500, 200]


def test_callback_retries_stop_after_the_policy(
    emulator: Emulator, clock: ManualClock, receiver: Receiver, client: AuthenticatedClient
) -> None:
    receiver.statuses = [503] * 10
    submit(client, universal(callback_url="https://hooks.test/fail"))
    clock.advance(1)
    for wait in (0, 10, 60, 300):
        clock.advance(wait)
        assert deliver(emulator) == 1
    clock.advance(10_000)
    assert deliver(emulator) == 0
    (webhook,) = emulator.webhooks.webhooks
    assert webhook.state == "failed"
    assert len(webhook.attempts) == 4


def test_faulted_task_and_batch_tasks_send_one_callback_each(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    failing = emulator_client(emulator, "decodo", headers={"X-Emulator-Scenario": "fail-job"})
    response = create_task_batch.sync_detailed(
        client=failing,
        body=UniversalBatch(
            target="universal",
            url=["https://a.example/1", "https://a.example/2"],
            callback_url="https://hooks.test/batch",
            passthrough="p",
        ),
    )
    assert isinstance(response.parsed, BatchResponse)
    clock.advance(1)
    assert deliver(emulator) == 2
    payloads = [json.loads(r.content) for r in receiver.requests]
    assert sorted(p["url"] for p in payloads) == ["https://a.example/1", "https://a.example/2"]
    assert {p["status"] for p in payloads} == {"faulted"}
    assert {p["passthrough"] for p in payloads} == {"p"}


def test_unreachable_url_faults_and_bad_callback_url_is_never_called(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    task = submit(client, universal("not a url", callback_url="ftp://hooks.test/x"))
    clock.advance(1)
    status = get_task.sync(task.id, client=client)
    assert isinstance(status, Task)
    assert status.status == TaskStatus.FAULTED
    assert deliver(emulator) == 0
    assert emulator.webhooks.webhooks == []


def test_no_callback_without_callback_url(
    emulator: Emulator, clock: ManualClock, client: AuthenticatedClient
) -> None:
    submit(client, universal())
    clock.advance(1)
    assert deliver(emulator) == 0
    assert emulator.webhooks.webhooks == []


def test_ids_are_unique_digit_strings(emulator: Emulator, client: AuthenticatedClient) -> None:
    ids = [submit(client, universal(f"https://x.test/{i}")).id for i in range(50)]
    assert len(set(ids)) == 50
    assert all(re.fullmatch(r"\d+", i) for i in ids)


def test_polls_progression_finishes_on_the_nth_read(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression=Progression(mode="polls", polls=3)), clock=clock)
    client = emulator_client(emulator, "decodo")
    task = submit(client, universal())
    first = get_task.sync(task.id, client=client)
    assert isinstance(first, Task)
    assert first.status == TaskStatus.PENDING
    assert get_task_results.sync_detailed(task.id, client=client).status_code == 204  # 2nd read
    third = get_task.sync(task.id, client=client)
    assert isinstance(third, Task)
    assert third.status == TaskStatus.DONE
    record = emulator.store.get("decodo", task.id)
    assert record is not None
    assert record.phase is Phase.SUCCEEDED


def test_asyncio_client_runs_the_same_flow(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> TaskResults:
        client = emulator_client(emulator, "decodo")
        task = await create_task.asyncio(client=client, body=universal(markdown=True))
        assert isinstance(task, Task)
        pending = await get_task_results.asyncio_detailed(task.id, client=client)
        assert pending.status_code == 204
        clock.advance(1)
        status = await get_task.asyncio(task.id, client=client)
        assert isinstance(status, Task)
        assert status.status == TaskStatus.DONE
        batch = await create_task_batch.asyncio(
            client=client, body=UniversalBatch(target="universal", url=["https://b.example"])
        )
        assert isinstance(batch, BatchResponse)
        results = await get_task_results.asyncio(task.id, client=client)
        assert isinstance(results, TaskResults)
        return results

    results = asyncio.run(flow())
    assert results.results[0].content == markdown_of(synthetic_page("https://ip.decodo.com", 2048))


def test_unknown_path_and_method_use_the_envelope(client: AuthenticatedClient) -> None:
    raw = client.get_httpx_client()
    missing = raw.get("/v3/nothing")
    assert missing.status_code == 404
    assert missing.json()["status"] == "error"
    wrong = raw.delete("/v3/task")
    assert wrong.status_code == 405
    assert wrong.json()["status"] == "error"


def test_injected_429_uses_decodos_envelope(client: AuthenticatedClient) -> None:
    response = client.get_httpx_client().post(
        "/v3/task",
        json={"target": "universal", "url": "https://x.test"},
        headers={"X-Emulator-Scenario": "429"},
    )
    assert response.status_code == 429
    assert response.headers["retry-after"].isdigit()
    assert response.json()["status"] == "error"


def test_a_url_python_cannot_split_still_gets_results_not_a_500(
    clock: ManualClock, client: AuthenticatedClient
) -> None:
    # Found by the contract tests: "http://[" (an unclosed IPv6 host) made the results a 500.
    task = submit(client, universal("http://["))
    clock.advance(5)
    answer = get_task_results.sync_detailed(task.id, client=client)
    assert answer.status_code == 200
    assert isinstance(answer.parsed, TaskResults)
    assert synthetic_page("http://[", 64).html.count("example.test") == 2  # title and heading
