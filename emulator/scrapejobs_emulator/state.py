"""The emulator's shared state: configuration, clock, jobs, webhooks, content and statistics.

Every app (each provider, the control API, the fault middleware) is bound to one
:class:`EmulatorState` and reads or changes it; this module imports none of them. The
composition that builds the apps around a state is :mod:`scrapejobs_emulator.app`.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from scrapejobs_emulator import schemas
from scrapejobs_emulator.clock import Clock, SystemClock
from scrapejobs_emulator.config import EmulatorConfig
from scrapejobs_emulator.content import ContentSource
from scrapejobs_emulator.jobs import JobStore
from scrapejobs_emulator.schemas import SchemaError
from scrapejobs_emulator.stats import Stats
from scrapejobs_emulator.webhooks import Webhook, WebhookDispatcher


class EmulatorState:
    """Clock, jobs, webhooks, content, faults' random generator and statistics, shared by the apps.

    ``clock`` defaults to the wall clock; pass a :class:`~scrapejobs_emulator.clock.ManualClock`
    in tests. ``webhook_transport`` and ``fetch_transport`` let tests deliver webhooks to, and
    fetch targets from, in-process apps. ``sleep`` is what the ``slow`` fault awaits. Apps that
    keep state of their own register a hook with :meth:`on_reset` so :meth:`reset` forgets it.
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
        self._reset_hooks: list[Callable[[], None]] = []
        self._background_hooks: list[Callable[[bool], object]] = []
        self.persisted: dict[str, tuple[Callable[..., Any], Callable[..., None]]] = {}
        """Name → (dump, load) of each app's own state kept in state documents."""
        self.webhook_binders: dict[str, Callable[[Webhook], None]] = {}
        """Provider → hook re-attaching a restored webhook to its provider (signing, job links)."""

    # -- configuration ----------------------------------------------------------------------

    def configure(self, config: EmulatorConfig) -> None:
        """Replace the configuration (jobs and webhooks already queued keep their plans)."""
        self.config = config
        self.store.config = config
        self.rng.seed(config.seed)
        self.content = ContentSource(config.fetch_mode, config.result_size, self._fetch_transport)

    def on_reset(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` (an app forgetting its own state) on every :meth:`reset`."""
        self._reset_hooks.append(hook)

    def on_persist(self, name: str, dump: Callable[..., Any], load: Callable[..., None]) -> None:
        """Keep ``name``'s own state in state documents (see :mod:`scrapejobs_emulator.persist`)."""
        self.persisted[name] = (dump, load)

    def on_webhook_restored(self, provider: str, hook: Callable[[Webhook], None]) -> None:
        """Call ``hook`` with each of ``provider``'s webhooks a state document restores."""
        self.webhook_binders[provider] = hook

    def reset(self) -> None:
        """Forget all jobs, webhooks, statistics and apps' state; keep the configuration."""
        self.store.clear()
        self.webhooks.clear()
        self.stats.clear()
        self.rng.seed(self.config.seed)
        for hook in self._reset_hooks:
            hook()

    # -- time -------------------------------------------------------------------------------

    def tick(self) -> None:
        """Finish every job whose time has come (queues their webhooks)."""
        self.store.tick()

    async def deliver_webhooks(self) -> int:
        """Progress jobs, then attempt every due webhook once; return the attempts made."""
        self.tick()
        return len(await self.webhooks.deliver_due())

    def next_event_at(self) -> float | None:
        """Return the clock time of the next thing that happens by itself, or None.

        That is a job finishing or a webhook attempt falling due; for drivers of a manual clock.
        """
        times = [
            t for t in (self.store.next_finish_at(), self.webhooks.next_due_at()) if t is not None
        ]
        return min(times) if times else None

    def on_background(self, hook: Callable[[bool], object]) -> None:
        """Call ``hook(False)`` after each :meth:`run_background` round, ``hook(True)`` at its end.

        For example, saving the state file.
        """
        self._background_hooks.append(hook)

    async def run_background(self, interval: float = 0.05) -> None:
        """Deliver webhooks and finish jobs forever, every ``interval`` real seconds.

        Calls the :meth:`on_background` hooks after each round and once more when cancelled.
        """
        try:
            while True:
                await self.deliver_webhooks()
                for hook in self._background_hooks:
                    hook(False)
                await asyncio.sleep(interval)
        finally:
            for hook in self._background_hooks:
                hook(True)

    # -- documents --------------------------------------------------------------------------

    def schema_errors(self, provider: str, component: str, data: Any) -> list[SchemaError]:
        """Return how ``data`` breaks ``provider``'s component schema (best match first)."""
        return schemas.schema_errors(provider, component, data)

    def spec_document(self, provider: str) -> dict[str, Any]:
        """Return ``provider``'s OpenAPI document with its server set to this emulator's mount."""
        return schemas.spec_document(provider)
