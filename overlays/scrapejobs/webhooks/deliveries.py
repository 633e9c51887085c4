"""Recognise a repeated delivery: the identity of a payload and a bounded, expiring memory of them.

Providers deliver at least once, so the same event can arrive twice; the receiver acknowledges a
repeat without calling its callback again.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from decodo_client.models import TaskCallback
from scrapedo_client.models import TaskWebhook
from scraperapi_client.models import JobCallback
from scrapingpros_client.models import RunCompletedEvent
from scrapio_client.models import JobWebhookEvent


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
