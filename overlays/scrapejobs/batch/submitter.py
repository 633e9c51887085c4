"""The submitter: every planned submission sent once, recorded before and after it is sent.

The rules that keep a paid-for job from being lost or paid twice:

- the intent (with its idempotency key, where the provider has one) is committed before the
  request goes out, and the job ids the provider answered with right after;
- a submission that comes back uncertain is resent only with its idempotency key (which makes
  the provider answer with what the first attempt created), else looked up in the provider's
  job listing, else recorded uncertain and reported — never sent again without the user;
- a refused credential stops the run, leaving the intent for the next run to resolve;
- submissions wait for the provider's free concurrency (:class:`~scrapejobs.batch.capacity.Capacity`)
  and for a request slot; at most :func:`submissions_in_flight` are in doubt at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from scrapejobs.backoff import MIN_BATCH_INTERVAL
from scrapejobs.batch.capacity import Capacity
from scrapejobs.batch.context import RunContext
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import IntentEntry, Submission, SubmittedEntry, idempotency_key
from scrapejobs.batch.ledger_io import GroupCommit
from scrapejobs.batch.planning import PlannedSubmission, Planner
from scrapejobs.batch.results import ItemResult, ItemState, RunAbortedError
from scrapejobs.batch.slots import RequestSlots
from scrapejobs.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDeniedError,
    ProviderError,
    RateLimitedError,
    SubmissionUncertainError,
)
from scrapejobs.jobs import Adapter, JobRef, JobStatus

LOG = logging.getLogger("scrapejobs.batch.runner")

IDEMPOTENT_SUBMISSIONS = frozenset({"scrapio", "scrapingpros"})
"""Providers whose submissions carry an idempotency key: an interrupted one is safely resent."""

UNCERTAIN_RESENDS = 3
"""Resends of a submission that came back uncertain, with its idempotency key, before it is
reported uncertain (each after a poll delay; the key makes them create nothing new)."""

UNCERTAIN_SUBMISSIONS_IN_FLIGHT = 2
"""Submissions sent at once to a provider without idempotency keys: a crash leaves at most this
many in doubt (batches are large, so more in flight would not make a run faster)."""


def submissions_in_flight(provider: str, concurrency: int) -> int:
    """Return how many submissions the runner sends at once to ``provider``.

    Half of ``concurrency`` where submissions carry an idempotency key (a crash loses nothing);
    otherwise :data:`UNCERTAIN_SUBMISSIONS_IN_FLIGHT`, and 1 where the provider paces batch
    submissions (Decodo: one per second), so no intent waits for its turn.
    """
    if provider in MIN_BATCH_INTERVAL:
        return 1
    if provider in IDEMPOTENT_SUBMISSIONS:
        return max(1, concurrency // 2)
    return min(UNCERTAIN_SUBMISSIONS_IN_FLIGHT, max(1, concurrency // 2))


class Submitter:
    """Send a run's submissions and record what became of each (see the module docstring).

    ``capacity`` holds back submissions beyond the provider's free concurrency; ``slots`` bounds
    the run's requests in flight; ``concurrency`` sets :func:`submissions_in_flight`.
    """

    def __init__(
        self, run: RunContext, *, capacity: Capacity, slots: RequestSlots, concurrency: int
    ) -> None:
        self.run = run
        self.capacity = capacity
        self.slots = slots
        # Intents and accepted submissions written while an earlier write commits share the
        # next commit: one fsync for many submissions, each still durable before it goes on.
        self._intents: GroupCommit[IntentEntry] = GroupCommit(
            run.db, run.ledger, "intend_many", withdraw_cancelled=True
        )
        self._accepted: GroupCommit[SubmittedEntry] = GroupCommit(
            run.db, run.ledger, "submitted_many"
        )
        self._turns = asyncio.Semaphore(submissions_in_flight(run.provider, concurrency))

    async def turn(self) -> None:
        """Wait for a new submission's turn (:meth:`send_new` gives it back)."""
        await self._turns.acquire()

    async def settle(self) -> None:
        """Wait until every ledger write handed over is committed (or failed); never raises."""
        await self._intents.settle()
        await self._accepted.settle()

    async def send_new(self, planned: PlannedSubmission) -> None:
        """Record ``planned``'s intent, send it, record the answer; ends the :meth:`turn`.

        Raises:
            RunAbortedError: the provider refused the credential (the intent stays).
            LedgerIOError: the ledger could not be written.

        """
        run = self.run
        try:
            input_keys = [item.key for item in planned.inputs]
            key = (
                idempotency_key(run.ledger.run_id, run.provider, planned.key, input_keys)
                if run.provider in IDEMPOTENT_SUBMISSIONS
                else None
            )
            await self.capacity.reserve(len(planned.inputs))
            try:
                # Wait out the provider's pace before recording the intent: an intent is a
                # submission in doubt until answered, so it must be written just before sending.
                model = run.planner.model(planned.request)  # built once: sent as checked
                pace = run.adapter.submit_delay(model)
                if pace > 0:
                    await run.jobs.sleep(pace)
                callback = run.webhooks.base_url if run.webhooks is not None else None
                stored: Mapping[str, str | None] = await self._intents(
                    (planned.key, run.provider, planned.request, key, input_keys, callback)
                )
                # Send with the key the ledger holds (a submission recorded before keeps its own).
                key = stored.get(planned.key, key)
                await self._send(
                    planned.key, planned.request, key, planned.inputs, callback, model=model
                )
            finally:
                self.capacity.release(len(planned.inputs))
        finally:
            self._turns.release()

    async def send_existing(self, sub: Submission, by_key: Mapping[str, RunInput]) -> None:
        """Send again recorded submission ``sub`` (resumed), with its own key and callback.

        Raises what :meth:`send_new` raises.
        """
        async with self._turns:
            items = tuple(by_key[key] for key in sub.inputs if key in by_key)
            await self.capacity.reserve(len(items))
            try:
                await self._send(sub.key, sub.request, sub.idempotency_key, items, sub.callback)
            finally:
                self.capacity.release(len(items))

    async def _send(
        self,
        key: str,
        request: Mapping[str, Any],
        idempotency_key: str | None,
        items: Sequence[RunInput],
        callback: str | None,
        *,
        model: Any = None,
    ) -> None:
        """Send one recorded submission and record what became of it (never raises for it).

        ``callback`` is the webhook base URL recorded with the intent: a resend carries the body
        of the first attempt, so a provider honouring the idempotency key answers with the job
        that attempt created instead of refusing the key. ``model``: ``request``'s request model
        when the caller already built it (else built here).
        """
        run = self.run
        if model is None:
            model = run.planner.model(request, items[0].line if items else 0)
        if run.webhooks is not None:
            model = run.webhooks.apply(run.provider, model, base_url=callback)
        refs = await self._submit(key, model, idempotency_key, items)
        if refs is not None:
            kind = type(model).__name__
            await self._accept(key, refs, items, kind=kind, polled=run.foreign(callback))

    async def _submit(
        self, key: str, model: Any, idempotency_key: str | None, items: Sequence[RunInput]
    ) -> list[JobRef] | None:
        """Return the jobs ``model`` created; None when it was recorded refused or uncertain."""
        run = self.run
        attempt = 0
        resends = 0
        while True:
            try:
                async with self.slots.hold():
                    run.stats.submissions += 1
                    return await run.jobs.submit(model, idempotency_key=idempotency_key)
            except SubmissionUncertainError as error:
                if idempotency_key is not None and resends < UNCERTAIN_RESENDS:
                    # The key makes the provider answer a resend with what the first attempt
                    # created (ScrapingPros: its collection and that collection's run), if any.
                    resends += 1
                    await run.jobs.sleep(run.polling.delay(resends, run.jobs.rng))
                    continue
                found = await self._created_anyway(model)
                if found:
                    return found
                await self._uncertain(key, f"{error}", items)
                return None
            except (AuthenticationError, PermissionDeniedError) as error:
                # Nothing was created and the next run should send it again: leave the intent
                # (resent with its key, or reported uncertain) and stop the run.
                raise RunAbortedError(f"{run.provider} refused the run: {error}") from error
            except RateLimitedError as error:
                attempt += 1
                hint = error.retry_after
                await run.jobs.sleep(run.polling.delay(attempt, run.jobs.rng, hint=hint))
            except ProviderError as error:
                await self._refused(key, error, idempotency_key, items)
                return None

    async def _uncertain(self, key: str, reason: str, items: Sequence[RunInput]) -> None:
        """Record submission ``key`` uncertain; report its inputs uncertain."""
        await self.run.db(self.run.ledger.uncertain, key, reason)
        for item in items:
            self.run.record(ItemResult(item, ItemState.UNCERTAIN, None, None, reason))

    async def _refused(
        self,
        key: str,
        error: ProviderError,
        idempotency_key: str | None,
        items: Sequence[RunInput],
    ) -> None:
        """Record what the provider's refusal ``error`` of submission ``key`` means."""
        reason = str(error)
        if isinstance(error, ConflictError) and idempotency_key is not None:
            # The key was used before with another body: a job may exist for it.
            await self._uncertain(
                key, reason + " (a job may exist for this submission's idempotency key)", items
            )
            return
        await self.run.db(self.run.ledger.refused, key, reason)
        for item in items:
            self.run.record(ItemResult(item, ItemState.REFUSED, None, None, reason))

    async def _accept(
        self,
        key: str,
        refs: Sequence[JobRef],
        items: Sequence[RunInput],
        *,
        kind: str,
        polled: bool,
    ) -> None:
        """Record the jobs ``refs`` of submission ``key`` (paired with ``items``); watch them."""
        run = self.run
        pairs, unmatched = await assign(run.adapter, run.planner, refs, items)
        missing = (
            f"{run.provider} created {len(refs)} job(s) for {len(items)} input(s); "
            "this input got none"
            if unmatched
            else None
        )
        await self._accepted(
            (
                key,
                [ref for ref, _ in pairs],
                [item.key if item else None for _, item in pairs],
                missing,
            )
        )
        run.stats.jobs += len(pairs)
        for item in unmatched:
            run.record(ItemResult(item, ItemState.REFUSED, None, None, missing))
        for ref, matched in pairs:
            if matched is not None:
                run.watch(ref, matched, kind=kind, polled=polled)

    async def _created_anyway(self, model: Any) -> list[JobRef] | None:
        """Return the jobs an uncertain submission created when the provider lists them.

        (A connection dropped after Scrape.do created the job.) Jobs the ledger already holds
        are never taken; None when the provider cannot tell, lists no match, or the listing
        fails — the submission then stays uncertain.
        """
        run = self.run
        try:
            known = known_ids(await run.db(run.ledger.submissions))
            found = await run.adapter.find_submitted(model, known)
        except (ProviderError, httpx.TransportError) as error:
            LOG.debug(
                "%s: could not list jobs after an uncertain submission: %s", run.provider, error
            )
            return None
        if found:
            LOG.info("%s: an uncertain submission's jobs are listed; watching them", run.provider)
        return found


