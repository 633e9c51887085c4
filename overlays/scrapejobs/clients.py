"""Build a generated client that authenticates the way its provider expects.

Each provider puts its credential somewhere else: Decodo in ``Authorization: Basic <token>``,
Scrape.do in ``X-Token``, ScrapingPros and Scrapio in ``Authorization: Bearer <token>``, and
ScraperAPI in the ``apiKey`` field of each JSON request body. The generated clients cannot know
this (openapi-python-client does not configure auth from the spec), so this module holds that
knowledge in one table.

Every client made here also has a timeout by default (60 s: connect within 10 s, each read and
write within 60 s, and the whole request, answer body included, within 60 s even when the server
trickles), and never sends its credential to another origin: a redirect elsewhere raises
:class:`~scrapejobs.errors.RedirectRefusedError` (see :mod:`scrapejobs.answers`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final, Literal, overload

import decodo_client
import httpx
import scrapedo_client
import scraperapi_client
import scrapingpros_client
import scrapio_client

from scrapejobs.answers import WireGuard, with_guard
from scrapejobs.transport import BoundedTransport, DeadlineTransport

Provider = Literal["decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio"]
PROVIDERS: Final[tuple[Provider, ...]] = (
    "decodo",
    "scrapedo",
    "scrapingpros",
    "scraperapi",
    "scrapio",
)


@dataclass(frozen=True)
class CredentialPlacement:
    """Where a provider expects its credential on the wire."""

    header: str | None
    """Header that carries the token, or None when the token travels in the request body."""
    prefix: str
    """Text before the token in that header (``""`` for none)."""
    base_url: str
    """The provider's production base URL."""


PLACEMENTS: Final[dict[Provider, CredentialPlacement]] = {
    "decodo": CredentialPlacement("Authorization", "Basic", "https://scraper-api.decodo.com"),
    "scrapedo": CredentialPlacement("X-Token", "", "https://q.scrape.do"),
    "scrapingpros": CredentialPlacement("Authorization", "Bearer", "https://api.scrapingpros.com"),
    "scraperapi": CredentialPlacement(None, "", "https://async.scraperapi.com"),
    "scrapio": CredentialPlacement("Authorization", "Bearer", "https://api.scrapio.dev"),
}


class UnknownProviderError(ValueError):
    """Raised for a provider name that scrapejobs does not support."""

    def __init__(self, provider: str) -> None:
        super().__init__(f"unknown provider {provider!r}; expected one of: {', '.join(PROVIDERS)}")
        self.provider = provider


DEFAULT_TIMEOUT: Final = 60.0
"""Seconds one request may take by default, answer body included."""
MAX_CONNECT_TIMEOUT: Final = 10.0
"""The connect phase never waits longer than this (or the whole timeout, when shorter)."""

Timeout = float | httpx.Timeout | None
"""A request timeout: total seconds, an ``httpx.Timeout``, or None for none at all."""

# httpx_args that configure httpx's default transport (used when no transport is given).
_TRANSPORT_ARGS = ("verify", "cert", "trust_env", "http1", "http2", "limits")


def request_timeouts(timeout: Timeout) -> tuple[httpx.Timeout, float | None]:
    """Return the httpx per-phase timeout and the total deadline (seconds) for ``timeout``.

    A number ``t`` means: connect within ``min(10, t)``, each read, write and pool wait within
    ``t``, and the whole request within ``t``. An ``httpx.Timeout`` is used as given, with its
    largest phase value as the total. None means no timeout at all.

    Raises:
        ValueError: for a number that is not finite and positive.

    """
    if timeout is None:
        return httpx.Timeout(None), None
    if isinstance(timeout, httpx.Timeout):
        phases = [timeout.connect, timeout.read, timeout.write, timeout.pool]
        known = [value for value in phases if value is not None]
        return timeout, max(known) if known else None
    seconds = float(timeout)
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    return httpx.Timeout(seconds, connect=min(MAX_CONNECT_TIMEOUT, seconds)), seconds


