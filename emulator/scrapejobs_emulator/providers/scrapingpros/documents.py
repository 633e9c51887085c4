"""ScrapingPros' stored collections and runs, and the documents built from them (no HTTP).

Pure functions of the records: job and run statuses, counters, Collection, Run and RunJob.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from provider_models import scrapingpros as models

from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.providers.scrapingpros.results import execution_seconds
from scrapejobs_emulator.webhooks import Webhook

VALIDATOR_VERSION = "content_success_v1"
SUCCESS_RULES = ["status_code_2xx", "not_blocked"]
JOB_STATUSES = ("processing", "completed", "failed", "timeout")
JOB_STATUS = {
    Phase.QUEUED: "processing",
    Phase.RUNNING: "processing",
    Phase.SUCCEEDED: "completed",
    Phase.FAILED: "failed",
    Phase.CANCELLED: "failed",  # no cancel endpoint exists; only reachable via the control API
}
"""Core phase → ScrapingPros job status (a FAILED job whose URL contains ``timeout``: ``timeout``)."""
RUN_STATUS = {False: "in_progress", True: "completed"}
"""Whether every job of the run is final → run status."""
CALLBACK_STATUS = {"pending": "pending", "delivered": "sent", "failed": "failed"}
"""Webhook delivery state → run ``callback_status``."""


def rfc3339(seconds: float) -> str:
    """Return ``seconds`` since the epoch as an ISO 8601 UTC timestamp with ``Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def iso_micro(seconds: float) -> str:
    """Return ``seconds`` as an ISO 8601 UTC timestamp with microseconds (job listing times)."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(eq=False)
class StoredCollection:
    """One account's collection: its name, screened requests and callback URL."""

    id: str
    account: str
    name: str
    requests: list[dict[str, Any]]
    callback_url: str | None
    created_at: float
    updated_at: float
    sequence: int
    deleted: bool = False


@dataclass(eq=False)
class StoredRun:
    """One run of a collection: its job units and webhook."""

    id: str
    account: str
    collection_id: str
    units: list[JobRecord]
    callback_url: str | None
    created_at: float
    sequence: int
    base_url: str
    """The provider's mount URL as the request that started the run reached it."""
    completed_at: float | None = None
    webhook: Webhook | None = None
    callback_unusable: bool = False
    saved_webhook_state: str | None = None
    """The webhook's delivery state when the run was restored from a state document."""


def job_status(record: JobRecord) -> str:
    """Return the job's status (a failed job whose URL contains ``timeout``: ``timeout``)."""
    status = JOB_STATUS[record.phase]
    if record.phase is Phase.FAILED and "timeout" in record.data["request"]["url"]:
        return "timeout"
    return status


def counts(run: StoredRun) -> dict[str, int]:
    """Return how many of the run's jobs have each status."""
    counts = dict.fromkeys(JOB_STATUSES, 0)
    for unit in run.units:
        counts[job_status(unit)] += 1
    return counts


def collection_document(stored: StoredCollection) -> models.Collection:
    """Return the collection as the API shows it."""
    return models.Collection(
        id=stored.id,
        name=stored.name,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
    )


def run_document(run: StoredRun) -> models.Run:
    """Return the run with its counters and failed jobs (as its units are now)."""
    tally = counts(run)
    done = all(unit.phase.terminal for unit in run.units)
    callback_status: str | None = None
    if run.callback_url is not None:
        state = run.webhook.state if run.webhook else run.saved_webhook_state
        callback_status = CALLBACK_STATUS[state] if state else "pending"
        if run.callback_unusable:
            callback_status = "failed"
    return models.Run(
        run_id=run.id,
        status=RUN_STATUS[done],
        total_requests=len(run.units),
        success_requests=tally["completed"],
        failed_requests=tally["failed"],
        timeout_requests=tally["timeout"],
        collection_id=run.collection_id,
        job_ids=[unit.id for unit in run.units],
        callback_url=run.callback_url,
        callback_status=callback_status,
        created_at=run.created_at,
        failed_jobs=[
            models.FailedJob(
                job_id=unit.id,
                url=unit.data["request"]["url"],
                status=job_status(unit),
                error=error_text(job_status(unit)),
            )
            for unit in run.units
            if job_status(unit) in ("failed", "timeout")
        ],
        success_criterion=models.SuccessCriterion(version=VALIDATOR_VERSION, rules=SUCCESS_RULES),
        all_jobs_persisted=True,
    )


def error_text(status: str) -> str | None:
    """Return the error text of a job with ``status`` (None when it has none)."""
    return {"failed": "Connection timeout", "timeout": None}.get(status)


def run_job_document(record: JobRecord) -> models.RunJob:
    """Return the job as the run's job listing shows it (without an embedded result)."""
    status = job_status(record)
    item: dict[str, Any] = record.data["request"]
    final = record.phase.terminal
    job = models.RunJob(
        job_public_id=record.id,
        run_public_id=record.data["group"],
        collection_id=record.data["collection_id"],
        client_id=None,
        status=status,
        status_code={"completed": 200, "failed": 502}.get(status),
        message={
            "completed": "Request successful",
            "failed": "Connection timeout",
            "timeout": "Job timed out",
        }.get(status),
        url=item["url"],
        custom_id=item.get("custom_id"),
        queued_at=iso_micro(record.created_at),
        started_at=iso_micro(record.started_at) if record.started_at is not None else None,
        completed_at=iso_micro(record.finished_at) if record.finished_at is not None else None,
        execution_time_ms=execution_seconds(record) * 1000 if final else None,
        retries_attempted=0 if final else None,
        block_reason=None,
        url_truncated=False,
        protection_stack=[],
        rule_hits=[] if status in ("completed", "processing") else ["status_code_2xx"],
        validator_version=VALIDATOR_VERSION,
        has_extractable_data=bool(item.get("extract")) if final else None,
        is_success=(status == "completed") if final else None,
    )
    return job
