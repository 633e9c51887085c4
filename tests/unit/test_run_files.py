"""`scrapejobs run` and its local files: damaged ledgers, paths that clash, full disks, --timeout.

Every refusal here must come before anything is sent (the served emulator counts requests) and
before the output is touched; every message is one line naming the file.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import random
import shutil
import sqlite3
import subprocess
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner, Result

import scrapejobs.batch.ledger
import scrapejobs.batch.localfiles
import scrapejobs.cli.execute
import scrapejobs.client
from scrapejobs.cli import main
from scrapejobs.errors import ScrapejobsError
from scrapejobs_emulator import Emulator, EmulatorConfig
from scrapejobs_emulator.jobs import target_url
from scrapejobs_emulator.pytest_plugin import ServedEmulator
from scrapejobs_emulator.server import serve_in_thread

TOKEN = "emulator-token"
PROVIDER = "scrapio"


def _invoke(args: Sequence[str]) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _urls(path: Path, count: int) -> list[str]:
    urls = [f"https://example.com/files/{index}" for index in range(count)]
    path.write_text("\n".join(urls) + "\n")
    return urls


def _run_args(tmp: Path, served: ServedEmulator | None, *extra: str) -> list[str]:
    target = ["--base-url", served.url(PROVIDER), "--token", TOKEN] if served else ["--emulator"]
    return [
        "run",
        "--provider", PROVIDER,
        "--input", str(tmp / "urls.txt"),
        "--output", str(tmp / "out.jsonl"),
        "--ledger", str(tmp / "run.ledger"),
        "--batch-size", "4",
        "--no-progress",
        *target,
        *extra,
    ]  # fmt: skip


def _requests(served: ServedEmulator) -> int:
    counted: dict[str, int] = served.emulator.stats.as_json()[PROVIDER]["requests"]
    return sum(counted.values())


def _one_line_error(result: Result, code: int, *needles: str) -> str:
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("scrapejobs: error: "), result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)
    assert "Traceback" not in result.output
    return result.stderr


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _assert_once_per_url(served: ServedEmulator, urls: Sequence[str], output: Path) -> None:
    made = Counter(target_url(record) for record in served.emulator.store.records(PROVIDER))
    assert made == Counter(urls), "an input was paid twice (or never)"
    lines = _lines(output)
    assert sorted(line["line"] for line in lines) == list(range(1, len(urls) + 1))
    assert {line["state"] for line in lines} == {"succeeded"}
    assert len({line["job_id"] for line in lines}) == len(urls)


# -- ledgers that are not whole ----------------------------------------------------------------


def _damage(ledger: Path, how: str) -> None:
    data = ledger.read_bytes()
    if how == "empty":
        ledger.write_bytes(b"")
    elif how == "truncated":
        ledger.write_bytes(data[: len(data) // 2])
    elif how == "garbage-in-the-middle":
        page = len(data) // 2 // 4096 * 4096
        noise = random.Random(7).randbytes(4096)
        ledger.write_bytes(data[:page] + noise + data[page + 4096 :])
    elif how == "not-sqlite":
        ledger.write_text("provider,inputs\nscrapio,abc\n" * 20)
    elif how == "foreign-sqlite":
        ledger.unlink()
        with sqlite3.connect(ledger) as db:
            db.execute("CREATE TABLE notes (text TEXT)")
            db.execute("INSERT INTO notes VALUES ('not a ledger')")
        db.close()
    else:  # pragma: no cover
        raise AssertionError(how)


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ServedEmulator]]:
    """A finished run (inputs, output, ledger) against an emulator served for this module."""
    emulator = Emulator(EmulatorConfig())
    with serve_in_thread(emulator) as base_url:
        served = ServedEmulator(base_url, emulator)
        where = tmp_path_factory.mktemp("finished")
        _urls(where / "urls.txt", 12)
        result = _invoke(_run_args(where, served))
        assert result.exit_code == 0, result.output
        yield where, served


@pytest.mark.parametrize(
    ("how", "says"),
    [
        ("empty", "is empty (0 bytes)"),
        ("truncated", "is damaged"),
        ("garbage-in-the-middle", "is damaged"),
        ("not-sqlite", "is not an SQLite database"),
        ("foreign-sqlite", "is an SQLite database of something else"),
    ],
)
def test_a_ledger_that_is_not_whole_is_refused_before_anything_is_sent_or_written(
    how: str, says: str, tmp_path: Path, finished_run: tuple[Path, ServedEmulator]
) -> None:
    finished, served = finished_run
    for name in ("urls.txt", "out.jsonl", "run.ledger"):
        shutil.copyfile(finished / name, tmp_path / name)
    output = tmp_path / "out.jsonl"
    written = output.read_bytes()
    ledger = tmp_path / "run.ledger"
    _damage(ledger, how)
    damaged = ledger.read_bytes()
    sent = _requests(served)

    again = _invoke(_run_args(tmp_path, served))

    _one_line_error(again, 2, f"ledger {ledger} {says}", "it is not used")
    assert _requests(served) == sent, "a request was sent"
    assert output.read_bytes() == written, "the output was touched"
    assert ledger.read_bytes() == damaged, "the ledger was touched"


def test_an_empty_ledger_file_is_never_taken_as_a_new_run(
    tmp_path: Path, scrapejobs_emulator_server: ServedEmulator
) -> None:
    _urls(tmp_path / "urls.txt", 3)
    (tmp_path / "run.ledger").write_bytes(b"")
    result = _invoke(_run_args(tmp_path, scrapejobs_emulator_server))
    _one_line_error(result, 2, "is empty (0 bytes)")
    assert _requests(scrapejobs_emulator_server) == 0
    assert not (tmp_path / "out.jsonl").exists()


# -- paths that clash or cannot be written -------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "first_flag", "second_flag"),
    [
        ("output-is-input", "--output", "--input"),
        ("output-symlinks-to-input", "--output", "--input"),
        ("output-hardlinks-to-input", "--output", "--input"),
        ("ledger-is-input", "--ledger", "--input"),
        ("output-is-ledger", "--ledger", "--output"),
        ("summary-is-output", "--summary-json", "--output"),
    ],
)
def test_paths_that_would_overwrite_one_another_are_refused_before_anything_is_sent(
    case: str,
    first_flag: str,
    second_flag: str,
    tmp_path: Path,
    scrapejobs_emulator_server: ServedEmulator,
) -> None:
    served = scrapejobs_emulator_server
    urls_file = tmp_path / "urls.txt"
    _urls(urls_file, 3)
    original = urls_file.read_bytes()
    paths = {"--output": str(tmp_path / "out.jsonl"), "--ledger": str(tmp_path / "run.ledger")}
    if case == "output-is-input":
        paths["--output"] = str(urls_file)
    elif case == "output-symlinks-to-input":
        (tmp_path / "link.jsonl").symlink_to(urls_file)
        paths["--output"] = str(tmp_path / "link.jsonl")
    elif case == "output-hardlinks-to-input":
        os.link(urls_file, tmp_path / "hard.jsonl")
        paths["--output"] = str(tmp_path / "hard.jsonl")
    elif case == "ledger-is-input":
        paths["--ledger"] = str(urls_file)
    elif case == "output-is-ledger":
        paths["--ledger"] = paths["--output"]
    else:
        paths["--summary-json"] = paths["--output"]
    args = ["run", "-p", PROVIDER, "--input", str(urls_file), "--no-progress"]
    for flag, value in paths.items():
        args += [flag, value]
    result = _invoke([*args, "--base-url", served.url(PROVIDER), "--token", TOKEN])

    _one_line_error(result, 2, first_flag, f"is the same file as {second_flag}")
    assert urls_file.read_bytes() == original
    assert _requests(served) == 0


@pytest.mark.parametrize("flag", ["--output", "--summary-json", "--ledger"])
def test_a_file_whose_directory_cannot_be_made_is_refused_before_anything_is_sent(
    flag: str, tmp_path: Path, scrapejobs_emulator_server: ServedEmulator
) -> None:
    _urls(tmp_path / "urls.txt", 3)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    result = _invoke(
        [*_run_args(tmp_path, scrapejobs_emulator_server), flag, str(blocker / "x.json")]
    )
    _one_line_error(result, 2, flag, f"{blocker} is a file, not a directory")
    assert _requests(scrapejobs_emulator_server) == 0


# -- --timeout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "soon"])
@pytest.mark.parametrize("command", ["run", "status"])
def test_a_bad_timeout_is_a_usage_error(command: str, value: str, tmp_path: Path) -> None:
    _urls(tmp_path / "urls.txt", 1)
    args = _run_args(tmp_path, None) if command == "run" else ["status", "-p", PROVIDER, "job_1"]
    result = CliRunner().invoke(main, [*args, "--timeout", value, "--token", TOKEN])
    assert result.exit_code == 2, result.output
    assert "--timeout" in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_the_timeout_reaches_the_job_clients_as_a_float(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []
    real = scrapejobs.client.AsyncJobs

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["timeout"])
        return real(*args, **kwargs)

    monkeypatch.setattr("scrapejobs.cli.execute.AsyncJobs", recording)
    _urls(tmp_path / "urls.txt", 2)
    result = _invoke([*_run_args(tmp_path, None), "--timeout", "7.5"])
    assert result.exit_code == 0, result.output
    assert seen == [7.5]

    class Refusing:
        def __init__(self, *_args: Any, **kwargs: Any) -> None:
            seen.append(kwargs["timeout"])
            raise ScrapejobsError("stopped by the test")

    monkeypatch.setattr(scrapejobs.client, "Jobs", Refusing)
    single = _invoke(["status", "-p", PROVIDER, "job_1", "--token", TOKEN, "--timeout", "2"])
    assert single.exit_code == 1
    default = _invoke(["result", "-p", PROVIDER, "job_1", "--token", TOKEN])
    assert default.exit_code == 1
    assert seen == [7.5, 2.0, 60.0]


# -- full disks (injected) ---------------------------------------------------------------------


class _SqliteWithFullDisk:
    """The ``sqlite3`` module as the ledger sees it, whose COMMITs fail with ENOSPC when armed."""

    def __init__(self) -> None:
        self.commits_left: int | None = None
        outer = self

        class Connection(sqlite3.Connection):
            def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
                if sql == "COMMIT" and outer.commits_left is not None:
                    if outer.commits_left <= 0:
                        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                    outer.commits_left -= 1
                return super().execute(sql, *args)

        self._connection = Connection

    def connect(self, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        return sqlite3.connect(*args, factory=self._connection, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(sqlite3, name)


@pytest.mark.parametrize("commits_before_full", [0, 4])
def test_a_full_disk_under_the_ledger_is_exit_4_naming_it_and_a_rerun_pays_nothing_twice(
    commits_before_full: int,
    tmp_path: Path,
    scrapejobs_emulator_server: ServedEmulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    served = scrapejobs_emulator_server
    urls = _urls(tmp_path / "urls.txt", 16)
    disk = _SqliteWithFullDisk()
    monkeypatch.setattr(scrapejobs.batch.ledger, "sqlite3", disk)
    disk.commits_left = commits_before_full

    full = _invoke(_run_args(tmp_path, served))

    ledger = tmp_path / "run.ledger"
    _one_line_error(full, 4, f"cannot write the ledger {ledger}: No space left on device")
    assert "rerun to resume" in full.stderr
    disk.commits_left = None
    again = _invoke(_run_args(tmp_path, served))
    assert again.exit_code == 0, again.output
    _assert_once_per_url(served, urls, tmp_path / "out.jsonl")


class _FullAfter:
    """A text file handle whose writes fail with ENOSPC after ``room`` characters."""

    def __init__(self, inner: IO[str], room: int) -> None:
        self._inner = inner
        self._room = room

    def write(self, text: str) -> int:
        self._room -= len(text)
        if self._room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._inner.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_a_full_disk_under_the_output_is_exit_4_and_keeps_the_old_output(
    tmp_path: Path, scrapejobs_emulator_server: ServedEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = scrapejobs_emulator_server
    urls = _urls(tmp_path / "urls.txt", 12)
    first = _invoke(_run_args(tmp_path, served))
    assert first.exit_code == 0, first.output
    output = tmp_path / "out.jsonl"
    complete = output.read_bytes()

    def full_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        return _FullAfter(open(path, *args, **kwargs), room=len(complete) // 3)

    monkeypatch.setattr(scrapejobs.batch.localfiles, "open", full_open, raising=False)
    full = _invoke(_run_args(tmp_path, served))
    _one_line_error(full, 4, f"cannot write the output {output}: No space left on device")
    assert output.read_bytes() == complete
    assert not scrapejobs.batch.localfiles.partial_path(output).exists()

    monkeypatch.undo()
    again = _invoke(_run_args(tmp_path, served))
    assert again.exit_code == 0, again.output
    _assert_once_per_url(served, urls, output)


# -- full and read-only file systems (a real tmpfs, where this machine lets us mount one) --------


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs mounted for the test (skipped where mounting is not allowed)."""
    yield from _mounted(tmp_path / "tiny", "size=64k")


