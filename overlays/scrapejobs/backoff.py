"""How long to wait between polls and retries: exponential backoff with jitter and floors.

Pure functions of the attempt number, a seeded random generator and the server's hint, so tests
check exact values and nothing here sleeps.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

# The least time between two status reads of one job, per provider's documentation.
MIN_POLL_INTERVAL: Final[dict[str, float]] = {
    "decodo": 0.0,
    "scrapedo": 0.0,
    "scrapingpros": 0.0,
    "scraperapi": 0.0,
    "scrapio": 1.0,  # "Do not poll more than once per second" (seed 004)
}

# The least time between two batch submissions of one account, per provider's documentation.
MIN_BATCH_INTERVAL: Final[dict[str, float]] = {"decodo": 1.0}  # "1 request per second" (seed 000)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff: ``first * multiplier**attempt``, capped at ``maximum``.

    ``jitter`` spreads each delay uniformly by ±that fraction (so many waiters do not poll in
    step); ``floor`` is a provider's minimum interval, never undercut, even by jitter.
    """

    first: float = 1.0
    maximum: float = 30.0
    multiplier: float = 2.0
    jitter: float = 0.2
    floor: float = 0.0

    def __post_init__(self) -> None:
        if self.first <= 0 or self.maximum < self.first or self.multiplier < 1:
            raise ValueError("need 0 < first <= maximum and multiplier >= 1")
        if not 0 <= self.jitter < 1 or self.floor < 0:
            raise ValueError("need 0 <= jitter < 1 and floor >= 0")

    def delay(
        self,
        attempt: int,
        rng: random.Random,
        *,
        hint: float | None = None,
        hint_cap: float = 120.0,
    ) -> float:
        """Return the wait in seconds before retry/poll number ``attempt + 1`` (``attempt`` >= 0).

        A server ``hint`` (``Retry-After``) is honoured up to ``hint_cap`` seconds: the delay is
        never shorter than the capped hint, nor shorter than ``floor``. Never negative; never
        raises for ``attempt >= 0``.
        """
        base = min(self.maximum, self.first * self.multiplier ** min(attempt, 64))
        delay = base * (1 + rng.uniform(-self.jitter, self.jitter)) if self.jitter else base
        if hint is not None:
            delay = max(delay, min(max(hint, 0.0), hint_cap))
        return max(delay, self.floor)


def poll_backoff(provider: str, first: float = 1.0, maximum: float = 30.0) -> Backoff:
    """Return the polling backoff for ``provider``, with its documented minimum interval.

    Raises:
        KeyError: for an unknown provider.

    """
    floor = MIN_POLL_INTERVAL[provider]
    return Backoff(first=max(first, floor), maximum=max(maximum, floor), floor=floor)
