"""Scrape.do's calls other than job creation, each sent through the adapter and retried.

Get Job, Get Task, List Jobs, Get Account and Cancel Job are safe to repeat, so each goes
through :meth:`~scrapejobs.jobs.Adapter.read` (retried on transient failures). The adapter
(:mod:`scrapejobs.providers.scrapedo`) turns their answers into job statuses and refs.
"""

from __future__ import annotations

from scrapedo_client.api.account import get_account
from scrapedo_client.api.jobs import cancel_job, get_job, get_task, list_jobs
from scrapedo_client.models import (
    Account,
    CancelJobResponse,
    Error,
    Job,
    JobList,
    ListJobsSort,
    Task,
)

from scrapejobs.jobs import Adapter

LISTING_PAGE_SIZE = 100
"""Jobs per page of the job listing (the most Scrape.do gives)."""


class ScrapedoCalls:
    """The retried Scrape.do calls of one adapter (its client, retry policy and secrets)."""

    def __init__(self, adapter: Adapter) -> None:
        """Send every call through ``adapter`` (``send``, ``check`` and ``read``)."""
        self._adapter = adapter

    async def job(self, job_id: str) -> Job:
        """Return the job with its task list (Get Job).

        Raises:
            ProviderError: e.g. NotFoundError for an unknown job.

        """
        adapter = self._adapter

        async def call() -> Job:
            job: Job = adapter.check(await adapter.send(get_job.asyncio_detailed, job_id), 200)
            return job

        job: Job = await adapter.read("get_job", call)
        return job

    async def task(self, job_id: str, task_id: str) -> Task:
        """Return one task of a job, content included (Get Task).

        Raises:
            ProviderError: e.g. NotFoundError for an unknown task, or a 410 once its stored
                result expired.

        """
        adapter = self._adapter

        async def call() -> Task:
            response = await adapter.send(get_task.asyncio_detailed, job_id, task_id)
            task: Task = adapter.check(response, 200)
            return task

        task: Task = await adapter.read("get_task", call)
        return task

    async def newest_jobs(self, page: int) -> JobList:
        """Return page ``page`` (from 1) of the job listing, newest first (List Jobs).

        Raises:
            ProviderError: the listing was refused.

        """
        adapter = self._adapter

        async def call() -> JobList:
            response = await adapter.send(
                list_jobs.asyncio_detailed,
                page_size=LISTING_PAGE_SIZE,
                page=page,
                sort=ListJobsSort.DESC,
            )
            listing: JobList = adapter.check(response, 200)
            return listing

        listing: JobList = await adapter.read("list_jobs", call)
        return listing

    async def account(self) -> Account:
        """Return the account (``GET /api/v1/me``: concurrency limits and credits).

        Raises:
            ProviderError: e.g. AuthenticationError for a bad token.

        """
        adapter = self._adapter

        async def call() -> Account:
            account: Account = adapter.check(await adapter.send(get_account.asyncio_detailed), 200)
            return account

        account: Account = await adapter.read("get_account", call)
        return account

    async def cancel_job(self, job_id: str) -> CancelJobResponse | Error:
        """Cancel every unfinished task of a job; an already ended job answers 406 (returned).

        Raises:
            ProviderError: e.g. NotFoundError for an unknown job.

        """
        adapter = self._adapter

        async def call() -> CancelJobResponse | Error:
            response = await adapter.send(cancel_job.asyncio_detailed, job_id)
            answer: CancelJobResponse | Error = adapter.check(response, 200, 406)
            return answer

        answer: CancelJobResponse | Error = await adapter.read("cancel_job", call)
        return answer