@pytest.fixture
def read_only_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A read-only tmpfs mounted for the test (skipped where mounting is not allowed)."""
    yield from _mounted(tmp_path / "read-only", "ro,size=64k")


def _mounted(where: Path, options: str) -> Iterator[Path]:
    where.mkdir()
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if mount is None or umount is None:
        pytest.skip("no mount(8) here")
    mounted = subprocess.run(
        [mount, "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        # An in-process run's error keeps its frames (and so SQLite cursors on the mount) alive
        # in reference cycles until collected: collect them so the mount is no longer busy.
        gc.collect()
        subprocess.run([umount, str(where)], check=True)


def test_a_ledger_on_a_full_file_system_is_exit_4_naming_it(
    tmp_path: Path, tiny_tmpfs: Path
) -> None:
    _urls(tmp_path / "urls.txt", 40)  # ~3 KB of result each: more than 64 KiB in all
    ledger = tiny_tmpfs / "run.ledger"
    result = _invoke([*_run_args(tmp_path, None), "--ledger", str(ledger)])
    _one_line_error(result, 4, f"the ledger {ledger}: ")
    assert not (tmp_path / "out.jsonl").exists()


def test_an_output_on_a_full_file_system_is_exit_4_naming_it(
    tmp_path: Path, tiny_tmpfs: Path
) -> None:
    _urls(tmp_path / "urls.txt", 40)
    output = tiny_tmpfs / "out.jsonl"
    result = _invoke([*_run_args(tmp_path, None), "--output", str(output)])
    _one_line_error(result, 4, f"cannot write the output {output}: No space left on device")
    assert not output.exists()
    assert not scrapejobs.batch.localfiles.partial_path(output).exists()


@pytest.mark.parametrize("flag", ["--summary-json", "--output", "--ledger"])
def test_a_read_only_directory_is_refused_before_anything_is_sent(
    flag: str, tmp_path: Path, read_only_tmpfs: Path, scrapejobs_emulator_server: ServedEmulator
) -> None:
    _urls(tmp_path / "urls.txt", 3)
    target = read_only_tmpfs / "file.json"
    result = _invoke([*_run_args(tmp_path, scrapejobs_emulator_server), flag, str(target)])
    _one_line_error(result, 2, flag, "Read-only file system")
    assert _requests(scrapejobs_emulator_server) == 0
