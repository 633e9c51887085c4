"""Run many jobs of one provider through the overlay against the emulator with faults on.

Run with ``nox -s bench -- overlay`` or ``python scripts/bench_overlay.py``. Everything runs
in-process on a manual clock (the injected sleep moves it and lets the emulator deliver due
webhooks), so emulated seconds are exact and nothing really sleeps. Prints one JSON object per
mode (``polling`` and ``webhooks``):

- ``jobs_completed`` of ``jobs_submitted``, ``submissions_uncertain`` (not retried, by design);
- ``duplicates``: jobs the emulator holds beyond the refs the client got (must be 0);
- ``reads_per_job``: every request but submissions the emulator served (status, result and
  result-polling reads), per submitted job;
- ``completion_to_result_s``: emulated seconds from a job's completion (emulator) to its result
  in the client's hands: ``median`` and ``p99``;
- ``faults``: what the emulator injected.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import json
import random
import statistics
import sys
from typing import Any

import httpx
from scrapio_client.models import FetchInput, FetchJobRequest, Webhook

from scrapejobs.client import AsyncJobs
from scrapejobs.errors import SubmissionUncertainError
from scrapejobs.retries import RetryPolicy
from scrapejobs.webhooks import ScrapioVerifier
from scrapejobs.webhooks.events import WebhookEvents
from scrapejobs.webhooks.receiver import webhook_app
from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    ManualClock,
    Progression,
)
from scrapejobs_emulator.config import Faults

TOKEN = "emulator-token"  # noqa: S105 -- the emulator's default, not a credential
HOOK_TOKEN = "bench-hook-token"  # noqa: S105 -- a made-up webhook secret


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class VirtualTime:
    """Sleeps on the emulator's manual clock for many concurrent tasks.

    A sleeping task parks a future; when every worker is parked, time jumps to the earliest
    wake-up, the emulator delivers what is due, and those sleepers resume. Everything runs
    in-process, so "every worker parked" means nothing else can happen until time passes.
    """

    def __init__(self, clock: ManualClock, emulator: Emulator) -> None:
        self.clock = clock
        self.emulator = emulator
        self.parked: list[tuple[float, int, asyncio.Future[None]]] = []
        self.sequence = 0
        self.workers = 0

    async def sleep(self, seconds: float) -> None:
        """Park until the clock reaches now + ``seconds``."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.sequence += 1
        heapq.heappush(self.parked, (self.clock.now() + seconds, self.sequence, future))
        await future

    async def drive(self) -> None:
        """Advance time whenever all workers are parked, until the workers are done."""
        while self.workers > 0:
            await asyncio.sleep(0)
            self.parked = [entry for entry in self.parked if not entry[2].done()]
            heapq.heapify(self.parked)
            if not self.parked or len(self.parked) < self.workers:
                continue
            wake_at = self.parked[0][0]
            event_at = self.emulator.next_event_at()
            if event_at is not None and event_at > self.clock.now():
                wake_at = min(wake_at, event_at)  # jobs finish and webhooks go out on time
            self.clock.advance(max(0.0, wake_at - self.clock.now()))
            await self.emulator.deliver_webhooks()
            while self.parked and self.parked[0][0] <= self.clock.now():
                _, _, future = heapq.heappop(self.parked)
                if not future.done():
                    future.set_result(None)


async def run(jobs_count: int, *, webhooks: bool, seed: int) -> dict[str, Any]:
    """Run ``jobs_count`` Scrapio jobs concurrently with faults on; return the metrics.

    Each job is submitted, waited for (alone, so its completion is seen when it happens) and its
    result fetched, as a batch runner's worker would.
    """
    clock = ManualClock()
    events = WebhookEvents()
    app = webhook_app({"scrapio": events.handler(ScrapioVerifier(HOOK_TOKEN))}, prefix="/hooks")
    config = EmulatorConfig(
        tokens=[TOKEN],
        seed=seed,
        progression=Progression(min_seconds=2.0, max_seconds=20.0),
        faults=Faults(
            rate_429=0.05,
            rate_500=0.02,
            rate_503=0.03,
            rate_drop=0.02,
            rate_drop_after=0.02,
            retry_after_seconds=1,
            webhook_failure_rate=0.1,
            webhook_duplicate_rate=0.1,
        ),
    )
    emulator = Emulator(config, clock=clock, webhook_transport=httpx.ASGITransport(app=app))
    time = VirtualTime(clock, emulator)
    client = AsyncJobs(
        "scrapio",
        TOKEN,
        base_url="http://emu/scrapio",
        httpx_args={"transport": EmulatorTransport(emulator)},
        clock=clock.now,
        sleep=time.sleep,
        rng=random.Random(seed),
        retry=RetryPolicy(attempts=8, rng=random.Random(seed + 1)),
    )
    refs: list[Any] = []
    latencies: list[float] = []
    outcome = {"completed": 0, "uncertain": 0}

    async def worker(i: int) -> None:
        try:
            body = FetchJobRequest(
                kind="fetch", input_=FetchInput(url=f"https://shop.test/item/{i}")
            )
            if webhooks:
                body.webhook = Webhook(url=f"https://hooks.test/hooks/scrapio?token={HOOK_TOKEN}")
            try:
                (ref,) = await client.submit(body)
            except SubmissionUncertainError:
                outcome["uncertain"] += 1
                return
            refs.append(ref)
            await client.wait(
                [ref], timeout=3600, events=events if webhooks else None, fallback_interval=30.0
            )
            await client.result(ref)
            outcome["completed"] += 1
            record = emulator.store.get("scrapio", ref.job_id)
            if record is not None and record.finished_at is not None:
                latencies.append(clock.now() - record.finished_at)
        finally:
            time.workers -= 1

    time.workers = jobs_count
    await asyncio.gather(time.drive(), *(worker(i) for i in range(jobs_count)))
    requests = emulator.stats.as_json()["scrapio"]["requests"]
    return {
        "mode": "webhooks" if webhooks else "polling",
        "jobs_submitted": jobs_count,
        "jobs_completed": outcome["completed"],
        "submissions_uncertain": outcome["uncertain"],
        "duplicates": len(list(emulator.store.records("scrapio"))) - len(refs),
        "reads_per_job": round(
            sum(n for op, n in requests.items() if op != "create_job") / max(1, len(refs)), 2
        ),
        "completion_to_result_s": {
            "median": round(statistics.median(latencies), 2),
            "p99": round(_percentile(latencies, 0.99), 2),
        },
        "emulated_seconds": round(clock.now() - 1_782_468_000.0, 1),
        "faults": emulator.stats.as_json()["scrapio"]["faults"],
    }


def main(argv: list[str] | None = None) -> int:
    """Run both modes and print their metrics as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for webhooks in (False, True):
        print(json.dumps(asyncio.run(run(args.jobs, webhooks=webhooks, seed=args.seed)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
