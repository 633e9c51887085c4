"""ScraperAPI through ``scraperapi_client``: one job per URL, status, result and cancel.

ScraperAPI takes its credential in the JSON body (``apiKey``) of both submissions; the adapter
fills it in from the facade's token when the request leaves it empty, on a copy, and never logs
it. Status, result and cancel (``GET``/``DELETE /jobs/{jobId}``) send no key: the job id is the
capability. ScraperAPI has no idempotency key and no listing of many jobs, so a submission is
retried only when it never reached the server (or was refused with 429), and ``statuses`` asks
for each job in turn.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import attrs
from scraperapi_client import Client
from scraperapi_client.api.jobs import cancel_job, create_batch_jobs, create_job, get_job
from scraperapi_client.models import BatchJobRequest, Job, JobRequest
from scraperapi_client.models import JobStatus as ScraperapiJobStatus
from scraperapi_client.types import Unset

from scrapejobs.errors import ConflictError
from scrapejobs.jobs import Adapter, JobRef, JobStatus, WaitCapabilities
from scrapejobs.retries import asubmit
from scrapejobs.states import normalise

R = TypeVar("R", JobRequest, BatchJobRequest)


class ScraperapiAdapter(Adapter):
    """ScraperAPI async jobs: ``JobRequest`` gives one job, ``BatchJobRequest`` one per URL.

    Submissions carry no idempotency key (ScraperAPI has none): a failure after the request
    may have reached the server raises ``SubmissionUncertainError`` instead of a retry.
    """

    provider = "scraperapi"
    client: Client
    capabilities = WaitCapabilities(result_in_read=True)
    """A finished job's status (``GET /jobs/{jobId}``) holds the whole result."""

    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Submit a ``JobRequest`` (one ref) or a ``BatchJobRequest`` (one ref per URL, in order).

        When the request's ``api_key`` is unset or empty it is taken from the facade's token, on
        a copy (the caller's model is left unchanged). ``idempotency_key`` is ignored: ScraperAPI
        supports none, so retries happen only where no job can have been created.

        Raises:
            TypeError: for any other request type.
            SubmissionUncertainError: the request may have created jobs and was not retried.
            ProviderError: the provider refused it (401 key, 403 credits or ``max_cost``, 400).

        """
        if isinstance(request, JobRequest):
            single = self._with_key(request)

            async def call_one() -> list[Job]:
                response = await self.send(create_job.asyncio_detailed, body=single)
                job: Job = self.check(response, 200)
                return [job]

            jobs = await self._submit(call_one)
        elif isinstance(request, BatchJobRequest):
            batch = self._with_key(request)

            async def call_batch() -> list[Job]:
                response = await self.send(create_batch_jobs.asyncio_detailed, body=batch)
                accepted: list[Job] = self.check(response, 200)
                return accepted

            jobs = await self._submit(call_batch)
        else:
            raise TypeError(
                "scraperapi submit() takes a scraperapi_client.models.JobRequest or "
                f"BatchJobRequest, not {type(request).__name__}"
            )
        return [JobRef(self.provider, job.id) for job in jobs]

    async def status(self, ref: JobRef) -> JobStatus:
        """Return the job's status (``GET /jobs/{jobId}``, retried on transient failures).

        ``model`` is the ``Job``; ``reason`` is its ``failReason`` when it failed.

        Raises:
            NotFoundError: unknown id, or the job is past ScraperAPI's retention.

        """
        return self._status(ref, await self._get(ref))

    async def result(self, ref: JobRef) -> Job:
        """Return the finished ``Job``, whose ``response`` holds the target's answer.

        ``response`` has the target's ``status_code``, ``headers`` and ``body`` (or
        ``base_64_encoded_body`` for binary targets).

        ScraperAPI may drop a result after the first read: keep what this returns.

        Raises:
            ConflictError: the job is not finished (still running, failed or cancelled); the
                message names its status (and ``failReason``).
            NotFoundError: unknown id, or the result is gone.

        """
        job = await self._get(ref)
        if str(job.status) != ScraperapiJobStatus.FINISHED.value:
            why = "" if isinstance(job.fail_reason, Unset) else f" ({job.fail_reason})"
            raise ConflictError(
                f"job {job.id} has no result: it is {job.status}{why}",
                provider=self.provider,
                status_code=200,
                code="not_finished",
            )
        return job

    def result_in_status(self, status: JobStatus) -> Job | None:
        """Return the finished ``Job`` a status read returned (it holds ``response``), else None."""
        job = status.model
        if isinstance(job, Job) and str(job.status) == ScraperapiJobStatus.FINISHED.value:
            return job
        return None

    async def cancel(self, ref: JobRef) -> JobStatus:
        """Cancel a running job and return its status afterwards (``DELETE /jobs/{jobId}``).

        A job that already ended is returned with its final status unchanged. When the answer
        is a 2xx without a job body, the job is read again.

        Raises:
            NotFoundError: unknown id, or the job is past ScraperAPI's retention.

        """

        async def call() -> Job | None:
            response = await self.send(cancel_job.asyncio_detailed, ref.job_id)
            parsed = self.check(response, 200, 202, 204)
            return parsed if isinstance(parsed, Job) else None

        job: Job | None = await self.read("cancel_job", call)
        if job is None:
            return await self.status(ref)
        return self._status(ref, job)

    # -- helpers ----------------------------------------------------------------------------

    def _with_key(self, request: R) -> R:
        """Return ``request`` itself when it has a key, else a copy carrying the token."""
        if (isinstance(request.api_key, str) and request.api_key) or not self._token:
            return request
        copy = attrs.evolve(request, api_key=self._token)
        copy.additional_properties = dict(request.additional_properties)  # init=False: not copied
        return copy

    async def _submit(self, call: Callable[[], Awaitable[list[Job]]]) -> list[Job]:
        return await asubmit(call, provider=self.provider, idempotency_key=None, policy=self.retry)

    async def _get(self, ref: JobRef) -> Job:
        async def call() -> Job:
            job: Job = self.check(await self.send(get_job.asyncio_detailed, ref.job_id), 200)
            return job

        job: Job = await self.read("get_job", call)
        return job

    def _status(self, ref: JobRef, job: Job) -> JobStatus:
        reason = None if isinstance(job.fail_reason, Unset) else job.fail_reason
        raw = str(job.status)
        return JobStatus(ref, normalise(self.provider, raw, "job"), raw, job, reason)
