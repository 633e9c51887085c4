"""Every answer is an answer, through ``Jobs``, for all five providers, on a hostile server.

The server (:mod:`tests.unit.hostile`, 127.0.0.1, port 0) answers what no spec describes: an
HTML 503, an empty 401/429/500, a 200 that is not UTF-8, not JSON or JSON of the wrong shape, a
201 or 299 on a submission, one byte at a time, a redirect to another port, the credential echoed
into every field. Each answer must come out as the typed error (with its raw status), retried
exactly as the documented ones are (counted on the server), and the credential must never appear
in ``str()``, ``repr()``, any field of the error, or the logs. Retries wait with an injected
sleep that only moves an injected clock; the trickling server waits in its own thread.
"""

from __future__ import annotations

import logging
import ssl
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from decodo_client.models import UniversalTask
from scrapedo_client.models import CreateJobRequest
from scraperapi_client.models import JobRequest
from scrapingpros_client.models import CollectionRequest, CreateCollectionRequest
from scrapio_client.models import FetchInput, FetchJobRequest

import scrapejobs
from scrapejobs import Jobs
from scrapejobs.clients import PROVIDERS
from scrapejobs.errors import (
    AuthenticationError,
    InvalidRequestError,
    JobTimeoutError,
    ProviderError,
    RateLimitedError,
    RedirectRefusedError,
    ServerError,
    SubmissionUncertainError,
    UnexpectedResponseError,
    redact,
)
from scrapejobs.jobs import JobRef
from scrapejobs.retries import RetryPolicy
from scrapejobs.transport import TransportKind, async_transport
from tests.unit.hostile import HostileServer

TOKEN = "hostile-secret-7f3a9c2e5b1d4086"
ATTEMPTS = 2
TIMEOUT = 0.3
"""Seconds per request on the trickling server (10 s of bytes): the whole request stops here."""
PATIENT = 10.0
"""Seconds per request elsewhere: a loaded machine may take a while to answer on loopback."""
VERIFY = ssl.create_default_context()
"""One TLS context for every client (loading the CA bundle per client costs ~50 ms)."""
KEYED = {"scrapio", "scrapingpros"}
"""Providers whose submission carries an idempotency key (retried on any transient failure)."""


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    hostile = HostileServer(TOKEN)
    try:
        yield hostile
    finally:
        hostile.close()


class FakeClock:
    """Monotonic seconds that only an injected sleep moves."""

    def __init__(self) -> None:
        self.at = 1000.0

    def now(self) -> float:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.at += seconds


def _jobs(
    provider: str,
    base_url: str,
    *,
    fake_clock: bool = True,
    timeout: float = TIMEOUT,
    **kwargs: Any,
) -> Jobs:
    if fake_clock:
        clock = FakeClock()
        kwargs.update(clock=clock.now, sleep=clock.sleep)
    kwargs.setdefault("httpx_args", {"verify": VERIFY})
    return Jobs(
        provider,
        TOKEN,
        base_url=base_url,
        timeout=timeout,
        retry=RetryPolicy(attempts=ATTEMPTS),
        follow_redirects=True,
        **kwargs,
    )


def _request(provider: str) -> Any:
    url = "https://example.com/hostile"
    if provider == "decodo":
        return UniversalTask(target="universal", url=url)
    if provider == "scrapedo":
        return CreateJobRequest(targets=[url])
    if provider == "scrapingpros":
        return CreateCollectionRequest(
            name="hostile", requests=[CollectionRequest(url=url, custom_id="item-0")]
        )
    if provider == "scraperapi":
        return JobRequest(api_key="", url=url)
    return FetchJobRequest(kind="fetch", input_=FetchInput(url=url))


def _ref(provider: str) -> JobRef:
    scope = {"scrapedo": ("job-1",), "scrapingpros": ("collection-1", "run-1")}
    return JobRef(provider, "task-1", scope.get(provider, ()))


def _leaks(text: str) -> bool:
    """Return True when ``text`` holds the token or any 8-character run of it."""
    return any(TOKEN[i : i + 8] in text for i in range(len(TOKEN) - 7))


def _assert_no_secret(error: BaseException, caplog: pytest.LogCaptureFixture) -> None:
    texts = [str(error), repr(error), caplog.text]
    for name in ("code", "request_id", "excerpt", "reason"):
        value = getattr(error, name, None)
        if value is not None:
            texts.append(str(value))
    if error.__cause__ is not None:
        texts += [str(error.__cause__), repr(error.__cause__)]
    for text in texts:
        assert not _leaks(text), text


