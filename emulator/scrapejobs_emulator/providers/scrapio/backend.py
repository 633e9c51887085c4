"""Scrapio's model: jobs of five kinds, idempotency keys, statuses, results, webhooks (no HTTP)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from provider_models import scrapio as models

from scrapejobs_emulator.backend import ProviderBackend, new_request_id
from scrapejobs_emulator.errors import ProviderError
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.providers.scrapio import outputs
from scrapejobs_emulator.state import EmulatorState
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


class ScrapioBackend(ProviderBackend):
    """Scrapio's jobs (one record each) and idempotency keys, and the documents built from them."""

    name = "scrapio"

    def __init__(self, state: EmulatorState) -> None:
        super().__init__(state)
        self._idempotency: dict[tuple[str, str], tuple[str, str]] = {}

    def reset(self) -> None:
        """Forget idempotency keys."""
        self._idempotency.clear()

    def dump(self, label: Callable[[str], str]) -> dict[str, Any]:
        """Return the idempotency keys (key, body fingerprint, job id), accounts as labels."""
        keys = [
            {"account": label(account), "key": key, "fingerprint": fingerprint, "job_id": job_id}
            for (account, key), (fingerprint, job_id) in self._idempotency.items()
        ]
        return {"idempotency": keys}

    def load(self, data: dict[str, Any], token: Callable[[str], str]) -> None:
        """Restore :meth:`dump`'s idempotency keys.

        Raises:
            KeyError, TypeError, ValueError: for malformed data or an unknown account.

        """
        for raw in data.get("idempotency", []):
            account = token(raw["account"])
            self._idempotency[(account, str(raw["key"]))] = (
                str(raw["fingerprint"]),
                str(raw["job_id"]),
            )

    def replay(self, account: str, key: str | None, fingerprint: str) -> JobRecord | None:
        """Return the job an earlier request with ``key`` and this body created, or None.

        Raises:
            ProviderError: 409 ``idempotency_conflict`` when ``key`` came with another body.

        """
        if key is None:
            return None
        known = self._idempotency.get((account, key))
        if known is None:
            return None
        if known[0] != fingerprint:
            raise ProviderError(
                409,
                "Idempotency-Key was already used with a different request body.",
                code="idempotency_conflict",
            )
        return self.store.get(self.name, known[1], account)

    def create(
        self,
        account: str,
        kind: str,
        raw: dict[str, Any],
        *,
        fail: bool,
        key: str | None,
        fingerprint: str,
    ) -> JobRecord:
        """Create one job of ``kind`` for ``raw`` (remembering ``key``) and count it."""
        record = self.store.create(
            self.name,
            account,
            "job_" + secrets.token_hex(12),
            fail=fail,
            data={"kind": kind, "request": raw},
        )
        self.state.stats.count_job(self.name, account)
        if key is not None:
            self._idempotency[(account, key)] = (fingerprint, record.id)
        return record

    def record(self, account: str, job_id: str) -> JobRecord:
        """Return the account's job.

        Raises:
            ProviderError: 404 ``job_not_found`` for unknown ids, other accounts' jobs and
                expired results.

        """
        record = self.store.get(self.name, job_id, account)
        if record is None or record.expired(self.now(), self.config.retention_seconds[self.name]):
            raise ProviderError(404, "Job not found.", code="job_not_found")
        return record

    async def result(self, record: JobRecord) -> models.JobResult:
        """Return a final job's result.

        Raises:
            ProviderError: 409 ``job_not_ready`` until final, 409 ``job_failed`` once failed.

        """
        if not record.phase.terminal:
            raise ProviderError(409, "The job has not finished yet.", code="job_not_ready")
        if self.status(record) == "failed":
            raise ProviderError(409, "The job failed; it has no result.", code="job_failed")
        result = models.JobResult(
            request_id=new_request_id(),
            job_id=record.id,
            job_type=record.data["kind"],
            status=self.status(record),
            mode="async",
        )
        if record.phase is not Phase.CANCELLED:
            await self._attach_output(record, result)
        return result

    def cancelled(self, record: JobRecord) -> models.JobCancelled:
        """Return the answer to a cancel request for ``record`` (already cancelled or final)."""
        return models.JobCancelled(
            request_id=new_request_id(),
            job_id=record.id,
            job_type=record.data["kind"],
            status=self.status(record),
            mode="async",
        )

    def on_finished(self, record: JobRecord) -> None:
        """Queue the webhook of a job that ended on its own (not for cancellations)."""
        webhook = record.data["request"].get("webhook")
        if not webhook or record.phase is Phase.CANCELLED:
            return
        status = self.status(record)
        event = models.JobWebhookEvent(
            type="job.failed" if status == "failed" else "job.completed", data=self.job(record)
        )
        self.state.webhooks.enqueue(
            provider=self.name,
            account=record.account,
            job_id=record.id,
            url=webhook["url"],
            payload=event.model_dump(mode="json", by_alias=True),
            policy=WEBHOOK_POLICY,
        )

    def _outputs(self, record: JobRecord) -> list[str]:
        request_input = record.data["request"].get("input", {})
        output = request_input.get("output")
        default = ["markdown"] if record.data["kind"] == "crawl" else ["html"]
        return list(output or default)

    def status(self, record: JobRecord) -> str:
        """Return the job's Scrapio status (a failing multi-output fetch ends ``partial``)."""
        if (
            record.phase is Phase.FAILED
            and record.data["kind"] == "fetch"
            and len(self._outputs(record)) > 1
        ):
            return "partial"
        return STATUS[record.phase]

    def accepted(self, record: JobRecord) -> models.JobAccepted:
        """Return the 202 answer to creating ``record``."""
        return models.JobAccepted(
            request_id=new_request_id(),
            mode="async",
            status=self.status(record),
            job_id=record.id,
            job_type=record.data["kind"],
        )

    def job(self, record: JobRecord) -> models.Job:
        """Return the job document (status, times, progress, error or diagnostics)."""
        status = self.status(record)
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
        source = self.state.content
        if kind != "fetch":
            result.result = await outputs.kind_result(source, kind, request_input)
            return
        wanted = self._outputs(record)
        if self.status(record) == "partial":
            wanted = wanted[:1]
            result.diagnostics = self._partial_diagnostics(record)
        result.outputs = await outputs.fetch_outputs(source, request_input["url"], wanted)
