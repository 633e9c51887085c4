"""One job interface over five providers: :class:`AsyncJobs` and its sync twin :class:`Jobs`.

::

    jobs = scrapejobs.Jobs("scrapio", token)
    (ref,) = jobs.submit(FetchJobRequest(kind="fetch", input_=FetchInput(url="https://example.com")))
    jobs.wait([ref], timeout=120)           # polls with backoff; raises JobFailedError/JobTimeoutError
    result = jobs.result(ref)               # scrapio_client.models.JobResult

Both have the same methods; the sync one runs the async implementation on a private event-loop
thread.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
import random
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any, NoReturn, TypeVar

import httpx

from scrapejobs.backoff import Backoff, poll_backoff
from scrapejobs.clients import DEFAULT_TIMEOUT, Timeout, authenticated_client
from scrapejobs.errors import (
    JobFailedError,
    JobTimeoutError,
    RateLimitedError,
    ServerError,
    redact,
)
from scrapejobs.events import WebhookEvents
from scrapejobs.jobs import Adapter, JobRef, JobStatus
from scrapejobs.providers import adapter_class
from scrapejobs.retries import RetryPolicy
from scrapejobs.states import JobState

T = TypeVar("T")
LOG = logging.getLogger("scrapejobs")


class AsyncJobs:
    """Submit, watch and collect jobs of one provider (asyncio).

    ``clock`` (monotonic seconds) and ``sleep`` are injectable so tests never sleep; ``rng``
    seeds the backoff jitter. ``timeout`` bounds every request (seconds for the whole request,
    answer body included, connect within ``min(10, timeout)``; or an ``httpx.Timeout``; None for
    no bound): see :func:`scrapejobs.clients.request_timeouts`. ``client_kwargs`` go to the
    generated client (``httpx_args`` with a ``transport``, ``follow_redirects``, …); a redirect to
    another origin is never followed (RedirectRefusedError), so the token only goes to
    ``base_url``.
    """

    def __init__(
        self,
        provider: str,
        token: str,
        *,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        **client_kwargs: Any,
    ) -> None:
        client = authenticated_client(  # type: ignore[call-overload]
            provider, token, base_url=base_url, timeout=timeout, **client_kwargs
        )
        self.provider = provider
        # Retries wait with the same injectable sleep as polling.
        policy = dataclasses.replace(retry or RetryPolicy(), async_sleep=sleep)
        self.adapter: Adapter = adapter_class(provider)(
            client, retry=policy, secrets=[token], token=token, clock=clock
        )
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311 -- jitter, not security
        self._secrets = (token,)

    def __repr__(self) -> str:
        return f"AsyncJobs(provider={self.provider!r})"

    @property
    def clock(self) -> Callable[[], float]:
        """The injected monotonic clock (seconds)."""
        return self._clock

    @property
    def sleep(self) -> Callable[[float], Awaitable[None]]:
        """The injected sleep, used for every wait (polling, retries)."""
        return self._sleep

    @property
    def rng(self) -> random.Random:
        """The random generator of the backoff jitter."""
        return self._rng

    async def aclose(self) -> None:
        """Close the HTTP client and its connections (the object is unusable afterwards)."""
        await self.adapter.client.get_async_httpx_client().aclose()

    async def __aenter__(self) -> AsyncJobs:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Submit ``request`` (the provider's generated request model); return the job refs.

        Raises:
            SubmissionUncertainError: the request may have created a job and was not retried.
            ProviderError: the provider refused it.

        """
        return await self.adapter.submit(request, idempotency_key=idempotency_key)

    async def status(self, ref: JobRef) -> JobStatus:
        """Return the job's current status."""
        return await self.adapter.status(ref)

    async def result(self, ref: JobRef) -> Any:
        """Return the finished job's typed result."""
        return await self.adapter.result(ref)

    async def cancel(self, ref: JobRef) -> JobStatus:
        """Cancel the job; raises NotSupportedError where the provider cannot."""
        return await self.adapter.cancel(ref)

    async def wait(
        self,
        refs: Sequence[JobRef],
        *,
        timeout: float = 600.0,
        backoff: Backoff | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = True,
        events: WebhookEvents | None = None,
        fallback_interval: float = 30.0,
    ) -> dict[JobRef, JobStatus]:
        """Wait until every job is final; return the final statuses.

        Without ``events`` it polls with ``backoff`` (default: 1 s doubling to 30 s, never below
        the provider's minimum interval), asking for many jobs in one request where the provider
        can. With ``events`` (fed by a webhook receiver) a delivery wakes the wait at once and
        only the woken jobs are read; every job is still polled each ``fallback_interval``
        seconds, so a lost delivery delays the wait by at most that much.

        ``timeout`` bounds the whole wait, requests in flight included: a server that stops
        answering (or trickles) cannot hold it past ``timeout`` seconds of real time, and the
        injected clock ends it after ``timeout`` of its seconds.

        Raises:
            JobTimeoutError: when ``timeout`` seconds pass first; it lists the unfinished jobs
                (cancelled first when ``cancel_on_timeout``).
            JobFailedError: for the first failed or cancelled job when ``raise_on_failure``
                (otherwise such jobs are returned with their state).

        """
        started = self._clock()
        final: dict[JobRef, JobStatus] = {}
        bound = asyncio.timeout(timeout if math.isfinite(timeout) else None)
        try:
            async with bound:
                return await self._wait(
                    refs,
                    final,
                    started=started,
                    timeout=timeout,
                    backoff=backoff,
                    cancel_on_timeout=cancel_on_timeout,
                    raise_on_failure=raise_on_failure,
                    events=events,
                    fallback_interval=fallback_interval,
                )
        except TimeoutError:
            if not bound.expired():
                raise  # the injected clock's deadline (JobTimeoutError), or another timeout
        pending = [ref for ref in dict.fromkeys(refs) if ref not in final]
        await self._time_out(pending, max(timeout, self._clock() - started), cancel_on_timeout)

    async def _time_out(self, pending: Sequence[JobRef], waited: float, cancel: bool) -> NoReturn:
        """Cancel ``pending`` when asked, then raise JobTimeoutError listing them (always)."""
        if cancel:
            for ref in pending:
                await self.adapter.cancel(ref)
        raise JobTimeoutError(
            provider=self.provider, job_ids=tuple(str(ref) for ref in pending), waited=waited
        )

    async def _wait(
        self,
        refs: Sequence[JobRef],
        final: dict[JobRef, JobStatus],
        *,
        started: float,
        timeout: float,
        backoff: Backoff | None,
        cancel_on_timeout: bool,
        raise_on_failure: bool,
        events: WebhookEvents | None,
        fallback_interval: float,
    ) -> dict[JobRef, JobStatus]:
        """Run the loop of :meth:`wait` on the injected clock, filling ``final`` as jobs end."""
        floor = poll_backoff(self.provider).floor
        if backoff is None:
            backoff = (
                Backoff(
                    first=max(fallback_interval, floor),
                    maximum=max(fallback_interval, floor),
                    floor=floor,
                )
                if events is not None
                else poll_backoff(self.provider)
            )
        pending = list(dict.fromkeys(refs))
        to_check = pending
        attempt = 0
        next_poll_at: float | None = None
        while True:
            if to_check:
                try:
                    answers = await self.adapter.statuses(to_check)
                except (RateLimitedError, ServerError, httpx.TransportError) as error:
                    # Reads were already retried; a provider that stays unavailable for a while
                    # only delays the wait, which goes on polling until its deadline.
                    LOG.debug(
                        "%s: status reads failed (%s); polling again later", self.provider, error
                    )
                    answers = {}
                for ref, status in answers.items():
                    if not status.state.final:
                        continue
                    final[ref] = status
                    if raise_on_failure and status.state in (JobState.FAILED, JobState.CANCELLED):
                        raise JobFailedError(
                            provider=self.provider,
                            job=str(ref),
                            state=status.state.value,
                            reason=redact(status.reason, self._secrets) if status.reason else None,
                        )
            pending = [ref for ref in pending if ref not in final]
            if not pending:
                return final
            now = self._clock()
            waited = now - started
            if waited >= timeout:
                await self._time_out(pending, waited, cancel_on_timeout)
            if events is not None:
                woken = events.take(pending)
                if woken:
                    to_check = woken
                    continue
            if next_poll_at is None:
                next_poll_at = now + max(backoff.delay(attempt, self._rng), backoff.floor)
                attempt += 1
            delay = min(max(0.0, next_poll_at - now), max(0.0, timeout - waited))
            if events is None:
                await self._sleep(delay)
            else:
                await self._sleep_or_delivery(delay, events)
            woken = events.take(pending) if events is not None else []
            if woken:
                to_check = woken  # a delivery: read just those jobs, keep the fallback timer
            elif self._clock() >= next_poll_at:
                to_check, next_poll_at = pending, None  # the (fallback) poll of every job
            else:
                to_check = []  # woken by another job's delivery: keep waiting

    async def _sleep_or_delivery(self, delay: float, events: WebhookEvents) -> bool:
        """Sleep ``delay`` seconds or until a delivery arrives; return True if one did."""
        sleeper = asyncio.ensure_future(self._sleep(delay))
        waiter = asyncio.ensure_future(events.changed())
        done, undone = await asyncio.wait({sleeper, waiter}, return_when=asyncio.FIRST_COMPLETED)
        for task in undone:
            task.cancel()
        return waiter in done


