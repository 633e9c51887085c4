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
from typing import Any, TypeVar

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


class NotSupportedError(NotImplementedError):
    """The provider has no such operation (e.g. Decodo cannot cancel a task)."""


class Adapter(ABC):
    """One provider's jobs, reached through its generated client only (its public API)."""

    provider: str

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


__all__ = ["Adapter", "JobRef", "JobStatus", "NotSupportedError", "ProviderError"]
