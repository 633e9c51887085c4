"""The emulator delivers real webhooks of all five providers; the overlay's receiver verifies them.

The two sides are written independently (the emulator signs and sends, ``scrapejobs.webhooks``
checks), so each tests the other: jobs are created through the generated typed clients with the
provider's webhook settings, the manual clock passes the job duration, and
``Emulator.deliver_webhooks`` posts to ``scrapejobs.webhooks.receiver.webhook_app`` in-process.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import httpx
from decodo_client.api.tasks import create_task
from decodo_client.models import Task, TaskCallback, TaskStatus, UniversalTask
from scrapedo_client.api.jobs import create_job as scrapedo_create_job
from scrapedo_client.models import CreateJobRequest, CreateJobResponse, TaskWebhook, WebhookHeaders
from scraperapi_client.api.jobs import create_job as scraperapi_create_job
from scraperapi_client.models import Callback, Job, JobCallback, JobRequest
from scrapingpros_client.api.collections import create_collection
from scrapingpros_client.api.runs import run_collection
from scrapingpros_client.models import (
    CollectionCreated,
    CollectionRequest,
    CreateCollectionRequest,
    Run,
    RunCompletedEvent,
)
from scrapio_client.api.jobs import create_job as scrapio_create_job
from scrapio_client.models import FetchInput, FetchJobRequest, JobAccepted, JobWebhookEvent, Webhook

from scrapejobs.webhooks import (
    DecodoVerifier,
    ScrapedoVerifier,
    ScraperApiVerifier,
    ScrapingProsVerifier,
    ScrapioVerifier,
)
from scrapejobs.webhooks.handler import WebhookHandler
from scrapejobs.webhooks.receiver import webhook_app
from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock, Progression, emulator_client

TOKEN = "emulator-token"
HOOKS = "https://hooks.test/hooks"
DECODO_PASSTHROUGH = "pt-Ω-7f3a"
SCRAPEDO_HEADER = ("X-Hook-Secret", "sdo-hook-secret")
SP_SECRET = "whsec_end_to_end"
SA_USER, SA_PASSWORD = "hook-user", "p@ss:word"
SA_PASSWORD_IN_URL = "p%40ss%3Aword"
SCRAPIO_TOKEN = "scrapio-url-token"
PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")


@dataclass
class Received:
    """Every payload the receiver passed on, per provider."""

    payloads: dict[str, list[Any]] = field(default_factory=lambda: {p: [] for p in PROVIDERS})

    def handler(self, provider: str) -> Any:
        async def callback(payload: Any) -> None:
            self.payloads[provider].append(payload)

        return callback


def verifiers(
    clock: ManualClock, *, wrong: bool = False, sp_tolerance: float = 300
) -> dict[str, Any]:
    bad = "-wrong" if wrong else ""
    return {
        "decodo": DecodoVerifier(DECODO_PASSTHROUGH + bad),
        "scrapedo": ScrapedoVerifier(SCRAPEDO_HEADER[0], SCRAPEDO_HEADER[1] + bad),
        # The emulator signs with its own (manual) clock, so the receiver checks against it.
        "scrapingpros": ScrapingProsVerifier(
            SP_SECRET + bad, clock=clock.now, tolerance=sp_tolerance
        ),
        "scraperapi": ScraperApiVerifier(SA_USER, SA_PASSWORD + bad),
        "scrapio": ScrapioVerifier(SCRAPIO_TOKEN + bad),
    }


def setup(
    *, wrong: bool = False, sp_tolerance: float = 300, **faults: float
) -> tuple[Emulator, ManualClock, Received, list[httpx.Response]]:
    clock = ManualClock()
    received = Received()
    app = webhook_app(
        {
            name: WebhookHandler(verifier, received.handler(name))
            for name, verifier in verifiers(clock, wrong=wrong, sp_tolerance=sp_tolerance).items()
        },
        prefix="/hooks",
    )
    answers: list[httpx.Response] = []

    class Recording(httpx.AsyncBaseTransport):
        """The receiver app over ASGI, keeping each answer for the assertions."""

        def __init__(self) -> None:
            self.inner = httpx.ASGITransport(app=app)

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await self.inner.handle_async_request(request)
            await response.aread()
            answers.append(response)
            return response

    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(mode="duration", min_seconds=1.0, max_seconds=1.0),
        webhook_secret=SP_SECRET,
    )
    for name, rate in faults.items():
        setattr(config.faults, name, rate)
    emulator = Emulator(config, clock=clock, webhook_transport=Recording())
    return emulator, clock, received, answers


@dataclass
class Created:
    decodo: str
    scrapedo: list[str]
    scrapingpros: str
    scraperapi: str
    scrapio: str


def create_jobs(emulator: Emulator, *, report_failures: bool = False) -> Created:
    decodo = create_task.sync(
        client=emulator_client(emulator, "decodo"),
        body=UniversalTask(
            target="universal",
            url="https://example.com/decodo",
            callback_url=f"{HOOKS}/decodo",
            passthrough=DECODO_PASSTHROUGH,
        ),
    )
    assert isinstance(decodo, Task)

    headers = WebhookHeaders()
    headers[SCRAPEDO_HEADER[0]] = SCRAPEDO_HEADER[1]
    scrapedo = scrapedo_create_job.sync(
        client=emulator_client(emulator, "scrapedo"),
        body=CreateJobRequest(
            targets=["https://example.com/sdo-1", "https://example.com/sdo-2"],
            webhook_url=f"{HOOKS}/scrapedo",
            webhook_headers=headers,
        ),
    )
    assert isinstance(scrapedo, CreateJobResponse)

    pros = emulator_client(emulator, "scrapingpros")
    collection = create_collection.sync(
        client=pros,
        body=CreateCollectionRequest(
            name="e2e",
            requests=[CollectionRequest(url="https://example.com/sp-1")],
            callback_url=f"{HOOKS}/scrapingpros",
        ),
    )
    assert isinstance(collection, CollectionCreated)
    run = run_collection.sync(collection.id, client=pros)
    assert isinstance(run, Run)

    scraperapi = scraperapi_create_job.sync(
        client=emulator_client(emulator, "scraperapi"),
        body=JobRequest(
            api_key=TOKEN,
            url="https://example.com/sa",
            callback=Callback(
                type_="webhook",
                url=f"https://{SA_USER}:{SA_PASSWORD_IN_URL}@hooks.test/hooks/scraperapi",
            ),
            expect_unsuccess_report=report_failures,
        ),
    )
    assert isinstance(scraperapi, Job)

    scrapio = scrapio_create_job.sync(
        client=emulator_client(emulator, "scrapio"),
        body=FetchJobRequest(
            kind="fetch",
            input_=FetchInput(url="https://example.com/scrapio"),
            webhook=Webhook(url=f"{HOOKS}/scrapio?token={SCRAPIO_TOKEN}"),
        ),
    )
    assert isinstance(scrapio, JobAccepted)
    return Created(
        decodo=decodo.id,
        scrapedo=list(scrapedo.task_i_ds),
        scrapingpros=run.run_id,
        scraperapi=scraperapi.id,
        scrapio=scrapio.job_id,
    )


def deliver(emulator: Emulator) -> int:
    return asyncio.run(emulator.deliver_webhooks())


def attempts(emulator: Emulator) -> dict[str, list[list[tuple[int | None, bool]]]]:
    table: dict[str, list[list[tuple[int | None, bool]]]] = {p: [] for p in PROVIDERS}
    for webhook in emulator.webhooks.webhooks:
        table[webhook.provider].append([(a.status_code, a.duplicate) for a in webhook.attempts])
    return table


def test_every_provider_is_delivered_verified_and_parsed() -> None:
    emulator, clock, received, answers = setup()
    created = create_jobs(emulator)
    assert deliver(emulator) == 0  # nothing before the jobs finish
    clock.advance(1)
    assert deliver(emulator) == 6  # one per job, Scrape.do one per task
    assert [a.status_code for a in answers] == [200] * 6
    assert all(a.json() == {"status": "accepted"} for a in answers)

    (decodo,) = received.payloads["decodo"]
    assert isinstance(decodo, TaskCallback)
    assert (decodo.id, decodo.status, decodo.passthrough) == (
        created.decodo,
        TaskStatus.DONE,
        DECODO_PASSTHROUGH,
    )
    scrapedo = received.payloads["scrapedo"]
    assert all(isinstance(p, TaskWebhook) for p in scrapedo)
    assert sorted(p.task_id for p in scrapedo) == sorted(created.scrapedo)
    assert {p.status for p in scrapedo} == {"success"}
    (pros,) = received.payloads["scrapingpros"]
    assert isinstance(pros, RunCompletedEvent)
    assert (pros.run_id, pros.event, pros.total_requests) == (
        created.scrapingpros,
        "run.completed",
        1,
    )
    (scraperapi,) = received.payloads["scraperapi"]
    assert isinstance(scraperapi, JobCallback)
    assert (scraperapi.id, scraperapi.status) == (created.scraperapi, "finished")
    (scrapio,) = received.payloads["scrapio"]
    assert isinstance(scrapio, JobWebhookEvent)
    assert (scrapio.data.job_id, scrapio.type_) == (created.scrapio, "job.completed")

    assert all(w.state == "delivered" for w in emulator.webhooks.webhooks)
    assert attempts(emulator) == {
        "decodo": [[(200, False)]],
        "scrapedo": [[(200, False)], [(200, False)]],
        "scrapingpros": [[(200, False)]],
        "scraperapi": [[(200, False)]],
        "scrapio": [[(200, False)]],
    }


def test_failure_payloads_verify_and_parse_too() -> None:
    emulator, clock, received, answers = setup(job_failure_rate=1.0)
    created = create_jobs(emulator, report_failures=True)
    clock.advance(1)
    assert deliver(emulator) == 6
    assert [a.status_code for a in answers] == [200] * 6
    assert received.payloads["decodo"][0].status == TaskStatus.FAULTED
    assert {p.status for p in received.payloads["scrapedo"]} == {"error"}
    (pros,) = received.payloads["scrapingpros"]
    assert (pros.failed_requests, pros.success_requests) == (1, 0)
    (scraperapi,) = received.payloads["scraperapi"]
    assert (scraperapi.id, scraperapi.status) == (created.scraperapi, "failed")
    (scrapio,) = received.payloads["scrapio"]
    assert (scrapio.data.job_id, scrapio.type_) == (created.scrapio, "job.failed")


def test_duplicate_deliveries_call_back_once_per_job() -> None:
    emulator, clock, received, answers = setup(webhook_duplicate_rate=1.0)
    create_jobs(emulator)
    clock.advance(1)
    assert deliver(emulator) == 6
    assert len(answers) == 12  # every delivery sent twice
    assert [a.json()["status"] for a in answers] == ["accepted", "duplicate"] * 6
    assert {p: len(v) for p, v in received.payloads.items()} == {
        "decodo": 1,
        "scrapedo": 2,  # two tasks, two distinct events
        "scrapingpros": 1,
        "scraperapi": 1,
        "scrapio": 1,
    }
    for provider, rows in attempts(emulator).items():
        assert rows, provider
        assert all(row == [(200, False), (200, True)] for row in rows), provider


def test_wrong_secrets_are_401_and_the_emulator_retries() -> None:
    emulator, clock, received, answers = setup(wrong=True)
    create_jobs(emulator)
    clock.advance(1)
    assert deliver(emulator) == 6
    assert {a.status_code for a in answers} == {401}
    reasons = sorted(a.json()["reason"] for a in answers)
    assert reasons == sorted(
        [
            "passthrough_mismatch",
            "header_mismatch",
            "header_mismatch",
            "signature_mismatch",
            "credentials_mismatch",
            "token_mismatch",
        ]
    )
    clock.advance(60)  # every provider's first retry is due by now (10 s or 60 s)
    assert deliver(emulator) == 6
    assert all(v == [] for v in received.payloads.values())
    for provider, rows in attempts(emulator).items():
        assert rows, provider
        for row in rows:
            assert row == [(401, False), (401, False)], provider
    assert all(w.state == "pending" for w in emulator.webhooks.webhooks)
    # No secret leaks into what the emulator records from the receiver's answers.
    for answer in answers:
        for secret in (
            DECODO_PASSTHROUGH,
            SCRAPEDO_HEADER[1],
            SP_SECRET,
            SA_PASSWORD,
            SCRAPIO_TOKEN,
        ):
            assert secret not in answer.text


def test_scrapingpros_retry_is_re_signed_with_a_fresh_timestamp() -> None:
    """The receiver allows only 5 s of skew; the retry comes 10 s after the first attempt.

    It verifies only because the emulator signs every attempt with that attempt's timestamp.
    """
    emulator, clock, received, answers = setup(sp_tolerance=5)
    create_jobs(emulator)
    clock.advance(1)
    emulator.config.faults.webhook_failure_rate = 1.0  # the first round never reaches the receiver
    deliver(emulator)
    emulator.config.faults.webhook_failure_rate = 0.0
    clock.advance(10)
    deliver(emulator)
    (pros,) = received.payloads["scrapingpros"]
    assert pros.event == "run.completed"
    (webhook,) = [w for w in emulator.webhooks.webhooks if w.provider == "scrapingpros"]
    assert [(a.at, a.status_code) for a in webhook.attempts] == [
        (clock.now() - 10, None),
        (clock.now(), 200),
    ]
    assert all(a.status_code == 200 for a in answers)
