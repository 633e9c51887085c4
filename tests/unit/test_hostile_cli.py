"""``scrapejobs run`` against the hostile server: a one-line message and the right exit code.

Each case runs the console script as a subprocess (``--base-url`` on the hostile server of
:mod:`tests.unit.hostile`): never a traceback, at most one line on stderr, never the credential
(nor 8 characters of it) in any output or file, exit 1 when the provider failed the run and 3 when
it finished with refused/uncertain inputs (README), and an unexpected 2xx on a submission recorded
as ``uncertain`` (the job may exist), never ``refused``. The cases run four at a time: the
keyed providers retry an unexpected 2xx with the default backoff (about 8 s). A few
representative cases only: each run costs a second of imports; :mod:`test_hostile_server`
covers every answer for every provider through ``Jobs``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.unit.hostile import HostileServer

TOKEN = "hostile-cli-secret-4c7e1a9b2d5f"
SCRIPT = str(Path(sys.executable).with_name("scrapejobs"))


@dataclass(frozen=True)
class Case:
    provider: str
    answer: str
    exit_code: int
    states: frozenset[str]
    """The states of the output lines (empty: no output line, the run stopped)."""


UNCERTAIN = frozenset({"uncertain"})
REFUSED = frozenset({"refused"})
NONE: frozenset[str] = frozenset()
CASES = (
    # Keyed submissions retry an unexpected 2xx (same key), then report it uncertain (~8 s).
    Case("scrapio", "created201", 3, UNCERTAIN),
    Case("scrapingpros", "created201", 3, UNCERTAIN),
    Case("decodo", "html503", 3, UNCERTAIN),
    Case("decodo", "echo400", 3, REFUSED),
    Case("scraperapi", "odd299", 3, UNCERTAIN),
    Case("scraperapi", "empty401", 1, NONE),
    # Scrape.do reads the account's free concurrency before submitting: that read fails the run.
    Case("scrapedo", "echo400", 1, NONE),
    Case("scrapio", "empty401", 1, NONE),
)


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    hostile = HostileServer(TOKEN)
    try:
        yield hostile
    finally:
        hostile.close()


@dataclass(frozen=True)
class Outcome:
    case: Case
    exit_code: int
    stdout: str
    stderr: str
    states: list[str]
    files: dict[str, bytes]


def _run(server: HostileServer, case: Case, root: Path) -> Outcome:
    folder = root / f"{case.provider}-{case.answer}"
    folder.mkdir()
    inputs = folder / "urls.txt"
    inputs.write_text("https://example.com/a\nhttps://example.com/b\n", encoding="utf-8")
    output = folder / "out.jsonl"
    done = subprocess.run(
        [
            SCRIPT,
            "run",
            "--provider",
            case.provider,
            "--input",
            str(inputs),
            "--output",
            str(output),
            "--ledger",
            str(folder / "ledger.sqlite"),
            "--base-url",
            server.url(case.answer, uuid.uuid4().hex),
            "--token",
            TOKEN,
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = output.read_text(encoding="utf-8").splitlines() if output.exists() else []
    return Outcome(
        case,
        done.returncode,
        done.stdout,
        done.stderr,
        [json.loads(line)["state"] for line in lines],
        {path.name: path.read_bytes() for path in folder.iterdir()},
    )


def _problems(outcome: Outcome) -> list[str]:
    case = outcome.case
    found = []
    if outcome.exit_code != case.exit_code:
        found.append(f"exit {outcome.exit_code}, expected {case.exit_code}")
    if "Traceback" in outcome.stderr or len(outcome.stderr.strip().splitlines()) > 1:
        found.append(f"stderr is not one line: {outcome.stderr!r}")
    if set(outcome.states) != case.states or (case.states and len(outcome.states) != 2):
        found.append(f"states {outcome.states}, expected {sorted(case.states)}")
    runs = [TOKEN[i : i + 8] for i in range(len(TOKEN) - 7)]
    texts = {"stdout": outcome.stdout.encode(), "stderr": outcome.stderr.encode(), **outcome.files}
    for name, data in texts.items():
        if any(run.encode() in data for run in runs):
            found.append(f"the credential is in {name}")
    return found


def test_hostile_answers_through_scrapejobs_run(server: HostileServer, tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(lambda case: _run(server, case, tmp_path), CASES))

    report = []
    failures = []
    for outcome in outcomes:
        case = outcome.case
        line = outcome.stderr.strip() or f"(no message) states={outcome.states}"
        report.append(f"{case.provider:12} {case.answer:12} exit {outcome.exit_code}: {line}")
        failures += [f"{case.provider}/{case.answer}: {p}" for p in _problems(outcome)]
    print("\n".join(report))  # shown with -s: what a user sees in each hostile situation
    assert not failures, "\n".join(failures)
    assert "refused" not in [
        state
        for outcome in outcomes
        if outcome.case.answer in ("created201", "odd299", "utf8garbage")
        for state in outcome.states
    ]
