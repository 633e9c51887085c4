"""ScrapingPros async collections API: collections, runs of a collection, run jobs and results.

Behaviour (see specs/scrapingpros.openapi.yaml and its section in specs/README.md):

- ``Authorization: Bearer <token>``; 401 ``{"detail": "Invalid or missing API key"}`` otherwise.
  Each token is its own account: another account's collection, run or job is 404 as unknown.
- Errors use the FastAPI envelope ``{"detail": ...}``: a string for most errors (400 malformed
  JSON, 401, 403, 404, 409, 429, 500, 503 — which also carries ``message``), a list of
  ``{loc, msg, type}`` issues for 422 (bodies breaking the spec's schema, bad query values, more
  than 50,000 requests), and a structured object for job-result 404s. Rules a schema-valid
  request can still break answer 403 (not allowed), since 400/422 would reject valid data:
  browser-only options without ``browser: true`` and blocked URLs on ``/v1/sync/scrape``, and any
  ``use_proxy`` other than ``any`` (country proxies need an approval no emulated account has).
  Unknown query parameters are ignored; an unreadable ``since``/``since_completed_at`` (free
  strings in the spec) is ignored too.
- ``POST /v1/async/collections`` answers 201 with the per-item report: items failing field
  validation go to ``invalid_items`` (``not_a_dict`` for non-objects, the pydantic error type
  otherwise, ``value_error`` for browser-only options without ``browser: true``); URLs failing
  the safety check go to ``blocked_urls`` (``malformed_url``, ``invalid_protocol``,
  ``invalid_port``, ``private_ip`` for private/loopback/link-local/reserved IP literals,
  ``blocked_hostname`` for ``localhost``/``*.local``/``*.internal``, ``dns_failed`` for
  ``*.invalid``); repeated (``url``, ``custom_id``) pairs keep the first and are counted in
  ``duplicates_skipped`` / listed in ``duplicate_urls``. The collection is created with the
  remaining items. ``Idempotency-Key``: the same key and body within 24 h (emulator clock) replay
  the original 201 with ``Idempotency-Replayed: true`` (``false`` on the first answer); the same
  key with another body is 409. Keys are per account.
- ``PUT`` replaces the name and, when ``requests`` is present, the whole request list (same
  report). ``DELETE`` answers 200 ``{id, message}``; past runs, their jobs and results stay
  readable under the deleted collection's id.
- ``POST .../run`` answers 201 and creates one job unit per stored request (``data["group"]`` is
  the run id). Job status: ``processing`` → ``completed`` | ``failed`` | ``timeout`` (a failing
  job whose URL contains ``timeout`` ends ``timeout``). The run is ``in_progress`` until every
  job is final, then ``completed`` (failures counted in ``failed_requests`` /
  ``timeout_requests`` and listed in ``failed_jobs``); a run of an empty collection is
  ``completed`` at once. Every run/job read polls the units it reports on.
- ``GET .../jobs``: keyset pagination with an opaque cursor (``limit`` 1..1000, default 100,
  capped at 100 with ``include_results=true``; an unknown cursor or one issued for another
  ordering is 404), ``status_filter`` (one status or CSV), ``order_by`` ``id`` (the run's request
  order) | ``completed_at``, ``order_dir``, ``since_completed_at`` (strictly later). Embedded
  results only for completed jobs whose result is retained and at most 256 KB.
- ``GET .../jobs/{job_id}/result``: 200 ScrapeResult (``html`` or ``markdown`` per ``format``,
  base64 PNG ``screenshot`` when asked, ``extracted_data`` for ``extract``, ``custom_id``
  echoed; a failed/timed-out job has a result with ``guidance.success`` false). 404 structured
  ``detail.error_code``: ``result_pending`` until final, ``result_expired`` once
  ``retention_seconds["scrapingpros"]`` (24 h) have passed since completion (with
  ``completed_at`` and ``age_hours``), ``job_id_invalid`` for an id not in the run; an unknown
  collection or run gives the plain ``detail`` string.
- ``POST /v1/sync/scrape`` returns the ScrapeResult at once (200, ``X-Credits-Charged`` 1 simple /
  5 browser / 0 failed); the ``fail-job`` scenario gives a failed result (``guidance.success``
  false).
- Webhook ``run.completed`` (RunCompletedEvent) to the collection's ``callback_url`` (captured
  when the run starts) when the run completes. Each attempt is signed: ``X-SP-Timestamp`` = unix
  seconds of the attempt, ``X-SP-Signature`` = ``sha256=`` + hex HMAC-SHA256 keyed with
  ``config.webhook_secret`` over ``"<timestamp>.<raw body>"``. Retry policy (the provider
  documents none; emulator decision): any non-2xx answer or network error is retried 10 s, 60 s
  and 300 s later (4 attempts). The run's ``callback_status`` is ``pending`` until a 2xx
  (``sent``) or until the last attempt fails (``failed``; also at once for a ``callback_url``
  that is not an absolute http(s) URL, which the schema lets through); null without one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import math
import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from provider_models import scrapingpros as models
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator import content
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.provider import ProviderApp, ProviderError, json_response
from scrapejobs_emulator.webhooks import RetryPolicy, Webhook

ModelT = TypeVar("ModelT", bound=BaseModel)

WEBHOOK_POLICY = RetryPolicy(delays=(10.0, 60.0, 300.0))
IDEMPOTENCY_TTL = 24 * 3600.0
MAX_REQUESTS = 50_000
DEFAULT_JOB_PAGE = 100
MAX_JOB_PAGE = 1000
MAX_JOB_PAGE_WITH_RESULTS = 100
MAX_EMBEDDED_RESULT = 256 * 1024
VALIDATOR_VERSION = "content_success_v1"
SUCCESS_RULES = ["status_code_2xx", "not_blocked"]
BROWSER_ONLY = ("screenshot", "actions", "network_capture", "block_resources", "block_requests")
JOB_STATUSES = ("processing", "completed", "failed", "timeout")
STATUS_FILTER = re.compile(
    r"^(processing|completed|failed|timeout)(,(processing|completed|failed|timeout))*$"
)
REQUIRED = re.compile(r"^'([^']+)' is a required property$")

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

BLOCK_MESSAGES = {
    "malformed_url": "The URL could not be parsed.",
    "invalid_protocol": "Only http and https URLs are allowed.",
    "invalid_port": "The URL has an invalid port.",
    "private_ip": "URLs resolving to private IP addresses are not allowed.",
    "blocked_hostname": "This hostname is not allowed.",
    "dns_failed": "The hostname could not be resolved.",
}


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Return ``sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>``, the X-SP-Signature."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def rfc3339(seconds: float) -> str:
    """Return ``seconds`` since the epoch as an ISO 8601 UTC timestamp with ``Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def iso_micro(seconds: float) -> str:
    """Return ``seconds`` as an ISO 8601 UTC timestamp with microseconds (job listing times)."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def url_problem(url: str) -> str | None:
    """Return the ``BlockedUrlReason`` value for an unsafe or unusable URL, or None when fine."""
    if not url or any(ch.isspace() for ch in url):
        return "malformed_url"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "malformed_url"
    if not parts.scheme or "://" not in url:
        return "malformed_url"
    if parts.scheme.lower() not in ("http", "https"):
        return "invalid_protocol"
    try:
        host = parts.hostname
        port = parts.port
    except ValueError:
        return "invalid_port"
    if not host:
        return "malformed_url"
    if port == 0:
        return "invalid_port"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            return "private_ip"
        return None
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return "blocked_hostname"
    if host == "invalid" or host.endswith(".invalid"):
        return "dns_failed"
    return None


def _query_issue(name: str, msg: str, kind: str, value: Any) -> ProviderError:
    """Return FastAPI's 422 for one bad query parameter."""
    return ProviderError(
        422,
        f"Invalid query parameter {name}: {msg}",
        details=[{"loc": ["query", name], "msg": msg, "type": kind, "input": value}],
    )


