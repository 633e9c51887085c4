"""`scrapejobs run` processes against a served emulator: two at once, interrupted, killed mid-write.

As in ``test_kill_and_resume.py``, the emulator is served on 127.0.0.1 from this process and the
CLI runs in subprocesses; signals are sent from inside the emulator when it starts serving a
chosen request, so every kill point is deterministic. Afterwards the emulator's own job records
are audited: no input may have two jobs. Nothing sleeps: waiting is on process exits and events.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scrapejobs.cli import main
from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.server import serve_in_thread

from .test_kill_and_resume import cli

TOKEN = "contention-test-token"
URLS = 24


@pytest.fixture
def served() -> Iterator[tuple[str, Emulator]]:
    config = EmulatorConfig(
        tokens=[TOKEN], decodo_batch_interval_seconds=0.0, scrapedo_concurrency=100, seed=11
    )
    emulator = Emulator(config)
    with serve_in_thread(emulator) as base_url:
        yield base_url, emulator


def on_request(emulator: Emulator, hook: Callable[[int], object]) -> None:
    """Call ``hook(n)`` on the server thread when the emulator starts serving request ``n``."""
    original = emulator.stats.count_request
    counter = {"served": 0}
    lock = threading.Lock()

    def counting(provider: str, operation: str) -> None:
        original(provider, operation)
        with lock:
            counter["served"] += 1
            served = counter["served"]
        hook(served)

    emulator.stats.count_request = counting  # type: ignore[method-assign]


def command(
    provider: str,
    base_url: str,
    tmp: Path,
    *,
    output: str = "out.jsonl",
    ledger: str = "run.ledger",
) -> list[str]:
    return [
        "run",
        "--provider", provider,
        "--input", str(tmp / "urls.txt"),
        "--output", str(tmp / output),
        "--ledger", str(tmp / ledger),
        "--base-url", f"{base_url}/{provider}",
        "--batch-size", "8",
        "--concurrency", "8",
        "--no-progress",
    ]  # fmt: skip


def start(
    provider: str, args: list[str], *, prefix: list[str] | None = None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, f"SCRAPEJOBS_{provider.upper()}_TOKEN": TOKEN}
    return subprocess.Popen(
        [*(prefix or cli()), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def run_here(args: list[str]) -> tuple[int, str]:
    """Run the CLI in this process (faster than a subprocess where no signal is involved)."""
    result = CliRunner().invoke(main, [*args, "--token", TOKEN], catch_exceptions=False)
    return result.exit_code, result.stderr


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode()


def write_urls(tmp: Path, provider: str) -> list[str]:
    urls = [f"https://shop.example/{provider}/contention/{i}" for i in range(URLS)]
    (tmp / "urls.txt").write_text("\n".join(urls) + "\n")
    return urls


def jobs_per_url(emulator: Emulator, provider: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for record in emulator.store.records(provider):
        url = target_url(record)
        assert url is not None
        found.setdefault(url, []).append(record.id)
    return found


def assert_paid_once_and_complete(
    emulator: Emulator, provider: str, urls: list[str], output: Path
) -> list[dict[str, Any]]:
    per_url = jobs_per_url(emulator, provider)
    assert {url: ids for url, ids in per_url.items() if len(ids) > 1} == {}, "paid twice"
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert sorted(line["line"] for line in lines) == list(range(1, len(urls) + 1))
    for line in lines:
        url = urls[line["line"] - 1]
        if line["state"] == "uncertain":
            assert provider not in ("scrapio", "scrapingpros"), line  # keys make resending safe
            assert len(per_url.get(url, [])) <= 1
        else:
            assert line["state"] == "succeeded", line
            assert per_url[url] == [line["job_id"]]
    return lines


# -- two runs at once -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "shared"),
    [("scrapio", "ledger"), ("scraperapi", "output")],
)
def test_two_runs_started_at_once_pay_once_and_the_second_is_refused(
    provider: str, shared: str, served: tuple[str, Emulator], tmp_path: Path
) -> None:
    base_url, emulator = served
    urls = write_urls(tmp_path, provider)
    # The run that sends first is held at its first request until the other has exited, so
    # both surely overlap (a second run that were let in would block here too: it times out).
    other_exited = threading.Event()
    on_request(emulator, lambda served: other_exited.wait(60) if served == 1 else None)
    if shared == "ledger":  # same ledger, other outputs
        first_args = command(provider, base_url, tmp_path, output="a.jsonl")
        second_args = command(provider, base_url, tmp_path, output="b.jsonl")
    else:  # same output, other ledgers
        first_args = command(provider, base_url, tmp_path, ledger="a.ledger")
        second_args = command(provider, base_url, tmp_path, ledger="b.ledger")
    processes = [start(provider, first_args), start(provider, second_args)]
    exits: dict[int, tuple[int, str]] = {}

    def wait(index: int) -> None:
        exits[index] = finish(processes[index])
        other_exited.set()

    waiters = [threading.Thread(target=wait, args=(index,)) for index in range(2)]
    for waiter in waiters:
        waiter.start()
    for waiter in waiters:
        waiter.join(timeout=180)

    codes = sorted(code for code, _ in exits.values())
    assert codes == [0, 2], exits
    (refused,) = (stderr for code, stderr in exits.values() if code == 2)
    assert refused.count("\n") == 1, refused
    assert refused.startswith("scrapejobs: error: the ")
    assert "is in use by another scrapejobs run (pid " in refused
    assert "Traceback" not in refused
    winner = next(index for index, (code, _) in exits.items() if code == 0)
    chosen = [first_args, second_args]

    def path(index: int, flag: str) -> Path:
        return Path(chosen[index][chosen[index].index(flag) + 1])

    assert_paid_once_and_complete(emulator, provider, urls, path(winner, "--output"))
    loser = 1 - winner
    for flag in ("--output", "--ledger"):
        if path(loser, flag) != path(winner, flag):
            assert not path(loser, flag).exists(), f"the refused run made its {flag}"


# -- SIGINT / SIGTERM --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "signum", "at"),
    [
        ("scrapio", signal.SIGINT, 3),  # while submitting
        ("scrapedo", signal.SIGTERM, 15),  # while many job checks are in flight
    ],
)
def test_an_interrupted_run_prints_one_line_exits_130_and_resumes_without_paying_twice(
    provider: str, signum: int, at: int, served: tuple[str, Emulator], tmp_path: Path
) -> None:
    base_url, emulator = served
    urls = write_urls(tmp_path, provider)
    target: dict[str, int] = {}

    def interrupt(served: int) -> None:
        if served == at and "pid" in target:
            os.kill(target["pid"], signum)

    on_request(emulator, interrupt)
    args = command(provider, base_url, tmp_path)
    process = start(provider, args)
    target["pid"] = process.pid
    code, stderr = finish(process)

    assert code == 130, stderr
    assert stderr == "scrapejobs: error: interrupted; run the same command again to resume\n"
    target.clear()
    code, stderr = run_here(args)
    assert code in (0, 3), stderr
    assert "Traceback" not in stderr
    assert_paid_once_and_complete(emulator, provider, urls, tmp_path / "out.jsonl")


# -- SIGKILL while the output is rewritten -----------------------------------------------------

KILLING_CLI = """
import os, signal, sys
import scrapejobs.cli.execute as cli_run
written = 0
original = cli_run.output_line
def killing(item):
    global written
    written += 1
    if written > int(os.environ["KILL_AFTER_LINES"]):
        os.kill(os.getpid(), signal.SIGKILL)
    return original(item)
