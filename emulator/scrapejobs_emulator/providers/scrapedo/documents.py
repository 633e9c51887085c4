"""Scrape.do's documents, built from a job and its tasks: statuses, Job, JobListItem, Task, content.

Pure functions of a :class:`ScrapeJob` and its task records (no state, no HTTP); the backend
passes in what they need of the emulator (the time, the concurrency limit, credits).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from provider_models import scrapedo as models

from scrapejobs_emulator import content
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.webhooks import Webhook

PREPARE_SECONDS = 0.1
"""How long a new job whose tasks have not started is ``queuing`` (being prepared)."""
TASK_STATUS = {
    Phase.QUEUED: "queued",
    Phase.RUNNING: "pending",
    Phase.SUCCEEDED: "success",
    Phase.FAILED: "error",
    Phase.CANCELLED: "canceled",
}
"""Task status per core phase (a RUNNING task that will fail reads ``rotating``)."""
WEBHOOK_STATUS = {"pending": "pending", "delivered": "success", "failed": "failed"}
"""Task ``WebhookStatus`` per dispatcher state."""
SCREENSHOT_OPTIONS = ("Screenshot", "FullScreenshot", "ParticularScreenshot")
FAILED_MESSAGE = "Target blocked every attempt after rotating through proxies (HTTP 403)."


def rfc3339(seconds: float) -> str:
    """Return ``seconds`` since the epoch as an RFC 3339 UTC timestamp with ``Z``."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(eq=False)
class ScrapeJob:
    """One Scrape.do job: its account, request and the IDs of its tasks (one record each)."""

    id: str
    account: str
    created_at: float
    request: dict[str, Any]
    task_ids: list[str]
    targets: list[str]
    canceled: bool = False
    tasks: list[JobRecord] = field(default_factory=list)


def task_status(record: JobRecord) -> str:
    """Return the task's status (``rotating`` for a running task heading for failure)."""
    if record.phase is Phase.RUNNING and record.outcome is Phase.FAILED:
        return "rotating"
    return TASK_STATUS[record.phase]


def job_status(job: ScrapeJob, now: float) -> str:
    """Return the job's status, aggregated from its tasks (see the package docstring)."""
    if job.canceled:
        return "canceled"
    statuses = [task_status(record) for record in job.tasks]
    if all(record.phase.terminal for record in job.tasks):
        return "success" if "success" in statuses else "error"
    if "pending" in statuses or any(record.phase.terminal for record in job.tasks):
        return "pending"
    if "rotating" in statuses:
        return "rotating"
    return "queuing" if now < job.created_at + PREPARE_SECONDS else "queued"


def end_time(job: ScrapeJob) -> str | None:
    """Return when the job's last task finished, None while a task is unfinished."""
    if not all(record.phase.terminal for record in job.tasks):
        return None
    return rfc3339(max(record.finished_at or job.created_at for record in job.tasks))


def job_document(job: ScrapeJob, now: float, limit: int) -> models.Job:
    """Return the Get Job answer (``limit`` is the account's concurrency)."""
    running = sum(1 for record in job.tasks if record.phase is Phase.RUNNING)
    return models.Job(
        job_id=job.id,
        task_i_ds=list(job.task_ids),
        status=job_status(job, now),
        start_time=rfc3339(job.created_at),
        end_time=end_time(job),
        acquired_concurrency=min(limit, running),
        limit_concurrency=limit,
        canceled=job.canceled,
        tasks=[
            models.TaskSummary(
                task_id=record.id, url=record.data["url"], status=task_status(record)
            )
            for record in job.tasks
        ],
    )


def list_item(job: ScrapeJob, now: float) -> models.JobListItem:
    """Return the job as one item of the job listing."""
    return models.JobListItem(
        job_id=job.id,
        status=job_status(job, now),
        task_i_ds=list(job.task_ids),
        start_time=rfc3339(job.created_at),
        end_time=end_time(job),
    )


