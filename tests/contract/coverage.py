"""Contract coverage: which documented (operation, status) pairs the schemathesis runs against
the emulator and the recorded cassettes exercised, per provider.

``nox -s contract`` prints the table (tests/contract/conftest.py) and fails below
:data:`MIN_OPERATIONS` of the operations or :data:`MIN_STATUSES` of the documented statuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tests.cassettes.cassettes import (
    cassette_paths,
    find_operation,
    load_cassette,
    spec,
)
from tests.specs.spec_documents import HTTP_METHODS

MIN_OPERATIONS = 1.0
MIN_STATUSES = 0.9

Pair = tuple[str, str, int]
"""``(METHOD, path template, status)``."""


@dataclass(frozen=True)
class Coverage:
    """What one provider's documented statuses got: by the emulator runs, by the cassettes."""

    provider: str
    documented: frozenset[Pair]
    emulator: frozenset[Pair]
    cassettes: frozenset[Pair]

    @property
    def operations(self) -> frozenset[tuple[str, str]]:
        """Return every documented operation ``(METHOD, path)``."""
        return frozenset((method, path) for method, path, _ in self.documented)

    @property
    def exercised(self) -> frozenset[Pair]:
        """Return the documented pairs the emulator runs or the cassettes exercised."""
        return self.documented & (self.emulator | self.cassettes)

    @property
    def operation_ratio(self) -> float:
        """Return the share of operations with at least one documented status exercised."""
        done = {(method, path) for method, path, _ in self.exercised}
        return len(done) / len(self.operations) if self.operations else 1.0

    @property
    def status_ratio(self) -> float:
        """Return the share of documented (operation, status) pairs exercised."""
        return len(self.exercised) / len(self.documented) if self.documented else 1.0

    @property
    def passes(self) -> bool:
        """Return whether both shares reach their thresholds."""
        return self.operation_ratio >= MIN_OPERATIONS and self.status_ratio >= MIN_STATUSES


def documented_pairs(document: dict[str, Any]) -> frozenset[Pair]:
    """Return every ``(METHOD, path, status)`` a spec documents (numeric statuses only)."""
    pairs = set()
    for path, item in document.get("paths", {}).items():
        for method in HTTP_METHODS:
            for status in item.get(method, {}).get("responses", {}):
                if str(status).isdigit():
                    pairs.add((method.upper(), path, int(status)))
    return frozenset(pairs)


def cassette_pairs(provider: str) -> frozenset[Pair]:
    """Return the ``(METHOD, path template, status)`` of every recorded interaction."""
    pairs = set()
    for path in cassette_paths():
        if path.parent.name != provider:
            continue
        for interaction in load_cassette(path).get("interactions") or []:
            request = interaction["request"]
            operation = find_operation(provider, request["method"], request["uri"])
            status = int(interaction["response"]["status"]["code"])
            pairs.add((operation.method, operation.template, status))
    return frozenset(pairs)


def coverage(provider: str, emulator: Iterable[Pair]) -> Coverage:
    """Return ``provider``'s coverage from the pairs the emulator runs saw and the cassettes."""
    return Coverage(
        provider=provider,
        documented=documented_pairs(spec(provider)),
        emulator=frozenset(emulator),
        cassettes=cassette_pairs(provider),
    )


def table(result: Coverage) -> list[str]:
    """Return the readable table: one line per operation, each documented status marked
    ``E`` (emulator runs), ``C`` (cassettes), ``EC`` (both) or ``-`` (neither)."""
    lines = [
        f"{result.provider}: operations {result.operation_ratio:.0%} "
        f"(min {MIN_OPERATIONS:.0%}), documented statuses {len(result.exercised)}/"
        f"{len(result.documented)} = {result.status_ratio:.0%} (min {MIN_STATUSES:.0%})"
    ]
    for method, path in sorted(result.operations, key=lambda op: (op[1], op[0])):
        cells = []
        for _, _, status in sorted(p for p in result.documented if p[:2] == (method, path)):
            pair = (method, path, status)
            mark = ("E" if pair in result.emulator else "") + (
                "C" if pair in result.cassettes else ""
            )
            cells.append(f"{status}:{mark or '-'}")
        lines.append(f"    {method:6} {path}  " + " ".join(cells))
    return lines
