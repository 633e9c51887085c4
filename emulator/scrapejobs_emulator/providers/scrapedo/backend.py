"""Scrape.do's model: jobs of many tasks, the provider's rules, credits, cancel, webhooks (no HTTP)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import httpx
from provider_models import scrapedo as models

from scrapejobs_emulator import content
from scrapejobs_emulator.backend import ProviderBackend
from scrapejobs_emulator.errors import ProviderError
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.providers.scrapedo import documents
from scrapejobs_emulator.providers.scrapedo.documents import ScrapeJob
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.webhooks import RetryPolicy, Webhook

WEBHOOK_POLICY = RetryPolicy(delays=(60.0, 300.0, 1800.0), gone_retry_delay=3600.0)
MAX_TARGETS = 1000
RESERVED_HEADERS = frozenset({"content-length", "transfer-encoding", "host", "connection"})
GONE_MESSAGE = "Task response content is no longer available."


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


def check_target_count(raw: Any) -> None:
    """Raise 400 unless a body's ``Targets`` (when it is a list) holds 1 to 1000 targets."""
    if isinstance(raw, dict) and isinstance(raw.get("Targets"), list):
        count = len(raw["Targets"])
        if count > MAX_TARGETS:
            raise ProviderError(
                400, f"Targets: at most {MAX_TARGETS} targets per job (got {count})."
            )
        if count == 0:
            raise ProviderError(400, "Targets: at least one target is required.")


def check_targets(raw: dict[str, Any]) -> None:
    """Rules the spec's schema cannot state: every target must parse as a URL httpx accepts.

    The URL shape, ``WebhookHeaders`` and the ``BlockResources`` rule are in the spec's
    schema and so already checked by validation.

    Raises:
        ProviderError: 400 naming the first target that is not an absolute http(s) URL.

    """
    for index, target in enumerate(raw["Targets"]):
        if not is_http_url(target):
            raise ProviderError(
                400, f"Targets[{index}]: must be an absolute http(s) URL (got {target!r})."
            )


