"""Errors a provider answers with, in its own envelope; raised by provider backends and routes alike.

No HTTP here: :class:`~scrapejobs_emulator.provider.ProviderApp` renders a :class:`ProviderError`
in the provider's envelope, and the server cuts the connection on :class:`ConnectionDropped`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ProviderError(Exception):
    """An error answer: HTTP status, message, and the provider's own code where it has one."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
        details: Any = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = dict(headers or {})
        self.details = details


class ConnectionDropped(Exception):
    """Raised to drop the client's connection without a (complete) response."""
