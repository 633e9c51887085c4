"""The webhook receiver against hostile senders: odd JSON types in authentic payloads, absurd
ScrapingPros timestamps, oversized and slow bodies, and senders that hang up."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from scrapejobs.errors import WebhookPayloadError, WebhookVerificationError
from scrapejobs.webhooks import (
    DecodoVerifier,
    ScrapedoVerifier,
    ScraperApiVerifier,
    ScrapingProsVerifier,
    ScrapioVerifier,
    scrapingpros_signature,
)
from scrapejobs.webhooks.handler import WebhookHandler
from scrapejobs.webhooks.receiver import webhook_app

NOW = 1_782_468_001
SP_SECRET = "whsec_hardening"
PASSTHROUGH = "pass-through-secret"
SCRAPIO_JOB = {
    "request_id": "req-1",
    "job_id": "job_abc",
    "job_type": "fetch",
    "status": "completed",
    "mode": "async",
    "created_at": "2026-06-26T10:00:00Z",
    "result_available": True,
}


@dataclass(frozen=True)
class Sender:
    """How one provider delivers: its verifier, an authentic body around an id, and headers."""

    verifier: Any
    payload: Callable[[Any], dict[str, Any]]
    path: str = ""
    extra_headers: tuple[tuple[str, str], ...] = ()

    def body(self, identifier: Any) -> bytes:
        return json.dumps(self.payload(identifier)).encode()

    def headers(self, body: bytes, timestamp: str = str(NOW)) -> dict[str, str]:
        headers = dict(self.extra_headers)
        if isinstance(self.verifier, ScrapingProsVerifier):
            headers["X-SP-Timestamp"] = timestamp
            headers["X-SP-Signature"] = scrapingpros_signature(SP_SECRET, timestamp, body)
        return headers


SENDERS = {
    "decodo": Sender(
        DecodoVerifier(PASSTHROUGH),
        lambda i: {"id": i, "status": "done", "target": "universal", "passthrough": PASSTHROUGH},
    ),
    "scrapedo": Sender(
        ScrapedoVerifier("X-Hook-Secret", "hook-secret"),
        lambda i: {"TaskID": "t-1", "JobID": i, "Status": "success"},
        extra_headers=(("X-Hook-Secret", "hook-secret"),),
    ),
    "scrapingpros": Sender(
        ScrapingProsVerifier(SP_SECRET, clock=lambda: float(NOW)),
        lambda i: {
            "event": "run.completed",
            "run_id": i,
            "collection_id": "col_1",
            "status": "completed",
            "total_requests": 1,
            "success_requests": 1,
            "failed_requests": 0,
            "job_ids": ["job_1"],
            "results_url": "https://api.scrapingpros.com/v1/async/collections/col_1/runs/r",
            "timestamp": "2026-06-26T10:00:01Z",
        },
    ),
    "scraperapi": Sender(
        ScraperApiVerifier("user", "password"),
        lambda i: {"id": i, "status": "finished", "url": "https://example.com"},
        extra_headers=(("Authorization", "Basic " + base64.b64encode(b"user:password").decode()),),
    ),
    "scrapio": Sender(
        ScrapioVerifier("scrapio-token"),
        lambda i: {"type": "job.completed", "data": {**SCRAPIO_JOB, "job_id": i}},
        path="?token=scrapio-token",
    ),
}
PROVIDERS = sorted(SENDERS)


class Calls:
    def __init__(self) -> None:
        self.payloads: list[Any] = []

    async def __call__(self, payload: Any) -> None:
        self.payloads.append(payload)


def receiver(calls: Calls, **kwargs: Any) -> Starlette:
    handlers = {name: WebhookHandler(s.verifier, calls) for name, s in SENDERS.items()}
    return webhook_app(handlers, **kwargs)


def post(app: Starlette, path: str, body: Any, headers: dict[str, str]) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hooks.test") as client:
            return await client.post(path, content=body, headers=headers)

    return asyncio.run(go())


def deliver(app: Starlette, provider: str, identifier: Any) -> httpx.Response:
    sender = SENDERS[provider]
    body = sender.body(identifier)
    return post(app, f"/{provider}{sender.path}", body, sender.headers(body))


# -- odd JSON types in the identity of an authentic payload ------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("identifier", [["a", "b"], {"id": "x"}, None, 1.5, True], ids=repr)
def test_an_authentic_payload_with_a_non_string_id_is_a_400_payload_error(
    provider: str, identifier: Any
) -> None:
    calls = Calls()
    response = deliver(receiver(calls), provider, identifier)
    assert (response.status_code, response.json()) == (400, {"error": "invalid_payload"})
    assert calls.payloads == []
    sender = SENDERS[provider]
    body = sender.body(identifier)
    with pytest.raises(WebhookPayloadError) as excinfo:
        sender.verifier.verify(body, sender.headers(body), f"http://h/{provider}{sender.path}")
    assert excinfo.value.reason == "invalid_payload"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_string_id_is_still_accepted_once(provider: str) -> None:
    calls = Calls()
    app = receiver(calls)
    assert deliver(app, provider, "id-1").json() == {"status": "accepted"}
    assert deliver(app, provider, "id-1").json() == {"status": "duplicate"}
    assert len(calls.payloads) == 1


def test_a_lone_surrogate_in_an_authentic_payload_is_malformed() -> None:
    sender = SENDERS["scrapingpros"]
    body = sender.body("run_1").replace(b"col_1", b"\\ud800")
    response = post(receiver(Calls()), "/scrapingpros", body, sender.headers(body))
    assert (response.status_code, response.json()) == (400, {"error": "malformed_json"})


# -- ScrapingPros timestamps out of any range --------------------------------------------------


@pytest.mark.parametrize(
    ("timestamp", "reason"),
    [
        ("9" * 400, "future_timestamp"),
        ("1" + "0" * 5000, "future_timestamp"),  # past int()'s 4300-digit limit
        ("0" * 400 + "1", "stale_timestamp"),
        ("-1782468001", "malformed_timestamp"),
        ("NaN", "malformed_timestamp"),
        ("inf", "malformed_timestamp"),
        ("1e400", "malformed_timestamp"),
    ],
)
def test_out_of_range_timestamps_are_refused_as_unauthorized(timestamp: str, reason: str) -> None:
    sender = SENDERS["scrapingpros"]
    body = sender.body("run_1")
    headers = sender.headers(body, timestamp)
    with pytest.raises(WebhookVerificationError) as excinfo:
        sender.verifier.verify(body, headers)
    assert excinfo.value.reason == reason
    response = post(receiver(Calls()), "/scrapingpros", body, headers)
    assert (response.status_code, response.json()) == (
        401,
        {"error": "unauthorized", "reason": reason},
    )


def test_leading_zeros_do_not_change_a_fresh_timestamp() -> None:
    sender = SENDERS["scrapingpros"]
    body = sender.body("run_1")
    event = sender.verifier.verify(body, sender.headers(body, "0" * 400 + str(NOW)))
    assert event.run_id == "run_1"


def test_a_non_finite_clock_refuses_as_stale() -> None:
    verifier = ScrapingProsVerifier(SP_SECRET, clock=lambda: float("nan"))
    body = SENDERS["scrapingpros"].body("run_1")
    with pytest.raises(WebhookVerificationError) as excinfo:
        verifier.verify(body, SENDERS["scrapingpros"].headers(body))
    assert excinfo.value.reason == "stale_timestamp"


# -- size ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_oversized_stream_is_413_after_reading_at_most_the_limit(provider: str) -> None:
    sender = SENDERS[provider]
    limit = sender.verifier.max_body_bytes
    pulled = 0

    async def chunks() -> Any:
        nonlocal pulled
        while pulled < 100 * limit:
            pulled += 64 * 1024
            yield b"{" * 64 * 1024

    response = post(receiver(Calls()), f"/{provider}{sender.path}", chunks(), sender.headers(b""))
    assert (response.status_code, response.json()) == (413, {"error": "body_too_large"})
    assert pulled <= limit + 64 * 1024


# -- served on loopback: slow senders and hang-ups ---------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Calls, int]]:
    calls = Calls()
    server = uvicorn.Server(
        uvicorn.Config(
            receiver(calls, read_timeout=0.3), host="127.0.0.1", port=0, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(1000):
        if server.started:
            break
        started.wait(0.01)
    assert server.started
    try:
        yield calls, server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def head(path: str, length: int) -> bytes:
    return f"POST {path} HTTP/1.1\r\nHost: hooks\r\nContent-Length: {length}\r\n\r\n".encode()


def test_a_slow_body_gets_408_and_a_closed_connection_while_others_are_served(
    served: tuple[Calls, int],
) -> None:
    calls, port = served
    with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
        started = time.monotonic()
        slow.sendall(head("/decodo", 1000) + b'{"id": ')  # the other 993 bytes never come
        # Another sender is served meanwhile.
        body = SENDERS["decodo"].body("served-while-slow")
        ok = httpx.post(f"http://127.0.0.1:{port}/decodo", content=body, timeout=10)
        assert ok.json() == {"status": "accepted"}
        answer = b""
        while chunk := slow.recv(65536):  # returns b"" when the receiver closes the connection
            answer += chunk
        elapsed = time.monotonic() - started
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 408 Request Timeout"
    assert b"connection: close" in rest.lower()
    assert rest.endswith(b'{"error":"body_timeout"}')
    assert 0.3 <= elapsed < 5
    assert [p.id for p in calls.payloads] == ["served-while-slow"]


def test_read_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="read_timeout"):
        receiver(Calls(), read_timeout=0)


def test_a_sender_hanging_up_logs_one_line_without_a_traceback(served: tuple[Calls, int]) -> None:
    _, port = served
    records: list[logging.LogRecord] = []
    arrived = threading.Event()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)
            arrived.set()

    handler = Collect(logging.DEBUG)
    loggers = [logging.getLogger("scrapejobs.webhooks"), logging.getLogger("uvicorn")]
    level = loggers[0].level
    loggers[0].setLevel(logging.INFO)
    for logger in loggers:
        logger.addHandler(handler)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(head("/scrapio", 1000) + b'{"type": ')
        assert arrived.wait(10)
        # One more request: the hung-up one's task finished (and logged all it would).
        assert httpx.post(f"http://127.0.0.1:{port}/nobody", timeout=10).status_code == 404
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
        loggers[0].setLevel(level)
    # The sentinel's own line (an unrouted delivery) is expected; nothing else may be logged.
    (record,) = [r for r in records if "reached no route" not in r.getMessage()]
    assert record.getMessage() == "scrapio webhook: the sender disconnected before its body arrived"
    assert record.levelno == logging.INFO
    assert record.exc_info is None
