"""Scrape.do Async API: ``/api/v1/jobs`` of many targets, their tasks, listing, cancel and ``/me``.

Behaviour (see specs/scrapedo.openapi.yaml and the Scrape.do section of specs/README.md):

- ``X-Token: <token>`` on every call; 401 ``{"Error": "Unauthorized", "Code": 401}`` otherwise.
  Every error, including malformed JSON (400), unknown paths (404) and wrong methods (405), uses
  the envelope ``{"Error": <message>, "Code": <status>}``.
- ``POST /api/v1/jobs`` answers 200 ``{JobID, Message, TaskIDs}``: one task (one
  :class:`JobRecord`, ``data["group"]`` = the job ID) per entry of ``Targets``, all sharing the
  job ID, in target order. Rules beyond the schema, each a 400 naming the field: 1 to 1000
  ``Targets``, every target and ``WebhookURL`` an absolute http(s) URL, and
  ``Render.BlockResources`` explicitly false when ``PlayWithBrowser`` or a screenshot option is
  used (it defaults to true).
- Task status, from the core phase: QUEUED → ``queued``; RUNNING → ``pending`` (``rotating`` when
  the task is heading for failure, i.e. retrying with other proxies); SUCCEEDED → ``success``;
  FAILED → ``error``; CANCELLED → ``canceled``.
- Job status, aggregated from its tasks: ``canceled`` once cancelled; when every task is final,
  ``success`` if at least one task succeeded and ``error`` if none did (a job with mixed outcomes
  ends ``success``: specs/README.md leaves mixed outcomes to the client, which reads each task's
  ``Status``); otherwise ``pending`` when a task is ``pending`` or some tasks already finished,
  ``rotating`` when the only running tasks are rotating, and while no task has started
  ``queuing`` during the first :data:`PREPARE_SECONDS` after creation, then ``queued``.
- ``GET /api/v1/jobs/{jobID}`` and ``GET /api/v1/jobs/{jobID}/{taskID}`` count as status reads
  (``store.poll``) of every task they report; ``GET /api/v1/jobs`` and ``/api/v1/me`` do not.
- Task content is synthetic per URL: ``Output: markdown`` gives markdown; ``Render`` with
  ``Screenshot``/``FullScreenshot``/``ParticularScreenshot`` or a ``ScreenShot`` browser action
  gives a base64 PNG with ``Base64EncodedContent: true``; ``Render.ReturnJSON`` gives a JSON
  document (content, network requests, one result per ``PlayWithBrowser`` action, screenshots);
  otherwise HTML, into which a rendered page gets the executed actions as a
  ``<script id="scrapedo-actions" type="application/json">`` element. A failed task has an
  empty ``Content``, ``StatusCode`` 403 and an ``ErrorMessage``.
- Credits (the ``"Scrape.do"`` object and ``AvaliableCredits``): each account starts with
  ``config.scrapedo_credits``; a task that succeeds costs 1 credit, 5 with ``Render``, times 10
  with ``Super`` (so 1, 5, 10 or 50); failed and canceled tasks cost 0.
- Expiry: ``ExpiresAt`` = job creation + ``retention_seconds["scrapedo"]`` (Scrape.do keeps
  results 3 days after the job is created); afterwards Get Task on a finished task answers 410
  "Task response content is no longer available.". Jobs stay readable and listed.
- ``GET /api/v1/jobs``: newest first (``sort=asc`` for oldest first; ``sort`` accepts ``asc`` and
  ``desc``), ``page`` ≥ 1, ``page_size`` 1..100 (default 10), ``status`` one job status,
  ``start_from``/``start_to`` RFC 3339 bounds on the job's ``StartTime`` (its creation); any bad
  value is a 400 naming the parameter. ``TotalPages`` = ceil(TotalCount / PageSize).
- ``DELETE /api/v1/jobs/{jobID}``: 200 ``{JobID, Status: canceled, Canceled: true}`` cancels
  every unfinished task (finished tasks keep their result); 406 when the job already finished or
  was already canceled; 404 for unknown IDs and other accounts' jobs (as everywhere).
- ``GET /api/v1/me``: ``TotalConcurrency`` = ``config.scrapedo_concurrency``;
  ``FreeConcurrency`` = total minus the account's queued or running tasks (never negative);
  ``ActiveJobs`` = the account's unfinished jobs; ``AvaliableCredits`` as above (never negative).
- Webhooks: when a task finishes on its own (success or error, not canceled), its Get Task
  object (``TaskWebhook``) is POSTed to the job's ``WebhookURL`` with the job's
  ``WebhookHeaders`` (no signature). Retry policy (the ladder is undocumented; this is the
  emulator's choice): a timeout, connection error or non-2xx is retried after 60 s, 300 s and
  1800 s (4 attempts); a 404 or 410 stops that ladder and gets exactly one more attempt 3600 s
  later. The task shows ``WebhookStatus`` ``pending`` → ``success`` | ``failed`` and
  ``WebhookRequestTime`` = the latest attempt.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from provider_models import scrapedo as models
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator import content
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response
from scrapejobs_emulator.webhooks import RetryPolicy, Webhook

WEBHOOK_POLICY = RetryPolicy(delays=(60.0, 300.0, 1800.0), gone_retry_delay=3600.0)
MAX_TARGETS = 1000
MAX_PAGE_SIZE = 100
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
TOKEN_CHARS = frozenset("!#$%&'*+-.^_`|~")
RESERVED_HEADERS = frozenset({"content-length", "transfer-encoding", "host", "connection"})
GONE_MESSAGE = "Task response content is no longer available."
FAILED_MESSAGE = "Target blocked every attempt after rotating through proxies (HTTP 403)."


def rfc3339(seconds: float) -> str:
    """Return ``seconds`` since the epoch as an RFC 3339 UTC timestamp with ``Z``."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_rfc3339(value: str) -> float:
    """Return the epoch seconds of an RFC 3339 timestamp (UTC when it has no offset).

    Raises:
        ValueError: when ``value`` is not a timestamp.

    """
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def credit_cost(request: dict[str, Any]) -> int:
    """Return the credits a successful task of a job created with ``request`` costs."""
    cost = 5 if request.get("Render") is not None else 1
    return cost * 10 if request.get("Super") is True else cost


