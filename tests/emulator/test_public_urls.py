"""Every absolute URL the emulator hands out points back at the emulator that served it.

The server runs on loopback on a random port; each URL found in an answer or a webhook payload
is followed with httpx and must answer 200 (not 404, not a refused connection). An explicit
``public_base_url`` wins over the request's own address.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx

from scrapejobs_emulator import Emulator, EmulatorConfig, Progression
from scrapejobs_emulator.server import serve_in_thread

TOKEN = "emulator-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
INSTANT = Progression(mode="duration", min_seconds=0.0, max_seconds=0.0)


class Hooks:
    """A webhook transport that records payloads and signals each one."""

    def __init__(self) -> None:
        self.payloads: list[dict[str, Any]] = []
        self.arrived = threading.Event()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.payloads.append(json.loads(request.read()))
        self.arrived.set()
        return httpx.Response(200)


def scraperapi_urls(client: httpx.Client) -> list[str]:
    """Create a job and a batch on ScraperAPI; return every ``statusUrl`` they carry."""
    one = client.post("/scraperapi/jobs", json={"apiKey": TOKEN, "url": "https://example.com/a"})
    batch = client.post(
        "/scraperapi/batchjobs", json={"apiKey": TOKEN, "urls": ["https://example.com/b"]}
    )
    assert one.status_code == batch.status_code == 200
    return [one.json()["statusUrl"], *(job["statusUrl"] for job in batch.json())]


def scrapingpros_results_url(client: httpx.Client, hooks: Hooks) -> str:
    """Run an empty collection with a callback; return the webhook's ``results_url``."""
    created = client.post(
        "/scrapingpros/v1/async/collections",
        json={"name": "urls", "requests": [], "callback_url": "https://hooks.test/sp"},
        headers=BEARER,
    )
    assert created.status_code == 201, created.text
    run = client.post(
        f"/scrapingpros/v1/async/collections/{created.json()['id']}/run", headers=BEARER
    )
    assert run.status_code in (200, 201, 202), run.text
    assert hooks.arrived.wait(10), "the run.completed webhook never arrived"
    url: str = hooks.payloads[0]["results_url"]
    return url


def test_every_handed_out_url_answers_over_loopback() -> None:
    hooks = Hooks()
    emulator = Emulator(
        EmulatorConfig(progression=INSTANT), webhook_transport=httpx.MockTransport(hooks)
    )
    with serve_in_thread(emulator) as base_url, httpx.Client(base_url=base_url) as client:
        status_urls = scraperapi_urls(client)
        results_url = scrapingpros_results_url(client, hooks)
        for url in status_urls:
            assert url.startswith(f"{base_url}/scraperapi/jobs/")
            answer = httpx.get(url, params={"apiKey": TOKEN})
            assert answer.status_code == 200, (url, answer.text)
            assert answer.json()["statusUrl"] == url
        assert results_url.startswith(f"{base_url}/scrapingpros/v1/async/collections/")
        answer = httpx.get(results_url, headers=BEARER)
        assert answer.status_code == 200, (results_url, answer.text)
        assert answer.json()["status"] == "completed"


def test_the_host_header_the_client_used_is_the_one_handed_back() -> None:
    with serve_in_thread(Emulator()) as base_url, httpx.Client(base_url=base_url) as client:
        port = base_url.rsplit(":", 1)[1]
        answer = client.post(
            "/scraperapi/jobs",
            json={"apiKey": TOKEN, "url": "https://example.com/"},
            headers={"Host": f"localhost:{port}"},
        )
    assert answer.json()["statusUrl"].startswith(f"http://localhost:{port}/scraperapi/jobs/")


def test_an_explicit_public_base_url_wins() -> None:
    hooks = Hooks()
    config = EmulatorConfig(progression=INSTANT, public_base_url="https://emulator.example/x/")
    emulator = Emulator(config, webhook_transport=httpx.MockTransport(hooks))
    with serve_in_thread(emulator) as base_url, httpx.Client(base_url=base_url) as client:
        status_urls = scraperapi_urls(client)
        results_url = scrapingpros_results_url(client, hooks)
    assert all(u.startswith("https://emulator.example/x/scraperapi/jobs/") for u in status_urls)
    assert results_url.startswith("https://emulator.example/x/scrapingpros/v1/async/collections/")
