"""Soak ``scrapejobs run``: every provider, many inputs, every fault on, SIGKILLs, then an audit.

    python scripts/soak.py [--urls 2000] [--kills 5] [--providers decodo,scrapio] [--seed 1]
                           [--run-timeout 900] [--batch-size N] [--parallel] [--no-webhooks]
                           [--keep DIR] [--json soak.json]

One emulator is served on 127.0.0.1 from this process (uvicorn on a thread) with these faults on
every provider request (:data:`SOAK_FAULTS`): 10 % 429, 5 % 5xx (2 % 500, 1 % 502, 2 % 503),
2 % connections dropped before processing and 2 % after it (the client cannot know the request
was served), 1 % of jobs failing, 20 % of webhook delivery attempts failing. Rates are drawn
in that order per request, so the effective rates are slightly lower than the nominal ones.

For each provider in turn (all at once with ``--parallel``), ``--urls`` distinct URLs go through the real CLI in a subprocess with
a webhook receiver (``--webhook-port 0``: polling must cover the failed deliveries). The CLI is
SIGKILLed ``--kills`` times, each from inside the emulator while it serves a request chosen at
random (seeded) — the window in which a submission may have been taken without the client
knowing — and restarted with the same arguments until a run ends by itself. Then each input is
checked against the emulator's own job records:

- **lost**: no output line, a state that is not an outcome, a line that does not name the job
  the provider made for the input, a success without a result, or a failure reported for a job
  that succeeded at the provider (an input reported ``uncertain`` is not lost: it says so);
- **paid twice**: more than one job at the provider for one input (allowed only for inputs
  reported ``uncertain``, and never where submissions carry an idempotency key);
- a run that goes on longer than ``--run-timeout`` seconds is killed and reported as a stall.

Prints one table row per provider and a verdict; exits 1 when an invariant is broken. The
emulator takes one core and the CLI the other. No network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.config import PROVIDER_NAMES, Faults
from scrapejobs_emulator.errors import ConnectionDropped
from scrapejobs_emulator.jobs import Phase, target_url
from scrapejobs_emulator.server import serve_in_thread

TOKEN = "soak-token"  # noqa: S105 -- a local emulator credential
WEBHOOK_SECRET = "soak-webhook-secret"  # noqa: S105 -- ScrapingPros' local signing secret
IDEMPOTENT = frozenset({"scrapio", "scrapingpros"})
"""Providers whose submissions carry an idempotency key: an input is never paid twice."""
OUTCOMES = frozenset({"succeeded", "failed", "cancelled", "refused", "uncertain"})
"""Output states that end an input (``expired`` is a result lost: retention is hours here)."""
SOAK_FAULTS = Faults(
    rate_429=0.10,
    rate_500=0.02,
    rate_502=0.01,
    rate_503=0.02,
    rate_drop=0.02,
    rate_drop_after=0.02,
    retry_after_seconds=1,
    job_failure_rate=0.01,
    webhook_failure_rate=0.20,
)
KILL_WINDOW_PER_INPUT = 0.5
"""Kill points are drawn among a provider's first ``inputs * KILL_WINDOW_PER_INPUT`` requests
(counted over all its runs): every provider makes more than that (batched status reads bring
some close to one request per input), so the kills land inside the runs, not after their end."""


def soak_config(seed: int, faults: Faults = SOAK_FAULTS) -> EmulatorConfig:
    """Return the emulator configuration of a soak (one token, ``faults``, seeded)."""
    return EmulatorConfig(
        tokens=[TOKEN],
        webhook_secret=WEBHOOK_SECRET,
        seed=seed,
        faults=faults.model_copy(),
        decodo_batch_interval_seconds=1.0,
        scrapedo_concurrency=100,
    )


class _QuietDrops(logging.Filter):
    """Drops uvicorn's traceback of a connection the emulator dropped on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], ConnectionDropped))


@contextmanager
def emulator_served(config: EmulatorConfig) -> Iterator[tuple[str, Emulator]]:
    """Serve a fresh emulator on 127.0.0.1; yield its base URL and the emulator.

    Injected drops are not logged as tracebacks while it is served.
    """
    emulator = Emulator(config)
    quiet = _QuietDrops()
    logger = logging.getLogger("uvicorn.error")
    logger.addFilter(quiet)
    try:
        with serve_in_thread(emulator) as base_url:
            yield base_url, emulator
    finally:
        logger.removeFilter(quiet)


