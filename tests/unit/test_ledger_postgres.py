"""What the PostgreSQL ledger adds to the ledger (both ledgers' shared behaviour is in the
``make_ledger`` tests): runs shared by processes, several runs per database, a versioned
schema, a lost connection, URLs whose password is never shown, and ``scrapejobs run --ledger
postgresql://…`` interrupted and resumed. A real server (``tests/postgres.py``), never a mock.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result

from scrapejobs.batch.ledger import (
    LedgerCorruptError,
    LedgerIOError,
    LedgerMismatchError,
    LedgerUnavailableError,
    SubmissionState,
)
from scrapejobs.batch.ledger_postgres import PostgresLedger
from scrapejobs.batch.pg_location import parse_postgres_url
from scrapejobs.batch.pg_schema import MIGRATIONS
from scrapejobs.cli import main
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState

SECRET = "s3cret-Pa55"
A = JobRef("scrapio", "job_a")


def with_password(url: str, run: str | None = None) -> str:
    """Return ``url`` (``postgresql://postgres@…``) with :data:`SECRET` as password (and run)."""
    spelled = url.replace("postgres@", f"postgres:{SECRET}@", 1)
    return spelled if run is None else f"{spelled}?run={run}"


# -- URLs --------------------------------------------------------------------------------------


def test_a_ledger_url_names_its_run_and_never_shows_its_password() -> None:
    location = parse_postgres_url(
        "postgresql://alice:p%40ss%3Aw0rd@db.test:5433/jobs?sslmode=disable&run=prices-2026.12"
    )
    assert location.run == "prices-2026.12"
    assert "run=" not in location.conninfo
    assert "sslmode=disable" in location.conninfo
    assert (
        location.shown
        == "postgresql://alice:***@db.test:5433/jobs?sslmode=disable&run=prices-2026.12"
    )
    for text in (location.shown, repr(location), str(location)):
        assert "p@ss" not in text
        assert "p%40ss" not in text
    assert location.mask("auth failed for p@ss:w0rd") == "auth failed for ***"
    assert parse_postgres_url("postgres://db.test/jobs").run == "default"
    in_query = parse_postgres_url("postgresql://db.test/jobs?user=bob&password=hunter2")
    assert "hunter2" not in in_query.shown
    assert in_query.mask("hunter2") == "***"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://db.test/jobs?run=a&run=b", "more than one run"),
        ("postgresql://db.test/jobs?run=", "is not a name"),
        ("postgresql://u:pw-x1@db.test/jobs?run=a/b", "is not a name"),
        ("mysql://u:pw-x1@db.test/jobs", "not a postgresql:// URL"),
    ],
)
def test_a_bad_ledger_url_is_refused_without_its_password(url: str, says: str) -> None:
    with pytest.raises(LedgerUnavailableError, match=says) as caught:
        parse_postgres_url(url)
    assert "pw-x1" not in str(caught.value)


# -- one run, many processes -------------------------------------------------------------------


def _intents(writer: int, count: int) -> list[Any]:
    """The same submissions for every writer, each writer with idempotency keys of its own."""
    return [
        (f"sub-{n}", "scrapio", {"n": n}, f"key-{writer}-{n}", [f"line-{n}"], None)
        for n in range(count)
    ]


