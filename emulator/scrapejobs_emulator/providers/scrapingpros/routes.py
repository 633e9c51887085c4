"""ScrapingPros' HTTP routes: bearer auth, FastAPI's envelopes (422 issue lists), eleven routes."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from provider_models import scrapingpros as models
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from scrapejobs_emulator.provider import ModelT, ProviderApp, ProviderError, json_response
from scrapejobs_emulator.providers.scrapingpros import saved
from scrapejobs_emulator.providers.scrapingpros.backend import ScrapingprosBackend
from scrapejobs_emulator.providers.scrapingpros.documents import (
    StoredCollection,
    StoredRun,
    collection_document,
)
from scrapejobs_emulator.providers.scrapingpros.query import (
    job_page_query,
    parse_instant,
    query_issue,
)
from scrapejobs_emulator.providers.scrapingpros.screening import (
    BLOCK_MESSAGES,
    check_country_proxy,
    item_rules,
    screen,
    url_problem,
)
from scrapejobs_emulator.state import EmulatorState

MAX_REQUESTS = 50_000
REQUIRED = re.compile(r"^'([^']+)' is a required property$")


def body_issue(loc: list[str | int], msg: str, kind: str = "value_error") -> ProviderError:
    """Return FastAPI's 422 for one bad body field."""
    where = ".".join(str(part) for part in loc)
    return ProviderError(
        422,
        f"Invalid request: {where}: {msg}",
        details=[{"loc": ["body", *loc], "msg": msg, "type": kind}],
    )


def fastapi_issues(exc: ProviderError) -> list[dict[str, Any]]:
    """Return a validation error as FastAPI's issue list ``[{loc: ["body", ...], msg, type}]``."""
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
    return issues


