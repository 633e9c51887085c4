"""A durable record of every paid-for submission and its jobs, so a crashed run loses nothing.

The write order is what makes resuming safe:

1. :meth:`Ledger.intend` before a submission is sent (with the idempotency key it will use);
2. :meth:`Ledger.submitted` with the job refs once the provider answered — or
   :meth:`Ledger.uncertain` / :meth:`Ledger.refused` when it did not;
3. :meth:`Ledger.finished` with the final state and result of each job.

A run restarted on the same ledger never resubmits a key that has refs; it waits for
:meth:`Ledger.outstanding` jobs, and it must decide about submissions still in ``intent``
(crashed between sending and recording) — resend with the same idempotency key where the
provider has one, else treat them as uncertain.

:class:`Ledger` is the small interface; :class:`SqliteLedger` is the default implementation (one
file, WAL, every step its own committed transaction).

A ledger has a random *run id*, written when it is created; submissions derive their idempotency
keys from it (see :func:`idempotency_key`), so the same submission of the same ledger always
carries the same key. :class:`SqliteLedger` holds an exclusive lock on ``<ledger>.lock`` while
open (one run per ledger; the kernel drops it when the process dies), creates a new ledger whole
(under a temporary name, then linked into place) and checks an existing one before use: a file
that is empty, not SQLite, damaged or of another schema is refused, never taken as a new run.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, cast

from scrapejobs.batch.localfiles import LocalFileError, Lock, fsync_directory, hold_lock
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState


class SubmissionState(StrEnum):
    """Where a logical submission stands."""

    INTENT = "intent"
    """Recorded, perhaps sent: the outcome is unknown until resolved."""
    SUBMITTED = "submitted"
    """The provider answered with job refs."""
    UNCERTAIN = "uncertain"
    """It may have created jobs; not resent automatically (the user decides)."""
    REFUSED = "refused"
    """The provider refused it outright; nothing was created."""


@dataclass(frozen=True)
class Submission:
    """One logical submission (e.g. one input line) and what became of it."""

    key: str
    provider: str
    request: Any
    """The request body as JSON (``to_dict()`` of the generated model)."""
    idempotency_key: str | None
    state: SubmissionState
    refs: tuple[JobRef, ...] = ()
    reason: str | None = None
    inputs: tuple[str, ...] = ()
    """The keys of the inputs it carries, in request order (empty when not recorded)."""
    job_inputs: tuple[str | None, ...] = ()
    """The input key of each of ``refs`` (parallel to it; None when not recorded)."""
    callback: str | None = None
    """The webhook receiver's base URL the submission was first sent with (no secret), or None.

    A resend must carry the same body as the first attempt: a provider that honours
    idempotency keys refuses a key reused with another body (another callback URL)."""
    submitted_at: float | None = None
    """When the provider's acceptance was recorded (epoch seconds; None unless SUBMITTED)."""


@dataclass(frozen=True)
class Outcome:
    """The final state of one job, with its result as JSON (or None)."""

    ref: JobRef
    submission_key: str
    state: JobState
    result: Any
    reason: str | None
    input_key: str | None = None
    """The key of the input the job was created for, when recorded."""


IntentEntry = tuple[str, str, Any, str | None, Sequence[str], str | None]
"""``(key, provider, request, idempotency_key, inputs, callback)``, as :meth:`Ledger.intend`
takes them."""
SubmittedEntry = tuple[str, Sequence[JobRef], Sequence[str | None] | None, str | None]
"""``(key, refs, inputs, reason)``, as :meth:`Ledger.submitted` takes them."""


class LedgerMismatchError(ValueError):
    """The ledger belongs to another run (another provider or other inputs)."""


class LedgerCorruptError(ValueError):
    """The file is not a usable ledger (empty, not SQLite, damaged, or another schema)."""


class LedgerIOError(LocalFileError):
    """The ledger could not be read or written (disk full, read-only, I/O error, lost server).

    A lost server is a PostgreSQL ledger's lost connection. What was committed before stays.
    """


