"""One adapter per provider, each over that provider's generated client."""

from __future__ import annotations

import importlib
from typing import Any

from scrapejobs.clients import PROVIDERS, UnknownProviderError

_CLASSES = {
    "decodo": "DecodoAdapter",
    "scrapedo": "ScrapedoAdapter",
    "scrapingpros": "ScrapingprosAdapter",
    "scraperapi": "ScraperapiAdapter",
    "scrapio": "ScrapioAdapter",
}


def adapter_class(provider: str) -> Any:
    """Return the adapter class of ``provider``.

    Raises:
        UnknownProviderError: for a provider scrapejobs does not support.

    """
    if provider not in PROVIDERS:
        raise UnknownProviderError(provider)
    module = importlib.import_module(f"scrapejobs.providers.{provider}")
    return getattr(module, _CLASSES[provider])
