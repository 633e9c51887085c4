"""State that survives, completely: webhook deliveries waiting for a retry, idempotency keys and
Decodo's batch windows go through save -> new Emulator -> load and behave as without a restart."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from pathlib import Path

import httpx

from scrapejobs_emulator import Emulator, EmulatorConfig, Progression
from scrapejobs_emulator.clock import ManualClock
from scrapejobs_emulator.inprocess import BASE_URL, EmulatorTransport

TOKEN = "emulator-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
BASIC = {"Authorization": f"Basic {TOKEN}"}
ONE_SECOND = Progression(mode="duration", min_seconds=1.0, max_seconds=1.0)
HOOK = "https://hooks.example.com/receiver"


class Receiver:
    """An in-process webhook receiver answering ``status`` and keeping what it got."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status)


def config(tmp_path: Path) -> EmulatorConfig:
    return EmulatorConfig(progression=ONE_SECOND, state_file=str(tmp_path / "state.json"))


def client(emulator: Emulator) -> httpx.Client:
    return httpx.Client(transport=EmulatorTransport(emulator), base_url=BASE_URL)


def save(emulator: Emulator) -> None:
    assert emulator.state_file is not None
    assert emulator.state_file.flush(0.0)


def deliver(emulator: Emulator) -> int:
    return asyncio.run(emulator.deliver_webhooks())


def test_a_delivery_waiting_for_its_retry_is_sent_once_at_its_time_after_a_restart(
    tmp_path: Path,
) -> None:
    down = Receiver(503)
    clock = ManualClock()
    first = Emulator(config(tmp_path), clock=clock, webhook_transport=down.transport)
    body = {"target": "universal", "url": "https://example.com/", "callback_url": HOOK}
    with client(first) as http:
        task = http.post("/decodo/v3/task", json=body, headers=BASIC).json()
    clock.advance(1)
    assert deliver(first) == 1  # first attempt fails; Decodo retries after 10 s
    save(first)

    up = Receiver(200)
    restarted_clock = ManualClock()
    second = Emulator(config(tmp_path), clock=restarted_clock, webhook_transport=up.transport)
    (webhook,) = second.webhooks.webhooks
    assert webhook.state == "pending"
    assert [a.status_code for a in webhook.attempts] == [503]
    restarted_clock.advance(9)
    assert deliver(second) == 0
    assert up.requests == []
    restarted_clock.advance(1)
    assert deliver(second) == 1
    (sent,) = up.requests
    assert sent.url == HOOK
    assert httpx.Response(200, content=sent.content).json()["id"] == task["id"]
    assert webhook.state == "delivered"
    assert [a.number for a in webhook.attempts] == [1, 2]
    restarted_clock.advance(600)
    assert deliver(second) == 0
    assert len(up.requests) == 1
    # A webhook created after the restart gets a fresh id.
    with client(second) as http:
        http.post("/decodo/v3/task", json=body, headers=BASIC)
    restarted_clock.advance(1)
    deliver(second)
    assert sorted(w.id for w in second.webhooks.webhooks) == [webhook.id, webhook.id + 1]


def test_a_restored_scrapingpros_delivery_is_signed_and_updates_its_run(tmp_path: Path) -> None:
    down = Receiver(500)
    clock = ManualClock()
    first = Emulator(config(tmp_path), clock=clock, webhook_transport=down.transport)
    collections = "/scrapingpros/v1/async/collections"
    body = {"name": "c", "callback_url": HOOK, "requests": [{"url": "https://example.com/p"}]}
    with client(first) as http:
        collection_id = http.post(collections, json=body, headers=BEARER).json()["id"]
        run = http.post(f"{collections}/{collection_id}/run", headers=BEARER).json()
        url = f"{collections}/{collection_id}/runs/{run['run_id']}"
        clock.advance(1)
        assert http.get(url, headers=BEARER).json()["status"] == "completed"
    assert deliver(first) == 1
    save(first)

    up = Receiver(200)
    restarted_clock = ManualClock()
    second = Emulator(config(tmp_path), clock=restarted_clock, webhook_transport=up.transport)
    with client(second) as http:
        assert http.get(url, headers=BEARER).json()["callback_status"] == "pending"
        restarted_clock.advance(3600)
        assert deliver(second) == 1
        assert http.get(url, headers=BEARER).json()["callback_status"] == "sent"
    (sent,) = up.requests
    timestamp = sent.headers["X-SP-Timestamp"]
    secret = second.config.webhook_secret.encode()
    expected = hmac.new(secret, f"{timestamp}.".encode() + sent.content, hashlib.sha256)
    assert sent.headers["X-SP-Signature"] == "sha256=" + expected.hexdigest()


