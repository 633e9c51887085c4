"""The emulated Scrape.do Async API, through the generated typed client."""

from __future__ import annotations

import asyncio
import base64
import datetime
import functools
import json
from typing import Any

import pytest
from scrapedo_client import AuthenticatedClient
from scrapedo_client.api.account import get_account
from scrapedo_client.api.jobs import cancel_job, create_job, get_job, get_task, list_jobs
from scrapedo_client.models import (
    Account,
    CancelJobResponse,
    CreateJobRequest,
    CreateJobResponse,
    Error,
    Job,
    JobList,
    JobStatus,
    ListJobsSort,
    Task,
    TaskStatus,
    TaskWebhook,
)
from scrapedo_client.types import Unset

from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    ManualClock,
    Phase,
    account_label,
    emulator_client,
)
from tests.emulator.conftest import Receiver

START = "2026-06-26T10:00:00Z"
TOKEN = "emulator-token"


def client_for(emulator: Emulator, token: str = TOKEN, **kwargs: Any) -> AuthenticatedClient:
    return emulator_client(emulator, "scrapedo", token, **kwargs)


def request(*targets: str, **options: Any) -> CreateJobRequest:
    return CreateJobRequest.from_dict(
        {"Targets": list(targets or ["https://example.com/a"]), **options}
    )


def submit(emulator: Emulator, body: CreateJobRequest, token: str = TOKEN) -> CreateJobResponse:
    response = create_job.sync_detailed(client=client_for(emulator, token), body=body)
    assert response.status_code == 200
    assert isinstance(response.parsed, CreateJobResponse)
    return response.parsed


def job_of(emulator: Emulator, job_id: str) -> Job:
    job = get_job.sync(job_id, client=client_for(emulator))
    assert isinstance(job, Job)
    return job


def task_of(emulator: Emulator, job_id: str, task_id: str) -> Task:
    task = get_task.sync(job_id, task_id, client=client_for(emulator))
    assert isinstance(task, Task)
    return task


def account_of(emulator: Emulator, token: str = TOKEN) -> Account:
    account = get_account.sync(client=client_for(emulator, token))
    assert isinstance(account, Account)
    return account


def credits_of(task: Task) -> tuple[str, str]:
    assert not isinstance(task.scrape_do, Unset)
    assert isinstance(task.scrape_do.credits_used, str)
    assert isinstance(task.scrape_do.remaining_credits, str)
    return task.scrape_do.credits_used, task.scrape_do.remaining_credits


def error_of(response: Any, status: int) -> Error:
    assert response.status_code == status
    assert isinstance(response.parsed, Error)
    assert response.parsed.code == status
    assert json.loads(response.content) == {"Error": response.parsed.error, "Code": status}
    return response.parsed


def deliver(emulator: Emulator) -> int:
    return asyncio.run(emulator.deliver_webhooks())


# -- lifecycle ------------------------------------------------------------------------------


def test_job_of_many_targets_runs_to_results(emulator: Emulator, clock: ManualClock) -> None:
    targets = ("https://example.com/a", "https://example.com/b", "https://shop.test/c")
    created = submit(emulator, request(*targets))
    assert created.message == "Job created successfully"
    assert len(created.task_i_ds) == 3
    assert len(set(created.task_i_ds)) == 3

    job = job_of(emulator, created.job_id)
    assert job.status == JobStatus.QUEUING
    assert job.task_i_ds == created.task_i_ds
    assert job.start_time == START
    assert job.end_time is None
    assert job.canceled is False
    assert not isinstance(job.tasks, Unset)
    assert [(t.task_id, t.url, t.status) for t in job.tasks] == [
        (task_id, url, TaskStatus.QUEUED)
        for task_id, url in zip(created.task_i_ds, targets, strict=True)
    ]

    clock.advance(0.2)
    assert job_of(emulator, created.job_id).status == JobStatus.QUEUED
    clock.advance(0.3)
    running = job_of(emulator, created.job_id)
    assert running.status == JobStatus.PENDING
    assert running.acquired_concurrency == 3
    assert running.limit_concurrency == 5
    assert not isinstance(running.tasks, Unset)
    assert {t.status for t in running.tasks} == {TaskStatus.PENDING}
    unfinished = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert unfinished.status == TaskStatus.PENDING
    assert isinstance(unfinished.content, Unset)
    assert unfinished.end_time is None

    clock.advance(0.5)
    done = job_of(emulator, created.job_id)
    assert done.status == JobStatus.SUCCESS
    assert done.end_time == "2026-06-26T10:00:01Z"
    assert done.acquired_concurrency == 0

    remaining = []
    for task_id, url in zip(created.task_i_ds, targets, strict=True):
        task = task_of(emulator, created.job_id, task_id)
        assert task.job_id == created.job_id
        assert task.url == url
        assert task.status == TaskStatus.SUCCESS
        assert task.status_code == 200
        assert task.base_64_encoded_content is False
        assert isinstance(task.content, str)
        assert task.content.startswith("<!doctype html>")
        assert url in task.content
        assert task.error_message == ""
        assert task.start_time == "2026-06-26T10:00:00Z"
        assert task.end_time == "2026-06-26T10:00:01Z"
        assert task.expires_at == "2026-06-29T10:00:00Z"  # 3 days after the job was created
        assert isinstance(task.trace_id, str)
        assert isinstance(task.webhook_url, Unset)
        used, left = credits_of(task)
        assert used == "1"
        remaining.append(int(left))
    assert sorted(remaining, reverse=True) == [999_999, 999_998, 999_997]
    assert account_of(emulator).avaliable_credits == 999_997


