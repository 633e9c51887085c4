"""Print what the contract tests exercised: per provider, the documented (operation, status)
pairs reached by the schemathesis runs against the emulator and by the cassettes.

With ``SCRAPEJOBS_CONTRACT_COVERAGE=enforce`` (``nox -s contract``) the session fails when a
provider is below 100 % of its operations or 90 % of its documented statuses.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.contract.coverage import Coverage, coverage, table
from tests.contract.harness import RAN
from tests.contract.test_emulator_contract import SEEN

ENFORCE = os.environ.get("SCRAPEJOBS_CONTRACT_COVERAGE") == "enforce"


def results() -> list[Coverage]:
    """Return each provider's coverage from the pairs this session's runs recorded."""
    providers = sorted({provider for provider, *_ in SEEN})
    return [
        coverage(provider, ((m.upper(), p, s) for (prov, m, p, s) in SEEN if prov == provider))
        for provider in providers
    ]


def pytest_runtest_call(item: pytest.Item) -> None:
    """Note that this process runs ``item`` (see test_every_operation_was_exercised)."""
    RAN.add(id(item))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session when coverage is enforced and a provider is below a threshold."""
    if ENFORCE and exitstatus == 0 and any(not result.passes for result in results()):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the coverage table (only when the contract tests ran)."""
    if not SEEN:
        return
    terminalreporter.section("contract coverage: documented statuses (E emulator, C cassettes)")
    for result in results():
        for line in table(result):
            terminalreporter.write_line(line)
    if ENFORCE and any(not result.passes for result in results()):
        terminalreporter.write_line("contract coverage below the thresholds: FAILED")