def _run(server: HostileServer, provider: str, case: str, operation: str) -> tuple[Any, int]:
    """Run ``operation`` on a fresh client of ``case``; return (error, requests it made)."""
    tag = uuid.uuid4().hex
    jobs = _jobs(provider, server.url(case, tag), timeout=TIMEOUT if case == "trickle" else PATIENT)
    try:
        operations: dict[str, Callable[[], object]] = {
            "submit": lambda: jobs.submit(_request(provider)),
            "status": lambda: jobs.status(_ref(provider)),
            "result": lambda: jobs.result(_ref(provider)),
            "wait": lambda: jobs.wait([_ref(provider)], timeout=60),
        }
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the class is asserted by callers
            operations[operation]()
    finally:
        jobs.close()
    return caught.value, server.count(tag)


EXPECTED: dict[tuple[str, str], tuple[type[BaseException], int | None, str]] = {
    ("html503", "submit"): (SubmissionUncertainError, None, "keyed"),
    ("html503", "status"): (ServerError, 503, "all"),
    ("html503", "wait"): (JobTimeoutError, None, "many"),
    ("empty401", "submit"): (AuthenticationError, 401, "1"),
    ("empty401", "status"): (AuthenticationError, 401, "1"),
    ("empty401", "wait"): (AuthenticationError, 401, "1"),
    ("empty429", "submit"): (RateLimitedError, 429, "all"),
    ("empty429", "status"): (RateLimitedError, 429, "all"),
    ("utf8garbage", "submit"): (SubmissionUncertainError, None, "keyed"),
    ("utf8garbage", "status"): (UnexpectedResponseError, 200, "1"),
    ("utf8garbage", "result"): (UnexpectedResponseError, 200, "1"),
    ("utf8garbage", "wait"): (UnexpectedResponseError, 200, "1"),
    ("notjson", "result"): (UnexpectedResponseError, 200, "1"),
    ("wrongshape", "submit"): (SubmissionUncertainError, None, "keyed"),
    ("wrongshape", "status"): (UnexpectedResponseError, 200, "1"),
    ("badgzip", "submit"): (SubmissionUncertainError, None, "keyed"),
    ("badgzip", "status"): (UnexpectedResponseError, 200, "1"),
    ("created201", "submit"): (SubmissionUncertainError, None, "keyed"),
    ("created201", "status"): (UnexpectedResponseError, 201, "1"),
    ("odd299", "submit"): (SubmissionUncertainError, None, "keyed"),
    ("odd299", "result"): (UnexpectedResponseError, 299, "1"),
    ("trickle", "submit"): (SubmissionUncertainError, None, "keyed"),
    ("trickle", "status"): (httpx.ReadTimeout, None, "all"),
    ("redirect", "status"): (RedirectRefusedError, 307, "1"),
    ("nocode400", "submit"): (InvalidRequestError, 400, "1"),
    ("echo400", "submit"): (InvalidRequestError, 400, "1"),
    ("echo500", "status"): (ServerError, 500, "all"),
    ("echo500", "wait"): (JobTimeoutError, None, "many"),
}
"""(case, operation) -> (error class, status code or None, requests made: a number, "all"
attempts, "keyed" (all attempts where the submission has an idempotency key, else one) or "many"
(a wait polling until its deadline)."""


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("case", "operation"), sorted(EXPECTED))
def test_every_hostile_answer_is_a_typed_error_without_the_secret(
    server: HostileServer,
    caplog: pytest.LogCaptureFixture,
    provider: str,
    case: str,
    operation: str,
) -> None:
    # Everything scrapejobs logs, down to debug (retry decisions); other libraries from INFO
    # (httpcore's own debug trace prints raw response headers, whatever they hold).
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="scrapejobs")
    kind, status, requests = EXPECTED[case, operation]
    started = time.monotonic()

    error, made = _run(server, provider, case, operation)

    assert type(error) is kind, repr(error)
    if status is not None:
        assert isinstance(error, ProviderError)
        assert error.status_code == status
        assert error.provider == provider
    expected_requests = {
        "1": 1,
        "2": 2,
        "all": ATTEMPTS,
        "keyed": ATTEMPTS if provider in KEYED else 1,
    }.get(requests)
    if expected_requests is not None:
        assert made == expected_requests, repr(error)
    else:
        assert made >= ATTEMPTS  # the wait went on polling until its deadline
    _assert_no_secret(error, caplog)
    if isinstance(error, SubmissionUncertainError):
        # "the job may exist": the cause says which answer made it so.
        assert error.idempotency_key is None or provider in KEYED
    if case == "trickle":
        # Each attempt is cut at TIMEOUT although bytes keep coming; never the trickle's 10 s.
        assert time.monotonic() - started < made * TIMEOUT + 2.0