def is_http_url(value: str) -> bool:
    """Return True when ``value`` is an absolute http(s) URL with a host that httpx accepts."""
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError, TypeError):
        return False
    return url.scheme in ("http", "https") and bool(url.host) and value.isprintable()


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


class Provider(ProviderApp):
    """The emulated Scrape.do Async API."""

    name = "scrapedo"
    validation_status = 400

    def __init__(self, emulator: Any) -> None:
        super().__init__(emulator)
        self._jobs: dict[str, ScrapeJob] = {}
        self._credits_used: dict[str, int] = {}

    def reset(self) -> None:
        """Forget jobs and credit usage."""
        self._jobs.clear()
        self._credits_used.clear()

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
        if isinstance(raw, dict) and isinstance(raw.get("Targets"), list):
            count = len(raw["Targets"])
            if count > MAX_TARGETS:
                raise ProviderError(
                    400, f"Targets: at most {MAX_TARGETS} targets per job (got {count})."
                )
            if count == 0:
                raise ProviderError(400, "Targets: at least one target is required.")
        body = self.validate(models.CreateJobRequest, raw)
        self._check_rules(raw, body)
        job_id = str(uuid.uuid4())
        targets: list[str] = list(raw["Targets"])
        task_ids = [str(uuid.uuid4()) for _ in targets]
        job = ScrapeJob(
            id=job_id,
            account=account,
            created_at=self.now(),
            request=raw,
            task_ids=task_ids,
            targets=targets,
        )
        self._jobs[job_id] = job
        for index, (task_id, url) in enumerate(zip(task_ids, targets, strict=True)):
            record = self.store.create(
                self.name,
                account,
                task_id,
                fail=request.state.fail_job,
                data={"group": job_id, "url": url, "index": index},
            )
            job.tasks.append(record)
        self.emulator.stats.count_job(self.name, account, len(task_ids))
        answer = models.CreateJobResponse(
            job_id=job_id, message="Job created successfully", task_i_ds=task_ids
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
        jobs = [job for job in self._jobs.values() if job.account == account]
        for job in jobs:
            for record in job.tasks:
                self.store.refresh(record)
        selected = [
            job
            for job in jobs
            if (wanted is None or self._job_status(job) == wanted)
            and (start_from is None or job.created_at >= start_from)
            and (start_to is None or job.created_at <= start_to)
        ]
        selected.sort(key=lambda job: job.created_at, reverse=sort == "desc")
        total = len(selected)
        first = (page - 1) * page_size
        listing = models.JobList(
            jobs=[self._list_item(job) for job in selected[first : first + page_size]],
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
        return json_response(self._job_model(job))

    async def cancel_job(self, request: Request) -> Response:
        """Cancel an unfinished job (200), or answer 406 when it is finished or canceled."""
        job = await self._job(request)
        for record in job.tasks:
            self.store.refresh(record)
        if job.canceled or all(record.phase.terminal for record in job.tasks):
            raise ProviderError(406, "Job already completed or canceled")
        job.canceled = True
        for record in job.tasks:
            self.store.cancel(record)
        answer = models.CancelJobResponse(job_id=job.id, status="canceled", canceled=True)
        return json_response(answer)

    async def get_task(self, request: Request) -> Response:
        """Return one task with its content, credits and webhook state (410 once expired)."""
        job = await self._job(request)
        task_id = request.path_params["task_id"]
        record = next((r for r in job.tasks if r.id == task_id), None)
        if record is None:
            raise ProviderError(404, "Task not found")
        self.store.poll(record)
        expires_at = self._expires_at(job)
        if record.phase.terminal and expires_at is not None and self.now() >= expires_at:
            raise ProviderError(410, GONE_MESSAGE)
        page = None
        if record.phase is Phase.SUCCEEDED:
            page = await self.emulator.content.page(record.data["url"])
        return json_response(self._task_model(job, record, page))

    async def get_account(self, request: Request) -> Response:
        """Return the account's concurrency pool, active jobs and remaining credits."""
        account = await self.authenticate(request)
        active_tasks = sum(
            1 for record in self.store.records(self.name, account) if not record.phase.terminal
        )
        active_jobs = sum(
            1
            for job in self._jobs.values()
            if job.account == account and not all(r.phase.terminal for r in job.tasks)
        )
        total = self.config.scrapedo_concurrency
        answer = models.Account(
            total_concurrency=total,
            free_concurrency=max(0, total - active_tasks),
            active_jobs=active_jobs,
            avaliable_credits=self._remaining(account),
        )
        return json_response(answer)

    # -- lifecycle --------------------------------------------------------------------------

    def on_finished(self, record: JobRecord) -> None:
        """Charge the task's credits and queue its webhook (not for canceled tasks)."""
        job = self._jobs.get(record.data.get("group", ""))
        if job is None:
            return
        cost = credit_cost(job.request) if record.phase is Phase.SUCCEEDED else 0
        self._credits_used[record.account] = self._credits_used.get(record.account, 0) + cost
        record.data["credits_used"] = cost
        record.data["remaining_credits"] = self._remaining(record.account)
        url = job.request.get("WebhookURL")
        if not url or record.phase is Phase.CANCELLED:
            return
        page = self.emulator.content.page_now(record.data["url"])
        task = self._task_model(job, record, page if record.phase is Phase.SUCCEEDED else None)
        payload = models.TaskWebhook.model_validate(
            task.model_dump(mode="json", by_alias=True)
        ).model_dump(mode="json", by_alias=True)
        payload.pop("WebhookStatus", None)
        payload.pop("WebhookRequestTime", None)
        record.data["webhook"] = self.emulator.webhooks.enqueue(
            provider=self.name,
            account=record.account,
            job_id=record.id,
            url=url,
            payload=payload,
            policy=WEBHOOK_POLICY,
            headers={
                name: value
                for name, value in (job.request.get("WebhookHeaders") or {}).items()
                if name.lower() not in RESERVED_HEADERS  # the emulator sets these itself
            },
        )

    # -- helpers ----------------------------------------------------------------------------

    def _check_rules(self, raw: dict[str, Any], body: models.CreateJobRequest) -> None:
        """Rules the spec's schema cannot state: every target must parse as a URL httpx accepts.

        The URL shape, ``WebhookHeaders`` and the ``BlockResources`` rule are in the spec's
        schema and so already checked by :meth:`validate`.
        """
        del body
        for index, target in enumerate(raw["Targets"]):
            if not is_http_url(target):
                raise ProviderError(
                    400, f"Targets[{index}]: must be an absolute http(s) URL (got {target!r})."
                )

    async def _job(self, request: Request) -> ScrapeJob:
        account = await self.authenticate(request)
        job = self._jobs.get(request.path_params["job_id"])
        if job is None or job.account != account:
            raise ProviderError(404, "Job not found")
        return job

    def _remaining(self, account: str) -> int:
        total: int = self.config.scrapedo_credits
        return max(0, total - self._credits_used.get(account, 0))

    def _expires_at(self, job: ScrapeJob) -> float | None:
        retention = self.config.retention_seconds[self.name]
        return None if retention is None else job.created_at + retention

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

    @staticmethod
    def _task_status(record: JobRecord) -> str:
        if record.phase is Phase.RUNNING and record.outcome is Phase.FAILED:
            return "rotating"
        return TASK_STATUS[record.phase]

    def _job_status(self, job: ScrapeJob) -> str:
        if job.canceled:
            return "canceled"
        statuses = [self._task_status(record) for record in job.tasks]
        if all(record.phase.terminal for record in job.tasks):
            return "success" if "success" in statuses else "error"
        if "pending" in statuses or any(record.phase.terminal for record in job.tasks):
            return "pending"
        if "rotating" in statuses:
            return "rotating"
        return "queuing" if self.now() < job.created_at + PREPARE_SECONDS else "queued"

    def _end_time(self, job: ScrapeJob) -> str | None:
        if not all(record.phase.terminal for record in job.tasks):
            return None
        return rfc3339(max(record.finished_at or job.created_at for record in job.tasks))

    def _job_model(self, job: ScrapeJob) -> models.Job:
        limit = self.config.scrapedo_concurrency
        running = sum(1 for record in job.tasks if record.phase is Phase.RUNNING)
        return models.Job(
            job_id=job.id,
            task_i_ds=list(job.task_ids),
            status=self._job_status(job),
            start_time=rfc3339(job.created_at),
            end_time=self._end_time(job),
            acquired_concurrency=min(limit, running),
            limit_concurrency=limit,
            canceled=job.canceled,
            tasks=[
                models.TaskSummary(
                    task_id=record.id, url=record.data["url"], status=self._task_status(record)
                )
                for record in job.tasks
            ],
        )

    def _list_item(self, job: ScrapeJob) -> models.JobListItem:
        return models.JobListItem(
            job_id=job.id,
            status=self._job_status(job),
            task_i_ds=list(job.task_ids),
            start_time=rfc3339(job.created_at),
            end_time=self._end_time(job),
        )

    def _task_model(
        self, job: ScrapeJob, record: JobRecord, page: content.Page | None
    ) -> models.Task:
        task = models.Task(
            task_id=record.id,
            job_id=job.id,
            url=record.data["url"],
            status=self._task_status(record),
            trace_id=hashlib.sha256(record.id.encode()).hexdigest()[:16],
        )
        expires_at = self._expires_at(job)
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
                remaining_credits=str(
                    record.data.get("remaining_credits", self._remaining(record.account))
                ),
            )
        if page is not None:
            body, is_base64, content_type = self._content(job.request, page)
            task.status_code = page.status_code
            task.response_headers = models.ResponseHeaders.model_validate(
                {"Content-Type": content_type}
            )
            task.content = body
            task.base64_encoded_content = is_base64
            task.error_message = ""
        elif record.phase is Phase.FAILED:
            task.status_code = 403
            task.response_headers = models.ResponseHeaders.model_validate(
                {"Content-Type": "text/html"}
            )
            task.content = ""
            task.base64_encoded_content = False
            task.error_message = FAILED_MESSAGE
        elif record.phase is Phase.CANCELLED:
            task.content = ""
            task.base64_encoded_content = False
            task.error_message = "Job was canceled before this task finished."
        webhook_url = job.request.get("WebhookURL")
        if webhook_url:
            task.webhook_url = webhook_url
            webhook: Webhook | None = record.data.get("webhook")
            if webhook is not None:
                task.webhook_status = WEBHOOK_STATUS.get(webhook.state, webhook.state)
                if webhook.attempts:
                    task.webhook_request_time = rfc3339(webhook.attempts[-1].at)
                    moments.append(webhook.attempts[-1].at)
        task.update_time = rfc3339(max(moments))
        return task

    @staticmethod
    def _actions(render: dict[str, Any]) -> list[dict[str, Any]]:
        actions = render.get("PlayWithBrowser") or []
        return [action for action in actions if isinstance(action, dict)]

    def _content(self, request: dict[str, Any], page: content.Page) -> tuple[str, bool, str]:
        """Return (content, base64?, content type) of a successful task."""
        render: dict[str, Any] | None = request.get("Render")
        if render is None:
            if request.get("Output") == "markdown":
                return content.markdown_of(page), False, "text/markdown; charset=utf-8"
            return page.html, False, page.headers.get("content-type", "text/html")
        actions = self._actions(render)
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
