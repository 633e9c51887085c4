"""Scrapio's own spec says every request URL is ``format: uri``; so do ours and the emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, emulator_client

GOOD = "https://hooks.example/scrapio?token=t"


def post(body: dict[str, Any]) -> Any:
    client = emulator_client(Emulator(EmulatorConfig()), "scrapio").get_httpx_client()
    return client.post(
        "/v1/jobs", content=json.dumps(body), headers={"content-type": "application/json"}
    )


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"kind": "fetch", "input": {"url": GOOD}, "webhook": {"url": ""}}, "webhook.url"),
        ({"kind": "fetch", "input": {"url": "example.com/a"}}, "input.url"),
        ({"kind": "crawl", "input": {"seeds": ["https://a.example/", "not a url"]}}, "seeds.1"),
        (
            {
                "kind": "interact",
                "input": {"url": GOOD, "actions": [{"type": "goto", "url": "/x"}]},
            },
            "actions.0.url",
        ),
    ],
)
def test_a_url_that_is_not_an_absolute_uri_is_refused(body: dict[str, Any], where: str) -> None:
    response = post(body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"
    assert where in response.json()["error"]["message"]


def test_absolute_urls_are_accepted() -> None:
    body = {"kind": "fetch", "input": {"url": "https://example.com"}, "webhook": {"url": GOOD}}
    assert post(body).status_code == 202
