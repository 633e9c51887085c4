"""The ``scrapejobs`` command line (click).

Commands: ``run`` (a file of inputs, with a ledger), ``submit``/``status``/``result``/``cancel``
(single jobs), ``emulator`` (serve the emulator), ``receive`` (a stateless webhook receiver
writing into a PostgreSQL ledger).

Exit codes (also in the README):

- 0: success (``run``: every input succeeded);
- 1: the provider or the network failed the command (refused credential, unreachable, …);
- 2: bad usage: unknown provider, missing credential, bad input file or parameters, a ledger of
  another run or that is not a whole ledger (empty, damaged, foreign), an output or ledger in use
  by another run, a PostgreSQL run whose lock another process holds (a worker beside a
  ``--retry``/``--emulator`` run, or the reverse), ``--output`` that is the input or the ledger,
  an unwritable output, ledger or summary directory, a bad ``--timeout``, a PostgreSQL ledger
  that cannot be opened (bad URL, server unreachable, credentials refused, a newer schema) (all
  refused before anything is sent);
- 3: ``run`` finished, but some inputs failed, expired, were refused or are uncertain (the output
  has one line per input saying which);
- 4: a local file could not be written or read during the run (ledger, output, summary: disk full,
  read-only, permission), or the connection to a PostgreSQL ledger (or its run lock) was lost;
  the message names the file or the ledger (password masked); free the space and rerun to resume;
- 130: interrupted (Ctrl-C, SIGINT or SIGTERM); rerun the same command to resume from the ledger.

Credentials come from ``--token`` or ``SCRAPEJOBS_<PROVIDER>_TOKEN`` and are never printed.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
import httpx

from scrapejobs.cli.extra import is_missing_extra
from scrapejobs.clients import PROVIDERS

if TYPE_CHECKING:
    from scrapejobs.cli.execute import RunReport
    from scrapejobs.waiting import Timing

T = TypeVar("T")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INCOMPLETE = 3
EXIT_LOCAL_IO = 4
EXIT_INTERRUPTED = 130

DEFAULT_TIMEOUT = 60.0


def _check_timeout(_context: click.Context, _param: click.Parameter, value: float) -> float:
    from scrapejobs.clients import request_timeouts  # the job clients' own rule

    try:
        request_timeouts(value)
    except ValueError:
        raise click.BadParameter(f"must be a positive number of seconds, not {value}") from None
    return value


timeout_option = click.option(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT,
    show_default=True,
    callback=_check_timeout,
    help="Seconds one HTTP request may take in all (connect, send, answer).",
)


def _timing(_ctx: click.Context, _param: click.Parameter, value: str) -> Timing:
    """Return the :class:`scrapejobs.waiting.Timing` named by ``--timing``."""
    from scrapejobs.waiting import FRUGAL, PROMPT

    return FRUGAL if value == "frugal" else PROMPT


def _check_retry(_ctx: click.Context, _param: click.Parameter, value: str) -> frozenset[str]:
    """Return the outcomes ``--retry`` names (refused, failed, expired), checked."""
    from scrapejobs.batch.retry import RETRYABLE

    states = frozenset(part.strip() for part in value.split(",") if part.strip())
    unknown = sorted(states - set(RETRYABLE))
    if unknown:
        raise click.BadParameter(
            f"cannot retry {', '.join(unknown)}; choose from {', '.join(RETRYABLE)} "
            "(submitted and uncertain jobs are never sent twice, see --resubmit-uncertain)"
        )
    return states


provider_option = click.option(
    "--provider",
    "-p",
    required=True,
    type=click.Choice(PROVIDERS),
    help="The provider to use.",
)
token_option = click.option(
    "--token",
    default=None,
    help="Credential (default: $SCRAPEJOBS_<PROVIDER>_TOKEN). Never printed.",
)


def _check_url(_context: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Return ``value`` when it is an absolute http(s) URL (None passes); a usage error otherwise."""
    if value is None:
        return None
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError):
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise click.BadParameter(f"{value!r} is not an http:// or https:// URL", param=param)
    return value


