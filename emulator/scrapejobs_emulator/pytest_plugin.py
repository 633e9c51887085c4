"""pytest fixtures for users' own test suites (registered automatically as ``scrapejobs_emulator``).

- ``scrapejobs_emulator``: an in-process :class:`~scrapejobs_emulator.Emulator` on a
  :class:`~scrapejobs_emulator.ManualClock`; jobs finish 1 s (emulated) after creation. Advance
  time with ``scrapejobs_emulator.clock.advance(1)``; build clients with
  ``scrapejobs_emulator.client("scrapio")``.
- ``scrapejobs_emulator_server``: the emulator served by uvicorn on 127.0.0.1 (free port, wall
  clock, jobs finishing within 0.2 to 0.5 s); yields a :class:`ServedEmulator` with ``base_url`` and
  ``emulator``.

Like moto's ``mock_aws``: no network beyond loopback, no credentials, no credits spent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from scrapejobs_emulator.app import Emulator
from scrapejobs_emulator.clock import ManualClock
from scrapejobs_emulator.config import EmulatorConfig, Progression
from scrapejobs_emulator.inprocess import emulator_client
from scrapejobs_emulator.server import serve_in_thread


class InProcessEmulator(Emulator):
    """An :class:`Emulator` with a manual clock and a ``client()`` shortcut."""

    clock: ManualClock

    def client(
        self,
        provider: Any,
        token: str = "emulator-token",  # noqa: S107 -- the emulator's default
        **kwargs: Any,
    ) -> Any:
        """Return ``provider``'s generated client wired to this emulator."""
        return emulator_client(self, provider, token, **kwargs)


@dataclass(frozen=True)
class ServedEmulator:
    """An emulator served over HTTP on loopback."""

    base_url: str
    emulator: Emulator

    def url(self, provider: str) -> str:
        """Return the base URL of one provider's API (``<base_url>/<provider>``)."""
        return f"{self.base_url}/{provider}"


@pytest.fixture
def scrapejobs_emulator() -> InProcessEmulator:
    """Return a fresh in-process emulator on a manual clock (jobs take 1 emulated second)."""
    config = EmulatorConfig(progression=Progression(min_seconds=1.0, max_seconds=1.0))
    return InProcessEmulator(config, clock=ManualClock())


@pytest.fixture
def scrapejobs_emulator_server() -> Iterator[ServedEmulator]:
    """Serve a fresh emulator on 127.0.0.1 (free port) for the test; stop it afterwards."""
    emulator = Emulator(EmulatorConfig())
    with serve_in_thread(emulator) as base_url:
        yield ServedEmulator(base_url=base_url, emulator=emulator)
