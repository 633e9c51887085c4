"""Contract tests against reality: the providers' published request/response pairs.

Every cassette under ``tests/cassettes/<provider>/`` is

a. validated, interaction by interaction, against the provider's spec with schemathesis
   (undocumented statuses, content types, headers and bodies fail);
b. replayed with vcrpy (no network) through the generated typed client, whose parsed models must
   give back the recorded JSON field by field;
c. replayed against the in-process emulator, whose answers must have the recording's shape;
d. scanned for secrets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import decodo_client
import httpx
import pytest
import scrapedo_client
import scraperapi_client
import scrapingpros_client
import scrapio_client
import vcr  # vcrpy ships no type information
from decodo_client.models import Task as DecodoTask
from decodo_client.models import TaskStatus as DecodoTaskStatus
from scrapedo_client.models import Account, CancelJobResponse, CreateJobResponse, JobList
from scrapedo_client.models import Error as ScrapedoError
from scrapedo_client.models import Job as ScrapedoJob
from scrapedo_client.models import JobStatus as ScrapedoJobStatus
from scrapedo_client.models import Task as ScrapedoTask
from scrapedo_client.models import TaskStatus as ScrapedoTaskStatus
from scraperapi_client.models import Job as ScraperapiJob
from scraperapi_client.models import JobStatus as ScraperapiJobStatus
from scrapingpros_client.models import (
    Collection,
    CollectionCreated,
    CollectionUpdated,
    Run,
    RunStatus,
)
from scrapio_client.models import Job as ScrapioJob
from scrapio_client.models import JobAccepted, JobResult
from scrapio_client.models import JobStatus as ScrapioJobStatus

from scrapejobs_emulator import Emulator, EmulatorConfig, EmulatorTransport, ManualClock, Phase
from tests.cassettes.cassettes import (
    EMULATOR_TOKEN,
    PLACEHOLDER,
    PROVIDERS,
    body_text,
    call_arguments,
    cassette_paths,
    find_operation,
    find_secrets,
    iter_models,
    json_body,
    learn_ids,
    load_cassette,
    operation_module,
    replay_vcr,
    response_schema,
    shape_differences,
    split_base,
    swap_ids,
    to_json,
    validate_interaction,
)

CASSETTES = cassette_paths()
INTERACTIONS = [
    (path, index) for path in CASSETTES for index in range(len(load_cassette(path)["interactions"]))
]


def cassette_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def interaction_id(item: tuple[Path, int]) -> str:
    return f"{cassette_id(item[0])}#{item[1]}"


# -- structure -------------------------------------------------------------------------------


def test_every_provider_has_cassettes() -> None:
    assert {path.parent.name for path in CASSETTES} == set(PROVIDERS)


@pytest.mark.parametrize("path", CASSETTES, ids=cassette_id)
def test_cassette_is_vcrpy_v1_and_names_its_source(path: Path) -> None:
    text = path.read_text()
    assert text.startswith("# Source: "), "a cassette opens with a comment naming its source"
    first = text.splitlines()[0]
    assert any(s in first for s in ("seed 00", "provider-facts.md", "live recording")), first
    document = load_cassette(path)
    assert document["version"] == 1
    assert document["interactions"], "a cassette holds at least one interaction"
    for interaction in document["interactions"]:
        assert interaction["request"]["uri"].startswith(("https://", "http://"))
        assert isinstance(interaction["response"]["status"]["code"], int)


# -- a. the spec -------------------------------------------------------------------------------


@pytest.mark.parametrize("item", INTERACTIONS, ids=interaction_id)
def test_recorded_answer_conforms_to_spec(item: tuple[Path, int]) -> None:
    path, index = item
    interaction = load_cassette(path)["interactions"][index]
    validate_interaction(path.parent.name, interaction)


# -- b. replay through the generated client ------------------------------------------------------

_AUTH: dict[str, tuple[Any, str, str]] = {
    "decodo": (decodo_client, "Basic", "Authorization"),
    "scrapedo": (scrapedo_client, "", "X-Token"),
    "scrapingpros": (scrapingpros_client, "Bearer", "Authorization"),
    "scrapio": (scrapio_client, "Bearer", "Authorization"),
}


def generated_client(provider: str, base_url: str, token: str = PLACEHOLDER) -> Any:
    """Return the provider's generated client; it raises on an undocumented status."""
    if provider == "scraperapi":
        return scraperapi_client.Client(base_url=base_url, raise_on_unexpected_status=True)
    module, prefix, header = _AUTH[provider]
    return module.AuthenticatedClient(
        base_url=base_url,
        token=token,
        prefix=prefix,
        auth_header_name=header,
        raise_on_unexpected_status=True,
    )


