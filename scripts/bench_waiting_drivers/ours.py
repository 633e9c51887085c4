"""The scrapejobs sides of ``scripts/bench_waiting.py``: ``ours-run``, ``ours-wait``, ``ours-cli``….

    python scripts/bench_waiting_drivers/ours.py --side ours-run --provider decodo \
        --base-url http://127.0.0.1:PORT --urls urls.txt --out held.json

The credential is read from ``$BENCH_TOKEN`` (and ScrapingPros' webhook signing secret from
``$SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET``); the emulator serves provider ``p`` under
``{base}/{p}``. Only the public API is used:

- ``ours-run``: ``scrapejobs.run_batch`` with its defaults and a fresh ledger;
- ``ours-wait``: the runner's batching (``scrapejobs.batch.planning.planner(p).plan`` at the default
  batch size), ``AsyncJobs.submit`` of each planned request, then one ``AsyncJobs.as_completed``
  over every job (the waiting ``AsyncJobs.wait`` is built on), each job's ``AsyncJobs.result``
  read as it ends (handed over without a request when the wait read it);
- ``ours-frugal``: ``scrapejobs.run_batch(..., timing=scrapejobs.FRUGAL)``;
- ``ours-webhooks``: ``scrapejobs run --webhook-port 0`` (the CLI, run in this process so that
  each output line's moment is seen: the CLI writes its output file whole only at the end);
- ``ours-cli``: ``scrapejobs run`` polling (the same, without webhooks).

Writes one JSON document: every job held (the provider job id, its URL where known, and
``time.time()`` when its result was in hand), CPU and wall seconds of the workload.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import scrapejobs
from scrapejobs.batch.inputs import parse_lines
from scrapejobs.batch.planning import DEFAULT_BATCH_SIZE, planner

Hold = Callable[[str | None, str | None], None]
SUBMISSIONS_IN_FLIGHT = 8


def ours_run(
    provider: str, base: str, token: str, urls: list[str], hold: Hold, **options: Any
) -> None:
    """``run_batch`` with defaults (and ``options``); each item is held when it is yielded."""
    with tempfile.TemporaryDirectory() as tmp:
        for item in scrapejobs.run_batch(
            provider,
            token,
            urls,
            ledger=Path(tmp) / "run.ledger",
            base_url=f"{base}/{provider}",
            **options,
        ):
            if item.state is not scrapejobs.ItemState.SUCCEEDED or item.job is None:
                raise RuntimeError(f"line {item.line} ended {item.state.value}: {item.reason}")
            hold(item.job.job_id, item.input.params.get("url"))


def ours_wait(provider: str, base: str, token: str, urls: list[str], hold: Hold) -> None:
    """Submit as the runner batches, ``wait`` for every job, then read each result."""

    async def main() -> None:
        inputs, _ = parse_lines(urls)
        plan = planner(provider)
        planned = plan.plan(inputs, DEFAULT_BATCH_SIZE[provider])
        async with scrapejobs.AsyncJobs(provider, token, base_url=f"{base}/{provider}") as jobs:
            sending = asyncio.Semaphore(SUBMISSIONS_IN_FLIGHT)

            async def submit(request: dict[str, Any]) -> list[scrapejobs.JobRef]:
                async with sending:
                    return await jobs.submit(plan.model(request))

            batches = await asyncio.gather(*(submit(sub.request) for sub in planned))
            refs = [ref for batch in batches for ref in batch]
            async for status in jobs.as_completed(refs, timeout=600.0):
                await jobs.result(status.ref)
                hold(status.ref.job_id, None)

    asyncio.run(main())


def ours_webhooks(provider: str, base: str, token: str, urls: list[str], hold: Hold) -> None:
    """``scrapejobs run --webhook-port 0`` in this process; a line is held when the CLI has it."""
    cli_run(provider, base, token, urls, hold, ["--webhook-port", "0"])


def ours_cli(provider: str, base: str, token: str, urls: list[str], hold: Hold) -> None:
    """``scrapejobs run`` polling, in this process; a line is held when the CLI has it."""
    cli_run(provider, base, token, urls, hold, [])


def cli_run(
    provider: str, base: str, token: str, urls: list[str], hold: Hold, options: list[str]
) -> None:
    """Run ``scrapejobs run`` with ``options`` in this process; hold each line as it comes.

    The CLI keeps each output line in its spool as the result arrives (and writes the output in
    input order at the end): a line is held when it is added to the spool.
    """
    from scrapejobs import cli
    from scrapejobs.cli import execute
    from scrapejobs.cli.spool import LineSpool

    if getattr(execute, "LineSpool", None) is not LineSpool:
        raise RuntimeError("scrapejobs.cli.execute no longer keeps output lines in a LineSpool")
    add = LineSpool.add

    def timed(spool: LineSpool, line_number: int, text: str) -> None:
        add(spool, line_number, text)
        line = json.loads(text)
        if line["state"] != "succeeded":
            raise RuntimeError(f"line {line['line']} ended {line['state']}: {line['reason']}")
        hold(line["job_id"], line["input"].get("url"))

    setattr(LineSpool, "add", timed)  # noqa: B010 -- the CLI's one call taking a result line
    os.environ[f"SCRAPEJOBS_{provider.upper()}_TOKEN"] = token
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "urls.txt").write_text("\n".join(urls) + "\n")
        args = [
            "run",
            "--provider", provider,
            "--input", str(work / "urls.txt"),
            "--output", str(work / "out.jsonl"),
            "--base-url", f"{base}/{provider}",
            "--no-progress",
            *options,
        ]  # fmt: skip
        try:
            cli.main(args, standalone_mode=False)
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                raise RuntimeError(f"scrapejobs run exited {exit_.code}") from None


def ours_frugal(provider: str, base: str, token: str, urls: list[str], hold: Hold) -> None:
    """``run_batch`` with ``timing=scrapejobs.FRUGAL``."""
    ours_run(provider, base, token, urls, hold, timing=scrapejobs.FRUGAL)


SIDES: dict[str, Callable[[str, str, str, list[str], Hold], None]] = {
    "ours-run": ours_run,
    "ours-frugal": ours_frugal,
    "ours-wait": ours_wait,
    "ours-webhooks": ours_webhooks,
    "ours-cli": ours_cli,
}


def main() -> int:
    """Run one side over the URLs; write the held jobs and costs as JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--side", required=True, choices=sorted(SIDES))
    parser.add_argument("--provider", required=True, choices=scrapejobs.PROVIDERS)
    parser.add_argument("--base-url", required=True, help="the emulator's root URL")
    parser.add_argument("--urls", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    token = os.environ["BENCH_TOKEN"]
    urls = args.urls.read_text().split()
    held: list[dict[str, Any]] = []

    def hold(job_id: str | None, url: str | None) -> None:
        held.append({"job_id": job_id, "url": url, "at": time.time()})

    errors: list[str] = []
    started, cpu = time.time(), time.process_time()
    try:
        SIDES[args.side](args.provider, args.base_url.rstrip("/"), token, urls, hold)
    except Exception as exc:  # reported in the table: one side failing is not a crash
        traceback.print_exc()
        errors.append(f"{type(exc).__name__}: {exc}"[:300])
    document = {
        "side": args.side,
        "provider": args.provider,
        "held": held,
        "wall_seconds": time.time() - started,
        "cpu_seconds": time.process_time() - cpu,
        "errors": errors,
        "python": sys.version.split()[0],
    }
    args.out.write_text(json.dumps(document))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
