"""Side-by-side waiting benchmark: each provider's own SDK against scrapejobs, on the emulator.

    python scripts/bench_waiting.py --vendor-python .nox/vendor-sdks/bin/python \
        [--providers decodo,scrapio] [--workloads a,b]
        [--sides vendor,ours-run,ours-wait,ours-cli,ours-webhooks,ours-frugal]
        [--out bench/waiting.md] [--seed 1] [--repeat 3] [--reuse-vendor bench/waiting-before.json]

Workloads, per provider: (a) 200 jobs with durations uniform in 1-10 s, (b) 50 jobs of exactly
2 s. Sides, each in its own process against its own fresh emulator on 127.0.0.1 (faults off):

- ``vendor``: the provider's pinned SDK as its README recommends for many jobs
  (``scripts/bench_waiting_drivers/vendor_sdks.py``, run by ``--vendor-python``: a separate venv
  holding the five SDKs, never scrapejobs; ``nox -s bench`` builds it from the ``bench-vendors``
  dependency group). decodo-sdk needs Python >= 3.12: with an older vendor interpreter its side
  is skipped with a note. Without ``--vendor-python`` every vendor side is skipped.
- ``ours-run`` (``scrapejobs.run_batch`` with defaults), ``ours-wait`` (``AsyncJobs.submit`` +
  ``as_completed`` + ``result``: the waiting ``wait`` is built on, each job held as it ends),
  ``ours-cli`` (``scrapejobs run``, polling), ``ours-webhooks`` (``scrapejobs run
  --webhook-port 0``) and ``ours-frugal``
  (``run_batch(..., timing=scrapejobs.FRUGAL)``: fewer reads, results later), run by this
  interpreter (``scripts/bench_waiting_drivers/ours.py``).

Per side: wall seconds of the workload; requests per job (every provider request the emulator
served, ``/_emulator/stats``, over the jobs); completion→result latency p50/p95 (the time the
caller holds a job's result minus the job's planned finish instant ``finish_at`` from
``/_emulator/jobs``) in ms and as a fraction of the job's duration; the driver's CPU seconds;
and ours ÷ vendor for requests per job and p50. The Markdown table goes to ``--out`` and every
raw measurement to the same path with ``.json`` (``--reuse-vendor`` takes the vendor sides from
such a file instead of running them again). Sides run one after another (2 cores); with
``--repeat N`` each side runs N times and a row shows the medians (latencies move by tens of
percent between runs with the clients' poll jitter; requests per job by a few percent).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_waiting_targets import targets_table

from scrapejobs_emulator import Emulator, EmulatorConfig, Progression
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.server import serve_in_thread

ROOT = Path(__file__).resolve().parents[1]
DRIVERS = Path(__file__).resolve().parent / "bench_waiting_drivers"
TOKEN = "bench-waiting-token"  # noqa: S105 -- a local emulator credential
WEBHOOK_SECRET = "bench-waiting-webhook-secret"  # noqa: S105 -- the emulator's, local
PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
SIDES = ("vendor", "ours-run", "ours-wait", "ours-cli", "ours-webhooks", "ours-frugal")
NEEDS_PY312 = frozenset({"decodo"})
"""Vendor SDKs that need Python >= 3.12 (decodo-sdk)."""
SIDE_TIMEOUT = 900.0
"""Seconds one side may take before it is killed and reported."""


@dataclass(frozen=True)
class Workload:
    """A set of jobs: how many, and how long each takes at the emulator."""

    name: str
    jobs: int
    min_seconds: float
    max_seconds: float

    @property
    def label(self) -> str:
        """Return e.g. ``200 x 1-10 s``."""
        if self.min_seconds == self.max_seconds:
            return f"{self.jobs} x {self.min_seconds:g} s"
        return f"{self.jobs} x {self.min_seconds:g}-{self.max_seconds:g} s"


WORKLOADS = {"a": Workload("a", 200, 1.0, 10.0), "b": Workload("b", 50, 2.0, 2.0)}


# -- metrics (pure) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    """What one side measured (None where nothing could be measured)."""

    jobs: int
    held: int
    wall_seconds: float | None
    requests: int
    requests_per_job: float | None
    p50_ms: float | None
    p95_ms: float | None
    p50_ratio: float | None
    """p50 of latency / job duration."""
    p95_ratio: float | None
    cpu_seconds: float | None


def total_requests(stats: Mapping[str, Any], provider: str) -> int:
    """Return every request ``provider`` served, from a ``/_emulator/stats`` document."""
    by_operation: Mapping[str, int] = stats.get(provider, {}).get("requests", {})
    return sum(by_operation.values())


def job_times(jobs: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Return ``{job id: (created_at, planned finish)}`` from a ``/_emulator/jobs`` document.

    The planned ``finish_at`` is the finish instant (``finished_at`` equals it once a read
    has seen the job done; it is absent for a job no read has seen yet).
    """
    times: dict[str, tuple[float, float]] = {}
    for job in jobs["jobs"]:
        finish = job.get("finish_at")
        if finish is None:
            finish = job.get("finished_at")
        if finish is not None:
            times[str(job["id"])] = (float(job["created_at"]), float(finish))
    return times


