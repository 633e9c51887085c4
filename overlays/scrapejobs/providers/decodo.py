"""Decodo through ``decodo_client``: single tasks and batches, status, results (no cancel).

Decodo has no idempotency key, so a submission is retried only when it provably never reached
Decodo, or was refused outright (429, e.g. the batch endpoint's one request per second);
otherwise an uncertain answer raises :class:`~scrapejobs.errors.SubmissionUncertainError`.
Decodo reports one task per request, so :meth:`DecodoAdapter.statuses` keeps the default (one
``get_task`` per task), and it cannot cancel a task.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from decodo_client import AuthenticatedClient, models
from decodo_client.api.tasks import create_task, create_task_batch, get_task, get_task_results
from decodo_client.models import BatchResponse, Task, TaskResults
from decodo_client.types import Unset

from scrapejobs.backoff import MIN_BATCH_INTERVAL
from scrapejobs.errors import ConflictError, redact
from scrapejobs.jobs import Adapter, JobRef, JobStatus, Observation, WaitCapabilities
from scrapejobs.retries import asubmit
from scrapejobs.states import JobState, normalise

LOG = logging.getLogger("scrapejobs")


def _variants(suffix: str) -> tuple[type[Any], ...]:
    """Return the generated request models whose names end with ``suffix``.

    The spec names every target's parameter set ``<Target>Task`` (for ``POST /v3/task``) and
    ``<Target>Batch`` (for ``POST /v3/task/batch``); ``Task`` itself is the response model.
    """
    return tuple(
        getattr(models, name)
        for name in models.__all__
        if name.endswith(suffix) and name not in ("Task", "BatchResponse", "BatchError")
    )


TASK_MODELS: tuple[type[Any], ...] = _variants("Task")
"""The 40 single-task request models (``UniversalTask``, ``GoogleSearchTask``, …)."""
BATCH_MODELS: tuple[type[Any], ...] = _variants("Batch")
"""The 40 batch request models (``UniversalBatch``, ``GoogleSearchBatch``, …)."""


class DecodoAdapter(Adapter):
    """Decodo Web Scraping API tasks (``/v3/task``), one :class:`JobRef` per task.

    A batch creates one task per primary input (``url``, ``query``, ``product_id`` or
    ``prompt``); each is its own ref. Decodo documents no failure reason for a ``faulted`` task,
    so :attr:`JobStatus.reason` is None.
    """

    provider = "decodo"
    client: AuthenticatedClient
    capabilities = WaitCapabilities(result_in_read=True)
    """``GET /v3/task/{id}/results`` answers 204 while a task is pending: it is the status read."""

    async def submit(self, request: Any, *, idempotency_key: str | None = None) -> list[JobRef]:
        """Submit a ``<Target>Task`` (one ref) or a ``<Target>Batch`` (one ref per task).

        Decodo takes no idempotency key: ``idempotency_key`` is never sent, and the submission
        is retried only when it never reached Decodo or was refused with 429.

        Raises:
            TypeError: ``request`` is not one of Decodo's generated request models.
            SubmissionUncertainError: the request may have created tasks and was not retried.
            ProviderError: Decodo refused the request (e.g. InvalidRequestError for 400/422).

        """
        del idempotency_key  # Decodo has none; never pretend a retry is safe
        if isinstance(request, BATCH_MODELS):
            return await self._submit_batch(request)
        if isinstance(request, TASK_MODELS):
            return [JobRef(self.provider, (await self._submit_task(request)).id)]
        raise TypeError(
            "decodo: expected a decodo_client.models <Target>Task or <Target>Batch, "
            f"got {type(request).__name__}"
        )

    async def _submit_task(self, request: Any) -> Task:
        async def call() -> Task:
            response = await self.send(create_task.asyncio_detailed, body=request)
            task: Task = self.check(response, 200)
            return task

        return await asubmit(call, provider=self.provider, idempotency_key=None, policy=self.retry)

    _last_batch_at: float | None = None

    def failure_reason(self, result: Any) -> str | None:
        """Return a faulted task's reason from its results: each entry's status and ``help``."""
        if not isinstance(result, TaskResults):
            return None
        parts = []
        for entry in result.results:
            text = "" if isinstance(entry.help_, Unset) else str(entry.help_)
            parts.append(f"status {entry.status_code}" + (f": {text}" if text else ""))
        return "; ".join(parts) or None

    def submit_delay(self, request: Any) -> float:
        """Return how long a batch would wait now for Decodo's one-per-second pace (else 0)."""
        if not isinstance(request, BATCH_MODELS) or self._last_batch_at is None:
            return 0.0
        interval = MIN_BATCH_INTERVAL[self.provider]
        return max(0.0, self._last_batch_at + interval - self.clock())

    async def _space_batches(self) -> None:
        """Keep Decodo's documented limit of one batch request per second (per account)."""
        interval = MIN_BATCH_INTERVAL[self.provider]
        now = self.clock()
        # Reserve the slot before awaiting, so concurrent submissions queue one second apart.
        slot = now if self._last_batch_at is None else max(now, self._last_batch_at + interval)
        self._last_batch_at = slot
        if slot > now:
            await self.sleep(slot - now)

    async def _submit_batch(self, request: Any) -> list[JobRef]:
        async def call() -> BatchResponse:
            response = await self.send(create_task_batch.asyncio_detailed, body=request)
            batch: BatchResponse = self.check(response, 200)
            return batch

        await self._space_batches()
        batch = await asubmit(call, provider=self.provider, idempotency_key=None, policy=self.retry)
        if not isinstance(batch.errors, Unset) and batch.errors:
            LOG.warning(
                "decodo: batch %s reported %d error(s) for inputs that got no task: %s",
                batch.id if not isinstance(batch.id, Unset) else "?",
                len(batch.errors),
                redact(str([error.to_dict() for error in batch.errors]), self._secrets),
            )
        queries = [] if isinstance(batch.queries, Unset) else batch.queries
        return [JobRef(self.provider, task.id) for task in queries]

    async def observe(self, refs: Sequence[JobRef]) -> Mapping[JobRef, Observation]:
        """Read each task's results: 204 means pending, 200 brings the results with the news.

        A task whose results all lack ``content`` may have faulted (Decodo documents no results
        of a faulted task): its status is then read too, so the state is the provider's own.
        The status in a 200 observation has the ``TaskResults`` as ``model``.

        Raises:
            NotFoundError: unknown task, another account's, or older than 24 h.

        """
        seen: dict[JobRef, Observation] = {}
        for ref in refs:
            results = await self._results(ref)
            if results is None:
                seen[ref] = Observation(JobStatus(ref, JobState.RUNNING, "pending", None))
            elif any(entry.content is not None for entry in results.results):
                status = JobStatus(ref, JobState.SUCCEEDED, "done", results)
                seen[ref] = Observation(status, results, True)
            else:
                status = await self.status(ref)
                seen[ref] = Observation(status, results, status.state.final)
        return seen

    async def status(self, ref: JobRef) -> JobStatus:
        """Return the task's status (``pending`` → running, ``done``, ``faulted`` → failed).

        ``model`` is the generated ``Task``; ``reason`` is None (Decodo documents none).

        Raises:
            NotFoundError: unknown task, another account's, or older than 24 h.

        """

        async def call() -> Task:
            task: Task = self.check(await self.send(get_task.asyncio_detailed, ref.job_id), 200)
            return task

        task: Task = await self.read("get_task", call)
        return JobStatus(ref, normalise(self.provider, task.status), str(task.status), task, None)

    async def result(self, ref: JobRef) -> TaskResults:
        """Return the typed ``TaskResults`` of a finished task: one entry per fetched page.

        ``content`` is the page (HTML or Markdown string, base64 PNG for ``headless: png``) or a
        ``ParsedContent`` for ``parse: true``. A faulted task's entry may have ``content`` None,
        a non-2xx ``status_code`` and a ``help_`` text.

        Raises:
            ConflictError: (``status_code`` 204) the task is still pending: no result yet.
            NotFoundError: unknown task, another account's, or older than 24 h.

        """
        results = await self._results(ref)
        if results is None:
            raise ConflictError(
                f"task {ref.job_id} is still pending: no result yet",
                provider=self.provider,
                status_code=204,
            )
        return results

    async def _results(self, ref: JobRef) -> TaskResults | None:
        """Return the task's results, or None while it is pending (204)."""

        async def call() -> TaskResults | None:
            response = await self.send(get_task_results.asyncio_detailed, ref.job_id)
            results: TaskResults | None = self.check(response, 200, 204)
            return results if int(response.status_code) == 200 else None

        results: TaskResults | None = await self.read("get_task_results", call)
        return results