async def assign(
    adapter: Adapter, planner: Planner, refs: Sequence[JobRef], items: Sequence[RunInput]
) -> tuple[list[tuple[JobRef, RunInput | None]], list[RunInput]]:
    """Pair each job with its input: by position, or by the primary value the job reports.

    The second happens when a Decodo batch created fewer tasks than it had inputs (one status
    read per job). Returns the pairs (input None where no input matched) and the inputs left
    without a job. Raises what the status reads raise.
    """
    if len(refs) == len(items):
        return list(zip(refs, items, strict=True)), []
    remaining: dict[str, list[RunInput]] = {}
    for item in items:
        remaining.setdefault(str(item.params.get(planner.primary(item), "")), []).append(item)
    pairs: list[tuple[JobRef, RunInput | None]] = []
    for ref in refs:
        status = await adapter.status(ref)
        bucket = remaining.get(_reported_primary(status)) or []
        pairs.append((ref, bucket.pop(0) if bucket else None))
    unmatched = [item for bucket in remaining.values() for item in bucket]
    return pairs, unmatched


def known_ids(submissions: Sequence[Submission]) -> set[str]:
    """Return every job id and scope id the recorded ``submissions`` hold (for listings)."""
    return {part for sub in submissions for ref in sub.refs for part in (ref.job_id, *ref.scope)}


def _reported_primary(status: JobStatus) -> str:
    model = status.model
    for name in ("url", "query", "prompt", "product_id"):
        value = getattr(model, name, None)
        if isinstance(value, str) and value:
            return value
    return ""
