"""Take the README's screenshot of the emulator dashboard (``docs/dashboard.png``).

Serves an emulator on 127.0.0.1 (port 0) with a manual clock, creates a few jobs at two
providers and two accounts (one webhook refused once, then delivered), then loads
``/_emulator/ui`` in Debian's headless Chromium through Playwright-for-Python.

Usage: ``python scripts/dashboard_screenshot.py [OUTPUT.png]`` (needs ``/usr/bin/chromium``
and the ``playwright`` package; never downloads a browser).
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock, Progression
from scrapejobs_emulator.server import serve_in_thread

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/browser.py: the flags
from tests.browser import CHROMIUM, CHROMIUM_ARGS

TOKENS = ["emulator-token", "second-account"]


def populate(client: httpx.Client, clock: ManualClock) -> None:
    """Create jobs in several phases at Scrapio and ScraperAPI; one webhook refused once."""
    for n in range(6):
        body: dict[str, object] = {"kind": "fetch", "input": {"url": f"https://example.com/p{n}"}}
        if n == 0:
            body["webhook"] = {"url": "https://hooks.example/in?token=secret"}
        auth = {"Authorization": f"Bearer {TOKENS[n % 2]}"}
        client.post("/scrapio/v1/jobs", json=body, headers=auth).raise_for_status()
        client.post(
            "/scraperapi/jobs", json={"apiKey": TOKENS[0], "url": f"https://example.org/{n}"}
        ).raise_for_status()
        clock.advance(0.4)
    client.get("/scrapio/v1/jobs/nope", headers={"Authorization": f"Bearer {TOKENS[0]}"})
    clock.advance(0.5)
    client.post("/_emulator/webhooks/deliver").raise_for_status()


def main(output: Path) -> None:
    """Serve a populated emulator and write the dashboard's screenshot to ``output``."""
    clock = ManualClock()
    config = EmulatorConfig(
        tokens=TOKENS, progression=Progression(mode="duration", min_seconds=1, max_seconds=3)
    )
    statuses = iter([503])
    hooks = httpx.MockTransport(lambda _request: httpx.Response(next(statuses, 200)))
    emulator = Emulator(config, clock=clock, webhook_transport=hooks)
    with serve_in_thread(emulator) as base_url, httpx.Client(base_url=base_url) as client:
        populate(client, clock)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1100, "height": 800})
                page.goto(f"{base_url}/_emulator/ui")
                page.screenshot(path=str(output), full_page=True)
            finally:
                browser.close()
    print(f"wrote {output}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/dashboard.png"))
