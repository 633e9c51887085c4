"""Measure the emulator: status-request throughput and memory with many jobs.

Run with ``nox -s bench`` (or ``python scripts/bench_emulator.py``). Prints one JSON object:

- ``inprocess_status_rps``: Scrapio ``GET /v1/jobs/{id}`` answered per second through the ASGI
  app directly (one event loop, so one core; no sockets);
- ``loopback_status_rps``: the same request over HTTP to the emulator served by uvicorn in a
  separate process on 127.0.0.1 (one server process = one core), from an asyncio client with
  ``--concurrency`` requests in flight;
- ``wrk_status_rps``: the same over loopback measured by ``wrk`` (when installed) at 1, 8, 32
  and 128 connections;
- ``jobs``, ``rss_growth_mb`` and ``rss_mb``: resident memory growth while ``--jobs`` (default
  100,000) Scrapio jobs are created through the API, and the process's size afterwards;
  ``inprocess_create_rps`` is how fast they were created.

No network beyond loopback; every loop is bounded by a request count.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock

AUTH = {"Authorization": "Bearer emulator-token"}
BODY = {"kind": "fetch", "input": {"url": "https://example.com/bench"}}


async def _create_jobs(client: httpx.AsyncClient, count: int) -> list[str]:
    ids: list[str] = []
    for _ in range(count):
        response = await client.post("/scrapio/v1/jobs", json=BODY, headers=AUTH)
        ids.append(response.json()["job_id"])
    return ids


async def inprocess_throughput(requests: int) -> float:
    """Return status requests per second through the ASGI app (no sockets)."""
    emulator = Emulator(EmulatorConfig(), clock=ManualClock())
    transport = httpx.ASGITransport(app=emulator.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as client:
        (job_id,) = await _create_jobs(client, 1)
        start = time.perf_counter()
        for _ in range(requests):
            response = await client.get(f"/scrapio/v1/jobs/{job_id}", headers=AUTH)
            if response.status_code != 200:
                raise RuntimeError(response.text)
        return requests / (time.perf_counter() - start)


@contextlib.contextmanager
def served_emulator() -> Iterator[str]:
    """Serve the emulator in a separate process (one core) on loopback; yield its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "scrapejobs_emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if server.stdout is None:  # pragma: no cover - stdout=PIPE always gives one
            raise RuntimeError("no server output")
        yield server.stdout.readline().rsplit(" ", 1)[1].strip()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


async def loopback_throughput(requests: int, concurrency: int) -> float:
    """Return status requests per second over HTTP to a uvicorn emulator in another process."""
    with served_emulator() as url:
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
            (job_id,) = await _create_jobs(client, 1)
            remaining = requests

            async def worker() -> None:
                nonlocal remaining
                while remaining > 0:
                    remaining -= 1
                    response = await client.get(f"/scrapio/v1/jobs/{job_id}", headers=AUTH)
                    if response.status_code != 200:
                        raise RuntimeError(response.text)

            start = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            return requests / (time.perf_counter() - start)


def wrk_throughput(concurrency: int, seconds: int = 5) -> float | None:
    """Return status requests per second measured by ``wrk`` (None when wrk is not installed).

    wrk is a C load generator, so unlike a Python client it is not the bottleneck; the server
    is one uvicorn process (one core).
    """
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    with served_emulator() as url:
        job = httpx.post(f"{url}/scrapio/v1/jobs", json=BODY, headers=AUTH).json()["job_id"]
        output = subprocess.run(
            [wrk, "-t1", f"-c{concurrency}", f"-d{seconds}s", "-H",
             f"Authorization: {AUTH['Authorization']}", f"{url}/scrapio/v1/jobs/{job}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        line = next(line for line in output.splitlines() if line.startswith("Requests/sec:"))
        return float(line.split()[1])


def _rss_mb() -> float:
    """Return this process's current resident set size in MB (Linux ``/proc``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


async def memory_with_jobs(jobs: int) -> dict[str, float]:
    """Create ``jobs`` Scrapio jobs through the API; return RSS growth and jobs per second."""
    emulator = Emulator(EmulatorConfig(), clock=ManualClock())
    transport = httpx.ASGITransport(app=emulator.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as client:
        await _create_jobs(client, 10)  # warm caches (spec validators, models)
        gc.collect()
        before = _rss_mb()
        start = time.perf_counter()
        await _create_jobs(client, jobs)
        elapsed = time.perf_counter() - start
        gc.collect()
        after = _rss_mb()
    return {
        "jobs": len(emulator.store),
        "rss_growth_mb": round(after - before, 1),
        "rss_mb": round(after, 1),
        "inprocess_create_rps": round(jobs / elapsed),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=100_000)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "inprocess_status_rps": round(asyncio.run(inprocess_throughput(args.requests))),
        "loopback_status_rps": round(
            asyncio.run(loopback_throughput(args.requests, args.concurrency))
        ),
        "concurrency": args.concurrency,
        "wrk_status_rps": {str(c): wrk_throughput(c) for c in (1, 8, 32, 128)},
        **asyncio.run(memory_with_jobs(args.jobs)),
    }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
