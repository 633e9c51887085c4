"""`scrapejobs receive` and `run --webhook-url` without a port: mistakes are one line, exit 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrapejobs.cli import main

PASSWORD = "db-Pa55-word"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SCRAPEJOBS_SCRAPIO_TOKEN", "SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)


def _one_line_error(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("scrapejobs: error: ")
    assert expected in lines[0]
    assert PASSWORD not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--ledger", f"mysql://u:{PASSWORD}@h/db"], "not a postgresql:// URL"),
        (["--ledger", f"postgresql://u:{PASSWORD}@h/db?run=a&run=b"], "more than one run"),
        (["--ledger", "postgresql://h/db", "--port", "70000"], "Invalid value for '--port'"),
        (["--ledger", "postgresql://h/db"], "SCRAPEJOBS_SCRAPIO_TOKEN"),
    ],
)
def test_receive_refuses_bad_usage_in_one_line(args: list[str], expected: str) -> None:
    _one_line_error(["receive", "-p", "scrapio", *args], expected)


def test_receive_for_scrapingpros_needs_the_account_secret() -> None:
    args = ["receive", "-p", "scrapingpros", "--ledger", "postgresql://h/db"]
    _one_line_error(args, "SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET")


def test_webhook_url_without_a_port_needs_a_postgresql_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRAPEJOBS_SCRAPIO_TOKEN", "t0ken-value")
    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    args = ["run", "-p", "scrapio", "--input", str(tmp_path / "in.txt")]
    args += ["--output", str(tmp_path / "out.jsonl"), "--webhook-url", "https://hooks.example/h"]
    _one_line_error(args, "--webhook-url without --webhook-port needs a PostgreSQL ledger")
    assert not (tmp_path / "out.jsonl").exists()


def test_receive_without_the_postgres_extra_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRAPEJOBS_SCRAPIO_TOKEN", "t0ken-value")
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    args = ["receive", "-p", "scrapio", "--ledger", "postgresql://h/db", "--port", "0"]
    _one_line_error(args, "pip install 'scrapejobs[postgres]'")