def test_content_is_deterministic_per_url(emulator: Emulator, clock: ManualClock) -> None:
    first = submit(emulator, request("https://a.test/x", "https://a.test/y"))
    second = submit(emulator, request("https://a.test/x"))
    clock.advance(1)
    x1, y1 = (task_of(emulator, first.job_id, t).content for t in first.task_i_ds)
    (x2,) = (task_of(emulator, second.job_id, t).content for t in second.task_i_ds)
    assert x1 == x2
    assert x1 != y1


def test_failed_job_rotates_then_ends_error(emulator: Emulator, clock: ManualClock) -> None:
    failing = client_for(emulator, headers={"X-Emulator-Scenario": "fail-job"})
    created = create_job.sync(client=failing, body=request("https://a.test/1", "https://a.test/2"))
    assert isinstance(created, CreateJobResponse)
    clock.advance(0.5)
    job = job_of(emulator, created.job_id)
    assert job.status == JobStatus.ROTATING
    assert not isinstance(job.tasks, Unset)
    assert {t.status for t in job.tasks} == {TaskStatus.ROTATING}
    clock.advance(0.5)
    assert job_of(emulator, created.job_id).status == JobStatus.ERROR
    task = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert task.status == TaskStatus.ERROR
    assert task.content == ""
    assert task.status_code == 403
    assert isinstance(task.error_message, str)
    assert "blocked" in task.error_message
    assert credits_of(task) == ("0", "1000000")
    assert account_of(emulator).avaliable_credits == 1_000_000


def test_mixed_outcomes_end_success_and_each_task_tells(
    emulator: Emulator, clock: ManualClock
) -> None:
    created = submit(emulator, request("https://a.test/ok", "https://a.test/bad"))
    record = emulator.store.get("scrapedo", created.task_i_ds[1])
    assert record is not None
    emulator.store.complete(record, Phase.FAILED)
    partway = job_of(emulator, created.job_id)
    assert partway.status == JobStatus.PENDING  # one task final, one still queued
    clock.advance(1)
    job = job_of(emulator, created.job_id)
    assert job.status == JobStatus.SUCCESS
    assert not isinstance(job.tasks, Unset)
    assert [t.status for t in job.tasks] == [TaskStatus.SUCCESS, TaskStatus.ERROR]


def test_polls_progression_counts_job_and_task_reads(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression={"mode": "polls", "polls": 3}), clock=clock)  # type: ignore[arg-type]
    created = submit(emulator, request("https://a.test/1", "https://a.test/2"))
    assert job_of(emulator, created.job_id).status == JobStatus.PENDING  # read 1 of each task
    assert task_of(emulator, created.job_id, created.task_i_ds[0]).status == TaskStatus.PENDING
    job = job_of(emulator, created.job_id)  # read 3 of task 0, read 2 of task 1
    assert not isinstance(job.tasks, Unset)
    assert [t.status for t in job.tasks] == [TaskStatus.SUCCESS, TaskStatus.PENDING]
    assert job.status == JobStatus.PENDING
    assert job_of(emulator, created.job_id).status == JobStatus.SUCCESS


