"""Hostile requests to every emulated provider: deep nesting, invalid text, huge and slow bodies,
dropped connections. Each is answered in the provider's own envelope (never a 500), with bounded
memory, and logged in one line without a traceback.

No spec documents 413 or 408, so a body over the limit or too slow is answered 400, the status
every body-taking operation documents (see ``scrapejobs_emulator.bodies``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock
from scrapejobs_emulator.server import serve_in_thread

LIMIT = 64 * 1024
TIMEOUT = 0.3
TOKEN = "emulator-token"


@dataclass(frozen=True)
class Operation:
    """A body-taking operation of one provider, with its credentials."""

    provider: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def url(self) -> str:
        return f"/{self.provider}{self.path}"


OPERATIONS = {
    "decodo": Operation(
        "decodo",
        "/v3/task",
        {"Authorization": f"Basic {TOKEN}"},
        {"target": "universal", "url": "https://example.com"},
    ),
    "scrapedo": Operation(
        "scrapedo", "/api/v1/jobs", {"X-Token": TOKEN}, {"Targets": ["https://example.com"]}
    ),
    "scrapingpros": Operation(
        "scrapingpros",
        "/v1/async/collections",
        {"Authorization": f"Bearer {TOKEN}"},
        {"name": "hostile", "requests": [{"url": "https://example.com"}]},
    ),
    # ScraperAPI's key is in the body: a body it cannot parse carries no credential.
    "scraperapi": Operation(
        "scraperapi", "/jobs", {}, {"apiKey": TOKEN, "url": "https://example.com"}
    ),
    "scrapio": Operation(
        "scrapio",
        "/v1/jobs",
        {"Authorization": f"Bearer {TOKEN}"},
        {"kind": "fetch", "input": {"url": "https://example.com"}},
    ),
}
PROVIDERS = sorted(OPERATIONS)


def error_message(emulator: Emulator, provider: str, response: httpx.Response) -> str:
    """Return the message of an error answer after checking it is the spec's ``Error``."""
    body = response.json()
    assert emulator.schema_errors(provider, "Error", body) == []
    message = {
        "decodo": lambda: body["message"],
        "scrapedo": lambda: body["Error"],
        "scrapingpros": lambda: body["detail"],
        "scraperapi": lambda: body["error"],
        "scrapio": lambda: body["error"]["message"],
    }[provider]()
    assert isinstance(message, str)
    if provider == "scrapio":
        assert body["error"]["code"] == "invalid_request"
    if provider in ("scrapedo", "scraperapi"):
        assert body["Code" if provider == "scrapedo" else "status"] == response.status_code
    return message


