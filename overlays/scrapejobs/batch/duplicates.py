"""Duplicate inputs of a run: found, warned about, and (with ``--dedupe``) submitted once.

Two inputs are duplicates when they carry the same provider parameters (a URL line and
``{"url": <the same URL>}`` are the same input). Without ``--dedupe`` each is a job of its own,
and the run warns with their line numbers; with it, the first of them is submitted and its
outcome is written for every duplicate line too (each under its own line number).

Two ways to find them: :func:`find_duplicates` over inputs in memory (a list), and
:class:`DuplicateIndex` over inputs streamed one at a time (a file of millions of lines): it
keeps a 16-byte digest of each input's parameters and its line in a temporary SQLite database
on disk (deleted when closed; a small page cache), and lets SQLite group them. Why SQLite and
not an in-memory set or an external sort: it is in the standard library, the ledger already
relies on it, its sort and index spill to disk with a bounded cache, and the copies it finds
stay indexed by line for the two later reads (skip the copies, write their outcomes).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import sqlite3
from collections.abc import AsyncGenerator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.results import ItemResult, RunStats

MAX_WARNED = 50
"""How many duplicate lines a warning lists before "and N more"."""


@dataclass(frozen=True)
class Duplicates:
    """The distinct inputs of a run, and the later lines that repeat each of them."""

    distinct: tuple[RunInput, ...]
    """The first input of each distinct set of parameters, in input order."""
    copies: Mapping[int, tuple[RunInput, ...]]
    """First line -> the later inputs with the same parameters (absent: no duplicate)."""

    @property
    def count(self) -> int:
        """Return how many inputs repeat an earlier one."""
        return sum(len(later) for later in self.copies.values())

    def pairs(self, limit: int) -> list[tuple[int, int]]:
        """Return ``(line, first line)`` of the first ``limit`` duplicates, in line order."""
        return sorted(
            (later.line, first) for first, copies in self.copies.items() for later in copies
        )[:limit]

    def copies_of(self, item: RunInput) -> list[RunInput]:
        """Return the later inputs that repeat ``item`` (none: [])."""
        return list(self.copies.get(item.line, ()))


class DuplicateLines(Protocol):
    """Where a run's duplicate inputs are known: :class:`Duplicates` or :class:`DuplicateIndex`."""

    @property
    def count(self) -> int:
        """How many inputs repeat an earlier one."""
        ...

    def pairs(self, limit: int) -> list[tuple[int, int]]:
        """Return ``(line, first line)`` of the first ``limit`` duplicates, in line order."""
        ...

    def copies_of(self, item: RunInput) -> list[RunInput]:
        """Return the later inputs that repeat ``item``."""
        ...


def _params_digest(item: RunInput) -> bytes:
    """Return 16 bytes identifying ``item``'s parameters (any key order)."""
    text = json.dumps(item.params, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).digest()[:16]