class Jobs:
    """The sync twin of :class:`AsyncJobs`: same constructor, same methods, blocking.

    ``sleep`` may be a plain function or a coroutine function.
    """

    def __init__(self, provider: str, token: str, **kwargs: Any) -> None:
        sleep = kwargs.pop("sleep", None)
        if sleep is not None and not asyncio.iscoroutinefunction(sleep):
            plain = sleep

            async def wrapped(seconds: float) -> None:
                plain(seconds)

            kwargs["sleep"] = wrapped
        elif sleep is not None:
            kwargs["sleep"] = sleep
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="scrapejobs-jobs", daemon=True
        )
        self._thread.start()
        self._async = self._call(_construct(provider, token, kwargs))
        self.provider = provider

    def __repr__(self) -> str:
        return f"Jobs(provider={self.provider!r})"

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """See :meth:`AsyncJobs.submit`."""
        return self._call(self._async.submit(request, idempotency_key=idempotency_key))

    def status(self, ref: JobRef) -> JobStatus:
        """See :meth:`AsyncJobs.status`."""
        return self._call(self._async.status(ref))

    def result(self, ref: JobRef) -> Any:
        """See :meth:`AsyncJobs.result`."""
        return self._call(self._async.result(ref))

    def cancel(self, ref: JobRef) -> JobStatus:
        """See :meth:`AsyncJobs.cancel`."""
        return self._call(self._async.cancel(ref))

    def wait(self, refs: Sequence[JobRef], **kwargs: Any) -> dict[JobRef, JobStatus]:
        """See :meth:`AsyncJobs.wait`."""
        return self._call(self._async.wait(refs, **kwargs))

    def close(self) -> None:
        """Close the HTTP client, then stop the private event loop (unusable afterwards)."""
        self._call(self._async.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def __enter__(self) -> Jobs:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


async def _construct(provider: str, token: str, kwargs: dict[str, Any]) -> AsyncJobs:
    """Build the async client on the sync twin's loop (httpx clients bind to their loop)."""
    return AsyncJobs(provider, token, **kwargs)
