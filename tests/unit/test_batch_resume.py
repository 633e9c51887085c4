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


def resume(
    run: Run, *, resubmit_uncertain: bool = False, chunk: int | None = None
) -> tuple[list[Submission], set[str]]:
    """Resume the run's inputs, ``chunk`` at a time (all at once by default).

    Returns the submissions to send again and the keys of the inputs the ledger holds.
    """
    parts = Resume(
        run.context,
        learn=lambda kind, seconds: run.learned.append((kind, seconds)),
        resubmit_uncertain=resubmit_uncertain,
    )
    size = chunk or len(run.inputs)

    async def chunks() -> tuple[list[Submission], set[str]]:
        to_send: list[Submission] = []
        fresh: set[str] = set()
        for start in range(0, len(run.inputs), size):
            resends, new = await parts.chunk(run.inputs[start : start + size])
            to_send.extend(sub for sub, _ in resends)
            fresh.update(item.key for item in new)
        to_send.extend(sub for sub, _ in await parts.finish())
        return to_send, {item.key for item in run.inputs} - fresh

    return asyncio.run(chunks())


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


def test_a_keyed_submission_across_chunks_is_resent_once_with_all_its_inputs(
    make_ledger: LedgerFactory,
) -> None:
    with make_run(make_ledger.at(), "scrapio", 5) as run:
        intend(run, "s1", ["line-2", "line-3", "line-4"], "k1")  # chunks 1-2, 3-4 and 5
        parts = Resume(run.context, learn=lambda kind, seconds: None)

        async def body() -> list[list[tuple[str, list[int]]]]:
            said = []
            for start in (0, 2, 4):
                resends, fresh = await parts.chunk(run.inputs[start : start + 2])
                said.append(
                    [(sub.key, sorted(i.line for i in items.values())) for sub, items in resends]
                )
                assert [item.line for item in fresh] == [
                    n for n in (start + 1, start + 2) if n in (1, 5)
                ]
            assert await parts.finish() == []
            return said

        said = asyncio.run(body())
    assert said == [[], [("s1", [2, 3, 4])], []]


def test_an_unkeyed_submission_across_chunks_is_reported_uncertain_for_each_input(
    make_ledger: LedgerFactory,
) -> None:
    only = ref("scraperapi", "a")
    with make_run(make_ledger.at(), "scraperapi", 4) as run:
        intend(run, "s1", ["line-1"])
        run.ledger.submitted("s1", [only], ["line-1"])
        intend(run, "s2", ["line-2", "line-3"])
        to_send, covered = resume(run, chunk=2)
        states = {sub.key: sub.state for sub in run.ledger.submissions()}
    assert to_send == []
    assert covered == {"line-1", "line-2", "line-3"}
    assert states == {"s1": SubmissionState.SUBMITTED, "s2": SubmissionState.UNCERTAIN}
    assert sorted((item.line, item.state) for item in run.recorded) == [
        (2, ItemState.UNCERTAIN),
        (3, ItemState.UNCERTAIN),
    ]
    assert run.watched.refs == [only]
    assert run.context.stats.jobs == 1
