"""One exception family for all providers.

Every error names its provider; an HTTP error also carries the status code, the provider's own
error code and message, and the request id where the provider gives one. Messages are built from
the provider's answer, truncated, and never contain a credential: :func:`error_from_response`
redacts any secret it is given.
"""

from __future__ import annotations

import datetime
import email.utils
import json
from collections.abc import Iterable, Mapping
from typing import Any

MAX_MESSAGE = 300


class ScrapejobsError(Exception):
    """Base of every scrapejobs error."""

    def __init__(self, message: str, *, provider: str | None = None) -> None:
        super().__init__(message)
        self.provider = provider


class ProviderError(ScrapejobsError):
    """The provider answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        status_code: int,
        code: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, provider=provider)
        self.status_code = status_code
        self.code = code
        self.request_id = request_id

    def __str__(self) -> str:
        parts = [f"{self.provider} answered {self.status_code}"]
        if self.code:
            parts.append(f"[{self.code}]")
        parts.append(self.args[0] if self.args else "")
        if self.request_id:
            parts.append(f"(request id {self.request_id})")
        return " ".join(part for part in parts if part)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(provider={self.provider!r}, status_code={self.status_code}, "
            f"code={self.code!r}, request_id={self.request_id!r})"
        )


class InvalidRequestError(ProviderError):
    """400/422: the provider refused the request's content."""


class AuthenticationError(ProviderError):
    """401: the credential is missing or wrong."""


class PermissionDeniedError(ProviderError):
    """403: the account may not do this (no credits left, plan limit, cost cap, proxy country)."""


class NotFoundError(ProviderError):
    """404/410: no such job for this account, or its result is gone."""


class ConflictError(ProviderError):
    """409: the job is not ready, or an idempotency key was reused with another body."""


class RateLimitedError(ProviderError):
    """429: too many requests; ``retry_after`` is the provider's hint in seconds, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ProviderError):
    """5xx: the provider failed; ``retry_after`` is its hint in seconds, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ProviderRuleError(ScrapejobsError, ValueError):
    """A request breaks a provider rule, caught before anything is sent."""

    def __init__(self, *, provider: str, field: str, rule: str) -> None:
        super().__init__(f"{provider}: {field}: {rule}", provider=provider)
        self.field = field
        self.rule = rule


class WebhookVerificationError(ScrapejobsError):
    """A webhook delivery was rejected: not authentic, too large, or not the provider's payload.

    ``reason`` is a short machine-readable code (``signature_mismatch``, ``stale_timestamp``,
    ``body_too_large``, ``malformed_json``, ...). The message says why in words; neither ever
    contains the expected secret or the credential that was received.
    """

    def __init__(self, message: str, *, provider: str, reason: str) -> None:
        super().__init__(f"{provider} webhook rejected: {message}", provider=provider)
        self.reason = reason

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, reason={self.reason!r})"


class WebhookPayloadError(WebhookVerificationError):
    """The webhook body is not JSON, or not the provider's documented payload (HTTP 400)."""


class WebhookBodyTooLargeError(WebhookPayloadError):
    """The webhook body is larger than the configured limit; it was not parsed (HTTP 413)."""


def retry_after_seconds(value: str | None, *, now: datetime.datetime | None = None) -> float | None:
    """Return a ``Retry-After`` header as seconds (delta or HTTP date), or None if absent/bad.

    Never negative; never raises.
    """
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    reference = now or datetime.datetime.now(datetime.UTC)
    return max(0.0, (when - reference).total_seconds())


