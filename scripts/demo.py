"""The main job, end to end: ``scrapejobs run`` on the embedded emulator for all five providers.

For each provider: a few hundred URLs, emulator faults on (429s, 503s, dropped connections,
failed jobs), the real CLI in a subprocess, results written to ``demo-output/<provider>.jsonl``
with a ledger beside them; then one table of all five runs. Exit status 0 when every input of
every provider has exactly one output line (failed jobs from injected faults are expected).

    python scripts/demo.py [--urls 300] [--faults 0.02] [--out demo-output]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
COLUMNS = (
    "inputs",
    "jobs",
    "succeeded",
    "failed",
    "refused",
    "uncertain",
    "requests_per_job",
    "elapsed_seconds",
)


def scrapejobs_command() -> list[str]:
    """Return the command that runs the installed CLI (next to this interpreter)."""
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


def run_provider(
    provider: str, urls: Path, out: Path, faults: float, seed: int
) -> dict[str, object]:
    """Run one provider through the CLI; return its summary JSON (raises if the run broke)."""
    output = out / f"{provider}.jsonl"
    summary = out / f"{provider}.summary.json"
    config = out / f"{provider}.emulator.json"
    config.write_text(json.dumps({"seed": seed, "decodo_batch_interval_seconds": 1.0}))
    for stale in (output, summary, out / f"{provider}.ledger"):
        stale.unlink(missing_ok=True)
    command = [
        *scrapejobs_command(),
        "run",
        "--provider", provider,
        "--input", str(urls),
        "--output", str(output),
        "--ledger", str(out / f"{provider}.ledger"),
        "--emulator",
        "--emulator-config", str(config),
        "--emulator-faults", str(faults),
        "--summary-json", str(summary),
    ]  # fmt: skip
    completed = subprocess.run(command, check=False)
    if completed.returncode not in (0, 3):  # 3: finished, some inputs failed (faults on)
        raise SystemExit(f"{provider}: scrapejobs run exited with {completed.returncode}")
    lines = output.read_text().splitlines()
    report: dict[str, object] = json.loads(summary.read_text())
    if len(lines) != report["inputs"]:
        raise SystemExit(f"{provider}: {len(lines)} output lines for {report['inputs']} inputs")
    return report


def main() -> int:
    """Run the demo; print the table of all five runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=300, help="URLs per provider")
    parser.add_argument("--faults", type=float, default=0.02, help="emulator fault rate")
    parser.add_argument("--out", type=Path, default=Path("demo-output"))
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    urls = args.out / "urls.txt"
    urls.write_text("".join(f"https://example.com/products/{i}\n" for i in range(args.urls)))
    started = time.monotonic()
    reports = {
        provider: run_provider(provider, urls, args.out, args.faults, seed)
        for seed, provider in enumerate(PROVIDERS, start=1)
    }
    table = Table(title=f"scrapejobs demo · {args.urls} URLs per provider · faults {args.faults}")
    table.add_column("provider")
    for column in COLUMNS:
        table.add_column(column.replace("_", " "), justify="right")
    for provider, report in reports.items():
        table.add_row(provider, *(str(report[column]) for column in COLUMNS))
    console = Console(width=max(Console().width, 120))
    console.print(table)
    console.print(
        f"results in {args.out}/<provider>.jsonl (one line per input) · "
        f"{time.monotonic() - started:.0f} s in all"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