class DuplicateIndex:
    """Duplicate inputs found on disk, in constant memory (see the module docstring).

    :meth:`add` every input in line order, then :meth:`finish` once; then read :attr:`count`,
    :meth:`pairs`, :meth:`copies_of` and :meth:`without_copies`. :meth:`close` deletes it.
    Two inputs are the same when the SHA-256 of their canonical JSON parameters agrees in its
    first 128 bits (a chance collision is not to be expected in any input file).
    """

    BATCH = 10_000

    def __init__(self) -> None:
        # "": a private temporary database on disk, deleted when closed.
        # Used by one thread at a time (a worker writes its output from another thread).
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA cache_size = -4096")  # KiB: memory stays small at any size
        self._db.execute("PRAGMA temp_store = FILE")
        self._db.execute("CREATE TABLE inputs (digest BLOB NOT NULL, line INTEGER NOT NULL)")
        self._pending: list[tuple[bytes, int]] = []
        self._count = 0

    def add(self, item: RunInput) -> None:
        """Note ``item`` (inputs come in line order)."""
        self._pending.append((_params_digest(item), item.line))
        if len(self._pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        self._db.execute("BEGIN")
        self._db.executemany("INSERT INTO inputs (digest, line) VALUES (?, ?)", self._pending)
        self._db.execute("COMMIT")
        self._pending = []

    def finish(self) -> None:
        """Find the duplicates among the inputs added (call once, after the last :meth:`add`)."""
        self._flush()
        self._db.executescript(
            """
            BEGIN;
            CREATE TABLE copies (line INTEGER PRIMARY KEY, first INTEGER NOT NULL);
            INSERT INTO copies (line, first)
                SELECT line, first FROM (
                    SELECT line, MIN(line) OVER (PARTITION BY digest) AS first FROM inputs
                ) WHERE line != first;
            CREATE INDEX copies_by_first ON copies (first, line);
            DROP TABLE inputs;
            COMMIT;
            """
        )
        (self._count,) = self._db.execute("SELECT COUNT(*) FROM copies").fetchone()

    @property
    def count(self) -> int:
        """Return how many inputs repeat an earlier one."""
        return int(self._count)

    def pairs(self, limit: int) -> list[tuple[int, int]]:
        """Return ``(line, first line)`` of the first ``limit`` duplicates, in line order."""
        rows = self._db.execute("SELECT line, first FROM copies ORDER BY line LIMIT ?", (limit,))
        return [(int(line), int(first)) for line, first in rows]

    def copies_of(self, item: RunInput) -> list[RunInput]:
        """Return the later inputs that repeat ``item``, with its parameters."""
        if not self._count:
            return []
        rows = self._db.execute(
            "SELECT line FROM copies WHERE first = ? ORDER BY line", (item.line,)
        )
        return [RunInput(int(line), item.params) for (line,) in rows]

    def without_copies(self, inputs: Iterable[RunInput]) -> Iterator[RunInput]:
        """Yield the ``inputs`` (in line order) that repeat no earlier one.

        The copies are read from the first input's line on (a chunk deep in the file reads
        only the copies from there).
        """
        if not self._count:
            yield from inputs
            return
        items = iter(inputs)
        first = next(items, None)
        if first is None:
            return
        cursor = self._db.cursor()
        cursor.execute("SELECT line FROM copies WHERE line >= ? ORDER BY line", (first.line,))
        row = cursor.fetchone()
        for item in itertools.chain((first,), items):
            while row is not None and row[0] < item.line:
                row = cursor.fetchone()
            if row is not None and row[0] == item.line:
                continue
            yield item

    def firsts(self, lines: Sequence[int]) -> dict[int, int]:
        """Return ``{line: first line}`` for each of ``lines`` that repeats an earlier input.

        ``lines`` are consecutive inputs' lines in order (a chunk): one range query.
        """
        if not self._count or not lines:
            return {}
        wanted = set(lines)
        rows = self._db.execute(
            "SELECT line, first FROM copies WHERE line BETWEEN ? AND ?", (lines[0], lines[-1])
        )
        return {int(line): int(first) for line, first in rows if line in wanted}

    def close(self) -> None:
        """Delete the index (never raises)."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


def find_duplicates(inputs: Sequence[RunInput]) -> Duplicates:
    """Return the distinct inputs and the duplicates of each (same parameters, any key order)."""
    first: dict[str, RunInput] = {}
    copies: dict[int, list[RunInput]] = {}
    for item in inputs:
        key = json.dumps(item.params, sort_keys=True, separators=(",", ":"))
        seen = first.setdefault(key, item)
        if seen is not item:
            copies.setdefault(seen.line, []).append(item)
    return Duplicates(tuple(first.values()), {line: tuple(later) for line, later in copies.items()})


def duplicate_warning(duplicates: DuplicateLines, path: str, *, deduped: bool) -> list[str]:
    """Return the warning lines ``path:line: same input as line N`` (capped), or [] for none."""
    if not duplicates.count:
        return []
    pairs = duplicates.pairs(MAX_WARNED)
    what = (
        "submitted once (--dedupe), its result written for each line"
        if deduped
        else "each is a job of its own (--dedupe submits them once)"
    )
    lines = [f"{duplicates.count} duplicate input(s): {what}:"]
    lines += [f"{path}:{line}: same input as line {first}" for line, first in pairs]
    if duplicates.count > MAX_WARNED:
        lines.append(f"and {duplicates.count - MAX_WARNED} more")
    return lines


async def with_duplicates(
    results: AsyncGenerator[ItemResult, None], duplicates: DuplicateLines, stats: RunStats
) -> AsyncGenerator[ItemResult, None]:
    """Yield each of ``results``, then its outcome again for each duplicate line of its input.

    The copies are counted in ``stats`` (inputs and outcomes) as the lines they are written for.
    Closing this generator closes ``results`` (the run ends).
    """
    async with contextlib.aclosing(results):
        async for item in results:
            yield item
            for later in duplicates.copies_of(item.input):
                stats.inputs += 1
                stats.by_state[item.state] += 1
                yield dataclasses.replace(item, input=later, copy_of=item.line)
