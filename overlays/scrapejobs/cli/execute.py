"""``scrapejobs run``: a file of inputs through one provider, with a progress bar and a summary.

Kept apart from :mod:`scrapejobs.cli` (argument parsing) so it can be called and tested as a
function: :func:`execute_run` does the run and returns its :class:`RunReport`.

Local files: the run holds the output's and the ledger's run locks (``<file>.lock``) from
before anything is sent to its end, checks the ledger before anything else, and replaces the
output whole when the run ends (written to ``.<name>.partial`` beside it, fsynced, renamed): a run
that is interrupted or killed leaves the previous output exactly as it was. A PostgreSQL ledger
(``--ledger postgresql://…``) has no file: its run's lock is held in the database instead
(:mod:`scrapejobs.batch.pg_run_lock`: shared by workers, alone for this whole-input run).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import AsyncGenerator, AsyncIterator, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from scrapejobs.batch.duplicates import DuplicateIndex, duplicate_warning, with_duplicates
from scrapejobs.batch.input_chunks import FileChunks
from scrapejobs.batch.inputs import (
    InputDigest,
    InputFileError,
    RunInput,
    file_lines,
    numbered_lines,
    prefix_digest,
    stream_inputs,
)
from scrapejobs.batch.ledger import Ledger, LedgerCorruptError
from scrapejobs.batch.ledger_open import ledger_name, open_ledger
from scrapejobs.batch.localfiles import LocalFileError, atomic_writer, hold_lock
from scrapejobs.batch.pg_listener import postgres_webhooks
from scrapejobs.batch.pg_location import is_postgres_url, parse_postgres_url
from scrapejobs.batch.pg_run_lock import RunLockMode, hold_run_lock
from scrapejobs.batch.planning import InputParamsError, ProblemLog, planner
from scrapejobs.batch.results import ItemResult, ItemState, RequestCounter, RunStats
from scrapejobs.batch.retry import mark_retries, retry_notice
from scrapejobs.batch.run_webhooks import RunWebhooks, run_secret
from scrapejobs.batch.runner import BatchRunner
from scrapejobs.cli.proxies import proxy_mounts
from scrapejobs.cli.spool import LineSpool
from scrapejobs.client import AsyncJobs
from scrapejobs.transport import BoundedTransport, async_transport
from scrapejobs.waiting import PROMPT, Timing
from scrapejobs.webhooks.events import WebhookEvents
from scrapejobs.webhooks.receiver import webhook_app

EMULATOR_TOKEN = "emulator-token"  # noqa: S105 -- the embedded emulator's own credential


@dataclass(frozen=True)
class RunOptions:
    """Everything ``scrapejobs run`` was asked to do (the CLI's flags, checked)."""

    provider: str
    input: Path
    output: Path
    ledger: Path | str = field(repr=False)
    """A SQLite file, or a ``postgresql://`` URL (it may hold a password: never printed)."""
    token: str = field(repr=False)
    concurrency: int = 32
    batch_size: int | None = None
    base_url: str | None = None
    webhook_port: int | None = None
    webhook_url: str | None = None
    scrapingpros_webhook_secret: str | None = field(default=None, repr=False)
    resubmit_uncertain: bool = False
    emulator: bool = False
    emulator_config: dict[str, Any] = field(default_factory=dict)
    progress: bool = True
    timeout: float = 60.0
    """Total seconds one HTTP request may take (connect, send, answer)."""
    timing: Timing = PROMPT
    """How eagerly jobs are read (see :class:`scrapejobs.waiting.Timing`)."""
    dedupe: bool = False
    """Submit duplicate inputs once and write the outcome for each duplicate line."""
    retry: frozenset[str] = frozenset()
    """Outcomes (refused, failed, expired) whose inputs are submitted again as a new attempt."""
    chunk_size: int | None = None
    """Inputs per chunk of a run shared by workers (a postgresql:// ledger; None: default)."""
    lease: float | None = None
    """Seconds a worker's claim lasts without a heartbeat (a postgresql:// ledger)."""


@dataclass
class RunReport:
    """What a run did: counts per outcome, requests, timings."""

    provider: str
    inputs: int
    stats: RunStats
    elapsed: float
    output: Path | None = None
    ledger: Path | str | None = None
    """The ledger's file, or its URL with the password masked."""

    @property
    def complete(self) -> bool:
        """Return True when every input succeeded."""
        return self.stats.by_state[ItemState.SUCCEEDED] == self.inputs

    def as_json(self) -> dict[str, Any]:
        """Return the report as a JSON object (what ``--summary-json`` writes)."""
        jobs = max(self.stats.jobs, 1)
        return {
            "provider": self.provider,
            "inputs": self.inputs,
            "jobs": self.stats.jobs,
            **{state.value: count for state, count in self.stats.by_state.items()},
            "submissions": self.stats.submissions,
            "requests": self.stats.requests,
            "requests_per_job": round(self.stats.requests / jobs, 3),
            "elapsed_seconds": round(self.elapsed, 3),
            "replayed_from_ledger": self.stats.replayed,
            "output": str(self.output) if self.output else None,
            "ledger": str(self.ledger) if self.ledger else None,
        }


def outcome_counts(stats: RunStats) -> list[tuple[str, int]]:
    """Return (outcome, inputs) for every outcome, in ItemState order: what bar and summary show.

    The progress bar and the summary both print these counts, so they always agree.
    """
    return [(state.value, stats.by_state[state]) for state in ItemState]


def outcomes_text(stats: RunStats) -> str:
    """Return the progress bar's outcome counts (``3 succeeded · 1 uncertain``; zeros left out)."""
    parts = [f"{count} {name}" for name, count in outcome_counts(stats) if count]
    return " · ".join(parts) or "no outcome yet"


def summary_table(report: RunReport) -> Table:
    """Return the end-of-run table (jobs, outcomes, requests per job, elapsed)."""
    stats = report.stats
    table = Table(title=f"scrapejobs run · {report.provider}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("inputs", str(report.inputs))
    table.add_row("jobs", str(stats.jobs))
    for name, count in outcome_counts(stats):
        table.add_row(name, str(count))
    if stats.replayed:
        table.add_row("from the ledger", str(stats.replayed))
    per_job = stats.requests / stats.jobs if stats.jobs else 0.0
    table.add_row("requests", str(stats.requests))
    table.add_row("requests per job", f"{per_job:.2f}")
    table.add_row("elapsed", f"{report.elapsed:.1f} s")
    if report.output is not None:
        table.add_row("output", str(report.output))
    if report.ledger is not None:
        table.add_row("ledger", str(report.ledger))
    return table


def _progress(console: Console, enabled: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "{task.fields[outcomes]} · {task.fields[in_flight]} in flight · "
            "{task.fields[rate]:.1f}/s"
        ),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not enabled,
        transient=False,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.asynccontextmanager
async def _receiver(app: Any, port: int) -> AsyncIterator[int]:
    """Serve ``app`` on 127.0.0.1:``port`` (0 picks one) in this loop; yield the port."""
    import uvicorn

    chosen = port or _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=chosen, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # raises why it could not start (e.g. the port is taken)
            raise OSError(f"webhook receiver did not start on port {chosen}")
        await asyncio.sleep(0.01)
    try:
        yield chosen
    finally:
        server.should_exit = True
        await task


@contextlib.asynccontextmanager
async def _embedded_emulator(
    options: RunOptions,
) -> AsyncIterator[tuple[str, httpx.AsyncBaseTransport]]:
    """Run the emulator in this process; yield the provider's base URL and a transport to it.

    Its jobs, accounts and clock live in ``<ledger>.emulator.json`` (unless the emulator config
    names another ``state_file``), so an interrupted run resumes against the same jobs. The
    configuration is this run's (``--emulator-config``), never the one saved with the state: a
    rerun without faults sees none, while jobs already planned keep their outcome.

    Raises:
        LedgerCorruptError: that state file is damaged or of another version (left untouched).

    """
    from scrapejobs_emulator import Emulator, EmulatorConfig, EmulatorTransport
    from scrapejobs_emulator.persist import StateDocumentError

    settings = {"tokens": [EMULATOR_TOKEN], "scrapedo_concurrency": 100, **options.emulator_config}
    settings.setdefault("state_file", str(emulator_state_path(options.ledger, options.output)))
    # Every job id the run records is in the state file first, even if this process is killed.
    settings.setdefault("state_saved_before_answers", True)
    tokens = settings["tokens"]
    if isinstance(tokens, list) and EMULATOR_TOKEN not in tokens:  # the run signs in with it
        settings["tokens"] = [*tokens, EMULATOR_TOKEN]
    config = EmulatorConfig.model_validate(settings)
    try:
        emulator = Emulator(config)
    except StateDocumentError as exc:
        raise LedgerCorruptError(
            f"emulator state {settings['state_file']}: {exc}; remove it to start afresh"
        ) from exc
    emulator.configure(config)  # this run's settings, not the saved run's (jobs keep their plans)
    background = asyncio.create_task(emulator.run_background())  # webhooks, state saves
    try:
        yield f"http://emulator.invalid/{options.provider}", EmulatorTransport(emulator)
    finally:
        background.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await background
        if emulator.state_file is not None:  # also when the task was cancelled before it ran
            emulator.state_file.flush(time.monotonic())


def emulator_state_path(ledger: Path | str, output: Path) -> Path:
    """Return where ``scrapejobs run --emulator`` keeps the embedded emulator's state.

    Beside a SQLite ledger (``<ledger>.emulator.json``), else beside the output.
    """
    beside = ledger if isinstance(ledger, Path) else output
    return beside.with_name(beside.name + ".emulator.json")


@contextlib.asynccontextmanager
async def _target(
    options: RunOptions,
) -> AsyncIterator[tuple[str | None, httpx.AsyncBaseTransport]]:
    if options.emulator:
        async with _embedded_emulator(options) as target:
            yield target
        return
    transport = async_transport("aiohttp", max_in_flight=options.concurrency)
    try:
        yield options.base_url, transport
    finally:
        await transport.aclose()


def _proxies(options: RunOptions) -> dict[str, Any]:
    """Return httpx mounts for the environment's proxies (none for the embedded emulator).

    Each proxy gets its own transport, bounded to ``options.concurrency`` requests in flight.
    """
    if options.emulator:
        return {}

    def through(url: str) -> httpx.AsyncBaseTransport:
        return BoundedTransport(httpx.AsyncHTTPTransport(proxy=url), options.concurrency)

    return dict(proxy_mounts(through))


def output_line(item: ItemResult) -> str:
    """Return the output line of one result (compact JSON and a newline)."""
    return json.dumps(item.to_json(), separators=(",", ":")) + "\n"


async def execute_run(options: RunOptions, console: Console | None = None) -> RunReport:
    """Run ``options.input`` through the provider; write one JSON line per input; return a report.

    The output file is written anew on every run (outcomes already in the ledger first) and
    replaces the old one whole when the run returns, so it then holds exactly one line per
    input; a run that raises (or is killed) leaves the old output as it was. Progress goes to
    ``console`` (stderr by default); nothing printed ever contains a credential.

    Raises:
        InputFileError: the input file is missing, unreadable or empty (nothing was sent).
        InputParamsError: inputs make no valid request or lines are no input (every one of
            them is listed: InvalidInputsError; nothing was sent).
        FileBusyError: another run uses the output or the ledger, or holds a PostgreSQL run's
            lock (RunBusyError; nothing was sent or written).
        LedgerCorruptError: the ledger file is not a whole ledger (nothing was sent or written).
        LedgerMismatchError: the ledger belongs to another run.
        LedgerUnavailableError: a PostgreSQL ledger cannot be opened (nothing was sent);
            ImportError without the ``postgres`` extra.
        LocalFileError: the ledger or the output could not be written, or a PostgreSQL
            ledger's connection (or its run lock's) was lost (the ledger keeps everything
            recorded; rerun to resume).
        RunAbortedError: the provider refused the credential; rerun to resume.
        ProviderError / httpx.HTTPError: the provider could not be reached for the run's setup.

    """
    console = console or Console(stderr=True)
    stats = RunStats()
    started = time.monotonic()
    async with contextlib.AsyncExitStack() as stack:
        checked = _checked_inputs(stack, options, console)
        await _hold_run_alone(stack, options)
        ledger = _open_local_files(stack, options, checked.digest, checked.count)
        _mark_retries(ledger, options, console)
        base_url, transport = await stack.enter_async_context(_target(options))
        token = EMULATOR_TOKEN if options.emulator else options.token
        hooks = {"request": [RequestCounter(stats)]}
        httpx_args = {"transport": transport, "event_hooks": hooks, "mounts": _proxies(options)}
        jobs = AsyncJobs(
            options.provider,
            token,
            base_url=base_url,
            httpx_args=httpx_args,
            timeout=options.timeout,
        )
        webhooks, events = await _serve_webhooks(stack, options, token, ledger.run_id)
        runner = BatchRunner(
            jobs,
            ledger,
            concurrency=options.concurrency,
            batch_size=options.batch_size,
            webhooks=webhooks,
            events=events,
            resubmit_uncertain=options.resubmit_uncertain,
            stats=stats,
            timing=options.timing,
        )
        results = _streamed_results(runner, options, checked, stats)
        await _write_results(stack, console, options, results, checked.count, stats, started)
    elapsed, shown = time.monotonic() - started, ledger_name(options.ledger)
    return RunReport(options.provider, checked.count, stats, elapsed, options.output, shown)


def _streamed_results(
    runner: BatchRunner, options: RunOptions, checked: CheckedInputs, stats: RunStats
) -> AsyncGenerator[ItemResult, None]:
    """Return the run's results over the input file, read a second time (streamed).

    With ``--dedupe`` the copies are left out of the run and get their first line's outcome.
    """
    duplicates = checked.duplicates
    to_run: Iterator[RunInput] = stream_inputs(options.input, digest=checked.digest)
    count = checked.count
    if options.dedupe:
        to_run = duplicates.without_copies(to_run)
        count -= duplicates.count
    results = cast(
        AsyncGenerator[ItemResult, None], runner.run(to_run, checked.digest, count=count)
    )
    if options.dedupe:
        results = with_duplicates(results, duplicates, stats)
    return results


def shared(options: RunOptions) -> bool:
    """Return whether a run on a ``postgresql://`` ledger is one worker of a shared run.

    It is (``--dedupe`` too: every worker skips the same copies), unless it retries or embeds
    the emulator: those run the whole input in this one process on the PostgreSQL ledger,
    holding the run's lock alone (:mod:`scrapejobs.batch.pg_run_lock`: no worker meanwhile).
    """
    return not (options.retry or options.emulator)


def execute(options: RunOptions) -> Coroutine[Any, Any, RunReport]:
    """Return the run ``options`` ask for, to be awaited.

    One worker of a shared run for a ``postgresql://`` ledger (see :func:`shared` and
    :func:`scrapejobs.cli.run_workers.execute_workers`), else :func:`execute_run`.
    """
    if isinstance(options.ledger, str) and shared(options):
        from scrapejobs.cli.run_workers import execute_workers

        return execute_workers(options, options.ledger, Console(stderr=True))
    return execute_run(options)


@dataclass(frozen=True)
class CheckedInputs:
    """What the first pass over the input file found: it is fit to run."""

    digest: str
    """The digest of the inputs (see :func:`scrapejobs.batch.inputs.read_inputs`)."""
    count: int
    """The number of inputs."""
    duplicates: DuplicateIndex
    """The inputs that repeat an earlier one (on disk; closed with the run)."""


def _checked_inputs(
    stack: contextlib.AsyncExitStack,
    options: RunOptions,
    console: Console,
    chunks: FileChunks | None = None,
) -> CheckedInputs:
    """Read the input file once, checking every input before anything is sent; warn duplicates.

    One pass, in constant memory: each line is parsed and checked (the first problems kept
    for the report, the others counted), digested and noted in the duplicate index (on disk);
    with ``chunks``, where each chunk of inputs starts in the file is noted too (a worker's).
    Raises InputFileError / InputParamsError (every bad line, capped) as :func:`execute_run` says.
    """
    check = planner(options.provider)
    problems = ProblemLog()
    digest = InputDigest()
    duplicates = DuplicateIndex()
    stack.callback(duplicates.close)
    count = 0
    path = str(options.input)
    lines = file_lines(options.input) if chunks is None else chunks.scan()
    for number, text, parsed in numbered_lines(lines, path=path):
        if isinstance(parsed, str):
            problems.add(InputParamsError(number, parsed))
            continue
        for problem in check.problems(parsed):
            problems.add(problem)
        digest.update(number, text)
        duplicates.add(parsed)
        if chunks is not None:
            chunks.note(number, text)
        count += 1
    if chunks is not None:
        chunks.finish()
    error = problems.error()
    if error is not None:
        raise error
    if not count:
        raise InputFileError(path, None, "no inputs (only blank or comment lines)")
    duplicates.finish()
    for warning in duplicate_warning(duplicates, path, deduped=options.dedupe):
        console.print(
            f"scrapejobs: warning: {warning}", markup=False, highlight=False, soft_wrap=True
        )
    return CheckedInputs(digest.hexdigest(), count, duplicates)


async def _hold_run_alone(stack: contextlib.AsyncExitStack, options: RunOptions) -> None:
    """With a ``postgresql://`` ledger: hold its run's lock alone until ``stack`` closes.

    No worker and no other whole-input run can start meanwhile, nor this run while they run
    (RunBusyError: nothing sent); a lost lock stops the run (LedgerIOError).
    """
    if is_postgres_url(options.ledger):
        await hold_run_lock(stack, str(options.ledger), RunLockMode.EXCLUSIVE)


def _mark_retries(ledger: Ledger, options: RunOptions, console: Console) -> None:
    """With ``--retry``: start a new attempt for the inputs that ended so; say how many.

    The ledger is bound to this run's inputs, so every input it holds is one of them.
    """
    if options.retry:
        marked = mark_retries(ledger, None, options.retry)
        console.print(retry_notice(marked, options.retry), markup=False, highlight=False)


def lock_output(
    stack: contextlib.ExitStack | contextlib.AsyncExitStack, options: RunOptions
) -> None:
    """Create OUTPUT's directory and hold OUTPUT's lock until ``stack`` closes.

    Raises LocalFileError when the directory cannot be created, FileBusyError when another run
    holds OUTPUT. Never touches OUTPUT itself.
    """
    try:
        options.output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LocalFileError(
            options.output.parent, "output directory", exc, verb="create"
        ) from None
    stack.callback(hold_lock(options.output, "output").release)


def _open_local_files(
    stack: contextlib.AsyncExitStack, options: RunOptions, digest: str, count: int
) -> Ledger:
    """Lock the output and open the ledger bound to this run (closed with ``stack``).

    Local files come first, before anything is sent: one run per output and per ledger, and a
    ledger that is damaged or another run's is refused while the output is untouched. Raises
    LocalFileError, FileBusyError, LedgerCorruptError, LedgerMismatchError,
    LedgerUnavailableError (see execute_run).
    """
    lock_output(stack, options)
    ledger = stack.enter_context(open_ledger(options.ledger))
    # Inputs that only add lines at the end of those the ledger was bound to extend the run.
    ledger.bind(
        options.provider, digest, count=count, prefix=lambda n: prefix_digest(options.input, n)
    )
    return ledger


async def _serve_webhooks(
    stack: contextlib.AsyncExitStack, options: RunOptions, token: str, run_id: str
) -> tuple[RunWebhooks | None, WebhookEvents | None]:
    """Serve the run's webhook receiver (with ``--webhook-port``; stopped with ``stack``).

    Returns the run's webhooks and the events its receiver feeds, or (None, None) when the run
    polls. With a PostgreSQL ledger, ``--webhook-url`` and no port, the run serves no receiver:
    ``scrapejobs receive`` processes store the deliveries and the run listens for them.
    Raises OSError when the receiver cannot listen on the port.
    """
    secret = options.scrapingpros_webhook_secret
    if options.emulator and secret is None:
        secret = options.emulator_config.get("webhook_secret", "emulator-webhook-secret")
    if options.webhook_port is None and options.webhook_url and is_postgres_url(options.ledger):
        return await stack.enter_async_context(
            postgres_webhooks(
                parse_postgres_url(str(options.ledger)),
                options.provider,
                token,
                options.webhook_url,
                run_id,
                scrapingpros_secret=secret,
            )
        )
    if options.webhook_port is None:
        return None, None
    events = WebhookEvents()
    # Derived, not random: a resend after a crash carries the body it was first sent with.
    hook_secret = run_secret(token, run_id)
    probe = RunWebhooks("http://placeholder", secret=hook_secret, scrapingpros_secret=secret)
    app = webhook_app(
        {options.provider: events.handler(probe.verifier(options.provider))},
        prefix="/hooks",
    )
    port = await stack.enter_async_context(_receiver(app, options.webhook_port))
    base = options.webhook_url or f"http://127.0.0.1:{port}/hooks"
    return RunWebhooks(base, secret=hook_secret, scrapingpros_secret=secret), events


async def _write_results(
    stack: contextlib.AsyncExitStack,
    console: Console,
    options: RunOptions,
    results: AsyncGenerator[ItemResult, None],
    total: int,
    stats: RunStats,
    started: float,
) -> None:
    """Write ``results`` to the output in input order, with a progress bar on ``console``.

    Results arrive in completion order: each line is kept as it arrives in a spool beside the
    output, keyed by its input line (:class:`~scrapejobs.cli.spool.LineSpool`, on disk, gone
    when ``stack`` closes), then copied into the output in input line order when the run ends
    (the output is replaced whole then anyway), so a fresh run and a rerun write the same order
    and memory holds neither the results nor their order. The run ends (``results`` closed)
    before the transport does. Raises LocalFileError when a file cannot be written.
    """
    progress = stack.enter_context(_progress(console, options.progress))
    bar: TaskID = progress.add_task(
        options.provider, total=total, outcomes=outcomes_text(stats), in_flight=0, rate=0.0
    )
    out = stack.enter_context(atomic_writer(options.output, "output"))
    spool = LineSpool(options.output)
    stack.callback(spool.close)
    async with contextlib.aclosing(results):  # the run ends before the transport closes
        async for item in results:
            spool.add(item.line, output_line(item))
            _advance(progress, bar, stats, started)
    spool.write_in_order(out)


def _advance(progress: Progress, bar: TaskID, stats: RunStats, started: float) -> None:
    """Show done, the outcome counts (as the summary names them), in flight and the rate."""
    elapsed = time.monotonic() - started
    fresh = stats.done - stats.replayed
    progress.update(
        bar,
        completed=stats.done,
        outcomes=outcomes_text(stats),
        in_flight=stats.in_flight,
        rate=fresh / elapsed if elapsed > 0 else 0.0,
    )
