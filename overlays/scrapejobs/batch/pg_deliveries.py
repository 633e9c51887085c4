"""Webhook deliveries kept in PostgreSQL: stateless receivers write them, runs wake on them.

Several ``scrapejobs receive`` processes (behind a load balancer) verify deliveries and
:func:`record_delivery` them into ``scrapejobs_deliveries``: one row per delivery, however many
times the provider sends it and to whichever receiver (``INSERT … ON CONFLICT DO NOTHING`` on
its :func:`~scrapejobs.webhooks.delivery_key`), and a ``NOTIFY scrapejobs_deliveries`` in the
same transaction. A run's listener (:mod:`scrapejobs.batch.pg_listener`) feeds them into its
waits; the table is the truth and NOTIFY only wakes.

The run's webhook secret is :func:`~scrapejobs.batch.run_webhooks.run_secret` of the provider
credential and the ledger's run id (``scrapejobs_runs.run_id``, made by whichever of the run's
workers or a receiver opens the run first): the very secret ``run --webhook-port`` would use with
that ledger. Neither the secret nor the credential is stored; stored payloads never hold a secret
either (Decodo's echoed ``passthrough`` is removed).

Needs the ``postgres`` extra (psycopg 3), imported when first used.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TypeVar

from scrapejobs.batch.ledger import LedgerUnavailableError
from scrapejobs.batch.pg_location import (
    CONNECT_DEFAULTS,
    POSTGRES_EXTRA_HINT,
    PostgresLocation,
    connect,
)
from scrapejobs.webhooks.deliveries import delivery_key
from scrapejobs.webhooks.events import wake_keys
from scrapejobs.webhooks.handler import DeliveryNotStoredError

if TYPE_CHECKING:
    import psycopg

    from scrapejobs.batch.pg_schema import Migration

T = TypeVar("T")
CHANNEL: Final = "scrapejobs_deliveries"
"""The NOTIFY channel; the payload is the run's name."""

DELIVERIES_SQL: Final = """
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
"""Migration 3 (``pg_schema.MIGRATIONS``): ``scrapejobs_deliveries``, one row per delivery."""


def require_postgres() -> None:
    """Return None when psycopg is installed; raise the extra's one-line ImportError otherwise."""
    psycopg_module()


def psycopg_module() -> Any:
    """Return the psycopg module; raise the extra's one-line ImportError without it."""
    try:
        import psycopg
    except ModuleNotFoundError as missing:
        if missing.name != "psycopg":
            raise
        raise ImportError(POSTGRES_EXTRA_HINT, name="psycopg") from None
    return psycopg


# -- where ------------------------------------------------------------------------------------


async def connect_async(location: PostgresLocation, connect_timeout: int | None = None) -> Any:
    """Return an autocommit async connection to ``location`` (libpq defaults: CONNECT_DEFAULTS).

    Raises psycopg.Error when the server cannot be reached (its message may name the host,
    never the password: callers mask it with ``location.mask``).
    """
    psycopg = psycopg_module()
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    given = conninfo_to_dict(location.conninfo)
    settings = {key: value for key, value in CONNECT_DEFAULTS.items() if key not in given}
    if connect_timeout is not None:
        settings["connect_timeout"] = str(connect_timeout)
    return await psycopg.AsyncConnection.connect(
        make_conninfo(location.conninfo, **settings), autocommit=True
    )


def ensure_schema(
    target: PostgresLocation, migrations: tuple[Migration, ...] | None = None
) -> None:
    """Bring the database's scrapejobs schema up to date (blocking; see ``pg_schema.migrate``).

    ``migrations`` defaults to every migration scrapejobs knows (``pg_schema.MIGRATIONS``).

    Raises:
        ImportError: psycopg is not installed (the extra's one-line message).
        LedgerUnavailableError: the database is unreachable (password masked).
        psycopg.Error: the database refused a migration.

    """
    from scrapejobs.batch.pg_schema import MIGRATIONS, migrate

    psycopg_module()
    with connect(target) as connection:
        migrate(connection, MIGRATIONS if migrations is None else migrations)


# -- writing (receivers) ----------------------------------------------------------------------


async def run_id(connection: psycopg.AsyncConnection[Any], run: str) -> str:
    """Return the ledger's run id of ``run`` (``scrapejobs_runs``), made by the first opener.

    The same get-or-create as the PostgreSQL ledger's, so a receiver started before the run's
    workers and the workers agree. With the provider credential it derives the run's webhook
    secret (``run_secret``); it is not a secret by itself. Raises psycopg.Error when the
    database fails.
    """
    await connection.execute(
        "INSERT INTO scrapejobs_runs (run, run_id) VALUES (%s, %s) ON CONFLICT (run) DO NOTHING",
        (run, uuid.uuid4().hex),
    )
    cursor = await connection.execute("SELECT run_id FROM scrapejobs_runs WHERE run = %s", (run,))
    row = await cursor.fetchone()
    if row is None:  # pragma: no cover - inserted or found just above
        raise RuntimeError(f"no run id for run {run!r}")
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
    psycopg = psycopg_module()
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
        target: PostgresLocation,
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
        psycopg = psycopg_module()
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
        from scrapejobs.batch.pg_schema import SchemaTooNewError

        if not self._migrated:
            try:
                await asyncio.to_thread(ensure_schema, self.target, self._migrations)
            except (LedgerUnavailableError, SchemaTooNewError) as exc:
                raise DeliveryNotStoredError(str(exc)) from None
            self._migrated = True
        return await connect_async(self.target, self.connect_timeout)

    def _why(self, exc: BaseException) -> str:
        """Return why the database failed, without the password (one line)."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        return f"PostgreSQL {self.target.shown}: {self.target.mask(text)}"

    async def run_id(self) -> str:
        """Return the ledger's run id (see :func:`run_id`); raise DeliveryNotStoredError."""
        return await self._with_connection(lambda c: run_id(c, self.target.run))

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


__all__ = [
    "CHANNEL",
    "DELIVERIES_SQL",
    "DeliveryDatabase",
    "StoredDelivery",
    "connect_async",
    "ensure_schema",
    "psycopg_module",
    "record_delivery",
    "require_postgres",
    "run_id",
    "stored_delivery",
]