def test_scrapedo_task_reports_its_restored_webhook(tmp_path: Path) -> None:
    receiver = Receiver(200)
    clock = ManualClock()
    first = Emulator(config(tmp_path), clock=clock, webhook_transport=receiver.transport)
    headers = {"X-Token": TOKEN}
    body = {"Targets": ["https://example.com/1"], "WebhookURL": HOOK}
    with client(first) as http:
        job = http.post("/scrapedo/api/v1/jobs", json=body, headers=headers).json()
        clock.advance(1)
        task_url = f"/scrapedo/api/v1/jobs/{job['JobID']}/{job['TaskIDs'][0]}"
        http.get(task_url, headers=headers)
        assert deliver(first) == 1
        before = http.get(task_url, headers=headers).json()
    save(first)

    second = Emulator(config(tmp_path), clock=ManualClock())
    with client(second) as http:
        after = http.get(task_url, headers=headers).json()
    assert after["WebhookStatus"] == before["WebhookStatus"]
    assert after["WebhookRequestTime"] == before["WebhookRequestTime"]
    assert len(receiver.requests) == 1


def test_the_same_idempotency_key_after_a_restart_returns_the_same_job(tmp_path: Path) -> None:
    scrapio = {"kind": "fetch", "input": {"url": "https://example.com/s"}}
    collections = "/scrapingpros/v1/async/collections"
    pros = {"name": "c", "requests": [{"url": "https://example.com/p"}]}
    keyed = {**BEARER, "Idempotency-Key": "key-1"}
    first = Emulator(config(tmp_path), clock=ManualClock())
    with client(first) as http:
        job = http.post("/scrapio/v1/jobs", json=scrapio, headers=keyed).json()
        collection = http.post(collections, json=pros, headers=keyed).json()
    save(first)

    second = Emulator(config(tmp_path), clock=ManualClock())
    with client(second) as http:
        again = http.post("/scrapio/v1/jobs", json=scrapio, headers=keyed)
        assert again.json()["job_id"] == job["job_id"]
        other = http.post("/scrapio/v1/jobs", json={**scrapio, "kind": "map"}, headers=keyed)
        assert other.status_code in (400, 409)
        replayed = http.post(collections, json=pros, headers=keyed)
        assert replayed.status_code == 201
        assert replayed.headers["Idempotency-Replayed"] == "true"
        assert replayed.json() == collection
        conflict = http.post(collections, json={**pros, "name": "d"}, headers=keyed)
        assert conflict.status_code == 409
        listed = http.get(collections, headers=BEARER).json()
        assert [c["id"] for c in listed] == [collection["id"]]  # no second collection


def test_decodo_batch_window_closes_as_it_would_have_without_a_restart(tmp_path: Path) -> None:
    batch = {"target": "universal", "url": ["https://example.com/1", "https://example.com/2"]}
    clock = ManualClock()
    first = Emulator(config(tmp_path), clock=clock)
    with client(first) as http:
        assert http.post("/decodo/v3/task/batch", json=batch, headers=BASIC).status_code == 200
    clock.advance(0.4)
    save(first)

    restarted_clock = ManualClock()
    second = Emulator(config(tmp_path), clock=restarted_clock)
    with client(second) as http:
        refused = http.post("/decodo/v3/task/batch", json=batch, headers=BASIC)
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "1"
        restarted_clock.advance(0.6)
        assert http.post("/decodo/v3/task/batch", json=batch, headers=BASIC).status_code == 200


def test_with_saves_before_answers_a_created_job_is_in_the_file_before_its_id_is_known(
    tmp_path: Path,
) -> None:
    scrapio = {"kind": "fetch", "input": {"url": "https://example.com/s"}}
    state = tmp_path / "state.json"
    lazy = Emulator(config(tmp_path), clock=ManualClock())
    with client(lazy) as http:
        http.post("/scrapio/v1/jobs", json=scrapio, headers=BEARER)
    assert not state.exists()  # saved only by the background loop or on shutdown

    eager = config(tmp_path).model_copy(update={"state_saved_before_answers": True})
    emulator = Emulator(eager, clock=ManualClock())
    with client(emulator) as http:
        job_id = http.post("/scrapio/v1/jobs", json=scrapio, headers=BEARER).json()["job_id"]
        assert job_id in state.read_text()
        saved = state.stat().st_mtime_ns
        assert http.get(f"/scrapio/v1/jobs/{job_id}", headers=BEARER).status_code == 200
    assert state.stat().st_mtime_ns == saved  # reads are not held for a save