def replay(path: Path) -> list[Any]:
    """Replay ``path`` through the generated client under vcrpy; return the parsed answers."""
    provider = path.parent.name
    interactions = load_cassette(path)["interactions"]
    base_url, _ = split_base(provider, interactions[0]["request"]["uri"])
    recorder = replay_vcr()
    parsed: list[Any] = []
    with recorder.use_cassette(str(path)) as cassette:
        with generated_client(provider, base_url) as client:
            for interaction in interactions:
                request = interaction["request"]
                op = find_operation(provider, request["method"], request["uri"])
                args, kwargs = call_arguments(provider, op, interaction)
                answer = operation_module(op).sync_detailed(*args, client=client, **kwargs)
                assert answer.status_code == interaction["response"]["status"]["code"]
                recorded = json_body(interaction["response"]["body"])
                if recorded is None:
                    assert answer.parsed is None
                else:
                    # Field by field: the typed models give back exactly what was sent.
                    assert to_json(answer.parsed) == recorded
                parsed.append(answer.parsed)
        assert cassette.all_played, "every recorded interaction was requested once"
    return parsed


def check_decodo_queue_single_task(parsed: list[Any]) -> None:
    (task,) = parsed
    assert isinstance(task, DecodoTask)
    assert task.id == "7434928397127555073"
    assert task.status == DecodoTaskStatus.PENDING
    assert task.url == "https://ip.decodo.com"
    assert (task.page_from, task.limit, task.page_count) == (1, 10, 1)
    assert task.geo is None
    assert task.headless is None
    assert task.parse is False
    assert task.created_at == task.updated_at == "2026-03-04 11:51:04"
    assert task.headers == []
    assert task.cookies == []


def check_decodo_task_status(parsed: list[Any]) -> None:
    pending, done = parsed
    assert isinstance(pending, DecodoTask)
    assert isinstance(done, DecodoTask)
    assert (pending.id, pending.status) == ("7447868801825135617", DecodoTaskStatus.PENDING)
    assert (done.id, done.status) == ("7447866391652228097", DecodoTaskStatus.DONE)
    assert done.target == "google_ai_mode"
    assert done.query == "best health trackers under $200"
    assert done.parse is True
    assert done.headless == "html"
    assert done.updated_at == "2026-04-09 04:42:16"


JOB = "550e8400-e29b-41d4-a716-446655440000"
TASK = "660e8400-e29b-41d4-a716-446655440001"


def check_scrapedo_create_job_all_options(parsed: list[Any]) -> None:
    (created,) = parsed
    assert isinstance(created, CreateJobResponse)
    assert created.job_id == JOB
    assert created.message == "Job created successfully"
    assert created.task_i_ds == [TASK, "660e8400-e29b-41d4-a716-446655440002"]


def check_scrapedo_complete_example(parsed: list[Any]) -> None:
    created, job, task, account = parsed
    assert isinstance(created, CreateJobResponse)
    assert (created.job_id, created.task_i_ds) == (JOB, [TASK])
    assert isinstance(job, ScrapedoJob)
    assert job.status == ScrapedoJobStatus.SUCCESS
    assert job.canceled is False
    assert (job.acquired_concurrency, job.limit_concurrency) == (5, 10)
    assert [(t.task_id, t.url, t.status) for t in job.tasks] == [
        (TASK, "https://httpbin.co/anything", ScrapedoTaskStatus.SUCCESS)
    ]
    assert isinstance(task, ScrapedoTask)
    assert (task.task_id, task.job_id, task.status_code) == (TASK, JOB, 200)
    assert task.base_64_encoded_content is False
    assert task.content == "<html>...</html>"
    assert task.scrape_do.credits_used == "1"
    assert task.scrape_do.remaining_credits == "9999"
    assert task.expires_at == "2024-01-02T10:00:05Z"
    assert isinstance(account, Account)
    assert account.avaliable_credits == 9999
    assert account.free_concurrency == 7


