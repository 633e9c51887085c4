"""The ``scrapejobs`` command line: :func:`main` is the console script's entry point.

- :mod:`scrapejobs.cli.commands`: the click group and its commands (``run``, ``submit``,
  ``status``, ``result``, ``cancel``, ``emulator``), their checks and exit codes;
- :mod:`scrapejobs.cli.execute`: one ``scrapejobs run`` (files, receiver, progress, summary);
- :mod:`scrapejobs.cli.receive`: ``scrapejobs receive`` (webhooks into a PostgreSQL ledger);
- :mod:`scrapejobs.cli.credentials`: tokens from ``--token`` or the environment;
- :mod:`scrapejobs.cli.logs`: ``-v`` / ``--log-level`` logging to stderr, credentials redacted;
- :mod:`scrapejobs.cli.proxies`: ``HTTP_PROXY`` / ``HTTPS_PROXY`` / ``NO_PROXY`` as httpx mounts.

The command line uses the job interface (:mod:`scrapejobs`) and the batch runner
(:mod:`scrapejobs.batch`); nothing else imports it. It needs the ``cli`` extra (click, rich,
aiohttp): without it :func:`main` prints the one-line ``pip install`` command and exits 2
(see :mod:`scrapejobs.cli.extra`).
"""

from typing import TYPE_CHECKING

from scrapejobs.cli.extra import cli_extra_installed

if TYPE_CHECKING or cli_extra_installed():
    from scrapejobs.cli.commands import main
else:
    from scrapejobs.cli.extra import missing_extra_main as main

__all__ = ["main"]
