"""Fixtures for the emulator tests: a manual clock, an in-process emulator, a webhook receiver."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock, Progression


@dataclass
class Receiver:
    """A webhook receiver: records every request, answers with the next scripted status."""

    statuses: list[int] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        status = self.statuses.pop(0) if self.statuses else 200
        return httpx.Response(status)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def config() -> EmulatorConfig:
    """Jobs finish exactly 1 s after creation; two accounts."""
    return EmulatorConfig(
        tokens=["emulator-token", "other-account"],
        progression=Progression(mode="duration", min_seconds=1.0, max_seconds=1.0),
    )


@pytest.fixture
def emulator(config: EmulatorConfig, clock: ManualClock, receiver: Receiver) -> Emulator:
    return Emulator(config, clock=clock, webhook_transport=receiver.transport())