def test_asyncio_client_runs_the_same_flow(emulator: Emulator, clock: ManualClock) -> None:
    async def flow() -> Task:
        client = client_for(emulator)
        created = await create_job.asyncio(client=client, body=request("https://a.test/async"))
        assert isinstance(created, CreateJobResponse)
        clock.advance(1)
        job = await get_job.asyncio(created.job_id, client=client)
        assert isinstance(job, Job)
        assert job.status == JobStatus.SUCCESS
        account = await get_account.asyncio(client=client)
        assert isinstance(account, Account)
        assert account.avaliable_credits == 999_999
        task = await get_task.asyncio(created.job_id, created.task_i_ds[0], client=client)
        assert isinstance(task, Task)
        return task

    assert asyncio.run(flow()).status == TaskStatus.SUCCESS


# -- render options, output and credits -----------------------------------------------------


def test_output_markdown_gives_markdown(emulator: Emulator, clock: ManualClock) -> None:
    created = submit(emulator, request("https://docs.test/page", Output="markdown"))
    clock.advance(1)
    task = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert isinstance(task.content, str)
    assert task.content.startswith("# docs.test")
    assert "<p>" not in task.content
    assert task.base_64_encoded_content is False
    assert not isinstance(task.response_headers, Unset)
    assert task.response_headers["Content-Type"].startswith("text/markdown")


@pytest.mark.parametrize(
    "render",
    [
        {"BlockResources": False, "Screenshot": True},
        {"BlockResources": False, "FullScreenshot": True},
        {"BlockResources": False, "ParticularScreenshot": "#home"},
        {
            "BlockResources": False,
            "PlayWithBrowser": [
                {"Action": "Click", "Selector": "#more"},
                {"Action": "ScreenShot", "fullScreenShot": True},
            ],
        },
    ],
)
def test_screenshots_are_base64_png(
    emulator: Emulator, clock: ManualClock, render: dict[str, Any]
) -> None:
    created = submit(emulator, request("https://shot.test/", Render=render))
    clock.advance(1)
    task = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert task.base_64_encoded_content is True
    assert isinstance(task.content, str)
    assert base64.b64decode(task.content).startswith(b"\x89PNG\r\n\x1a\n")
    assert not isinstance(task.response_headers, Unset)
    assert task.response_headers["Content-Type"] == "image/png"
    assert credits_of(task)[0] == "5"


def test_play_with_browser_actions_are_reflected(emulator: Emulator, clock: ManualClock) -> None:
    actions: list[dict[str, Any]] = [
        {"Action": "WaitSelector", "WaitSelector": "#search", "Timeout": 10000},
        {"Action": "Fill", "Selector": "#search", "Value": "scrape.do"},
        {"Action": "Click", "Selector": "#submit"},
        {"Action": "Wait", "Timeout": 2000},
        {"Action": "ScrollY", "Value": 1200},
        {"Action": "ScrollX", "Selector": ".carousel", "Value": 300},
        {"Action": "ScrollTo", "Selector": "#footer", "Value": 0},
        {"Action": "Execute", "Execute": "window.scrollTo(0, 0);"},
    ]
    render = {"BlockResources": False, "WaitUntil": "networkidle2", "PlayWithBrowser": actions}
    html_job = submit(emulator, request("https://search.test/", Render=render))
    json_job = submit(
        emulator, request("https://search.test/", Render={**render, "ReturnJSON": True})
    )
    clock.advance(1)

    html = task_of(emulator, html_job.job_id, html_job.task_i_ds[0]).content
    assert isinstance(html, str)
    marker = '<script id="scrapedo-actions" type="application/json">'
    assert marker in html
    reflected = json.loads(html.split(marker, 1)[1].split("</script>", 1)[0])
    assert [a["Action"] for a in reflected] == [a["Action"] for a in actions]
    assert reflected[1]["Value"] == "scrape.do"

    task = task_of(emulator, json_job.job_id, json_job.task_i_ds[0])
    assert task.base_64_encoded_content is False
    assert isinstance(task.content, str)
    document = json.loads(task.content)
    assert document["url"] == "https://search.test/"
    assert document["content"].startswith("<!doctype html>")
    assert [r["action"] for r in document["actionResults"]] == [a["Action"] for a in actions]
    assert all(r["success"] for r in document["actionResults"])
    assert "screenShots" not in document


