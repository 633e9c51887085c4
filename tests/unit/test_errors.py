"""Error answers of every provider become one typed exception family, without secrets."""

from __future__ import annotations

import datetime
import json

import pytest

from scrapejobs.errors import (
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    RateLimitedError,
    ServerError,
    UnexpectedResponseError,
    error_from_response,
    retry_after_seconds,
)


def answer(provider: str, status: int, body: object, **headers: str) -> ProviderError:
    content = json.dumps(body).encode() if not isinstance(body, bytes) else body
    return error_from_response(provider, status, headers, content)


def test_scrapio_envelope_gives_code_message_and_request_id() -> None:
    error = answer(
        "scrapio",
        409,
        {"request_id": "req-1", "error": {"code": "job_not_ready", "message": "Not done."}},
    )
    assert isinstance(error, ConflictError)
    assert (error.code, error.args[0], error.request_id) == ("job_not_ready", "Not done.", "req-1")
    assert str(error) == "scrapio answered 409 [job_not_ready] Not done. (request id req-1)"


@pytest.mark.parametrize(
    ("provider", "status", "body", "kind", "code", "message"),
    [
        (
            "scrapedo",
            406,
            {"Error": "Job already completed", "Code": 406},
            ProviderError,
            None,
            "Job already completed",
        ),
        (
            "scrapedo",
            410,
            {"Error": "Task response content is no longer available.", "Code": 410},
            NotFoundError,
            None,
            "Task response content is no longer available.",
        ),
        (
            "decodo",
            422,
            {"status": "error", "message": "Invalid target"},
            InvalidRequestError,
            "error",
            "Invalid target",
        ),
        ("decodo", 401, {"message": "Unauthorized"}, AuthenticationError, None, "Unauthorized"),
        (
            "scraperapi",
            403,
            {"error": "This request exceeds your max_cost."},
            PermissionDeniedError,
            None,
            "This request exceeds your max_cost.",
        ),
        (
            "scrapingpros",
            404,
            {"detail": {"error_code": "result_expired", "message": "gone"}},
            NotFoundError,
            "result_expired",
            "gone",
        ),
        (
            "scrapingpros",
            422,
            {"detail": [{"loc": ["body", "url"], "msg": "Field required"}]},
            InvalidRequestError,
            "validation_error",
            "body.url: Field required",
        ),
        (
            "scrapingpros",
            401,
            {"detail": "Invalid API key"},
            AuthenticationError,
            None,
            "Invalid API key",
        ),
    ],
)
def test_provider_envelopes(
    provider: str,
    status: int,
    body: object,
    kind: type[ProviderError],
    code: str | None,
    message: str,
) -> None:
    error = answer(provider, status, body)
    assert type(error) is kind
    assert error.provider == provider
    assert error.status_code == status
    assert error.code == code
    assert error.args[0] == message


def test_rate_limit_and_server_errors_carry_retry_after() -> None:
    limited = answer("decodo", 429, {"message": "slow down"}, **{"retry-after": "3"})
    assert isinstance(limited, RateLimitedError)
    assert limited.retry_after == 3.0
    unavailable = answer("scrapio", 503, b"<html>down</html>")
    assert isinstance(unavailable, ServerError)
    assert unavailable.retry_after is None
    assert unavailable.args[0] == "<html>down</html>"


def test_secrets_are_redacted_and_messages_truncated() -> None:
    content = json.dumps({"error": "bad key sk-live-123 " + "x" * 1000}).encode()
    error = error_from_response("scraperapi", 401, {}, content, secrets=["sk-live-123"])
    assert "sk-live-123" not in str(error)
    assert "sk-live-123" not in repr(error)
    assert "[redacted]" in str(error)
    assert len(error.args[0]) == 300


def test_retry_after_parses_seconds_and_http_dates() -> None:
    now = datetime.datetime(2026, 6, 26, 10, 0, 0, tzinfo=datetime.UTC)
    assert retry_after_seconds("7", now=now) == 7.0
    assert retry_after_seconds("Fri, 26 Jun 2026 10:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Fri, 26 Jun 2026 09:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("-5", now=now) == 0.0
    assert retry_after_seconds("soon", now=now) is None
    assert retry_after_seconds(None) is None


# -- answers no spec describes (issue 10) ---------------------------------------------------------

SECRET = "sk-live-2b7d9e4f1a6c8035"


@pytest.mark.parametrize(
    ("status", "content", "kind"),
    [
        (503, b"<html><h1>503 Service Unavailable</h1></html>", ServerError),
        (502, b"", ServerError),
        (429, b"<html>slow down</html>", RateLimitedError),
        (401, b"", AuthenticationError),
        (201, b"{}", UnexpectedResponseError),
        (299, b"{}", UnexpectedResponseError),
        (302, b"", UnexpectedResponseError),
        (418, b"teapot", ProviderError),
    ],
)
def test_any_status_with_any_body_is_a_typed_provider_error(
    status: int, content: bytes, kind: type[ProviderError]
) -> None:
    for provider in ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio"):
        error = error_from_response(provider, status, {}, content)
        assert type(error) is kind
        assert error.status_code == status
        assert error.excerpt is not None
        assert len(error.excerpt) <= 300


def test_a_documented_status_whose_body_was_not_understood_is_unexpected() -> None:
    error = error_from_response(
        "scrapio", 200, {}, b"\xff\xfe not utf-8", not_understood="UnicodeDecodeError"
    )
    assert isinstance(error, UnexpectedResponseError)
    assert error.success_status
    assert "UnicodeDecodeError" in str(error)
    assert error.excerpt is not None
    assert "not utf-8" in error.excerpt


def test_scrapedo_error_without_code_is_read_without_key_error() -> None:
    error = answer("scrapedo", 400, {"Error": "bad target"})
    assert isinstance(error, InvalidRequestError)
    assert error.args[0] == "bad target"


def test_the_excerpt_is_bounded_and_redacted() -> None:
    content = (b"x" * 250) + SECRET.encode() + (b"y" * 5000)
    error = error_from_response("scraperapi", 200, {}, content, secrets=[SECRET])
    assert error.excerpt is not None
    assert len(error.excerpt) <= 300
    assert SECRET[:8] not in (error.excerpt or "")


def test_an_echoed_secret_is_redacted_from_every_field() -> None:
    body = {
        "request_id": SECRET,
        "error": {"code": f"bad_{SECRET[:9]}", "message": f"key {SECRET[:12]} refused"},
    }
    error = error_from_response(
        "scrapio",
        401,
        {"x-request-id": SECRET},
        json.dumps(body).encode(),
        secrets=[SECRET],
    )
    for text in (str(error), repr(error), error.code, error.request_id, error.excerpt):
        assert text is not None
        assert not any(SECRET[i : i + 8] in text for i in range(len(SECRET) - 7)), text
    headers_only = error_from_response(
        "decodo", 500, {"x-request-id": SECRET}, b"", secrets=[SECRET]
    )
    assert headers_only.request_id == "[redacted]"
