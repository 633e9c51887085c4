"""Finish waits from webhooks, with polling as the fallback when a delivery never arrives.

::

    events = WebhookEvents()
    app = webhook_app({"scrapio": events.handler(ScrapioVerifier(token="s3cret"))})
    ...                                     # serve ``app``; give providers its URL
    await jobs.wait(refs, events=events)    # wakes on deliveries; polls every 30 s regardless

A delivery only wakes the waiter, which then reads the job's status from the provider: the
status answer, not the webhook, decides that a job is finished, so a lost, duplicated or late
delivery can delay a wait by at most one fallback interval and never corrupts it.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterable
from typing import Any

from scrapejobs.jobs import JobRef
from scrapejobs.webhooks.handler import WebhookHandler
from scrapejobs.webhooks.verifiers.base import WebhookVerifier


def wake_keys(provider: str, payload: Any) -> set[tuple[str, str]]:
    """Return the ``(provider-or-scope, id)`` keys a delivery of ``payload`` wakes.

    Match them with :func:`ref_keys`. Never raises (a missing id gives an empty one).
    """
    if provider == "scrapio":
        data = getattr(payload, "data", None)
        return {("scrapio", str(getattr(data, "job_id", "")))}
    if provider == "scrapedo":
        return {("scrapedo", str(getattr(payload, "task_id", "")))}
    if provider == "scrapingpros":
        # One delivery per run: it wakes every job of the run.
        return {("scrapingpros-run", str(getattr(payload, "run_id", "")))}
    return {(provider, str(getattr(payload, "id", "")))}


def ref_keys(ref: JobRef) -> set[tuple[str, str]]:
    """Return the delivery keys that wake ``ref`` (see :meth:`WebhookEvents.drain`)."""
    keys = {(ref.provider, ref.job_id)}
    if ref.provider == "scrapingpros" and ref.scope:
        keys.add(("scrapingpros-run", ref.scope[-1]))
    return keys


class DeliverySubscription:
    """One waiter's own view of the deliveries: what arrived since it last looked.

    Every subscription of a :class:`WebhookEvents` sees every delivery, so waits running at
    once on one receiver never take each other's notices. Made by
    :meth:`WebhookEvents.subscribe`; dropped when its waiter lets go of it.
    """

    def __init__(self) -> None:
        self._keys: set[tuple[str, str]] = set()
        self._arrived: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._arrived is None:
            self._arrived = asyncio.Event()
        return self._arrived

    def add(self, keys: set[tuple[str, str]]) -> None:
        """Record delivery ``keys`` (called by :meth:`WebhookEvents.notify`)."""
        self._keys |= keys
        self._event().set()

    def drain(self) -> set[tuple[str, str]]:
        """Return the delivery keys recorded since the last call (match them with :func:`ref_keys`)."""
        keys, self._keys = self._keys, set()
        self._event().clear()
        return keys

    async def wait(self) -> None:
        """Return once a delivery is recorded that :meth:`drain` has not returned yet.

        Returns at once when one is already waiting: a delivery between a drain and this call
        is never missed.
        """
        await self._event().wait()


class WebhookEvents:
    """Delivered-job notices, shared by a webhook receiver and the waits that use them.

    Each wait takes its own :meth:`subscribe`; one receiver serves any number of concurrent
    waits. Not thread-safe across event loops: notify and wait on the same loop (the receiver's
    callbacks run there when they are ``async``; :meth:`handler` makes them so).

    Notices not consumed by :meth:`take` or :meth:`drain` are kept for later subscribers, at most
    ``keep`` of them (the oldest forgotten first: a wait that misses one polls instead), so a
    run of millions of deliveries does not hold them all.
    """

    def __init__(self, *, keep: int = 100_000) -> None:
        if keep < 1:
            raise ValueError("keep must be at least 1")
        self.keep = keep
        self._delivered: dict[tuple[str, str], None] = {}
        """Delivery keys not consumed yet, oldest first (a dict as an ordered set)."""
        self._changed: asyncio.Event | None = None
        self._subscriptions: weakref.WeakSet[DeliverySubscription] = weakref.WeakSet()

    def subscribe(self) -> DeliverySubscription:
        """Return a new view of every delivery, for one waiter.

        It starts with the deliveries already recorded and not yet consumed by :meth:`take` or
        :meth:`drain`: a job that ended (and was delivered) between its submission and the
        start of its wait wakes that wait at once, instead of after a whole fallback interval.
        """
        subscription = DeliverySubscription()
        if self._delivered:
            subscription.add(set(self._delivered))
        self._subscriptions.add(subscription)
        return subscription

    def _event(self) -> asyncio.Event:
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    def notify(self, provider: str, payload: Any) -> None:
        """Record that ``payload`` (a verified, typed webhook payload) arrived; wake waiters."""
        self.notify_keys(wake_keys(provider, payload))

    def notify_keys(self, keys: set[tuple[str, str]]) -> None:
        """Record deliveries by their :func:`wake_keys` (e.g. read back from a database); wake waiters."""
        for key in keys:
            self._delivered.pop(key, None)
            self._delivered[key] = None
        while len(self._delivered) > self.keep:
            del self._delivered[next(iter(self._delivered))]
        for subscription in list(self._subscriptions):
            subscription.add(keys)
        self._event().set()

    def handler(self, verifier: WebhookVerifier[Any]) -> WebhookHandler[Any]:
        """Return a receiver handler for ``verifier`` whose callback notifies these events."""
        provider: str = verifier.provider

        async def callback(payload: Any) -> None:
            self.notify(provider, payload)

        return WebhookHandler(verifier, callback)

    def take(self, refs: Iterable[JobRef]) -> list[JobRef]:
        """Return the refs a delivery has woken since the last call, consuming those notices."""
        woken = [ref for ref in refs if ref_keys(ref) & self._delivered.keys()]
        for ref in woken:
            for key in ref_keys(ref):
                self._delivered.pop(key, None)
        return woken

    def drain(self) -> set[tuple[str, str]]:
        """Return every delivery key recorded since the last call, consuming them.

        Match them against :func:`ref_keys` of the jobs waited for: a cheap alternative to
        :meth:`take` when thousands of jobs are pending. For a single consumer only: concurrent
        waiters each use their own :meth:`subscribe`.
        """
        delivered, self._delivered = set(self._delivered), {}
        return delivered

    async def changed(self) -> None:
        """Return when the next delivery arrives.

        Notices recorded earlier are left to :meth:`take`, which a waiter calls before waiting.
        """
        event = self._event()
        event.clear()
        await event.wait()