def post(emulator: Emulator, operation: Operation, content: bytes) -> httpx.Response:
    """POST raw bytes to the in-process emulator."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=emulator)
        async with httpx.AsyncClient(transport=transport, base_url="http://emu") as client:
            headers = {**operation.headers, "Content-Type": "application/json"}
            return await client.post(operation.url, content=content, headers=headers)

    return asyncio.run(go())


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(EmulatorConfig(max_body_bytes=LIMIT, body_timeout_seconds=TIMEOUT))


# -- in process: what the body says ------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_100000_nested_brackets_are_400_in_the_envelope(emulator: Emulator, provider: str) -> None:
    emulator.configure(emulator.config.model_copy(update={"max_body_bytes": 1_000_000}))
    response = post(emulator, OPERATIONS[provider], b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert "nested deeper than 200 levels" in error_message(emulator, provider, response)
    assert len(emulator.store) == 0


@pytest.mark.parametrize("provider", PROVIDERS)
def test_nesting_within_the_parser_but_beyond_the_limit_is_400(
    emulator: Emulator, provider: str
) -> None:
    operation = OPERATIONS[provider]
    deep: Any = "x"
    for _ in range(250):
        deep = [deep]
    body = {**operation.body, "deep": deep}
    response = post(emulator, operation, json.dumps(body).encode())
    assert response.status_code == 400
    assert "nested deeper" in error_message(emulator, provider, response)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_lone_surrogate_escape_is_400(emulator: Emulator, provider: str) -> None:
    operation = OPERATIONS[provider]
    body = json.dumps(operation.body).replace("hostile", "\\ud800")
    body = body.replace("https://example.com", "https://example.com/\\udfff", 1)
    response = post(emulator, operation, body.encode())
    assert response.status_code == 400
    assert "lone surrogate" in error_message(emulator, provider, response)
    assert len(emulator.store) == 0


def test_a_surrogate_pair_in_a_collection_name_is_text(emulator: Emulator) -> None:
    operation = OPERATIONS["scrapingpros"]
    body = json.dumps(operation.body).replace("hostile", "\\ud83d\\ude00")
    response = post(emulator, operation, body.encode())
    assert response.status_code == 201, response.text
    assert response.json()["name"] == "\N{GRINNING FACE}"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_invalid_utf8_is_400(emulator: Emulator, provider: str) -> None:
    response = post(emulator, OPERATIONS[provider], b'{"url": "https://e.com/\xff\xfe"}')
    assert response.status_code == 400
    assert "not UTF-8" in error_message(emulator, provider, response)


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(
    "identifier", [[1], {"id": 1}, 10**400, -1, 1e308, True, None, ""], ids=repr
)
def test_ids_of_any_json_type_never_crash(
    emulator: Emulator, provider: str, identifier: object
) -> None:
    operation = OPERATIONS[provider]
    for field in ("id", "url", "name", "Targets", "target", "kind", "apiKey"):
        body = {**operation.body, field: identifier}
        response = post(emulator, operation, json.dumps(body).encode())
        assert response.status_code < 500, (field, response.text)


# -- in process: how much of a huge body the app reads -----------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_100_mb_stream_is_refused_after_reading_at_most_the_limit(
    emulator: Emulator, provider: str
) -> None:
    chunk = b"[" * 16 * 1024
    total = 100 * 1024 * 1024
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": pulled < total}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    operation = OPERATIONS[provider]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": operation.url,
        "raw_path": operation.url.encode(),
        "query_string": b"",
        "root_path": "",
        # Chunked: no Content-Length to refuse up front, the limit holds while streaming.
        "headers": [(k.lower().encode(), v.encode()) for k, v in operation.headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("emu", 80),
    }
    asyncio.run(emulator(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 400
    response = httpx.Response(400, content=sent[1]["body"])
    assert "too large" in error_message(emulator, provider, response)
    # The app pulled the chunk that crossed the limit and no more; it kept at most LIMIT bytes.
    assert pulled <= LIMIT + len(chunk)


# -- served on loopback: declared sizes, slow bodies, drops and disconnects --------------------


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Emulator, str, int]]:
    emulator = Emulator(EmulatorConfig(max_body_bytes=LIMIT, body_timeout_seconds=TIMEOUT))
    with serve_in_thread(emulator) as base_url:
        yield emulator, base_url, int(base_url.rsplit(":", 1)[1])


def raw_request(port: int, head: bytes, body: bytes = b"", *, close: bool = False) -> bytes:
    """Send a request head and (part of) a body on a raw socket; return all that comes back.

    The socket stays open until the server answers and closes it (its answer is what the test
    waits for); a 10 s socket timeout guards against a server that never does.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head + body)
        if close:
            return b""
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def head_of(operation: Operation, length: int) -> bytes:
    lines = [f"POST {operation.url} HTTP/1.1", "Host: emu", f"Content-Length: {length}"]
    lines += [f"{name}: {value}" for name, value in operation.headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def parse_answer(raw: bytes) -> tuple[int, dict[str, str], httpx.Response]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in header_lines)
    status = int(status_line.split()[1])
    return status, headers, httpx.Response(status, content=body)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_declared_oversized_body_is_refused_before_it_is_sent(
    served: tuple[Emulator, str, int], provider: str
) -> None:
    emulator, _, port = served
    operation = OPERATIONS[provider]
    # Only the head goes out: the server answers without waiting for the 1 GB it announced.
    raw = raw_request(
        port, head_of(operation, 10**9).replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n")
    )
    status, _, response = parse_answer(raw)
    assert status == 400
    assert "too large" in error_message(emulator, provider, response)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_chunked_oversized_upload_gets_the_envelope_over_loopback(
    served: tuple[Emulator, str, int], provider: str
) -> None:
    emulator, base_url, _ = served
    operation = OPERATIONS[provider]

    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 1 MiB, 16 times the limit, with no Content-Length
            yield b"[" * 16 * 1024

    response = httpx.post(
        base_url + operation.url, content=chunks(), headers=operation.headers, timeout=10
    )
    assert response.status_code == 400
    assert "too large" in error_message(emulator, provider, response)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_slow_body_is_answered_and_the_connection_closed(
    served: tuple[Emulator, str, int], provider: str
) -> None:
    emulator, _, port = served
    operation = OPERATIONS[provider]
    started = time.monotonic()
    raw = raw_request(port, head_of(operation, 1000), b'{"url": ')  # 992 bytes never come
    elapsed = time.monotonic() - started
    status, headers, response = parse_answer(raw)
    assert status == 400
    assert headers["connection"] == "close"  # and raw_request saw the server close it
    assert "not received within 0.3 seconds" in error_message(emulator, provider, response)
    assert TIMEOUT <= elapsed < TIMEOUT + 5


