"""Duplicate inputs of a run: found, warned about, and (with ``--dedupe``) submitted once.

Two inputs are duplicates when they carry the same provider parameters (a URL line and
``{"url": <the same URL>}`` are the same input). Without ``--dedupe`` each is a job of its own,
and the run warns with their line numbers; with it, the first of them is submitted and its
outcome is written for every duplicate line too (each under its own line number).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import AsyncGenerator, Mapping, Sequence
from dataclasses import dataclass

from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.results import ItemResult, RunStats

MAX_WARNED = 50
"""How many duplicate lines a warning lists before "and N more"."""


@dataclass(frozen=True)
class Duplicates:
    """The distinct inputs of a run, and the later lines that repeat each of them."""

    distinct: tuple[RunInput, ...]
    """The first input of each distinct set of parameters, in input order."""
    copies: Mapping[int, tuple[RunInput, ...]]
    """First line -> the later inputs with the same parameters (absent: no duplicate)."""

    @property
    def count(self) -> int:
        """Return how many inputs repeat an earlier one."""
        return sum(len(later) for later in self.copies.values())


def find_duplicates(inputs: Sequence[RunInput]) -> Duplicates:
    """Return the distinct inputs and the duplicates of each (same parameters, any key order)."""
    first: dict[str, RunInput] = {}
    copies: dict[int, list[RunInput]] = {}
    for item in inputs:
        key = json.dumps(item.params, sort_keys=True, separators=(",", ":"))
        seen = first.setdefault(key, item)
        if seen is not item:
            copies.setdefault(seen.line, []).append(item)
    return Duplicates(tuple(first.values()), {line: tuple(later) for line, later in copies.items()})


def duplicate_warning(duplicates: Duplicates, path: str, *, deduped: bool) -> list[str]:
    """Return the warning lines ``path:line: same input as line N`` (capped), or [] for none."""
    if not duplicates.count:
        return []
    pairs = sorted(
        (later.line, first) for first, copies in duplicates.copies.items() for later in copies
    )
    what = (
        "submitted once (--dedupe), its result written for each line"
        if deduped
        else "each is a job of its own (--dedupe submits them once)"
    )
    lines = [f"{duplicates.count} duplicate input(s): {what}:"]
    lines += [f"{path}:{line}: same input as line {first}" for line, first in pairs[:MAX_WARNED]]
    if len(pairs) > MAX_WARNED:
        lines.append(f"and {len(pairs) - MAX_WARNED} more")
    return lines


async def with_duplicates(
    results: AsyncGenerator[ItemResult, None], duplicates: Duplicates, stats: RunStats
) -> AsyncGenerator[ItemResult, None]:
    """Yield each of ``results``, then its outcome again for each duplicate line of its input.

    The copies are counted in ``stats`` (inputs and outcomes) as the lines they are written for.
    Closing this generator closes ``results`` (the run ends).
    """
    async with contextlib.aclosing(results):
        async for item in results:
            yield item
            for later in duplicates.copies.get(item.line, ()):
                stats.inputs += 1
                stats.by_state[item.state] += 1
                yield dataclasses.replace(item, input=later)
