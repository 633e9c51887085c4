"""Both ledgers for the ledger and runner tests: one parametrised fixture, one factory.

``make_ledger`` (see ``tests/unit/conftest.py``) runs a test once on SQLite files and once on
PostgreSQL (the session's real server; never mocked). ``make_ledger.at(name)`` is where ledger
``name`` lives: a file in ``tmp_path``, or a run of the shared ledger database whose name is
the test's own prefix and ``name``. The same name is the same ledger, another name another run.
``make_ledger(name)`` opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from scrapejobs.batch.ledger_open import OpenLedger, open_ledger

LEDGER_KINDS = ("sqlite", "postgres")


@dataclass
class LedgerFactory:
    """Ledgers of one kind for one test (see the module docstring)."""

    kind: str
    directory: Path
    """Where SQLite ledgers go (the test's ``tmp_path``)."""
    database: str | None
    """The URL of the PostgreSQL database its runs live in (None for SQLite)."""
    prefix: str
    """Makes the test's run names its own (a PostgreSQL run is named ``<prefix>-<name>``)."""

    def at(self, name: str = "run.db") -> str | Path:
        """Return where ledger ``name`` lives: a file path, or a URL naming run ``name``."""
        if self.database is None:
            return self.directory / name
        return f"{self.database}?run={quote(f'{self.prefix}-{name}')}"

    def __call__(self, name: str = "run.db") -> OpenLedger:
        """Open ledger ``name`` (close it, or use it in ``with``)."""
        return open_ledger(self.at(name))
