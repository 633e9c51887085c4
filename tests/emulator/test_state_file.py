"""State that survives: the versioned state document, its atomic file, restarts and snapshots."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, Progression
from scrapejobs_emulator.clock import ManualClock
from scrapejobs_emulator.inprocess import BASE_URL, EmulatorTransport
from scrapejobs_emulator.persist import StateDocumentError, write_file

TOKEN = "emulator-token"
SCRAPIO = {"kind": "fetch", "input": {"url": "https://example.com/s"}}
BEARER = {"Authorization": f"Bearer {TOKEN}"}
ONE_SECOND = Progression(mode="duration", min_seconds=1.0, max_seconds=1.0)


def client(emulator: Emulator) -> httpx.Client:
    return httpx.Client(transport=EmulatorTransport(emulator), base_url=BASE_URL)


def create_jobs(http: httpx.Client) -> tuple[str, str]:
    """Create a ScraperAPI and a Scrapio job; return their ids."""
    scraperapi = http.post("/scraperapi/jobs", json={"apiKey": TOKEN, "url": "https://e.com/"})
    scrapio = http.post("/scrapio/v1/jobs", json=SCRAPIO, headers=BEARER)
    assert scraperapi.status_code == 200, scraperapi.text
    assert scrapio.status_code in (200, 201, 202), scrapio.text
    return scraperapi.json()["id"], scrapio.json()["job_id"]


def statuses(http: httpx.Client, ids: tuple[str, str]) -> tuple[str, str]:
    scraperapi = http.get(f"/scraperapi/jobs/{ids[0]}", params={"apiKey": TOKEN})
    scrapio = http.get(f"/scrapio/v1/jobs/{ids[1]}", headers=BEARER)
    assert scraperapi.status_code == scrapio.status_code == 200
    return scraperapi.json()["status"], scrapio.json()["status"]


def test_restart_on_the_same_file_keeps_jobs_and_finishes_them(tmp_path: Path) -> None:
    config = EmulatorConfig(progression=ONE_SECOND, state_file=str(tmp_path / "state.json"))
    first = Emulator(config, clock=ManualClock())
    with client(first) as http:
        ids = create_jobs(http)
        running = statuses(http, ids)
    assert first.state_file is not None
    assert first.state_file.flush(0.0)
    assert "emulator-token" not in (tmp_path / "state.json").read_text()  # labels, not tokens

    clock = ManualClock()
    second = Emulator(config, clock=clock)
    with client(second) as http:
        assert statuses(http, ids) == running
        clock.advance(1)
        assert statuses(http, ids) == ("finished", "completed")


def test_state_file_saves_are_throttled_and_skip_unchanged_state(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    emulator = Emulator(EmulatorConfig(state_file=str(path)), clock=ManualClock())
    assert emulator.state_file is not None
    assert emulator.state_file.save_if_due(100.0)  # first save
    assert not emulator.state_file.save_if_due(100.1)  # within 0.5 s of the last write
    assert not emulator.state_file.save_if_due(100.7)  # due, but nothing changed
    with client(emulator) as http:
        create_jobs(http)
    assert not emulator.state_file.save_if_due(100.8)  # looked 0.1 s ago
    assert emulator.state_file.save_if_due(101.2)
    assert len(json.loads(path.read_text())["jobs"]) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"version": 1, "jobs": [', "is corrupt"),
        (b'{"version": 2, "jobs": [], "clock": 0}', "has version 2"),
        (b"[]", "has version None"),
    ],
)
def test_a_corrupt_or_other_version_file_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    with pytest.raises(StateDocumentError, match=message):
        Emulator(EmulatorConfig(state_file=str(path)))
    assert path.read_bytes() == content  # never overwritten


def test_the_entry_point_refuses_a_corrupt_file_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("not json")
    done = subprocess.run(
        [sys.executable, "-m", "scrapejobs_emulator", "--port", "0", "--state", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert f"state file {path} is corrupt" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_failed_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    write_file(path, b'{"old": true}')

    def refuse(_src: Any, _dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_file(path, b'{"new": true}')
    assert path.read_bytes() == b'{"old": true}'
    assert os.listdir(tmp_path) == ["state.json"]  # the temporary file is gone


def test_get_then_put_reproduces_the_jobs_on_a_fresh_emulator() -> None:
    clock = ManualClock()
    source = Emulator(EmulatorConfig(progression=ONE_SECOND), clock=clock)
    with client(source) as http:
        ids = create_jobs(http)
        document = http.get("/_emulator/state").json()
    assert document["version"] == 1
    assert TOKEN not in json.dumps(document)

    fresh_clock = ManualClock()
    fresh = Emulator(clock=fresh_clock)
    with client(fresh) as http:
        put = http.put("/_emulator/state", json=document)
        assert put.status_code == 200, put.text
        assert http.get("/_emulator/state").json() == document
        fresh_clock.advance(1)
        assert statuses(http, ids) == ("finished", "completed")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{", "malformed JSON"),
        (b'{"version": 9}', "version 9 is not supported"),
        (b'{"version": 1, "clock": 0, "jobs": [{"id": "x"}]}', "a job is malformed"),
        (
            b'{"version": 1, "clock": 0, "config": {"seed": "x"}, "jobs": []}',
            "bad 'config'",
        ),
        (
            b'{"version": 1, "clock": 0, "jobs": [], "providers": {"scrapedo": {"jobs": [{}]}}}',
            "provider state is malformed",
        ),
    ],
)
def test_put_of_a_bad_document_is_400_and_changes_nothing(body: bytes, message: str) -> None:
    emulator = Emulator(clock=ManualClock())
    with client(emulator) as http:
        create_jobs(http)
        before = http.get("/_emulator/state").json()
        answer = http.put("/_emulator/state", content=body)
        assert answer.status_code == 400
        assert message in answer.json()["error"]
        assert http.get("/_emulator/state").json() == before


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Wait (on an Event) until ``predicate`` holds."""
    event = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return True
        event.wait(0.02)
    return predicate()


