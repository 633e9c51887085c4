"""Put a webhook callback on any provider's request, the way that provider wants it.

==============  ===============================================  =================================
provider        what :func:`attach` sets                         verify deliveries with
==============  ===============================================  =================================
Decodo          ``callback_url``; ``passthrough=secret``         ``DecodoVerifier(secret)``
Scrape.do       ``webhook_url``; ``webhook_headers`` with        ``ScrapedoVerifier(
                ``X-Scrapejobs-Secret: secret``                  SECRET_HEADER, secret)``
ScrapingPros    ``callback_url`` (signed with the account's      ``ScrapingProsVerifier(
                signing secret: ``secret`` must be None)         signing_secret)``
ScraperAPI      ``callback=Callback(type_="webhook", url=…)``    ``ScraperApiVerifier(
                with ``scrapejobs:secret@`` in the URL           BASIC_USER, secret)``
Scrapio         ``webhook=Webhook(url=…?token=secret)``          ``ScrapioVerifier(secret)``
==============  ===============================================  =================================
"""

from __future__ import annotations

from typing import Any, Final, TypeVar
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import attrs

SECRET_HEADER: Final = "X-Scrapejobs-Secret"  # noqa: S105 -- a header name, not a secret
"""The header :func:`attach` adds to Scrape.do's ``WebhookHeaders`` (sent back with each delivery)."""
BASIC_USER: Final = "scrapejobs"
"""The user name :func:`attach` puts into ScraperAPI callback URLs (the secret is the password)."""
TOKEN_PARAM: Final = "token"  # noqa: S105 -- a parameter name
"""The query parameter :func:`attach` adds to Scrapio webhook URLs (``ScrapioVerifier``'s default)."""

R = TypeVar("R")

_FIELDS: Final = {
    "decodo_client": "callback_url",
    "scrapedo_client": "webhook_url",
    "scrapingpros_client": "callback_url",
    "scraperapi_client": "callback",
    "scrapio_client": "webhook",
}


def _provider(request: object) -> str:
    """Return the provider package of ``request``; raise TypeError for any other object."""
    kind: Any = type(request)
    package: str = kind.__module__.partition(".")[0]
    field = _FIELDS.get(package)
    if field is None or not attrs.has(kind) or field not in attrs.fields_dict(kind):
        raise TypeError(
            f"attach() takes a provider's job request with a webhook field "
            f"(e.g. scrapio_client.models.FetchJobRequest), not {type(request).__qualname__}"
        )
    return package


def _check(url: str, secret: str | None) -> None:
    """Return None for an absolute http(s) URL and a non-empty (or no) secret; raise ValueError."""
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("url must be an absolute http:// or https:// URL")
    if secret is not None and (not isinstance(secret, str) or not secret):
        raise ValueError("secret must be a non-empty string (or None)")


def _copy(request: R, **changes: Any) -> R:
    """Return a copy of the attrs ``request`` with ``changes``, its extra properties kept."""
    copied: Any = attrs.evolve(request, **changes)  # type: ignore[misc]
    extra = getattr(request, "additional_properties", None)
    if isinstance(extra, dict):
        copied.additional_properties = dict(extra)
    result: R = copied
    return result


def _scrapedo(request: R, url: str, secret: str | None) -> R:
    from scrapedo_client.models import WebhookHeaders
    from scrapedo_client.types import Unset

    headers = WebhookHeaders()
    current = getattr(request, "webhook_headers", None)
    if current is not None and not isinstance(current, Unset):
        headers.additional_properties = dict(current.additional_properties)
    if secret is not None:
        headers[SECRET_HEADER] = secret
    return _copy(request, webhook_url=url, webhook_headers=headers)


def _scraperapi(request: R, url: str, secret: str | None) -> R:
    from scraperapi_client.models import Callback

    if secret is not None:
        parts = urlsplit(url)
        if parts.username is not None or parts.password is not None:
            raise ValueError("url already holds credentials: give either them or secret")
        netloc = f"{BASIC_USER}:{quote(secret, safe='')}@{parts.netloc}"
        url = urlunsplit(parts._replace(netloc=netloc))
    return _copy(request, callback=Callback(type_="webhook", url=url))


def _scrapio(request: R, url: str, secret: str | None) -> R:
    from scrapio_client.models import Webhook

    if secret is not None:
        parts = urlsplit(url)
        query = urlencode({TOKEN_PARAM: secret})
        url = urlunsplit(parts._replace(query=f"{parts.query}&{query}" if parts.query else query))
    return _copy(request, webhook=Webhook(url=url))


def attach(request: R, url: str, secret: str | None = None) -> R:
    """Return a copy of ``request`` that asks its provider to call ``url`` when the job ends.

    ``request`` is a generated job request of any provider (a Decodo task or batch, Scrape.do
    ``CreateJobRequest``, ScrapingPros ``CreateCollectionRequest``, ScraperAPI ``JobRequest`` or
    ``BatchJobRequest``, a Scrapio ``*JobRequest``). ``secret`` goes where that provider sends
    it back (see the module's table), so the matching verifier accepts exactly these deliveries;
    without it deliveries carry nothing to authenticate them. The caller's object is never
    changed (its other fields, Scrape.do's other ``WebhookHeaders`` and extra properties are
    copied). The secret never appears in a ``repr`` or an error message.

    Raises:
        TypeError: ``request`` is not a provider's job request with a webhook field.
        ValueError: ``url`` is not an absolute http(s) URL; ``secret`` is empty; a ScrapingPros
            request with ``secret`` (ScrapingPros signs with the account's signing secret, which
            is never sent); a ScraperAPI ``url`` that already holds credentials with ``secret``.

    """
    provider = _provider(request)
    _check(url, secret)
    if provider == "decodo_client":
        if secret is None:
            return _copy(request, callback_url=url)
        return _copy(request, callback_url=url, passthrough=secret)
    if provider == "scrapedo_client":
        return _scrapedo(request, url, secret)
    if provider == "scrapingpros_client":
        if secret is not None:
            raise ValueError(
                "ScrapingPros signs deliveries with the account's signing secret, which is not "
                "sent with the request: call attach() without secret and give that secret to "
                "ScrapingProsVerifier"
            )
        return _copy(request, callback_url=url)
    if provider == "scraperapi_client":
        return _scraperapi(request, url, secret)
    return _scrapio(request, url, secret)
