"""The PostgreSQL schema is migrated once, in order, by whoever comes first; never downgraded."""

from __future__ import annotations

import threading

import psycopg
import pytest

from scrapejobs.batch.pg_schema import Migration, SchemaTooNewError, migrate

FIRST = Migration(1, "one", "CREATE TABLE one (id int); CREATE TABLE two (id int)")
SECOND = Migration(2, "two", "ALTER TABLE one ADD COLUMN note text")


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return {row[0] for row in rows}


def test_migrations_apply_in_order_once_and_are_recorded(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        assert migrate(connection, (FIRST,)) == 1
        assert migrate(connection, (FIRST, SECOND)) == 2
        assert migrate(connection, (FIRST, SECOND)) == 2  # nothing left to do
        rows = connection.execute(
            "SELECT version, name FROM scrapejobs_migrations ORDER BY version"
        ).fetchall()
        assert rows == [(1, "one"), (2, "two")]
        connection.execute("INSERT INTO one (id, note) VALUES (1, 'x')")
    assert _tables(postgres_url) == {"one", "two", "scrapejobs_migrations"}


def test_a_failing_migration_leaves_nothing_behind(postgres_url: str) -> None:
    broken = Migration(2, "broken", "CREATE TABLE three (id int); SELECT no_such_function()")
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        migrate(connection, (FIRST,))
        with pytest.raises(psycopg.errors.UndefinedFunction):
            migrate(connection, (FIRST, broken))
    assert "three" not in _tables(postgres_url)


def test_concurrent_migrations_run_each_step_once(postgres_url: str) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with psycopg.connect(postgres_url, autocommit=True) as connection:
                migrate(connection, (FIRST, SECOND))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with psycopg.connect(postgres_url) as connection:
        count = connection.execute("SELECT count(*) FROM scrapejobs_migrations").fetchone()
    assert count == (2,)


def test_a_newer_schema_is_refused_and_numbering_is_checked(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        migrate(connection, (FIRST, SECOND))
        with pytest.raises(SchemaTooNewError, match="version 2; this scrapejobs knows up to 1"):
            migrate(connection, (FIRST,))
        with pytest.raises(ValueError, match="numbered"):
            migrate(connection, (SECOND,))
