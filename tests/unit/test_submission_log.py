"""AsyncJobs' SubmissionLog alone: bounded, oldest forgotten first, handed to the waiting engine."""

from __future__ import annotations

from typing import Any, cast

from scrapejobs.client import SubmissionLog
from scrapejobs.jobs import JobRef
from scrapejobs.waiting import WaitEngine


class RecordingEngine:
    """Stands in for WaitEngine.watch: records what each ref is watched with."""

    def __init__(self) -> None:
        self.watched: list[tuple[JobRef, float | None, str, bool]] = []

    def watch(self, ref: JobRef, *, since: float | None, kind: str, delivered: bool) -> None:
        self.watched.append((ref, since, kind, delivered))


def refs(*ids: str) -> list[JobRef]:
    return [JobRef("scrapio", job_id) for job_id in ids]


def watched_with(log: SubmissionLog, wanted: list[JobRef], **kwargs: Any) -> list[Any]:
    engine = RecordingEngine()
    log.watch(cast(WaitEngine, engine), wanted, **kwargs)
    return engine.watched


def test_each_ref_is_watched_from_its_submission_time_and_kind() -> None:
    log = SubmissionLog()
    first, second = refs("a", "b")
    log.record([first], 10.0, "FetchJobRequest")
    log.record([second], 12.5, "CrawlJobRequest")
    unknown = JobRef("scrapio", "never-submitted-here")
    assert watched_with(log, [second, unknown, first], delivered=True) == [
        (second, 12.5, "CrawlJobRequest", True),
        (unknown, None, "", True),
        (first, 10.0, "FetchJobRequest", True),
    ]


def test_beyond_the_limit_the_oldest_submissions_are_forgotten_first() -> None:
    log = SubmissionLog(limit=3)
    log.record(refs("a", "b"), 1.0, "R")
    log.record(refs("c", "d"), 2.0, "R")
    assert len(log) == 3
    times = [
        since
        for _ref, since, _kind, _d in watched_with(log, refs("a", "b", "c", "d"), delivered=False)
    ]
    assert times == [None, 1.0, 2.0, 2.0]


def test_a_forgotten_ref_is_watched_without_a_submission_time() -> None:
    log = SubmissionLog()
    (ref,) = refs("a")
    log.record([ref], 5.0, "R")
    log.forget(ref)
    log.forget(ref)  # an unknown ref is not an error
    assert len(log) == 0
    assert watched_with(log, [ref], delivered=False) == [(ref, None, "", False)]
