"""The emulator: shared state of the five provider APIs and the ASGI app that serves them."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import importlib.resources
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, relevance
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.applications import Starlette
from starlette.datastructures import URLPath
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import ASGIApp, Receive, Scope, Send

from scrapejobs_emulator.clock import Clock, SystemClock
from scrapejobs_emulator.config import PROVIDER_NAMES, EmulatorConfig
from scrapejobs_emulator.content import ContentSource
from scrapejobs_emulator.jobs import JobStore
from scrapejobs_emulator.webhooks import WebhookDispatcher


def account_label(token: str) -> str:
    """Return a stable, non-secret label for an account token (``acct_`` + 10 hex digits)."""
    return "acct_" + hashlib.sha256(token.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class SchemaError:
    """One way a request body breaks its schema."""

    location: list[str | int]
    message: str

    @property
    def where(self) -> str:
        """Return the location as ``a.b.0.c`` (``body`` for the root)."""
        return ".".join(str(part) for part in self.location) or "body"


SPEC_URI = "urn:scrapejobs:spec:"


def _explain(error: ValidationError) -> SchemaError:
    """Return the most useful reading of ``error``, looking inside ``oneOf``/``anyOf`` unions.

    For a discriminated union the variant whose tag matches is the one that explains the
    failure; when no tag matches, the answer lists the accepted tags.
    """
    if error.validator == "not" and isinstance(error.validator_value, dict):
        rule = error.validator_value.get("description")
        if rule:
            return SchemaError(list(error.absolute_path), str(rule))
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return SchemaError(list(error.absolute_path), error.message)
    variants: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        variants.setdefault(sub.relative_schema_path[0], []).append(sub)
    tagged = {
        index: subs
        for index, subs in variants.items()
        if not any(sub.validator == "const" for sub in subs)
    }
    if not tagged:
        consts = [sub for subs in variants.values() for sub in subs if sub.validator == "const"]
        if consts:
            accepted = ", ".join(repr(sub.validator_value) for sub in consts)
            return SchemaError(list(consts[0].absolute_path), f"must be one of {accepted}")
        tagged = variants
    best = min(tagged.values(), key=len)
    return _explain(sorted(best, key=relevance)[0])


@functools.cache
def _validator(provider: str, component: str) -> Draft202012Validator:
    document = dict(_spec(provider))
    document["$id"] = SPEC_URI + provider
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI + provider, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    if component not in document.get("components", {}).get("schemas", {}):
        raise KeyError(f"{provider} spec has no component schema {component!r}")
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}{provider}#/components/schemas/{component}"}, registry=registry
    )


class PrefixDispatch(BaseRoute):
    """Route a request to the app named by its first path segment (``/<name>/...``)."""

    def __init__(self, apps: dict[str, ASGIApp]) -> None:
        self.apps = apps

    def _app_for(self, scope: Scope) -> tuple[str, ASGIApp] | None:
        path: str = scope.get("path", "")
        name = path[1:].split("/", 1)[0]
        app = self.apps.get(name)
        return (name, app) if app is not None else None

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """Match every request under one of the known prefixes."""
        if scope["type"] not in ("http", "websocket") or self._app_for(scope) is None:
            return Match.NONE, {}
        return Match.FULL, {}

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        """Reverse routing is not supported."""
        raise NoMatchFound(name, path_params)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hand the request to its app with the prefix moved into ``root_path``."""
        found = self._app_for(scope)
        if found is None:  # pragma: no cover - matches() said FULL
            raise RuntimeError("no app for this path")
        name, app = found
        child = dict(scope)
        child["root_path"] = scope.get("root_path", "") + f"/{name}"
        await app(child, receive, send)


class Stats:
    """Counters the control API reports: jobs created and requests served per operation."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str]] = Counter()
        self.jobs: Counter[tuple[str, str]] = Counter()
        self.faults: Counter[tuple[str, str]] = Counter()

    def count_request(self, provider: str, operation: str) -> None:
        """Count one request served by ``provider``'s ``operation``."""
        self.requests[(provider, operation)] += 1

    def count_job(self, provider: str, account: str, n: int = 1) -> None:
        """Count ``n`` jobs created by ``account`` at ``provider``."""
        self.jobs[(provider, account_label(account))] += n

    def count_fault(self, provider: str, fault: str) -> None:
        """Count one injected fault."""
        self.faults[(provider, fault)] += 1

    def as_json(self) -> dict[str, Any]:
        """Return the counters grouped by provider."""
        result: dict[str, Any] = {
            name: {"requests": {}, "jobs_created": {}, "faults": {}} for name in PROVIDER_NAMES
        }
        for (provider, operation), n in sorted(self.requests.items()):
            result[provider]["requests"][operation] = n
        for (provider, account), n in sorted(self.jobs.items()):
            result[provider]["jobs_created"][account] = n
        for (provider, fault), n in sorted(self.faults.items()):
            result[provider]["faults"][fault] = n
        return result

    def clear(self) -> None:
        """Reset every counter."""
        self.requests.clear()
        self.jobs.clear()
        self.faults.clear()


