"""Use the emulator in-process: an httpx transport (sync and async) and ready generated clients."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Literal, overload

import decodo_client
import httpx
import scrapedo_client
import scraperapi_client
import scrapingpros_client
import scrapio_client

from scrapejobs_emulator.app import Emulator
from scrapejobs_emulator.errors import ConnectionDropped

BASE_URL = "http://emulator.invalid"
DEFAULT_TOKEN = "emulator-token"  # noqa: S105 -- the emulator's documented default


_LOOP: asyncio.AbstractEventLoop | None = None
_LOOP_LOCK = threading.Lock()


def _shared_loop() -> asyncio.AbstractEventLoop:
    """Return the event loop (on a daemon thread) that serves sync requests, starting it once."""
    global _LOOP
    with _LOOP_LOCK:
        if _LOOP is None:
            loop = asyncio.new_event_loop()
            threading.Thread(
                target=loop.run_forever, name="scrapejobs-emulator-transport", daemon=True
            ).start()
            _LOOP = loop
        return _LOOP


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Send httpx requests (sync or async) straight into an emulator's ASGI app.

    A dropped connection (fault ``drop`` or ``drop-after``) surfaces as
    ``httpx.RemoteProtocolError``, exactly as a real server hanging up would. Sync requests run
    on one event-loop thread shared by all transports (a daemon, so a forgotten client never
    blocks interpreter exit), which serialises them. Do not mix sync and asyncio calls on one
    emulator concurrently: the emulator is not thread-safe.
    """

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self._asgi = httpx.ASGITransport(app=emulator.app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Serve ``request`` on the caller's event loop."""
        try:
            response = await self._asgi.handle_async_request(request)
            content = await response.aread()
        except ConnectionDropped as exc:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from exc
        return httpx.Response(
            response.status_code, headers=response.headers, content=content, request=request
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Serve ``request`` on the transport's own event-loop thread."""
        body = request.read()

        async def run() -> httpx.Response:
            copy = httpx.Request(
                request.method,
                request.url,
                headers=request.headers,
                content=body,
                extensions=request.extensions,
            )
            return await self.handle_async_request(copy)

        future = asyncio.run_coroutine_threadsafe(run(), _shared_loop())
        response = future.result()
        response.request = request
        return response

    def close(self) -> None:
        """Nothing to release: the shared event-loop thread serves every transport."""

    async def aclose(self) -> None:
        """Nothing to release on the async side."""


Provider = Literal["decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio"]

# Where each provider wants its credential; mirrors scrapejobs.clients (the emulator may not
# import the overlay).
_AUTH: dict[str, tuple[Any, str, str]] = {
    "decodo": (decodo_client, "Basic", "Authorization"),
    "scrapedo": (scrapedo_client, "", "X-Token"),
    "scrapingpros": (scrapingpros_client, "Bearer", "Authorization"),
    "scrapio": (scrapio_client, "Bearer", "Authorization"),
}


@overload
def emulator_client(
    emulator: Emulator, provider: Literal["decodo"], token: str = ..., **kwargs: Any
) -> decodo_client.AuthenticatedClient: ...
@overload
def emulator_client(
    emulator: Emulator, provider: Literal["scrapedo"], token: str = ..., **kwargs: Any
) -> scrapedo_client.AuthenticatedClient: ...
@overload
def emulator_client(
    emulator: Emulator, provider: Literal["scrapingpros"], token: str = ..., **kwargs: Any
) -> scrapingpros_client.AuthenticatedClient: ...
@overload
def emulator_client(
    emulator: Emulator, provider: Literal["scraperapi"], token: str = ..., **kwargs: Any
) -> scraperapi_client.Client: ...
@overload
def emulator_client(
    emulator: Emulator, provider: Literal["scrapio"], token: str = ..., **kwargs: Any
) -> scrapio_client.AuthenticatedClient: ...
def emulator_client(
    emulator: Emulator, provider: str, token: str = DEFAULT_TOKEN, **kwargs: Any
) -> Any:
    """Return ``provider``'s generated client wired to ``emulator`` in-process.

    The client authenticates as ``token`` the provider's way (ScraperAPI: a plain ``Client``;
    put ``api_key=token`` in request bodies). It works with both the sync and the asyncio
    functions. ``kwargs`` go to the client's constructor.

    Raises:
        ValueError: for an unknown provider.

    """
    transport = EmulatorTransport(emulator)
    httpx_args = {**kwargs.pop("httpx_args", {}), "transport": transport}
    base_url = f"{BASE_URL}/{provider}"
    if provider == "scraperapi":
        return scraperapi_client.Client(base_url=base_url, httpx_args=httpx_args, **kwargs)
    if provider not in _AUTH:
        raise ValueError(f"unknown provider {provider!r}")
    module, prefix, header = _AUTH[provider]
    return module.AuthenticatedClient(
        base_url=base_url,
        token=token,
        prefix=prefix,
        auth_header_name=header,
        httpx_args=httpx_args,
        **kwargs,
    )
