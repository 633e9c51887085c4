"""ScraperAPI ``jobFinished`` callbacks, authenticated by basic auth from the callback URL."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Final

from scraperapi_client.models import JobCallback

from scrapejobs.webhooks.payloads import MAX_BODY_BYTES, check_size, typed_payload
from scrapejobs.webhooks.verifiers.base import check_limit, check_secret, equal, header, reject


class ScraperApiVerifier:
    """ScraperAPI ``jobFinished`` callbacks, authenticated by basic auth from the callback URL.

    ScraperAPI signs nothing. Put credentials in the callback URL
    (``https://user:pass@host/path``; percent-encode reserved characters); they arrive as
    ``Authorization: Basic base64(user:pass)``. Give the same (decoded) user and password here.
    """

    provider: Final = "scraperapi"

    def __init__(
        self, username: str, password: str, *, max_body_bytes: int = MAX_BODY_BYTES
    ) -> None:
        """Expect ``username`` and ``password`` (both non-empty).

        Raises:
            ValueError: for an empty username or password, or a non-positive limit.

        """
        self._username = check_secret("username", username)
        self._password = check_secret("password", password)
        self.max_body_bytes = check_limit(max_body_bytes)

    def __repr__(self) -> str:
        return f"ScraperApiVerifier(max_body_bytes={self.max_body_bytes})"

    def verify(
        self, body: bytes, headers: Mapping[str, str], url: str | None = None
    ) -> JobCallback:
        """Return the ``JobCallback`` of a delivery with the expected basic-auth credentials.

        ``url`` is not used. Order: size, ``Authorization`` header, scheme ``Basic``, base64,
        user and password (both compared in constant time, always both), JSON, model.

        Raises:
            WebhookBodyTooLargeError: body over the limit.
            WebhookVerificationError: ``missing_header``, ``not_basic_auth``,
                ``malformed_credentials`` (not base64 of UTF-8 ``user:pass``) or
                ``credentials_mismatch``; never says which part was wrong.
            WebhookPayloadError: not a JSON object, or not a ``JobCallback``.

        """
        check_size(self.provider, body, self.max_body_bytes)
        authorization = header(headers, "Authorization")
        if authorization is None:
            raise reject(self.provider, "missing_header", "header Authorization is missing")
        scheme, _, encoded = authorization.strip().partition(" ")
        if scheme.lower() != "basic":
            raise reject(self.provider, "not_basic_auth", "Authorization is not Basic")
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            raise reject(
                self.provider, "malformed_credentials", "Authorization is not base64 user:pass"
            ) from None
        username, colon, password = decoded.partition(":")
        if not colon:
            raise reject(
                self.provider, "malformed_credentials", "Authorization is not base64 user:pass"
            )
        user_ok = equal(username, self._username)
        password_ok = equal(password, self._password)
        if not (user_ok & password_ok):
            raise reject(
                self.provider, "credentials_mismatch", "basic-auth credentials do not match"
            )
        return typed_payload(self.provider, JobCallback, body)
