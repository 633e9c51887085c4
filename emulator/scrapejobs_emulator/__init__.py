"""A stateful local emulator of the Decodo, Scrape.do, ScrapingPros, ScraperAPI and Scrapio job APIs.

Each provider is served under its own prefix (``/decodo``, ``/scrapedo``, ``/scrapingpros``,
``/scraperapi``, ``/scrapio``) so a generated client only needs ``base_url``; the control API is
under ``/_emulator``. In-process use::

    from scrapejobs_emulator import Emulator, ManualClock, emulator_client

    emulator = Emulator(clock=ManualClock())
    client = emulator_client(emulator, "scrapio")      # a scrapio_client.AuthenticatedClient

It needs the ``emulator`` extra (``pip install 'scrapejobs[emulator]'``): without it, importing
this package raises an ImportError whose message is that command.
"""

# First: without the emulator extra this raises an ImportError whose message is the pip command.
from scrapejobs_emulator import _extra  # noqa: F401
from scrapejobs_emulator.app import Emulator
from scrapejobs_emulator.clock import Clock, ManualClock, SystemClock
from scrapejobs_emulator.config import EmulatorConfig, Faults, Progression
from scrapejobs_emulator.inprocess import EmulatorTransport, emulator_client
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.stats import account_label

__all__ = [
    "Clock",
    "Emulator",
    "EmulatorConfig",
    "EmulatorTransport",
    "Faults",
    "JobRecord",
    "ManualClock",
    "Phase",
    "Progression",
    "SystemClock",
    "account_label",
    "emulator_client",
]
