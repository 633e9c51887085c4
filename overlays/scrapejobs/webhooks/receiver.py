"""An ASGI webhook receiver for the five providers (Starlette; run alone or mount in FastAPI).

::

    from scrapejobs.webhooks import ScrapingProsVerifier, WebhookHandler
    from scrapejobs.webhooks.receiver import webhook_app

    async def on_run(event: RunCompletedEvent) -> None: ...

    app = webhook_app({"scrapingpros": WebhookHandler(ScrapingProsVerifier("whsec_..."), on_run)})
    # uvicorn module:app, or fastapi_app.mount("/hooks", app)

Each registered name gets ``POST <prefix>/<name>``. Answers: 200 after the callback ran, 200
without calling it again for a recognised duplicate, 401 when verification fails, 413 for a body
over the verifier's limit, 408 for a body not received within ``read_timeout`` (default 30 s),
400 for a malformed payload, 404 for an unregistered name or any other path, 500 when the
callback raised (so the provider retries), 503 with ``Retry-After`` when it raised
:class:`~scrapejobs.webhooks.handler.DeliveryNotStoredError` (its store is down). Bodies never
echo the request or a secret.

A delivery that reaches no route (a wrong path or provider name, e.g. a callback URL that
misses the prefix) is logged at WARNING with its path (query values redacted) and the routes
that exist, and counted in ``app.state.unrouted`` (:class:`UnroutedDeliveries`), so a wrong URL
shows at once instead of every wait lasting its whole fallback interval.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

try:
    import anyio
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route
except ModuleNotFoundError as missing:  # the base install: no server code
    if missing.name not in ("anyio", "starlette"):
        raise
    hint = "the webhook receiver needs its extra: pip install 'scrapejobs[webhooks]'"
    raise ImportError(hint, name=missing.name) from None

from scrapejobs.errors import (
    WebhookBodyTooLargeError,
    WebhookPayloadError,
    WebhookVerificationError,
)
from scrapejobs.webhooks.deliveries import DeliveryDeduplicator
from scrapejobs.webhooks.handler import DeliveryNotStoredError, WebhookHandler

LOG = logging.getLogger("scrapejobs.webhooks")
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
UNAVAILABLE_RETRY_AFTER = "5"
"""Seconds a provider is asked to wait before delivering again when a delivery was not stored."""
DEFAULT_READ_TIMEOUT = 30.0
"""Seconds a webhook body may take to arrive, whole (a trickling sender cannot stretch it)."""


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


class _Refused(Exception):
    """A delivery answered before its callback runs; ``response`` says why (logged already)."""

    def __init__(self, response: JSONResponse) -> None:
        super().__init__(response.status_code)
        self.response = response


async def _body(request: Request, name: str, limit: int, timeout: float) -> bytes:
    """Return the whole body of a delivery to route ``name``, at most ``limit`` bytes.

    Raises:
        _Refused: 408 (not received within ``timeout``), 400 (the sender disconnected) or 413
            (over ``limit``).

    """
    try:
        body = await _read_limited(request, limit, timeout)
    except TimeoutError:
        LOG.warning("rejected %s webhook: body_timeout", name)
        raise _Refused(
            JSONResponse(
                {"error": "body_timeout"}, status_code=408, headers={"Connection": "close"}
            )
        ) from None
    except ClientDisconnect:
        LOG.info("%s webhook: the sender disconnected before its body arrived", name)
        raise _Refused(JSONResponse({"error": "client_disconnected"}, status_code=400)) from None
    if body is None:
        LOG.warning("rejected %s webhook: body_too_large", name)
        raise _Refused(JSONResponse({"error": "body_too_large"}, status_code=413))
    return body


def _verified(handler: WebhookHandler[Any], name: str, body: bytes, request: Request) -> Any:
    """Return the typed payload ``handler.verifier`` makes of ``body``.

    Raises:
        _Refused: 413 (too large), 400 (malformed payload) or 401 (not authentic), each with
            the verifier's reason and nothing from the request.

    """
    try:
        return handler.verifier.verify(body, request.headers, str(request.url))
    except WebhookBodyTooLargeError as exc:
        LOG.warning("rejected %s webhook: %s", name, exc.reason)
        raise _Refused(JSONResponse({"error": exc.reason}, status_code=413)) from None
    except WebhookPayloadError as exc:
        LOG.warning("rejected %s webhook: %s", name, exc.reason)
        raise _Refused(JSONResponse({"error": exc.reason}, status_code=400)) from None
    except WebhookVerificationError as exc:
        LOG.warning("rejected %s webhook: %s", name, exc.reason)
        raise _Refused(
            JSONResponse({"error": "unauthorized", "reason": exc.reason}, status_code=401)
        ) from None


def _check_routes(handlers: Mapping[str, object], prefix: str, read_timeout: float) -> None:
    """Return None when the receiver's settings are valid; raise ValueError saying which is not."""
    if not read_timeout > 0:
        raise ValueError("read_timeout must be positive")
    for name in handlers:
        if not _NAME.match(name):
            raise ValueError(f"route name {name!r} must match [A-Za-z0-9_-]+")
    if prefix and not prefix.startswith("/"):
        raise ValueError("prefix must start with '/'")


