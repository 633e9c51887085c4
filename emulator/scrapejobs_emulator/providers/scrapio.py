"""Scrapio Jobs API: ``/v1/jobs`` with kinds, idempotency, status, result and cancel.

Behaviour (see specs/scrapio.openapi.yaml and specs/README.md):

- ``Authorization: Bearer <token>``; 401 ``unauthorized`` otherwise.
- ``POST /v1/jobs`` answers 202. With ``Idempotency-Key`` the same key and body return the
  original job; the same key with another body is 409 ``idempotency_conflict``.
- Status: ``queued`` → ``running`` → ``completed`` | ``partial`` | ``failed``; ``cancelled`` via
  ``POST /v1/jobs/{id}/cancel`` (202; 200 and unchanged when already final). A failing fetch job
  with several outputs ends ``partial`` (the first output succeeded).
- Result: 409 ``job_not_ready`` until final, 409 ``job_failed`` for a failed job, 404
  ``job_not_found`` for unknown ids, other accounts' jobs and expired results.
- Webhook ``{type: job.completed|job.failed, data: <Job>}`` to ``webhook.url`` when a job ends
  on its own; no signature (put a secret in the URL); retried after 10 s, 60 s and 300 s.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from typing import Any

from provider_models import scrapio as models
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator import content
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response, new_request_id
from scrapejobs_emulator.webhooks import RetryPolicy

WEBHOOK_POLICY = RetryPolicy(delays=(10.0, 60.0, 300.0))
STATUS = {
    Phase.QUEUED: "queued",
    Phase.RUNNING: "running",
    Phase.SUCCEEDED: "completed",
    Phase.FAILED: "failed",
    Phase.CANCELLED: "cancelled",
}


def rfc3339(seconds: float) -> str:
    """Return ``seconds`` since the epoch as an RFC 3339 UTC timestamp with ``Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class Provider(ProviderApp):
    """The emulated Scrapio Jobs API."""

    name = "scrapio"
    validation_status = 400

    def __init__(self, emulator: Any) -> None:
        super().__init__(emulator)
        self._idempotency: dict[tuple[str, str], tuple[str, str]] = {}

    def reset(self) -> None:
        """Forget idempotency keys."""
        self._idempotency.clear()

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
        if key is not None:
            known = self._idempotency.get((account, key))
            if known is not None:
                if known[0] != fingerprint:
                    raise ProviderError(
                        409,
                        "Idempotency-Key was already used with a different request body.",
                        code="idempotency_conflict",
                    )
                record = self.store.get(self.name, known[1], account)
                if record is not None:
                    return json_response(self._accepted(record), 202)
        job = body.root
        record = self.store.create(
            self.name,
            account,
            "job_" + secrets.token_hex(12),
            fail=request.state.fail_job,
            data={"kind": job.kind, "request": raw},
        )
        self.emulator.stats.count_job(self.name, account)
        if key is not None:
            self._idempotency[(account, key)] = (fingerprint, record.id)
        return json_response(self._accepted(record), 202)

    async def get_job(self, request: Request) -> Response:
        """Return the job's status (each read counts as a poll)."""
        record = await self._record(request)
        self.store.poll(record)
        return json_response(self._job(record))

    async def get_job_result(self, request: Request) -> Response:
        """Return the result of a final job, or the documented 404/409."""
        record = await self._record(request)
        if not record.phase.terminal:
            raise ProviderError(409, "The job has not finished yet.", code="job_not_ready")
        if self._status(record) == "failed":
            raise ProviderError(409, "The job failed; it has no result.", code="job_failed")
        result = models.JobResult(
            request_id=new_request_id(),
            job_id=record.id,
            job_type=record.data["kind"],
            status=self._status(record),
            mode="async",
        )
        if record.phase is not Phase.CANCELLED:
            await self._attach_output(record, result)
        return json_response(result)

    async def cancel_job(self, request: Request) -> Response:
        """Cancel a queued or running job (202), or return a final one unchanged (200)."""
        record = await self._record(request)
        cancelled = self.store.cancel(record)
        body = models.JobCancelled(
            request_id=new_request_id(),
            job_id=record.id,
            job_type=record.data["kind"],
            status=self._status(record),
            mode="async",
        )
        return json_response(body, 202 if cancelled else 200)

    # -- lifecycle --------------------------------------------------------------------------

    def on_finished(self, record: JobRecord) -> None:
        """Queue the webhook of a job that ended on its own (not for cancellations)."""
        webhook = record.data["request"].get("webhook")
        if not webhook or record.phase is Phase.CANCELLED:
            return
        status = self._status(record)
        event = models.JobWebhookEvent(
            type="job.failed" if status == "failed" else "job.completed", data=self._job(record)
        )
        self.emulator.webhooks.enqueue(
            provider=self.name,
            account=record.account,
            job_id=record.id,
            url=webhook["url"],
            payload=event.model_dump(mode="json", by_alias=True),
            policy=WEBHOOK_POLICY,
        )

    # -- helpers ----------------------------------------------------------------------------

    async def _record(self, request: Request) -> JobRecord:
        account = await self.authenticate(request)
        record = self.store.get(self.name, request.path_params["job_id"], account)
        if record is None or record.expired(self.now(), self.config.retention_seconds[self.name]):
            raise ProviderError(404, "Job not found.", code="job_not_found")
        return record

    def _outputs(self, record: JobRecord) -> list[str]:
        request_input = record.data["request"].get("input", {})
        output = request_input.get("output")
        default = ["markdown"] if record.data["kind"] == "crawl" else ["html"]
        return list(output or default)

    def _status(self, record: JobRecord) -> str:
        if (
            record.phase is Phase.FAILED
            and record.data["kind"] == "fetch"
            and len(self._outputs(record)) > 1
        ):
            return "partial"
        return STATUS[record.phase]

    def _accepted(self, record: JobRecord) -> models.JobAccepted:
        return models.JobAccepted(
            request_id=new_request_id(),
            mode="async",
            status=self._status(record),
            job_id=record.id,
            job_type=record.data["kind"],
        )

    def _job(self, record: JobRecord) -> models.Job:
        status = self._status(record)
        job = models.Job(
            request_id=new_request_id(),
            job_id=record.id,
            job_type=record.data["kind"],
            status=status,
            mode="async",
            created_at=rfc3339(record.created_at),
            result_available=status in ("completed", "partial"),
        )
        if record.started_at is not None:
            job.started_at = rfc3339(record.started_at)
        if record.finished_at is not None:
            job.completed_at = rfc3339(record.finished_at)
        if record.data["kind"] == "fetch":
            done = 1 if record.phase.terminal else 0
            job.progress = models.JobProgress(completed=done, total=1)
        if status == "failed":
            job.error = models.JobError(
                code="target_blocked",
                message="The target blocked every attempt.",
                diagnostics=models.Diagnostics(outcome="failed", retryable=True, blocked=True),
            )
        elif status == "partial":
            job.diagnostics = self._partial_diagnostics(record)
        return job

    def _partial_diagnostics(self, record: JobRecord) -> models.Diagnostics:
        return models.Diagnostics(
            outcome="partial",
            output_failures=[
                models.OutputFailure(
                    output=name, code="render_failed", message=f"{name} could not be produced."
                )
                for name in self._outputs(record)[1:]
            ],
        )

    async def _attach_output(self, record: JobRecord, result: models.JobResult) -> None:
        request_input: dict[str, Any] = record.data["request"].get("input", {})
        kind = record.data["kind"]
        source = self.emulator.content
        if kind == "fetch":
            page = await source.page(request_input["url"])
            wanted = self._outputs(record)
            if self._status(record) == "partial":
                wanted = wanted[:1]
                result.diagnostics = self._partial_diagnostics(record)
            outputs = models.FetchOutputs()
            if "html" in wanted:
                outputs.html = page.html
            if "markdown" in wanted:
                outputs.markdown = content.markdown_of(page)
            if "json" in wanted:
                outputs.json_ = models.FetchJsonOutput.model_validate(content.parsed_of(page))
            if "screenshot" in wanted:
                outputs.screenshot = models.Screenshot(
                    url="data:image/png;base64," + content.png_base64(page.url)
                )
            result.outputs = outputs
            return
        if kind in ("crawl", "map"):
            seeds = request_input.get("seeds", [])
            # JSON integers may arrive as 56.0; the spec allows it, so read them as int.
            limit = int(request_input.get("max_pages" if kind == "crawl" else "max_urls", 5))
            urls = [f"{seed.rstrip('/')}/page-{i}" for seed in seeds for i in range(limit)][:limit]
            if kind == "map":
                data: dict[str, Any] = {"urls": urls}
            else:
                data = {
                    "pages": [
                        {"url": url, "markdown": content.markdown_of(source.page_now(url))}
                        for url in urls
                    ]
                }
        elif kind == "search":
            query = request_input.get("query", "")
            count = int(request_input.get("max_results", 3))
            data = {
                "query": query,
                "results": [
                    {"title": f"{query} — result {i + 1}", "url": f"https://search.example/{i + 1}"}
                    for i in range(count)
                ],
            }
        else:  # interact
            page = await source.page(request_input["url"])
            data = {
                "url": page.url,
                "title": page.title,
                "actions_run": len(request_input["actions"]),
            }
        result.result = models.JobResultData.model_validate(data)