def _body_issue(loc: list[str | int], msg: str, kind: str = "value_error") -> ProviderError:
    """Return FastAPI's 422 for one bad body field."""
    where = ".".join(str(part) for part in loc)
    return ProviderError(
        422,
        f"Invalid request: {where}: {msg}",
        details=[{"loc": ["body", *loc], "msg": msg, "type": kind}],
    )


def parse_instant(value: str) -> float | None:
    """Return an ISO 8601 instant (naive = UTC) or epoch seconds as epoch seconds, else None.

    The spec types ``since``/``since_completed_at`` as free strings, so an unreadable value is
    answered 200 with the filter ignored rather than 422.
    """
    text = value.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


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
    completed_at: float | None = None
    webhook: Webhook | None = None
    callback_unusable: bool = False


@dataclass
class Screening:
    """The outcome of screening a submitted request list."""

    accepted: list[dict[str, Any]] = field(default_factory=list)
    duplicates_skipped: int = 0
    blocked_urls: list[models.BlockedUrl] = field(default_factory=list)
    invalid_items: list[models.InvalidItem] = field(default_factory=list)
    duplicate_urls: list[str] = field(default_factory=list)


class Provider(ProviderApp):
    """The emulated ScrapingPros async collections API (plus the sync scrape endpoint)."""

    name = "scrapingpros"
    validation_status = 422

    def __init__(self, emulator: Any) -> None:
        super().__init__(emulator)
        self._collections: dict[str, StoredCollection] = {}
        self._runs: dict[str, StoredRun] = {}
        self._idempotency: dict[tuple[str, str], tuple[str, dict[str, Any], float]] = {}
        self._sequence = 0

    def reset(self) -> None:
        """Forget collections, runs and idempotency keys."""
        self._collections.clear()
        self._runs.clear()
        self._idempotency.clear()

    def routes(self) -> list[BaseRoute]:
        """Return the eleven routes of the spec (a 405 lists every method of its path)."""
        collections = "/v1/async/collections"
        collection = collections + "/{collection_id}"
        run = collection + "/runs/{run_id}"
        table: list[tuple[str, Any, str, str]] = [
            (collections, self.create_collection, "POST", "create_collection"),
            (collections, self.list_collections, "GET", "list_collections"),
            (collection, self.get_collection, "GET", "get_collection"),
            (collection, self.update_collection, "PUT", "update_collection"),
            (collection, self.delete_collection, "DELETE", "delete_collection"),
            (collection + "/run", self.run_collection, "POST", "run_collection"),
            (collection + "/runs", self.list_runs, "GET", "list_runs"),
            (run, self.get_run, "GET", "get_run"),
            (run + "/jobs", self.list_run_jobs, "GET", "list_run_jobs"),
            (run + "/jobs/{job_id}/result", self.get_job_result, "GET", "get_job_result"),
            ("/v1/sync/scrape", self.scrape, "POST", "scrape"),
        ]
        return [
            Route(path, endpoint, methods=[method], name=name)
            for path, endpoint, method, name in table
        ]

    def error_body(self, error: ProviderError) -> Any:
        """Return the FastAPI envelope ``{"detail": string | [issues] | {error_code, ...}}``."""
        if isinstance(error.details, dict | list):
            return {"detail": error.details}
        if error.code == "rate_limited":
            return {"detail": "Rate limit exceeded. Try again later."}
        if error.status == 503:
            return {
                "detail": "Service temporarily unavailable",
                "message": "Please retry in a few seconds",
            }
        return {"detail": error.message}

    async def authenticate(self, request: Request) -> str:
        """Return the bearer token, or raise 401."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not self.is_token(token.strip()):
            raise ProviderError(
                401, "Invalid or missing API key", headers={"WWW-Authenticate": "Bearer"}
            )
        return token.strip()

    def checked(self, model: type[ModelT], data: Any) -> ModelT:
        """Return ``data`` validated by the core (spec schema, then ``model``), or raise 422.

        The core's error becomes FastAPI's issue list ``[{loc: ["body", ...], msg, type}]``.
        """
        try:
            return self.validate(model, data)
        except ProviderError as exc:
            if exc.status != self.validation_status:
                raise
            found = exc.details if isinstance(exc.details, list) and exc.details else None
            issues = []
            for issue in found or [{"msg": exc.message}]:
                loc = ["body", *issue.get("loc", [])]
                msg = str(issue.get("msg", exc.message))
                kind = str(issue.get("type", "value_error"))
                missing = REQUIRED.match(msg)
                if missing:  # FastAPI names the missing field itself
                    loc, msg, kind = [*loc, missing.group(1)], "Field required", "missing"
                issues.append({"loc": loc, "msg": msg, "type": kind})
            raise ProviderError(exc.status, exc.message, details=issues) from exc

    # -- collections ------------------------------------------------------------------------

    async def create_collection(self, request: Request) -> Response:
        """Store a collection (201) with its per-item report, honouring ``Idempotency-Key``."""
        account = await self.authenticate(request)
        raw = await self.json_body(request)
        key = request.headers.get("idempotency-key")
        fingerprint = hashlib.sha256(json.dumps(raw, sort_keys=True).encode()).hexdigest()
        if key is not None:
            known = self._idempotency.get((account, key))
            if known is not None and self.now() >= known[2]:
                del self._idempotency[(account, key)]
                known = None
            if known is not None:
                if known[0] != fingerprint:
                    raise ProviderError(
                        409, "Idempotency-Key was already used with a different request body"
                    )
                return JSONResponse(
                    known[1], status_code=201, headers={"Idempotency-Replayed": "true"}
                )
        body = self._validate_top(models.CreateCollectionRequest, raw)
        callback_url = body.callback_url if isinstance(body.callback_url, str) else None
        screening = self._screen(raw.get("requests", []))
        now = self.now()
        self._sequence += 1
        stored = StoredCollection(
            id=str(uuid.uuid4()),
            account=account,
            name=body.name,
            requests=screening.accepted,
            callback_url=callback_url,
            created_at=now,
            updated_at=now,
            sequence=self._sequence,
        )
        self._collections[stored.id] = stored
        created = models.CollectionCreated(
            id=stored.id,
            name=stored.name,
            message="Collection created successfully.",
            duplicates_skipped=screening.duplicates_skipped,
            blocked_urls=screening.blocked_urls,
            invalid_items=screening.invalid_items,
            duplicate_urls=screening.duplicate_urls,
        )
        payload = created.model_dump(mode="json", by_alias=True)
        headers: dict[str, str] = {}
        if key is not None:
            self._idempotency[(account, key)] = (fingerprint, payload, now + IDEMPOTENCY_TTL)
            headers["Idempotency-Replayed"] = "false"
        return json_response(payload, 201, headers)

    async def list_collections(self, request: Request) -> Response:
        """Return the account's collections, newest first, filtered by ``name`` and ``since``."""
        account = await self.authenticate(request)
        name = request.query_params.get("name")
        since_raw = request.query_params.get("since")
        since = parse_instant(since_raw) if since_raw is not None else None
        found = [
            c
            for c in self._collections.values()
            if c.account == account
            and not c.deleted
            and (name is None or c.name == name)
            and (since is None or c.created_at >= since)
        ]
        found.sort(key=lambda c: (c.created_at, c.sequence), reverse=True)
        return json_response(
            [self._collection_model(c).model_dump(mode="json", by_alias=True) for c in found]
        )

    async def get_collection(self, request: Request) -> Response:
        """Return one collection."""
        account = await self.authenticate(request)
        return json_response(self._collection_model(self._collection(request, account)))

    async def update_collection(self, request: Request) -> Response:
        """Rename the collection and, when ``requests`` is sent, replace its request list."""
        account = await self.authenticate(request)
        stored = self._collection(request, account)
        raw = await self.json_body(request)
        body = self._validate_top(models.UpdateCollectionRequest, raw)
        updated = models.CollectionUpdated(
            id=stored.id, name=body.name, message="Collection updated successfully."
        )
        if "requests" in raw:
            screening = self._screen(raw["requests"])
            stored.requests = screening.accepted
            updated.duplicates_skipped = screening.duplicates_skipped
            updated.blocked_urls = screening.blocked_urls
            updated.invalid_items = screening.invalid_items
            updated.duplicate_urls = screening.duplicate_urls
        stored.name = body.name
        stored.updated_at = self.now()
        return json_response(updated)

    async def delete_collection(self, request: Request) -> Response:
        """Delete the collection (200); its past runs stay readable."""
        account = await self.authenticate(request)
        stored = self._collection(request, account)
        stored.deleted = True
        stored.requests = []
        return json_response(
            models.CollectionDeleted(id=stored.id, message="Collection deleted successfully.")
        )

    # -- runs -------------------------------------------------------------------------------

    async def run_collection(self, request: Request) -> Response:
        """Start a run (201): one job unit per stored request."""
        account = await self.authenticate(request)
        stored = self._collection(request, account)
        now = self.now()
        self._sequence += 1
        run = StoredRun(
            id=str(uuid.uuid4()),
            account=account,
            collection_id=stored.id,
            units=[],
            callback_url=stored.callback_url,
            created_at=now,
            sequence=self._sequence,
        )
        self._runs[run.id] = run
        for seq, item in enumerate(stored.requests):
            record = self.store.create(
                self.name,
                account,
                str(uuid.uuid4()),
                fail=request.state.fail_job,
                data={
                    "group": run.id,
                    "collection_id": stored.id,
                    "request": dict(item),
                    "seq": seq,
                },
            )
            run.units.append(record)
        self.emulator.stats.count_job(self.name, account, len(run.units))
        if not run.units:
            self._run_completed(run, now)
        return json_response(self._run_model(run), 201)

    async def list_runs(self, request: Request) -> Response:
        """Return the collection's runs, newest first, optionally filtered by status."""
        account = await self.authenticate(request)
        stored = self._collection(request, account, allow_deleted=True)
        wanted = request.query_params.get("status_filter")
        if wanted is not None and wanted not in ("in_progress", "completed"):
            raise _query_issue(
                "status_filter", "Input should be 'in_progress' or 'completed'", "enum", wanted
            )
        runs = sorted(
            (
                r
                for r in self._runs.values()
                if r.collection_id == stored.id and r.account == account
            ),
            key=lambda r: (r.created_at, r.sequence),
            reverse=True,
        )
        items = []
        for run in runs:
            model = self._run_model(run, poll=True)
            if wanted is None or model.status == wanted:
                items.append(model)
        return json_response(models.RunList(items=items, total=len(items)))

    async def get_run(self, request: Request) -> Response:
        """Return the run with its counters (each read polls every job of the run)."""
        account = await self.authenticate(request)
        run = self._run(request, account)
        return json_response(self._run_model(run, poll=True))

    async def list_run_jobs(self, request: Request) -> Response:
        """Return one page of the run's jobs (keyset cursor, filters, ordering, results)."""
        account = await self.authenticate(request)
        run = self._run(request, account)
        query = request.query_params
        limit = self._limit(query.get("limit"))
        include = self._boolean("include_results", query.get("include_results"))
        if include:
            limit = min(limit, MAX_JOB_PAGE_WITH_RESULTS)
        statuses = self._status_filter(query.get("status_filter"))
        order_by = self._choice("order_by", query.get("order_by"), ("id", "completed_at")) or "id"
        order_dir = self._choice("order_dir", query.get("order_dir"), ("asc", "desc")) or "asc"
        since_raw = query.get("since_completed_at")
        since = parse_instant(since_raw) if since_raw is not None else None
        after = self._decode_cursor(query.get("cursor"), order_by, order_dir)
        for record in run.units:
            self.store.poll(record)
        selected = [
            record
            for record in run.units
            if (statuses is None or self._job_status(record) in statuses)
            and (
                since is None
                or (
                    record.finished_at is not None
                    and round(record.finished_at, 6) > round(since, 6)
                )
            )
        ]
        descending = order_dir == "desc"
        selected.sort(key=lambda r: self._sort_key(r, order_by), reverse=descending)
        if after is not None:
            selected = [
                r
                for r in selected
                if (
                    self._sort_key(r, order_by) < after
                    if descending
                    else self._sort_key(r, order_by) > after
                )
            ]
        page, has_more = selected[:limit], len(selected) > limit
        cursor_next = (
            self._encode_cursor(self._sort_key(page[-1], order_by), order_by, order_dir)
            if has_more
            else None
        )
        items = [self._run_job(record, include) for record in page]
        return json_response(
            models.RunJobPage(items=items, cursor_next=cursor_next, has_more=has_more)
        )

    async def get_job_result(self, request: Request) -> Response:
        """Return one job's ScrapeResult, or the structured 404 of the result endpoint."""
        account = await self.authenticate(request)
        run = self._run(request, account)
        record = self.store.get(self.name, request.path_params["job_id"], account)
        if record is None or record.data["group"] != run.id:
            raise self._result_missing("job_id_invalid", "Job does not belong to this run.")
        self.store.poll(record)
        if not record.phase.terminal:
            raise self._result_missing("result_pending", "The job has not completed yet.")
        retention = self.config.retention_seconds[self.name]
        if record.finished_at is not None and record.expired(self.now(), retention):
            raise self._result_missing(
                "result_expired",
                f"Results are kept for {retention / 3600:g} hours after completion.",
                completed_at=rfc3339(record.finished_at),
                age_hours=round((self.now() - record.finished_at) / 3600, 2),
            )
        return json_response(self._job_result(record))

    # -- sync -------------------------------------------------------------------------------

    async def scrape(self, request: Request) -> Response:
        """Scrape one URL synchronously and return its ScrapeResult (200)."""
        await self.authenticate(request)
        raw = await self.json_body(request)
        self.checked(models.ScrapeRequest, raw)
        # Rules beyond the schema: the request is schema-valid, so they answer 403 (not allowed).
        problem = self._item_rules(raw)
        if problem is not None:
            raise ProviderError(403, problem[2].removeprefix("Value error, "))
        self._check_country_proxy([raw])
        reason = url_problem(raw["url"])
        if reason is not None:
            raise ProviderError(403, "URL blocked: " + BLOCK_MESSAGES[reason])
        page = await self.emulator.content.page(raw["url"])
        faults = self.config.faults
        failing = request.state.fail_job or (
            faults.job_failure_rate > 0 and self.emulator.rng.random() < faults.job_failure_rate
        )
        status = "failed" if failing else "completed"
        if failing and "timeout" in raw["url"]:
            status = "timeout"
        seconds = 2.5 if raw.get("browser") else 0.8
        result = self._scrape_result(raw, page, status, seconds, queue_wait=0.0)
        credits = 0 if failing else self._credits(raw)
        return json_response(result, 200, {"X-Credits-Charged": str(credits)})

    # -- lifecycle --------------------------------------------------------------------------

    def on_finished(self, record: JobRecord) -> None:
        """Complete the job's run (and queue its webhook) when its last job becomes final."""
        run = self._runs.get(record.data.get("group", ""))
        if run is None or run.completed_at is not None:
            return
        if all(unit.phase.terminal for unit in run.units):
            finished = [u.finished_at for u in run.units if u.finished_at is not None]
            self._run_completed(run, max(finished, default=self.now()))

    def _run_completed(self, run: StoredRun, at: float) -> None:
        run.completed_at = at
        if run.callback_url is None:
            return
        if url_problem(run.callback_url) in ("malformed_url", "invalid_protocol", "invalid_port"):
            run.callback_unusable = True  # accepted on create, as the schema allows; never sent
            return
        counts = self._counts(run)
        event = models.RunCompletedEvent(
            event="run.completed",
            run_id=run.id,
            collection_id=run.collection_id,
            status=RUN_STATUS[True],
            total_requests=len(run.units),
            success_requests=counts["completed"],
            failed_requests=counts["failed"],
            job_ids=[u.id for u in run.units],
            results_url=(
                f"{self.config.public_base_url.rstrip('/')}/{self.name}"
                f"/v1/async/collections/{run.collection_id}/runs/{run.id}"
            ),
            timestamp=rfc3339(at),
        )
        run.webhook = self.emulator.webhooks.enqueue(
            provider=self.name,
            account=run.account,
            job_id=run.id,
            url=run.callback_url,
            payload=event.model_dump(mode="json", by_alias=True),
            policy=WEBHOOK_POLICY,
            sign=self.sign,
        )

    def sign(self, body: bytes, now: float) -> dict[str, str]:
        """Return the per-attempt ``X-SP-Timestamp`` and ``X-SP-Signature`` headers."""
        timestamp = str(int(now))
        return {
            "X-SP-Timestamp": timestamp,
            "X-SP-Signature": signature(self.config.webhook_secret, timestamp, body),
        }

    # -- lookups ----------------------------------------------------------------------------

    def _collection(
        self, request: Request, account: str, *, allow_deleted: bool = False
    ) -> StoredCollection:
        stored = self._collections.get(request.path_params["collection_id"])
        if stored is None or stored.account != account or (stored.deleted and not allow_deleted):
            raise ProviderError(404, "Collection not found")
        return stored

    def _run(self, request: Request, account: str) -> StoredRun:
        stored = self._collection(request, account, allow_deleted=True)
        run = self._runs.get(request.path_params["run_id"])
        if run is None or run.account != account or run.collection_id != stored.id:
            raise ProviderError(404, "Run not found")
        return run

    @staticmethod
    def _result_missing(code: str, message: str, **extra: Any) -> ProviderError:
        detail = models.ResultErrorDetail(error_code=code, message=message, **extra)
        return ProviderError(404, message, details=detail.model_dump(mode="json", by_alias=True))

    # -- validation -------------------------------------------------------------------------

    def _validate_top(self, model: type[ModelT], raw: Any) -> ModelT:
        """Validate a collection body without its items (screened one by one)."""
        if not isinstance(raw, dict):
            return self.checked(model, raw)
        requests = raw.get("requests", [])
        if not isinstance(requests, list):
            raise _body_issue(["requests"], "Input should be a valid list", "list_type")
        if len(requests) > MAX_REQUESTS:
            raise _body_issue(
                ["requests"],
                f"List should have at most {MAX_REQUESTS} items after validation, not {len(requests)}",
                "too_long",
            )
        return self.checked(model, {k: v for k, v in raw.items() if k != "requests"})

    def _screen(self, items: Iterable[Any]) -> Screening:
        """Split submitted items into accepted, invalid, blocked and duplicate ones."""
        screening = Screening()
        seen: set[tuple[str, str | None]] = set()
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                screening.invalid_items.append(
                    models.InvalidItem(
                        index=index,
                        errors=[
                            models.FieldError(
                                field="<root>",
                                error_type="not_a_dict",
                                message="Request item must be a JSON object.",
                            )
                        ],
                    )
                )
                continue
            url = item.get("url") if isinstance(item.get("url"), str) else None
            errors = self._item_errors(item)
            if errors or url is None:
                screening.invalid_items.append(
                    models.InvalidItem(index=index, url=url, errors=errors)
                )
                continue
            reason = url_problem(url)
            if reason is not None:
                screening.blocked_urls.append(
                    models.BlockedUrl(
                        index=index, url=url, reason=reason, message=BLOCK_MESSAGES[reason]
                    )
                )
                continue
            pair = (url, item.get("custom_id"))
            if pair in seen:
                screening.duplicates_skipped += 1
                screening.duplicate_urls.append(url)
                continue
            seen.add(pair)
            screening.accepted.append(item)
        self._check_country_proxy(screening.accepted)
        return screening

    def _item_errors(self, item: dict[str, Any]) -> list[models.FieldError]:
        try:
            models.CollectionRequest.model_validate_json(json.dumps(item), strict=True)
        except ValidationError as exc:
            return [
                models.FieldError(
                    field=".".join(str(p) for p in e["loc"]) or "<root>",
                    error_type=e["type"],
                    message=e["msg"],
                )
                for e in exc.errors()
            ]
        problem = self._item_rules(item)
        if problem is None:
            return []
        where, kind, message = problem
        return [models.FieldError(field=where, error_type=kind, message=message)]

    @staticmethod
    def _item_rules(item: dict[str, Any]) -> tuple[str, str, str] | None:
        """Return (field, error type, message) for a browser-only option without ``browser``."""
        if item.get("browser") is not True:
            for name in BROWSER_ONLY:
                if item.get(name) not in (None, False, [], {}):
                    return name, "value_error", f"Value error, {name} requires browser: true"
        return None

    @staticmethod
    def _check_country_proxy(items: Iterable[dict[str, Any]]) -> None:
        for item in items:
            proxy = item.get("use_proxy")
            if isinstance(proxy, dict):
                proxy = proxy.get("proxy")
            if isinstance(proxy, str) and proxy.lower() != "any":
                raise ProviderError(
                    403, f"Country proxy '{proxy.upper()}' is not approved for this account"
                )

    @staticmethod
    def _limit(value: str | None) -> int:
        if value is None:
            return DEFAULT_JOB_PAGE
        if not re.fullmatch(r"\s*[+-]?\d+\s*", value):
            raise _query_issue(
                "limit",
                "Input should be a valid integer, unable to parse string as an integer",
                "int_parsing",
                value,
            )
        limit = int(value)
        if limit < 1:
            raise _query_issue(
                "limit", "Input should be greater than or equal to 1", "greater_than_equal", value
            )
        if limit > MAX_JOB_PAGE:
            raise _query_issue(
                "limit",
                f"Input should be less than or equal to {MAX_JOB_PAGE}",
                "less_than_equal",
                value,
            )
        return limit

    @staticmethod
    def _boolean(name: str, value: str | None) -> bool:
        if value is None:
            return False
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes", "on", "t", "y"):
            return True
        if lowered in ("false", "0", "no", "off", "f", "n"):
            return False
        raise _query_issue(
            name,
            "Input should be a valid boolean, unable to interpret input",
            "bool_parsing",
            value,
        )

    @staticmethod
    def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
        if value is None:
            return None
        if value not in allowed:
            options = " or ".join(f"'{a}'" for a in allowed)
            raise _query_issue(name, f"Input should be {options}", "enum", value)
        return value

    @staticmethod
    def _status_filter(value: str | None) -> set[str] | None:
        if value is None:
            return None
        if not STATUS_FILTER.fullmatch(value):
            raise _query_issue(
                "status_filter",
                f"String should match pattern '{STATUS_FILTER.pattern}'",
                "string_pattern_mismatch",
                value,
            )
        return set(value.split(","))

    # -- cursors ----------------------------------------------------------------------------

    @staticmethod
    def _sort_key(record: JobRecord, order_by: str) -> tuple[float, int]:
        seq = int(record.data["seq"])
        if order_by == "id":
            return (0.0, seq)
        done = record.finished_at
        return (math.inf if done is None else round(done, 6), seq)

    @staticmethod
    def _encode_cursor(key: tuple[float, int], order_by: str, order_dir: str) -> str:
        first = None if math.isinf(key[0]) else key[0]
        raw = json.dumps(
            {"b": order_by, "d": order_dir, "k": [first, key[1]]}, separators=(",", ":")
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @staticmethod
    def _decode_cursor(
        value: str | None, order_by: str, order_dir: str
    ) -> tuple[float, int] | None:
        if value is None:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
            first, seq = data["k"]
            key = (math.inf if first is None else float(first), int(seq))
            same_order = data["b"] == order_by and data["d"] == order_dir
        except (
            ValueError,
            TypeError,
            KeyError,
            binascii.Error,
            OverflowError,  # a number too big for a float or int key
            RecursionError,  # a forged cursor nested too deeply
        ) as exc:
            raise ProviderError(404, "Cursor not found") from exc
        if not same_order:
            raise ProviderError(404, "Cursor not found for this order_by/order_dir")
        return key

    # -- response builders ------------------------------------------------------------------

    def _job_status(self, record: JobRecord) -> str:
        status = JOB_STATUS[record.phase]
        if record.phase is Phase.FAILED and "timeout" in record.data["request"]["url"]:
            return "timeout"
        return status

    def _counts(self, run: StoredRun) -> dict[str, int]:
        counts = dict.fromkeys(JOB_STATUSES, 0)
        for unit in run.units:
            counts[self._job_status(unit)] += 1
        return counts

    def _collection_model(self, stored: StoredCollection) -> models.Collection:
        return models.Collection(
            id=stored.id,
            name=stored.name,
            created_at=stored.created_at,
            updated_at=stored.updated_at,
        )

    def _run_model(self, run: StoredRun, *, poll: bool = False) -> models.Run:
        for unit in run.units:
            if poll:
                self.store.poll(unit)
            else:
                self.store.refresh(unit)
        counts = self._counts(run)
        done = all(unit.phase.terminal for unit in run.units)
        callback_status: str | None = None
        if run.callback_url is not None:
            callback_status = CALLBACK_STATUS[run.webhook.state] if run.webhook else "pending"
            if run.callback_unusable:
                callback_status = "failed"
        return models.Run(
            run_id=run.id,
            status=RUN_STATUS[done],
            total_requests=len(run.units),
            success_requests=counts["completed"],
            failed_requests=counts["failed"],
            timeout_requests=counts["timeout"],
            collection_id=run.collection_id,
            job_ids=[unit.id for unit in run.units],
            callback_url=run.callback_url,
            callback_status=callback_status,
            created_at=run.created_at,
            failed_jobs=[
                models.FailedJob(
                    job_id=unit.id,
                    url=unit.data["request"]["url"],
                    status=self._job_status(unit),
                    error=self._error_text(self._job_status(unit)),
                )
                for unit in run.units
                if self._job_status(unit) in ("failed", "timeout")
            ],
            success_criterion=models.SuccessCriterion(
                version=VALIDATOR_VERSION, rules=SUCCESS_RULES
            ),
            all_jobs_persisted=True,
        )

    @staticmethod
    def _error_text(status: str) -> str | None:
        return {"failed": "Connection timeout", "timeout": None}.get(status)

    def _run_job(self, record: JobRecord, include: bool) -> models.RunJob:
        status = self._job_status(record)
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
            execution_time_ms=self._execution_seconds(record) * 1000 if final else None,
            retries_attempted=0 if final else None,
            block_reason=None,
            url_truncated=False,
            protection_stack=[],
            rule_hits=[] if status in ("completed", "processing") else ["status_code_2xx"],
            validator_version=VALIDATOR_VERSION,
            has_extractable_data=bool(item.get("extract")) if final else None,
            is_success=(status == "completed") if final else None,
        )
        if include:
            job.result = None
            retention = self.config.retention_seconds[self.name]
            if status == "completed" and not record.expired(self.now(), retention):
                result = self._job_result(record)
                size = len(json.dumps(result.model_dump(mode="json", by_alias=True)))
                if size <= MAX_EMBEDDED_RESULT:
                    job.result = result
        return job

    @staticmethod
    def _execution_seconds(record: JobRecord) -> float:
        if record.finished_at is None or record.started_at is None:
            return 0.0
        return round(record.finished_at - record.started_at, 3)

    def _job_result(self, record: JobRecord) -> models.ScrapeResult:
        item: dict[str, Any] = record.data["request"]
        page = self.emulator.content.page_now(item["url"])
        queue_wait = (record.started_at or record.created_at) - record.created_at
        return self._scrape_result(
            item, page, self._job_status(record), self._execution_seconds(record), queue_wait
        )

    @staticmethod
    def _credits(item: dict[str, Any]) -> int:
        return 5 if item.get("browser") is True else 1

    def _scrape_result(
        self,
        item: dict[str, Any],
        page: content.Page,
        status: str,
        seconds: float,
        queue_wait: float,
    ) -> models.ScrapeResult:
        """Build the ScrapeResult of one (emulated) scrape of ``item``."""
        result = models.ScrapeResult(
            url=item["url"],
            message="Request successful",
            execution_time=seconds,
            timings=models.ScrapeTimings(queue_wait_ms=round(queue_wait * 1000, 3), proxy_ms=0),
        )
        if isinstance(item.get("custom_id"), str):
            result.custom_id = item["custom_id"]
        if status != "completed":
            error = "timeout" if status == "timeout" else "connection_error"
            result.message = "Job timed out" if status == "timeout" else "Connection timeout"
            result.status_code = None if status == "timeout" else 502
            result.guidance = models.Guidance(
                success=False,
                error_type=error,
                credits_charged=0,
                credits_refunded=True,
                next_steps=["Retry with browser=true and use_proxy=any"],
                suggested_request=models.JsonObject.model_validate(
                    {"url": item["url"], "browser": True, "use_proxy": "any"}
                ),
                stop_reason=error,
            )
            return result
        result.status_code = page.status_code
        result.content_type = page.headers.get("content-type", "text/html")
        result.potentially_blocked_by_captcha = False
        if item.get("format") == "markdown":
            result.markdown = content.markdown_of(page)
        else:
            result.html = page.html
        if item.get("screenshot") is True:
            result.screenshot = content.png_base64(page.url)
        rules = item.get("extract")
        if isinstance(rules, dict) and rules:
            result.extracted_data = models.JsonObject.model_validate(
                {name: extract_value(rule, page) for name, rule in rules.items()}
            )
        evaluations = [
            a
            for a in item.get("actions") or []
            if isinstance(a, dict) and a.get("type") == "evaluate"
        ]
        if evaluations:
            result.evaluate_results = [
                page.title if a.get("script") == "document.title" else None for a in evaluations
            ]
        if isinstance(item.get("network_capture"), dict):
            result.network_requests = []
        result.guidance = models.Guidance(
            success=True,
            credits_charged=self._credits(item),
            credits_refunded=False,
            next_steps=[],
        )
        return result


def extract_value(rule: Any, page: content.Page) -> Any:
    """Return the value an ``extract`` rule finds on a synthetic page (None when nothing matches).

    ``h1``/``title`` give the page title, ``p`` the first paragraph, ``a``/``a@href`` the URL.
    """
    if not isinstance(rule, str):
        return None
    selector = rule.split(":", 1)[1] if rule.startswith(("css:", "xpath:")) else rule
    selector = selector.strip().lower()
    if selector in ("h1", "title", "//h1", "//title", "head > title"):
        return page.title
    if selector in ("p", "//p"):
        start = page.html.find("<p>")
        end = page.html.find("</p>", start)
        return page.html[start + 3 : end] if start != -1 and end != -1 else None
    if selector in ("a", "a@href", "a::attr(href)", "//a/@href"):
        return page.url
    return None
