"""A stateless webhook receiver that keeps every verified delivery in PostgreSQL.

::

    location = parse_postgres_url("postgresql://hooks@db/scrape?run=prices")
    app = receiver_app(DeliveryDatabase(location), "scrapio", run_verifier)
    # uvicorn module:app on as many machines as you like, behind one load balancer

It is the webhooks room's receiver (:func:`scrapejobs.webhooks.receiver.webhook_app`: body limits,
read timeout, 404 for other paths) with a callback that stores the delivery
(:mod:`scrapejobs.batch.pg_deliveries`). Answers: 200 once the delivery is stored (or was stored
before, by this receiver or another), 401 when it fails verification (never stored), 503 with
``Retry-After`` when the database cannot be reached (so the provider delivers it again; never a
2xx for a delivery that was not stored), and the webhooks receiver's other answers (400, 404,
408, 413). Holds nothing but database connections and the verifier, made on the first delivery
from the ledger's run id.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from scrapejobs.batch.pg_deliveries import DeliveryDatabase
from scrapejobs.webhooks.handler import DeliveryNotStoredError, WebhookHandler
from scrapejobs.webhooks.receiver import LOG, UNAVAILABLE_RETRY_AFTER, webhook_app
from scrapejobs.webhooks.verifiers.base import WebhookVerifier

VerifierFor = Callable[[str], WebhookVerifier[Any]]
"""Makes the run's verifier from the ledger's run id (see ``pg_deliveries.run_id``)."""


class PostgresReceiver:
    """The ASGI app :func:`receiver_app` returns (``database`` is closed on lifespan shutdown)."""

    def __init__(
        self,
        database: DeliveryDatabase,
        provider: str,
        verifier_for: VerifierFor,
        *,
        prefix: str = "/hooks",
    ) -> None:
        self.database = database
        self.provider = provider
        self._verifier_for = verifier_for
        self._prefix = prefix
        self._app: ASGIApp | None = None
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"PostgresReceiver({self.provider!r}, {self.database!r})"

    async def _inner(self) -> ASGIApp:
        """Return the webhooks receiver for the run, made on first use.

        Raises DeliveryNotStoredError while the database cannot give the run's id.
        """
        async with self._lock:
            if self._app is None:
                verifier = self._verifier_for(await self.database.run_id())
                handler = WebhookHandler(verifier, self._store)
                routes = {self.provider: handler}
                self._app = webhook_app(routes, prefix=self._prefix, deduplicate=False)
            return self._app

    async def _store(self, payload: Any) -> None:
        """Store one verified delivery (raises DeliveryNotStoredError: answered 503)."""
        if await self.database.record(self.provider, payload):
            LOG.info("%s webhook stored", self.provider)
        else:
            LOG.info("duplicate %s webhook acknowledged (stored before)", self.provider)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection: lifespan, or a delivery (503 while no run id can be read)."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        try:
            app = await self._inner()
        except DeliveryNotStoredError as exc:
            LOG.warning("%s webhook not stored, the provider will retry: %s", self.provider, exc)
            response = JSONResponse(
                {"error": "unavailable"},
                status_code=503,
                headers={"Retry-After": UNAVAILABLE_RETRY_AFTER},
            )
            await response(scope, receive, send)
            return
        await app(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.database.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


def receiver_app(
    database: DeliveryDatabase,
    provider: str,
    verifier_for: VerifierFor,
    *,
    prefix: str = "/hooks",
) -> PostgresReceiver:
    """Return an ASGI app serving ``POST {prefix}/{provider}`` that stores deliveries.

    ``verifier_for(run_id)`` makes the verifier of the run (``database.target.run``); see
    the module docstring for the answers. Never logs a body, header value or secret.
    """
    return PostgresReceiver(database, provider, verifier_for, prefix=prefix)


__all__ = ["PostgresReceiver", "VerifierFor", "receiver_app"]
