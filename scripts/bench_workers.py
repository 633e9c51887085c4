"""Measure many ``scrapejobs run --ledger postgresql://…`` workers sharing one run.

    python scripts/bench_workers.py [--workloads cpu,window] [--urls 20000]
                                    [--window-urls 4000] [--workers 1,2,4]
                                    [--providers scraperapi,scrapio] [--emulators N]
                                    [--repeat 1] [--job-seconds MIN,MAX] [--profile DIR]
                                    [--json PATH]

Two workloads (:data:`WORKLOADS`), each at every worker count:

- ``cpu`` (``--urls``, 20,000 by default): jobs of 0 to 0.5 s, chunks of 500, 32 requests in
  flight. A worker is as fast as its CPU lets it be, so on a machine with fewer free cores than
  workers + emulators the workers share the same CPU seconds: the speedup is the machine's,
  not the workers'. Its figure of merit is the CPU seconds per 1,000 jobs (all workers
  together): constant as workers are added means it scales with cores.
- ``window`` (``--window-urls``, 4,000 by default): jobs of 2 to 4 s, chunks of 50, 8 requests
  in flight. A worker runs 2 chunks side by side (its lanes), so it has at most 100 jobs in
  flight and waits for them: it is bounded by its own in-flight window, needs a fraction of a
  core, and N workers hold N windows.

For each workload, provider and worker count: a fresh database on a throwaway PostgreSQL server
(``tests/postgres.py``: the pgserver wheel's binaries, else the system's), N emulator processes
(``scrapejobs emulator``; default one per worker, so the provider is not the limit; worker ``i``
talks to emulator ``i % N``, and nobody dies, so no chunk changes hands between emulators), and
the workers started together on the same input file. Measured: wall time until the last worker
exits, jobs/s, the speedup over one worker, requests per job (every worker's requests over the
run's jobs), the CPU seconds each worker (``wait4``'s rusage, its start-up included), each
emulator (from /proc, over the run: its start-up left out) and the PostgreSQL server (its postmaster's own and reaped children's CPU, the
difference over the run) used, per 1,000 jobs, the ledger's transactions per job (PostgreSQL's
``pg_stat_database``), and the load average at the start and the end.
``--repeat N`` runs each case N times and keeps the median by jobs/s (every run's jobs/s kept
in ``runs``). ``--profile DIR`` runs every worker under cProfile (``DIR/<case>-<n>.prof``).

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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/postgres.py starts the throwaway server

from tests.postgres import LocalPostgres, local_postgres  # noqa: E402

TOKEN = "bench-token"  # noqa: S105 -- a local emulator credential
PROFILED = (
    "import cProfile, runpy, sys, time; out = sys.argv.pop(1); sys.argv[0] = 'scrapejobs'; "
    "p = cProfile.Profile(time.thread_time); p.enable()\n"
    "try: runpy.run_module('scrapejobs.cli', run_name='__main__')\n"
    "finally: p.disable(); p.dump_stats(out)"
)
"""Runs the CLI (its arguments after the output path) under cProfile, main thread's CPU clock."""


@dataclass(frozen=True)
class Workload:
    """What the workers run: the emulator's job durations and the workers' options."""

    name: str
    min_seconds: float
    max_seconds: float
    chunk_size: int
    concurrency: int


WORKLOADS = {
    "cpu": Workload("cpu", 0.0, 0.5, 500, 32),  # bounded by the CPU it gets
    "window": Workload("window", 2.0, 4.0, 50, 8),  # by its jobs in flight: 2 lanes x 50
}


def cli(profile: Path | None = None) -> list[str]:
    """Return the command of the installed CLI (under cProfile, writing ``profile``, if given)."""
    if profile is not None:  # CPU time, not wall time: waiting for the network costs nothing
        return [sys.executable, "-c", PROFILED, str(profile)]
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