class KillSwitch:
    """SIGKILLs a provider's armed CLI process while the emulator serves its N-th request.

    The kill happens inside the request, after the provider app handled it: the request's
    effect exists at the "provider", and the client dies before it can record it. Each provider
    has its own count and its own armed process, so providers can be soaked at once.
    """

    def __init__(self, emulator: Emulator) -> None:
        """Count every request ``emulator`` serves from now on, per provider."""
        self.served: dict[str, int] = dict.fromkeys(PROVIDER_NAMES, 0)
        self._armed: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()
        original: Callable[[str, str], None] = emulator.stats.count_request

        def counting(provider: str, operation: str) -> None:
            original(provider, operation)
            with self._lock:
                self.served[provider] = self.served.get(provider, 0) + 1
                armed = self._armed.get(provider)
                if armed is not None and self.served[provider] >= armed[1]:
                    del self._armed[provider]
                    os.kill(armed[0], signal.SIGKILL)

        emulator.stats.count_request = counting  # type: ignore[method-assign]

    def arm(self, provider: str, pid: int, at: int | None) -> None:
        """Kill ``pid`` once ``provider`` has served ``at`` requests in all (None: never)."""
        with self._lock:
            self._armed.pop(provider, None)
            if at is not None:
                self._armed[provider] = (pid, max(at, self.served.get(provider, 0) + 1))

    def disarm(self, provider: str) -> None:
        """Kill none of ``provider``'s processes any more."""
        self.arm(provider, 0, None)


def cli() -> list[str]:
    """Return the command of the installed CLI."""
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]


def cli_command(
    provider: str,
    base_url: str,
    work: Path,
    concurrency: int,
    *,
    webhooks: bool = True,
    batch_size: int | None = None,
) -> list[str]:
    """Return the ``scrapejobs run`` command of one provider's soak."""
    return [
        *cli(),
        "run",
        "--provider", provider,
        "--input", str(work / "urls.txt"),
        "--output", str(work / "out.jsonl"),
        "--ledger", str(work / "run.ledger"),
        "--base-url", f"{base_url}/{provider}",
        "--concurrency", str(concurrency),
        "--no-progress",
        "--summary-json", str(work / "summary.json"),
        *(["--webhook-port", "0"] if webhooks else []),
        *(["--batch-size", str(batch_size)] if batch_size else []),
    ]  # fmt: skip


@dataclass
class ProviderSoak:
    """What one provider's soak did and what the audit found."""

    provider: str
    inputs: int
    jobs: int = 0
    """Jobs created at the emulator for this provider."""
    requests: int = 0
    """Requests the emulator served for this provider, over all runs."""
    lost: int = 0
    paid_twice: int = 0
    paid_twice_not_uncertain: int = 0
    uncertain: int = 0
    uncertain_paid: int = 0
    """Uncertain inputs for which the provider did make a job (paid, result not collected)."""
    failed: int = 0
    failed_at_provider: int = 0
    """Jobs the emulator failed (the injected 1 %)."""
    refused: int = 0
    runs: int = 0
    kills: int = 0
    exits: list[int] = field(default_factory=list)
    stalled: bool = False
    wall_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    """One line per input that breaks an invariant (capped), for the report."""

    def broken(self) -> list[str]:
        """Return the invariants this soak broke (empty when every one holds).

        Nothing lost; nothing paid twice outside inputs reported ``uncertain``; where submissions
        carry an idempotency key, nothing paid twice and nothing uncertain (an interrupted
        submission is resent with its key); no stall; the last run ended by itself (0 or 3).
        """
        broken = []
        if self.stalled:
            broken.append("stalled")
        elif self.exits and self.exits[-1] not in (0, 3):
            broken.append(f"last run exited {self.exits[-1]}")
        if self.lost:
            broken.append(f"{self.lost} lost")
        if self.paid_twice_not_uncertain:
            broken.append(f"{self.paid_twice_not_uncertain} paid twice without being uncertain")
        if self.provider in IDEMPOTENT and self.paid_twice:
            broken.append(f"{self.paid_twice} paid twice despite idempotency keys")
        if self.provider in IDEMPOTENT and self.uncertain:
            broken.append(f"{self.uncertain} uncertain despite idempotency keys")
        return broken

    @property
    def ok(self) -> bool:
        """True when :meth:`broken` finds nothing."""
        return not self.broken()


def write_urls(work: Path, provider: str, count: int) -> list[str]:
    """Write ``count`` distinct URLs to ``work/urls.txt``; return them."""
    urls = [f"https://shop.example/{provider}/soak/{i}" for i in range(count)]
    (work / "urls.txt").write_text("\n".join(urls) + "\n")
    return urls