class LedgerUnavailableError(ValueError):
    """A PostgreSQL ledger could not be opened (bad URL, server unreachable, credentials refused).

    Also: no such database, no right to create the tables. The message never shows the password.
    """


IDEMPOTENCY_NAMESPACE = uuid.UUID("6f1e4a52-8d3b-4c1e-9a57-2b0c7d4e9f13")
"""The uuid5 namespace of idempotency keys (see :func:`idempotency_key`)."""


def idempotency_key(run_id: str, provider: str, key: str, inputs: Sequence[str]) -> str:
    """Return the idempotency key of submission ``key`` (carrying ``inputs``) of run ``run_id``.

    Deterministic: the same ledger's same submission always gets the same key, so two processes
    that both send it (a lost lock) are deduplicated by a provider that honours keys.
    """
    name = "\n".join((run_id, provider, key, *inputs))
    return str(uuid.uuid5(IDEMPOTENCY_NAMESPACE, name))


class SingleWrites:
    """The one-record writes of a :class:`Ledger`, through its ``*_many`` form.

    :meth:`Ledger.intend`, :meth:`Ledger.submitted` and :meth:`Ledger.finished`: one
    transaction each, with the guarantees of the ``*_many`` method they call.
    """

    def intend(
        self,
        key: str,
        provider: str,
        request: Any,
        idempotency_key: str | None,
        inputs: Sequence[str] = (),
        callback: str | None = None,
    ) -> Submission:
        """See :meth:`Ledger.intend`; raises what the ledger's ``intend_many`` raises."""
        ledger = cast("Ledger", self)
        ledger.intend_many([(key, provider, request, idempotency_key, inputs, callback)])
        found = ledger.submission(key)
        if found is None:  # pragma: no cover - just inserted or already there
            raise RuntimeError(f"ledger lost submission {key!r}")
        return found

    def submitted(
        self,
        key: str,
        refs: Sequence[JobRef],
        inputs: Sequence[str | None] | None = None,
        reason: str | None = None,
    ) -> None:
        """See :meth:`Ledger.submitted`.

        Raises:
            ValueError: ``inputs`` is given and not as long as ``refs``.
            KeyError: ``key`` was never intended (nothing is recorded then).

        """
        cast("Ledger", self).submitted_many([(key, refs, inputs, reason)])

    def finished(self, ref: JobRef, state: JobState, result: Any, reason: str | None) -> None:
        """See :meth:`Ledger.finished`.

        Raises:
            KeyError: when ``ref`` was never recorded as submitted.

        """
        cast("Ledger", self).finished_many([(ref, state, result, reason)])