def check_scrapedo_list_jobs(parsed: list[Any]) -> None:
    (page,) = parsed
    assert isinstance(page, JobList)
    assert (page.total_count, page.page_size, page.page_number, page.total_pages) == (
        150,
        10,
        1,
        15,
    )
    assert [(j.job_id, j.status) for j in page.jobs] == [(JOB, ScrapedoJobStatus.SUCCESS)]


def check_scrapedo_cancel_job(parsed: list[Any]) -> None:
    (cancelled,) = parsed
    assert isinstance(cancelled, CancelJobResponse)
    assert cancelled.job_id == JOB
    assert cancelled.canceled is True
    assert cancelled.status == ScrapedoJobStatus.CANCELED


def check_scrapedo_task_content_gone(parsed: list[Any]) -> None:
    (error,) = parsed
    assert isinstance(error, ScrapedoError)
    assert (error.code, error.error) == (410, "Task response content is no longer available.")


CID = "c38b0bcf-cb7c-4728-8704-2c2e267dcff9"
RID = "9b64941a-4545-4c57-9174-c70e781d9192"


def check_scrapingpros_collection_run(parsed: list[Any]) -> None:
    created, started, running, completed = parsed
    assert isinstance(created, CollectionCreated)
    assert (created.id, created.name) == (CID, "My collection")
    for run in (started, running, completed):
        assert isinstance(run, Run)
        assert (run.run_id, run.collection_id, run.total_requests) == (RID, CID, 2)
    assert started.status == running.status == RunStatus.IN_PROGRESS
    assert (started.success_requests, running.success_requests) == (0, 1)
    assert completed.status == RunStatus.COMPLETED
    assert completed.success_requests == 2
    assert completed.failed_jobs == []


def check_scrapingpros_manage_collections(parsed: list[Any]) -> None:
    listed, got, updated = parsed
    assert all(isinstance(c, Collection) for c in listed)
    assert next((c.id, c.name) for c in listed) == (CID, "My collection")
    assert isinstance(got, Collection)
    assert (got.id, got.name) == (CID, "My collection")
    assert isinstance(updated, CollectionUpdated)
    assert (updated.name, updated.message) == (
        "Updated collection",
        "Collection updated successfully.",
    )


def check_scrapingpros_run_completed_with_errors(parsed: list[Any]) -> None:
    (run,) = parsed
    assert isinstance(run, Run)
    assert run.status == RunStatus.COMPLETED
    assert (run.success_requests, run.failed_requests, run.timeout_requests) == (2, 1, 0)
    assert isinstance(run.failed_jobs, list)
    (failed,) = run.failed_jobs
    assert failed.url == "https://example.com/page-that-failed"
    assert (failed.status, failed.error) == ("failed", "Connection timeout")


def check_scraperapi_job_flow(parsed: list[Any]) -> None:
    submitted, running, finished = parsed
    job_id = "0962a8e0-5f1a-4e14-bf8c-5efcc18f0953"
    for job in parsed:
        assert isinstance(job, ScraperapiJob)
        assert (job.id, job.url) == (job_id, "https://example.com")
        assert job.status_url == f"https://async.scraperapi.com/jobs/{job_id}"
    assert submitted.status == running.status == ScraperapiJobStatus.RUNNING
    assert finished.status == ScraperapiJobStatus.FINISHED
    assert finished.response.status_code == 200
    assert finished.response.headers["sa-final-url"] == "https://example.com/"
    assert finished.response.body.startswith("<!doctype html>")
    assert "\t<title>Example Domain</title>" in finished.response.body


def check_scrapio_fetch_job(parsed: list[Any]) -> None:
    accepted, job, result = parsed
    assert isinstance(accepted, JobAccepted)
    assert (accepted.job_id, accepted.status, accepted.mode) == ("job_abc123", "queued", "async")
    assert isinstance(job, ScrapioJob)
    assert job.status == ScrapioJobStatus.COMPLETED
    assert job.result_available is True
    assert (job.created_at, job.completed_at) == ("2026-06-26T10:00:00Z", "2026-06-26T10:00:08Z")
    assert isinstance(result, JobResult)
    assert result.outputs.markdown == "# Example Domain\n\n..."


