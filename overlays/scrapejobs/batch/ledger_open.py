"""Open a ledger by where it lives: a ``postgresql://`` URL or a SQLite file.

``open_ledger("postgresql://…/db?run=name")`` is a :class:`~scrapejobs.batch.ledger_postgres.
PostgresLedger` (shared by every process of the run; psycopg imported only then), anything else
a path to a :class:`~scrapejobs.batch.ledger.SqliteLedger` (one run at a time, locked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, Self

from scrapejobs.batch.ledger import Ledger, SqliteLedger
from scrapejobs.batch.pg_location import is_postgres_url, parse_postgres_url


class OpenLedger(Ledger, Protocol):
    """A ledger that was opened: use it as a context manager, or :meth:`close` it."""

    def close(self) -> None:
        """Close it (everything recorded is already committed)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *_exc: object) -> None: ...


def ledger_name(location: str | Path) -> str | Path:
    """Return how messages and summaries name ``location``: a path as it is, a URL masked.

    Raises:
        LedgerUnavailableError: a ``postgresql://`` URL that is not a valid ledger URL.

    """
    if is_postgres_url(location):
        return parse_postgres_url(str(location)).shown
    return location


def open_ledger(location: str | Path) -> OpenLedger:
    """Open the ledger at ``location``: a ``postgresql://``/``postgres://`` URL or a file path.

    Raises what :class:`~scrapejobs.batch.ledger_postgres.PostgresLedger` (ImportError without
    the ``postgres`` extra, LedgerUnavailableError, LedgerCorruptError) or
    :class:`~scrapejobs.batch.ledger.SqliteLedger` (FileBusyError, LedgerCorruptError,
    LedgerIOError) raise on open.
    """
    if is_postgres_url(location):
        from scrapejobs.batch.ledger_postgres import PostgresLedger

        return PostgresLedger(str(location))
    return SqliteLedger(location)
