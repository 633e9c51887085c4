"""The schemathesis CLI against the emulator served by uvicorn on loopback.

This is what a user runs in CI against their own emulator (and what ``nox -s contract`` runs
with a deeper budget): ``schemathesis.toml`` at the repository root applies, so warnings fail
the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, Progression
from scrapejobs_emulator.server import serve_in_thread
from tests.contract.harness import AUTH_HEADERS, CANCELLING_DELETES, EXAMPLES, PROVIDERS
from tests.specs.spec_documents import ROOT


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    # The CLI runs on the wall clock as fast as it can; Decodo's one-batch-per-second limit
    # would turn most batch calls into 429s, so it is off here (the in-process tests keep it).
    emulator = Emulator(
        EmulatorConfig(
            progression=Progression(mode="polls", polls=2),
            seed=1,
            decodo_batch_interval_seconds=0.0,
        )
    )
    with serve_in_thread(emulator) as url:
        emulator.config.public_base_url = url
        yield url


@pytest.mark.parametrize("provider", PROVIDERS)
def test_schemathesis_cli_finds_no_failure(server_url: str, provider: str) -> None:
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{server_url}/{provider}/openapi.json",
        "--url",
        f"{server_url}/{provider}",
        "--checks",
        "all",
        "--max-examples",
        str(max(5, EXAMPLES // 3)),
        "--seed",
        "1",
        "--no-color",
    ]
    if any(name == provider for name, _ in CANCELLING_DELETES):
        command += ["--exclude-checks", "use_after_free"]
    for name, value in AUTH_HEADERS[provider].items():
        command += ["-H", f"{name}: {value}"]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.contract.cli_hooks", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "passed" in result.stdout
