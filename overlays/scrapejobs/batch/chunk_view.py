"""One chunk's view of a shared ledger, and each input's outcome as the ledger records it.

:class:`ChunkLedger` is the :class:`~scrapejobs.batch.ledger.Ledger` a worker's
:class:`~scrapejobs.batch.runner.BatchRunner` runs one chunk over: its reads show only the
submissions and outcomes of the chunk's inputs (so resuming a chunk never resends, or marks
uncertain, another worker's intents), and its intents are recorded only while the worker holds
the chunk (:class:`~scrapejobs.batch.claims.ClaimFence`). Everything else goes to the shared
ledger unchanged.

:func:`recorded_results` reads what the ledger holds for inputs: the outcome of each input that
has one (an ended job, or a final submission state: refused, uncertain), nothing for the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from scrapejobs.batch.claims import ClaimFence
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import (
    IntentEntry,
    Ledger,
    Outcome,
    SingleWrites,
    Submission,
    SubmissionState,
    SubmittedEntry,
)
from scrapejobs.batch.results import ItemResult, ItemState, item_state
from scrapejobs.batch.retry import superseded
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState

NO_JOB = "the provider created no job for this input"


class ChunkLedger(SingleWrites):
    """The :class:`Ledger` of one chunk (``keys``: its inputs' keys) over a shared ledger.

    With ``fence`` and ``chunk``, intents are recorded only while the worker holds the chunk
    (else :class:`~scrapejobs.batch.claims.LeaseLostError`, nothing recorded).
    """

    def __init__(
        self,
        ledger: Ledger,
        keys: frozenset[str],
        *,
        fence: ClaimFence | None = None,
        chunk: int = 0,
    ) -> None:
        self.inner = ledger
        self.keys = keys
        self.fence = fence
        self.chunk = chunk

    def __repr__(self) -> str:
        return f"ChunkLedger(chunk={self.chunk}, inputs={len(self.keys)})"

    def _mine(self, sub: Submission) -> bool:
        return any(key in self.keys for key in sub.inputs)

    @property
    def run_id(self) -> str:
        """See :attr:`Ledger.run_id`."""
        return self.inner.run_id

    def bind(
        self,
        provider: str,
        digest: str,
        *,
        count: int | None = None,
        prefix: Callable[[int], str] | None = None,
    ) -> None:
        """See :meth:`Ledger.bind` (the shared ledger is bound to the whole input)."""
        self.inner.bind(provider, digest, count=count, prefix=prefix)

    def _only_mine(self, input_keys: Sequence[str]) -> list[str]:
        return [key for key in input_keys if key in self.keys]

    def rounds(self) -> dict[str, int]:
        """See :meth:`Ledger.rounds` (only this chunk's inputs)."""
        return self.inner.rounds_of(sorted(self.keys))

    def rounds_of(self, input_keys: Sequence[str]) -> dict[str, int]:
        """See :meth:`Ledger.rounds_of` (only this chunk's inputs)."""
        return self.inner.rounds_of(self._only_mine(input_keys))

    def submissions_of(
        self, input_keys: Sequence[str], state: SubmissionState | None = None
    ) -> list[Submission]:
        """See :meth:`Ledger.submissions_of` (only this chunk's inputs)."""
        return self.inner.submissions_of(self._only_mine(input_keys), state)

    def outcomes_of(self, input_keys: Sequence[str]) -> Iterator[Outcome]:
        """See :meth:`Ledger.outcomes_of` (only this chunk's inputs)."""
        return self.inner.outcomes_of(self._only_mine(input_keys))

    def retry(self, input_keys: Sequence[str]) -> int:
        """See :meth:`Ledger.retry`."""
        return self.inner.retry(input_keys)

    def intend_many(self, entries: Sequence[IntentEntry]) -> Mapping[str, str | None]:
        """See :meth:`Ledger.intend_many`; recorded only while this worker holds the chunk.

        Raises:
            LeaseLostError: the chunk is no longer this worker's (nothing was recorded).

        """
        if self.fence is None:
            return self.inner.intend_many(entries)
        with self.fence.held(self.chunk):
            return self.inner.intend_many(entries)

    def submitted_many(self, entries: Sequence[SubmittedEntry]) -> None:
        """See :meth:`Ledger.submitted_many`."""
        self.inner.submitted_many(entries)

    def reopen(self, key: str) -> None:
        """See :meth:`Ledger.reopen`."""
        self.inner.reopen(key)

    def uncertain(self, key: str, reason: str) -> None:
        """See :meth:`Ledger.uncertain`."""
        self.inner.uncertain(key, reason)

    def refused(self, key: str, reason: str) -> None:
        """See :meth:`Ledger.refused`."""
        self.inner.refused(key, reason)

    def finished_many(self, outcomes: Sequence[tuple[JobRef, JobState, Any, str | None]]) -> None:
        """See :meth:`Ledger.finished_many`."""
        self.inner.finished_many(outcomes)

    def submission(self, key: str) -> Submission | None:
        """See :meth:`Ledger.submission` (None for another chunk's submission)."""
        found = self.inner.submission(key)
        return found if found is not None and self._mine(found) else None

    def submissions(self, state: SubmissionState | None = None) -> list[Submission]:
        """See :meth:`Ledger.submissions` (only those carrying this chunk's inputs)."""
        return self.inner.submissions_of(sorted(self.keys), state)

    def outstanding(self) -> list[JobRef]:
        """See :meth:`Ledger.outstanding` (only this chunk's jobs)."""
        mine = {
            ref
            for sub in self.submissions(SubmissionState.SUBMITTED)
            for ref, key in zip(sub.refs, sub.job_inputs, strict=True)
            if key is None or key in self.keys
        }
        return [ref for ref in self.inner.outstanding() if ref in mine]

    def outcomes(self) -> Iterator[Outcome]:
        """See :meth:`Ledger.outcomes` (only this chunk's inputs)."""
        return self.inner.outcomes_of(sorted(self.keys))

    def durations(self, limit: int = 1024) -> list[tuple[str, float]]:
        """See :meth:`Ledger.durations` (only this chunk's submissions).

        What earlier runs of this chunk saw, as for a resumed run. Not the other chunks': their
        durations are upper bounds (acceptance to recorded outcome, read delays included), and
        the worker's jobs client already learns the real ones as its jobs end; teaching them
        again at each chunk would make every chunk wait longer than the one before.
        """
        return [
            (key, seconds)
            for key, seconds in self.inner.durations(limit)
            if key.split("+", 1)[0] in self.keys
        ]


def recorded_results(ledger: Ledger, by_key: Mapping[str, RunInput]) -> dict[str, ItemResult]:
    """Return the recorded outcome of each input of ``by_key`` that has one, by input key.

    An input has one when its (latest, not superseded) job ended, its submission was refused,
    accepted without a job for it, or is uncertain; an input whose submission is in intent or
    whose job is still running has none. Reads only; never raises beyond the ledger's errors.
    """
    rounds = ledger.rounds()
    found: dict[str, ItemResult] = {}
    for sub in ledger.submissions():
        with_job = set(sub.job_inputs)
        for key in sub.inputs:
            item = by_key.get(key)
            if item is None or superseded(rounds, sub.key, key):
                continue
            if sub.state is SubmissionState.REFUSED:
                found[key] = ItemResult(item, ItemState.REFUSED, None, None, sub.reason)
            elif sub.state is SubmissionState.UNCERTAIN:
                found[key] = ItemResult(item, ItemState.UNCERTAIN, None, None, sub.reason)
            elif sub.state is SubmissionState.SUBMITTED and key not in with_job:
                found[key] = ItemResult(item, ItemState.REFUSED, None, None, sub.reason or NO_JOB)
    for outcome in ledger.outcomes():
        item = by_key.get(outcome.input_key or "")
        if item is None or superseded(rounds, outcome.submission_key, outcome.input_key):
            continue
        state = item_state(outcome.state)
        found[item.key] = ItemResult(item, state, outcome.ref, outcome.result, outcome.reason)
    return found
