"""A ScrapingPros run's job listing: every job page by page, or only the jobs ended since last read.

ScrapingPros has no per-job status endpoint; ``list_run_jobs`` (cursor paged) is how the adapter
(:mod:`scrapejobs.providers.scrapingpros`) learns statuses. Reading only what ended since the
latest completion seen keeps a run's reads small; every :data:`SWEEP_EVERY` reads the whole
ended listing is read again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import datetime
from typing import Any

from scrapingpros_client.api.runs import list_run_jobs
from scrapingpros_client.models import JobOrderBy, RunJob, RunJobPage
from scrapingpros_client.types import UNSET, Unset

from scrapejobs.jobs import Adapter

PAGE_LIMIT = 1000
"""The largest ``list_run_jobs`` page the API allows (without embedded results)."""

RESULTS_PAGE_LIMIT = 100
"""The largest ``list_run_jobs`` page with ``include_results=true`` (the server caps it)."""

SWEEP_EVERY = 10
"""Every this many reads of a run, its whole finished listing is read (no ``since`` mark), so a
job the incremental listing skipped (one that completed at the mark's very instant but showed
up later) is still found."""

_ENDED = "completed,failed,timeout"

Run = tuple[str, str]
"""A run as ``(collection_id, run_id)``."""


def instant(text: str | Unset | None) -> datetime | None:
    """Return an ISO 8601 listing time as an aware datetime (None when absent or unreadable)."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


class RunListing:
    """Reads runs' job listings through one adapter's retried calls.

    Remembers, per run, the latest completion seen: the mark the next incremental read
    (:meth:`newly_ended`) starts from.
    """

    def __init__(self, adapter: Adapter) -> None:
        """Send every page read through ``adapter`` (``send``, ``check`` and ``read``)."""
        self._adapter = adapter
        self._marks: dict[Run, tuple[datetime, str]] = {}
        """Per run: the latest ``completed_at`` an incremental listing returned (and its text)."""
        self._reads: dict[Run, int] = defaultdict(int)

    async def jobs(
        self, collection_id: str, run_id: str, **query: Any
    ) -> AsyncGenerator[RunJob, None]:
        """Yield the run's jobs, paging through ``cursor_next``.

        ``query`` goes to ``list_run_jobs`` (default: request order, pages of 1000).

        Raises:
            ProviderError: a page read failed for good (after its retries).

        """
        adapter = self._adapter
        query.setdefault("limit", PAGE_LIMIT)
        cursor: str | Unset = UNSET
        while True:

            async def call(cursor: str | Unset = cursor) -> RunJobPage:
                response = await adapter.send(
                    list_run_jobs.asyncio_detailed, collection_id, run_id, cursor=cursor, **query
                )
                page: RunJobPage = adapter.check(response, 200)
                return page

            page: RunJobPage = await adapter.read("list_run_jobs", call)
            for job in page.items:
                yield job
            if not page.has_more or not page.cursor_next:
                return
            cursor = page.cursor_next

    async def newly_ended(self, run: Run) -> AsyncGenerator[RunJob, None]:
        """Yield the run's jobs ended since the latest completion seen, results embedded.

        Ordered by completion; every :data:`SWEEP_EVERY` calls for a run (and on the first) the
        whole ended listing is read. Each yielded job moves the run's mark forward.

        Raises:
            ProviderError: a page read failed for good (after its retries).

        """
        self._reads[run] += 1
        sweep = self._reads[run] % SWEEP_EVERY == 0
        mark = None if sweep else self._marks.get(run)
        jobs = self.jobs(
            *run,
            limit=RESULTS_PAGE_LIMIT,
            status_filter=_ENDED,
            order_by=JobOrderBy.COMPLETED_AT,
            since_completed_at=UNSET if mark is None else mark[1],
            include_results=True,
        )
        async with aclosing(jobs):
            async for job in jobs:
                self._advance(run, job)
                yield job

    def _advance(self, run: Run, job: RunJob) -> None:
        """Move ``run``'s mark to ``job``'s completion when it is later than the mark."""
        when = instant(job.completed_at)
        if when is None or isinstance(job.completed_at, Unset) or job.completed_at is None:
            return
        mark = self._marks.get(run)
        if mark is None or when > mark[0]:
            self._marks[run] = (when, job.completed_at)
