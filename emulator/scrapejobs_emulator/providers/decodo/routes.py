"""Decodo Web Scraping API, asynchronous tasks: ``/v3/task``, ``/v3/task/batch``, status, results.

Behaviour (see specs/decodo.openapi.yaml and the Decodo section of specs/README.md):

- ``Authorization: Basic <token>``: the token is the dashboard's opaque basic-authentication token
  and is compared as it is (never base64-decoded); each token is its own account. Anything else is
  401 in Decodo's envelope ``{status: "error", message, errors?}`` (with ``WWW-Authenticate``).
- ``POST /v3/task`` answers 200 with the task object: the request's parameters echoed with the
  server defaults filled in (``page_from`` 1, ``page_count`` 1, ``limit`` 10, ``device_type``
  desktop, ``domain`` com, ``http_method`` get, ``parse``/``force_*`` false, ``headers``/``cookies``
  ``[]``, ``content_encoding`` utf-8, ``priority`` 0, ``persist`` true, unset options null). Ids are
  unique digit strings (snowflake-like: emulator milliseconds << 22 | sequence); timestamps are
  ``YYYY-MM-DD HH:MM:SS`` (UTC, emulator clock).
- The body is validated with the 40-target discriminated union ``TaskRequest`` (``target``
  required). 400 for malformed JSON, a body that is not an object, a missing or unsupported
  ``target``; 422 for everything the target's parameter set rejects (unknown keys, types, bounds,
  checked against the spec's schema of that target), and for a batch mixing ``url`` and
  ``query``. ``errors`` lists ``{field, message}`` items. A schema-valid ``url`` that is not an
  absolute http(s) URL is accepted (the schema allows any string) but the task ends ``faulted``; a
  ``callback_url`` that is not one is accepted but never called.
- ``POST /v3/task/batch``: one target, the primary input (``url``/``query``/``product_id``/
  ``prompt``) an array; each item becomes one task (one unit) that shares the batch id
  (``data["group"]``). 200 ``{id, queries: [Task...], errors: []}``. At most 1 batch request per
  second PER ACCOUNT on the emulator clock (every authenticated batch request counts): otherwise
  429 with integer ``Retry-After``. A batch mixing ``url`` and ``query`` is 422.
- Status (``GET /v3/task/{id}``, each read is a poll): ``pending`` -> ``done`` | ``faulted``.
- Results (``GET /v3/task/{id}/results``, also a poll): 204 without body while ``pending``;
  200 ``{results: [...]}`` with one entry per page (``page_count``) when ``done``. ``content``:
  base64 PNG for ``headless: png``, else the parsed object for ``parse: true``, else Markdown for
  ``markdown: true``, else HTML. A ``faulted`` task answers 200 with one entry whose ``content``
  is null, ``status_code`` 613 and a ``help`` text (Decodo's "faulted after too many retries"; the
  spec leaves this open).
- Retention: results and tasks are kept ``retention_seconds["decodo"]`` (24 h) from the initial
  request, as Decodo documents; afterwards, like unknown ids and other accounts' tasks, 404.
- Webhook: when a task with ``callback_url`` ends (``done`` or ``faulted``), the ``TaskCallback``
  payload (the task object, not the content) is POSTed there with ``passthrough`` echoed verbatim
  at top level; no signature or auth header (``passthrough`` is the authentication). Batches send
  one callback per task. Retry policy (GUESS, undocumented by Decodo): any non-2xx answer or
  network error is retried after 10 s, 60 s and 300 s (4 attempts in all).
"""

from __future__ import annotations

import math
import re
import time
import typing
from typing import Any
from urllib.parse import quote

import httpx
from provider_models import decodo as models
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator import content
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.provider import ModelT, ProviderApp, ProviderError, json_response
from scrapejobs_emulator.webhooks import RetryPolicy

WEBHOOK_POLICY = RetryPolicy(delays=(10.0, 60.0, 300.0))
"""GUESS: Decodo documents no retry schedule for callbacks."""
"""Decodo: the batch endpoint accepts at most 1 request per second (per account here)."""
FAULTED_STATUS_CODE = 613
"""``status_code`` of the result entry of a faulted task (Decodo's "faulted after retries")."""
PARSE_STATUS_CODE = 12000
"""Decodo's internal status code inside parsed content for a successful parse."""

