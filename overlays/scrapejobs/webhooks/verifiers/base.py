"""What every verifier offers (the receiver needs only this) and the checks they share.

Secrets are compared in constant time; rejections are :class:`WebhookVerificationError` with a
machine-readable ``reason`` and a message that never holds a secret or a received credential.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Protocol, TypeVar

from scrapejobs.errors import WebhookVerificationError

T_co = TypeVar("T_co", covariant=True)


class WebhookVerifier(Protocol[T_co]):
    """What every verifier offers; the receiver only needs this."""

    @property
    def provider(self) -> str:
        """The provider name (``decodo``, ``scrapedo``, ...)."""
        ...

    @property
    def max_body_bytes(self) -> int:
        """The largest body accepted, in bytes."""
        ...

    def verify(self, body: bytes, headers: Mapping[str, str], url: str | None = None) -> T_co:
        """Return the typed payload of an authentic delivery; raise WebhookVerificationError."""
        ...


def equal(received: str, expected: str) -> bool:
    """Return whether two strings are equal, compared in constant time.

    Compared as UTF-8 bytes (surrogates passed through), so any character is allowed; never raises.
    """
    return hmac.compare_digest(
        received.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


def header(headers: Mapping[str, str], name: str) -> str | None:
    """Return header ``name`` from any mapping, looked up case-insensitively, or None."""
    value = headers.get(name)
    if value is not None:
        return value
    wanted = name.lower()
    for key, found in headers.items():
        if key.lower() == wanted:
            return found
    return None


def reject(provider: str, reason: str, message: str) -> WebhookVerificationError:
    """Return (not raise) the verification error for ``provider`` with ``reason`` and ``message``."""
    return WebhookVerificationError(message, provider=provider, reason=reason)


def check_limit(value: int) -> int:
    """Return ``value``, a body size limit; raise ValueError unless it is positive."""
    if value <= 0:
        raise ValueError("max_body_bytes must be positive")
    return value


def check_secret(name: str, value: str) -> str:
    """Return ``value``, a configured secret called ``name``; raise ValueError when empty.

    The message names the setting, never its value.
    """
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value
