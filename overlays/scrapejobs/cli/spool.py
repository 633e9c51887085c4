"""The output of ``scrapejobs run`` put in input order on disk, whatever its size.

Results arrive in completion order; the output lists them in input order. :class:`LineSpool`
keeps each output line, keyed by its input line, in an SQLite database beside the output (the
same disk), unlinked as soon as it is open so nothing is left behind however the run ends;
:meth:`LineSpool.write_in_order` then copies them into the output in line order, a page at a
time. Memory holds one batch of lines, never the run's results or their offsets.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from scrapejobs.batch.localfiles import LocalFileError

BATCH = 1_000
"""Lines written (and read back) per statement."""


class LineSpool:
    """Output lines keyed by input line, on disk beside ``output`` (see the module docstring).

    Raises LocalFileError naming ``output`` (a full disk as "No space left on device") when
    the spool cannot be created, written or read.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        try:
            fd, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.spool-")
            os.close(fd)
        except OSError as exc:
            raise LocalFileError(output.parent, "output directory", exc) from None
        try:
            with self._errors():
                self._db = sqlite3.connect(name, isolation_level=None)
                self._db.execute("PRAGMA journal_mode = OFF")  # throwaway: no journal file
                self._db.execute("PRAGMA synchronous = OFF")
                self._db.execute("PRAGMA cache_size = -4096")  # KiB
                self._db.execute("CREATE TABLE lines (line INTEGER PRIMARY KEY, text TEXT)")
        finally:
            # Open: the data stays reachable through SQLite's descriptor until it is closed.
            with contextlib.suppress(OSError):
                os.unlink(name)
        self._pending: list[tuple[int, str]] = []

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            full = getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            reason = os.strerror(errno.ENOSPC) if full else str(exc)
            raise LocalFileError(self.output, "output", reason) from None

    def add(self, line: int, text: str) -> None:
        """Keep output ``text`` of input ``line`` (a line given twice: the last one is kept)."""
        self._pending.append((line, text))
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        with self._errors():
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO lines (line, text) VALUES (?, ?)", self._pending
            )
            self._db.execute("COMMIT")
        self._pending = []

    def write_in_order(self, out: IO[str]) -> None:
        """Write every line kept into ``out``, in input line order, a batch at a time."""
        self._flush()
        with self._errors():
            cursor = self._db.execute("SELECT text FROM lines ORDER BY line")
            while rows := cursor.fetchmany(BATCH):
                try:
                    for (text,) in rows:
                        out.write(text)
                except OSError as exc:
                    raise LocalFileError(self.output, "output", exc) from None

    def close(self) -> None:
        """Drop the spool (never raises: its data is throwaway)."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
