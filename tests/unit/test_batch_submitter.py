"""The submitter alone: paid-for submissions recorded before and after sending, never sent twice.

Scripted fake jobs (tests/unit/batch_parts.py), a real ledger, no emulator and no sleeping.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from scrapejobs.batch.capacity import Capacity
from scrapejobs.batch.ledger import SubmissionState, idempotency_key
from scrapejobs.batch.results import ItemState, RunAbortedError
from scrapejobs.batch.slots import RequestSlots
from scrapejobs.batch.submitter import UNCERTAIN_RESENDS, Submitter, submissions_in_flight
from scrapejobs.errors import (
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    ProviderError,
    RateLimitedError,
    SubmissionUncertainError,
)
from tests.unit.batch_parts import Run, make_run, ref
from tests.unit.ledgers import LedgerFactory


def submitter(run: Run) -> Submitter:
    async def no_limit() -> int | None:
        return None

    capacity = Capacity(
        run.jobs.provider, no_limit, unfinished=lambda: 0, sleep=run.jobs.sleep, recheck=30.0
    )
    return Submitter(run.context, capacity=capacity, slots=RequestSlots(4), concurrency=4)


def send_all(run: Run, batch_size: int = 1) -> None:
    async def main() -> None:
        parts = submitter(run)
        for planned in run.context.planner.plan(run.inputs, batch_size):
            await parts.turn()
            await parts.send_new(planned)

    asyncio.run(main())


def uncertain(provider: str, key: str | None = None) -> SubmissionUncertainError:
    return SubmissionUncertainError(
        provider=provider, reason="connection dropped", idempotency_key=key
    )


def refused(cls: type[ProviderError], provider: str, status: int) -> ProviderError:
    return cls("no", provider=provider, status_code=status)


def test_the_intent_is_durable_before_the_request_and_the_jobs_right_after(
    make_ledger: LedgerFactory,
) -> None:
    job = ref("scrapio", "j1")
    with make_run(make_ledger.at(), "scrapio", answers=[[job]]) as run:
        seen: list[SubmissionState | None] = []
        key = run.context.planner.plan(run.inputs, 1)[0].key

        def look(_key: str | None) -> None:
            found = run.ledger.submission(key)
            seen.append(found.state if found else None)

        run.jobs.on_submit = look
        send_all(run)
        recorded = run.ledger.submission(key)
    assert seen == [SubmissionState.INTENT]
    assert recorded is not None
    assert recorded.state is SubmissionState.SUBMITTED
    assert recorded.refs == (job,)
    assert recorded.job_inputs == (run.inputs[0].key,)
    assert run.watched.refs == [job]
    assert run.watched.calls[0]["item"] == run.inputs[0]
    assert run.context.stats.jobs == 1
    assert run.context.stats.submissions == 1
    assert run.recorded == []  # nothing to report until the job ends


def test_scrapio_submissions_carry_the_ledgers_idempotency_key(make_ledger: LedgerFactory) -> None:
    with make_run(make_ledger.at(), "scrapio", answers=[[ref("scrapio", "j1")]]) as run:
        send_all(run)
        planned = run.context.planner.plan(run.inputs, 1)[0]
        expected = idempotency_key(run.ledger.run_id, "scrapio", planned.key, [run.inputs[0].key])
        stored = run.ledger.submission(planned.key)
    assert [key for _, key in run.jobs.sent] == [expected]
    assert stored is not None
    assert stored.idempotency_key == expected


def test_a_new_submission_sends_the_model_it_paced_built_once(
    make_ledger: LedgerFactory,
) -> None:
    with make_run(make_ledger.at(), "scrapio", answers=[[ref("scrapio", "j1")]]) as run:
        (planned,) = run.context.planner.plan(run.inputs, 1)
        built: list[Any] = []
        paced: list[Any] = []
        model = run.context.planner.model

        def build(request: Any, line: int = 0) -> Any:
            built.append(model(request, line))
            return built[-1]

        def pace(request: Any) -> float:
            paced.append(request)
            return 0.0

        run.context.planner.model = build  # type: ignore[method-assign]
        run.jobs.adapter.submit_delay = pace  # type: ignore[method-assign]

        async def main() -> None:
            parts = submitter(run)
            await parts.turn()
            await parts.send_new(planned)

        asyncio.run(main())
    assert len(built) == 1
    assert paced == built
    assert run.jobs.sent[0][0] is built[0]


def test_an_uncertain_keyed_submission_is_resent_with_the_same_key_then_reported(
    make_ledger: LedgerFactory,
) -> None:
    answers = [uncertain("scrapio", "k")] * (UNCERTAIN_RESENDS + 1)
    with make_run(make_ledger.at(), "scrapio", answers=answers) as run:
        send_all(run)
        sub = run.ledger.submissions()[0]
    keys = {key for _, key in run.jobs.sent}
    assert len(run.jobs.sent) == UNCERTAIN_RESENDS + 1
    assert len(keys) == 1
    assert None not in keys
    assert len(run.jobs.slept) == UNCERTAIN_RESENDS  # a poll delay before each resend
    assert sub.state is SubmissionState.UNCERTAIN
    assert [item.state for item in run.recorded] == [ItemState.UNCERTAIN]
    assert run.watched.calls == []


def test_an_uncertain_submission_without_a_key_is_never_resent(make_ledger: LedgerFactory) -> None:
    with make_run(make_ledger.at(), "scraperapi", 3, answers=[uncertain("scraperapi")]) as run:
        send_all(run, batch_size=3)
        sub = run.ledger.submissions()[0]
    assert len(run.jobs.sent) == 1
    assert run.jobs.adapter.listings == 1  # it looked for the jobs before saying so
    assert sub.state is SubmissionState.UNCERTAIN
    assert [item.state for item in run.recorded] == [ItemState.UNCERTAIN] * 3
    assert "may have created a job" in (run.recorded[0].reason or "")


def test_the_jobs_of_an_uncertain_submission_are_adopted_when_the_provider_lists_them(
    make_ledger: LedgerFactory,
) -> None:
    listed = [ref("scrapedo", "t1")]
    with make_run(make_ledger.at(), "scrapedo", answers=[uncertain("scrapedo")]) as run:
        run.jobs.adapter.listed = listed
        send_all(run)
        sub = run.ledger.submissions()[0]
    assert len(run.jobs.sent) == 1
    assert sub.state is SubmissionState.SUBMITTED
    assert list(sub.refs) == listed
    assert run.watched.refs == listed
    assert run.recorded == []


def test_a_refused_credential_aborts_the_run_and_leaves_the_intent(
    make_ledger: LedgerFactory,
) -> None:
    error = refused(AuthenticationError, "scraperapi", 401)
    with make_run(make_ledger.at(), "scraperapi", answers=[error]) as run:
        with pytest.raises(RunAbortedError, match="scraperapi refused the run"):
            send_all(run)
        sub = run.ledger.submissions()[0]
    assert sub.state is SubmissionState.INTENT  # the next run resolves it
    assert run.recorded == []


def test_a_refusal_is_recorded_refused_but_a_conflict_on_a_key_is_uncertain(
    make_ledger: LedgerFactory,
) -> None:
    with make_run(
        make_ledger.at("refused.db"),
        "scraperapi",
        answers=[refused(InvalidRequestError, "scraperapi", 400)],
    ) as run:
        send_all(run)
        plain = run.ledger.submissions()[0]
        plain_items = list(run.recorded)
    with make_run(
        make_ledger.at("conflict.db"), "scrapio", answers=[refused(ConflictError, "scrapio", 409)]
    ) as run:
        send_all(run)
        keyed = run.ledger.submissions()[0]
        keyed_items = list(run.recorded)
    assert plain.state is SubmissionState.REFUSED
    assert [item.state for item in plain_items] == [ItemState.REFUSED]
    assert keyed.state is SubmissionState.UNCERTAIN
    assert "a job may exist" in (keyed.reason or "")
    assert [item.state for item in keyed_items] == [ItemState.UNCERTAIN]


def test_a_rate_limited_submission_waits_at_least_the_hint_and_is_sent_again(
    make_ledger: LedgerFactory,
) -> None:
    limited = RateLimitedError("slow down", provider="scrapio", status_code=429, retry_after=7.0)
    job = ref("scrapio", "j1")
    with make_run(make_ledger.at(), "scrapio", answers=[limited, [job]]) as run:
        send_all(run)
        sub = run.ledger.submissions()[0]
    assert len(run.jobs.sent) == 2
    assert len(run.jobs.slept) == 1
    assert run.jobs.slept[0] >= 7.0
    assert sub.state is SubmissionState.SUBMITTED
    assert run.watched.refs == [job]


def test_a_batch_that_made_fewer_jobs_pairs_them_by_url_and_reports_the_input_left_over(
    make_ledger: LedgerFactory,
) -> None:
    first, third = ref("scraperapi", "a"), ref("scraperapi", "b")
    with make_run(make_ledger.at(), "scraperapi", 3, answers=[[first, third]]) as run:
        run.jobs.adapter.reported = {first: "https://site.test/1", third: "https://site.test/3"}
        send_all(run, batch_size=3)
        sub = run.ledger.submissions()[0]
    assert list(sub.refs) == [first, third]
    assert sub.job_inputs == ("line-1", "line-3")
    assert [(item.line, item.state) for item in run.recorded] == [(2, ItemState.REFUSED)]
    assert "created 2 job(s) for 3 input(s)" in (run.recorded[0].reason or "")
    assert [(call["ref"], call["item"].line) for call in run.watched.calls] == [
        (first, 1),
        (third, 3),
    ]


def test_submissions_in_flight_keep_unkeyed_doubt_small() -> None:
    assert submissions_in_flight("scrapio", 32) == 16
    assert submissions_in_flight("scraperapi", 32) == 2
    assert submissions_in_flight("decodo", 32) == 1
    assert submissions_in_flight("scraperapi", 1) == 1
