"""Decodo's HTTP routes: Basic auth, its error envelope, target validation, the four task routes."""

from __future__ import annotations

import re
from typing import Any

from provider_models import decodo as models
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator.jobs import JobRecord
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response
from scrapejobs_emulator.providers.decodo.backend import (
    BATCH_VARIANTS,
    PRIMARY_KEYS,
    TARGETS,
    TASK_VARIANTS,
    DecodoBackend,
    primary_key,
)
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.stats import account_label

REQUIRED_MESSAGE = re.compile(r"^'([^']+)' is a required property$")
"""A missing required key, as the spec's JSON Schema check words it (reported at the root)."""


class Provider(ProviderApp):
    """The emulated Decodo Web Scraping API (asynchronous tasks)."""

    name = "decodo"
    validation_status = 422

    def __init__(self, emulator: EmulatorState) -> None:
        super().__init__(emulator)
        self.backend = DecodoBackend(emulator)

    def routes(self) -> list[BaseRoute]:
        """Return the four task routes."""
        return [
            Route("/v3/task", self.create_task, methods=["POST"], name="create_task"),
            Route(
                "/v3/task/batch", self.create_task_batch, methods=["POST"], name="create_task_batch"
            ),
            Route("/v3/task/{task_id}", self.get_task, methods=["GET"], name="get_task"),
            Route(
                "/v3/task/{task_id}/results",
                self.get_task_results,
                methods=["GET"],
                name="get_task_results",
            ),
        ]

    def error_body(self, error: ProviderError) -> Any:
        """Return Decodo's envelope ``{status: "error", message, errors?}``."""
        body = models.Error(status="error", message=error.message)
        if isinstance(error.details, list):
            body.errors = error.details
        return body.model_dump(mode="json", by_alias=True)

    async def authenticate(self, request: Request) -> str:
        """Return the opaque Basic token (not decoded).

        Raises:
            ProviderError: 401 for missing or wrong credentials; 403 for an account listed in
                ``decodo_suspended_accounts`` (valid credentials, inactive subscription).

        """
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "basic" or not self.is_token(token):
            raise ProviderError(
                401,
                "Unauthorized.",
                code="unauthorized",
                headers={"WWW-Authenticate": 'Basic realm="Decodo"'},
            )
        if account_label(token) in self.config.decodo_suspended_accounts:
            raise ProviderError(
                403, "Forbidden: the subscription of this account is not active.", code="forbidden"
            )
        return token

    # -- handlers ---------------------------------------------------------------------------

    async def create_task(self, request: Request) -> Response:
        """Queue one task and return its echo (200)."""
        account = await self.authenticate(request)
        raw = await self._object_body(request)
        params = self._validate_params(models.TaskRequest, raw)
        record = self.backend.create(account, params, request.state.fail_job)
        self.emulator.stats.count_job(self.name, account)
        return json_response(self.backend.task_json(record))

    async def create_task_batch(self, request: Request) -> Response:
        """Queue one task per primary input of ONE target (200), 1 request/s per account."""
        account = await self.authenticate(request)
        self.backend.rate_limit_batch(account)
        raw = await self._object_body(request)
        present = [key for key in PRIMARY_KEYS if key in raw]
        if len(present) > 1:
            raise ProviderError(
                422,
                f"A batch carries either URLs or queries, never both: got {' and '.join(present)}.",
                details=[
                    {"field": key, "message": "only one primary input per batch"} for key in present
                ],
            )
        params = self._validate_params(models.BatchRequest, raw)
        key = primary_key(params)
        if key is None:  # unreachable: every batch variant requires its primary input
            raise ProviderError(422, "The batch has no primary input.", code="invalid_request")
        body = self.backend.create_batch(account, params, key, request.state.fail_job)
        return json_response(body)

    async def get_task(self, request: Request) -> Response:
        """Return the task object (each read counts as a poll)."""
        record = await self._record(request)
        self.store.poll(record)
        return json_response(self.backend.task_json(record))

    async def get_task_results(self, request: Request) -> Response:
        """Return the results (200), 204 while pending, 404 when unknown or expired."""
        record = await self._record(request)
        self.store.poll(record)
        if not record.phase.terminal:
            return Response(status_code=204)
        return json_response(await self.backend.results(record))

    # -- helpers ----------------------------------------------------------------------------

    async def _record(self, request: Request) -> JobRecord:
        account = await self.authenticate(request)
        return self.backend.record(account, request.path_params["task_id"])

    async def _object_body(self, request: Request) -> dict[str, Any]:
        raw = await self.json_body(request)
        if not isinstance(raw, dict):
            raise ProviderError(
                400,
                "The request body must be a JSON object.",
                code="invalid_request",
                details=[{"field": "body", "message": "expected a JSON object"}],
            )
        target = raw.get("target")
        if target is None:
            raise ProviderError(
                400,
                "Invalid request: target: the field is required.",
                code="invalid_request",
                details=[{"field": "target", "message": "The target field is required."}],
            )
        if not isinstance(target, str) or target not in TARGETS:
            raise ProviderError(
                400,
                f"Invalid request: target: unsupported target {target!r}.",
                code="invalid_request",
                details=[{"field": "target", "message": "Unsupported target."}],
            )
        return raw

    def _validate_params(self, union: type[BaseModel], raw: dict[str, Any]) -> dict[str, Any]:
        """Validate ``raw`` with the target union; return the request as JSON (unset omitted)."""
        target = raw["target"]
        variants = TASK_VARIANTS if union is models.TaskRequest else BATCH_VARIANTS
        known = {f.alias or n for n, f in variants[target].model_fields.items()}
        unknown = sorted(key for key in raw if key not in known)
        if unknown:
            raise ProviderError(
                422,
                f"Invalid parameters for target {target!r}: {unknown[0]}: "
                f"unknown parameter (target {target!r} accepts {', '.join(sorted(known))}).",
                code="invalid_request",
                details=[{"field": key, "message": "unknown parameter"} for key in unknown],
            )
        try:
            # The spec's schema of the target's parameter set gives precise errors; the
            # discriminated pydantic union then carries the data.
            model = self.validate(union, raw, schema=variants[target].__name__)
        except ProviderError as exc:
            problems = []
            for detail in exc.details or []:
                loc = [str(part) for part in detail["loc"]]
                if loc and loc[0] == target:
                    loc = loc[1:]
                message = str(detail["msg"])
                missing = REQUIRED_MESSAGE.match(message)
                if not loc and missing:
                    loc = [missing.group(1)]
                if len(message) > 200:
                    message = message[:120] + " … " + message[-60:]
                problems.append({"field": ".".join(loc) or "body", "message": message})
            first = problems[0] if problems else {"field": "body", "message": exc.message}
            raise ProviderError(
                422,
                f"Invalid parameters for target {target!r}: {first['field']}: {first['message']}",
                code="invalid_request",
                details=problems,
            ) from exc
        variant: BaseModel = model.root  # type: ignore[attr-defined]
        params: dict[str, Any] = variant.model_dump(mode="json", by_alias=True)
        return params
