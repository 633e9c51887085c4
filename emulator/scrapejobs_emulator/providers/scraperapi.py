"""ScraperAPI Async API: ``/jobs``, ``/batchjobs`` and ``/jobs/{jobId}`` (status, result, cancel).

Behaviour (see specs/scraperapi.openapi.yaml and the ScraperAPI section of specs/README.md):

- Credential: ``apiKey`` in the JSON body of both POSTs. A malformed or non-object body is 400
  first (the key cannot be read); then a missing, non-string or unknown key is 401
  ``{"error": "Invalid API key", "status": 401}``; then the body is validated (400).
- ``GET``/``DELETE /jobs/{jobId}`` need no key: the job id is the capability. When the optional
  ``apiKey`` query parameter is given it must be a configured key *and* the job's own account's,
  otherwise the answer is the 404 of an unknown id (one account never sees another's jobs).
- Errors: ``{"error": <message>, "status": <code>}`` for every status (400, 401, 403, 404, 405,
  429, 500, 503).
- ``POST /jobs`` → 200 job in its ``running`` shape ``{id, status, statusUrl, url[, meta]}``;
  ``statusUrl`` is ``config.public_base_url + "/scraperapi/jobs/<id>"``. ``POST /batchjobs`` →
  200 array, one job per URL in request order (each with ``attempts: 0``); at most 50,000 URLs
  (400 naming the rule). Every other field applies to every job of the batch.
- Provider rules beyond the schema: ``apiParams.premium`` and ``apiParams.ultra_premium`` both
  true → 400; ``callback.url`` must be an absolute http(s) URL → 400; ``apiParams.max_cost`` below
  the job's credit cost → 403 with ScraperAPI's max_cost message. Cost (decision for the
  combinations the spec leaves open): 1 standard, 10 render, 10 premium, 25 premium+render,
  30 ultra_premium, 75 ultra_premium+render; reported as ``sa-credit-cost``.
- Statuses (table ``STATUS``): queued and running → ``running``; succeeded → ``finished``;
  failed → ``failed``; cancelled → ``cancelled``.
- Finished: ``response {headers, body | base64EncodedBody, statusCode}`` with lower-case headers
  including ``sa-final-url``, ``sa-statuscode`` and ``sa-credit-cost``. The body is the URL's
  deterministic page: HTML by default, ``output_format`` ``markdown``/``text`` rendered,
  ``autoparse`` as JSON, and Base64 for ``screenshot`` (a PNG) and binary targets (URL ending in
  an image, PDF or ZIP extension). Failed: ``{id, attempts: 50, status, failReason, url[, meta]}``
  without ``statusUrl`` (the documented sample); ``failReason`` is ``failed_due_to_timeout``, or
  ``invalid_url`` for a target that is not an absolute http(s) URL (such jobs are accepted and
  fail, as a job whose target can never be reached would). ``meta`` is echoed in every shape.
- ``DELETE /jobs/{jobId}`` → 200 with the job ``cancelled``; a job that already ended is returned
  unchanged with 200 (decision: cancel is idempotent).
- Retention: after ``config.retention_seconds["scraperapi"]`` (default 72 h) from the job's end
  the id answers 404 like an unknown one. Results are not deleted on first read (the docs say
  they *may* be; the emulator keeps them for the whole retention).
- Webhook ``callback: {type: webhook, url}``: POST of the ``JobCallback`` (the object GET
  returns) when a job finishes, and for failed jobs only with ``expectUnsuccessReport: true``
  (the older spelling ``expectsUnsuccessReport`` is honoured too); cancelled jobs send nothing.
  No signature: userinfo in the URL arrives as ``Authorization: Basic …`` (httpx turns it into
  that header). Retry policy: 3 attempts in total, the 2nd 60 s and the 3rd 300 s after the
  previous failure (the spec documents only the count; the delays are this emulator's decision);
  any 2xx acknowledges. When all 3 fail the job is cancelled and loses its result.
"""

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
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator import content
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response
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


