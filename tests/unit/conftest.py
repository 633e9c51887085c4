"""Fixtures shared by the overlay tests: a manual clock and an emulator on it (3 s jobs)."""

from __future__ import annotations

import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock, Progression


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def emulator(clock: ManualClock) -> Emulator:
    return Emulator(
        EmulatorConfig(progression=Progression(min_seconds=3, max_seconds=3)), clock=clock
    )