@pytest.mark.parametrize(
    ("options", "cost"),
    [
        ({}, 1),
        ({"Render": {"WaitUntil": "domcontentloaded"}}, 5),
        ({"Super": True}, 10),
        ({"Super": True, "Render": {}}, 50),
    ],
)
def test_credits_per_task(
    emulator: Emulator, clock: ManualClock, options: dict[str, Any], cost: int
) -> None:
    created = submit(emulator, request("https://a.test/1", "https://a.test/2", **options))
    clock.advance(1)
    used = [credits_of(task_of(emulator, created.job_id, t))[0] for t in created.task_i_ds]
    assert used == [str(cost), str(cost)]
    assert account_of(emulator).avaliable_credits == 1_000_000 - 2 * cost
    assert account_of(emulator, "other-account").avaliable_credits == 1_000_000


# -- account ------------------------------------------------------------------------------


def test_account_reflects_concurrency_jobs_and_credits(
    emulator: Emulator, clock: ManualClock
) -> None:
    idle = account_of(emulator)
    assert (idle.total_concurrency, idle.free_concurrency, idle.active_jobs) == (5, 5, 0)
    assert idle.avaliable_credits == 1_000_000

    submit(emulator, request(*(f"https://a.test/{i}" for i in range(3))))
    busy = account_of(emulator)
    assert (busy.free_concurrency, busy.active_jobs) == (2, 1)

    submit(emulator, request(*(f"https://b.test/{i}" for i in range(4))))
    full = account_of(emulator)
    assert (full.free_concurrency, full.active_jobs) == (0, 2)  # 7 tasks, never negative

    other = account_of(emulator, "other-account")
    assert (other.free_concurrency, other.active_jobs, other.avaliable_credits) == (5, 0, 1_000_000)

    clock.advance(1)
    after = account_of(emulator)
    assert (after.free_concurrency, after.active_jobs) == (5, 0)
    assert after.avaliable_credits == 1_000_000 - 7


def test_account_uses_configured_concurrency_and_credits(clock: ManualClock) -> None:
    config = EmulatorConfig(scrapedo_concurrency=12, scrapedo_credits=3)
    emulator = Emulator(config, clock=clock)
    submit(emulator, request("https://a.test/1", Super=True))
    account = account_of(emulator)
    assert (account.total_concurrency, account.free_concurrency) == (12, 11)
    clock.advance(1)
    assert account_of(emulator).avaliable_credits == 0  # 10 credits used, never negative


# -- errors -----------------------------------------------------------------------------------


