"""Each provider's credential reaches the wire exactly where the provider expects it."""

from __future__ import annotations

import json

import httpx
import pytest
from decodo_client.api.tasks import get_task
from scrapedo_client.api.account import get_account
from scraperapi_client.api.jobs import create_job
from scraperapi_client.api.jobs import get_job as scraperapi_get_job
from scraperapi_client.models import JobRequest
from scrapingpros_client.api.collections import list_collections
from scrapio_client.api.jobs import get_job as scrapio_get_job

from scrapejobs import UnknownProviderError, authenticated_client

TOKEN = "tok-3f9a"  # not a real credential


class Recorder:
    """An httpx transport that records requests and answers an undocumented 418."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(418)  # undocumented status: parsed stays None, nothing to satisfy

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def test_decodo_sends_basic_token_verbatim() -> None:
    recorder = Recorder()
    client = authenticated_client("decodo", TOKEN, httpx_args={"transport": recorder.transport()})
    get_task.sync_detailed("7434928397127555073", client=client)
    (request,) = recorder.requests
    assert request.headers["Authorization"] == f"Basic {TOKEN}"
    assert request.url.host == "scraper-api.decodo.com"
    assert request.url.path == "/v3/task/7434928397127555073"


def test_scrapedo_sends_x_token_without_prefix() -> None:
    recorder = Recorder()
    client = authenticated_client("scrapedo", TOKEN, httpx_args={"transport": recorder.transport()})
    get_account.sync_detailed(client=client)
    (request,) = recorder.requests
    assert request.headers["X-Token"] == TOKEN
    assert "Authorization" not in request.headers
    assert request.url.path == "/api/v1/me"


def test_scrapingpros_sends_bearer_token() -> None:
    recorder = Recorder()
    client = authenticated_client(
        "scrapingpros", TOKEN, httpx_args={"transport": recorder.transport()}
    )
    list_collections.sync_detailed(client=client)
    (request,) = recorder.requests
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.url.path == "/v1/async/collections"


def test_scrapio_sends_bearer_token() -> None:
    recorder = Recorder()
    client = authenticated_client("scrapio", TOKEN, httpx_args={"transport": recorder.transport()})
    scrapio_get_job.sync_detailed("job_abc123", client=client)
    (request,) = recorder.requests
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.url.path == "/v1/jobs/job_abc123"


def test_scraperapi_sends_api_key_in_the_json_body_only() -> None:
    recorder = Recorder()
    client = authenticated_client(
        "scraperapi", TOKEN, httpx_args={"transport": recorder.transport()}
    )
    create_job.sync_detailed(
        client=client, body=JobRequest(api_key=TOKEN, url="https://example.com")
    )
    scraperapi_get_job.sync_detailed("0962a8e0-5f1a-4e14-bf8c-5efcc18f0953", client=client)
    submit, status = recorder.requests
    assert json.loads(submit.content) == {"apiKey": TOKEN, "url": "https://example.com"}
    assert "Authorization" not in submit.headers
    # The job id is the capability for status calls: no key in the header or the URL.
    assert "Authorization" not in status.headers
    assert TOKEN not in str(status.url)


@pytest.mark.parametrize("provider", ["decodo", "scrapedo", "scrapingpros", "scrapio"])
def test_client_repr_never_shows_the_token(provider: str) -> None:
    recorder = Recorder()
    client = authenticated_client(  # type: ignore[call-overload]
        provider,
        TOKEN,
        headers={"X-Extra": TOKEN},
        httpx_args={"transport": recorder.transport()},
    )
    client.get_httpx_client()  # builds the httpx client, which copies the auth header
    assert TOKEN not in repr(client)


def test_request_models_never_show_credentials_in_repr() -> None:
    body = JobRequest(api_key=TOKEN, url="https://example.com")
    assert TOKEN not in repr(body)
    assert TOKEN not in str(body)


def test_unknown_provider_is_a_typed_error() -> None:
    with pytest.raises(UnknownProviderError, match="unknown provider 'zyte'"):
        authenticated_client("zyte", TOKEN)  # type: ignore[call-overload]