def audit(soak: ProviderSoak, emulator: Emulator, work: Path, urls: Sequence[str]) -> None:
    """Compare the output with the emulator's job records; fill ``soak``'s counts."""
    output = work / "out.jsonl"
    lines = (
        [json.loads(line) for line in output.read_text().splitlines()] if output.exists() else []
    )
    by_line = {line["line"]: line for line in lines}
    jobs: dict[str, list[tuple[str, Phase]]] = {}
    for record in emulator.store.records(soak.provider):
        jobs.setdefault(target_url(record) or "?", []).append((record.id, record.phase))
    soak.jobs = sum(len(made) for made in jobs.values())
    soak.failed_at_provider = sum(
        1 for made in jobs.values() for _, phase in made if phase is Phase.FAILED
    )

    def problem(number: int, url: str, what: str) -> None:
        if len(soak.problems) < 20:
            soak.problems.append(f"line {number} {url}: {what}")

    for number, url in enumerate(urls, start=1):
        made = jobs.get(url, [])
        ids = [job_id for job_id, _ in made]
        line = by_line.get(number)
        state = line["state"] if line else None
        if len(made) > 1:
            soak.paid_twice += 1
            if state != "uncertain":
                soak.paid_twice_not_uncertain += 1
                problem(number, url, f"{len(made)} jobs {ids}, reported {state}")
        if line is None:
            soak.lost += 1
            problem(number, url, f"no output line (jobs {ids})")
            continue
        soak.uncertain += state == "uncertain"
        soak.failed += state == "failed"
        soak.refused += state == "refused"
        if state == "uncertain":
            soak.uncertain_paid += bool(made)
            continue
        lost = None
        if state not in OUTCOMES:
            lost = f"state {state} ({line.get('reason')})"
        elif state == "refused":
            lost = f"refused, but the provider made jobs {ids}" if made else None
        elif ids != [line["job_id"]]:
            lost = f"{state} with job {line['job_id']}, the provider made {ids}"
        elif state == "succeeded" and not line["result"]:
            lost = "succeeded without a result"
        elif state == "failed" and made[0][1] is Phase.SUCCEEDED:
            lost = f"failed ({line.get('reason')}) though the job succeeded at the provider"
        if lost:
            soak.lost += 1
            problem(number, url, lost)


