"""HTTP transports for the generated clients that keep throughput flat as concurrency grows.

One ``httpx.AsyncClient`` slows down as more requests wait on its connection pool
(encode/httpx#3215). ``scripts/bench_concurrency.py`` measures the alternatives against the
emulator on loopback; the one shipped here sends requests through aiohttp (``httpx-aiohttp``'s
transport) and holds the requests beyond ``max_in_flight`` in a FIFO queue in front of it, so the
connection pool never has waiters and a batch of thousands of concurrent calls is simply queued::

    from scrapejobs import authenticated_client
    from scrapejobs.transport import async_transport

    client = authenticated_client(
        "scrapio", token, httpx_args={"transport": async_transport(max_in_flight=32)}
    )
    async with client:  # closing the client closes the transport and its connections
        ...

aiohttp is optional (the ``aiohttp`` and ``cli`` extras; see README "Install"): this module
imports it only when an aiohttp transport is made, and ``async_transport()`` falls back to
httpx's own pool when it is not installed.

The transports are for the asynchronous API (``asyncio`` / ``asyncio_detailed``) only, and each
belongs to one event loop.

**Total deadline.** httpx's timeouts bound each phase (connect, each read, each write), so a server
trickling one byte a second never trips them. A request tagged with
:data:`TOTAL_TIMEOUT_EXTENSION` (``request.extensions``; :func:`scrapejobs.authenticated_client`
tags every request with its ``timeout``) gets a total deadline: from the moment it is handed to the
sending transport (after waiting for a :class:`BoundedTransport` slot) until the last byte of its
body, checked chunk by chunk against a monotonic clock. Past it the request fails with
``httpx.ReadTimeout`` ("may have reached the server"). :class:`BoundedTransport` enforces it
around its inner transport; :class:`DeadlineTransport` around any other.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import time
from collections.abc import AsyncIterator, Iterator
from importlib.util import find_spec
from typing import Any, Final, Literal

import httpx

TransportKind = Literal["auto", "aiohttp", "httpx"]
AIOHTTP_EXTRA_HINT: Final = "the aiohttp transport needs its extra: pip install 'scrapejobs[aiohttp]' (or 'scrapejobs[cli]')"
DEFAULT_MAX_IN_FLIGHT: Final = 32
"""Default bound on requests in flight (and on open connections) per transport."""


TOTAL_TIMEOUT_EXTENSION: Final = "scrapejobs.total_timeout"
"""``request.extensions`` key: the seconds the whole request (answer body included) may take."""


def _total_timeout(request: httpx.Request) -> float | None:
    value = request.extensions.get(TOTAL_TIMEOUT_EXTENSION)
    return float(value) if isinstance(value, int | float) and value > 0 else None


def _overdue(request: httpx.Request, total: float) -> httpx.ReadTimeout:
    return httpx.ReadTimeout(
        f"no complete answer within the total timeout of {total:g}s", request=request
    )


class _DeadlineStream(httpx.AsyncByteStream):
    """A response body read chunk by chunk against a loop-time deadline."""

    def __init__(
        self, inner: httpx.AsyncByteStream, deadline: float, request: httpx.Request, total: float
    ) -> None:
        self._inner = inner
        self._deadline = deadline
        self._request = request
        self._total = total

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = self._inner.__aiter__()
        while True:
            try:
                async with asyncio.timeout_at(self._deadline):
                    chunk = await chunks.__anext__()
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise _overdue(self._request, self._total) from None
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class _SyncDeadlineStream(httpx.SyncByteStream):
    """A sync response body whose deadline is checked between chunks.

    A blocking read cannot be interrupted, so each chunk may still take up to the read timeout:
    the request ends at most one read timeout after its deadline.
    """

    def __init__(
        self, inner: httpx.SyncByteStream, deadline: float, request: httpx.Request, total: float
    ) -> None:
        self._inner = inner
        self._deadline = deadline
        self._request = request
        self._total = total

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if time.monotonic() > self._deadline:
                raise _overdue(self._request, self._total)
            yield chunk

    def close(self) -> None:
        self._inner.close()


async def send_with_deadline(
    inner: httpx.AsyncBaseTransport, request: httpx.Request
) -> httpx.Response:
    """Return ``inner``'s response to ``request``, bounded by the request's total timeout.

    Without :data:`TOTAL_TIMEOUT_EXTENSION` on the request this is ``inner`` unchanged.

    Raises:
        httpx.ReadTimeout: the deadline passed before the answer (headers or body) was complete.
        Whatever ``inner`` raises.

    """
    total = _total_timeout(request)
    if total is None:
        return await inner.handle_async_request(request)
    deadline = asyncio.get_running_loop().time() + total
    try:
        async with asyncio.timeout_at(deadline):
            response = await inner.handle_async_request(request)
    except TimeoutError:
        raise _overdue(request, total) from None
    if isinstance(response.stream, httpx.AsyncByteStream) and not response.is_closed:
        response.stream = _DeadlineStream(response.stream, deadline, request, total)
    return response


class DeadlineTransport(httpx.AsyncBaseTransport, httpx.BaseTransport):
    """Enforce each request's total timeout around another transport (sync and async).

    ``async_inner`` / ``sync_inner`` send the requests; either may be None, in which case httpx's
    default transport is made from ``transport_kwargs`` (``verify``, ``http2``, ``limits``, …)
    the first time it is needed. The generated clients give the same ``httpx_args`` to their sync
    and async httpx clients, so one object serves both. Never retries, never changes a request.
    """

    def __init__(
        self,
        async_inner: httpx.AsyncBaseTransport | None = None,
        sync_inner: httpx.BaseTransport | None = None,
        **transport_kwargs: Any,
    ) -> None:
        self._async_inner = async_inner
        self._sync_inner = sync_inner
        self._transport_kwargs = transport_kwargs

    def _async(self) -> httpx.AsyncBaseTransport:
        if self._async_inner is None:
            self._async_inner = httpx.AsyncHTTPTransport(**self._transport_kwargs)
        return self._async_inner

    def _sync(self) -> httpx.BaseTransport:
        if self._sync_inner is None:
            self._sync_inner = httpx.HTTPTransport(**self._transport_kwargs)
        return self._sync_inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send through the async inner transport within the request's total timeout."""
        return await send_with_deadline(self._async(), request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send through the sync inner transport; the body is checked against the deadline."""
        total = _total_timeout(request)
        deadline = time.monotonic() + (total or 0.0)
        response = self._sync().handle_request(request)
        if total is not None and time.monotonic() > deadline:
            response.close()
            raise _overdue(request, total)
        if total is not None and isinstance(response.stream, httpx.SyncByteStream):
            response.stream = _SyncDeadlineStream(response.stream, deadline, request, total)
        return response

    async def aclose(self) -> None:
        """Close the async inner transport, if one was made or given."""
        if self._async_inner is not None:
            await self._async_inner.aclose()

    def close(self) -> None:
        """Close the sync inner transport, if one was made or given."""
        if self._sync_inner is not None:
            self._sync_inner.close()


class _ReleasingStream(httpx.AsyncByteStream):
    """A response body that gives its request's slot back when it is closed (once)."""

    def __init__(self, inner: httpx.AsyncByteStream, owner: BoundedTransport) -> None:
        self._inner = inner
        self._owner: BoundedTransport | None = owner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            owner, self._owner = self._owner, None
            if owner is not None:
                owner._release()


class BoundedTransport(httpx.AsyncBaseTransport):
    """Let at most ``max_in_flight`` requests through ``inner`` at once; queue the rest (FIFO).

    A request tagged with a total timeout (:data:`TOTAL_TIMEOUT_EXTENSION`) gets it from the moment
    it is handed to ``inner``: waiting for a slot does not count.

    A request holds its slot from the moment it is handed to ``inner`` until its response is
    closed (``httpx.AsyncClient`` closes it after reading the body; a streamed response holds
    the slot until the ``async with client.stream(...)`` block ends), or until ``inner`` raises
    or the waiting task is cancelled. Works with any inner transport.

    Raises:
        ValueError: when ``max_in_flight`` is below 1.

    Never times out a request waiting for a slot (cancel the calling task to give up, e.g. with
    ``asyncio.timeout``), never retries, and never changes requests or responses.

    """

    def __init__(self, inner: httpx.AsyncBaseTransport, max_in_flight: int) -> None:
        if max_in_flight < 1:
            raise ValueError(f"max_in_flight must be >= 1, not {max_in_flight}")
        self.inner: Final = inner
        """The transport that sends the requests (closed with this one)."""
        self.max_in_flight: Final = max_in_flight
        """The most requests handed to :attr:`inner` at once."""
        self._in_flight = 0
        self._slots = asyncio.Semaphore(max_in_flight)

    @property
    def in_flight(self) -> int:
        """Return how many requests hold a slot now (between 0 and :attr:`max_in_flight`)."""
        return self._in_flight

    def _release(self) -> None:
        self._in_flight -= 1
        self._slots.release()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Wait for a slot, then return ``inner``'s response, whose closing frees the slot.

        Raises:
            Whatever ``inner`` raises (the slot is freed first); ``asyncio.CancelledError``
            when the task is cancelled while waiting (no slot is taken).

        """
        await self._slots.acquire()
        self._in_flight += 1
        try:
            response = await send_with_deadline(self.inner, request)
        except BaseException:
            self._release()
            raise
        if response.is_closed:  # the body was read and closed already (e.g. httpx.MockTransport)
            self._release()
            return response
        if not isinstance(response.stream, httpx.AsyncByteStream):  # pragma: no cover - defensive
            self._release()
            raise TypeError(f"{type(self.inner).__name__} returned a response without async body")
        response.stream = _ReleasingStream(response.stream, self)
        return response

    async def aclose(self) -> None:
        """Close ``inner`` (its connections and sessions). Never waits for requests in flight."""
        await self.inner.aclose()


def _as_httpx_error(error: httpx.TransportError) -> httpx.TransportError:
    """Return ``error`` classified by what the aiohttp failure underneath it means.

    httpx-aiohttp 0.2.0 maps every ``aiohttp.ClientConnectionError`` to ``httpx.ConnectTimeout``,
    including a server that disconnects after receiving the request; :mod:`scrapejobs.retries`
    takes ``ConnectTimeout`` to mean "never sent" and would retry a submission that may have
    been received (and paid for). Only connect-phase failures keep a connect error here.
    """
    import aiohttp  # only aiohttp transports call this, so it is installed

    cause = error.__cause__
    if not isinstance(cause, aiohttp.ClientConnectionError):
        return error
    message = str(cause) or type(cause).__name__
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        return error if isinstance(error, httpx.ConnectTimeout) else httpx.ConnectTimeout(message)
    if isinstance(cause, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(cause, aiohttp.ServerTimeoutError):
        return httpx.ReadTimeout(message)
    if isinstance(cause, aiohttp.ServerDisconnectedError):
        return httpx.RemoteProtocolError(message)
    return httpx.ReadError(message)


class _RemappedStream(httpx.AsyncByteStream):
    """A response body whose aiohttp failures are classified by :func:`_as_httpx_error`."""

    def __init__(self, inner: httpx.AsyncByteStream) -> None:
        self._inner = inner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                yield chunk
        except httpx.TransportError as error:
            mapped = _as_httpx_error(error)
            if mapped is error:
                raise
            raise mapped from error.__cause__

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        except httpx.TransportError as error:
            mapped = _as_httpx_error(error)
            if mapped is error:
                raise
            raise mapped from error.__cause__


def aiohttp_installed() -> bool:
    """Return whether the aiohttp transport's libraries can be imported (never imports them)."""
    return find_spec("aiohttp") is not None and find_spec("httpx_aiohttp") is not None


@functools.cache
def _aiohttp_transport_class() -> type[httpx.AsyncBaseTransport]:
    """Return httpx-aiohttp's transport with aiohttp's connection failures classified correctly.

    Raises:
        ImportError: aiohttp or httpx-aiohttp is not installed (the message is the pip command).

    """
    try:
        from httpx_aiohttp import AiohttpTransport
    except ModuleNotFoundError as missing:
        if missing.name not in ("aiohttp", "httpx_aiohttp"):
            raise
        raise ImportError(AIOHTTP_EXTRA_HINT, name=missing.name) from None

    class _AiohttpTransport(AiohttpTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            try:
                response = await super().handle_async_request(request)
            except httpx.TransportError as error:
                mapped = _as_httpx_error(error)
                if mapped is error:
                    raise
                raise mapped from error.__cause__
            if isinstance(response.stream, httpx.AsyncByteStream):
                response.stream = _RemappedStream(response.stream)
            return response

    return _AiohttpTransport


def async_transport(
    kind: TransportKind = "auto",
    *,
    max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
    keepalive_expiry: float = 5.0,
    verify: ssl.SSLContext | bool = True,
) -> BoundedTransport:
    """Return a new transport for a generated client's ``httpx_args={"transport": ...}``.

    ``kind="aiohttp"`` (measured fastest and flat from 8 to 2,048 concurrent calls) sends
    through aiohttp (the ``aiohttp`` or ``cli`` extra); ``kind="httpx"`` through httpx's own
    pool, which needs no extra dependency but is slower and still loses throughput as
    concurrency grows; ``kind="auto"`` (the default) is aiohttp when it is installed, else
    httpx. Either way
    at most ``max_in_flight`` requests are in flight and at most that many connections are kept
    open (idle ones close after ``keepalive_expiry`` seconds); further requests wait in FIFO
    order without a timeout. ``verify`` is as for httpx (True: system CA bundle).

    The transport is closed by the client that owns it (``async with client``) or by
    :meth:`BoundedTransport.aclose`; it belongs to the first event loop it is used on.
    Transport failures arrive as httpx exceptions for both kinds: ``httpx.ConnectError`` /
    ``httpx.ConnectTimeout`` only when the request was never sent.

    Raises:
        ValueError: when ``max_in_flight`` is below 1 or ``kind`` is unknown.
        ImportError: ``kind="aiohttp"`` without aiohttp installed (the message is the pip
            command).

    Never opens a connection before the first request, never reads proxy settings from the
    environment, and never retries.

    """
    if max_in_flight < 1:
        raise ValueError(f"max_in_flight must be >= 1, not {max_in_flight}")
    limits = httpx.Limits(
        max_connections=max_in_flight,
        max_keepalive_connections=max_in_flight,
        keepalive_expiry=keepalive_expiry,
    )
    inner: httpx.AsyncBaseTransport
    if kind == "auto":
        kind = "aiohttp" if aiohttp_installed() else "httpx"
    if kind == "aiohttp":
        inner = _aiohttp_transport_class()(verify=verify, limits=limits)  # type: ignore[call-arg]
    elif kind == "httpx":
        inner = httpx.AsyncHTTPTransport(verify=verify, limits=limits)
    else:
        raise ValueError(f"unknown transport kind {kind!r}; expected 'auto', 'aiohttp' or 'httpx'")
    return BoundedTransport(inner, max_in_flight)
