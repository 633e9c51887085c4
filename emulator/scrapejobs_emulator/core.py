"""The emulator: shared state of the five provider APIs and the ASGI app that serves them."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import importlib.resources
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import yaml
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from scrapejobs_emulator.clock import Clock, SystemClock
from scrapejobs_emulator.config import PROVIDER_NAMES, EmulatorConfig
from scrapejobs_emulator.content import ContentSource
from scrapejobs_emulator.jobs import JobStore
from scrapejobs_emulator.webhooks import WebhookDispatcher


def account_label(token: str) -> str:
    """Return a stable, non-secret label for an account token (``acct_`` + 10 hex digits)."""
    return "acct_" + hashlib.sha256(token.encode()).hexdigest()[:10]


class Stats:
    """Counters the control API reports: jobs created and requests served per operation."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str]] = Counter()
        self.jobs: Counter[tuple[str, str]] = Counter()
        self.faults: Counter[tuple[str, str]] = Counter()

    def count_request(self, provider: str, operation: str) -> None:
        """Count one request served by ``provider``'s ``operation``."""
        self.requests[(provider, operation)] += 1

    def count_job(self, provider: str, account: str, n: int = 1) -> None:
        """Count ``n`` jobs created by ``account`` at ``provider``."""
        self.jobs[(provider, account_label(account))] += n

    def count_fault(self, provider: str, fault: str) -> None:
        """Count one injected fault."""
        self.faults[(provider, fault)] += 1

    def as_json(self) -> dict[str, Any]:
        """Return the counters grouped by provider."""
        result: dict[str, Any] = {
            name: {"requests": {}, "jobs_created": {}, "faults": {}} for name in PROVIDER_NAMES
        }
        for (provider, operation), n in sorted(self.requests.items()):
            result[provider]["requests"][operation] = n
        for (provider, account), n in sorted(self.jobs.items()):
            result[provider]["jobs_created"][account] = n
        for (provider, fault), n in sorted(self.faults.items()):
            result[provider]["faults"][fault] = n
        return result

    def clear(self) -> None:
        """Reset every counter."""
        self.requests.clear()
        self.jobs.clear()
        self.faults.clear()


@functools.cache
def _spec(provider: str) -> dict[str, Any]:
    """Return a provider's spec: shipped in the wheel, or from the source tree's ``specs/``."""
    name = f"{provider}.openapi.yaml"
    shipped = importlib.resources.files("scrapejobs_emulator").joinpath("specs", name)
    source = Path(__file__).resolve().parents[2] / "specs" / name
    text = shipped.read_text() if shipped.is_file() else source.read_text()
    document: dict[str, Any] = yaml.safe_load(text)
    return document


class Emulator:
    """All five provider APIs with shared clock, jobs, webhooks, faults and statistics.

    ``clock`` defaults to the wall clock; pass a :class:`~scrapejobs_emulator.clock.ManualClock`
    in tests. ``webhook_transport`` and ``fetch_transport`` let tests deliver webhooks to, and
    fetch targets from, in-process apps. ``sleep`` is what the ``slow`` fault awaits.
    """

    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        clock: Clock | None = None,
        webhook_transport: httpx.AsyncBaseTransport | None = None,
        fetch_transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.config = config or EmulatorConfig()
        self.clock: Clock = clock or SystemClock()
        self.sleep = sleep
        self.rng = random.Random(self.config.seed)  # noqa: S311 -- reproducible faults, not security
        self.store = JobStore(self.config, self.clock, self.rng)
        self.stats = Stats()
        self._fetch_transport = fetch_transport
        self.content = ContentSource(
            self.config.fetch_mode, self.config.result_size, fetch_transport
        )
        self.webhooks = WebhookDispatcher(
            self.clock, self.rng, lambda: self.config.faults, transport=webhook_transport
        )
        from scrapejobs_emulator.providers import build_providers

        self.providers = build_providers(self)
        self._background: set[asyncio.Task[None]] = set()
        self.app = self._build_app()

    # -- configuration ----------------------------------------------------------------------

    def configure(self, config: EmulatorConfig) -> None:
        """Replace the configuration (jobs and webhooks already queued keep their plans)."""
        self.config = config
        self.store.config = config
        self.rng.seed(config.seed)
        self.content = ContentSource(config.fetch_mode, config.result_size, self._fetch_transport)

    def reset(self) -> None:
        """Forget all jobs, webhooks and statistics; keep the configuration."""
        self.store.clear()
        self.webhooks.clear()
        self.stats.clear()
        self.rng.seed(self.config.seed)
        for provider in self.providers.values():
            provider.reset()

    # -- time -------------------------------------------------------------------------------

    def tick(self) -> None:
        """Finish every job whose time has come (queues their webhooks)."""
        self.store.tick()

    async def deliver_webhooks(self) -> int:
        """Progress jobs, then attempt every due webhook once; return the attempts made."""
        self.tick()
        return len(await self.webhooks.deliver_due())

    async def run_background(self, interval: float = 0.05) -> None:
        """Deliver webhooks and finish jobs forever, every ``interval`` real seconds."""
        while True:
            await self.deliver_webhooks()
            await asyncio.sleep(interval)

    # -- documents --------------------------------------------------------------------------

    def spec_document(self, provider: str) -> dict[str, Any]:
        """Return ``provider``'s OpenAPI document with its server set to this emulator's mount."""
        document = dict(_spec(provider))
        document["servers"] = [
            {"url": f"/{provider}", "description": "scrapejobs emulator"},
            *document.get("servers", []),
        ]
        return document

    # -- ASGI ---------------------------------------------------------------------------------

    def _build_app(self) -> Starlette:
        from scrapejobs_emulator.control import control_app
        from scrapejobs_emulator.faults import ProviderMiddleware

        mounts = [
            Mount(f"/{name}", app=ProviderMiddleware(provider.app(), provider, self))
            for name, provider in self.providers.items()
        ]
        mounts.append(Mount("/_emulator", app=control_app(self)))
        return Starlette(routes=mounts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the emulator as an ASGI app."""
        await self.app(scope, receive, send)
