"""Capacity and the watchlist alone: the provider's free concurrency is never overrun."""

from __future__ import annotations

import asyncio

from scrapejobs.batch.capacity import Capacity
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.watchlist import Watchlist
from scrapejobs.jobs import JobRef

ITEM = RunInput(1, {"url": "https://site.test/1"})


class Account:
    """The provider's free concurrency as successive reads answer it, and the waits between."""

    def __init__(self, *free: int | None) -> None:
        self.free = list(free)
        self.reads = 0
        self.slept: list[float] = []

    async def read(self) -> int | None:
        self.reads += 1
        return self.free.pop(0)

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def capacity(account: Account, watchlist: Watchlist) -> Capacity:
    found = Capacity(
        "scrapedo",
        account.read,
        unfinished=lambda: watchlist.unfinished,
        sleep=account.sleep,
        recheck=30.0,
    )
    watchlist.on_change = found.changed
    return found


def test_without_a_limit_every_reservation_passes_at_once() -> None:
    watchlist = Watchlist()
    parts = capacity(Account(), watchlist)

    async def main() -> None:
        for _ in range(5):
            await parts.reserve(1000)

    asyncio.run(main())
    assert parts.reserved == 5000


def test_a_reservation_waits_until_a_watched_job_is_seen_final() -> None:
    watchlist = Watchlist()
    parts = capacity(Account(), watchlist)
    parts.limit = 2
    job = JobRef("scrapedo", "t1")
    order: list[str] = []

    async def main() -> None:
        watchlist.add(job, ITEM)
        await parts.reserve(1)  # 1 watched + 1 reserved = the limit
        waiting = asyncio.create_task(parts.reserve(1))
        await asyncio.sleep(0)
        order.append("held back")
        assert not waiting.done()
        watchlist.seen_final(job)  # final, though its result is not read yet
        await waiting
        order.append("let through")

    asyncio.run(main())
    assert order == ["held back", "let through"]
    assert parts.reserved == 2


def test_a_release_lets_the_next_reservation_through() -> None:
    watchlist = Watchlist()
    parts = capacity(Account(), watchlist)
    parts.limit = 3

    async def main() -> None:
        await parts.reserve(3)
        waiting = asyncio.create_task(parts.reserve(2))
        await asyncio.sleep(0)
        assert not waiting.done()
        parts.release(3)  # its jobs are watched now, or it created none
        await waiting

    asyncio.run(main())
    assert parts.reserved == 2


def test_with_nothing_of_its_own_unfinished_one_submission_always_goes() -> None:
    watchlist = Watchlist()
    parts = capacity(Account(), watchlist)
    parts.limit = 2

    asyncio.run(parts.reserve(10))  # larger than the limit, but nothing else would free it
    assert parts.reserved == 10


def test_when_others_use_the_whole_account_it_reads_again_after_a_while() -> None:
    watchlist = Watchlist()
    account = Account(0, 5)
    parts = capacity(account, watchlist)
    parts.limit = 0

    asyncio.run(parts.reserve(1))
    assert account.slept == [30.0, 30.0]
    assert account.reads == 2
    assert parts.limit == 5


def test_the_watchlist_counts_jobs_seen_final_out_and_forgets_taken_ones() -> None:
    changes: list[str] = []
    watchlist = Watchlist(on_change=lambda: changes.append("changed"))
    first, second = JobRef("scrapedo", "a"), JobRef("scrapedo", "b")
    watchlist.add(first, ITEM)
    watchlist.add(second, ITEM)
    watchlist.seen_final(JobRef("scrapedo", "unknown"))
    assert (len(watchlist), watchlist.unfinished, changes) == (2, 2, [])
    watchlist.seen_final(first)
    assert (len(watchlist), watchlist.unfinished) == (2, 1)
    assert watchlist.pop(first) == ITEM
    assert (len(watchlist), watchlist.unfinished) == (1, 1)
    assert watchlist.pop(first) is None
    assert changes == ["changed", "changed"]
