"""Ledger calls off the event loop: the ledger's own thread and group commits.

A run never blocks its event loop on SQLite: :class:`LedgerThread` runs every ledger call on one
dedicated thread, and :class:`GroupCommit` lets writes that arrive while an earlier one commits
share the next commit (one fsync for many submissions, each still durable before it goes on).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from scrapejobs.batch.ledger import Ledger

T = TypeVar("T")
E = TypeVar("E")


class LedgerThread:
    """Run ledger calls, one at a time, on a thread of their own.

    ``await db(call, *args)`` returns what ``call(*args)`` returned (or raises what it raised).
    :meth:`shutdown` waits for the call under way; the thread takes no calls afterwards.
    """

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="scrapejobs-ledger")

    async def __call__(self, call: Callable[..., T], *args: Any) -> T:
        """Return ``call(*args)``, run on the ledger's thread (the event loop never blocks)."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, call, *args)

    def shutdown(self) -> None:
        """Wait for the call under way, then stop the thread (never raises for the calls)."""
        self._thread.shutdown(wait=True)


class GroupCommit(Generic[E]):
    """Coalesce concurrent ledger writes of one kind into one transaction per round.

    ``await commit(entry)`` returns what the round's write returned once ``entry`` is committed
    (or raises what the write raised). Entries that arrive while a round is being committed form
    the next round. A caller cancelled while its entry waits for a round takes the entry back
    when ``withdraw_cancelled`` (an intent not yet written need not be), else it is still
    written; a round already being written always completes (:meth:`settle` waits for it).
    """

    def __init__(
        self,
        run: Callable[..., Awaitable[Any]],
        ledger: Ledger,
        method: str,
        *,
        withdraw_cancelled: bool = False,
    ) -> None:
        self._run = run
        self._ledger = ledger
        self._method = method
        self._withdraw_cancelled = withdraw_cancelled
        self._pending: list[tuple[E, asyncio.Future[Any]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def __call__(self, entry: E) -> Any:
        """Commit ``entry`` with whatever else is waiting; return (the write's answer) when durable."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        # Its outcome is retrieved here, or deliberately dropped when the caller was cancelled.
        future.add_done_callback(lambda done: done.cancelled() or done.exception())
        waiting = (entry, future)
        self._pending.append(waiting)
        if self._draining is None or self._draining.done():
            self._draining = asyncio.create_task(self._drain())
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            if self._withdraw_cancelled and waiting in self._pending:
                self._pending.remove(waiting)
            raise

    async def settle(self) -> None:
        """Wait until every entry handed over is written (or failed); never raises for them."""
        while self._draining is not None and not self._draining.done():
            await asyncio.gather(self._draining, return_exceptions=True)

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                write_many = getattr(self._ledger, self._method)  # looked up per round
                answer = await self._run(write_many, [entry for entry, _ in batch])
            except Exception as error:  # handed to every waiter of this round
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for _, future in batch:
                if not future.done():
                    future.set_result(answer)
