"""Scrape.do through ``scrapedo_client``: a job of one task per target, read job-wide.

A Scrape.do *job* holds one *task* per target URL; scrapejobs treats each task as one job,
``JobRef("scrapedo", task_id, scope=(job_id,))``. One ``get_job`` reports the status of every
task of a job, so :meth:`ScrapedoAdapter.statuses` asks once per distinct job, not once per task.
Job creation is not idempotent (Scrape.do takes no idempotency key): it is retried only when the
request never reached the server, otherwise :class:`~scrapejobs.errors.SubmissionUncertainError`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
from scrapedo_client import AuthenticatedClient
from scrapedo_client.api.jobs import create_job
from scrapedo_client.models import CreateJobRequest, CreateJobResponse, Task, TaskSummary
from scrapedo_client.types import Unset

from scrapejobs.errors import ConflictError, NotFoundError, RateLimitedError, ServerError
from scrapejobs.jobs import Adapter, JobRef, JobStatus, WaitCapabilities
from scrapejobs.providers.scrapedo_calls import ScrapedoCalls
from scrapejobs.retries import asubmit
from scrapejobs.states import JobState, normalise

LISTING_PAGES = 10
"""Pages of the job listing (100 jobs each) searched for a job whose creation answer was lost."""

_NEEDS_REASON = (JobState.FAILED, JobState.CANCELLED)
"""Final states whose reason (``ErrorMessage``) only Get Task reports, not the job's task list."""

REASON_READS_AT_ONCE = 8
"""Get Task reads for the reasons of one job's failed tasks sent at once by ``statuses``."""


