"""Verify and parse the webhooks of the five providers, framework-agnostic.

Each provider authenticates its webhook differently; one verifier class per provider holds the
expected secret and turns a raw delivery (body bytes, headers, and for Scrapio the request URL)
into the GENERATED typed payload model, or raises
:class:`~scrapejobs.errors.WebhookVerificationError` saying why:

==============  ==========================================================  ====================
provider        authentication checked                                      returns
==============  ==========================================================  ====================
Decodo          top-level ``passthrough`` equals the expected string         ``TaskCallback``
Scrape.do       one header from the job's ``WebhookHeaders``                 ``TaskWebhook``
ScrapingPros    ``X-SP-Signature`` HMAC-SHA256 over ``"<ts>.<body>"``,       ``RunCompletedEvent``
                ``X-SP-Timestamp`` within a tolerance window
ScraperAPI      ``Authorization: Basic`` from the callback URL's userinfo    ``JobCallback``
Scrapio         a token in the webhook URL's query (no documented scheme)    ``JobWebhookEvent``
==============  ==========================================================  ====================

Every verifier checks the body size first (default 1 MiB), compares secrets in constant time,
and never puts a secret or a received credential into a message, ``repr`` or log. Providers
deliver at least once: :class:`DeliveryDeduplicator` recognises a repeated delivery.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Final, Protocol, Self, TypeVar
from urllib.parse import parse_qs, urlsplit

from decodo_client.models import TaskCallback
from scrapedo_client.models import TaskWebhook
from scraperapi_client.models import JobCallback
from scrapingpros_client.models import RunCompletedEvent
from scrapio_client.models import JobWebhookEvent

from scrapejobs.errors import (
    WebhookBodyTooLargeError,
    WebhookPayloadError,
    WebhookVerificationError,
)

MAX_BODY_BYTES: Final = 1024 * 1024
"""Default body size limit: 1 MiB."""
SCRAPINGPROS_TOLERANCE: Final = 300.0
"""Default ScrapingPros timestamp tolerance in seconds, both ways."""
_MAX_TIMESTAMP_DIGITS: Final = 12
"""Unix seconds have 10 digits until the year 2286; 12 leaves room and keeps floats exact."""

T_co = TypeVar("T_co", covariant=True)


class _Model(Protocol):
    """A generated attrs model (only its ``from_dict`` class method is used)."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Return the model parsed from a JSON object."""
        ...


M = TypeVar("M", bound=_Model)
P = TypeVar("P")


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


# -- helpers -----------------------------------------------------------------------------------


