"""The emulated ScrapingPros async collections API, through the generated typed client."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
from typing import Any

import pytest
from scrapingpros_client import AuthenticatedClient
from scrapingpros_client.api.collections import (
    create_collection,
    delete_collection,
    get_collection,
    list_collections,
    update_collection,
)
from scrapingpros_client.api.runs import (
    get_job_result,
    get_run,
    list_run_jobs,
    list_runs,
    run_collection,
)
from scrapingpros_client.api.sync import scrape
from scrapingpros_client.models import (
    BlockedUrlReason,
    CallbackStatus,
    Collection,
    CollectionCreated,
    CollectionDeleted,
    CollectionRequest,
    CollectionUpdated,
    CreateCollectionRequest,
    Error,
    EvaluateAction,
    ExtractRules,
    JobOrderBy,
    JobStatus,
    OutputFormat,
    ResultError,
    ResultErrorCode,
    Run,
    RunJobPage,
    RunList,
    RunStatus,
    RunStatusFilter,
    ScrapeRequest,
    ScrapeResult,
    SortDirection,
    UpdateCollectionRequest,
)
from scrapingpros_client.types import UNSET, Unset

from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    ManualClock,
    Progression,
    account_label,
    emulator_client,
)
from scrapejobs_emulator.providers.scrapingpros import signature
from tests.emulator.conftest import Receiver

TOKEN = "emulator-token"
HOOK = "https://hooks.test/scrapingpros"
BASE = "/v1/async/collections"


def pros(emulator: Emulator, token: str = TOKEN, **kwargs: Any) -> AuthenticatedClient:
    return emulator_client(emulator, "scrapingpros", token, **kwargs)


def item(url: str, **kwargs: Any) -> CollectionRequest:
    return CollectionRequest(url=url, **kwargs)


def new_collection(
    emulator: Emulator,
    *items: CollectionRequest,
    name: str = "shop",
    callback_url: str | Unset = UNSET,
    token: str = TOKEN,
) -> CollectionCreated:
    response = create_collection.sync_detailed(
        client=pros(emulator, token),
        body=CreateCollectionRequest(name=name, requests=list(items), callback_url=callback_url),
    )
    assert response.status_code == 201
    assert isinstance(response.parsed, CollectionCreated)
    return response.parsed


def start(emulator: Emulator, collection_id: str, **kwargs: Any) -> Run:
    response = run_collection.sync_detailed(collection_id, client=pros(emulator, **kwargs))
    assert response.status_code == 201
    assert isinstance(response.parsed, Run)
    return response.parsed


def run_of(emulator: Emulator, run: Run) -> Run:
    current = get_run.sync(run.collection_id, run.run_id, client=pros(emulator))
    assert isinstance(current, Run)
    return current


def jobs(emulator: Emulator, run: Run, **kwargs: Any) -> RunJobPage:
    page = list_run_jobs.sync(run.collection_id, run.run_id, client=pros(emulator), **kwargs)
    assert isinstance(page, RunJobPage)
    return page


def result_of(emulator: Emulator, run: Run, job_id: str) -> ScrapeResult:
    result = get_job_result.sync(run.collection_id, run.run_id, job_id, client=pros(emulator))
    assert isinstance(result, ScrapeResult)
    return result


def deliver(emulator: Emulator) -> int:
    return asyncio.run(emulator.deliver_webhooks())


# -- lifecycle ----------------------------------------------------------------------------


def test_collection_run_lifecycle_to_results(emulator: Emulator, clock: ManualClock) -> None:
    created = new_collection(
        emulator,
        item("https://example.com/product/1", custom_id="product-1"),
        item("https://example.com/product/2", custom_id="product-2", format_=OutputFormat.MARKDOWN),
    )
    assert created.message == "Collection created successfully."
    assert created.duplicates_skipped == 0
    assert created.blocked_urls == []
    assert created.invalid_items == []
    run = start(emulator, created.id)
    assert run.status == RunStatus.IN_PROGRESS
    assert run.total_requests == 2
    assert (run.success_requests, run.failed_requests, run.timeout_requests) == (0, 0, 0)
    assert isinstance(run.job_ids, list)
    assert len(run.job_ids) == 2
    assert run.created_at == clock.now()
    assert run.callback_url is None
    assert run.callback_status is None
    assert run.all_jobs_persisted is True

    clock.advance(0.5)
    page = jobs(emulator, run)
    assert [j.status for j in page.items] == [JobStatus.PROCESSING, JobStatus.PROCESSING]
    assert run_of(emulator, run).status == RunStatus.IN_PROGRESS

    clock.advance(0.5)
    done = run_of(emulator, run)
    assert done.status == RunStatus.COMPLETED
    assert done.success_requests == 2
    assert done.failed_jobs == []
    page = jobs(emulator, run)
    assert [j.job_public_id for j in page.items] == run.job_ids
    first = page.items[0]
    assert first.status == JobStatus.COMPLETED
    assert first.is_success is True
    assert first.custom_id == "product-1"
    assert first.status_code == 200
    assert first.completed_at == "2026-06-26T10:00:01.000000Z"
    assert first.run_public_id == run.run_id
    assert first.collection_id == created.id

    html = result_of(emulator, run, run.job_ids[0])
    assert html.message == "Request successful"
    assert html.custom_id == "product-1"
    assert html.url == "https://example.com/product/1"
    assert isinstance(html.html, str)
    assert html.html.startswith("<!doctype html>")
    assert isinstance(html.markdown, Unset)
    assert html.guidance is not None
    assert not isinstance(html.guidance, Unset)
    assert html.guidance.credits_charged == 1
    markdown = result_of(emulator, run, run.job_ids[1])
    assert isinstance(markdown.markdown, str)
    assert markdown.markdown.startswith("# example.com")
    assert isinstance(markdown.html, Unset)
    assert markdown.custom_id == "product-2"


def test_result_options_screenshot_extract_and_evaluate(
    emulator: Emulator, clock: ManualClock
) -> None:
    extract = ExtractRules.from_dict({"title": "css:h1", "first": "p", "missing": "css:.nope"})
    created = new_collection(
        emulator,
        item(
            "https://shop.test/a",
            browser=True,
            screenshot=True,
            extract=extract,
            actions=[EvaluateAction(type_="evaluate", script="document.title")],
        ),
    )
    run = start(emulator, created.id)
    clock.advance(1)
    result = result_of(emulator, run, run.job_ids[0])  # type: ignore[index]
    assert isinstance(result.screenshot, str)
    assert base64.b64decode(result.screenshot).startswith(b"\x89PNG\r\n\x1a\n")
    assert result.extracted_data is not None
    assert not isinstance(result.extracted_data, Unset)
    data = result.extracted_data.additional_properties
    assert isinstance(result.html, str)
    assert data["title"] in result.html
    assert data["title"].startswith("shop.test")
    assert isinstance(data["first"], str)
    assert f"<p>{data['first']}</p>" in result.html
    assert data["missing"] is None
    assert result.evaluate_results == [data["title"]]
    assert result.guidance.credits_charged == 5
    # Content is derived from the URL: the same URL gives the same page.
    again = start(emulator, created.id)
    clock.advance(1)
    assert result_of(emulator, again, again.job_ids[0]).html == result.html  # type: ignore[index]


def test_failed_and_timed_out_jobs(emulator: Emulator, clock: ManualClock) -> None:
    created = new_collection(
        emulator, item("https://example.com/broken"), item("https://example.com/timeout/slow")
    )
    run = start(emulator, created.id, headers={"X-Emulator-Scenario": "fail-job"})
    clock.advance(1)
    done = run_of(emulator, run)
    assert done.status == RunStatus.COMPLETED
    assert (done.success_requests, done.failed_requests, done.timeout_requests) == (0, 1, 1)
    assert isinstance(done.failed_jobs, list)
    assert [(f.url, f.status, f.error) for f in done.failed_jobs] == [
        ("https://example.com/broken", JobStatus.FAILED, "Connection timeout"),
        ("https://example.com/timeout/slow", JobStatus.TIMEOUT, None),
    ]
    listed = jobs(emulator, run)
    assert [j.is_success for j in listed.items] == [False, False]
    failed = result_of(emulator, run, listed.items[0].job_public_id)
    assert failed.status_code == 502
    assert failed.guidance.success is False
    assert failed.guidance.credits_refunded is True
    assert isinstance(failed.html, Unset)


def test_run_of_an_empty_collection_completes_at_once(emulator: Emulator) -> None:
    run = start(emulator, new_collection(emulator).id)
    assert run.status == RunStatus.COMPLETED
    assert run.total_requests == 0
    assert run.job_ids == []


def test_polls_progression_finishes_on_the_nth_read(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression=Progression(mode="polls", polls=3)), clock=clock)
    run = start(emulator, new_collection(emulator, item("https://example.com/p")).id)
    statuses = [run_of(emulator, run).status for _ in range(3)]
    assert statuses == [RunStatus.IN_PROGRESS, RunStatus.IN_PROGRESS, RunStatus.COMPLETED]


def test_asyncio_client_runs_the_same_flow(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> ScrapeResult:
        client = pros(emulator)
        created = await create_collection.asyncio(
            client=client,
            body=CreateCollectionRequest(name="async", requests=[item("https://example.com/x")]),
        )
        assert isinstance(created, CollectionCreated)
        run = await run_collection.asyncio(created.id, client=client)
        assert isinstance(run, Run)
        assert isinstance(run.job_ids, list)
        clock.advance(1)
        current = await get_run.asyncio(created.id, run.run_id, client=client)
        assert isinstance(current, Run)
        assert current.status == RunStatus.COMPLETED
        result = await get_job_result.asyncio(created.id, run.run_id, run.job_ids[0], client=client)
        assert isinstance(result, ScrapeResult)
        return result

    assert asyncio.run(flow()).url == "https://example.com/x"


def test_jobs_are_counted_per_account(emulator: Emulator) -> None:
    start(emulator, new_collection(emulator, item("https://a.test/1"), item("https://a.test/2")).id)
    start(
        emulator,
        new_collection(emulator, item("https://a.test/3"), token="other-account").id,
        token="other-account",
    )
    assert emulator.stats.as_json()["scrapingpros"]["jobs_created"] == {
        account_label("emulator-token"): 2,
        account_label("other-account"): 1,
    }


# -- create report -------------------------------------------------------------------------


def test_create_reports_duplicates_blocked_and_invalid_items(
    emulator: Emulator, clock: ManualClock
) -> None:
    raw_items: list[Any] = [
        {"url": "https://example.com/product/1", "custom_id": "product-1"},
        {"url": "https://example.com/product/1", "custom_id": "product-2"},
        {"url": "https://example.com/product/1", "custom_id": "product-1"},
        {"url": "http://127.0.0.1/admin"},
        {"url": "http://10.1.2.3/"},
        {"url": "http://[::1]:8080/"},
        {"url": "ftp://example.com/file"},
        {"url": "not a url"},
        {"url": "https://example.com:99999/"},
        {"url": "http://localhost/"},
        {"url": "https://nowhere.invalid/"},
        {"url": "https://example.com/product/9", "custom_id": "x" * 256},
        "https://example.com/bare-string",
        {"browser": True},
        {"url": "https://example.com/shot", "screenshot": True},
        {"url": "https://example.com/product/3", "use_proxy": {"proxy": "any", "max_retries": 2}},
    ]
    client = pros(emulator).get_httpx_client()
    response = client.post(BASE, json={"name": "report", "requests": raw_items})
    assert response.status_code == 201
    created = CollectionCreated.from_dict(response.json())
    assert created.duplicates_skipped == 1
    assert created.duplicate_urls == ["https://example.com/product/1"]
    assert isinstance(created.blocked_urls, list)
    # Well-formed but unscrapable URLs are blocked; URLs the schema's http(s) pattern rejects
    # (IPv6 literal, ftp, no scheme) are invalid items instead.
    assert [(b.index, b.reason) for b in created.blocked_urls] == [
        (3, BlockedUrlReason.PRIVATE_IP),
        (4, BlockedUrlReason.PRIVATE_IP),
        (8, BlockedUrlReason.INVALID_PORT),
        (9, BlockedUrlReason.BLOCKED_HOSTNAME),
        (10, BlockedUrlReason.DNS_FAILED),
    ]
    assert created.blocked_urls[0].url == "http://127.0.0.1/admin"
    assert (
        created.blocked_urls[0].message == "URLs resolving to private IP addresses are not allowed."
    )
    assert isinstance(created.invalid_items, list)
    invalid = {i.index: i for i in created.invalid_items}
    assert sorted(invalid) == [5, 6, 7, 11, 12, 13, 14]
    for index in (5, 6, 7):
        assert [(e.field, e.error_type) for e in invalid[index].errors] == [
            ("url", "string_pattern_mismatch")
        ]
    assert invalid[11].url == "https://example.com/product/9"
    assert [(e.field, e.error_type) for e in invalid[11].errors] == [
        ("custom_id", "string_too_long")
    ]
    assert [(e.field, e.error_type) for e in invalid[12].errors] == [("<root>", "not_a_dict")]
    assert [(e.field, e.error_type) for e in invalid[13].errors] == [("url", "missing")]
    assert invalid[13].url is None
    assert [(e.field, e.error_type) for e in invalid[14].errors] == [("screenshot", "value_error")]
    assert "requires browser" in invalid[14].errors[0].message
    # The collection holds only the valid, distinct items.
    run = start(emulator, created.id)
    assert run.total_requests == 3
    clock.advance(1)
    assert [j.url for j in jobs(emulator, run).items] == [
        "https://example.com/product/1",
        "https://example.com/product/1",
        "https://example.com/product/3",
    ]


def test_country_proxy_is_403(emulator: Emulator) -> None:
    response = create_collection.sync_detailed(
        client=pros(emulator),
        body=CreateCollectionRequest(
            name="geo", requests=[item("https://example.com", use_proxy="US")]
        ),
    )
    assert response.status_code == 403
    assert isinstance(response.parsed, Error)
    assert response.parsed.detail == "Country proxy 'US' is not approved for this account"


# -- idempotency ---------------------------------------------------------------------------


def test_idempotency_key_replays_conflicts_and_expires(
    emulator: Emulator, clock: ManualClock
) -> None:
    client = pros(emulator)
    body = CreateCollectionRequest(name="idem", requests=[item("https://example.com/a")])
    first = create_collection.sync_detailed(client=client, body=body, idempotency_key="k-1")
    assert first.status_code == 201
    assert first.headers["Idempotency-Replayed"] == "false"
    again = create_collection.sync_detailed(client=client, body=body, idempotency_key="k-1")
    assert again.status_code == 201
    assert again.headers["Idempotency-Replayed"] == "true"
    assert again.content == first.content
    listed = list_collections.sync(client=client)
    assert isinstance(listed, list)
    assert len(listed) == 1

    other_body = CreateCollectionRequest(name="idem", requests=[item("https://example.com/b")])
    conflict = create_collection.sync_detailed(
        client=client, body=other_body, idempotency_key="k-1"
    )
    assert conflict.status_code == 409
    assert isinstance(conflict.parsed, Error)
    assert (
        conflict.parsed.detail == "Idempotency-Key was already used with a different request body"
    )

    other = create_collection.sync_detailed(
        client=pros(emulator, "other-account"), body=other_body, idempotency_key="k-1"
    )
    assert other.status_code == 201
    assert (
        "Idempotency-Replayed" not in other.headers
        or other.headers["Idempotency-Replayed"] == "false"
    )

    clock.advance(24 * 3600 - 1)
    assert (
        create_collection.sync_detailed(client=client, body=body, idempotency_key="k-1").headers[
            "Idempotency-Replayed"
        ]
        == "true"
    )
    clock.advance(1)
    fresh = create_collection.sync_detailed(client=client, body=other_body, idempotency_key="k-1")
    assert fresh.status_code == 201
    assert fresh.headers["Idempotency-Replayed"] == "false"
    assert isinstance(fresh.parsed, CollectionCreated)
    assert isinstance(first.parsed, CollectionCreated)
    assert fresh.parsed.id != first.parsed.id


# -- collections CRUD ----------------------------------------------------------------------


def test_update_replaces_name_and_requests_past_runs_unaffected(
    emulator: Emulator, clock: ManualClock
) -> None:
    client = pros(emulator)
    created = new_collection(emulator, item("https://old.test/1"), item("https://old.test/2"))
    old_run = start(emulator, created.id)
    clock.advance(5)

    renamed = update_collection.sync_detailed(
        created.id, client=client, body=UpdateCollectionRequest(name="renamed")
    )
    assert renamed.status_code == 200
    assert isinstance(renamed.parsed, CollectionUpdated)
    assert renamed.parsed.message == "Collection updated successfully."
    assert isinstance(renamed.parsed.duplicates_skipped, Unset)
    fetched = get_collection.sync(created.id, client=client)
    assert isinstance(fetched, Collection)
    assert fetched.name == "renamed"
    assert fetched.created_at == clock.now() - 5
    assert fetched.updated_at == clock.now()
    assert start(emulator, created.id).total_requests == 2  # requests kept

    replaced = update_collection.sync(
        created.id,
        client=client,
        body=UpdateCollectionRequest(
            name="renamed",
            requests=[
                item("https://new.test/1"),
                item("https://new.test/1"),
                item("http://192.168.0.1/"),
            ],
        ),
    )
    assert isinstance(replaced, CollectionUpdated)
    assert replaced.duplicates_skipped == 1
    assert isinstance(replaced.blocked_urls, list)
    assert replaced.blocked_urls[0].index == 2
    new_run = start(emulator, created.id)
    assert new_run.total_requests == 1
    clock.advance(1)
    assert [j.url for j in jobs(emulator, new_run).items] == ["https://new.test/1"]
    assert [j.url for j in jobs(emulator, old_run).items] == [
        "https://old.test/1",
        "https://old.test/2",
    ]


def test_delete_keeps_past_runs(emulator: Emulator, clock: ManualClock) -> None:
    client = pros(emulator)
    created = new_collection(emulator, item("https://example.com/d"))
    run = start(emulator, created.id)
    clock.advance(1)
    deleted = delete_collection.sync_detailed(created.id, client=client)
    assert deleted.status_code == 200
    assert isinstance(deleted.parsed, CollectionDeleted)
    assert deleted.parsed.id == created.id
    for response in (
        get_collection.sync_detailed(created.id, client=client),
        delete_collection.sync_detailed(created.id, client=client),
        run_collection.sync_detailed(created.id, client=client),
        update_collection.sync_detailed(
            created.id, client=client, body=UpdateCollectionRequest(name="x")
        ),
    ):
        assert response.status_code == 404
        assert isinstance(response.parsed, Error)
        assert response.parsed.detail == "Collection not found"
    assert run_of(emulator, run).status == RunStatus.COMPLETED
    runs = list_runs.sync(created.id, client=client)
    assert isinstance(runs, RunList)
    assert runs.total == 1
    assert isinstance(run.job_ids, list)
    assert result_of(emulator, run, run.job_ids[0]).url == "https://example.com/d"
    assert list_collections.sync(client=client) == []


def test_list_collections_newest_first_with_filters(emulator: Emulator, clock: ManualClock) -> None:
    client = pros(emulator)
    first = new_collection(emulator, name="alpha")
    clock.advance(60)
    second = new_collection(emulator, name="beta")
    third = new_collection(emulator, name="alpha")
    new_collection(emulator, name="alpha", token="other-account")
    listed = list_collections.sync(client=client)
    assert isinstance(listed, list)
    assert [c.id for c in listed] == [third.id, second.id, first.id]
    by_name = list_collections.sync(client=client, name="alpha")
    assert isinstance(by_name, list)
    assert [c.id for c in by_name] == [third.id, first.id]
    since = list_collections.sync(client=client, since="2026-06-26T10:01:00Z")
    assert isinstance(since, list)
    assert [c.id for c in since] == [third.id, second.id]
    # The spec types `since` as a free string: an unreadable one is ignored, not rejected.
    unreadable = list_collections.sync(client=client, since="yesterday")
    assert isinstance(unreadable, list)
    assert len(unreadable) == 3
    ignored = pros(emulator).get_httpx_client().get(BASE, params={"colour": "red"})
    assert ignored.status_code == 200  # unknown query parameters are ignored, as FastAPI does


def test_list_runs_newest_first_with_status_filter(emulator: Emulator, clock: ManualClock) -> None:
    client = pros(emulator)
    created = new_collection(emulator, item("https://example.com/r"))
    older = start(emulator, created.id)
    clock.advance(1)
    newer = start(emulator, created.id)
    listed = list_runs.sync(created.id, client=client)
    assert isinstance(listed, RunList)
    assert [r.run_id for r in listed.items] == [newer.run_id, older.run_id]
    assert listed.total == 2
    done = list_runs.sync(created.id, client=client, status_filter=RunStatusFilter.COMPLETED)
    assert isinstance(done, RunList)
    assert [r.run_id for r in done.items] == [older.run_id]
    running = list_runs.sync(created.id, client=client, status_filter=RunStatusFilter.IN_PROGRESS)
    assert isinstance(running, RunList)
    assert running.total == 1
    bad = (
        pros(emulator)
        .get_httpx_client()
        .get(f"{BASE}/{created.id}/runs", params={"status_filter": "failed"})
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "status_filter"]


# -- jobs listing --------------------------------------------------------------------------


def test_jobs_cursor_paging(emulator: Emulator, clock: ManualClock) -> None:
    created = new_collection(emulator, *(item(f"https://example.com/{i}") for i in range(5)))
    run = start(emulator, created.id)
    seen: list[str] = []
    cursor: str | Unset = UNSET
    pages = 0
    while True:
        page = jobs(emulator, run, limit=2, cursor=cursor)
        pages += 1
        seen += [j.job_public_id for j in page.items]
        if not page.has_more:
            assert page.cursor_next is None
            break
        assert isinstance(page.cursor_next, str)
        cursor = page.cursor_next
    assert pages == 3
    assert seen == run.job_ids
    backwards = jobs(emulator, run, order_dir=SortDirection.DESC)
    assert [j.job_public_id for j in backwards.items] == list(reversed(seen))


def test_jobs_filters_order_and_since(emulator: Emulator, clock: ManualClock) -> None:
    client = pros(emulator)
    created = new_collection(emulator, item("https://example.com/early"))
    run = start(emulator, created.id)
    clock.advance(0.5)
    update_collection.sync(
        created.id,
        client=client,
        body=UpdateCollectionRequest(name="x", requests=[item("https://example.com/late")]),
    )
    # Two runs cannot share jobs, so build a run with jobs finishing at different times.
    mixed = new_collection(emulator, item("https://example.com/a"), item("https://example.com/b"))
    first = start(emulator, mixed.id)
    failing = start(emulator, mixed.id, headers={"X-Emulator-Scenario": "fail-job"})
    clock.advance(1)
    assert run_of(emulator, run).status == RunStatus.COMPLETED
    completed = jobs(emulator, first, status_filter="completed")
    assert len(completed.items) == 2
    assert jobs(emulator, failing, status_filter="completed").items == []
    assert len(jobs(emulator, failing, status_filter="completed,failed").items) == 2
    # order_by completed_at + since_completed_at (strictly later) over one run with spread times.
    spread = new_collection(emulator, item("https://example.com/s1"))
    s_run = start(emulator, spread.id)
    clock.advance(1)
    listed = jobs(emulator, s_run, order_by=JobOrderBy.COMPLETED_AT, order_dir=SortDirection.DESC)
    (only,) = listed.items
    assert isinstance(only.completed_at, str)
    assert jobs(emulator, s_run, since_completed_at=only.completed_at).items == []
    assert len(jobs(emulator, s_run, since_completed_at="2026-06-26T10:00:00Z").items) == 1


def test_jobs_ordered_by_completion(emulator: Emulator, clock: ManualClock) -> None:
    emulator.config.progression = Progression(mode="manual")
    created = new_collection(emulator, *(item(f"https://example.com/{i}") for i in range(3)))
    run = start(emulator, created.id)
    assert isinstance(run.job_ids, list)
    for job_id in reversed(run.job_ids):
        clock.advance(1)
        record = emulator.store.get("scrapingpros", job_id)
        assert record is not None
        emulator.store.complete(record)
    by_completion = jobs(emulator, run, order_by=JobOrderBy.COMPLETED_AT)
    assert [j.job_public_id for j in by_completion.items] == list(reversed(run.job_ids))
    middle = by_completion.items[0].completed_at
    assert isinstance(middle, str)
    later = jobs(emulator, run, order_by=JobOrderBy.COMPLETED_AT, since_completed_at=middle)
    assert [j.job_public_id for j in later.items] == list(reversed(run.job_ids))[1:]
    paged = jobs(
        emulator, run, order_by=JobOrderBy.COMPLETED_AT, order_dir=SortDirection.DESC, limit=2
    )
    assert isinstance(paged.cursor_next, str)
    rest = jobs(
        emulator,
        run,
        order_by=JobOrderBy.COMPLETED_AT,
        order_dir=SortDirection.DESC,
        cursor=paged.cursor_next,
    )
    assert [j.job_public_id for j in paged.items + rest.items] == run.job_ids


def test_include_results_embeds_and_caps_limit(emulator: Emulator, clock: ManualClock) -> None:
    created = new_collection(emulator, *(item(f"https://example.com/{i}") for i in range(120)))
    run = start(emulator, created.id)
    clock.advance(1)
    plain = jobs(emulator, run, limit=1000)
    assert len(plain.items) == 120
    assert plain.has_more is False
    assert isinstance(plain.items[0].result, Unset)
    embedded = jobs(emulator, run, limit=1000, include_results=True)
    assert len(embedded.items) == 100
    assert embedded.has_more is True
    first = embedded.items[0].result
    assert isinstance(first, ScrapeResult)
    assert first.url == "https://example.com/0"
    assert isinstance(first.html, str)


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"status_filter": "done"}, "status_filter"),
        ({"status_filter": "completed,"}, "status_filter"),
        ({"order_by": "url"}, "order_by"),
        ({"order_dir": "up"}, "order_dir"),
        ({"include_results": "maybe"}, "include_results"),
    ],
)
def test_jobs_query_errors_are_422(emulator: Emulator, params: dict[str, str], loc: str) -> None:
    run = start(emulator, new_collection(emulator, item("https://example.com/q")).id)
    client = pros(emulator).get_httpx_client()
    response = client.get(f"{BASE}/{run.collection_id}/runs/{run.run_id}/jobs", params=params)
    assert response.status_code == 422
    (issue,) = response.json()["detail"]
    assert issue["loc"] == ["query", loc]
    assert issue["msg"]
    assert issue["type"]


def test_unknown_cursor_is_404(emulator: Emulator) -> None:
    run = start(
        emulator, new_collection(emulator, item("https://a.test/1"), item("https://a.test/2")).id
    )
    response = list_run_jobs.sync_detailed(
        run.collection_id, run.run_id, client=pros(emulator), cursor="%%%"
    )
    assert response.status_code == 404
    assert isinstance(response.parsed, Error)
    assert response.parsed.detail == "Cursor not found"
    cursor = jobs(emulator, run, limit=1).cursor_next
    assert isinstance(cursor, str)
    mismatch = list_run_jobs.sync_detailed(
        run.collection_id,
        run.run_id,
        client=pros(emulator),
        cursor=cursor,
        order_dir=SortDirection.DESC,
    )
    assert mismatch.status_code == 404


# -- job results ---------------------------------------------------------------------------


def test_result_404s_are_structured(emulator: Emulator, clock: ManualClock) -> None:
    client = pros(emulator)
    created = new_collection(emulator, item("https://example.com/r"))
    run = start(emulator, created.id)
    other_run = start(emulator, created.id)
    assert isinstance(run.job_ids, list)
    assert isinstance(other_run.job_ids, list)

    pending = get_job_result.sync_detailed(created.id, run.run_id, run.job_ids[0], client=client)
    assert pending.status_code == 404
    assert isinstance(pending.parsed, ResultError)
    assert pending.parsed.detail.error_code == ResultErrorCode.RESULT_PENDING

    clock.advance(1)
    for job_id in (other_run.job_ids[0], "no-such-job"):
        wrong = get_job_result.sync_detailed(created.id, run.run_id, job_id, client=client)
        assert wrong.status_code == 404
        assert isinstance(wrong.parsed, ResultError)
        assert wrong.parsed.detail.error_code == ResultErrorCode.JOB_ID_INVALID

    unknown_run = get_job_result.sync_detailed(created.id, "no-run", run.job_ids[0], client=client)
    assert unknown_run.status_code == 404
    assert isinstance(unknown_run.parsed, Error)
    assert unknown_run.parsed.detail == "Run not found"
    unknown_collection = get_job_result.sync_detailed(
        "nope", run.run_id, run.job_ids[0], client=client
    )
    assert isinstance(unknown_collection.parsed, Error)
    assert unknown_collection.parsed.detail == "Collection not found"
    wrong_pair = get_run.sync_detailed(new_collection(emulator).id, run.run_id, client=client)
    assert wrong_pair.status_code == 404


def test_results_expire_after_retention(emulator: Emulator, clock: ManualClock) -> None:
    run = start(emulator, new_collection(emulator, item("https://example.com/e")).id)
    assert isinstance(run.job_ids, list)
    clock.advance(1 + 24 * 3600 - 1)
    assert result_of(emulator, run, run.job_ids[0]).url == "https://example.com/e"
    clock.advance(1 + 30 * 60)
    expired = get_job_result.sync_detailed(
        run.collection_id, run.run_id, run.job_ids[0], client=pros(emulator)
    )
    assert expired.status_code == 404
    assert isinstance(expired.parsed, ResultError)
    detail = expired.parsed.detail
    assert detail.error_code == ResultErrorCode.RESULT_EXPIRED
    assert detail.completed_at == "2026-06-26T10:00:01Z"
    assert detail.age_hours == 24.5
    # The run and its listing stay; the embedded result is gone.
    assert run_of(emulator, run).success_requests == 1
    (listed,) = jobs(emulator, run, include_results=True).items
    assert listed.status == JobStatus.COMPLETED
    assert listed.result is None


# -- sync scrape ---------------------------------------------------------------------------


def test_sync_scrape_returns_result_now(emulator: Emulator) -> None:
    client = pros(emulator)
    response = scrape.sync_detailed(
        client=client, body=ScrapeRequest(url="https://example.org", use_proxy="any")
    )
    assert response.status_code == 200
    assert response.headers["X-Credits-Charged"] == "1"
    assert isinstance(response.parsed, ScrapeResult)
    assert response.parsed.status_code == 200
    assert isinstance(response.parsed.html, str)
    assert "example.org" in response.parsed.html
    shot = scrape.sync_detailed(
        client=client,
        body=ScrapeRequest(
            url="https://example.org", browser=True, screenshot=True, format_=OutputFormat.MARKDOWN
        ),
    )
    assert shot.headers["X-Credits-Charged"] == "5"
    assert isinstance(shot.parsed, ScrapeResult)
    assert isinstance(shot.parsed.markdown, str)
    assert isinstance(shot.parsed.screenshot, str)
    failed = scrape.sync_detailed(
        client=pros(emulator, headers={"X-Emulator-Scenario": "fail-job"}),
        body=ScrapeRequest(url="https://example.org"),
    )
    assert failed.status_code == 200
    assert failed.headers["X-Credits-Charged"] == "0"
    assert isinstance(failed.parsed, ScrapeResult)
    assert failed.parsed.guidance.success is False


def test_sync_scrape_rules(emulator: Emulator) -> None:
    client = pros(emulator)
    no_browser = scrape.sync_detailed(
        client=client, body=ScrapeRequest(url="https://e.test", screenshot=True)
    )
    # Schema-valid requests breaking a provider rule are not allowed: 403 naming field and rule.
    assert no_browser.status_code == 403
    assert isinstance(no_browser.parsed, Error)
    assert no_browser.parsed.detail == "screenshot requires browser: true"
    blocked = scrape.sync_detailed(
        client=client, body=ScrapeRequest(url="http://169.254.169.254/latest")
    )
    assert blocked.status_code == 403
    assert isinstance(blocked.parsed, Error)
    assert (
        blocked.parsed.detail
        == "URL blocked: URLs resolving to private IP addresses are not allowed."
    )
    invalid = scrape.sync_detailed(client=client, body=ScrapeRequest(url=""))
    assert invalid.status_code == 422  # breaks the spec's http(s) pattern
    assert "does not match" in json.loads(invalid.content)["detail"][0]["msg"]
    schema = pros(emulator).get_httpx_client().post("/v1/sync/scrape", json={"url": 5})
    assert schema.status_code == 422
    assert schema.json()["detail"][0]["loc"] == ["body", "url"]
    geo = scrape.sync_detailed(
        client=client, body=ScrapeRequest(url="https://e.test", use_proxy="de")
    )
    assert geo.status_code == 403
    assert isinstance(geo.parsed, Error)
    assert geo.parsed.detail == "Country proxy 'DE' is not approved for this account"


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "status", "loc"),
    [
        (b"{not json", 400, None),
        (b"", 400, None),
        (json.dumps({"requests": []}).encode(), 422, ["body", "name"]),
        (json.dumps({"name": 5}).encode(), 422, ["body", "name"]),
        (json.dumps([1, 2]).encode(), 422, ["body"]),
        (
            json.dumps({"name": "n", "requests": {"url": "https://x.test"}}).encode(),
            422,
            ["body", "requests"],
        ),
        (json.dumps({"name": "n", "callback_url": 7}).encode(), 422, ["body", "callback_url"]),
    ],
)
def test_bad_create_bodies(
    emulator: Emulator, content: bytes, status: int, loc: list[str] | None
) -> None:
    client = pros(emulator).get_httpx_client()
    response = client.post(BASE, content=content, headers={"content-type": "application/json"})
    assert response.status_code == status
    detail = response.json()["detail"]
    if loc is None:
        assert isinstance(detail, str)
        assert "Malformed JSON" in detail or "required" in detail
    else:
        assert detail[0]["loc"] == loc
        assert detail[0]["msg"]
        assert detail[0]["type"]
    assert list_collections.sync(client=pros(emulator)) == []


def test_request_limit_of_50000_items(emulator: Emulator) -> None:
    client = pros(emulator).get_httpx_client()
    body = {"name": "big", "requests": [{"url": "https://example.com/x"}] * 50_001}
    response = client.post(BASE, json=body)
    assert response.status_code == 422
    (issue,) = response.json()["detail"]
    assert issue["loc"] == ["body", "requests"]
    assert issue["type"] == "too_long"


def test_bad_update_body_is_422(emulator: Emulator) -> None:
    created = new_collection(emulator)
    response = pros(emulator).get_httpx_client().put(f"{BASE}/{created.id}", json={"requests": []})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_bad_credentials_get_401(emulator: Emulator, token: str) -> None:
    client = pros(emulator, token)
    for response in (
        create_collection.sync_detailed(client=client, body=CreateCollectionRequest(name="x")),
        list_collections.sync_detailed(client=client),
        scrape.sync_detailed(client=client, body=ScrapeRequest(url="https://e.test")),
    ):
        assert response.status_code == 401
        assert isinstance(response.parsed, Error)
        assert response.parsed.detail == "Invalid or missing API key"
    raw = pros(emulator).get_httpx_client().get(BASE, headers={"Authorization": "Basic abc"})
    assert raw.status_code == 401


def test_other_accounts_ids_are_404(emulator: Emulator, clock: ManualClock) -> None:
    created = new_collection(emulator, item("https://example.com/mine"))
    run = start(emulator, created.id)
    clock.advance(1)
    assert isinstance(run.job_ids, list)
    other = pros(emulator, "other-account")
    for response in (
        get_collection.sync_detailed(created.id, client=other),
        update_collection.sync_detailed(
            created.id, client=other, body=UpdateCollectionRequest(name="x")
        ),
        delete_collection.sync_detailed(created.id, client=other),
        run_collection.sync_detailed(created.id, client=other),
        list_runs.sync_detailed(created.id, client=other),
        get_run.sync_detailed(created.id, run.run_id, client=other),
        list_run_jobs.sync_detailed(created.id, run.run_id, client=other),
        get_job_result.sync_detailed(created.id, run.run_id, run.job_ids[0], client=other),
    ):
        assert response.status_code == 404
        assert isinstance(response.parsed, Error)
        assert response.parsed.detail == "Collection not found"
    assert list_collections.sync(client=other) == []
    # Another account's own collection cannot reach this account's run either.
    theirs = new_collection(emulator, token="other-account")
    assert get_run.sync_detailed(theirs.id, run.run_id, client=other).status_code == 404


def test_unknown_path_method_and_injected_faults_use_the_envelope(emulator: Emulator) -> None:
    client = pros(emulator).get_httpx_client()
    missing = client.get("/v1/nothing")
    assert missing.status_code == 404
    assert isinstance(missing.json()["detail"], str)
    wrong = client.patch(BASE)
    assert wrong.status_code == 405
    assert isinstance(wrong.json()["detail"], str)
    limited = client.get(BASE, headers={"X-Emulator-Scenario": "429"})
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "1"
    assert limited.json() == {"detail": "Rate limit exceeded. Try again later."}
    unavailable = client.get(BASE, headers={"X-Emulator-Scenario": "503"})
    assert unavailable.json()["message"] == "Please retry in a few seconds"


# -- webhooks ------------------------------------------------------------------------------


def test_signature_fixed_vector() -> None:
    body = b'{"event":"run.completed","run_id":"r-1"}'
    assert (
        signature("whsec_test_secret", "1782468001", body)
        == "sha256=d994d876417bc66ff4242f784d54ea2f9f50c1b4bea1caf8f15840ee8aacd834"
    )


def verify(secret: str, headers: Any, body: bytes) -> bool:
    timestamp = headers["X-SP-Timestamp"]
    expected = (
        "sha256="
        + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    )
    return hmac.compare_digest(expected, headers["X-SP-Signature"])


def test_run_completed_webhook_signed_and_retried(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    emulator.config.webhook_secret = "whsec_test_secret"
    receiver.statuses = [500, 200]
    created = new_collection(
        emulator,
        item("https://example.com/w1", custom_id="w-1"),
        item("https://example.com/w2"),
        callback_url=HOOK,
    )
    run = start(emulator, created.id)
    assert run.callback_url == HOOK
    assert run.callback_status == CallbackStatus.PENDING
    assert deliver(emulator) == 0  # nothing until the run completes
    clock.advance(1)
    assert deliver(emulator) == 1
    assert run_of(emulator, run).callback_status == CallbackStatus.PENDING
    clock.advance(9)
    assert deliver(emulator) == 0  # the retry is due 10 s after the failed attempt
    clock.advance(1)
    assert deliver(emulator) == 1
    assert run_of(emulator, run).callback_status == CallbackStatus.SENT

    first, second = receiver.requests
    assert str(second.url) == HOOK
    assert first.content == second.content
    assert first.headers["X-SP-Timestamp"] == str(int(clock.now()) - 10)
    assert second.headers["X-SP-Timestamp"] == str(int(clock.now()))
    assert first.headers["X-SP-Signature"] != second.headers["X-SP-Signature"]
    for request in (first, second):
        assert verify("whsec_test_secret", request.headers, request.content)
        assert not verify("another-secret", request.headers, request.content)
    event = json.loads(second.content)
    assert event == {
        "event": "run.completed",
        "run_id": run.run_id,
        "collection_id": created.id,
        "status": "completed",
        "total_requests": 2,
        "success_requests": 2,
        "failed_requests": 0,
        "job_ids": run.job_ids,
        "results_url": f"http://emulator.invalid/scrapingpros/v1/async/collections/{created.id}/runs/{run.run_id}",
        "timestamp": "2026-06-26T10:00:01Z",
    }
    (webhook,) = emulator.webhooks.webhooks
    assert [a.status_code for a in webhook.attempts] == [500, 200]


def test_webhook_gives_up_and_marks_callback_failed(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.statuses = [503, 503, 503, 503]
    created = new_collection(emulator, item("https://example.com/w"), callback_url=HOOK)
    run = start(emulator, created.id, headers={"X-Emulator-Scenario": "fail-job"})
    clock.advance(1)
    assert deliver(emulator) == 1
    for delay in (10, 60, 300):
        clock.advance(delay)
        assert deliver(emulator) == 1
    clock.advance(3600)
    assert deliver(emulator) == 0
    assert len(receiver.requests) == 4
    current = run_of(emulator, run)
    assert current.callback_status == CallbackStatus.FAILED
    assert json.loads(receiver.requests[0].content)["failed_requests"] == 1


def test_no_webhook_without_callback_url(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    run = start(emulator, new_collection(emulator, item("https://example.com/n")).id)
    clock.advance(1)
    assert deliver(emulator) == 0
    assert receiver.requests == []
    assert run_of(emulator, run).callback_status is None


def test_unusable_callback_url_is_accepted_but_marked_failed(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    created = new_collection(emulator, item("https://example.com/u"), callback_url="hooks")
    run = start(emulator, created.id)
    assert run.callback_status == CallbackStatus.PENDING
    clock.advance(1)
    assert deliver(emulator) == 0
    assert run_of(emulator, run).callback_status == CallbackStatus.FAILED
    assert receiver.requests == []
