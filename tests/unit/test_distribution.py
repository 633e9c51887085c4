"""The distribution: every package typed, a light base install, extras that add the rest.

The first tests read the packages on the path. The ``packaging`` ones build the wheel with uv
and install it into fresh venvs (base, and ``[all]``), then use it as a new user would, outside
the repository: from uv's cache when it holds the dependencies (CI's test session just installed
them), otherwise from PyPI.
"""

from __future__ import annotations

import importlib.resources
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "decodo_client",
    "scrapedo_client",
    "scrapingpros_client",
    "scraperapi_client",
    "scrapio_client",
    "provider_models",
    "scrapejobs",
    "scrapejobs_emulator",
    "scrapejobs_pytest",
]
SERVER_AND_UI = (
    "starlette",
    "uvicorn",
    "rich",
    "click",
    "pydantic",
    "aiohttp",
    "jsonschema",
    "yaml",
)
"""Modules the base install must not have, nor ``import scrapejobs`` import."""
EXTRA_DISTRIBUTIONS = {
    "starlette",
    "uvicorn",
    "rich",
    "click",
    "pydantic",
    "aiohttp",
    "httpx-aiohttp",
    "jsonschema",
    "pyyaml",
}
UV = shutil.which("uv")


@pytest.mark.parametrize("package", PACKAGES)
def test_package_is_typed(package: str) -> None:
    assert importlib.resources.files(package).joinpath("py.typed").is_file()


# --- the built wheel in fresh venvs ----------------------------------------------------------


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``args`` as a user would: outside the repository, without the test's PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYTEST_"))}
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if UV is None:
        pytest.skip("uv is not on PATH (it builds the wheel and the venvs)")
    out = tmp_path_factory.mktemp("dist")
    run(UV, "build", "--wheel", "--quiet", "--out-dir", out, ROOT, cwd=out)
    (built,) = out.glob("scrapejobs-*.whl")
    return built


def install(wheel: Path, where: Path, extras: str) -> Path:
    """Make a venv in ``where`` with the wheel (and ``extras``) and pytest; return its bin dir."""
    assert UV is not None
    run(UV, "venv", "--quiet", "--python", sys.executable, where / "venv", cwd=where)
    python = where / "venv" / "bin" / "python"
    spec = f"scrapejobs{extras} @ {wheel.as_uri()}"
    command = (
        UV,
        "pip",
        "install",
        "--quiet",
        "--python",
        python,
        spec,
        f"pytest=={pytest.__version__}",
    )
    if run(*command, "--offline", cwd=where, check=False).returncode != 0:
        run(*command, cwd=where)  # not all in uv's cache: from PyPI
    return python.parent


@pytest.fixture(scope="module")
def base(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install(wheel, tmp_path_factory.mktemp("base"), "")


@pytest.fixture(scope="module")
def cli_only(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install(wheel, tmp_path_factory.mktemp("cli"), "[cli]")


@pytest.fixture(scope="module")
def full(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install(wheel, tmp_path_factory.mktemp("all"), "[all]")


@pytest.mark.packaging
def test_the_wheel_ships_py_typed_in_every_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"{package}/py.typed" for package in PACKAGES} <= names


@pytest.mark.packaging
def test_the_base_install_is_the_clients_and_the_job_interface(base: Path) -> None:
    listed = run(
        base / "python",
        "-c",
        "import importlib.metadata as m; print(sorted(d.metadata['Name'].lower() for d in m.distributions()))",
        cwd=base,
    )
    installed = set(eval(listed.stdout))  # noqa: S307 -- our own repr of a list of names
    assert not installed & EXTRA_DISTRIBUTIONS
    assert {"httpx", "attrs", "tenacity", "scrapejobs"} <= installed
    loaded = run(
        base / "python",
        "-c",
        "import sys, scrapejobs; from scrapejobs import BatchRunner, Jobs, run_batch; "
        f"print(sorted(m for m in {SERVER_AND_UI!r} if m in sys.modules))",
        cwd=base,
    )
    assert loaded.stdout.strip() == "[]"


@pytest.mark.packaging
def test_without_an_extra_each_entry_point_says_what_to_install(base: Path) -> None:
    cli = run(base / "scrapejobs", "--help", cwd=base, check=False)
    assert (cli.returncode, cli.stdout) == (2, "")
    assert cli.stderr == (
        "scrapejobs: error: the command line needs its extra: pip install 'scrapejobs[cli]'\n"
    )
    for module, extra in [
        ("scrapejobs_emulator", "emulator"),
        ("scrapejobs.webhooks.receiver", "webhooks"),
    ]:
        failed = run(base / "python", "-c", f"import {module}", cwd=base, check=False)
        assert failed.returncode == 1
        last = failed.stderr.strip().splitlines()[-1]
        assert last.startswith("ImportError: ")
        assert last.endswith(f"pip install 'scrapejobs[{extra}]'")
    transport = run(
        base / "python",
        "-c",
        "from scrapejobs.transport import async_transport\n"
        "print(type(async_transport().inner).__name__)\n"
        "try:\n    async_transport('aiohttp')\nexcept ImportError as error:\n    print(error)",
        cwd=base,
    )
    assert transport.stdout.splitlines() == [
        "AsyncHTTPTransport",
        "the aiohttp transport needs its extra: pip install 'scrapejobs[aiohttp]' "
        "(or 'scrapejobs[cli]')",
    ]


USER_TESTS = """
import importlib.util

def test_users_own_test():
    assert importlib.util.find_spec("scrapejobs") is not None
"""
FIXTURE_TEST = """
def test_the_emulator_fixture(scrapejobs_emulator):
    assert scrapejobs_emulator.client("scrapio") is not None
"""


@pytest.mark.packaging
def test_the_pytest_plugin_never_breaks_a_users_pytest(base: Path, full: Path) -> None:
    (base / "test_user.py").write_text(USER_TESTS)
    done = run(
        base / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py", cwd=base
    )
    assert "1 passed" in done.stdout
    (full / "test_fixture.py").write_text(FIXTURE_TEST)
    done = run(
        full / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_fixture.py", cwd=full
    )
    assert "1 passed" in done.stdout


@pytest.mark.packaging
def test_with_all_extras_the_cli_works_and_scrapejobs_stays_light(full: Path) -> None:
    done = run(full / "scrapejobs", "--help", cwd=full)
    assert "Usage: scrapejobs" in done.stdout
    # httpx itself imports click and rich when they are installed (its own command line,
    # httpx._main): block that one module to see what scrapejobs imports.
    loaded = run(
        full / "python",
        "-c",
        "import sys; sys.modules['httpx._main'] = None; import scrapejobs; "
        f"print(sorted(m for m in {SERVER_AND_UI!r} if m in sys.modules))",
        cwd=full,
    )
    assert loaded.stdout.strip() == "[]"


@pytest.mark.packaging
def test_the_cli_extra_without_the_emulator_says_what_to_install(cli_only: Path) -> None:
    hint = "scrapejobs: error: the emulator needs its extra: pip install 'scrapejobs[emulator]'\n"
    served = run(cli_only / "scrapejobs", "emulator", "--port", "0", cwd=cli_only, check=False)
    assert (served.returncode, served.stderr) == (2, hint)
    (cli_only / "urls.txt").write_text("https://example.com/\n")
    embedded = run(
        cli_only / "scrapejobs",
        "run",
        "-p",
        "scrapio",
        "--input",
        "urls.txt",
        "--output",
        "out.jsonl",
        "--emulator",
        "--no-progress",
        cwd=cli_only,
        check=False,
    )
    assert (embedded.returncode, embedded.stderr) == (2, hint)
