"""Webhook deliveries kept in PostgreSQL: stateless receivers write them, runs wake on them.

Several ``scrapejobs receive`` processes (behind a load balancer) verify deliveries and
:func:`record_delivery` them into ``scrapejobs_deliveries``: one row per delivery, however many
times the provider sends it and to whichever receiver (``INSERT … ON CONFLICT DO NOTHING`` on
its :func:`~scrapejobs.webhooks.delivery_key`), and a ``NOTIFY scrapejobs_deliveries`` in the
same transaction. A run's :class:`DeliveryListener` (``LISTEN``) feeds the rows of its run into
its :class:`~scrapejobs.webhooks.WebhookEvents`, exactly as the in-process receiver does. The
table is the truth and NOTIFY only wakes: the listener reads the table when it starts (deliveries
stored before it listened), after every notification and every ``recheck`` seconds, and again
after reconnecting when its connection drops; the run's jobs are polled meanwhile anyway.

Reading by a watermark that cannot skip a row: ids are handed out before commit, so a row with
a smaller id can commit after a larger one was read. Each row records the transaction that
wrote it (``tx``, a ``xid8``) and every read takes ``pg_snapshot_xmin`` (the oldest transaction
still running) in the same snapshot: a row not visible to that read was written by a
transaction at or after that xmin, so the next read asks for ``tx >= xmin`` and skips the ids
it already fed.

The run's webhook secret is :func:`~scrapejobs.batch.run_webhooks.run_secret` of the provider
credential and a random id per run name kept in ``scrapejobs_webhook_runs`` (made by whichever
of the run or a receiver comes first): never the secret itself, which needs the credential.
Stored payloads never hold it either (Decodo's echoed ``passthrough`` is removed).

Needs the ``postgres`` extra (psycopg 3), imported when first used.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TypeVar
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from scrapejobs.backoff import Backoff
from scrapejobs.batch.run_webhooks import RunWebhooks, run_secret
from scrapejobs.errors import redact
from scrapejobs.webhooks.deliveries import delivery_key
from scrapejobs.webhooks.events import WebhookEvents, wake_keys
from scrapejobs.webhooks.handler import DeliveryNotStoredError

if TYPE_CHECKING:
    import psycopg

    from scrapejobs.batch.pg_schema import Migration

T = TypeVar("T")
LOG = logging.getLogger("scrapejobs.webhooks.postgres")
CHANNEL: Final = "scrapejobs_deliveries"
"""The NOTIFY channel; the payload is the run's name."""
POSTGRES_EXTRA_HINT: Final = (
    "the PostgreSQL ledger needs its extra: pip install 'scrapejobs[postgres]'"
)
DEFAULT_RUN: Final = "default"

DELIVERIES_SQL: Final = """
CREATE TABLE scrapejobs_webhook_runs (
    run text PRIMARY KEY,
    webhook_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE scrapejobs_deliveries (
    id bigserial PRIMARY KEY,
    run text NOT NULL,
    provider text NOT NULL,
    job_id text NOT NULL,
    wake_scope text NOT NULL,
    state text NOT NULL,
    dedupe_key text NOT NULL,
    payload jsonb NOT NULL,
    tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (run, dedupe_key)
);
CREATE INDEX scrapejobs_deliveries_by_tx ON scrapejobs_deliveries (run, tx);
"""
"""Migration 3 (``pg_schema.MIGRATIONS``): ``scrapejobs_webhook_runs`` and ``scrapejobs_deliveries``."""


def require_postgres() -> None:
    """Return None when psycopg is installed; raise the extra's one-line ImportError otherwise."""
    _psycopg()


def _psycopg() -> Any:
    """Return the psycopg module; raise the extra's one-line ImportError without it."""
    try:
        import psycopg
    except ModuleNotFoundError as missing:
        if missing.name != "psycopg":
            raise
        raise ImportError(POSTGRES_EXTRA_HINT, name="psycopg") from None
    return psycopg


# -- where ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostgresTarget:
    """A ledger URL taken apart: what to connect to, the run's name, and how to show it."""

    conninfo: str = field(repr=False)
    """The URL to connect with (the ``run`` parameter removed); it may hold a password."""
    run: str
    shown: str
    """The URL with the password replaced by ``***``: what logs and messages print."""
    password: str | None = field(default=None, repr=False)


def is_postgres_url(value: str) -> bool:
    """Return whether ``value`` is a ``postgresql://`` or ``postgres://`` URL."""
    return value.startswith(("postgresql://", "postgres://"))