def _equal(received: str, expected: str) -> bool:
    """Compare two strings in constant time (as UTF-8 bytes, so any character is allowed)."""
    return hmac.compare_digest(
        received.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """Return header ``name`` from any mapping, looked up case-insensitively, or None."""
    value = headers.get(name)
    if value is not None:
        return value
    wanted = name.lower()
    for key, found in headers.items():
        if key.lower() == wanted:
            return found
    return None


def check_size(provider: str, body: bytes, limit: int) -> None:
    """Raise :class:`WebhookBodyTooLargeError` when ``body`` is longer than ``limit`` bytes.

    Returns None otherwise. Never reads the body's content.
    """
    if len(body) > limit:
        raise WebhookBodyTooLargeError(
            f"body of {len(body)} bytes exceeds the limit of {limit} bytes",
            provider=provider,
            reason="body_too_large",
        )


def load_json_object(provider: str, body: bytes) -> dict[str, Any]:
    """Return ``body`` decoded as a JSON object.

    Raises:
        WebhookPayloadError: the body is not UTF-8 JSON (``malformed_json``) or not an object
            (``not_an_object``). The message never quotes the body.

    """
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise WebhookPayloadError(
            "body is not valid JSON", provider=provider, reason="malformed_json"
        ) from None
    if not isinstance(data, dict):
        raise WebhookPayloadError(
            "body is not a JSON object", provider=provider, reason="not_an_object"
        )
    if _has_lone_surrogate(data):
        raise WebhookPayloadError(
            "body has a string with a lone surrogate (a \\ud800-\\udfff escape)",
            provider=provider,
            reason="malformed_json",
        )
    return data


def _has_lone_surrogate(data: Any) -> bool:
    """Return True when a string or key of parsed JSON cannot be encoded as UTF-8 again.

    Iterative: the depth :func:`json.loads` accepted cannot overflow the stack here.
    """
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def parse_model(provider: str, model: type[M], data: Mapping[str, Any]) -> M:
    """Return ``model.from_dict(data)`` (a generated payload model).

    Raises:
        WebhookPayloadError: ``data`` lacks a required field or has the wrong shape
            (``invalid_payload``); the message names the model and a missing field, never a value.

    """
    try:
        return model.from_dict(data)
    except KeyError as exc:
        raise WebhookPayloadError(
            f"payload is not a {model.__name__}: missing field {exc.args[0]!r}",
            provider=provider,
            reason="invalid_payload",
        ) from None
    except (TypeError, ValueError, AttributeError):
        raise WebhookPayloadError(
            f"payload is not a {model.__name__}: a field has the wrong type or value",
            provider=provider,
            reason="invalid_payload",
        ) from None


def identified(provider: str, payload: P) -> P:
    """Return ``payload`` once its identity (:func:`delivery_key`) is made of strings or ints.

    The generated models do not check field types, so an authentic delivery whose ``id`` is a
    list or an object would otherwise reach the deduplicator (``unhashable``) and the callback.

    Raises:
        WebhookPayloadError: an id or status field is not a string or integer
            (``invalid_payload``); the message names no value.

    """
    try:
        delivery_key(provider, payload)
    except TypeError:
        raise WebhookPayloadError(
            f"payload is not a {type(payload).__name__}: an id or status is not a string",
            provider=provider,
            reason="invalid_payload",
        ) from None
    return payload


def _reject(provider: str, reason: str, message: str) -> WebhookVerificationError:
    return WebhookVerificationError(message, provider=provider, reason=reason)


def _check_limit(value: int) -> int:
    if value <= 0:
        raise ValueError("max_body_bytes must be positive")
    return value


def _check_secret(name: str, value: str) -> str:
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value


# -- verifiers ---------------------------------------------------------------------------------


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
        self._passthrough = _check_secret("passthrough", passthrough)
        self.max_body_bytes = _check_limit(max_body_bytes)

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
            raise _reject(self.provider, "missing_passthrough", "payload has no passthrough")
        if not _equal(received, self._passthrough):
            raise _reject(
                self.provider, "passthrough_mismatch", "passthrough does not match the expected one"
            )
        return identified(self.provider, parse_model(self.provider, TaskCallback, data))


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
        self.header_name = _check_secret("header_name", header_name)
        self._header_value = _check_secret("header_value", header_value)
        self.max_body_bytes = _check_limit(max_body_bytes)

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
        received = _header(headers, self.header_name)
        if received is None:
            raise _reject(self.provider, "missing_header", f"header {self.header_name} is missing")
        if not _equal(received, self._header_value):
            raise _reject(
                self.provider, "header_mismatch", f"header {self.header_name} has the wrong value"
            )
        return identified(
            self.provider,
            parse_model(self.provider, TaskWebhook, load_json_object(self.provider, body)),
        )


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
        self._secret = _check_secret("secret", secret)
        if tolerance < 0:
            raise ValueError("tolerance must not be negative")
        self.tolerance = tolerance
        self.clock = clock
        self.max_body_bytes = _check_limit(max_body_bytes)

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
        timestamp = _header(headers, "X-SP-Timestamp")
        if timestamp is None:
            raise _reject(self.provider, "missing_header", "header X-SP-Timestamp is missing")
        signature = _header(headers, "X-SP-Signature")
        if signature is None:
            raise _reject(self.provider, "missing_header", "header X-SP-Signature is missing")
        timestamp = timestamp.strip()
        if not (timestamp.isascii() and timestamp.isdigit()):
            raise _reject(
                self.provider, "malformed_timestamp", "X-SP-Timestamp is not unix seconds"
            )
        scheme, _, digest = signature.strip().partition("=")
        if scheme != "sha256" or len(digest) != 64:
            raise _reject(
                self.provider,
                "malformed_signature",
                "X-SP-Signature is not sha256=<64 hex digits>",
            )
        expected = scrapingpros_signature(self._secret, timestamp, body)
        if not _equal("sha256=" + digest.lower(), expected):
            raise _reject(self.provider, "signature_mismatch", "X-SP-Signature does not match")
        digits = timestamp.lstrip("0") or "0"
        if len(digits) > _MAX_TIMESTAMP_DIGITS:  # beyond any clock: refuse before int()/float
            raise _reject(
                self.provider,
                "future_timestamp",
                "X-SP-Timestamp is out of range (more than "
                f"{_MAX_TIMESTAMP_DIGITS} digits, tolerance {self.tolerance:g} s)",
            )
        age = self.clock() - int(digits)
        if not math.isfinite(age) or age > self.tolerance:
            raise _reject(
                self.provider,
                "stale_timestamp",
                f"X-SP-Timestamp is {age:.0f} s old (tolerance {self.tolerance:g} s)",
            )
        if -age > self.tolerance:
            raise _reject(
                self.provider,
                "future_timestamp",
                f"X-SP-Timestamp is {-age:.0f} s in the future (tolerance {self.tolerance:g} s)",
            )
        return identified(
            self.provider,
            parse_model(self.provider, RunCompletedEvent, load_json_object(self.provider, body)),
        )


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
        self._username = _check_secret("username", username)
        self._password = _check_secret("password", password)
        self.max_body_bytes = _check_limit(max_body_bytes)

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
        authorization = _header(headers, "Authorization")
        if authorization is None:
            raise _reject(self.provider, "missing_header", "header Authorization is missing")
        scheme, _, encoded = authorization.strip().partition(" ")
        if scheme.lower() != "basic":
            raise _reject(self.provider, "not_basic_auth", "Authorization is not Basic")
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            raise _reject(
                self.provider, "malformed_credentials", "Authorization is not base64 user:pass"
            ) from None
        username, colon, password = decoded.partition(":")
        if not colon:
            raise _reject(
                self.provider, "malformed_credentials", "Authorization is not base64 user:pass"
            )
        user_ok = _equal(username, self._username)
        password_ok = _equal(password, self._password)
        if not (user_ok & password_ok):
            raise _reject(
                self.provider, "credentials_mismatch", "basic-auth credentials do not match"
            )
        return identified(
            self.provider,
            parse_model(self.provider, JobCallback, load_json_object(self.provider, body)),
        )


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
        self._token = _check_secret("token", token)
        self.param = _check_secret("param", param)
        self.max_body_bytes = _check_limit(max_body_bytes)

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
            raise _reject(self.provider, "missing_token", "no request URL given to verify")
        query = urlsplit(url).query if "://" in url or url.startswith("/") else url
        values = parse_qs(query.removeprefix("?"), keep_blank_values=True).get(self.param, [])
        if not values:
            raise _reject(
                self.provider, "missing_token", f"query parameter {self.param} is missing"
            )
        if len(values) > 1:
            raise _reject(
                self.provider, "ambiguous_token", f"query parameter {self.param} is repeated"
            )
        if not _equal(values[0], self._token):
            raise _reject(
                self.provider, "token_mismatch", f"query parameter {self.param} does not match"
            )
        return identified(
            self.provider,
            parse_model(self.provider, JobWebhookEvent, load_json_object(self.provider, body)),
        )


# -- duplicates --------------------------------------------------------------------------------


def _word(value: Any) -> str:
    """Return an enum's value or the plain string (forward-compatible status fields)."""
    return str(getattr(value, "value", value))


def delivery_key(provider: str, payload: Any) -> tuple[str, ...]:
    """Return the stable identity of one delivery of ``payload`` (a parsed payload model).

    Decodo task ``id`` + ``status``; Scrape.do ``JobID`` + ``TaskID`` + ``Status``; ScrapingPros
    ``run_id`` + ``event``; ScraperAPI ``id`` + ``status``; Scrapio ``data.job_id`` + ``type``.
    A retried or duplicated delivery of the same event has the same key.

    Raises:
        TypeError: ``payload`` is not the provider's payload model (or an unknown provider),
            or one of those fields is not a string or integer (e.g. a list ``id``).

    """
    parts: tuple[Any, ...]
    if provider == "decodo" and isinstance(payload, TaskCallback):
        parts = (payload.id, payload.status)
    elif provider == "scrapedo" and isinstance(payload, TaskWebhook):
        parts = (payload.job_id, payload.task_id, payload.status)
    elif provider == "scrapingpros" and isinstance(payload, RunCompletedEvent):
        parts = (payload.run_id, payload.event)
    elif provider == "scraperapi" and isinstance(payload, JobCallback):
        parts = (payload.id, payload.status)
    elif provider == "scrapio" and isinstance(payload, JobWebhookEvent):
        parts = (payload.data.job_id, payload.type_)
    else:
        raise TypeError(f"no delivery identity for a {type(payload).__name__} from {provider!r}")
    if not all(isinstance(part, str) or _is_int(part) for part in parts):
        raise TypeError(f"a {type(payload).__name__} id or status is not a string")
    return (provider, *(_word(part) for part in parts))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class DeliveryDeduplicator:
    """Remembers recent deliveries (in memory, bounded, with a TTL) to spot duplicates.

    Providers deliver at least once, so the same event can arrive twice. Keys are
    :func:`delivery_key`; at most ``max_entries`` are kept (oldest evicted first) for ``ttl``
    seconds of ``clock()`` each. Not shared between processes; not thread-safe (use it from one
    event loop).
    """

    def __init__(
        self,
        *,
        max_entries: int = 10_000,
        ttl: float = 24 * 3600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Keep up to ``max_entries`` keys for ``ttl`` seconds each.

        Raises:
            ValueError: for a non-positive size or TTL.

        """
        if max_entries <= 0 or ttl <= 0:
            raise ValueError("max_entries and ttl must be positive")
        self.max_entries = max_entries
        self.ttl = ttl
        self.clock = clock
        self._seen: OrderedDict[Hashable, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def _expire(self, now: float) -> None:
        while self._seen:
            key, at = next(iter(self._seen.items()))
            if now - at < self.ttl:
                break
            del self._seen[key]

    def seen(self, provider: str, payload: Any) -> bool:
        """Return True if this delivery was seen within the TTL; otherwise record it, return False.

        The first sighting is what counts: a repeat does not extend the TTL.

        Raises:
            TypeError: as :func:`delivery_key`.

        """
        key = delivery_key(provider, payload)
        now = self.clock()
        self._expire(now)
        if key in self._seen:
            return True
        self._seen[key] = now
        while len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return False

    def forget(self, provider: str, payload: Any) -> None:
        """Forget a delivery (e.g. its handler failed, so the provider's retry must go through).

        Never raises for an unknown delivery; raises TypeError as :func:`delivery_key`.
        """
        self._seen.pop(delivery_key(provider, payload), None)
