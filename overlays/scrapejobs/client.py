"""One job interface over five providers: :class:`AsyncJobs` and its sync twin :class:`Jobs`.

::

    jobs = scrapejobs.Jobs("scrapio", token)
    (ref,) = jobs.submit(FetchJobRequest(kind="fetch", input_=FetchInput(url="https://example.com")))
    jobs.wait([ref], timeout=120)           # polls with backoff; raises JobFailedError/JobTimeoutError
    result = jobs.result(ref)               # scrapio_client.models.JobResult

Both are generic over the provider's result type: ``Jobs("scrapio", token)`` is a
``Jobs[scrapio_client.models.JobResult]`` to a type checker (see :data:`RESULT_TYPES`), so a
mistake on a result fails mypy; a provider name only known at run time gives ``Jobs[Any]``.

Both have the same methods; the sync one runs the async implementation on a private event-loop
thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import math
import random
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncGenerator, Awaitable, Callable, Coroutine, Iterator, Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    NoReturn,
    TypedDict,
    TypeVar,
    cast,
    overload,
)

from scrapejobs.backoff import Backoff
from scrapejobs.clients import DEFAULT_TIMEOUT, Timeout, authenticated_client
from scrapejobs.errors import (
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    redact,
)
from scrapejobs.jobs import Adapter, JobRef, JobStatus
from scrapejobs.providers import adapter_class
from scrapejobs.retries import RetryPolicy
from scrapejobs.states import JobState
from scrapejobs.waiting import PROMPT, DurationModel, Outcome, Timing, WaitEngine
from scrapejobs.webhooks.events import WebhookEvents

if TYPE_CHECKING:
    from decodo_client.models import TaskResults
    from scrapedo_client.models import Task
    from scraperapi_client.models import Job
    from scrapingpros_client.models import ScrapeResult
    from scrapio_client.models import JobResult
    from typing_extensions import TypeVar as TypeVarWithDefault
    from typing_extensions import Unpack

    R = TypeVarWithDefault("R", default=Any)
else:
    R = TypeVar("R")  # the provider's result type (Any when the provider is only a str)

T = TypeVar("T")
RESULT_TYPES: dict[str, str] = {
    "decodo": "decodo_client.models.TaskResults",
    "scrapedo": "scrapedo_client.models.Task",
    "scrapingpros": "scrapingpros_client.models.ScrapeResult",
    "scraperapi": "scraperapi_client.models.Job",
    "scrapio": "scrapio_client.models.JobResult",
}
"""What ``result()`` returns for each provider (the type checker's view, by the overloads)."""
SUBMITTED_KEPT = 100_000
"""Submission times kept for jobs not waited for yet (the oldest are forgotten first)."""
LOG = logging.getLogger("scrapejobs")


class ClientOptions(TypedDict, total=False):
    """The keyword arguments of :class:`AsyncJobs` and :class:`Jobs` besides ``sleep``."""

    base_url: str | None
    timeout: Timeout
    retry: RetryPolicy | None
    clock: Callable[[], float]
    rng: random.Random | None
    # The generated client's own (``client_kwargs``):
    cookies: dict[str, str]
    headers: dict[str, str]
    verify_ssl: Any
    follow_redirects: bool
    httpx_args: dict[str, Any]
    raise_on_unexpected_status: bool


class AsyncOptions(ClientOptions, total=False):
    """:class:`AsyncJobs`' keyword arguments."""

    sleep: Callable[[float], Awaitable[None]]


class SyncOptions(ClientOptions, total=False):
    """:class:`Jobs`' keyword arguments (``sleep`` may be a plain function)."""

    sleep: Callable[[float], object]


class SubmissionLog:
    """When, and with what kind of request, each job was submitted, until it is waited for.

    The waiting engine times a job's first read from its submission. Bounded: beyond
    ``limit`` jobs never waited for, the oldest are forgotten first (their wait then starts
    without a submission time).
    """

    def __init__(self, limit: int = SUBMITTED_KEPT) -> None:
        """Keep at most ``limit`` submissions."""
        self._limit = limit
        self._at: OrderedDict[JobRef, tuple[float, str]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._at)

    def record(self, refs: Sequence[JobRef], at: float, kind: str) -> None:
        """Remember that ``refs`` were submitted at clock time ``at`` by a ``kind`` request."""
        for ref in refs:
            self._at[ref] = (at, kind)
        while len(self._at) > self._limit:
            self._at.popitem(last=False)

    def watch(self, engine: WaitEngine, refs: Sequence[JobRef], *, delivered: bool) -> None:
        """Give ``engine`` every ref to watch, with its submission time and request kind."""
        for ref in refs:
            since, kind = self._at.get(ref, (None, ""))
            engine.watch(ref, since=since, kind=kind, delivered=delivered)

    def forget(self, ref: JobRef) -> None:
        """Forget ``ref`` (its wait ended); never raises for an unknown ref."""
        self._at.pop(ref, None)


class AsyncJobs(Generic[R]):
    """Submit, watch and collect jobs of one provider (asyncio); ``R`` is its result type.

    ``clock`` (monotonic seconds) and ``sleep`` are injectable so tests never sleep; ``rng``
    seeds the backoff jitter. ``timeout`` bounds every request (seconds for the whole request,
    answer body included, connect within ``min(10, timeout)``; or an ``httpx.Timeout``; None for
    no bound): see :func:`scrapejobs.clients.request_timeouts`. ``client_kwargs`` go to the
    generated client (``httpx_args`` with a ``transport``, ``follow_redirects``, …); a redirect to
    another origin is never followed (RedirectRefusedError), so the token only goes to
    ``base_url``.
    """

    # fmt: off
    @overload
    def __init__(self: AsyncJobs[TaskResults], provider: Literal["decodo"], token: str, **kw: Unpack[AsyncOptions]) -> None: ...
    @overload
    def __init__(self: AsyncJobs[Task], provider: Literal["scrapedo"], token: str, **kw: Unpack[AsyncOptions]) -> None: ...
    @overload
    def __init__(self: AsyncJobs[ScrapeResult], provider: Literal["scrapingpros"], token: str, **kw: Unpack[AsyncOptions]) -> None: ...
    @overload
    def __init__(self: AsyncJobs[Job], provider: Literal["scraperapi"], token: str, **kw: Unpack[AsyncOptions]) -> None: ...
    @overload
    def __init__(self: AsyncJobs[JobResult], provider: Literal["scrapio"], token: str, **kw: Unpack[AsyncOptions]) -> None: ...
    @overload
    def __init__(self: AsyncJobs[Any], provider: str, token: str, **kw: Unpack[AsyncOptions]) -> None: ...
    # fmt: on
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
        self._durations = DurationModel()
        """Durations of the jobs seen to end: when :meth:`wait` reads next."""
        self._submitted = SubmissionLog()
        self._collected: dict[JobRef, Any] = {}
        """Results :meth:`wait` read, until :meth:`result` takes them."""

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
    def durations(self) -> DurationModel:
        """Durations of the jobs seen to end so far (what :meth:`wait` and the runner learn)."""
        return self._durations

    @property
    def rng(self) -> random.Random:
        """The random generator of the backoff jitter."""
        return self._rng

    async def aclose(self) -> None:
        """Close the HTTP client and its connections (the object is unusable afterwards)."""
        await self.adapter.client.get_async_httpx_client().aclose()

    async def __aenter__(self) -> AsyncJobs[R]:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Submit ``request`` (the provider's generated request model); return the job refs.

        Raises:
            SubmissionUncertainError: the request may have created a job and was not retried.
            ProviderError: the provider refused it.

        """
        refs = await self.adapter.submit(request, idempotency_key=idempotency_key)
        self._submitted.record(refs, self._clock(), type(request).__name__)
        return refs

    def forget_submitted(self, refs: Sequence[JobRef]) -> None:
        """Forget when ``refs`` were submitted: another waiter watches them (the batch runner).

        :meth:`wait` would otherwise keep each job's submission time until it waits for it
        (up to :data:`SUBMITTED_KEPT` jobs). Never raises for an unknown ref.
        """
        for ref in refs:
            self._submitted.forget(ref)

    async def status(self, ref: JobRef) -> JobStatus:
        """Return the job's current status."""
        return await self.adapter.status(ref)

    async def result(self, ref: JobRef) -> R:
        """Return the finished job's typed result (``R``: see :data:`RESULT_TYPES`).

        A result :meth:`wait` already read is handed over without a request (once: a second
        call reads the provider again).
        """
        if ref in self._collected:
            return cast("R", self._collected.pop(ref))
        return cast("R", await self.adapter.result(ref))

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
        collect: bool = True,
        timing: Timing = PROMPT,
    ) -> dict[JobRef, JobStatus]:
        """Wait until every job is final; return the final statuses.

        The waiting engine (:mod:`scrapejobs.waiting`) decides when to read what: reads are timed
        from the durations of the jobs of the same kind this object has seen end (none right
        after submitting), jobs one request can read together are read together, and the
        provider's floor and ``Retry-After`` are kept. With ``collect`` (the default) each
        job's result is read as the job ends — in the same request where the provider allows
        — and kept for :meth:`result`, whose next call for that job then sends nothing.
        ``timing`` trades reads for time to a result (:data:`~scrapejobs.waiting.PROMPT`, or
        :data:`~scrapejobs.waiting.FRUGAL` for fewer reads); ``backoff`` replaces the learned
        timing with a fixed schedule (e.g. 1 s doubling). :meth:`as_completed` hands over each job as it ends instead of all at the end.

        With ``events`` (fed by a webhook receiver) a delivery wakes its job at once; every job
        is still read each ``fallback_interval`` seconds, so a lost delivery delays the wait by
        at most that much.

        ``timeout`` bounds the whole wait, requests in flight included: a server that stops
        answering (or trickles) cannot hold it past ``timeout`` seconds of real time, and the
        injected clock ends it after ``timeout`` of its seconds.

        Raises:
            JobTimeoutError: when ``timeout`` seconds pass first; it lists the unfinished jobs
                (cancelled first when ``cancel_on_timeout``).
            JobFailedError: for the first failed or cancelled job when ``raise_on_failure``
                (otherwise such jobs are returned with their state).
            NotFoundError: the provider no longer knows a job.
            ProviderError: a read failed for good (e.g. AuthenticationError).

        """
        finished = self.as_completed(
            refs,
            timeout=timeout,
            backoff=backoff,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            events=events,
            fallback_interval=fallback_interval,
            collect=collect,
            timing=timing,
        )
        async with contextlib.aclosing(finished):
            return {status.ref: status async for status in finished}

    async def as_completed(
        self,
        refs: Sequence[JobRef],
        *,
        timeout: float = 600.0,
        backoff: Backoff | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = True,
        events: WebhookEvents | None = None,
        fallback_interval: float = 30.0,
        collect: bool = True,
        timing: Timing = PROMPT,
    ) -> AsyncGenerator[JobStatus, None]:
        """Yield each job's final status as soon as the job ends (its result is then collected).

        The same waiting, options and errors as :meth:`wait`, which this underlies: each status
        comes out when the read that found it final (and, with ``collect``, its result) came
        back; :meth:`result` then hands the result over without a request. Leaving the loop
        early stops the reads.
        """
        started = self._clock()
        wanted = list(dict.fromkeys(refs))
        outcomes: asyncio.Queue[Outcome | None] = asyncio.Queue()
        engine = WaitEngine(
            self.adapter,
            on_outcome=outcomes.put_nowait,
            clock=self._clock,
            sleep=self._sleep,
            model=self._durations,
            events=events,
            fallback_interval=fallback_interval,
            schedule=backoff,
            rng=self._rng,
            collect=collect,
            strict=True,
            timing=timing,
        )
        self._submitted.watch(engine, wanted, delivered=events is not None)
        engine.close()
        driver = asyncio.create_task(_drive(engine, outcomes, started=started, timeout=timeout))
        done: set[JobRef] = set()
        try:
            while (outcome := await outcomes.get()) is not None:
                done.add(outcome.ref)
                self._submitted.forget(outcome.ref)
                yield _settle(outcome, self, raise_on_failure=raise_on_failure)
            if engine.error is not None:
                raise engine.error
            pending = [ref for ref in wanted if ref not in done]
            if pending:
                waited = max(timeout, self._clock() - started)
                await _time_out(self.adapter, pending, waited, cancel=cancel_on_timeout)
        finally:
            engine.stop()
            driver.cancel()
            await asyncio.gather(driver, return_exceptions=True)


def _settle(outcome: Outcome, jobs: AsyncJobs[Any], *, raise_on_failure: bool) -> JobStatus:
    """Return the final status of ``outcome``'s job, keeping its result for ``jobs.result``.

    Raises:
        ProviderError: the read that ended the job failed (NotFoundError when it vanished).
        JobFailedError: the job failed or was cancelled and ``raise_on_failure`` is set.

    """
    status = outcome.status
    if status is None:
        raise outcome.error or NotFoundError(
            f"{outcome.ref} vanished", provider=jobs.provider, status_code=404
        )
    if outcome.has_result:
        jobs._collected[outcome.ref] = outcome.result
    if raise_on_failure and status.state in (JobState.FAILED, JobState.CANCELLED):
        raise JobFailedError(
            provider=jobs.provider,
            job=str(outcome.ref),
            state=status.state.value,
            reason=redact(status.reason, jobs._secrets) if status.reason else None,
        )
    return status


async def _drive(
    engine: WaitEngine, outcomes: asyncio.Queue[Outcome | None], *, started: float, timeout: float
) -> None:
    """Run ``engine`` until it is done or ``timeout`` passes, then put the end marker (None).

    ``timeout`` bounds both real time (requests in flight included) and the engine's clock
    (``started + timeout``). Never raises TimeoutError: what is unfinished is the caller's to
    report; an engine failure is left on ``engine.error``.
    """
    try:
        async with asyncio.timeout(timeout if math.isfinite(timeout) else None):
            await engine.run(deadline=started + timeout)
    except TimeoutError:
        pass  # the real-time bound: what is unfinished is reported by the caller
    finally:
        outcomes.put_nowait(None)


async def _time_out(
    adapter: Adapter, pending: Sequence[JobRef], waited: float, *, cancel: bool
) -> NoReturn:
    """Cancel ``pending`` when asked, then raise JobTimeoutError listing them (always)."""
    if cancel:
        for ref in pending:
            await adapter.cancel(ref)
    raise JobTimeoutError(
        provider=adapter.provider, job_ids=tuple(str(ref) for ref in pending), waited=waited
    )


class Jobs(Generic[R]):
    """The sync twin of :class:`AsyncJobs`: same constructor, same methods, blocking.

    ``sleep`` may be a plain function or a coroutine function.
    """

    # fmt: off
    @overload
    def __init__(self: Jobs[TaskResults], provider: Literal["decodo"], token: str, **kw: Unpack[SyncOptions]) -> None: ...
    @overload
    def __init__(self: Jobs[Task], provider: Literal["scrapedo"], token: str, **kw: Unpack[SyncOptions]) -> None: ...
    @overload
    def __init__(self: Jobs[ScrapeResult], provider: Literal["scrapingpros"], token: str, **kw: Unpack[SyncOptions]) -> None: ...
    @overload
    def __init__(self: Jobs[Job], provider: Literal["scraperapi"], token: str, **kw: Unpack[SyncOptions]) -> None: ...
    @overload
    def __init__(self: Jobs[JobResult], provider: Literal["scrapio"], token: str, **kw: Unpack[SyncOptions]) -> None: ...
    @overload
    def __init__(self: Jobs[Any], provider: str, token: str, **kw: Unpack[SyncOptions]) -> None: ...
    # fmt: on
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
        self._async: AsyncJobs[R] = self._call(_construct(provider, token, kwargs))
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

    def result(self, ref: JobRef) -> R:
        """See :meth:`AsyncJobs.result`."""
        return self._call(self._async.result(ref))

    def cancel(self, ref: JobRef) -> JobStatus:
        """See :meth:`AsyncJobs.cancel`."""
        return self._call(self._async.cancel(ref))

    def wait(self, refs: Sequence[JobRef], **kwargs: Any) -> dict[JobRef, JobStatus]:
        """See :meth:`AsyncJobs.wait`."""
        return self._call(self._async.wait(refs, **kwargs))

    def as_completed(self, refs: Sequence[JobRef], **kwargs: Any) -> Iterator[JobStatus]:
        """See :meth:`AsyncJobs.as_completed` (a generator; closing it stops the reads)."""
        finished = self._async.as_completed(refs, **kwargs)

        async def step() -> JobStatus:
            return await anext(finished)

        try:
            while True:
                try:
                    yield self._call(step())
                except StopAsyncIteration:
                    return
        finally:
            self._call(finished.aclose())

    def close(self) -> None:
        """Close the HTTP client, then stop the private event loop (unusable afterwards)."""
        self._call(self._async.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def __enter__(self) -> Jobs[R]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


async def _construct(provider: str, token: str, kwargs: dict[str, Any]) -> AsyncJobs[Any]:
    """Build the async client on the sync twin's loop (httpx clients bind to their loop)."""
    return AsyncJobs(provider, token, **kwargs)
