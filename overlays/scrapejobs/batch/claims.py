"""Work claims: a run's inputs in chunks that workers claim, hold on a lease, and hand over.

Many ``scrapejobs run --ledger postgresql://…`` processes on one run share the work through one
table, ``scrapejobs_claims`` (PostgreSQL, :data:`CLAIMS_SQL`, migration 2):

- the first worker splits the inputs into *chunks* of consecutive inputs (``chunk_size``; the
  plan is bound to the inputs' digest, and a worker with other inputs is refused);
- a worker claims the next chunk that is not done and whose lease is free or expired with
  ``SELECT … FOR UPDATE SKIP LOCKED`` (two workers never get the same chunk), taking it for
  ``lease`` seconds of the *database's* clock (``now()``: the workers' clocks never matter);
- its heartbeat (:meth:`Claims.heartbeat`, every ``lease / 3``) extends the leases it still
  holds and tells which it lost (expired or taken over): the worker stops that chunk at once;
- a chunk whose lease expired (its worker died or stalled) is claimed again by any worker, the
  claim counted as a *takeover* (``takeovers``, ``previous_owner``); the ledger's resume rules
  then apply to its inputs;
- a chunk is marked done when every input of it has an outcome or a final submission state.

Fencing (:class:`ClaimFence`): an intent of a chunk is recorded only while its worker still holds
the chunk, checked with ``SELECT … FOR KEY SHARE`` on the chunk's row in a transaction that stays
open until the intents are committed. A takeover needs ``FOR UPDATE`` on that row, so it cannot
happen between the check and the commit: the new owner sees every intent the old one recorded
(and resends it with its idempotency key, or marks it uncertain), and the old owner records
none after losing the chunk.

Needs the ``postgres`` extra (psycopg 3), imported only when a connection is opened.
"""

from __future__ import annotations

import contextlib
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapejobs.batch.ledger import LedgerMismatchError
from scrapejobs.errors import ScrapejobsError

if TYPE_CHECKING:
    import psycopg

CLAIMS_SQL = """
CREATE TABLE scrapejobs_chunk_plans (
    run text PRIMARY KEY,
    digest text NOT NULL,
    chunk_size integer NOT NULL,
    chunks integer NOT NULL,
    inputs bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE scrapejobs_claims (
    run text NOT NULL REFERENCES scrapejobs_chunk_plans (run) ON DELETE CASCADE,
    chunk integer NOT NULL,
    first_index bigint NOT NULL,
    stop_index bigint NOT NULL,
    first_line bigint NOT NULL,
    last_line bigint NOT NULL,
    owner text,
    lease_until timestamptz,
    claims integer NOT NULL DEFAULT 0,
    takeovers integer NOT NULL DEFAULT 0,
    previous_owner text,
    done_at timestamptz,
    done_by text,
    PRIMARY KEY (run, chunk)
);
CREATE INDEX scrapejobs_claims_open ON scrapejobs_claims (run, chunk) WHERE done_at IS NULL;
CREATE INDEX scrapejobs_submissions_by_input ON scrapejobs_submissions USING gin (inputs);
CREATE INDEX scrapejobs_jobs_by_input ON scrapejobs_jobs (run, input_key);
"""
"""Migration 2 (:data:`scrapejobs.batch.pg_schema.MIGRATIONS`): the chunk plan of each run, its
chunks' claims, and the ledger's indexes by input that one chunk's reads use (a chunk of a
large run reads its own submissions and outcomes, never the whole run's)."""

DEDUPE_MARK = "+dedupe"
"""Appended to the digest a chunk plan records when its workers skip duplicate inputs."""

DEFAULT_CHUNK_SIZE = 500
"""Inputs per chunk by default: a dead worker's chunk is a small share of a large run."""

DEFAULT_LEASE = 30.0
"""Seconds a claim lasts without a heartbeat (the heartbeat runs every third of it)."""


class LeaseLostError(ScrapejobsError):
    """The worker no longer holds the chunk (its lease expired or another worker took it)."""


@dataclass(frozen=True)
class Chunk:
    """One chunk of a run: inputs ``first_index`` (0-based) up to ``stop_index`` (excluded)."""

    number: int
    first_index: int
    stop_index: int
    first_line: int
    last_line: int
    takeover: bool = False
    """True when this claim took the chunk over from a worker whose lease expired."""
    previous_owner: str | None = None

    def __len__(self) -> int:
        return self.stop_index - self.first_index


@dataclass(frozen=True)
class Progress:
    """How far a run's chunks are: done, held on a live lease, and the rest."""

    chunks: int
    done: int
    held: int

    @property
    def finished(self) -> bool:
        """Return True when every chunk is done."""
        return self.done == self.chunks


