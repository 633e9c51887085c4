"""Interrupt an offline ``scrapejobs run --emulator`` midway, rerun it, and check the outcome.

Usage::

    python scripts/resume_emulator_run.py [--provider scrapio] [--inputs 2000] [--at 0.5]
        [--signal int|kill] [--concurrency N] [--batch-size N] [--workdir DIR] [--json]

It writes ``--inputs`` distinct URLs, starts ``scrapejobs -v run --emulator`` on them, and when the
run's ledger holds ``--at`` of the inputs' jobs it interrupts the process (SIGINT: Ctrl-C, or
SIGKILL). Then it runs the same command again to the end, and reads three things: the output
file (one line per input, its state), the ledger (jobs per input) and the embedded emulator's
state file beside the ledger (the jobs the "provider" created, per URL). It prints the numbers
and exits 1 unless every input ended ``succeeded`` or ``failed`` (0 expired, 0 uncertain, nothing
lost) and no input was submitted twice (one job per URL at the emulator and in the ledger).

The interrupt point is found by reading the run's log as it is written (no sleeping): every
logged POST makes the script count the ledger's jobs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

EMULATOR_CONFIG = {
    # Short jobs, but long enough that some are still running when the run is interrupted.
    "progression": {"mode": "duration", "min_seconds": 0.2, "max_seconds": 1.5},
}


def command(provider: str, work: Path, extra: list[str]) -> list[str]:
    """Return the ``scrapejobs run`` command line (the same for the first run and the rerun)."""
    return [
        sys.executable, "-c", "from scrapejobs.cli import main; main()",
        "-v", "run",
        "--provider", provider,
        "--emulator",
        "--emulator-config", str(work / "emulator.json"),
        "--input", str(work / "urls.txt"),
        "--output", str(work / "out.jsonl"),
        "--ledger", str(work / "run.ledger"),
        "--no-progress",
        "--summary-json", str(work / "summary.json"),
        *extra,
    ]  # fmt: skip


def ledger_jobs(ledger: Path) -> int:
    """Return how many jobs the ledger holds (0 while it does not exist or is busy)."""
    if not ledger.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)) as db:
            (count,) = db.execute("SELECT count(*) FROM jobs").fetchone()
            return int(count)
    except sqlite3.Error:
        return 0


def interrupted_run(
    provider: str, work: Path, extra: list[str], threshold: int, signum: int
) -> dict[str, Any]:
    """Start the run, interrupt it once the ledger holds ``threshold`` jobs; return what happened."""
    sent = False
    at_signal = 0
    with subprocess.Popen(
        command(provider, work, extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        if process.stderr is None:  # pragma: no cover - stderr=PIPE always gives a stream
            raise RuntimeError("no stderr pipe")
        for line in process.stderr:
            if sent or "HTTP Request: POST" not in line:
                continue
            at_signal = ledger_jobs(work / "run.ledger")
            if at_signal >= threshold:
                process.send_signal(signum)
                sent = True
        exit_code = process.wait()
    return {
        "exit": exit_code,
        "signal_sent": sent,
        "ledger_jobs_at_signal": at_signal,
        "ledger_jobs_after_exit": ledger_jobs(work / "run.ledger"),
    }


def first_url(data: Any) -> str | None:
    """Return the first ``url`` string found in an emulator job record's data."""
    if isinstance(data, dict):
        if isinstance(data.get("url"), str):
            return str(data["url"])
        values: list[Any] = list(data.values())
    elif isinstance(data, list):
        values = data
    else:
        return None
    for value in values:
        found = first_url(value)
        if found is not None:
            return found
    return None


