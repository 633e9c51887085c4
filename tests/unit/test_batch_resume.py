"""Resume alone: a run's state rebuilt from its ledger, nothing with a job id sent again.

The ledger is written directly (as an interrupted run would have left it); fake jobs and a
recording watch stand in for the provider and the waiting engine.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from scrapejobs.batch.ledger import Submission, SubmissionState
from scrapejobs.batch.results import ItemState
from scrapejobs.batch.resume import Resume
from scrapejobs.states import JobState
from tests.unit.batch_parts import Run, make_run, ref
from tests.unit.ledgers import LedgerFactory


def resume(run: Run, *, resubmit_uncertain: bool = False) -> tuple[list[Submission], set[str]]:
    parts = Resume(
        run.context,
        learn=lambda kind, seconds: run.learned.append((kind, seconds)),
        resubmit_uncertain=resubmit_uncertain,
    )
    by_key = {item.key: item for item in run.inputs}
    return asyncio.run(parts(by_key))


def request(run: Run, inputs: list[str]) -> dict[str, Any]:
    """Return the request the planner makes of the inputs with keys ``inputs``."""
    items = [item for item in run.inputs if item.key in inputs]
    return run.context.planner.plan(items, len(items))[0].request


def intend(run: Run, key: str, inputs: list[str], idempotency_key: str | None = None) -> None:
    provider = run.jobs.provider
    run.ledger.intend(key, provider, request(run, inputs), idempotency_key, inputs)


def test_recorded_outcomes_are_replayed_and_unfinished_jobs_watched_not_resent(
    make_ledger: LedgerFactory,
) -> None:
    done, open_ = ref("scrapio", "done"), ref("scrapio", "open")
    with make_run(make_ledger.at(), "scrapio", 2) as run:
        intend(run, "s1", ["line-1"], "k1")
        run.ledger.submitted("s1", [done], ["line-1"])
        run.ledger.finished(done, JobState.SUCCEEDED, {"body": "x"}, None)
        intend(run, "s2", ["line-2"], "k2")
        run.ledger.submitted("s2", [open_], ["line-2"])
        to_send, covered = resume(run)
    assert to_send == []
    assert covered == {"line-1", "line-2"}
    assert [(item.line, item.state, item.result) for item in run.recorded] == [
        (1, ItemState.SUCCEEDED, {"body": "x"})
    ]
    assert run.context.stats.replayed == 1
    assert run.context.stats.jobs == 2
    assert run.watched.refs == [open_]
    call = run.watched.calls[0]
    assert call["item"].line == 2
    assert call["kind"] == run.context.kind(request(run, ["line-2"]))
    assert call["at"] is not None
    assert abs(call["at"] - time.time()) < 60
    assert run.jobs.sent == []


def test_durations_an_earlier_run_saw_are_taught_to_the_engine(make_ledger: LedgerFactory) -> None:
    done = ref("scrapio", "done")
    with make_run(make_ledger.at(), "scrapio") as run:
        intend(run, "s1", ["line-1"], "k1")
        run.ledger.submitted("s1", [done], ["line-1"])
        run.ledger.finished(done, JobState.SUCCEEDED, None, None)
        resume(run)
        kind = run.context.kind(request(run, ["line-1"]))
    assert [name for name, _ in run.learned] == [kind]
    assert run.learned[0][1] >= 0.0


def test_an_interrupted_keyed_submission_is_resent_with_its_key(make_ledger: LedgerFactory) -> None:
    with make_run(make_ledger.at(), "scrapio") as run:
        intend(run, "s1", ["line-1"], "k1")
        to_send, covered = resume(run)
    assert [(sub.key, sub.idempotency_key) for sub in to_send] == [("s1", "k1")]
    assert covered == {"line-1"}
    assert run.recorded == []


def test_an_interrupted_unkeyed_submission_becomes_uncertain_and_is_not_resent(
    make_ledger: LedgerFactory,
) -> None:
    with make_run(make_ledger.at(), "scraperapi") as run:
        intend(run, "s1", ["line-1"])
        to_send, _ = resume(run)
        state = run.ledger.submissions()[0].state
    assert to_send == []
    assert state is SubmissionState.UNCERTAIN
    assert [item.state for item in run.recorded] == [ItemState.UNCERTAIN]
    assert "no idempotency key" in (run.recorded[0].reason or "")
    assert run.jobs.adapter.listings == 1  # the provider's listing was asked first


def test_with_resubmit_uncertain_it_is_reopened_and_resent(make_ledger: LedgerFactory) -> None:
    with make_run(make_ledger.at(), "scraperapi") as run:
        intend(run, "s1", ["line-1"])
        to_send, _ = resume(run, resubmit_uncertain=True)
        state = run.ledger.submissions()[0].state
    assert [sub.key for sub in to_send] == ["s1"]
    assert state is SubmissionState.INTENT
    assert run.recorded == []


def test_an_interrupted_submission_whose_jobs_are_listed_is_adopted(
    make_ledger: LedgerFactory,
) -> None:
    listed = ref("scrapedo", "t1")
    with make_run(make_ledger.at(), "scrapedo") as run:
        run.jobs.adapter.listed = [listed]
        intend(run, "s1", ["line-1"])
        to_send, _ = resume(run)
        sub = run.ledger.submissions()[0]
    assert to_send == []
    assert sub.state is SubmissionState.SUBMITTED
    assert sub.refs == (listed,)
    assert run.watched.refs == [listed]
    assert run.context.stats.jobs == 1


def test_refused_submissions_and_inputs_without_a_job_are_reported_refused(
    make_ledger: LedgerFactory,
) -> None:
    only = ref("scraperapi", "a")
    with make_run(make_ledger.at(), "scraperapi", 3) as run:
        intend(run, "s1", ["line-1"])
        run.ledger.refused("s1", "bad request")
        intend(run, "s2", ["line-2", "line-3"])
        run.ledger.submitted("s2", [only], ["line-2"], "made 1 job for 2 inputs")
        to_send, _ = resume(run)
    assert to_send == []
    assert sorted((item.line, item.state, item.reason) for item in run.recorded) == [
        (1, ItemState.REFUSED, "bad request"),
        (3, ItemState.REFUSED, "made 1 job for 2 inputs"),
    ]
    assert run.watched.refs == [only]
