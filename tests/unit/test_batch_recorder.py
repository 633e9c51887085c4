"""The outcome recorder alone: engine outcomes become input outcomes, durable before yielded."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from scrapejobs.batch.ledger_io import LedgerThread
from scrapejobs.batch.ledger_open import open_ledger
from scrapejobs.batch.recorder import FLUSH_AT, OutcomeRecorder
from scrapejobs.batch.results import ItemResult, ItemState, RunStats
from scrapejobs.batch.watchlist import Watchlist
from scrapejobs.errors import NotFoundError, ServerError
from scrapejobs.jobs import JobRef, JobStatus
from scrapejobs.states import JobState
from scrapejobs.waiting import Outcome
from tests.unit.batch_parts import urls
from tests.unit.ledgers import LedgerFactory

JOB = JobRef("scrapio", "j1")


class Result:
    """A typed result stand-in (the generated models have ``to_dict``)."""

    def to_dict(self) -> dict[str, Any]:
        return {"body": "<html>"}


def status(state: JobState, reason: str | None = None) -> JobStatus:
    return JobStatus(JOB, state, state.value, None, reason)


def not_found() -> NotFoundError:
    return NotFoundError("gone", provider="scrapio", status_code=404)


def server_error() -> ServerError:
    return ServerError("boom", provider="scrapio", status_code=503)


class Setup:
    """A recorder over a real ledger holding ``count`` submitted jobs, all watched."""

    def __init__(self, location: str | Path, count: int = 1) -> None:
        self.inputs, digest = urls(count)
        self.refs = [JobRef("scrapio", f"j{n}") for n in range(1, count + 1)]
        self.ledger = open_ledger(location)
        self.ledger.bind("scrapio", digest)
        self.ledger.intend_many(
            [(item.key, "scrapio", {}, None, [item.key], None) for item in self.inputs]
        )
        self.ledger.submitted_many(
            [
                (item.key, [ref], [item.key], None)
                for item, ref in zip(self.inputs, self.refs, strict=True)
            ]
        )
        self.changes = 0
        self.watchlist = Watchlist(on_change=self.changed)
        for item, ref in zip(self.inputs, self.refs, strict=True):
            self.watchlist.add(ref, item)
        self.db = LedgerThread()
        self.stats = RunStats(inputs=count)
        self.recorder = OutcomeRecorder(self.ledger, self.db, self.watchlist, self.stats)
        self.emitted: list[ItemResult] = []
        self.outcomes_durable_at_emit: list[int] = []
        self.recorder.emit = self.emit
        self.first_group: asyncio.Event | None = None
        """Set once FLUSH_AT outcomes were yielded (made inside the test's event loop)."""

    def changed(self) -> None:
        self.changes += 1

    def emit(self, item: ItemResult) -> None:
        self.emitted.append(item)
        self.outcomes_durable_at_emit.append(len(list(self.ledger.outcomes())))
        if self.first_group is not None and len(self.emitted) == FLUSH_AT:
            self.first_group.set()

    def close(self) -> None:
        self.db.shutdown()
        self.ledger.close()


@pytest.mark.parametrize(
    ("outcome", "state", "result", "reason"),
    [
        (
            Outcome(JOB, status(JobState.SUCCEEDED), Result(), True),
            ItemState.SUCCEEDED,
            {"body": "<html>"},
            None,
        ),
        (Outcome(JOB, status(JobState.FAILED, "blocked")), ItemState.FAILED, None, "blocked"),
        (Outcome(JOB, status(JobState.CANCELLED)), ItemState.CANCELLED, None, None),
        (
            Outcome(JOB, None, error=not_found()),
            ItemState.EXPIRED,
            None,
            "the provider no longer knows the job",
        ),
        (
            Outcome(JOB, status(JobState.SUCCEEDED), error=not_found()),
            ItemState.EXPIRED,
            None,
            "result no longer available",
        ),
        (
            Outcome(JOB, status(JobState.SUCCEEDED), error=server_error()),
            ItemState.EXPIRED,
            None,
            "result never became readable",
        ),
    ],
)
def test_each_engine_outcome_becomes_its_inputs_outcome(
    make_ledger: LedgerFactory, outcome: Outcome, state: ItemState, result: Any, reason: str | None
) -> None:
    setup = Setup(make_ledger.at())
    try:
        setup.recorder.outcome(outcome)
        asyncio.run(setup.recorder.flush())
        recorded = list(setup.ledger.outcomes())
    finally:
        setup.close()
    assert [(item.line, item.state, item.job, item.result) for item in setup.emitted] == [
        (1, state, JOB, result)
    ]
    assert (setup.emitted[0].reason or "").startswith(reason or "")
    assert (reason is None) == (setup.emitted[0].reason is None)
    assert [(row.ref, row.result) for row in recorded] == [(JOB, result)]
    assert setup.stats.by_state[state] == 1
    assert JOB not in setup.watchlist
    assert setup.changes == 1


def test_an_outcome_of_a_job_not_watched_is_ignored(make_ledger: LedgerFactory) -> None:
    setup = Setup(make_ledger.at())
    try:
        setup.recorder.outcome(Outcome(JobRef("scrapio", "other"), status(JobState.FAILED)))
        setup.recorder.idle()
        asyncio.run(setup.recorder.flush())
    finally:
        setup.close()
    assert setup.emitted == []
    assert len(setup.watchlist) == 1


def test_outcomes_are_committed_before_they_are_yielded_in_groups(
    make_ledger: LedgerFactory,
) -> None:
    count = FLUSH_AT + 3
    setup = Setup(make_ledger.at(), count)

    async def main() -> None:
        setup.first_group = asyncio.Event()
        loop = asyncio.create_task(setup.recorder.flush_loop())
        for ref in setup.refs[:FLUSH_AT]:
            setup.recorder.outcome(Outcome(ref, status(JobState.FAILED)))
        await setup.first_group.wait()  # FLUSH_AT outcomes start a commit without an idle
        assert len(setup.emitted) == FLUSH_AT
        for ref in setup.refs[FLUSH_AT:]:
            setup.recorder.outcome(Outcome(ref, status(JobState.FAILED)))
        setup.recorder.stop()  # the rest is committed and yielded before it returns
        await loop

    try:
        asyncio.run(main())
    finally:
        setup.close()
    assert [item.line for item in setup.emitted] == list(range(1, count + 1))
    assert setup.outcomes_durable_at_emit[0] == FLUSH_AT  # the whole group was durable first
    assert setup.outcomes_durable_at_emit[-1] == count
    assert setup.stats.done == count
