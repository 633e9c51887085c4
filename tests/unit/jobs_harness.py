"""Shared setup of the overlay tests: job clients wired to an in-process emulator."""

from __future__ import annotations

from typing import Any

import httpx

from scrapejobs_emulator import Emulator, EmulatorTransport, ManualClock

TOKEN = "emulator-token"


def emulated_jobs(
    cls: Any,
    provider: str,
    emulator: Emulator,
    clock: ManualClock,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    **kwargs: Any,
) -> Any:
    """Return ``cls`` (Jobs or AsyncJobs) for ``provider`` on ``emulator``.

    Its sleep moves the manual clock instead of waiting; ``kwargs`` go to the constructor.
    """

    async def fake_sleep(seconds: float) -> None:
        clock.advance(seconds)

    return cls(
        provider,
        TOKEN,
        base_url=f"http://emu/{provider}",
        httpx_args={"transport": transport or EmulatorTransport(emulator)},
        clock=clock.now,
        sleep=fake_sleep,
        **kwargs,
    )
