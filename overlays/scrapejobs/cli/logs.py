"""Logging for the ``scrapejobs`` command line (``-v`` / ``--log-level``): stderr, redacted.

Every credential the command line reads (``--token``, ``SCRAPEJOBS_<PROVIDER>_TOKEN``, webhook
secrets) is registered with :func:`remember_secret`; the handler installed by
:func:`configure_logging` replaces each of them (and any echoed piece of 8+ characters) with
``[redacted]`` in every record it prints, from any library (httpx, httpcore, uvicorn, …).
"""

from __future__ import annotations

import logging
import sys

from scrapejobs.errors import redact

_SECRETS: set[str] = set()
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def remember_secret(secret: str | None) -> None:
    """Redact ``secret`` from every log line printed from now on (None or blank: no effect)."""
    if secret and secret.strip():
        _SECRETS.add(secret)


class RedactingFilter(logging.Filter):
    """A handler filter that redacts the remembered secrets from a record's whole text."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message (and traceback text) by its redacted form; keep it."""
        record.msg = redact(record.getMessage(), _SECRETS)
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), _SECRETS)
            record.exc_info = None
        return True


def configure_logging(level: str) -> logging.Handler:
    """Log records from ``level`` on (debug/info/warning/error) to stderr, secrets redacted.

    Returns the installed handler (the root logger's only one). Raises ValueError for a level
    that is not a logging level name.
    """
    number = logging.getLevelName(level.upper())
    if not isinstance(number, int):
        raise ValueError(f"not a log level: {level!r}")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(number)
    return handler
