"""Two `scrapejobs run` processes on one PostgreSQL run: the run lock keeps every job paid once.

A `--retry` (or `--emulator`) run runs the whole input in its one process; a plain run is a
worker of a run shared through the claims. Started at once on the same run, both would plan
and send the same inputs (the claims only share work between workers): the second is refused
before it sends anything, with one line naming the run (password masked), exit 2.

The emulator is served on 127.0.0.1 from this process; its first submission request is held
(a gate) until the second process has ended, so the two runs overlap by construction: nothing
sleeps, the order comes from events and process exits.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.server import server_app
from tests.emulator.serving import cli, serve_app

TOKEN = "run-lock-test-token"
URLS = [f"https://shop.example/lock/{n}" for n in range(4)]


class SubmissionGate:
    """ASGI wrapper: holds the first job-creating request (a POST) until :attr:`release`."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.entered = threading.Event()
        self.release = threading.Event()
        self._first = True

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and self._first:
            self._first = False
            self.entered.set()
            await asyncio.to_thread(self.release.wait, 60)
        await self.app(scope, receive, send)


def _start(base_url: str, ledger: str, tmp: Path, name: str, *extra: str) -> subprocess.Popen[str]:
    command = [
        *cli(),
        "run",
        "--provider", "scraperapi",
        "--input", str(tmp / "urls.txt"),
        "--output", str(tmp / f"out-{name}.jsonl"),
        "--ledger", ledger,
        "--base-url", f"{base_url}/scraperapi",
        "--batch-size", "1",
        "--concurrency", "2",
        "--chunk-size", "1",
        "--no-progress",
        *extra,
    ]  # fmt: skip
    env = {**os.environ, "SCRAPEJOBS_SCRAPERAPI_TOKEN": TOKEN}
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _jobs_per_url(emulator: Emulator) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in emulator.store.records("scraperapi"):
        url = target_url(record)
        assert url is not None
        counts[url] = counts.get(url, 0) + 1
    return counts


def test_a_worker_started_beside_a_retry_run_is_refused_and_nothing_is_paid_twice(
    postgres_url: str, tmp_path: Path
) -> None:
    emulator = Emulator(
        EmulatorConfig.model_validate(
            {"tokens": [TOKEN], "progression": {"min_seconds": 0.0, "max_seconds": 0.0}}
        )
    )
    (tmp_path / "urls.txt").write_text("\n".join(URLS) + "\n")
    user, rest = postgres_url.split("://", 1)[1].split("@", 1)
    ledger = f"postgresql://{user.split(':')[0]}:sekret@{rest}?run=locked"
    gate = SubmissionGate(server_app(emulator))
    with serve_app(gate) as base_url:
        holder = _start(base_url, ledger, tmp_path, "first", "--retry", "failed")
        try:
            assert gate.entered.wait(60), "the first run sent no submission"
            other = _start(base_url, ledger, tmp_path, "second")  # a worker
            other_output, _ = other.communicate(timeout=60)
        finally:
            gate.release.set()
        holder_output, _ = holder.communicate(timeout=60)
    assert _jobs_per_url(emulator) == dict.fromkeys(URLS, 1), "an input was submitted twice"
    assert holder.returncode == 0, holder_output
    assert other.returncode == 2, other_output
    lines = [line for line in other_output.splitlines() if line.startswith("scrapejobs: error:")]
    assert len(lines) == 1, other_output
    assert "run 'locked'" in lines[0]
    assert f"postgresql://{user.split(':')[0]}:***@" in lines[0]
    assert "in use by another scrapejobs run" in lines[0]
    assert "sekret" not in other_output


def test_a_retry_run_beside_workers_is_refused_in_one_line_before_anything(
    postgres_url: str, tmp_path: Path
) -> None:
    from scrapejobs.batch.pg_location import parse_postgres_url
    from scrapejobs.batch.pg_run_lock import RunLock, RunLockMode
    from scrapejobs.cli import main

    (tmp_path / "urls.txt").write_text("\n".join(URLS) + "\n")
    user, rest = postgres_url.split("://", 1)[1].split("@", 1)
    ledger = f"postgresql://{user.split(':')[0]}:sekret@{rest}?run=shared"
    arguments = [
        "run", "-p", "scraperapi", "--input", str(tmp_path / "urls.txt"),
        "--output", str(tmp_path / "out.jsonl"), "--ledger", ledger,
        "--base-url", "http://127.0.0.1:1/scraperapi", "--no-progress",
    ]  # fmt: skip
    env = {"SCRAPEJOBS_SCRAPERAPI_TOKEN": TOKEN}
    with RunLock.acquire(parse_postgres_url(ledger), RunLockMode.SHARED, holder="host-b:77"):
        for alone in (["--retry", "failed"], ["--emulator"]):
            result = CliRunner().invoke(main, [*arguments, *alone], env=env)
            assert result.exit_code == 2, result.output
            assert result.output.splitlines() == [
                f"scrapejobs: error: run 'shared' of the ledger postgresql://"
                f"{user.split(':')[0]}:***@{rest}?run=shared is in use by another scrapejobs "
                "run: held by 1 worker(s) (shared host-b:77); this run needs it alone; wait for "
                "it to end or stop it, then run again"
            ]
    assert not (tmp_path / "out.jsonl").exists()  # nothing was written (nor sent: port 1)


def test_a_run_whose_lock_connection_is_ended_stops_at_once_with_exit_4(
    postgres_url: str, tmp_path: Path
) -> None:
    import psycopg

    emulator = Emulator(EmulatorConfig.model_validate({"tokens": [TOKEN]}))
    (tmp_path / "urls.txt").write_text("\n".join(URLS) + "\n")
    gate = SubmissionGate(server_app(emulator))
    with serve_app(gate) as base_url:
        run = _start(base_url, f"{postgres_url}?run=ended", tmp_path, "ended", "--retry", "failed")
        try:
            assert gate.entered.wait(60), "the run sent no submission"
            with psycopg.connect(postgres_url, autocommit=True) as admin:
                ended = admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE application_name LIKE 'scrapejobs exclusive %'"
                ).fetchall()
            assert ended == [(True,)]
            output, _ = run.communicate(timeout=60)
        finally:
            gate.release.set()
    assert run.returncode == 4, output
    assert output.splitlines()[-1].startswith(
        "scrapejobs: error: cannot hold the lock of run 'ended' on the ledger postgresql://"
    ), output
    assert output.splitlines()[-1].endswith(
        "; stopped sending at once; nothing recorded is lost, rerun to resume"
    ), output
    assert len(list(emulator.store.records("scraperapi"))) <= 1  # at most the held request
