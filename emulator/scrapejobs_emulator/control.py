"""The control API under ``/_emulator/``: outside the provider specs, for tests and operators.

| method | path | what |
|---|---|---|
| GET | ``/_emulator/health`` | ``{"status": "ok"}`` |
| POST | ``/_emulator/reset`` | forget jobs, webhooks and statistics (configuration kept) |
| GET | ``/_emulator/config`` | the configuration (tokens shown as account labels) |
| PATCH | ``/_emulator/config`` | deep-merge a partial configuration; 400 with the field on bad input |
| GET | ``/_emulator/clock`` | ``{"now": <epoch seconds>, "manual": bool}`` |
| POST | ``/_emulator/clock/advance`` | ``{"seconds": n}``; manual clock only (409 otherwise) |
| GET | ``/_emulator/jobs`` | every job unit; filters ``provider``, ``account`` (label), ``phase`` |
| POST | ``/_emulator/jobs/{provider}/{job_id}/complete`` | finish a job now; body ``{"outcome": "succeeded"|"failed"}`` |
| GET | ``/_emulator/webhooks`` | every webhook with every delivery attempt; filter ``provider`` |
| POST | ``/_emulator/webhooks/deliver`` | attempt every due delivery now; ``{"attempted": n}`` |
| GET | ``/_emulator/stats`` | per provider: requests per operation, jobs per account, faults |
| GET | ``/_emulator/openapi.json`` | this table as an OpenAPI document |
| GET | ``/_emulator/ui`` | the dashboard (HTML; :mod:`scrapejobs_emulator.dashboard`) |
| POST | ``/_emulator/ui/faults`` | the dashboard's fault form; 303 back to ``/_emulator/ui`` |
"""

from __future__ import annotations

import json
import math
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from scrapejobs_emulator.clock import ManualClock
from scrapejobs_emulator.config import EmulatorConfig
from scrapejobs_emulator.dashboard import Dashboard
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.persist import StateDocumentError, restore, snapshot
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.stats import account_label


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def job_json(record: JobRecord) -> dict[str, Any]:
    """Return a job unit as the control API shows it (account as a label, never the token)."""
    return {
        "provider": record.provider,
        "account": account_label(record.account),
        "id": record.id,
        "phase": record.phase.value,
        "planned_outcome": record.outcome.value,
        "created_at": record.created_at,
        "started_at": record.started_at,
        "finished_at": record.finished_at,
        "finish_at": record.finish_at,
        "polls": record.polls,
        "group": record.data.get("group"),
    }


def _public_config(emulator: EmulatorState) -> dict[str, Any]:
    data = emulator.config.model_dump(mode="json")
    data["tokens"] = [account_label(token) for token in emulator.config.tokens]
    data["webhook_secret"] = "[hidden]"  # noqa: S105 -- a placeholder
    return data


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "scrapejobs emulator control API",
        "version": "1.0.0",
        "description": (__doc__ or "").strip(),
    },
    "paths": {
        path: {method: {"summary": summary, "responses": {"200": {"description": "OK"}}}}
        for method, path, summary in (
            ("get", "/_emulator/health", "Liveness"),
            ("post", "/_emulator/reset", "Forget jobs, webhooks and statistics"),
            ("get", "/_emulator/config", "Read the configuration"),
            ("patch", "/_emulator/config", "Change part of the configuration"),
            ("get", "/_emulator/clock", "Read the clock"),
            ("post", "/_emulator/clock/advance", "Advance the manual clock"),
            ("get", "/_emulator/jobs", "List job units"),
            ("post", "/_emulator/jobs/{provider}/{job_id}/complete", "Finish a job now"),
            ("get", "/_emulator/webhooks", "List webhook deliveries"),
            ("post", "/_emulator/webhooks/deliver", "Attempt due deliveries now"),
            ("get", "/_emulator/stats", "Statistics"),
            ("get", "/_emulator/state", "Snapshot of jobs, clock and configuration (version 1)"),
            ("put", "/_emulator/state", "Replace the state with a snapshot"),
        )
    },
}


