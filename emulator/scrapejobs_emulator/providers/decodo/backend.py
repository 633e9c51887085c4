"""Decodo's model: task ids, the batch rate limit, task echoes, results and callbacks (no HTTP)."""

from __future__ import annotations

import math
import time
import typing
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from provider_models import decodo as models
from pydantic import BaseModel

from scrapejobs_emulator import content
from scrapejobs_emulator.backend import ProviderBackend
from scrapejobs_emulator.errors import ProviderError
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.webhooks import RetryPolicy

ModelT = TypeVar("ModelT", bound=BaseModel)

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


class DecodoBackend(ProviderBackend):
    """Decodo's tasks (one record each): ids, batches, echoes, results and callbacks."""

    name = "decodo"

    def __init__(self, state: EmulatorState) -> None:
        super().__init__(state)
        self._sequence = 0
        self._issued: set[str] = set()
        self._last_batch: dict[str, float] = {}

    def reset(self) -> None:
        """Forget issued ids and the batch rate-limit windows."""
        self._sequence = 0
        self._issued.clear()
        self._last_batch.clear()

    def dump(self, label: Callable[[str], str]) -> dict[str, Any]:
        """Return the batch windows (time of each account's last batch) and the id sequence."""
        windows = {label(account): at for account, at in self._last_batch.items()}
        return {"last_batch": windows, "sequence": self._sequence}

    def load(self, data: dict[str, Any], token: Callable[[str], str]) -> None:
        """Restore :meth:`dump`'s batch windows.

        A batch sent right after a restart is refused as it would have been without one.

        Raises:
            KeyError, TypeError, ValueError: for malformed data or an unknown account.

        """
        for label, at in data.get("last_batch", {}).items():
            self._last_batch[token(label)] = float(at)
        self._sequence = int(data.get("sequence", 0))

    def on_finished(self, record: JobRecord) -> None:
        """Queue the ``TaskCallback`` of a task that has a ``callback_url``."""
        url = record.data["request"].get("callback_url")
        if not url or not is_http_url(url):
            return
        payload = self.task_model(record, models.TaskCallback)
        self.state.webhooks.enqueue(
            provider=self.name,
            account=record.account,
            job_id=record.id,
            url=url,
            payload=self._with_extras(record, payload),
            policy=WEBHOOK_POLICY,
        )

    def create_batch(
        self, account: str, params: dict[str, Any], key: str, fail: bool
    ) -> dict[str, Any]:
        """Create one task per value of the primary input ``key``; return the batch answer."""
        inputs: list[str] = list(params.pop(key))
        batch_id = self.new_id()
        records = [
            self.create(account, {**params, key: value}, fail, group=batch_id) for value in inputs
        ]
        self.state.stats.count_job(self.name, account, len(records))
        body = models.BatchResponse(
            id=batch_id, queries=[self.task_model(r, models.Task) for r in records], errors=[]
        ).model_dump(mode="json", by_alias=True)
        body["queries"] = [self.task_json(record) for record in records]
        return body

    def record(self, account: str, task_id: str) -> JobRecord:
        """Return the account's task.

        Raises:
            ProviderError: 404 for an unknown id, another account's task or an expired one.

        """
        record = self.store.get(self.name, task_id, account)
        if record is None or self._expired(record):
            raise ProviderError(404, "Task not found.", code="not_found")
        return record

    async def results(self, record: JobRecord) -> models.TaskResults:
        """Return a final task's results: one entry per page, or the faulted entry."""
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
            return models.TaskResults(results=[entry])
        entries = []
        first = int(params.get("page_from", ECHO_DEFAULTS["page_from"]))
        for offset in range(int(params.get("page_count", ECHO_DEFAULTS["page_count"]))):
            url = page_url(params, offset + 1)
            page = await self.state.content.page(url)
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
        return models.TaskResults(results=entries)

    def rate_limit_batch(self, account: str) -> None:
        """Let one batch per account through per ``decodo_batch_interval_seconds`` (else 429)."""
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

    def new_id(self) -> str:
        """Return a fresh Decodo-style numeric id (milliseconds and a sequence, never reused)."""
        while True:
            self._sequence = (self._sequence + 1) % (1 << 22)
            candidate = str((max(0, int(self.now() * 1000)) << 22) | self._sequence)
            if candidate not in self._issued and self.store.get(self.name, candidate) is None:
                self._issued.add(candidate)
                return candidate

    def create(
        self, account: str, params: dict[str, Any], fail: bool, group: str | None = None
    ) -> JobRecord:
        """Create one task of ``params`` (failing when asked or when its URL cannot be fetched)."""
        unreachable = "url" in params and not is_http_url(str(params["url"]))
        data: dict[str, Any] = {"request": params}
        if group is not None:
            data["group"] = group
        return self.store.create(
            self.name, account, self.new_id(), fail=fail or unreachable, data=data
        )

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

    def task_model(self, record: JobRecord, model: type[ModelT]) -> ModelT:
        """Return the task echo as ``model`` (the fields it has)."""
        echo = self._echo(record)
        return model.model_validate({k: v for k, v in echo.items() if k in TASK_FIELDS})

    def _with_extras(self, record: JobRecord, model: BaseModel) -> dict[str, Any]:
        """Dump ``model`` and add the target-specific parameters it has no field for."""
        body: dict[str, Any] = model.model_dump(mode="json", by_alias=True)
        for key, value in record.data["request"].items():
            body.setdefault(key, value)
        return body

    def task_json(self, record: JobRecord) -> dict[str, Any]:
        """Return the task object as JSON, target-specific parameters included."""
        return self._with_extras(record, self.task_model(record, models.Task))

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
