"""Serve the emulator over HTTP with uvicorn (``python -m scrapejobs_emulator``)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from scrapejobs_emulator.app import Emulator
from scrapejobs_emulator.config import EmulatorConfig
from scrapejobs_emulator.errors import ConnectionDropped
from scrapejobs_emulator.persist import StateDocumentError


def server_app(emulator: Emulator) -> ASGIApp:
    """Return the ASGI app to serve, which also delivers webhooks in the background."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: object) -> AsyncIterator[None]:
        task = asyncio.create_task(emulator.run_background())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    emulator.app.router.lifespan_context = lifespan
    return emulator.app


class DroppedConnectionFilter(logging.Filter):
    """Keep uvicorn from logging a traceback for a connection the emulator dropped on purpose.

    An injected ``drop``/``drop-after`` must end in an exception for uvicorn to cut the socket;
    :class:`~scrapejobs_emulator.faults.ProviderMiddleware` already logged it in one line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Return False for a record carrying a :class:`ConnectionDropped`, True otherwise."""
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, ConnectionDropped)


DROPPED_CONNECTION_FILTER = DroppedConnectionFilter()


def make_server(emulator: Emulator, host: str = "127.0.0.1", port: int = 0) -> uvicorn.Server:
    """Return a uvicorn server for ``emulator`` (not started). Port 0 picks a free port.

    A request body is bounded by the emulator's ``max_body_bytes`` and ``body_timeout_seconds``
    (uvicorn has no body timeout; it closes idle keep-alive connections after its default 5 s
    and bounds a request head to 16 KiB, but has no deadline for a head sent slowly).
    """
    config = uvicorn.Config(
        server_app(emulator), host=host, port=port, log_level="warning", lifespan="on"
    )
    uvicorn_log = logging.getLogger("uvicorn.error")
    if DROPPED_CONNECTION_FILTER not in uvicorn_log.filters:
        uvicorn_log.addFilter(DROPPED_CONNECTION_FILTER)
    return uvicorn.Server(config)


def bound_port(server: uvicorn.Server) -> int:
    """Return the port a started server listens on."""
    port: int = server.servers[0].sockets[0].getsockname()[1]
    return port


@contextlib.contextmanager
def serve_in_thread(emulator: Emulator, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run the emulator on a background thread; yield its base URL; stop it on exit.

    Raises:
        RuntimeError: when the server does not start within 10 seconds.

    """
    server = make_server(emulator, host, port)
    thread = threading.Thread(target=server.run, name="scrapejobs-emulator", daemon=True)
    thread.start()
    ready = threading.Event()
    for _ in range(1000):
        if server.started:
            ready.set()
            break
        ready.wait(0.01)
    if not server.started:
        raise RuntimeError("the emulator server did not start")
    try:
        yield f"http://{host}:{bound_port(server)}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line of ``python -m scrapejobs_emulator``."""
    parser = argparse.ArgumentParser(
        prog="python -m scrapejobs_emulator",
        description="Serve a stateful emulator of the Decodo, Scrape.do, ScrapingPros, "
        "ScraperAPI and Scrapio job APIs.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port; 0 picks a free one")
    parser.add_argument(
        "--token",
        action="append",
        dest="tokens",
        help="accepted credential, repeatable; each is its own account (default emulator-token)",
    )
    parser.add_argument("--config", type=Path, help="JSON file with an EmulatorConfig")
    parser.add_argument("--seed", type=int, help="seed for durations and fault rates")
    parser.add_argument(
        "--state",
        type=Path,
        help="JSON state file: loaded at start when it exists, kept saved while serving",
    )
    return parser.parse_args(argv)


def config_from_args(args: argparse.Namespace) -> EmulatorConfig:
    """Build the configuration from a config file and flags (flags win).

    Raises:
        pydantic.ValidationError: when the file or flags break the configuration schema.

    """
    data = json.loads(args.config.read_text()) if args.config else {}
    if args.tokens:
        data["tokens"] = args.tokens
    if args.seed is not None:
        data["seed"] = args.seed
    if args.state is not None:
        data["state_file"] = str(args.state)
    return EmulatorConfig.model_validate(data)


def run(config: EmulatorConfig, host: str = "127.0.0.1", port: int = 8080) -> int:
    """Serve an emulator with ``config`` until interrupted; return the exit code (0).

    Prints ``scrapejobs emulator listening on http://HOST:PORT`` once listening (the real port
    when ``port`` is 0). Never prints a token. With ``config.state_file`` the state is loaded
    from it first and saved to it while serving and on shutdown.

    Raises:
        persist.StateDocumentError: when the state file is corrupt or of another version.

    """
    emulator = Emulator(config)
    server = make_server(emulator, host, port)

    async def serve() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started:
            print(
                f"scrapejobs emulator listening on http://{host}:{bound_port(server)}", flush=True
            )
        await task

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        return 0
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m scrapejobs_emulator``: parse the flags, then :func:`run`."""
    args = parse_args(argv)
    try:
        return run(config_from_args(args), args.host, args.port)
    except StateDocumentError as exc:
        print(f"scrapejobs emulator: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
