"""The README's Python examples run as written against answers taken from the specs' examples.

No network: httpx's transport is replaced by one that finds the operation a request targets and
answers with that operation's first documented success example.
"""

from __future__ import annotations

import pathlib
import re
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, EmulatorTransport, Progression
from tests.specs.spec_documents import PROVIDERS, ROOT, load_spec, operations

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.DOTALL)
HOSTS = {
    "scraper-api.decodo.com": "decodo",
    "q.scrape.do": "scrapedo",
    "api.scrapingpros.com": "scrapingpros",
    "async.scraperapi.com": "scraperapi",
    "api.scrapio.dev": "scrapio",
}


def _template_matches(template: str, path: str) -> bool:
    pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
    return re.match(pattern, path) is not None


def _documented_answer(request: httpx.Request) -> httpx.Response:
    provider = HOSTS[request.url.host]
    path = urlsplit(str(request.url)).path
    candidates = [
        (template, op)
        for method, template, op in operations(load_spec(provider))
        if method == request.method.lower() and _template_matches(template, path)
    ]
    # The most specific template wins (fewest path parameters).
    template, op = min(candidates, key=lambda pair: pair[0].count("{"))
    for code, response in sorted(op["responses"].items()):
        media = response.get("content", {}).get("application/json", {})
        if code.startswith("2") and media.get("examples"):
            value: Any = next(iter(media["examples"].values()))["value"]
            return httpx.Response(int(code), json=value, request=request)
    raise AssertionError(f"no documented success example for {template}")


def test_readme_has_one_example_per_provider() -> None:
    for provider in PROVIDERS:
        assert any(f'authenticated_client("{provider}"' in block for block in BLOCKS), provider


README_TOKENS = [
    "YOUR_SCRAPIO_KEY",
    "YOUR_DECODO_BASIC_TOKEN",
    "YOUR_SCRAPEDO_TOKEN",
    "YOUR_SCRAPINGPROS_KEY",
    "YOUR_SCRAPERAPI_KEY",
]


def _emulated(monkeypatch: pytest.MonkeyPatch, seen: list[httpx.Request]) -> None:
    """Route the production hosts to an in-process emulator whose jobs finish at once."""
    emulator = Emulator(
        EmulatorConfig(tokens=README_TOKENS, progression=Progression(min_seconds=0, max_seconds=0))
    )
    transport = EmulatorTransport(emulator)

    async def handle(_self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        seen.append(request)
        provider = HOSTS[request.url.host]
        routed = httpx.Request(
            request.method,
            request.url.copy_with(path=f"/{provider}{request.url.path}"),
            headers=request.headers,
            content=await request.aread(),
        )
        return await transport.handle_async_request(routed)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", handle)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(
    block: str, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.chdir(tmp_path)  # examples may write files (a run's ledger)
    seen: list[httpx.Request] = []

    def handle(_self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _documented_answer(request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle)
    if "scrapejobs.Jobs(" in block or "run_batch(" in block:
        _emulated(monkeypatch, seen)  # job flows need state: the emulator answers
    exec(compile(block, "README.md", "exec"), {})  # noqa: S102 -- our own README
    if "emulator_client(" in block or "webhook_app(" in block:
        assert not seen, "this example must not touch the network"
    else:
        assert seen, "the example sent no request"
