"""Stateless receivers: `scrapejobs receive` processes behind a "load balancer", one PostgreSQL.

Two receiver processes (the real console script) store deliveries into a real PostgreSQL; the
deliveries are split between them at random, some sent to both (a provider retrying after a
timeout): each is recorded once. A forged one is refused and never stored. End to end, the
emulator (served on 127.0.0.1) delivers its webhooks through a random-choice transport to the
two receivers, and ``scrapejobs run --ledger postgresql://… --webhook-url …`` wakes on what they
stored (LISTEN/NOTIFY), with fewer status reads than the same run polling. Nothing sleeps: waits are on process output, exits and events.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from scrapejobs.batch.run_webhooks import run_secret
from scrapejobs_emulator import Emulator, EmulatorConfig, Progression
from scrapejobs_emulator.server import serve_in_thread
from tests.unit.pg_delivery_parts import TOKEN, scrapio_body

RUN = "hooks-e2e"


def cli() -> list[str]:
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


@dataclass
class Receiver:
    process: subprocess.Popen[bytes]
    url: str
    """``http://127.0.0.1:PORT/hooks/scrapio``"""

    @property
    def base(self) -> str:
        return self.url.rsplit("/hooks/", 1)[0]


def start_receivers(ledger_url: str, count: int) -> list[Receiver]:
    """Start ``count`` receiver processes at once; return them once each says where it listens."""
    command = [*cli(), "-v", "receive", "-p", "scrapio", "--ledger", ledger_url, "--port", "0"]
    env = {**os.environ, "SCRAPEJOBS_SCRAPIO_TOKEN": TOKEN}
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(count)
    ]
    receivers = []
    for process in processes:
        assert process.stderr is not None
        line = process.stderr.readline().decode()
        assert line.startswith("scrapejobs receive: http://127.0.0.1:"), line
        receivers.append(Receiver(process, line.split()[2]))
    return receivers


def stop(receivers: list[Receiver]) -> str:
    """Stop the receivers (SIGTERM); return everything they printed."""
    printed = []
    for receiver in receivers:
        receiver.process.send_signal(signal.SIGTERM)
    for receiver in receivers:
        out, err = receiver.process.communicate(timeout=30)
        printed.append(out.decode() + err.decode())
        # uvicorn shuts down gracefully, then ends by the signal it caught
        assert receiver.process.returncode in (0, -signal.SIGTERM), printed[-1]
    return "\n".join(printed)


@pytest.fixture
def ledger_url(postgres_url: str) -> str:
    return f"{postgres_url}?run={RUN}"


@pytest.fixture
def two_receivers(ledger_url: str) -> Iterator[list[Receiver]]:
    receivers = start_receivers(ledger_url, 2)
    try:
        yield receivers
    finally:
        for receiver in receivers:
            if receiver.process.poll() is None:
                receiver.process.kill()
                receiver.process.wait()


def run_id(postgres_url: str) -> str:
    with psycopg.connect(postgres_url) as connection:
        row = connection.execute(
            "SELECT run_id FROM scrapejobs_runs WHERE run = %s", (RUN,)
        ).fetchone()
    assert row is not None
    return str(row[0])


def test_deliveries_split_between_two_receivers_are_recorded_once(
    postgres_url: str, two_receivers: list[Receiver]
) -> None:
    rng = random.Random(15)
    first, second = two_receivers
    # The first delivery opens the run (its ledger run id); a forged one is refused, never stored.
    forged = httpx.post(f"{first.url}?token=forged", content=scrapio_body("forged"))
    assert forged.status_code == 401
    secret = run_secret(TOKEN, run_id(postgres_url))
    jobs = [f"job-{n}" for n in range(150)]
    sends: list[tuple[str, str]] = []
    for job in jobs:
        targets = [first, second] if rng.random() < 0.25 else [rng.choice(two_receivers)]
        sends += [(receiver.url, job) for receiver in targets]
    rng.shuffle(sends)

    def send(client: httpx.Client, url: str, job: str) -> int:
        response = client.post(url, params={"token": secret}, content=scrapio_body(job))
        return response.status_code

    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda pair: send(client, *pair), sends))
    assert set(answers) == {200}
    assert len(sends) > len(jobs)  # some were delivered twice, to both receivers
    with psycopg.connect(postgres_url) as connection:
        stored = connection.execute(
            "SELECT job_id, count(*) FROM scrapejobs_deliveries WHERE run = %s GROUP BY job_id",
            (RUN,),
        ).fetchall()
    assert sorted(stored) == sorted((job, 1) for job in jobs)  # each once; "forged" absent
    printed = stop(two_receivers)
    assert "token_mismatch" in printed  # the refusal was logged (-v: INFO and up) ...
    assert "scrapio webhook stored" in printed
    assert "duplicate scrapio webhook acknowledged (stored before)" in printed
    assert secret not in printed  # ... without any secret
    assert TOKEN not in printed


