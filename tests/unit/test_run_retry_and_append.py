"""``scrapejobs run --retry`` and input files that grow: a run's ledger carries on.

``--retry refused,failed`` submits those inputs again as a new attempt (the earlier one stays in
the ledger; the output shows the latest); an input file that only adds lines at its end extends
the run; any other change is refused as before. On both ledgers (SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from scrapejobs.batch.ledger import SubmissionState
from scrapejobs.cli import main
from tests.unit.ledgers import LedgerFactory

LEDGER = "out.jsonl.ledger"
"""The ledger's name: on SQLite the default ledger of ``--output out.jsonl``."""


def _run(
    ledgers: LedgerFactory, provider: str, *extra: str
) -> tuple[Result, dict[int, dict[str, Any]]]:
    tmp_path = ledgers.directory
    output = tmp_path / "out.jsonl"
    args = ["run", "-p", provider, "--input", str(tmp_path / "in.txt"), "--output", str(output)]
    args += ["--summary-json", str(tmp_path / "summary.json"), "--no-progress", "--emulator"]
    args += ["--ledger", str(ledgers.at(LEDGER))]
    result = CliRunner().invoke(main, [*args, *extra], catch_exceptions=False)
    lines: dict[int, dict[str, Any]] = {}
    if output.exists():
        for text in output.read_text(encoding="utf-8").splitlines():
            line = json.loads(text)
            lines[line["line"]] = line
    return result, lines


def _summary(tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    return data


def _failing(tmp_path: Path) -> str:
    config = tmp_path / "failing.json"
    config.write_text(json.dumps({"faults": {"job_failure_rate": 1}}), encoding="utf-8")
    return str(config)


def _submissions(ledgers: LedgerFactory) -> list[tuple[str, SubmissionState, tuple[str, ...]]]:
    with ledgers(LEDGER) as ledger:
        return [(sub.key, sub.state, sub.inputs) for sub in ledger.submissions()]


def test_retry_failed_submits_a_new_attempt_and_keeps_the_old_one(
    make_ledger: LedgerFactory,
) -> None:
    tmp_path = make_ledger.directory
    (tmp_path / "in.txt").write_text("https://example.com/a\nhttps://example.com/b\n")
    first, lines = _run(make_ledger, "scrapio", "--emulator-config", _failing(tmp_path))
    assert first.exit_code == 3, first.output
    assert {line["state"] for line in lines.values()} == {"failed"}
    failed_jobs = {n: line["job"] for n, line in lines.items()}

    again, lines = _run(make_ledger, "scrapio", "--retry", "failed")

    assert again.exit_code == 0, again.output
    assert "retrying 2 input(s) (failed 2) as a new attempt" in again.stderr
    assert {line["state"] for line in lines.values()} == {"succeeded"}
    assert all(lines[n]["job"] != failed_jobs[n] for n in (1, 2))
    keys = [key for key, _state, _inputs in _submissions(make_ledger)]
    assert keys == ["line-1+1", "line-2+1", "line-1+1@retry1", "line-2+1@retry1"]
    summary = _summary(tmp_path)
    assert (summary["succeeded"], summary["failed"]) == (2, 0)

    # A later plain rerun replays the latest attempt and submits nothing.
    rerun, lines = _run(make_ledger, "scrapio")
    assert rerun.exit_code == 0, rerun.output
    assert {line["state"] for line in lines.values()} == {"succeeded"}
    assert _summary(tmp_path)["submissions"] == 0
    assert len(_submissions(make_ledger)) == 4


def test_retry_refused_retries_only_the_refused_inputs(make_ledger: LedgerFactory) -> None:
    tmp_path = make_ledger.directory
    long_url = "https://example.com/" + "a" * 3000  # well typed; Decodo refuses it
    (tmp_path / "in.txt").write_text(f"https://example.com/ok\n{long_url}\n")
    first, lines = _run(make_ledger, "decodo", "--batch-size", "1")  # one submission each
    assert first.exit_code == 3, first.output
    assert (lines[1]["state"], lines[2]["state"]) == ("succeeded", "refused")
    ok_job = lines[1]["job"]

    again, lines = _run(make_ledger, "decodo", "--batch-size", "1", "--retry", "refused,expired")

    assert again.exit_code == 3, again.output
    assert "retrying 1 input(s) (refused 1) as a new attempt" in again.stderr
    assert lines[1]["job"] == ok_job  # replayed, not submitted again
    assert lines[2]["state"] == "refused"
    subs = _submissions(make_ledger)
    refused = [(key, state) for key, state, inputs in subs if inputs == ("line-2",)]
    assert refused == [
        ("line-2+1", SubmissionState.REFUSED),
        ("line-2+1@retry1", SubmissionState.REFUSED),
    ]
    assert _summary(tmp_path)["submissions"] == 1


def test_retry_with_nothing_to_retry_says_so_and_submits_nothing(
    make_ledger: LedgerFactory,
) -> None:
    tmp_path = make_ledger.directory
    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    first, _lines = _run(make_ledger, "scrapio")
    assert first.exit_code == 0, first.output
    again, lines = _run(make_ledger, "scrapio", "--retry", "failed")
    assert again.exit_code == 0, again.output
    assert "--retry: no failed input to retry" in again.stderr
    assert lines[1]["state"] == "succeeded"
    assert _summary(tmp_path)["submissions"] == 0


def test_retry_of_submitted_or_uncertain_is_a_usage_error(make_ledger: LedgerFactory) -> None:
    tmp_path = make_ledger.directory
    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    for state in ("uncertain", "submitted", "succeeded"):
        result, _lines = _run(make_ledger, "scrapio", "--retry", f"failed,{state}")
        assert result.exit_code == 2, result.output
        assert f"cannot retry {state}" in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "out.jsonl.ledger").exists()