def test_openers_of_one_run_share_its_run_id_and_record_each_intent_once(
    postgres_url: str,
) -> None:
    url = f"{postgres_url}?run=shared"
    writers, count = 4, 40
    start = threading.Barrier(writers)

    def write(writer: int) -> tuple[str, dict[str, str | None]]:
        start.wait()  # all open the new database at once: migration and run made once
        with PostgresLedger(url) as ledger:
            return ledger.run_id, dict(ledger.intend_many(_intents(writer, count)))

    with ThreadPoolExecutor(writers) as pool:
        answers = list(pool.map(write, range(writers)))

    assert len({run_id for run_id, _ in answers}) == 1
    with PostgresLedger(url) as ledger:
        submissions = ledger.submissions()
        run_id = ledger.run_id
    recorded = {sub.key: sub.idempotency_key for sub in submissions}
    assert len(submissions) == len(recorded) == count
    assert {key.rsplit("-", 1)[0] for key in recorded.values() if key} <= {
        f"key-{writer}" for writer in range(writers)
    }
    for _, answered in answers:
        assert answered == recorded  # each writer is told the key actually recorded

    # Another process: same run id, and it is answered the recorded key, not its own.
    script = (
        "import json, sys; from scrapejobs.batch.ledger_postgres import PostgresLedger\n"
        "with PostgresLedger(sys.argv[1]) as ledger:\n"
        "    answer = ledger.intend_many([('sub-0', 'scrapio', {}, 'mine', [], None)])\n"
        "    print(json.dumps([ledger.run_id, answer]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, url], capture_output=True, text=True, check=True
    )
    other_run_id, answer = json.loads(done.stdout)
    assert other_run_id == run_id
    assert answer == {"sub-0": recorded["sub-0"]}


def test_two_runs_in_one_database_are_independent(postgres_url: str) -> None:
    with (
        PostgresLedger(f"{postgres_url}?run=one") as one,
        PostgresLedger(f"{postgres_url}?run=two") as two,
    ):
        assert one.run_id != two.run_id
        one.bind("scrapio", "digest-1")
        two.bind("scraperapi", "digest-2")  # another provider, other inputs: no mismatch
        for ledger in (one, two):
            ledger.intend("line-1", ledger.run, {"run": ledger.run}, None, ["line-1"])
        one.submitted("line-1", [A], ["line-1"])
        one.finished(A, JobState.SUCCEEDED, {"body": "one"}, None)
        two.submitted("line-1", [A], ["line-1"])  # the same job ref, in another run
        assert one.retry(["line-1"]) == 1
        assert two.retry(["line-1"]) == 1

        assert [o.result for o in one.outcomes()] == [{"body": "one"}]
        assert list(two.outcomes()) == []
        assert (one.outstanding(), two.outstanding()) == ([], [A])
        assert two.submissions()[0].request == {"run": "two"}
        assert two.durations() == []
        with pytest.raises(LedgerMismatchError, match="belongs to a scrapio run"):
            one.bind("scraperapi", "digest-2")


def test_a_database_of_a_newer_scrapejobs_is_refused(tmp_path: Path, postgres_url: str) -> None:
    PostgresLedger(postgres_url).close()
    newer = len(MIGRATIONS) + 1
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(
            "INSERT INTO scrapejobs_migrations (version, name) VALUES (%s, 'future')", (newer,)
        )
    url = with_password(postgres_url)
    with pytest.raises(LedgerCorruptError, match=f"schema is version {newer}") as caught:
        PostgresLedger(url)
    assert SECRET not in str(caught.value)
    assert "postgres:***@" in str(caught.value)

    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    result = _cli(tmp_path / "in.txt", url, tmp_path / "out.jsonl")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line == f"scrapejobs: error: {caught.value}"


def _terminate(database_url: str) -> int:
    """End every scrapejobs connection to ``database_url``'s database; return how many."""
    with psycopg.connect(database_url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'scrapejobs'"
        ).fetchall()
    return len(rows)


def test_a_lost_connection_is_a_ledger_io_error_and_the_next_call_reconnects(
    postgres_url: str,
) -> None:
    with PostgresLedger(with_password(postgres_url, "lost")) as ledger:
        ledger.intend("before", "scrapio", {}, "k0")
        assert _terminate(postgres_url) == 1
        with pytest.raises(LedgerIOError) as caught:
            ledger.intend("during", "scrapio", {}, "k1")
        message = str(caught.value)
        assert message.startswith(f"cannot write the ledger {ledger.path}")
        assert "postgres:***@" in message
        assert SECRET not in message
        ledger.intend("after", "scrapio", {}, "k2")  # a new connection
        states = {sub.key: sub.state for sub in ledger.submissions()}
    # What failed was not recorded (the caller knows: it never sends it); the rest was.
    assert states == {"before": SubmissionState.INTENT, "after": SubmissionState.INTENT}


