"""Debian's headless Chromium as the dashboard's test and screenshot script drive it.

Shared by tests/emulator/test_dashboard.py and scripts/dashboard_screenshot.py (which puts the
repository root on ``sys.path``, as the bench scripts do for tests/postgres.py).
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("SCRAPEJOBS_CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium (package ``chromium``); ``SCRAPEJOBS_CHROMIUM`` names another."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # root in CI containers; the pages are our own, served on loopback
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # nothing leaves 127.0.0.1
    "--disable-component-update",
    "--disable-sync",
]
"""Flags for a headless run that reaches nothing but loopback."""
