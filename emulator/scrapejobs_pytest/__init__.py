"""The ``scrapejobs_emulator`` pytest plugin's entry point (``pytest11``), safe in every pytest.

pytest imports every installed plugin when it starts, so this module imports nothing heavy and
never fails: with the ``emulator`` extra installed it registers the fixtures of
:mod:`scrapejobs_emulator.pytest_plugin` (``scrapejobs_emulator``,
``scrapejobs_emulator_server``); without it (``pip install scrapejobs``) it registers nothing,
and the user's pytest runs as if the plugin were absent. (It cannot live inside
:mod:`scrapejobs_emulator`, whose import raises the ``pip install`` message without the extra.)
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Final

EMULATOR_EXTRA_MODULES: Final = ("starlette", "uvicorn", "anyio", "pydantic", "yaml", "jsonschema")
"""The same list as ``scrapejobs_emulator._extra`` (importing that would import the emulator)."""

if all(find_spec(name) is not None for name in EMULATOR_EXTRA_MODULES):
    from scrapejobs_emulator.pytest_plugin import scrapejobs_emulator, scrapejobs_emulator_server

    __all__ = ["scrapejobs_emulator", "scrapejobs_emulator_server"]
