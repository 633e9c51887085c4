"""Backoff values with fixed vectors, and retry decisions with a fake sleep (nothing sleeps)."""

from __future__ import annotations

import asyncio
import logging
import random

import httpx
import pytest

from scrapejobs.backoff import Backoff, poll_backoff
from scrapejobs.errors import (
    InvalidRequestError,
    RateLimitedError,
    ServerError,
    SubmissionUncertainError,
    UnexpectedResponseError,
)
from scrapejobs.retries import RetryPolicy, aread, read, submit


def test_backoff_grows_exponentially_to_the_cap_without_jitter() -> None:
    backoff = Backoff(first=1.0, maximum=10.0, multiplier=2.0, jitter=0.0)
    rng = random.Random(0)
    assert [backoff.delay(n, rng) for n in range(6)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]


def test_jitter_stays_within_bounds_and_is_reproducible() -> None:
    backoff = Backoff(first=2.0, maximum=2.0, jitter=0.25)
    delays = [backoff.delay(0, random.Random(seed)) for seed in range(200)]
    assert all(1.5 <= d <= 2.5 for d in delays)
    assert len(set(delays)) > 100  # actually spread
    assert backoff.delay(0, random.Random(7)) == backoff.delay(0, random.Random(7))


def test_retry_after_hint_is_honoured_up_to_the_cap() -> None:
    backoff = Backoff(first=1.0, maximum=5.0, jitter=0.0)
    rng = random.Random(0)
    assert backoff.delay(0, rng, hint=30.0, hint_cap=60.0) == 30.0
    assert backoff.delay(0, rng, hint=600.0, hint_cap=60.0) == 60.0
    assert backoff.delay(3, rng, hint=0.5) == 5.0  # a short hint never shortens the backoff


def test_provider_floor_is_never_undercut() -> None:
    scrapio = poll_backoff("scrapio", first=0.1)
    rng = random.Random(3)
    assert min(scrapio.delay(0, rng) for _ in range(100)) >= 1.0
    assert poll_backoff("decodo", first=0.1).floor == 0.0
    with pytest.raises(KeyError):
        poll_backoff("zyte")


@pytest.mark.parametrize(
    "kwargs",
    [{"first": 0.0}, {"first": 5.0, "maximum": 1.0}, {"multiplier": 0.5}, {"jitter": 1.0}],
)
def test_invalid_backoff_is_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="need"):
        Backoff(**kwargs)