def check(provider: str, work: Path, urls: list[str]) -> dict[str, Any]:
    """Return the outcome of the finished run: states, duplicates, jobs at the emulator."""
    lines = [json.loads(line) for line in (work / "out.jsonl").read_text().splitlines()]
    states = Counter(str(line["state"]) for line in lines)
    ledger = f"file:{work / 'run.ledger'}?mode=ro"
    with contextlib.closing(sqlite3.connect(ledger, uri=True)) as db:
        twice_in_ledger = db.execute(
            "SELECT count(*) FROM (SELECT input_key FROM jobs WHERE input_key IS NOT NULL "
            "GROUP BY input_key HAVING count(*) > 1)"
        ).fetchone()[0]
        ledger_total = db.execute("SELECT count(*) FROM jobs").fetchone()[0]
    document = json.loads((work / "run.ledger.emulator.json").read_text())
    per_url = Counter(
        first_url(job["data"]) for job in document["jobs"] if job["provider"] == provider
    )
    missing_lines = sorted(set(range(1, len(urls) + 1)) - {int(line["line"]) for line in lines})
    return {
        "output_lines": len(lines),
        "missing_lines": len(missing_lines),
        "states": dict(sorted(states.items())),
        "expired": states.get("expired", 0),
        "ledger_jobs": ledger_total,
        "inputs_with_two_jobs_in_ledger": int(twice_in_ledger),
        "emulator_jobs": sum(per_url.values()),
        "urls_with_two_jobs_at_emulator": sum(1 for n in per_url.values() if n > 1),
        "urls_without_a_job_at_emulator": sum(1 for url in urls if per_url.get(url, 0) == 0),
    }


def resume(
    provider: str, inputs: int, at: float, signum: int, work: Path, extra: list[str]
) -> dict[str, Any]:
    """Interrupt a run at ``at`` of its jobs, rerun it to the end; return every number.

    ``extra`` goes to both runs' command lines (e.g. ``--concurrency 4``).
    """
    urls = [f"https://shop.example/{provider}/item/{i}" for i in range(inputs)]
    (work / "urls.txt").write_text("\n".join(urls) + "\n")
    (work / "emulator.json").write_text(json.dumps(EMULATOR_CONFIG))
    started = time.monotonic()
    first = interrupted_run(provider, work, extra, max(1, int(inputs * at)), signum)
    middle = time.monotonic()
    rerun = subprocess.run(
        command(provider, work, extra), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    finished = time.monotonic()
    result = {
        "provider": provider,
        "inputs": inputs,
        "signal": signal.Signals(signum).name,
        "options": " ".join(extra),
        "first_run": {**first, "seconds": round(middle - started, 1)},
        "rerun": {"exit": rerun.returncode, "seconds": round(finished - middle, 1)},
        **check(provider, work, urls),
        "rerun_summary": json.loads((work / "summary.json").read_text()),
    }
    result["ok"] = (
        first["signal_sent"]
        and rerun.returncode in (0, 3)
        and result["missing_lines"] == 0
        and set(result["states"]) <= {"succeeded", "failed"}
        and result["inputs_with_two_jobs_in_ledger"] == 0
        and result["urls_with_two_jobs_at_emulator"] == 0
        and result["urls_without_a_job_at_emulator"] == 0
    )
    if rerun.returncode not in (0, 3):
        result["rerun"]["stderr_tail"] = rerun.stderr[-2000:]
    return result


def main() -> int:
    """Parse the arguments, run the experiment, print its numbers; return 0 when it held."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--provider",
        default="scrapio",
        choices=("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio"),
    )
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--at", type=float, default=0.5, help="share of jobs before the signal")
    parser.add_argument("--signal", choices=("int", "kill"), default="int")
    parser.add_argument("--workdir", type=Path, help="keep the files here (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON only")
    parser.add_argument("--concurrency", type=int, help="scrapejobs run --concurrency")
    parser.add_argument("--batch-size", type=int, help="scrapejobs run --batch-size")
    args = parser.parse_args()
    extra = []
    if args.concurrency is not None:
        extra += ["--concurrency", str(args.concurrency)]
    if args.batch_size is not None:
        extra += ["--batch-size", str(args.batch_size)]
    signum = signal.SIGINT if args.signal == "int" else signal.SIGKILL
    with tempfile.TemporaryDirectory() as temp:
        work = args.workdir or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        result = resume(args.provider, args.inputs, args.at, signum, work, extra)
    if args.json:
        print(json.dumps(result))
    else:
        summary = result.pop("rerun_summary")
        for key, value in result.items():
            print(f"{key:34} {value}")
        print(f"{'rerun summary':34} {json.dumps(summary)}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