def _check_ledger(
    context: click.Context, param: click.Parameter, value: str | None
) -> Path | str | None:
    """Return ``--ledger`` as a file path, or as a ``postgresql://`` URL checked (not connected)."""
    from scrapejobs.batch.ledger import LedgerUnavailableError
    from scrapejobs.batch.pg_location import is_postgres_url, parse_postgres_url

    if value is None:
        return None
    if not is_postgres_url(value):
        path: Path = click.Path(dir_okay=False, path_type=Path).convert(value, param, context)
        return path
    try:
        parse_postgres_url(value)
    except LedgerUnavailableError as exc:
        raise click.BadParameter(str(exc), param=param) from None
    return value


def _check_port(_context: click.Context, param: click.Parameter, value: int | None) -> int | None:
    """Return ``value`` when a server may listen on it on 127.0.0.1 (0 and None pass)."""
    if value:
        _probe_listen("127.0.0.1", value, param)
    return value


def _probe_listen(host: str, port: int, param: click.Parameter | None = None) -> None:
    """Raise click.BadParameter (one line) when ``host:port`` cannot be listened on right now."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _name, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except (OSError, UnicodeError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        hint = None if param else "--host/--port"
        message = f"cannot listen on {host}:{port}: {why}"
        raise click.BadParameter(message, param=param, param_hint=hint) from None


base_url_option = click.option(
    "--base-url",
    default=None,
    callback=_check_url,
    help="API base URL (default: the provider's; e.g. http://127.0.0.1:8080/<provider> for a "
    "served emulator).",
)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"scrapejobs: error: {message}", err=True)
    sys.exit(code)


def _first_leaf(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """Return the first exception in ``group`` that is not itself a group."""
    found: BaseException = group
    while isinstance(found, BaseExceptionGroup) and found.exceptions:
        found = found.exceptions[0]
    return found


def _usage_errors() -> tuple[type[Exception], ...]:
    """Return the errors that are usage mistakes, refused before anything is sent (exit 2)."""
    from scrapejobs.batch.inputs import InputFileError
    from scrapejobs.batch.ledger import LedgerCorruptError, LedgerMismatchError
    from scrapejobs.batch.ledger import LedgerUnavailableError as Unavailable
    from scrapejobs.batch.localfiles import FileBusyError
    from scrapejobs.cli.credentials import MissingCredentialsError

    return (
        InputFileError,
        MissingCredentialsError,
        LedgerMismatchError,
        LedgerCorruptError,
        Unavailable,
        FileBusyError,
    )


def _handled(function: Callable[..., T]) -> Callable[..., T]:
    """Map the overlay's errors to the documented exit codes, with a one-line message."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        from scrapejobs.batch.ledger import LedgerCorruptError, LedgerMismatchError
        from scrapejobs.batch.localfiles import LocalFileError
        from scrapejobs.batch.planning import InputParamsError, describe_problems
        from scrapejobs.errors import ScrapejobsError
        from scrapejobs.jobs import NotSupportedError

        try:
            try:
                return function(*args, **kwargs)
            except BaseExceptionGroup as group:  # the runner's task groups wrap what it raises
                leaf = _first_leaf(group)
                mapped = (
                    KeyboardInterrupt,
                    ScrapejobsError,
                    InputParamsError,
                    LedgerMismatchError,
                    LedgerCorruptError,
                    NotSupportedError,
                    httpx.HTTPError,
                )
                if not isinstance(leaf, mapped):
                    raise
                raise leaf from leaf.__cause__
        except KeyboardInterrupt:
            _fail("interrupted; run the same command again to resume", EXIT_INTERRUPTED)
        except ImportError as exc:  # e.g. --emulator without the emulator extra
            if not is_missing_extra(exc):
                raise
            _fail(str(exc), EXIT_USAGE)
        except _usage_errors() as exc:
            _fail(str(exc), EXIT_USAGE)
        except LocalFileError as exc:
            _fail(f"{exc}; nothing recorded is lost, rerun to resume", EXIT_LOCAL_IO)
        except InputParamsError as exc:
            where = kwargs.get("input_file")
            _fail(describe_problems(exc, str(where) if where else None), EXIT_USAGE)
        except NotSupportedError as exc:
            _fail(str(exc), EXIT_FAILED)
        except ScrapejobsError as exc:
            _fail(str(exc), EXIT_FAILED)
        except httpx.HTTPError as exc:
            _fail(f"could not reach the provider: {type(exc).__name__}: {exc}", EXIT_FAILED)

    return wrapper


