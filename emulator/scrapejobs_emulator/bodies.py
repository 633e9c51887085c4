"""Hostile request bodies: a size limit and a deadline for the whole body.

Every provider reads its body through :class:`BodyGuard` (installed by
:class:`~scrapejobs_emulator.faults.ProviderMiddleware`), so a body that is too big or too slow
becomes a :class:`~scrapejobs_emulator.provider.ProviderError` in the provider's envelope, never
a 500 or a process holding the whole stream; :func:`~scrapejobs_emulator.provider.parse_json`
does the same for JSON nested too deeply or that is not text.

None of the five specs documents 413 (or 408), so both limits answer 400, the status every
operation that takes a body documents for a request it cannot accept (``invalid_request`` where
the envelope has a code): a client of the real API already handles it, and the contract tests'
documented statuses stay true.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.types import Message, Receive

from scrapejobs_emulator.errors import ProviderError

LOG = logging.getLogger("scrapejobs_emulator")
BODY_LIMIT_STATUS = 400
"""Status of a body over the limit or too slow: no provider documents 413 or 408."""


def body_too_large(limit: int) -> ProviderError:
    """Return the error for a request body over ``limit`` bytes."""
    return ProviderError(
        BODY_LIMIT_STATUS,
        f"Request body too large: the limit is {limit} bytes.",
        code="invalid_request",
    )


def body_too_slow(seconds: float) -> ProviderError:
    """Return the error for a body that did not arrive in time (the connection then closes)."""
    return ProviderError(
        BODY_LIMIT_STATUS,
        f"Request body not received within {seconds:g} seconds.",
        code="invalid_request",
        headers={"Connection": "close"},
    )


def declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    """Return the request's ``Content-Length`` as an int, or None when absent or not digits."""
    for name, value in headers:
        if name.lower() == b"content-length":
            text = value.strip()
            return int(text) if text.isdigit() and len(text) < 20 else None
    return None


class BodyGuard:
    """An ASGI ``receive`` that enforces a body size limit and a deadline for the whole body.

    The deadline starts at the first read and covers every read until the body is complete
    (one byte a second cannot stretch it). ``read`` counts the body bytes handed to the app;
    the chunk that would cross ``limit`` is refused, not handed on, so the app never holds more
    than ``limit`` bytes. Each refusal is logged in one line under ``provider``'s name.
    """

    def __init__(self, receive: Receive, limit: int, timeout: float, provider: str) -> None:
        self._receive = receive
        self.provider = provider
        self.limit = limit
        self.timeout = timeout
        self.read = 0
        self._deadline: float | None = None
        self._complete = False

    async def __call__(self) -> Message:
        """Return the next ASGI message.

        Raises:
            ProviderError: the body exceeds the limit, or is not complete by the deadline.

        """
        if self._complete:
            return await self._receive()
        if self._deadline is None:
            self._deadline = asyncio.get_running_loop().time() + self.timeout
        try:
            async with asyncio.timeout_at(self._deadline):
                message = await self._receive()
        except TimeoutError:
            LOG.warning(
                "%s: request body not received within %g s; closing", self.provider, self.timeout
            )
            raise body_too_slow(self.timeout) from None
        if message["type"] == "http.request":
            size = self.read + len(message.get("body", b""))
            if size > self.limit:
                LOG.warning("%s: refused a body over %d bytes", self.provider, self.limit)
                raise body_too_large(self.limit)
            self.read = size
            self._complete = not message.get("more_body", False)
        return message