@pytest.mark.parametrize("provider", PROVIDERS)
def test_no_credential_follows_a_redirect_to_another_port(
    server: HostileServer, provider: str
) -> None:
    before = len(server.elsewhere_received)

    error, made = _run(server, provider, "redirect", "submit")

    assert isinstance(error, RedirectRefusedError)
    assert made == 1
    assert len(server.elsewhere_received) == before  # nothing at all was sent there
    assert "another origin" in str(error)


def test_a_same_origin_redirect_is_followed_with_the_credential(server: HostileServer) -> None:
    tag = uuid.uuid4().hex
    jobs = _jobs("scrapedo", server.url("redirectsame", tag), timeout=PATIENT)
    try:
        with pytest.raises(AuthenticationError):
            jobs.submit(_request("scrapedo"))
    finally:
        jobs.close()
    followed = [r for r in server.received if r.path.startswith(f"/empty401/{tag}/")]
    assert len(followed) == 1
    assert followed[0].headers.get("X-Token") == TOKEN


@pytest.mark.parametrize("provider", PROVIDERS)
def test_wait_on_a_trickling_server_ends_at_its_timeout(
    server: HostileServer, provider: str
) -> None:
    """The real clock: wait(timeout=0.5) ends in time although a status read is in flight."""
    jobs = Jobs(
        provider,
        TOKEN,
        base_url=server.url("trickle", uuid.uuid4().hex),
        timeout=30.0,  # longer than the wait: only the wait's own deadline can end it
    )
    ref = _ref(provider)
    started = time.monotonic()
    try:
        with pytest.raises(JobTimeoutError) as caught:
            jobs.wait([ref], timeout=0.5)
    finally:
        jobs.close()
    elapsed = time.monotonic() - started
    assert caught.value.job_ids == (str(ref),)
    assert 0.5 <= elapsed < 4.0


@pytest.mark.parametrize("kind", ["aiohttp", "httpx"])
def test_the_bounded_transports_stop_a_trickling_answer_at_the_total_timeout(
    server: HostileServer, kind: TransportKind
) -> None:
    """The CLI's transport (a FIFO of requests in front of aiohttp) enforces the deadline too."""
    tag = uuid.uuid4().hex
    jobs = _jobs(
        "scrapio", server.url("trickle", tag), httpx_args={"transport": async_transport(kind)}
    )
    started = time.monotonic()
    try:
        with pytest.raises(httpx.ReadTimeout):
            jobs.status(_ref("scrapio"))
    finally:
        jobs.close()
    assert server.count(tag) == ATTEMPTS
    assert time.monotonic() - started < ATTEMPTS * TIMEOUT + 2.5


def test_authenticated_client_stops_a_trickling_answer_at_the_total_timeout(
    server: HostileServer,
) -> None:
    """Used directly, the generated client's sync API gets the total deadline too."""
    from scrapio_client.api.jobs import get_job

    client = scrapejobs.authenticated_client(
        "scrapio", TOKEN, base_url=server.url("trickle", uuid.uuid4().hex), timeout=TIMEOUT
    )
    started = time.monotonic()
    with client, pytest.raises(httpx.ReadTimeout):
        get_job.sync_detailed("job-1", client=client)
    assert time.monotonic() - started < 2 * TIMEOUT + 2.5


@pytest.mark.parametrize(
    ("timeout", "connect", "read", "total"),
    [
        (60.0, 10.0, 60.0, 60.0),
        (2.0, 2.0, 2.0, 2.0),
        (httpx.Timeout(60.0, connect=10.0), 10.0, 60.0, 60.0),
    ],
)
def test_timeouts_by_default_and_as_given(
    timeout: Any, connect: float, read: float, total: float
) -> None:
    phases, deadline = scrapejobs.clients.request_timeouts(timeout)
    assert (phases.connect, phases.read, deadline) == (connect, read, total)
    default = scrapejobs.authenticated_client("scrapio", TOKEN)
    assert default.get_async_httpx_client().timeout.connect == 10.0
    assert default.get_async_httpx_client().timeout.read == 60.0


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf")])
def test_a_timeout_that_is_not_a_positive_number_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="timeout"):
        scrapejobs.authenticated_client("scrapio", TOKEN, timeout=bad)


def test_redact_removes_the_secret_and_runs_of_eight_characters() -> None:
    text = f"a {TOKEN} b {TOKEN[:8]} c {TOKEN[-9:]} d {TOKEN[:7]} e"
    cleaned = redact(text, [TOKEN])
    assert not _leaks(cleaned)
    assert cleaned == f"a [redacted] b [redacted] c [redacted] d {TOKEN[:7]} e"
    assert redact("short key abc here", ["abc"]) == "short key [redacted] here"