def _run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _run_interruptible(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine``; SIGINT or SIGTERM cancels it cleanly and raises KeyboardInterrupt.

    Cancelling unwinds the run (ledger writes already handed to the ledger's thread commit);
    a second signal cancels what is left of the unwinding.
    """
    signals: list[int] = []

    async def main() -> T:
        task = asyncio.current_task()
        assert task is not None  # noqa: S101 -- always inside a task here
        loop = asyncio.get_running_loop()

        def stop(signum: int) -> None:
            signals.append(signum)
            task.cancel()

        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop, signum)
        try:
            return await coroutine
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
                signal.signal(signum, _interrupt)  # until the loop is gone

    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGTERM, _interrupt)  # before the loop too: one line, exit 130
    try:
        return asyncio.run(main())
    except BaseException:
        if signals:  # whatever the unwinding raised, the run was interrupted
            raise KeyboardInterrupt from None
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _same_file(first: Path, second: Path) -> bool:
    """Return True when both paths name one file (after symlinks; hard links where it exists)."""
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _check_writable_directory(path: Path, flag: str) -> None:
    """Refuse (usage error) a file whose directory cannot be created or written in."""
    directory = path.parent
    blocker = next((parent for parent in (path, *path.parents) if parent.is_file()), None)
    if blocker is not None and blocker != path:
        _fail(f"{flag} {path}: {blocker} is a file, not a directory", EXIT_USAGE)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory, prefix=".scrapejobs-probe-"):
            pass
    except OSError as exc:
        _fail(f"{flag} {path}: cannot write in {directory}: {exc.strerror or exc}", EXIT_USAGE)


def _checked_run_paths(
    input_file: Path, output: Path, ledger: Path | str | None, summary: Path | None
) -> Path | str:
    """Return the run's ledger (``--ledger``, else ``OUTPUT.ledger``) once the paths are checked.

    Exits (usage) as :func:`_check_run_paths` does.
    """
    ledger_at = ledger or output.with_name(output.name + ".ledger")
    _check_run_paths(input_file, output, ledger_at, summary)
    return ledger_at


def _sharing(chunk_size: int | None, lease: float | None) -> dict[str, Any]:
    """Return the RunOptions of a run shared by workers (``--chunk-size``, ``--lease``)."""
    return {"chunk_size": chunk_size, "lease": lease}


def _check_run_paths(
    input_file: Path, output: Path, ledger: Path | str, summary: Path | None
) -> None:
    """Refuse paths that would overwrite one another or cannot be written (before any request).

    ``ledger`` is a file, or a PostgreSQL URL (a str: no file to check).
    """
    named = [("--input", input_file), ("--output", output)]
    if isinstance(ledger, Path):
        named.append(("--ledger", ledger))
    if summary is not None:
        named.append(("--summary-json", summary))
    for index, (flag, path) in enumerate(named):
        for other_flag, other in named[:index]:
            if _same_file(path, other):
                _fail(
                    f"{flag} {path} is the same file as {other_flag} {other}; "
                    "it would be overwritten: choose another path",
                    EXIT_USAGE,
                )
    for flag, path in named[1:]:
        if path.is_dir():
            _fail(f"{flag} {path} is a directory, not a file", EXIT_USAGE)
        _check_writable_directory(path, flag)


class OneLineError(click.ClickException):
    """A usage mistake shown as one line: ``scrapejobs: error: <what> (see <command> --help)``."""

    def show(self, file: Any = None) -> None:
        """Print the one line on stderr (``file`` is ignored: always stderr)."""
        del file
        click.echo(f"scrapejobs: error: {self.format_message()}", err=True)

    @classmethod
    def of(cls, exc: click.ClickException) -> OneLineError:
        """Return ``exc`` (click's several-line usage error) as one line, same exit code."""
        text = " ".join(exc.format_message().split())
        context = getattr(exc, "ctx", None)
        if isinstance(exc, click.UsageError) and context is not None:
            text += f" (see '{context.command_path} --help')"
        return cls(text, exc.exit_code)

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = exit_code

    @property
    def exit_code(self) -> int:  # type: ignore[override]  # click's is a class variable
        """The exit code (click's own for the mistake; 2 for usage errors)."""
        return self.code


class OneLineGroup(click.Group):
    """A click group whose usage errors are one line on stderr (no usage block, no traceback)."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the group's own options; click's usage errors become one line."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.ClickException as exc:
            raise OneLineError.of(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; click's usage errors (its own options, bad command) become one line."""
        try:
            return super().invoke(ctx)
        except OneLineError:
            raise
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.ClickException as exc:
            raise OneLineError.of(exc) from None


LOG_LEVELS = ("debug", "info", "warning", "error")


@click.group(cls=OneLineGroup)
@click.version_option(package_name="scrapejobs", message="%(prog)s %(version)s")
@click.option(
    "--log-level",
    type=click.Choice(LOG_LEVELS, case_sensitive=False),
    default=None,
    help="Log to stderr from this level on (credentials redacted). [default: none]",
)
@click.option("-v", "--verbose", count=True, help="Log to stderr: -v info, -vv debug.")
def main(log_level: str | None, verbose: int) -> None:
    """Typed clients, one job interface and a local emulator for five scraping job APIs."""
    from scrapejobs.cli.logs import configure_logging

    if log_level is None and verbose:
        log_level = "info" if verbose == 1 else "debug"
    if log_level is not None:
        configure_logging(log_level)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="Port; 0 picks a free one.",
)
@click.option(
    "--token",
    "tokens",
    multiple=True,
    help="Accepted credential, repeatable; each is its own account. [default: emulator-token]",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file with an emulator configuration (any EmulatorConfig field).",
)
@click.option("--seed", type=int, default=None, help="Seed for durations and fault rates.")
@click.option(
    "--state",
    "state_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Keep jobs, accounts and the clock in this JSON file across restarts (loaded at start).",
)
def emulator(
    host: str,
    port: int,
    tokens: tuple[str, ...],
    config_file: Path | None,
    seed: int | None,
    state_file: Path | None,
) -> None:
    """Serve the emulator of all five APIs (Ctrl-C stops it)."""
    try:
        from scrapejobs_emulator.server import run
    except ImportError as exc:  # the emulator extra is not installed
        if not is_missing_extra(exc):
            raise
        _fail(str(exc), EXIT_USAGE)

    _probe_listen(host, port)  # a port in use or a bad host: one line, before serving
    try:
        data = json.loads(config_file.read_text()) if config_file else {}
    except ValueError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint="--config") from exc
    if not isinstance(data, dict):
        raise click.BadParameter("expected a JSON object", param_hint="--config")
    if tokens:
        data["tokens"] = list(tokens)
    if seed is not None:
        data["seed"] = seed
    if state_file is not None:
        data["state_file"] = str(state_file)
    config = _check_emulator_config(data, "--config")
    try:
        code = run(config, host, port)
    except ValueError as exc:  # persist.StateDocumentError: a damaged or foreign state file
        raise click.BadParameter(str(exc), param_hint="--state") from exc
    raise SystemExit(code)


def _check_emulator_config(data: Any, hint: str) -> Any:
    """Return ``data`` as an ``EmulatorConfig``; a usage error naming the bad field otherwise."""
    from pydantic import ValidationError

    from scrapejobs_emulator.config import EmulatorConfig

    if not isinstance(data, dict):
        raise click.BadParameter("expected a JSON object", param_hint=hint)
    try:
        return EmulatorConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise click.BadParameter(f"{where}: {first['msg']}", param_hint=hint) from exc


RUN_EPILOG = (
    "Proxies: HTTP_PROXY, HTTPS_PROXY (or ALL_PROXY) and NO_PROXY are honoured (not with "
    "--emulator). Logging: scrapejobs -v run … (or --log-level debug) logs to stderr, "
    "credentials redacted."
)


@main.command(epilog=RUN_EPILOG)
@provider_option
@click.option(
    "--input",
    "input_file",
    required=True,
    type=click.Path(path_type=Path),
    help="Inputs: one URL per line, or JSONL of the provider's parameters.",
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Results: one JSON line per input (replaced whole when the run ends).",
)
@click.option(
    "--ledger",
    default=None,
    callback=_check_ledger,
    help="The run's ledger: a SQLite file, or postgresql://user:pass@host/db?run=NAME (shared by "
    "every worker of the run); rerun with the same one to resume. [default: OUTPUT.ledger]",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 1024),
    default=32,
    show_default=True,
    help="Most HTTP requests in flight.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 50_000),
    default=None,
    help="Inputs per submission (capped at the provider's limit). [default: per provider]",
)
@click.option(
    "--webhook-port",
    type=click.IntRange(0, 65535),
    default=None,
    callback=_check_port,
    help="Wait by webhook: serve a receiver on 127.0.0.1:PORT (0 picks one); polls as fallback.",
)
@click.option(
    "--webhook-url",
    default=None,
    callback=_check_url,
    help="Public URL that reaches the receiver (…/hooks), when providers cannot reach 127.0.0.1; "
    "without --webhook-port (PostgreSQL ledger only): the URL of `scrapejobs receive` processes, "
    "whose deliveries the run reads from the ledger.",
)
@click.option(
    "--resubmit-uncertain",
    is_flag=True,
    help="Send again the submissions that may or may not have created jobs (may pay twice).",
)
@click.option(
    "--retry",
    "retry",
    default="",
    metavar="STATES",
    callback=_check_retry,
    help="Submit again, as a new attempt, the inputs of the ledger that ended in these "
    "comma-separated states: refused, failed, expired.",
)
@click.option(
    "--dedupe",
    is_flag=True,
    help="Submit duplicate inputs (same parameters) once; write the result for each line.",
)
@click.option(
    "--timing",
    type=click.Choice(["prompt", "frugal"]),
    default="prompt",
    show_default=True,
    callback=_timing,
    help="prompt: results soon after jobs end; frugal: fewer status reads, results later.",
)
@click.option("--emulator", "use_emulator", is_flag=True, help="Run against an embedded emulator.")
@click.option(
    "--emulator-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="JSON emulator configuration (with --emulator), as for `scrapejobs emulator --config`.",
)
@click.option(
    "--emulator-faults",
    type=click.FloatRange(0, 0.5),
    default=0.0,
    help="With --emulator: rate of 429s, 503s, dropped connections and failed jobs.",
)
@click.option(
    "--summary-json",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the summary (counts per outcome, requests, output and ledger) as JSON here.",
)
@click.option("--no-progress", is_flag=True, help="No progress bar (the summary still prints).")
@click.option(
    "--chunk-size",
    type=click.IntRange(1, 1_000_000),
    default=None,
    help="With a postgresql:// ledger: inputs per chunk the workers claim (set by the first "
    "worker of the run). [default: 500]",
)
@click.option(
    "--lease",
    type=click.FloatRange(1, 3600),
    default=None,
    help="With a postgresql:// ledger: seconds a worker's claim on a chunk lasts without a "
    "heartbeat; a dead worker's chunks are taken over after it. [default: 30]",
)
@timeout_option
@token_option
@base_url_option
@_handled
def run(
    provider: str,
    input_file: Path,
    output: Path,
    ledger: Path | str | None,
    concurrency: int,
    batch_size: int | None,
    webhook_port: int | None,
    webhook_url: str | None,
    resubmit_uncertain: bool,
    retry: frozenset[str],
    dedupe: bool,
    timing: Timing,
    use_emulator: bool,
    emulator_config: Path | None,
    emulator_faults: float,
    summary_json: Path | None,
    no_progress: bool,
    chunk_size: int | None,
    lease: float | None,
    timeout: float,
    token: str | None,
    base_url: str | None,
) -> None:
    """Run every input of INPUT through one provider; write every result to OUTPUT.

    The ledger records submissions before and after they are sent: a killed run resumes when
    started again with the same arguments, nothing with a job id is paid twice, every result ends
    up in OUTPUT (replaced whole at the end). One run per SQLite ledger; a postgresql:// ledger
    is shared by workers (--retry and --emulator run it alone). Exit codes: 0 all succeeded, 1 provider or network failure, 2 bad usage
    (nothing sent), 3 some inputs did not succeed, 4 a local file unwritable, 130 interrupted.
    """
    from scrapejobs.cli.credentials import resolve_token
    from scrapejobs.cli.execute import RunOptions, execute

    by_webhook = _waits_by_webhook(webhook_port, webhook_url, ledger)
    ledger_at = _checked_run_paths(input_file, output, ledger, summary_json)
    options = RunOptions(
        provider=provider,
        input=input_file,
        output=output,
        ledger=ledger_at,
        token="" if use_emulator else resolve_token(provider, token),
        concurrency=concurrency,
        batch_size=batch_size,
        base_url=base_url,
        webhook_port=webhook_port,
        webhook_url=webhook_url,
        scrapingpros_webhook_secret=_scrapingpros_secret(provider, by_webhook, use_emulator),
        resubmit_uncertain=resubmit_uncertain,
        dedupe=dedupe,
        retry=retry,
        emulator=use_emulator,
        emulator_config=_emulator_settings(use_emulator, emulator_config, emulator_faults),
        progress=not no_progress,
        timeout=timeout,
        timing=timing,
        **_sharing(chunk_size, lease),
    )
    _summarise(_run_interruptible(execute(options)), summary_json)


