"""The blocking way to run a batch: :func:`run_batch` yields results in the caller's thread.

::

    for item in scrapejobs.run_batch("scrapio", token, urls, ledger="run.db"):
        print(item.line, item.state, item.job)

It runs :class:`~scrapejobs.batch.runner.BatchRunner` on a private event loop thread; everything the
async runner promises (ledger first, resume, one result per input) holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from scrapejobs.batch.inputs import parse_lines
from scrapejobs.batch.ledger_open import open_ledger
from scrapejobs.batch.pg_location import is_postgres_url
from scrapejobs.batch.pg_run_lock import RunLockMode, hold_run_lock
from scrapejobs.batch.results import ItemResult
from scrapejobs.batch.runner import BatchRunner
from scrapejobs.client import AsyncJobs

T = TypeVar("T")


def _lines(inputs: Iterable[str | Mapping[str, Any]]) -> list[str]:
    return [item if isinstance(item, str) else json.dumps(dict(item)) for item in inputs]


def run_batch(
    provider: str,
    token: str,
    inputs: Iterable[str | Mapping[str, Any]],
    *,
    ledger: str | Path,
    base_url: str | None = None,
    client_kwargs: Mapping[str, Any] | None = None,
    **runner_options: Any,
) -> Iterator[ItemResult]:
    """Run ``inputs`` (URLs or provider-parameter dicts) through ``provider``; yield each result.

    ``ledger`` is the SQLite file (or the ``postgresql://`` URL, see
    :func:`~scrapejobs.batch.ledger_open.open_ledger`) that makes the run resumable: call again
    with the same inputs and ledger after a crash and nothing with a job id is submitted twice.
    A SQLite ledger is locked for the run (one run per ledger; the lock dies with the process);
    a PostgreSQL run's lock is held alone (:mod:`~scrapejobs.batch.pg_run_lock`: no worker of
    the run meanwhile; a lost lock stops the run with LedgerIOError).
    ``runner_options`` go to :class:`~scrapejobs.batch.runner.BatchRunner` (``concurrency``,
    ``batch_size``, ``resubmit_uncertain``, …), ``client_kwargs`` to
    :class:`~scrapejobs.client.AsyncJobs`.
    Input ``n`` (1-based) is reported as ``line`` n. Stopping the iteration early stops the run
    (what was submitted stays in the ledger).

    Raises:
        InputFileError: an input is not a URL or a JSON object (before anything is sent).
        InputParamsError: an input makes no valid request (before anything is sent).
        LedgerMismatchError: the ledger belongs to another run.
        FileBusyError: another run holds the ledger (RunBusyError: the PostgreSQL run's lock).
        LedgerCorruptError: the ledger file exists and is not a whole ledger.
        LedgerIOError: the ledger could not be written (disk full, read-only, lost connection).
        LedgerUnavailableError: a PostgreSQL ledger could not be opened.
        RunAbortedError: the provider refused the credential.

    """
    items, digest = parse_lines(_lines(inputs), path="<inputs>")
    extra = dict(client_kwargs or {})

    async def results() -> AsyncIterator[ItemResult]:
        jobs = AsyncJobs(provider, token, base_url=base_url, **extra)
        async with contextlib.AsyncExitStack() as stack:
            if is_postgres_url(ledger):  # the whole input in this process: the run's lock alone
                await hold_run_lock(stack, str(ledger), RunLockMode.EXCLUSIVE)
            store = stack.enter_context(open_ledger(ledger))
            runner = BatchRunner(jobs, store, **runner_options)
            async for item in runner.run(items, digest):
                yield item

    return iterate_in_thread(results)


def iterate_in_thread(make: Callable[[], AsyncIterator[T]], *, buffer: int = 1024) -> Iterator[T]:
    """Run the async iterator made by ``make()`` on a private event loop; yield its items.

    ``make`` is called on that loop's thread (so clients bind to it). Closing the returned
    iterator early stops the async one. Exceptions are re-raised in the caller's thread.
    """
    items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=buffer)
    stop = threading.Event()

    def put(item: T) -> None:
        while not stop.is_set():
            try:
                items.put(("item", item), timeout=0.1)
                return
            except queue.Full:
                continue

    async def pump() -> None:
        agen = make()
        try:
            async for item in agen:
                try:  # room in the buffer: hand it over now, without a thread hop
                    items.put_nowait(("item", item))
                except queue.Full:
                    await asyncio.to_thread(put, item)  # a slow consumer never blocks the loop
                if stop.is_set():
                    break
        finally:
            aclose = getattr(agen, "aclose", None)
            if aclose is not None:
                await aclose()

    def main() -> None:
        try:
            asyncio.run(pump())
            items.put(("done", None))
        except BaseException as exc:
            items.put(("error", exc))

    thread = threading.Thread(target=main, name="scrapejobs-run", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = items.get()
            if kind == "item":
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                items.get_nowait()
        thread.join(timeout=30)
