"""Fakes for testing the batch runner's parts alone: scripted jobs, a recording watch, a run.

No network, no emulator, no sleeping: the fake jobs answer from a script and record every
submission and every wait; the ledger is a real one (a SQLite file or a PostgreSQL run: see :mod:`tests.unit.ledgers`).
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from scrapejobs.backoff import poll_backoff
from scrapejobs.batch.context import RunContext
from scrapejobs.batch.inputs import RunInput, parse_lines
from scrapejobs.batch.ledger_io import LedgerThread
from scrapejobs.batch.ledger_open import OpenLedger, open_ledger
from scrapejobs.batch.planning import planner
from scrapejobs.batch.results import ItemResult, RunStats
from scrapejobs.client import AsyncJobs
from scrapejobs.jobs import JobRef, JobStatus
from scrapejobs.states import JobState


@dataclass
class FakeAdapter:
    """The adapter operations the runner's parts use, answered from fields."""

    provider: str
    listed: list[JobRef] | None = None
    """What ``find_submitted`` answers (None: the provider cannot tell)."""
    free: list[int | None] = field(default_factory=list)
    """What successive ``capacity`` reads answer (None once used up)."""
    listings: int = 0
    reported: dict[JobRef, str] = field(default_factory=dict)
    """The URL each job's status reports (how a short batch is paired with its inputs)."""

    def submit_delay(self, request: Any) -> float:
        del request
        return 0.0

    async def find_submitted(self, request: Any, known: set[str]) -> list[JobRef] | None:
        del request, known
        self.listings += 1
        return self.listed

    async def status(self, ref: JobRef) -> JobStatus:
        model = SimpleNamespace(url=self.reported.get(ref, ""))
        return JobStatus(ref, JobState.RUNNING, "running", model)

    async def capacity(self) -> int | None:
        return self.free.pop(0) if self.free else None


@dataclass
class FakeJobs:
    """An ``AsyncJobs`` stand-in: ``submit`` answers from ``answers`` (refs, or an error raised)."""

    provider: str
    answers: list[list[JobRef] | BaseException] = field(default_factory=list)
    sent: list[tuple[Any, str | None]] = field(default_factory=list)
    """``(model, idempotency_key)`` of every submission request."""
    slept: list[float] = field(default_factory=list)
    now: float = 1000.0
    on_submit: Any = None
    """Called with the idempotency key before each answer (e.g. to look at the ledger)."""

    def __post_init__(self) -> None:
        self.adapter = FakeAdapter(self.provider)
        self.rng = random.Random(0)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    async def submit(self, model: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        self.sent.append((model, idempotency_key))
        if self.on_submit is not None:
            self.on_submit(idempotency_key)
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


@dataclass
class Watched:
    """A recording ``watch``: every job handed to the waiting engine."""

    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(
        self,
        ref: JobRef,
        item: RunInput,
        *,
        kind: str,
        polled: bool = False,
        submitted_at: float | None = None,
    ) -> None:
        self.calls.append(
            {"ref": ref, "item": item, "kind": kind, "polled": polled, "at": submitted_at}
        )

    @property
    def refs(self) -> list[JobRef]:
        return [call["ref"] for call in self.calls]


@dataclass
class Run:
    """A run's context over fakes, with what it recorded and watched."""

    context: RunContext
    jobs: FakeJobs
    ledger: OpenLedger
    inputs: list[RunInput]
    digest: str
    recorded: list[ItemResult]
    watched: Watched
    learned: list[tuple[str, float]] = field(default_factory=list)
    """Durations taught to the waiting engine (``learn(kind, seconds)``)."""


def urls(count: int) -> tuple[list[RunInput], str]:
    """Return ``count`` URL inputs and their digest."""
    return parse_lines([f"https://site.test/{n}" for n in range(1, count + 1)], path="<test>")


@contextlib.contextmanager
def make_run(
    location: str | Path,
    provider: str,
    count: int = 1,
    answers: Sequence[list[JobRef] | BaseException] = (),
) -> Iterator[Run]:
    """Yield a run of ``count`` inputs on a fresh ledger at ``location`` (closed afterwards)."""
    inputs, digest = urls(count)
    jobs = FakeJobs(provider, list(answers))
    recorded: list[ItemResult] = []
    watched = Watched()
    db = LedgerThread()
    with open_ledger(location) as ledger:
        ledger.bind(provider, digest)
        context = RunContext(
            jobs=cast(AsyncJobs, jobs),
            ledger=ledger,
            db=db,
            planner=planner(provider),
            stats=RunStats(inputs=count),
            polling=poll_backoff(provider),
            webhooks=None,
            record=recorded.append,
            watch=watched,
        )
        try:
            yield Run(context, jobs, ledger, inputs, digest, recorded, watched)
        finally:
            db.shutdown()


def ref(provider: str, job_id: str) -> JobRef:
    """Return a job ref of ``provider`` without scope."""
    return JobRef(provider, job_id)