@main.command()
@provider_option
@click.option(
    "--ledger",
    "ledger_url",
    required=True,
    metavar="URL",
    help="The run's PostgreSQL ledger: postgresql://user:pass@host:port/db?run=NAME.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8090,
    show_default=True,
    help="Port; 0 picks a free one.",
)
@token_option
@_handled
def receive(provider: str, ledger_url: str, host: str, port: int, token: str | None) -> None:
    """Receive the run's webhooks on HOST:PORT/hooks/PROVIDER and store them in its ledger.

    Stateless: start as many as you like behind one load balancer (give its public URL to
    ``run --webhook-url``). Deliveries are verified with the run's secrets (same credential
    and variables as ``run``); a forged one gets 401 and is never stored; while the database is
    down each delivery gets 503, so the provider retries. Ctrl-C stops it.
    """
    from scrapejobs.batch.ledger import LedgerUnavailableError
    from scrapejobs.batch.pg_location import parse_postgres_url
    from scrapejobs.cli.credentials import resolve_token
    from scrapejobs.cli.receive import ReceiveOptions, scrapingpros_secret, serve

    try:
        target = parse_postgres_url(ledger_url)
    except LedgerUnavailableError as exc:
        raise click.BadParameter(str(exc), param_hint="--ledger") from None
    try:
        pros_secret = scrapingpros_secret(provider)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    _probe_listen(host, port)
    credential = "" if provider == "scrapingpros" else resolve_token(provider, token)
    options = ReceiveOptions(provider, target, host, port, credential, pros_secret)
    raise SystemExit(serve(options))


