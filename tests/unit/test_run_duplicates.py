"""``scrapejobs run`` warns about duplicate inputs and, with ``--dedupe``, submits them once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from scrapejobs.cli import main

INPUTS = (
    "https://example.com/a\n"
    "https://example.com/b\n"
    '{"url": "https://example.com/a"}\n'  # the same input as line 1, written as JSON
    "https://example.com/b\n"
)


def _run(tmp_path: Path, *extra: str) -> tuple[Result, list[dict[str, Any]], dict[str, Any]]:
    input_file = tmp_path / "in.txt"
    input_file.write_text(INPUTS, encoding="utf-8")
    output, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    args = ["run", "-p", "scrapio", "--input", str(input_file), "--output", str(output)]
    args += ["--summary-json", str(summary), "--no-progress", "--emulator", *extra]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return result, lines, json.loads(summary.read_text(encoding="utf-8"))


def test_duplicates_are_warned_with_their_lines_and_each_is_a_job(tmp_path: Path) -> None:
    result, lines, summary = _run(tmp_path)

    assert result.exit_code == 0, result.output
    assert "2 duplicate input(s): each is a job of its own" in result.stderr
    assert f"{tmp_path / 'in.txt'}:3: same input as line 1" in result.stderr
    assert f"{tmp_path / 'in.txt'}:4: same input as line 2" in result.stderr
    assert sorted(line["line"] for line in lines) == [1, 2, 3, 4]
    assert len({line["job"] for line in lines}) == 4
    assert summary["jobs"] == 4


def test_dedupe_submits_each_distinct_input_once_and_writes_every_line(tmp_path: Path) -> None:
    result, lines, summary = _run(tmp_path, "--dedupe")

    assert result.exit_code == 0, result.output
    assert "submitted once (--dedupe)" in result.stderr
    by_line = {line["line"]: line for line in lines}
    assert sorted(by_line) == [1, 2, 3, 4]
    assert all(line["state"] == "succeeded" for line in lines)
    assert by_line[3]["job"] == by_line[1]["job"]
    assert by_line[4]["job"] == by_line[2]["job"]
    assert by_line[1]["job"] != by_line[2]["job"]
    assert by_line[3]["input"] == {"url": "https://example.com/a"}
    assert by_line[3]["result"] == by_line[1]["result"]
    assert summary["jobs"] == 2
    assert summary["inputs"] == 4
    assert summary["succeeded"] == 4


def test_no_warning_without_duplicates(tmp_path: Path) -> None:
    input_file = tmp_path / "in.txt"
    input_file.write_text("https://example.com/a\nhttps://example.com/b\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    args = ["run", "-p", "scrapio", "--input", str(input_file), "--output", str(output)]
    result = CliRunner().invoke(main, [*args, "--no-progress", "--emulator"])
    assert result.exit_code == 0, result.output
    assert "duplicate" not in result.stderr
