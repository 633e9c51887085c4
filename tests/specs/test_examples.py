"""Every documented example validates against its schema and survives the generated model.

"Survives" means ``Model.from_dict(example).to_dict() == example``: the typed client reads every
field the provider documents and writes back the same JSON.
"""

from __future__ import annotations

import copy
import importlib
from typing import Any

import pytest

from tests.specs.spec_documents import (
    PROVIDERS,
    Example,
    component_name,
    examples,
    load_spec,
    model_class,
    resolve,
    validator_for,
)

ALL_EXAMPLES = [example for provider in PROVIDERS for example in examples(provider)]


def _raw(provider: str, pointer: str) -> dict[str, Any]:
    node: Any = load_spec(provider)
    for token in pointer.lstrip("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    result: dict[str, Any] = node
    return result


def _variant_for(provider: str, union: dict[str, Any], value: Any) -> str | None:
    """Pick the component a discriminated union routes ``value`` to, or None when undecidable."""
    discriminator = union.get("discriminator")
    if discriminator is None or not isinstance(value, dict):
        return None
    tag = value.get(discriminator["propertyName"])
    mapping = discriminator.get("mapping", {})
    if tag in mapping:
        return component_name(mapping[tag])
    for option in union.get("oneOf", union.get("anyOf", [])):
        name = component_name(option["$ref"])
        prop = resolve(provider, option["$ref"]).get("properties", {})
        if prop.get(discriminator["propertyName"], {}).get("const") == tag:
            return name
    return None


def _round_trip_targets(provider: str, schema: dict[str, Any], value: Any) -> list[tuple[str, Any]]:
    """Return ``(component, value)`` pairs to round-trip through generated classes."""
    if "$ref" in schema:
        name = component_name(schema["$ref"])
        component = resolve(provider, schema["$ref"])
        if "oneOf" in component or "anyOf" in component:
            variant = _variant_for(provider, component, value)
            return [(variant, value)] if variant else []
        if component.get("type") == "array" and "$ref" in component.get("items", {}):
            return [
                pair
                for item in value
                for pair in _round_trip_targets(provider, component["items"], item)
            ]
        if component.get("type") == "object" or "properties" in component:
            return [(name, value)]
        return []
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return [
            pair for item in value for pair in _round_trip_targets(provider, schema["items"], item)
        ]
    return []


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda e: e.id)
def test_example_matches_its_schema(example: Example) -> None:
    errors = sorted(
        validator_for(example.provider, example.schema_pointer).iter_errors(example.value),
        key=str,
    )
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


ROUND_TRIPS = [
    pytest.param(example.provider, name, value, id=f"{example.id}:{name}")
    for example in ALL_EXAMPLES
    for name, value in _round_trip_targets(
        example.provider, _raw(example.provider, example.schema_pointer), example.value
    )
]


@pytest.mark.parametrize(("provider", "schema_name", "value"), ROUND_TRIPS)
def test_example_round_trips_through_the_typed_client(
    provider: str, schema_name: str, value: Any
) -> None:
    cls = model_class(provider, schema_name)
    parsed = cls.from_dict(copy.deepcopy(value))
    assert parsed.to_dict() == value, f"{cls.__name__} changed the JSON"


@pytest.mark.parametrize(("provider", "schema_name", "value"), ROUND_TRIPS)
def test_example_round_trips_through_the_emulator_model(
    provider: str, schema_name: str, value: Any
) -> None:
    cls = getattr(importlib.import_module(f"provider_models.{provider}"), schema_name)
    parsed = cls.model_validate(copy.deepcopy(value))
    assert parsed.model_dump(mode="json", by_alias=True) == value


def test_most_examples_are_round_tripped() -> None:
    """Guard against the walker silently finding nothing to round-trip."""
    assert len(ROUND_TRIPS) >= 0.8 * len(ALL_EXAMPLES), (len(ROUND_TRIPS), len(ALL_EXAMPLES))


def test_every_provider_has_examples() -> None:
    counts = {p: sum(1 for e in ALL_EXAMPLES if e.provider == p) for p in PROVIDERS}
    assert all(count >= 5 for count in counts.values()), counts
