"""Shared setup of the contract tests: one in-process emulator and schema per provider.

The budget (hypothesis examples per operation) comes from ``SCRAPEJOBS_CONTRACT_EXAMPLES``
(default 25, what ``nox -s tests`` runs); ``nox -s contract`` raises it.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock, Progression

PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
TOKEN = "emulator-token"
AUTH_HEADERS: dict[str, dict[str, str]] = {
    "decodo": {"Authorization": f"Basic {TOKEN}"},
    "scrapedo": {"X-Token": TOKEN},
    "scrapingpros": {"Authorization": f"Bearer {TOKEN}"},
    "scraperapi": {},
    "scrapio": {"Authorization": f"Bearer {TOKEN}"},
}
EXAMPLES = int(os.environ.get("SCRAPEJOBS_CONTRACT_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,  # no example database: a local run is exactly what CI runs
)
# Stateful scenarios need more examples to walk the longest chain (ScrapingPros: collection with
# at least one valid item -> run -> job result) often enough; 60 reaches it in every provider.
STATEFUL_SETTINGS = settings(SETTINGS, max_examples=max(EXAMPLES, 60))


RAN: set[int] = set()
"""The test items this process ran (their ``id``), recorded by tests/contract/conftest.py."""


CONFIG_FILE = Path(__file__).resolve().parents[2] / "schemathesis.toml"
"""The settings the schemathesis CLI reads from the repository root; the harness uses the same
file, so a per-operation setting (and its reason) lives in one place."""


def contract_config() -> SchemathesisConfig:
    """Return the repository's ``schemathesis.toml`` as a schemathesis config."""
    return SchemathesisConfig.from_path(CONFIG_FILE)


@schemathesis.hook
def filter_path_parameters(_context: Any, path_parameters: dict[str, Any] | None) -> bool:
    """Skip ``.`` and ``..`` path values: every HTTP client normalises them away, so such a
    request never reaches the operation it was generated for."""
    return not any(str(value) in (".", "..") for value in (path_parameters or {}).values())


def contract_emulator() -> Emulator:
    """Return an emulator on a manual clock whose jobs take 1 to 3 emulated seconds.

    A manual clock keeps every run identical (hypothesis replays examples and requires it); the
    tests move it 2 s forward before each call, so a chain sees some jobs still running and most
    finished one call later, and time-based rules (Decodo's one batch per second) behave as
    with a real client.
    """
    return Emulator(
        EmulatorConfig(
            tokens=[TOKEN],
            progression=Progression(mode="duration", min_seconds=1.0, max_seconds=3.0),
            # ScraperAPI links status URLs to this host; keep it the ASGI test host.
            public_base_url="http://testserver",
        ),
        clock=ManualClock(),
    )


def next_call(emulator: Emulator) -> None:
    """Let two emulated seconds pass before the next call."""
    clock = emulator.clock
    if isinstance(clock, ManualClock):
        clock.advance(2.0)


@functools.cache
def loaded(provider: str) -> tuple[Emulator, Any]:
    """Return ``(emulator, schema)`` for ``provider``: the spec the emulator serves, in-process."""
    emulator = contract_emulator()
    schema = schemathesis.openapi.from_dict(
        emulator.spec_document(provider), config=contract_config()
    )
    schema.app = emulator.app
    return emulator, schema


def with_credentials(provider: str, case: Any) -> None:
    """Put the provider's credential where it belongs when it travels in the body (ScraperAPI).

    Only a string ``apiKey`` is replaced, so a negative case whose key has the wrong type stays
    negative.
    """
    body = case.body
    if provider == "scraperapi" and isinstance(body, dict) and isinstance(body.get("apiKey"), str):
        body["apiKey"] = TOKEN