def _guarded_httpx_args(
    provider: str, url: str, total: float | None, httpx_args: dict[str, Any] | None
) -> dict[str, Any]:
    """Return ``httpx_args`` with the wire guard's hooks and a transport enforcing ``total``."""
    args = dict(httpx_args or {})
    args["event_hooks"] = with_guard(
        args.get("event_hooks"), WireGuard(provider, url, total_timeout=total)
    )
    transport = args.get("transport")
    if isinstance(transport, BoundedTransport | DeadlineTransport):
        return args  # it enforces the deadline itself
    if transport is None:
        transport_kwargs = {key: args.pop(key) for key in _TRANSPORT_ARGS if key in args}
        args["transport"] = DeadlineTransport(**transport_kwargs)
        return args
    async_inner = transport if isinstance(transport, httpx.AsyncBaseTransport) else None
    sync_inner = transport if isinstance(transport, httpx.BaseTransport) else None
    args["transport"] = DeadlineTransport(async_inner, sync_inner)
    return args


@overload
def authenticated_client(
    provider: Literal["decodo"], token: str, *, base_url: str | None = ..., **kwargs: Any
) -> decodo_client.AuthenticatedClient: ...
@overload
def authenticated_client(
    provider: Literal["scrapedo"], token: str, *, base_url: str | None = ..., **kwargs: Any
) -> scrapedo_client.AuthenticatedClient: ...
@overload
def authenticated_client(
    provider: Literal["scrapingpros"], token: str, *, base_url: str | None = ..., **kwargs: Any
) -> scrapingpros_client.AuthenticatedClient: ...
@overload
def authenticated_client(
    provider: Literal["scraperapi"], token: str, *, base_url: str | None = ..., **kwargs: Any
) -> scraperapi_client.Client: ...
@overload
def authenticated_client(
    provider: Literal["scrapio"], token: str, *, base_url: str | None = ..., **kwargs: Any
) -> scrapio_client.AuthenticatedClient: ...
def authenticated_client(
    provider: str,
    token: str,
    *,
    base_url: str | None = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
    **kwargs: Any,
) -> Any:
    """Return the provider's generated client, set up to send ``token`` where the provider wants it.

    ``kwargs`` go to the generated client's constructor (``httpx_args`` with a ``transport`` or
    ``event_hooks``, ``follow_redirects``, ...). ``base_url`` defaults to the provider's
    production URL. ``timeout`` bounds each request (see :func:`request_timeouts`; default 60 s,
    answer body included, so a trickling server cannot stretch it); a request past it raises
    ``httpx.ReadTimeout`` (or ``ConnectTimeout`` when it never connected).

    A redirect to another origin is never followed: the generated call raises
    :class:`~scrapejobs.errors.RedirectRefusedError` instead, so the credential only ever goes to
    ``base_url``'s origin (same-origin redirects are followed with ``follow_redirects=True``).

    For ScraperAPI the result is a plain ``scraperapi_client.Client``: its credential travels in
    each request body (``apiKey``), so the token is not attached here.

    Raises:
        UnknownProviderError: for a provider name not in :data:`PROVIDERS`.
        ValueError: for a ``timeout`` that is not a positive number of seconds.

    Never logs or stores the token anywhere but the client, whose repr hides it.

    """
    if provider not in PLACEMENTS:
        raise UnknownProviderError(provider)
    placement = PLACEMENTS[provider]
    url = base_url or placement.base_url
    phases, total = request_timeouts(timeout)
    kwargs["timeout"] = phases
    kwargs["httpx_args"] = _guarded_httpx_args(provider, url, total, kwargs.get("httpx_args"))
    if provider == "scraperapi":
        return scraperapi_client.Client(base_url=url, **kwargs)
    module = {
        "decodo": decodo_client,
        "scrapedo": scrapedo_client,
        "scrapingpros": scrapingpros_client,
        "scrapio": scrapio_client,
    }[provider]
    return module.AuthenticatedClient(
        base_url=url,
        token=token,
        prefix=placement.prefix,
        auth_header_name=placement.header or "Authorization",
        **kwargs,
    )
