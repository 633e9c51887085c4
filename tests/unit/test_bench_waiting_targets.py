"""The waiting targets table (``scripts/bench_waiting_targets.py``): which target each row meets."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from tests.scripts import load_script


def targets() -> ModuleType:
    """Return scripts/bench_waiting_targets.py as a module."""
    return load_script("bench_waiting_targets")


@dataclass(frozen=True)
class Row:
    requests_per_job: float | None
    p50_ms: float | None
    p50_ratio: float | None
    p95_ratio: float | None


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def test_each_target_is_checked_against_its_own_limit() -> None:
    rows = {
        ("decodo", "b", "vendor"): Row(2.04, 1200.0, 0.6, 1.1),
        ("decodo", "b", "ours-run"): Row(1.30, 180.0, 0.09, 0.11),
        ("decodo", "b", "ours-wait"): Row(1.40, 140.0, 0.07, 0.30),
        ("decodo", "b", "ours-webhooks"): Row(1.02, 190.0, 0.09, 0.13),
    }
    table = targets().targets_table(rows, {"b": "50 x 2 s"}).splitlines()
    assert len(table) == 4  # header, rule, and our two polling rows: not vendor, not webhooks
    run, wait = cells(table[2]), cells(table[3])
    assert run == [
        "decodo",
        "50 x 2 s",
        "ours-run",
        "yes (1.30 ≤ 1.30)",
        "yes (1.30 ≤ 2.04)",
        "yes (9% ≤ 10%)",
        "yes (11% ≤ 25%)",
        "yes (180 ms ≤ 600 ms)",
        "yes (7% apart)",
        "no (22% apart)",
    ]
    assert wait[3:] == [
        "no (1.40 > 1.30)",
        "yes (1.40 ≤ 2.04)",
        "yes (7% ≤ 10%)",
        "no (30% > 25%)",
        "yes (140 ms ≤ 600 ms)",
        "—",  # ours-wait is what the others are compared with
        "—",
    ]


def test_a_missing_vendor_or_side_leaves_its_cells_empty() -> None:
    rows = {("scrapio", "a", "ours-cli"): Row(2.2, None, None, 0.2)}
    (line,) = targets().targets_table(rows, {}).splitlines()[2:]
    assert cells(line) == [
        "scrapio",
        "a",
        "ours-cli",
        "yes (2.20 ≤ 2.30)",
        "—",
        "—",
        "yes (20% ≤ 25%)",
        "—",
        "—",
        "—",
    ]