class RandomReceiver(httpx.AsyncBaseTransport):
    """A load balancer in front of the receivers: each delivery goes to one of them at random."""

    def __init__(self, receivers: list[Receiver], rng: random.Random) -> None:
        self.bases = [httpx.URL(receiver.base) for receiver in receivers]
        self.rng = rng
        self.sent = [0] * len(receivers)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        index = self.rng.randrange(len(self.bases))
        self.sent[index] += 1
        chosen = self.bases[index]
        request.url = request.url.copy_with(host=chosen.host, port=chosen.port, scheme="http")
        request.headers["host"] = f"{chosen.host}:{chosen.port}"
        async with httpx.AsyncHTTPTransport() as inner:  # no connection outlives the request
            response = await inner.handle_async_request(request)
            await response.aread()
        return response


def cli_run(base_url: str, tmp: Path, ledger_url: str, *extra: str) -> dict[str, Any]:
    """Run ``scrapejobs run`` on ``tmp/urls.txt`` against the emulator; return its summary."""
    name = ledger_url.rsplit("=", 1)[1]
    command = [
        *cli(), "run", "-p", "scrapio",
        "--input", str(tmp / "urls.txt"),
        "--output", str(tmp / f"{name}.jsonl"),
        "--ledger", ledger_url,
        "--base-url", f"{base_url}/scrapio",
        "--concurrency", "8",
        "--no-progress",
        "--summary-json", str(tmp / f"{name}.json"),
        *extra,
    ]  # fmt: skip
    env = {**os.environ, "SCRAPEJOBS_SCRAPIO_TOKEN": TOKEN}
    done = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    printed = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 0, printed
    assert TOKEN not in printed
    lines = (tmp / f"{name}.jsonl").read_text().splitlines()
    assert [json.loads(line)["line"] for line in lines] == list(range(1, len(lines) + 1))
    summary: dict[str, Any] = json.loads((tmp / f"{name}.json").read_text())
    return summary


def test_a_run_wakes_on_deliveries_stored_by_two_receivers(
    postgres_url: str, ledger_url: str, two_receivers: list[Receiver], tmp_path: Path
) -> None:
    urls = [f"https://shop.example/item/{n}" for n in range(30)]
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
    balancer = RandomReceiver(two_receivers, random.Random(7))
    reads: dict[str, int] = {}
    for mode in ("webhooks", "polling"):
        config = EmulatorConfig(
            tokens=[TOKEN],
            seed=15,
            progression=Progression(min_seconds=0.5, max_seconds=2.0),
        )
        emulator = Emulator(config, webhook_transport=balancer)
        with serve_in_thread(emulator) as base_url:
            if mode == "webhooks":  # the receivers' public URL; the run serves no receiver
                summary = cli_run(
                    base_url, tmp_path, ledger_url, "--webhook-url", "http://lb.invalid/hooks"
                )
            else:
                summary = cli_run(base_url, tmp_path, f"{postgres_url}?run=polling")
        assert summary["inputs"] == summary["succeeded"] == len(urls)
        operations = emulator.stats.as_json()["scrapio"]["requests"]
        reads[mode] = sum(n for op, n in operations.items() if op.startswith(("get_", "list_")))
    assert min(balancer.sent) > 0  # both receivers got deliveries
    with psycopg.connect(postgres_url) as connection:
        row = connection.execute(
            "SELECT count(*), count(DISTINCT job_id) FROM scrapejobs_deliveries WHERE run = %s",
            (RUN,),
        ).fetchone()
    assert row == (len(urls), len(urls))
    print(f"status reads for {len(urls)} jobs: {reads}")
    assert reads["webhooks"] < reads["polling"]
    printed = stop(two_receivers)
    assert TOKEN not in printed