def test_targets_limit_is_1000(emulator: Emulator) -> None:
    client = client_for(emulator)
    too_many = request(*(f"https://a.test/{i}" for i in range(1001)))
    error = error_of(create_job.sync_detailed(client=client, body=too_many), 400)
    assert "Targets" in error.error
    assert "1000" in error.error

    created = submit(emulator, request(*(f"https://a.test/{i}" for i in range(1000))))
    assert len(created.task_i_ds) == 1000
    job = job_of(emulator, created.job_id)
    assert not isinstance(job.tasks, Unset)
    assert len(job.tasks) == 1000
    assert emulator.stats.as_json()["scrapedo"]["jobs_created"] == {
        account_label("emulator-token"): 1000
    }

    none = error_of(create_job.sync_detailed(client=client, body=CreateJobRequest(targets=[])), 400)
    assert "Targets" in none.error


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"{not json", "Malformed JSON"),
        (b"", "required"),
        (b"[]", "body"),
        (json.dumps({"Method": "GET"}).encode(), "Targets"),
        (json.dumps({"Targets": "https://a.test"}).encode(), "Targets"),
        (json.dumps({"Targets": [42]}).encode(), "Targets"),
        (json.dumps({"Targets": ["not a url"]}).encode(), "Targets.0"),
        (json.dumps({"Targets": ["ftp://a.test/x"]}).encode(), "Targets.0"),
        (json.dumps({"Targets": ["https://a.test"], "Method": "FETCH"}).encode(), "Method"),
        (json.dumps({"Targets": ["https://a.test"], "Device": "watch"}).encode(), "Device"),
        (json.dumps({"Targets": ["https://a.test"], "Output": "pdf"}).encode(), "Output"),
        (json.dumps({"Targets": ["https://a.test"], "Super": "yes"}).encode(), "Super"),
        (
            json.dumps({"Targets": ["https://a.test"], "Render": {"CustomWait": 35001}}).encode(),
            "CustomWait",
        ),
        (
            json.dumps({"Targets": ["https://a.test"], "Render": {"WaitUntil": "load"}}).encode(),
            "WaitUntil",
        ),
        (
            json.dumps(
                {
                    "Targets": ["https://a.test"],
                    "Render": {"PlayWithBrowser": [{"Action": "Hover"}]},
                }
            ).encode(),
            "PlayWithBrowser",
        ),
        (
            json.dumps(
                {
                    "Targets": ["https://a.test"],
                    "Render": {"PlayWithBrowser": [{"Action": "Click", "Selector": "#a"}]},
                }
            ).encode(),
            "Render: 'BlockResources' is a required property",
        ),
        (
            json.dumps(
                {
                    "Targets": ["https://a.test"],
                    "Render": {"BlockResources": True, "Screenshot": True},
                }
            ).encode(),
            "Render.BlockResources: False was expected",
        ),
        (json.dumps({"Targets": ["https://a.test"], "WebhookURL": "hooks"}).encode(), "WebhookURL"),
        (
            json.dumps(
                {
                    "Targets": ["https://a.test"],
                    "WebhookURL": "https://hooks.test",
                    "WebhookHeaders": {"X-Bad": "line\nbreak"},
                }
            ).encode(),
            "WebhookHeaders",
        ),
        (
            json.dumps(
                {"Targets": ["https://a.test"], "WebhookHeaders": {"Bad Name": "v"}}
            ).encode(),
            "WebhookHeaders",
        ),
    ],
)
def test_bad_bodies_get_400_in_the_envelope(
    emulator: Emulator, content: bytes, fragment: str
) -> None:
    raw = client_for(emulator).get_httpx_client()
    response = raw.post(
        "/api/v1/jobs", content=content, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"Error", "Code"}
    assert body["Code"] == 400
    assert fragment in body["Error"]
    assert len(emulator.store) == 0


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_bad_credentials_get_401_on_every_operation(emulator: Emulator, token: str) -> None:
    created = submit(emulator, request())
    client = client_for(emulator, token)
    error_of(create_job.sync_detailed(client=client, body=request()), 401)
    error_of(list_jobs.sync_detailed(client=client), 401)
    error_of(get_job.sync_detailed(created.job_id, client=client), 401)
    error_of(cancel_job.sync_detailed(created.job_id, client=client), 401)
    error_of(get_task.sync_detailed(created.job_id, created.task_i_ds[0], client=client), 401)
    error_of(get_account.sync_detailed(client=client), 401)


def test_missing_and_wrong_scheme_credentials_are_401(emulator: Emulator) -> None:
    raw = client_for(emulator).get_httpx_client()
    response = raw.get("/api/v1/me", headers={"X-Token": ""})
    assert response.status_code == 401
    assert response.json() == {"Error": "Unauthorized", "Code": 401}
    bearer = raw.get(
        "/api/v1/me", headers={"X-Token": "", "Authorization": "Bearer emulator-token"}
    )
    assert bearer.status_code == 401


def test_other_accounts_job_is_404(emulator: Emulator) -> None:
    created = submit(emulator, request())
    other = client_for(emulator, "other-account")
    assert (
        error_of(get_job.sync_detailed(created.job_id, client=other), 404).error == "Job not found"
    )
    error_of(cancel_job.sync_detailed(created.job_id, client=other), 404)
    error_of(get_task.sync_detailed(created.job_id, created.task_i_ds[0], client=other), 404)
    listing = list_jobs.sync(client=other)
    assert isinstance(listing, JobList)
    assert listing.jobs == []
    assert listing.total_count == 0
    assert job_of(emulator, created.job_id).canceled is False