TYPED_CHECKS: dict[str, Callable[[list[Any]], None]] = {
    "decodo/queue_single_task": check_decodo_queue_single_task,
    "decodo/task_status": check_decodo_task_status,
    "scrapedo/create_job_all_options": check_scrapedo_create_job_all_options,
    "scrapedo/complete_example": check_scrapedo_complete_example,
    "scrapedo/list_jobs": check_scrapedo_list_jobs,
    "scrapedo/cancel_job": check_scrapedo_cancel_job,
    "scrapedo/task_content_gone": check_scrapedo_task_content_gone,
    "scrapingpros/collection_run": check_scrapingpros_collection_run,
    "scrapingpros/manage_collections": check_scrapingpros_manage_collections,
    "scrapingpros/run_completed_with_errors": check_scrapingpros_run_completed_with_errors,
    "scraperapi/job_flow": check_scraperapi_job_flow,
    "scrapio/fetch_job": check_scrapio_fetch_job,
}


@pytest.mark.parametrize("path", CASSETTES, ids=cassette_id)
def test_replay_through_generated_client(path: Path) -> None:
    parsed = replay(path)
    assert all(model is not None for model in parsed if model != [])
    check = TYPED_CHECKS.get(cassette_id(path))
    if check is not None:
        check(parsed)
    else:  # a fresh recording: every answer parsed into a model that keeps its fields
        for model in (m for answer in parsed for m in iter_models(answer)):
            assert model.to_dict()


def test_every_transcribed_cassette_has_typed_checks() -> None:
    transcribed = {cassette_id(p) for p in CASSETTES if not p.stem.startswith("live_")}
    assert transcribed == set(TYPED_CHECKS)


def test_replay_refuses_an_unrecorded_request() -> None:
    path = next(p for p in CASSETTES if cassette_id(p) == "scrapio/fetch_job")
    recorder = replay_vcr()
    from scrapio_client.api.jobs import get_job

    with (
        recorder.use_cassette(str(path)),
        generated_client("scrapio", "https://api.scrapio.dev") as c,
        pytest.raises(vcr.errors.CannotOverwriteExistingCassetteException),
    ):
        get_job.sync_detailed("job_other", client=c)


# -- c. the emulator answers with the same shapes ----------------------------------------------

AUTH_HEADERS: dict[str, dict[str, str]] = {
    "decodo": {"Authorization": f"Basic {EMULATOR_TOKEN}"},
    "scrapedo": {"X-Token": EMULATOR_TOKEN},
    "scrapingpros": {"Authorization": f"Bearer {EMULATOR_TOKEN}"},
    "scraperapi": {},
    "scrapio": {"Authorization": f"Bearer {EMULATOR_TOKEN}"},
}
FINISHED = frozenset({"done", "success", "completed", "finished", "failed", "faulted"})
SETTLE = 60.0  # seconds: every emulated job has finished by then (defaults 0.2..0.5 s)


@dataclass
class Flow:
    """One cassette being replayed against an in-process emulator."""

    provider: str
    emulator: Emulator
    clock: ManualClock
    http: httpx.Client
    ids: dict[str, str] = field(default_factory=dict)

    def send(self, method: str, path: str, body: Any = None) -> httpx.Response:
        """Send one request to the emulator the provider's way."""
        content = None if body is None else json.dumps(body)
        headers = {**AUTH_HEADERS[self.provider]}
        if content is not None:
            headers["Content-Type"] = "application/json"
        return self.http.request(method, path, content=content, headers=headers)

    def create(self, method: str, path: str, body: Any, recorded: dict[str, Any]) -> Any:
        """Create something on the emulator and map the recording's ids to its ids."""
        answer = self.send(method, path, body)
        assert answer.is_success, answer.text
        learn_ids(recorded, answer.json(), self.ids)
        return answer.json()


def _google_ai_mode(query: str) -> dict[str, Any]:
    # No `headless`: the spec (Decodo's IR) does not accept it for google_ai_mode; the seed's
    # status answers show it as "html" all the same (an echo of the server's choice).
    return {"target": "google_ai_mode", "query": query, "parse": True}