# -- the command line --------------------------------------------------------------------------


def _cli(input_file: Path, ledger: str, output: Path, *extra: str) -> Result:
    args = ["run", "-p", "scrapio", "--input", str(input_file), "--output", str(output)]
    args += ["--ledger", ledger, "--emulator", "--no-progress", *extra]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.parametrize(
    ("ledger", "says"),
    [
        (f"postgresql://postgres:{SECRET}@127.0.0.1:{{port}}/x", "Connection refused"),
        (f"postgresql://nobody_here:{SECRET}@{{server}}/postgres", 'role "nobody_here"'),
        (f"postgresql://postgres:{SECRET}@{{server}}/no_such_db", '"no_such_db" does not exist'),
    ],
)
def test_a_ledger_that_cannot_be_opened_is_one_line_and_nothing_is_sent(
    tmp_path: Path, postgres_url: str, ledger: str, says: str
) -> None:
    server = postgres_url.split("@", 1)[1].split("/", 1)[0]
    url = ledger.format(port=_free_port(), server=server)
    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    result = _cli(tmp_path / "in.txt", url, tmp_path / "out.jsonl")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("scrapejobs: error: cannot open the ledger postgresql://")
    assert says in line
    assert SECRET not in result.output
    assert not (tmp_path / "out.jsonl").exists()
    assert not list(tmp_path.glob("*.emulator.json"))  # no request was made


def test_a_ledger_of_another_run_and_a_bad_run_name_are_one_line(
    tmp_path: Path, postgres_url: str
) -> None:
    with PostgresLedger(f"{postgres_url}?run=taken") as ledger:
        ledger.bind("scraperapi", "another digest")
    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    taken = _cli(tmp_path / "in.txt", with_password(postgres_url, "taken"), tmp_path / "o.jsonl")
    assert taken.exit_code == 2, taken.output
    assert taken.stderr.splitlines() == [
        f"scrapejobs: error: ledger {with_password(postgres_url, 'taken').replace(SECRET, '***')} "
        "belongs to a scraperapi run, not scrapio"
    ]
    bad = _cli(tmp_path / "in.txt", with_password(postgres_url, "a b"), tmp_path / "o.jsonl")
    assert bad.exit_code == 2
    assert "is not a name" in bad.stderr
    assert SECRET not in taken.output + bad.output


def test_without_psycopg_a_postgres_ledger_says_which_extra_to_install(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    (tmp_path / "in.txt").write_text("https://example.com/a\n")
    result = _cli(tmp_path / "in.txt", postgres_url, tmp_path / "out.jsonl")
    assert result.exit_code == 2
    assert result.stderr == (
        "scrapejobs: error: the PostgreSQL ledger needs its extra: "
        "pip install 'scrapejobs[postgres]'\n"
    )


def test_importing_scrapejobs_never_imports_psycopg() -> None:
    script = (
        "import sys, scrapejobs, scrapejobs.cli.execute, scrapejobs.batch.ledger_open\n"
        "assert 'psycopg' not in sys.modules, 'imported'\n"
        "assert scrapejobs.PostgresLedger.__name__ == 'PostgresLedger'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def _start(work: Path, ledger: str, config: str = "emulator.json") -> subprocess.Popen[str]:
    """Start ``scrapejobs run --emulator`` on ``work``'s inputs with ``ledger`` (a subprocess),
    one request at a time (a run stopped early has inputs left for the next)."""
    script = Path(sys.executable).with_name("scrapejobs")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]
    command += ["run", "-p", "scrapio", "--input", str(work / "in.txt")]
    command += ["--output", str(work / "out.jsonl"), "--ledger", ledger, "--emulator"]
    command += ["--emulator-config", str(work / config), "--no-progress"]
    command += ["--summary-json", str(work / "summary.json"), "--batch-size", "1"]
    command += ["--concurrency", "1"]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ
    )


