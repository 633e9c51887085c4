"""Emulated units of work and how they move through their lifecycle.

Every provider's "job" is built from :class:`JobRecord` units: a Decodo task, a Scrape.do task,
a ScrapingPros run job, a ScraperAPI job, a Scrapio job. A provider module maps the generic
:class:`Phase` to its own status words and aggregates units where the provider groups them
(Scrape.do jobs, ScrapingPros runs).

Progress is computed from the injected clock whenever a record is looked at, so nothing needs a
background thread to move jobs forward and tests never sleep.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from scrapejobs_emulator.clock import Clock
from scrapejobs_emulator.config import EmulatorConfig


class Phase(StrEnum):
    """The provider-neutral lifecycle of one unit of work."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def terminal(self) -> bool:
        """Return True for succeeded, failed and cancelled."""
        return self in (Phase.SUCCEEDED, Phase.FAILED, Phase.CANCELLED)


@dataclass(eq=False)
class JobRecord:
    """One emulated unit of work of one account at one provider."""

    provider: str
    account: str
    id: str
    created_at: float
    outcome: Phase
    """The final phase it will reach on its own (SUCCEEDED or FAILED), decided at creation."""
    finish_at: float | None = None
    """When it finishes in ``duration`` mode; None in the other modes."""
    polls_to_finish: int | None = None
    phase: Phase = Phase.QUEUED
    started_at: float | None = None
    finished_at: float | None = None
    polls: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    """Provider-specific state: the request, ids of the group it belongs to, cached result."""

    def expired(self, now: float, retention: float | None) -> bool:
        """Return True when its result is gone: finished more than ``retention`` seconds ago."""
        return (
            retention is not None
            and self.finished_at is not None
            and now >= self.finished_at + retention
        )


def target_url(record: JobRecord) -> str | None:
    """Return the URL a job record was created for (the first ``url`` in its data), or None.

    Each provider keeps its request in its own shape (a Scrape.do task's ``url``, a Decodo
    task's ``request``, a ScrapingPros job's request item, …); this finds it in any of them, so
    tests can count jobs per URL across providers.
    """
    return _first_url(record.data)