def _summarise(report: RunReport, summary_json: Path | None) -> None:
    """Print the run's summary table, write ``--summary-json``; exit 3 unless all succeeded."""
    from rich.console import Console

    from scrapejobs.batch.localfiles import write_atomically
    from scrapejobs.cli.execute import summary_table

    Console().print(summary_table(report))
    if summary_json is not None:
        text = json.dumps(report.as_json(), indent=2) + "\n"
        write_atomically(summary_json, text, "summary")
    if not report.complete:
        sys.exit(EXIT_INCOMPLETE)


def _emulator_settings(
    use_emulator: bool, emulator_config: Path | None, emulator_faults: float
) -> dict[str, Any]:
    """Return the embedded emulator's settings from ``--emulator-config`` and ``--emulator-faults``.

    Raises:
        click.UsageError: either is given without ``--emulator``.
        click.BadParameter: the config file is not JSON or not an emulator config.

    """
    config: dict[str, Any] = {}
    if emulator_config is not None:
        if not use_emulator:
            raise click.UsageError("--emulator-config needs --emulator")
        try:
            config = json.loads(emulator_config.read_text())
        except ValueError as exc:
            raise click.BadParameter(f"not JSON: {exc}", param_hint="--emulator-config") from exc
        _check_emulator_config(config, "--emulator-config")
    if emulator_faults:
        if not use_emulator:
            raise click.UsageError("--emulator-faults needs --emulator")
        faults = config.setdefault("faults", {})
        for name in ("rate_429", "rate_503", "job_failure_rate"):
            faults.setdefault(name, emulator_faults)
        for name in ("rate_drop", "rate_drop_after"):
            faults.setdefault(name, emulator_faults / 2)
        faults.setdefault("retry_after_seconds", 0)
    return config