class Provider(ProviderApp):
    """The emulated ScrapingPros async collections API (plus the sync scrape endpoint)."""

    name = "scrapingpros"
    validation_status = 422

    def __init__(self, emulator: EmulatorState) -> None:
        super().__init__(emulator)
        self.backend = ScrapingprosBackend(emulator)
        saved.register(emulator, self.backend)

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
            issues = fastapi_issues(exc)
            raise ProviderError(exc.status, exc.message, details=issues) from exc

    def _validate_top(self, model: type[ModelT], raw: Any) -> ModelT:
        """Validate a collection body without its items (screened one by one)."""
        if not isinstance(raw, dict):
            return self.checked(model, raw)
        requests = raw.get("requests", [])
        if not isinstance(requests, list):
            raise body_issue(["requests"], "Input should be a valid list", "list_type")
        if len(requests) > MAX_REQUESTS:
            raise body_issue(
                ["requests"],
                f"List should have at most {MAX_REQUESTS} items after validation, not {len(requests)}",
                "too_long",
            )
        return self.checked(model, {k: v for k, v in raw.items() if k != "requests"})

    # -- collections ------------------------------------------------------------------------

    async def create_collection(self, request: Request) -> Response:
        """Store a collection (201) with its per-item report, honouring ``Idempotency-Key``."""
        account = await self.authenticate(request)
        raw = await self.json_body(request)
        key = request.headers.get("idempotency-key")
        fingerprint = hashlib.sha256(json.dumps(raw, sort_keys=True).encode()).hexdigest()
        if key is not None:
            known = self.backend.idempotency.replay(account, key, fingerprint)
            if known is not None:
                return JSONResponse(
                    known, status_code=201, headers={"Idempotency-Replayed": "true"}
                )
        body = self._validate_top(models.CreateCollectionRequest, raw)
        callback_url = body.callback_url if isinstance(body.callback_url, str) else None
        screening = screen(raw.get("requests", []), self.config.scrapingpros_country_proxies)
        stored = self.backend.add_collection(account, body.name, callback_url, screening.accepted)
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
            self.backend.idempotency.remember(account, key, fingerprint, payload)
            headers["Idempotency-Replayed"] = "false"
        return json_response(payload, 201, headers)

    async def list_collections(self, request: Request) -> Response:
        """Return the account's collections, newest first, filtered by ``name`` and ``since``."""
        account = await self.authenticate(request)
        name = request.query_params.get("name")
        since_raw = request.query_params.get("since")
        since = parse_instant(since_raw) if since_raw is not None else None
        found = self.backend.collections_of(account, name, since)
        return json_response(
            [collection_document(c).model_dump(mode="json", by_alias=True) for c in found]
        )

    async def get_collection(self, request: Request) -> Response:
        """Return one collection."""
        account = await self.authenticate(request)
        return json_response(collection_document(self._collection(request, account)))

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
            screening = screen(raw["requests"], self.config.scrapingpros_country_proxies)
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
        """Start a run (201): one job unit per stored request (proxy approvals checked again)."""
        account = await self.authenticate(request)
        stored = self._collection(request, account)
        check_country_proxy(stored.requests, self.config.scrapingpros_country_proxies)
        run = self.backend.start_run(
            account, stored, fail=request.state.fail_job, base_url=self.public_base(request)
        )
        return json_response(self.backend.run_document(run), 201)

    async def list_runs(self, request: Request) -> Response:
        """Return the collection's runs, newest first, optionally filtered by status."""
        account = await self.authenticate(request)
        stored = self._collection(request, account, allow_deleted=True)
        wanted = request.query_params.get("status_filter")
        if wanted is not None and wanted not in ("in_progress", "completed"):
            raise query_issue(
                "status_filter", "Input should be 'in_progress' or 'completed'", "enum", wanted
            )
        items = []
        for run in self.backend.runs_of(account, stored):
            model = self.backend.run_document(run, poll=True)
            if wanted is None or model.status == wanted:
                items.append(model)
        return json_response(models.RunList(items=items, total=len(items)))

    async def get_run(self, request: Request) -> Response:
        """Return the run with its counters (each read polls every job of the run)."""
        account = await self.authenticate(request)
        run = self._run(request, account)
        return json_response(self.backend.run_document(run, poll=True))

    async def list_run_jobs(self, request: Request) -> Response:
        """Return one page of the run's jobs (keyset cursor, filters, ordering, results)."""
        account = await self.authenticate(request)
        run = self._run(request, account)
        wanted = job_page_query(request.query_params)
        for record in run.units:
            self.store.poll(record)
        page, cursor_next = wanted.select(run.units)
        items = [self.backend.run_job(record, wanted.include_results) for record in page]
        return json_response(
            models.RunJobPage(
                items=items, cursor_next=cursor_next, has_more=cursor_next is not None
            )
        )

    async def get_job_result(self, request: Request) -> Response:
        """Return one job's ScrapeResult, or the structured 404 of the result endpoint."""
        account = await self.authenticate(request)
        run = self._run(request, account)
        return json_response(self.backend.result_of(run, account, request.path_params["job_id"]))

    # -- sync -------------------------------------------------------------------------------

    async def scrape(self, request: Request) -> Response:
        """Scrape one URL synchronously and return its ScrapeResult (200)."""
        await self.authenticate(request)
        raw = await self.json_body(request)
        self.checked(models.ScrapeRequest, raw)
        # Rules beyond the schema: the request is schema-valid, so they answer 403 (not allowed).
        problem = item_rules(raw)
        if problem is not None:
            raise ProviderError(403, problem[2].removeprefix("Value error, "))
        check_country_proxy([raw], self.config.scrapingpros_country_proxies)
        reason = url_problem(raw["url"])
        if reason is not None:
            raise ProviderError(403, "URL blocked: " + BLOCK_MESSAGES[reason])
        result, charged = await self.backend.scrape(raw, fail=request.state.fail_job)
        return json_response(result, 200, {"X-Credits-Charged": str(charged)})

    # -- lookups ----------------------------------------------------------------------------

    def _collection(
        self, request: Request, account: str, *, allow_deleted: bool = False
    ) -> StoredCollection:
        return self.backend.collection(
            account, request.path_params["collection_id"], allow_deleted=allow_deleted
        )

    def _run(self, request: Request, account: str) -> StoredRun:
        params = request.path_params
        return self.backend.run(account, params["collection_id"], params["run_id"])