STATUS: dict[Phase, str] = {
    Phase.QUEUED: "pending",
    Phase.RUNNING: "pending",
    Phase.SUCCEEDED: "done",
    Phase.FAILED: "faulted",
    Phase.CANCELLED: "faulted",
}
"""Core phase -> Decodo task status (Decodo has no separate running or cancelled state)."""

PRIMARY_KEYS = ("url", "query", "product_id", "prompt")
"""The primary input of a target: exactly one of these keys exists in each parameter set."""

ECHO_DEFAULTS: dict[str, Any] = {
    "query": "",
    "url": None,
    "domain": "com",
    "locale": None,
    "geo": None,
    "device_type": "desktop",
    "limit": 10,
    "page_from": 1,
    "page_count": 1,
    "headless": None,
    "parse": False,
    "output_schema": None,
    "priority": 0,
    "persist": True,
    "content_encoding": "utf-8",
    "http_method": "get",
    "payload": None,
    "headers": [],
    "cookies": [],
    "force_headers": False,
    "force_cookies": False,
    "headers_cookies_policy": False,
    "session_id": None,
    "successful_status_codes": [],
    "follow_redirect": None,
    "store_id": None,
    "callback_url": None,
}
"""Server defaults of the task echo (seed 000 examples); request values override them."""

SERVER_RENDERED = frozenset({"google_ai_mode"})
"""Targets Decodo always renders: their request schema has no ``headless``, yet the task echo
shows ``headless: "html"`` (both status answers in seed 000)."""

SITES = {
    "amazon": "www.amazon",
    "bing": "www.bing",
    "google": "www.google",
    "walmart": "www.walmart",
    "target": "www.target",
    "tiktok": "www.tiktok",
    "youtube": "www.youtube",
    "chatgpt": "chatgpt",
    "perplexity": "www.perplexity",
    "gemini": "gemini.google",
}
"""Host (without TLD) of the synthetic page behind a query-, product- or prompt-based target."""


REQUIRED_MESSAGE = re.compile(r"^'([^']+)' is a required property$")
"""A missing required key, as the spec's JSON Schema check words it (reported at the root)."""


def _variants(union: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Return target -> parameter-set model of a discriminated root model."""
    annotation = union.model_fields["root"].annotation
    result: dict[str, type[BaseModel]] = {}
    for variant in typing.get_args(annotation):
        (tag,) = typing.get_args(variant.model_fields["target"].annotation)
        result[tag] = variant
    return result


TASK_VARIANTS = _variants(models.TaskRequest)
BATCH_VARIANTS = _variants(models.BatchRequest)
TARGETS = frozenset(TASK_VARIANTS)
TASK_FIELDS = frozenset(f.alias or n for n, f in models.Task.model_fields.items())


def timestamp(seconds: float) -> str:
    """Return ``seconds`` since the epoch as Decodo's ``YYYY-MM-DD HH:MM:SS`` (UTC)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds))


def primary_key(params: dict[str, Any]) -> str | None:
    """Return which primary-input key ``params`` (a validated request) carries, if any."""
    return next((key for key in PRIMARY_KEYS if key in params), None)


def is_http_url(value: str) -> bool:
    """Return True when ``value`` is an absolute http(s) URL with a host."""
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError, TypeError):
        return False
    return url.scheme in ("http", "https") and bool(url.host)


def page_url(params: dict[str, Any], page: int) -> str:
    """Return the URL whose synthetic content stands for ``page`` (1-based) of a task's target."""
    if "url" in params:
        base = str(params["url"])
        if page == 1:
            return base
        return f"{base}{'&' if '?' in base else '?'}page={page}"
    target = str(params["target"])
    tld = str(params.get("domain") or "com")
    host = f"{SITES.get(target.split('_')[0], target.replace('_', '-'))}.{tld}"
    if "product_id" in params:
        url = f"https://{host}/product/{quote(str(params['product_id']), safe='')}"
    elif "prompt" in params:
        url = f"https://{host}/?prompt={quote(str(params['prompt']), safe='')}"
    else:
        url = f"https://{host}/{target}?q={quote(str(params.get('query', '')), safe='')}"
    return url if page == 1 else f"{url}{'&' if '?' in url else '?'}page={page}"


