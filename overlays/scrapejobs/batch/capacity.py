"""The provider's free concurrency (Scrape.do): how many more unfinished jobs a run may start.

Providers without such a limit answer None to :meth:`~scrapejobs.jobs.Adapter.capacity`; every
reservation then passes at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

LOG = logging.getLogger("scrapejobs.batch.runner")


class Capacity:
    """Reservations against the provider's free concurrency.

    ``free()`` reads the free concurrency (the adapter's :meth:`~scrapejobs.jobs.Adapter.capacity`);
    ``unfinished()`` counts the run's watched jobs that still take a slot at the provider;
    submissions let through and not yet watched are counted here (``reserved``). ``sleep`` and
    ``recheck`` (seconds) pace the re-reads when others use the whole account.
    """

    def __init__(
        self,
        provider: str,
        free: Callable[[], Awaitable[int | None]],
        *,
        unfinished: Callable[[], int],
        sleep: Callable[[float], Awaitable[Any]],
        recheck: float,
    ) -> None:
        self.provider = provider
        self._free = free
        self.limit: int | None = None
        """How many unfinished jobs of this run fit (None: no limit known)."""
        self.reserved = 0
        """Jobs of submissions let through by :meth:`reserve` and not yet watched."""
        self._unfinished = unfinished
        self._sleep = sleep
        self._recheck = recheck
        self._changed = asyncio.Event()

    async def read(self) -> int | None:
        """Return the provider's free concurrency now, or None when it has no such limit.

        Raises what ``free()`` raises (the adapter's ProviderError, httpx.HTTPError).
        """
        capacity = await self._free()
        if capacity is not None:
            LOG.info("%s: %d free concurrency", self.provider, capacity)
        return capacity

    async def reserve(self, needed: int) -> None:
        """Wait until ``needed`` more unfinished jobs fit in the limit; reserve them.

        Reserved until :meth:`release` (submissions in flight count as unfinished). With
        nothing of this run unfinished, one submission always goes (when the limit is above 0);
        at 0, the limit is read again every ``recheck`` seconds.
        """
        while True:
            limit = self.limit
            # A job known to be final no longer takes a slot of the provider's concurrency,
            # even while its result is still being read (or read again after a fault).
            unfinished = self._unfinished() + self.reserved
            if limit is None or unfinished + needed <= limit or (unfinished == 0 and limit > 0):
                self.reserved += needed
                return
            if unfinished == 0:
                # Others use the account's concurrency: look again after a while.
                await self._sleep(self._recheck)
                self.limit = await self.read()
                continue
            self._changed.clear()
            await self._changed.wait()

    def release(self, needed: int) -> None:
        """End a reservation of :meth:`reserve` (its jobs are watched by now)."""
        self.reserved -= needed
        self.changed()

    def changed(self) -> None:
        """Wake the reservations waiting: a slot may have come free."""
        self._changed.set()
