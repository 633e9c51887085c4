"""The runner over streamed inputs: never more than its window read ahead of its outcomes.

Same rig as :mod:`tests.unit.test_runner` (the in-process emulator on a manual clock; nothing
sleeps). The inputs come from generators that count how far they were read, so a runner that
listed them whole (or read on without bound) fails, whatever the machine's speed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from scrapejobs.batch.inputs import RunInput, parse_lines
from scrapejobs.batch.ledger import Ledger, SqliteLedger
from scrapejobs.batch.planning import InputParamsError
from scrapejobs.batch.results import ItemResult, ItemState
from tests.unit.ledgers import LedgerFactory
from tests.unit.test_runner import Rig, assert_accounted_for, by_line, url_lines


class Counted:
    """Inputs handed out one at a time; how many were taken, and the most ever taken ahead."""

    def __init__(self, inputs: list[RunInput]) -> None:
        self.inputs = inputs
        self.taken = 0
        self.outcomes = 0
        self.lead = 0

    def __iter__(self) -> Iterator[RunInput]:
        for item in self.inputs:
            self.taken += 1
            self.lead = max(self.lead, self.taken - self.outcomes)
            yield item

    async def aiter(self) -> AsyncIterator[RunInput]:
        for item in self:
            yield item


async def _collect(
    rig: Rig,
    ledger: Ledger,
    source: Counted,
    digest: str,
    *,
    asynchronous: bool = False,
    stop_after: int | None = None,
    **options: Any,
) -> list[ItemResult]:
    runner = rig.runner(ledger, **options)
    inputs = source.aiter() if asynchronous else iter(source)
    items: list[ItemResult] = []
    run = cast(AsyncGenerator[ItemResult, None], runner.run(inputs, digest))
    async with contextlib.aclosing(run) as results:
        async for item in results:
            source.outcomes += 1
            items.append(item)
            if stop_after is not None and len(items) >= stop_after:
                break
    assert runner.source is not None
    assert runner.source.lead == source.lead
    if stop_after is None:  # (a run stopped midway may not have watched its last answer yet)
        assert len(runner.jobs._submitted) == 0  # nothing kept per job submitted
    return items


def _run(rig: Rig, path: Path, source: Counted, digest: str, **options: Any) -> list[ItemResult]:
    async def main() -> list[ItemResult]:
        with SqliteLedger(path) as ledger:
            try:
                return await _collect(rig, ledger, source, digest, **options)
            finally:
                for tracked in rig.ledgers:
                    tracked.active = False

    return asyncio.run(main())


@pytest.mark.parametrize("asynchronous", [False, True], ids=["iterable", "async-iterable"])
def test_a_generated_input_is_never_read_more_than_the_window_ahead(
    tmp_path: Path, asynchronous: bool
) -> None:
    rig = Rig("scraperapi")
    inputs, digest = parse_lines(url_lines(300))
    source = Counted(inputs)

    items = _run(
        rig, tmp_path / "run.db", source, digest, asynchronous=asynchronous, window=60,
        batch_size=10, concurrency=8,
    )  # fmt: skip

    assert_accounted_for(rig, inputs, items)
    assert all(item.state is ItemState.SUCCEEDED for item in items)
    assert source.taken == 300
    assert source.lead <= 60, f"read {source.lead} inputs ahead of the outcomes"
    assert source.lead >= 30  # it did read ahead: a window, not one input at a time


def test_a_streamed_run_that_stopped_resumes_from_a_new_stream(tmp_path: Path) -> None:
    rig = Rig("scraperapi")
    inputs, digest = parse_lines(url_lines(150))
    options: dict[str, Any] = {"window": 40, "batch_size": 10, "concurrency": 4}

    first = _run(rig, tmp_path / "run.db", Counted(inputs), digest, stop_after=50, **options)
    again = Counted(inputs)
    second = _run(rig, tmp_path / "run.db", again, digest, **options)

    assert len(first) == 50
    assert_accounted_for(rig, inputs, second)  # one outcome each, no input paid twice
    assert all(item.state is ItemState.SUCCEEDED for item in second)
    assert sum(1 for item in second if by_line(first).get(item.line)) >= 50  # replayed
    assert again.lead <= 40  # the window: resumed a chunk at a time


def test_a_bad_input_in_a_later_chunk_stops_the_run_before_its_chunk_is_sent(
    tmp_path: Path,
) -> None:
    rig = Rig("scrapio")
    lines = [*url_lines(20), '{"url": "https://example.com/x", "render_js": "yes"}']
    inputs, digest = parse_lines(lines)

    with pytest.raises(InputParamsError, match="line 21: render_js"):
        _run(rig, tmp_path / "run.db", Counted(inputs), digest, window=10, concurrency=4)

    sent = rig.jobs_per_url()
    assert "https://example.com/x" not in sent
    assert sum(sent.values()) <= 20


class ChunkReadsOnly:
    """A ledger that refuses the whole-ledger reads; notes the most inputs one read asked for."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.most_keys = 0

    def __getattr__(self, name: str) -> Any:
        if name in ("submissions", "outcomes", "rounds", "outstanding"):
            raise AssertionError(f"the whole ledger was read ({name})")
        found = getattr(self.inner, name)
        if name.endswith("_of"):

            def of(keys: Any, *args: Any) -> Any:
                self.most_keys = max(self.most_keys, len(keys))
                return found(keys, *args)

            return of
        return found


@pytest.mark.parametrize("finished", [False, True], ids=["interrupted", "finished"])
def test_a_resumed_run_reads_its_ledger_a_chunk_at_a_time(
    make_ledger: LedgerFactory, finished: bool
) -> None:
    rig = Rig("scraperapi")
    inputs, digest = parse_lines(url_lines(150))
    options: dict[str, Any] = {"window": 40, "batch_size": 10, "concurrency": 4}
    stop = None if finished else 50

    async def main() -> tuple[list[ItemResult], list[ItemResult], Counted, ChunkReadsOnly]:
        try:
            with make_ledger() as ledger:
                first = await _collect(
                    rig, ledger, Counted(inputs), digest, stop_after=stop, **options
                )
            again = Counted(inputs)
            with make_ledger() as ledger:
                only = ChunkReadsOnly(ledger)
                second = await _collect(rig, cast(Ledger, only), again, digest, **options)
            return first, second, again, only
        finally:
            for tracked in rig.ledgers:
                tracked.active = False

    first, second, again, only = asyncio.run(main())
    assert len(first) == (150 if finished else 50)
    assert_accounted_for(rig, inputs, second)  # one outcome each, no input paid twice
    assert all(item.state is ItemState.SUCCEEDED for item in second)
    assert sum(1 for item in second if by_line(first).get(item.line)) == len(first)
    # The ledger's reads by chunk of inputs, the inputs a window ahead (not all they hold).
    assert 0 < only.most_keys <= 20
    assert again.lead <= 40, f"read {again.lead} inputs ahead of the outcomes"
