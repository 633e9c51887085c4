"""Loading the hand-written specs and walking their examples, for the spec tests."""

from __future__ import annotations

import copy
import functools
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from openapi_python_client.strings import ClassName
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
SPEC_URI = "urn:scrapejobs:spec"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@functools.cache
def load_spec(provider: str) -> dict[str, Any]:
    """Return the parsed spec of ``provider`` (cached; callers must not mutate it)."""
    document: dict[str, Any] = yaml.safe_load((SPECS / f"{provider}.openapi.yaml").read_text())
    return document


@functools.cache
def load_config(provider: str) -> dict[str, Any]:
    """Return the parsed openapi-python-client config of ``provider``."""
    config: dict[str, Any] = yaml.safe_load((SPECS / f"{provider}.config.yaml").read_text())
    return config


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield ``(method, path, operation)`` for every operation under ``paths``."""
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield method, path, item[method]


@dataclass(frozen=True)
class Example:
    """One example value found in a spec, with the JSON pointer of the schema it must match."""

    provider: str
    where: str
    schema_pointer: str
    value: Any

    @property
    def id(self) -> str:
        """Return a readable test id."""
        return f"{self.provider}:{self.where}"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _media_examples(
    provider: str, media: dict[str, Any], pointer: str, where: str
) -> Iterator[Example]:
    for name, example in media.get("examples", {}).items():
        if "$ref" in example:
            raise AssertionError(f"{where}: use inline examples, not $ref ({name})")
        yield Example(provider, f"{where}#{name}", pointer + "/schema", example["value"])


def _content_examples(
    provider: str, holder: dict[str, Any], pointer: str, where: str
) -> Iterator[Example]:
    for media_type, media in holder.get("content", {}).items():
        yield from _media_examples(
            provider, media, f"{pointer}/content/{_escape(media_type)}", f"{where} {media_type}"
        )


def _operation_examples(
    provider: str, operation: dict[str, Any], pointer: str, where: str
) -> Iterator[Example]:
    if "requestBody" in operation:
        yield from _content_examples(
            provider, operation["requestBody"], pointer + "/requestBody", where + " request"
        )
    for code, response in operation.get("responses", {}).items():
        if "$ref" not in response:
            yield from _content_examples(
                provider, response, f"{pointer}/responses/{code}", f"{where} {code}"
            )
    for cb_name, callback in operation.get("callbacks", {}).items():
        for expression, item in callback.items():
            for method in HTTP_METHODS:
                if method in item:
                    yield from _operation_examples(
                        provider,
                        item[method],
                        f"{pointer}/callbacks/{_escape(cb_name)}/{_escape(expression)}/{method}",
                        f"{where} callback {cb_name}",
                    )


def examples(provider: str) -> Iterator[Example]:
    """Yield every media-type example of ``provider``'s spec: requests, responses, callbacks,
    webhooks and reusable components."""
    spec = load_spec(provider)
    for method, path, operation in operations(spec):
        pointer = f"#/paths/{_escape(path)}/{method}"
        yield from _operation_examples(provider, operation, pointer, f"{method.upper()} {path}")
    for name, item in spec.get("webhooks", {}).items():
        base = item["$ref"] if "$ref" in item else f"#/webhooks/{_escape(name)}"
        item = resolve(provider, base)
        for method in HTTP_METHODS:
            if method in item:
                yield from _operation_examples(
                    provider, item[method], f"{base}/{method}", f"webhook {name}"
                )
    components = spec.get("components", {})
    referenced = {item.get("$ref") for item in spec.get("webhooks", {}).values()}
    for name, item in components.get("pathItems", {}).items():
        pointer = f"#/components/pathItems/{_escape(name)}"
        if pointer in referenced:
            continue  # already walked as a webhook
        for method in HTTP_METHODS:
            if method in item:
                yield from _operation_examples(
                    provider, item[method], f"{pointer}/{method}", f"path item {name}"
                )
    for name, response in components.get("responses", {}).items():
        yield from _content_examples(
            provider, response, f"#/components/responses/{_escape(name)}", f"response {name}"
        )
    for name, body in components.get("requestBodies", {}).items():
        yield from _content_examples(
            provider, body, f"#/components/requestBodies/{_escape(name)}", f"body {name}"
        )


@functools.cache
def _registry(provider: str) -> Registry[Any]:
    document = copy.deepcopy(load_spec(provider))
    document["$id"] = SPEC_URI
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def validator_for(provider: str, pointer: str) -> Draft202012Validator:
    """Return a JSON Schema 2020-12 validator for the schema at ``pointer`` in the spec."""
    return Draft202012Validator({"$ref": SPEC_URI + pointer}, registry=_registry(provider))


def resolve(provider: str, pointer: str) -> dict[str, Any]:
    """Return the schema object at a local JSON pointer (``#/a/b``), following ``$ref`` chains."""
    node: Any = load_spec(provider)
    for token in pointer.lstrip("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    while isinstance(node, dict) and "$ref" in node and len(node) == 1:
        node = resolve(provider, node["$ref"])
    result: dict[str, Any] = node
    return result


def component_name(ref: str) -> str:
    """Return ``X`` for ``#/components/schemas/X``."""
    prefix = "#/components/schemas/"
    assert ref.startswith(prefix), ref
    return ref[len(prefix) :]


def models_module(provider: str) -> ModuleType:
    """Import and return ``<provider>_client.models``."""
    return importlib.import_module(f"{provider}_client.models")


def model_class(provider: str, schema_name: str) -> Any:
    """Return the generated attrs class for a component schema, honouring ``class_overrides``."""
    generated = str(ClassName(schema_name, "field_"))
    override = load_config(provider).get("class_overrides", {}).get(generated, {})
    return getattr(models_module(provider), override.get("class_name", generated))
