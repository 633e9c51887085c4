"""Work claims on a real PostgreSQL: chunks claimed once, leases on the database's clock, fencing.

Time is never slept: a lease is made to expire by moving its ``lease_until`` into the past.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from scrapejobs.batch.chunk_view import ChunkLedger, recorded_results
from scrapejobs.batch.claims import ClaimFence, Claims, LeaseLostError, plan_chunks
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import LedgerMismatchError, SqliteLedger, SubmissionState
from scrapejobs.batch.pg_schema import migrate
from scrapejobs.batch.results import ItemState
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState

RUN = "default"
DIGEST = "digest-of-inputs"


def _schema(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        migrate(connection)


async def _claims(url: str, owner: str, lease: float = 30.0) -> Claims:
    connection = await psycopg.AsyncConnection.connect(url, autocommit=True)
    return Claims(connection, RUN, owner, lease=lease)


Body = Callable[[str, Claims, Claims], Awaitable[None]]


def _with_run(url: str, body: Body) -> None:
    """Run ``body`` with two workers' claims on a run of 10 inputs (lines 1..10), chunks of 3."""

    async def main() -> None:
        first = await _claims(url, "worker-a")
        second = await _claims(url, "worker-b")
        try:
            assert await first.plan(DIGEST, lambda: range(1, 11), 3) == 4
            await body(url, first, second)
        finally:
            await first.connection.close()
            await second.connection.close()

    _schema(url)
    asyncio.run(main())


