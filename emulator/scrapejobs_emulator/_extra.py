"""Checked first on import of :mod:`scrapejobs_emulator`: the ``emulator`` extra is installed.

The base install (``pip install scrapejobs``) ships this package without its server libraries;
importing it then raises an ImportError whose message is the one ``pip install`` command to run,
instead of a ``ModuleNotFoundError`` for whichever library happened to be imported first.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Final

EMULATOR_EXTRA_MODULES: Final = ("starlette", "uvicorn", "anyio", "pydantic", "yaml", "jsonschema")
"""What ``scrapejobs[emulator]`` installs that the emulator imports."""
EMULATOR_EXTRA_HINT: Final = "the emulator needs its extra: pip install 'scrapejobs[emulator]'"


def missing_modules() -> list[str]:
    """Return the modules of the ``emulator`` extra that cannot be imported (never imports them)."""
    return [name for name in EMULATOR_EXTRA_MODULES if find_spec(name) is None]


_missing = missing_modules()
if _missing:
    raise ImportError(EMULATOR_EXTRA_HINT, name=_missing[0])
