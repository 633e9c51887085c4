"""Many concurrent jobs through the overlay with every fault on: all complete, none twice.

Uses scripts/bench_overlay.py's virtual-time runner (the 1,000-job numbers in the closing note
come from the same code at a larger size).
"""

from __future__ import annotations

import asyncio
from types import ModuleType

import pytest

from tests.scripts import load_script


def bench() -> ModuleType:
    """Return scripts/bench_overlay.py as a module."""
    return load_script("bench_overlay")


@pytest.mark.parametrize("webhooks", [False, True])
def test_sixty_jobs_with_faults_complete_once_each(webhooks: bool) -> None:
    metrics = asyncio.run(bench().run(60, webhooks=webhooks, seed=5))
    assert metrics["duplicates"] == 0
    assert metrics["jobs_completed"] + metrics["submissions_uncertain"] == 60
    assert metrics["submissions_uncertain"] == 0  # Scrapio submissions are idempotent
    assert sum(metrics["faults"].values()) > 0
    assert metrics["emulated_seconds"] < 3600  # nothing hung until the deadline
