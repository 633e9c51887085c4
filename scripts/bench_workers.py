"""Measure many ``scrapejobs run --ledger postgresql://…`` workers sharing one run.

    python scripts/bench_workers.py [--urls 20000] [--workers 1,2,4]
                                    [--providers scraperapi,scrapio] [--emulators N]

For each provider and worker count: a fresh database on a throwaway PostgreSQL server
(``tests/postgres.py``: the pgserver wheel's binaries, else the system's), N emulator processes
(``scrapejobs emulator``; default one per worker, so the provider is not the limit; worker ``i``
talks to emulator ``i % N``, and nobody dies, so no chunk changes hands between emulators), and
the workers started together on the same input file. Measured: wall time until the last worker
exits, jobs/s, the speedup over one worker, requests per job (every worker's requests over the
run's jobs) and the CPU seconds each worker and each emulator used (``wait4``'s rusage; the
emulators' from /proc before they are stopped). Jobs take 0 to 0.5 s at the emulator.

Prints a Markdown table; ``--json PATH`` also writes the rows. Loopback only.
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
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/postgres.py starts the throwaway server

from tests.postgres import LocalPostgres, local_postgres  # noqa: E402

TOKEN = "bench-token"  # noqa: S105 -- a local emulator credential
EMULATOR_CONFIG = {"progression": {"mode": "duration", "min_seconds": 0.0, "max_seconds": 0.5}}
CHUNK_SIZE = 500
CONCURRENCY = 32


def cli() -> list[str]:
    """Return the command of the installed CLI."""
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def emulators(count: int, work: Path) -> Iterator[list[tuple[str, subprocess.Popen[bytes]]]]:
    """Start ``count`` emulator processes; yield (base URL, process) of each; stop them."""
    config = work / "emulator.json"
    config.write_text(json.dumps(EMULATOR_CONFIG))
    started: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        for _ in range(count):
            port = free_port()
            command = [*cli(), "emulator", "--port", str(port), "--token", TOKEN,
                       "--config", str(config)]  # fmt: skip
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            started.append((f"http://127.0.0.1:{port}", process))
        for base_url, _process in started:
            wait_healthy(base_url)
        yield started
    finally:
        for _base_url, process in started:
            process.terminate()
        for _base_url, process in started:
            process.wait(30)


def wait_healthy(base_url: str) -> None:
    """Return once the emulator at ``base_url`` answers its health check (30 s at most)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/_emulator/health", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the emulator at {base_url} did not start")


def cpu_seconds(pid: int) -> float:
    """Return the CPU seconds (user + system) process ``pid`` used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_workers(
    provider: str, workers: int, urls: Path, ledger: str, targets: list[str], work: Path
) -> dict[str, Any]:
    """Start ``workers`` workers on one run; wait for all; return the measured row."""
    env = {**os.environ, f"SCRAPEJOBS_{provider.upper()}_TOKEN": TOKEN}
    started = time.monotonic()
    processes = []
    for n in range(workers):
        command = [
            *cli(), "run",
            "--provider", provider,
            "--input", str(urls),
            "--output", str(work / f"out-{n}.jsonl"),
            "--ledger", ledger,
            "--base-url", f"{targets[n % len(targets)]}/{provider}",
            "--chunk-size", str(CHUNK_SIZE),
            "--concurrency", str(CONCURRENCY),
            "--no-progress",
            "--summary-json", str(work / f"summary-{n}.json"),
        ]  # fmt: skip
        processes.append(
            subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        )
    cpu: list[float] = []
    for process in processes:
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu.append(usage.ru_utime + usage.ru_stime)
        if process.returncode != 0:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"a worker exited with {process.returncode}: {error[-2000:]}")
        if process.stderr:
            process.stderr.close()
    wall = time.monotonic() - started
    summaries = [json.loads((work / f"summary-{n}.json").read_text()) for n in range(workers)]
    jobs = summaries[0]["jobs"]
    requests = sum(summary["requests"] for summary in summaries)
    return {
        "provider": provider,
        "workers": workers,
        "inputs": summaries[0]["inputs"],
        "succeeded": summaries[0]["succeeded"],
        "wall_seconds": round(wall, 1),
        "jobs_per_second": round(jobs / wall, 1),
        "requests_per_job": round(requests / max(jobs, 1), 3),
        "worker_cpu_seconds": [round(seconds, 1) for seconds in cpu],
    }


def measure(
    server: LocalPostgres, provider: str, workers: int, count: int, emulator_count: int
) -> dict[str, Any]:
    """Measure one provider at one worker count on fresh emulators and a fresh database."""
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as directory:
        work = Path(directory)
        urls = work / "urls.txt"
        urls.write_text("".join(f"https://shop.example/{provider}/{i}\n" for i in range(count)))
        ledger = f"{server.create_database('bench')}?run=bench-{provider}-{workers}"
        with emulators(emulator_count or workers, work) as served:
            row = run_workers(provider, workers, urls, ledger, [url for url, _ in served], work)
            row["emulator_cpu_seconds"] = [round(cpu_seconds(p.pid), 1) for _, p in served]
    return row


def table(rows: list[dict[str, Any]]) -> str:
    """Return the rows as a Markdown table, with each worker count's speedup over one."""
    lines = [
        "| provider | workers | jobs/s | speedup | requests/job | wall s | CPU s per worker "
        "| CPU s per emulator |",
        "|---|---|---|---|---|---|---|---|",
    ]
    base = {row["provider"]: row["jobs_per_second"] for row in rows if row["workers"] == 1}
    for row in rows:
        one = base.get(row["provider"])
        speedup = f"{row['jobs_per_second'] / one:.2f}x" if one else "-"
        lines.append(
            f"| {row['provider']} | {row['workers']} | {row['jobs_per_second']} | {speedup} "
            f"| {row['requests_per_job']} | {row['wall_seconds']} "
            f"| {', '.join(map(str, row['worker_cpu_seconds']))} "
            f"| {', '.join(map(str, row['emulator_cpu_seconds']))} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=20_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--providers", default="scraperapi,scrapio")
    parser.add_argument("--emulators", type=int, default=0, help="0: one per worker")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    rows = []
    print(f"{os.cpu_count()} CPU(s); load average {os.getloadavg()[0]:.1f} at the start")
    with local_postgres() as server:
        for provider in args.providers.split(","):
            for workers in counts:
                row = measure(server, provider, workers, args.urls, args.emulators)
                print(json.dumps(row), flush=True)
                rows.append(row)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(table(rows))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
