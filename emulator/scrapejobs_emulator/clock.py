"""Time for the emulator: the wall clock in production, a hand-driven clock in tests."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Something that tells the time in seconds since the epoch."""

    def now(self) -> float:
        """Return the current time in seconds since the epoch."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> float:
        """Return ``time.time()``."""
        return time.time()


class ManualClock:
    """A clock that only moves when told to, so tests never sleep.

    Starts at ``start`` (default 2026-06-26T10:00:00Z) and moves with :meth:`advance`.
    """

    def __init__(self, start: float = 1_782_468_000.0) -> None:
        self._now = start

    def now(self) -> float:
        """Return the current emulated time."""
        return self._now

    def advance(self, seconds: float) -> float:
        """Move the clock forward by ``seconds`` (never backwards) and return the new time.

        Raises:
            ValueError: when ``seconds`` is negative.

        """
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds
        return self._now
