"""wait() finishes from webhook deliveries, and falls back to polling when deliveries are lost.

The emulator delivers each provider's real webhooks to the overlay's receiver, whose handlers
feed ``WebhookEvents``; the job client waits on them. The injected sleep moves the manual clock
by at most one second and then lets the emulator deliver what is due, so nothing really sleeps.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from decodo_client.models import UniversalTask
from scrapedo_client.models import CreateJobRequest, WebhookHeaders
from scraperapi_client.models import Callback, JobRequest
from scrapingpros_client.models import CollectionRequest, CreateCollectionRequest
from scrapio_client.models import FetchInput, FetchJobRequest, Webhook

from scrapejobs.client import AsyncJobs
from scrapejobs.states import JobState
from scrapejobs.webhooks.events import WebhookEvents
from scrapejobs.webhooks.receiver import webhook_app
from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    ManualClock,
    Progression,
)
from tests.emulator.test_webhooks_end_to_end import (
    DECODO_PASSTHROUGH,
    HOOKS,
    PROVIDERS,
    SA_PASSWORD_IN_URL,
    SA_USER,
    SCRAPEDO_HEADER,
    SCRAPIO_TOKEN,
    SP_SECRET,
    TOKEN,
    verifiers,
)


def request_for(provider: str, n: int) -> Any:
    urls = [f"https://example.com/{provider}/{i}" for i in range(n)]
    if provider == "decodo":
        return UniversalTask(
            target="universal",
            url=urls[0],
            callback_url=f"{HOOKS}/decodo",
            passthrough=DECODO_PASSTHROUGH,
        )
    if provider == "scrapedo":
        headers = WebhookHeaders()
        headers[SCRAPEDO_HEADER[0]] = SCRAPEDO_HEADER[1]
        return CreateJobRequest(
            targets=urls, webhook_url=f"{HOOKS}/scrapedo", webhook_headers=headers
        )
    if provider == "scrapingpros":
        return CreateCollectionRequest(
            name="wait",
            requests=[CollectionRequest(url=u) for u in urls],
            callback_url=f"{HOOKS}/scrapingpros",
        )
    if provider == "scraperapi":
        return JobRequest(
            api_key="",  # filled in by the client from its token
            url=urls[0],
            callback=Callback(
                type_="webhook",
                url=f"https://{SA_USER}:{SA_PASSWORD_IN_URL}@hooks.test/hooks/scraperapi",
            ),
        )
    return FetchJobRequest(
        kind="fetch",
        input_=FetchInput(url=urls[0]),
        webhook=Webhook(url=f"{HOOKS}/scrapio?token={SCRAPIO_TOKEN}"),
    )


def run_wait(provider: str, *, lose_deliveries: bool) -> tuple[float, int, int]:
    """Submit jobs with webhooks, wait with events; return (emulated seconds, jobs, status reads)."""
    clock = ManualClock()
    events = WebhookEvents()
    app = webhook_app(
        {name: events.handler(v) for name, v in verifiers(clock).items()}, prefix="/hooks"
    )
    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(min_seconds=1.0, max_seconds=1.0),
        webhook_secret=SP_SECRET,
    )
    config.faults.webhook_failure_rate = 1.0 if lose_deliveries else 0.0
    emulator = Emulator(config, clock=clock, webhook_transport=httpx.ASGITransport(app=app))

    async def sleep(seconds: float) -> None:
        clock.advance(min(seconds, 1.0))
        await emulator.deliver_webhooks()

    async def flow() -> tuple[float, int]:
        jobs = AsyncJobs(
            provider,
            TOKEN,
            base_url=f"http://emu/{provider}",
            httpx_args={"transport": EmulatorTransport(emulator)},
            clock=clock.now,
            sleep=sleep,
        )
        refs = await jobs.submit(request_for(provider, 3))
        start = clock.now()
        final = await jobs.wait(refs, events=events, fallback_interval=30.0, timeout=300)
        assert {status.state for status in final.values()} == {JobState.SUCCEEDED}
        return clock.now() - start, len(refs)

    elapsed, count = asyncio.run(flow())
    stats = emulator.stats.as_json()[provider]["requests"]
    reads = sum(n for op, n in stats.items() if op.startswith(("get_", "list_")))
    return elapsed, count, reads


@pytest.mark.parametrize("provider", PROVIDERS)
def test_delivery_finishes_the_wait_long_before_the_fallback_poll(provider: str) -> None:
    elapsed, jobs, reads = run_wait(provider, lose_deliveries=False)
    assert elapsed <= 3.0  # woken by the webhook, not by the 30 s fallback
    assert reads <= 2 * jobs + 2


@pytest.mark.parametrize("provider", PROVIDERS)
def test_lost_deliveries_fall_back_to_polling(provider: str) -> None:
    elapsed, _, _ = run_wait(provider, lose_deliveries=True)
    if provider == "scrapingpros":
        # It calls once per run, not per job: its jobs are read on the learned schedule anyway.
        assert elapsed <= 3.0
        return
    # One fallback interval (30 s, jittered by up to 20 %), then the poll saw the jobs done.
    assert 30.0 * 0.8 - 1 <= elapsed <= 30.0 * 1.2 + 1
