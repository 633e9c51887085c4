"""Fault injection and the control API, shared by every emulated provider."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from scrapio_client.api.jobs import create_job, get_job
from scrapio_client.models import ErrorResponse, FetchInput, FetchJobRequest, Webhook

from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    Faults,
    ManualClock,
    account_label,
    emulator_client,
)
from tests.emulator.conftest import Receiver

BODY = FetchJobRequest(kind="fetch", input_=FetchInput(url="https://example.com"))


def scenario_client(emulator: Emulator, scenario: str) -> object:
    return emulator_client(emulator, "scrapio", headers={"X-Emulator-Scenario": scenario})


def control(emulator: Emulator) -> httpx.Client:
    return httpx.Client(transport=EmulatorTransport(emulator), base_url="http://emu/_emulator")


def test_429_scenario_answers_in_the_provider_envelope_with_retry_after(emulator: Emulator) -> None:
    response = create_job.sync_detailed(client=scenario_client(emulator, "429"), body=BODY)  # type: ignore[arg-type]
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"
    assert isinstance(response.parsed, ErrorResponse)
    assert len(emulator.store) == 0  # nothing was created


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_error_scenarios(emulator: Emulator, status: int) -> None:
    response = create_job.sync_detailed(client=scenario_client(emulator, str(status)), body=BODY)  # type: ignore[arg-type]
    assert response.status_code == status
    assert json.loads(response.content)["error"]["code"] == "internal_error"
    assert ("Retry-After" in response.headers) is (status == 503)


def test_drop_scenario_raises_like_a_hung_up_server_and_creates_nothing(emulator: Emulator) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        create_job.sync_detailed(client=scenario_client(emulator, "drop"), body=BODY)  # type: ignore[arg-type]
    assert len(emulator.store) == 0


def test_drop_after_scenario_creates_the_job_the_client_never_hears_of(emulator: Emulator) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        create_job.sync_detailed(client=scenario_client(emulator, "drop-after"), body=BODY)  # type: ignore[arg-type]
    assert len(emulator.store) == 1
    assert emulator.stats.as_json()["scrapio"]["faults"] == {"drop-after": 1}


def test_slow_scenario_awaits_the_injected_sleep(clock: ManualClock) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    emulator = Emulator(
        EmulatorConfig(faults=Faults(slow_seconds=7.5)), clock=clock, sleep=fake_sleep
    )
    response = create_job.sync_detailed(client=scenario_client(emulator, "slow"), body=BODY)  # type: ignore[arg-type]
    assert response.status_code == 202
    assert slept == [7.5]


def test_unknown_scenario_is_rejected(emulator: Emulator) -> None:
    response = create_job.sync_detailed(client=scenario_client(emulator, "explode"), body=BODY)  # type: ignore[arg-type]
    assert response.status_code == 400
    assert "explode" in response.parsed.error.message


def test_seeded_fault_rates_are_reproducible(clock: ManualClock) -> None:
    def run() -> list[int]:
        emulator = Emulator(
            EmulatorConfig(seed=7, faults=Faults(rate_429=0.3, rate_503=0.2)), clock=clock
        )
        client = emulator_client(emulator, "scrapio")
        return [create_job.sync_detailed(client=client, body=BODY).status_code for _ in range(40)]

    first = run()
    assert first == run()
    assert {429, 503, 202} <= set(first)


def test_crash_in_a_handler_becomes_the_provider_500(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider = emulator.providers["scrapio"]

    def boom(*_args: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(provider.store, "poll", boom)
    accepted = create_job.sync(client=emulator_client(emulator, "scrapio"), body=BODY)
    response = get_job.sync_detailed(accepted.job_id, client=emulator_client(emulator, "scrapio"))
    assert response.status_code == 500
    assert response.parsed.error.code == "internal_error"


def test_control_config_patch_and_validation(emulator: Emulator) -> None:
    with control(emulator) as api:
        patched = api.patch("/config", json={"faults": {"rate_429": 0.5}, "seed": 3})
        assert patched.status_code == 200
        assert patched.json()["faults"]["rate_429"] == 0.5
        assert patched.json()["faults"]["rate_500"] == 0.0  # untouched fields kept
        assert patched.json()["tokens"] == [
            account_label("emulator-token"),
            account_label("other-account"),
        ]
        assert "emulator-token" not in patched.text
        bad = api.patch("/config", json={"faults": {"rate_429": 2}})
        assert bad.status_code == 400
        assert "faults.rate_429" in bad.json()["error"]
    assert emulator.config.faults.rate_429 == 0.5


def test_control_clock_jobs_complete_and_stats(emulator: Emulator) -> None:
    client = emulator_client(emulator, "scrapio")
    accepted = create_job.sync(client=client, body=BODY)
    with control(emulator) as api:
        jobs = api.get("/jobs", params={"provider": "scrapio"}).json()
        assert jobs["total"] == 1
        assert jobs["jobs"][0]["phase"] == "queued"
        assert api.post("/clock/advance", json={"seconds": 1}).json()["now"] == emulator.clock.now()
        assert api.get("/jobs", params={"phase": "succeeded"}).json()["total"] == 1
        assert api.post("/jobs/scrapio/nope/complete").status_code == 404
        stats = api.get("/stats").json()["scrapio"]
        assert stats["requests"] == {"create_job": 1}
        assert stats["jobs_created"] == {account_label("emulator-token"): 1}
        assert api.post("/reset").status_code == 200
        assert api.get("/jobs").json()["total"] == 0
    assert get_job.sync_detailed(accepted.job_id, client=client).status_code == 404


def test_manual_progression_completes_only_when_told(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(progression={"mode": "manual"}), clock=clock)  # type: ignore[arg-type]
    client = emulator_client(emulator, "scrapio")
    accepted = create_job.sync(client=client, body=BODY)
    clock.advance(3600)
    assert get_job.sync(accepted.job_id, client=client).status == "queued"
    with control(emulator) as api:
        done = api.post(f"/jobs/scrapio/{accepted.job_id}/complete", json={"outcome": "failed"})
        assert done.json()["phase"] == "failed"
    assert get_job.sync(accepted.job_id, client=client).status == "failed"


def test_advancing_the_wall_clock_is_refused() -> None:
    with control(Emulator()) as api:
        response = api.post("/clock/advance", json={"seconds": 1})
    assert response.status_code == 409


def test_webhook_listing_redacts_credentials(
    emulator: Emulator, clock: ManualClock, receiver: Receiver
) -> None:
    body = FetchJobRequest(
        kind="fetch",
        input_=FetchInput(url="https://example.com"),
        webhook=Webhook(url="https://user:pa55@hooks.test/in?token=s3cret"),
    )
    create_job.sync(client=emulator_client(emulator, "scrapio"), body=body)
    clock.advance(1)
    with control(emulator) as api:
        assert api.post("/webhooks/deliver").json() == {"attempted": 1}
        listing = api.get("/webhooks").json()
    (webhook,) = listing["webhooks"]
    assert webhook["url"] == "https://[redacted]@hooks.test/in?token=[redacted]"
    assert webhook["state"] == "delivered"
    assert "pa55" not in json.dumps(listing)
    assert "s3cret" not in json.dumps(listing)
    # The receiver still got the credentials (as HTTP basic auth).
    assert receiver.requests[0].headers["authorization"].startswith("Basic ")


def test_injected_webhook_failures_and_duplicates(clock: ManualClock, receiver: Receiver) -> None:
    emulator = Emulator(
        EmulatorConfig(faults=Faults(webhook_failure_rate=1.0)),
        clock=clock,
        webhook_transport=receiver.transport(),
    )
    body = FetchJobRequest(
        kind="fetch",
        input_=FetchInput(url="https://example.com"),
        webhook=Webhook(url="https://h.test/"),
    )
    create_job.sync(client=emulator_client(emulator, "scrapio"), body=body)
    clock.advance(1)
    asyncio.run(emulator.deliver_webhooks())
    assert receiver.requests == []  # lost on the way
    emulator.config.faults.webhook_failure_rate = 0.0
    emulator.config.faults.webhook_duplicate_rate = 1.0
    clock.advance(10)
    asyncio.run(emulator.deliver_webhooks())
    assert len(receiver.requests) == 2  # delivered twice
    (webhook,) = emulator.webhooks.webhooks
    assert [(a.number, a.duplicate) for a in webhook.attempts] == [
        (1, False),
        (2, False),
        (2, True),
    ]
