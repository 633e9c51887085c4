"""What the engine hands back per job, and reading the result of a job seen final.

A read that showed a job final either carried its result (Decodo's and Scrapio's result
endpoints, ScrapingPros' listing, ScraperAPI's status) or did not; then a
:class:`ResultReader` reads the result once, retrying later on transient failures, and gives
up (with the error in the :class:`Outcome`) only after :data:`RESULT_ATTEMPTS` reads or when
the provider no longer knows the job. A result is never read twice.
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from scrapejobs.backoff import Backoff
from scrapejobs.errors import (
    ConflictError,
    NotFoundError,
    ProviderError,
    RateLimitedError,
    ServerError,
)
from scrapejobs.jobs import Adapter, JobRef, JobStatus
from scrapejobs.states import JobState
from scrapejobs.waiting.plan import WatchedJob

LOG = logging.getLogger("scrapejobs.waiting")

TRANSIENT = (RateLimitedError, ServerError, httpx.TransportError)
"""Read failures that pass by themselves: the read is tried again later."""

RESULT_ATTEMPTS = 20
"""Reads of a final job's result before it is reported as not collectable."""


@dataclass(frozen=True)
class Outcome:
    """How one watched job ended, as far as the engine could learn.

    ``status`` is the final status (None when the provider no longer knows the job);
    ``result`` the typed result when ``has_result``; ``error`` the provider error that kept
    the engine from the status (NotFoundError) or from the result of a final job.
    """

    ref: JobRef
    status: JobStatus | None
    result: Any = None
    has_result: bool = False
    error: ProviderError | None = None


def with_reason(adapter: Adapter, outcome: Outcome) -> Outcome:
    """Return ``outcome`` with the failure reason its result gives, when the status had none.

    A succeeded job, a status that has a reason, or a result that names none come back as is.
    """
    status = outcome.status
    if status is None or status.reason is not None or status.state is JobState.SUCCEEDED:
        return outcome
    reason = adapter.failure_reason(outcome.result)
    if reason is None:
        return outcome
    return Outcome(
        outcome.ref,
        JobStatus(status.ref, status.state, status.raw_status, status.model, reason),
        outcome.result,
        outcome.has_result,
        outcome.error,
    )


class ResultReader:
    """Read the results of jobs seen final, one request per attempt, through ``slot``.

    ``end`` receives each job's :class:`Outcome` (once); ``watched`` says whether a job still
    waits for one (reading stops when it does not). With ``strict`` the first non-transient
    failure ends the job with its error instead of trying again.
    """

    def __init__(
        self,
        adapter: Adapter,
        *,
        slot: Callable[[], contextlib.AbstractAsyncContextManager[Any]],
        sleep: Callable[[float], Awaitable[None]],
        errors: Backoff,
        rng: random.Random,
        end: Callable[[Outcome], None],
        watched: Callable[[JobRef], bool],
        strict: bool = False,
    ) -> None:
        self.adapter = adapter
        self.strict = strict
        self._slot = slot
        self._sleep = sleep
        self._errors = errors
        self._rng = rng
        self._end = end
        self._watched = watched

    async def collect(self, job: WatchedJob) -> None:
        """Read ``job``'s result and end it; never raises for a provider or network failure.

        A failed or cancelled job without a result ends with its status only; a job the
        provider no longer knows, or whose result stays unreadable, ends with the error.
        """
        status = job.final
        assert status is not None  # noqa: S101 -- only final jobs are collected
        while self._watched(job.ref):
            job.result_reads += 1
            try:
                async with self._slot():
                    result = await self.adapter.result(job.ref)
            except (ConflictError, NotFoundError) as error:
                if status.state is not JobState.SUCCEEDED:
                    self._end(Outcome(job.ref, status))  # no result to collect
                elif isinstance(error, NotFoundError) or job.result_reads >= RESULT_ATTEMPTS:
                    self._end(Outcome(job.ref, status, error=error))
                else:
                    await self._sleep(self.retry_delay(job.result_reads, None))
                    continue
                return
            except (ProviderError, httpx.TransportError) as error:
                if self.strict and not isinstance(error, TRANSIENT):
                    self._end(Outcome(job.ref, status, error=error))  # final; result unread
                    return
                LOG.debug(
                    "%s: result read failed (%s); trying again later", self.adapter.provider, error
                )
                await self._sleep(self.retry_delay(job.result_reads, error))
                continue
            self._end(with_reason(self.adapter, Outcome(job.ref, status, result, True)))
            return

    def retry_delay(self, reads: int, error: Exception | None) -> float:
        """Return the seconds before the next attempt after ``reads`` failed ones."""
        hint = getattr(error, "retry_after", None)
        return self._errors.delay(max(0, reads - 1), self._rng, hint=hint)


__all__ = ["RESULT_ATTEMPTS", "TRANSIENT", "Outcome", "ResultReader", "with_reason"]