def setup_decodo_task_status(flow: Flow) -> None:
    """A done task (created first, the clock moved on) and a pending one."""
    query = "best health trackers under $200"
    flow.create("POST", "/v3/task", _google_ai_mode(query), {"id": "7447866391652228097"})
    flow.clock.advance(SETTLE)
    flow.create("POST", "/v3/task", _google_ai_mode(query), {"id": "7447868801825135617"})


def _scrapedo_job(flow: Flow) -> None:
    body = {"Targets": ["https://httpbin.co/anything"]}
    flow.create("POST", "/api/v1/jobs", body, {"JobID": JOB, "TaskIDs": [TASK]})


def setup_scrapedo_finished_job(flow: Flow) -> None:
    _scrapedo_job(flow)
    flow.clock.advance(SETTLE)


def setup_scrapedo_expired_task(flow: Flow) -> None:
    """A task whose content is gone: 3 days after its job was created, plus margin."""
    _scrapedo_job(flow)
    flow.clock.advance(4 * 24 * 3600)


def setup_scrapingpros_two_collections(flow: Flow) -> None:
    path = "/v1/async/collections"
    flow.create(
        "POST", path, {"name": "Another collection"}, {"id": "11d6f8af-9a54-4b6c-b793-e12b77c86159"}
    )
    flow.clock.advance(1)
    flow.create("POST", path, {"name": "My collection"}, {"id": CID})


def setup_scrapingpros_run_with_a_failure(flow: Flow) -> None:
    """Three jobs, one of which fails (forced through the emulator's store)."""
    urls = [
        "https://example.com/a",
        "https://example.com/b",
        "https://example.com/page-that-failed",
    ]
    body = {"name": "Three pages", "requests": [{"url": url} for url in urls]}
    flow.create("POST", "/v1/async/collections", body, {"id": CID})
    flow.create("POST", f"/v1/async/collections/{flow.ids[CID]}/run", None, {"run_id": RID})
    for record in flow.emulator.store.records("scrapingpros"):
        failing = "page-that-failed" in json.dumps(record.data, default=str)
        flow.emulator.store.complete(record, Phase.FAILED if failing else Phase.SUCCEEDED)


SETUPS: dict[str, Callable[[Flow], None]] = {
    "decodo/task_status": setup_decodo_task_status,
    "scrapedo/list_jobs": setup_scrapedo_finished_job,
    "scrapedo/cancel_job": _scrapedo_job,
    "scrapedo/task_content_gone": setup_scrapedo_expired_task,
    "scrapingpros/manage_collections": setup_scrapingpros_two_collections,
    "scrapingpros/run_completed_with_errors": setup_scrapingpros_run_with_a_failure,
}
# Recorded states the emulator cannot reach, with the reason (cassette id -> reason).
UNREPRODUCIBLE: dict[str, str] = {}
# Where the emulator's answer differs from what the provider published (cassette id -> bug).
# Cassettes whose differential check shows a known, not yet fixed emulator bug (id -> reason).
# Fixed: decodo/task_status (google_ai_mode now echoes `headless: "html"` as seed 000 shows).
EMULATOR_BUGS: dict[str, str] = {}


def differential_params() -> list[Any]:
    """Return the cassettes, with a strict xfail on each one that shows a known emulator bug."""
    return [
        pytest.param(
            path,
            id=cassette_id(path),
            marks=[pytest.mark.xfail(strict=True, reason=EMULATOR_BUGS[cassette_id(path)])]
            if cassette_id(path) in EMULATOR_BUGS
            else [],
        )
        for path in CASSETTES
    ]


def recorded_state(data: Any) -> str | None:
    """Return the job status a recorded answer shows (``status`` or ``Status``), if any."""
    if isinstance(data, dict):
        value = data.get("status", data.get("Status"))
        return value if isinstance(value, str) else None
    return None


