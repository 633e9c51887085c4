"""Every constraint keyword of a spec's operations, keyed by where it applies.

Used to compare Scrapio's own published spec with ours (tests/specs/test_vendor_constraints.py).
A schema is walked recursively through ``$ref``, ``allOf``/``anyOf``/``oneOf``, ``properties``,
``items`` and ``additionalProperties``. Variants of a union are merged at the same place, except
request variants told apart by a single-valued ``kind``/``mode``/``type`` (a job kind, an extract
mode, an action type), which get their own label such as ``{kind=fetch}``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

KEYWORDS = (
    "type",
    "format",
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "required",
    "additionalProperties",
)
"""The keywords that constrain a value (descriptions, examples and defaults do not)."""

LABELS = ("kind", "mode", "type")
"""Properties whose single value names a request variant."""

HTTP_METHODS = ("get", "put", "post", "delete", "patch")

Constraints = dict[tuple[str, str], frozenset[str]]
"""``(place, keyword) -> the JSON texts of every value the keyword takes there``."""


def _resolve(spec: dict[str, Any], schema: Any) -> Any:
    while isinstance(schema, dict) and "$ref" in schema:
        target: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _label(spec: dict[str, Any], variant: Any) -> str:
    properties = _resolve(spec, variant).get("properties", {})
    for name in LABELS:
        prop = _resolve(spec, properties.get(name, {}))
        values = [prop["const"]] if "const" in prop else prop.get("enum", [])
        if len(values) == 1:
            return f"{{{name}={values[0]}}}"
    return ""


def _walk(
    spec: dict[str, Any], schema: Any, place: str, label_variants: bool, seen: frozenset[int]
) -> Iterator[tuple[str, str, Any]]:
    schema = _resolve(spec, schema)
    if not isinstance(schema, dict) or id(schema) in seen:
        return
    seen = seen | {id(schema)}
    for keyword in KEYWORDS:
        value = schema.get(keyword)
        if keyword == "additionalProperties" and not isinstance(value, bool):
            continue
        if keyword == "enum" and isinstance(value, list) and len(value) == 1:
            keyword, value = "const", value[0]  # the same constraint, spelled two ways
        if value is not None:
            yield place, keyword, value
    for union in ("allOf", "anyOf", "oneOf"):
        for variant in schema.get(union, []):
            label = _label(spec, variant) if label_variants and union != "allOf" else ""
            yield from _walk(spec, variant, place + label, label_variants, seen)
    for name, prop in schema.get("properties", {}).items():
        yield from _walk(spec, prop, f"{place}.{name}", label_variants, seen)
    if isinstance(schema.get("items"), dict):
        yield from _walk(spec, schema["items"], f"{place}[]", label_variants, seen)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _walk(
            spec, schema["additionalProperties"], f"{place}{{*}}", label_variants, seen
        )


def _json_schema(spec: dict[str, Any], holder: dict[str, Any]) -> Any:
    content = _resolve(spec, holder).get("content", {})
    return content.get("application/json", {}).get("schema")


def constraints(spec: dict[str, Any], path_prefix: str) -> Constraints:
    """Return every constraint of the operations under ``path_prefix`` (request bodies, path,
    query and header parameters, JSON responses by status). Path parameter names are dropped
    (``/v1/jobs/{id}`` and ``/v1/jobs/{job_id}`` are the same URL)."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path, item in spec.get("paths", {}).items():
        if not path.startswith(path_prefix):
            continue
        template = re.sub(r"\{[^}]+\}", "{}", path)
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {template}"
            places: list[tuple[str, Any, bool]] = []
            for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
                parameter = _resolve(spec, parameter)
                name = "{}" if parameter["in"] == "path" else parameter["name"].lower()
                places.append((f"{where} {parameter['in']} {name}", parameter.get("schema"), False))
            if "requestBody" in operation:
                places.append((f"{where} body", _json_schema(spec, operation["requestBody"]), True))
            for status, response in operation.get("responses", {}).items():
                places.append((f"{where} {status}", _json_schema(spec, response), False))
            for place, schema, label in places:
                if schema is None:
                    continue
                for at, keyword, value in _walk(spec, schema, place, label, frozenset()):
                    found[(at, keyword)].add(json.dumps(value, sort_keys=True))
    return {key: frozenset(values) for key, values in found.items()}


def differences(vendor: Constraints, ours: Constraints) -> dict[tuple[str, str], tuple[str, str]]:
    """Return ``(place, keyword) -> (vendor value, our value)`` wherever the vendor constrains a
    place and ours does not say the same (``-`` stands for absent). Places only we constrain are
    not differences: a stricter or extra field of ours is checked by our own tests."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for key, value in vendor.items():
        if ours.get(key) != value:
            found[key] = (_text(value), _text(ours.get(key)))
    return found


def _text(values: frozenset[str] | None) -> str:
    return " | ".join(sorted(values)) if values else "-"
