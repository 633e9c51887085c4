"""ScrapingPros ``run.completed`` events: HMAC-SHA256 signature and a timestamp window."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Callable, Mapping
from typing import Final

from scrapingpros_client.models import RunCompletedEvent

from scrapejobs.webhooks.payloads import MAX_BODY_BYTES, check_size, typed_payload
from scrapejobs.webhooks.verifiers.base import check_limit, check_secret, equal, header, reject

SCRAPINGPROS_TOLERANCE: Final = 300.0
"""Default ScrapingPros timestamp tolerance in seconds, both ways."""
_MAX_TIMESTAMP_DIGITS: Final = 12
"""Unix seconds have 10 digits until the year 2286; 12 leaves room and keeps floats exact."""


def scrapingpros_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Return ``sha256=<lowercase hex HMAC-SHA256(secret, f"{timestamp}.{body}")>``.

    This is the ``X-SP-Signature`` value ScrapingPros sends (specs/README.md). Never raises for
    str/bytes input.
    """
    message = timestamp.encode("utf-8") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


class ScrapingProsVerifier:
    """ScrapingPros ``run.completed`` events, signed with HMAC-SHA256 and timestamped.

    ``X-SP-Signature: sha256=<hex HMAC-SHA256(secret, "<X-SP-Timestamp>.<raw body>")>``;
    ``X-SP-Timestamp`` is unix seconds and must lie within ``tolerance`` seconds of ``clock()``
    in both directions (stale deliveries and timestamps from the future are refused).
    """

    provider: Final = "scrapingpros"

    def __init__(
        self,
        secret: str,
        *,
        tolerance: float = SCRAPINGPROS_TOLERANCE,
        clock: Callable[[], float] = time.time,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        """Verify with the webhook signing ``secret``; ``clock`` returns epoch seconds.

        Raises:
            ValueError: for an empty secret, a negative tolerance or a non-positive limit.

        """
        self._secret = check_secret("secret", secret)
        if tolerance < 0:
            raise ValueError("tolerance must not be negative")
        self.tolerance = tolerance
        self.clock = clock
        self.max_body_bytes = check_limit(max_body_bytes)

    def __repr__(self) -> str:
        return (
            f"ScrapingProsVerifier(tolerance={self.tolerance}, "
            f"max_body_bytes={self.max_body_bytes})"
        )

    def verify(
        self, body: bytes, headers: Mapping[str, str], url: str | None = None
    ) -> RunCompletedEvent:
        """Return the ``RunCompletedEvent`` of a correctly signed, fresh delivery.

        ``url`` is not used. Order: size, both headers present, timestamp is an integer,
        signature format, HMAC over the RAW body (constant-time), timestamp window, JSON, model.

        Raises:
            WebhookBodyTooLargeError: body over the limit.
            WebhookVerificationError: ``missing_header``, ``malformed_timestamp``,
                ``malformed_signature``, ``signature_mismatch``, ``stale_timestamp`` (older than
                the tolerance) or ``future_timestamp`` (ahead by more than the tolerance, or
                more than 12 digits).
            WebhookPayloadError: a correctly signed body that is not JSON or not the event.

        """
        check_size(self.provider, body, self.max_body_bytes)
        timestamp, digest = self._signed_headers(headers)
        expected = scrapingpros_signature(self._secret, timestamp, body)
        if not equal("sha256=" + digest.lower(), expected):
            raise reject(self.provider, "signature_mismatch", "X-SP-Signature does not match")
        self._check_fresh(timestamp)
        return typed_payload(self.provider, RunCompletedEvent, body)

    def _signed_headers(self, headers: Mapping[str, str]) -> tuple[str, str]:
        """Return the timestamp (stripped digits) and the hex digest of a well-formed delivery.

        Raises:
            WebhookVerificationError: ``missing_header``, ``malformed_timestamp`` (not ASCII
                digits) or ``malformed_signature`` (not ``sha256=<64 characters>``).

        """
        timestamp = header(headers, "X-SP-Timestamp")
        if timestamp is None:
            raise reject(self.provider, "missing_header", "header X-SP-Timestamp is missing")
        signature = header(headers, "X-SP-Signature")
        if signature is None:
            raise reject(self.provider, "missing_header", "header X-SP-Signature is missing")
        timestamp = timestamp.strip()
        if not (timestamp.isascii() and timestamp.isdigit()):
            raise reject(self.provider, "malformed_timestamp", "X-SP-Timestamp is not unix seconds")
        scheme, _, digest = signature.strip().partition("=")
        if scheme != "sha256" or len(digest) != 64:
            raise reject(
                self.provider,
                "malformed_signature",
                "X-SP-Signature is not sha256=<64 hex digits>",
            )
        return timestamp, digest

    def _check_fresh(self, timestamp: str) -> None:
        """Return None when ``timestamp`` (ASCII digits) lies within the tolerance of ``clock()``.

        Raises:
            WebhookVerificationError: ``stale_timestamp`` (older than the tolerance) or
                ``future_timestamp`` (ahead by more than it, or more than 12 digits).

        """
        digits = timestamp.lstrip("0") or "0"
        if len(digits) > _MAX_TIMESTAMP_DIGITS:  # beyond any clock: refuse before int()/float
            raise reject(
                self.provider,
                "future_timestamp",
                "X-SP-Timestamp is out of range (more than "
                f"{_MAX_TIMESTAMP_DIGITS} digits, tolerance {self.tolerance:g} s)",
            )
        age = self.clock() - int(digits)
        if not math.isfinite(age) or age > self.tolerance:
            raise reject(
                self.provider,
                "stale_timestamp",
                f"X-SP-Timestamp is {age:.0f} s old (tolerance {self.tolerance:g} s)",
            )
        if -age > self.tolerance:
            raise reject(
                self.provider,
                "future_timestamp",
                f"X-SP-Timestamp is {-age:.0f} s in the future (tolerance {self.tolerance:g} s)",
            )
