"""Scrapio through ``scrapio_client``: jobs with kinds, idempotent submission, result, cancel."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from scrapio_client import AuthenticatedClient
from scrapio_client.api.jobs import cancel_job, create_job, get_job, get_job_result
from scrapio_client.models import Job, JobAccepted, JobCancelled, JobResult
from scrapio_client.types import Unset

from scrapejobs.backoff import MIN_POLL_INTERVAL
from scrapejobs.errors import ConflictError
from scrapejobs.jobs import Adapter, JobRef, JobStatus, Observation, WaitCapabilities
from scrapejobs.retries import asubmit
from scrapejobs.states import JobState, normalise


class ScrapioAdapter(Adapter):
    """Scrapio jobs.

    Every submission carries an ``Idempotency-Key`` (generated when not given) that is reused on
    each retry, so a retried submission never creates a second job.
    """

    provider = "scrapio"
    client: AuthenticatedClient
    capabilities = WaitCapabilities(result_in_read=True, min_interval=MIN_POLL_INTERVAL["scrapio"])
    """``GET /v1/jobs/{id}/result`` answers 409 ``job_not_ready`` while a job runs: one request
    learns the end and brings the result (status + result would be two)."""

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

    async def observe(self, refs: Sequence[JobRef]) -> Mapping[JobRef, Observation]:
        """Read each job's result: 409 ``job_not_ready`` means running, 200 brings the result.

        The 200's ``status`` (completed, partial, cancelled) is the job's state, with the
        ``JobResult`` as ``model``. A 409 ``job_failed`` is followed by a status read for the
        failure's code and message (the only case that costs two requests).

        Raises:
            ProviderError: e.g. NotFoundError for an unknown job or a result no longer kept.

        """
        seen: dict[JobRef, Observation] = {}
        for ref in refs:
            try:
                result = await self.result(ref)
            except ConflictError as error:
                if error.code == "job_not_ready":
                    seen[ref] = Observation(JobStatus(ref, JobState.RUNNING, "running"))
                    continue
                seen[ref] = Observation(await self.status(ref))
                continue
            raw = str(result.status)
            status = JobStatus(ref, normalise(self.provider, raw), raw, result)
            seen[ref] = Observation(status, result, status.state.final)
        return seen

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