async def expire_lease(url: str, chunk: int, run: str = RUN) -> None:
    """Move ``chunk``'s lease of ``run`` into the past (as if its worker stopped heart-beating)."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
        await connection.execute(
            "UPDATE scrapejobs_claims SET lease_until = now() - interval '1 second'"
            " WHERE run = %s AND chunk = %s",
            (run, chunk),
        )


def test_chunks_are_consecutive_inputs_of_the_chunk_size() -> None:
    assert plan_chunks([1, 2, 4, 5, 9, 10, 11], 3) == [(0, 3, 1, 4), (3, 6, 5, 10), (6, 7, 11, 11)]
    assert plan_chunks([7, 8], 2) == [(0, 2, 7, 8)]
    assert plan_chunks([], 5) == []
    with pytest.raises(ValueError, match="at least 1"):
        plan_chunks([1], 0)


def test_the_plan_is_made_once_and_bound_to_the_inputs(postgres_url: str) -> None:
    async def body(_url: str, first: Claims, second: Claims) -> None:
        calls: list[int] = []

        def lines() -> range:
            calls.append(1)
            return range(1, 11)

        assert await second.plan(DIGEST, lines, 5) == 4  # the first worker's plan, not re-split
        assert calls == []
        with pytest.raises(LedgerMismatchError, match="same input file"):
            await second.plan("another-digest", lines, 3)
        chunks = [await first.claim() for _ in range(4)]
        assert [(c.first_index, c.stop_index, c.first_line, c.last_line) for c in chunks if c] == [
            (0, 3, 1, 3),
            (3, 6, 4, 6),
            (6, 9, 7, 9),
            (9, 10, 10, 10),
        ]

    _with_run(postgres_url, body)


def test_two_claimers_never_get_the_same_chunk(postgres_url: str) -> None:
    async def body(url: str, first: Claims, second: Claims) -> None:
        third = await _claims(url, "worker-c")
        try:
            got = await asyncio.gather(*(c.claim() for c in (first, second, third, first, second)))
        finally:
            await third.connection.close()
        numbers = [chunk.number for chunk in got if chunk is not None]
        assert sorted(numbers) == [0, 1, 2, 3]  # four chunks, four claims; the fifth got none
        assert got.count(None) == 1
        assert not any(chunk.takeover for chunk in got if chunk is not None)

    _with_run(postgres_url, body)


def test_skip_locked_passes_over_a_chunk_being_claimed(postgres_url: str) -> None:
    async def body(url: str, first: Claims, _second: Claims) -> None:
        # Another session holds chunk 0's row locked (as a claim in progress would): the claimer
        # takes chunk 1 at once instead of waiting for it.
        with psycopg.connect(url) as blocker:
            blocker.execute(
                "SELECT 1 FROM scrapejobs_claims WHERE run = %s AND chunk = 0 FOR UPDATE", (RUN,)
            )
            chunk = await asyncio.wait_for(first.claim(), timeout=10)
            blocker.rollback()
        assert chunk is not None
        assert chunk.number == 1

    _with_run(postgres_url, body)


def test_an_expired_lease_is_taken_over_and_the_old_owner_learns_it(postgres_url: str) -> None:
    async def body(url: str, first: Claims, second: Claims) -> None:
        mine = await first.claim()
        assert mine is not None
        assert await first.heartbeat() == {mine.number}
        await expire_lease(url, mine.number)
        assert await first.heartbeat() == set()  # expired: lost, even before anyone took it
        taken = await second.claim()
        assert taken is not None
        assert taken.number == mine.number
        assert taken.takeover
        assert taken.previous_owner == "worker-a"
        assert await first.heartbeat() == set()
        assert await second.heartbeat() == {mine.number}
        assert await first.takeovers() == 1

    _with_run(postgres_url, body)


def test_heartbeat_extends_the_lease_on_the_database_clock(postgres_url: str) -> None:
    async def body(url: str, first: Claims, second: Claims) -> None:
        mine = await first.claim()
        assert mine is not None
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
            # A lease about to run out, extended by the heartbeat to now() + lease.
            await connection.execute(
                "UPDATE scrapejobs_claims SET lease_until = now() + interval '1 second'"
                " WHERE run = %s AND chunk = %s",
                (RUN, mine.number),
            )
            assert await first.heartbeat() == {mine.number}
            cursor = await connection.execute(
                "SELECT extract(epoch FROM lease_until - now()) FROM scrapejobs_claims"
                " WHERE run = %s AND chunk = %s",
                (RUN, mine.number),
            )
            row = await cursor.fetchone()
        assert row is not None
        assert 20 < float(row[0]) <= 30
        others = [await second.claim() for _ in range(3)]
        assert mine.number not in {chunk.number for chunk in others if chunk}

    _with_run(postgres_url, body)


def test_done_chunks_are_never_claimed_and_progress_counts_them(postgres_url: str) -> None:
    async def body(url: str, first: Claims, second: Claims) -> None:
        chunks = [await first.claim() for _ in range(4)]
        for chunk in chunks[:3]:
            assert chunk is not None
            await first.done(chunk)
        progress = await second.progress()
        assert (progress.chunks, progress.done, progress.held) == (4, 3, 1)
        await expire_lease(url, 0)
        await expire_lease(url, 3)
        taken = await second.claim()
        assert taken is not None
        assert taken.number == 3  # chunk 0 is done: its lease no longer matters
        assert await second.claim() is None
        last = chunks[3]
        assert last is not None
        await second.done(last)
        assert (await first.progress()).finished

    _with_run(postgres_url, body)


def test_a_released_chunk_is_claimed_again_without_a_takeover(postgres_url: str) -> None:
    async def body(_url: str, first: Claims, second: Claims) -> None:
        mine = await first.claim()
        assert mine is not None
        await first.release(mine)
        again = await second.claim()
        assert again is not None
        assert again.number == mine.number
        assert not again.takeover

    _with_run(postgres_url, body)


def _ledger_with_fence(
    url: str, tmp_path: Path, owner: str, chunk: int
) -> tuple[ChunkLedger, SqliteLedger, psycopg.Connection[Any]]:
    connection = psycopg.connect(url, autocommit=True)
    ledger = SqliteLedger(tmp_path / f"{owner}.db")
    keys = frozenset({"line-1", "line-2", "line-3"})
    view = ChunkLedger(ledger, keys, fence=ClaimFence(connection, RUN, owner), chunk=chunk)
    return view, ledger, connection


def test_a_fenced_out_worker_records_no_intent(postgres_url: str, tmp_path: Path) -> None:
    async def body(url: str, first: Claims, second: Claims) -> None:
        mine = await first.claim()
        assert mine is not None
        view, ledger, connection = _ledger_with_fence(url, tmp_path, "worker-a", mine.number)
        try:
            entry = ("line-1+1", "scrapio", {"url": "https://a.test/"}, "k1", ["line-1"], None)
            assert view.intend_many([entry]) == {"line-1+1": "k1"}  # held: recorded
            await expire_lease(url, mine.number)
            with pytest.raises(LeaseLostError, match="no longer this worker's"):
                view.intend_many(
                    [("line-2+1", "scrapio", {"url": "https://b.test/"}, "k2", ["line-2"], None)]
                )
            taken = await second.claim()
            assert taken is not None
            assert taken.takeover
            with pytest.raises(LeaseLostError):
                view.intend("line-3+1", "scrapio", {"url": "https://c.test/"}, "k3", ["line-3"])
            assert [sub.key for sub in ledger.submissions()] == ["line-1+1"]  # nothing else to send
        finally:
            ledger.close()
            connection.close()

    _with_run(postgres_url, body)


def test_a_takeover_waits_for_intents_being_recorded_under_the_fence(
    postgres_url: str, tmp_path: Path
) -> None:
    async def body(url: str, first: Claims, second: Claims) -> None:
        mine = await first.claim()
        assert mine is not None
        view, ledger, connection = _ledger_with_fence(url, tmp_path, "worker-a", mine.number)
        inside = threading.Event()
        release = threading.Event()
        try:
            fence = view.fence
            assert fence is not None

            def record_slowly() -> None:
                with fence.held(mine.number):
                    inside.set()
                    release.wait(10)

            thread = threading.Thread(target=record_slowly)
            thread.start()
            assert inside.wait(10)
            await expire_lease(url, mine.number)  # expired while the intents are being committed
            # The claim row is held: the takeover passes over the chunk (SKIP LOCKED) for now.
            other = await second.claim()
            assert other is not None
            assert other.number != mine.number
            release.set()
            thread.join()
            taken = await second.claim()
            assert taken is not None
            assert taken.number == mine.number
            assert taken.takeover
        finally:
            release.set()
            ledger.close()
            connection.close()

    _with_run(postgres_url, body)


def test_recorded_results_show_each_input_that_ended(tmp_path: Path) -> None:
    inputs = {f"line-{n}": RunInput(n, {"url": f"https://{n}.test/"}) for n in range(1, 6)}
    with SqliteLedger(tmp_path / "l.db") as ledger:
        ledger.bind("scraperapi", "d")
        ledger.intend("s1", "scraperapi", {}, None, ["line-1", "line-2"])
        ref = JobRef("scraperapi", "j1")
        ledger.submitted("s1", [ref], ["line-1"], "no job for line-2")
        ledger.finished(ref, JobState.SUCCEEDED, {"ok": 1}, None)
        ledger.intend("s3", "scraperapi", {}, None, ["line-3"])
        ledger.uncertain("s3", "crashed")
        ledger.intend("s4", "scraperapi", {}, None, ["line-4"])
        ledger.refused("s4", "bad url")
        ledger.intend("s5", "scraperapi", {}, None, ["line-5"])  # in intent: no outcome
        found = recorded_results(ledger, inputs)
        view = ChunkLedger(ledger, frozenset({"line-3", "line-5"}))
        assert [sub.key for sub in view.submissions()] == ["s3", "s5"]
        assert [sub.key for sub in view.submissions(SubmissionState.INTENT)] == ["s5"]
        assert list(view.outcomes()) == []
    assert {key: item.state for key, item in found.items()} == {
        "line-1": ItemState.SUCCEEDED,
        "line-2": ItemState.REFUSED,
        "line-3": ItemState.UNCERTAIN,
        "line-4": ItemState.REFUSED,
    }
    assert found["line-1"].result == {"ok": 1}
    assert found["line-2"].reason == "no job for line-2"
