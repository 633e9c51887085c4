"""Webhook verifiers, the deduplicator and the receiver, on fixed vectors (no emulator)."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from typing import Any

import httpx
import pytest
from decodo_client.models import TaskCallback, TaskStatus
from scrapedo_client.models import TaskWebhook
from scraperapi_client.models import JobCallback
from scrapingpros_client.models import RunCompletedEvent
from scrapio_client.models import JobWebhookEvent

import scrapejobs
from scrapejobs.errors import (
    ScrapejobsError,
    WebhookBodyTooLargeError,
    WebhookPayloadError,
    WebhookVerificationError,
)
from scrapejobs.webhooks import (
    MAX_BODY_BYTES,
    DecodoVerifier,
    DeliveryDeduplicator,
    ScrapedoVerifier,
    ScraperApiVerifier,
    ScrapingProsVerifier,
    ScrapioVerifier,
    delivery_key,
    scrapingpros_signature,
)
from scrapejobs.webhooks.handler import WebhookHandler
from scrapejobs.webhooks.receiver import webhook_app

SP_SECRET = "whsec_test_secret"
SP_TIMESTAMP = "1782468001"
SP_BODY = (
    b'{"event":"run.completed","run_id":"run_1","collection_id":"col_1","status":"completed",'
    b'"total_requests":1,"success_requests":1,"failed_requests":0,"job_ids":["job_1"],'
    b'"results_url":"https://api.scrapingpros.com/v1/async/collections/col_1/runs/run_1",'
    b'"timestamp":"2026-06-26T10:00:01Z"}'
)
# Computed independently: printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac whsec_test_secret
SP_SIGNATURE = "sha256=2b54c92e146baa46c3fabe694fd3ad6aaf59d5d64871bfa4612678ea19f27597"

DECODO_SECRET = 'my "secret" ✓ & <note>'
DECODO_BODY = json.dumps(
    {"id": "7281", "status": "done", "target": "universal", "passthrough": DECODO_SECRET}
).encode()
SCRAPEDO_BODY = json.dumps({"TaskID": "t-1", "JobID": "j-1", "Status": "success"}).encode()
SCRAPERAPI_BODY = json.dumps(
    {"id": "sa-1", "status": "finished", "url": "https://example.com"}
).encode()
SCRAPIO_JOB = {
    "request_id": "req-1",
    "job_id": "job_abc",
    "job_type": "fetch",
    "status": "completed",
    "mode": "async",
    "created_at": "2026-06-26T10:00:00Z",
    "result_available": True,
}
SCRAPIO_BODY = json.dumps({"type": "job.completed", "data": SCRAPIO_JOB}).encode()


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def sp_verifier(now: float = 1782468001.0, **kwargs: Any) -> ScrapingProsVerifier:
    return ScrapingProsVerifier(SP_SECRET, clock=lambda: now, **kwargs)


def sp_headers(timestamp: str = SP_TIMESTAMP, signature: str = SP_SIGNATURE) -> dict[str, str]:
    return {"X-SP-Timestamp": timestamp, "X-SP-Signature": signature}


def reason_of(excinfo: pytest.ExceptionInfo[WebhookVerificationError]) -> str:
    return excinfo.value.reason


# -- ScrapingPros ------------------------------------------------------------------------------


def test_scrapingpros_fixed_vector_signature() -> None:
    assert scrapingpros_signature(SP_SECRET, SP_TIMESTAMP, SP_BODY) == SP_SIGNATURE
    # The emulator's own published vector, computed the same way.
    assert (
        scrapingpros_signature(SP_SECRET, SP_TIMESTAMP, b'{"event":"run.completed","run_id":"r-1"}')
        == "sha256=d994d876417bc66ff4242f784d54ea2f9f50c1b4bea1caf8f15840ee8aacd834"
    )


def test_scrapingpros_accepts_the_fixed_vector() -> None:
    event = sp_verifier().verify(SP_BODY, sp_headers())
    assert isinstance(event, RunCompletedEvent)
    assert (event.run_id, event.job_ids, event.total_requests) == ("run_1", ["job_1"], 1)


def test_scrapingpros_headers_are_case_insensitive_and_hex_case_tolerated() -> None:
    upper_hex = "sha256=" + SP_SIGNATURE.removeprefix("sha256=").upper()
    headers = {"x-sp-timestamp": SP_TIMESTAMP, "X-SP-SIGNATURE": upper_hex}
    assert sp_verifier().verify(SP_BODY, headers).run_id == "run_1"
    assert sp_verifier().verify(SP_BODY, httpx.Headers(sp_headers())).run_id == "run_1"


@pytest.mark.parametrize(
    ("headers", "body", "reason"),
    [
        (sp_headers(signature="sha256=" + "0" * 64), SP_BODY, "signature_mismatch"),
        (sp_headers(), SP_BODY + b" ", "signature_mismatch"),  # the RAW body is signed
        (sp_headers(timestamp="1782468002"), SP_BODY, "signature_mismatch"),
        (sp_headers(signature="sha1=" + "0" * 64), SP_BODY, "malformed_signature"),
        (sp_headers(signature="sha256=abc"), SP_BODY, "malformed_signature"),
        (sp_headers(timestamp="1782468001.5"), SP_BODY, "malformed_timestamp"),
        (sp_headers(timestamp="-5"), SP_BODY, "malformed_timestamp"),
        ({"X-SP-Signature": SP_SIGNATURE}, SP_BODY, "missing_header"),
        ({"X-SP-Timestamp": SP_TIMESTAMP}, SP_BODY, "missing_header"),
        ({}, SP_BODY, "missing_header"),
    ],
)
def test_scrapingpros_rejects(headers: dict[str, str], body: bytes, reason: str) -> None:
    with pytest.raises(WebhookVerificationError) as excinfo:
        sp_verifier().verify(body, headers)
    assert type(excinfo.value) is WebhookVerificationError
    assert reason_of(excinfo) == reason
    assert SP_SECRET not in str(excinfo.value)
    assert SP_SIGNATURE.removeprefix("sha256=") not in str(excinfo.value)


def test_scrapingpros_tolerance_window_both_ways() -> None:
    timestamp = int(SP_TIMESTAMP)
    assert sp_verifier(now=timestamp + 300).verify(SP_BODY, sp_headers()).run_id == "run_1"
    assert sp_verifier(now=timestamp - 300).verify(SP_BODY, sp_headers()).run_id == "run_1"
    with pytest.raises(WebhookVerificationError) as stale:
        sp_verifier(now=timestamp + 301).verify(SP_BODY, sp_headers())
    assert reason_of(stale) == "stale_timestamp"
    assert "301 s old" in str(stale.value)
    with pytest.raises(WebhookVerificationError) as future:
        sp_verifier(now=timestamp - 301).verify(SP_BODY, sp_headers())
    assert reason_of(future) == "future_timestamp"
    narrow = sp_verifier(now=timestamp + 11, tolerance=10)
    with pytest.raises(WebhookVerificationError, match=r"old \(tolerance 10 s\)"):
        narrow.verify(SP_BODY, sp_headers())


def test_scrapingpros_correctly_signed_garbage_is_a_payload_error() -> None:
    for body, reason in ((b"{not json", "malformed_json"), (b"[1,2]", "not_an_object")):
        headers = sp_headers(signature=scrapingpros_signature(SP_SECRET, SP_TIMESTAMP, body))
        with pytest.raises(WebhookPayloadError) as excinfo:
            sp_verifier().verify(body, headers)
        assert reason_of(excinfo) == reason
    body = b'{"event":"run.completed","run_id":"r-1"}'
    headers = sp_headers(signature=scrapingpros_signature(SP_SECRET, SP_TIMESTAMP, body))
    with pytest.raises(WebhookPayloadError, match="missing field 'collection_id'"):
        sp_verifier().verify(body, headers)
    body = SP_BODY.replace(b"run.completed", b"run.started")
    headers = sp_headers(signature=scrapingpros_signature(SP_SECRET, SP_TIMESTAMP, body))
    with pytest.raises(WebhookPayloadError) as excinfo:
        sp_verifier().verify(body, headers)
    assert reason_of(excinfo) == "invalid_payload"


def test_unsigned_garbage_is_rejected_as_unauthenticated_first() -> None:
    with pytest.raises(WebhookVerificationError) as excinfo:
        sp_verifier().verify(b"{not json", sp_headers())
    assert reason_of(excinfo) == "signature_mismatch"


# -- size limit (every provider) ---------------------------------------------------------------


def all_verifiers(limit: int = MAX_BODY_BYTES) -> list[Any]:
    return [
        DecodoVerifier(DECODO_SECRET, max_body_bytes=limit),
        ScrapedoVerifier("X-Hook-Secret", "hook-value", max_body_bytes=limit),
        sp_verifier(max_body_bytes=limit),
        ScraperApiVerifier("hook-user", "hook-pass", max_body_bytes=limit),
        ScrapioVerifier("tok-123", max_body_bytes=limit),
    ]


@pytest.mark.parametrize("verifier", all_verifiers(), ids=lambda v: v.provider)
def test_oversized_bodies_are_refused_before_anything_else(verifier: Any) -> None:
    body = b"x" * (MAX_BODY_BYTES + 1)
    with pytest.raises(WebhookBodyTooLargeError) as excinfo:
        verifier.verify(body, {}, None)
    assert reason_of(excinfo) == "body_too_large"
    assert isinstance(excinfo.value, WebhookPayloadError)
    assert isinstance(excinfo.value, ScrapejobsError)
    assert excinfo.value.provider == verifier.provider


def test_size_limit_is_configurable_and_inclusive() -> None:
    limit = len(DECODO_BODY)
    assert DecodoVerifier(DECODO_SECRET, max_body_bytes=limit).verify(DECODO_BODY, {}).id == "7281"
    with pytest.raises(WebhookBodyTooLargeError):
        DecodoVerifier(DECODO_SECRET, max_body_bytes=limit - 1).verify(DECODO_BODY, {})


# -- Decodo ------------------------------------------------------------------------------------


def test_decodo_accepts_matching_passthrough() -> None:
    callback = DecodoVerifier(DECODO_SECRET).verify(DECODO_BODY, {})
    assert isinstance(callback, TaskCallback)
    assert callback.status == TaskStatus.DONE
    assert callback.passthrough == DECODO_SECRET


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"id": "1", "status": "done", "passthrough": "other"}, "passthrough_mismatch"),
        ({"id": "1", "status": "done", "passthrough": DECODO_SECRET + " "}, "passthrough_mismatch"),
        ({"id": "1", "status": "done"}, "missing_passthrough"),
        ({"id": "1", "status": "done", "passthrough": None}, "missing_passthrough"),
        ({"id": "1", "status": "done", "passthrough": 5}, "missing_passthrough"),
    ],
)
def test_decodo_rejects(payload: dict[str, Any], reason: str) -> None:
    with pytest.raises(WebhookVerificationError) as excinfo:
        DecodoVerifier(DECODO_SECRET).verify(json.dumps(payload).encode(), {})
    assert reason_of(excinfo) == reason
    assert DECODO_SECRET not in str(excinfo.value)
    assert "other" not in str(excinfo.value)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "malformed_json"),
        (b"{", "malformed_json"),
        (b"\xff\xfe", "malformed_json"),
        (b"[" * 100_000, "malformed_json"),
        (b'"text"', "not_an_object"),
        (json.dumps({"status": "done", "passthrough": DECODO_SECRET}).encode(), "invalid_payload"),
    ],
)
def test_decodo_malformed_payloads(body: bytes, reason: str) -> None:
    with pytest.raises(WebhookPayloadError) as excinfo:
        DecodoVerifier(DECODO_SECRET).verify(body, {})
    assert reason_of(excinfo) == reason
    assert DECODO_SECRET not in str(excinfo.value)


# -- Scrape.do ---------------------------------------------------------------------------------


def test_scrapedo_accepts_the_expected_header_in_any_case() -> None:
    verifier = ScrapedoVerifier("X-Hook-Secret", "hook-value")
    for headers in ({"X-Hook-Secret": "hook-value"}, {"x-hook-secret": "hook-value"}):
        payload = verifier.verify(SCRAPEDO_BODY, headers)
        assert isinstance(payload, TaskWebhook)
        assert (payload.task_id, payload.job_id, payload.status) == ("t-1", "j-1", "success")


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "missing_header"),
        ({"X-Other": "hook-value"}, "missing_header"),
        ({"X-Hook-Secret": "hook-valuE"}, "header_mismatch"),
        ({"X-Hook-Secret": ""}, "header_mismatch"),
        ({"X-Hook-Secret": "hook-value-and-more"}, "header_mismatch"),
    ],
)
def test_scrapedo_rejects(headers: dict[str, str], reason: str) -> None:
    with pytest.raises(WebhookVerificationError) as excinfo:
        ScrapedoVerifier("X-Hook-Secret", "hook-value").verify(SCRAPEDO_BODY, headers)
    assert reason_of(excinfo) == reason
    assert "hook-value" not in str(excinfo.value)
    assert "X-Hook-Secret" in str(excinfo.value)  # names the header, not the value


def test_scrapedo_authenticated_bad_payload() -> None:
    with pytest.raises(WebhookPayloadError, match="missing field 'TaskID'"):
        ScrapedoVerifier("X-Hook-Secret", "hook-value").verify(
            b'{"JobID": "j"}', {"X-Hook-Secret": "hook-value"}
        )


# -- ScraperAPI --------------------------------------------------------------------------------


def test_scraperapi_accepts_basic_auth() -> None:
    verifier = ScraperApiVerifier("hook-user", "p@ss:wörd")
    payload = verifier.verify(SCRAPERAPI_BODY, {"authorization": basic("hook-user", "p@ss:wörd")})
    assert isinstance(payload, JobCallback)
    assert (payload.id, payload.status) == ("sa-1", "finished")
    lower_scheme = basic("hook-user", "p@ss:wörd").replace("Basic", "basic")
    assert verifier.verify(SCRAPERAPI_BODY, {"Authorization": lower_scheme}).id == "sa-1"


@pytest.mark.parametrize(
    ("authorization", "reason"),
    [
        (None, "missing_header"),
        ("Bearer abc", "not_basic_auth"),
        ("Basic !!!not-base64!!!", "malformed_credentials"),
        ("Basic " + base64.b64encode(b"no-colon").decode(), "malformed_credentials"),
        ("Basic " + base64.b64encode(b"\xff:\xfe").decode(), "malformed_credentials"),
        (basic("hook-user", "wrong"), "credentials_mismatch"),
        (basic("wrong", "hook-pass"), "credentials_mismatch"),
        (basic("hook-user", ""), "credentials_mismatch"),
        (basic("", "hook-pass"), "credentials_mismatch"),
    ],
)
def test_scraperapi_rejects(authorization: str | None, reason: str) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    with pytest.raises(WebhookVerificationError) as excinfo:
        ScraperApiVerifier("hook-user", "hook-pass").verify(SCRAPERAPI_BODY, headers)
    assert reason_of(excinfo) == reason
    for secret in ("hook-user", "hook-pass", "wrong"):
        assert secret not in str(excinfo.value)


# -- Scrapio -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example/scrapio?token=tok-123",
        "https://hooks.example/scrapio?a=1&token=tok-123&b=2",
        "/scrapio?token=tok-123",
        "token=tok-123",
        "?token=tok-123",
    ],
)
def test_scrapio_accepts_the_token_from_the_url(url: str) -> None:
    event = ScrapioVerifier("tok-123").verify(SCRAPIO_BODY, {}, url)
    assert isinstance(event, JobWebhookEvent)
    assert (event.data.job_id, event.type_) == ("job_abc", "job.completed")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (None, "missing_token"),
        ("https://hooks.example/scrapio", "missing_token"),
        ("https://hooks.example/scrapio?secret=tok-123", "missing_token"),
        ("https://hooks.example/scrapio?token=tok-12", "token_mismatch"),
        ("https://hooks.example/scrapio?token=", "token_mismatch"),
        ("https://hooks.example/scrapio?token=tok-123&token=x", "ambiguous_token"),
    ],
)
def test_scrapio_rejects(url: str | None, reason: str) -> None:
    with pytest.raises(WebhookVerificationError) as excinfo:
        ScrapioVerifier("tok-123").verify(SCRAPIO_BODY, {}, url)
    assert reason_of(excinfo) == reason
    assert "tok-12" not in str(excinfo.value)


def test_scrapio_custom_parameter_and_bad_payload() -> None:
    verifier = ScrapioVerifier("s3", param="key")
    assert verifier.verify(SCRAPIO_BODY, {}, "https://h/x?key=s3").data.job_id == "job_abc"
    with pytest.raises(WebhookPayloadError) as excinfo:
        verifier.verify(b'{"type": "job.completed", "data": "nope"}', {}, "https://h/x?key=s3")
    assert reason_of(excinfo) == "invalid_payload"


# -- secrets never show ------------------------------------------------------------------------


def test_no_secret_in_any_repr() -> None:
    verifiers = all_verifiers()
    text = " ".join(repr(v) for v in verifiers)
    for secret in (DECODO_SECRET, "hook-value", SP_SECRET, "hook-user", "hook-pass", "tok-123"):
        assert secret not in text
    handler = WebhookHandler(verifiers[2], lambda event: None)
    assert SP_SECRET not in repr(handler)
    error = WebhookVerificationError("x", provider="decodo", reason="passthrough_mismatch")
    assert (
        repr(error) == "WebhookVerificationError(provider='decodo', reason='passthrough_mismatch')"
    )
    assert scrapejobs.WebhookVerificationError is WebhookVerificationError


@pytest.mark.parametrize(
    "build",
    [
        lambda: DecodoVerifier(""),
        lambda: ScrapedoVerifier("X-A", ""),
        lambda: ScrapingProsVerifier(""),
        lambda: ScrapingProsVerifier("s", tolerance=-1),
        lambda: ScraperApiVerifier("u", ""),
        lambda: ScrapioVerifier("t", max_body_bytes=0),
    ],
)
def test_empty_secrets_and_bad_settings_are_refused(build: Any) -> None:
    with pytest.raises(ValueError, match="must"):
        build()


# -- duplicates --------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def payloads() -> dict[str, Any]:
    return {
        "decodo": TaskCallback.from_dict(json.loads(DECODO_BODY)),
        "scrapedo": TaskWebhook.from_dict(json.loads(SCRAPEDO_BODY)),
        "scrapingpros": RunCompletedEvent.from_dict(json.loads(SP_BODY)),
        "scraperapi": JobCallback.from_dict(json.loads(SCRAPERAPI_BODY)),
        "scrapio": JobWebhookEvent.from_dict(json.loads(SCRAPIO_BODY)),
    }


def test_delivery_keys() -> None:
    keys = {provider: delivery_key(provider, payload) for provider, payload in payloads().items()}
    assert keys == {
        "decodo": ("decodo", "7281", "done"),
        "scrapedo": ("scrapedo", "j-1", "t-1", "success"),
        "scrapingpros": ("scrapingpros", "run_1", "run.completed"),
        "scraperapi": ("scraperapi", "sa-1", "finished"),
        "scrapio": ("scrapio", "job_abc", "job.completed"),
    }
    with pytest.raises(TypeError):
        delivery_key("decodo", payloads()["scrapio"])


def test_deduplicator_recognises_repeats_per_provider_and_status() -> None:
    dedup = DeliveryDeduplicator()
    for provider, payload in payloads().items():
        assert dedup.seen(provider, payload) is False
        assert dedup.seen(provider, payload) is True
    # Same id, another status: a different event.
    faulted = TaskCallback.from_dict({"id": "7281", "status": "faulted"})
    assert dedup.seen("decodo", faulted) is False
    # A re-parsed copy of the same delivery is still a duplicate.
    assert dedup.seen("decodo", TaskCallback.from_dict(json.loads(DECODO_BODY))) is True
    dedup.forget("decodo", faulted)
    assert dedup.seen("decodo", faulted) is False


def test_deduplicator_ttl_and_bound() -> None:
    clock = Clock()
    dedup = DeliveryDeduplicator(max_entries=2, ttl=60, clock=clock)
    first, second, third = (
        JobCallback.from_dict({"id": f"sa-{n}", "status": "finished", "url": "u"}) for n in range(3)
    )
    assert not dedup.seen("scraperapi", first)
    clock.now += 59
    assert dedup.seen("scraperapi", first)
    clock.now += 1  # 60 s after the first sighting: expired (a repeat did not extend it)
    assert not dedup.seen("scraperapi", first)
    assert not dedup.seen("scraperapi", second)
    assert not dedup.seen("scraperapi", third)  # evicts the oldest, `first`
    assert len(dedup) == 2
    assert dedup.seen("scraperapi", third)
    assert not dedup.seen("scraperapi", first)
    with pytest.raises(ValueError, match="positive"):
        DeliveryDeduplicator(max_entries=0)


# -- the receiver (ASGI, in-process) -----------------------------------------------------------


class Calls:
    def __init__(self) -> None:
        self.payloads: list[Any] = []

    async def __call__(self, payload: Any) -> None:
        self.payloads.append(payload)


def post(app: Any, path: str, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hooks.test") as client:
            return await client.post(path, content=body, headers=headers or {})

    return asyncio.run(go())


def test_receiver_status_codes_and_duplicates(caplog: pytest.LogCaptureFixture) -> None:
    calls = Calls()
    synced: list[Any] = []
    app = webhook_app(
        {
            "scrapingpros": WebhookHandler(sp_verifier(max_body_bytes=1000), calls),
            "decodo": WebhookHandler(DecodoVerifier(DECODO_SECRET), synced.append),
        },
        prefix="/hooks",
    )
    caplog.set_level(logging.DEBUG, logger="scrapejobs")
    ok = post(app, "/hooks/scrapingpros", SP_BODY, sp_headers())
    assert (ok.status_code, ok.json()) == (200, {"status": "accepted"})
    again = post(app, "/hooks/scrapingpros", SP_BODY, sp_headers())
    assert (again.status_code, again.json()) == (200, {"status": "duplicate"})
    assert [p.run_id for p in calls.payloads] == ["run_1"]

    bad = post(app, "/hooks/scrapingpros", SP_BODY, sp_headers(signature="sha256=" + "1" * 64))
    assert bad.status_code == 401
    assert bad.json() == {"error": "unauthorized", "reason": "signature_mismatch"}
    assert post(app, "/hooks/scrapingpros", b"x" * 1001, sp_headers()).status_code == 413
    garbage = b"{oops"
    signed = sp_headers(signature=scrapingpros_signature(SP_SECRET, SP_TIMESTAMP, garbage))
    assert post(app, "/hooks/scrapingpros", garbage, signed).status_code == 400
    assert post(app, "/hooks/scrapio", SCRAPIO_BODY).status_code == 404
    assert post(app, "/scrapingpros", SP_BODY, sp_headers()).status_code == 404

    assert post(app, "/hooks/decodo", DECODO_BODY).status_code == 200  # sync callback
    assert [p.id for p in synced] == ["7281"]
    assert SP_SECRET not in caplog.text
    assert DECODO_SECRET not in caplog.text


def test_receiver_streams_oversized_bodies_without_content_length() -> None:
    app = webhook_app({"decodo": WebhookHandler(DecodoVerifier("s", max_body_bytes=10), Calls())})

    async def chunks() -> Any:
        for _ in range(5):
            yield b"x" * 4

    async def go() -> httpx.Response:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://h"
        ) as client:
            return await client.post("/decodo", content=chunks())

    assert asyncio.run(go()).status_code == 413


def test_receiver_failing_callback_is_500_and_the_retry_goes_through() -> None:
    attempts: list[Any] = []

    async def flaky(payload: Any) -> None:
        attempts.append(payload)
        if len(attempts) == 1:
            raise RuntimeError("database down")

    app = webhook_app({"scraperapi": WebhookHandler(ScraperApiVerifier("u", "p"), flaky)})
    headers = {"Authorization": basic("u", "p")}
    assert post(app, "/scraperapi", SCRAPERAPI_BODY, headers).status_code == 500
    assert post(app, "/scraperapi", SCRAPERAPI_BODY, headers).status_code == 200
    assert post(app, "/scraperapi", SCRAPERAPI_BODY, headers).json() == {"status": "duplicate"}
    assert len(attempts) == 2


def test_receiver_refuses_bad_route_names() -> None:
    with pytest.raises(ValueError, match="route name"):
        webhook_app({"a/b": WebhookHandler(DecodoVerifier("s"), Calls())})
    with pytest.raises(ValueError, match="prefix"):
        webhook_app({}, prefix="hooks")