def held_ids(held: Iterable[Mapping[str, Any]], by_url: Mapping[str, str]) -> dict[str, float]:
    """Return ``{job id: first time held}``; an entry without an id is found by its URL."""
    found: dict[str, float] = {}
    for entry in held:
        job_id = entry.get("job_id") or by_url.get(str(entry.get("url")))
        if job_id is not None and str(job_id) not in found:
            found[str(job_id)] = float(entry["at"])
    return found


def latencies(
    held: Mapping[str, float], times: Mapping[str, tuple[float, float]]
) -> list[tuple[float, float]]:
    """Return ``(seconds from finish to held, job duration)`` of each held job the emulator knows."""
    found = []
    for job_id, at in held.items():
        if job_id in times:
            created, finish = times[job_id]
            found.append((at - finish, finish - created))
    return found


def percentile(values: Sequence[float], q: float) -> float | None:
    """Return the ``q``-th percentile (0..100, linear interpolation), None for no values."""
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    if q == 50:
        return float(statistics.median(values))
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return float(cuts[round(q) - 1])


def metrics(run: Mapping[str, Any]) -> Metrics:
    """Return the metrics of one side from its raw record (see :func:`run_side`)."""
    times = {key: (value[0], value[1]) for key, value in run["job_times"].items()}
    held = held_ids(run["held"], run.get("by_url", {}))
    pairs = latencies(held, times)
    seconds = [latency for latency, _ in pairs]
    ratios = [latency / duration for latency, duration in pairs if duration > 0]
    jobs = int(run["jobs"])
    requests = int(sum(run["requests"].values()))
    p50, p95 = percentile(seconds, 50), percentile(seconds, 95)
    ran = run.get("wall_seconds") is not None
    return Metrics(
        jobs=jobs,
        held=len(pairs),
        wall_seconds=run.get("wall_seconds"),
        requests=requests,
        requests_per_job=requests / jobs if jobs and ran else None,
        p50_ms=p50 * 1000 if p50 is not None else None,
        p95_ms=p95 * 1000 if p95 is not None else None,
        p50_ratio=percentile(ratios, 50),
        p95_ratio=percentile(ratios, 95),
        cpu_seconds=run.get("cpu_seconds"),
    )


def ratio(ours: float | None, vendor: float | None) -> float | None:
    """Return ``ours / vendor``, or None when either is missing or the vendor's is 0."""
    if ours is None or vendor is None or vendor == 0:
        return None
    return ours / vendor


def _median(values: Iterable[float | None]) -> float | None:
    found = [value for value in values if value is not None]
    return float(statistics.median(found)) if found else None


