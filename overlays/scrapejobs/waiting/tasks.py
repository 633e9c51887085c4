"""The engine's requests in flight, and how it waits between them.

Hand-rolled rather than an :class:`asyncio.TaskGroup`: the engine must be able to sleep on the
injected clock only while nothing is in flight. A read that fails with the provider's answer
never gets here (the engine plans it again); a read that crashes (a bug: any other exception)
is kept in :attr:`ReadTasks.crashed` and ends the engine's run, rather than being retried for
ever.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

LOG = logging.getLogger("scrapejobs.waiting")


class ReadTasks:
    """Requests in flight: started, awaited together, cancelled together.

    ``wake`` is set whenever one ends (the engine looks again); ``sleep`` is the injected sleep.
    """

    def __init__(self, wake: asyncio.Event, sleep: Callable[[float], Awaitable[None]]) -> None:
        self._wake = wake
        self._sleep = sleep
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = False
        self.crashed: BaseException | None = None
        """The first exception a read crashed with (not counting reads cancelled by stop)."""

    def __bool__(self) -> bool:
        return bool(self._tasks)

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run ``coroutine`` as a task; a crash is logged and kept in :attr:`crashed`."""
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)

        def done(finished: asyncio.Task[None]) -> None:
            self._tasks.discard(finished)
            self._wake.set()
            if finished.cancelled() or finished.exception() is None:
                return
            if self._stopping:
                LOG.debug("job read stopped: %r", finished.exception())
            else:
                LOG.error("job read crashed", exc_info=finished.exception())
                if self.crashed is None:
                    self.crashed = finished.exception()

        task.add_done_callback(done)

    async def sleep_or_wake(
        self, delay: float, delivered: Callable[[], Awaitable[None]] | None
    ) -> None:
        """Sleep ``delay`` (injected sleep) or until woken: a read ended, ``delivered`` returned.

        While reads are in flight the wait is in real time (they end by themselves), so an
        injected sleep that moves a test clock never jumps past a read under way.
        """
        waiters: list[asyncio.Future[Any]] = [asyncio.ensure_future(self._wake.wait())]
        if delivered is not None:
            waiters.append(asyncio.ensure_future(delivered()))
        if not self._tasks:
            waiters.append(asyncio.ensure_future(self._sleep(delay)))
        try:
            await asyncio.wait(
                waiters,
                timeout=delay if self._tasks else None,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:  # also when the engine itself is cancelled: no waiter is left behind
            for waiter in waiters:
                waiter.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)

    async def stop(self) -> None:
        """Cancel every task in flight and wait until each has ended."""
        self._stopping = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


__all__ = ["ReadTasks"]
