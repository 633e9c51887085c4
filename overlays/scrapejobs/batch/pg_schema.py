"""The PostgreSQL schema of scrapejobs, versioned by the project (no ORM).

Every change to the schema is a :class:`Migration`: a version number, a name and the SQL that
takes the schema from the version before to this one. :func:`migrate` applies those a database
has not seen yet, in order, in one transaction that also records each in
``scrapejobs_migrations`` (PostgreSQL's DDL is transactional: all of them or none); several
processes migrating at once are serialised by an advisory lock, so each runs exactly once.

Numbering: 1 the ledger, 2 the work claims of many workers, 3 webhook deliveries, 4 run locks. A migration,
once released, is never edited: a change is a new migration.

Needs the ``postgres`` extra (psycopg 3); this module imports psycopg only for type checking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapejobs.batch.claims import CLAIMS_SQL
from scrapejobs.batch.ledger_postgres import LEDGER_SQL
from scrapejobs.batch.pg_deliveries import DELIVERIES_SQL
from scrapejobs.batch.pg_run_lock import RUN_LOCKS_SQL

if TYPE_CHECKING:
    import psycopg

MIGRATION_LOCK = 0x5C_4A_0B_5D
"""The ``pg_advisory_xact_lock`` key held while migrating (any fixed 64-bit number)."""


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``sql`` takes version ``version - 1`` to ``version``."""

    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "ledger", LEDGER_SQL),
    Migration(2, "work claims of many workers", CLAIMS_SQL),
    Migration(3, "webhook deliveries", DELIVERIES_SQL),
    Migration(4, "run locks", RUN_LOCKS_SQL),
)
"""Every migration, by version (1, 2, 3, … without gaps)."""


class SchemaTooNewError(RuntimeError):
    """The database was migrated by a newer scrapejobs than this one (never downgraded)."""


def migrate(
    connection: psycopg.Connection[Any], migrations: tuple[Migration, ...] = MIGRATIONS
) -> int:
    """Apply the migrations ``connection``'s database lacks; return its schema version after.

    The pending migrations and their rows in ``scrapejobs_migrations`` commit together;
    concurrent callers wait on an advisory lock and then find the work done.

    Raises:
        SchemaTooNewError: the database has a version this scrapejobs does not know.
        psycopg.Error: the database refused a migration (nothing of this call is kept).

    """
    expected = list(range(1, len(migrations) + 1))
    if [migration.version for migration in migrations] != expected:
        raise ValueError("migrations must be numbered 1, 2, 3, … in order")
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        connection.execute(
            "CREATE TABLE IF NOT EXISTS scrapejobs_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        row = connection.execute("SELECT max(version) FROM scrapejobs_migrations").fetchone()
        current = int(row[0]) if row is not None and row[0] is not None else 0
        if current > len(migrations):
            raise SchemaTooNewError(
                f"the database's scrapejobs schema is version {current}; this scrapejobs knows "
                f"up to {len(migrations)}: upgrade scrapejobs"
            )
        for migration in migrations[current:]:
            connection.execute(migration.sql.encode())  # no parameters: several statements
            connection.execute(
                "INSERT INTO scrapejobs_migrations (version, name) VALUES (%s, %s)",
                (migration.version, migration.name),
            )
        return len(migrations)
