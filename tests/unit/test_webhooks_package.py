"""The webhooks room as a package: its public names, and Starlette only where it is used."""

from __future__ import annotations

import asyncio
import inspect
import json
import subprocess
import sys

import scrapejobs.webhooks
from scrapejobs.jobs import JobRef
from scrapejobs.webhooks import ScrapioVerifier, WebhookEvents, WebhookHandler
from scrapejobs.webhooks.events import WebhookEvents as EventsFromModule
from scrapejobs.webhooks.handler import WebhookHandler as HandlerFromModule


def test_the_package_exports_every_documented_name() -> None:
    documented = {
        "DecodoVerifier",
        "ScrapedoVerifier",
        "ScrapingProsVerifier",
        "ScraperApiVerifier",
        "ScrapioVerifier",
        "DeliveryDeduplicator",
        "WebhookVerifier",
        "WebhookHandler",
        "WebhookEvents",
        "MAX_BODY_BYTES",
        "delivery_key",
        "scrapingpros_signature",
    }
    assert documented <= set(scrapejobs.webhooks.__all__)
    assert all(hasattr(scrapejobs.webhooks, name) for name in scrapejobs.webhooks.__all__)
    assert WebhookEvents is EventsFromModule
    assert WebhookHandler is HandlerFromModule


def test_importing_scrapejobs_and_its_webhooks_does_not_import_starlette() -> None:
    code = (
        "import sys, scrapejobs, scrapejobs.webhooks, scrapejobs.webhooks.events;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'starlette'))"
    )
    without = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert without.stdout.strip() == "[]"
    with_receiver = subprocess.run(
        [sys.executable, "-c", "import scrapejobs.webhooks.receiver;" + code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "starlette.applications" in with_receiver.stdout


def test_a_handler_built_without_the_receiver_wakes_its_job() -> None:
    events = WebhookEvents()
    verifier = ScrapioVerifier("a-long-random-token")
    handler = events.handler(verifier)
    assert isinstance(handler, WebhookHandler)
    assert handler.verifier is verifier
    body = json.dumps(
        {
            "type": "job.completed",
            "data": {
                "request_id": "req-1",
                "job_id": "job-1",
                "job_type": "fetch",
                "status": "completed",
                "mode": "async",
                "created_at": "2026-06-26T10:00:00Z",
                "result_available": True,
            },
        }
    ).encode()
    payload = verifier.verify(body, {}, "/hooks/scrapio?token=a-long-random-token")
    done, waiting = JobRef("scrapio", "job-1"), JobRef("scrapio", "job-2")
    assert events.take([done, waiting]) == []

    async def deliver() -> None:
        result = handler.callback(payload)
        assert inspect.isawaitable(result)
        await result

    asyncio.run(deliver())
    assert events.take([done, waiting]) == [done]
