"""Peak memory of ``scrapejobs run`` over 100,000 and 1,000,000 input lines: three cases.

    python scripts/bench_memory.py [--sizes 100000 1000000] [--provider scrapingpros]
                                   [--concurrency 32] [--cases single worker resumed]
                                   [--json bench/memory.json]

For each size, a file of that many distinct URLs goes through ``scrapejobs run`` processes
against the emulator served by ``scrapejobs emulator`` in ANOTHER process (on 127.0.0.1), so
the emulator's own memory (it keeps every job) is not counted. Jobs end at once (a duration of
0 s) with the smallest synthetic result, so the run's own bookkeeping is what is measured. The
figure is the measured process's ``VmHWM`` (peak resident set), read from
``/proc/<pid>/status`` while it runs; the target is at most 150 MB at every size, flat.

The cases (``--cases``, all three by default):

- ``single``: one run on a SQLite ledger, from start to end;
- ``worker``: one worker of a shared run (``--ledger postgresql://…``) on a throwaway
  PostgreSQL server started by ``tests/postgres.py`` (pgserver's binaries or the system's);
- ``resumed``: a run on a SQLite ledger SIGKILLed once half its inputs have an outcome in the
  ledger (read from the ledger file while it runs), then resumed (measured), then run again
  once finished (``rerun``, measured: everything replayed from the ledger).

The default provider is ScrapingPros: a submission carries 1,000 inputs (one collection and
its run) and one listing of the run reads many jobs' results, so a million inputs take some
thousand requests per 1,000 jobs instead of several per job. The script imports nothing of
scrapejobs: it runs the ``scrapejobs`` found beside this Python (or ``python -m
scrapejobs.cli``), so the same script measures any checkout put first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchlib import sample_peak_rss

TOKEN = "bench-token"  # noqa: S105 -- a local emulator credential
TARGET_MB = 150.0


def cli() -> list[str]:
    """Return the command of the installed CLI."""
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def emulator_process(work: Path) -> Iterator[str]:
    """Serve ``scrapejobs emulator`` in its own process; yield its base URL; stop it after."""
    config = {
        "tokens": [TOKEN],
        "progression": {"mode": "duration", "min_seconds": 0, "max_seconds": 0},
        "result_size": 64,
        "scrapedo_concurrency": 100_000,
        "decodo_batch_interval_seconds": 0,
    }
    path = work / "emulator.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    port = free_port()
    command = [*cli(), "emulator", "--port", str(port), "--config", str(path), "--token", TOKEN]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:  # a bench, not a test: wait for the port to answer
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the emulator did not start (exit {process.poll()})")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def write_urls(path: Path, count: int) -> None:
    """Write ``count`` distinct URLs, one per line."""
    with open(path, "w", encoding="utf-8") as handle:
        for start in range(0, count, 10_000):
            stop = min(count, start + 10_000)
            handle.write("".join(f"https://site.test/page/{n}\n" for n in range(start, stop)))


CASES = ("single", "worker", "resumed")


@dataclass
class Bench:
    """What every measured run shares: provider, emulator, work directory, PostgreSQL server."""

    provider: str
    base_url: str
    work: Path
    concurrency: int
    postgres: Any = None
    """A running ``tests.postgres.LocalPostgres`` (for the ``worker`` case)."""

    def command(self, urls: Path, output: Path, ledger: str, summary: Path) -> list[str]:
        """Return the ``scrapejobs run`` command over ``urls`` with ``ledger``."""
        return [
            *cli(),
            "run",
            "--provider", self.provider,
            "--input", str(urls),
            "--output", str(output),
            "--ledger", ledger,
            "--base-url", f"{self.base_url}/{self.provider}",
            "--concurrency", str(self.concurrency),
            "--no-progress",
            "--summary-json", str(summary),
        ]  # fmt: skip

    def measure(
        self, case: str, size: int, ledger: str, *, kill_at: int | None = None
    ) -> dict[str, Any]:
        """Run ``scrapejobs run`` once; return its figures (``kill_at``: SIGKILL it there).

        ``kill_at`` is a number of outcomes in the SQLite ledger ``ledger``.
        """
        urls = self.work / f"urls-{size}.txt"
        if not urls.exists():
            write_urls(urls, size)
        output, summary = self.work / f"out-{case}-{size}.jsonl", self.work / "summary.json"
        summary.unlink(missing_ok=True)
        env = {**os.environ, f"SCRAPEJOBS_{self.provider.upper()}_TOKEN": TOKEN}
        started = time.monotonic()
        command = self.command(urls, output, ledger, summary)
        errors = self.work / f"stderr-{case}-{size}.txt"  # a worker's news: a line per chunk
        with open(errors, "wb") as stderr:
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        peak = [0]
        stop = threading.Event()
        sampler = threading.Thread(target=sample_peak_rss, args=(process.pid, peak, stop))
        sampler.start()
        if kill_at is not None:
            wait_for_outcomes(Path(ledger), kill_at, process)
            process.send_signal(signal.SIGKILL)
        status = process.wait()
        stop.set()
        sampler.join()
        elapsed = time.monotonic() - started
        if status != 0 and kill_at is None:
            print(errors.read_text(errors="replace")[-2000:], file=sys.stderr)
        report = json.loads(summary.read_text()) if summary.exists() else {}
        return {
            "case": case,
            "provider": self.provider,
            "inputs": size,
            "exit": status,
            "peak_rss_mb": round(peak[0] / 1024, 1),
            "seconds": round(elapsed, 1),
            "jobs_per_second": round(size / elapsed, 1) if elapsed else None,
            "output_lines": count_lines(output) if kill_at is None else None,
            "succeeded": report.get("succeeded"),
            "replayed": report.get("replayed_from_ledger"),
            "requests_per_job": report.get("requests_per_job"),
        }


def count_lines(path: Path) -> int:
    """Return the number of lines of ``path`` (0 when it does not exist)."""
    if not path.exists():
        return 0
    with open(path, encoding="utf-8") as handle:
        return sum(1 for _ in handle)


def wait_for_outcomes(ledger: Path, wanted: int, process: subprocess.Popen[bytes]) -> None:
    """Return once SQLite ledger ``ledger`` holds ``wanted`` outcomes (or the run ended)."""
    while process.poll() is None:
        time.sleep(0.5)  # a bench, not a test: look at the ledger twice a second
        with contextlib.suppress(sqlite3.Error):
            db = sqlite3.connect(f"{ledger.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
            try:
                (done,) = db.execute("SELECT count(*) FROM jobs WHERE state IS NOT NULL").fetchone()
            finally:
                db.close()
            if done >= wanted:
                return


def case_rows(bench: Bench, case: str, size: int) -> list[dict[str, Any]]:
    """Measure ``case`` at ``size`` inputs; return its rows."""
    if case == "single":
        return [bench.measure(case, size, str(bench.work / f"single-{size}.ledger"))]
    if case == "worker":
        url = bench.postgres.create_database("memory")
        return [bench.measure(case, size, f"{url}?run=memory-{size}")]
    ledger = str(bench.work / f"resumed-{size}.ledger")
    killed = bench.measure("killed", size, ledger, kill_at=size // 2)
    return [killed, bench.measure("resumed", size, ledger), bench.measure("rerun", size, ledger)]


@contextlib.contextmanager
def postgres_server(needed: bool) -> Iterator[Any]:
    """Yield a throwaway local PostgreSQL server when ``needed`` (tests/postgres.py), else None."""
    if not needed:
        yield None
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/postgres.py
    from tests.postgres import local_postgres

    with local_postgres() as server:
        yield server


def main() -> int:
    """Measure each case and size; print a table (and JSON with ``--json``); 1 above target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--provider", default="scrapingpros")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    with (
        tempfile.TemporaryDirectory(prefix="scrapejobs-memory-") as scratch,
        postgres_server("worker" in args.cases) as server,
    ):
        work = Path(scratch)
        with emulator_process(work) as base_url:
            bench = Bench(args.provider, base_url, work, args.concurrency, server)
            for case in args.cases:
                for size in args.sizes:
                    for row in case_rows(bench, case, size):
                        rows.append(row)
                        print(json.dumps(row), flush=True)
    print("\n| case | inputs | provider | peak RSS | wall time | exit |")
    print("|---|---:|---|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['case']} | {row['inputs']:,} | {row['provider']} | {row['peak_rss_mb']} MB "
            f"| {row['seconds']} s | {row['exit']} |"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    measured = [row for row in rows if row["case"] != "killed"]
    ok = all(row["exit"] == 0 and row["peak_rss_mb"] <= TARGET_MB for row in measured)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
