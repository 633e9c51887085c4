"""An ASGI webhook receiver for the five providers (Starlette; run alone or mount in FastAPI).

::

    from scrapejobs.receiver import WebhookHandler, webhook_app
    from scrapejobs.webhooks import ScrapingProsVerifier

    async def on_run(event: RunCompletedEvent) -> None: ...

    app = webhook_app({"scrapingpros": WebhookHandler(ScrapingProsVerifier("whsec_..."), on_run)})
    # uvicorn module:app, or fastapi_app.mount("/hooks", app)

Each registered name gets ``POST <prefix>/<name>``. Answers: 200 after the callback ran, 200
without calling it again for a recognised duplicate, 401 when verification fails, 413 for a body
over the verifier's limit, 408 for a body not received within ``read_timeout`` (default 30 s),
400 for a malformed payload, 404 for an unregistered name, 500 when the
callback raised (so the provider retries). Bodies never echo the request or a secret.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from scrapejobs.errors import (
    WebhookBodyTooLargeError,
    WebhookPayloadError,
    WebhookVerificationError,
)
from scrapejobs.webhooks import DeliveryDeduplicator, WebhookVerifier

LOG = logging.getLogger("scrapejobs.webhooks")
T = TypeVar("T")
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
DEFAULT_READ_TIMEOUT = 30.0
"""Seconds a webhook body may take to arrive, whole (a trickling sender cannot stretch it)."""


@dataclass(frozen=True)
class WebhookHandler(Generic[T]):
    """One provider's verifier (which holds the secret) and the callback for its payloads.

    ``callback`` receives the typed payload; it may be ``async def`` (awaited on the event loop)
    or a plain function (run in a worker thread). Its return value is ignored.
    """

    verifier: WebhookVerifier[T]
    callback: Callable[[T], Awaitable[object] | object] = field(repr=False)


async def _read_limited(request: Request, limit: int, timeout: float) -> bytes | None:
    """Return the body, or None as soon as it exceeds ``limit`` bytes (never reads it all).

    Raises:
        TimeoutError: the whole body did not arrive within ``timeout`` seconds.
        starlette.requests.ClientDisconnect: the client went away before sending it all.

    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    with anyio.fail_after(timeout):
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


async def _call(callback: Callable[[Any], Any], payload: Any) -> None:
    if inspect.iscoroutinefunction(callback) or inspect.iscoroutinefunction(
        type(callback).__call__  # objects with an async __call__
    ):
        await callback(payload)
        return
    result = await run_in_threadpool(callback, payload)
    if inspect.isawaitable(result):
        await result


def webhook_app(
    handlers: Mapping[str, WebhookHandler[Any]],
    *,
    prefix: str = "",
    deduplicator: DeliveryDeduplicator | None = None,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
) -> Starlette:
    """Return a Starlette app serving ``POST {prefix}/{name}`` for every handler name.

    Names are usually the provider names (``decodo``, ``scrapedo``, ``scrapingpros``,
    ``scraperapi``, ``scrapio``); any ``[A-Za-z0-9_-]+`` works, e.g. one route per account.
    Duplicates are recognised per provider with ``deduplicator`` (a fresh
    :class:`DeliveryDeduplicator` by default); a delivery whose callback raised is forgotten, so
    the provider's retry is processed. A body must arrive whole within ``read_timeout``
    seconds (408 and the connection closed otherwise, so a slow sender cannot hold a request
    open). Never logs a body, header value or secret, nor a traceback for a sender that hung up.

    Raises:
        ValueError: for a route name outside ``[A-Za-z0-9_-]+``, a prefix not starting
            with ``/``, or a ``read_timeout`` that is not positive.

    """
    if not read_timeout > 0:
        raise ValueError("read_timeout must be positive")
    for name in handlers:
        if not _NAME.match(name):
            raise ValueError(f"route name {name!r} must match [A-Za-z0-9_-]+")
    if prefix and not prefix.startswith("/"):
        raise ValueError("prefix must start with '/'")
    table = dict(handlers)
    seen = deduplicator if deduplicator is not None else DeliveryDeduplicator()

    async def receive(request: Request) -> JSONResponse:
        name = request.path_params["provider"]
        handler = table.get(name)
        if handler is None:
            return JSONResponse({"error": "unknown_provider"}, status_code=404)
        verifier = handler.verifier
        provider = verifier.provider
        try:
            body = await _read_limited(request, verifier.max_body_bytes, read_timeout)
        except TimeoutError:
            LOG.warning("rejected %s webhook: body_timeout", name)
            return JSONResponse(
                {"error": "body_timeout"}, status_code=408, headers={"Connection": "close"}
            )
        except ClientDisconnect:
            LOG.info("%s webhook: the sender disconnected before its body arrived", name)
            return JSONResponse({"error": "client_disconnected"}, status_code=400)
        if body is None:
            LOG.warning("rejected %s webhook: body_too_large", name)
            return JSONResponse({"error": "body_too_large"}, status_code=413)
        try:
            payload = verifier.verify(body, request.headers, str(request.url))
        except WebhookBodyTooLargeError as exc:
            LOG.warning("rejected %s webhook: %s", name, exc.reason)
            return JSONResponse({"error": exc.reason}, status_code=413)
        except WebhookPayloadError as exc:
            LOG.warning("rejected %s webhook: %s", name, exc.reason)
            return JSONResponse({"error": exc.reason}, status_code=400)
        except WebhookVerificationError as exc:
            LOG.warning("rejected %s webhook: %s", name, exc.reason)
            return JSONResponse({"error": "unauthorized", "reason": exc.reason}, status_code=401)
        if seen.seen(provider, payload):
            LOG.info("duplicate %s webhook acknowledged", name)
            return JSONResponse({"status": "duplicate"})
        try:
            await _call(handler.callback, payload)
        except Exception:
            seen.forget(provider, payload)
            LOG.exception("callback for %s webhook failed", name)
            return JSONResponse({"error": "callback_failed"}, status_code=500)
        return JSONResponse({"status": "accepted"})

    path = prefix.rstrip("/") + "/{provider}"
    return Starlette(routes=[Route(path, receive, methods=["POST"])])