def worker_id() -> str:
    """Return a new worker id: host, process id and a random part (unique per process)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def plan_chunks(lines: Iterable[int], chunk_size: int) -> list[tuple[int, int, int, int]]:
    """Return ``(first_index, stop_index, first_line, last_line)`` of each chunk of ``lines``.

    ``lines`` are the inputs' line numbers in input order (streamed, never held).

    Raises:
        ValueError: ``chunk_size`` is below 1.

    """
    if chunk_size < 1:
        raise ValueError("chunk size must be at least 1")
    chunks: list[tuple[int, int, int, int]] = []
    first_line = last_line = 0
    index = -1
    for index, line in enumerate(lines):
        if index % chunk_size == 0:
            if index:
                chunks.append((index - chunk_size, index, first_line, last_line))
            first_line = line
        last_line = line
    if index >= 0:
        start = index - index % chunk_size
        chunks.append((start, index + 1, first_line, last_line))
    return chunks


_CLAIM = """
WITH next AS (
    SELECT chunk FROM scrapejobs_claims
    WHERE run = %(run)s AND done_at IS NULL AND (lease_until IS NULL OR lease_until < now())
    ORDER BY chunk
    LIMIT 1
    FOR UPDATE SKIP LOCKED
)
UPDATE scrapejobs_claims AS c SET
    takeovers = c.takeovers + (c.owner IS NOT NULL)::int,
    previous_owner = c.owner,
    owner = %(owner)s,
    lease_until = now() + make_interval(secs => %(lease)s),
    claims = c.claims + 1