def median_metrics(found: Sequence[Metrics]) -> Metrics:
    """Return the median of each measurement over repeated runs of one side.

    ``held`` is the fewest any run held (a run that lost a result shows); ``requests`` the
    median rounded down.
    """
    if not found:
        raise ValueError("no runs")
    return Metrics(
        jobs=found[0].jobs,
        held=min(one.held for one in found),
        wall_seconds=_median(one.wall_seconds for one in found),
        requests=int(statistics.median(one.requests for one in found)),
        requests_per_job=_median(one.requests_per_job for one in found),
        p50_ms=_median(one.p50_ms for one in found),
        p95_ms=_median(one.p95_ms for one in found),
        p50_ratio=_median(one.p50_ratio for one in found),
        p95_ratio=_median(one.p95_ratio for one in found),
        cpu_seconds=_median(one.cpu_seconds for one in found),
    )


def side_medians(runs: Sequence[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], Metrics]]:
    """Return each side's first run and the medians of its runs, in order of first appearance."""
    return [(group[0], median_metrics([metrics(run) for run in group])) for group in grouped(runs)]


def grouped(runs: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Return the runs grouped by (provider, workload, side), in order of first appearance."""
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for run in runs:
        groups.setdefault((run["provider"], run["workload"], run["side"]), []).append(run)
    return list(groups.values())


# -- running one side ---------------------------------------------------------------------------


def emulator_config(workload: Workload, seed: int) -> EmulatorConfig:
    """Return the emulator configuration of one side: faults off, no Scrape.do throttle."""
    return EmulatorConfig(
        tokens=[TOKEN],
        seed=seed,
        progression=Progression(
            mode="duration", min_seconds=workload.min_seconds, max_seconds=workload.max_seconds
        ),
        scrapedo_concurrency=100_000,
        webhook_secret=WEBHOOK_SECRET,
    )


def side_seed(seed: int, provider: str, workload: Workload) -> int:
    """Return the emulator seed of a (provider, workload): the same for each of its sides."""
    return seed * 1000 + PROVIDERS.index(provider) * 10 + sorted(WORKLOADS).index(workload.name)


def get_json(url: str) -> Any:
    """Return the JSON answer of a GET to the (loopback) emulator."""
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 -- http://127.0.0.1
        return json.loads(answer.read())


def driver_command(side: str, vendor_python: str | None) -> list[str]:
    """Return the interpreter and script that run ``side``."""
    if side == "vendor":
        if vendor_python is None:
            raise ValueError("no vendor interpreter")
        return [vendor_python, str(DRIVERS / "vendor_sdks.py")]
    return [sys.executable, str(DRIVERS / "ours.py"), "--side", side]


def run_side(
    provider: str, workload: Workload, side: str, seed: int, vendor_python: str | None, log: Path
) -> dict[str, Any]:
    """Run one side in its own process against a fresh served emulator; return its raw record."""
    urls = [
        f"https://shop.example/{provider}/{workload.name}/item/{i}" for i in range(workload.jobs)
    ]
    emulator = Emulator(emulator_config(workload, side_seed(seed, provider, workload)))
    env = {
        **os.environ,
        "BENCH_TOKEN": TOKEN,
        "SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    if side == "vendor":
        env.pop("PYTHONPATH", None)  # the vendor venv never sees scrapejobs
    with tempfile.TemporaryDirectory() as tmp, serve_in_thread(emulator) as base:
        work = Path(tmp)
        (work / "urls.txt").write_text("\n".join(urls) + "\n")
        command = [
            *driver_command(side, vendor_python),
            "--provider", provider,
            "--base-url", base,
            "--urls", str(work / "urls.txt"),
            "--out", str(work / "held.json"),
        ]  # fmt: skip
        started = time.monotonic()
        with log.open("a") as sink:
            sink.write(f"\n=== {provider} {workload.name} {side}\n")
            sink.flush()
            try:
                code = subprocess.run(
                    command, env=env, stdout=sink, stderr=sink, timeout=SIDE_TIMEOUT, check=False
                ).returncode
            except subprocess.TimeoutExpired:
                code = -1
        process_seconds = time.monotonic() - started
        stats = get_json(f"{base}/_emulator/stats")
        jobs = get_json(f"{base}/_emulator/jobs?provider={provider}")
        by_url = {
            url: record.id
            for record in emulator.store.records(provider)
            if (url := target_url(record)) is not None
        }
        driver: dict[str, Any] = {}
        if (work / "held.json").exists():
            driver = json.loads((work / "held.json").read_text())
    notes = list(driver.get("errors", []))
    if code != 0 and not notes:
        notes.append(f"driver exited {code} (see {log})")
    return {
        "provider": provider,
        "workload": workload.name,
        "label": workload.label,
        "side": side,
        "jobs": workload.jobs,
        "seed": side_seed(seed, provider, workload),
        **compact(driver.get("held", []), by_url, job_times(jobs)),
        "requests": stats.get(provider, {}).get("requests", {}),
        "wall_seconds": driver.get("wall_seconds"),
        "cpu_seconds": driver.get("cpu_seconds"),
        "process_seconds": process_seconds,
        "python": driver.get("python"),
        "package": driver.get("package"),
        "exit": code,
        "notes": notes,
    }


def compact(
    held: Iterable[Mapping[str, Any]],
    by_url: Mapping[str, str],
    times: Mapping[str, tuple[float, float]],
) -> dict[str, Any]:
    """Return the raw ``held``, ``by_url`` and ``job_times`` of a side, kept small for the JSON.

    A held entry keeps its URL only when it has no job id, ``by_url`` only those URLs, and
    instants are rounded to 0.1 ms.
    """
    entries = [
        {
            "job_id": entry.get("job_id"),
            "url": None if entry.get("job_id") else entry.get("url"),
            "at": round(float(entry["at"]), 4),
        }
        for entry in held
    ]
    wanted = {str(entry["url"]) for entry in entries if entry["url"] is not None}
    return {
        "held": entries,
        "by_url": {url: job_id for url, job_id in by_url.items() if url in wanted},
        "job_times": {
            job_id: [round(created, 4), round(finish, 4)]
            for job_id, (created, finish) in times.items()
        },
    }


def skipped(provider: str, workload: Workload, side: str, reason: str) -> dict[str, Any]:
    """Return the raw record of a side that was not run."""
    return {
        "provider": provider,
        "workload": workload.name,
        "label": workload.label,
        "side": side,
        "jobs": workload.jobs,
        "held": [],
        "job_times": {},
        "requests": {},
        "wall_seconds": None,
        "cpu_seconds": None,
        "notes": [reason],
    }


def vendor_python_version(vendor_python: str) -> tuple[int, int]:
    """Return the (major, minor) version of the vendor interpreter."""
    answer = subprocess.run(
        [vendor_python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
        capture_output=True,
        text=True,
        check=True,
    )
    major, minor = answer.stdout.split()
    return int(major), int(minor)


# -- the report ---------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


def table(runs: Sequence[Mapping[str, Any]]) -> str:
    """Return the Markdown table of every side, grouped by provider and workload.

    A side run several times (``--repeat``) is one row of medians; ``runs`` says how many.
    """
    header = (
        "| provider | workload | side | runs | held | wall s | requests/job | p50 ms | p95 ms "
        "| p50/duration | p95/duration | CPU s | requests ÷ vendor | p50 ÷ vendor |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    sides = side_medians(runs)
    vendors = {
        (first["provider"], first["workload"]): found
        for first, found in sides
        if first["side"] == "vendor"
    }
    for first, found in sides:
        vendor = vendors.get((first["provider"], first["workload"]))
        ours = first["side"] != "vendor" and vendor is not None
        rows.append(
            "| "
            + " | ".join(
                [
                    first["provider"],
                    first.get("label") or WORKLOADS[first["workload"]].label,
                    first["side"],
                    str(len([run for run in runs if _same_side(run, first)])),
                    f"{found.held}/{found.jobs}",
                    _num(found.wall_seconds, 1),
                    _num(found.requests_per_job),
                    _ms(found.p50_ms),
                    _ms(found.p95_ms),
                    _pct(found.p50_ratio),
                    _pct(found.p95_ratio),
                    _num(found.cpu_seconds),
                    _num(ratio(found.requests_per_job, vendor.requests_per_job))
                    if ours and vendor
                    else "",
                    _num(ratio(found.p50_ms, vendor.p50_ms)) if ours and vendor else "",
                ]
            )
            + " |"
        )
    return header + "\n".join(rows) + "\n"


def targets(runs: Sequence[Mapping[str, Any]]) -> str:
    """Return the table of the waiting targets each of our rows meets (bench_waiting_targets)."""
    rows = {
        (first["provider"], first["workload"], first["side"]): found
        for first, found in side_medians(runs)
    }
    labels = {name: workload.label for name, workload in WORKLOADS.items()}
    for run in runs:
        labels.setdefault(run["workload"], run.get("label") or run["workload"])
    return targets_table(rows, labels)


def _same_side(run: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    return all(run[key] == other[key] for key in ("provider", "workload", "side"))


def operations(runs: Sequence[Mapping[str, Any]]) -> str:
    """Return the requests of each run by provider operation, one line each."""
    lines = []
    for group in grouped(runs):
        for number, run in enumerate(group, start=1):
            ops = ", ".join(f"{name} {n}" for name, n in sorted(run["requests"].items()))
            label = f"{run['provider']} {run['workload']} {run['side']}"
            if len(group) > 1:
                label += f" (run {number})"
            lines.append(f"- {label}: {ops or '—'}")
    return "\n".join(lines) + "\n"


def notes(runs: Sequence[Mapping[str, Any]]) -> str:
    """Return every side's notes (skips, errors, reused numbers), one line each."""
    lines = list(
        dict.fromkeys(
            f"- {run['provider']} {run['workload']} {run['side']}: {note}"
            for run in runs
            for note in run.get("notes", [])
        )
    )
    return "\n".join(lines) + "\n" if lines else "- none\n"


def git_commit() -> str:
    """Return the checked-out commit (short) and whether the tree has changes, or ``unknown``."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "overlays", "emulator", "generated"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" (with uncommitted changes)" if dirty else "")


def report(runs: Sequence[Mapping[str, Any]], meta: Mapping[str, Any]) -> str:
    """Return the whole Markdown report: context, the table, requests by operation, notes."""
    import scrapejobs

    packages = sorted({run["package"] for run in runs if run.get("package")})
    return (
        "# Waiting benchmark: vendor SDKs vs scrapejobs\n\n"
        f"- date: {meta['date']}\n"
        f"- machine: {meta['machine']}\n"
        f"- scrapejobs {scrapejobs.__version__} at {meta['commit']}, "
        f"Python {platform.python_version()}\n"
        f"- vendor SDKs: {', '.join(packages) or 'none run'} (Python {meta['vendor_python']})\n"
        f"- command: `{meta['command']}`\n"
        f"- seed {meta['seed']}; {meta.get('repeat', 1)} run(s) of each side (a row shows "
        "their medians), each in its own process against its own emulator "
        "(127.0.0.1, faults off); latency = when the caller holds the result minus the job's "
        "planned finish; requests/job = every provider request the emulator served / jobs\n\n"
        + table(runs)
        + "\n## Targets\n\n"
        + targets(runs)
        + "\n## Requests by operation\n\n"
        + operations(runs)
        + "\n## Notes\n\n"
        + notes(runs)
    )


# -- main ---------------------------------------------------------------------------------------


def _csv(text: str, allowed: Sequence[str], what: str) -> list[str]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in allowed]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"{what}: {', '.join(unknown) or 'none given'} (choose from {', '.join(allowed)})"
        )
    return chosen


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--providers",
        type=lambda text: _csv(text, PROVIDERS, "providers"),
        default=list(PROVIDERS),
    )
    parser.add_argument(
        "--workloads",
        type=lambda text: _csv(text, sorted(WORKLOADS), "workloads"),
        default=sorted(WORKLOADS),
    )
    parser.add_argument(
        "--sides", type=lambda text: _csv(text, SIDES, "sides"), default=list(SIDES)
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "waiting.md")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--jobs", type=int, help="jobs per workload instead of 200 and 50 (for a quick try)"
    )
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=1,
        help="runs of each side (the table shows medians; latencies vary with poll jitter)",
    )
    parser.add_argument(
        "--vendor-python", help="interpreter of the venv holding the five vendor SDKs"
    )
    parser.add_argument(
        "--reuse-vendor",
        type=Path,
        help="take the vendor sides from this raw JSON (an earlier --out's .json)",
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        help="take every side not in --sides from this raw JSON (to run one side again)",
    )
    return parser.parse_args(argv)


def one_side(
    provider: str,
    workload: Workload,
    side: str,
    args: argparse.Namespace,
    vendor_too_old: bool,
    log: Path,
) -> dict[str, Any]:
    """Run one side once, or return the record of why it was skipped."""
    if side == "vendor" and args.vendor_python is None:
        return skipped(provider, workload, side, "skipped: no --vendor-python")
    if side == "vendor" and provider in NEEDS_PY312 and vendor_too_old:
        return skipped(
            provider, workload, side, "skipped: decodo-sdk needs Python >= 3.12 in the vendor venv"
        )
    return run_side(provider, workload, side, args.seed, args.vendor_python, log)


def reused_runs(
    path: Path | None, wanted: Callable[[str], bool]
) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Return the runs of the sides ``wanted`` in the raw JSON at ``path`` (none without one).

    Keyed by (provider, workload, side); each run's notes say where and when it was measured.
    """
    reused: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    if path is None:
        return reused
    earlier = json.loads(path.read_text())
    note = f"reused from {path} (measured {earlier['meta']['date']})"
    for run in earlier["runs"]:
        if wanted(run["side"]):
            reused.setdefault((run["provider"], run["workload"], run["side"]), []).append(
                {**run, "notes": [*run.get("notes", []), note]}
            )
    return reused


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sides one after another; print and write the report."""
    args = parse_args(argv)
    reused = reused_runs(args.reuse_vendor, lambda side: side == "vendor")
    reused.update(reused_runs(args.reuse, lambda side: side not in args.sides))
    vendor_version = "—"
    vendor_too_old = False
    if args.vendor_python is not None:
        major, minor = vendor_python_version(args.vendor_python)
        vendor_version = f"{major}.{minor}"
        vendor_too_old = (major, minor) < (3, 12)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    log = args.out.with_suffix(".log")
    log.write_text("")
    runs: list[dict[str, Any]] = []
    for provider in args.providers:
        for name in args.workloads:
            workload = WORKLOADS[name]
            if args.jobs is not None:
                workload = dataclasses.replace(workload, jobs=args.jobs)
            for side in SIDES:
                if (provider, name, side) in reused:
                    runs.extend(reused[(provider, name, side)])
                    continue
                if side not in args.sides:
                    continue
                for repeat in range(args.repeat):
                    run = one_side(provider, workload, side, args, vendor_too_old, log)
                    run["repeat"] = repeat + 1
                    runs.append(run)
                    found = metrics(run)
                    print(
                        f"{provider} {name} {side} #{repeat + 1}: held {found.held}/{found.jobs}, "
                        f"wall {_num(found.wall_seconds, 1)} s, "
                        f"{_num(found.requests_per_job)} requests/job, "
                        f"p50 {_ms(found.p50_ms)} ms, p95 {_ms(found.p95_ms)} ms"
                        + (f" [{'; '.join(run['notes'])}]" if run.get("notes") else ""),
                        flush=True,
                    )
    meta = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{len(os.sched_getaffinity(0))} CPUs (nproc), {platform.machine()} {platform.system()}",
        "commit": git_commit(),
        "vendor_python": vendor_version,
        "command": " ".join(["python", "scripts/bench_waiting.py", *(argv or sys.argv[1:])]),
        "seed": args.seed,
        "repeat": args.repeat,
    }
    text = report(runs, meta)
    print(text)
    args.out.write_text(text)
    args.out.with_suffix(".json").write_text(
        json.dumps({"meta": meta, "runs": runs}, separators=(",", ":")) + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
