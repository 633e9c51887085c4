"""The test PostgreSQL server is a real one, on loopback, and each test's database is its own."""

from __future__ import annotations

import psycopg

from tests.postgres import LocalPostgres


def test_a_real_server_on_loopback_with_a_database_per_test(
    postgres_server: LocalPostgres, postgres_url: str
) -> None:
    assert postgres_server.host == "127.0.0.1"
    assert postgres_url != postgres_server.create_database()
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE seen (id int PRIMARY KEY)")
        connection.execute("INSERT INTO seen VALUES (1) ON CONFLICT DO NOTHING")
        connection.execute("INSERT INTO seen VALUES (1) ON CONFLICT DO NOTHING")
        row = connection.execute("SELECT count(*), current_setting('listen_addresses')").fetchone()
    assert row == (1, "127.0.0.1")
