"""Generate every typed package in ``generated/`` from the hand-written specs in ``specs/``.

Run through ``nox -s generate`` (which installs the pinned generators). Usage::

    python scripts/generate.py           # regenerate generated/ in place
    python scripts/generate.py --check   # regenerate into a temp dir; exit 1 if generated/ differs
    python scripts/generate.py --out DIR # regenerate into DIR instead of generated/

For each provider ``P`` it produces:

* ``P_client/`` -- openapi-python-client (attrs + httpx), configured by ``specs/P.config.yaml``
  and the credential-hiding template in ``specs/templates``;
* ``provider_models/P.py`` -- pydantic v2 models from datamodel-code-generator, for the emulator.

Every output directory is removed before it is written (``--overwrite`` keeps stale files), and
both generators and their formatter run isolated from the repository's own ruff configuration,
so the output depends only on the specs and the pinned tool versions.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
TEMPLATES = SPECS / "templates"

PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")

DMCG_FLAGS = (
    "--input-file-type", "openapi",
    "--output-model-type", "pydantic_v2.BaseModel",
    "--use-annotated",
    "--field-constraints",
    "--snake-case-field",
    "--use-standard-collections",
    "--target-python-version", "3.11",
    "--disable-timestamp",
    "--formatters", "ruff-format", "ruff-check",
    "--use-double-quotes",
    "--strict-nullable",
    "--use-missing-sentinel",
    "--target-pydantic-version", "2.14",
    "--allow-population-by-field-name",
    "--openapi-scopes", "schemas", "paths", "webhooks",
    # `format: uri` stays `str` (as in the attrs clients): pydantic's AnyUrl rewrites the URL
    # (`https://example.com` -> `https://example.com/`), so a request would not round-trip.
    "--type-mappings", "string+uri=string",
)  # fmt: skip

MARKER = """\
# generated/ -- do not edit

Everything below this folder is written by `nox -s generate` (scripts/generate.py) from the
hand-written specs in `specs/`. Edit a spec or `specs/<provider>.config.yaml`, then regenerate.
`nox -s tests` fails when this tree differs from what the specs produce.

- `<provider>_client/`: typed attrs + httpx clients (openapi-python-client).
- `provider_models/`: pydantic v2 models of the same specs, used by the emulator
  (datamodel-code-generator).
"""

PY_TYPED = "# Marker file for PEP 561: this package ships type information.\n"


def _tool_env(workdir: Path) -> dict[str, str]:
    """Return an environment whose PATH finds the pinned tools of this interpreter first.

    The post-hooks and formatters look ``ruff`` up on PATH; putting this interpreter's bin
    directory first makes them use the pinned ruff of the same virtualenv. Ruff's cache goes to
    ``workdir`` so nothing lands in the output.
    """
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["RUFF_CACHE_DIR"] = str(workdir / ".ruff_cache")
    env["RUFF_NO_CACHE"] = "true"
    return env


def _tool(name: str) -> str:
    """Return the path of a console script installed next to this interpreter.

    Raises:
        SystemExit: when the tool is not installed (run through ``nox -s generate``).

    """
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed; run `nox -s generate`")
    return found


def generate_client(provider: str, out: Path, workdir: Path) -> None:
    """Generate ``<provider>_client`` into ``out`` with openapi-python-client.

    Removes the package directory first and adds ``py.typed``. Raises
    ``subprocess.CalledProcessError`` when the generator fails or warns.
    """
    package = out / f"{provider}_client"
    shutil.rmtree(package, ignore_errors=True)
    subprocess.run(
        [
            _tool("openapi-python-client"),
            "generate",
            "--path", str(SPECS / f"{provider}.openapi.yaml"),
            "--config", str(SPECS / f"{provider}.config.yaml"),
            "--custom-template-path", str(TEMPLATES),
            "--meta", "none",
            "--output-path", str(package),
            "--fail-on-warning",
        ],
        check=True,
        cwd=workdir,
        env=_tool_env(workdir),
    )  # fmt: skip
    shutil.rmtree(package / ".ruff_cache", ignore_errors=True)
    (package / "py.typed").write_text(PY_TYPED)


def generate_models(provider: str, out: Path, workdir: Path) -> None:
    """Generate ``provider_models/<provider>.py`` with datamodel-code-generator.

    Runs in ``workdir`` so the formatter never reads this repository's ruff settings. Raises
    ``subprocess.CalledProcessError`` when the generator fails.
    """
    package = out / "provider_models"
    package.mkdir(parents=True, exist_ok=True)
    spec_copy = workdir / f"{provider}.openapi.yaml"
    shutil.copyfile(SPECS / f"{provider}.openapi.yaml", spec_copy)
    # The formatter reads the ruff settings that apply to the *output* path, so write inside
    # workdir (next to its ruff.toml) and copy the result out.
    scratch = workdir / f"{provider}_models.py"
    subprocess.run(
        [
            _tool("datamodel-codegen"),
            "--input", spec_copy.name,
            *DMCG_FLAGS,
            "--output", scratch.name,
        ],
        check=True,
        cwd=workdir,
        env=_tool_env(workdir),
    )  # fmt: skip
    shutil.copyfile(scratch, package / f"{provider}.py")


def generate_all(out: Path) -> None:
    """Regenerate every provider's client and models into ``out`` (created if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "provider_models", ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="scrapejobs-gen-") as tmp:
        workdir = Path(tmp)
        # An empty ruff config makes formatting independent of any config above the temp dir.
        (workdir / "ruff.toml").write_text('line-length = 100\ntarget-version = "py311"\n')
        for provider in PROVIDERS:
            generate_client(provider, out, workdir)
            generate_models(provider, out, workdir)
    models = out / "provider_models"
    (models / "__init__.py").write_text(
        '"""Pydantic v2 models of the five provider specs (generated; used by the emulator)."""\n'
    )
    (models / "py.typed").write_text(PY_TYPED)
    (out / "README.md").write_text(MARKER)


def tree_differences(expected: Path, actual: Path) -> list[str]:
    """Return the relative paths that differ between two trees (missing, extra or changed).

    Caches and bytecode are ignored. Returns an empty list when the trees are identical.
    """
    ignore = {"__pycache__", ".ruff_cache", ".mypy_cache"}
    differences: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differences.extend(prefix + name for name in cmp.left_only if name not in ignore)
        differences.extend(prefix + name for name in cmp.right_only if name not in ignore)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differences.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            if name not in ignore:
                walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(expected, actual, ignore=list(ignore)), "")
    return sorted(differences)


def main(argv: list[str] | None = None) -> int:
    """Run the generator; return 0 on success, 1 when ``--check`` finds ``generated/`` stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    parser.add_argument("--out", type=Path, default=None, help="output directory")
    args = parser.parse_args(argv)
    if not args.check:
        generate_all(args.out or GENERATED)
        return 0
    with tempfile.TemporaryDirectory(prefix="scrapejobs-check-") as tmp:
        fresh = Path(tmp) / "generated"
        generate_all(fresh)
        stale = tree_differences(fresh, GENERATED)
    if stale:
        print("generated/ is stale; run `nox -s generate`. Differing paths:", file=sys.stderr)
        for path in stale:
            print(f"  {path}", file=sys.stderr)
        return 1
    print("generated/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
