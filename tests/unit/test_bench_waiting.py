"""The waiting benchmark's arithmetic (``scripts/bench_waiting.py``), without running a side.

Latency is the moment the caller held a result minus the job's planned finish at the emulator;
requests per job count every request of the provider in the emulator's stats; ours ÷ vendor
compares the two. Wrong arithmetic here would make every number of the benchmark wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.scripts import load_script


def bench() -> ModuleType:
    """Return scripts/bench_waiting.py as a module."""
    return load_script("bench_waiting")


JOBS_DOCUMENT = {
    "jobs": [
        # seen finished: finished_at equals finish_at
        {"id": "a", "created_at": 100.0, "finish_at": 102.0, "finished_at": 102.0},
        # never read after its finish: only the plan
        {"id": "b", "created_at": 100.0, "finish_at": 110.0, "finished_at": None},
        # no duration plan (another progression mode): its finish as recorded
        {"id": "c", "created_at": 100.0, "finish_at": None, "finished_at": 104.0},
        # neither: unfinished, no latency can be measured
        {"id": "d", "created_at": 100.0, "finish_at": None, "finished_at": None},
    ],
    "total": 4,
}


def test_job_times_use_the_planned_finish_and_skip_unfinished_jobs() -> None:
    assert bench().job_times(JOBS_DOCUMENT) == {
        "a": (100.0, 102.0),
        "b": (100.0, 110.0),
        "c": (100.0, 104.0),
    }


def test_held_jobs_are_found_by_id_or_by_url_and_the_first_hold_counts() -> None:
    held = [
        {"job_id": "a", "url": None, "at": 102.5},
        {"job_id": None, "url": "https://shop.example/b", "at": 111.0},
        {"job_id": "a", "url": None, "at": 200.0},  # held again later: the first one counts
        {"job_id": None, "url": "https://shop.example/unknown", "at": 1.0},
    ]
    found = bench().held_ids(held, {"https://shop.example/b": "b"})
    assert found == {"a": 102.5, "b": 111.0}


def test_latency_is_held_minus_planned_finish_with_the_job_duration() -> None:
    module = bench()
    times = module.job_times(JOBS_DOCUMENT)
    pairs = module.latencies({"a": 102.5, "b": 111.0, "zzz": 5.0}, times)
    assert pairs == [(0.5, 2.0), (1.0, 10.0)]  # a job unknown to the emulator is left out


def test_percentiles_interpolate_and_handle_tiny_samples() -> None:
    percentile = bench().percentile
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


def test_requests_count_every_operation_of_the_provider_only() -> None:
    stats = {
        "decodo": {"requests": {"create_task_batch": 2, "get_task": 250, "get_task_results": 200}},
        "scrapio": {"requests": {"create_job": 9}},
        "scrapedo": {"requests": {}},
    }
    total_requests = bench().total_requests
    assert total_requests(stats, "decodo") == 452
    assert total_requests(stats, "scrapedo") == 0
    assert total_requests(stats, "scraperapi") == 0


def raw_run(side: str, held: dict[str, float], requests: dict[str, int]) -> dict[str, Any]:
    return {
        "provider": "scrapio",
        "workload": "b",
        "side": side,
        "jobs": 4,
        "held": [{"job_id": job, "url": None, "at": at} for job, at in held.items()],
        "job_times": {"j1": [0.0, 2.0], "j2": [0.0, 2.0], "j3": [0.0, 2.0], "j4": [0.0, 2.0]},
        "requests": requests,
        "wall_seconds": 3.0,
        "cpu_seconds": 0.5,
        "notes": [],
    }


VENDOR = raw_run(
    "vendor",
    {"j1": 2.2, "j2": 2.4, "j3": 2.6, "j4": 2.8},
    {"create_job": 4, "get_job": 8, "get_job_result": 4},
)
OURS = raw_run(
    "ours-run", {"j1": 2.05, "j2": 2.05, "j3": 2.15}, {"create_job": 4, "get_job_result": 6}
)


def test_metrics_of_a_side() -> None:
    found = bench().metrics(VENDOR)
    assert found.jobs == 4
    assert found.held == 4
    assert found.requests == 16
    assert found.requests_per_job == pytest.approx(4.0)
    assert found.p50_ms == pytest.approx(500.0)  # latencies 200, 400, 600, 800 ms
    assert found.p95_ms == pytest.approx(770.0)
    assert found.p50_ratio == pytest.approx(0.25)  # 500 ms of a 2 s job
    assert found.wall_seconds == 3.0
    assert found.cpu_seconds == 0.5


def test_a_side_missing_results_counts_requests_over_all_jobs() -> None:
    found = bench().metrics(OURS)
    assert found.held == 3  # j4 was never held
    assert found.requests_per_job == pytest.approx(10 / 4)
    assert found.p50_ms == pytest.approx(50.0)


def test_ratio_of_ours_to_the_vendor() -> None:
    ratio = bench().ratio
    assert ratio(2.5, 4.0) == pytest.approx(0.625)
    assert ratio(1.0, 0.0) is None
    assert ratio(None, 4.0) is None
    assert ratio(1.0, None) is None


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.split("|")[1:-1]]


def test_the_table_puts_ratios_on_our_rows_only() -> None:
    rows = bench().table([VENDOR, OURS]).splitlines()
    vendor_row, ours_row = cells(rows[2]), cells(rows[3])
    assert vendor_row[2:7] == ["vendor", "1", "4/4", "3.0", "4.00"]
    assert vendor_row[-2:] == ["", ""]
    assert ours_row[2:7] == ["ours-run", "1", "3/4", "3.0", "2.50"]
    assert ours_row[-2:] == ["0.62", "0.10"]  # requests 2.5 / 4.0, p50 50 ms / 500 ms


def test_repeated_runs_of_a_side_are_one_row_of_medians() -> None:
    module = bench()
    slower = {**OURS, "held": [{"job_id": "j1", "url": None, "at": 2.45}], "wall_seconds": 5.0}
    faster = {**OURS, "requests": {"create_job": 4, "get_job_result": 4}, "wall_seconds": 1.0}
    rows = module.table([VENDOR, OURS, slower, faster]).splitlines()
    assert len(rows) == 4  # header, rule, vendor, one row for the three ours-run runs
    row = cells(rows[3])
    # runs, fewest held, median wall, median requests/job (10, 10, 8 requests over 4 jobs)
    assert row[3:8] == ["3", "1/4", "3.0", "2.50", "50"]
    found = module.median_metrics([module.metrics(run) for run in (OURS, slower, faster)])
    assert found.p50_ms == pytest.approx(50.0)  # medians of 50, 450, 50 ms
    operations = module.operations([VENDOR, OURS, slower, faster])
    assert "- scrapio b ours-run (run 3): create_job 4, get_job_result 4" in operations
    assert "- scrapio b vendor: create_job 4, get_job 8, get_job_result 4" in operations


def test_a_skipped_side_reports_no_numbers() -> None:
    module = bench()
    run = module.skipped("decodo", module.WORKLOADS["a"], "vendor", "skipped: no --vendor-python")
    found = module.metrics(run)
    assert (found.held, found.requests_per_job, found.p50_ms, found.wall_seconds) == (
        0,
        None,
        None,
        None,
    )
    assert "skipped: no --vendor-python" in module.notes([run])


def test_unknown_choices_are_refused() -> None:
    module = bench()
    with pytest.raises(SystemExit):
        module.parse_args(["--providers", "decodo,oxylabs"])
    with pytest.raises(SystemExit):
        module.parse_args(["--repeat", "0"])
    args = module.parse_args(["--providers", "scrapio", "--workloads", "b", "--sides", "vendor"])
    assert (args.providers, args.workloads, args.sides) == (["scrapio"], ["b"], ["vendor"])


def test_the_raw_record_keeps_what_the_metrics_need_and_little_else() -> None:
    module = bench()
    held = [
        {"job_id": "a", "url": "https://shop.example/a", "at": 102.500049},
        {"job_id": None, "url": "https://shop.example/b", "at": 111.0},
    ]
    by_url = {"https://shop.example/a": "a", "https://shop.example/b": "b"}
    kept = module.compact(held, by_url, {"a": (100.00001, 102.0), "b": (100.0, 110.0)})
    assert kept["held"] == [
        {"job_id": "a", "url": None, "at": 102.5},
        {"job_id": None, "url": "https://shop.example/b", "at": 111.0},
    ]
    assert kept["by_url"] == {"https://shop.example/b": "b"}
    assert kept["job_times"] == {"a": [100.0, 102.0], "b": [100.0, 110.0]}
    assert module.held_ids(kept["held"], kept["by_url"]) == {"a": 102.5, "b": 111.0}


def test_reused_runs_are_the_wanted_sides_of_an_earlier_run_with_a_note(tmp_path: Path) -> None:
    runs: list[dict[str, Any]] = [
        {"provider": "scrapio", "workload": "b", "side": side, "repeat": n, "notes": []}
        for side in ("vendor", "ours-run", "ours-webhooks")
        for n in (1, 2)
    ]
    path = tmp_path / "earlier.json"
    path.write_text(json.dumps({"meta": {"date": "2026-12-04 19:18 UTC"}, "runs": runs}))
    reused = bench().reused_runs(path, lambda side: side not in ["ours-webhooks"])
    assert sorted(reused) == [("scrapio", "b", "ours-run"), ("scrapio", "b", "vendor")]
    assert [run["repeat"] for run in reused[("scrapio", "b", "ours-run")]] == [1, 2]
    assert reused[("scrapio", "b", "vendor")][0]["notes"] == [
        f"reused from {path} (measured 2026-12-04 19:18 UTC)"
    ]
    assert bench().reused_runs(None, lambda side: True) == {}