@functools.cache
def _spec(provider: str) -> dict[str, Any]:
    """Return a provider's spec: shipped in the wheel, or from the source tree's ``specs/``."""
    name = f"{provider}.openapi.yaml"
    shipped = importlib.resources.files("scrapejobs_emulator").joinpath("specs", name)
    source = Path(__file__).resolve().parents[2] / "specs" / name
    text = shipped.read_text() if shipped.is_file() else source.read_text()
    document: dict[str, Any] = yaml.safe_load(text)
    return document


class Emulator:
    """All five provider APIs with shared clock, jobs, webhooks, faults and statistics.

    ``clock`` defaults to the wall clock; pass a :class:`~scrapejobs_emulator.clock.ManualClock`
    in tests. ``webhook_transport`` and ``fetch_transport`` let tests deliver webhooks to, and
    fetch targets from, in-process apps. ``sleep`` is what the ``slow`` fault awaits.
    """

    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        clock: Clock | None = None,
        webhook_transport: httpx.AsyncBaseTransport | None = None,
        fetch_transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.config = config or EmulatorConfig()
        self.clock: Clock = clock or SystemClock()
        self.sleep = sleep
        self.rng = random.Random(self.config.seed)  # noqa: S311 -- reproducible faults, not security
        self.store = JobStore(self.config, self.clock, self.rng)
        self.stats = Stats()
        self._fetch_transport = fetch_transport
        self.content = ContentSource(
            self.config.fetch_mode, self.config.result_size, fetch_transport
        )
        self.webhooks = WebhookDispatcher(
            self.clock, self.rng, lambda: self.config.faults, transport=webhook_transport
        )
        from scrapejobs_emulator.providers import build_providers

        self.providers = build_providers(self)
        self._background: set[asyncio.Task[None]] = set()
        self.app = self._build_app()

    # -- configuration ----------------------------------------------------------------------

    def configure(self, config: EmulatorConfig) -> None:
        """Replace the configuration (jobs and webhooks already queued keep their plans)."""
        self.config = config
        self.store.config = config
        self.rng.seed(config.seed)
        self.content = ContentSource(config.fetch_mode, config.result_size, self._fetch_transport)

    def reset(self) -> None:
        """Forget all jobs, webhooks and statistics; keep the configuration."""
        self.store.clear()
        self.webhooks.clear()
        self.stats.clear()
        self.rng.seed(self.config.seed)
        for provider in self.providers.values():
            provider.reset()

    # -- time -------------------------------------------------------------------------------

    def tick(self) -> None:
        """Finish every job whose time has come (queues their webhooks)."""
        self.store.tick()

    async def deliver_webhooks(self) -> int:
        """Progress jobs, then attempt every due webhook once; return the attempts made."""
        self.tick()
        return len(await self.webhooks.deliver_due())

    def next_event_at(self) -> float | None:
        """Return the clock time of the next thing that happens by itself, or None.

        That is a job finishing or a webhook attempt falling due; for drivers of a manual clock.
        """
        times = [
            t for t in (self.store.next_finish_at(), self.webhooks.next_due_at()) if t is not None
        ]
        return min(times) if times else None

    async def run_background(self, interval: float = 0.05) -> None:
        """Deliver webhooks and finish jobs forever, every ``interval`` real seconds."""
        while True:
            await self.deliver_webhooks()
            await asyncio.sleep(interval)

    # -- documents --------------------------------------------------------------------------

    def schema_errors(self, provider: str, component: str, data: Any) -> list[SchemaError]:
        """Return how ``data`` breaks ``provider``'s component schema (best match first)."""
        validator = _validator(provider, component)
        found = sorted(validator.iter_errors(data), key=relevance)
        return [_explain(error) for error in found[:5]]

    def spec_document(self, provider: str) -> dict[str, Any]:
        """Return ``provider``'s OpenAPI document with its server set to this emulator's mount."""
        document = dict(_spec(provider))
        document["servers"] = [
            {"url": f"/{provider}", "description": "scrapejobs emulator"},
            *document.get("servers", []),
        ]
        return document

    # -- ASGI ---------------------------------------------------------------------------------

    def _build_app(self) -> Starlette:
        from scrapejobs_emulator.control import control_app
        from scrapejobs_emulator.faults import ProviderMiddleware

        prefixes: dict[str, ASGIApp] = {
            name: ProviderMiddleware(provider.app(), provider, self)
            for name, provider in self.providers.items()
        }
        prefixes["_emulator"] = control_app(self)
        # Starlette's Mount matches with ``.*``, which stops at a newline in a path; dispatch on
        # the first path segment instead so every request reaches its provider's envelope.
        return Starlette(routes=[PrefixDispatch(prefixes)])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the emulator as an ASGI app."""
        await self.app(scope, receive, send)
