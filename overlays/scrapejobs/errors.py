"""One exception family for all providers.

Every error names its provider; an HTTP error also carries the status code, the provider's own
error code and message, and the request id where the provider gives one. Messages are built from
the provider's answer, truncated, and never contain a credential: :func:`error_from_response`
redacts every secret it is given (and any run of 8 or more of its characters, such as an echoed
prefix) from every field it fills: code, message, request id and body excerpt.

An answer the provider's spec does not describe (an HTML 503 from a load balancer, an empty 401,
a 200 with a body that is not the documented JSON, a 201 where 200 is documented) is still a
typed :class:`ProviderError`: 429 and 5xx become :class:`RateLimitedError`/:class:`ServerError`
whatever their body, documented error statuses their usual class, and anything else an
:class:`UnexpectedResponseError` with the raw status and a short redacted excerpt of the body.
"""

from __future__ import annotations

import datetime
import email.utils
import json
from collections.abc import Iterable, Mapping
from typing import Any

MAX_MESSAGE = 300
"""The longest message or body excerpt an error carries (characters)."""
MIN_SECRET_RUN = 8
"""Echoed runs of a secret at least this long (e.g. its first 8 characters) are redacted too."""
REDACTED = "[redacted]"


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
        excerpt: str | None = None,
    ) -> None:
        super().__init__(message, provider=provider)
        self.status_code = status_code
        self.code = code
        self.request_id = request_id
        self.excerpt = excerpt
        """At most 300 characters of the raw body (redacted), when the answer was not understood."""

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


class UnexpectedResponseError(ProviderError):
    """An answer the provider's spec does not describe for this call.

    An undocumented status (e.g. 201 or 299 where 200 is documented, a 3xx, a 418), or a
    documented success whose body is not the documented JSON (invalid UTF-8, HTML, the wrong
    shape). ``status_code`` is the raw status; ``excerpt`` at most 300 characters of the body,
    redacted. Never retried as a read (the provider did answer); a submission answered with an
    unexpected 2xx is reported as :class:`SubmissionUncertainError` by :mod:`scrapejobs.retries`
    (the job may exist), never as a refusal.
    """

    @property
    def success_status(self) -> bool:
        """Return True for a 2xx status: the provider may have done what was asked."""
        return 200 <= self.status_code < 300


class RedirectRefusedError(UnexpectedResponseError):
    """The provider answered with a redirect to another origin (scheme, host or port).

    It is never followed: the credential (a header, or ScraperAPI's ``apiKey`` in the body) is
    sent only to the configured base URL. A same-origin redirect is followed when the client was
    built with ``follow_redirects=True``.
    """


_REFUSALS: dict[int, type[ProviderError]] = {
    400: InvalidRequestError,
    422: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    410: NotFoundError,
    409: ConflictError,
}
"""The error class of each refusal status with one of its own (other 4xx: ProviderError)."""


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


def redact(text: str, secrets: Iterable[str]) -> str:
    """Return ``text`` with every secret, and every run of 8+ characters of one, replaced.

    A secret shorter than 8 characters is replaced where it occurs whole. For longer ones every
    stretch of ``text`` made of overlapping 8-character pieces of the secret (an echoed prefix,
    suffix or the whole secret) becomes ``[redacted]``; this may redact a little more than the
    echo, never less. Never raises.
    """
    secret_list = [secret for secret in secrets if secret]
    if not secret_list or not text:
        return text
    covered = bytearray(len(text))
    for secret in secret_list:
        if len(secret) < MIN_SECRET_RUN:
            start = text.find(secret)
            while start >= 0:
                covered[start : start + len(secret)] = b"\x01" * len(secret)
                start = text.find(secret, start + 1)
            continue
        pieces = {secret[i : i + MIN_SECRET_RUN] for i in range(len(secret) - MIN_SECRET_RUN + 1)}
        for i in range(len(text) - MIN_SECRET_RUN + 1):
            if text[i : i + MIN_SECRET_RUN] in pieces:
                covered[i : i + MIN_SECRET_RUN] = b"\x01" * MIN_SECRET_RUN
    if not any(covered):
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        if covered[i]:
            while i < len(text) and covered[i]:
                i += 1
            out.append(REDACTED)
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _clean(value: str | None, secrets: list[str], limit: int = MAX_MESSAGE) -> str | None:
    """Return ``value`` redacted and cut to ``limit`` characters (None stays None)."""
    if value is None:
        return None
    # Cut generously before redacting (bounded work), and again after (bounded output).
    return redact(value[: limit * 4], secrets)[:limit]


