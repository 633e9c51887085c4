"""The schemathesis CLI run as a user runs it: from the repository root (so ``schemathesis.toml``
applies), on a spec file, against ``python -m scrapejobs_emulator`` served on a free port.

Every spec must exit 0, and so must Scrapio's own published spec on its ``/v1/jobs`` paths. The
budget is small (``--max-examples 2``, no coverage phase) to keep the test short; ``nox -s
contract`` runs the same commands with a deep budget (``SCRAPEJOBS_CLI_EXAMPLES``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.contract.harness import AUTH_HEADERS, PROVIDERS
from tests.specs.spec_documents import ROOT

VENDOR_SPEC = ROOT.parent / "shared" / "reference" / "scrapio-vendor-openapi.json"
EXAMPLES = os.environ.get("SCRAPEJOBS_CLI_EXAMPLES", "2")
PHASES = os.environ.get("SCRAPEJOBS_CLI_PHASES", "examples,fuzzing,stateful")
LISTENING = re.compile(r"listening on (http://\S+)")


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """Serve the emulator as a user does (``python -m scrapejobs_emulator --port 0``)."""
    command = [sys.executable, "-m", "scrapejobs_emulator", "--port", "0", "--seed", "1"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        assert server.stdout is not None
        match = LISTENING.search(server.stdout.readline())
        assert match, "the emulator did not say where it listens"
        try:
            yield match.group(1)
        finally:
            server.terminate()
            server.wait(timeout=10)


def cli_command(spec: str, url: str, provider: str, *extra: str) -> list[str]:
    """Return the ``schemathesis run`` command line a user types for ``spec`` at ``url``."""
    command = [sys.executable, "-m", "schemathesis.cli", "run", spec, "--url", url]
    command += ["--max-examples", EXAMPLES, "--phases", PHASES, "--seed", "1", "--no-color"]
    # No example database: examples kept from earlier local runs (bodies without a credential)
    # made a later run differ from a clean clone's ("only 401" warnings on ScraperAPI).
    command += ["--generation-database", "none"]
    for name, value in AUTH_HEADERS[provider].items():
        command += ["-H", f"{name}: {value}"]
    return [*command, *extra]


def run_cli(command: list[str]) -> str:
    """Run the CLI from the repository root; return its summary line; fail unless it exits 0.

    ``SCHEMATHESIS_HOOKS`` puts ScraperAPI's credential in its ``apiKey`` body field.
    """
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.contract.cli_hooks", "PYTHONPATH": str(ROOT)}
    env["PYTHONPATH"] += os.pathsep + os.environ.get("PYTHONPATH", "")
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_schemathesis_cli_exits_0_on_our_spec(server_url: str, provider: str) -> None:
    spec = f"specs/{provider}.openapi.yaml"
    summary = run_cli(cli_command(spec, f"{server_url}/{provider}", provider))
    assert "failure" not in summary


@pytest.mark.skipif(not VENDOR_SPEC.is_file(), reason=f"{VENDOR_SPEC} is not here")
def test_schemathesis_cli_exits_0_on_scrapios_own_spec(server_url: str) -> None:
    """Scrapio's published spec on its /v1/jobs paths: the emulator refuses what it forbids."""
    command = cli_command(
        str(VENDOR_SPEC), f"{server_url}/scrapio", "scrapio", "--include-path-regex", "^/v1/jobs"
    )
    summary = run_cli(command)
    assert "failure" not in summary