class ControlApi:
    """The control API's handlers, bound to one emulator state (see the module docstring)."""

    def __init__(self, emulator: EmulatorState) -> None:
        self.emulator = emulator

    def routes(self) -> list[Route]:
        """Return every route of the control API (paths relative to ``/_emulator``)."""
        return [
            Route("/health", self.health, methods=["GET"]),
            Route("/reset", self.reset, methods=["POST"]),
            Route("/config", self.get_config, methods=["GET"]),
            Route("/config", self.patch_config, methods=["PATCH"]),
            Route("/clock", self.get_clock, methods=["GET"]),
            Route("/clock/advance", self.advance_clock, methods=["POST"]),
            Route("/jobs", self.list_jobs, methods=["GET"]),
            Route("/jobs/{provider}/{job_id}/complete", self.complete_job, methods=["POST"]),
            Route("/webhooks", self.list_webhooks, methods=["GET"]),
            Route("/webhooks/deliver", self.deliver, methods=["POST"]),
            Route("/stats", self.stats, methods=["GET"]),
            Route("/state", self.get_state, methods=["GET"]),
            Route("/state", self.put_state, methods=["PUT"]),
            Route("/openapi.json", self.openapi, methods=["GET"]),
            *Dashboard(self.emulator).routes(),
        ]

    async def health(self, _request: Request) -> Response:
        """Answer ``{"status": "ok"}``."""
        return JSONResponse({"status": "ok"})

    async def reset(self, _request: Request) -> Response:
        """Forget jobs, webhooks and statistics (configuration kept)."""
        self.emulator.reset()
        return JSONResponse({"status": "reset"})

    async def get_config(self, _request: Request) -> Response:
        """Return the configuration (tokens as account labels, the webhook secret hidden)."""
        return JSONResponse(_public_config(self.emulator))

    async def patch_config(self, request: Request) -> Response:
        """Deep-merge a partial configuration; 400 naming the field on bad input."""
        try:
            patch = json.loads(await request.body() or b"{}")
        except (ValueError, RecursionError) as exc:
            return _error(400, f"malformed JSON: {exc}")
        if not isinstance(patch, dict):
            return _error(400, "expected a JSON object")
        base = self.emulator.config.model_dump(mode="python")
        try:
            config = EmulatorConfig.model_validate(_merge(base, patch))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            return _error(400, f"{where}: {first['msg']}")
        self.emulator.configure(config)
        return JSONResponse(_public_config(self.emulator))

    async def get_state(self, _request: Request) -> Response:
        """Return the state document (see :mod:`scrapejobs_emulator.persist`; no secrets)."""
        return JSONResponse(snapshot(self.emulator))

    async def put_state(self, request: Request) -> Response:
        """Replace the state with a posted document; 400 (nothing changed) on a bad one."""
        try:
            document = json.loads(await request.body() or b"null")
        except (ValueError, RecursionError) as exc:
            return _error(400, f"malformed JSON: {exc}")
        try:
            restore(self.emulator, document)
        except StateDocumentError as exc:
            return _error(400, str(exc))
        return JSONResponse(snapshot(self.emulator))

    async def get_clock(self, _request: Request) -> Response:
        """Return the clock's time and whether it is a manual clock."""
        clock = self.emulator.clock
        return JSONResponse({"now": clock.now(), "manual": isinstance(clock, ManualClock)})

    async def advance_clock(self, request: Request) -> Response:
        """Advance a manual clock by ``{"seconds": n}`` (409 on the wall clock, 400 bad input)."""
        clock = self.emulator.clock
        if not isinstance(clock, ManualClock):
            return _error(409, "the emulator runs on the wall clock; start it with a manual clock")
        try:
            seconds = float(json.loads(await request.body() or b"{}").get("seconds", 0))
        except (ValueError, AttributeError, TypeError, RecursionError, OverflowError) as exc:
            return _error(400, f"expected {{'seconds': number}}: {exc}")
        if not 0 <= seconds < math.inf:
            return _error(400, "seconds must be a finite number >= 0")
        clock.advance(seconds)
        self.emulator.tick()
        return JSONResponse({"now": clock.now()})

    async def list_jobs(self, request: Request) -> Response:
        """List job units, filtered by ``provider``, ``account`` (label) and ``phase``."""
        provider = request.query_params.get("provider")
        account = request.query_params.get("account")
        phase = request.query_params.get("phase")
        jobs = [
            job_json(record)
            for record in self.emulator.store.records(provider)
            if (account is None or account_label(record.account) == account)
            and (phase is None or record.phase.value == phase)
        ]
        return JSONResponse({"jobs": jobs, "total": len(jobs)})

    async def complete_job(self, request: Request) -> Response:
        """Finish a job now with ``{"outcome": "succeeded"|"failed"}`` (404 unknown, 400 bad)."""
        store = self.emulator.store
        record = store.get(request.path_params["provider"], request.path_params["job_id"])
        if record is None:
            return _error(404, "no such job")
        try:
            body = json.loads(await request.body() or b"{}")
            outcome = Phase(body.get("outcome", record.outcome.value))
        except (ValueError, AttributeError, TypeError, RecursionError) as exc:
            return _error(400, f"outcome must be 'succeeded' or 'failed': {exc}")
        if outcome not in (Phase.SUCCEEDED, Phase.FAILED):
            return _error(400, "outcome must be 'succeeded' or 'failed'")
        store.complete(record, outcome)
        return JSONResponse(job_json(record))

    async def list_webhooks(self, request: Request) -> Response:
        """List webhooks with every delivery attempt (accounts as labels); filter ``provider``."""
        provider = request.query_params.get("provider")
        items = [
            w.as_json() for w in self.emulator.webhooks.webhooks if provider in (None, w.provider)
        ]
        for item in items:
            item["account"] = account_label(item["account"])
        return JSONResponse({"webhooks": items, "total": len(items)})

    async def deliver(self, _request: Request) -> Response:
        """Attempt every due delivery now; answer ``{"attempted": n}``."""
        return JSONResponse({"attempted": await self.emulator.deliver_webhooks()})

    async def stats(self, _request: Request) -> Response:
        """Return the statistics per provider."""
        return JSONResponse(self.emulator.stats.as_json())

    async def openapi(self, _request: Request) -> Response:
        """Return the control API's OpenAPI document."""
        return JSONResponse(OPENAPI)


def control_app(emulator: EmulatorState) -> Starlette:
    """Return the control API app bound to ``emulator``."""
    return Starlette(routes=ControlApi(emulator).routes())
