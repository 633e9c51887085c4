"""A provider adding a job status or a response field must not crash a user's program.

The specs type status fields as ``anyOf: [<known enum>, string]`` and leave response objects open,
so the generated client keeps unknown values as plain strings and unknown keys in
``additional_properties``. These tests feed each status response a status and a field that no
spec knows.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.specs.spec_documents import component_name, load_spec, model_class, operations

# (provider, operationId, status field) of every operation that reports a job's state.
STATUS_OPERATIONS = [
    ("decodo", "get_task", "status"),
    ("scrapedo", "get_job", "Status"),
    ("scrapedo", "get_task", "Status"),
    ("scrapingpros", "get_run", "status"),
    ("scraperapi", "get_job", "status"),
    ("scrapio", "get_job", "status"),
]

FUTURE_STATUS = "archived_in_cold_storage"
FUTURE_FIELD = {"carbon_grams": 0.2, "tags": ["new"]}


def _success(provider: str, operation_id: str) -> tuple[str, dict[str, Any]]:
    for _, _, op in operations(load_spec(provider)):
        if op["operationId"] == operation_id:
            media = op["responses"]["200"]["content"]["application/json"]
            example = next(iter(media["examples"].values()))["value"]
            return component_name(media["schema"]["$ref"]), example
    raise AssertionError(f"{provider} has no {operation_id}")


@pytest.mark.parametrize(("provider", "operation_id", "field"), STATUS_OPERATIONS)
def test_unknown_status_and_field_parse_and_round_trip(
    provider: str, operation_id: str, field: str
) -> None:
    schema_name, example = _success(provider, operation_id)
    payload = copy.deepcopy(example)
    payload[field] = FUTURE_STATUS
    payload["brand_new_field"] = FUTURE_FIELD
    model = model_class(provider, schema_name).from_dict(copy.deepcopy(payload))
    python_field = next(
        name for name in model.__attrs_attrs__ if name.name.lower() == field.lower()
    ).name
    value = getattr(model, python_field)
    assert value == FUTURE_STATUS
    assert type(value) is str  # not a member of the known-status enum
    assert model.additional_properties["brand_new_field"] == FUTURE_FIELD
    assert model.to_dict() == payload


@pytest.mark.parametrize(("provider", "operation_id", "field"), STATUS_OPERATIONS)
def test_known_status_is_typed_as_the_enum(provider: str, operation_id: str, field: str) -> None:
    schema_name, example = _success(provider, operation_id)
    model = model_class(provider, schema_name).from_dict(copy.deepcopy(example))
    python_field = next(
        name for name in model.__attrs_attrs__ if name.name.lower() == field.lower()
    ).name
    value = getattr(model, python_field)
    assert type(value) is not str, "a documented status should parse into its enum"
    assert value == example[field]
