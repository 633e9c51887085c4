"""The provider-neutral job model and the adapter contract every provider implements.

An adapter turns one provider's generated client into five async operations on
:class:`JobRef` values: submit (and batch submit), status (and many statuses in one request
where the provider can), result and cancel. Everything typed stays the generated models:
``JobStatus.model`` and results are ``<provider>_client.models`` instances.

Adapters make every request through :meth:`Adapter.send` and read its answer with
:meth:`Adapter.check`: between them, any answer at all (an HTML 503, an empty 401, a 200 that is
not JSON, a 299) comes out as the parsed model or a typed, redacted
:class:`~scrapejobs.errors.ProviderError`, never as a ``JSONDecodeError`` or ``KeyError``.
"""

from __future__ import annotations

import asyncio
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

import httpx

from scrapejobs.answers import WireGuard, call_detailed, has_guard, with_guard
from scrapejobs.errors import ProviderError, error_from_response
from scrapejobs.retries import RetryPolicy, aread
from scrapejobs.states import JobState

T = TypeVar("T")


@dataclass(frozen=True)
class JobRef:
    """Identifies one job at one provider.

    ``scope`` holds the ids of what contains the job where the provider nests them: the
    Scrape.do job id of a task, or the ScrapingPros collection and run ids of a job.
    """

    provider: str
    job_id: str
    scope: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "/".join((self.provider, *self.scope, self.job_id))


@dataclass(frozen=True)
class JobStatus:
    """What the provider says about a job: the normalised state and the typed answer."""

    ref: JobRef
    state: JobState
    raw_status: str
    """The provider's own status word."""
    model: Any = field(default=None, repr=False, compare=False)
    """The generated model the provider answered with."""
    reason: str | None = None
    """The provider's reason for a failure, when it gives one."""


@dataclass(frozen=True)
class Observation:
    """One read's news about a job: its status and, when the same answer held it, its result."""

    status: JobStatus
    result: Any = field(default=None, repr=False)
    """The typed result (only when ``has_result``)."""
    has_result: bool = False


@dataclass(frozen=True)
class WaitCapabilities:
    """How a provider lets a waiter learn that jobs ended, as its adapter declares it.

    The waiting engine (:mod:`scrapejobs.waiting`) plans its reads from these.
    """

    scoped_reads: bool = False
    """One :meth:`Adapter.observe` answers for every job of a scope (a Scrape.do job's tasks,
    a ScrapingPros run's jobs): the scope is read as one unit."""
    result_in_read: bool = False
    """The read that finds a job final carries its result (no second request)."""
    min_interval: float = 0.0
    """Least seconds between two reads of one job (the provider's documented floor)."""
    job_deliveries: bool = True
    """A webhook delivery announces each job's end (ScrapingPros calls once per run: False)."""
    group_share: float = 0.05
    """A scope is read when about this share of its running jobs is expected to have ended."""


class NotSupportedError(NotImplementedError):
    """The provider has no such operation (e.g. Decodo cannot cancel a task)."""


