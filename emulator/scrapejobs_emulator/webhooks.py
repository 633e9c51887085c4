"""Webhook delivery: each provider's payload and authentication, retried on its own schedule.

Providers enqueue a :class:`Webhook` when a job finishes. The dispatcher sends due attempts with
httpx, records every attempt (what tests inspect through ``/_emulator/webhooks``), and schedules
the next attempt on the emulator's clock, so a test can advance time instead of sleeping.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx

from scrapejobs_emulator.clock import Clock
from scrapejobs_emulator.config import Faults

SAFE_HEADERS = frozenset({"content-type", "content-length", "user-agent", "x-sp-timestamp"})
"""Headers shown as sent; every other value may be a credential the user chose (Scrape.do
``WebhookHeaders`` can carry any name), so it is shown as ``[redacted]``."""
SECRET_BODY_KEYS = frozenset({"passthrough"})
"""Payload keys that echo a user's secret (Decodo's ``passthrough``)."""


def redact_headers(headers: dict[str, str]) -> dict[str, str]:
    """Return ``headers`` with every value outside :data:`SAFE_HEADERS` replaced."""
    return {
        name: value if name.lower() in SAFE_HEADERS else "[redacted]"
        for name, value in headers.items()
    }


def redact_url(url: str) -> str:
    """Return ``url`` without credentials: userinfo and every query value become ``[redacted]``."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.username is not None or parts.password is not None:
        host = parts.hostname or ""
        netloc = f"[redacted]@{host}" + (f":{parts.port}" if parts.port else "")
    query = "&".join(
        f"{name}=[redacted]" for name, _ in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def redact_body(body: Any) -> Any:
    """Return a JSON payload with the values of :data:`SECRET_BODY_KEYS` replaced."""
    if isinstance(body, dict):
        return {k: "[redacted]" if k in SECRET_BODY_KEYS else v for k, v in body.items()}
    return body


@dataclass(frozen=True)
class RetryPolicy:
    """When a provider tries a delivery again.

    ``delays[i]`` is the wait before attempt ``i + 2`` (the first attempt is immediate), so a
    delivery gets ``len(delays) + 1`` attempts. ``gone_retry_delay``: a 404/410 answer stops the
    normal schedule and gets exactly one more attempt after this many seconds (Scrape.do).
    """

    delays: Sequence[float]
    gone_retry_delay: float | None = None


@dataclass
class Attempt:
    """One delivery attempt as it happened."""

    number: int
    at: float
    status_code: int | None
    error: str | None
    duplicate: bool = False

    def as_json(self) -> dict[str, Any]:
        """Return the attempt as a JSON-ready dict."""
        return {
            "number": self.number,
            "at": self.at,
            "status_code": self.status_code,
            "error": self.error,
            "duplicate": self.duplicate,
        }


@dataclass(eq=False)
class Webhook:
    """One event to deliver, with all its attempts."""

    id: int
    provider: str
    account: str
    job_id: str
    url: str
    body: bytes
    headers: dict[str, str]
    policy: RetryPolicy
    sign: Callable[[bytes, float], dict[str, str]] | None = None
    """Computes per-attempt headers (ScrapingPros signs each attempt with its timestamp)."""
    on_exhausted: Callable[[Webhook], None] | None = None
    next_at: float | None = 0.0
    attempts: list[Attempt] = field(default_factory=list)
    state: str = "pending"
    """pending, delivered or failed."""
    gone_retry_used: bool = False

    def as_json(self) -> dict[str, Any]:
        """Return the delivery with its attempts as a JSON-ready dict (body decoded as JSON)."""
        try:
            body: Any = json.loads(self.body)
        except ValueError:
            body = self.body.decode(errors="replace")
        return {
            "id": self.id,
            "provider": self.provider,
            "account": self.account,
            "job_id": self.job_id,
            "url": redact_url(self.url),
            "headers": redact_headers(self.headers),
            "body": redact_body(body),
            "state": self.state,
            "next_attempt_at": self.next_at,
            "attempts": [attempt.as_json() for attempt in self.attempts],
        }


class WebhookDispatcher:
    """Queues webhooks and delivers the due ones; records every attempt."""

    def __init__(
        self,
        clock: Clock,
        rng: random.Random,
        faults: Callable[[], Faults],
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
    ) -> None:
        self._clock = clock
        self._rng = rng
        self._faults = faults
        self._transport = transport
        self._timeout = timeout
        self._ids = itertools.count(1)
        self.webhooks: list[Webhook] = []

    def enqueue(
        self,
        *,
        provider: str,
        account: str,
        job_id: str,
        url: str,
        payload: Any,
        policy: RetryPolicy,
        headers: dict[str, str] | None = None,
        sign: Callable[[bytes, float], dict[str, str]] | None = None,
        on_exhausted: Callable[[Webhook], None] | None = None,
    ) -> Webhook:
        """Queue ``payload`` (JSON-encoded) for ``url``, first attempt due now; return it."""
        webhook = Webhook(
            id=next(self._ids),
            provider=provider,
            account=account,
            job_id=job_id,
            url=url,
            body=json.dumps(payload, separators=(",", ":")).encode(),
            headers={"content-type": "application/json", **(headers or {})},
            policy=policy,
            sign=sign,
            on_exhausted=on_exhausted,
            next_at=self._clock.now(),
        )
        self.webhooks.append(webhook)
        return webhook

    def due(self) -> list[Webhook]:
        """Return the pending webhooks whose next attempt is due now."""
        now = self._clock.now()
        return [
            w
            for w in self.webhooks
            if w.state == "pending" and w.next_at is not None and w.next_at <= now
        ]

    def next_due_at(self) -> float | None:
        """Return when the earliest pending attempt is due, or None when nothing is pending."""
        times = [w.next_at for w in self.webhooks if w.state == "pending" and w.next_at is not None]
        return min(times) if times else None

    async def deliver_due(self) -> list[Webhook]:
        """Attempt every due delivery once; return the webhooks that were attempted."""
        due = self.due()
        if not due:
            return []
        async with httpx.AsyncClient(transport=self._transport, timeout=self._timeout) as client:
            for webhook in due:
                await self._attempt(client, webhook)
        return due

    def clear(self) -> None:
        """Forget every webhook."""
        self.webhooks.clear()

    def restore(self, webhooks: Sequence[Webhook]) -> None:
        """Add saved webhooks as they were: pending ones are attempted when ``next_at`` comes.

        New webhooks get ids after the highest restored one.
        """
        self.webhooks.extend(webhooks)
        highest = max((webhook.id for webhook in self.webhooks), default=0)
        self._ids = itertools.count(highest + 1)

    async def _send(
        self, client: httpx.AsyncClient, webhook: Webhook, now: float
    ) -> tuple[int | None, str | None]:
        headers = dict(webhook.headers)
        if webhook.sign is not None:
            headers.update(webhook.sign(webhook.body, now))
        try:
            response = await client.post(webhook.url, content=webhook.body, headers=headers)
        except httpx.HTTPError as exc:
            return None, type(exc).__name__
        return response.status_code, None

    async def _attempt(self, client: httpx.AsyncClient, webhook: Webhook) -> None:
        now = self._clock.now()
        faults = self._faults()
        number = len([a for a in webhook.attempts if not a.duplicate]) + 1
        status: int | None
        error: str | None
        if faults.webhook_failure_rate > 0 and self._rng.random() < faults.webhook_failure_rate:
            status, error = None, "injected delivery failure"
        else:
            status, error = await self._send(client, webhook, now)
        webhook.attempts.append(Attempt(number=number, at=now, status_code=status, error=error))
        if status is not None and 200 <= status < 300:
            webhook.state = "delivered"
            webhook.next_at = None
            if (
                faults.webhook_duplicate_rate > 0
                and self._rng.random() < faults.webhook_duplicate_rate
            ):
                dup_status, dup_error = await self._send(client, webhook, now)
                webhook.attempts.append(
                    Attempt(
                        number=number,
                        at=now,
                        status_code=dup_status,
                        error=dup_error,
                        duplicate=True,
                    )
                )
            return
        policy = webhook.policy
        if status in (404, 410) and policy.gone_retry_delay is not None:
            if webhook.gone_retry_used:
                self._exhaust(webhook)
            else:
                webhook.gone_retry_used = True
                webhook.next_at = now + policy.gone_retry_delay
            return
        if number - 1 < len(policy.delays) and not webhook.gone_retry_used:
            webhook.next_at = now + policy.delays[number - 1]
        else:
            self._exhaust(webhook)

    def _exhaust(self, webhook: Webhook) -> None:
        webhook.state = "failed"
        webhook.next_at = None
        if webhook.on_exhausted is not None:
            webhook.on_exhausted(webhook)