@dataclass
class UnroutedDeliveries:
    """Deliveries that reached no route: how many, and the last few paths (query redacted)."""

    count: int = 0
    paths: list[str] = field(default_factory=list)
    keep: int = 20
    routes: str = "none"
    """The routes that exist, named in each warning (e.g. ``POST /hooks/scrapio``)."""

    def record(self, path: str) -> None:
        """Count one unrouted delivery to ``path`` (already redacted); keep the last ``keep``."""
        self.count += 1
        self.paths.append(path)
        del self.paths[: -self.keep]

    async def answer(self, request: Request) -> JSONResponse:
        """Return the 404 for ``request``, after counting it and logging one WARNING line.

        The line holds the method, the path with query values redacted, and :attr:`routes`;
        never a header, body or secret.
        """
        path = _redacted_path(request)
        self.record(path)
        LOG.warning(
            "webhook %s %s reached no route (%d so far); routes: %s",
            request.method,
            path,
            self.count,
            self.routes,
        )
        return JSONResponse({"error": "no_route"}, status_code=404)


def _redacted_path(request: Request) -> str:
    """Return the request's path with every query value replaced (a Scrapio token lives there)."""
    query = "&".join(
        f"{name}=[redacted]" for name, _ in parse_qsl(request.url.query, keep_blank_values=True)
    )
    return request.url.path + (f"?{query}" if query else "")


async def _handed_over(
    handler: WebhookHandler[Any], name: str, payload: Any, seen: DeliveryDeduplicator
) -> JSONResponse:
    """Pass a verified delivery to its callback and return the answer for the provider.

    200 when taken; 503 (not stored) or 500 (callback failed) otherwise, the delivery then
    forgotten so the provider's retry is processed.
    """
    provider = handler.verifier.provider
    try:
        await _call(handler.callback, payload)
    except DeliveryNotStoredError as exc:
        seen.forget(provider, payload)
        LOG.warning("%s webhook not stored, the provider will retry: %s", name, exc)
        return JSONResponse(
            {"error": "unavailable"},
            status_code=503,
            headers={"Retry-After": UNAVAILABLE_RETRY_AFTER},
        )
    except Exception:
        seen.forget(provider, payload)
        LOG.exception("callback for %s webhook failed", name)
        return JSONResponse({"error": "callback_failed"}, status_code=500)
    return JSONResponse({"status": "accepted"})


def webhook_app(
    handlers: Mapping[str, WebhookHandler[Any]],
    *,
    prefix: str = "",
    deduplicator: DeliveryDeduplicator | None = None,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
    deduplicate: bool = True,
) -> Starlette:
    """Return a Starlette app serving ``POST {prefix}/{name}`` for every handler name.

    Names are usually the provider names; any ``[A-Za-z0-9_-]+`` works (one route per account).
    Duplicates are recognised per provider with ``deduplicator`` (a fresh
    :class:`DeliveryDeduplicator` by default; ``deduplicate=False`` passes every verified
    delivery to the callback, for callbacks that deduplicate themselves, e.g. in a database
    shared by several receivers); a delivery whose callback raised is forgotten, so the
    provider's retry is processed. A body must arrive whole within ``read_timeout``
    seconds (408 and the connection closed otherwise, so a slow sender cannot hold a request
    open). Never logs a body, header value or secret, nor a traceback for a sender that hung up.

    Any other path or name: 404, one WARNING, counted in ``app.state.unrouted``.

    Raises:
        ValueError: for a route name outside ``[A-Za-z0-9_-]+``, a prefix not starting
            with ``/``, or a ``read_timeout`` that is not positive.

    """
    _check_routes(handlers, prefix, read_timeout)
    table = dict(handlers)
    seen = deduplicator if deduplicator is not None else DeliveryDeduplicator()
    base = prefix.rstrip("/")
    unrouted = UnroutedDeliveries(routes=", ".join(f"POST {base}/{n}" for n in table) or "none")

    async def receive(request: Request) -> JSONResponse:
        name = request.path_params["provider"]
        handler = table.get(name)
        if handler is None:
            return await unrouted.answer(request)
        provider = handler.verifier.provider
        try:
            body = await _body(request, name, handler.verifier.max_body_bytes, read_timeout)
            payload = _verified(handler, name, body, request)
        except _Refused as refused:
            return refused.response
        if deduplicate and seen.seen(provider, payload):
            LOG.info("duplicate %s webhook acknowledged", name)
            return JSONResponse({"status": "duplicate"})
        return await _handed_over(handler, name, payload, seen)

    app = Starlette(
        routes=[
            Route(base + "/{provider}", receive, methods=["POST"]),
            Route("/{path:path}", unrouted.answer, methods=_METHODS),
        ]
    )
    app.state.unrouted = unrouted
    return app
