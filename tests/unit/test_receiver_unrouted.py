"""A delivery that reaches no route of the receiver is answered 404, logged and counted."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from starlette.applications import Starlette

from scrapejobs.webhooks import ScrapioVerifier, WebhookHandler
from scrapejobs.webhooks.receiver import UnroutedDeliveries, webhook_app


def _app() -> Starlette:
    handler = WebhookHandler(ScrapioVerifier("tok-secret"), lambda _payload: None)
    return webhook_app({"scrapio": handler}, prefix="/hooks")


def _send(app: Starlette, method: str, path: str) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hooks.test") as client:
            return await client.request(method, path, content=b"{}")

    return asyncio.run(send())


@pytest.mark.parametrize(
    ("method", "path", "shown"),
    [
        ("POST", "/scrapio?token=tok-secret", "/scrapio?token=[redacted]"),  # prefix missed
        ("POST", "/hooks/scrapoi?token=tok-secret", "/hooks/scrapoi?token=[redacted]"),  # typo
        ("POST", "/hooks/scrapio/extra", "/hooks/scrapio/extra"),
        ("GET", "/hooks/scrapio", "/hooks/scrapio"),
    ],
)
def test_a_delivery_to_no_route_is_404_logged_and_counted(
    method: str, path: str, shown: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = _app()
    with caplog.at_level(logging.WARNING, logger="scrapejobs.webhooks"):
        answer = _send(app, method, path)
    assert answer.status_code == 404
    assert answer.json() == {"error": "no_route"}
    unrouted = app.state.unrouted
    assert isinstance(unrouted, UnroutedDeliveries)
    assert (unrouted.count, unrouted.paths) == (1, [shown])
    (record,) = [r for r in caplog.records if "no route" in r.getMessage()]
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert shown in message
    assert "routes: POST /hooks/scrapio" in message
    assert "tok-secret" not in message + answer.text


def test_routed_deliveries_are_not_counted_and_the_count_grows() -> None:
    app = _app()
    assert _send(app, "POST", "/hooks/scrapio?token=wrong").status_code == 401
    assert app.state.unrouted.count == 0
    for _ in range(3):
        _send(app, "POST", "/nowhere")
    assert app.state.unrouted.count == 3


def test_the_kept_paths_are_bounded() -> None:
    unrouted = UnroutedDeliveries(keep=2)
    for path in ("/a", "/b", "/c"):
        unrouted.record(path)
    assert (unrouted.count, unrouted.paths) == (3, ["/b", "/c"])
