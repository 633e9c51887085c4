"""A run's inputs read as the run goes: never more than a window ahead of the outcomes.

:class:`InputSource` wraps what :meth:`~scrapejobs.batch.runner.BatchRunner.run` was given (a
list, any iterable, or an async iterable) and hands the runner chunks of inputs to plan, taking
the next input only while fewer than :attr:`InputSource.window` inputs are taken and have no
outcome yielded yet. So a run of ten million lines holds at most a window of them (and their
jobs), whatever the input's size.

A resumed run reads its inputs the same way: each chunk is resumed from the ledger as it is
read (:meth:`scrapejobs.batch.resume.Resume.chunk`), its recorded outcomes yielded (freeing
the window) and only its inputs the ledger does not hold planned afresh.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Iterable

from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.results import RunStats

PLAN_CHUNK = 1_000
"""Inputs planned at a time at least (more where a provider's submission carries more)."""

DEFAULT_WINDOW = 10_000
"""Inputs a run takes ahead of the outcomes it has yielded, by default (at least two chunks)."""


async def _aiter(inputs: Iterable[RunInput] | AsyncIterable[RunInput]) -> AsyncIterator[RunInput]:
    if isinstance(inputs, AsyncIterable):
        async for item in inputs:
            yield item
    else:
        for item in inputs:
            yield item


class InputSource:
    """The inputs of one run, taken a chunk at a time within a window (see the module docstring).

    ``count`` (the number of inputs, when known) goes to ``stats.inputs``; without it,
    ``stats.inputs`` counts the inputs taken so far.
    """

    def __init__(
        self,
        inputs: Iterable[RunInput] | AsyncIterable[RunInput],
        count: int | None,
        stats: RunStats,
        *,
        window: int = DEFAULT_WINDOW,
    ) -> None:
        self._items = _aiter(inputs)
        self._ended = False
        self._peeked: RunInput | None = None
        self._stats = stats
        self._counting = count is None
        stats.inputs = 0 if count is None else count
        self.window = window
        self.taken = 0
        """Inputs taken from the source so far."""
        self.done = 0
        """Outcomes yielded to the caller so far."""
        self.lead = 0
        """The most inputs taken at once ahead of the outcomes yielded (for tests and benches)."""
        self._progress = asyncio.Event()

    def yielded(self) -> None:
        """Note that the caller took one more outcome (frees a place in the window)."""
        self.done += 1
        self._progress.set()

    async def _next(self) -> RunInput | None:
        """Take the next input, or None at the end."""
        if self._peeked is not None:
            item, self._peeked = self._peeked, None
            return item
        if self._ended:
            return None
        try:
            item = await anext(self._items)
        except StopAsyncIteration:
            self._ended = True
            return None
        self.taken += 1
        self.lead = max(self.lead, self.taken - self.done)
        if self._counting:
            self._stats.inputs += 1
        return item

    async def peek(self) -> bool:
        """Return whether another input is left (it is taken, and handed out next)."""
        if self._peeked is None:
            self._peeked = await self._next()
        return self._peeked is not None

    async def chunks(self, first: list[RunInput], size: int) -> AsyncIterator[list[RunInput]]:
        """Yield the inputs left in chunks of ``size``, ``first`` (already taken) first.

        The next input is taken only while fewer than the window (at least ``2 * size``) are
        taken without an outcome yielded: a chunk never waits on inputs it holds itself.
        """
        window = max(self.window, 2 * size)
        for start in range(0, len(first), size):
            yield first[start : start + size]
        chunk: list[RunInput] = []
        while True:
            while self.taken - self.done >= window and self._peeked is None:
                if chunk:  # hand over what is held before waiting for outcomes
                    yield chunk
                    chunk = []
                self._progress.clear()
                await self._progress.wait()
            item = await self._next()
            if item is None:
                break
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