def _waits_by_webhook(
    webhook_port: int | None, webhook_url: str | None, ledger: Path | str | None
) -> bool:
    """Return whether the run waits by webhook (its own receiver, or receivers over PostgreSQL).

    Raises:
        click.UsageError: ``--webhook-url`` without ``--webhook-port`` on a file ledger (only a
            PostgreSQL ledger can carry deliveries from ``scrapejobs receive`` processes).

    """
    from scrapejobs.batch.pg_location import is_postgres_url

    if webhook_port is None and webhook_url is not None and not is_postgres_url(ledger):
        raise click.UsageError(
            "--webhook-url without --webhook-port needs a PostgreSQL ledger "
            "(--ledger postgresql://…) that `scrapejobs receive` processes write into"
        )
    return webhook_port is not None or webhook_url is not None


def _scrapingpros_secret(provider: str, by_webhook: bool, use_emulator: bool) -> str | None:
    """Return the ScrapingPros webhook secret from the environment (None when unset).

    Raises:
        click.UsageError: a ScrapingPros run waits by webhook without it (refused before
            anything is opened or sent).

    """
    from scrapejobs.cli.credentials import SCRAPINGPROS_WEBHOOK_SECRET_VARIABLE
    from scrapejobs.cli.logs import remember_secret

    webhook_secret = os.environ.get(SCRAPINGPROS_WEBHOOK_SECRET_VARIABLE)
    remember_secret(webhook_secret)
    wants_secret = provider == "scrapingpros" and by_webhook and not use_emulator
    if wants_secret and not webhook_secret:  # refused before anything is opened or sent
        raise click.UsageError(
            "ScrapingPros signs webhooks with the account's secret: set "
            f"{SCRAPINGPROS_WEBHOOK_SECRET_VARIABLE} to wait by webhook, or leave out "
            "--webhook-port and --webhook-url to poll"
        )
    return webhook_secret


