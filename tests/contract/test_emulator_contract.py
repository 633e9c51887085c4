"""schemathesis 4 against the in-process emulator: every operation of every spec, and the chains.

Positive and negative generation with every registered check. Zero failures means the emulator
answers exactly as the specs say, and the specs describe an implementable API.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest

from tests.contract.harness import (
    AUTH_HEADERS,
    PROVIDERS,
    RAN,
    SETTINGS,
    STATEFUL_SETTINGS,
    loaded,
    next_call,
    with_credentials,
)

SEEN: Counter[tuple[str, str, str, int]] = Counter()


def _property_test(provider: str) -> Any:
    emulator, schema = loaded(provider)

    @schema.parametrize()  # type: ignore[untyped-decorator]
    @SETTINGS
    def test(case: Any) -> None:
        next_call(emulator)
        with_credentials(provider, case)
        # No explicit checks: every check schemathesis.toml enables for this operation.
        response = case.call_and_validate(headers=AUTH_HEADERS[provider])
        SEEN[(provider, case.method, case.operation.path, response.status_code)] += 1

    return test


test_decodo_operations = _property_test("decodo")
test_scrapedo_operations = _property_test("scrapedo")
test_scrapingpros_operations = _property_test("scrapingpros")
test_scraperapi_operations = _property_test("scraperapi")
test_scrapio_operations = _property_test("scrapio")


def _stateful_test(provider: str) -> Any:
    emulator, schema = loaded(provider)

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            # Every scenario starts from an empty emulator, so replays are deterministic.
            emulator.reset()

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": AUTH_HEADERS[provider]}

        def before_call(self, case: Any) -> None:
            next_call(emulator)
            with_credentials(provider, case)

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            kwargs.pop("checks", None)
            case.validate_response(response, **kwargs)

        def after_call(self, response: Any, case: Any) -> None:
            SEEN[(provider, case.method, case.operation.path, response.status_code)] += 1

    test_case = Workflow.TestCase
    test_case.settings = STATEFUL_SETTINGS
    return test_case


TestDecodoChains = _stateful_test("decodo")
TestScrapedoChains = _stateful_test("scrapedo")
TestScrapingprosChains = _stateful_test("scrapingpros")
TestScraperapiChains = _stateful_test("scraperapi")
TestScrapioChains = _stateful_test("scrapio")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_operation_was_exercised(provider: str, request: pytest.FixtureRequest) -> None:
    """Runs after the generated tests (file order): every documented operation got traffic.

    A finished job's result is reached on purpose by test_documented_flows.py (the chains above
    reach it only when hypothesis happens to draw the whole flow). Under pytest-xdist the
    operation tests of one provider may run in several processes, whose traffic this process
    does not see: then the check is skipped, saying so (``nox -s contract`` runs it whole).
    """
    generated = [
        item
        for item in request.session.items
        if getattr(item, "originalname", item.name) == f"test_{provider}_operations"
    ]
    elsewhere = [item for item in generated if id(item) not in RAN]
    if elsewhere and os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip(
            f"{len(elsewhere)} of {len(generated)} {provider} operation tests ran in another "
            "pytest-xdist process; nox -s contract checks every operation in one process"
        )
    _, schema = loaded(provider)
    operations = {
        (result.ok().method.upper(), result.ok().path) for result in schema.get_all_operations()
    }
    exercised = {(m.upper(), p) for (prov, m, p, _) in SEEN if prov == provider}
    assert operations <= exercised, operations - exercised
