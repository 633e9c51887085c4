"""Documented statuses whose trigger lies on the account side or needs an existing object, which
generated data does not reach: Decodo's 403 for an account whose subscription is inactive
(``decodo_suspended_accounts``), ScrapingPros' 403 for a country proxy the account is not approved
for (``scrapingpros_country_proxies``, also when the approval is withdrawn before a run), and
ScrapingPros' 400/422 on the update of an existing collection. Each answer is validated against
the spec with every check and counted in the contract coverage (tests/contract/coverage.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from scrapejobs_emulator import Emulator
from scrapejobs_emulator.stats import account_label
from tests.contract.harness import AUTH_HEADERS, TOKEN, loaded, next_call
from tests.contract.test_documented_failures import minimal_case, operations
from tests.contract.test_emulator_contract import SEEN

SUSPENDED = "suspended-account-token"


@contextlib.contextmanager
def configured(emulator: Emulator, **changes: Any) -> Iterator[None]:
    """Run the block with ``changes`` applied to the shared emulator's configuration."""
    before = emulator.config
    emulator.configure(before.model_copy(update=changes))
    try:
        yield
    finally:
        emulator.configure(before)


def call(provider: str, case: Any, headers: dict[str, str]) -> Any:
    """Call ``case`` in process, validate the answer against the spec, record and return it."""
    emulator, _ = loaded(provider)
    next_call(emulator)
    response = case.call_and_validate(headers=headers)
    SEEN[(provider, case.method, case.operation.path, response.status_code)] += 1
    return response


def operation(provider: str, operation_id: str) -> Any:
    """Return ``provider``'s operation ``operation_id``."""
    (found,) = [
        op for op in operations(provider) if op.definition.raw["operationId"] == operation_id
    ]
    return found


def test_decodo_answers_403_on_every_operation_for_a_suspended_account() -> None:
    emulator, _ = loaded("decodo")
    with configured(
        emulator,
        tokens=[TOKEN, SUSPENDED],
        decodo_suspended_accounts=[account_label(SUSPENDED)],
    ):
        for op in operations("decodo"):
            response = call(
                "decodo", minimal_case("decodo", op), {"Authorization": f"Basic {SUSPENDED}"}
            )
            assert response.status_code == 403
            assert response.json()["status"] == "error"
            assert "not active" in response.json()["message"]
        # The account in good standing is unaffected.
        task = operation("decodo", "create_task").Case(
            body={"target": "universal", "url": "https://example.com/"},
            media_type="application/json",
        )
        assert call("decodo", task, AUTH_HEADERS["decodo"]).status_code == 200


def _collection(items: list[dict[str, Any]]) -> str:
    case = operation("scrapingpros", "create_collection").Case(
        body={"name": "proxies", "requests": items}, media_type="application/json"
    )
    response = call("scrapingpros", case, AUTH_HEADERS["scrapingpros"])
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_scrapingpros_refuses_country_proxies_the_account_is_not_approved_for() -> None:
    headers = AUTH_HEADERS["scrapingpros"]
    item = {"url": "https://example.com/", "use_proxy": "us"}
    create = operation("scrapingpros", "create_collection").Case(
        body={"name": "proxies", "requests": [item]}, media_type="application/json"
    )
    refused = call("scrapingpros", create, headers)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Country proxy 'US' is not approved for this account"}

    collection_id = _collection([{"url": "https://example.com/"}])
    update = operation("scrapingpros", "update_collection").Case(
        path_parameters={"collection_id": collection_id},
        body={"name": "proxies", "requests": [item]},
        media_type="application/json",
    )
    assert call("scrapingpros", update, headers).status_code == 403

    emulator, _ = loaded("scrapingpros")
    with configured(emulator, scrapingpros_country_proxies=["US"]):
        approved = _collection([item])
    # The approval was withdrawn after the collection was stored: its run is refused.
    run = operation("scrapingpros", "run_collection").Case(
        path_parameters={"collection_id": approved}
    )
    response = call("scrapingpros", run, headers)
    assert response.status_code == 403
    assert "not approved" in response.json()["detail"]
    with configured(emulator, scrapingpros_country_proxies=["us"]):
        assert call("scrapingpros", run, headers).status_code == 201


def test_scrapingpros_update_refuses_malformed_and_invalid_bodies() -> None:
    headers = AUTH_HEADERS["scrapingpros"]
    collection_id = _collection([{"url": "https://example.com/"}])
    update = operation("scrapingpros", "update_collection")
    invalid = update.Case(
        path_parameters={"collection_id": collection_id},
        body={"requests": []},  # name is required
        media_type="application/json",
    )
    response = call("scrapingpros", invalid, headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
    malformed = update.Case(
        path_parameters={"collection_id": collection_id},
        body=b'{"name": ',
        media_type="application/json",
    )
    response = call("scrapingpros", malformed, headers)
    assert response.status_code == 400
    assert "Malformed JSON" in response.json()["detail"]