class Script:
    """A callable that raises the scripted errors in turn, then returns ``"ok"``."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def limited(retry_after: float | None = None) -> RateLimitedError:
    return RateLimitedError(
        "slow down", provider="scrapio", status_code=429, retry_after=retry_after
    )


def unavailable() -> ServerError:
    return ServerError("down", provider="scrapio", status_code=503)


POLICY = RetryPolicy(
    attempts=4, backoff=Backoff(first=1.0, maximum=8.0, jitter=0.0), rng=random.Random(0)
)


def test_reads_retry_transient_failures_and_honour_retry_after(
    caplog: pytest.LogCaptureFixture,
) -> None:
    slept: list[float] = []
    call = Script(limited(retry_after=5.0), unavailable(), httpx.ReadTimeout("slow"))
    with caplog.at_level(logging.DEBUG, logger="scrapejobs.retries"):
        assert read(call, what="scrapio get_job", policy=POLICY, sleep=slept.append) == "ok"
    assert call.calls == 4
    assert slept == [5.0, 2.0, 4.0]
    reasons = [r.getMessage() for r in caplog.records]
    assert (
        "retrying scrapio get_job after scrapio answered 429 (attempt 1 of 4, waiting 5.00s)"
        in reasons
    )
    assert any("after ReadTimeout" in r for r in reasons)


def test_reads_give_up_after_the_last_attempt() -> None:
    slept: list[float] = []
    call = Script(*(unavailable() for _ in range(10)))
    with pytest.raises(ServerError):
        read(call, what="x", policy=POLICY, sleep=slept.append)
    assert call.calls == 4
    assert len(slept) == 3


def test_reads_do_not_retry_definite_errors() -> None:
    call = Script(InvalidRequestError("bad", provider="decodo", status_code=400))
    with pytest.raises(InvalidRequestError):
        read(call, what="x", policy=POLICY, sleep=lambda _s: None)
    assert call.calls == 1


def test_async_reads_retry_the_same_way() -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    script = Script(unavailable())

    async def call() -> str:
        return script()

    assert asyncio.run(aread(call, what="x", policy=POLICY, sleep=fake_sleep)) == "ok"
    assert slept == [1.0]


def test_submission_without_key_retries_only_what_never_reached_the_server() -> None:
    call = Script(httpx.ConnectError("refused"), limited(), httpx.ConnectTimeout("no route"))
    assert submit(call, provider="scraperapi", policy=POLICY, sleep=lambda _s: None) == "ok"
    assert call.calls == 4


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("sent, no answer"), httpx.RemoteProtocolError("dropped"), unavailable()],
)
def test_submission_without_key_that_may_have_landed_is_uncertain(failure: BaseException) -> None:
    call = Script(failure)
    with pytest.raises(SubmissionUncertainError) as raised:
        submit(call, provider="scraperapi", policy=POLICY, sleep=lambda _s: None)
    assert call.calls == 1  # never retried: retrying could pay twice
    assert raised.value.provider == "scraperapi"
    assert raised.value.idempotency_key is None
    assert "may have created a job" in str(raised.value)


def test_idempotent_submission_retries_transient_failures() -> None:
    call = Script(httpx.ReadTimeout("sent, no answer"), unavailable())
    result = submit(
        call, provider="scrapio", idempotency_key="k-1", policy=POLICY, sleep=lambda _s: None
    )
    assert result == "ok"
    assert call.calls == 3


def test_idempotent_submission_that_keeps_failing_is_uncertain_and_names_its_key() -> None:
    call = Script(*(httpx.ReadTimeout("sent") for _ in range(10)))
    with pytest.raises(SubmissionUncertainError) as raised:
        submit(
            call, provider="scrapio", idempotency_key="k-2", policy=POLICY, sleep=lambda _s: None
        )
    assert raised.value.idempotency_key == "k-2"
    assert call.calls == 4


def test_definite_refusal_of_a_submission_is_not_uncertain() -> None:
    call = Script(InvalidRequestError("bad", provider="scrapio", status_code=400))
    with pytest.raises(InvalidRequestError):
        submit(call, provider="scrapio", policy=POLICY, sleep=lambda _s: None)


def unexpected(status: int) -> UnexpectedResponseError:
    return UnexpectedResponseError("odd", provider="scrapio", status_code=status)


@pytest.mark.parametrize("status", [200, 201, 299])
def test_unexpected_2xx_on_a_submission_without_key_is_uncertain_never_a_refusal(
    status: int,
) -> None:
    call = Script(unexpected(status))
    with pytest.raises(SubmissionUncertainError) as raised:
        submit(call, provider="scraperapi", policy=POLICY, sleep=lambda _s: None)
    assert call.calls == 1  # the job may exist: not sent again
    assert f"unexpected {status}" in raised.value.reason


def test_unexpected_2xx_on_an_idempotent_submission_is_retried_with_its_key() -> None:
    call = Script(unexpected(201))
    result = submit(
        call, provider="scrapio", idempotency_key="k-3", policy=POLICY, sleep=lambda _s: None
    )
    assert result == "ok"
    assert call.calls == 2


def test_an_unexpected_redirect_on_a_submission_is_a_refusal() -> None:
    call = Script(unexpected(307))
    with pytest.raises(UnexpectedResponseError):
        submit(call, provider="scraperapi", policy=POLICY, sleep=lambda _s: None)
    assert call.calls == 1


def test_reads_do_not_retry_an_answer_they_could_not_understand() -> None:
    call = Script(unexpected(200))
    with pytest.raises(UnexpectedResponseError):
        read(call, what="get_job", policy=POLICY, sleep=lambda _s: None)
    assert call.calls == 1
