"""Scrapio's HTTP routes: bearer auth, its error envelope and the four job endpoints."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from provider_models import scrapio as models
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator.backend import new_request_id
from scrapejobs_emulator.jobs import JobRecord
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response
from scrapejobs_emulator.providers.scrapio.backend import ScrapioBackend
from scrapejobs_emulator.state import EmulatorState


class Provider(ProviderApp):
    """The emulated Scrapio Jobs API."""

    name = "scrapio"
    validation_status = 400

    def __init__(self, emulator: EmulatorState) -> None:
        super().__init__(emulator)
        self.backend = ScrapioBackend(emulator)

    def routes(self) -> list[BaseRoute]:
        """Return the four job routes."""
        return [
            Route("/v1/jobs", self.create_job, methods=["POST"], name="create_job"),
            Route("/v1/jobs/{job_id}", self.get_job, methods=["GET"], name="get_job"),
            Route(
                "/v1/jobs/{job_id}/result",
                self.get_job_result,
                methods=["GET"],
                name="get_job_result",
            ),
            Route("/v1/jobs/{job_id}/cancel", self.cancel_job, methods=["POST"], name="cancel_job"),
        ]

    def error_body(self, error: ProviderError) -> Any:
        """Return Scrapio's envelope ``{request_id, error: {code, message}}``."""
        default_codes = {
            400: "invalid_request",
            401: "unauthorized",
            404: "job_not_found",
            405: "invalid_request",
            409: "job_not_ready",
        }
        code = error.code
        if code in (None, "not_found"):
            code = default_codes.get(error.status, "internal_error")
        return {"request_id": new_request_id(), "error": {"code": code, "message": error.message}}

    async def authenticate(self, request: Request) -> str:
        """Return the bearer token, or raise 401 ``unauthorized``."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not self.is_token(token.strip()):
            raise ProviderError(401, "Missing or invalid API key.", code="unauthorized")
        return token.strip()

    # -- handlers ---------------------------------------------------------------------------

    async def create_job(self, request: Request) -> Response:
        """Queue a job (202), honouring ``Idempotency-Key``."""
        account = await self.authenticate(request)
        raw = await self.json_body(request)
        body = self.validate(models.CreateJobRequest, raw)
        key = request.headers.get("idempotency-key")
        fingerprint = hashlib.sha256(json.dumps(raw, sort_keys=True).encode()).hexdigest()
        record = self.backend.replay(account, key, fingerprint)
        if record is None:
            record = self.backend.create(
                account,
                body.root.kind,
                raw,
                fail=request.state.fail_job,
                key=key,
                fingerprint=fingerprint,
            )
        return json_response(self.backend.accepted(record), 202)

    async def get_job(self, request: Request) -> Response:
        """Return the job's status (each read counts as a poll)."""
        record = await self._record(request)
        self.store.poll(record)
        return json_response(self.backend.job(record))

    async def get_job_result(self, request: Request) -> Response:
        """Return the result of a final job, or the documented 404/409."""
        record = await self._record(request)
        return json_response(await self.backend.result(record))

    async def cancel_job(self, request: Request) -> Response:
        """Cancel a queued or running job (202), or return a final one unchanged (200)."""
        record = await self._record(request)
        cancelled = self.store.cancel(record)
        return json_response(self.backend.cancelled(record), 202 if cancelled else 200)

    async def _record(self, request: Request) -> JobRecord:
        account = await self.authenticate(request)
        return self.backend.record(account, request.path_params["job_id"])
