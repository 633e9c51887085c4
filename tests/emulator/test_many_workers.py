"""Three `scrapejobs run --ledger postgresql://…` workers on one run, one SIGKILLed twice.

One emulator is served on 127.0.0.1 from this process (jobs of 0-1 s); three worker processes
share one run through a real PostgreSQL ledger (short leases: a dead worker's chunks are taken
over within about three seconds). Twice, when the emulator starts serving a submission request,
one worker is SIGKILLed from inside that request (so the submission is made at the "provider"
while its worker dies before recording it) and started again. Then:

- from the emulator's own records: no input has two jobs where the provider honours
  idempotency keys (Scrapio); where it does not (ScraperAPI), an input whose submission was in
  flight at a kill is ``uncertain`` (never sent again) and has at most one job;
- every input has exactly one outcome in the ledger and one line in every worker's output (all
  the same), naming the emulator's job for it;
- a lease takeover happened: the claims count one and a worker printed it.

Waiting is on process exits and events; nothing sleeps.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.server import server_app
from tests.emulator.serving import cli, serve_app

TOKEN = "workers-test-token"
WORKERS = 3
KILLS = 2
SUBMISSIONS = {"scrapio": "/scrapio/v1/jobs", "scraperapi": "/scraperapi/batchjobs"}
CASES = {"scrapio": (5000, 250, 1), "scraperapi": (2000, 100, 20)}
"""Inputs, chunk size and batch size per provider: the issue's 5,000 where resends are
idempotent (one input per submission); ScraperAPI (no idempotency key) checks the uncertain
path on fewer inputs in batches of 20."""


class SubmissionKiller:
    """ASGI wrapper: SIGKILLs the worker that sent the armed N-th next submission.

    The kill comes after the emulator made the submission's jobs and before its answer is sent:
    the worker dies not knowing whether it was taken (its intent stays in the ledger).
    """

    def __init__(self, app: Any, path: str, workers: dict[int, subprocess.Popen[bytes]]) -> None:
        self.app = app
        self.path = path
        self.workers = workers
        self.left: int | None = None
        self.victim: int | None = None
        self.killed = threading.Event()
        self._lock = threading.Lock()

    def arm(self, ahead: int) -> None:
        with self._lock:
            self.killed.clear()
            self.left = ahead

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        with self._lock:
            hit = self.left is not None and self.left <= 1
            if self.left is not None:
                self.left -= 1
            if hit:
                self.left = None
        if not hit:
            await self.app(scope, receive, send)
            return

        async def killing_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                self._kill(scope["client"][1], scope["server"][1])
            await send(message)

        await self.app(scope, receive, killing_send)

    def _kill(self, client_port: int, server_port: int) -> None:
        inode = _socket_inode(client_port, server_port)
        for number, process in self.workers.items():
            if inode is not None and _owns(process.pid, inode):
                os.kill(process.pid, signal.SIGKILL)
                self.victim = number
                break
        self.killed.set()


def _socket_inode(local_port: int, remote_port: int) -> str | None:
    """Return the inode of the loopback TCP socket from ``local_port`` to ``remote_port``."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == local_port and int(remote.split(":")[1], 16) == (
            remote_port
        ):
            return fields[9]
    return None


def _owns(pid: int, inode: str) -> bool:
    """Return whether process ``pid`` has socket ``inode`` open."""
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == f"socket:[{inode}]" for fd in fds.iterdir())
    except OSError:
        return False


@pytest.fixture
def emulator() -> Emulator:
    config = EmulatorConfig.model_validate(
        {
            "tokens": [TOKEN],
            "progression": {"mode": "duration", "min_seconds": 0.0, "max_seconds": 1.0},
            "seed": 15,
        }
    )
    return Emulator(config)


