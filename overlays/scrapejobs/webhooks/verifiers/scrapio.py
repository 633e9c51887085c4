"""Scrapio ``jobCompleted`` webhooks, authenticated by a token in the webhook URL's query."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from urllib.parse import parse_qs, urlsplit

from scrapio_client.models import JobWebhookEvent

from scrapejobs.webhooks.payloads import MAX_BODY_BYTES, check_size, typed_payload
from scrapejobs.webhooks.verifiers.base import check_limit, check_secret, equal, reject


class ScrapioVerifier:
    """Scrapio ``jobCompleted`` webhooks, authenticated by a token in the webhook URL's query.

    Scrapio documents NO signature or header for job webhooks (specs/README.md, Scrapio OPEN
    points), so the only secret a receiver can check is one the user puts into ``webhook.url``
    itself, e.g. ``https://hooks.example/scrapio?token=<secret>``. This verifier therefore needs
    the full request URL (or just its query string) and the expected token. Anyone who learns
    that URL can forge deliveries: serve it over HTTPS and keep it out of logs.
    """

    provider: Final = "scrapio"

    def __init__(
        self, token: str, *, param: str = "token", max_body_bytes: int = MAX_BODY_BYTES
    ) -> None:
        """Expect query parameter ``param`` (default ``token``) equal to ``token``.

        Raises:
            ValueError: for an empty token or parameter name, or a non-positive limit.

        """
        self._token = check_secret("token", token)
        self.param = check_secret("param", param)
        self.max_body_bytes = check_limit(max_body_bytes)

    def __repr__(self) -> str:
        return f"ScrapioVerifier(param={self.param!r}, max_body_bytes={self.max_body_bytes})"

    def verify(
        self, body: bytes, headers: Mapping[str, str], url: str | None = None
    ) -> JobWebhookEvent:
        """Return the ``JobWebhookEvent`` of a delivery whose URL carries the expected token.

        ``url`` is the request URL as received (``https://host/path?token=...``) or only its
        query string (``token=...`` or ``?token=...``); ``headers`` are not used. The parameter
        must appear exactly once. Order: size, token (constant-time), JSON, model.

        Raises:
            WebhookBodyTooLargeError: body over the limit.
            WebhookVerificationError: no URL given or parameter absent (``missing_token``),
                given more than once (``ambiguous_token``) or different (``token_mismatch``).
            WebhookPayloadError: not a JSON object, or not a ``JobWebhookEvent``.

        """
        check_size(self.provider, body, self.max_body_bytes)
        if url is None:
            raise reject(self.provider, "missing_token", "no request URL given to verify")
        query = urlsplit(url).query if "://" in url or url.startswith("/") else url
        values = parse_qs(query.removeprefix("?"), keep_blank_values=True).get(self.param, [])
        if not values:
            raise reject(self.provider, "missing_token", f"query parameter {self.param} is missing")
        if len(values) > 1:
            raise reject(
                self.provider, "ambiguous_token", f"query parameter {self.param} is repeated"
            )
        if not equal(values[0], self._token):
            raise reject(
                self.provider, "token_mismatch", f"query parameter {self.param} does not match"
            )
        return typed_payload(self.provider, JobWebhookEvent, body)
