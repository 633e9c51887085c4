"""Scrapio through ``scrapio_client``: jobs with kinds, idempotent submission, result, cancel."""

from __future__ import annotations

import uuid
from typing import Any

from scrapio_client import AuthenticatedClient
from scrapio_client.api.jobs import cancel_job, create_job, get_job, get_job_result
from scrapio_client.models import Job, JobAccepted, JobCancelled, JobResult
from scrapio_client.types import Unset

from scrapejobs.jobs import Adapter, JobRef, JobStatus
from scrapejobs.retries import asubmit
from scrapejobs.states import normalise


class ScrapioAdapter(Adapter):
    """Scrapio jobs.

    Every submission carries an ``Idempotency-Key`` (generated when not given) that is reused on
    each retry, so a retried submission never creates a second job.
    """

    provider = "scrapio"
    client: AuthenticatedClient

    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Submit one ``FetchJobRequest | CrawlJobRequest | …``; return its single job ref."""
        key = idempotency_key or str(uuid.uuid4())

        async def call() -> JobAccepted:
            response = await self.send(
                create_job.asyncio_detailed, body=request, idempotency_key=key
            )
            accepted: JobAccepted = self.check(response, 202)
            return accepted

        accepted = await asubmit(
            call, provider=self.provider, idempotency_key=key, policy=self.retry
        )
        return [JobRef(self.provider, accepted.job_id)]

    async def status(self, ref: JobRef) -> JobStatus:
        """Return the job's status; ``reason`` is the provider's error code and message."""

        async def call() -> Job:
            job: Job = self.check(await self.send(get_job.asyncio_detailed, ref.job_id), 200)
            return job

        job = await self.read("get_job", call)
        return self._status(ref, job)

    async def result(self, ref: JobRef) -> JobResult:
        """Return the typed ``JobResult`` (outputs for fetch jobs, ``result`` for the others)."""

        async def call() -> JobResult:
            response = await self.send(get_job_result.asyncio_detailed, ref.job_id)
            result: JobResult = self.check(response, 200)
            return result

        result: JobResult = await self.read("get_job_result", call)
        return result

    async def cancel(self, ref: JobRef) -> JobStatus:
        """Cancel a queued or running job; a final job is returned unchanged."""

        async def call() -> JobCancelled:
            response = await self.send(cancel_job.asyncio_detailed, ref.job_id)
            cancelled: JobCancelled = self.check(response, 200, 202)
            return cancelled

        cancelled = await self.read("cancel_job", call)
        return JobStatus(
            ref,
            normalise(self.provider, cancelled.status),
            str(cancelled.status),
            model=cancelled,
        )

    def _status(self, ref: JobRef, job: Job) -> JobStatus:
        reason = None if isinstance(job.error, Unset) else f"{job.error.code}: {job.error.message}"
        return JobStatus(ref, normalise(self.provider, job.status), str(job.status), job, reason)