class Provider(ProviderApp):
    """The emulated Decodo Web Scraping API (asynchronous tasks)."""

    name = "decodo"
    validation_status = 422

    def __init__(self, emulator: Any) -> None:
        super().__init__(emulator)
        self._sequence = 0
        self._issued: set[str] = set()
        self._last_batch: dict[str, float] = {}

    def reset(self) -> None:
        """Forget issued ids and the batch rate-limit windows."""
        self._sequence = 0
        self._issued.clear()
        self._last_batch.clear()

    def routes(self) -> list[BaseRoute]:
        """Return the four task routes."""
        return [
            Route("/v3/task", self.create_task, methods=["POST"], name="create_task"),
            Route(
                "/v3/task/batch", self.create_task_batch, methods=["POST"], name="create_task_batch"
            ),
            Route("/v3/task/{task_id}", self.get_task, methods=["GET"], name="get_task"),
            Route(
                "/v3/task/{task_id}/results",
                self.get_task_results,
                methods=["GET"],
                name="get_task_results",
            ),
        ]

    def error_body(self, error: ProviderError) -> Any:
        """Return Decodo's envelope ``{status: "error", message, errors?}``."""
        body = models.Error(status="error", message=error.message)
        if isinstance(error.details, list):
            body.errors = error.details
        return body.model_dump(mode="json", by_alias=True)

    async def authenticate(self, request: Request) -> str:
        """Return the opaque Basic token (not decoded), or raise 401."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "basic" or not self.is_token(token):
            raise ProviderError(
                401,
                "Unauthorized.",
                code="unauthorized",
                headers={"WWW-Authenticate": 'Basic realm="Decodo"'},
            )
        return token

    # -- handlers ---------------------------------------------------------------------------

    async def create_task(self, request: Request) -> Response:
        """Queue one task and return its echo (200)."""
        account = await self.authenticate(request)
        raw = await self._object_body(request)
        params = self._validate_params(models.TaskRequest, raw)
        record = self._create(account, params, request.state.fail_job)
        self.emulator.stats.count_job(self.name, account)
        return json_response(self._task_json(record))

    async def create_task_batch(self, request: Request) -> Response:
        """Queue one task per primary input of ONE target (200), 1 request/s per account."""
        account = await self.authenticate(request)
        self._rate_limit_batch(account)
        raw = await self._object_body(request)
        present = [key for key in PRIMARY_KEYS if key in raw]
        if len(present) > 1:
            raise ProviderError(
                422,
                f"A batch carries either URLs or queries, never both: got {' and '.join(present)}.",
                details=[
                    {"field": key, "message": "only one primary input per batch"} for key in present
                ],
            )
        params = self._validate_params(models.BatchRequest, raw)
        key = primary_key(params)
        if key is None:  # unreachable: every batch variant requires its primary input
            raise ProviderError(422, "The batch has no primary input.", code="invalid_request")
        inputs: list[str] = list(params.pop(key))
        batch_id = self._new_id()
        records = [
            self._create(account, {**params, key: value}, request.state.fail_job, group=batch_id)
            for value in inputs
        ]
        self.emulator.stats.count_job(self.name, account, len(records))
        body = models.BatchResponse(
            id=batch_id, queries=[self._task_model(r, models.Task) for r in records], errors=[]
        ).model_dump(mode="json", by_alias=True)
        body["queries"] = [self._task_json(record) for record in records]
        return json_response(body)

    async def get_task(self, request: Request) -> Response:
        """Return the task object (each read counts as a poll)."""
        record = await self._record(request)
        self.store.poll(record)
        return json_response(self._task_json(record))

    async def get_task_results(self, request: Request) -> Response:
        """Return the results (200), 204 while pending, 404 when unknown or expired."""
        record = await self._record(request)
        self.store.poll(record)
        if not record.phase.terminal:
            return Response(status_code=204)
        params: dict[str, Any] = record.data["request"]
        created, updated = timestamp(record.created_at), self._updated_at(record)
        if record.phase is not Phase.SUCCEEDED:
            entry = models.TaskResult(
                content=None,
                status_code=FAULTED_STATUS_CODE,
                url=page_url(params, 1),
                task_id=record.id,
                headers=[],
                cookies=[],
                created_at=created,
                updated_at=updated,
                help="Faulted after too many retries. Try again; you are not charged for it.",
            )
            return json_response(models.TaskResults(results=[entry]))
        entries = []
        first = int(params.get("page_from", ECHO_DEFAULTS["page_from"]))
        for offset in range(int(params.get("page_count", ECHO_DEFAULTS["page_count"]))):
            url = page_url(params, offset + 1)
            page = await self.emulator.content.page(url)
            entries.append(
                models.TaskResult(
                    content=self._content(record, page, first + offset),
                    status_code=page.status_code,
                    url=url,
                    task_id=record.id,
                    headers=models.TargetResponseHeaders(page.headers) if page.headers else [],
                    cookies=[],
                    created_at=created,
                    updated_at=updated,
                )
            )
        return json_response(models.TaskResults(results=entries))

    # -- lifecycle --------------------------------------------------------------------------

    def on_finished(self, record: JobRecord) -> None:
        """Queue the ``TaskCallback`` of a task that has a ``callback_url``."""
        url = record.data["request"].get("callback_url")
        if not url or not is_http_url(url):
            return
        payload = self._task_model(record, models.TaskCallback)
        self.emulator.webhooks.enqueue(
            provider=self.name,
            account=record.account,
            job_id=record.id,
            url=url,
            payload=self._with_extras(record, payload),
            policy=WEBHOOK_POLICY,
        )

    # -- helpers ----------------------------------------------------------------------------

    async def _object_body(self, request: Request) -> dict[str, Any]:
        raw = await self.json_body(request)
        if not isinstance(raw, dict):
            raise ProviderError(
                400,
                "The request body must be a JSON object.",
                code="invalid_request",
                details=[{"field": "body", "message": "expected a JSON object"}],
            )
        target = raw.get("target")
        if target is None:
            raise ProviderError(
                400,
                "Invalid request: target: the field is required.",
                code="invalid_request",
                details=[{"field": "target", "message": "The target field is required."}],
            )
        if not isinstance(target, str) or target not in TARGETS:
            raise ProviderError(
                400,
                f"Invalid request: target: unsupported target {target!r}.",
                code="invalid_request",
                details=[{"field": "target", "message": "Unsupported target."}],
            )
        return raw

    def _validate_params(self, union: type[BaseModel], raw: dict[str, Any]) -> dict[str, Any]:
        """Validate ``raw`` with the target union; return the request as JSON (unset omitted)."""
        target = raw["target"]
        variants = TASK_VARIANTS if union is models.TaskRequest else BATCH_VARIANTS
        known = {f.alias or n for n, f in variants[target].model_fields.items()}
        unknown = sorted(key for key in raw if key not in known)
        if unknown:
            raise ProviderError(
                422,
                f"Invalid parameters for target {target!r}: {unknown[0]}: "
                f"unknown parameter (target {target!r} accepts {', '.join(sorted(known))}).",
                code="invalid_request",
                details=[{"field": key, "message": "unknown parameter"} for key in unknown],
            )
        try:
            # The spec's schema of the target's parameter set gives precise errors; the
            # discriminated pydantic union then carries the data.
            model = self.validate(union, raw, schema=variants[target].__name__)
        except ProviderError as exc:
            problems = []
            for detail in exc.details or []:
                loc = [str(part) for part in detail["loc"]]
                if loc and loc[0] == target:
                    loc = loc[1:]
                message = str(detail["msg"])
                missing = REQUIRED_MESSAGE.match(message)
                if not loc and missing:
                    loc = [missing.group(1)]
                if len(message) > 200:
                    message = message[:120] + " … " + message[-60:]
                problems.append({"field": ".".join(loc) or "body", "message": message})
            first = problems[0] if problems else {"field": "body", "message": exc.message}
            raise ProviderError(
                422,
                f"Invalid parameters for target {target!r}: {first['field']}: {first['message']}",
                code="invalid_request",
                details=problems,
            ) from exc
        variant: BaseModel = model.root  # type: ignore[attr-defined]
        params: dict[str, Any] = variant.model_dump(mode="json", by_alias=True)
        return params

    def _rate_limit_batch(self, account: str) -> None:
        now = self.now()
        last = self._last_batch.get(account)
        interval = self.config.decodo_batch_interval_seconds
        if last is not None and now - last < interval:
            wait = max(1, math.ceil(last + interval - now))
            raise ProviderError(
                429,
                "Too many requests: the batch endpoint accepts 1 request per second.",
                code="rate_limited",
                headers={"Retry-After": str(wait)},
            )
        self._last_batch[account] = now

    def _new_id(self) -> str:
        while True:
            self._sequence = (self._sequence + 1) % (1 << 22)
            candidate = str((max(0, int(self.now() * 1000)) << 22) | self._sequence)
            if candidate not in self._issued and self.store.get(self.name, candidate) is None:
                self._issued.add(candidate)
                return candidate

    def _create(
        self, account: str, params: dict[str, Any], fail: bool, group: str | None = None
    ) -> JobRecord:
        unreachable = "url" in params and not is_http_url(str(params["url"]))
        data: dict[str, Any] = {"request": params}
        if group is not None:
            data["group"] = group
        return self.store.create(
            self.name, account, self._new_id(), fail=fail or unreachable, data=data
        )

    async def _record(self, request: Request) -> JobRecord:
        account = await self.authenticate(request)
        record = self.store.get(self.name, request.path_params["task_id"], account)
        if record is None or self._expired(record):
            raise ProviderError(404, "Task not found.", code="not_found")
        return record

    def _expired(self, record: JobRecord) -> bool:
        retention = self.config.retention_seconds[self.name]
        return retention is not None and self.now() >= record.created_at + retention

    def _updated_at(self, record: JobRecord) -> str:
        if record.finished_at is not None:
            return timestamp(record.finished_at)
        return timestamp(record.created_at)

    def _echo(self, record: JobRecord) -> dict[str, Any]:
        """Return the task echo: defaults, then the request's parameters, then id/status/times."""
        request: dict[str, Any] = record.data["request"]
        rendered = {"headless": "html"} if request.get("target") in SERVER_RENDERED else {}
        return {
            **ECHO_DEFAULTS,
            **rendered,
            **request,
            "id": record.id,
            "status": STATUS[record.phase],
            "created_at": timestamp(record.created_at),
            "updated_at": self._updated_at(record),
        }

    def _task_model(self, record: JobRecord, model: type[ModelT]) -> ModelT:
        echo = self._echo(record)
        return model.model_validate({k: v for k, v in echo.items() if k in TASK_FIELDS})

    def _with_extras(self, record: JobRecord, model: BaseModel) -> dict[str, Any]:
        """Dump ``model`` and add the target-specific parameters it has no field for."""
        body: dict[str, Any] = model.model_dump(mode="json", by_alias=True)
        for key, value in record.data["request"].items():
            body.setdefault(key, value)
        return body

    def _task_json(self, record: JobRecord) -> dict[str, Any]:
        return self._with_extras(record, self._task_model(record, models.Task))

    def _content(
        self, record: JobRecord, page: content.Page, number: int
    ) -> str | models.ParsedContent:
        params: dict[str, Any] = record.data["request"]
        if params.get("headless") == "png":
            return content.png_base64(page.url)
        if params.get("parse"):
            parsed = {
                **content.parsed_of(page),
                "target": params["target"],
                "page": number,
                "parse_status_code": PARSE_STATUS_CODE,
            }
            return models.ParsedContent.model_validate(
                {
                    "results": parsed,
                    "errors": [],
                    "status_code": PARSE_STATUS_CODE,
                    "task_id": record.id,
                }
            )
        if params.get("markdown"):
            return content.markdown_of(page)
        return page.html
