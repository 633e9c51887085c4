"""The SQLite ledger: every step durable, resumable after a crash, nothing recorded twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from scrapejobs.jobs import JobRef
from scrapejobs.ledger import SqliteLedger, SubmissionState
from scrapejobs.states import JobState

A = JobRef("scrapedo", "task-a", ("job-1",))
B = JobRef("scrapedo", "task-b", ("job-1",))


def test_the_full_life_of_a_submission(tmp_path: Path) -> None:
    with SqliteLedger(tmp_path / "run.db") as ledger:
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


def test_intent_is_idempotent_and_keeps_the_first_record(tmp_path: Path) -> None:
    with SqliteLedger(tmp_path / "run.db") as ledger:
        ledger.intend("line-1", "scrapio", {"kind": "fetch"}, "key-1")
        ledger.submitted("line-1", [JobRef("scrapio", "job_1")])
        again = ledger.intend("line-1", "scrapio", {"kind": "other"}, "key-2")
    assert again.state is SubmissionState.SUBMITTED
    assert again.idempotency_key == "key-1"
    assert again.refs == (JobRef("scrapio", "job_1"),)


def test_a_reopened_ledger_resumes_where_the_crash_left_it(tmp_path: Path) -> None:
    path = tmp_path / "run.db"
    ledger = SqliteLedger(path)
    ledger.intend("sent", "scrapio", {"n": 1}, "k-sent")
    ledger.submitted("sent", [JobRef("scrapio", "job_1")])
    ledger.intend("crashed-while-sending", "scrapio", {"n": 2}, "k-crash")
    ledger.intend("refused", "scrapio", {"n": 3}, "k-refused")
    ledger.refused("refused", "400 invalid_request")
    ledger.intend("maybe", "scraperapi", {"n": 4}, None)
    ledger.uncertain("maybe", "ReadTimeout")
    del ledger  # no close(): as if the process was killed

    with SqliteLedger(path) as resumed:
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


def test_unknown_keys_and_jobs_are_errors(tmp_path: Path) -> None:
    with SqliteLedger(tmp_path / "run.db") as ledger:
        with pytest.raises(KeyError):
            ledger.submitted("never-intended", [A])
        with pytest.raises(KeyError):
            ledger.finished(A, JobState.SUCCEEDED, None, None)
        assert ledger.submission("nope") is None


def test_a_failed_step_leaves_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "run.db"
    with SqliteLedger(path) as ledger, pytest.raises(KeyError):
        ledger.submitted("never-intended", [A, B])  # the state update fails: no job rows either
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM jobs").fetchone()
    assert rows == (0,)


def test_scoped_refs_round_trip(tmp_path: Path) -> None:
    ref = JobRef("scrapingpros", "job-9", ("collection-1", "run-2"))
    with SqliteLedger(tmp_path / "run.db") as ledger:
        ledger.intend("c", "scrapingpros", {}, "k")
        ledger.submitted("c", [ref])
        assert ledger.outstanding() == [ref]
