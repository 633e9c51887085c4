"""Scrape.do's HTTP routes: the ``X-Token`` header, its error envelope, query parsing, six routes."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from provider_models import scrapedo as models
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator.jobs import Phase
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response
from scrapejobs_emulator.providers.scrapedo.backend import (
    ScrapedoBackend,
    check_target_count,
    check_targets,
)
from scrapejobs_emulator.providers.scrapedo.documents import ScrapeJob
from scrapejobs_emulator.state import EmulatorState

MAX_PAGE_SIZE = 100


def parse_rfc3339(value: str) -> float:
    """Return the epoch seconds of an RFC 3339 timestamp (UTC when it has no offset).

    Raises:
        ValueError: when ``value`` is not a timestamp.

    """
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


class Provider(ProviderApp):
    """The emulated Scrape.do Async API."""

    name = "scrapedo"
    validation_status = 400

    def __init__(self, emulator: EmulatorState) -> None:
        super().__init__(emulator)
        self.backend = ScrapedoBackend(emulator)

    def routes(self) -> list[BaseRoute]:
        """Return the six routes of the Async API."""
        return [
            Route(
                "/api/v1/jobs",
                self.create_job,
                methods=["POST"],
                name="create_job",
            ),
            Route(
                "/api/v1/jobs",
                self.list_jobs,
                methods=["GET"],
                name="list_jobs",
            ),
            Route(
                "/api/v1/jobs/{job_id}",
                self.get_job,
                methods=["GET"],
                name="get_job",
            ),
            Route(
                "/api/v1/jobs/{job_id}",
                self.cancel_job,
                methods=["DELETE"],
                name="cancel_job",
            ),
            Route(
                "/api/v1/jobs/{job_id}/{task_id}", self.get_task, methods=["GET"], name="get_task"
            ),
            Route("/api/v1/me", self.get_account, methods=["GET"], name="get_account"),
        ]

    def error_body(self, error: ProviderError) -> Any:
        """Return Scrape.do's envelope ``{"Error": <message>, "Code": <status>}``."""
        return models.Error(error=error.message, code=error.status).model_dump(
            mode="json", by_alias=True
        )

    async def authenticate(self, request: Request) -> str:
        """Return the ``X-Token`` header's token, or raise 401."""
        token = request.headers.get("x-token", "").strip()
        if not self.is_token(token):
            raise ProviderError(401, "Unauthorized", code="unauthorized")
        return token

    # -- handlers ---------------------------------------------------------------------------

    async def create_job(self, request: Request) -> Response:
        """Create a job with one task per target (200)."""
        account = await self.authenticate(request)
        raw = await self.json_body(request)
        check_target_count(raw)
        self.validate(models.CreateJobRequest, raw)
        check_targets(raw)
        job = self.backend.create(account, raw, fail=request.state.fail_job)
        answer = models.CreateJobResponse(
            job_id=job.id, message="Job created successfully", task_i_ds=list(job.task_ids)
        )
        return json_response(answer)

    async def list_jobs(self, request: Request) -> Response:
        """Return one page of the account's jobs, filtered and sorted (not a status read)."""
        account = await self.authenticate(request)
        query = request.query_params
        page_size = self._int_param(query.get("page_size"), "page_size", 10, 1, MAX_PAGE_SIZE)
        page = self._int_param(query.get("page"), "page", 1, 1, None)
        wanted = query.get("status")
        if wanted is not None and wanted not in {status.value for status in models.JobStatus}:
            allowed = ", ".join(status.value for status in models.JobStatus)
            raise ProviderError(400, f"status: must be one of {allowed}.")
        start_from = self._time_param(query.get("start_from"), "start_from")
        start_to = self._time_param(query.get("start_to"), "start_to")
        sort = query.get("sort", "desc")
        if sort not in ("asc", "desc"):
            raise ProviderError(400, "sort: must be asc or desc.")
        selected = [
            job
            for job in self.backend.jobs_of(account)
            if (wanted is None or self.backend.job_status(job) == wanted)
            and (start_from is None or job.created_at >= start_from)
            and (start_to is None or job.created_at <= start_to)
        ]
        selected.sort(key=lambda job: job.created_at, reverse=sort == "desc")
        total = len(selected)
        first = (page - 1) * page_size
        listing = models.JobList(
            jobs=[self.backend.list_item(job) for job in selected[first : first + page_size]],
            total_count=total,
            page_size=page_size,
            page_number=page,
            total_pages=math.ceil(total / page_size),
        )
        return json_response(listing)

    async def get_job(self, request: Request) -> Response:
        """Return the job with the status of each task (a status read of every task)."""
        job = await self._job(request)
        for record in job.tasks:
            self.store.poll(record)
        return json_response(self.backend.job_document(job))

    async def cancel_job(self, request: Request) -> Response:
        """Cancel an unfinished job (200), or answer 406 when it is finished or canceled."""
        job = await self._job(request)
        self.backend.cancel(job)
        answer = models.CancelJobResponse(job_id=job.id, status="canceled", canceled=True)
        return json_response(answer)

    async def get_task(self, request: Request) -> Response:
        """Return one task with its content, credits and webhook state (410 once expired)."""
        job = await self._job(request)
        record = self.backend.task(job, request.path_params["task_id"])
        page = None
        if record.phase is Phase.SUCCEEDED:
            page = await self.emulator.content.page(record.data["url"])
        return json_response(self.backend.task_document(job, record, page))

    async def get_account(self, request: Request) -> Response:
        """Return the account's concurrency pool, active jobs and remaining credits."""
        account = await self.authenticate(request)
        return json_response(self.backend.account(account))

    # -- helpers ----------------------------------------------------------------------------

    async def _job(self, request: Request) -> ScrapeJob:
        account = await self.authenticate(request)
        return self.backend.job(account, request.path_params["job_id"])

    @staticmethod
    def _int_param(value: str | None, name: str, default: int, low: int, high: int | None) -> int:
        if value is None:
            return default
        rule = f"an integer from {low} to {high}" if high is not None else f"an integer >= {low}"
        try:
            number = int(value)
        except ValueError:
            raise ProviderError(400, f"{name}: must be {rule}.") from None
        if number < low or (high is not None and number > high):
            raise ProviderError(400, f"{name}: must be {rule}.")
        return number

    @staticmethod
    def _time_param(value: str | None, name: str) -> float | None:
        if value is None:
            return None
        try:
            return parse_rfc3339(value)
        except (ValueError, OverflowError, OSError):
            raise ProviderError(
                400, f"{name}: must be an RFC 3339 timestamp (e.g. 2024-01-01T10:00:00Z)."
            ) from None
