"""Measure ``scrapejobs run`` on many URLs against the emulator served on loopback.

    python scripts/bench_runner.py [--provider scraperapi] [--urls 10000] [--kills 5]
                                   [--curve 2000] [--ledger sqlite|postgres]
                                   [--compare-ledgers 3]

1. **Throughput**: one uninterrupted run of ``--urls`` URLs (wall time, jobs/s, requests per
   job, peak RSS of the CLI process).
2. **Kill and resume**: the same number of URLs on a fresh emulator and ledger; the CLI is
   SIGKILLed ``--kills`` times at random moments (seeded) and restarted with the same arguments
   until it finishes. Then every input is checked against the emulator's own job records:
   duplicates (an input with two jobs at the provider), uncertain inputs, results lost (a job
   the provider made for an input whose output line does not carry it, outside ``uncertain``).
3. **Curve** (``--curve N``): N URLs at ``--concurrency`` 1, 8, 32 and 128 (jobs/s, requests/s).
4. **Ledgers** (``--compare-ledgers N``): the throughput run N times on each ledger, alternately
   (SQLite file, PostgreSQL), and the ratio of their best jobs/s (PostgreSQL / SQLite; target
   >= 0.8): what a PostgreSQL ledger costs one worker.

``--ledger postgres`` runs every measurement on a PostgreSQL ledger (a fresh database each) on a
throwaway local server started by ``tests/postgres.py`` (pgserver's binaries, or the system's),
with ``fsync`` turned back on (the tests run without it): commits as durable as SQLite's.
The emulator runs in this process on a uvicorn thread (one core); the CLI is a separate process
(the other core), the PostgreSQL server a third. Jobs take 0.2 to 0.5 s at the emulator. No
network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchlib import sample_peak_rss

from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.server import serve_in_thread

TOKEN = "bench-token"  # noqa: S105 -- a local emulator credential
LEDGERS = ("sqlite", "postgres")


class Ledgers:
    """Fresh ledgers of one kind: a file in the work directory, or a new PostgreSQL database."""

    def __init__(self, kind: str, server: Any = None) -> None:
        self.kind = kind
        self.server = server
        """A running ``tests.postgres.LocalPostgres`` (for ``postgres``)."""

    def fresh(self, work: Path) -> str:
        """Return the location of a new, empty ledger for a run in ``work``."""
        if self.kind == "sqlite":
            return str(work / "run.ledger")
        url: str = self.server.create_database("bench")
        return url


@contextmanager
def ledgers(kinds: set[str]) -> Iterator[dict[str, Ledgers]]:
    """Yield fresh-ledger makers for ``kinds`` (a local PostgreSQL server runs while needed)."""
    if "postgres" not in kinds:
        yield {kind: Ledgers(kind) for kind in kinds}
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/postgres.py
    import psycopg

    from tests.postgres import local_postgres

    with local_postgres() as server:
        # The test server skips fsync; a ledger is measured durable, as SQLite's (FULL) is.
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute("ALTER SYSTEM SET fsync = on")
            admin.execute("SELECT pg_reload_conf()")
        yield {kind: Ledgers(kind, server) for kind in kinds}


@contextmanager
def emulator_served(seed: int) -> Iterator[tuple[str, Emulator]]:
    """Serve a fresh emulator on 127.0.0.1; yield its base URL and the emulator."""
    config = EmulatorConfig(
        tokens=[TOKEN], seed=seed, decodo_batch_interval_seconds=1.0, scrapedo_concurrency=1000
    )
    emulator = Emulator(config)
    with serve_in_thread(emulator) as base_url:
        yield base_url, emulator


def cli() -> list[str]:
    """Return the command of the installed CLI."""
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


def run_cli(
    provider: str,
    base_url: str,
    work: Path,
    concurrency: int,
    ledger: str,
    kill_after: float | None = None,
) -> tuple[int, float, int]:
    """Run the CLI once; return (exit status, wall seconds, peak RSS in KiB).

    The peak is the CLI's own ``VmHWM`` (read from /proc while it runs): ``ru_maxrss`` of a
    forked child would also count the pages it shared with this process before ``exec``.
    """
    command = [
        *cli(),
        "run",
        "--provider", provider,
        "--input", str(work / "urls.txt"),
        "--output", str(work / "out.jsonl"),
        "--ledger", ledger,
        "--base-url", f"{base_url}/{provider}",
        "--concurrency", str(concurrency),
        "--no-progress",
        "--summary-json", str(work / "summary.json"),
    ]  # fmt: skip
    env = {**os.environ, f"SCRAPEJOBS_{provider.upper()}_TOKEN": TOKEN}
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    peak = [0]
    watching = threading.Event()
    sampler = threading.Thread(target=sample_peak_rss, args=(process.pid, peak, watching))
    sampler.start()
    if kill_after is not None:
        timer = threading.Timer(kill_after, lambda: process.send_signal(signal.SIGKILL))
        timer.start()
    process.wait()
    watching.set()
    sampler.join()
    if kill_after is not None:
        timer.cancel()
    return process.returncode, time.monotonic() - started, peak[0]


def audit(provider: str, emulator: Emulator, work: Path, urls: list[str]) -> dict[str, int]:
    """Compare the output with the emulator's job records; return the counts."""
    lines = [json.loads(line) for line in (work / "out.jsonl").read_text().splitlines()]
    by_line = {line["line"]: line for line in lines}
    jobs: dict[str, list[str]] = {}
    for record in emulator.store.records(provider):
        jobs.setdefault(target_url(record) or "?", []).append(record.id)
    duplicates = sum(1 for ids in jobs.values() if len(ids) > 1)
    uncertain = lost = missing_lines = 0
    for number, url in enumerate(urls, start=1):
        line = by_line.get(number)
        if line is None:
            missing_lines += 1
            continue
        made = jobs.get(url, [])
        if line["state"] == "uncertain":
            uncertain += 1
        elif (made and made != [line["job_id"]]) or (
            line["state"] == "succeeded" and not line["result"]
        ):
            lost += 1
    return {
        "output_lines": len(lines),
        "missing_lines": missing_lines,
        "duplicates": duplicates,
        "uncertain": uncertain,
        "results_lost": lost,
        "provider_jobs": sum(len(ids) for ids in jobs.values()),
    }


