"""The command line's own dependencies (the ``cli`` extra), checked before click is imported.

The base install (``pip install scrapejobs``) has the typed clients and the job interface only;
the console script is installed either way, so without the extra it must still say, in one line
and without a traceback, what to install.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec
from typing import Final, NoReturn

CLI_EXTRA_MODULES: Final = ("click", "rich")
"""What ``scrapejobs[cli]`` installs that the command line imports itself."""
CLI_EXTRA_HINT: Final = "the command line needs its extra: pip install 'scrapejobs[cli]'"
EXIT_MISSING_EXTRA: Final = 2
"""Refused before anything is sent, like every other usage error."""


def cli_extra_installed() -> bool:
    """Return whether every module of the ``cli`` extra can be imported (never imports them)."""
    return all(find_spec(name) is not None for name in CLI_EXTRA_MODULES)


def is_missing_extra(error: ImportError) -> bool:
    """Return whether ``error`` is an extra's one-line message (``… pip install 'scrapejobs[…]'``).

    ``scrapejobs_emulator``, :mod:`scrapejobs.webhooks.receiver` and the aiohttp transport raise
    such an ImportError when their extra is not installed; any other ImportError is a defect.
    """
    return "pip install 'scrapejobs[" in str(error)


def missing_extra_main() -> NoReturn:
    """Print the one-line ``pip install 'scrapejobs[cli]'`` message to stderr and exit 2."""
    print(f"scrapejobs: error: {CLI_EXTRA_HINT}", file=sys.stderr)
    sys.exit(EXIT_MISSING_EXTRA)
