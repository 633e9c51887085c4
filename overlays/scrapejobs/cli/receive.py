"""``scrapejobs receive``: a stateless webhook receiver writing deliveries into PostgreSQL.

Run one or many (behind a load balancer) for a run whose ledger is PostgreSQL; ``scrapejobs run
--ledger postgresql://… --webhook-url https://public/hooks`` wakes on what they store. The
deliveries are verified as ``run``'s own receiver does: the same verifier per provider and the
same secrets, from the same credential (``--token`` or ``SCRAPEJOBS_<PROVIDER>_TOKEN``) and, for
ScrapingPros, ``SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from dataclasses import dataclass, field
from typing import Any

from scrapejobs.batch.pg_deliveries import DeliveryDatabase, require_postgres
from scrapejobs.batch.pg_location import PostgresLocation
from scrapejobs.batch.run_webhooks import RunWebhooks, run_secret
from scrapejobs.cli.credentials import SCRAPINGPROS_WEBHOOK_SECRET_VARIABLE
from scrapejobs.cli.logs import remember_secret
from scrapejobs.webhooks.verifiers.base import WebhookVerifier


@dataclass(frozen=True)
class ReceiveOptions:
    """What ``scrapejobs receive`` was asked to do (checked by the command line)."""

    provider: str
    target: PostgresLocation
    host: str
    port: int
    token: str = field(repr=False)
    """The provider credential the run's webhook secret is derived from ("" for ScrapingPros)."""
    scrapingpros_secret: str | None = field(default=None, repr=False)
    prefix: str = "/hooks"


def scrapingpros_secret(provider: str) -> str | None:
    """Return ``SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET`` (remembered for redaction), or None.

    Raises:
        ValueError: ``provider`` is ScrapingPros and the variable is unset (its deliveries are
            signed with the account's secret; nothing else can verify them).

    """
    secret = os.environ.get(SCRAPINGPROS_WEBHOOK_SECRET_VARIABLE) or None
    remember_secret(secret)
    if provider == "scrapingpros" and not secret:
        raise ValueError(
            "ScrapingPros signs webhooks with the account's secret: set "
            f"{SCRAPINGPROS_WEBHOOK_SECRET_VARIABLE} to receive them"
        )
    return secret


def verifier_maker(options: ReceiveOptions) -> Any:
    """Return ``run_id -> verifier`` for the run: what ``run`` verifies with, exactly."""

    def make(run_id: str) -> WebhookVerifier[Any]:
        secret = run_secret(options.token, run_id) if options.token else "unused"
        remember_secret(secret)
        hooks = RunWebhooks(
            "http://unused", secret=secret, scrapingpros_secret=options.scrapingpros_secret
        )
        return hooks.verifier(options.provider)

    return make


def _listen(host: str, port: int) -> socket.socket:
    """Return a listening socket on ``host:port`` (0 picks a port); raise OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(options: ReceiveOptions) -> int:
    """Serve the receiver until SIGINT/SIGTERM; return the exit code (0).

    Prints one line on stderr once listening (the URL, the run and the database with its
    password hidden); never prints a secret.

    Raises:
        ImportError: psycopg is not installed (the ``postgres`` extra's one-line message).
        OSError: it cannot listen on ``host:port``.

    """
    import uvicorn

    require_postgres()
    from scrapejobs.batch.pg_receiver import receiver_app

    database = DeliveryDatabase(options.target)
    app = receiver_app(database, options.provider, verifier_maker(options), prefix=options.prefix)
    sock = _listen(options.host, options.port)
    port = sock.getsockname()[1]
    url = f"http://{options.host}:{port}{options.prefix.rstrip('/')}/{options.provider}"
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="on", server_header=False
    )
    server = uvicorn.Server(config)
    print(
        f"scrapejobs receive: {url} -> run {options.target.run!r} in {options.target.shown}",
        file=sys.stderr,
        flush=True,
    )
    asyncio.run(server.serve(sockets=[sock]))
    return 0


__all__ = ["ReceiveOptions", "scrapingpros_secret", "serve", "verifier_maker"]
