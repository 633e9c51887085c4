"""ScraperAPI's model: jobs and batches, the provider's rules and costs, job shapes, webhooks (no HTTP)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from typing import Any
from urllib.parse import urlsplit

import httpx
from provider_models import scraperapi as models

from scrapejobs_emulator import content
from scrapejobs_emulator.backend import ProviderBackend
from scrapejobs_emulator.errors import ProviderError
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.webhooks import RetryPolicy, Webhook

WEBHOOK_POLICY = RetryPolicy(delays=(60.0, 300.0))
"""Three delivery attempts: immediately, 60 s later, then 300 s later."""
MAX_BATCH_URLS = 50_000
FAILED_ATTEMPTS = 50
"""``attempts`` of a failed job (the documented sample's value)."""
MAX_COST_MESSAGE = (
    "This request exceeds your max_cost. You can view the cost per request in your response "
    "header or in the API Playground on the dashboard."
)
STATUS = {
    Phase.QUEUED: "running",
    Phase.RUNNING: "running",
    Phase.SUCCEEDED: "finished",
    Phase.FAILED: "failed",
    Phase.CANCELLED: "cancelled",
}
BINARY_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}


def usable_url(url: str) -> bool:
    """Return True when ``url`` is an absolute http(s) URL with a host that httpx can send to."""
    try:
        url.encode()
        parts = urlsplit(url)
        parsed = httpx.URL(url)
    except (ValueError, UnicodeError, httpx.InvalidURL):
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and parsed.scheme in ("http", "https")
        and bool(parsed.host)
    )


def credit_cost(params: dict[str, Any]) -> int:
    """Return the credits one successful job with ``apiParams`` ``params`` costs."""
    render = params.get("render") is True
    if params.get("ultra_premium") is True:
        return 75 if render else 30
    if params.get("premium") is True:
        return 25 if render else 10
    return 10 if render else 1


def binary_body(url: str) -> tuple[bytes, str] | None:
    """Return synthetic bytes and content type for a binary target URL, or None for a page."""
    path = urlsplit(url).path.lower()
    for extension, media_type in BINARY_TYPES.items():
        if path.endswith(extension):
            if media_type == "application/pdf":
                digest = hashlib.sha256(url.encode()).hexdigest()
                return f"%PDF-1.4\n% {digest}\n%%EOF\n".encode(), media_type
            return content.png_of(url), media_type
    return None


def plain_text_of(page: content.Page) -> str:
    """Return the page as plain text (``output_format: text``): title and paragraphs."""
    markdown = content.markdown_of(page)
    return markdown.removeprefix("# ")