def _envelope(provider: str, body: Any) -> tuple[str | None, str | None, str | None]:
    """Return ``(code, message, request_id)`` read from ``provider``'s error envelope."""
    if not isinstance(body, dict):
        return None, None, None
    if provider == "scrapio":
        error = body.get("error")
        if isinstance(error, dict):
            return (
                _text(error.get("code")),
                _text(error.get("message")),
                _text(body.get("request_id")),
            )
    if provider == "scrapedo":
        return None, _text(body.get("Error")), None
    if provider == "scrapingpros":
        detail = body.get("detail")
        if isinstance(detail, dict):
            return _text(detail.get("error_code")), _text(detail.get("message")), None
        if isinstance(detail, list) and detail:
            first = detail[0]
            if isinstance(first, dict):
                where = ".".join(str(part) for part in first.get("loc", []))
                return "validation_error", f"{where}: {first.get('msg')}", None
        return None, _text(detail) or _text(body.get("message")), None
    if provider == "scraperapi":
        return None, _text(body.get("error")), None
    # Decodo
    return _text(body.get("status")), _text(body.get("message")), None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    return text


def error_from_response(
    provider: str,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    secrets: Iterable[str] = (),
) -> ProviderError:
    """Return the typed error for an error answer, read from the provider's envelope.

    The message is the provider's own (or the raw body when it is not the documented envelope),
    truncated to 300 characters, with every value of ``secrets`` replaced by ``[redacted]``.
    Never raises.
    """
    try:
        body: Any = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError):
        body = None
    code, message, request_id = _envelope(provider, body)
    if message is None:
        message = content.decode("utf-8", "replace").strip() or f"HTTP {status_code}"
    secret_list = list(secrets)
    message = _redact(message, secret_list)[:MAX_MESSAGE]
    request_id = request_id or headers.get("x-request-id")
    common: dict[str, Any] = {
        "provider": provider,
        "status_code": status_code,
        "code": code,
        "request_id": request_id,
    }
    retry_after = retry_after_seconds(headers.get("retry-after"))
    if status_code == 429:
        return RateLimitedError(message, retry_after=retry_after, **common)
    if status_code >= 500:
        return ServerError(message, retry_after=retry_after, **common)
    kinds: dict[int, type[ProviderError]] = {
        400: InvalidRequestError,
        422: InvalidRequestError,
        401: AuthenticationError,
        403: PermissionDeniedError,
        404: NotFoundError,
        410: NotFoundError,
        409: ConflictError,
    }
    return kinds.get(status_code, ProviderError)(message, **common)


class SubmissionUncertainError(ScrapejobsError):
    """A submission may or may not have created a (paid) job, and retrying could create another.

    Raised instead of retrying when a request without an idempotency key may have reached the
    provider (timeout after sending, dropped connection, 5xx). ``reason`` says what happened;
    ``idempotency_key`` is the key that was sent, if any. Check the provider's job listing, or
    resubmit knowingly.
    """

    def __init__(self, *, provider: str, reason: str, idempotency_key: str | None = None) -> None:
        super().__init__(
            f"{provider}: the submission may have created a job ({reason}); it was not retried "
            "because that could create a second, paid job",
            provider=provider,
        )
        self.reason = reason
        self.idempotency_key = idempotency_key


class JobFailedError(ScrapejobsError):
    """A job ended failed (or cancelled); ``reason`` is the provider's, when it gives one."""

    def __init__(self, *, provider: str, job: str, state: str, reason: str | None) -> None:
        detail = f": {reason}" if reason else ""
        super().__init__(f"{provider} job {job} ended {state}{detail}", provider=provider)
        self.job = job
        self.state = state
        self.reason = reason


class JobTimeoutError(ScrapejobsError, TimeoutError):
    """The deadline passed before every job finished.

    ``job_ids`` lists the unfinished ones, so the caller can wait for them again later (their
    results are kept by the provider).
    """

    def __init__(self, *, provider: str, job_ids: tuple[str, ...], waited: float) -> None:
        super().__init__(
            f"{provider}: {len(job_ids)} job(s) unfinished after {waited:.1f}s: "
            + ", ".join(job_ids[:10])
            + (" …" if len(job_ids) > 10 else ""),
            provider=provider,
        )
        self.job_ids = job_ids
        self.waited = waited
