"""Deliveries per second stored by 1 and 2 ``scrapejobs receive`` processes (one PostgreSQL).

Starts a throwaway PostgreSQL (``tests/postgres.py``), then for each receiver count starts that
many receivers (the console script) and sends ``--deliveries`` Scrapio deliveries, each to one
receiver at random, ``--concurrency`` at a time, and prints deliveries/s and the rows stored.

    PYTHONPATH=overlays:emulator:generated:. python scripts/bench_receivers.py --deliveries 2000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg

from scrapejobs.batch.run_webhooks import run_secret

TOKEN = "bench-receivers-credential"  # noqa: S105 -- a throwaway credential for the bench


def _body(job_id: str) -> bytes:
    data = {
        "request_id": f"req-{job_id}",
        "job_id": job_id,
        "job_type": "fetch",
        "status": "completed",
        "mode": "async",
        "created_at": "2026-12-04T12:00:00Z",
        "result_available": True,
    }
    return json.dumps({"type": "job.completed", "data": data}).encode()


def _start(ledger: str, count: int) -> list[tuple[subprocess.Popen[bytes], str]]:
    script = Path(sys.executable).with_name("scrapejobs")
    command = [str(script), "receive", "-p", "scrapio", "--ledger", ledger, "--port", "0"]
    env = {**os.environ, "SCRAPEJOBS_SCRAPIO_TOKEN": TOKEN}
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(count)
    ]
    started = []
    for process in processes:
        assert process.stderr is not None  # noqa: S101 -- piped just above
        started.append((process, process.stderr.readline().decode().split()[2]))
    return started


def _bench(database: str, receivers: int, deliveries: int, concurrency: int) -> float:
    """Return deliveries/s stored by ``receivers`` processes in a fresh run of ``database``."""
    run = f"bench-{receivers}"
    started = _start(f"{database}?run={run}", receivers)
    rng = random.Random(receivers)
    try:
        with httpx.Client(timeout=60) as client:
            warm = client.post(f"{started[0][1]}?token=x", content=_body("warm-up"))
            assert warm.status_code == 401  # noqa: S101 -- opened the run
            with psycopg.connect(database) as connection:
                row = connection.execute(
                    "SELECT run_id FROM scrapejobs_runs WHERE run = %s", (run,)
                ).fetchone()
            assert row is not None  # noqa: S101
            secret = run_secret(TOKEN, str(row[0]))
            urls = [rng.choice(started)[1] for _ in range(deliveries)]

            def send(n: int) -> int:
                answer = client.post(urls[n], params={"token": secret}, content=_body(f"j{n}"))
                return answer.status_code

            began = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                codes = list(pool.map(send, range(deliveries)))
            elapsed = time.perf_counter() - began
        assert set(codes) == {200}, set(codes)  # noqa: S101
        with psycopg.connect(database) as connection:
            stored = connection.execute(
                "SELECT count(*) FROM scrapejobs_deliveries WHERE run = %s", (run,)
            ).fetchone()
        assert stored is not None  # noqa: S101
        assert stored[0] == deliveries  # noqa: S101
        return deliveries / elapsed
    finally:
        for process, _ in started:
            process.send_signal(signal.SIGTERM)
        for process, _ in started:
            process.wait(timeout=30)


def main() -> None:
    """Print deliveries/s for 1 and 2 receivers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    from tests.postgres import local_postgres

    with local_postgres() as server:
        database = server.create_database("bench")
        for receivers in (1, 2):
            rate = _bench(database, receivers, args.deliveries, args.concurrency)
            print(f"{receivers} receiver(s): {rate:,.0f} deliveries/s stored", flush=True)


if __name__ == "__main__":
    main()