def _start(
    provider: str, base_url: str, ledger: str, tmp: Path, worker: int, attempt: int
) -> subprocess.Popen[bytes]:
    _count, chunk_size, batch_size = CASES[provider]
    command = [
        *cli(),
        "run",
        "--provider", provider,
        "--input", str(tmp / "urls.txt"),
        "--output", str(tmp / f"out-{worker}.jsonl"),
        "--ledger", ledger,
        "--base-url", f"{base_url}/{provider}",
        "--chunk-size", str(chunk_size),
        "--batch-size", str(batch_size),
        "--lease", "3",
        "--concurrency", "16",
        "--no-progress",
        "--summary-json", str(tmp / f"summary-{worker}.json"),
    ]  # fmt: skip
    env = {**os.environ, f"SCRAPEJOBS_{provider.upper()}_TOKEN": TOKEN}
    with (tmp / f"worker-{worker}.{attempt}.log").open("wb") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def _ledger_outcomes(url: str) -> tuple[Counter[str], int, dict[str, str]]:
    """Return outcomes per input key, the claims' takeovers and each uncertain key's reason."""
    with psycopg.connect(url) as connection:
        outcomes = Counter(
            row[0]
            for row in connection.execute(
                "SELECT input_key FROM scrapejobs_jobs WHERE state IS NOT NULL"
            )
        )
        takeovers = connection.execute("SELECT sum(takeovers) FROM scrapejobs_claims").fetchone()
        uncertain = {
            key: reason
            for inputs, reason in connection.execute(
                "SELECT inputs, reason FROM scrapejobs_submissions WHERE state = 'uncertain'"
            )
            for key in inputs
        }
    return outcomes, int(takeovers[0] or 0) if takeovers else 0, uncertain


@pytest.mark.slow
@pytest.mark.parametrize("provider", sorted(CASES))
def test_three_workers_one_killed_twice_pay_once_and_lose_nothing(
    provider: str, emulator: Emulator, postgres_url: str, tmp_path: Path
) -> None:
    count, _chunk_size, batch_size = CASES[provider]
    urls = [f"https://shop.example/{provider}/item/{i}" for i in range(count)]
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
    ledger = f"{postgres_url}?run=workers-{provider}"
    workers: dict[int, subprocess.Popen[bytes]] = {}
    killer = SubmissionKiller(server_app(emulator), SUBMISSIONS[provider], workers)
    rng = random.Random(f"workers-{provider}")
    submissions = count // batch_size
    with serve_app(killer) as base_url:
        for n in range(WORKERS):
            workers[n] = _start(provider, base_url, ledger, tmp_path, n, 0)
        for attempt in range(1, KILLS + 1):
            killer.arm(rng.randint(1, max(1, submissions // 3)))
            assert killer.killed.wait(60), "the kill did not land"
            victim = killer.victim
            assert victim is not None, "the submission's worker was not found"
            assert workers[victim].wait(30) == -signal.SIGKILL
            workers[victim] = _start(provider, base_url, ledger, tmp_path, victim, attempt)
        exits = {n: process.wait(120) for n, process in workers.items()}
    logs = "".join(path.read_text() for path in sorted(tmp_path.glob("worker-*.log")))
    expected = 0 if provider == "scrapio" else 3  # ScraperAPI: in-flight batches uncertain
    assert set(exits.values()) <= {0, expected}, logs

    outputs = {(tmp_path / f"out-{n}.jsonl").read_text() for n in range(WORKERS)}
    assert len(outputs) == 1, "every worker writes the same complete output"
    lines = [json.loads(line) for line in outputs.pop().splitlines()]
    assert [line["line"] for line in lines] == list(range(1, count + 1))

    jobs_per_url: dict[str, list[str]] = {}
    for record in emulator.store.records(provider):
        url = target_url(record)
        assert url is not None
        jobs_per_url.setdefault(url, []).append(record.id)
    assert {url: ids for url, ids in jobs_per_url.items() if len(ids) > 1} == {}, (
        "an input was submitted twice"
    )

    outcomes, takeovers, uncertain = _ledger_outcomes(postgres_url)
    states = Counter(line["state"] for line in lines)
    for number, url in enumerate(urls, start=1):
        line = lines[number - 1]
        key = f"line-{number}"
        if line["state"] == "uncertain":
            assert key in uncertain, line
            assert "no idempotency key" in uncertain[key]
            assert outcomes[key] == 0
            assert len(jobs_per_url.get(url, [])) <= 1
            continue
        assert line["state"] == "succeeded", line
        assert outcomes[key] == 1, f"{key}: {outcomes[key]} outcomes in the ledger"
        assert jobs_per_url[url] == [line["job_id"]], f"line {number}: not the emulator's job"
    if provider == "scrapio":
        assert states == {"succeeded": count}
    else:
        assert states["uncertain"] > 0, "a kill mid-submission leaves its batch uncertain"
    assert takeovers >= 1
    assert "took over chunk" in logs
    summary = json.loads((tmp_path / "summary-0.json").read_text())
    assert summary["succeeded"] == states["succeeded"]
    assert summary["inputs"] == count