class ScraperapiBackend(ProviderBackend):
    """ScraperAPI's jobs (one record each), checked against its rules, and their documents."""

    name = "scraperapi"

    def known_key(self, candidate: str) -> bool:
        """Return True for a configured key (constant time; any Unicode, unlike ``is_token``)."""
        given = candidate.encode("utf-8", "surrogatepass")
        return any(
            secrets.compare_digest(given, token.encode("utf-8", "surrogatepass"))
            for token in self.config.tokens
        )

    def options(
        self, body: models.JobRequest | models.BatchJobRequest, raw: dict[str, Any]
    ) -> dict[str, Any]:
        """Return what every job of the submission keeps, after the provider's own rules.

        Raises:
            ProviderError: 400 naming a broken rule, 403 when ``max_cost`` is exceeded.

        """
        params: dict[str, Any] = {}
        if isinstance(body.api_params, models.ApiParams):
            params = body.api_params.model_dump(mode="json", by_alias=True)
        if params.get("premium") is True and params.get("ultra_premium") is True:
            raise ProviderError(
                400,
                "Invalid request: apiParams.premium and apiParams.ultra_premium are mutually "
                "exclusive; set at most one of them to true.",
            )
        callback: str | None = None
        if isinstance(body.callback, models.Callback):
            callback = body.callback.url
            if not usable_url(callback):
                raise ProviderError(
                    400, "Invalid request: callback.url must be an absolute http(s) URL."
                )
        max_cost = params.get("max_cost")
        if isinstance(max_cost, int) and credit_cost(params) > max_cost:
            raise ProviderError(403, MAX_COST_MESSAGE)
        report = body.expect_unsuccess_report
        if not isinstance(report, bool):  # the older spelling, when the current one is absent
            report = raw.get("expectsUnsuccessReport") is True
        options: dict[str, Any] = {
            "params": params,
            "callback": callback,
            "report_failures": report,
        }
        if isinstance(body.meta, models.JobMeta):
            options["meta"] = body.meta.model_dump(mode="json", by_alias=True)
        return options

    def create(self, account: str, url: str, options: dict[str, Any], *, fail: bool) -> JobRecord:
        """Create one job of ``url`` (failing when asked, or when ``url`` cannot be fetched)."""
        valid = usable_url(url)
        data: dict[str, Any] = {
            **options,
            "url": url,
            "fail_reason": "failed_due_to_timeout" if valid else "invalid_url",
        }
        return self.store.create(
            self.name, account, str(uuid.uuid4()), fail=fail or not valid, data=data
        )

    def record(self, job_id: str, api_key: str | None) -> JobRecord:
        """Return the job (the id is the capability; ``api_key``, when given, must own it).

        Raises:
            ProviderError: 404 for an unknown or expired id, or an ``api_key`` that is unknown
                or another account's.

        """
        record = self.store.get(self.name, job_id)
        if record is None or record.expired(self.now(), self.config.retention_seconds[self.name]):
            raise ProviderError(404, "Job not found")
        if api_key is not None and (not self.known_key(api_key) or api_key != record.account):
            raise ProviderError(404, "Job not found")
        return record

    async def current_page(self, record: JobRecord) -> content.Page | None:
        """Return the page of a succeeded job (fetched now), None for any other phase."""
        if record.phase is Phase.SUCCEEDED:
            return await self.state.content.page(record.data["url"])
        return None

    def on_finished(self, record: JobRecord) -> None:
        """Queue the webhook: finished jobs always, failed ones with ``expectUnsuccessReport``."""
        callback: str | None = record.data["callback"]
        if callback is None or record.phase is Phase.CANCELLED:
            return
        if record.phase is Phase.FAILED and not record.data["report_failures"]:
            return
        job = self.job(record, page=self.state.content.page_now(record.data["url"]))
        payload = models.JobCallback.model_validate(job.model_dump(by_alias=True))
        self.state.webhooks.enqueue(
            provider=self.name,
            account=record.account,
            job_id=record.id,
            url=callback,
            payload=payload.model_dump(mode="json", by_alias=True),
            policy=WEBHOOK_POLICY,
            on_exhausted=self._webhook_exhausted,
        )

    def webhook_restored(self, webhook: Webhook) -> None:
        """Give a restored callback back its rule: three failed attempts cancel the job."""
        webhook.on_exhausted = self._webhook_exhausted

    def _webhook_exhausted(self, webhook: Webhook) -> None:
        """Cancel the job whose three webhook attempts all failed (its result is lost)."""
        record = self.store.get(self.name, webhook.job_id)
        if record is not None:
            record.phase = Phase.CANCELLED
            record.data["cancelled_by"] = "webhook"

    def _status_url(self, record: JobRecord) -> str:
        """Return the job's status URL, under the base URL of the request that created it."""
        return f"{record.data['base_url']}/jobs/{record.id}"

    def job(
        self,
        record: JobRecord,
        *,
        attempts: int | None = None,
        page: content.Page | None = None,
    ) -> models.Job:
        """Return the job in its current shape (running, finished with response, or failed)."""
        job = models.Job(id=record.id, status=STATUS[record.phase], url=record.data["url"])
        if record.phase is Phase.FAILED:
            job.attempts = FAILED_ATTEMPTS
            job.fail_reason = record.data["fail_reason"]
        else:
            job.status_url = self._status_url(record)
            if attempts is not None:
                job.attempts = attempts
        if record.phase is Phase.SUCCEEDED:
            if page is None:
                page = self.state.content.page_now(record.data["url"])
            job.response = self._target_response(record, page)
        if "meta" in record.data:
            job.meta = models.JobMeta.model_validate(record.data["meta"])
        return job

    def _target_response(self, record: JobRecord, page: content.Page) -> models.JobResponse:
        params: dict[str, Any] = record.data["params"]
        url: str = record.data["url"]
        text: str | None = None
        binary: bytes | None = None
        media_type = "text/html; charset=utf-8"
        target_binary = binary_body(url) if self.state.content.mode != "real" else None
        if params.get("screenshot") is True:
            binary, media_type = content.png_of(url), "image/png"
        elif target_binary is not None:
            binary, media_type = target_binary
        elif params.get("autoparse") is True:
            text, media_type = json.dumps(content.parsed_of(page)), "application/json"
        elif params.get("output_format") == "markdown":
            text, media_type = content.markdown_of(page), "text/markdown; charset=utf-8"
        elif params.get("output_format") == "text":
            text, media_type = plain_text_of(page), "text/plain; charset=utf-8"
        else:
            text = page.html
            media_type = page.headers.get("content-type", media_type)
        headers = {name.lower(): str(value) for name, value in page.headers.items()}
        headers.update(
            {
                "content-type": media_type,
                "sa-final-url": url,
                "sa-statuscode": str(page.status_code),
                "sa-credit-cost": str(credit_cost(params)),
            }
        )
        response = models.JobResponse(
            headers=models.ResponseHeaders(root=headers), status_code=page.status_code
        )
        if binary is not None:
            response.base64_encoded_body = base64.b64encode(binary).decode()
        elif text is not None:
            response.body = text
        return response