def write_urls(work: Path, provider: str, count: int) -> list[str]:
    """Write ``count`` distinct URLs; return them."""
    urls = [f"https://shop.example/{provider}/item/{i}" for i in range(count)]
    (work / "urls.txt").write_text("\n".join(urls) + "\n")
    return urls


def throughput(provider: str, count: int, concurrency: int, store: Ledgers) -> dict[str, Any]:
    """One uninterrupted run on a fresh ledger of ``store``; return its measurements."""
    with tempfile.TemporaryDirectory() as tmp, emulator_served(seed=1) as (base_url, emulator):
        work = Path(tmp)
        urls = write_urls(work, provider, count)
        code, wall, rss = run_cli(provider, base_url, work, concurrency, store.fresh(work))
        summary = json.loads((work / "summary.json").read_text())
        checked = audit(provider, emulator, work, urls)
    return {
        "ledger": store.kind,
        "exit": code,
        "urls": count,
        "concurrency": concurrency,
        "wall_seconds": round(wall, 1),
        "jobs_per_second": round(count / wall, 1),
        "requests_per_second": round(summary["requests"] / wall, 1),
        "requests_per_job": summary["requests_per_job"],
        "peak_rss_mib": round(rss / 1024, 1),
        **checked,
    }


def kill_and_resume(
    provider: str, count: int, kills: int, concurrency: int, store: Ledgers
) -> dict[str, Any]:
    """Kill the CLI ``kills`` times at random moments, then let it finish; audit the result."""
    rng = random.Random(f"bench-kill-{provider}")
    with tempfile.TemporaryDirectory() as tmp, emulator_served(seed=2) as (base_url, emulator):
        work = Path(tmp)
        urls = write_urls(work, provider, count)
        ledger = store.fresh(work)
        landed = runs = 0
        total = 0.0
        while True:
            runs += 1
            after = rng.uniform(0.5, 4.0) if landed < kills else None
            code, wall, _ = run_cli(provider, base_url, work, concurrency, ledger, kill_after=after)
            total += wall
            if code == -signal.SIGKILL:
                landed += 1
                continue
            break
        checked = audit(provider, emulator, work, urls)
    return {
        "ledger": store.kind,
        "kills": landed,
        "runs": runs,
        "exit": code,
        "wall_seconds": round(total, 1),
        **checked,
    }


def compare_ledgers(
    provider: str, count: int, concurrency: int, rounds: int, stores: dict[str, Ledgers]
) -> dict[str, Any]:
    """Run the throughput ``rounds`` times per ledger, alternately; compare the best jobs/s."""
    best = dict.fromkeys(LEDGERS, 0.0)
    for _ in range(rounds):
        for kind in LEDGERS:
            point = throughput(provider, count, concurrency, stores[kind])
            print(json.dumps(point), flush=True)
            if point["exit"] != 0 or point["output_lines"] != count:
                raise SystemExit(f"the {kind} run failed: {point}")
            best[kind] = max(best[kind], point["jobs_per_second"])
    return {
        "urls": count,
        "concurrency": concurrency,
        "rounds": rounds,
        "sqlite_jobs_per_second": best["sqlite"],
        "postgres_jobs_per_second": best["postgres"],
        "postgres_vs_sqlite": round(best["postgres"] / best["sqlite"], 3),
    }


def main() -> int:
    """Run the measurements and print them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", default="scraperapi")
    parser.add_argument("--urls", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--curve", type=int, default=0, help="URLs per point of the curve")
    parser.add_argument("--ledger", choices=LEDGERS, default="sqlite", help="the runs' ledger")
    parser.add_argument(
        "--compare-ledgers",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="only compare the ledgers: ROUNDS throughput runs on each (alternately)",
    )
    args = parser.parse_args()
    report: dict[str, Any] = {}
    if args.compare_ledgers:
        with ledgers(set(LEDGERS)) as stores:
            report["ledgers"] = compare_ledgers(
                args.provider, args.urls, args.concurrency, args.compare_ledgers, stores
            )
        print(json.dumps(report, indent=2))
        return 0
    with ledgers({args.ledger}) as stores:
        store = stores[args.ledger]
        report["throughput"] = throughput(args.provider, args.urls, args.concurrency, store)
        print(json.dumps(report["throughput"]), flush=True)
        if args.kills:
            report["kill_and_resume"] = kill_and_resume(
                args.provider, args.urls, args.kills, args.concurrency, store
            )
            print(json.dumps(report["kill_and_resume"]), flush=True)
        if args.curve:
            report["curve"] = [
                throughput(args.provider, args.curve, n, store) for n in (1, 8, 32, 128)
            ]
            for point in report["curve"]:
                print(json.dumps(point), flush=True)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
