"""``scrapejobs run --emulator`` interrupted midway and rerun: the embedded emulator's state file
beside the ledger brings its jobs back, so every input ends as the emulator decided (0 expired)
and none is submitted twice. Runs scripts/resume_emulator_run.py (which measures the 2,000-input
case) with a small N; it waits on the run's log and process exits only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "resume_emulator_run.py"


def test_an_interrupted_offline_run_resumes_with_nothing_expired_or_paid_twice(
    tmp_path: Path,
) -> None:
    command = [sys.executable, str(SCRIPT), "--provider", "scrapio", "--inputs", "40"]
    command += ["--at", "0.3", "--concurrency", "2", "--workdir", str(tmp_path), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    result = json.loads(done.stdout)
    first = result["first_run"]
    assert first["signal_sent"], result
    assert first["exit"] == 130, result  # interrupted, as Ctrl-C
    assert first["ledger_jobs_after_exit"] < 40, "interrupted before the end"
    assert result["output_lines"] == 40
    assert result["expired"] == 0, result
    assert set(result["states"]) <= {"succeeded", "failed"}, result
    assert result["urls_with_two_jobs_at_emulator"] == 0, result
    assert result["inputs_with_two_jobs_in_ledger"] == 0, result
    assert result["emulator_jobs"] == 40
    assert result["ok"], result
    assert done.returncode == 0
