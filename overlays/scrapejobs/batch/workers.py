"""Many workers on one run: each claims chunks of the inputs and runs them until none is left.

Every worker (``scrapejobs run --ledger postgresql://…``, the same input file and options on
every machine) does the same:

1. plans the run's chunks unless another worker did (:meth:`~scrapejobs.batch.claims.Claims.plan`);
2. on each of its *lanes* (chunks run side by side, so one chunk's last jobs do not leave the
   worker idle), claims the next chunk and runs a :class:`~scrapejobs.batch.runner.BatchRunner`
   over the chunk's inputs, on a :class:`~scrapejobs.batch.chunk_view.ChunkLedger` (the chunk's
   view of the shared ledger, its intents fenced by the claim): a chunk taken over from a dead
   worker resumes by the ledger's rules (intents resent with their idempotency key or made
   uncertain, outstanding jobs waited for, never resubmitted);
3. marks a chunk done once every input of it has an outcome or a final submission state;
4. heart-beats its leases every ``lease / 3``; a chunk it lost (lease expired, taken over) is
   stopped at once: nothing more is sent for it;
5. when no chunk is left to claim, waits (a light poll of the claims) while other workers hold
   live chunks, taking over any whose lease expires, until every chunk is done.

A worker reads its inputs a chunk at a time (:mod:`scrapejobs.batch.input_chunks`: by seeking
in the input file, at offsets its first pass over the file noted), so its memory holds the
chunks it runs, never the whole input. Then the whole run's outcomes are in the ledger:
:func:`ordered_results` reads them in input order, a chunk of inputs and one ledger query at a
time (every worker writes the same complete output).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import AsyncGenerator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from scrapejobs.batch.chunk_view import ChunkLedger, recorded_results
from scrapejobs.batch.claims import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_LEASE,
    Chunk,
    ClaimFence,
    Claims,
    LeaseLostError,
)
from scrapejobs.batch.duplicates import DuplicateIndex
from scrapejobs.batch.input_chunks import InputChunks, ListChunks
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import Ledger, LedgerMismatchError
from scrapejobs.batch.results import ItemResult, RunStats
from scrapejobs.batch.runner import BatchRunner
from scrapejobs.client import AsyncJobs
from scrapejobs.errors import ScrapejobsError

LOG = logging.getLogger("scrapejobs.batch.workers")

DEFAULT_LANES = 2
"""Chunks one worker runs side by side."""


class ChunkIncompleteError(ScrapejobsError):
    """A chunk's run ended with inputs that have no outcome in the ledger (a bug, not a fault)."""


@dataclass(frozen=True)
class WorkerSettings:
    """How a worker shares a run: chunk size, lease (seconds, the database's clock), lanes."""

    chunk_size: int = DEFAULT_CHUNK_SIZE
    lease: float = DEFAULT_LEASE
    lanes: int = DEFAULT_LANES
    wait: float | None = None
    """Seconds between looks at the claims while other workers hold the last chunks
    (default: a third of the lease, at most 2 s)."""

    def __post_init__(self) -> None:
        if self.chunk_size < 1 or self.lanes < 1 or self.lease <= 0:
            raise ValueError("chunk size and lanes must be at least 1, the lease positive")

    @property
    def beat(self) -> float:
        """Seconds between heartbeats: a third of the lease."""
        return self.lease / 3

    @property
    def poll(self) -> float:
        """Seconds between looks at the claims while waiting for other workers."""
        return self.wait if self.wait is not None else min(self.beat, 2.0)


@dataclass
class Lane:
    """What one lane runs its chunks with: its own jobs client, ledger and fence."""

    jobs: AsyncJobs[Any]
    ledger: Ledger
    fence: ClaimFence


@dataclass
class WorkerReport:
    """What this worker did: chunks run and taken over, its requests and jobs."""

    chunks: int = 0
    """Chunks this worker ran to the end."""
    took_over: int = 0
    """Chunks it took over from a worker whose lease expired."""
    lost: int = 0
    """Chunks it lost (its lease expired or another worker took them over)."""
    stats: RunStats = field(default_factory=RunStats)
    """Its jobs, submissions and replays (``requests`` is counted by the caller's hook)."""


Say = Callable[[str], None]
"""Prints one line for the user (a worker's news: claims, takeovers, lost chunks, waiting)."""

OnResult = Callable[[ItemResult], None]


@dataclass
class _Held:
    """A chunk a lane runs, and whether the heartbeat found it lost."""

    chunk: Chunk
    task: asyncio.Task[None]
    lost: bool = False


