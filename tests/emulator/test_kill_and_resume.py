"""`scrapejobs run` killed with SIGKILL at random points, then resumed: nothing paid twice, nothing lost.

The emulator is served on 127.0.0.1 from this process; the CLI runs in a subprocess against it.
A kill point is a random number of requests ahead: when the emulator starts serving that request,
it SIGKILLs the CLI from inside the request (so the request itself still completes at the
"provider", exactly the window in which a client cannot know whether its submission was taken).
After several kills one last run goes to the end. Then, per input URL, the emulator's own job
records are compared with the output file:

- no input has two jobs at the provider (nothing with a job id was submitted twice);
- every input has exactly one output line; every line that names a job names the emulator's
  job for that URL, and every job the emulator made for an input is in the output, unless the
  input is reported ``uncertain`` (results lost: 0);
- submissions with an idempotency key (Scrapio, ScrapingPros) are never uncertain.

Waiting is on process exit and events only; nothing sleeps.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.server import serve_in_thread

PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
IDEMPOTENT = {"scrapio", "scrapingpros"}
URLS = 60
KILLS = 5
TOKEN = "kill-test-token"


class KillSwitch:
    """Kills the current CLI process when the emulator starts serving request number N."""

    def __init__(self, emulator: Emulator) -> None:
        self.served = 0
        self.target: int | None = None
        self.pid: int | None = None
        self.kills = 0
        self._lock = threading.Lock()
        original = emulator.stats.count_request

        def counting(provider: str, operation: str) -> None:
            original(provider, operation)
            with self._lock:
                self.served += 1
                if self.target is not None and self.served >= self.target and self.pid:
                    os.kill(self.pid, signal.SIGKILL)
                    self.kills += 1
                    self.target = None

        emulator.stats.count_request = counting  # type: ignore[method-assign]

    def arm(self, pid: int, ahead: int | None) -> None:
        with self._lock:
            self.pid = pid
            self.target = None if ahead is None else self.served + ahead


@pytest.fixture
def served() -> Iterator[tuple[str, Emulator]]:
    config = EmulatorConfig(
        tokens=[TOKEN],
        decodo_batch_interval_seconds=0.0,
        scrapedo_concurrency=100,
        seed=7,
    )
    emulator = Emulator(config)
    with serve_in_thread(emulator) as base_url:
        yield base_url, emulator


def cli() -> list[str]:
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


def start(
    provider: str, base_url: str, tmp: Path, *extra: str, capture: bool = False
) -> subprocess.Popen[bytes]:
    command = [
        *cli(),
        "run",
        "--provider", provider,
        "--input", str(tmp / "urls.txt"),
        "--output", str(tmp / "out.jsonl"),
        "--ledger", str(tmp / "run.ledger"),
        "--base-url", f"{base_url}/{provider}",
        "--batch-size", "8",
        "--concurrency", "8",
        "--no-progress",
        "--summary-json", str(tmp / "summary.json"),
        *extra,
    ]  # fmt: skip
    env = {**os.environ, f"SCRAPEJOBS_{provider.upper()}_TOKEN": TOKEN}
    stderr = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_sigkill_at_random_points_then_resume_pays_once_and_loses_nothing(
    provider: str, served: tuple[str, Emulator], tmp_path: Path
) -> None:
    base_url, emulator = served
    urls = [f"https://shop.example/{provider}/item/{i}" for i in range(URLS)]
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
    switch = KillSwitch(emulator)
    rng = random.Random(f"kill-{provider}")
    exits: list[int] = []
    for _ in range(KILLS):
        process = start(provider, base_url, tmp_path)
        switch.arm(process.pid, rng.randint(1, 10))
        exits.append(process.wait(timeout=120))
        if exits[-1] != -signal.SIGKILL:
            break  # finished before the kill point came
    switch.arm(0, None)
    with start(provider, base_url, tmp_path, capture=True) as final:
        _, stderr = final.communicate(timeout=120)
    assert final.returncode in (0, 3), stderr.decode()
    assert switch.kills >= 3, f"only {switch.kills} kills landed ({exits})"

    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    by_line = {line["line"]: line for line in lines}
    assert sorted(by_line) == list(range(1, URLS + 1)), "one output line per input"

    jobs_per_url: dict[str, list[str]] = {}
    for record in emulator.store.records(provider):
        url = target_url(record)
        assert url is not None
        jobs_per_url.setdefault(url, []).append(record.id)
    duplicates = {url: ids for url, ids in jobs_per_url.items() if len(ids) > 1}
    assert duplicates == {}, "a job was submitted twice"

    states = Counter(line["state"] for line in lines)
    for number, url in enumerate(urls, start=1):
        line = by_line[number]
        made = jobs_per_url.get(url, [])
        if line["state"] == "uncertain":
            assert line["reason"]
            assert len(made) <= 1
            continue
        assert line["state"] in ("succeeded", "failed"), line
        assert made == [line["job_id"]], f"line {number}: output job differs from the provider's"
        if line["state"] == "succeeded":
            assert line["result"], f"line {number}: result lost"
    if provider in IDEMPOTENT:
        assert states["uncertain"] == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["uncertain"] == states["uncertain"]
    assert summary["succeeded"] == states["succeeded"]
