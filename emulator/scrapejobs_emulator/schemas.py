"""The provider specs shipped with the emulator, and request bodies checked against their schemas."""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, relevance
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


@dataclass(frozen=True)
class SchemaError:
    """One way a request body breaks its schema."""

    location: list[str | int]
    message: str

    @property
    def where(self) -> str:
        """Return the location as ``a.b.0.c`` (``body`` for the root)."""
        return ".".join(str(part) for part in self.location) or "body"


SPEC_URI = "urn:scrapejobs:spec:"


def _explain(error: ValidationError) -> SchemaError:
    """Return the most useful reading of ``error``, looking inside ``oneOf``/``anyOf`` unions.

    For a discriminated union the variant whose tag matches is the one that explains the
    failure; when no tag matches, the answer lists the accepted tags.
    """
    if error.validator == "not" and isinstance(error.validator_value, dict):
        rule = error.validator_value.get("description")
        if rule:
            return SchemaError(list(error.absolute_path), str(rule))
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return SchemaError(list(error.absolute_path), error.message)
    variants: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        variants.setdefault(sub.relative_schema_path[0], []).append(sub)
    tagged = {
        index: subs
        for index, subs in variants.items()
        if not any(sub.validator == "const" for sub in subs)
    }
    if not tagged:
        consts = [sub for subs in variants.values() for sub in subs if sub.validator == "const"]
        if consts:
            accepted = ", ".join(repr(sub.validator_value) for sub in consts)
            return SchemaError(list(consts[0].absolute_path), f"must be one of {accepted}")
        tagged = variants
    best = min(tagged.values(), key=len)
    return _explain(sorted(best, key=relevance)[0])


ABSOLUTE_URI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:(?:[^\s%<>"{}|\\^`]|%[0-9A-Fa-f]{2})*')
"""An absolute URI (RFC 3986 section 4.3: a scheme, a colon, then no space, quote, angle or
curly bracket, and only well-formed percent escapes)."""


def is_absolute_uri(value: object) -> bool:
    """Return whether ``value`` is an absolute URI (``format: uri``).

    Non-strings pass (the ``type`` keyword judges them). Only ``uri`` is checked: the specs give
    other formats as documentation.
    """
    return not isinstance(value, str) or ABSOLUTE_URI.fullmatch(value) is not None


URI_FORMAT = FormatChecker(formats=())
URI_FORMAT.checks("uri")(is_absolute_uri)


@functools.cache
def _validator(provider: str, component: str) -> Draft202012Validator:
    document = dict(_spec(provider))
    document["$id"] = SPEC_URI + provider
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI + provider, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    if component not in document.get("components", {}).get("schemas", {}):
        raise KeyError(f"{provider} spec has no component schema {component!r}")
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}{provider}#/components/schemas/{component}"},
        registry=registry,
        format_checker=URI_FORMAT,
    )


@functools.cache
def _spec(provider: str) -> dict[str, Any]:
    """Return a provider's spec: shipped in the wheel, or from the source tree's ``specs/``."""
    name = f"{provider}.openapi.yaml"
    shipped = importlib.resources.files("scrapejobs_emulator").joinpath("specs", name)
    source = Path(__file__).resolve().parents[2] / "specs" / name
    text = shipped.read_text() if shipped.is_file() else source.read_text()
    document: dict[str, Any] = yaml.safe_load(text)
    return document


def schema_errors(provider: str, component: str, data: Any) -> list[SchemaError]:
    """Return how ``data`` breaks ``provider``'s component schema (best match first, at most 5).

    Raises:
        KeyError: when the provider's spec has no such component schema.

    """
    validator = _validator(provider, component)
    found = sorted(validator.iter_errors(data), key=relevance)
    return [_explain(error) for error in found[:5]]


def spec_document(provider: str) -> dict[str, Any]:
    """Return ``provider``'s OpenAPI document with its server set to the emulator's mount."""
    document = dict(_spec(provider))
    document["servers"] = [
        {"url": f"/{provider}", "description": "scrapejobs emulator"},
        *document.get("servers", []),
    ]
    return document
