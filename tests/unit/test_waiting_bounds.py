"""scripts/waiting_bounds.py: the lower bounds quoted against the waiting benchmark's targets."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.scripts import load_script


def load() -> ModuleType:
    """Return scripts/waiting_bounds.py as a module."""
    return load_script("waiting_bounds")


def test_a_scope_read_puts_the_jobs_of_its_last_tenth_on_time() -> None:
    bounds = load()
    # Reads at 10, 9.09, 8.26, ... each cover ~(t - t / 1.1) / 9 of the jobs: 7 reach half.
    assert bounds.scoped_reads(1.0, 10.0, 0.1, 0.5) == 7
    assert bounds.scoped_reads(1.0, 10.0, 0.1, 0.05) == 1
    with pytest.raises(ValueError, match="no number of reads"):
        bounds.scoped_reads(1.0, 10.0, 0.1, 1.0 + 1e-6)


def test_per_job_reads_grow_with_the_share_on_time() -> None:
    bounds = load()
    half = bounds.per_job_reads(1.0, 10.0, 0.1, 0.5, step=0.1)
    most = bounds.per_job_reads(1.0, 10.0, 0.1, 0.8, step=0.1)
    assert 2.3 < half < 2.7  # more than every vendor SDK's ~1-2 reads per job
    assert most > half + 1
    # A single read at the end puts the last ~10 % on time: a small share costs ~1 read.
    assert bounds.per_job_reads(1.0, 10.0, 0.1, 0.05, step=0.1) == pytest.approx(1.0, abs=0.1)


def test_the_command_line_refuses_a_degenerate_workload(capsys: pytest.CaptureFixture[str]) -> None:
    bounds = load()
    with pytest.raises(SystemExit):
        bounds.main(["--low", "2", "--high", "2.1"])
    assert "at least 0.5 s" in capsys.readouterr().err