def postgres_target(url: str) -> PostgresTarget:
    """Return ``url`` (``postgresql://user:pass@host:port/db?run=NAME``) taken apart.

    The ``run`` query parameter names the run inside the database (default ``default``).

    Raises:
        ValueError: not a ``postgresql://``/``postgres://`` URL, or an empty ``run``; the
            message shows the URL with its password replaced by ``***``.

    """
    parts = urlsplit(url)
    password = parts.password
    shown_netloc = parts.netloc
    if password is not None:
        user, _, host = parts.netloc.rpartition("@")
        name = user.split(":", 1)[0]
        shown_netloc = f"{name}:***@{host}"
    query = parse_qsl(parts.query, keep_blank_values=True)
    runs = [value for name, value in query if name == "run"]
    rest = [(name, value) for name, value in query if name != "run"]
    shown = urlunsplit(parts._replace(netloc=shown_netloc, query=urlencode(rest)))
    if not is_postgres_url(url) or (not parts.hostname and not parts.path.strip("/")):
        raise ValueError(f"not a postgresql:// URL: {shown}")
    if runs and not runs[-1].strip():
        raise ValueError(f"the run parameter of {shown} is empty")
    run = runs[-1] if runs else DEFAULT_RUN
    conninfo = urlunsplit(parts._replace(query=urlencode(rest)))
    shown_run = shown + ("&" if rest else "?") + f"run={quote(run)}"
    return PostgresTarget(conninfo, run, shown_run, password)


def ensure_schema(target: PostgresTarget, migrations: tuple[Migration, ...] | None = None) -> None:
    """Bring the database's scrapejobs schema up to date (blocking; see ``pg_schema.migrate``).

    ``migrations`` defaults to every migration scrapejobs knows (``pg_schema.MIGRATIONS``).

    Raises:
        ImportError: psycopg is not installed (the extra's one-line message).
        psycopg.Error: the database is unreachable or refused a migration.

    """
    from scrapejobs.batch.pg_schema import MIGRATIONS, migrate

    psycopg = _psycopg()
    with psycopg.connect(target.conninfo, autocommit=True, connect_timeout=10) as connection:
        migrate(connection, MIGRATIONS if migrations is None else migrations)


# -- writing (receivers) ----------------------------------------------------------------------


async def webhook_id(connection: psycopg.AsyncConnection[Any], run: str) -> str:
    """Return the webhook id of ``run``, made (random) by the first caller.

    With the provider credential it derives the run's webhook secret (``run_secret``); it is
    not a secret by itself. Raises psycopg.Error when the database fails.
    """
    made = secrets.token_hex(16)
    cursor = await connection.execute(
        "INSERT INTO scrapejobs_webhook_runs (run, webhook_id) VALUES (%s, %s)"
        " ON CONFLICT (run) DO NOTHING",
        (run, made),
    )
    del cursor
    row = await (
        await connection.execute(
            "SELECT webhook_id FROM scrapejobs_webhook_runs WHERE run = %s", (run,)
        )
    ).fetchone()
    if row is None:  # pragma: no cover - inserted or found just above
        raise RuntimeError(f"no webhook id for run {run!r}")
    return str(row[0])


@dataclass(frozen=True)
class StoredDelivery:
    """What one verified delivery becomes in ``scrapejobs_deliveries``."""

    provider: str
    job_id: str
    """The id the delivery names: the job's (the run's for ScrapingPros, see ``wake_scope``)."""
    wake_scope: str
    """What ``job_id`` is an id of: the provider, or ``scrapingpros-run``."""
    state: str
    """The event's final state as the provider words it (``done``, ``failed``, …)."""
    dedupe_key: str
    payload: dict[str, Any] = field(repr=False)


def stored_delivery(provider: str, payload: Any) -> StoredDelivery:
    """Return the row for ``payload``, a verified delivery of ``provider`` (a generated model).

    The JSON kept is the payload without any echoed secret (Decodo's ``passthrough``).

    Raises:
        TypeError: ``payload`` is not ``provider``'s payload model (as ``delivery_key``).

    """
    key = delivery_key(provider, payload)
    ((scope, job),) = sorted(wake_keys(provider, payload))
    data = dict(payload.to_dict())
    data.pop("passthrough", None)
    return StoredDelivery(provider, job, scope, key[-1], "\x1f".join(key), data)