FROM next
WHERE c.run = %(run)s AND c.chunk = next.chunk
RETURNING c.chunk, c.first_index, c.stop_index, c.first_line, c.last_line, c.previous_owner
"""

_HEARTBEAT = """
UPDATE scrapejobs_claims SET lease_until = now() + make_interval(secs => %(lease)s)
WHERE run = %(run)s AND owner = %(owner)s AND done_at IS NULL AND lease_until > now()
RETURNING chunk
"""

_FENCE = """
SELECT 1 FROM scrapejobs_claims
WHERE run = %s AND chunk = %s AND owner = %s AND done_at IS NULL AND lease_until > now()
FOR KEY SHARE
"""


class Claims:
    """The claims of one run, for one worker (``owner``), over a psycopg async connection.

    ``connection`` is in autocommit mode: every method is one statement (atomic on its own), so
    the worker's tasks may share it. ``lease`` is in seconds of the database's clock.
    """

    def __init__(
        self,
        connection: psycopg.AsyncConnection[Any],
        run: str,
        owner: str,
        *,
        lease: float = DEFAULT_LEASE,
    ) -> None:
        if lease <= 0:
            raise ValueError("the lease must be positive")
        self.connection = connection
        self.run = run
        self.owner = owner
        self.lease = lease

    def __repr__(self) -> str:
        return f"Claims(run={self.run!r}, owner={self.owner!r}, lease={self.lease})"

    async def plan(
        self,
        digest: str,
        lines: Callable[[], Iterable[int]],
        chunk_size: int,
        *,
        dedupe: bool = False,
    ) -> int:
        """Split the run into chunks unless another worker did; return how many there are.

        ``lines()`` yields the inputs' line numbers in order (called only by the first worker).
        ``dedupe``: the workers skip duplicate inputs (``--dedupe``); the plan records it, so
        workers with and without it never share a run (their chunks would end differently).

        Raises:
            LedgerMismatchError: the run's chunks were planned for other inputs, or by workers
                started with the other ``--dedupe`` setting.

        """
        given, digest = digest, digest + DEDUPE_MARK if dedupe else digest
        found = await self._plan_row()
        if found is None:
            chunks = plan_chunks(lines(), chunk_size)
            async with self.connection.transaction():
                cursor = await self.connection.execute(
                    "INSERT INTO scrapejobs_chunk_plans (run, digest, chunk_size, chunks, inputs)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (run) DO NOTHING",
                    (self.run, digest, chunk_size, len(chunks), chunks[-1][1] if chunks else 0),
                )
                if cursor.rowcount == 1:
                    async with self.connection.cursor() as rows:
                        await rows.executemany(
                            "INSERT INTO scrapejobs_claims (run, chunk, first_index, stop_index,"
                            " first_line, last_line) VALUES (%s, %s, %s, %s, %s, %s)",
                            [(self.run, number, *chunk) for number, chunk in enumerate(chunks)],
                        )
            found = await self._plan_row()
        if found is None:  # pragma: no cover - inserted above or by another worker
            raise RuntimeError("the chunk plan vanished")
        planned_digest, chunks_count = found
        if planned_digest != digest and planned_digest.removesuffix(DEDUPE_MARK) == given:
            was, now = ("without", "with") if dedupe else ("with", "without")
            raise LedgerMismatchError(
                f"run {self.run!r} of this ledger is shared by workers started {was} --dedupe; "
                f"this one was started {now} it: start every worker with the same options"
            )
        if planned_digest != digest:
            raise LedgerMismatchError(
                f"run {self.run!r} of this ledger was planned for other inputs (the input file "
                "differs); every worker needs the same input file"
            )
        return int(chunks_count)

    async def _plan_row(self) -> tuple[str, int] | None:
        cursor = await self.connection.execute(
            "SELECT digest, chunks FROM scrapejobs_chunk_plans WHERE run = %s", (self.run,)
        )
        row = await cursor.fetchone()
        return None if row is None else (str(row[0]), int(row[1]))

    async def claim(self) -> Chunk | None:
        """Claim the first chunk that is not done and not held on a live lease; None if none.

        Never blocks on a chunk another worker is claiming at the same moment (SKIP LOCKED).
        """
        cursor = await self.connection.execute(
            _CLAIM, {"run": self.run, "owner": self.owner, "lease": self.lease}
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        number, first_index, stop_index, first_line, last_line, previous = row
        return Chunk(
            int(number),
            int(first_index),
            int(stop_index),
            int(first_line),
            int(last_line),
            takeover=previous is not None,
            previous_owner=previous,
        )

    async def heartbeat(self) -> set[int]:
        """Extend the leases this worker still holds; return those chunks' numbers.

        A chunk this worker claimed and that is not returned (nor done) is lost: its lease
        expired before this heartbeat, or another worker took it over.
        """
        cursor = await self.connection.execute(
            _HEARTBEAT, {"run": self.run, "owner": self.owner, "lease": self.lease}
        )
        return {int(row[0]) for row in await cursor.fetchall()}

    async def done(self, chunk: Chunk) -> None:
        """Mark ``chunk`` done (the caller saw every input of it end in the ledger)."""
        await self.connection.execute(
            "UPDATE scrapejobs_claims SET done_at = now(), done_by = %s, lease_until = NULL"
            " WHERE run = %s AND chunk = %s AND done_at IS NULL",
            (self.owner, self.run, chunk.number),
        )

    async def release(self, chunk: Chunk) -> None:
        """Give ``chunk`` up (this worker stops): another worker may claim it at once."""
        await self.connection.execute(
            "UPDATE scrapejobs_claims SET owner = NULL, lease_until = NULL"
            " WHERE run = %s AND chunk = %s AND owner = %s AND done_at IS NULL",
            (self.run, chunk.number, self.owner),
        )

    async def progress(self) -> Progress:
        """Return how many chunks are done and held on a live lease (the database's clock)."""
        cursor = await self.connection.execute(
            "SELECT count(*), count(done_at),"
            " count(*) FILTER (WHERE done_at IS NULL AND lease_until > now())"
            " FROM scrapejobs_claims WHERE run = %s",
            (self.run,),
        )
        row = await cursor.fetchone()
        if row is None:  # pragma: no cover - an aggregate always returns a row
            return Progress(0, 0, 0)
        return Progress(int(row[0]), int(row[1]), int(row[2]))

    async def takeovers(self) -> int:
        """Return how many claims of this run took a chunk over from an expired lease."""
        cursor = await self.connection.execute(
            "SELECT coalesce(sum(takeovers), 0) FROM scrapejobs_claims WHERE run = %s",
            (self.run,),
        )
        row = await cursor.fetchone()
        return int(row[0]) if row is not None else 0


class ClaimFence:
    """Holds a chunk's claim row while a block records its intents (see the module docstring).

    Over its own psycopg (blocking) connection, used by one thread at a time (the runner's
    ledger thread).
    """

    def __init__(self, connection: psycopg.Connection[Any], run: str, owner: str) -> None:
        self.connection = connection
        self.run = run
        self.owner = owner

    def __repr__(self) -> str:
        return f"ClaimFence(run={self.run!r}, owner={self.owner!r})"

    @contextlib.contextmanager
    def held(self, chunk: int) -> Iterator[None]:
        """Run the block while this worker holds ``chunk`` on a live lease; it cannot be taken.

        Raises:
            LeaseLostError: the worker does not hold the chunk (the block did not run).

        """
        with self.connection.transaction():
            row = self.connection.execute(_FENCE, (self.run, chunk, self.owner)).fetchone()
            if row is None:
                raise LeaseLostError(
                    f"chunk {chunk} of run {self.run!r} is no longer this worker's "
                    "(its lease expired or another worker took it over)"
                )
            yield