def child_env(**extra: str) -> dict[str, str]:
    """Return the environment of the workers and emulators: bytecode cached, as when installed.

    A machine with ``PYTHONDONTWRITEBYTECODE`` set (or sources in a read-only tree) would make
    every process compile every module it imports, about a CPU second per worker start that an
    installed ``scrapejobs`` (its ``.pyc`` written at install) never spends. The children write
    and reuse their bytecode in ``PYTHONPYCACHEPREFIX`` (a directory under the system's
    temporary directory unless one is set); :func:`warm_up` fills it before measuring.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "scrapejobs-bench-pyc"))
    return {**env, **extra}


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def emulators(
    count: int, work: Path, workload: Workload
) -> Iterator[list[tuple[str, subprocess.Popen[bytes]]]]:
    """Start ``count`` emulator processes; yield (base URL, process) of each; stop them."""
    config = work / "emulator.json"
    progression = {"mode": "duration", "min_seconds": workload.min_seconds,
                   "max_seconds": workload.max_seconds}  # fmt: skip
    config.write_text(json.dumps({"progression": progression}))
    started: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        for _ in range(count):
            port = free_port()
            command = [*cli(), "emulator", "--port", str(port), "--token", TOKEN,
                       "--config", str(config)]  # fmt: skip
            process = subprocess.Popen(
                command, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
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


def cpu_seconds(pid: int, *, children: bool = False) -> float:
    """Return the CPU seconds (user + system) process ``pid`` used so far (from /proc).

    With ``children``, its waited-for children's too (a postmaster's exited backends).
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def transactions(database_url: str) -> int:
    """Return the transactions committed or rolled back so far in the database at the URL."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database "
            "WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else 0


def postmaster_pid(server: LocalPostgres) -> int:
    """Return the pid of ``server``'s postmaster (the first line of ``postmaster.pid``)."""
    return int((server.data / "postmaster.pid").read_text().split("\n", 1)[0])


@dataclass(frozen=True)
class Case:
    """One measurement: a workload, a provider, a worker count, emulators, inputs."""

    workload: Workload
    provider: str
    workers: int
    emulators: int
    urls: int
    profile: Path | None = None

    @property
    def name(self) -> str:
        """Return a file-name-safe name of the case."""
        return f"{self.workload.name}-{self.provider}-{self.workers}w-{self.emulators}e"


