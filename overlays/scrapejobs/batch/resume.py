"""Resume: a run picked up from its ledger, nothing paid for lost or paid twice.

From what the ledger holds, :class:`Resume` replays the recorded outcomes, hands the jobs still
outstanding back to the waiting engine (dated from their acceptance), teaches the engine the
durations an earlier run saw, and decides about submissions in doubt: a submission with job ids
is never sent again; one interrupted between sending and recording is resent with its
idempotency key where the provider has one, adopted when the provider's job listing shows its
jobs, and otherwise recorded *uncertain* (resent only with ``resubmit_uncertain``).
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


class Resume:
    """Rebuild a run's state from its ledger (see the module docstring).

    ``learn(kind, seconds)`` teaches the waiting engine a duration an earlier run saw.
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
        """The retry round of each retried input (read from the ledger by each call)."""
        self._read: list[Submission] | None = None

    async def covered(self) -> set[str]:
        """Read the ledger's rounds and submissions; return the keys of the inputs it holds.

        Those inputs are resumed (by the call that follows); the others are planned afresh.
        The submissions read are kept for that call (the ledger is not listed twice). Raises
        LedgerIOError when the ledger cannot be read.
        """
        run = self.run
        self.rounds = await run.db(run.ledger.rounds)
        self._read = await run.db(run.ledger.submissions)
        return {
            key
            for sub in self._read
            for key in sub.inputs
            if not superseded(self.rounds, sub.key, key)
        }

    async def __call__(self, by_key: Mapping[str, RunInput]) -> tuple[list[Submission], set[str]]:
        """Replay recorded outcomes and watch outstanding jobs.

        ``by_key`` holds at least the inputs the ledger holds (see :meth:`covered`). Returns
        the submissions to send again and the keys of every input the ledger already holds
        (read once: the ledger's submissions are not listed a second time). Raises
        LedgerIOError when the ledger cannot be read or written.
        """
        run = self.run
        if self._read is None:
            await self.covered()
        submissions, self._read = self._read or [], None
        finished = await self._replay(by_key)
        known = known_ids(submissions)
        kinds = {sub.key: run.kind(sub.request) for sub in submissions if sub.refs}
        for sub_key, seconds in await run.db(run.ledger.durations):
            if sub_key in kinds:  # what an earlier run of this ledger saw jobs take
                self.learn(kinds[sub_key], seconds)
        to_send: list[Submission] = []
        covered: set[str] = set()
        for sub in submissions:
            current = {
                key: by_key[key] for key in sub.inputs if self._current(sub.key, key, by_key)
            }
            covered.update(key for key in sub.inputs if not superseded(self.rounds, sub.key, key))
            items = list(current.values())
            if sub.state is SubmissionState.SUBMITTED:
                self._watch_submitted(sub, items, current, finished, kinds.get(sub.key, ""))
            elif sub.state is SubmissionState.REFUSED:
                for item in items:
                    run.record(ItemResult(item, ItemState.REFUSED, None, None, sub.reason))
            else:
                resend = await self._in_doubt(sub, items, known)
                if resend is not None:
                    to_send.append(resend)
        return to_send, covered

    def _current(self, submission_key: str, key: str, by_key: Mapping[str, RunInput]) -> bool:
        """Return whether input ``key`` is one of this run's and not retried since."""
        return key in by_key and not superseded(self.rounds, submission_key, key)

    async def _replay(self, by_key: Mapping[str, RunInput]) -> set[JobRef]:
        """Yield the outcomes recorded by earlier runs; return every finished job."""
        run = self.run
        finished: set[JobRef] = set()
        for outcome in await run.db(lambda: list(run.ledger.outcomes())):
            finished.add(outcome.ref)
            item = by_key.get(outcome.input_key or "")
            if item is None or superseded(self.rounds, outcome.submission_key, outcome.input_key):
                continue
            run.stats.replayed += 1
            state = item_state(outcome.state)
            run.record(ItemResult(item, state, outcome.ref, outcome.result, outcome.reason))
        return finished

    def _watch_submitted(
        self,
        sub: Submission,
        items: Sequence[RunInput],
        by_key: Mapping[str, RunInput],
        finished: set[JobRef],
        kind: str,
    ) -> None:
        """Report the inputs of accepted ``sub`` that got no job; watch its unfinished jobs."""
        run = self.run
        run.stats.jobs += len(sub.refs)
        with_job = {key for key in sub.job_inputs if key}
        for item in items:
            if item.key not in with_job:
                reason = sub.reason or "the provider created no job for this input"
                run.record(ItemResult(item, ItemState.REFUSED, None, None, reason))
        for ref, key in zip(sub.refs, sub.job_inputs, strict=True):
            if ref not in finished and key is not None and key in by_key:
                run.watch(
                    ref,
                    by_key[key],
                    kind=kind,
                    polled=run.foreign(sub.callback),
                    submitted_at=sub.submitted_at,
                )

    async def _in_doubt(
        self, sub: Submission, items: Sequence[RunInput], known: set[str]
    ) -> Submission | None:
        """Decide about an intent or uncertain ``sub``; return it when it is to be sent again."""
        run = self.run
        if sub.state is SubmissionState.INTENT:
            if run.provider in IDEMPOTENT_SUBMISSIONS and sub.idempotency_key:
                LOG.info("resending %s with its idempotency key", sub.key)
                return sub
            if await self._adopt_listed(sub, items, known):
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
            return sub
        for item in items:
            run.record(ItemResult(item, ItemState.UNCERTAIN, None, None, sub.reason))
        return None

    async def _adopt_listed(
        self, sub: Submission, items: Sequence[RunInput], known: set[str]
    ) -> bool:
        """Record the jobs an interrupted submission created when the provider lists them.

        Returns True when they were found (and are now watched), False otherwise.
        """
        run = self.run
        if not items:
            return False
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