def _jobs(
    provider: str, token: str | None, base_url: str | None, timeout: float = DEFAULT_TIMEOUT
) -> Any:
    from scrapejobs.cli.credentials import resolve_token
    from scrapejobs.cli.proxies import proxy_mounts
    from scrapejobs.client import Jobs

    httpx_args = {"mounts": proxy_mounts()}  # HTTP_PROXY, HTTPS_PROXY, NO_PROXY
    credential = resolve_token(provider, token)
    return Jobs(provider, credential, base_url=base_url, timeout=timeout, httpx_args=httpx_args)


def _ref(provider: str, job: str) -> Any:
    """Parse JOB as printed by ``submit`` (``provider/[scope/…/]job_id``) or a bare job id."""
    from scrapejobs.jobs import JobRef

    parts = job.split("/")
    if parts[0] == provider:
        parts = parts[1:]
    scope = _JOB_SCOPES.get(provider, ())
    pasted = any(char.isspace() or char in "{}\"'" for char in job)  # e.g. submit --json
    if pasted or len(parts) != len(scope) + 1 or not all(parts):
        shape = "/".join((provider, *(f"<{name}>" for name in scope), "<job id>"))
        raise click.BadParameter(
            f"not a job of {provider}: {job!r} (expected {shape}, as printed by submit)",
            param_hint="JOB",
        )
    return JobRef(provider, parts[-1], tuple(parts[:-1]))


