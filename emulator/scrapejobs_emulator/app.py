"""The composition: one :class:`Emulator` is the shared state with every app built around it.

The apps — the five providers (each behind the fault middleware) and the control API — are
bound to the state and served as one ASGI app, each under its prefix (``/<provider>``,
``/_emulator``). This is the only module that imports every app.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.datastructures import URLPath
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import ASGIApp, Receive, Scope, Send

from scrapejobs_emulator.clock import Clock
from scrapejobs_emulator.config import PROVIDER_NAMES, EmulatorConfig
from scrapejobs_emulator.control import control_app
from scrapejobs_emulator.faults import ProviderMiddleware
from scrapejobs_emulator.persist import StateFile
from scrapejobs_emulator.provider import ProviderApp
from scrapejobs_emulator.providers import decodo, scrapedo, scraperapi, scrapingpros, scrapio
from scrapejobs_emulator.state import EmulatorState

LOGGER = logging.getLogger("scrapejobs_emulator")

PROVIDER_APPS: dict[str, Callable[[EmulatorState], ProviderApp]] = {
    "decodo": decodo.Provider,
    "scrapedo": scrapedo.Provider,
    "scrapingpros": scrapingpros.Provider,
    "scraperapi": scraperapi.Provider,
    "scrapio": scrapio.Provider,
}
"""How to build each provider's app, keyed by its name (also its mount prefix)."""


class PrefixDispatch(BaseRoute):
    """Route a request to the app named by its first path segment (``/<name>/...``)."""

    def __init__(self, apps: dict[str, ASGIApp]) -> None:
        self.apps = apps

    def _app_for(self, scope: Scope) -> tuple[str, ASGIApp] | None:
        path: str = scope.get("path", "")
        name = path[1:].split("/", 1)[0]
        app = self.apps.get(name)
        return (name, app) if app is not None else None

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """Match every request under one of the known prefixes."""
        if scope["type"] not in ("http", "websocket") or self._app_for(scope) is None:
            return Match.NONE, {}
        return Match.FULL, {}

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        """Reverse routing is not supported."""
        raise NoMatchFound(name, path_params)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hand the request to its app with the prefix moved into ``root_path``."""
        found = self._app_for(scope)
        if found is None:  # pragma: no cover - matches() said FULL
            raise RuntimeError("no app for this path")
        name, app = found
        child = dict(scope)
        child["root_path"] = scope.get("root_path", "") + f"/{name}"
        await app(child, receive, send)


class SavedBeforeAnswer:
    """Holds the answer to a changing request until the state file has it.

    Only with ``state_file`` and ``state_saved_before_answers``; other requests pass through.
    """

    CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request; save the state before the answer's first message goes out."""
        emulator = self.emulator
        if (
            scope["type"] != "http"
            or scope.get("method") not in self.CHANGING
            or emulator.state_file is None
            or not emulator.config.state_saved_before_answers
        ):
            await self.app(scope, receive, send)
            return

        async def saved_first(message: Any) -> None:
            if message["type"] == "http.response.start":
                await emulator.save_before_answer()
            await send(message)

        await self.app(scope, receive, saved_first)


class Emulator(EmulatorState):
    """All five provider APIs with shared clock, jobs, webhooks, faults and statistics.

    The state of :class:`~scrapejobs_emulator.state.EmulatorState` (same arguments) plus its
    apps: ``providers`` (name → app) and ``app``, the ASGI app serving them all (the emulator is
    also callable as that app). With ``config.state_file`` set, the state is loaded from that
    file (when it exists) and ``state_file`` keeps it saved while :meth:`run_background` runs.

    Raises:
        persist.StateDocumentError: when ``config.state_file`` is corrupt or of another version.

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
        super().__init__(
            config,
            clock=clock,
            webhook_transport=webhook_transport,
            fetch_transport=fetch_transport,
            sleep=sleep,
        )
        self.providers: dict[str, ProviderApp] = {
            name: PROVIDER_APPS[name](self) for name in PROVIDER_NAMES
        }
        self._save_waiters: list[asyncio.Future[None]] = []
        self._saver: asyncio.Task[None] | None = None
        self.app = self._build_app()
        self.state_file: StateFile | None = None
        if self.config.state_file is not None:
            self.state_file = StateFile(self, Path(self.config.state_file))
            self.state_file.load()
            self.on_background(self._save_state)

    def _save_state(self, stopping: bool) -> None:
        """Save the state file: throttled while running, unconditionally when stopping.

        A failed write is logged (the previous file stays whole) and retried next round.
        """
        if self.state_file is None:  # pragma: no cover - registered only with a file
            return
        try:
            if stopping:
                self.state_file.flush(time.monotonic())
            else:
                self.state_file.save_if_due(time.monotonic())
        except OSError as exc:
            LOGGER.warning("could not save the state file %s: %s", self.state_file.path, exc)

    async def save_before_answer(self) -> None:
        """Return once the state file holds the state as it is now.

        Requests answered in the same round of the event loop share one save. A failed save is
        logged (the previous file stays whole) and does not hold the answer back.
        """
        if self.state_file is None:
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._save_waiters.append(waiter)
        if self._saver is None or self._saver.done():
            self._saver = asyncio.create_task(self._save_for_waiters())
        await waiter

    async def _save_for_waiters(self) -> None:
        while self._save_waiters:
            await asyncio.sleep(0)  # let the requests answered in this round join the save
            waiters, self._save_waiters = self._save_waiters, []
            self._save_state(stopping=True)
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    def _build_app(self) -> Starlette:
        prefixes: dict[str, ASGIApp] = {
            name: SavedBeforeAnswer(ProviderMiddleware(provider.app(), provider, self), self)
            for name, provider in self.providers.items()
        }
        prefixes["_emulator"] = control_app(self)
        # Starlette's Mount matches with ``.*``, which stops at a newline in a path; dispatch on
        # the first path segment instead so every request reaches its provider's envelope.
        return Starlette(routes=[PrefixDispatch(prefixes)])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the emulator as an ASGI app."""
        await self.app(scope, receive, send)
