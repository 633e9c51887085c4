"""What a batch run yields: one :class:`ItemResult` per input, and the run's live counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx

from scrapejobs.batch.inputs import RunInput
from scrapejobs.errors import ScrapejobsError
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState


class ItemState(StrEnum):
    """How one input ended."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    """The job ended, but its result could not be read any more (or the job is gone)."""
    REFUSED = "refused"
    """The provider refused the submission: no job, nothing paid."""
    UNCERTAIN = "uncertain"
    """The submission may have created a job; it is not resent unless the user asks."""


def item_state(state: JobState) -> ItemState:
    """Return how an input whose job ended in final ``state`` ended (never raises)."""
    if state is JobState.SUCCEEDED:
        return ItemState.SUCCEEDED
    if state is JobState.CANCELLED:
        return ItemState.CANCELLED
    if state is JobState.EXPIRED:
        return ItemState.EXPIRED
    return ItemState.FAILED


class RunAbortedError(ScrapejobsError):
    """The run cannot go on (e.g. the credential was refused); nothing in flight is lost."""


@dataclass(frozen=True)
class ItemResult:
    """The outcome of one input (one line of a run's output)."""

    input: RunInput
    state: ItemState
    job: JobRef | None = None
    result: Any = field(default=None, repr=False)
    """The typed result as JSON (the generated model's ``to_dict()``), or None."""
    reason: str | None = None
    copy_of: int | None = None
    """With ``--dedupe``: the first line whose outcome (and job) this duplicate line repeats."""

    @property
    def line(self) -> int:
        """The input's line number (1-based)."""
        return self.input.line

    def to_json(self) -> dict[str, Any]:
        """Return the output line as a JSON object (line, input, state, job, result, reason)."""
        return {
            "line": self.input.line,
            "input": dict(self.input.params),
            "state": self.state.value,
            "provider": self.job.provider if self.job else None,
            "job_id": self.job.job_id if self.job else None,
            "job": str(self.job) if self.job else None,
            "reason": self.reason,
            "result": self.result,
        }


@dataclass
class RunStats:
    """Live counters of a run (read by progress displays; updated only by the runner)."""

    inputs: int = 0
    jobs: int = 0
    """Jobs with ids (created by the provider), including those of earlier runs."""
    submissions: int = 0
    """Submission requests sent by this run."""
    requests: int = 0
    """HTTP requests sent by this run (counted by :class:`RequestCounter` when installed)."""
    replayed: int = 0
    """Outcomes taken from the ledger (recorded by an earlier run), counted in ``by_state``."""
    by_state: dict[ItemState, int] = field(default_factory=lambda: dict.fromkeys(ItemState, 0))

    @property
    def done(self) -> int:
        """Inputs with an outcome."""
        return sum(self.by_state.values())

    @property
    def failed(self) -> int:
        """Inputs that ended without a result (failed, cancelled, expired, refused)."""
        return sum(
            self.by_state[state]
            for state in (
                ItemState.FAILED,
                ItemState.CANCELLED,
                ItemState.EXPIRED,
                ItemState.REFUSED,
            )
        )

    @property
    def in_flight(self) -> int:
        """Inputs submitted or being submitted without an outcome yet."""
        return self.inputs - self.done


class RequestCounter:
    """An httpx request event hook that counts requests (``httpx_args={"event_hooks": …}``)."""

    def __init__(self, stats: RunStats) -> None:
        self.stats = stats

    async def __call__(self, request: httpx.Request) -> None:
        """Count one request; never reads or logs it."""
        del request
        self.stats.requests += 1