def run_once(
    command: list[str], provider: str, switch: KillSwitch, at: int | None, timeout: float
) -> tuple[int, bool]:
    """Run the CLI once, killed at ``provider``'s request ``at``; return (exit, stalled)."""
    env = {
        **os.environ,
        f"SCRAPEJOBS_{provider.upper()}_TOKEN": TOKEN,
        "SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    with subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as process:
        switch.arm(provider, process.pid, at)
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return process.returncode, True
        finally:
            switch.disarm(provider)
    if process.returncode not in (0, 3, -signal.SIGKILL):
        tail = stderr.decode(errors="replace").strip().splitlines()[-3:]
        print(f"  {provider}: exit {process.returncode}: {' | '.join(tail)}", flush=True)
    return process.returncode, False


def soak_provider(
    provider: str,
    base_url: str,
    emulator: Emulator,
    switch: KillSwitch,
    *,
    urls: int,
    kills: int,
    seed: int,
    concurrency: int = 32,
    run_timeout: float = 900.0,
    keep: Path | None = None,
    webhooks: bool = True,
    batch_size: int | None = None,
) -> ProviderSoak:
    """Soak one provider: kill its CLI ``kills`` times, resume until done, audit; return it.

    Its files (inputs, output, ledger, summary) are kept in ``keep/<provider>`` when given,
    else removed.
    """
    rng = random.Random(f"soak-{seed}-{provider}")
    window = max(2, int(urls * KILL_WINDOW_PER_INPUT))
    points = sorted(rng.randint(1, window) for _ in range(kills))
    soak = ProviderSoak(provider=provider, inputs=urls)
    with tempfile.TemporaryDirectory(prefix=f"soak-{provider}-") as tmp:
        work = Path(tmp) if keep is None else keep / provider
        work.mkdir(parents=True, exist_ok=True)
        for stale in ("out.jsonl", "run.ledger", "summary.json"):
            (work / stale).unlink(missing_ok=True)
        listed = write_urls(work, provider, urls)
        command = cli_command(
            provider, base_url, work, concurrency, webhooks=webhooks, batch_size=batch_size
        )
        started = time.monotonic()
        served_before = switch.served[provider]
        while soak.runs < kills + 20:  # a run that cannot finish must not loop forever
            soak.runs += 1
            pending = points[soak.kills :]
            at = served_before + pending[0] if pending else None
            code, stalled = run_once(command, provider, switch, at, run_timeout)
            soak.exits.append(code)
            if stalled:
                soak.stalled = True
                break
            if code == -signal.SIGKILL:
                soak.kills += 1
                continue
            break
        soak.wall_seconds = round(time.monotonic() - started, 1)
        soak.requests = switch.served[provider] - served_before
        audit(soak, emulator, work, listed)
    return soak


COLUMNS = (
    ("provider", "provider"),
    ("inputs", "inputs"),
    ("jobs", "jobs"),
    ("requests", "requests"),
    ("lost", "lost"),
    ("paid twice", "paid_twice"),
    ("uncertain", "uncertain"),
    ("uncertain paid", "uncertain_paid"),
    ("failed", "failed"),
    ("refused", "refused"),
    ("kills", "kills"),
    ("runs", "runs"),
    ("wall s", "wall_seconds"),
)


def table(soaks: Sequence[ProviderSoak]) -> str:
    """Return the soak's results as an aligned text table with a verdict column."""
    header = [title for title, _ in COLUMNS] + ["verdict"]
    rows = [
        [str(getattr(soak, name)) for _, name in COLUMNS] + ["; ".join(soak.broken()) or "ok"]
        for soak in soaks
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i == len(header) - 1 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    )


def soak(
    providers: Sequence[str],
    *,
    urls: int,
    kills: int,
    seed: int = 1,
    concurrency: int = 32,
    run_timeout: float = 900.0,
    faults: Faults = SOAK_FAULTS,
    keep: Path | None = None,
    webhooks: bool = True,
    batch_size: int | None = None,
    parallel: bool = False,
    report: Callable[[ProviderSoak], None] | None = None,
) -> list[ProviderSoak]:
    """Soak each provider on one served emulator; return their results in ``providers`` order.

    Providers go one after the other (each wall time is its own), or all at once with
    ``parallel`` (faster in all; wall times then include the others' load). ``report`` is
    called with each provider's result as soon as it is audited.
    """
    with emulator_served(soak_config(seed, faults)) as (base_url, emulator):
        switch = KillSwitch(emulator)

        def one(provider: str) -> ProviderSoak:
            result = soak_provider(
                provider,
                base_url,
                emulator,
                switch,
                urls=urls,
                kills=kills,
                seed=seed,
                concurrency=concurrency,
                run_timeout=run_timeout,
                keep=keep,
                webhooks=webhooks,
                batch_size=batch_size,
            )
            if report is not None:
                report(result)
            return result

        if not parallel:
            return [one(provider) for provider in providers]
        with ThreadPoolExecutor(max_workers=len(providers) or 1) as pool:
            return list(pool.map(one, providers))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the soak; print a table and a verdict; return 0 when every invariant holds, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=2000, help="inputs per provider")
    parser.add_argument("--kills", type=int, default=5, help="SIGKILLs per provider")
    parser.add_argument("--providers", default=",".join(PROVIDER_NAMES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--run-timeout", type=float, default=900.0, help="seconds per CLI run")
    parser.add_argument("--batch-size", type=int, help="inputs per submission (CLI default)")
    parser.add_argument("--parallel", action="store_true", help="all providers at once")
    parser.add_argument("--no-webhooks", action="store_true", help="wait by polling only")
    parser.add_argument("--keep", type=Path, help="keep each provider's files in KEEP/<provider>")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    providers = [name.strip() for name in args.providers.split(",") if name.strip()]
    unknown = sorted(set(providers) - set(PROVIDER_NAMES))
    if unknown:
        parser.error(f"unknown providers: {', '.join(unknown)}")
    print(
        f"soak: {args.urls} inputs x {len(providers)} providers, {args.kills} SIGKILLs each, "
        f"faults {SOAK_FAULTS.model_dump(exclude_defaults=True)}",
        flush=True,
    )

    def progress(result: ProviderSoak) -> None:
        print(
            f"  {result.provider}: lost {result.lost}, paid twice {result.paid_twice}, "
            f"uncertain {result.uncertain}, {result.kills} kills, {result.wall_seconds} s",
            flush=True,
        )
        for line in result.problems:
            print(f"    {line}", flush=True)

    results = soak(
        providers,
        urls=args.urls,
        kills=args.kills,
        seed=args.seed,
        concurrency=args.concurrency,
        run_timeout=args.run_timeout,
        keep=args.keep,
        webhooks=not args.no_webhooks,
        batch_size=args.batch_size,
        parallel=args.parallel,
        report=progress,
    )
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(result) for result in results], indent=2))
    broken = [result.provider for result in results if not result.ok]
    print("verdict: " + (f"BROKEN ({', '.join(broken)})" if broken else "ok"))
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
