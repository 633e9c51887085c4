"""The ledger: every step durable, resumable after a crash, nothing recorded twice.

Tests that take ``make_ledger`` run on both ledgers (SQLite and PostgreSQL); those about SQLite
files (the run lock, damaged files, older ledger files) on SQLite only.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scrapejobs.batch.ledger import (
    SCHEMA,
    LedgerCorruptError,
    SqliteLedger,
    SubmissionState,
    idempotency_key,
)
from scrapejobs.batch.localfiles import FileBusyError
from scrapejobs.jobs import JobRef
from scrapejobs.states import JobState
from tests.unit.ledgers import LedgerFactory

A = JobRef("scrapedo", "task-a", ("job-1",))
B = JobRef("scrapedo", "task-b", ("job-1",))


def test_the_full_life_of_a_submission(make_ledger: LedgerFactory) -> None:
    with make_ledger() as ledger:
        intent = ledger.intend("line-1", "scrapedo", {"Targets": ["https://a.test"]}, None)
        assert intent.state is SubmissionState.INTENT
        ledger.submitted("line-1", [A, B])
        assert ledger.outstanding() == [A, B]
        ledger.finished(A, JobState.SUCCEEDED, {"Content": "<html>"}, None)
        assert ledger.outstanding() == [B]
        ledger.finished(B, JobState.FAILED, None, "blocked")
        assert ledger.outstanding() == []
        (first, second) = ledger.outcomes()
        assert (first.ref, first.state, first.result) == (
            A,
            JobState.SUCCEEDED,
            {"Content": "<html>"},
        )
        assert (second.ref, second.state, second.reason) == (B, JobState.FAILED, "blocked")
        submission = ledger.submission("line-1")
        assert submission is not None
        assert submission.state is SubmissionState.SUBMITTED
        assert submission.refs == (A, B)
        assert submission.request == {"Targets": ["https://a.test"]}


def test_intent_is_idempotent_and_keeps_the_first_record(make_ledger: LedgerFactory) -> None:
    with make_ledger() as ledger:
        ledger.intend("line-1", "scrapio", {"kind": "fetch"}, "key-1")
        ledger.submitted("line-1", [JobRef("scrapio", "job_1")])
        again = ledger.intend("line-1", "scrapio", {"kind": "other"}, "key-2")
    assert again.state is SubmissionState.SUBMITTED
    assert again.idempotency_key == "key-1"
    assert again.refs == (JobRef("scrapio", "job_1"),)


def test_a_reopened_ledger_resumes_where_the_crash_left_it(make_ledger: LedgerFactory) -> None:
    ledger = make_ledger()
    ledger.intend("sent", "scrapio", {"n": 1}, "k-sent")
    ledger.submitted("sent", [JobRef("scrapio", "job_1")])
    ledger.intend("crashed-while-sending", "scrapio", {"n": 2}, "k-crash")
    ledger.intend("refused", "scrapio", {"n": 3}, "k-refused")
    ledger.refused("refused", "400 invalid_request")
    ledger.intend("maybe", "scraperapi", {"n": 4}, None)
    ledger.uncertain("maybe", "ReadTimeout")
    del ledger  # no close(): as if the process was killed

    with make_ledger() as resumed:
        assert resumed.outstanding() == [JobRef("scrapio", "job_1")]
        (intent,) = resumed.submissions(SubmissionState.INTENT)
        assert (intent.key, intent.idempotency_key) == ("crashed-while-sending", "k-crash")
        assert [s.key for s in resumed.submissions(SubmissionState.UNCERTAIN)] == ["maybe"]
        assert [s.key for s in resumed.submissions(SubmissionState.REFUSED)] == ["refused"]
        assert [s.key for s in resumed.submissions()] == [
            "sent",
            "crashed-while-sending",
            "refused",
            "maybe",
        ]


def test_unknown_keys_and_jobs_are_errors(make_ledger: LedgerFactory) -> None:
    with make_ledger() as ledger:
        with pytest.raises(KeyError):
            ledger.submitted("never-intended", [A])
        with pytest.raises(KeyError):
            ledger.finished(A, JobState.SUCCEEDED, None, None)
        assert ledger.submission("nope") is None


def test_a_failed_step_leaves_nothing_half_written(make_ledger: LedgerFactory) -> None:
    with make_ledger() as ledger:
        ledger.intend("line-1", "scrapedo", {}, None)
        with pytest.raises(KeyError, match="never-intended"):  # the second entry fails: all do
            ledger.submitted_many(
                [("line-1", [A], None, None), ("never-intended", [B], None, None)]
            )
        with pytest.raises(KeyError):
            ledger.finished_many([(A, JobState.SUCCEEDED, None, None)])
        assert ledger.outstanding() == []
        (intent,) = ledger.submissions()
        assert (intent.state, intent.refs) == (SubmissionState.INTENT, ())
        ledger.submitted("line-1", [A])
        with pytest.raises(KeyError):  # one unknown job: the known one is not finished either
            ledger.finished_many(
                [(A, JobState.SUCCEEDED, None, None), (B, JobState.FAILED, None, None)]
            )
        assert ledger.outstanding() == [A]


def test_a_failed_sqlite_step_leaves_no_row(tmp_path: Path) -> None:
    path = tmp_path / "run.db"
    with SqliteLedger(path) as ledger, pytest.raises(KeyError):
        ledger.submitted("never-intended", [A, B])  # the state update fails: no job rows either
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM jobs").fetchone()
    assert rows == (0,)


def test_scoped_refs_round_trip(make_ledger: LedgerFactory) -> None:
    ref = JobRef("scrapingpros", "job-9", ("collection-1", "run-2"))
    with make_ledger() as ledger:
        ledger.intend("c", "scrapingpros", {}, "k")
        ledger.submitted("c", [ref])
        assert ledger.outstanding() == [ref]


# -- one run per ledger, run ids, whole ledgers -------------------------------------------------


def test_a_ledger_is_held_by_one_opener_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "run.db"
    with SqliteLedger(path):
        with pytest.raises(FileBusyError, match=r"ledger .*run\.db is in use by another"):
            SqliteLedger(path)
        with pytest.raises(FileBusyError):  # another spelling of the same file
            SqliteLedger(tmp_path / "." / "run.db")
        with SqliteLedger(path, lock=False) as reader:  # reading only: no lock needed
            assert reader.submissions() == []
    with SqliteLedger(path) as again:  # released on close
        assert again.submissions() == []


def test_a_killed_holder_never_blocks_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "run.db"
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from scrapejobs.batch.ledger import SqliteLedger; "
            "ledger = SqliteLedger(sys.argv[1]); print('held', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(FileBusyError, match=f"pid {holder.pid}"):
            SqliteLedger(path)
        holder.kill()  # SIGKILL: no cleanup of its own
        holder.wait()
    with SqliteLedger(path) as resumed:
        assert resumed.run_id


def test_the_run_id_is_made_once_and_keys_derive_from_it(make_ledger: LedgerFactory) -> None:
    with make_ledger() as ledger:
        run_id = ledger.run_id
    with make_ledger() as ledger:
        assert ledger.run_id == run_id
    with make_ledger("other.db") as other:
        assert other.run_id != run_id
    key = idempotency_key(run_id, "scrapio", "line-1+4", ["line-1", "line-2"])
    assert key == idempotency_key(run_id, "scrapio", "line-1+4", ["line-1", "line-2"])
    assert key != idempotency_key(run_id, "scrapio", "line-1+4", ["line-1", "line-3"])
    assert key != idempotency_key("another-run", "scrapio", "line-1+4", ["line-1", "line-2"])


def test_intents_answer_the_key_actually_recorded(make_ledger: LedgerFactory) -> None:
    with make_ledger() as ledger:
        first = ledger.intend_many([("sub", "scrapio", {"n": 1}, "key-1", ["line-1"], None)])
        assert first == {"sub": "key-1"}
        # Another writer's fresh key loses: the first record, and its key, stay.
        second = ledger.intend_many(
            [
                ("sub", "scrapio", {"n": 1}, "key-2", ["line-1"], None),
                ("new", "scrapio", {}, "k", [], None),
            ]
        )
        assert second == {"sub": "key-1", "new": "k"}


def test_the_callback_url_is_kept_with_the_intent(make_ledger: LedgerFactory) -> None:
    with make_ledger() as ledger:
        ledger.intend("hooked", "scrapio", {"n": 1}, "k1", ["line-1"], "http://127.0.0.1:9/hooks")
        ledger.intend("polled", "scrapio", {"n": 2}, "k2", ["line-2"])
    with make_ledger() as ledger:
        hooked, polled = ledger.submissions()
    assert hooked.callback == "http://127.0.0.1:9/hooks"
    assert polled.callback is None


def test_a_ledger_without_the_callback_column_gains_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    SqliteLedger(path).close()
    with sqlite3.connect(path) as db:  # the submissions table as scrapejobs made it before
        db.execute("ALTER TABLE submissions DROP COLUMN callback")
        db.execute(
            "INSERT INTO submissions (key, provider, request, idempotency_key, state, updated_at) "
            "VALUES ('old', 'scrapio', '{}', 'k', 'intent', 0)"
        )
    with SqliteLedger(path) as ledger:
        (old,) = ledger.submissions()
        assert old.callback is None
        ledger.intend("new", "scrapio", {}, "k2", [], "http://127.0.0.1:9/hooks")
        assert ledger.submission("new").callback == "http://127.0.0.1:9/hooks"


def test_a_ledger_of_an_older_scrapejobs_gets_a_run_id_and_keeps_its_run(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.execute("INSERT INTO run (name, value) VALUES ('provider', 'scrapio')")
        db.execute("INSERT INTO run (name, value) VALUES ('inputs', 'abc')")
    db.close()
    with SqliteLedger(path) as ledger:
        assert ledger.run_id
        ledger.bind("scrapio", "abc")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"SQLite format 3\x00", "is not an SQLite database"),
        (b"hello, world\n" * 100, "is not an SQLite database"),
    ],
)
def test_a_file_that_is_not_a_whole_ledger_is_refused_and_left_alone(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "run.db"
    path.write_bytes(content)
    with pytest.raises(LedgerCorruptError, match=says):
        SqliteLedger(path)
    assert path.read_bytes() == content
    # The refusal released the lock: the next opener is refused for the file, not for a lock.
    with pytest.raises(LedgerCorruptError):
        SqliteLedger(path)


def test_a_new_ledger_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "run.db"
    leftover = tmp_path / ".run.db.creating"
    leftover.write_bytes(b"half a ledger from a killed run")
    with SqliteLedger(path) as ledger:
        assert ledger.run_id
    assert not leftover.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.db", "run.db.lock"]


def test_durations_tell_what_an_earlier_run_saw_jobs_take(
    make_ledger: LedgerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1_000.0]
    monkeypatch.setattr("scrapejobs.batch.ledger.time.time", lambda: now[0])
    with make_ledger() as ledger:
        ledger.intend("line-1", "scrapedo", {"Targets": ["https://a.test"]}, None)
        ledger.submitted("line-1", [A, B])
        now[0] += 2.5
        ledger.finished(A, JobState.SUCCEEDED, {"Content": "<html>"}, None)
        assert ledger.durations() == [("line-1", 2.5)]  # B has no outcome yet
        now[0] += 1.0
        ledger.finished(B, JobState.FAILED, None, "blocked")
        assert ledger.durations() == [("line-1", 3.5), ("line-1", 2.5)]  # newest first
        assert ledger.durations(limit=1) == [("line-1", 3.5)]
        submission = ledger.submission("line-1")
        assert submission is not None
        assert submission.submitted_at == 1_000.0
        ledger.intend("line-2", "scrapedo", {"Targets": ["https://b.test"]}, None)
        intent = ledger.submission("line-2")
        assert intent is not None
        assert intent.submitted_at is None  # not accepted yet


def test_reads_by_input_see_only_those_inputs_submissions_and_outcomes(
    make_ledger: LedgerFactory,
) -> None:
    with make_ledger() as ledger:
        ledger.bind("scrapio", "digest")
        ledger.intend("s1", "scrapio", {"n": 1}, None, ["line-1", "line-2"])
        ledger.intend("s2", "scrapio", {"n": 2}, None, ["line-3"])
        ledger.submitted("s1", [A, B], ["line-1", "line-2"])
        ledger.finished(B, JobState.FAILED, None, "no")
        ledger.retry(["line-2"])
        assert [s.key for s in ledger.submissions_of(["line-2", "line-9"])] == ["s1"]
        assert [s.key for s in ledger.submissions_of(["line-3", "line-1"])] == ["s1", "s2"]
        assert ledger.submissions_of(["line-1"], SubmissionState.INTENT) == []
        assert [o.ref for o in ledger.outcomes_of(["line-2"])] == [B]
        assert list(ledger.outcomes_of(["line-1", "line-3"])) == []
        assert ledger.rounds_of(["line-1", "line-2"]) == {"line-2": 1}


def test_a_ledger_of_an_older_scrapejobs_gets_its_input_index_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SqliteLedger(path) as ledger:
        ledger.intend("s1", "scrapio", {}, None, ["line-1", "line-2"])
        ledger.intend("s2", "scrapio", {}, None, ["line-3"])
    db = sqlite3.connect(path)
    db.execute("DROP TABLE submission_inputs")  # as an older scrapejobs made it
    db.commit()
    db.close()
    with SqliteLedger(path) as ledger:
        assert [s.key for s in ledger.submissions_of(["line-2"])] == ["s1"]
        assert [s.key for s in ledger.submissions_of(["line-3"])] == ["s2"]
