"""schemathesis 4 against the in-process emulator: every operation of every spec, and the chains.

Positive and negative generation with every registered check. Zero failures means the emulator
answers exactly as the specs say, and the specs describe an implementable API.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.contract.harness import (
    AUTH_HEADERS,
    PROVIDERS,
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

# The chains that must reach a finished job and its result (operation path, success status).
RESULTS_REACHED = {
    "decodo": ("GET", "/v3/task/{task_id}/results", 200),
    "scrapedo": ("GET", "/api/v1/jobs/{jobID}/{taskID}", 200),
    "scrapingpros": (
        "GET",
        "/v1/async/collections/{collection_id}/runs/{run_id}/jobs/{job_id}/result",
        200,
    ),
    "scraperapi": ("GET", "/jobs/{jobId}", 200),
    "scrapio": ("GET", "/v1/jobs/{job_id}/result", 200),
}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_operation_was_exercised(provider: str) -> None:
    """Runs after the generated tests (file order): every documented operation got traffic."""
    _, schema = loaded(provider)
    operations = {
        (result.ok().method.upper(), result.ok().path) for result in schema.get_all_operations()
    }
    exercised = {(m.upper(), p) for (prov, m, p, _) in SEEN if prov == provider}
    assert operations <= exercised, operations - exercised
    method, path, status = RESULTS_REACHED[provider]
    assert SEEN[(provider, method, path, status)] > 0, f"no chain reached {method} {path} {status}"
