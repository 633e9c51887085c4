"""Resume: a run picked up from its ledger, nothing paid for lost or paid twice.

From what the ledger holds, :class:`Resume` replays the recorded outcomes, hands the jobs still
outstanding back to the waiting engine (dated from their acceptance), teaches the engine the
durations an earlier run saw, and decides about submissions in doubt: a submission with job ids
is never sent again; one interrupted between sending and recording is resent with its
idempotency key where the provider has one, adopted when the provider's job listing shows its
jobs, and otherwise recorded *uncertain* (resent only with ``resubmit_uncertain``).

It does so a chunk of inputs at a time, as the runner reads them (:meth:`Resume.chunk`): each
chunk's rounds, submissions and outcomes are read from the ledger by the chunk's input keys, so
a resumed run (or a rerun of a finished one) of ten million inputs holds one chunk's share of
the ledger, never all of it. A submission in doubt whose inputs reach into later chunks is
decided once they are all read.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence

import httpx

from scrapejobs.batch.context import RunContext
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import Submission, SubmissionState
from scrapejobs.batch.results import ItemResult, ItemState, item_state
from scrapejobs.batch.retry import superseded
from scrapejobs.batch.submitter import IDEMPOTENT_SUBMISSIONS, assign, known_ids
from scrapejobs.errors import ProviderError
from scrapejobs.jobs import JobRef

LOG = logging.getLogger("scrapejobs.batch.runner")


Resend = tuple[Submission, Mapping[str, RunInput]]
"""A submission to send again, with its inputs by key."""


class Resume:
    """Rebuild a run's state from its ledger, a chunk of inputs at a time (module docstring).

    ``learn(kind, seconds)`` teaches the waiting engine a duration an earlier run saw. The
    ledger is read per chunk (:meth:`chunk`: that chunk's rounds, submissions and outcomes),
    so memory holds one chunk's share of the ledger, never all of it.
    """

    def __init__(
        self,
        run: RunContext,
        *,
        learn: Callable[[str, float], None],
        resubmit_uncertain: bool = False,
    ) -> None:
        self.run = run
        self.learn = learn
        self.resubmit_uncertain = resubmit_uncertain
        self.rounds: Mapping[str, int] = {}
        """The retry round of each retried input of the chunk read last."""
        self._durations: dict[str, list[float]] | None = None
        self._waiting: dict[str, tuple[Submission, dict[str, RunInput], set[str]]] = {}
        """In-doubt submissions whose inputs are not all read yet: those found, keys seen."""
        self._known: set[str] | None = None

    async def chunk(self, items: Sequence[RunInput]) -> tuple[list[Resend], list[RunInput]]:
        """Resume the inputs ``items`` (consecutive, in input order) from the ledger.

        Replays their recorded outcomes, watches their outstanding jobs, decides about their
        submissions in doubt. Returns the submissions to send again (with their inputs) and
        the inputs of ``items`` the ledger does not hold (to be planned afresh). Raises
        LedgerIOError when the ledger cannot be read or written.
        """
        run = self.run
        by_key = {item.key: item for item in items}
        keys = list(by_key)
        await self._read_durations()
        self.rounds = await run.db(run.ledger.rounds_of, keys)
        submissions = await run.db(run.ledger.submissions_of, keys)
        finished = await self._replay(keys, by_key)
        covered: set[str] = set()
        to_send: list[Resend] = []
        for sub in submissions:
            current = {
                key: by_key[key] for key in sub.inputs if self._current(sub.key, key, by_key)
            }
            covered.update(current)
            kind = self._learn_from(sub)
            if sub.state is SubmissionState.SUBMITTED:
                self._watch_submitted(sub, by_key, current, finished, kind)
            elif sub.state is SubmissionState.REFUSED:
                for item in current.values():
                    run.record(ItemResult(item, ItemState.REFUSED, None, None, sub.reason))
            else:
                resend = await self._gathered(sub, by_key, current)
                if resend is not None:
                    to_send.append(resend)
        return to_send, [item for item in items if item.key not in covered]

    async def finish(self) -> list[Resend]:
        """Decide about the submissions in doubt still waiting for inputs (the inputs ended)."""
        to_send: list[Resend] = []
        waiting, self._waiting = self._waiting, {}
        for sub, current, _seen in waiting.values():
            resend = await self._in_doubt(sub, current)
            if resend is not None:
                to_send.append(resend)
        return to_send

    async def _read_durations(self) -> None:
        """Read once what an earlier run of this ledger saw jobs take, by submission."""
        if self._durations is not None:
            return
        self._durations = {}
        for sub_key, seconds in await self.run.db(self.run.ledger.durations):
            self._durations.setdefault(sub_key, []).append(seconds)

    def _learn_from(self, sub: Submission) -> str:
        """Teach the engine what ``sub``'s jobs took in an earlier run; return their kind."""
        if not sub.refs:
            return ""
        kind = self.run.kind(sub.request)
        for seconds in (self._durations or {}).pop(sub.key, ()):
            self.learn(kind, seconds)
        return kind

    def _current(self, submission_key: str, key: str, by_key: Mapping[str, RunInput]) -> bool:
        """Return whether input ``key`` is one of this chunk's and not retried since."""
        return key in by_key and not superseded(self.rounds, submission_key, key)

    async def _replay(self, keys: Sequence[str], by_key: Mapping[str, RunInput]) -> set[JobRef]:
        """Yield the outcomes earlier runs recorded for ``keys``; return those jobs."""
        run = self.run
        finished: set[JobRef] = set()
        outcomes_of = run.ledger.outcomes_of  # looked up here, on the loop (as run.db's calls are)
        for outcome in await run.db(lambda: list(outcomes_of(keys))):
            finished.add(outcome.ref)
            item = by_key.get(outcome.input_key or "")
            if item is None or superseded(self.rounds, outcome.submission_key, outcome.input_key):
                continue
            run.stats.replayed += 1
            state = item_state(outcome.state)
            run.record(ItemResult(item, state, outcome.ref, outcome.result, outcome.reason))
        return finished

    async def _gathered(
        self, sub: Submission, by_key: Mapping[str, RunInput], current: Mapping[str, RunInput]
    ) -> Resend | None:
        """Decide about in-doubt ``sub`` once all its inputs are read (those of later chunks too).

        Returns it when it is to be sent again.
        """
        _, found, seen = self._waiting.pop(sub.key, (sub, {}, set()))
        found.update(current)
        seen.update(key for key in sub.inputs if key in by_key)
        if len(seen) < len(set(sub.inputs)):
            self._waiting[sub.key] = (sub, found, seen)
            return None
        return await self._in_doubt(sub, found)

    def _watch_submitted(
        self,
        sub: Submission,
        chunk: Mapping[str, RunInput],
        current: Mapping[str, RunInput],
        finished: set[JobRef],
        kind: str,
    ) -> None:
        """Report the chunk's inputs of ``sub`` that got no job; watch their unfinished jobs.

        Counts the jobs of the chunk's inputs (those of no input with the chunk of its first).
        """
        run = self.run
        first = bool(sub.inputs) and sub.inputs[0] in chunk
        run.stats.jobs += sum(1 for key in sub.job_inputs if (key in chunk if key else first))
        with_job = {key for key in sub.job_inputs if key}
        for item in current.values():
            if item.key not in with_job:
                reason = sub.reason or "the provider created no job for this input"
                run.record(ItemResult(item, ItemState.REFUSED, None, None, reason))
        for ref, key in zip(sub.refs, sub.job_inputs, strict=True):
            if ref not in finished and key is not None and key in current:
                run.watch(
                    ref,
                    current[key],
                    kind=kind,
                    polled=run.foreign(sub.callback),
                    submitted_at=sub.submitted_at,
                )

    async def _in_doubt(self, sub: Submission, current: Mapping[str, RunInput]) -> Resend | None:
        """Decide about an intent or uncertain ``sub``; return it when it is to be sent again."""
        run = self.run
        items = list(current.values())
        if sub.state is SubmissionState.INTENT:
            if run.provider in IDEMPOTENT_SUBMISSIONS and sub.idempotency_key:
                LOG.info("resending %s with its idempotency key", sub.key)
                return sub, current
            if await self._adopt_listed(sub, items):
                return None
            reason = (
                "interrupted between sending and recording; "
                f"{run.provider} has no idempotency key to resend it safely"
                + (" and its job listing does not show it" if run.provider == "scrapedo" else "")
            )
            await run.db(run.ledger.uncertain, sub.key, reason)
            sub = dataclasses.replace(sub, state=SubmissionState.UNCERTAIN, reason=reason)
        if self.resubmit_uncertain:
            await run.db(run.ledger.reopen, sub.key)
            return sub, current
        for item in items:
            run.record(ItemResult(item, ItemState.UNCERTAIN, None, None, sub.reason))
        return None

    async def _adopt_listed(self, sub: Submission, items: Sequence[RunInput]) -> bool:
        """Record the jobs an interrupted submission created when the provider lists them.

        Returns True when they were found (and are now watched), False otherwise. The job ids
        the ledger holds (what a listing's match must not be) are read at the first call.
        """
        run = self.run
        if not items:
            return False
        if self._known is None:
            self._known = known_ids(await run.db(run.ledger.submissions))
        known = self._known
        try:
            found = await run.adapter.find_submitted(
                run.planner.model(sub.request, items[0].line), known
            )
        except (ProviderError, httpx.TransportError) as error:
            LOG.warning("%s: could not list jobs to resolve %s: %s", run.provider, sub.key, error)
            return False
        if not found:
            return False
        LOG.info("%s: found the jobs of interrupted submission %s", run.provider, sub.key)
        pairs, unmatched = await assign(run.adapter, run.planner, found, items)
        await run.db(
            run.ledger.submitted,
            sub.key,
            [ref for ref, _ in pairs],
            [item.key if item else None for _, item in pairs],
            None,
        )
        known.update(part for ref in found for part in (ref.job_id, *ref.scope))
        run.stats.jobs += len(pairs)
        for item in unmatched:
            reason = "the provider made no job for it"
            run.record(ItemResult(item, ItemState.REFUSED, None, None, reason))
        for ref, matched in pairs:
            if matched is not None:
                run.watch(
                    ref, matched, kind=run.kind(sub.request), polled=run.foreign(sub.callback)
                )
        return True
