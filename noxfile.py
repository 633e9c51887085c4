"""Development sessions for scrapejobs.

``nox -s tests`` is the whole test suite (what CI runs); ``nox -s generate`` regenerates
``generated/`` from ``specs/``. Tool versions are pinned in pyproject.toml's dependency groups.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

import nox

nox.options.default_venv_backend = "uv|venv"
nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.error_on_external_run = True

PYTHON = "3.11"
PYPROJECT = nox.project.load_toml("pyproject.toml")
VENDOR_SDKS = ".nox/vendor-sdks"
"""The venv of the providers' own SDKs (the waiting benchmark's vendor side), never scrapejobs'."""


def install_group(session: nox.Session, group: str) -> None:
    """Install one pinned dependency group from pyproject.toml."""
    session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from specs/ (deterministic; removes the old output first)."""
    install_group(session, "generate")
    session.run("python", "scripts/generate.py", *session.posargs)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """The main job: `scrapejobs run` on the embedded emulator, 300 URLs x 5 providers, faults on."""
    session.install(".[all]")
    session.run("python", "scripts/demo.py", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the whole test suite against the installed distribution, on two processes.

    pytest-xdist; posargs go to pytest (``-n 0`` runs it in one process, ``-k name`` picks).
    """
    install_group(session, "test")
    session.install(".[all]")
    session.run("pytest", "-n", "2", *session.posargs)


@nox.session(python=PYTHON)
def contract(session: nox.Session) -> None:
    """Contract tests with a deep budget (200 examples per operation, 20 per CLI run), then the
    coverage table per provider; fails below 100 % of operations or 90 % of documented statuses
    (tests/contract/coverage.py)."""
    install_group(session, "test")
    session.install(".[all]")
    session.env["SCRAPEJOBS_CONTRACT_EXAMPLES"] = "200"
    session.env["SCRAPEJOBS_CLI_EXAMPLES"] = "20"
    session.env["SCRAPEJOBS_CLI_PHASES"] = "examples,coverage,fuzzing,stateful"
    session.env["SCRAPEJOBS_CONTRACT_COVERAGE"] = "enforce"
    session.run("pytest", "tests/contract", "tests/cassettes", *session.posargs)


def python_for_vendor_sdks() -> str:
    """Return a local Python >= 3.12 (decodo-sdk needs it), else the interpreter running nox.

    Looks for python3.12 then python3.13 on PATH, then under ~/.pyenv/versions (oldest first),
    and keeps the first that runs (a pyenv shim for a version that is not active fails).
    """
    candidates = [shutil.which(name) for name in ("python3.12", "python3.13")]
    pyenv = os.path.expanduser("~/.pyenv/versions")
    candidates += sorted(glob.glob(f"{pyenv}/3.1[2-9].*/bin/python3"))
    for candidate in candidates:
        if candidate is None:
            continue
        check = [candidate, "-c", "import sys; raise SystemExit(sys.version_info < (3, 12))"]
        if subprocess.run(check, capture_output=True, check=False).returncode == 0:  # noqa: S603
            return candidate
    return sys.executable


def vendor_sdks(session: nox.Session) -> str:
    """Build the vendor SDKs' own venv from the ``bench-vendors`` group; return its python.

    decodo-sdk is left out (by its marker) when no Python >= 3.12 is found; the benchmark then
    skips Decodo's vendor side with a note.
    """
    interpreter = python_for_vendor_sdks()
    session.run(interpreter, "-m", "venv", "--clear", VENDOR_SDKS, external=True)
    python = os.path.join(VENDOR_SDKS, "bin", "python")
    pins = nox.project.dependency_groups(PYPROJECT, "bench-vendors")
    session.run(python, "-m", "pip", "install", "--quiet", *pins, external=True)
    return python


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Emulator throughput and memory, 1,000 overlay jobs with faults, the HTTP concurrency curve,
    `scrapejobs run` on 10,000 URLs over loopback, killed and resumed, the PostgreSQL ledger's
    jobs/s against SQLite's on one worker (a local server from the test group's pgserver), 1, 2
    and 4 workers on one PostgreSQL run (window-bound and CPU-bound), the peak memory of one
    `scrapejobs run` and of one worker over 100,000 and 1,000,000 lines (and of a resumed run), and the side-by-side waiting benchmark
    against the providers' own SDKs."""
    session.install(".[all]")
    pgserver = [
        pin for pin in nox.project.dependency_groups(PYPROJECT, "test") if "pgserver" in pin
    ]
    session.install(*pgserver)
    session.run("python", "scripts/bench_emulator.py", *session.posargs)
    session.run("python", "scripts/bench_overlay.py")
    session.run("python", "scripts/bench_concurrency.py")
    session.run("python", "scripts/bench_runner.py", "--urls", "10000", "--kills", "5")
    session.run("python", "scripts/bench_runner.py", "--urls", "5000", "--compare-ledgers", "3")
    session.run("python", "scripts/bench_workers.py", "--urls", "20000")
    # One process and one worker at both sizes (the worker's 1M lines take about 36 min on
    # 2 CPUs); a run resumed after a SIGKILL half-way, and its rerun, at 100,000.
    memory = ["python", "scripts/bench_memory.py"]
    session.run(*memory, "--cases", "single", "worker", "--sizes", "100000", "1000000")
    session.run(*memory, "--cases", "resumed", "--sizes", "100000")
    session.run("python", "scripts/bench_waiting.py", "--vendor-python", vendor_sdks(session))


@nox.session(python=PYTHON)
def soak(session: nox.Session) -> None:
    """10,000 jobs (2,000 per provider) through `scrapejobs run` with every emulator fault on and
    5 SIGKILLs per provider; prints lost, paid twice, uncertain and wall time per provider and
    fails when an invariant breaks (see scripts/soak.py; posargs such as --urls 200 --kills 2).
    Not in the default sessions: it takes many minutes; the test suite runs a short version."""
    session.install(".[all]")
    session.run("python", "scripts/soak.py", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff on hand-written code, ruff F,I,UP on generated code, import-linter on the layers,
    and the size limits (no class over 250 lines, no function over 60: scripts/check_sizes.py)."""
    install_group(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run(
        "ruff",
        "check",
        "generated",
        "--isolated",
        "--select",
        "F,I,UP",
        "--target-version",
        "py311",
    )
    session.install(".[all]")
    session.run("lint-imports")
    session.run("python", "scripts/check_sizes.py")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict on hand-written and generated code."""
    install_group(session, "typecheck")
    project = PYPROJECT["project"]
    extras = [dep for deps in project["optional-dependencies"].values() for dep in deps]
    session.install(*project["dependencies"], *(dep for dep in extras if "scrapejobs[" not in dep))
    session.run("mypy", "generated", "overlays", "emulator", "scripts", "tests", "noxfile.py")