def test_an_input_file_with_lines_appended_extends_the_run(make_ledger: LedgerFactory) -> None:
    tmp_path = make_ledger.directory
    input_file = tmp_path / "in.txt"
    input_file.write_text("https://example.com/a\n# a comment\nhttps://example.com/b\n")
    first, lines = _run(make_ledger, "scrapio")
    assert first.exit_code == 0, first.output
    jobs = {n: line["job"] for n, line in lines.items()}

    input_file.write_text(input_file.read_text() + "\nhttps://example.com/c\n")
    again, lines = _run(make_ledger, "scrapio")

    assert again.exit_code == 0, again.output
    assert sorted(lines) == [1, 3, 5]
    assert {n: lines[n]["job"] for n in (1, 3)} == jobs  # replayed, not submitted again
    assert lines[5]["state"] == "succeeded"
    summary = _summary(tmp_path)
    assert (summary["replayed_from_ledger"], summary["submissions"]) == (2, 1)

    # Extended once, extended again.
    input_file.write_text(input_file.read_text() + "https://example.com/d\n")
    third, lines = _run(make_ledger, "scrapio")
    assert third.exit_code == 0, third.output
    assert sorted(lines) == [1, 3, 5, 6]


def test_a_changed_input_file_is_still_refused(make_ledger: LedgerFactory) -> None:
    tmp_path = make_ledger.directory
    input_file = tmp_path / "in.txt"
    input_file.write_text("https://example.com/a\nhttps://example.com/b\n")
    first, _lines = _run(make_ledger, "scrapio")
    assert first.exit_code == 0, first.output
    before = (tmp_path / "out.jsonl").read_bytes()

    for changed in (
        "https://example.com/a\nhttps://example.com/CHANGED\nhttps://example.com/c\n",
        "https://example.com/a\n",  # a line removed
        "\nhttps://example.com/a\nhttps://example.com/b\n",  # lines moved
    ):
        input_file.write_text(changed)
        result, _lines = _run(make_ledger, "scrapio")
        assert result.exit_code == 2, result.output
        assert "belongs to a run of other inputs" in result.stderr
        assert (tmp_path / "out.jsonl").read_bytes() == before
