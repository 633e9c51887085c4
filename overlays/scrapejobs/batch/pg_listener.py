"""A run wakes on webhook deliveries stored in PostgreSQL by ``scrapejobs receive`` processes.

A :class:`DeliveryListener` (``LISTEN scrapejobs_deliveries``) feeds the rows of its run
(:mod:`scrapejobs.batch.pg_deliveries`) into the run's
:class:`~scrapejobs.webhooks.WebhookEvents`, exactly as the in-process receiver does. The table is
the truth and NOTIFY only wakes: the listener reads the table when it starts (deliveries stored
before it listened), after every notification and every ``recheck`` seconds, and again after
reconnecting when its connection drops; the run's jobs are polled meanwhile anyway.

Reading by a watermark that cannot skip a row: ids are handed out before commit, so a row with
a smaller id can commit after a larger one was read. Each row records the transaction that
wrote it (``tx``, a ``xid8``) and every read takes ``pg_snapshot_xmin`` (the oldest transaction
still running) in the same snapshot: a row not visible to that read was written by a
transaction at or after that xmin, so the next read asks for ``tx >= xmin`` and skips the ids
it already fed.

Needs the ``postgres`` extra (psycopg 3), imported when first used.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapejobs.backoff import Backoff
from scrapejobs.batch.pg_deliveries import CHANNEL, connect_async, ensure_schema, psycopg_module
from scrapejobs.batch.pg_location import PostgresLocation
from scrapejobs.batch.run_webhooks import RunWebhooks, run_secret
from scrapejobs.webhooks.events import WebhookEvents

if TYPE_CHECKING:
    import psycopg

LOG = logging.getLogger("scrapejobs.webhooks.postgres")


@dataclass
class ListenerStats:
    """What a :class:`DeliveryListener` did: rows fed, reads, notifications, reconnections."""

    fed: int = 0
    reads: int = 0
    notifications: int = 0
    reconnections: int = 0


class DeliveryListener:
    """Feeds the deliveries of one run, stored in PostgreSQL, into ``events``.

    :meth:`run` connects, runs ``LISTEN``, feeds every row of the run not fed yet (those stored
    before it started too), then waits for a NOTIFY for the run or ``recheck`` seconds and
    reads again. When the connection drops it logs one WARNING (no password), waits by
    ``reconnect`` and starts over from where it was: nothing stored is missed, nothing is fed
    twice. ``listening`` is set after each (re)connection's first read. Use it on the loop the
    waiting engine runs on.
    """

    def __init__(
        self,
        target: PostgresLocation,
        events: WebhookEvents,
        *,
        recheck: float = 5.0,
        reconnect: Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        connect_timeout: int = 5,
        page: int = 5000,
    ) -> None:
        if not recheck > 0 or page < 1:
            raise ValueError("recheck and page must be positive")
        self.target = target
        self.events = events
        self.recheck = recheck
        self.reconnect = reconnect or Backoff(first=0.5, maximum=10.0)
        self.sleep = sleep
        self.rng = rng or random.Random()  # noqa: S311 -- jitter, not security
        self.connect_timeout = connect_timeout
        self.page = page
        """Rows read per query."""
        self.stats = ListenerStats()
        self.listening = asyncio.Event()
        """Set once connected, listening and caught up; cleared when the connection drops."""
        self._xmin = 0
        """Rows of transactions older than this were all fed (see the module docstring)."""
        self._fed_recent: set[int] = set()
        """Ids fed whose transaction is not older than ``_xmin`` (they may be read again)."""

    def __repr__(self) -> str:
        return f"DeliveryListener({self.target.shown!r})"

    async def run(self) -> None:
        """Feed deliveries until cancelled; reconnect whenever the connection drops.

        Never returns; never raises a database error (logged, then retried).
        """
        psycopg = psycopg_module()
        failures = 0
        while True:
            try:
                async with await connect_async(self.target, self.connect_timeout) as connection:
                    await connection.execute(f"LISTEN {CHANNEL}")
                    await self.read(connection)
                    failures = 0
                    self.listening.set()
                    await self._follow(connection)
            except psycopg.Error as exc:
                self.listening.clear()
                delay = self.reconnect.delay(failures, self.rng)
                failures += 1
                self.stats.reconnections += 1
                LOG.warning(
                    "webhook deliveries from %s: %s; reconnecting in %.1f s (jobs are polled "
                    "meanwhile)",
                    self.target.shown,
                    self._why(exc),
                    delay,
                )
                await self.sleep(delay)

    async def _follow(self, connection: psycopg.AsyncConnection[Any]) -> None:
        """Read again after each notification for this run, and every ``recheck`` seconds."""
        while True:
            async for notify in connection.notifies(timeout=self.recheck, stop_after=1):
                if notify.payload == self.target.run:
                    self.stats.notifications += 1
            await self.read(connection)

    async def read(self, connection: psycopg.AsyncConnection[Any]) -> int:
        """Feed the run's rows not fed yet into the events; return how many were fed.

        One snapshot (REPEATABLE READ) gives both the rows, read ``page`` at a time (a run of
        millions of deliveries is never held at once), and the xmin the next read starts from.
        Raises psycopg.Error when the database fails: the watermark stays, so the next read
        feeds those rows again (a second wake of a job is harmless).
        """
        psycopg = psycopg_module()
        fed, recent, last = 0, set[int](), 0
        async with connection.transaction():
            await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            found = await (
                await connection.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
            ).fetchone()
            xmin = int(found[0]) if found is not None else self._xmin
            cursor = connection.cursor(row_factory=psycopg.rows.tuple_row)
            while True:
                await cursor.execute(
                    "SELECT id, tx::text, wake_scope, job_id FROM scrapejobs_deliveries"
                    " WHERE run = %s AND tx >= %s::xid8 AND id > %s ORDER BY id LIMIT %s",
                    (self.target.run, str(self._xmin), last, self.page),
                )
                rows = await cursor.fetchall()
                fed += self._feed(rows, xmin, recent)
                if len(rows) < self.page:
                    break
                last = rows[-1][0]
        self._fed_recent, self._xmin = recent, xmin
        self.stats.reads += 1
        return fed

    def _feed(self, rows: Iterable[tuple[int, str, str, str]], xmin: int, recent: set[int]) -> int:
        """Notify the events of the rows not fed yet; note in ``recent`` those read again later.

        Returns how many rows were fed.
        """
        keys: set[tuple[str, str]] = set()
        fed = 0
        for row_id, tx, scope, job in rows:
            if int(tx) >= xmin:
                recent.add(row_id)
            if row_id in self._fed_recent:
                continue
            keys.add((scope, job))
            fed += 1
        self.stats.fed += fed  # counted before the wake: a woken waiter sees the count
        if keys:
            self.events.notify_keys(keys)
        return fed

    def _why(self, exc: BaseException) -> str:
        text = " ".join(str(exc).split()) or "connection lost"
        return f"{type(exc).__name__}: {self.target.mask(text)}"


@contextlib.asynccontextmanager
async def listening(
    target: PostgresLocation, events: WebhookEvents, **options: Any
) -> AsyncIterator[DeliveryListener]:
    """Run a :class:`DeliveryListener` (``options`` are its own) while the block runs.

    Yields at once (it connects in the background: a database that is down delays deliveries,
    never the run). Stopped when the block exits.
    """
    listener = DeliveryListener(target, events, **options)
    task = asyncio.create_task(listener.run(), name="scrapejobs-deliveries-listener")
    try:
        yield listener
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.asynccontextmanager
async def postgres_webhooks(
    target: PostgresLocation,
    provider: str,
    token: str,
    base_url: str,
    run_id: str,
    *,
    scrapingpros_secret: str | None = None,
    **options: Any,
) -> AsyncIterator[tuple[RunWebhooks, WebhookEvents]]:
    """Wait by webhook through receivers that store into ``target``: yield the run's webhooks.

    The jobs carry ``base_url`` (the receivers' public URL, e.g. behind a load balancer) and the
    secret derived from ``token`` and ``run_id`` (the ledger's), exactly as ``scrapejobs
    receive`` derives it; the yielded events are fed by a :class:`DeliveryListener`
    (``options`` are its own) until the block exits. Makes sure the schema has its deliveries.

    Raises:
        ImportError: psycopg is not installed (the extra's one-line message).
        LedgerUnavailableError: the database cannot be reached (nothing was sent).
        ValueError: ScrapingPros without ``scrapingpros_secret``.

    """
    hooks = RunWebhooks(
        base_url, secret=run_secret(token, run_id), scrapingpros_secret=scrapingpros_secret
    )
    hooks.verifier(provider)  # ScrapingPros without its secret: refused before anything is sent
    await asyncio.to_thread(ensure_schema, target)
    events = WebhookEvents()
    async with listening(target, events, **options):
        yield hooks, events


__all__ = ["DeliveryListener", "ListenerStats", "listening", "postgres_webhooks"]