def emulate(path: Path) -> list[tuple[int, Any, Any, list[str]]]:
    """Send every recorded request of ``path`` to a fresh emulator.

    Returns, per interaction, ``(emulator status, recorded JSON, emulator JSON, problems)``.
    """
    provider = path.parent.name
    clock = ManualClock()
    emulator = Emulator(EmulatorConfig(tokens=[EMULATOR_TOKEN]), clock=clock)
    results: list[tuple[int, Any, Any, list[str]]] = []
    with httpx.Client(
        transport=EmulatorTransport(emulator), base_url=f"http://emulator.invalid/{provider}"
    ) as http:
        flow = Flow(provider, emulator, clock, http)
        setup = SETUPS.get(cassette_id(path))
        if setup is not None:
            setup(flow)
        for interaction in load_cassette(path)["interactions"]:
            request, response = interaction["request"], interaction["response"]
            recorded = json_body(response["body"])
            if recorded_state(recorded) in FINISHED:
                clock.advance(SETTLE)
            _, api = split_base(provider, request["uri"])
            query = request["uri"].partition("?")[2]
            target = swap_ids(api + (f"?{query}" if query else ""), flow.ids)
            text = body_text(request.get("body"))
            body = None
            if text:
                body = json.loads(swap_ids(text, flow.ids))
                if provider == "scraperapi":
                    body["apiKey"] = EMULATOR_TOKEN
            answer = flow.send(request["method"], target, body)
            emulated = answer.json() if answer.content else None
            learn_ids(recorded, emulated, flow.ids)
            op = find_operation(provider, request["method"], request["uri"])
            schema = response_schema(provider, op, response["status"]["code"])
            problems = shape_differences(provider, recorded, emulated, schema)
            results.append((answer.status_code, recorded, emulated, problems))
    return results


@pytest.mark.parametrize("path", differential_params())
def test_emulator_answers_with_the_recorded_shapes(path: Path) -> None:
    reason = UNREPRODUCIBLE.get(cassette_id(path))
    if reason:
        pytest.skip(reason)
    interactions = load_cassette(path)["interactions"]
    report = []
    for interaction, (status, _, emulated, problems) in zip(
        interactions, emulate(path), strict=True
    ):
        request = interaction["request"]
        expected = interaction["response"]["status"]["code"]
        label = f"{request['method']} {request['uri']}"
        if status != expected:
            report.append(f"{label}: recorded {expected}, emulator {status}: {emulated}")
        report += [f"{label}: {problem}" for problem in problems]
    assert not report, "\n".join(report)


# -- d. secrets --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CASSETTES, ids=cassette_id)
def test_cassette_holds_no_secret(path: Path) -> None:
    assert find_secrets(path.read_text()) == []


CLEAN = """interactions:
- request:
    body: '{"apiKey":"REDACTED","url":"https://example.com","callback":{"type":"webhook","url":"https://REDACTED:REDACTED@hooks.example/x"}}'
    headers:
      authorization: [REDACTED]
      x-token: [REDACTED]
    method: POST
    uri: https://async.scraperapi.com/jobs?apiKey=REDACTED
  response:
    body: {string: '{"passthrough":"REDACTED","WebhookHeaders":{"Authorization":"REDACTED"}}'}
    headers: {content-type: [application/json]}
    status: {code: 200, message: OK}
version: 1
"""
DIRTY = [
    ("authorization: [REDACTED]", "authorization: [Basic dXNlcjpwYXNz]"),
    ("x-token: [REDACTED]", "x-token: [0123456789abcdef]"),
    ('"apiKey":"REDACTED"', '"apiKey":"sk_live_123456"'),
    ('"passthrough":"REDACTED"', '"passthrough":"my-secret"'),
    ('"Authorization":"REDACTED"', '"Authorization":"Bearer your-token-here"'),
    ("REDACTED:REDACTED@hooks", "user:password@hooks"),
    ("?apiKey=REDACTED", "?apiKey=abc123"),
    ("x-token: [REDACTED]", "x-token: [emulator-token]"),
    ('"url":"https://example.com"', '"url":"https://example.com/?token=emulator-token"'),
]


def test_secret_scanner_accepts_placeholders() -> None:
    assert find_secrets(CLEAN) == []


@pytest.mark.parametrize(("clean", "dirty"), DIRTY, ids=[d for _, d in DIRTY])
def test_secret_scanner_finds(clean: str, dirty: str) -> None:
    assert clean in CLEAN
    assert find_secrets(CLEAN.replace(clean, dirty))