def _first_url(data: Any) -> str | None:
    if isinstance(data, dict):
        url = data.get("url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url
        values: Any = data.values()
    elif isinstance(data, list | tuple):
        values = data
    else:
        return None
    for value in values:
        found = _first_url(value)
        if found:
            return found
    return None


FinishHook = Callable[[JobRecord], None]


class JobStore:
    """All emulated jobs, indexed by provider and id, with their progression.

    Not thread-safe: the emulator runs on one event loop.
    """

    def __init__(self, config: EmulatorConfig, clock: Clock, rng: random.Random) -> None:
        self._config = config
        self._clock = clock
        self._rng = rng
        self._jobs: dict[tuple[str, str], JobRecord] = {}
        self._due: list[tuple[float, int, JobRecord]] = []
        self._sequence = itertools.count()
        self._hooks: dict[str, FinishHook] = {}

    @property
    def config(self) -> EmulatorConfig:
        """The live configuration."""
        return self._config

    @config.setter
    def config(self, value: EmulatorConfig) -> None:
        self._config = value

    def on_finish(self, provider: str, hook: FinishHook) -> None:
        """Call ``hook(record)`` whenever a record of ``provider`` reaches a terminal phase."""
        self._hooks[provider] = hook

    def create(
        self,
        provider: str,
        account: str,
        job_id: str,
        *,
        fail: bool = False,
        data: dict[str, Any] | None = None,
    ) -> JobRecord:
        """Create and return a queued record; ``fail`` (or the job-failure rate) makes it fail.

        Raises:
            KeyError: when ``job_id`` already exists for ``provider``.

        """
        if (provider, job_id) in self._jobs:
            raise KeyError(f"duplicate job id {job_id!r}")
        now = self._clock.now()
        faults = self._config.faults
        failing = fail or (
            faults.job_failure_rate > 0 and self._rng.random() < faults.job_failure_rate
        )
        record = JobRecord(
            provider=provider,
            account=account,
            id=job_id,
            created_at=now,
            outcome=Phase.FAILED if failing else Phase.SUCCEEDED,
            data=data or {},
        )
        progression = self._config.progression
        if progression.mode == "duration":
            low, high = (
                progression.min_seconds,
                max(progression.min_seconds, progression.max_seconds),
            )
            duration = low if high == low else self._rng.uniform(low, high)
            record.finish_at = now + duration
            heapq.heappush(self._due, (record.finish_at, next(self._sequence), record))
        elif progression.mode == "polls":
            record.polls_to_finish = progression.polls
        self._jobs[(provider, job_id)] = record
        return record

    def restore(self, records: list[JobRecord]) -> None:
        """Add saved records as they were (their finish times keep counting on the clock)."""
        for record in records:
            self._jobs[(record.provider, record.id)] = record
            if record.finish_at is not None and not record.phase.terminal:
                heapq.heappush(self._due, (record.finish_at, next(self._sequence), record))

    def get(self, provider: str, job_id: str, account: str | None = None) -> JobRecord | None:
        """Return the record, or None when it does not exist or belongs to another account."""
        record = self._jobs.get((provider, job_id))
        if record is None or (account is not None and record.account != account):
            return None
        self.refresh(record)
        return record

    def records(
        self, provider: str | None = None, account: str | None = None
    ) -> Iterator[JobRecord]:
        """Yield records (refreshed), optionally of one provider and one account, oldest first."""
        for record in self._jobs.values():
            if (provider is None or record.provider == provider) and (
                account is None or record.account == account
            ):
                self.refresh(record)
                yield record

    def __len__(self) -> int:
        return len(self._jobs)

    def poll(self, record: JobRecord) -> JobRecord:
        """Count one status read of ``record`` (drives ``polls`` mode) and return it refreshed."""
        record.polls += 1
        self.refresh(record)
        return record

    def refresh(self, record: JobRecord) -> None:
        """Move ``record`` to the phase its clock, polls or finish time say it has reached."""
        if record.phase.terminal:
            return
        now = self._clock.now()
        if record.finish_at is not None:
            if now >= record.finish_at:
                self._finish(record, record.outcome, record.finish_at)
            elif now >= record.created_at + (record.finish_at - record.created_at) * 0.3:
                self._start(record, now)
        elif record.polls_to_finish is not None and record.polls > 0:
            if record.polls >= record.polls_to_finish:
                self._finish(record, record.outcome, now)
            else:
                self._start(record, now)

    def next_finish_at(self) -> float | None:
        """Return when the next job finishes on its own (``duration`` mode), or None."""
        while self._due and self._due[0][2].phase.terminal:
            heapq.heappop(self._due)
        return self._due[0][0] if self._due else None

    def tick(self) -> int:
        """Finish every record whose time has come; return how many finished."""
        now = self._clock.now()
        finished = 0
        while self._due and self._due[0][0] <= now:
            _, _, record = heapq.heappop(self._due)
            if not record.phase.terminal:
                self.refresh(record)
                finished += 1
        return finished

    def complete(self, record: JobRecord, outcome: Phase | None = None) -> None:
        """Finish ``record`` now with ``outcome`` (default: its planned outcome), if not final."""
        if not record.phase.terminal:
            self._finish(record, outcome or record.outcome, self._clock.now())

    def cancel(self, record: JobRecord) -> bool:
        """Cancel ``record``; return False when it had already reached a final phase."""
        self.refresh(record)
        if record.phase.terminal:
            return False
        self._finish(record, Phase.CANCELLED, self._clock.now())
        return True

    def clear(self) -> None:
        """Forget every record."""
        self._jobs.clear()
        self._due.clear()

    def _start(self, record: JobRecord, now: float) -> None:
        if record.phase is Phase.QUEUED:
            record.phase = Phase.RUNNING
            record.started_at = now

    def _finish(self, record: JobRecord, phase: Phase, at: float) -> None:
        if record.started_at is None:
            record.started_at = min(at, max(record.created_at, at))
        record.phase = phase
        record.finished_at = at
        hook = self._hooks.get(record.provider)
        if hook is not None:
            hook(record)
