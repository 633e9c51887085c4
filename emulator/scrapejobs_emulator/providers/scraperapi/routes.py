"""ScraperAPI's HTTP routes: the ``apiKey`` in the body, its error envelope, the four operations."""

from __future__ import annotations

import uuid
from typing import Any

from provider_models import scraperapi as models
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator.jobs import JobRecord
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response
from scrapejobs_emulator.providers.scraperapi.backend import MAX_BATCH_URLS, ScraperapiBackend
from scrapejobs_emulator.state import EmulatorState


class Provider(ProviderApp):
    """The emulated ScraperAPI Async API."""

    name = "scraperapi"
    validation_status = 400

    def __init__(self, emulator: EmulatorState) -> None:
        super().__init__(emulator)
        self.backend = ScraperapiBackend(emulator)

    def routes(self) -> list[BaseRoute]:
        """Return the four operations' routes."""
        return [
            Route("/jobs", self.create_job, methods=["POST"], name="create_job"),
            Route("/batchjobs", self.create_batch_jobs, methods=["POST"], name="create_batch_jobs"),
            Route("/jobs/{job_id:path}", self.get_job, methods=["GET"], name="get_job"),
            Route(
                "/jobs/{job_id:path}",
                self.cancel_job,
                methods=["DELETE"],
                name="cancel_job",
            ),
        ]

    def error_body(self, error: ProviderError) -> Any:
        """Return the spec's envelope ``{error: <message>, status: <code>}``."""
        return models.Error(error=error.message, status=error.status).model_dump(
            mode="json", by_alias=True
        )

    async def authenticate(self, request: Request) -> str:
        """Return the account whose ``apiKey`` the JSON body carries.

        Raises:
            ProviderError: 400 for a malformed or non-object body, 401 for a wrong key.

        """
        raw = await self._object_body(request)
        key = raw.get("apiKey")
        if key is None:
            raise ProviderError(401, "Invalid API key: apiKey is required in the JSON body.")
        if not isinstance(key, str) or not self.backend.known_key(key):
            raise ProviderError(401, "Invalid API key")
        return key

    # -- handlers ---------------------------------------------------------------------------

    async def create_job(self, request: Request) -> Response:
        """Submit one job; answer 200 with it in its ``running`` shape."""
        account = await self.authenticate(request)
        raw = await self._object_body(request)
        body = self.validate(models.JobRequest, raw)
        options = {**self.backend.options(body, raw), "base_url": self.public_base(request)}
        record = self.backend.create(account, body.url, options, fail=request.state.fail_job)
        self.emulator.stats.count_job(self.name, account)
        return json_response(self.backend.job(record))

    async def create_batch_jobs(self, request: Request) -> Response:
        """Submit one job per URL of ``urls``; answer 200 with the jobs in request order."""
        account = await self.authenticate(request)
        raw = await self._object_body(request)
        urls = raw.get("urls")
        if isinstance(urls, list) and len(urls) > MAX_BATCH_URLS:
            raise ProviderError(
                400,
                f"Invalid request: urls: a batch holds at most {MAX_BATCH_URLS:,} URLs "
                f"(got {len(urls):,}).",
            )
        body = self.validate(models.BatchJobRequest, raw)
        options = {
            **self.backend.options(body, raw),
            "group": "batch_" + uuid.uuid4().hex,
            "base_url": self.public_base(request),
        }
        fail = request.state.fail_job
        records = [self.backend.create(account, url, options, fail=fail) for url in body.urls]
        self.emulator.stats.count_job(self.name, account, len(records))
        jobs = [self.backend.job(record, attempts=0) for record in records]
        return json_response(models.BatchjobsPostResponse(root=jobs))

    async def get_job(self, request: Request) -> Response:
        """Return the job in its current shape (each read counts as a poll)."""
        record = self._record(request)
        self.store.poll(record)
        page = await self.backend.current_page(record)
        return json_response(self.backend.job(record, page=page))

    async def cancel_job(self, request: Request) -> Response:
        """Cancel a running job (200, ``cancelled``); an ended job is returned unchanged."""
        record = self._record(request)
        self.store.cancel(record)
        page = await self.backend.current_page(record)
        return json_response(self.backend.job(record, page=page))

    # -- helpers ----------------------------------------------------------------------------

    async def _object_body(self, request: Request) -> dict[str, Any]:
        raw = await self.json_body(request)
        if not isinstance(raw, dict):
            raise ProviderError(400, "Invalid request: body: must be a JSON object.")
        return raw

    def _record(self, request: Request) -> JobRecord:
        return self.backend.record(
            request.path_params["job_id"], request.query_params.get("apiKey")
        )
