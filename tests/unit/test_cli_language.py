"""The CLI speaks one language: usage mistakes are one line, output order, counts, logging."""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import io
import json
import logging
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncGenerator, Iterator
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from click.testing import CliRunner
from rich.console import Console

from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.results import ItemResult, ItemState, RunStats
from scrapejobs.cli import logs, main
from scrapejobs.cli.execute import (
    RunOptions,
    RunReport,
    _write_results,
    outcome_counts,
    outcomes_text,
    summary_table,
)
from scrapejobs.cli.logs import configure_logging, remember_secret
from scrapejobs_emulator.pytest_plugin import ServedEmulator

SCRAPEJOBS = str(Path(sys.executable).parent / "scrapejobs")


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port another socket is listening on."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with ``in.txt`` (one URL) and ``bad.ledger`` (not a ledger)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    (tmp_path / "bad.ledger").write_text("not a ledger")
    (tmp_path / "bad.json").write_text("{nope")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe garbage\n")
    (tmp_path / "adir").mkdir()
    monkeypatch.delenv("SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET", raising=False)
    for name in ("SCRAPEJOBS_DECODO_TOKEN", "SCRAPEJOBS_SCRAPIO_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


RUN = ["run", "-p", "decodo", "--input", "in.txt", "--output", "out.jsonl", "--token", "t"]

# (arguments, the start of the one line printed, exit code); BUSY is replaced by a busy port.
MISTAKES: list[tuple[list[str], str, int]] = [
    (["bogus"], "No such command 'bogus'", 2),
    (["--log-level", "loud", "run"], "Invalid value for '--log-level'", 2),
    (["run", "--input", "in.txt", "--output", "o"], "Missing option '--provider' / '-p'", 2),
    ([*RUN[:2], "nope", *RUN[3:]], "Invalid value for '--provider' / '-p': 'nope'", 2),
    (["run", "-p", "decodo", "--output", "o.jsonl"], "Missing option '--input'", 2),
    (["run", "-p", "decodo", "--input", "in.txt"], "Missing option '--output'", 2),
    (["run", "-p", "decodo", "--input", "in.txt", "--output", "o"], "no credential for decodo", 2),
    ([*RUN[:3], "--input", "missing.txt", *RUN[5:]], "missing.txt: no such file", 2),
    ([*RUN, "--ledger", "bad.ledger"], "ledger bad.ledger is not an SQLite database", 2),
    ([*RUN, "--output", "in.txt"], "--output in.txt is the same file as --input", 2),
    ([*RUN, "--base-url", "not-a-url"], "Invalid value for '--base-url': 'not-a-url'", 2),
    ([*RUN, "--base-url", "ftp://example.com/"], "Invalid value for '--base-url'", 2),
    ([*RUN, "--webhook-url", "hooks"], "Invalid value for '--webhook-url'", 2),
    ([*RUN, "--webhook-port", "70000"], "Invalid value for '--webhook-port'", 2),
    ([*RUN, "--webhook-port", "BUSY"], "Invalid value for '--webhook-port': cannot listen", 2),
    ([*RUN, "--concurrency", "0"], "Invalid value for '--concurrency'", 2),
    ([*RUN, "--timeout", "-1"], "Invalid value for '--timeout'", 2),
    ([*RUN, "--timing", "fast"], "Invalid value for '--timing'", 2),
    ([*RUN, "--emulator-faults", "0.2"], "--emulator-faults needs --emulator", 2),
    ([*RUN, "--emulator", "--emulator-config", "bad.json"], "Invalid value for --emulator-con", 2),
    ([*RUN, "--bogus"], "No such option '--bogus'.", 2),
    (["submit", "-p", "decodo", "--token", "t"], "give exactly one of --url or --params", 2),
    (["submit", "-p", "decodo", "--token", "t", "--params", "{x"], "--params:1: not valid JSON", 2),
    (["submit", "-p", "decodo", "--token", "t", "--url", "x", "--base-url", "x"], "Invalid", 2),
    (["status", "-p", "decodo", "--token", "t"], "Missing argument 'JOB'", 2),
    (["status", "-p", "scrapedo", "abc", "--token", "t"], "Invalid value for JOB", 2),
    (["result", "-p", "scrapingpros", "a/b", "--token", "t"], "Invalid value for JOB", 2),
    (["cancel", "-p", "scrapio", "abc"], "no credential for scrapio", 2),
    (["status", "-p", "scrapio", "abc", "--token", "t", "--timeout", "0"], "Invalid value", 2),
    (["status", "-p", "decodo", '{"job": "decodo/1"}', "-t"], "No such option '-t'", 2),
    (["status", "-p", "decodo", '{"job": "decodo/1"}', "--token", "t"], "Invalid value for JOB", 2),
    (["status", "-p", "decodo", "", "--token", "t"], "Invalid value for JOB", 2),
    (["status", "-p", "decodo", "decodo/", "--token", "t"], "Invalid value for JOB", 2),
    ([*RUN[:3], "--input", "adir", *RUN[5:]], "adir: is a directory, not a file", 2),
    ([*RUN, "--output", "adir"], "Invalid value for '--output': File 'adir' is a directory", 2),
    ([*RUN, "--ledger", "adir"], "Invalid value for '--ledger': File 'adir' is a directory", 2),
    ([*RUN, "--summary-json", "out.jsonl"], "--summary-json out.jsonl is the same file as", 2),
    ([*RUN[:3], "--input", "binary.txt", *RUN[5:]], "binary.txt:1: not UTF-8 text", 2),
    ([*RUN[:-1], "  "], "no credential for decodo", 2),
    ([*RUN, "--batch-size", "0"], "Invalid value for '--batch-size'", 2),
    (["run", "-p", "scrapingpros", *RUN[3:], "--webhook-port", "0"], "ScrapingPros signs", 2),
    (["emulator", "--config", "adir"], "Invalid value for '--config': File 'adir' is a dir", 2),
    (["emulator", "--seed", "abc"], "Invalid value for '--seed': 'abc'", 2),
    (["emulator", "--port", "99999"], "Invalid value for '--port': 99999", 2),
    (["emulator", "--port", "-1"], "Invalid value for '--port': -1", 2),
    (["emulator", "--port", "http"], "Invalid value for '--port': 'http'", 2),
    (["emulator", "--port", "BUSY"], "Invalid value for --host/--port: cannot listen", 2),
    (["emulator", "--host", "no such host", "--port", "0"], "Invalid value for --host/--port", 2),
    (["emulator", "--config", "missing.json"], "Invalid value for '--config'", 2),
    (["emulator", "--config", "bad.json"], "Invalid value for --config: not JSON", 2),
]


@pytest.mark.parametrize(("args", "line", "code"), MISTAKES, ids=lambda value: repr(value)[:60])
def test_each_usage_mistake_is_one_line_and_an_exit_code(
    files: Path, busy_port: int, args: list[str], line: str, code: int
) -> None:
    del files
    args = [str(busy_port) if arg == "BUSY" else arg for arg in args]
    result = CliRunner().invoke(main, args, prog_name="scrapejobs")
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(f"scrapejobs: error: {line}"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_a_busy_emulator_port_is_one_line_from_the_console_script(busy_port: int) -> None:
    done = subprocess.run(
        [SCRAPEJOBS, "emulator", "--port", str(busy_port)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"scrapejobs: error: Invalid value for --host/--port: cannot listen on "
        f"127.0.0.1:{busy_port}: Address already in use (see 'scrapejobs emulator --help')"
    ]


def test_version_names_the_program() -> None:
    result = CliRunner().invoke(main, ["--version"], prog_name="scrapejobs")
    assert result.exit_code == 0
    assert result.stdout.startswith("scrapejobs ")


def test_summary_json_has_help() -> None:
    result = CliRunner().invoke(main, ["run", "--help"])
    assert "--summary-json" in result.stdout
    assert "Also write the summary" in " ".join(result.stdout.split())


# -- output in input order ------------------------------------------------------------------


def _item(line: int) -> ItemResult:
    return ItemResult(RunInput(line, {"url": f"https://example.com/{line}"}), ItemState.SUCCEEDED)


def test_output_is_written_in_input_order_when_jobs_finish_out_of_order(tmp_path: Path) -> None:
    finishing = [3, 1, 4, 2]

    async def results() -> AsyncGenerator[ItemResult, None]:
        for line in finishing:
            yield _item(line)
            await asyncio.sleep(0)

    output = tmp_path / "out.jsonl"
    options = RunOptions("scrapio", tmp_path / "in", output, tmp_path / "l", token="t")

    async def write() -> None:
        async with contextlib.AsyncExitStack() as stack:
            console = Console(file=io.StringIO())
            await _write_results(stack, console, options, results(), 4, RunStats(), 0.0)

    asyncio.run(write())
    written = [line for line in output.read_text().splitlines() if line]
    assert [int(line.split(",")[0].split(":")[1]) for line in written] == [1, 2, 3, 4]


# -- progress bar and summary count the same states ------------------------------------------


def test_progress_bar_and_summary_show_the_same_counts() -> None:
    stats = RunStats(inputs=100)
    stats.by_state[ItemState.SUCCEEDED] = 51
    stats.by_state[ItemState.FAILED] = 47
    stats.by_state[ItemState.UNCERTAIN] = 2
    bar = outcomes_text(stats)
    assert bar == "51 succeeded · 47 failed · 2 uncertain"
    report = RunReport("decodo", 100, stats, 1.0, Path("out.jsonl"), Path("out.jsonl.ledger"))
    console = Console(file=io.StringIO(), width=100)
    console.print(summary_table(report))
    table = console.file.getvalue()  # type: ignore[attr-defined]
    for name, count in outcome_counts(stats):
        assert any(name in row and str(count) in row for row in table.splitlines())
        if count:
            assert f"{count} {name}" in bar
    assert "out.jsonl.ledger" in table
    assert report.as_json()["output"] == "out.jsonl"
    assert report.as_json()["ledger"] == "out.jsonl.ledger"


# -- logging ---------------------------------------------------------------------------------


def test_debug_logging_redacts_the_credential(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "_SECRETS", set())  # only this test's secret
    token = "log-secret-token-5b1e9d"
    remember_secret(token)
    handler = configure_logging("debug")
    try:
        logging.getLogger("httpx").debug("Authorization: Bearer %s", token)
        logging.getLogger("x").debug("echo %s", token[:12])
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(logging.WARNING)
    err = capsys.readouterr().err
    assert "DEBUG httpx: Authorization: Bearer [redacted]" in err
    assert token not in err
    assert token[:12] not in err


def test_verbose_status_logs_at_debug_without_the_token(
    scrapejobs_emulator_server: ServedEmulator,
) -> None:
    token = "emulator-token"
    done = subprocess.run(
        [
            SCRAPEJOBS,
            "-vv",
            "status",
            "-p",
            "scrapio",
            "scrapio/no-such-job",
            "--token",
            token,
            "--base-url",
            scrapejobs_emulator_server.url("scrapio"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "DEBUG" in done.stderr
    assert "HTTP Request: GET" in done.stderr
    assert token not in done.stderr
    assert token not in done.stdout
    assert done.stderr.splitlines()[-1].startswith("scrapejobs: error: ")


# -- proxies ---------------------------------------------------------------------------------


class _ForwardingProxy(http.server.BaseHTTPRequestHandler):
    """A loopback HTTP proxy: forwards absolute-form requests, records each target URL."""

    seen: ClassVar[list[str]] = []

    def _forward(self) -> None:
        self.seen.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
        with httpx.Client(trust_env=False) as client:
            answer = client.request(self.command, self.path, headers=headers, content=body)
        self.send_response(answer.status_code)
        for name, value in answer.headers.items():
            if name.lower() not in (*_HOP, "content-length", "content-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_POST = do_DELETE = do_PUT = _forward

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test's output quiet."""


_HOP = ("connection", "proxy-connection", "keep-alive", "transfer-encoding", "host")


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Serve the forwarding proxy on loopback; point HTTP_PROXY at it; yield the URLs it saw."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ForwardingProxy)
    _ForwardingProxy.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("NO_PROXY", "no_proxy", "http_proxy", "https_proxy", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.server_address[1]}")
    try:
        yield _ForwardingProxy.seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_run_and_status_go_through_http_proxy(
    proxy: list[str], tmp_path: Path, scrapejobs_emulator_server: ServedEmulator
) -> None:
    base = scrapejobs_emulator_server.url("scrapio")
    (tmp_path / "in.txt").write_text("https://example.com/1\nhttps://example.com/2\n")
    output = tmp_path / "out.jsonl"
    common = ["--token", "emulator-token", "--base-url", base]
    args = ["run", "-p", "scrapio", "--input", str(tmp_path / "in.txt"), "--output", str(output)]
    ran = CliRunner().invoke(main, [*args, "--no-progress", *common])
    assert ran.exit_code == 0, ran.output
    assert len(output.read_text().splitlines()) == 2
    sent_by_run = len(proxy)
    assert sent_by_run >= 3  # two submissions (or one batch), status reads, results
    assert all(url.startswith(base) for url in proxy)

    job = json.loads(output.read_text().splitlines()[0])["job"]
    status = CliRunner().invoke(main, ["status", "-p", "scrapio", job, *common])
    assert status.exit_code == 0, status.output
    assert len(proxy) == sent_by_run + 1


def test_no_proxy_hosts_bypass_the_proxy(
    proxy: list[str], monkeypatch: pytest.MonkeyPatch, scrapejobs_emulator_server: ServedEmulator
) -> None:
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    base = scrapejobs_emulator_server.url("scrapio")
    args = ["status", "-p", "scrapio", "scrapio/none", "--token", "emulator-token"]
    status = CliRunner().invoke(main, [*args, "--base-url", base])
    assert status.exit_code == 1  # no such job: the emulator answered directly
    assert proxy == []
