"""The run lock of a PostgreSQL run: workers share it, a run that runs the whole input holds it alone.

A run in a PostgreSQL ledger is shared by its *workers* (:mod:`scrapejobs.batch.workers`): they
split the inputs through the claims, so each input is sent by one of them. A process that runs
the whole input itself (``scrapejobs run --retry`` or ``--emulator``) does not use the claims: run
beside workers, or beside another such process, it would plan and send inputs they send too,
and pay for them twice. So every ``scrapejobs run`` on a PostgreSQL run holds the run's lock for
its whole life, before anything is marked or sent:

- a worker holds it **shared** (any number of workers at once);
- a whole-input run holds it **exclusive** (alone: no worker, no other such run);
- a process that cannot take it is refused at once (:class:`RunBusyError`, a
  :class:`~scrapejobs.batch.localfiles.FileBusyError`: exit 2), its message naming the run (the
  password masked) and who holds it.

The lock is a PostgreSQL *session-level advisory lock*, held on a connection of its own: the
server releases it when that connection ends, however the process ends (killed with SIGKILL:
the kernel closes the socket and the server drops the session at once; a machine that vanished:
when the server's TCP keepalives give up, set on the session to about a minute). Its key is the
two-int form ``(LOCK_CLASS, lock_id)``, where ``lock_id`` is a number the database gives each run
once (``scrapejobs_run_locks``, migration 4: :data:`RUN_LOCKS_SQL`), so two runs never share a
key (a hash of the run's name could collide); advisory locks live per database, and the
two-int form never meets the one-bigint form the migrations lock with.

A lost lock connection mid-run (an administrator ended the session, a proxy or firewall cut it,
the server restarted): :meth:`RunLock.guard` notices it as soon as the socket says so, cancels
the run at once (nothing more is sent) and raises :class:`~scrapejobs.batch.ledger.LedgerIOError`
(exit 4; rerun to resume: the ledger's resume rules apply). Between the loss and the process
noticing it (at once for an ended session; for a silent network loss, when the keepalives give
up), another process could take the lock while this one still sends: run-lock loss is a fault,
not a way to hand a run over.

Needs the ``postgres`` extra (psycopg 3), imported when a lock is taken.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import os
import socket
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Final

from scrapejobs.batch.ledger import LedgerIOError, LedgerUnavailableError
from scrapejobs.batch.localfiles import FileBusyError
from scrapejobs.batch.pg_location import PostgresLocation, connect, parse_postgres_url

if TYPE_CHECKING:
    import psycopg

RUN_LOCKS_SQL: Final = """
CREATE TABLE scrapejobs_run_locks (
    run text PRIMARY KEY,
    lock_id integer GENERATED ALWAYS AS IDENTITY UNIQUE
);
"""
"""Migration 4 (:data:`scrapejobs.batch.pg_schema.MIGRATIONS`): each run's advisory lock number,
given once by the database (a run's row is added the first time a process locks it)."""

LOCK_CLASS: Final = 0x5C4A_0B15
"""The first int of every run lock's key (the second is the run's ``lock_id``)."""

SERVER_KEEPALIVES: Final = {
    "tcp_keepalives_idle": 30,
    "tcp_keepalives_interval": 10,
    "tcp_keepalives_count": 3,
}
"""Set on the lock's session: the server drops a vanished holder's lock within about a minute
(its own default may be the kernel's two hours). Ignored on a Unix socket."""


class RunLockMode(enum.Enum):
    """How a process holds its run's lock."""

    SHARED = "shared"
    """A worker of the shared run (any number at once)."""
    EXCLUSIVE = "exclusive"
    """A process that runs the whole input alone (``--retry``, ``--emulator``)."""


class RunBusyError(FileBusyError):
    """Another process holds the PostgreSQL run's lock in a conflicting mode (nothing was sent)."""


def holder_name() -> str:
    """Return how other processes' refusals name this one: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


class RunLock:
    """A held run lock (see the module docstring); :meth:`release` it, or use it as a context.

    Take it with :meth:`acquire`. Its connection is used by the event loop's thread only.
    """

    def __init__(
        self,
        location: PostgresLocation,
        mode: RunLockMode,
        connection: psycopg.Connection[Any],
        lock_id: int,
    ) -> None:
        self.location = location
        self.mode = mode
        self.lock_id = lock_id
        self._connection = connection

    def __repr__(self) -> str:
        return f"RunLock({self.location.run!r}, {self.mode.value}, ledger={self.location.shown!r})"

    @classmethod
    def acquire(
        cls, location: PostgresLocation, mode: RunLockMode, *, holder: str | None = None
    ) -> RunLock:
        """Take the lock of ``location``'s run in ``mode`` without waiting; return it held.

        ``holder`` names this process in other processes' refusals (default :func:`holder_name`).
        Creates the schema and the run's lock number when they do not exist yet.

        Raises:
            RunBusyError: another process holds it in a conflicting mode (the message names the
                run, the ledger with its password masked, and the holders it can see).
            LedgerUnavailableError: the server cannot be reached or refused (password masked);
            ImportError: psycopg is not installed.

        """
        connection = connect(location)
        try:
            lock_id = _prepare(connection, location, mode, holder or holder_name())
            query = (
                "SELECT pg_try_advisory_lock(%s, %s)"
                if mode is RunLockMode.EXCLUSIVE
                else "SELECT pg_try_advisory_lock_shared(%s, %s)"
            )
            row = connection.execute(query, (LOCK_CLASS, lock_id)).fetchone()
            if row is None or not row[0]:
                raise RunBusyError(_busy_message(connection, location, mode, lock_id))
        except BaseException:
            with contextlib.suppress(Exception):
                connection.close()
            raise
        return cls(location, mode, connection, lock_id)

    def release(self) -> None:
        """Drop the lock (its connection is closed: the server releases it); never raises."""
        with contextlib.suppress(Exception):
            self._connection.close()

    def __enter__(self) -> RunLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def lost(self) -> str | None:
        """Return why the lock's connection is gone (the lock with it), or None while it holds.

        Reads what the server sent without waiting (an ended session sends its reason, then
        closes); never raises.
        """
        import psycopg
        from psycopg import pq

        connection = self._connection
        if connection.closed:
            return "its connection was closed"
        try:
            connection.pgconn.consume_input()
        except psycopg.Error as exc:  # libpq: "...: server closed the connection unexpectedly"
            why = str(exc).strip().splitlines()[0].removeprefix("consuming input failed: ")
            return self.location.mask(f"its connection was lost ({why.strip()})")
        if connection.pgconn.status != pq.ConnStatus.OK:
            return "its connection was lost"
        return None

    @contextlib.asynccontextmanager
    async def guard(self) -> AsyncIterator[None]:
        """Run the block while the lock holds; if its connection is lost, stop the block at once.

        The block's task is cancelled as soon as the lock's socket reports the loss (no polling).

        Raises:
            LedgerIOError: the lock was lost while the block ran (the block was cancelled:
                nothing more was sent; what the ledger recorded stays).

        """
        task = asyncio.current_task()
        if task is None:  # pragma: no cover - an async context manager runs in a task
            raise RuntimeError("RunLock.guard needs a running task")
        loop = asyncio.get_running_loop()
        reasons: list[str] = []
        descriptor = self._connection.pgconn.socket

        def readable() -> None:
            reason = self.lost()
            if reason is not None and not reasons:
                reasons.append(reason)
                loop.remove_reader(descriptor)
                task.cancel()

        loop.add_reader(descriptor, readable)
        try:
            yield
        except BaseException as error:
            if not reasons:
                raise
            task.uncancel()
            raise self._lost_error(reasons[0]) from error
        finally:
            with contextlib.suppress(Exception):
                loop.remove_reader(descriptor)
        if reasons:  # lost as the block ended: its work is done; the cancel is spent
            task.uncancel()

    def _lost_error(self, reason: str) -> LedgerIOError:
        return LedgerIOError(
            self.location.shown,
            f"lock of run {self.location.run!r} on the ledger",
            f"{reason}; stopped sending at once",
            verb="hold",
        )


def _prepare(
    connection: psycopg.Connection[Any], location: PostgresLocation, mode: RunLockMode, holder: str
) -> int:
    """Name the session, set its keepalives, migrate, and return the run's lock number."""
    import psycopg

    from scrapejobs.batch.pg_schema import SchemaTooNewError, migrate

    try:
        name = f"scrapejobs {mode.value} {holder}"[:63]
        connection.execute("SELECT set_config('application_name', %s, false)", (name,))
        for setting, value in SERVER_KEEPALIVES.items():
            connection.execute("SELECT set_config(%s, %s, false)", (setting, str(value)))
        migrate(connection)
        connection.execute(
            "INSERT INTO scrapejobs_run_locks (run) VALUES (%s) ON CONFLICT (run) DO NOTHING",
            (location.run,),
        )
        row = connection.execute(
            "SELECT lock_id FROM scrapejobs_run_locks WHERE run = %s", (location.run,)
        ).fetchone()
    except SchemaTooNewError as exc:
        raise LedgerUnavailableError(f"ledger {location.shown}: {exc}") from None
    except psycopg.Error as exc:
        reason = location.mask(" ".join(str(exc).split()))
        raise LedgerUnavailableError(f"cannot open the ledger {location.shown}: {reason}") from None
    if row is None:  # pragma: no cover - inserted just above or already there
        raise LedgerUnavailableError(f"ledger {location.shown}: run {location.run!r} vanished")
    return int(row[0])


_HOLDERS = """
SELECT l.mode, a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid = %s::oid AND l.objid = %s::oid
ORDER BY l.pid
"""


def _busy_message(
    connection: psycopg.Connection[Any], location: PostgresLocation, mode: RunLockMode, lock_id: int
) -> str:
    """Return the refusal: the run, the ledger (masked), who holds it, what to do."""
    import psycopg

    try:
        rows = connection.execute(_HOLDERS, (LOCK_CLASS, lock_id)).fetchall()
    except psycopg.Error:
        rows = []
    alone = [name for held, name in rows if held == "ExclusiveLock"]
    shared = [name for held, name in rows if held == "ShareLock"]
    names = [str(name).removeprefix("scrapejobs ") for name in alone + shared if name]
    who = f" ({', '.join(names[:5])}{', …' if len(names) > 5 else ''})" if names else ""
    if alone:
        holds = f"a run that runs the whole input alone (--retry or --emulator){who}"
    elif shared:
        holds = f"{len(shared)} worker(s){who}"
    else:
        holds = "another process"
    needs = (
        "this run needs it alone"
        if mode is RunLockMode.EXCLUSIVE
        else "a worker cannot join it meanwhile"
    )
    return (
        f"run {location.run!r} of the ledger {location.shown} is in use by another scrapejobs "
        f"run: held by {holds}; {needs}; wait for it to end or stop it, then run again"
    )


async def hold_run_lock(
    stack: contextlib.AsyncExitStack, url: str, mode: RunLockMode, *, holder: str | None = None
) -> RunLock:
    """Take the lock of ledger ``url``'s run for the rest of ``stack``'s block, guarded by it.

    Released when ``stack`` closes; a lost lock cancels the block (:meth:`RunLock.guard`).

    Raises:
        RunBusyError / LedgerUnavailableError / ImportError: as :meth:`RunLock.acquire`.

    """
    lock = RunLock.acquire(parse_postgres_url(url), mode, holder=holder)
    stack.callback(lock.release)
    await stack.enter_async_context(lock.guard())
    return lock