class Worker:
    """One worker of a run shared through PostgreSQL (see the module docstring).

    ``claims`` is this worker's claims of the run; ``lanes`` the lanes' jobs, ledgers and fences
    (one each; ``settings.lanes`` of them); ``runner_options`` the keyword arguments of every
    chunk's :class:`BatchRunner` (concurrency, webhooks, timing, …: the CLI's options).
    ``duplicates`` (``--dedupe``): the run's duplicate index (the same in every worker, found in
    the input file); each chunk runs without the inputs that repeat an earlier one, and the run's
    chunks are planned for deduplicating workers only.
    """

    def __init__(
        self,
        claims: Claims,
        lanes: Sequence[Lane],
        *,
        settings: WorkerSettings,
        runner_options: dict[str, Any],
        say: Say = LOG.info,
        on_result: OnResult | None = None,
        duplicates: DuplicateIndex | None = None,
    ) -> None:
        if not lanes:
            raise ValueError("a worker needs at least one lane")
        self.claims = claims
        self.lanes = list(lanes)
        self.settings = settings
        self.runner_options = runner_options
        self.say = say
        self.on_result = on_result
        self.duplicates = duplicates
        self.report = WorkerReport()
        self._held: dict[int, _Held] = {}

    def __repr__(self) -> str:
        return f"Worker(owner={self.claims.owner!r}, lanes={len(self.lanes)})"

    async def run(self, inputs: InputChunks | Sequence[RunInput], digest: str) -> WorkerReport:
        """Work on the run until every chunk is done; return what this worker did.

        ``inputs`` are read a chunk at a time (a list is read by slices of it).

        Raises:
            LedgerMismatchError: the run (its chunks or its ledger) is another input's.
            RunAbortedError: the provider refused the credential; rerun to resume.
            LedgerIOError / psycopg.Error: the ledger or the claims could not be used (the
                chunks this worker held are taken over by the others once their leases run out).

        """
        source = ListChunks(inputs) if isinstance(inputs, Sequence) else inputs
        chunks = await self.claims.plan(
            digest, source.lines, self.settings.chunk_size, dedupe=self.duplicates is not None
        )
        self.say(
            f"worker {self.claims.owner}: run {self.claims.run!r} has {chunks} chunk(s) "
            f"of up to {self.settings.chunk_size} inputs; lease {self.settings.lease:g} s"
        )
        heartbeat = asyncio.create_task(self._heartbeat())
        lanes = [asyncio.create_task(self._lane(lane, source, digest)) for lane in self.lanes]
        try:
            while not all(task.done() for task in lanes):
                done, _ = await asyncio.wait(
                    [heartbeat, *lanes], return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    task.result()  # a lane's or the heartbeat's error ends the worker
        finally:
            for task in (*lanes, heartbeat):
                task.cancel()
            await asyncio.gather(*lanes, heartbeat, return_exceptions=True)
        return self.report

    async def _lane(self, lane: Lane, inputs: InputChunks, digest: str) -> None:
        """Claim and run chunks until every chunk of the run is done."""
        waiting_said = False
        while True:
            chunk = await self.claims.claim()
            if chunk is None:
                progress = await self.claims.progress()
                if progress.finished:
                    return
                if not waiting_said:
                    self.say(
                        f"worker {self.claims.owner}: no chunk left to claim; waiting for "
                        f"{progress.chunks - progress.done} chunk(s) held by other workers"
                    )
                    waiting_said = True
                await asyncio.sleep(self.settings.poll)
                continue
            waiting_said = False
            await self._hold(lane, chunk, inputs, digest)

    async def _hold(self, lane: Lane, chunk: Chunk, inputs: InputChunks, digest: str) -> None:
        """Run ``chunk`` on ``lane`` while this worker holds it; stop at once when it is lost."""
        if chunk.stop_index > inputs.count:
            raise LedgerMismatchError(
                f"chunk {chunk.number} of run {self.claims.run!r} goes past the end of the "
                "inputs; every worker needs the same input file"
            )
        lines = f"lines {chunk.first_line}-{chunk.last_line}"
        if chunk.takeover:
            self.report.took_over += 1
            self.say(
                f"worker {self.claims.owner}: took over chunk {chunk.number} ({lines}) "
                f"from {chunk.previous_owner} (its lease expired)"
            )
        else:
            self.say(f"worker {self.claims.owner}: claimed chunk {chunk.number} ({lines})")
        task = asyncio.create_task(self._run_chunk(lane, chunk, inputs, digest))
        held = _Held(chunk, task)
        self._held[chunk.number] = held
        try:
            await task
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if not held.lost or (current is not None and current.cancelling()):
                with contextlib.suppress(Exception):
                    await asyncio.shield(self.claims.release(chunk))
                raise
        except BaseException as error:
            if not _is_lost(error):
                with contextlib.suppress(Exception):
                    await asyncio.shield(self.claims.release(chunk))
                raise
            held.lost = True
        finally:
            self._held.pop(chunk.number, None)
        if held.lost:
            self.report.lost += 1
            self.say(
                f"worker {self.claims.owner}: lost chunk {chunk.number} ({lines}): its lease "
                "expired or another worker took it over; stopped sending for it"
            )
            return
        self.report.chunks += 1
        await self.claims.done(chunk)

    async def _run_chunk(self, lane: Lane, chunk: Chunk, inputs: InputChunks, digest: str) -> None:
        """Read the chunk's inputs, run them through a new runner; check every one ended.

        Raises:
            InputFileError: the input file changed since the first pass.
            LeaseLostError: the fence refused an intent (the chunk is another worker's now).
            ChunkIncompleteError: the runner ended with inputs that have no recorded outcome.

        """
        items = await asyncio.to_thread(inputs.read, chunk.first_index, chunk.stop_index)
        if self.duplicates is not None:  # --dedupe: copies get their first line's outcome
            items = list(self.duplicates.without_copies(items))
        view = ChunkLedger(
            lane.ledger,
            frozenset(item.key for item in items),
            fence=lane.fence,
            chunk=chunk.number,
        )
        stats = RunStats()
        # Each chunk learns its jobs' durations afresh, as one run does. A duration is an upper
        # bound (the age at the read that found the job final, read delays included): carried
        # from chunk to chunk, each chunk would time its reads later than the one before.
        lane.jobs.durations.clear()
        retry = lane.jobs.adapter.retry  # the runner wraps it; given back after the chunk
        runner = BatchRunner(lane.jobs, view, stats=stats, **self.runner_options)
        try:
            results = cast(AsyncGenerator[ItemResult, None], runner.run(items, digest))
            async with contextlib.aclosing(results):
                async for item in results:
                    if self.on_result is not None:
                        self.on_result(item)
        finally:
            lane.jobs.adapter.retry = retry
            self._count(stats)
        by_key = {item.key: item for item in items}
        ended = await asyncio.to_thread(recorded_results, view, by_key)
        missing = len(by_key) - len(ended)
        if missing:
            raise ChunkIncompleteError(
                f"chunk {chunk.number}: {missing} input(s) have no outcome in the ledger after "
                "its run"
            )

    def _count(self, stats: RunStats) -> None:
        total = self.report.stats
        total.jobs += stats.jobs
        total.submissions += stats.submissions
        total.replayed += stats.replayed
        for state, count in stats.by_state.items():
            total.by_state[state] += count

    async def _heartbeat(self) -> None:
        """Extend this worker's leases every ``lease / 3``; stop each chunk it lost at once."""
        while True:
            await asyncio.sleep(self.settings.beat)
            held = await self.claims.heartbeat()
            for number, running in list(self._held.items()):
                if number not in held and not running.lost:
                    running.lost = True
                    running.task.cancel()


def _is_lost(error: BaseException) -> bool:
    """Return True when ``error`` is (or holds only) a :class:`LeaseLostError`."""
    if isinstance(error, LeaseLostError):
        return True
    if isinstance(error, BaseExceptionGroup):
        return all(_is_lost(inner) for inner in error.exceptions)
    cause = error.__cause__ or error.__context__
    return isinstance(cause, LeaseLostError)


OUTPUT_CHUNK = 1_000
"""Inputs whose outcomes :func:`ordered_results` reads from the ledger at a time."""


def ordered_results(
    ledger: Ledger,
    inputs: InputChunks | Sequence[RunInput],
    first_of: Callable[[Sequence[int]], Mapping[int, int]] | None = None,
    *,
    chunk: int = OUTPUT_CHUNK,
) -> Iterator[ItemResult]:
    """Yield the recorded outcome of every input, in input order (once every chunk is done).

    Reads ``chunk`` inputs and their outcomes (one :class:`ChunkLedger` view of the ledger) at
    a time: memory holds one chunk, whatever the run's size. ``first_of`` (``--dedupe``, e.g.
    :meth:`~scrapejobs.batch.duplicates.DuplicateIndex.firsts`) maps consecutive inputs' lines
    to the first line of those that repeat an earlier input; each of those gets its first
    line's outcome under its own line (``copy_of`` set), as a run alone does
    (:func:`scrapejobs.batch.duplicates.with_duplicates`).

    Raises:
        ChunkIncompleteError: an input has no outcome in the ledger.
        InputFileError: the input file changed since the first pass.

    """
    source = ListChunks(inputs) if isinstance(inputs, Sequence) else inputs
    for start in range(0, source.count, chunk):
        yield from _ordered_chunk(
            ledger, source.read(start, min(source.count, start + chunk)), first_of
        )


def _ordered_chunk(
    ledger: Ledger,
    inputs: Sequence[RunInput],
    first_of: Callable[[Sequence[int]], Mapping[int, int]] | None,
) -> Iterator[ItemResult]:
    """Yield the recorded outcome of each of ``inputs`` (consecutive), read in one view."""
    firsts = first_of([item.line for item in inputs]) if first_of is not None else {}
    sources: dict[str, RunInput] = {}
    for item in inputs:
        first = firsts.get(item.line)
        source = item if first is None else RunInput(first, item.params)
        sources[source.key] = source
    found = recorded_results(ChunkLedger(ledger, frozenset(sources)), sources)
    for item in inputs:
        first = firsts.get(item.line)
        result = found.get(item.key if first is None else f"line-{first}")
        if result is None:
            raise ChunkIncompleteError(f"line {first or item.line} has no outcome in the ledger")
        if first is not None:
            copy = RunInput(item.line, result.input.params)
            result = dataclasses.replace(result, input=copy, copy_of=first)
        yield result
