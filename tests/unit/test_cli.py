"""The ``scrapejobs`` command line: serving the emulator, and clear errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
from click.testing import CliRunner

from scrapejobs.cli import main


def test_emulator_command_serves_on_a_free_port_and_prints_no_token() -> None:
    executable = Path(sys.executable).parent / "scrapejobs"
    with subprocess.Popen(
        [str(executable), "emulator", "--port", "0", "--token", "cli-secret-token"],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("scrapejobs emulator listening on http://127.0.0.1:")
            assert "cli-secret-token" not in line
            url = line.rsplit(" ", 1)[1].strip()
            ok = httpx.get(
                f"{url}/scrapedo/api/v1/me", headers={"X-Token": "cli-secret-token"}, timeout=5
            )
            assert ok.status_code == 200
            assert ok.json()["TotalConcurrency"] == 5
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_bad_config_file_is_a_usage_error_naming_the_field(tmp_path: Path) -> None:
    config = tmp_path / "emulator.json"
    config.write_text(json.dumps({"faults": {"rate_429": 3}}))
    result = CliRunner().invoke(main, ["emulator", "--config", str(config)])
    assert result.exit_code == 2
    assert "faults.rate_429" in result.output


def test_config_file_that_is_not_json_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "emulator.json"
    config.write_text("{tokens: [")
    result = CliRunner().invoke(main, ["emulator", "--config", str(config)])
    assert result.exit_code == 2
    assert "not JSON" in result.output
