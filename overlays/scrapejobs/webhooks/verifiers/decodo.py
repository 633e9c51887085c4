"""Decodo ``taskDone`` callbacks, authenticated by the echoed ``passthrough`` string."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from decodo_client.models import TaskCallback

from scrapejobs.webhooks.payloads import (
    MAX_BODY_BYTES,
    check_size,
    identified,
    load_json_object,
    parse_model,
)
from scrapejobs.webhooks.verifiers.base import check_limit, check_secret, equal, reject


class DecodoVerifier:
    """Decodo ``taskDone`` callbacks, authenticated by the echoed ``passthrough``.

    Decodo signs nothing: the task's ``passthrough`` string is echoed at the top level of the
    ``TaskCallback`` payload, so a secret put there on task creation authenticates the callback.
    """

    provider: Final = "decodo"

    def __init__(self, passthrough: str, *, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        """Expect ``passthrough`` (non-empty) in every callback; refuse bodies over the limit.

        Raises:
            ValueError: for an empty ``passthrough`` or a non-positive limit.

        """
        self._passthrough = check_secret("passthrough", passthrough)
        self.max_body_bytes = check_limit(max_body_bytes)

    def __repr__(self) -> str:
        return f"DecodoVerifier(max_body_bytes={self.max_body_bytes})"

    def verify(
        self, body: bytes, headers: Mapping[str, str], url: str | None = None
    ) -> TaskCallback:
        """Return the ``TaskCallback`` of a callback whose ``passthrough`` matches.

        ``headers`` and ``url`` are not used (Decodo sends no credential there). The body is
        size-checked, then decoded, then ``passthrough`` is compared in constant time, then the
        payload is parsed.

        Raises:
            WebhookBodyTooLargeError: body over the limit (``body_too_large``).
            WebhookPayloadError: not a JSON object (checked before authentication, since the
                credential is inside the body), or not a ``TaskCallback`` once authenticated.
            WebhookVerificationError: ``passthrough`` absent or not a string
                (``missing_passthrough``) or different (``passthrough_mismatch``).

        """
        check_size(self.provider, body, self.max_body_bytes)
        data = load_json_object(self.provider, body)
        received = data.get("passthrough")
        if not isinstance(received, str):
            raise reject(self.provider, "missing_passthrough", "payload has no passthrough")
        if not equal(received, self._passthrough):
            raise reject(
                self.provider, "passthrough_mismatch", "passthrough does not match the expected one"
            )
        return identified(self.provider, parse_model(self.provider, TaskCallback, data))