def test_unknown_ids_are_404(emulator: Emulator) -> None:
    client = client_for(emulator)
    first = submit(emulator, request())
    second = submit(emulator, request())
    error_of(get_job.sync_detailed("no-such-job", client=client), 404)
    error_of(cancel_job.sync_detailed("no-such-job", client=client), 404)
    error_of(get_task.sync_detailed("no-such-job", first.task_i_ds[0], client=client), 404)
    unknown_task = error_of(
        get_task.sync_detailed(first.job_id, "no-such-task", client=client), 404
    )
    assert unknown_task.error == "Task not found"
    error_of(get_task.sync_detailed(first.job_id, second.task_i_ds[0], client=client), 404)


def test_unknown_path_and_method_use_the_envelope(emulator: Emulator) -> None:
    raw = client_for(emulator).get_httpx_client()
    missing = raw.get("/api/v2/jobs")
    assert missing.status_code == 404
    assert missing.json() == {"Error": "Not found.", "Code": 404}
    wrong = raw.put("/api/v1/me")
    assert wrong.status_code == 405
    assert wrong.json() == {"Error": "Method not allowed.", "Code": 405}
    for path, allow in (
        ("/api/v1/jobs", "GET, HEAD, POST"),
        ("/api/v1/jobs/x", "DELETE, GET, HEAD"),
    ):
        response = raw.put(path)
        assert response.status_code == 405
        assert response.headers["allow"] == allow
        assert response.json()["Code"] == 405


def test_injected_rate_limit_uses_the_envelope(emulator: Emulator) -> None:
    client = client_for(emulator, headers={"X-Emulator-Scenario": "429"})
    response = get_account.sync_detailed(client=client)
    error_of(response, 429)
    assert response.headers["retry-after"] == "1"


# -- expiry -----------------------------------------------------------------------------------


def test_content_expires_with_410_after_retention(emulator: Emulator, clock: ManualClock) -> None:
    emulator.config.retention_seconds["scrapedo"] = 3600.0
    created = submit(emulator, request())
    clock.advance(3599.5)
    task = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert task.expires_at == "2026-06-26T11:00:00Z"
    clock.advance(0.5)
    gone = error_of(
        get_task.sync_detailed(created.job_id, created.task_i_ds[0], client=client_for(emulator)),
        410,
    )
    assert gone.error == "Task response content is no longer available."
    assert job_of(emulator, created.job_id).status == JobStatus.SUCCESS  # the job stays readable


def test_no_retention_keeps_content(emulator: Emulator, clock: ManualClock) -> None:
    emulator.config.retention_seconds["scrapedo"] = None
    created = submit(emulator, request())
    clock.advance(400 * 24 * 3600)
    task = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert task.status == TaskStatus.SUCCESS
    assert isinstance(task.expires_at, Unset)


# -- list -------------------------------------------------------------------------------------


def test_list_jobs_paginates_newest_first(emulator: Emulator, clock: ManualClock) -> None:
    ids = []
    for i in range(25):
        ids.append(submit(emulator, request(f"https://a.test/{i}")).job_id)
        clock.advance(10)
    client = client_for(emulator)
    first = list_jobs.sync(client=client)
    assert isinstance(first, JobList)
    assert (first.total_count, first.page_size, first.page_number, first.total_pages) == (
        25,
        10,
        1,
        3,
    )
    assert [j.job_id for j in first.jobs] == ids[::-1][:10]
    assert first.jobs[0].status == JobStatus.SUCCESS
    assert first.jobs[-1].start_time == "2026-06-26T10:02:30Z"
    assert first.jobs[-1].end_time == "2026-06-26T10:02:31Z"

    last = list_jobs.sync(client=client, page=3)
    assert isinstance(last, JobList)
    assert [j.job_id for j in last.jobs] == ids[::-1][20:]
    beyond = list_jobs.sync(client=client, page=4)
    assert isinstance(beyond, JobList)
    assert beyond.jobs == []
    assert beyond.total_pages == 3

    big = list_jobs.sync(client=client, page_size=100, sort=ListJobsSort.ASC)
    assert isinstance(big, JobList)
    assert [j.job_id for j in big.jobs] == ids
    assert big.total_pages == 1