cli_run.output_line = killing
from scrapejobs.cli import main
sys.argv[0] = "scrapejobs"
main()
"""


def test_sigkill_while_a_rerun_rewrites_the_output_leaves_the_old_output_whole(
    served: tuple[str, Emulator], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url, emulator = served
    provider = "scrapio"
    urls = write_urls(tmp_path, provider)
    args = command(provider, base_url, tmp_path)
    code, stderr = run_here(args)
    assert code == 0, stderr
    output = tmp_path / "out.jsonl"
    complete = output.read_bytes()
    sent = len(list(emulator.store.records(provider)))

    # A rerun with nothing new to do, killed after writing half of the lines.
    monkeypatch.setenv("KILL_AFTER_LINES", str(URLS // 2))
    killed = start(provider, args, prefix=[sys.executable, "-c", KILLING_CLI])
    code, _stderr = finish(killed)
    assert code == -signal.SIGKILL
    assert output.read_bytes() == complete, "the old output was damaged"
    assert len(list(emulator.store.records(provider))) == sent

    monkeypatch.delenv("KILL_AFTER_LINES")
    code, stderr = run_here(args)
    assert code == 0, stderr
    assert not (tmp_path / ".out.jsonl.partial").exists()
    lines = assert_paid_once_and_complete(emulator, provider, urls, output)
    assert sorted(json.dumps(line, sort_keys=True) for line in lines) == sorted(
        json.dumps(json.loads(line), sort_keys=True) for line in complete.decode().splitlines()
    )
