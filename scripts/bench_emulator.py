"""Measure the emulator: status-request throughput and memory with many jobs.

Run with ``nox -s bench`` (or ``python scripts/bench_emulator.py``). Prints one JSON object:

- ``inprocess_status_rps``: Scrapio ``GET /v1/jobs/{id}`` answered per second through the ASGI
  app directly (one event loop, so one core; no sockets);
- ``loopback_status_rps``: the same request over HTTP to the emulator served by uvicorn in a
  separate process on 127.0.0.1 (one server process = one core), from an asyncio client with
  ``--concurrency`` requests in flight;
- ``jobs`` and ``memory_mb_per_100k_jobs``: Python heap growth (tracemalloc) while ``--jobs``
  Scrapio jobs are created through the API, scaled to 100,000 jobs; ``rss_mb`` is the process's
  peak resident size afterwards.

No network beyond loopback; every loop is bounded by a request count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time
import tracemalloc
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


async def loopback_throughput(requests: int, concurrency: int) -> float:
    """Return status requests per second over HTTP to a uvicorn emulator in another process."""
    server = subprocess.Popen(
        [sys.executable, "-m", "scrapejobs_emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if server.stdout is None:  # pragma: no cover - stdout=PIPE always gives one
            raise RuntimeError("no server output")
        url = server.stdout.readline().rsplit(" ", 1)[1].strip()
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
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


async def memory_per_jobs(jobs: int) -> dict[str, float]:
    """Return heap growth while creating ``jobs`` jobs, scaled to 100,000 jobs, and peak RSS."""
    emulator = Emulator(EmulatorConfig(), clock=ManualClock())
    transport = httpx.ASGITransport(app=emulator.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as client:
        await _create_jobs(client, 10)  # warm caches (spec validators, models)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        await _create_jobs(client, jobs)
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    per_100k = (after - before) / jobs * 100_000 / 1e6
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "jobs": len(emulator.store),
        "memory_mb_per_100k_jobs": round(per_100k, 1),
        "rss_mb": round(rss_mb, 1),
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
        **asyncio.run(memory_per_jobs(args.jobs)),
    }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