class Ledger(Protocol):
    """Durable storage of submissions, jobs and outcomes (see the module docstring)."""

    @property
    def run_id(self) -> str:
        """The ledger's random run id (fixed when it was created)."""
        ...

    def bind(
        self,
        provider: str,
        digest: str,
        *,
        count: int | None = None,
        prefix: Callable[[int], str] | None = None,
    ) -> None:
        """Tie the ledger to one run (provider and input digest) on first use.

        With ``count`` (the number of inputs) and ``prefix`` (the digest of the first ``n`` of
        them), inputs that only add lines after those the ledger was bound to extend the run.

        Raises:
            LedgerMismatchError: the ledger was bound to another provider or other inputs.

        """
        ...

    def rounds(self) -> dict[str, int]:
        """Return the retry round of each input retried with :meth:`retry` (absent: never)."""
        ...

    def retry(self, input_keys: Sequence[str]) -> int:
        """Start a new retry round for ``input_keys``; return its number (1, 2, ...).

        Their earlier submissions and outcomes are kept; they are superseded for these inputs,
        which are planned and submitted again as a new attempt.
        """
        ...

    def intend(
        self,
        key: str,
        provider: str,
        request: Any,
        idempotency_key: str | None,
        inputs: Sequence[str] = (),
        callback: str | None = None,
    ) -> Submission:
        """Record the intent to submit ``key`` (carrying ``inputs``) and return the submission.

        ``callback`` is the webhook base URL the request will carry (never a secret). When
        ``key`` is already recorded, the existing submission is returned unchanged.
        """
        ...

    def submitted(
        self,
        key: str,
        refs: Sequence[JobRef],
        inputs: Sequence[str | None] | None = None,
        reason: str | None = None,
    ) -> None:
        """Record that ``key`` was accepted and created ``refs`` (for ``inputs``, parallel).

        ``reason`` notes why some of the submission's inputs got no job.
        """
        ...

    def reopen(self, key: str) -> None:
        """Put an uncertain submission back to intent, to be sent again (the user chose so)."""
        ...

    def intend_many(self, entries: Sequence[IntentEntry]) -> Mapping[str, str | None]:
        """Record several intents in one transaction (all or none); see :meth:`intend`.

        Returns the idempotency key recorded for each entry's submission key: the one given,
        or the one already there when the submission was recorded before (use that one).
        """
        ...

    def submitted_many(self, entries: Sequence[SubmittedEntry]) -> None:
        """Record several accepted submissions in one transaction; see :meth:`submitted`."""
        ...

    def uncertain(self, key: str, reason: str) -> None:
        """Record that ``key`` may or may not have created jobs."""
        ...

    def refused(self, key: str, reason: str) -> None:
        """Record that the provider refused ``key`` (nothing created)."""
        ...

    def finished(self, ref: JobRef, state: JobState, result: Any, reason: str | None) -> None:
        """Record a job's final state and result (JSON); a later call for the same job wins."""
        ...

    def finished_many(self, outcomes: Sequence[tuple[JobRef, JobState, Any, str | None]]) -> None:
        """Record several final states in one transaction (all of them or none)."""
        ...

    def submission(self, key: str) -> Submission | None:
        """Return the submission recorded for ``key``, or None."""
        ...

    def submissions(self, state: SubmissionState | None = None) -> list[Submission]:
        """Return every submission (in recording order), optionally only those in ``state``."""
        ...

    def outstanding(self) -> list[JobRef]:
        """Return the refs of submitted jobs that have no final outcome yet."""
        ...

    def outcomes(self) -> Iterator[Outcome]:
        """Yield every recorded outcome, in recording order."""
        ...

    def durations(self, limit: int = 1024) -> list[tuple[str, float]]:
        """Return ``(submission key, seconds)`` for the most recent ``limit`` ended jobs.

        The seconds run from the submission's acceptance to the job's recorded outcome (an upper
        bound of the job's duration): what an earlier run of this ledger saw jobs take.
        """
        ...

    # -- some inputs' reads: what a chunk of a run needs, never the whole ledger -----------------

    def rounds_of(self, input_keys: Sequence[str]) -> dict[str, int]:
        """Return :meth:`rounds` of ``input_keys`` only."""
        ...

    def submissions_of(
        self, input_keys: Sequence[str], state: SubmissionState | None = None
    ) -> list[Submission]:
        """Return the submissions carrying any of ``input_keys``, as :meth:`submissions` does."""
        ...

    def outcomes_of(self, input_keys: Sequence[str]) -> Iterator[Outcome]:
        """Yield the recorded outcomes of ``input_keys``' jobs, as :meth:`outcomes` does."""
        ...


INPUTS_TABLE = """
CREATE TABLE IF NOT EXISTS submission_inputs (
    input_key TEXT NOT NULL,
    submission_key TEXT NOT NULL REFERENCES submissions(key),
    PRIMARY KEY (input_key, submission_key)
) WITHOUT ROWID;
"""
"""Which submissions carry each input (a chunk of inputs reads only its own submissions)."""

