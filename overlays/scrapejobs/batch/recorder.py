"""The outcome recorder: the waiting engine's outcome of a job becomes its input's outcome.

Outcomes are committed to the ledger in groups (when :data:`FLUSH_AT` are waiting, when the
waiting engine idles, and at the end of the run) and only then yielded: an outcome the caller
sees is always durable.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from scrapejobs.batch.ledger import Ledger
from scrapejobs.batch.ledger_io import LedgerThread
from scrapejobs.batch.results import ItemResult, ItemState, RunStats, item_state
from scrapejobs.batch.watchlist import Watchlist
from scrapejobs.errors import NotFoundError
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState
from scrapejobs.waiting import Outcome

FLUSH_AT = 256
"""Outcomes waiting for their commit that start one at once."""

_Finished = tuple[JobRef, JobState, Any, str | None, ItemState]


class OutcomeRecorder:
    """Record outcomes in ``ledger`` (on its thread ``db``), then hand them to :attr:`emit`.

    :meth:`record` counts an input's outcome in ``stats`` and emits it; :meth:`outcome` takes
    the engine's outcome of a job in ``watchlist`` (jobs not watched are ignored) for the next
    group commit, which :meth:`flush_loop` makes.
    """

    def __init__(
        self, ledger: Ledger, db: LedgerThread, watchlist: Watchlist, stats: RunStats
    ) -> None:
        self.ledger = ledger
        self.stats = stats
        self.emit: Callable[[ItemResult], None] = lambda _item: None
        """Where recorded outcomes go (the run's result queue); must not raise."""
        self._db = db
        self._watchlist = watchlist
        self._finished: list[_Finished] = []
        """Outcomes waiting for their group commit."""
        self._done_inputs: dict[JobRef, Any] = {}
        self._stopping = False
        self._flush_now = asyncio.Event()

    def record(self, item: ItemResult) -> None:
        """Count ``item`` and emit it (the caller has made it durable, or it needs no record)."""
        self.stats.by_state[item.state] += 1
        self.emit(item)

    def outcome(self, outcome: Outcome) -> None:
        """Turn the engine's outcome of a job into the run's outcome of its input."""
        status, error = outcome.status, outcome.error
        if status is None:
            reason = f"the provider no longer knows the job: {error}"
            self.finish(outcome.ref, JobState.EXPIRED, None, reason)
        elif outcome.has_result:
            result = outcome.result
            data = result.to_dict() if hasattr(result, "to_dict") else result
            self.finish(outcome.ref, status.state, data, status.reason)
        elif status.state is not JobState.SUCCEEDED:
            self.finish(outcome.ref, status.state, None, status.reason)  # nothing to collect
        elif isinstance(error, NotFoundError):
            reason = f"result no longer available: {error}"
            self.finish(outcome.ref, JobState.EXPIRED, None, reason)
        else:
            reason = f"result never became readable: {error}"
            self.finish(outcome.ref, JobState.EXPIRED, None, reason)

    def finish(self, ref: JobRef, state: JobState, result: Any, reason: str | None) -> None:
        """Take watched job ``ref``'s final outcome for the next commit (unwatched: ignored)."""
        item = self._watchlist.pop(ref)
        if item is None:
            return
        self._finished.append((ref, state, result, reason, item_state(state)))
        self._done_inputs[ref] = item
        if len(self._finished) >= FLUSH_AT:
            self._flush_now.set()

    def idle(self) -> None:
        """Commit and yield what finished while the engine waits."""
        if self._finished:
            self._flush_now.set()

    async def flush_loop(self) -> None:
        """Commit outcomes when :data:`FLUSH_AT` wait, when the engine idles, and at :meth:`stop`.

        Stop it with :meth:`stop`, never by cancellation: a cancelled flush could lose the
        outcomes it had taken (they are in the ledger, but would not be yielded).
        """
        while not self._stopping:
            await self._flush_now.wait()
            self._flush_now.clear()
            await self.flush()
        await self.flush()

    def stop(self) -> None:
        """Make :meth:`flush_loop` commit what is left and return."""
        self._stopping = True
        self._flush_now.set()

    async def flush(self) -> None:
        """Commit finished outcomes in one transaction, then yield them.

        Raises:
            LedgerIOError: the ledger could not be written (nothing of the group is yielded).

        """
        batch, self._finished = self._finished, []
        if not batch:
            return
        await self._db(
            self.ledger.finished_many,
            [(ref, state, result, reason) for ref, state, result, reason, _ in batch],
        )
        for ref, _state, result, reason, state_of_item in batch:
            item = self._done_inputs.pop(ref)
            self.record(ItemResult(item, state_of_item, ref, result, reason))