class ScrapedoAdapter(Adapter):
    """Scrape.do async jobs: one :class:`JobRef` per task, statuses read one job at a time."""

    provider = "scrapedo"
    client: AuthenticatedClient
    capabilities = WaitCapabilities(scoped_reads=True, group_share=0.1)
    """One Get Job reads every task of a job; a task's content needs its own Get Task."""

    def __init__(self, client: Any, **kwargs: Any) -> None:
        super().__init__(client, **kwargs)
        self._calls = ScrapedoCalls(self)
        """Get Job, Get Task, List Jobs, Get Account and Cancel Job, retried."""

    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Create one job from a ``CreateJobRequest``; return one ref per task, in target order.

        Each ref is ``JobRef("scrapedo", task_id, scope=(job_id,))``. Scrape.do has no
        idempotency key, so ``idempotency_key`` is not sent (and cannot make retries safe):
        the creation is retried only when it provably never reached Scrape.do, or on a 429.

        Raises:
            TypeError: when ``request`` is not a ``scrapedo_client.models.CreateJobRequest``.
            SubmissionUncertainError: the job may have been created (timeout after sending,
                dropped connection, 5xx, an unexpected 2xx) and retrying could create a second one.
            ProviderError: Scrape.do refused the request (e.g. InvalidRequestError for a 400).

        """
        del idempotency_key  # not supported by Scrape.do; never sent
        if not isinstance(request, CreateJobRequest):
            raise TypeError(
                f"scrapedo submit takes a CreateJobRequest, not {type(request).__name__}"
            )

        async def call() -> CreateJobResponse:
            response = await self.send(create_job.asyncio_detailed, body=request)
            created: CreateJobResponse = self.check(response, 200)
            return created

        created = await asubmit(
            call, provider=self.provider, idempotency_key=None, policy=self.retry
        )
        return [
            JobRef(self.provider, task_id, scope=(created.job_id,)) for task_id in created.task_i_ds
        ]

    async def find_submitted(
        self, request: Any, known: set[str], *, pages: int = LISTING_PAGES
    ) -> list[JobRef] | None:
        """Find the job a lost ``CreateJobRequest`` created, through the job listing.

        Reads the newest jobs (up to ``pages`` pages of 100) and, for each one not in ``known``
        with as many tasks as ``request`` has targets, its task list: the first whose task URLs
        equal the targets (in order) is taken. Returns its refs, or None when nothing matched.
        """
        targets = list(getattr(request, "targets", []) or [])
        if not targets:
            return None
        for page in range(1, pages + 1):
            listing = await self._calls.newest_jobs(page)
            for item in listing.jobs:
                tasks = [] if isinstance(item.task_i_ds, Unset) else item.task_i_ds
                if item.job_id in known or len(tasks) != len(targets):
                    continue
                job = await self._calls.job(item.job_id)
                summaries = [] if isinstance(job.tasks, Unset) else job.tasks
                urls = [None if isinstance(task.url, Unset) else task.url for task in summaries]
                if urls == targets:
                    return [
                        JobRef(self.provider, task.task_id, (job.job_id,)) for task in summaries
                    ]
            if not listing.jobs or (
                isinstance(listing.total_pages, int) and page >= listing.total_pages
            ):
                return None
        return None

    def result_in_status(self, status: JobStatus) -> Task | None:
        """Return the ``Task`` a Get Task status read returned when it is final, else None.

        (A status read from Get Job's task list has no content: None then.)
        """
        task = status.model
        if isinstance(task, Task) and status.state.final:
            return task
        return None

    async def capacity(self) -> int | None:
        """Return the account's free concurrency (``FreeConcurrency`` of ``GET /api/v1/me``).

        Raises:
            ProviderError: e.g. AuthenticationError for a bad token.

        """
        account = await self._calls.account()
        return max(0, int(account.free_concurrency))

    async def status(self, ref: JobRef) -> JobStatus:
        """Return one task's status from Get Task (retried on transient failures).

        ``model`` is the ``Task``; ``reason`` is its ``ErrorMessage`` when non-empty (why it
        failed, or that its job was canceled).

        Raises:
            ValueError: when ``ref`` has no job id in its scope.
            ProviderError: e.g. NotFoundError for an unknown task, or a 410 once the task's
                stored result expired (``ExpiresAt``).

        """
        task = await self._task(ref)
        return self._task_status(ref, task)

    async def statuses(self, refs: Sequence[JobRef]) -> Mapping[JobRef, JobStatus]:
        """Return every ref's status with one Get Job per distinct Scrape.do job.

        Get Job lists each task's ``Status`` (``model`` is that ``TaskSummary``). A task that
        ended failed or canceled is then read once with Get Task for its ``ErrorMessage`` (the
        summary has none; up to :data:`REASON_READS_AT_ONCE` such reads at a time, and one that
        fails after its retries keeps the listed status without a reason); a ref the job does
        not list falls back to :meth:`status`.

        Raises:
            ValueError: when a ref has no job id in its scope.
            ProviderError: e.g. NotFoundError when a job does not exist.

        """
        by_job: dict[str, list[JobRef]] = {}
        for ref in dict.fromkeys(refs):
            by_job.setdefault(self._job_id(ref), []).append(ref)
        found: dict[JobRef, JobStatus] = {}
        for job_id, group in by_job.items():
            job = await self._calls.job(job_id)
            listed: dict[str, TaskSummary] = (
                {} if isinstance(job.tasks, Unset) else {task.task_id: task for task in job.tasks}
            )
            explain: list[JobStatus] = []
            for ref in group:
                summary = listed.get(ref.job_id)
                if summary is None:
                    found[ref] = await self.status(ref)
                    continue
                status = JobStatus(
                    ref,
                    normalise(self.provider, summary.status, "task"),
                    str(summary.status),
                    summary,
                )
                found[ref] = status
                if status.state in _NEEDS_REASON:
                    explain.append(status)
            if explain:
                gate = asyncio.Semaphore(REASON_READS_AT_ONCE)
                for status in await asyncio.gather(
                    *(self._with_reason(listed_status, gate) for listed_status in explain)
                ):
                    found[status.ref] = status
        return {ref: found[ref] for ref in refs}

    async def _with_reason(self, listed: JobStatus, gate: asyncio.Semaphore) -> JobStatus:
        """Return a failed or canceled task's status read with Get Task (its ``ErrorMessage``).

        Keeps the listed status (without a reason) when that read fails: after expiry (410), or
        when its retries on transient failures ran out (other errors are raised). The state is
        known either way, and the reason comes with the task's result (:meth:`failure_reason`):
        one such read never fails the whole job's status read.
        """
        async with gate:
            try:
                return await self.status(listed.ref)
            except (NotFoundError, RateLimitedError, ServerError, httpx.TransportError):
                return listed

    def failure_reason(self, result: Any) -> str | None:
        """Return a failed or canceled ``Task``'s ``ErrorMessage`` (None when empty)."""
        if not isinstance(result, Task):
            return None
        message = result.error_message
        return message if isinstance(message, str) and message else None

    async def result(self, ref: JobRef) -> Task:
        """Return the finished task: the typed ``Task`` with ``Content`` and ``StatusCode``.

        ``Content`` is base64 when ``base_64_encoded_content`` is true. A failed or canceled
        task is returned too (empty ``Content``, ``ErrorMessage`` saying why).

        Raises:
            ConflictError: the task is not finished yet (Get Task answered 200 with a queued or
                running status; ``status_code`` is that 200).
            ProviderError: e.g. NotFoundError for an unknown task or once the result expired
                (410).

        """
        task = await self._task(ref)
        state = normalise(self.provider, task.status, "task")
        if not state.final:
            raise ConflictError(
                f"task {ref.job_id} is {task.status}; its content is not ready",
                provider=self.provider,
                status_code=200,
            )
        return task

    async def cancel(self, ref: JobRef) -> JobStatus:
        """Cancel the task's whole Scrape.do job, then return this task's status.

        Every unfinished task of the job is canceled; finished tasks keep their result, so the
        returned state may be SUCCEEDED or FAILED. When the job had already finished or been
        canceled (406) nothing changes and the task's current status is returned.

        Raises:
            ValueError: when ``ref`` has no job id in its scope.
            ProviderError: e.g. NotFoundError for an unknown job.

        """
        await self._calls.cancel_job(self._job_id(ref))
        return await self.status(ref)

    # -- helpers --------------------------------------------------------------------------------

    def _job_id(self, ref: JobRef) -> str:
        if ref.provider != self.provider or len(ref.scope) != 1:
            raise ValueError(f"not a Scrape.do task ref (scope must be the job id): {ref}")
        return ref.scope[0]

    async def _task(self, ref: JobRef) -> Task:
        return await self._calls.task(self._job_id(ref), ref.job_id)

    def _task_status(self, ref: JobRef, task: Task) -> JobStatus:
        message = task.error_message
        reason = message if isinstance(message, str) and message else None
        return JobStatus(
            ref, normalise(self.provider, task.status, "task"), str(task.status), task, reason
        )
