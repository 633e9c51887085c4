"""Each of our sides of the waiting benchmark runs end to end on a small workload.

``nox -s bench`` runs ``scripts/bench_waiting_drivers/ours.py`` against a served emulator; these
run the same drivers, as the benchmark does (its own process per side), on 3 jobs of 0.3 s, so
a change to the runner, ``as_completed`` or the CLI that breaks a driver fails here rather than
as an empty row of the next benchmark.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.scripts import load_script


@pytest.mark.parametrize(
    ("provider", "side"),
    [
        ("scrapio", "ours-run"),
        ("scrapio", "ours-wait"),
        ("scrapio", "ours-frugal"),
        ("scrapio", "ours-webhooks"),
        ("scrapio", "ours-cli"),
        ("scrapedo", "ours-webhooks"),
    ],
)
def test_the_side_holds_every_result(provider: str, side: str, tmp_path: Path) -> None:
    module = load_script("bench_waiting")
    workload = dataclasses.replace(module.WORKLOADS["b"], jobs=3, min_seconds=0.3, max_seconds=0.3)
    log = tmp_path / "side.log"
    record = module.run_side(provider, workload, side, 1, None, log)
    assert record["exit"] == 0, log.read_text()
    assert record["notes"] == []
    metrics = module.metrics(record)
    assert metrics.held == 3
    assert metrics.requests >= 3  # at least one submission or read per job reached the emulator
    assert metrics.p50_ms is not None
    assert 0 <= metrics.p50_ms < 30_000  # a result is held after its job ends, not before