_JOB_SCOPES: dict[str, tuple[str, ...]] = {
    "scrapedo": ("Scrape.do job id",),
    "scrapingpros": ("collection id", "run id"),
}
"""What a job reference holds before the job id, where the provider nests jobs."""


@main.command()
@provider_option
@click.option("--url", default=None, help="The URL to scrape (as a plain URL input line).")
@click.option("--params", default=None, help="The provider's parameters as a JSON object.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"job", "provider", "job_id"} objects instead of plain job references.',
)
@timeout_option
@token_option
@base_url_option
@_handled
def submit(
    provider: str,
    url: str | None,
    params: str | None,
    as_json: bool,
    timeout: float,
    token: str | None,
    base_url: str | None,
) -> None:
    """Submit one job; print its job reference(s), one per line.

    Each line is what ``status``, ``result`` and ``cancel`` take as JOB (``--json``: one JSON
    object per line instead, whose ``job`` field is that reference).

    Not recorded in any ledger: use ``run`` for work that must survive a crash.
    """
    from scrapejobs.batch.inputs import parse_line
    from scrapejobs.batch.planning import planner

    if (url is None) == (params is None):
        raise click.UsageError("give exactly one of --url or --params")
    text = url if url is not None else (params or "").strip()
    item = parse_line(text, path="--url" if url is not None else "--params", line=1)
    plan = planner(provider)
    model = plan.model(plan.single(item.params), 1)
    with _jobs(provider, token, base_url, timeout) as jobs:
        for ref in jobs.submit(model):
            if as_json:
                line = json.dumps({"job": str(ref), "provider": ref.provider, "job_id": ref.job_id})
            else:
                line = str(ref)
            click.echo(line)


def _job_command(function: Callable[..., None]) -> Callable[..., None]:
    """Declare a single-job command: ``-p PROVIDER JOB [--token] [--base-url] [--timeout]``."""
    for decorate in (
        _handled,
        base_url_option,
        token_option,
        timeout_option,
        click.argument("job"),
        provider_option,
        main.command(),
    ):
        function = decorate(function)
    return function


def _on_job(
    provider: str, job: str, token: str | None, base_url: str | None, what: str, timeout: float
) -> Any:
    """Return ``Jobs.<what>(ref)`` for JOB, with a client closed afterwards."""
    ref = _ref(provider, job)
    with _jobs(provider, token, base_url, timeout) as jobs:
        return getattr(jobs, what)(ref)


@_job_command
def status(
    provider: str, job: str, timeout: float, token: str | None, base_url: str | None
) -> None:
    """Print the status of JOB (as printed by submit) as one JSON line."""
    ref = _ref(provider, job)
    found = _on_job(provider, job, token, base_url, "status", timeout)
    click.echo(
        json.dumps(
            {
                "job": str(ref),
                "state": found.state.value,
                "status": found.raw_status,
                "reason": found.reason,
            }
        )
    )


@_job_command
def result(
    provider: str, job: str, timeout: float, token: str | None, base_url: str | None
) -> None:
    """Print the result of finished JOB as JSON (the provider's typed result)."""
    found = _on_job(provider, job, token, base_url, "result", timeout)
    data = found.to_dict() if hasattr(found, "to_dict") else found
    click.echo(json.dumps(data))


@_job_command
def cancel(
    provider: str, job: str, timeout: float, token: str | None, base_url: str | None
) -> None:
    """Cancel JOB; print its status afterwards (exit 1 where the provider cannot cancel)."""
    ref = _ref(provider, job)
    found = _on_job(provider, job, token, base_url, "cancel", timeout)
    click.echo(
        json.dumps({"job": str(ref), "state": found.state.value, "status": found.raw_status})
    )
