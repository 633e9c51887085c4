"""Measure status-read throughput through the generated client as concurrency grows.

Run with ``python scripts/bench_concurrency.py [--duration SECONDS]``. Serves the emulator with
uvicorn in a separate process on 127.0.0.1 (the machine has two cores: one for the server, one
for this client), creates a few Scrapio jobs, then for each client design and each concurrency
(1, 8, 32, 128 tasks) reads job statuses (``GET /scrapio/v1/jobs/{id}`` through
``scrapio_client.api.jobs.get_job.asyncio_detailed``) for a fixed duration and prints a table of
requests per second.

Designs:

- ``httpx``: the generated client's default, one ``httpx.AsyncClient`` (encode/httpx#3215: its
  connection pool slows down as the number of waiting requests grows);
- ``aiohttp``: ``httpx_aiohttp.AiohttpTransport`` passed as ``httpx_args={"transport": ...}``;
- ``httpx+sem8``: plain httpx with an ``asyncio.Semaphore(8)`` around each call;
- ``bounded-httpx8``: ``scrapejobs.transport.async_transport("httpx", max_in_flight=8)``, the
  bound held inside the transport, in front of httpx's pool;
- ``bounded-aiohttp32``: ``scrapejobs.transport.async_transport()``, what the overlay ships: the
  same bound (default 32) in front of aiohttp.

No network beyond loopback; every loop is bounded by time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from httpx_aiohttp import AiohttpTransport
from scrapio_client import AuthenticatedClient
from scrapio_client.api.jobs import get_job

from scrapejobs import authenticated_client
from scrapejobs.transport import DEFAULT_MAX_IN_FLIGHT, async_transport

TOKEN = "emulator-token"  # noqa: S105 -- the emulator's default credential
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BODY = {"kind": "fetch", "input": {"url": "https://example.com/bench"}}
CONCURRENCIES = (1, 8, 32, 128)
BOUND = 8


@dataclass(frozen=True)
class Design:
    """One way of building the client, plus an optional semaphore in front of each call."""

    name: str
    httpx_args: Callable[[], dict[str, Any]]
    call_bound: int | None = None


DESIGNS: tuple[Design, ...] = (
    Design("httpx", dict),
    Design("aiohttp", lambda: {"transport": AiohttpTransport()}),
    Design(f"httpx+sem{BOUND}", dict, call_bound=BOUND),
    Design(
        f"bounded-httpx{BOUND}",
        lambda: {"transport": async_transport("httpx", max_in_flight=BOUND)},
    ),
    Design(
        f"bounded-aiohttp{DEFAULT_MAX_IN_FLIGHT}",
        lambda: {"transport": async_transport()},
    ),
)


@contextlib.contextmanager
def served_emulator() -> Iterator[str]:
    """Serve the emulator in a separate process on 127.0.0.1; yield its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "scrapejobs_emulator", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if server.stdout is None:  # pragma: no cover - stdout=PIPE always gives one
            raise RuntimeError("no server output")
        line = server.stdout.readline()
        if not line:
            raise RuntimeError("the emulator exited before listening")
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def create_jobs(base_url: str, count: int) -> list[str]:
    """Create ``count`` Scrapio jobs over HTTP; return their ids."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        return [
            client.post("/scrapio/v1/jobs", json=BODY, headers=AUTH).json()["job_id"]
            for _ in range(count)
        ]


async def measure(
    design: Design, base_url: str, job_ids: list[str], concurrency: int, duration: float
) -> float:
    """Return status reads per second for ``design`` with ``concurrency`` tasks.

    Runs a short warm-up (connections opened, caches filled) and then counts the reads that
    complete within ``duration`` seconds.
    """
    client: AuthenticatedClient = authenticated_client(
        "scrapio",
        TOKEN,
        base_url=f"{base_url}/scrapio",
        timeout=httpx.Timeout(30.0),
        httpx_args=design.httpx_args(),
    )
    semaphore = asyncio.Semaphore(design.call_bound) if design.call_bound else None

    async def read(job_id: str) -> None:
        if semaphore is None:
            response = await get_job.asyncio_detailed(job_id, client=client)
        else:
            async with semaphore:
                response = await get_job.asyncio_detailed(job_id, client=client)
        if response.status_code != 200:
            raise RuntimeError(f"status {response.status_code}: {response.content!r}")

    async def run(seconds: float) -> tuple[int, float]:
        done = 0
        start = time.perf_counter()
        deadline = start + seconds

        async def worker(index: int) -> None:
            nonlocal done
            job_id = job_ids[index % len(job_ids)]
            while time.perf_counter() < deadline:
                await read(job_id)
                done += 1

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        return done, time.perf_counter() - start

    async with client:
        await run(min(0.3, duration / 5))
        done, elapsed = await run(duration)
    return done / elapsed


def print_table(results: dict[str, dict[int, float]]) -> None:
    """Print requests per second, one row per design, one column per concurrency."""
    width = max(len(name) for name in results) + 2
    print("design".ljust(width) + "".join(f"{c:>9}" for c in CONCURRENCIES))
    for name, row in results.items():
        print(name.ljust(width) + "".join(f"{row[c]:>9.0f}" for c in CONCURRENCIES))


def main(argv: list[str] | None = None) -> int:
    """Run every design at every concurrency and print the table (requests per second)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--duration", type=float, default=2.0, help="seconds measured per cell (default 2)"
    )
    parser.add_argument(
        "--designs",
        nargs="+",
        choices=[design.name for design in DESIGNS],
        help="only these designs (default: all)",
    )
    args = parser.parse_args(argv)
    designs = [d for d in DESIGNS if not args.designs or d.name in args.designs]
    results: dict[str, dict[int, float]] = {}
    with served_emulator() as base_url:
        job_ids = create_jobs(base_url, 16)
        for design in designs:
            results[design.name] = {}
            for concurrency in CONCURRENCIES:
                rps = asyncio.run(measure(design, base_url, job_ids, concurrency, args.duration))
                results[design.name][concurrency] = rps
                print(f"  {design.name} c={concurrency}: {rps:.0f} req/s", file=sys.stderr)
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
