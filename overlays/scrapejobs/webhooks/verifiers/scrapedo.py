"""Scrape.do ``taskFinished`` webhooks, authenticated by one of the job's ``WebhookHeaders``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from scrapedo_client.models import TaskWebhook

from scrapejobs.webhooks.payloads import MAX_BODY_BYTES, check_size, typed_payload
from scrapejobs.webhooks.verifiers.base import check_limit, check_secret, equal, header, reject


class ScrapedoVerifier:
    """Scrape.do ``taskFinished`` webhooks, authenticated by one of the job's ``WebhookHeaders``.

    Scrape.do signs nothing; it sends the static ``WebhookHeaders`` given on job creation with
    every delivery. Put a secret header there (e.g. ``{"X-Webhook-Secret": "..."}``) and give
    the same name and value here.
    """

    provider: Final = "scrapedo"

    def __init__(
        self, header_name: str, header_value: str, *, max_body_bytes: int = MAX_BODY_BYTES
    ) -> None:
        """Expect header ``header_name`` (any case) with value ``header_value`` (exact).

        Raises:
            ValueError: for an empty name or value, or a non-positive limit.

        """
        self.header_name = check_secret("header_name", header_name)
        self._header_value = check_secret("header_value", header_value)
        self.max_body_bytes = check_limit(max_body_bytes)

    def __repr__(self) -> str:
        return (
            f"ScrapedoVerifier(header_name={self.header_name!r}, "
            f"max_body_bytes={self.max_body_bytes})"
        )

    def verify(
        self, body: bytes, headers: Mapping[str, str], url: str | None = None
    ) -> TaskWebhook:
        """Return the ``TaskWebhook`` of a delivery that carries the expected header.

        ``url`` is not used. Order: size, header (constant-time compare), JSON, model.

        Raises:
            WebhookBodyTooLargeError: body over the limit.
            WebhookVerificationError: header absent (``missing_header``) or different
                (``header_mismatch``); the message names the header, never its value.
            WebhookPayloadError: not a JSON object, or not a ``TaskWebhook``.

        """
        check_size(self.provider, body, self.max_body_bytes)
        received = header(headers, self.header_name)
        if received is None:
            raise reject(self.provider, "missing_header", f"header {self.header_name} is missing")
        if not equal(received, self._header_value):
            raise reject(
                self.provider, "header_mismatch", f"header {self.header_name} has the wrong value"
            )
        return typed_payload(self.provider, TaskWebhook, body)