def saved_job_ids(path: Path) -> set[str]:
    try:
        return {job["id"] for job in json.loads(path.read_text())["jobs"]}
    except (FileNotFoundError, ValueError, KeyError):
        return set()


def test_sigkill_after_a_job_is_created_loses_at_most_the_throttle_window(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    command = [sys.executable, "-m", "scrapejobs_emulator", "--port", "0", "--state", str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            url = process.stdout.readline().rsplit(" ", 1)[1].strip()
            with httpx.Client(base_url=url) as http:
                ids = create_jobs(http)
            assert wait_until(lambda: set(ids) <= saved_job_ids(path))
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
    assert set(ids) <= saved_job_ids(path)  # whole, parseable, with both jobs
    later = ManualClock(start=time.time() + 60)  # well past the jobs' finish times
    restarted = Emulator(EmulatorConfig(state_file=str(path)), clock=later)
    with client(restarted) as http:
        assert statuses(http, ids) == ("finished", "completed")


def test_scrapedo_jobs_and_credits_survive_a_restart(tmp_path: Path) -> None:
    config = EmulatorConfig(progression=ONE_SECOND, state_file=str(tmp_path / "state.json"))
    headers = {"X-Token": TOKEN}
    body = {"Targets": ["https://example.com/1", "https://example.com/2"]}
    first = Emulator(config, clock=ManualClock())
    with client(first) as http:
        created = http.post("/scrapedo/api/v1/jobs", json=body, headers=headers)
        assert created.status_code in (200, 201), created.text
        job_id = created.json()["JobID"]
        me = http.get("/scrapedo/api/v1/me", headers=headers).json()
    assert first.state_file is not None
    first.state_file.flush(0.0)

    clock = ManualClock()
    second = Emulator(config, clock=clock)
    with client(second) as http:
        assert http.get("/scrapedo/api/v1/me", headers=headers).json() == me
        clock.advance(1)
        job = http.get(f"/scrapedo/api/v1/jobs/{job_id}", headers=headers)
        assert job.status_code == 200, job.text
        assert job.json()["Status"] == "success"


def test_scrapingpros_collections_and_runs_survive_a_restart(tmp_path: Path) -> None:
    config = EmulatorConfig(progression=ONE_SECOND, state_file=str(tmp_path / "state.json"))
    collections = "/scrapingpros/v1/async/collections"
    body = {"name": "c", "requests": [{"url": "https://example.com/p"}]}
    first = Emulator(config, clock=ManualClock())
    with client(first) as http:
        created = http.post(collections, json=body, headers=BEARER)
        assert created.status_code == 201, created.text
        collection_id = created.json()["id"]
        run = http.post(f"{collections}/{collection_id}/run", headers=BEARER).json()
        url = f"{collections}/{collection_id}/runs/{run['run_id']}"
        before = http.get(url, headers=BEARER).json()
    assert first.state_file is not None
    first.state_file.flush(0.0)

    clock = ManualClock()
    second = Emulator(config, clock=clock)
    with client(second) as http:
        assert http.get(url, headers=BEARER).json() == before
        clock.advance(1)
        finished = http.get(url, headers=BEARER).json()
        assert finished["status"] == "completed"
        assert finished["job_ids"] == run["job_ids"]
        assert http.get(f"{collections}/{collection_id}", headers=BEARER).status_code == 200
