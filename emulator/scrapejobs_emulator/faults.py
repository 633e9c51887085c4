"""Per-provider ASGI middleware: progress jobs, count requests, inject faults, catch crashes.

Faults come from the configured rates (``EmulatorConfig.faults``) or, for one request, from the
``X-Emulator-Scenario`` header, whose value is one of:

| scenario | effect |
|---|---|
| ``429`` | 429 in the provider's envelope with ``Retry-After`` |
| ``500``, ``502``, ``503`` | that status in the provider's envelope (503 with ``Retry-After``) |
| ``drop`` | the connection drops before the request is processed |
| ``drop-after`` | the request is processed, then the connection drops (the client cannot know) |
| ``slow`` | the answer is delayed by ``faults.slow_seconds`` |
| ``fail-job`` | jobs created by this request will fail |

The header is the emulator's, not the provider's: it is never needed with a real provider.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scrapejobs_emulator.bodies import BodyGuard, body_too_large, declared_length
from scrapejobs_emulator.config import Faults
from scrapejobs_emulator.errors import ConnectionDropped, ProviderError
from scrapejobs_emulator.provider import ProviderApp
from scrapejobs_emulator.state import EmulatorState

LOG = logging.getLogger("scrapejobs_emulator")
SCENARIO_HEADER = b"x-emulator-scenario"
STATUS_FAULTS = {"429": 429, "500": 500, "502": 502, "503": 503}
SCENARIOS = frozenset({*STATUS_FAULTS, "drop", "drop-after", "slow", "fail-job"})


def pick_fault(scenario: str | None, faults: Faults, rng: random.Random) -> str | None:
    """Return the fault to inject for one request, or None.

    An explicit scenario wins; otherwise each configured rate is tried in a fixed order with the
    seeded generator, so a seeded run injects the same faults every time.
    """
    if scenario:
        return scenario
    rates = (
        ("drop", faults.rate_drop),
        ("drop-after", faults.rate_drop_after),
        ("429", faults.rate_429),
        ("500", faults.rate_500),
        ("502", faults.rate_502),
        ("503", faults.rate_503),
        ("slow", faults.rate_slow),
    )
    for name, rate in rates:
        if rate > 0 and rng.random() < rate:
            return name
    return None


def status_fault_error(fault: str, faults: Faults) -> ProviderError:
    """Return the error a status fault (``429``, ``500``, ``502``, ``503``) answers with."""
    status = STATUS_FAULTS[fault]
    retry = {"Retry-After": str(faults.retry_after_seconds)}
    return ProviderError(
        status,
        {429: "Too many requests.", 503: "Service unavailable."}.get(status, "Upstream error."),
        code={429: "rate_limited"}.get(status, "internal_error"),
        headers=retry if status in (429, 503) else None,
    )


class ProviderMiddleware:
    """Wraps one provider's app; see the module docstring for the faults it injects."""

    def __init__(self, app: ASGIApp, provider: ProviderApp, emulator: EmulatorState) -> None:
        self.app = app
        self.provider = provider
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request through the provider app, injecting the fault it draws."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        emulator = self.emulator
        emulator.tick()
        headers = dict(scope.get("headers") or [])
        scenario = headers.get(SCENARIO_HEADER, b"").decode("latin-1").strip().lower() or None
        refusal = self._refusal(scope, scenario)
        if refusal is not None:
            await self._send_error(send, refusal)
            return
        config = emulator.config
        receive = BodyGuard(
            receive, config.max_body_bytes, config.body_timeout_seconds, self.provider.name
        )
        fault = pick_fault(scenario, config.faults, emulator.rng)
        state = scope.setdefault("state", {})
        state["fail_job"] = fault == "fail-job"
        if fault == "drop":
            self._count(fault)
            await _hang_up(send, "connection dropped by fault injection")
        if fault in STATUS_FAULTS:
            self._count(fault)
            await self._send_error(send, status_fault_error(fault, config.faults))
            return
        if fault == "slow":
            self._count(fault)
            await emulator.sleep(config.faults.slow_seconds)
        served = await self._serve(scope, receive, send, swallow=fault == "drop-after")
        if served and fault == "drop-after":
            self._count(fault)
            await _hang_up(send, "connection dropped after processing by fault injection")

    def _refusal(self, scope: Scope, scenario: str | None) -> ProviderError | None:
        """Return the error for an unknown scenario or a declared body over the limit, or None."""
        if scenario is not None and scenario not in SCENARIOS:
            return ProviderError(400, f"Unknown X-Emulator-Scenario {scenario!r}.")
        limit = self.emulator.config.max_body_bytes
        declared = declared_length(scope.get("headers") or [])
        if declared is not None and declared > limit:
            LOG.warning(
                "%s: refused a declared body of %d bytes (limit %d)",
                self.provider.name,
                declared,
                limit,
            )
            return body_too_large(limit)
        return None

    async def _serve(self, scope: Scope, receive: Receive, send: Send, *, swallow: bool) -> bool:
        """Run the provider app; a crash becomes its 500, ``swallow`` keeps the answer unsent.

        Returns False when the client disconnected before its request was answered, else True.
        Counts the request under its route's name (``unmatched`` when no route matched).
        """
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            if not swallow:
                await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            LOG.info("%s: client disconnected before its request was answered", self.provider.name)
            return False
        except Exception:  # any crash becomes the provider's 500
            LOG.exception("%s: unhandled error", self.provider.name)
            if not started:
                await self._send_error(
                    send, ProviderError(500, "Internal server error.", code="internal_error")
                )
        finally:
            route = scope.get("route")
            operation = getattr(route, "name", None) or "unmatched"
            self.emulator.stats.count_request(self.provider.name, operation)
        return True

    def _count(self, fault: str) -> None:
        """Count an injected fault and log it in one line (a drop is not an error to trace)."""
        self.emulator.stats.count_fault(self.provider.name, fault)
        LOG.info("%s: injected fault %s", self.provider.name, fault)

    async def _send_error(self, send: Send, error: ProviderError) -> None:
        response = self.provider.render(error)
        await response({"type": "http"}, _no_receive, send)


async def _hang_up(send: Send, reason: str) -> None:
    """Start a response that promises a body, send one byte of it, and fail.

    The server then has to cut the connection mid-response (uvicorn closes the socket; the
    in-process transport raises ``httpx.RemoteProtocolError``), which is what a client sees when a
    real server or proxy hangs up.
    """
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1024")]}
    )
    await send({"type": "http.response.body", "body": b"{", "more_body": True})
    raise ConnectionDropped(reason)


async def _no_receive() -> Message:  # pragma: no cover - a rendered error never reads the body
    return {"type": "http.disconnect"}


SleepFunction = Callable[[float], Awaitable[Any]]
