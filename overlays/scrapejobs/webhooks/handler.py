"""A receiver route's pair: one provider's verifier and the callback for its verified payloads.

Kept apart from :mod:`scrapejobs.webhooks.receiver` so building handlers (e.g.
:meth:`~scrapejobs.webhooks.events.WebhookEvents.handler`) needs no web framework.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from scrapejobs.webhooks.verifiers.base import WebhookVerifier

T = TypeVar("T")


class DeliveryNotStoredError(Exception):
    """Raised by a callback that could not keep a delivery now (e.g. its database is down).

    The receiver answers 503 with ``Retry-After``, so the provider delivers it again later;
    never a 2xx for a delivery that was not kept. The message is logged: put no secret in it.
    """


@dataclass(frozen=True)
class WebhookHandler(Generic[T]):
    """One provider's verifier (which holds the secret) and the callback for its payloads.

    ``callback`` receives the typed payload; it may be ``async def`` (awaited on the event loop)
    or a plain function (run in a worker thread). Its return value is ignored.
    """

    verifier: WebhookVerifier[T]
    callback: Callable[[T], Awaitable[object] | object] = field(repr=False)
