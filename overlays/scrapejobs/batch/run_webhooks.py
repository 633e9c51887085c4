"""Webhook settings of a batch run: where providers call back, and how deliveries are verified.

A run that waits by webhook puts its receiver's URL (and a per-run secret) into every
submission, and verifies each delivery with that provider's scheme
(:mod:`scrapejobs.webhooks`). The secret is added when a request is sent, never stored in the
ledger, and hidden from reprs. The ledger keeps the receiver's base URL each submission was
sent with, and :func:`run_secret` derives the secret from the credential and the ledger's run
id, so a resumed run resends an interrupted submission byte for byte (a provider that honours
idempotency keys refuses a key reused with another body).
"""

from __future__ import annotations

import base64
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import attrs

from scrapejobs.webhooks import (
    DecodoVerifier,
    ScrapedoVerifier,
    ScraperApiVerifier,
    ScrapingProsVerifier,
    ScrapioVerifier,
    WebhookVerifier,
)

SECRET_HEADER = "X-Scrapejobs-Secret"  # noqa: S105 -- a header name, not a secret
"""The header Scrape.do sends back with each delivery (from the job's ``WebhookHeaders``)."""
BASIC_USER = "scrapejobs"
"""The user name put into ScraperAPI callback URLs (the secret is the password)."""


def run_secret(token: str, run_id: str) -> str:
    """Return the webhook secret of run ``run_id``: an HMAC-SHA256 of the run id under ``token``.

    The same ledger and credential always give the same secret (so a resumed run's resends carry
    the same body as the first attempt); the credential cannot be recovered from it. Never logs
    or stores either.
    """
    digest = hmac.new(token.encode(), f"scrapejobs webhook secret\n{run_id}".encode(), "sha256")
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


@dataclass(frozen=True)
class RunWebhooks:
    """The receiver's public base URL (``<base_url>/<provider>``) and the run's secrets.

    ``scrapingpros_secret`` is the ScrapingPros account's signing secret (set in its dashboard;
    required for ScrapingPros runs). Every other provider is authenticated with ``secret``, a
    random value made per run unless given.
    """

    base_url: str
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)
    scrapingpros_secret: str | None = field(default=None, repr=False)

    def url(self, provider: str) -> str:
        """Return the callback URL of ``provider`` (without credentials)."""
        return f"{self.base_url.rstrip('/')}/{provider}"

    def apply(self, provider: str, request: Any, *, base_url: str | None = None) -> Any:
        """Return a copy of ``request`` (a generated request model) that asks for a callback.

        ``base_url`` replaces this run's receiver URL (a resend carries the URL its first
        attempt had). Never changes ``request`` itself.

        Raises:
            ValueError: for ScrapingPros without ``scrapingpros_secret``.

        """
        url = self.url(provider) if base_url is None else f"{base_url.rstrip('/')}/{provider}"
        if provider == "decodo":
            return attrs.evolve(request, callback_url=url, passthrough=self.secret)
        if provider == "scrapedo":
            from scrapedo_client.models import WebhookHeaders

            headers = WebhookHeaders()
            headers[SECRET_HEADER] = self.secret
            return attrs.evolve(request, webhook_url=url, webhook_headers=headers)
        if provider == "scrapingpros":
            self._scrapingpros_secret()
            return attrs.evolve(request, callback_url=url)
        if provider == "scraperapi":
            from scraperapi_client.models import Callback

            parts = urlsplit(url)
            netloc = f"{BASIC_USER}:{quote(self.secret, safe='')}@{parts.netloc}"
            with_auth = urlunsplit(parts._replace(netloc=netloc))
            return attrs.evolve(request, callback=Callback(type_="webhook", url=with_auth))
        from scrapio_client.models import Webhook

        return attrs.evolve(request, webhook=Webhook(url=f"{url}?token={self.secret}"))

    def verifier(self, provider: str) -> WebhookVerifier[Any]:
        """Return the verifier that accepts exactly this run's deliveries for ``provider``.

        Raises:
            ValueError: for ScrapingPros without ``scrapingpros_secret``.

        """
        if provider == "decodo":
            return DecodoVerifier(self.secret)
        if provider == "scrapedo":
            return ScrapedoVerifier(SECRET_HEADER, self.secret)
        if provider == "scrapingpros":
            return ScrapingProsVerifier(self._scrapingpros_secret())
        if provider == "scraperapi":
            return ScraperApiVerifier(BASIC_USER, self.secret)
        return ScrapioVerifier(self.secret)

    def _scrapingpros_secret(self) -> str:
        if not self.scrapingpros_secret:
            raise ValueError(
                "ScrapingPros signs webhooks with the account's secret: give it "
                "(SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET) to wait by webhook"
            )
        return self.scrapingpros_secret
