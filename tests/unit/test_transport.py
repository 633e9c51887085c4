"""scrapejobs.transport: the bounded (aiohttp or httpx) transport for the generated clients.

End to end against the emulator served on 127.0.0.1; the bound with gated in-memory transports
(asyncio.Event, no sleeping); error classification against raw loopback servers.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import httpx
import pytest
from httpx_aiohttp import AiohttpTransport
from scrapio_client import AuthenticatedClient
from scrapio_client.api.jobs import create_job, get_job
from scrapio_client.models import FetchInput, FetchJobRequest, Job, JobAccepted

from scrapejobs import authenticated_client
from scrapejobs.retries import NEVER_SENT
from scrapejobs.transport import (
    DEFAULT_MAX_IN_FLIGHT,
    BoundedTransport,
    TransportKind,
    async_transport,
)
from scrapejobs_emulator.pytest_plugin import ServedEmulator

TOKEN = "emulator-token"
KINDS: tuple[TransportKind, ...] = ("aiohttp", "httpx")


# --- end to end through the generated client, over loopback -------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_generated_client_round_trip_with_the_bound(
    kind: TransportKind, scrapejobs_emulator_server: ServedEmulator
) -> None:
    transport = async_transport(kind, max_in_flight=4)
    client: AuthenticatedClient = authenticated_client(
        "scrapio",
        TOKEN,
        base_url=scrapejobs_emulator_server.url("scrapio"),
        httpx_args={"transport": transport},
    )
    request = FetchJobRequest(kind="fetch", input_=FetchInput(url="https://example.com/t"))

    async def flow() -> list[Job]:
        async with client:
            accepted = await create_job.asyncio(client=client, body=request)
            assert isinstance(accepted, JobAccepted)
            responses = await asyncio.gather(
                *(get_job.asyncio_detailed(accepted.job_id, client=client) for _ in range(40))
            )
            assert transport.in_flight == 0
            parsed = [response.parsed for response in responses]
            assert all(isinstance(job, Job) for job in parsed)
            return [job for job in parsed if isinstance(job, Job)]

    jobs = asyncio.run(flow())
    assert len(jobs) == 40
    assert {job.job_id for job in jobs} == {jobs[0].job_id}


def test_closing_the_client_closes_the_aiohttp_session(
    scrapejobs_emulator_server: ServedEmulator,
) -> None:
    transport = async_transport("aiohttp")
    assert isinstance(transport.inner, AiohttpTransport)
    assert transport.inner.client is None  # nothing opened before the first request
    client: AuthenticatedClient = authenticated_client(
        "scrapio",
        TOKEN,
        base_url=scrapejobs_emulator_server.url("scrapio"),
        httpx_args={"transport": transport},
    )

    async def flow() -> aiohttp.ClientSession:
        async with client:
            response = await get_job.asyncio_detailed("job_missing", client=client)
            assert response.status_code == 404
            assert isinstance(transport.inner, AiohttpTransport)
            session = transport.inner.client
            assert isinstance(session, aiohttp.ClientSession)
            assert not session.closed
        return session

    session = asyncio.run(flow())
    assert session.closed
    assert session.connector is None or session.connector.closed


def test_aclose_before_any_request_opens_nothing() -> None:
    transport = async_transport("aiohttp")
    asyncio.run(transport.aclose())
    assert isinstance(transport.inner, AiohttpTransport)
    assert transport.inner.client is None


def test_defaults_and_invalid_arguments() -> None:
    assert async_transport().max_in_flight == DEFAULT_MAX_IN_FLIGHT
    assert isinstance(async_transport("httpx").inner, httpx.AsyncHTTPTransport)
    with pytest.raises(ValueError, match="max_in_flight"):
        async_transport(max_in_flight=0)
    with pytest.raises(ValueError, match="max_in_flight"):
        BoundedTransport(httpx.MockTransport(lambda r: httpx.Response(200)), 0)
    with pytest.raises(ValueError, match="unknown transport kind"):
        async_transport("requests")  # type: ignore[arg-type]


# --- the bound, with in-memory transports ------------------------------------------------------


class _ClosingStream(httpx.AsyncByteStream):
    def __init__(self, on_close: Callable[[], None]) -> None:
        self._on_close = on_close

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"ok"

    async def aclose(self) -> None:
        self._on_close()


class GatedTransport(httpx.AsyncBaseTransport):
    """Holds every request until ``gate`` is set; a request is active until its body closes."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.entered = asyncio.Event()
        self.active = 0
        self.peak = 0
        self.handled = 0
        self.closed = False

    def _done(self) -> None:
        self.active -= 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.active += 1
        self.handled += 1
        self.peak = max(self.peak, self.active)
        self.entered.set()
        try:
            await self.gate.wait()
        except BaseException:
            self._done()
            raise
        return httpx.Response(200, stream=_ClosingStream(self._done), request=request)

    async def aclose(self) -> None:
        self.closed = True


class ArrivalCounter(httpx.AsyncBaseTransport):
    """Counts requests reaching ``inner``; ``all_arrived`` is set at the ``expected``-th."""

    def __init__(self, inner: httpx.AsyncBaseTransport, expected: int) -> None:
        self.inner = inner
        self.expected = expected
        self.arrived = 0
        self.all_arrived = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.arrived += 1
        if self.arrived == self.expected:
            self.all_arrived.set()
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def run_with_client(
    transport: httpx.AsyncBaseTransport,
    flow: Callable[[httpx.AsyncClient], Awaitable[None]],
) -> None:
    async def main() -> None:
        async with httpx.AsyncClient(transport=transport, base_url="http://bounded.test") as c:
            await flow(c)

    asyncio.run(main())


