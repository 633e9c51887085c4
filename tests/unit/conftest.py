"""Fixtures shared by the overlay tests: a manual clock and an emulator on it (3 s jobs), and
both ledgers (``make_ledger``: every test that uses it runs on SQLite and on PostgreSQL)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock, Progression
from tests.postgres import LocalPostgres
from tests.unit.ledgers import LEDGER_KINDS, LedgerFactory


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def emulator(clock: ManualClock) -> Emulator:
    return Emulator(
        EmulatorConfig(progression=Progression(min_seconds=3, max_seconds=3)), clock=clock
    )


@pytest.fixture(params=LEDGER_KINDS)
def ledger_kind(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgres``: a test that uses it runs once on each ledger."""
    kind: str = request.param
    return kind


@pytest.fixture(scope="session")
def ledger_database(postgres_server: LocalPostgres) -> str:
    """One database for the PostgreSQL runs of every ``make_ledger`` test of the session.

    Each test's ledgers are runs of their own in it (runs never see each other: that is the
    PostgreSQL ledger's design, and these tests exercise it all the time), so a test pays no
    ``CREATE DATABASE`` and no migration. Tests about the database itself use ``postgres_url``.
    """
    return postgres_server.create_database("ledgers")


@pytest.fixture
def make_ledger(ledger_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> LedgerFactory:
    """Ledgers of the test's kind (see :mod:`tests.unit.ledgers`)."""
    database = request.getfixturevalue("ledger_database") if ledger_kind == "postgres" else None
    return LedgerFactory(ledger_kind, tmp_path, database, uuid.uuid4().hex[:12])
