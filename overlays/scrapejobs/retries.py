"""Safe retries (tenacity): reads retry on transient failures; submissions never pay twice.

- A **read** (status, result, listing) is retried on 429, 5xx and network errors, waiting by
  :class:`~scrapejobs.backoff.Backoff` and honouring the provider's ``Retry-After`` (capped),
  for a bounded number of attempts. Every decision is logged at debug level with its reason.
- A **submission** is retried on those same failures only when it is idempotent (the provider
  takes an ``Idempotency-Key`` and the caller reuses the same key on every attempt). Otherwise it
  is retried only when the request provably never reached the server (connection refused, DNS
  failure, connect timeout) or was refused outright (429); a timeout after sending, a dropped
  connection, a 5xx or an unexpected 2xx answer (a 201 where 200 is documented, a 200 whose body
  is not the documented JSON: the job may exist) raises
  :class:`~scrapejobs.errors.SubmissionUncertainError`, which says what is known, so a user never
  pays twice without knowing it. An idempotent submission is retried on an unexpected 2xx too
  (the key makes the retry a replay).

tenacity is used for the loop (stop, wait, retry predicates, before-sleep logging); the sleep
function is injectable so tests never sleep.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import tenacity

from scrapejobs.backoff import Backoff
from scrapejobs.errors import (
    RateLimitedError,
    ServerError,
    SubmissionUncertainError,
    UnexpectedResponseError,
)

LOG = logging.getLogger("scrapejobs.retries")
T = TypeVar("T")

# Failures after which the request provably never reached the server.
NEVER_SENT: tuple[type[BaseException], ...] = (httpx.ConnectError, httpx.ConnectTimeout)


@dataclass(frozen=True)
class RetryPolicy:
    """How many attempts, how long between them, and the cap on a server's ``Retry-After``."""

    attempts: int = 5
    backoff: Backoff = field(default_factory=lambda: Backoff(first=0.5, maximum=20.0))
    retry_after_cap: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False)
    async_sleep: Callable[[float], Awaitable[None]] | None = field(default=None, compare=False)
    """What the async functions await between attempts when no ``sleep`` is passed (default
    ``asyncio.sleep``); the job clients put their injectable sleep here."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be >= 1")


def transient(error: BaseException) -> bool:
    """Return True for failures worth retrying a read: 429, 5xx, network and timeout errors."""
    return isinstance(error, (RateLimitedError, ServerError, httpx.TransportError))


def _hint(error: BaseException | None) -> float | None:
    return getattr(error, "retry_after", None)


def _maybe_created(error: BaseException) -> bool:
    """Return True for an unexpected 2xx answer: the provider may have done what was asked."""
    return isinstance(error, UnexpectedResponseError) and error.success_status


def _reason(error: BaseException | None) -> str:
    if isinstance(error, (RateLimitedError, ServerError)):
        return f"{error.provider} answered {error.status_code}"
    if isinstance(error, UnexpectedResponseError):
        return f"{error.provider} answered an unexpected {error.status_code}"
    return type(error).__name__


def _retrying_kwargs(
    policy: RetryPolicy, predicate: Callable[[BaseException], bool], what: str
) -> dict[str, Any]:
    def wait(state: tenacity.RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        return policy.backoff.delay(
            state.attempt_number - 1, policy.rng, hint=_hint(error), hint_cap=policy.retry_after_cap
        )

    def before_sleep(state: tenacity.RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        LOG.debug(
            "retrying %s after %s (attempt %d of %d, waiting %.2fs)",
            what,
            _reason(error),
            state.attempt_number,
            policy.attempts,
            state.next_action.sleep if state.next_action else 0.0,
        )

    return {
        "stop": tenacity.stop_after_attempt(policy.attempts),
        "wait": wait,
        "retry": tenacity.retry_if_exception(predicate),
        "before_sleep": before_sleep,
        "reraise": True,
    }


def read(
    call: Callable[[], T],
    *,
    what: str,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Return ``call()``, retrying transient failures by ``policy``.

    Raises the last error when attempts run out, and any non-transient error at once. ``what``
    names the call in debug logs (never put a secret in it).
    """
    policy = policy or RetryPolicy()
    retrying = tenacity.Retrying(sleep=sleep, **_retrying_kwargs(policy, transient, what))
    return retrying(call)


async def aread(
    call: Callable[[], Awaitable[T]],
    *,
    what: str,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
) -> T:
    """Async :func:`read`: return ``await call()``, retrying transient failures by ``policy``."""
    policy = policy or RetryPolicy()
    sleep = sleep or policy.async_sleep or asyncio.sleep
    retrying = tenacity.AsyncRetrying(sleep=sleep, **_retrying_kwargs(policy, transient, what))
    return await retrying(call)


def _submission_predicate(idempotent: bool) -> Callable[[BaseException], bool]:
    """Idempotent: every transient failure and unexpected 2xx. Otherwise: never sent, or 429."""
    if idempotent:
        return lambda error: transient(error) or _maybe_created(error)
    return lambda error: isinstance(error, (*NEVER_SENT, RateLimitedError))


def _uncertain(
    error: BaseException, *, provider: str, idempotency_key: str | None
) -> BaseException:
    definite = isinstance(error, NEVER_SENT) or not isinstance(
        error, httpx.TransportError | ServerError
    )
    if definite and not _maybe_created(error):  # an unexpected 2xx: the job may exist
        return error  # provably not sent, or a definite answer (4xx): nothing is uncertain
    return SubmissionUncertainError(
        provider=provider,
        reason=_reason(error),
        idempotency_key=idempotency_key,
    )


def submit(
    call: Callable[[], T],
    *,
    provider: str,
    idempotency_key: str | None = None,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Return ``call()`` for a submission, retried only where that cannot pay twice.

    With ``idempotency_key`` (which ``call`` must send on every attempt) transient failures are
    retried; without, only failures that never reached the server, and 429 refusals, are.

    Raises:
        SubmissionUncertainError: when the request may have created a job (timeout after
            sending, dropped connection, 5xx, unexpected 2xx) and retrying could create another.
        ProviderError: a definite refusal (4xx), unchanged.

    """
    policy = policy or RetryPolicy()
    predicate = _submission_predicate(idempotency_key is not None)
    retrying = tenacity.Retrying(
        sleep=sleep, **_retrying_kwargs(policy, predicate, f"{provider} submission")
    )
    try:
        return retrying(call)
    except Exception as error:
        raise _uncertain(error, provider=provider, idempotency_key=idempotency_key) from error


async def asubmit(
    call: Callable[[], Awaitable[T]],
    *,
    provider: str,
    idempotency_key: str | None = None,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
) -> T:
    """Async :func:`submit`, with the same guarantees."""
    policy = policy or RetryPolicy()
    sleep = sleep or policy.async_sleep or asyncio.sleep
    predicate = _submission_predicate(idempotency_key is not None)
    retrying = tenacity.AsyncRetrying(
        sleep=sleep, **_retrying_kwargs(policy, predicate, f"{provider} submission")
    )
    try:
        return await retrying(call)
    except Exception as error:
        raise _uncertain(error, provider=provider, idempotency_key=idempotency_key) from error
