"""Build a generated client that authenticates the way its provider expects.

Each provider puts its credential somewhere else: Decodo in ``Authorization: Basic <token>``,
Scrape.do in ``X-Token``, ScrapingPros and Scrapio in ``Authorization: Bearer <token>``, and
ScraperAPI in the ``apiKey`` field of each JSON request body. The generated clients cannot know
this (openapi-python-client does not configure auth from the spec), so this module holds that
knowledge in one table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, overload

import decodo_client
import scrapedo_client
import scraperapi_client
import scrapingpros_client
import scrapio_client

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
    provider: str, token: str, *, base_url: str | None = None, **kwargs: Any
) -> Any:
    """Return the provider's generated client, set up to send ``token`` where the provider wants it.

    ``kwargs`` go to the generated client's constructor (``timeout``, ``httpx_args`` with a
    ``transport``, ...). ``base_url`` defaults to the provider's production URL.

    For ScraperAPI the result is a plain ``scraperapi_client.Client``: its credential travels in
    each request body (``apiKey``), so the token is not attached here.

    Raises:
        UnknownProviderError: for a provider name not in :data:`PROVIDERS`.

    Never logs or stores the token anywhere but the client, whose repr hides it.

    """
    if provider not in PLACEMENTS:
        raise UnknownProviderError(provider)
    placement = PLACEMENTS[provider]
    url = base_url or placement.base_url
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
