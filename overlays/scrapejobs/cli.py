"""The ``scrapejobs`` command line (click).

Exit codes: 0 success; 1 the command failed; 2 bad usage or a bad input file (click's usage
errors). Credentials are never printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.group()
@click.version_option(package_name="scrapejobs")
def main() -> None:
    """Typed clients, one job interface and a local emulator for five scraping job APIs."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, help="Port; 0 picks a free one.")
@click.option(
    "--token",
    "tokens",
    multiple=True,
    help="Accepted credential, repeatable; each is its own account. [default: emulator-token]",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file with an emulator configuration (any EmulatorConfig field).",
)
@click.option("--seed", type=int, default=None, help="Seed for durations and fault rates.")
def emulator(
    host: str, port: int, tokens: tuple[str, ...], config_file: Path | None, seed: int | None
) -> None:
    """Serve the emulator of all five APIs (Ctrl-C stops it)."""
    from pydantic import ValidationError

    from scrapejobs_emulator.config import EmulatorConfig
    from scrapejobs_emulator.server import run

    try:
        data = json.loads(config_file.read_text()) if config_file else {}
    except ValueError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint="--config") from exc
    if tokens:
        data["tokens"] = list(tokens)
    if seed is not None:
        data["seed"] = seed
    try:
        config = EmulatorConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise click.BadParameter(f"{where}: {first['msg']}", param_hint="--config") from exc
    raise SystemExit(run(config, host, port))