class ScrapedoBackend(ProviderBackend):
    """Scrape.do's jobs (one record per task) and credit usage per account."""

    name = "scrapedo"

    def __init__(self, state: EmulatorState) -> None:
        super().__init__(state)
        self._jobs: dict[str, ScrapeJob] = {}
        self._credits_used: dict[str, int] = {}

    def reset(self) -> None:
        """Forget jobs and credit usage."""
        self._jobs.clear()
        self._credits_used.clear()

    def dump(self, label: Callable[[str], str]) -> dict[str, Any]:
        """Return jobs (their tasks by id) and credit usage, accounts as labels."""
        jobs = [
            {**asdict(job), "account": label(job.account), "tasks": None}
            for job in self._jobs.values()
        ]
        credits = {label(account): used for account, used in self._credits_used.items()}
        return {"jobs": jobs, "credits_used": credits}

    def load(self, data: dict[str, Any], token: Callable[[str], str]) -> None:
        """Restore :meth:`dump`'s jobs (tasks re-linked to the store's records) and credits.

        Raises:
            KeyError, TypeError, ValueError: for malformed data or a task the store lacks.

        """
        for raw in data.get("jobs", []):
            fields = {**raw, "account": token(raw["account"]), "tasks": []}
            job = ScrapeJob(**fields)
            for task_id in job.task_ids:
                record = self.store.get(self.name, task_id)
                if record is None:
                    raise KeyError(f"Scrape.do job {job.id} lacks its task {task_id}")
                job.tasks.append(record)
            self._jobs[job.id] = job
        for label, used in data.get("credits_used", {}).items():
            self._credits_used[token(label)] = int(used)

    def webhook_restored(self, webhook: Webhook) -> None:
        """Link a restored webhook to its task again (``WebhookStatus`` reads it)."""
        record = self.store.get(self.name, webhook.job_id)
        if record is not None:
            record.data["webhook"] = webhook

    def create(self, account: str, raw: dict[str, Any], *, fail: bool) -> ScrapeJob:
        """Create a job of ``raw`` (a validated body) with one task per target, and count them."""
        targets: list[str] = list(raw["Targets"])
        task_ids = [str(uuid.uuid4()) for _ in targets]
        job = ScrapeJob(
            id=str(uuid.uuid4()),
            account=account,
            created_at=self.now(),
            request=raw,
            task_ids=task_ids,
            targets=targets,
        )
        self._jobs[job.id] = job
        for index, (task_id, url) in enumerate(zip(task_ids, targets, strict=True)):
            record = self.store.create(
                self.name,
                account,
                task_id,
                fail=fail,
                data={"group": job.id, "url": url, "index": index},
            )
            job.tasks.append(record)
        self.state.stats.count_job(self.name, account, len(task_ids))
        return job

    def job(self, account: str, job_id: str) -> ScrapeJob:
        """Return the account's job (404 for unknown ids and other accounts' jobs)."""
        job = self._jobs.get(job_id)
        if job is None or job.account != account:
            raise ProviderError(404, "Job not found")
        return job

    def jobs_of(self, account: str) -> list[ScrapeJob]:
        """Return the account's jobs (their tasks refreshed, not polled), oldest first."""
        jobs = [job for job in self._jobs.values() if job.account == account]
        for job in jobs:
            for record in job.tasks:
                self.store.refresh(record)
        return jobs

    def cancel(self, job: ScrapeJob) -> None:
        """Cancel every unfinished task of the job (406 when finished or canceled already)."""
        for record in job.tasks:
            self.store.refresh(record)
        if job.canceled or all(record.phase.terminal for record in job.tasks):
            raise ProviderError(406, "Job already completed or canceled")
        job.canceled = True
        for record in job.tasks:
            self.store.cancel(record)

    def task(self, job: ScrapeJob, task_id: str) -> JobRecord:
        """Return the job's task, polled (404 unknown; 410 once a finished task has expired)."""
        record = next((r for r in job.tasks if r.id == task_id), None)
        if record is None:
            raise ProviderError(404, "Task not found")
        self.store.poll(record)
        expires_at = self.expires_at(job)
        if record.phase.terminal and expires_at is not None and self.now() >= expires_at:
            raise ProviderError(410, GONE_MESSAGE)
        return record

    def account(self, account: str) -> models.Account:
        """Return the account's concurrency pool, active jobs and remaining credits."""
        active_tasks = sum(
            1 for record in self.store.records(self.name, account) if not record.phase.terminal
        )
        active_jobs = sum(
            1
            for job in self._jobs.values()
            if job.account == account and not all(r.phase.terminal for r in job.tasks)
        )
        total = self.config.scrapedo_concurrency
        return models.Account(
            total_concurrency=total,
            free_concurrency=max(0, total - active_tasks),
            active_jobs=active_jobs,
            avaliable_credits=self.remaining(account),
        )

    def on_finished(self, record: JobRecord) -> None:
        """Charge the task's credits and queue its webhook (not for canceled tasks)."""
        job = self._jobs.get(record.data.get("group", ""))
        if job is None:
            return
        cost = credit_cost(job.request) if record.phase is Phase.SUCCEEDED else 0
        self._credits_used[record.account] = self._credits_used.get(record.account, 0) + cost
        record.data["credits_used"] = cost
        record.data["remaining_credits"] = self.remaining(record.account)
        url = job.request.get("WebhookURL")
        if not url or record.phase is Phase.CANCELLED:
            return
        page = self.state.content.page_now(record.data["url"])
        task = self.task_document(job, record, page if record.phase is Phase.SUCCEEDED else None)
        payload = models.TaskWebhook.model_validate(
            task.model_dump(mode="json", by_alias=True)
        ).model_dump(mode="json", by_alias=True)
        payload.pop("WebhookStatus", None)
        payload.pop("WebhookRequestTime", None)
        record.data["webhook"] = self.state.webhooks.enqueue(
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

    def remaining(self, account: str) -> int:
        """Return the account's credits left (never negative)."""
        total: int = self.config.scrapedo_credits
        return max(0, total - self._credits_used.get(account, 0))

    def expires_at(self, job: ScrapeJob) -> float | None:
        """Return when the job's results expire (None when they are kept forever)."""
        retention = self.config.retention_seconds[self.name]
        return None if retention is None else job.created_at + retention

    def job_status(self, job: ScrapeJob) -> str:
        """Return the job's status now."""
        return documents.job_status(job, self.now())

    def job_document(self, job: ScrapeJob) -> models.Job:
        """Return the Get Job answer."""
        return documents.job_document(job, self.now(), self.config.scrapedo_concurrency)

    def list_item(self, job: ScrapeJob) -> models.JobListItem:
        """Return the job as one item of the listing."""
        return documents.list_item(job, self.now())

    def task_document(
        self, job: ScrapeJob, record: JobRecord, page: content.Page | None
    ) -> models.Task:
        """Return the Get Task answer (content from ``page`` when the task succeeded)."""
        return documents.task_document(
            job,
            record,
            page,
            expires_at=self.expires_at(job),
            remaining_credits=self.remaining(record.account),
        )