class Records(logging.Handler):
    """Collects records from the server thread; ``arrived`` is set by each one."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.arrived = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.arrived.set()


@pytest.fixture
def records() -> Iterator[Records]:
    handler = Records()
    loggers = [logging.getLogger("scrapejobs_emulator"), logging.getLogger("uvicorn")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
    loggers[0].setLevel(logging.INFO)
    try:
        yield handler
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def settle(base_url: str) -> None:
    """Serve one more request: the server finished (and logged) the previous one's task step."""
    assert httpx.get(f"{base_url}/_emulator/health", timeout=10).status_code == 200


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("scenario", ["drop", "drop-after"])
def test_an_injected_drop_logs_one_line_without_a_traceback(
    served: tuple[Emulator, str, int], records: Records, provider: str, scenario: str
) -> None:
    _, base_url, _ = served
    operation = OPERATIONS[provider]
    headers = {**operation.headers, "X-Emulator-Scenario": scenario}
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        httpx.post(base_url + operation.url, json=operation.body, headers=headers, timeout=10)
    settle(base_url)
    (record,) = records.records
    assert record.getMessage() == f"{provider}: injected fault {scenario}"
    assert record.levelno in (logging.INFO, logging.WARNING)
    assert record.exc_info is None


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_client_disconnect_logs_one_line_without_a_traceback(
    served: tuple[Emulator, str, int], records: Records, provider: str
) -> None:
    _, base_url, port = served
    operation = OPERATIONS[provider]
    raw_request(port, head_of(operation, 1000), b'{"url": ', close=True)
    assert records.arrived.wait(10)
    settle(base_url)
    (record,) = records.records
    assert record.getMessage() == f"{provider}: client disconnected before its request was answered"
    assert record.levelno == logging.INFO
    assert record.exc_info is None


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/_emulator/config", b"[" * 100_000),
        ("/_emulator/clock/advance", b"[" * 100_000),
        ("/_emulator/clock/advance", b'{"seconds": 1e999}'),
        ("/_emulator/clock/advance", b'{"seconds": NaN}'),
        ("/_emulator/clock/advance", b'{"seconds": ' + b"9" * 400 + b"}"),
    ],
)
def test_the_control_api_refuses_hostile_bodies_with_400(path: str, body: bytes) -> None:
    emulator = Emulator(clock=ManualClock())

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=emulator)
        async with httpx.AsyncClient(transport=transport, base_url="http://emu") as client:
            method = "PATCH" if path.endswith("config") else "POST"
            return await client.request(method, path, content=body)

    response = asyncio.run(go())
    assert response.status_code == 400
    assert emulator.clock.now() == ManualClock().now()