def _ledger_events(database_url: str) -> psycopg.Connection[Any]:
    """Return a connection that hears ``ledger`` each time a job or an outcome is committed."""
    listener = psycopg.connect(database_url, autocommit=True)
    listener.execute(
        "CREATE FUNCTION test_job_recorded() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM pg_notify('ledger', NEW.job_id); RETURN NEW; END $$"
    )
    listener.execute(
        "CREATE TRIGGER test_job_recorded AFTER INSERT OR UPDATE ON scrapejobs_jobs "
        "FOR EACH ROW EXECUTE FUNCTION test_job_recorded()"
    )
    listener.execute("LISTEN ledger")
    return listener


def _next_event(listener: psycopg.Connection[Any]) -> None:
    """Return once the ledger has recorded something new (what was heard before is dropped)."""
    list(listener.notifies(timeout=0))
    assert list(listener.notifies(timeout=120, stop_after=1)), "the run recorded nothing"


def test_a_cli_run_on_a_postgres_ledger_resumes_after_a_lost_connection_and_a_sigint(
    tmp_path: Path, postgres_url: str
) -> None:
    urls = [f"https://example.com/pg/{n}" for n in range(8)]
    (tmp_path / "in.txt").write_text("\n".join(urls) + "\n")
    # The first run's jobs end 1 to 4 s after they were made; the second run's 3 s after (the
    # embedded emulator takes each run's own configuration for new jobs): when its first record
    # is heard, the jobs it made are still running, however slow the machine.
    progression = {"min_seconds": 1.0, "max_seconds": 4.0}
    (tmp_path / "emulator.json").write_text(json.dumps({"progression": progression}))
    slower = {"min_seconds": 3.0, "max_seconds": 3.0}
    (tmp_path / "slower.json").write_text(json.dumps({"progression": slower}))
    ledger = with_password(postgres_url, "resumed")
    PostgresLedger(ledger).close()  # the schema, for the test's trigger
    with _ledger_events(postgres_url) as listener:
        first = _start(tmp_path, ledger)
        _next_event(listener)  # a job recorded: the server goes away under the run
        _terminate(postgres_url)
        _, lost = first.communicate(timeout=120)
        second = _start(tmp_path, ledger, "slower.json")
        _next_event(listener)
        second.send_signal(signal.SIGINT)
        _, interrupted = second.communicate(timeout=120)
    assert first.returncode == 4, lost
    (line,) = lost.splitlines()
    shown = ledger.replace(SECRET, "***")
    assert line.startswith(f"scrapejobs: error: cannot write the ledger {shown}: ")
    assert line.endswith("; nothing recorded is lost, rerun to resume")
    assert second.returncode == 130, interrupted

    third = _start(tmp_path, ledger, "slower.json")
    out, stderr = third.communicate(timeout=120)
    assert third.returncode == 0, stderr
    assert SECRET not in lost + interrupted + out + stderr + (tmp_path / "summary.json").read_text()
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["ledger"] == shown  # named, password masked
    assert summary["submissions"] < len(urls)  # what the earlier runs submitted is resumed
    lines = [json.loads(text) for text in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [line["state"] for line in lines] == ["succeeded"] * len(urls)
    state = json.loads((tmp_path / "out.jsonl.emulator.json").read_text())
    made = sorted(job["data"]["request"]["input"]["url"] for job in state["jobs"])
    assert made == sorted(urls)  # one job per input at the provider, over three runs
    assert {line["job_id"] for line in lines} == {job["id"] for job in state["jobs"]}