async def record_delivery(
    connection: psycopg.AsyncConnection[Any], run: str, delivery: StoredDelivery
) -> bool:
    """Store ``delivery`` for ``run`` once and NOTIFY listeners, in one transaction.

    Returns True when it is new, False when the same delivery was stored before (by any
    receiver). ``connection`` must be in autocommit mode. Raises psycopg.Error when the
    database fails (then nothing is stored and nobody is notified).
    """
    psycopg = _psycopg()
    async with connection.transaction():
        cursor = await connection.execute(
            "INSERT INTO scrapejobs_deliveries"
            " (run, provider, job_id, wake_scope, state, dedupe_key, payload)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (run, dedupe_key) DO NOTHING RETURNING id",
            (
                run,
                delivery.provider,
                delivery.job_id,
                delivery.wake_scope,
                delivery.state,
                delivery.dedupe_key,
                psycopg.types.json.Jsonb(delivery.payload),
            ),
        )
        new = await cursor.fetchone() is not None
        if new:
            await connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, run))
    return new


class DeliveryDatabase:
    """A receiver's few connections to the database (made when needed, dropped when broken).

    ``size`` bounds the connections in use at once. Holds nothing but connections: every
    receiver process may be stopped or started at any time. Migrates the schema on first use.
    """

    def __init__(
        self,
        target: PostgresTarget,
        *,
        size: int = 4,
        connect_timeout: int = 5,
        migrations: tuple[Migration, ...] | None = None,
    ) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self.target = target
        self.connect_timeout = connect_timeout
        self._migrations = migrations
        self._migrated = False
        self._idle: list[Any] = []
        self._slots = asyncio.Semaphore(size)

    def __repr__(self) -> str:
        return f"DeliveryDatabase({self.target.shown!r})"

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        """Yield an autocommit connection; a database failure becomes DeliveryNotStoredError.

        Raises:
            DeliveryNotStoredError: the database could not be reached or failed the work done
                with the connection (which is then closed). Its message holds no password.

        """
        async with self._slots, self._connection() as connection:
            yield connection

    @contextlib.asynccontextmanager
    async def _connection(self, *, reuse: bool = True) -> AsyncIterator[Any]:
        psycopg = _psycopg()
        connection = None
        try:
            connection = self._idle.pop() if reuse and self._idle else await self._connect()
            yield connection
        except psycopg.OperationalError as exc:
            if connection is not None:
                await connection.close()
                connection = None
            raise DeliveryNotStoredError(self._why(exc)) from None
        finally:
            if connection is not None:
                if connection.broken or connection.closed:
                    await connection.close()
                else:
                    self._idle.append(connection)

    async def _with_connection(self, work: Callable[[Any], Awaitable[T]]) -> T:
        """Return ``await work(connection)``; once more on a new connection if a kept one failed.

        A kept connection may have died while idle (the database restarted): that alone is no
        reason to refuse a delivery. Raises DeliveryNotStoredError when the retry fails too.
        """
        async with self._slots:
            reused = bool(self._idle)
            try:
                async with self._connection() as connection:
                    return await work(connection)
            except DeliveryNotStoredError:
                if not reused:
                    raise
            async with self._connection(reuse=False) as connection:
                return await work(connection)

    async def _connect(self) -> Any:
        psycopg = _psycopg()
        if not self._migrated:
            await asyncio.to_thread(ensure_schema, self.target, self._migrations)
            self._migrated = True
        return await psycopg.AsyncConnection.connect(
            self.target.conninfo, autocommit=True, connect_timeout=self.connect_timeout
        )

    def _why(self, exc: BaseException) -> str:
        """Return why the database failed, without the password (one line)."""
        hidden = [self.target.password] if self.target.password else []
        text = " ".join(str(exc).split()) or type(exc).__name__
        return f"PostgreSQL {self.target.shown}: {redact(text, hidden)}"

    async def webhook_id(self) -> str:
        """Return the run's webhook id (see :func:`webhook_id`); raise DeliveryNotStoredError."""
        return await self._with_connection(lambda c: webhook_id(c, self.target.run))

    async def record(self, provider: str, payload: Any) -> bool:
        """Store one verified delivery (see :func:`record_delivery`); return True when new.

        Raises:
            DeliveryNotStoredError: the database is down (nothing stored; answer 503).

        """
        delivery = stored_delivery(provider, payload)
        return await self._with_connection(lambda c: record_delivery(c, self.target.run, delivery))

    async def close(self) -> None:
        """Close the idle connections (in-use ones close when given back broken)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()


# -- reading (runs) ---------------------------------------------------------------------------


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
        target: PostgresTarget,
        events: WebhookEvents,
        *,
        recheck: float = 5.0,
        reconnect: Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        connect_timeout: int = 5,
    ) -> None:
        if not recheck > 0:
            raise ValueError("recheck must be positive")
        self.target = target
        self.events = events
        self.recheck = recheck
        self.reconnect = reconnect or Backoff(first=0.5, maximum=10.0)
        self.sleep = sleep
        self.rng = rng or random.Random()  # noqa: S311 -- jitter, not security
        self.connect_timeout = connect_timeout
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
        psycopg = _psycopg()
        failures = 0
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.target.conninfo, autocommit=True, connect_timeout=self.connect_timeout
                ) as connection:
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

        One snapshot (REPEATABLE READ) gives both the rows and the xmin the next read starts
        from. Raises psycopg.Error when the database fails (nothing is marked fed then).
        """
        psycopg = _psycopg()
        async with connection.transaction():
            await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            found = await (
                await connection.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
            ).fetchone()
            cursor = connection.cursor(row_factory=psycopg.rows.tuple_row)
            await cursor.execute(
                "SELECT id, tx::text, wake_scope, job_id FROM scrapejobs_deliveries"
                " WHERE run = %s AND tx >= %s::xid8 ORDER BY id",
                (self.target.run, str(self._xmin)),
            )
            rows = await cursor.fetchall()
        xmin = int(found[0]) if found is not None else self._xmin
        self.stats.reads += 1
        return self._feed(rows, xmin)

    def _feed(self, rows: Iterable[tuple[int, str, str, str]], xmin: int) -> int:
        """Notify the events of the rows not fed yet; move the watermark to ``xmin``."""
        keys: set[tuple[str, str]] = set()
        recent: set[int] = set()
        fed = 0
        for row_id, tx, scope, job in rows:
            if int(tx) >= xmin:
                recent.add(row_id)
            if row_id in self._fed_recent:
                continue
            keys.add((scope, job))
            fed += 1
        self._fed_recent = recent
        self._xmin = xmin
        if keys:
            self.events.notify_keys(keys)
        self.stats.fed += fed
        return fed

    def _why(self, exc: BaseException) -> str:
        hidden = [self.target.password] if self.target.password else []
        text = " ".join(str(exc).split()) or "connection lost"
        return f"{type(exc).__name__}: {redact(text, hidden)}"


