"""The ledger in PostgreSQL: one :class:`~scrapejobs.batch.ledger.Ledger` for many processes.

Same semantics as :class:`~scrapejobs.batch.ledger.SqliteLedger` (read its module docstring):
intent before sending, job refs after, outcomes last, each step one committed transaction. What
PostgreSQL adds:

- **Several runs per database**: every table has a ``run`` column; the ledger URL's ``run``
  parameter names the run (:mod:`scrapejobs.batch.pg_location`).
- **Several processes per run**: the run id is created once, by whichever process opens the run
  first (``INSERT … ON CONFLICT DO NOTHING``), and read by all others, so every process derives
  the same idempotency keys; an intent is recorded once (``ON CONFLICT DO NOTHING``) and every
  process is answered the key recorded first. The ledger itself takes no lock: the CLI holds
  the run's lock (:mod:`scrapejobs.batch.pg_run_lock`: shared by workers, exclusive for a process
  that runs the whole input alone), and workers share the work through claims
  (:mod:`scrapejobs.batch.claims`).
- **The schema is versioned** by :mod:`scrapejobs.batch.pg_schema` (migration 1 is
  :data:`LEDGER_SQL`); a database migrated by a newer scrapejobs is refused.

A connection lost mid-run fails the call with :class:`~scrapejobs.batch.ledger.LedgerIOError`
(nothing of that call's transaction is kept unless its commit got through; either way the next
run resumes from what is recorded); the next call reconnects. psycopg is imported only when a
ledger is opened (the ``postgres`` extra).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Self

from scrapejobs.batch.ledger import (
    IntentEntry,
    LedgerCorruptError,
    LedgerIOError,
    LedgerUnavailableError,
    Outcome,
    SingleWrites,
    Submission,
    SubmissionState,
    SubmittedEntry,
    _job_rows,
    _outcome,
    _ref,
    check_binding,
)
from scrapejobs.batch.pg_location import PostgresLocation, connect, parse_postgres_url
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState

if TYPE_CHECKING:
    import psycopg

LEDGER_SQL = """
CREATE TABLE scrapejobs_runs (
    run text PRIMARY KEY,
    run_id text NOT NULL,
    provider text,
    digest text,
    input_count bigint,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE scrapejobs_submissions (
    run text NOT NULL REFERENCES scrapejobs_runs (run),
    seq bigint GENERATED ALWAYS AS IDENTITY,
    key text NOT NULL,
    provider text NOT NULL,
    request text NOT NULL,
    idempotency_key text,
    inputs text[] NOT NULL DEFAULT '{}',
    callback text,
    state text NOT NULL,
    reason text,
    updated_at double precision NOT NULL,
    PRIMARY KEY (run, key)
);
CREATE INDEX scrapejobs_submissions_order ON scrapejobs_submissions (run, seq);
CREATE TABLE scrapejobs_jobs (
    run text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    provider text NOT NULL,
    job_id text NOT NULL,
    scope text NOT NULL,
    submission_key text NOT NULL,
    input_key text,
    state text,
    result text,
    reason text,
    finished_at double precision,
    PRIMARY KEY (run, provider, job_id, scope),
    FOREIGN KEY (run, submission_key) REFERENCES scrapejobs_submissions (run, key)
);
CREATE INDEX scrapejobs_jobs_order ON scrapejobs_jobs (run, seq);
CREATE INDEX scrapejobs_jobs_open ON scrapejobs_jobs (run, seq) WHERE state IS NULL;
CREATE INDEX scrapejobs_jobs_by_submission ON scrapejobs_jobs (run, submission_key, seq);
CREATE TABLE scrapejobs_attempts (
    run text NOT NULL REFERENCES scrapejobs_runs (run),
    input_key text NOT NULL,
    round integer NOT NULL,
    PRIMARY KEY (run, input_key)
);
"""
"""Migration 1 (the ledger). ``request`` and ``result`` are the JSON text SQLite keeps (exact,
whatever the JSON holds); ``scope`` is a job ref's scope as a JSON array; times are epoch
seconds; ``seq`` is the recording order."""

SUBMISSION_COLUMNS = (
    "s.key, s.provider, s.request, s.idempotency_key, s.state, s.reason, s.inputs, s.callback, "
    "s.updated_at, (SELECT json_agg(json_build_array(j.provider, j.job_id, j.scope, j.input_key) "
    "ORDER BY j.seq) FROM scrapejobs_jobs j WHERE j.run = s.run AND j.submission_key = s.key)"
)
"""A submission with its jobs in one statement (one snapshot), read by :func:`_submission`."""


def _submission(row: tuple[Any, ...]) -> Submission:
    """Return the submission of ``row`` (:data:`SUBMISSION_COLUMNS`)."""
    key, provider, request, idempotency_key, state, reason, inputs, callback, updated, jobs = row
    jobs = jobs or []
    return Submission(
        key,
        provider,
        json.loads(request),
        idempotency_key,
        SubmissionState(state),
        tuple(_ref(*job[:3]) for job in jobs),
        reason,
        tuple(inputs),
        tuple(job[3] for job in jobs),
        callback,
        updated if state == SubmissionState.SUBMITTED.value else None,
    )


def _set_states(cursor: psycopg.Cursor[Any], rows: Sequence[tuple[Any, ...]]) -> None:
    """Set ``(state, reason, updated_at, run, key)`` of each row, in order.

    Raises:
        KeyError: a key has no submission (the caller's transaction is rolled back).

    """
    cursor.executemany(
        "UPDATE scrapejobs_submissions SET state = %s, reason = %s, updated_at = %s "
        "WHERE run = %s AND key = %s",
        rows,
    )
    if cursor.rowcount != len(rows):  # each key matches at most one row
        cursor.execute(
            "SELECT key FROM scrapejobs_submissions WHERE run = %s AND key = ANY(%s)",
            (rows[0][3], [row[4] for row in rows]),
        )
        known = {found for (found,) in cursor.fetchall()}
        missing = next(row[4] for row in rows if row[4] not in known)
        raise KeyError(f"no submission {missing!r}")


def _first_unknown(
    cursor: psycopg.Cursor[Any], run: str, outcomes: Sequence[tuple[JobRef, Any, Any, Any]]
) -> JobRef:
    """Return the first ref of ``outcomes`` that has no job row in ``run``."""
    for ref, *_ in outcomes:
        cursor.execute(
            "SELECT 1 FROM scrapejobs_jobs WHERE run = %s AND provider = %s AND job_id = %s "
            "AND scope = %s",
            (run, ref.provider, ref.job_id, json.dumps(list(ref.scope))),
        )
        if cursor.fetchone() is None:
            return ref
    raise AssertionError("every ref was found")  # pragma: no cover


def _open(location: PostgresLocation) -> tuple[psycopg.Connection[Any], str]:
    """Connect, bring the schema up to date and make sure the run exists; return its run id.

    Raises what :class:`PostgresLedger` raises on open.
    """
    connection = connect(location)  # first: without psycopg, it says which extra to install
    import psycopg

    from scrapejobs.batch.pg_schema import SchemaTooNewError, migrate

    try:
        migrate(connection)
        with connection.transaction():
            connection.execute(
                "INSERT INTO scrapejobs_runs (run, run_id) VALUES (%s, %s) "
                "ON CONFLICT (run) DO NOTHING",
                (location.run, uuid.uuid4().hex),
            )
            row = connection.execute(
                "SELECT run_id FROM scrapejobs_runs WHERE run = %s", (location.run,)
            ).fetchone()
    except SchemaTooNewError as exc:
        connection.close()
        raise LedgerCorruptError(f"ledger {location.shown}: {exc}") from None
    except psycopg.Error as exc:
        connection.close()
        reason = location.mask(" ".join(str(exc).split()))
        raise LedgerUnavailableError(f"cannot open the ledger {location.shown}: {reason}") from None
    if row is None:  # pragma: no cover - inserted just above or already there
        raise LedgerIOError(location.shown, "ledger", "the run vanished while opening it")
    return connection, str(row[0])


class _PostgresConnection:
    """A PostgreSQL ledger's connection, run and transactions (see :class:`PostgresLedger`)."""

    def __init__(self, url: str | PostgresLocation) -> None:
        self.location = url if isinstance(url, PostgresLocation) else parse_postgres_url(url)
        self.path = self.location.shown
        """What messages name the ledger by: the URL with its password masked."""
        self._connection, self._run_id = _open(self.location)
        self._lock = threading.RLock()
        """Held for each call: a read from another thread never runs inside a transaction."""

    def __repr__(self) -> str:
        return f"PostgresLedger({self.location.shown!r})"

    @property
    def run_id(self) -> str:
        """See :attr:`Ledger.run_id` (the same for every process that opens this run)."""
        return self._run_id

    @property
    def run(self) -> str:
        """The run's name inside the database (the URL's ``run`` parameter)."""
        return self.location.run

    def close(self) -> None:
        """Close the connection (everything is already committed); never raises."""
        with contextlib.suppress(Exception):
            self._connection.close()

    def __del__(self) -> None:  # dropped unclosed (as SqliteLedger's lock is): close quietly
        connection = getattr(self, "_connection", None)
        if connection is not None:
            self.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the connection -----------------------------------------------------------------------

    def _live(self) -> psycopg.Connection[Any]:
        """Return the connection, reconnected when an earlier call lost it."""
        if self._connection.closed or self._connection.broken:
            self._connection = connect(self.location)
        return self._connection

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn a lost connection or a failing server into :class:`LedgerIOError`."""
        import psycopg

        try:
            yield
        except LedgerUnavailableError as exc:  # reconnecting failed
            raise LedgerIOError(self.path, "ledger", str(exc)) from None
        except (psycopg.OperationalError, psycopg.InterfaceError, psycopg.InternalError) as exc:
            reason = self.location.mask(" ".join(str(exc).split()))
            raise LedgerIOError(self.path, "ledger", reason) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor[Any]]:
        """Run the block as one transaction on a cursor: all of it is committed, or none.

        Raises:
            LedgerIOError: the connection was lost or the server failed (the block's writes
                are not recorded, unless the commit itself got through before the loss).

        """
        with self._lock, self._errors():
            connection = self._live()
            with connection.transaction(), connection.cursor() as cursor:
                yield cursor

    def _rows(self, query: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with self._lock, self._errors():
            return self._live().execute(query, params).fetchall()


class _PostgresReads(_PostgresConnection):
    """The read side of :class:`PostgresLedger` (one statement each: one snapshot)."""

    def submission(self, key: str) -> Submission | None:
        """See :meth:`Ledger.submission`."""
        rows = self._rows(
            f"SELECT {SUBMISSION_COLUMNS} FROM scrapejobs_submissions s "  # noqa: S608
            "WHERE s.run = %s AND s.key = %s",
            (self.location.run, key),
        )
        return _submission(rows[0]) if rows else None

    def submissions(self, state: SubmissionState | None = None) -> list[Submission]:
        """See :meth:`Ledger.submissions`."""
        query = f"SELECT {SUBMISSION_COLUMNS} FROM scrapejobs_submissions s WHERE s.run = %s"  # noqa: S608
        if state is None:
            rows = self._rows(query + " ORDER BY s.seq", (self.location.run,))
        else:
            rows = self._rows(
                query + " AND s.state = %s ORDER BY s.seq", (self.location.run, state.value)
            )
        return [_submission(row) for row in rows]

    def outstanding(self) -> list[JobRef]:
        """See :meth:`Ledger.outstanding`."""
        rows = self._rows(
            "SELECT provider, job_id, scope FROM scrapejobs_jobs "
            "WHERE run = %s AND state IS NULL ORDER BY seq",
            (self.location.run,),
        )
        return [_ref(*row) for row in rows]

    def outcomes(self) -> Iterator[Outcome]:
        """See :meth:`Ledger.outcomes`."""
        rows = self._rows(
            "SELECT provider, job_id, scope, submission_key, state, result, reason, input_key "
            "FROM scrapejobs_jobs WHERE run = %s AND state IS NOT NULL ORDER BY seq",
            (self.location.run,),
        )
        yield from map(_outcome, rows)

    def durations(self, limit: int = 1024) -> list[tuple[str, float]]:
        """See :meth:`Ledger.durations`."""
        rows = self._rows(
            "SELECT s.key, j.finished_at - s.updated_at FROM scrapejobs_jobs j "
            "JOIN scrapejobs_submissions s ON s.run = j.run AND s.key = j.submission_key "
            "WHERE j.run = %s AND j.state IS NOT NULL AND j.finished_at IS NOT NULL "
            "AND s.state = %s ORDER BY j.seq DESC LIMIT %s",
            (self.location.run, SubmissionState.SUBMITTED.value, limit),
        )
        return [(key, max(0.0, float(seconds))) for key, seconds in rows]

    def rounds(self) -> dict[str, int]:
        """See :meth:`Ledger.rounds`."""
        rows = self._rows(
            "SELECT input_key, round FROM scrapejobs_attempts WHERE run = %s", (self.location.run,)
        )
        return {key: int(number) for key, number in rows}

    # -- some inputs' reads (a chunk of a run: a worker's, a resumed run's) --------------------

    def rounds_of(self, input_keys: Sequence[str]) -> dict[str, int]:
        """See :meth:`Ledger.rounds_of`."""
        rows = self._rows(
            "SELECT input_key, round FROM scrapejobs_attempts WHERE run = %s "
            "AND input_key = ANY(%s)",
            (self.location.run, list(input_keys)),
        )
        return {key: int(number) for key, number in rows}

    def submissions_of(
        self, input_keys: Sequence[str], state: SubmissionState | None = None
    ) -> list[Submission]:
        """Return the submissions carrying any of ``input_keys``, as :meth:`submissions` does."""
        query = (
            f"SELECT {SUBMISSION_COLUMNS} FROM scrapejobs_submissions s "  # noqa: S608
            "WHERE s.run = %s AND s.inputs && %s::text[]"
        )
        params: list[Any] = [self.location.run, list(input_keys)]
        if state is not None:
            query += " AND s.state = %s"
            params.append(state.value)
        return [_submission(row) for row in self._rows(query + " ORDER BY s.seq", params)]

    def outcomes_of(self, input_keys: Sequence[str]) -> Iterator[Outcome]:
        """Yield the recorded outcomes of ``input_keys``' jobs, as :meth:`outcomes` does."""
        rows = self._rows(
            "SELECT provider, job_id, scope, submission_key, state, result, reason, input_key "
            "FROM scrapejobs_jobs WHERE run = %s AND state IS NOT NULL AND input_key = ANY(%s) "
            "ORDER BY seq",
            (self.location.run, list(input_keys)),
        )
        yield from map(_outcome, rows)


class PostgresLedger(SingleWrites, _PostgresReads):
    """:class:`~scrapejobs.batch.ledger.Ledger` in a PostgreSQL database (see the module docstring).

    ``PostgresLedger("postgresql://user:pass@host:5432/db?run=name")`` connects (one autocommit
    psycopg connection, transactions per write), migrates the schema and creates the run when
    it does not exist yet. Calls may come from any thread (one at a time: each holds the
    ledger's lock; the runner makes them on its ledger thread). Never holds a run lock: other
    processes may open the same run.

    Raises (on open):
        ImportError: psycopg is not installed (the message names the ``postgres`` extra).
        LedgerUnavailableError: a bad URL, an unreachable server, refused credentials, no such
            database, or no right to create the tables.
        LedgerCorruptError: the database's scrapejobs schema is newer than this scrapejobs.
    """

    # -- the run ------------------------------------------------------------------------------

    def bind(
        self,
        provider: str,
        digest: str,
        *,
        count: int | None = None,
        prefix: Callable[[int], str] | None = None,
    ) -> None:
        """See :meth:`Ledger.bind` (the run's row is locked while it is checked)."""
        with self._transaction() as cursor:
            cursor.execute(
                "UPDATE scrapejobs_runs SET provider = COALESCE(provider, %s), "
                "digest = COALESCE(digest, %s) WHERE run = %s "
                "RETURNING provider, digest, input_count",
                (provider, digest, self.run),
            )
            row = cursor.fetchone()
            if row is None:
                raise LedgerIOError(self.path, "ledger", "the run was deleted meanwhile")
            found = {"provider": row[0], "inputs": row[1]}
            if row[2] is not None:
                found["count"] = str(row[2])
            check_binding(self.path, found, provider, digest, count, prefix, fresh="run")
            if count is not None:  # bound (or extended) to these inputs
                cursor.execute(
                    "UPDATE scrapejobs_runs SET digest = %s, input_count = %s WHERE run = %s",
                    (digest, count, self.run),
                )

    def retry(self, input_keys: Sequence[str]) -> int:
        """See :meth:`Ledger.retry` (concurrent callers get distinct rounds)."""
        with self._transaction() as cursor:
            cursor.execute("SELECT 1 FROM scrapejobs_runs WHERE run = %s FOR UPDATE", (self.run,))
            cursor.execute(
                "SELECT COALESCE(MAX(round), 0) FROM scrapejobs_attempts WHERE run = %s",
                (self.run,),
            )
            row = cursor.fetchone()
            last = int(row[0]) if row is not None else 0
            cursor.executemany(
                "INSERT INTO scrapejobs_attempts (run, input_key, round) VALUES (%s, %s, %s) "
                "ON CONFLICT (run, input_key) DO UPDATE SET round = EXCLUDED.round",
                [(self.run, key, last + 1) for key in input_keys],
            )
        return last + 1

    # -- submissions --------------------------------------------------------------------------

    def intend_many(self, entries: Sequence[IntentEntry]) -> dict[str, str | None]:
        """See :meth:`Ledger.intend_many`.

        Across processes a key is recorded once, and every caller is answered the idempotency
        key recorded first.
        """
        now = time.time()
        rows = [
            (
                self.run,
                key,
                provider,
                json.dumps(request),
                idempotency_key,
                list(inputs),
                callback,
                SubmissionState.INTENT.value,
                now,
            )
            for key, provider, request, idempotency_key, inputs, callback in entries
        ]
        keys = [entry[0] for entry in entries]
        with self._transaction() as cursor:
            cursor.executemany(
                "INSERT INTO scrapejobs_submissions (run, key, provider, request, "
                "idempotency_key, inputs, callback, state, updated_at) "
                "VALUES (%s, %s, %s, %s, %s, %s::text[], %s, %s, %s) "
                "ON CONFLICT (run, key) DO NOTHING",
                rows,
            )
            cursor.execute(
                "SELECT key, idempotency_key FROM scrapejobs_submissions "
                "WHERE run = %s AND key = ANY(%s)",
                (self.run, keys),
            )
            stored: dict[str, str | None] = dict(cursor.fetchall())
        return {key: stored[key] for key in keys}

    def submitted_many(self, entries: Sequence[SubmittedEntry]) -> None:
        """See :meth:`Ledger.submitted_many`.

        Raises:
            ValueError: an entry's ``inputs`` is given and not as long as its ``refs``.
            KeyError: an entry's submission was never intended (nothing is recorded then).

        """
        jobs = [(self.run, *row) for row in _job_rows(entries)]
        now = time.time()
        states = [
            (SubmissionState.SUBMITTED.value, reason, now, self.run, key)
            for key, _refs, _inputs, reason in entries
        ]
        with self._transaction() as cursor:
            _set_states(cursor, states)
            cursor.executemany(
                "INSERT INTO scrapejobs_jobs (run, provider, job_id, scope, submission_key, "
                "input_key) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                jobs,
            )

    def reopen(self, key: str) -> None:
        """See :meth:`Ledger.reopen`.

        Raises:
            KeyError: there is no uncertain submission ``key``.

        """
        with self._transaction() as cursor:
            cursor.execute(
                "UPDATE scrapejobs_submissions SET state = %s, reason = NULL, updated_at = %s "
                "WHERE run = %s AND key = %s AND state = %s",
                (
                    SubmissionState.INTENT.value,
                    time.time(),
                    self.run,
                    key,
                    SubmissionState.UNCERTAIN.value,
                ),
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no uncertain submission {key!r}")

    def uncertain(self, key: str, reason: str) -> None:
        """See :meth:`Ledger.uncertain` (KeyError: no submission ``key``)."""
        with self._transaction() as cursor:
            _set_states(
                cursor, [(SubmissionState.UNCERTAIN.value, reason, time.time(), self.run, key)]
            )

    def refused(self, key: str, reason: str) -> None:
        """See :meth:`Ledger.refused` (KeyError: no submission ``key``)."""
        with self._transaction() as cursor:
            _set_states(
                cursor, [(SubmissionState.REFUSED.value, reason, time.time(), self.run, key)]
            )

    # -- outcomes -----------------------------------------------------------------------------

    def finished_many(self, outcomes: Sequence[tuple[JobRef, JobState, Any, str | None]]) -> None:
        """See :meth:`Ledger.finished_many` (in order: a later entry for the same job wins).

        Raises:
            KeyError: when a ref was never recorded as submitted (nothing is recorded then).

        """
        now = time.time()
        rows = [
            (
                state.value,
                json.dumps(result),
                reason,
                now,
                self.run,
                ref.provider,
                ref.job_id,
                json.dumps(list(ref.scope)),
            )
            for ref, state, result, reason in outcomes
        ]
        with self._transaction() as cursor:
            cursor.executemany(
                "UPDATE scrapejobs_jobs SET state = %s, result = %s, reason = %s, "
                "finished_at = %s WHERE run = %s AND provider = %s AND job_id = %s AND scope = %s",
                rows,
            )
            if cursor.rowcount != len(rows):  # each ref matches at most one row
                raise KeyError(f"no submitted job {_first_unknown(cursor, self.run, outcomes)}")