def task_document(
    job: ScrapeJob,
    record: JobRecord,
    page: content.Page | None,
    *,
    expires_at: float | None,
    remaining_credits: int,
) -> models.Task:
    """Return the Get Task answer: status, times, credits, content (from ``page``), webhook."""
    task = models.Task(
        task_id=record.id,
        job_id=job.id,
        url=record.data["url"],
        status=task_status(record),
        trace_id=hashlib.sha256(record.id.encode()).hexdigest()[:16],
    )
    if expires_at is not None:
        task.expires_at = rfc3339(expires_at)
    moments = [record.created_at]
    if record.started_at is not None:
        task.start_time = rfc3339(record.started_at)
        moments.append(record.started_at)
    task.end_time = rfc3339(record.finished_at) if record.finished_at is not None else None
    if record.finished_at is not None:
        moments.append(record.finished_at)
        task.scrape_do = models.TaskCredits(
            credits_used=str(record.data.get("credits_used", 0)),
            remaining_credits=str(record.data.get("remaining_credits", remaining_credits)),
        )
    _fill_outcome(task, job, record, page)
    moments.extend(_fill_webhook(task, job, record))
    task.update_time = rfc3339(max(moments))
    return task


def _fill_outcome(
    task: models.Task, job: ScrapeJob, record: JobRecord, page: content.Page | None
) -> None:
    """Set the task's status code, headers, content and error message from its outcome."""
    if page is not None:
        body, is_base64, content_type = task_content(job.request, page)
        task.status_code = page.status_code
        task.response_headers = models.ResponseHeaders.model_validate(
            {"Content-Type": content_type}
        )
        task.content = body
        task.base64_encoded_content = is_base64
        task.error_message = ""
    elif record.phase is Phase.FAILED:
        task.status_code = 403
        task.response_headers = models.ResponseHeaders.model_validate({"Content-Type": "text/html"})
        task.content = ""
        task.base64_encoded_content = False
        task.error_message = FAILED_MESSAGE
    elif record.phase is Phase.CANCELLED:
        task.content = ""
        task.base64_encoded_content = False
        task.error_message = "Job was canceled before this task finished."


def _fill_webhook(task: models.Task, job: ScrapeJob, record: JobRecord) -> list[float]:
    """Set the task's webhook fields; return the time of its latest attempt (if any) in a list."""
    webhook_url = job.request.get("WebhookURL")
    if not webhook_url:
        return []
    task.webhook_url = webhook_url
    webhook: Webhook | None = record.data.get("webhook")
    if webhook is None:
        return []
    task.webhook_status = WEBHOOK_STATUS.get(webhook.state, webhook.state)
    if not webhook.attempts:
        return []
    task.webhook_request_time = rfc3339(webhook.attempts[-1].at)
    return [webhook.attempts[-1].at]


def _actions(render: dict[str, Any]) -> list[dict[str, Any]]:
    actions = render.get("PlayWithBrowser") or []
    return [action for action in actions if isinstance(action, dict)]


def task_content(request: dict[str, Any], page: content.Page) -> tuple[str, bool, str]:
    """Return (content, base64?, content type) of a successful task."""
    render: dict[str, Any] | None = request.get("Render")
    if render is None:
        if request.get("Output") == "markdown":
            return content.markdown_of(page), False, "text/markdown; charset=utf-8"
        return page.html, False, page.headers.get("content-type", "text/html")
    actions = _actions(render)
    screenshot = any(render.get(name) for name in SCREENSHOT_OPTIONS) or any(
        action.get("Action") == "ScreenShot" for action in actions
    )
    if render.get("ReturnJSON"):
        document: dict[str, Any] = {
            "url": page.url,
            "statusCode": page.status_code,
            "content": (
                content.markdown_of(page) if request.get("Output") == "markdown" else page.html
            ),
            "networkRequests": [
                {"url": page.url, "method": request.get("Method", "GET"), "status": 200}
            ],
            "actionResults": [
                {"action": action.get("Action"), "index": i, "success": True}
                for i, action in enumerate(actions)
            ],
        }
        if render.get("ShowWebsocketRequests"):
            document["websocketResponses"] = []
        if render.get("ShowFrames"):
            document["frames"] = []
        if screenshot:
            document["screenShots"] = [
                {"type": "ScreenShot", "image": content.png_base64(page.url)}
            ]
        return json.dumps(document), False, "application/json"
    if screenshot:
        return content.png_base64(page.url), True, "image/png"
    if request.get("Output") == "markdown":
        return content.markdown_of(page), False, "text/markdown; charset=utf-8"
    if not actions:
        return page.html, False, page.headers.get("content-type", "text/html")
    script = json.dumps(actions).replace("</", "<\\/")
    marker = f'<script id="scrapedo-actions" type="application/json">{script}</script>'
    html = page.html.replace("</body>", marker + "</body>", 1)
    return html, False, page.headers.get("content-type", "text/html")
