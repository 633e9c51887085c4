"""Where a PostgreSQL ledger lives: its URL, the run inside its database, and a connection to it.

A ledger URL is ``postgresql://user:password@host:port/database`` (or ``postgres://``), with an
optional ``run`` query parameter naming the run inside the database (``default`` when absent):
``postgresql://…/scrapejobs?run=prices-2026-12``. Several runs share a database; ``run`` is
stripped before connecting, every other parameter (``sslmode``, ``connect_timeout``, …) goes to
libpq as given.

The password never leaves this module in a readable form: :attr:`PostgresLocation.shown` (what
messages, reprs and summaries print) has it replaced by ``***``, and :func:`connect` masks it
in the errors it raises. Needs the ``postgres`` extra (psycopg 3) only for :func:`connect`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from scrapejobs.batch.ledger import LedgerUnavailableError

if TYPE_CHECKING:
    import psycopg

SCHEMES: Final = ("postgresql", "postgres")
DEFAULT_RUN: Final = "default"
POSTGRES_EXTRA_HINT: Final = (
    "the PostgreSQL ledger needs its extra: pip install 'scrapejobs[postgres]'"
)
MASK: Final = "***"
RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}")
"""A run's name: letters, digits and ``._:@+-``, at most 200 characters."""

CONNECT_DEFAULTS: Final = {
    "connect_timeout": "10",
    "keepalives": "1",
    "keepalives_idle": "30",
    "keepalives_interval": "10",
    "keepalives_count": "3",
    "application_name": "scrapejobs",
}
"""libpq settings used unless the URL gives its own: a dead server is noticed within about a
minute (TCP keepalives) instead of after the kernel's two hours, and an unreachable one in 10 s."""


def is_postgres_url(location: object) -> bool:
    """Return whether ``location`` is a ``postgresql://`` or ``postgres://`` URL (a str)."""
    return isinstance(location, str) and location.split("://", 1)[0].lower() in SCHEMES


@dataclass(frozen=True)
class PostgresLocation:
    """A parsed ledger URL: what to connect to, which run, and how to show it."""

    conninfo: str = field(repr=False)
    """The URL libpq connects with (``run`` removed; holds the password)."""
    run: str
    """The run's name inside the database."""
    shown: str
    """The URL with the password replaced by ``***`` (and ``run`` kept): safe to print."""
    password: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.shown

    def mask(self, text: str) -> str:
        """Return ``text`` with the password (raw or URL-encoded) replaced by ``***``."""
        if not self.password:
            return text
        for secret in {self.password, quote(self.password, safe="")}:
            text = text.replace(secret, MASK)
        return text


def parse_postgres_url(url: str) -> PostgresLocation:
    """Parse ledger URL ``url`` (see the module docstring); never connects.

    Raises:
        LedgerUnavailableError: not a PostgreSQL URL, or a ``run`` that is empty, repeated or
            not a plain name (the message shows the URL without its password).

    """
    parts = urlsplit(url)
    password = unquote(parts.password) if parts.password is not None else None
    query = parse_qsl(parts.query, keep_blank_values=True)
    password = next((unquote(v) for k, v in query if k == "password"), password)
    runs = [value for key, value in query if key == "run"]
    kept = [(key, value) for key, value in query if key != "run"]
    netloc = parts.netloc
    if parts.password is not None:
        user_info, _, host = netloc.rpartition("@")
        netloc = f"{user_info.split(':', 1)[0]}:{MASK}@{host}"
    shown_query = urlencode([(k, MASK if k == "password" else v) for k, v in query], safe="*")
    shown = urlunsplit((parts.scheme, netloc, parts.path, shown_query, ""))
    if parts.scheme.lower() not in SCHEMES:
        raise LedgerUnavailableError(f"ledger {shown} is not a postgresql:// URL")
    if len(runs) > 1:
        raise LedgerUnavailableError(f"ledger {shown} names more than one run")
    run = runs[0] if runs else DEFAULT_RUN
    if not RUN_NAME.fullmatch(run):
        raise LedgerUnavailableError(
            f"ledger {shown}: run {run!r} is not a name (letters, digits and ._:@+-, "
            "at most 200 characters)"
        )
    conninfo = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))
    return PostgresLocation(conninfo, run, shown, password)


def connect(location: PostgresLocation) -> psycopg.Connection[Any]:
    """Open an autocommit connection to ``location``'s database (libpq defaults: CONNECT_DEFAULTS).

    Raises:
        ImportError: psycopg is not installed (the message names the ``postgres`` extra).
        LedgerUnavailableError: the server cannot be reached, refused the credentials, or has no
            such database (the password masked in the message).

    """
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict, make_conninfo
    except ImportError as exc:
        raise ImportError(POSTGRES_EXTRA_HINT) from exc
    given = conninfo_to_dict(location.conninfo)
    settings = {key: value for key, value in CONNECT_DEFAULTS.items() if key not in given}
    try:
        return psycopg.connect(make_conninfo(location.conninfo, **settings), autocommit=True)
    except psycopg.Error as exc:
        reason = location.mask(" ".join(str(exc).split()))
        raise LedgerUnavailableError(f"cannot open the ledger {location.shown}: {reason}") from None