def run_workers(
    case: Case, urls: Path, ledger: str, targets: list[str], work: Path
) -> dict[str, Any]:
    """Start the case's workers on one run; wait for all; return the measured row."""
    env = child_env(**{f"SCRAPEJOBS_{case.provider.upper()}_TOKEN": TOKEN})
    started = time.monotonic()
    processes = []
    for n in range(case.workers):
        profile = case.profile / f"{case.name}-{n}.prof" if case.profile else None
        command = [
            *cli(profile), "run",
            "--provider", case.provider,
            "--input", str(urls),
            "--output", str(work / f"out-{n}.jsonl"),
            "--ledger", ledger,
            "--base-url", f"{targets[n % len(targets)]}/{case.provider}",
            "--chunk-size", str(case.workload.chunk_size),
            "--concurrency", str(case.workload.concurrency),
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
    summaries = [json.loads((work / f"summary-{n}.json").read_text()) for n in range(case.workers)]
    jobs = summaries[0]["jobs"]
    requests = sum(summary["requests"] for summary in summaries)
    return {
        "workload": case.workload.name,
        "provider": case.provider,
        "workers": case.workers,
        "emulators": case.emulators,
        "inputs": summaries[0]["inputs"],
        "succeeded": summaries[0]["succeeded"],
        "jobs": jobs,
        "wall_seconds": round(wall, 1),
        "jobs_per_second": round(jobs / wall, 1),
        "requests_per_job": round(requests / max(jobs, 1), 3),
        "worker_cpu_seconds": [round(seconds, 2) for seconds in cpu],
    }


def measure(server: LocalPostgres, case: Case) -> dict[str, Any]:
    """Measure one case on fresh emulators and a fresh database."""
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as directory:
        work = Path(directory)
        urls = work / "urls.txt"
        urls.write_text(
            "".join(f"https://shop.example/{case.provider}/{i}\n" for i in range(case.urls))
        )
        database = server.create_database("bench")
        ledger = f"{database}?run=bench-{case.name}"
        postgres = postmaster_pid(server)
        committed = transactions(database)
        with emulators(case.emulators, work, case.workload) as served:
            postgres_before = cpu_seconds(postgres, children=True)
            started = [cpu_seconds(process.pid) for _, process in served]  # their start-up
            row = run_workers(case, urls, ledger, [url for url, _ in served], work)
            emulator_cpu = [
                cpu_seconds(process.pid) - before
                for (_, process), before in zip(served, started, strict=True)
            ]
            postgres_cpu = cpu_seconds(postgres, children=True) - postgres_before
        committed = transactions(database) - committed - 1  # less this look's own
    per_1000 = 1000 / max(row["jobs"], 1)
    row.update(
        emulator_cpu_seconds=[round(seconds, 2) for seconds in emulator_cpu],
        postgres_cpu_seconds=round(postgres_cpu, 2),
        worker_cpu_per_1000_jobs=round(sum(row["worker_cpu_seconds"]) * per_1000, 3),
        emulator_cpu_per_1000_jobs=round(sum(emulator_cpu) * per_1000, 3),
        postgres_cpu_per_1000_jobs=round(postgres_cpu * per_1000, 3),
        transactions_per_job=round(committed / max(row["jobs"], 1), 2),
        load_average=[round(load_start, 2), round(os.getloadavg()[0], 2)],
    )
    return row


def median_run(server: LocalPostgres, case: Case, repeat: int) -> dict[str, Any]:
    """Measure ``case`` ``repeat`` times; return the median run by jobs/s, with every run's."""
    rows = []
    for _ in range(repeat):
        rows.append(measure(server, case))
        print(json.dumps(rows[-1]), flush=True)
    rows.sort(key=lambda row: row["jobs_per_second"])
    chosen = dict(rows[(len(rows) - 1) // 2])
    chosen["runs"] = [row["jobs_per_second"] for row in rows]
    return chosen


def warm_up(server: LocalPostgres, providers: list[str]) -> None:
    """Run one small unmeasured worker per provider: its modules' bytecode is cached after."""
    for provider in providers:
        measure(server, Case(WORKLOADS["cpu"], provider, 1, 1, 100))


def table(rows: list[dict[str, Any]]) -> str:
    """Return the rows as a Markdown table, with each case's speedup over one worker."""
    lines = [
        "| workload | provider | workers | emulators | jobs/s | speedup | requests/job "
        "| ledger transactions/job | CPU s / 1,000 jobs: workers, emulators, PostgreSQL "
        "| load average start, end |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    base = {
        (row["workload"], row["provider"]): row["jobs_per_second"]
        for row in rows
        if row["workers"] == 1
    }
    for row in rows:
        one = base.get((row["workload"], row["provider"]))
        speedup = f"{row['jobs_per_second'] / one:.2f}x" if one else "-"
        cpu = (
            f"{row['worker_cpu_per_1000_jobs']:.2f}, {row['emulator_cpu_per_1000_jobs']:.2f}, "
            f"{row['postgres_cpu_per_1000_jobs']:.2f}"
        )
        lines.append(
            f"| {row['workload']} | {row['provider']} | {row['workers']} | {row['emulators']} "
            f"| {row['jobs_per_second']} | {speedup} | {row['requests_per_job']} "
            f"| {row['transactions_per_job']} | {cpu} "
            f"| {row['load_average'][0]}, {row['load_average'][1]} |"
        )
    return "\n".join(lines)


def cases(args: argparse.Namespace) -> Iterator[Case]:
    """Yield the cases the command line asks for, in order."""
    for name in args.workloads.split(","):
        workload = WORKLOADS[name]
        if args.job_seconds:
            low, high = (float(value) for value in args.job_seconds.split(","))
            workload = replace(workload, min_seconds=low, max_seconds=high)
        urls = args.urls if name == "cpu" else args.window_urls
        for provider in args.providers.split(","):
            for workers in (int(n) for n in args.workers.split(",")):
                emulator_count = args.emulators or workers
                yield Case(workload, provider, workers, emulator_count, urls, args.profile)


def main() -> None:
    """Run the benchmark (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", default="cpu,window")
    parser.add_argument("--urls", type=int, default=20_000, help="inputs of the cpu workload")
    parser.add_argument("--window-urls", type=int, default=4_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--providers", default="scraperapi,scrapio")
    parser.add_argument("--emulators", type=int, default=0, help="0: one per worker")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case (median kept)")
    parser.add_argument("--job-seconds", default="", help="MIN,MAX: the emulator's job durations")
    parser.add_argument("--profile", type=Path, default=None, help="cProfile every worker here")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"{os.cpu_count()} CPU(s); load average {os.getloadavg()[0]:.2f} at the start")
    with local_postgres() as server:
        warm_up(server, args.providers.split(","))
        for case in cases(args):
            rows.append(median_run(server, case, args.repeat))
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    print(table(rows))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
