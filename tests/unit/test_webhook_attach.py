"""``scrapejobs.webhooks.attach`` sets each provider's callback so its verifier accepts the deliveries.

Per provider: attach → submit to the in-process emulator → the emulator delivers over HTTP to a
receiver served by uvicorn on 127.0.0.1 (a socket bound on port 0 first, so no waiting for
startup) → the matching verifier accepts it and the callback gets the typed payload.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import pytest
import uvicorn
from decodo_client.api.tasks import create_task
from decodo_client.models import Task, TaskCallback, UniversalTask
from scrapedo_client.api.jobs import create_job as scrapedo_create_job
from scrapedo_client.models import CreateJobRequest, CreateJobResponse, TaskWebhook, WebhookHeaders
from scraperapi_client.api.jobs import create_job as scraperapi_create_job
from scraperapi_client.models import Job, JobCallback, JobRequest
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
from scrapio_client.models import FetchInput, FetchJobRequest, JobAccepted, JobWebhookEvent
from starlette.applications import Starlette

from scrapejobs.webhooks import (
    BASIC_USER,
    SECRET_HEADER,
    DecodoVerifier,
    ScrapedoVerifier,
    ScraperApiVerifier,
    ScrapingProsVerifier,
    ScrapioVerifier,
    WebhookHandler,
    attach,
)
from scrapejobs.webhooks.receiver import webhook_app
from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock, Progression, emulator_client

SECRET = "s3cr:t/with?odd&chars"
SIGNING = "emulator-webhook-secret"  # the emulator's default ScrapingPros signing secret


@contextmanager
def served(app: Starlette) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 (port 0); yield its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)  # connections queue until uvicorn accepts: no startup wait needed
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


def _submit(provider: str, emulator: Emulator, base: str) -> None:
    url = f"{base}/hooks/{provider}"
    client = emulator_client(emulator, cast(Any, provider))
    if provider == "decodo":
        task = UniversalTask(target="universal", url="https://example.com/d")
        assert isinstance(create_task.sync(client=client, body=attach(task, url, SECRET)), Task)
    elif provider == "scrapedo":
        job = CreateJobRequest(targets=["https://example.com/s"])
        created = scrapedo_create_job.sync(client=client, body=attach(job, url, SECRET))
        assert isinstance(created, CreateJobResponse)
    elif provider == "scrapingpros":
        request = CreateCollectionRequest(
            name="hooks", requests=[CollectionRequest(url="https://example.com/p")]
        )
        collection = create_collection.sync(client=client, body=attach(request, url))
        assert isinstance(collection, CollectionCreated)
        assert isinstance(run_collection.sync(collection.id, client=client), Run)
    elif provider == "scraperapi":
        body = JobRequest(api_key="emulator-token", url="https://example.com/a")
        assert isinstance(
            scraperapi_create_job.sync(client=client, body=attach(body, url, SECRET)), Job
        )
    else:
        fetch = FetchJobRequest(kind="fetch", input_=FetchInput(url="https://example.com/f"))
        accepted = scrapio_create_job.sync(client=client, body=attach(fetch, url, SECRET))
        assert isinstance(accepted, JobAccepted)


CASES: dict[str, tuple[Callable[[ManualClock], Any], type[Any]]] = {
    "decodo": (lambda _clock: DecodoVerifier(SECRET), TaskCallback),
    "scrapedo": (lambda _clock: ScrapedoVerifier(SECRET_HEADER, SECRET), TaskWebhook),
    "scrapingpros": (
        lambda clock: ScrapingProsVerifier(SIGNING, clock=clock.now),
        RunCompletedEvent,
    ),
    "scraperapi": (lambda _clock: ScraperApiVerifier(BASIC_USER, SECRET), JobCallback),
    "scrapio": (lambda _clock: ScrapioVerifier(SECRET), JobWebhookEvent),
}


@pytest.mark.parametrize("provider", list(CASES))
def test_attached_callback_is_delivered_and_verified(provider: str) -> None:
    make_verifier, payload_type = CASES[provider]
    clock = ManualClock()
    received: list[Any] = []
    app = webhook_app(
        {provider: WebhookHandler(make_verifier(clock), received.append)}, prefix="/hooks"
    )
    emulator = Emulator(
        EmulatorConfig(progression=Progression(min_seconds=1, max_seconds=1)), clock=clock
    )
    with served(app) as base:
        _submit(provider, emulator, base)
        clock.advance(1)
        assert asyncio.run(emulator.deliver_webhooks()) == 1
    (webhook,) = emulator.webhooks.webhooks
    assert [a.status_code for a in webhook.attempts] == [200]
    assert [type(p) for p in received] == [payload_type]
    assert app.state.unrouted.count == 0


def test_attach_copies_and_never_mutates_the_callers_request() -> None:
    headers = WebhookHeaders()
    headers["X-Other"] = "kept"
    job = CreateJobRequest(targets=["https://example.com"], webhook_headers=headers)
    job.additional_properties["Extra"] = 1
    attached = attach(job, "https://hooks.example/scrapedo", "sec")
    assert attached is not job
    assert attached.webhook_url == "https://hooks.example/scrapedo"
    assert attached.to_dict()["WebhookHeaders"] == {"X-Other": "kept", SECRET_HEADER: "sec"}
    assert attached.additional_properties == {"Extra": 1}
    assert job.to_dict()["WebhookHeaders"] == {"X-Other": "kept"}
    assert "WebhookURL" not in job.to_dict()
    assert "sec" not in repr(attached)


def test_attach_puts_the_secret_where_each_provider_sends_it_back() -> None:
    fetch = attach(
        FetchJobRequest(kind="fetch", input_=FetchInput(url="https://example.com")),
        "https://hooks.example/scrapio?route=a",
        "a b&c",
    )
    assert (
        fetch.to_dict()["webhook"]["url"] == "https://hooks.example/scrapio?route=a&token=a+b%26c"
    )
    job = attach(JobRequest(api_key="k", url="https://example.com"), "https://h.example/x", "p@ss")
    assert job.to_dict()["callback"] == {
        "type": "webhook",
        "url": "https://scrapejobs:p%40ss@h.example/x",
    }
    task = attach(UniversalTask(target="universal", url="https://example.com"), "https://h.example")
    assert (task.callback_url, task.to_dict().get("passthrough")) == ("https://h.example", None)


@pytest.mark.parametrize(
    ("request_", "url", "secret", "error", "message"),
    [
        ("not a request", "https://h.example", None, TypeError, "job request"),
        (WebhookHeaders(), "https://h.example", None, TypeError, "not WebhookHeaders"),
        (UniversalTask(target="universal", url="u"), "hooks/x", None, ValueError, "absolute"),
        (UniversalTask(target="universal", url="u"), "ftp://h", None, ValueError, "absolute"),
        (UniversalTask(target="universal", url="u"), "https://h", "", ValueError, "non-empty"),
        (
            CreateCollectionRequest(name="n", requests=[]),
            "https://h.example",
            "sp-secret",
            ValueError,
            "signing secret",
        ),
        (
            JobRequest(api_key="k", url="u"),
            "https://u:p@h.example",
            "sp-secret",
            ValueError,
            "credentials",
        ),
    ],
)
def test_attach_refuses_what_it_cannot_set(
    request_: Any, url: str, secret: str | None, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as raised:
        attach(request_, url, secret)
    assert "sp-secret" not in str(raised.value)