def test_list_jobs_filters(emulator: Emulator, clock: ManualClock) -> None:
    client = client_for(emulator)
    old = submit(emulator, request("https://a.test/old")).job_id
    clock.advance(60)
    canceled = submit(emulator, request("https://a.test/canceled")).job_id
    assert cancel_job.sync_detailed(canceled, client=client).status_code == 200
    clock.advance(60)
    running = submit(emulator, request("https://a.test/running")).job_id
    clock.advance(0.5)

    def ids(**params: Any) -> list[str]:
        listing = list_jobs.sync(client=client, **params)
        assert isinstance(listing, JobList)
        assert listing.total_count == len(listing.jobs)
        return [j.job_id for j in listing.jobs]

    assert ids(status=JobStatus.SUCCESS) == [old]
    assert ids(status=JobStatus.CANCELED) == [canceled]
    assert ids(status=JobStatus.PENDING) == [running]
    assert ids(status=JobStatus.ERROR) == []
    at = functools.partial(datetime.datetime, 2026, 6, 26, 10, tzinfo=datetime.UTC)
    assert ids(start_from=at(1)) == [running, canceled]
    assert ids(start_to=at(1), sort=ListJobsSort.ASC) == [old, canceled]
    assert ids(start_from=at(0, 30), start_to=at(1, 30)) == [canceled]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=ten", "page_size"),
        ("page=0", "page"),
        ("page=-1", "page"),
        ("status=done", "status"),
        ("start_from=yesterday", "start_from"),
        ("start_to=2026-13-01T00:00:00Z", "start_to"),
        ("sort=sideways", "sort"),
        ("sort=", "sort"),
        ("start_from=", "start_from"),
    ],
)
def test_list_jobs_rejects_bad_parameters(emulator: Emulator, query: str, fragment: str) -> None:
    response = client_for(emulator).get_httpx_client().get(f"/api/v1/jobs?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["Code"] == 400
    assert body["Error"].startswith(fragment + ":")


# -- cancel -----------------------------------------------------------------------------------


def test_cancel_running_job_then_again_is_406(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    client = client_for(emulator)
    created = submit(
        emulator,
        request("https://a.test/1", "https://a.test/2", WebhookURL="https://hooks.test/sdo"),
    )
    record = emulator.store.get("scrapedo", created.task_i_ds[0])
    assert record is not None
    emulator.store.complete(record)  # the first task finished before the cancel
    clock.advance(0.5)
    response = cancel_job.sync_detailed(created.job_id, client=client)
    assert response.status_code == 200
    assert isinstance(response.parsed, CancelJobResponse)
    assert response.parsed.to_dict() == {
        "JobID": created.job_id,
        "Status": "canceled",
        "Canceled": True,
    }

    job = job_of(emulator, created.job_id)
    assert job.status == JobStatus.CANCELED
    assert job.canceled is True
    assert job.end_time == "2026-06-26T10:00:00Z"
    assert not isinstance(job.tasks, Unset)
    assert [t.status for t in job.tasks] == [TaskStatus.SUCCESS, TaskStatus.CANCELED]
    canceled_task = task_of(emulator, created.job_id, created.task_i_ds[1])
    assert canceled_task.content == ""
    assert credits_of(canceled_task)[0] == "0"

    again = error_of(cancel_job.sync_detailed(created.job_id, client=client), 406)
    assert again.error == "Job already completed or canceled"
    clock.advance(10)
    assert deliver(emulator) == 1  # only the task that finished on its own
    assert json.loads(receiver.requests[0].content)["TaskID"] == created.task_i_ds[0]
    assert account_of(emulator).avaliable_credits == 999_999


def test_cancel_finished_job_is_406(emulator: Emulator, clock: ManualClock) -> None:
    created = submit(emulator, request())
    clock.advance(1)
    error_of(cancel_job.sync_detailed(created.job_id, client=client_for(emulator)), 406)
    assert job_of(emulator, created.job_id).status == JobStatus.SUCCESS


# -- webhooks ---------------------------------------------------------------------------------


def webhook_request(*targets: str) -> CreateJobRequest:
    return request(
        *targets,
        WebhookURL="https://hooks.test/scrapedo",
        WebhookHeaders={"Authorization": "Bearer hook-secret", "X-Custom-Header": "custom"},
    )


def test_webhook_per_task_with_headers_and_retry(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.statuses = [500, 200, 200]
    created = submit(emulator, webhook_request("https://a.test/1", "https://a.test/2"))
    clock.advance(1)
    assert deliver(emulator) == 2
    pending = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert pending.webhook_url == "https://hooks.test/scrapedo"
    assert pending.webhook_status == "pending"
    assert pending.webhook_request_time == "2026-06-26T10:00:01Z"
    assert task_of(emulator, created.job_id, created.task_i_ds[1]).webhook_status == "success"

    clock.advance(59)
    assert deliver(emulator) == 0  # the next attempt is due 60 s after the failure
    clock.advance(1)
    assert deliver(emulator) == 1
    assert len(receiver.requests) == 3
    first, other, retry = receiver.requests
    assert first.content == retry.content
    for sent in receiver.requests:
        assert str(sent.url) == "https://hooks.test/scrapedo"
        assert sent.method == "POST"
        assert sent.headers["authorization"] == "Bearer hook-secret"
        assert sent.headers["x-custom-header"] == "custom"
        assert sent.headers["content-type"] == "application/json"
        assert "x-token" not in sent.headers

    payload = TaskWebhook.from_dict(json.loads(retry.content))
    assert payload.task_id == created.task_i_ds[0]
    assert payload.job_id == created.job_id
    assert payload.status == TaskStatus.SUCCESS
    assert payload.url == "https://a.test/1"
    assert payload.webhook_url == "https://hooks.test/scrapedo"
    assert payload.status_code == 200
    task = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert payload.content == task.content
    assert json.loads(other.content)["TaskID"] == created.task_i_ds[1]
    assert task.webhook_status == "success"
    assert task.webhook_request_time == "2026-06-26T10:01:01Z"


def test_webhook_for_failed_task(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    failing = client_for(emulator, headers={"X-Emulator-Scenario": "fail-job"})
    created = create_job.sync(client=failing, body=webhook_request("https://a.test/x"))
    assert isinstance(created, CreateJobResponse)
    clock.advance(1)
    assert deliver(emulator) == 1
    body = json.loads(receiver.requests[0].content)
    assert body["Status"] == "error"
    assert body["Content"] == ""
    assert body["ErrorMessage"]
    assert body["Scrape.do"] == {"Credits-Used": "0", "Remaining-Credits": "1000000"}


def test_webhook_gone_gets_one_more_attempt_after_an_hour(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.statuses = [404, 410]
    created = submit(emulator, webhook_request("https://a.test/gone"))
    clock.advance(1)
    assert deliver(emulator) == 1
    clock.advance(3599)
    assert deliver(emulator) == 0
    assert task_of(emulator, created.job_id, created.task_i_ds[0]).webhook_status == "pending"
    clock.advance(1)
    assert deliver(emulator) == 1
    clock.advance(24 * 3600)
    assert deliver(emulator) == 0
    assert len(receiver.requests) == 2
    task = task_of(emulator, created.job_id, created.task_i_ds[0])
    assert task.webhook_status == "failed"
    assert task.webhook_request_time == "2026-06-26T11:00:01Z"
    (webhook,) = emulator.webhooks.webhooks
    assert [a.status_code for a in webhook.attempts] == [404, 410]


def test_webhook_gone_retry_succeeds(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.statuses = [410, 200]
    created = submit(emulator, webhook_request())
    clock.advance(1)
    deliver(emulator)
    clock.advance(3600)
    assert deliver(emulator) == 1
    assert task_of(emulator, created.job_id, created.task_i_ds[0]).webhook_status == "success"


def test_webhook_ladder_ends_failed(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.statuses = [500, 502, 503, 500, 200]
    created = submit(emulator, webhook_request())
    clock.advance(1)
    attempts = [deliver(emulator)]
    for wait in (60, 300, 1800, 3600):
        clock.advance(wait)
        attempts.append(deliver(emulator))
    assert attempts == [1, 1, 1, 1, 0]
    (webhook,) = emulator.webhooks.webhooks
    assert [a.at - webhook.attempts[0].at for a in webhook.attempts] == [0, 60, 360, 2160]
    assert task_of(emulator, created.job_id, created.task_i_ds[0]).webhook_status == "failed"


def test_no_webhook_without_url(emulator: Emulator, clock: ManualClock, receiver: Receiver) -> None:
    submit(emulator, request())
    clock.advance(1)
    assert deliver(emulator) == 0
    assert receiver.requests == []
