"""The dashboard ``GET /_emulator/ui``: over HTTP in-process, and in a real headless Chromium.

The browser test drives Debian's ``/usr/bin/chromium`` with Playwright-for-Python (never a
browser Playwright downloads) and skips, naming what is missing, where either is absent.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    ManualClock,
    Progression,
    account_label,
)
from scrapejobs_emulator.server import serve_in_thread
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.emulator.conftest import Receiver

TOKEN = "emulator-token"
OTHER = "other-account"
HOSTILE = "https://example.com/?q=<script>alert(1)</script>"
HOOK = "https://user:pa55word@hooks.test/in?token=s3cret-hook"


def scrapio_job(client: httpx.Client, url: str, token: str = TOKEN, hook: str | None = None) -> str:
    body: dict[str, Any] = {"kind": "fetch", "input": {"url": url}}
    if hook:
        body["webhook"] = {"url": hook}
    response = client.post(
        "/scrapio/v1/jobs", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 202, response.text
    job_id: str = response.json()["job_id"]
    return job_id


def scraperapi_job(client: httpx.Client, url: str) -> str:
    response = client.post("/scraperapi/jobs", json={"apiKey": TOKEN, "url": url})
    assert response.status_code == 200, response.text
    job_id: str = response.json()["id"]
    return job_id


@pytest.fixture
def populated(emulator: Emulator, clock: ManualClock, receiver: Receiver) -> Iterator[httpx.Client]:
    """Two scrapio accounts, one ScraperAPI job with hostile input, a webhook that failed once then got through."""
    receiver.statuses.extend([500, 200])
    with httpx.Client(transport=EmulatorTransport(emulator), base_url="http://emu") as client:
        scrapio_job(client, "https://example.com/a", hook=HOOK)
        scrapio_job(client, "https://example.com/b", token=OTHER)
        # Scrapio refuses a URL with angle brackets (format: uri); ScraperAPI takes any string.
        scraperapi_job(client, HOSTILE)
        clock.advance(1)
        assert client.post("/_emulator/webhooks/deliver").json() == {"attempted": 1}
        clock.advance(emulator.next_event_at() - clock.now())  # type: ignore[operator]
        assert client.post("/_emulator/webhooks/deliver").json() == {"attempted": 1}
        yield client


def test_page_lists_jobs_deliveries_faults_and_counts(
    populated: httpx.Client, emulator: Emulator
) -> None:
    response = populated.get("/_emulator/ui")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for record in emulator.store.records():
        assert f"<td>{record.id}</td><td class=succeeded>succeeded</td>" in page
    assert "scrapio: 2 jobs" in page
    assert "scraperapi: 1 jobs" in page
    assert account_label(TOKEN) in page
    assert account_label(OTHER) in page
    # The delivery with both attempts: the failed one, then the one that got through.
    (webhook,) = re.findall(r"<tr class=webhook>.*?</tr>", page)
    assert ">delivered<" in webhook
    assert re.search(r"#1 [\d\- :.]+ 500.*#2 [\d\- :.]+ 200", webhook)
    # Request counts per provider and operation.
    assert "<tr><td>scrapio</td><td>create_job</td><td>2</td></tr>" in page
    assert "<tr><td>scraperapi</td><td>create_job</td><td>1</td></tr>" in page
    # The fault form shows the current values and posts to the dashboard's route.
    assert 'action="/_emulator/ui/faults"' in page
    assert 'name="rate_429" step=any min="0" max="1" value="0.0"' in page


def test_page_escapes_user_input_and_shows_no_secret(populated: httpx.Client) -> None:
    page = populated.get("/_emulator/ui").text
    assert "https://example.com/?q=&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert page.count("<script>") == 1  # only the page's own refresh loop
    for secret in (TOKEN, OTHER, "pa55word", "s3cret-hook", "emulator-webhook-secret"):
        assert secret not in page
    assert "https://[redacted]@hooks.test/in?token=[redacted]" in page


def test_fault_form_changes_the_faults_and_redirects_back(emulator: Emulator) -> None:
    with httpx.Client(transport=EmulatorTransport(emulator), base_url="http://emu") as client:
        response = client.post(
            "/_emulator/ui/faults", data={"rate_429": "0.25", "retry_after_seconds": "3"}
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/_emulator/ui"
        assert emulator.config.faults.rate_429 == 0.25
        assert emulator.config.faults.retry_after_seconds == 3
        assert emulator.config.faults.rate_500 == 0.0  # untouched fields keep their value
        assert client.get("/_emulator/config").json()["faults"]["rate_429"] == 0.25
        page = client.get("/_emulator/ui").text
        assert 'name="rate_429" step=any min="0" max="1" value="0.25"' in page

        bad = client.post("/_emulator/ui/faults", data={"rate_500": "7", "rate_502": "0.5"})
        assert bad.status_code == 400
        assert "rate_500: Input should be less than or equal to 1" in bad.text
        assert emulator.config.faults.rate_500 == 0.0
        assert emulator.config.faults.rate_502 == 0.0  # nothing applied from a bad form
        hostile = client.post("/_emulator/ui/faults", data={"rate_503": "<b>x"})
        assert hostile.status_code == 400
        assert "<b>x" not in hostile.text


def test_rows_are_capped_per_provider_with_the_total(clock: ManualClock) -> None:
    emulator = Emulator(clock=clock)
    with httpx.Client(transport=EmulatorTransport(emulator), base_url="http://emu") as client:
        for n in range(205):
            clock.advance(0.001)
            last = scrapio_job(client, f"https://example.com/{n}")
        page = client.get("/_emulator/ui").text
    assert "scrapio: 205 jobs" in page
    assert "(showing 200;" in page
    assert page.count("<tr class=job>") == 200
    assert page.index(last) < page.index("https://example.com/199")  # newest first
    assert "https://example.com/4<" not in page


def _browser_or_skip() -> Any:
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright (PyPI, test dependency group) is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (Debian's package)")
    from playwright.sync_api import sync_playwright

    return sync_playwright


def test_dashboard_in_headless_chromium(tmp_path: Path, receiver: Receiver) -> None:
    sync_playwright = _browser_or_skip()
    from playwright.sync_api import expect

    clock = ManualClock()
    config = EmulatorConfig(
        tokens=[TOKEN, OTHER],
        progression=Progression(mode="duration", min_seconds=1.0, max_seconds=1.0),
    )
    emulator = Emulator(config, clock=clock, webhook_transport=receiver.transport())
    with serve_in_thread(emulator) as base_url, httpx.Client(base_url=base_url) as client:
        ids = [scrapio_job(client, "https://example.com/a", hook=HOOK)]
        ids.append(scrapio_job(client, "https://example.com/b", token=OTHER))
        ids.append(scraperapi_job(client, HOSTILE))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{base_url}/_emulator/ui")
                expect(page.locator("tr.job")).to_have_count(3)
                expect(page.locator("tr.job td.queued")).to_have_count(3)
                for job_id in ids:
                    expect(page.get_by_role("cell", name=job_id, exact=True)).to_be_visible()
                expect(page.get_by_text(HOSTILE)).to_be_visible()  # shown as text, not run
                # The page refreshes itself: the clock moves, jobs finish, the webhook goes out.
                clock.advance(1)
                expect(page.locator("tr.job td.succeeded")).to_have_count(3)
                expect(page.locator("tr.webhook td.delivered")).to_have_count(1)
                # The fault form posts, redirects back and shows the applied value.
                page.fill("#rate_429", "0.25")
                page.fill("#job_failure_rate", "0.5")
                page.click("#faults button[type=submit]")
                expect(page.locator("#rate_429")).to_have_value("0.25")
                assert page.url == f"{base_url}/_emulator/ui"
                assert emulator.config.faults.rate_429 == 0.25
                assert emulator.config.faults.job_failure_rate == 0.5
                shot = tmp_path / "dashboard.png"
                page.screenshot(path=str(shot), full_page=True)
            finally:
                browser.close()
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 10_000
