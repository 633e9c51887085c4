"""ScrapingPros through ``scrapingpros_client``: a collection, one run of it, one ref per job.

A submission creates the collection (``Idempotency-Key``: generated when not given, reused on every
retry, so a retried create never stores a second collection) and then starts a run of it, whose
jobs become the refs ``JobRef("scrapingpros", job_id, scope=(collection_id, run_id))``. Starting a
run takes no idempotency key; a failed start is reconciled against the collection's run list
instead of being retried blindly (see :meth:`ScrapingprosAdapter.submit`).

There is no per-job status endpoint: statuses come from the run's job listing, one paged
``list_run_jobs`` per run for any number of jobs. ScrapingPros cannot cancel a run or a job.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from contextlib import aclosing
from typing import Any

import httpx
from scrapingpros_client import AuthenticatedClient
from scrapingpros_client.api.collections import create_collection
from scrapingpros_client.api.runs import get_job_result, list_runs, run_collection
from scrapingpros_client.models import CollectionCreated, Run, RunJob, RunList, ScrapeResult
from scrapingpros_client.types import Unset

from scrapejobs.errors import ProviderError, ServerError, SubmissionUncertainError
from scrapejobs.jobs import Adapter, JobRef, JobStatus, Observation, WaitCapabilities
from scrapejobs.providers.scrapingpros_listing import RunListing, instant
from scrapejobs.retries import asubmit
from scrapejobs.states import JobState, normalise

# A run start answered with one of these finished on the server without starting a run when the
# collection's run list is still empty afterwards, so starting it again cannot pay twice.
_ANSWERED_WITHOUT_RUN = frozenset({500, 503})


class ScrapingprosAdapter(Adapter):
    """ScrapingPros collections and runs; every job of a run is one :class:`JobRef`."""

    provider = "scrapingpros"
    client: AuthenticatedClient
    capabilities = WaitCapabilities(
        scoped_reads=True, result_in_read=True, job_deliveries=False, group_share=0.03
    )
    """One listing of a run's newly ended jobs, results embedded, reads the whole run."""

    def __init__(self, client: Any, **kwargs: Any) -> None:
        super().__init__(client, **kwargs)
        self._listing = RunListing(self)
        """The runs' job listings (paged), and what ended since each run's last read."""

    # -- submit ---------------------------------------------------------------------------------

    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Create a collection from ``request`` and run it; return one ref per job of the run.

        ``request`` is a ``CreateCollectionRequest``. The create call carries ``idempotency_key``
        (a uuid4 when None) on every attempt, so it is retried on any transient failure without
        storing a second collection. When the provider answers with a replay
        (``Idempotency-Replayed: true``) and the collection already has a run, that run (the
        oldest) is used instead of starting another, so resubmitting with the same key never
        pays twice.

        Starting the run has no idempotency key. It is retried (with the retry policy's backoff)
        only when it never reached the server or was refused (429). After any other failure the collection's runs are
        listed: an existing run is adopted; with none, the start is retried only after a 500/503
        answer (the server finished without starting a run); otherwise
        SubmissionUncertainError is raised. Refs follow the collection's request order; an
        empty collection gives an empty list.

        Raises:
            SubmissionUncertainError: a run may have been started and could not be confirmed.
            ProviderError: the provider refused the collection or the run.

        """
        key = idempotency_key or str(uuid.uuid4())
        replayed = False

        async def create() -> CollectionCreated:
            nonlocal replayed
            response = await self.send(
                create_collection.asyncio_detailed, body=request, idempotency_key=key
            )
            created: CollectionCreated = self.check(response, 201)
            replay = httpx.Headers(response.headers).get("idempotency-replayed", "")
            replayed = replay.strip().lower() == "true"
            return created

        created = await asubmit(
            create, provider=self.provider, idempotency_key=key, policy=self.retry
        )
        run: Run | None = None
        if replayed:
            run = await self._oldest_run(created.id)
        if run is None:
            run = await self._start_run(created.id)
        return [
            JobRef(self.provider, job_id, scope=(created.id, run.run_id))
            for job_id in await self._job_ids(run)
        ]

    async def _start_run(self, collection_id: str) -> Run:
        async def call() -> Run:
            response = await self.send(run_collection.asyncio_detailed, collection_id)
            run: Run = self.check(response, 201)
            return run

        attempt = 0
        while True:
            try:
                return await asubmit(call, provider=self.provider, policy=self.retry)
            except SubmissionUncertainError as error:
                uncertain = SubmissionUncertainError(
                    provider=self.provider,
                    reason=f"{error.reason}, starting a run of collection {collection_id}",
                )
                try:
                    existing = await self._oldest_run(collection_id)
                except (ProviderError, httpx.TransportError) as listing:
                    raise uncertain from listing
                if existing is not None:
                    return existing
                cause = error.__cause__
                attempt += 1
                if not (
                    isinstance(cause, ServerError)
                    and cause.status_code in _ANSWERED_WITHOUT_RUN
                    and attempt < self.retry.attempts
                ):
                    raise uncertain from cause
                await (self.retry.async_sleep or asyncio.sleep)(
                    self.retry.backoff.delay(
                        attempt - 1,
                        self.retry.rng,
                        hint=cause.retry_after,
                        hint_cap=self.retry.retry_after_cap,
                    )
                )

    async def _oldest_run(self, collection_id: str) -> Run | None:
        async def call() -> RunList:
            response = await self.send(list_runs.asyncio_detailed, collection_id)
            runs: RunList = self.check(response, 200)
            return runs

        runs: RunList = await self.read("list_runs", call)
        return runs.items[-1] if runs.items else None  # newest first

    async def _job_ids(self, run: Run) -> list[str]:
        """Return the run's job ids in request order (from the listing while still persisting)."""
        known = [] if isinstance(run.job_ids, Unset) else list(run.job_ids)
        if run.all_jobs_persisted is not False and not isinstance(run.job_ids, Unset):
            return known
        jobs = self._listing.jobs(run.collection_id, run.run_id)
        listed = [job.job_public_id async for job in jobs]
        return list(dict.fromkeys([*known, *listed]))

    # -- status ---------------------------------------------------------------------------------

    async def status(self, ref: JobRef) -> JobStatus:
        """Return one job's status, read from its run's job listing (``kind`` "job").

        ``reason`` (for failed and timed-out jobs) is the provider's job ``message``, block
        reason and target ``status_code``. A job the listing does not show is looked up through
        ``get_job_result``, whose 404 (e.g. ``job_id_invalid``) is raised as NotFoundError.
        """
        collection_id, run_id = self._scope(ref)
        async with aclosing(self._listing.jobs(collection_id, run_id)) as jobs:
            async for job in jobs:
                if job.job_public_id == ref.job_id:
                    return self._status(ref, job)
        result = await self.result(ref)  # raises the provider's 404 for an unknown job
        succeeded = not isinstance(result.guidance, Unset) and bool(
            result.guidance and result.guidance.success
        )
        raw = "completed" if succeeded else "failed"
        return JobStatus(ref, normalise(self.provider, raw, "job"), raw, result)

    async def statuses(self, refs: Sequence[JobRef]) -> Mapping[JobRef, JobStatus]:
        """Return every ref's status with one paged ``list_run_jobs`` per distinct run.

        Pages (up to 1000 jobs each) are read until every wanted job of the run was seen or the
        listing ends; a ref the listing does not show falls back to :meth:`status`.
        """
        by_run: dict[tuple[str, str], dict[str, JobRef]] = defaultdict(dict)
        for ref in refs:
            by_run[self._scope(ref)][ref.job_id] = ref
        found: dict[JobRef, JobStatus] = {}
        for (collection_id, run_id), wanted in by_run.items():
            remaining = dict(wanted)
            async with aclosing(self._listing.jobs(collection_id, run_id)) as jobs:
                async for job in jobs:
                    hit = remaining.pop(job.job_public_id, None)
                    if hit is not None:
                        found[hit] = self._status(hit, job)
                    if not remaining:
                        break
        return {ref: found[ref] if ref in found else await self.status(ref) for ref in refs}

    async def observe(self, refs: Sequence[JobRef]) -> Mapping[JobRef, Observation]:
        """Read each run's jobs that ended since the last read, results embedded.

        One ``list_run_jobs`` (``status_filter`` ended, ``order_by=completed_at``,
        ``since_completed_at`` the latest completion seen, ``include_results=true``, pages of
        100) per run, whatever the number of refs; a completed job's result comes with it (a
        larger result than the listing embeds, and a failed job's, is read on its own by the
        caller). Every :data:`~scrapejobs.providers.scrapingpros_listing.SWEEP_EVERY` reads the
        run's whole ended listing is read instead.
        A ref not listed has not ended as far as this read knows.
        """
        by_run: dict[tuple[str, str], dict[str, JobRef]] = defaultdict(dict)
        for ref in refs:
            by_run[self._scope(ref)][ref.job_id] = ref
        seen: dict[JobRef, Observation] = {}
        for run, wanted in by_run.items():
            async with aclosing(self._listing.newly_ended(run)) as jobs:
                async for job in jobs:
                    hit = wanted.get(job.job_public_id)
                    if hit is None:
                        continue
                    status = self._status(hit, job)
                    embedded = job.result if not isinstance(job.result, Unset) else None
                    seen[hit] = Observation(status, embedded, embedded is not None)
        return seen

    def reported_duration(self, observation: Observation) -> float | None:
        """Return the job's time from ``queued_at`` to ``completed_at`` (the listing's times)."""
        job = observation.status.model
        if not isinstance(job, RunJob):
            return None
        start, end = instant(job.queued_at), instant(job.completed_at)
        if start is None or end is None or end < start:
            return None
        return (end - start).total_seconds()

    # -- result ---------------------------------------------------------------------------------

    async def result(self, ref: JobRef) -> ScrapeResult:
        """Return the job's typed ``ScrapeResult`` (kept 24 h after the job completes).

        A failed or timed-out job also has one (``guidance.success`` false).

        Raises:
            NotFoundError: code ``result_pending`` while the job runs, ``result_expired`` after
                24 h, ``job_id_invalid`` for a job not in the run.

        """
        collection_id, run_id = self._scope(ref)

        async def call() -> ScrapeResult:
            response = await self.send(
                get_job_result.asyncio_detailed, collection_id, run_id, ref.job_id
            )
            result: ScrapeResult = self.check(response, 200)
            return result

        result: ScrapeResult = await self.read("get_job_result", call)
        return result

    # -- helpers --------------------------------------------------------------------------------

    def _scope(self, ref: JobRef) -> tuple[str, str]:
        if ref.provider != self.provider or len(ref.scope) != 2:
            raise ValueError(f"not a ScrapingPros job ref (collection, run, job): {ref}")
        return ref.scope[0], ref.scope[1]

    def _status(self, ref: JobRef, job: RunJob) -> JobStatus:
        state = normalise(self.provider, job.status, "job")
        reason = _reason(job) if state is JobState.FAILED else None
        return JobStatus(ref, state, str(job.status), job, reason)


def _reason(job: RunJob) -> str | None:
    """Return a failed job's reason: its message, block reason and the target's status code."""
    parts = [text for text in (job.message, job.block_reason) if isinstance(text, str) and text]
    if isinstance(job.status_code, int):
        parts.append(f"target status {job.status_code}")
    return "; ".join(parts) or None


__all__ = ["ScrapingprosAdapter"]