BACKFILL_INPUTS = """
INSERT OR IGNORE INTO submission_inputs
SELECT j.value, s.key FROM submissions s, json_each(s.inputs) j;
"""
"""Fills :data:`INPUTS_TABLE` for a ledger of an older scrapejobs (in the table's transaction)."""

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS submissions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    request TEXT NOT NULL,
    idempotency_key TEXT,
    inputs TEXT NOT NULL DEFAULT '[]',
    callback TEXT,
    state TEXT NOT NULL,
    reason TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    job_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    submission_key TEXT NOT NULL REFERENCES submissions(key),
    input_key TEXT,
    state TEXT,
    result TEXT,
    reason TEXT,
    finished_at REAL,
    UNIQUE (provider, job_id, scope)
);
CREATE INDEX IF NOT EXISTS jobs_open ON jobs (state) WHERE state IS NULL;
CREATE INDEX IF NOT EXISTS jobs_by_submission ON jobs (submission_key);
CREATE TABLE IF NOT EXISTS run (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
    input_key TEXT PRIMARY KEY,
    round INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_input ON jobs (input_key);
"""
    + INPUTS_TABLE
)


def check_binding(
    path: object,
    found: Mapping[str, str],
    provider: str,
    digest: str,
    count: int | None,
    prefix: Callable[[int], str] | None,
    *,
    fresh: str,
) -> None:
    """Refuse a run (``found``: its provider, inputs digest, count) of another provider or inputs.

    Inputs that only add lines at the end of those the run was bound to are its own.

    Raises:
        LedgerMismatchError: naming ``path`` and what to use instead (a new ``fresh``).

    """
    if found.get("provider") != provider:
        raise LedgerMismatchError(
            f"ledger {path} belongs to a {found.get('provider')} run, not {provider}"
        )
    if found.get("inputs") != digest and not _appended(found, count, prefix):
        raise LedgerMismatchError(
            f"ledger {path} belongs to a run of other inputs (the input file changed, not "
            f"only by lines added at its end); use a new {fresh} for new inputs"
        )


def _appended(
    found: Mapping[str, str], count: int | None, prefix: Callable[[int], str] | None
) -> bool:
    """Return whether the inputs extend those the ledger was bound to (lines added at the end)."""
    bound = int(found.get("count", "0"))
    if count is None or prefix is None or not 0 < bound < count:
        return False
    return prefix(bound) == found.get("inputs")


def _ref(provider: str, job_id: str, scope: str) -> JobRef:
    return JobRef(provider, job_id, tuple(json.loads(scope)))


def _outcome(row: Sequence[Any]) -> Outcome:
    """Return the outcome of a jobs row as both ledgers select it.

    The row is (provider, job_id, scope, submission_key, state, result, reason, input_key).
    """
    provider, job_id, scope, key, state, result, reason, input_key = row
    return Outcome(
        _ref(provider, job_id, scope), key, JobState(state), json.loads(result), reason, input_key
    )


SQLITE_HEADER = b"SQLite format 3\x00"
TABLES = frozenset({"submissions", "jobs", "run"})


def _refuse(path: Path, why: str) -> LedgerCorruptError:
    return LedgerCorruptError(
        f"ledger {path} {why}; it is not used (move it away to start a new run, "
        "or restore the right file to resume)"
    )


def check_ledger(path: str | Path) -> None:
    """Check that the existing file ``path`` is a whole scrapejobs ledger, without changing it.

    Checks the SQLite header, ``PRAGMA quick_check``, the tables and the run id row (a ledger
    of an older scrapejobs that has a bound run but no run id passes: it gets one on open).

    Raises:
        LedgerCorruptError: the file is empty, not SQLite, damaged, or of another schema.
        LedgerIOError: it cannot be read.

    """
    where = Path(path)
    try:
        with open(where, "rb") as handle:
            header = handle.read(100)
    except IsADirectoryError:
        raise _refuse(where, "is a directory") from None
    except OSError as exc:
        raise LedgerIOError(where, "ledger", exc, verb="read") from None
    if not header:
        raise _refuse(where, "is empty (0 bytes)")
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise _refuse(where, "is not an SQLite database")
    try:
        db = sqlite3.connect(f"{where.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise LedgerIOError(where, "ledger", str(exc), verb="read") from None
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise _refuse(where, f"is damaged ({problems[0]})")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables >= TABLES:
            raise _refuse(where, "is an SQLite database of something else, not a scrapejobs ledger")
        names = {row[0] for row in db.execute("SELECT name FROM run")}
        if "run_id" not in names and "provider" not in names:
            raise _refuse(where, "has no run id (it was never completely created)")
    except sqlite3.OperationalError as exc:
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise _refuse(where, f"is damaged ({exc})") from None
        raise LedgerIOError(where, "ledger", str(exc), verb="read") from None
    except sqlite3.DatabaseError as exc:
        raise _refuse(where, f"is damaged ({exc})") from None
    finally:
        db.close()


def _create(path: Path) -> None:
    """Create a new, complete ledger at ``path`` (schema and run id), or leave one made meanwhile.

    Built under a temporary name and linked into place, so a crash never leaves a ledger-to-be
    that a later run would take for a damaged or a new one.
    """
    temporary = path.with_name(f".{path.name}.creating")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()  # a crash's leftover (we hold the lock: nobody else builds it)
    db = sqlite3.connect(temporary, isolation_level=None)
    try:
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(SCHEMA)
        db.execute("INSERT INTO run (name, value) VALUES ('run_id', ?)", (uuid.uuid4().hex,))
    finally:
        db.close()
    fd = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # made by an opener that did not lock; it is checked like any existing ledger
    finally:
        temporary.unlink()
    fsync_directory(path.parent)


@contextlib.contextmanager
def _local_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's and the OS's I/O failures into :class:`LedgerIOError` naming the ledger."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.DatabaseError as exc:
        raise LedgerIOError(path, "ledger", f"{exc}{_space_hint(path)}") from exc
    except OSError as exc:
        raise LedgerIOError(path, "ledger", exc) from exc


def _space_hint(path: Path) -> str:
    """Return " (no space left on the device)" when the ledger's file system is full."""
    try:
        stats = os.statvfs(path.parent)
    except OSError:
        return ""
    return " (no space left on the device)" if stats.f_bavail * stats.f_frsize < 65536 else ""


def _connect(path: Path) -> tuple[sqlite3.Connection, str]:
    """Open the checked ledger ``path`` for writing; return the connection and the run id.

    Brings a ledger of an older scrapejobs up to date (indexes, callback column, run id).
    """
    # One thread at a time (the runner uses a dedicated one), not the creator's.
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "submission_inputs" not in tables:  # a ledger of an older scrapejobs: index it whole
        db.executescript("BEGIN IMMEDIATE;" + INPUTS_TABLE + BACKFILL_INPUTS + "COMMIT;")
    db.executescript(SCHEMA)  # indexes added since the ledger was made
    columns = {row[1] for row in db.execute("PRAGMA table_info(submissions)")}
    if "callback" not in columns:  # a ledger of an older scrapejobs
        db.execute("ALTER TABLE submissions ADD COLUMN callback TEXT")
    db.execute(  # a ledger of an older scrapejobs gets its run id now
        "INSERT OR IGNORE INTO run (name, value) VALUES ('run_id', ?)",
        (uuid.uuid4().hex,),
    )
    row = db.execute("SELECT value FROM run WHERE name = 'run_id'").fetchone()
    return db, str(row[0])


SUBMISSION_COLUMNS = (
    "key, provider, request, idempotency_key, state, reason, inputs, callback, updated_at"
)
"""The columns :func:`_submission` reads, in its order."""


def _submission(db: sqlite3.Connection, row: tuple[Any, ...]) -> Submission:
    """Return the submission of ``row`` (:data:`SUBMISSION_COLUMNS`) with its jobs."""
    key, provider, request, idempotency_key, state, reason, inputs, callback, updated = row
    jobs = db.execute(
        "SELECT provider, job_id, scope, input_key FROM jobs WHERE submission_key = ? ORDER BY seq",
        (key,),
    ).fetchall()
    return Submission(
        key,
        provider,
        json.loads(request),
        idempotency_key,
        SubmissionState(state),
        tuple(_ref(*job[:3]) for job in jobs),
        reason,
        tuple(json.loads(inputs)),
        tuple(job[3] for job in jobs),
        callback,
        updated if state == SubmissionState.SUBMITTED.value else None,
    )


def _intent_rows(entries: Sequence[IntentEntry], now: float) -> list[tuple[Any, ...]]:
    """Return the ``submissions`` rows of intents ``entries``, recorded at ``now``."""
    return [
        (
            key,
            provider,
            json.dumps(request),
            idempotency_key,
            json.dumps(list(inputs)),
            callback,
            SubmissionState.INTENT,
            now,
        )
        for key, provider, request, idempotency_key, inputs, callback in entries
    ]


def _job_rows(entries: Sequence[SubmittedEntry]) -> list[tuple[str, str, str, str, str | None]]:
    """Return the ``jobs`` rows of accepted submissions ``entries``.

    Raises:
        ValueError: an entry's ``inputs`` is given and not as long as its ``refs``.

    """
    rows: list[tuple[str, str, str, str, str | None]] = []
    for key, refs, inputs, _reason in entries:
        keys: Sequence[str | None] = [None] * len(refs) if inputs is None else inputs
        if len(keys) != len(refs):
            raise ValueError("inputs must be parallel to refs")
        rows.extend(
            (ref.provider, ref.job_id, json.dumps(list(ref.scope)), key, input_key)
            for ref, input_key in zip(refs, keys, strict=True)
        )
    return rows


class _SqliteReads:
    """The read side of :class:`SqliteLedger` (queries on its open connection)."""

    path: Path
    _db: sqlite3.Connection

    def submission(self, key: str) -> Submission | None:
        """See :meth:`Ledger.submission`."""
        with _local_errors(self.path):
            row = self._db.execute(
                f"SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE key = ?",  # noqa: S608
                (key,),
            ).fetchone()
            return None if row is None else _submission(self._db, row)

    def submissions(self, state: SubmissionState | None = None) -> list[Submission]:
        """See :meth:`Ledger.submissions`."""
        query = f"SELECT {SUBMISSION_COLUMNS} FROM submissions"  # noqa: S608
        with _local_errors(self.path):
            rows = (
                self._db.execute(query + " ORDER BY seq")
                if state is None
                else self._db.execute(query + " WHERE state = ? ORDER BY seq", (state.value,))
            )
            return [_submission(self._db, row) for row in rows.fetchall()]

    def outstanding(self) -> list[JobRef]:
        """See :meth:`Ledger.outstanding`."""
        with _local_errors(self.path):
            rows = self._db.execute(
                "SELECT provider, job_id, scope FROM jobs WHERE state IS NULL ORDER BY seq"
            ).fetchall()
        return [_ref(*row) for row in rows]

    def outcomes(self) -> Iterator[Outcome]:
        """See :meth:`Ledger.outcomes`."""
        with _local_errors(self.path):
            rows = self._db.execute(
                "SELECT provider, job_id, scope, submission_key, state, result, reason, input_key "
                "FROM jobs WHERE state IS NOT NULL ORDER BY seq"
            ).fetchall()
        yield from map(_outcome, rows)

    def durations(self, limit: int = 1024) -> list[tuple[str, float]]:
        """See :meth:`Ledger.durations`."""
        with _local_errors(self.path):
            rows = self._db.execute(
                "SELECT s.key, j.finished_at - s.updated_at FROM jobs j "
                "JOIN submissions s ON s.key = j.submission_key "
                "WHERE j.state IS NOT NULL AND j.finished_at IS NOT NULL AND s.state = ? "
                "ORDER BY j.seq DESC LIMIT ?",
                (SubmissionState.SUBMITTED.value, limit),
            ).fetchall()
        return [(key, max(0.0, float(seconds))) for key, seconds in rows]

    def rounds_of(self, input_keys: Sequence[str]) -> dict[str, int]:
        """See :meth:`Ledger.rounds_of`."""
        with _local_errors(self.path):
            return dict(
                self._db.execute(
                    "SELECT input_key, round FROM attempts WHERE input_key IN "
                    "(SELECT value FROM json_each(?))",
                    (json.dumps(list(input_keys)),),
                ).fetchall()
            )

    def submissions_of(
        self, input_keys: Sequence[str], state: SubmissionState | None = None
    ) -> list[Submission]:
        """See :meth:`Ledger.submissions_of` (through the ``submission_inputs`` index)."""
        query = (
            f"SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE key IN "  # noqa: S608
            "(SELECT submission_key FROM submission_inputs WHERE input_key IN "
            "(SELECT value FROM json_each(?)))"
        )
        params: list[Any] = [json.dumps(list(input_keys))]
        if state is not None:
            query += " AND state = ?"
            params.append(state.value)
        with _local_errors(self.path):
            rows = self._db.execute(query + " ORDER BY seq", params).fetchall()
            return [_submission(self._db, row) for row in rows]

    def outcomes_of(self, input_keys: Sequence[str]) -> Iterator[Outcome]:
        """See :meth:`Ledger.outcomes_of`."""
        with _local_errors(self.path):
            rows = self._db.execute(
                "SELECT provider, job_id, scope, submission_key, state, result, reason, input_key "
                "FROM jobs WHERE state IS NOT NULL AND input_key IN "
                "(SELECT value FROM json_each(?)) ORDER BY seq",
                (json.dumps(list(input_keys)),),
            ).fetchall()
        yield from map(_outcome, rows)


class SqliteLedger(SingleWrites, _SqliteReads):
    """:class:`Ledger` in one SQLite file (WAL; each step committed before it returns).

    Opening it takes the ledger's run lock (``lock=False`` only to read a ledger that no run
    uses), creates the file when it does not exist and checks it otherwise. Use one instance per
    process; it is not shared between threads.

    Raises (on open):
        FileBusyError: another run holds the ledger.
        LedgerCorruptError: the file exists and is not a whole scrapejobs ledger.
        LedgerIOError: it cannot be created, read or written.
    """

    def __init__(self, path: str | Path, *, lock: bool = True) -> None:
        self.path = Path(path)
        self._lock: Lock | None = hold_lock(self.path, "ledger") if lock else None
        try:
            with _local_errors(self.path):
                if not os.path.lexists(self.path):
                    _create(self.path)
            check_ledger(self.path)
            with _local_errors(self.path):
                self._db, self._run_id = _connect(self.path)
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise

    @property
    def run_id(self) -> str:
        """See :attr:`Ledger.run_id`."""
        return self._run_id

    def close(self) -> None:
        """Close the database (everything is already committed) and drop the run lock."""
        try:
            self._db.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """Run the block as one transaction: all of it is committed, or none of it.

        Raises:
            LedgerIOError: the ledger could not be written (nothing of the block is recorded).

        """
        with _local_errors(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # a failed COMMIT already rolled back
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def __enter__(self) -> SqliteLedger:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def bind(
        self,
        provider: str,
        digest: str,
        *,
        count: int | None = None,
        prefix: Callable[[int], str] | None = None,
    ) -> None:
        """See :meth:`Ledger.bind`."""
        wanted = {"provider": provider, "inputs": digest}
        with self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO run (name, value) VALUES (?, ?)", wanted.items()
            )
            found = dict(self._db.execute("SELECT name, value FROM run").fetchall())
            check_binding(self.path, found, provider, digest, count, prefix, fresh="ledger")
            if count is not None:  # bound (or extended) to these inputs
                self._db.executemany(
                    "INSERT OR REPLACE INTO run (name, value) VALUES (?, ?)",
                    [("inputs", digest), ("count", str(count))],
                )

    def rounds(self) -> dict[str, int]:
        """See :meth:`Ledger.rounds`."""
        with _local_errors(self.path):
            return dict(self._db.execute("SELECT input_key, round FROM attempts").fetchall())

    def retry(self, input_keys: Sequence[str]) -> int:
        """See :meth:`Ledger.retry`."""
        with self._transaction():
            (last,) = self._db.execute("SELECT COALESCE(MAX(round), 0) FROM attempts").fetchone()
            self._db.executemany(
                "INSERT OR REPLACE INTO attempts (input_key, round) VALUES (?, ?)",
                [(key, last + 1) for key in input_keys],
            )
        return int(last) + 1

    def intend_many(self, entries: Sequence[IntentEntry]) -> dict[str, str | None]:
        """See :meth:`Ledger.intend_many` (one commit for all: a group commit)."""
        now = time.time()
        with self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO submissions "
                "(key, provider, request, idempotency_key, inputs, callback, state, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                _intent_rows(entries, now),
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO submission_inputs (input_key, submission_key) VALUES (?, ?)",
                [
                    (input_key, key)
                    for key, *_, inputs, _callback in entries
                    for input_key in inputs
                ],
            )
            stored: dict[str, str | None] = {
                key: self._db.execute(
                    "SELECT idempotency_key FROM submissions WHERE key = ?", (key,)
                ).fetchone()[0]
                for key, *_ in entries
            }
        return stored

    def submitted_many(self, entries: Sequence[SubmittedEntry]) -> None:
        """See :meth:`Ledger.submitted_many`.

        Raises:
            ValueError: an entry's ``inputs`` is given and not as long as its ``refs``.
            KeyError: an entry's submission was never intended (nothing is recorded then).

        """
        rows = _job_rows(entries)
        with self._transaction():
            for key, _refs, _inputs, reason in entries:
                self._set_state(key, SubmissionState.SUBMITTED, reason)
            self._db.executemany(
                "INSERT OR IGNORE INTO jobs (provider, job_id, scope, submission_key, input_key) "
                "VALUES (?, ?, ?, ?, ?)",
                rows,
            )

    def reopen(self, key: str) -> None:
        """See :meth:`Ledger.reopen`.

        Raises:
            KeyError: there is no uncertain submission ``key``.

        """
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE submissions SET state = ?, reason = NULL, updated_at = ? "
                "WHERE key = ? AND state = ?",
                (SubmissionState.INTENT.value, time.time(), key, SubmissionState.UNCERTAIN.value),
            )
        if cursor.rowcount == 0:
            raise KeyError(f"no uncertain submission {key!r}")

    def uncertain(self, key: str, reason: str) -> None:
        """See :meth:`Ledger.uncertain`."""
        with self._transaction():
            self._set_state(key, SubmissionState.UNCERTAIN, reason)

    def refused(self, key: str, reason: str) -> None:
        """See :meth:`Ledger.refused`."""
        with self._transaction():
            self._set_state(key, SubmissionState.REFUSED, reason)

    def finished_many(self, outcomes: Sequence[tuple[JobRef, JobState, Any, str | None]]) -> None:
        """See :meth:`Ledger.finished_many`.

        Raises:
            KeyError: when a ref was never recorded as submitted (nothing is recorded then).

        """
        now = time.time()
        with self._transaction():
            for ref, state, result, reason in outcomes:
                cursor = self._db.execute(
                    "UPDATE jobs SET state = ?, result = ?, reason = ?, finished_at = ? "
                    "WHERE provider = ? AND job_id = ? AND scope = ?",
                    (
                        state.value,
                        json.dumps(result),
                        reason,
                        now,
                        ref.provider,
                        ref.job_id,
                        json.dumps(list(ref.scope)),
                    ),
                )
                if cursor.rowcount == 0:
                    raise KeyError(f"no submitted job {ref}")

    def _set_state(self, key: str, state: SubmissionState, reason: str | None) -> None:
        cursor = self._db.execute(
            "UPDATE submissions SET state = ?, reason = ?, updated_at = ? WHERE key = ?",
            (state.value, reason, time.time(), key),
        )
        if cursor.rowcount == 0:
            raise KeyError(f"no submission {key!r}")
