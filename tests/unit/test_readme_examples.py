"""Every Python example in README.md runs, exactly as printed, against the emulator.

Every ```python block is run unless the line right before it is ``<!-- not-run: reason -->``
(the reason is required). The production hosts are routed to an in-process emulator whose jobs
finish at once; webhook deliveries to ``hooks.example.com`` go to the example's own receiver on
127.0.0.1:8787 (served by the example). No other network.
"""

from __future__ import annotations

import pathlib
import re
import time
from dataclasses import dataclass

import httpx
import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, EmulatorTransport, Progression
from tests.specs.spec_documents import PROVIDERS, ROOT

README = (ROOT / "README.md").read_text()
FENCE = re.compile(r"^```python\n(.*?)^```[ \t]*$", flags=re.DOTALL | re.MULTILINE)
ANY_PYTHON_FENCE = re.compile(
    r"^\s*```+\s*(?:python3?|py|pycon)\b", flags=re.IGNORECASE | re.MULTILINE
)
NOT_RUN = re.compile(r"<!--\s*not-run:(?P<reason>.*?)-->[ \t]*\n\Z", flags=re.DOTALL)
HOSTS = {
    "scraper-api.decodo.com": "decodo",
    "q.scrape.do": "scrapedo",
    "api.scrapingpros.com": "scrapingpros",
    "async.scraperapi.com": "scraperapi",
    "api.scrapio.dev": "scrapio",
}
HOOKS_HOST = "hooks.example.com"
HOOKS_RECEIVER = "http://127.0.0.1:8787"  # where the webhook walkthrough serves its receiver
README_TOKENS = [
    "YOUR_SCRAPIO_KEY",
    "YOUR_DECODO_BASIC_TOKEN",
    "YOUR_SCRAPEDO_TOKEN",
    "YOUR_SCRAPINGPROS_KEY",
    "YOUR_SCRAPERAPI_KEY",
    "YOUR_BASIC_AUTH_TOKEN",  # the typed-client examples
    "YOUR_TOKEN",
    "YOUR_API_KEY",
]


@dataclass(frozen=True)
class Block:
    """One ```python block: its first line in README.md, its code, and why it is not run."""

    line: int
    code: str
    not_run: str | None


def readme_blocks(text: str) -> list[Block]:
    """Return every ```python block of ``text`` with its ``<!-- not-run: reason -->`` mark."""
    blocks = []
    for match in FENCE.finditer(text):
        mark = NOT_RUN.search(text, 0, match.start())
        reason = mark.group("reason").strip() if mark else None
        blocks.append(Block(text.count("\n", 0, match.start()) + 1, match.group(1), reason))
    return blocks


BLOCKS = readme_blocks(README)
RUN = [block for block in BLOCKS if block.not_run is None]


def test_every_python_fence_is_found_and_every_skip_says_why() -> None:
    # A ```py or ```Python fence would escape FENCE (and the run): the README uses ```python.
    assert len(ANY_PYTHON_FENCE.findall(README)) == len(BLOCKS)
    for block in BLOCKS:
        assert block.not_run != "", f"README.md:{block.line}: not-run needs a reason"


def test_marks_are_read_only_right_before_a_block() -> None:
    text = "<!-- not-run: needs X -->\n```python\na = 1\n```\n\ntext\n\n```python\nb = 2\n```\n"
    assert [(b.code, b.not_run) for b in readme_blocks(text)] == [
        ("a = 1\n", "needs X"),
        ("b = 2\n", None),
    ]


def test_readme_has_one_typed_client_example_per_provider() -> None:
    for provider in PROVIDERS:
        assert any(f'authenticated_client("{provider}"' in block.code for block in RUN), provider


def _emulated(monkeypatch: pytest.MonkeyPatch, seen: list[httpx.Request]) -> Emulator:
    """Route the production hosts (sync and async httpx) to an in-process emulator."""
    emulator = Emulator(
        EmulatorConfig(tokens=README_TOKENS, progression=Progression(min_seconds=0, max_seconds=0))
    )
    transport = EmulatorTransport(emulator)
    real_async = httpx.AsyncHTTPTransport.handle_async_request

    def routed(request: httpx.Request, content: bytes) -> httpx.Request:
        provider = HOSTS[request.url.host]
        return httpx.Request(
            request.method,
            request.url.copy_with(path=f"/{provider}{request.url.path}"),
            headers=request.headers,
            content=content,
        )

    def handle(_self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return transport.handle_request(routed(request, request.read()))

    async def handle_async(
        self: httpx.AsyncHTTPTransport, request: httpx.Request
    ) -> httpx.Response:
        if request.url.host == HOOKS_HOST:  # the emulator delivering a webhook
            local = httpx.URL(HOOKS_RECEIVER).copy_with(
                path=request.url.path, query=request.url.query
            )
            delivery = httpx.Request(
                request.method, local, headers=request.headers, content=await request.aread()
            )
            return await real_async(self, delivery)
        seen.append(request)
        response = await transport.handle_async_request(routed(request, await request.aread()))
        await emulator.deliver_webhooks()  # what the served emulator does in the background
        return response

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle)
    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", handle_async)
    return emulator


@pytest.mark.parametrize("block", RUN, ids=[f"README.md:{block.line}" for block in RUN])
def test_readme_example_runs(
    block: Block, monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.chdir(tmp_path)  # examples may write files (a run's ledger)
    seen: list[httpx.Request] = []
    emulator = _emulated(monkeypatch, seen)
    started = time.monotonic()
    exec(compile(block.code, f"README.md:{block.line}", "exec"), {})  # noqa: S102 -- our README
    took = time.monotonic() - started
    if "emulator_client(" in block.code:
        assert not seen, "this example must not touch the network"
    else:
        assert seen, "the example sent no request"
    for webhook in emulator.webhooks.webhooks:  # every delivery reached its receiver
        assert [attempt.status_code for attempt in webhook.attempts] == [200]
    if "attach(" in block.code:
        assert emulator.webhooks.webhooks, "the webhook walkthrough received no delivery"
        assert took < 15, "the wait ended on its 30 s fallback, not on the delivery"