def body_excerpt(content: bytes, secrets: Iterable[str]) -> str:
    """Return at most 300 characters of ``content`` as text (undecodable bytes replaced), redacted.

    Never raises; never contains a secret or an 8+ character run of one.
    """
    text = content[: MAX_MESSAGE * 4].decode("utf-8", "replace").strip()
    return _clean(text, list(secrets)) or ""


def _read_envelope(provider: str, content: bytes) -> tuple[str | None, str | None, str | None]:
    """Return ``(code, message, request_id)`` from the provider's error envelope in ``content``.

    Each is None where the body is not JSON, not the documented envelope or lacks the field.
    Never raises.
    """
    try:
        body: Any = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        body = None
    try:
        return _envelope(provider, body)
    except Exception:
        return None, None, None


def error_from_response(
    provider: str,
    status_code: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    secrets: Iterable[str] = (),
    not_understood: str | None = None,
) -> ProviderError:
    """Return the typed error for an answer, read from the provider's envelope when there is one.

    429 is :class:`RateLimitedError` and 5xx :class:`ServerError` whatever the body; 400/422,
    401, 403, 404/410 and 409 their classes, another 4xx :class:`ProviderError`; any other status
    (1xx, 2xx, 3xx) :class:`UnexpectedResponseError`.
    ``not_understood`` (why a body could not be parsed, e.g. ``"JSONDecodeError"``) makes a
    status that would otherwise be a success an :class:`UnexpectedResponseError` too.

    The message is the provider's own (or the raw body when it is not the documented envelope),
    truncated to 300 characters; message, code, request id and excerpt have every value of
    ``secrets`` (and 8+ character runs of it) replaced by ``[redacted]``. Never raises.
    """
    code, message, request_id = _read_envelope(provider, content)
    secret_list = list(secrets)
    excerpt = body_excerpt(content, secret_list)
    if message is None:
        message = excerpt or f"HTTP {status_code}"
    request_id = request_id or headers.get("x-request-id")
    common: dict[str, Any] = {
        "provider": provider,
        "status_code": status_code,
        "code": _clean(code, secret_list, 100),
        "request_id": _clean(request_id, secret_list, 100),
        "excerpt": excerpt,
    }
    message = _clean(message, secret_list) or f"HTTP {status_code}"
    retry_after = retry_after_seconds(headers.get("retry-after"))
    if status_code == 429:
        return RateLimitedError(message, retry_after=retry_after, **common)
    if status_code >= 500:
        return ServerError(message, retry_after=retry_after, **common)
    kind = _REFUSALS.get(status_code)
    if kind is not None:
        return kind(message, **common)
    if 400 <= status_code < 500 and not not_understood:
        return ProviderError(message, **common)  # another refusal (e.g. Scrape.do's 406)
    why = f"body not understood ({not_understood})" if not_understood else "undocumented status"
    return UnexpectedResponseError(
        f"unexpected answer, {why}: {excerpt or '(empty body)'}", **common
    )


class SubmissionUncertainError(ScrapejobsError):
    """A submission may or may not have created a (paid) job, and retrying could create another.

    Raised instead of retrying when a request without an idempotency key may have reached the
    provider (timeout after sending, dropped connection, 5xx), and when every attempt of a
    submission with a key failed that way (resending with the same key stays safe; the batch
    runner does so within its run and on resume). ``reason`` says what happened;
    ``idempotency_key`` is the key that was sent, if any. Check the provider's job listing, or
    resubmit knowingly.
    """

    def __init__(self, *, provider: str, reason: str, idempotency_key: str | None = None) -> None:
        tail = (
            "every attempt with its idempotency key failed; resending with the same key is safe"
            if idempotency_key
            else "it was not retried because that could create a second, paid job"
        )
        super().__init__(
            f"{provider}: the submission may have created a job ({reason}); {tail}",
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
