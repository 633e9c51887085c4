"""The five emulated providers, one module each."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from scrapejobs_emulator.config import PROVIDER_NAMES

if TYPE_CHECKING:
    from scrapejobs_emulator.core import Emulator
    from scrapejobs_emulator.provider import ProviderApp


def build_providers(emulator: Emulator) -> dict[str, ProviderApp]:
    """Return one instance of every provider app, bound to ``emulator``, keyed by name."""
    apps: dict[str, ProviderApp] = {}
    for name in PROVIDER_NAMES:
        module = importlib.import_module(f"scrapejobs_emulator.providers.{name}")
        apps[name] = module.Provider(emulator)
    return apps