class Adapter(ABC):
    """One provider's jobs, reached through its generated client only (its public API)."""

    provider: str
    capabilities: ClassVar[WaitCapabilities] = WaitCapabilities()
    """What the waiting engine may count on (see :class:`WaitCapabilities`)."""

    def __init__(
        self,
        client: Any,
        *,
        retry: RetryPolicy | None = None,
        secrets: Iterable[str] = (),
        token: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.retry = retry or RetryPolicy()
        self._secrets = tuple(secrets)
        self._token = token
        """The credential, for providers that put it in request bodies (ScraperAPI)."""
        self.clock = clock
        """Monotonic seconds (injectable); for providers with a documented request rate."""
        http = client.get_async_httpx_client()
        if not has_guard(http):  # a client not made by authenticated_client
            http.event_hooks = with_guard(http.event_hooks, WireGuard(self.provider, http.base_url))

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` with the injected sleep (``asyncio.sleep`` by default)."""
        await (self.retry.async_sleep or asyncio.sleep)(seconds)

    # -- operations ---------------------------------------------------------------------------

    @abstractmethod
    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Submit ``request`` (the provider's generated request model); return the job refs.

        One request may create several jobs (Scrape.do targets, ScrapingPros collection items,
        batches). Retries only where that cannot create a second job (see
        :mod:`scrapejobs.retries`).
        """

    @abstractmethod
    async def status(self, ref: JobRef) -> JobStatus:
        """Return the job's current status (retried on transient failures)."""

    async def statuses(self, refs: Sequence[JobRef]) -> Mapping[JobRef, JobStatus]:
        """Return the status of every ref.

        Providers that can report many jobs in one request override this to do so; the default
        asks for each job in turn.
        """
        return {ref: await self.status(ref) for ref in refs}

    @abstractmethod
    async def result(self, ref: JobRef) -> Any:
        """Return the finished job's typed result (retried on transient failures).

        Raises:
            ProviderError: e.g. NotFoundError when the result expired, ConflictError when it is
                not ready.

        """

    async def find_submitted(self, request: Any, known: set[str]) -> list[JobRef] | None:
        """Look for jobs ``request`` created whose answer was lost (a crash while sending).

        Returns the refs (in request order) of a job the provider lists that matches
        ``request`` and whose id is not in ``known`` (ids already accounted for), or None when
        the provider offers no way to tell (the default) or none matched. Only a positive
        match is trusted; a miss never proves that nothing was created.
        """
        del request, known
        return None

    async def observe(self, refs: Sequence[JobRef]) -> Mapping[JobRef, Observation]:
        """Learn what ``refs`` are doing in the fewest requests the provider allows.

        ``refs`` is one job, or jobs of one scope when :attr:`capabilities` says scopes are read
        whole. Returns an observation for each ref the answer told about (a ref left out is not
        known to have ended); a final one carries the result when the same answer held it. The
        default reads :meth:`statuses` (or :meth:`status` for one ref) and takes the result from
        :meth:`result_in_status`. Never reads a result it was not given with the status.

        Raises:
            ProviderError: as :meth:`status` (NotFoundError when the provider no longer knows a
                job).
            httpx.HTTPError: the read failed on the way (after its retries).

        """
        if len(refs) == 1:
            answers: Mapping[JobRef, JobStatus] = {refs[0]: await self.status(refs[0])}
        else:
            answers = await self.statuses(refs)
        seen: dict[JobRef, Observation] = {}
        for ref, status in answers.items():
            carried = self.result_in_status(status) if status.state.final else None
            seen[ref] = Observation(status, carried, carried is not None)
        return seen

    def reported_duration(self, observation: Observation) -> float | None:
        """Return how long the job ran by the provider's own timestamps, or None (the default).

        Used to learn job durations more precisely than "ended before this read".
        """
        del observation
        return None

    def failure_reason(self, result: Any) -> str | None:
        """Return why a job failed as its typed result tells, when the status did not say.

        None by default; Decodo's faulted tasks explain themselves only in their results.
        """
        del result
        return None

    def submit_delay(self, request: Any) -> float:
        """Return the seconds :meth:`submit` would wait before sending ``request`` now (pacing).

        0 unless the provider limits how often such requests may be sent (Decodo batches).
        Never waits or sends anything itself.
        """
        del request
        return 0.0

    def result_in_status(self, status: JobStatus) -> Any | None:
        """Return the typed result when ``status`` (a final one) already carries it, else None.

        Where the status answer holds the whole result (ScraperAPI's ``GET /jobs/{id}``, Scrape.do's
        Get Task) a second read would only cost a request — and ScraperAPI may drop a result after
        the first read. Never sends a request.
        """
        del status
        return None

    async def capacity(self) -> int | None:
        """Return how many more jobs the account may run at once now, or None for no limit.

        Only providers that publish such a limit override this (Scrape.do's free concurrency).
        """
        return None

    async def cancel(self, ref: JobRef) -> JobStatus:
        """Cancel the job and return its status afterwards.

        Raises:
            NotSupportedError: when the provider cannot cancel.

        """
        raise NotSupportedError(f"{self.provider} cannot cancel a job")

    # -- helpers for subclasses -----------------------------------------------------------------

    async def send(self, detailed: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """Return ``await detailed(*args, client=self.client, **kwargs)`` (a ``*_detailed`` call).

        Raises:
            ProviderError: the generated code could not read the answer (undocumented body or
                status): the typed error for its raw status, with a redacted excerpt (see
                :func:`scrapejobs.answers.call_detailed`).
            RedirectRefusedError: the answer redirected to another origin.
            httpx.HTTPError: the request failed on the way (timeouts included).

        """
        return await call_detailed(
            self.provider,
            lambda: detailed(*args, client=self.client, **kwargs),
            secrets=self._secrets,
        )

    def check(self, response: Any, *expected: int) -> Any:
        """Return ``response.parsed`` when its status is one of ``expected``; raise otherwise.

        ``response`` is a generated ``Response[T]`` (from a ``*_detailed`` call).

        Raises:
            ProviderError: the typed error for any other status, read from the envelope
                (UnexpectedResponseError for a status the provider does not document, e.g. a
                201 where 200 is documented).

        """
        status = int(response.status_code)
        if status in expected:
            return response.parsed
        raise error_from_response(
            self.provider,
            status,
            httpx.Headers(response.headers),
            response.content,
            secrets=self._secrets,
        )

    async def read(self, what: str, call: Any) -> Any:
        """Await ``call()`` with the read retry policy (transient failures retried)."""
        return await aread(call, what=f"{self.provider} {what}", policy=self.retry)


__all__ = [
    "Adapter",
    "JobRef",
    "JobStatus",
    "NotSupportedError",
    "Observation",
    "ProviderError",
    "WaitCapabilities",
]
