"""Ledger calls off the event loop alone: the ledger's thread and group commits."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from typing import Any, cast

import pytest

from scrapejobs.batch.ledger import Ledger
from scrapejobs.batch.ledger_io import GroupCommit, LedgerThread


class Writes:
    """A ledger stand-in whose ``write_many`` records each round (and can be held or fail)."""

    def __init__(self) -> None:
        self.rounds: list[list[str]] = []
        self.threads: set[str] = set()
        self.release = threading.Event()
        self.release.set()
        self.fail: Exception | None = None

    def write_many(self, entries: Sequence[str]) -> str:
        self.threads.add(threading.current_thread().name)
        self.release.wait(timeout=10)
        self.rounds.append(list(entries))
        if self.fail is not None:
            raise self.fail
        return f"round {len(self.rounds)}"


def commit(writes: Writes, db: LedgerThread, **options: Any) -> GroupCommit[str]:
    run = cast(Callable[..., Any], db)
    return GroupCommit(run, cast(Ledger, writes), "write_many", **options)


def test_ledger_calls_run_on_the_ledgers_own_thread() -> None:
    db = LedgerThread()
    try:
        name = asyncio.run(db(lambda: threading.current_thread().name))
    finally:
        db.shutdown()
    assert name.startswith("scrapejobs-ledger")
    assert name != threading.current_thread().name


def test_entries_arriving_during_a_commit_share_the_next_one() -> None:
    writes, db = Writes(), LedgerThread()
    writes.release.clear()  # the first round is held while the others arrive
    group = commit(writes, db)

    async def main() -> list[str]:
        first = asyncio.create_task(group("a"))
        await asyncio.sleep(0)  # round 1 is taken to the ledger's thread
        rest = [asyncio.create_task(group(name)) for name in ("b", "c", "d")]
        await asyncio.sleep(0)
        writes.release.set()
        return [await first, *[await task for task in rest]]

    try:
        answers = asyncio.run(main())
    finally:
        db.shutdown()
    assert writes.rounds == [["a"], ["b", "c", "d"]]
    assert answers == ["round 1", "round 2", "round 2", "round 2"]


def test_a_failed_round_fails_every_entry_of_it() -> None:
    writes, db = Writes(), LedgerThread()
    writes.fail = OSError("disk full")
    group = commit(writes, db)

    async def main() -> list[BaseException | str]:
        answers: list[BaseException | str] = await asyncio.gather(
            group("a"), group("b"), return_exceptions=True
        )
        return answers

    try:
        answers = asyncio.run(main())
    finally:
        db.shutdown()
    assert [type(answer) for answer in answers] == [OSError, OSError]


def test_a_cancelled_intent_waiting_for_its_round_is_taken_back() -> None:
    writes, db = Writes(), LedgerThread()
    writes.release.clear()
    group = commit(writes, db, withdraw_cancelled=True)

    async def main() -> None:
        first = asyncio.create_task(group("a"))
        await asyncio.sleep(0)
        second = asyncio.create_task(group("b"))
        await asyncio.sleep(0)
        second.cancel()
        with pytest.raises(asyncio.CancelledError):
            await second
        writes.release.set()
        await first
        await group.settle()

    try:
        asyncio.run(main())
    finally:
        db.shutdown()
    assert writes.rounds == [["a"]]
