"""The HTTP side every emulated provider shares: errors in its envelope, auth, JSON bodies.

A provider's routes module subclasses :class:`ProviderApp`, declares its routes and implements
:meth:`ProviderApp.error_body` (its error envelope) and :meth:`ProviderApp.authenticate`; its
state and rules live in a :class:`~scrapejobs_emulator.backend.ProviderBackend`. Handlers raise :class:`ProviderError`; the base class renders it
in the provider's envelope, as it does for unknown paths (404), wrong methods (405, with
``Allow``) and malformed JSON (400, :func:`parse_json`); :mod:`scrapejobs_emulator.faults` turns crashes into 500s.
"""

from __future__ import annotations

import json
import secrets
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from scrapejobs_emulator.errors import ConnectionDropped, ProviderError

__all__ = [
    "ConnectionDropped",
    "ModelT",
    "ProviderApp",
    "ProviderError",
    "json_response",
    "parse_json",
]

if TYPE_CHECKING:
    from scrapejobs_emulator.state import EmulatorState

ModelT = TypeVar("ModelT", bound=BaseModel)


def json_response(
    payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """Return a JSON response (the body of a pydantic model dumped by alias, unset fields omitted)."""
    if isinstance(payload, BaseModel):
        payload = payload.model_dump(mode="json", by_alias=True)
    return JSONResponse(payload, status_code=status, headers=dict(headers or {}))


MAX_JSON_DEPTH = 200
"""Deepest nesting of arrays/objects a body may have: far beyond any provider's payload, and
shallow enough that schema validation and re-encoding never exhaust the stack."""


class _TooDeep(ValueError):
    pass


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_parsed(value: Any) -> None:
    """Raise ValueError for a lone surrogate in a string or key, _TooDeep past MAX_JSON_DEPTH.

    Iterative, so the depth that :func:`json.loads` accepted cannot overflow the stack here.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _has_lone_surrogate(item):
                raise ValueError("a string holds a lone surrogate (a \\ud800-\\udfff escape)")
        elif isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise _TooDeep
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def parse_json(raw: bytes) -> Any:
    r"""Return ``raw`` parsed as JSON whose every string can be encoded as UTF-8 again.

    Raises:
        ProviderError: 400 ``invalid_request`` for an empty body, a body that is not JSON or
            not UTF-8 (or UTF-16/32) text, nesting deeper than :data:`MAX_JSON_DEPTH`, or a
            surrogate escape (``\ud800``..``\udfff``) left unpaired. The message never quotes
            the body.

    """
    if not raw:
        raise ProviderError(400, "Request body is required.", code="invalid_request")
    try:
        data = json.loads(raw)
        _check_parsed(data)
    except (RecursionError, _TooDeep):
        raise ProviderError(
            400,
            f"Malformed JSON body: nested deeper than {MAX_JSON_DEPTH} levels.",
            code="invalid_request",
        ) from None
    except UnicodeDecodeError as exc:
        raise ProviderError(
            400, f"Malformed JSON body: not UTF-8 text ({exc.reason}).", code="invalid_request"
        ) from None
    except ValueError as exc:
        raise ProviderError(400, f"Malformed JSON body: {exc}", code="invalid_request") from None
    return data


class SharedPathRoute(Route):
    """A route whose 405 answer lists every method served at its path in ``Allow``.

    Starlette answers a wrong method with the ``Allow`` of the first route matching the path
    only; :meth:`ProviderApp.app` gives every route the union of its path's methods.
    """

    def __init__(self, route: Route, allow: Iterable[str]) -> None:
        super().__init__(route.path, route.endpoint, methods=route.methods, name=route.name)
        self.allow = ", ".join(sorted(allow))

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request, or raise 405 with every method of the path in ``Allow``."""
        if self.methods and scope["method"] not in self.methods:
            raise HTTPException(status_code=405, headers={"Allow": self.allow})
        await super().handle(scope, receive, send)


def with_shared_allow(routes: Sequence[BaseRoute]) -> list[BaseRoute]:
    """Return ``routes`` with each plain :class:`Route` aware of all methods of its path."""
    methods: dict[str, set[str]] = {}
    for route in routes:
        if isinstance(route, Route) and route.methods:
            methods.setdefault(route.path, set()).update(route.methods)
    return [
        SharedPathRoute(route, methods[route.path])
        if isinstance(route, Route) and route.methods
        else route
        for route in routes
    ]


class ProviderApp(ABC):
    """Base of one emulated provider API, mounted under ``/<name>``."""

    name: ClassVar[str]
    """Provider key, also the mount prefix."""
    validation_status: ClassVar[int] = 400
    """Status for a body that parses as JSON but breaks the schema."""

    def __init__(self, emulator: EmulatorState) -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.clock = emulator.clock

    def public_base(self, request: Request) -> str:
        """Return the absolute URL this provider is mounted at, as the client reached it.

        ``config.public_base_url`` (plus ``/<name>``) when set; otherwise built from the
        request's scheme, ``Host`` header (or server address), port and mount path. Never ends
        with ``/``.
        """
        configured = self.emulator.config.public_base_url
        if configured is not None:
            return f"{configured.rstrip('/')}/{self.name}"
        return str(request.base_url).rstrip("/")

    # -- what each provider implements -------------------------------------------------------

    @abstractmethod
    def routes(self) -> list[BaseRoute]:
        """Return the provider's routes (paths relative to its mount)."""

    @abstractmethod
    def error_body(self, error: ProviderError) -> Any:
        """Return the JSON body of ``error`` in the provider's envelope."""

    @abstractmethod
    async def authenticate(self, request: Request) -> str:
        """Return the account (token) the request authenticates as.

        Raises:
            ProviderError: 401 in the provider's envelope when credentials are missing or wrong.

        """

    # -- shared helpers ---------------------------------------------------------------------

    @property
    def config(self) -> Any:
        """The emulator's live configuration."""
        return self.emulator.config

    def is_token(self, candidate: str | None) -> bool:
        """Return True when ``candidate`` is one of the configured tokens (constant time)."""
        if not candidate:
            return False
        given = candidate.encode("utf-8", "surrogatepass")
        return any(
            secrets.compare_digest(given, token.encode("utf-8", "surrogatepass"))
            for token in self.config.tokens
        )

    def render(self, error: ProviderError) -> Response:
        """Return ``error`` as a response in the provider's envelope."""
        return JSONResponse(self.error_body(error), status_code=error.status, headers=error.headers)

    async def json_body(self, request: Request) -> Any:
        """Return the request's parsed JSON body.

        Raises:
            ProviderError: 400 as :func:`parse_json`; the body limits of
                :class:`~scrapejobs_emulator.bodies.BodyGuard` while reading.

        """
        return parse_json(await request.body())

    def validate(self, model: type[ModelT], data: Any, schema: str | None = None) -> ModelT:
        """Return ``data`` (parsed JSON) checked against the spec and built into ``model``.

        The spec's JSON Schema (component ``schema``, default the model's name) decides what is
        valid, exactly as the contract tests read it; the pydantic model then carries the data.

        Raises:
            ProviderError: ``validation_status`` naming the first offending field and rule.

        """
        errors = self.emulator.schema_errors(self.name, schema or model.__name__, data)
        if errors:
            first = errors[0]
            raise ProviderError(
                self.validation_status,
                f"Invalid request: {first.where}: {first.message}",
                code="invalid_request",
                details=[{"loc": e.location, "msg": e.message} for e in errors],
            )
        try:
            # By alias only: an unknown key that happens to equal a field's Python name
            # ("output" next to "Output") stays an unknown key, as in the JSON Schema.
            return model.model_validate(data, by_alias=True, by_name=False)
        except ValidationError as exc:  # the spec allowed what the model cannot hold
            first_error = exc.errors()[0]
            where = ".".join(str(part) for part in first_error["loc"]) or "body"
            raise ProviderError(
                self.validation_status,
                f"Invalid request: {where}: {first_error['msg']}",
                code="invalid_request",
            ) from exc

    def not_found(self, what: str = "Job") -> ProviderError:
        """Return the provider's 404 for an unknown (or another account's) id."""
        return ProviderError(404, f"{what} not found.", code="not_found")

    def now(self) -> float:
        """Return the emulator clock's time."""
        return self.clock.now()

    def app(self) -> Starlette:
        """Build the provider's ASGI app with its envelope on every error path."""

        async def provider_error(_request: Request, exc: Exception) -> Response:
            if not isinstance(exc, ProviderError):  # pragma: no cover - Starlette routes by type
                raise TypeError(exc)
            return self.render(exc)

        async def http_error(_request: Request, exc: Exception) -> Response:
            if not isinstance(exc, HTTPException):  # pragma: no cover - Starlette routes by type
                raise TypeError(exc)
            message = {404: "Not found.", 405: "Method not allowed."}.get(
                exc.status_code, str(exc.detail)
            )
            return self.render(ProviderError(exc.status_code, message, headers=exc.headers))

        async def crash(_request: Request, _exc: Exception) -> Response:
            return self.render(ProviderError(500, "Internal server error.", code="internal_error"))

        async def openapi(_request: Request) -> Response:
            return JSONResponse(self.emulator.spec_document(self.name))

        routes = with_shared_allow(
            [*self.routes(), Route("/openapi.json", openapi, methods=["GET"])]
        )
        return Starlette(
            routes=routes,
            exception_handlers={
                ProviderError: provider_error,
                HTTPException: http_error,
                Exception: crash,
            },
        )
