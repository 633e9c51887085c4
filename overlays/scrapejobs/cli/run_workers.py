"""``scrapejobs run --ledger postgresql://…``: this process is one worker of a shared run.

Every worker is started with the same input file and options (on one machine or many); they
share the run through the PostgreSQL ledger and its claims (:mod:`scrapejobs.batch.workers`).
Each prints one line per chunk it claims, takes over or loses, waits while others finish the
last chunks, and, once every chunk is done, writes the whole OUTPUT from the ledger in input
order (every worker writes the same file) and the run's summary.

A worker never holds the whole input: its first pass over the file (checking every input,
computing the digest) notes where each chunk starts in the file, and each chunk is read by
seeking there (:class:`~scrapejobs.batch.input_chunks.FileChunks`); OUTPUT is written a chunk
of inputs (and one ledger query) at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console

from scrapejobs.batch.claims import DEFAULT_CHUNK_SIZE, DEFAULT_LEASE, ClaimFence, Claims, worker_id
from scrapejobs.batch.input_chunks import FileChunks, InputChunks
from scrapejobs.batch.ledger import Ledger, LedgerIOError
from scrapejobs.batch.localfiles import atomic_writer, write_or_fail
from scrapejobs.batch.pg_run_lock import RunLockMode, hold_run_lock
from scrapejobs.batch.results import ItemState, RequestCounter, RunStats
from scrapejobs.batch.workers import Lane, Worker, WorkerReport, WorkerSettings, ordered_results
from scrapejobs.cli.execute import (
    EMULATOR_TOKEN,
    CheckedInputs,
    RunOptions,
    RunReport,
    _checked_inputs,
    _proxies,
    _serve_webhooks,
    _target,
    lock_output,
    output_line,
)
from scrapejobs.client import AsyncJobs

if TYPE_CHECKING:
    from scrapejobs.batch.pg_location import PostgresLocation

T = TypeVar("T")


def worker_settings(options: RunOptions) -> WorkerSettings:
    """Return the worker settings of ``options`` (``--chunk-size``, ``--lease``)."""
    return WorkerSettings(
        chunk_size=options.chunk_size or DEFAULT_CHUNK_SIZE,
        lease=options.lease or DEFAULT_LEASE,
    )


async def execute_workers(options: RunOptions, url: str, console: Console) -> RunReport:
    """Work on the run shared through ledger ``url`` until it is done; write OUTPUT; report.

    Raises what :func:`scrapejobs.cli.execute.execute_run` raises (``--retry`` and
    ``--emulator`` runs never come here: see :func:`scrapejobs.cli.execute.shared`).
    """
    from scrapejobs.batch.ledger_open import open_ledger
    from scrapejobs.batch.pg_location import connect, parse_postgres_url

    location = parse_postgres_url(url)
    settings = worker_settings(options)
    started = time.monotonic()
    owner = worker_id()
    async with contextlib.AsyncExitStack() as stack:
        inputs = FileChunks(options.input, settings.chunk_size)
        # The first pass, in constant memory, notes where each chunk of inputs starts.
        checked = _checked_inputs(stack, options, console, inputs)
        stats = RunStats(inputs=inputs.count)
        await _hold_locks(stack, options, url, owner)
        ledgers = [stack.enter_context(open_ledger(url)) for _ in range(settings.lanes)]
        fences = [
            ClaimFence(stack.enter_context(connect(location)), location.run, owner)
            for _ in range(settings.lanes)
        ]
        claims = Claims(
            await stack.enter_async_context(await _async_connect(location)),
            location.run,
            owner,
            lease=settings.lease,
        )
        base_url, transport = await stack.enter_async_context(_target(options))
        token = EMULATOR_TOKEN if options.emulator else options.token
        webhooks, events = await _serve_webhooks(stack, options, token, ledgers[0].run_id)
        lanes = [
            Lane(_jobs(options, base_url, transport, stats, token), ledger, fence)
            for ledger, fence in zip(ledgers, fences, strict=True)
        ]
        worker = Worker(
            claims,
            lanes,
            settings=settings,
            runner_options={
                "concurrency": options.concurrency,
                "batch_size": options.batch_size,
                "webhooks": webhooks,
                "events": events,
                "resubmit_uncertain": options.resubmit_uncertain,
                "timing": options.timing,
            },
            say=lambda text: console.print(
                f"scrapejobs: {text}", markup=False, highlight=False, soft_wrap=True
            ),
            duplicates=checked.duplicates if options.dedupe else None,
        )
        report = await _claims_errors(worker.run(inputs, checked.digest), location)
        await asyncio.to_thread(_write_output, options, ledgers[0], inputs, stats, checked)
        _say_done(console, worker, report, stats)
    elapsed = time.monotonic() - started
    return RunReport(options.provider, inputs.count, stats, elapsed, options.output, location.shown)


async def _claims_errors(work: Awaitable[T], location: PostgresLocation) -> T:
    """Return what ``work`` returns; the claims' lost connection is a LedgerIOError (exit 4).

    The password never shows: the message is masked. The chunks this worker held are taken
    over by the others once their leases run out; rerun to resume.
    """
    import psycopg

    try:
        return await work
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        reason = location.mask(" ".join(str(exc).split()))
        raise LedgerIOError(location.shown, "ledger", reason) from None


async def _hold_locks(
    stack: contextlib.AsyncExitStack, options: RunOptions, url: str, owner: str
) -> None:
    """Hold this machine's lock on OUTPUT (one worker per output file) and the run's, shared.

    Workers share the run's lock; a run that runs the whole input alone (``--retry``,
    ``--emulator``) cannot start meanwhile, nor can this worker while one runs (RunBusyError).
    """
    lock_output(stack, options)
    await hold_run_lock(stack, url, RunLockMode.SHARED, holder=owner)


async def _async_connect(location: Any) -> Any:
    """Open the claims' autocommit async connection (the password masked in errors).

    Raises LedgerUnavailableError when the server cannot be reached.
    """
    import psycopg

    from scrapejobs.batch.ledger import LedgerUnavailableError

    try:
        return await psycopg.AsyncConnection.connect(location.conninfo, autocommit=True)
    except psycopg.Error as exc:
        reason = location.mask(" ".join(str(exc).split()))
        raise LedgerUnavailableError(f"cannot open the ledger {location.shown}: {reason}") from None


def _jobs(
    options: RunOptions, base_url: str | None, transport: Any, stats: RunStats, token: str
) -> AsyncJobs[Any]:
    """Return a lane's jobs client over the worker's shared transport (requests counted)."""
    hooks = {"request": [RequestCounter(stats)]}
    httpx_args = {"transport": transport, "event_hooks": hooks, "mounts": _proxies(options)}
    return AsyncJobs(
        options.provider, token, base_url=base_url, httpx_args=httpx_args, timeout=options.timeout
    )


def _write_output(
    options: RunOptions,
    ledger: Ledger,
    inputs: InputChunks,
    stats: RunStats,
    checked: CheckedInputs,
) -> None:
    """Write every input's outcome from the ledger to OUTPUT in input order; count them.

    A chunk of inputs at a time (see :func:`~scrapejobs.batch.workers.ordered_results`). With
    ``--dedupe`` each duplicate line gets its first line's outcome (its job counted once).
    Raises LocalFileError when OUTPUT cannot be written (the previous one is left whole).
    """
    stats.by_state = dict.fromkeys(ItemState, 0)
    stats.jobs = 0
    first_of = checked.duplicates.firsts if options.dedupe else None
    with atomic_writer(options.output, "output") as out:
        for item in ordered_results(ledger, inputs, first_of):
            stats.by_state[item.state] += 1
            stats.jobs += item.job is not None and item.copy_of is None
            write_or_fail(out, output_line(item), options.output, "output")


def _say_done(console: Console, worker: Worker, report: WorkerReport, stats: RunStats) -> None:
    """Print what this worker did (the summary table shows the whole run)."""
    console.print(
        f"scrapejobs: worker {worker.claims.owner}: every chunk is done; this worker ran "
        f"{report.chunks} chunk(s) ({report.took_over} taken over, {report.lost} lost), "
        f"{report.stats.submissions} submission(s), {stats.requests} request(s)",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
