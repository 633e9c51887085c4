"""Print what the contract tests exercised: calls per provider, operation and status."""

from __future__ import annotations

from typing import Any

from tests.contract.test_emulator_contract import SEEN


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Summarise the in-process contract run (only when it ran)."""
    if not SEEN:
        return
    terminalreporter.section("contract coverage (in-process emulator)")
    providers = sorted({provider for provider, *_ in SEEN})
    for provider in providers:
        rows = {key: n for key, n in SEEN.items() if key[0] == provider}
        operations = {(method, path) for _, method, path, _ in rows}
        terminalreporter.write_line(
            f"{provider}: {sum(rows.values())} calls, {len(operations)} operations, "
            f"{len(rows)} (operation, status) pairs"
        )
        for (_, method, path, status), n in sorted(rows.items()):
            terminalreporter.write_line(f"    {method:6} {path} -> {status}: {n}")
