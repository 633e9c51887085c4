"""Turn a webhook body into a generated payload model: size limit, JSON object, model, identity.

Every verifier runs these steps (around its own credential check); each failure is a typed
:class:`~scrapejobs.errors.WebhookPayloadError` (or :class:`~scrapejobs.errors.WebhookBodyTooLargeError`)
whose message never quotes the body.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, Protocol, Self, TypeVar

from scrapejobs.errors import WebhookBodyTooLargeError, WebhookPayloadError
from scrapejobs.webhooks.deliveries import delivery_key

MAX_BODY_BYTES: Final = 1024 * 1024
"""Default body size limit: 1 MiB."""


class _Model(Protocol):
    """A generated attrs model (only its ``from_dict`` class method is used)."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Return the model parsed from a JSON object."""
        ...


M = TypeVar("M", bound=_Model)
P = TypeVar("P")


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


def typed_payload(provider: str, model: type[M], body: bytes) -> M:
    """Return ``body`` (already authenticated) parsed as ``model`` with a usable identity.

    Raises:
        WebhookPayloadError: as :func:`load_json_object`, :func:`parse_model` and
            :func:`identified`.

    """
    return identified(provider, parse_model(provider, model, load_json_object(provider, body)))