def test_never_more_than_max_in_flight_reach_the_inner_transport() -> None:
    inner = GatedTransport()
    bounded = BoundedTransport(inner, 3)
    outer = ArrivalCounter(bounded, expected=20)

    async def flow(client: httpx.AsyncClient) -> None:
        calls = asyncio.gather(*(client.get(f"/{i}") for i in range(20)))
        await outer.all_arrived.wait()
        # Every request has now reached the bounded transport: 3 inside, 17 queued.
        assert inner.active == 3
        assert inner.handled == 3
        assert bounded.in_flight == 3
        inner.gate.set()
        responses = await calls
        assert [r.status_code for r in responses] == [200] * 20
        assert bounded.in_flight == 0

    run_with_client(outer, flow)
    assert inner.peak == 3
    assert inner.handled == 20
    assert inner.active == 0
    assert inner.closed  # closing the client closed the bounded transport and its inner one


def test_a_streamed_response_holds_its_slot_until_closed() -> None:
    handled: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        handled.append(request.url.path)
        return httpx.Response(200, stream=_ClosingStream(lambda: None))

    inner = httpx.MockTransport(handler)
    bounded = BoundedTransport(inner, 1)
    outer = ArrivalCounter(bounded, expected=2)

    async def flow(client: httpx.AsyncClient) -> None:
        async with client.stream("GET", "/first") as first:
            assert first.status_code == 200
            second = asyncio.create_task(client.get("/second"))
            await outer.all_arrived.wait()
            assert handled == ["/first"]  # the second waits for the first's slot
            assert bounded.in_flight == 1
        assert (await second).status_code == 200
        assert handled == ["/first", "/second"]
        assert bounded.in_flight == 0

    run_with_client(outer, flow)


def test_a_response_read_by_the_inner_transport_frees_its_slot_at_once() -> None:
    # httpx.MockTransport hands back responses whose body is already read and closed.
    bounded = BoundedTransport(httpx.MockTransport(lambda r: httpx.Response(200, text="x")), 1)

    async def flow(client: httpx.AsyncClient) -> None:
        for _ in range(3):
            assert (await client.get("/")).text == "x"
        assert bounded.in_flight == 0

    run_with_client(bounded, flow)


def test_a_failing_request_frees_its_slot() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/fail":
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200)

    bounded = BoundedTransport(httpx.MockTransport(handler), 1)

    async def flow(client: httpx.AsyncClient) -> None:
        with pytest.raises(httpx.ConnectError):
            await client.get("/fail")
        assert bounded.in_flight == 0
        assert (await client.get("/ok")).status_code == 200

    run_with_client(bounded, flow)


def test_cancelled_requests_free_their_slots() -> None:
    inner = GatedTransport()
    bounded = BoundedTransport(inner, 1)
    outer = ArrivalCounter(bounded, expected=2)

    async def flow(client: httpx.AsyncClient) -> None:
        holding = asyncio.create_task(client.get("/holding"))
        await inner.entered.wait()
        waiting = asyncio.create_task(client.get("/waiting"))
        await outer.all_arrived.wait()
        waiting.cancel()  # cancelled while queued for a slot
        holding.cancel()  # cancelled inside the inner transport
        for task in (waiting, holding):
            with pytest.raises(asyncio.CancelledError):
                await task
        assert bounded.in_flight == 0
        assert inner.active == 0
        inner.gate.set()
        assert (await client.get("/after")).status_code == 200
        assert inner.handled == 2  # "/waiting" never reached the inner transport

    run_with_client(outer, flow)


# --- failures are classified alike for both kinds (raw servers on 127.0.0.1) -------------------


async def _serve(
    handler: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> tuple[asyncio.Server, str]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


async def _read_request_then(
    reply: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(reply)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


def _failure_against(kind: TransportKind, reply: bytes) -> BaseException:
    async def main() -> BaseException:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await _read_request_then(reply, reader, writer)

        server, url = await _serve(handler)
        try:
            async with httpx.AsyncClient(transport=async_transport(kind)) as client:
                with pytest.raises(httpx.TransportError) as caught:
                    await client.get(f"{url}/v1/jobs/x")
        finally:
            server.close()
            await server.wait_closed()
        return caught.value

    return asyncio.run(main())


@pytest.mark.parametrize("kind", KINDS)
def test_a_server_that_hangs_up_after_the_request_is_not_never_sent(kind: TransportKind) -> None:
    error = _failure_against(kind, b"")
    # httpx-aiohttp 0.2.0 alone reports this as ConnectTimeout, which the retries would take
    # as "never sent" and so retry a submission the server may have received.
    assert isinstance(error, httpx.RemoteProtocolError)
    assert not isinstance(error, NEVER_SENT)


@pytest.mark.parametrize("kind", KINDS)
def test_a_body_cut_short_is_a_read_failure(kind: TransportKind) -> None:
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{"
    error = _failure_against(kind, reply)
    assert isinstance(error, httpx.ReadError | httpx.RemoteProtocolError)
    assert not isinstance(error, NEVER_SENT)


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_connection_is_never_sent(kind: TransportKind) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port now: the connection is refused.

    async def main() -> BaseException:
        async with httpx.AsyncClient(transport=async_transport(kind)) as client:
            with pytest.raises(httpx.TransportError) as caught:
                await client.get(f"http://127.0.0.1:{port}/v1/jobs/x")
        return caught.value

    error = asyncio.run(main())
    assert isinstance(error, httpx.ConnectError)
    assert isinstance(error, NEVER_SENT)
