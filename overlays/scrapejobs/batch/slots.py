"""Request slots: at most ``n`` requests of a run in flight, lent out while a retry backs off."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class _Hold:
    slots: RequestSlots
    held: bool = True


_HOLD: contextvars.ContextVar[_Hold | None] = contextvars.ContextVar(
    "scrapejobs_runner_slot", default=None
)
"""The request slot the current task holds (set by :meth:`RequestSlots.hold`)."""


class RequestSlots:
    """At most ``n`` requests in flight, not counting the retries waiting out their backoff.

    ``async with slots.hold():`` takes a slot for the requests made inside; a sleep wrapped by
    :meth:`lending` (the adapter's retry backoff) gives the slot back while it sleeps and takes
    one again before the next attempt.
    """

    def __init__(self, n: int) -> None:
        self._semaphore = asyncio.Semaphore(n)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Hold a slot for the block (released on exit, also on errors and cancellation)."""
        await self._semaphore.acquire()
        hold = _Hold(self)
        token = _HOLD.set(hold)
        try:
            yield
        finally:
            _HOLD.reset(token)
            if hold.held:
                self._semaphore.release()

    def lending(self, sleep: Callable[[float], Awaitable[Any]]) -> Callable[[float], Any]:
        """Return ``sleep`` made to lend out the caller's slot of these slots while it sleeps.

        Outside :meth:`hold` (or in another runner's) it is ``sleep`` unchanged. Never raises
        beyond what ``sleep`` raises; a cancelled sleep leaves the slot released.
        """

        async def sleep_without_slot(seconds: float) -> None:
            hold = _HOLD.get()
            if hold is None or hold.slots is not self or not hold.held:
                await sleep(seconds)
                return
            hold.held = False
            self._semaphore.release()
            await sleep(seconds)
            await self._semaphore.acquire()
            hold.held = True

        return sleep_without_slot