@contextlib.asynccontextmanager
async def listening(
    target: PostgresTarget, events: WebhookEvents, **options: Any
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
    target: PostgresTarget,
    provider: str,
    token: str,
    base_url: str,
    *,
    scrapingpros_secret: str | None = None,
    **options: Any,
) -> AsyncIterator[tuple[RunWebhooks, WebhookEvents]]:
    """Wait by webhook through receivers that store into ``target``: yield the run's webhooks.

    The jobs carry ``base_url`` (the receivers' public URL, e.g. behind a load balancer) and the
    secret derived from ``token`` and the run's webhook id, exactly as ``scrapejobs receive``
    derives it; the yielded events are fed by a :class:`DeliveryListener` (``options`` are its
    own) until the block exits.

    Raises:
        ImportError: psycopg is not installed (the extra's one-line message).
        psycopg.Error: the database cannot be reached or migrated (nothing was sent).
        ValueError: ScrapingPros without ``scrapingpros_secret``.

    """
    psycopg = _psycopg()
    await asyncio.to_thread(ensure_schema, target)
    async with await psycopg.AsyncConnection.connect(
        target.conninfo, autocommit=True, connect_timeout=10
    ) as connection:
        found = await webhook_id(connection, target.run)
    hooks = RunWebhooks(
        base_url, secret=run_secret(token, found), scrapingpros_secret=scrapingpros_secret
    )
    hooks.verifier(provider)  # ScrapingPros without its secret: refused before anything is sent
    events = WebhookEvents()
    async with listening(target, events, **options):
        yield hooks, events


__all__ = [
    "CHANNEL",
    "DELIVERIES_SQL",
    "DeliveryDatabase",
    "DeliveryListener",
    "ListenerStats",
    "PostgresTarget",
    "StoredDelivery",
    "ensure_schema",
    "is_postgres_url",
    "listening",
    "postgres_target",
    "postgres_webhooks",
    "record_delivery",
    "require_postgres",
    "stored_delivery",
    "webhook_id",
]
