"""Helpers of the tests that run the ``scrapejobs`` CLI against an emulator served on loopback."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from scrapejobs_emulator.server import bound_port


@contextlib.contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Serve the ASGI ``app`` on 127.0.0.1 (a free port) from a thread; yield its base URL.

    Raises AssertionError when the server does not start; stops it when the block ends.
    """
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started and thread.is_alive():
        started.wait(0.01)
    assert server.started, "the emulator did not start"
    try:
        yield f"http://127.0.0.1:{bound_port(server)}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def cli() -> list[str]:
    """Return the command of the installed ``scrapejobs`` CLI (else ``python -m``)."""
    script = Path(sys.executable).with_name("scrapejobs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scrapejobs.cli"]