class Provider(ProviderApp):
    """The emulated ScraperAPI Async API."""

    name = "scraperapi"
    validation_status = 400

    def routes(self) -> list[BaseRoute]:
        """Return the four operations' routes."""
        return [
            Route("/jobs", self.create_job, methods=["POST"], name="create_job"),
            Route("/batchjobs", self.create_batch_jobs, methods=["POST"], name="create_batch_jobs"),
            Route("/jobs/{job_id:path}", self.get_job, methods=["GET"], name="get_job"),
            Route(
                "/jobs/{job_id:path}",
                self.cancel_job,
                methods=["DELETE"],
                name="cancel_job",
            ),
        ]

    def error_body(self, error: ProviderError) -> Any:
        """Return the spec's envelope ``{error: <message>, status: <code>}``."""
        return models.Error(error=error.message, status=error.status).model_dump(
            mode="json", by_alias=True
        )

    async def authenticate(self, request: Request) -> str:
        """Return the account whose ``apiKey`` the JSON body carries.

        Raises:
            ProviderError: 400 for a malformed or non-object body, 401 for a wrong key.

        """
        raw = await self._object_body(request)
        key = raw.get("apiKey")
        if key is None:
            raise ProviderError(401, "Invalid API key: apiKey is required in the JSON body.")
        if not isinstance(key, str) or not self._known_key(key):
            raise ProviderError(401, "Invalid API key")
        return key

    def _known_key(self, candidate: str) -> bool:
        """Return True for a configured key (constant time; any Unicode, unlike ``is_token``)."""
        given = candidate.encode("utf-8", "surrogatepass")
        return any(
            secrets.compare_digest(given, token.encode("utf-8", "surrogatepass"))
            for token in self.config.tokens
        )

    # -- handlers ---------------------------------------------------------------------------

    async def create_job(self, request: Request) -> Response:
        """Submit one job; answer 200 with it in its ``running`` shape."""
        account = await self.authenticate(request)
        raw = await self._object_body(request)
        body = self.validate(models.JobRequest, raw)
        options = self._options(body, raw)
        record = self._create(request, account, body.url, options)
        self.emulator.stats.count_job(self.name, account)
        return json_response(self._job(record))

    async def create_batch_jobs(self, request: Request) -> Response:
        """Submit one job per URL of ``urls``; answer 200 with the jobs in request order."""
        account = await self.authenticate(request)
        raw = await self._object_body(request)
        urls = raw.get("urls")
        if isinstance(urls, list) and len(urls) > MAX_BATCH_URLS:
            raise ProviderError(
                400,
                f"Invalid request: urls: a batch holds at most {MAX_BATCH_URLS:,} URLs "
                f"(got {len(urls):,}).",
            )
        body = self.validate(models.BatchJobRequest, raw)
        options = {**self._options(body, raw), "group": "batch_" + uuid.uuid4().hex}
        records = [self._create(request, account, url, options) for url in body.urls]
        self.emulator.stats.count_job(self.name, account, len(records))
        jobs = [self._job(record, attempts=0) for record in records]
        return json_response(models.BatchjobsPostResponse(root=jobs))

    async def get_job(self, request: Request) -> Response:
        """Return the job in its current shape (each read counts as a poll)."""
        record = self._record(request)
        self.store.poll(record)
        page = None
        if record.phase is Phase.SUCCEEDED:
            page = await self.emulator.content.page(record.data["url"])
        return json_response(self._job(record, page=page))

    async def cancel_job(self, request: Request) -> Response:
        """Cancel a running job (200, ``cancelled``); an ended job is returned unchanged."""
        record = self._record(request)
        self.store.cancel(record)
        page = None
        if record.phase is Phase.SUCCEEDED:
            page = await self.emulator.content.page(record.data["url"])
        return json_response(self._job(record, page=page))

    # -- lifecycle --------------------------------------------------------------------------

    def on_finished(self, record: JobRecord) -> None:
        """Queue the webhook: finished jobs always, failed ones with ``expectUnsuccessReport``."""
        callback: str | None = record.data["callback"]
        if callback is None or record.phase is Phase.CANCELLED:
            return
        if record.phase is Phase.FAILED and not record.data["report_failures"]:
            return
        job = self._job(record, page=self.emulator.content.page_now(record.data["url"]))
        payload = models.JobCallback.model_validate(job.model_dump(by_alias=True))
        self.emulator.webhooks.enqueue(
            provider=self.name,
            account=record.account,
            job_id=record.id,
            url=callback,
            payload=payload.model_dump(mode="json", by_alias=True),
            policy=WEBHOOK_POLICY,
            on_exhausted=self._webhook_exhausted,
        )

    def _webhook_exhausted(self, webhook: Webhook) -> None:
        """Cancel the job whose three webhook attempts all failed (its result is lost)."""
        record = self.store.get(self.name, webhook.job_id)
        if record is not None:
            record.phase = Phase.CANCELLED
            record.data["cancelled_by"] = "webhook"

    # -- helpers ----------------------------------------------------------------------------

    async def _object_body(self, request: Request) -> dict[str, Any]:
        raw = await self.json_body(request)
        if not isinstance(raw, dict):
            raise ProviderError(400, "Invalid request: body: must be a JSON object.")
        return raw

    def _options(
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

    def _create(
        self, request: Request, account: str, url: str, options: dict[str, Any]
    ) -> JobRecord:
        valid = usable_url(url)
        data: dict[str, Any] = {
            **options,
            "url": url,
            "fail_reason": "failed_due_to_timeout" if valid else "invalid_url",
        }
        return self.store.create(
            self.name,
            account,
            str(uuid.uuid4()),
            fail=request.state.fail_job or not valid,
            data=data,
        )

    def _record(self, request: Request) -> JobRecord:
        record = self.store.get(self.name, request.path_params["job_id"])
        if record is None or record.expired(self.now(), self.config.retention_seconds[self.name]):
            raise ProviderError(404, "Job not found")
        if "apiKey" in request.query_params:
            key = request.query_params["apiKey"]
            if not self._known_key(key) or key != record.account:
                raise ProviderError(404, "Job not found")
        return record

    def _status_url(self, record: JobRecord) -> str:
        return f"{self.config.public_base_url.rstrip('/')}/{self.name}/jobs/{record.id}"

    def _job(
        self,
        record: JobRecord,
        *,
        attempts: int | None = None,
        page: content.Page | None = None,
    ) -> models.Job:
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
                page = self.emulator.content.page_now(record.data["url"])
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
        target_binary = binary_body(url) if self.emulator.content.mode != "real" else None
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
