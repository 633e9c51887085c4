"""``scrapejobs run --emulator`` killed (SIGKILL) midway and rerun: the embedded emulator's state
file beside the ledger, saved before each submission is answered, brings every job the ledger
knows back, so every input ends as the emulator decided (0 expired) and none is submitted twice.
Uses scripts/resume_emulator_run.py (which measures the 2,000-input case) with a small N; it
waits on the run's log and process exits only."""

from __future__ import annotations

import signal
from pathlib import Path
from types import ModuleType

from tests.scripts import load_script


def resume_script() -> ModuleType:
    """Return scripts/resume_emulator_run.py as a module."""
    return load_script("resume_emulator_run")


def test_a_killed_offline_run_resumes_with_nothing_expired_or_paid_twice(tmp_path: Path) -> None:
    script = resume_script()
    result = script.resume("scrapio", 40, 0.3, signal.SIGKILL, tmp_path, ["--concurrency", "2"])
    first = result["first_run"]
    assert first["signal_sent"], result
    assert first["exit"] == -signal.SIGKILL, result  # no chance to save anything on the way out
    assert first["ledger_jobs_after_exit"] < 40, "killed before the end"
    assert result["rerun"]["exit"] == 0, result
    assert result["output_lines"] == 40
    assert result["expired"] == 0, result
    assert result["states"] == {"succeeded": 40}, result
    assert result["urls_with_two_jobs_at_emulator"] == 0, result
    assert result["inputs_with_two_jobs_in_ledger"] == 0, result
    assert result["emulator_jobs"] == 40
    assert result["urls_without_a_job_at_emulator"] == 0
    assert result["ok"], result
