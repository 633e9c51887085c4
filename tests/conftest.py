"""Fixtures shared by every test folder: a real PostgreSQL server (never a mock).

One server per test session, started on first use (``tests/postgres.py`` says where its binaries
come from); each test that asks for ``postgres_url`` gets a database of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.postgres import LocalPostgres, local_postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[LocalPostgres]:
    """A PostgreSQL server on 127.0.0.1 for the whole session (stopped and deleted after).

    Its data lives in the system's temporary directory, not pytest's: pytest's are private to
    root, and under root the server runs as ``nobody``.
    """
    with local_postgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: LocalPostgres) -> str:
    """The URL of a new, empty database on the session's server."""
    return postgres_server.create_database()
