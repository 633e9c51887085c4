"""Peak memory of one ``scrapejobs run`` process over 100,000 and 1,000,000 input lines.

    python scripts/bench_memory.py [--sizes 100000 1000000] [--provider scrapingpros]
                                   [--concurrency 32] [--json bench/memory.json]

For each size, a file of that many distinct URLs goes through one ``scrapejobs run`` process
against the emulator served by ``scrapejobs emulator`` in ANOTHER process (on 127.0.0.1), so
the emulator's own memory (it keeps every job) is not counted. Jobs end at once (a duration of
0 s) with the smallest synthetic result, so the run's own bookkeeping is what is measured. The
figure is the run process's ``VmHWM`` (peak resident set), read from ``/proc/<pid>/status``
while it runs; the target is at most 150 MB at every size, flat.

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
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def sample_peak_rss(pid: int, peak: list[int], stop: threading.Event) -> None:
    """Keep ``peak[0]`` at the process's ``VmHWM`` (KiB) until ``stop`` or its exit."""
    status = Path(f"/proc/{pid}/status")
    while not stop.wait(0.05):
        try:
            text = status.read_text()
        except OSError:
            return
        if "VmHWM" not in text:
            return  # a zombie: it has exited
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak[0] = max(peak[0], int(line.split()[1]))


def run_once(
    provider: str, base_url: str, work: Path, size: int, concurrency: int
) -> dict[str, Any]:
    """Run ``size`` URLs through one ``scrapejobs run``; return its figures."""
    urls = work / f"urls-{size}.txt"
    write_urls(urls, size)
    output, summary = work / f"out-{size}.jsonl", work / f"summary-{size}.json"
    command = [
        *cli(),
        "run",
        "--provider", provider,
        "--input", str(urls),
        "--output", str(output),
        "--ledger", str(work / f"run-{size}.ledger"),
        "--base-url", f"{base_url}/{provider}",
        "--concurrency", str(concurrency),
        "--no-progress",
        "--summary-json", str(summary),
    ]  # fmt: skip
    env = {**os.environ, f"SCRAPEJOBS_{provider.upper()}_TOKEN": TOKEN}
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    peak = [0]
    stop = threading.Event()
    sampler = threading.Thread(target=sample_peak_rss, args=(process.pid, peak, stop))
    sampler.start()
    status = process.wait()
    stop.set()
    sampler.join()
    elapsed = time.monotonic() - started
    report = json.loads(summary.read_text()) if summary.exists() else {}
    lines = 0
    if output.exists():
        with open(output, encoding="utf-8") as handle:
            lines = sum(1 for _ in handle)
    return {
        "provider": provider,
        "inputs": size,
        "exit": status,
        "peak_rss_mb": round(peak[0] / 1024, 1),
        "seconds": round(elapsed, 1),
        "jobs_per_second": round(size / elapsed, 1) if elapsed else None,
        "output_lines": lines,
        "succeeded": report.get("succeeded"),
        "requests_per_job": report.get("requests_per_job"),
    }


def main() -> int:
    """Measure each size; print a table (and write JSON with ``--json``); 1 above the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--provider", default="scrapingpros")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="scrapejobs-memory-") as scratch:
        work = Path(scratch)
        with emulator_process(work) as base_url:
            for size in args.sizes:
                row = run_once(args.provider, base_url, work, size, args.concurrency)
                rows.append(row)
                print(json.dumps(row), flush=True)
    print("\n| inputs | provider | peak RSS of `scrapejobs run` | wall time | exit |")
    print("|---:|---|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['inputs']:,} | {row['provider']} | {row['peak_rss_mb']} MB "
            f"| {row['seconds']} s | {row['exit']} |"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    ok = all(row["exit"] == 0 and row["peak_rss_mb"] <= TARGET_MB for row in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
