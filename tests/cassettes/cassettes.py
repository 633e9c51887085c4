"""Helpers of the cassette contract tests: load vcrpy cassettes, map them onto the specs and
the generated clients, compare shapes, and find secrets.

A cassette is ``tests/cassettes/<provider>/<flow>.yaml`` in vcrpy format (version 1), opening
with a YAML comment that names its source.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import schemathesis
import yaml
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SPECS = ROOT / "specs"
PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
PLACEHOLDER = "REDACTED"
EMULATOR_TOKEN = "emulator-token"
REPLAY_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MATCH_ON = ["method", "scheme", "host", "port", "path", "query", "post_body"]
"""vcrpy matchers of every replay: the whole URL, and the body of requests that carry one."""


# -- loading -------------------------------------------------------------------------------


def cassette_paths(root: Path = HERE) -> list[Path]:
    """Return every cassette below ``root`` (``<provider>/<flow>.yaml``), sorted."""
    return sorted(p for p in root.glob("*/*.yaml") if p.parent.name in PROVIDERS)


def load_cassette(path: Path) -> dict[str, Any]:
    """Return the parsed cassette document."""
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    return data


def body_text(body: Any) -> str | None:
    """Return a recorded body (request ``body`` or response ``body.string``) as text."""
    if isinstance(body, dict):
        body = body.get("string")
    if body is None:
        return None
    if isinstance(body, bytes):
        return body.decode()
    return str(body)


def json_body(body: Any) -> Any:
    """Return a recorded body parsed as JSON, or None when it is empty."""
    text = body_text(body)
    return json.loads(text) if text else None


def post_body(r1: Any, r2: Any) -> None:
    """vcrpy matcher: compare bodies (JSON semantically) of POST, PUT and PATCH requests only.

    Raises:
        AssertionError: when the bodies differ.

    """
    from vcr import matchers

    if r1.method.upper() in ("POST", "PUT", "PATCH") and (
        matchers.read_body(r1) or matchers.read_body(r2)
    ):
        matchers.body(r1, r2)


def replay_vcr() -> Any:
    """Return a vcrpy ``VCR`` that only replays (``record_mode="none"``, no network)."""
    import vcr

    recorder = vcr.VCR(record_mode="none", match_on=MATCH_ON, decode_compressed_response=True)
    recorder.register_matcher("post_body", post_body)
    return recorder


# -- the specs -----------------------------------------------------------------------------


@cache
def spec(provider: str) -> dict[str, Any]:
    """Return ``provider``'s OpenAPI document."""
    document: dict[str, Any] = yaml.safe_load((SPECS / f"{provider}.openapi.yaml").read_text())
    return document


@cache
def st_schema(provider: str) -> Any:
    """Return ``provider``'s spec loaded by schemathesis."""
    return schemathesis.openapi.from_path(str(SPECS / f"{provider}.openapi.yaml"))


def base_paths(provider: str) -> list[str]:
    """Return the path prefixes a recorded URI may carry before an API path, longest first.

    These are the path parts of the spec's servers, ``/<provider>`` (where the scrapejobs
    emulator mounts each provider) and ``""``.
    """
    paths = {urlsplit(s["url"]).path.rstrip("/") for s in spec(provider).get("servers", [])}
    return sorted(paths | {"", f"/{provider}"}, key=len, reverse=True)


def api_path(provider: str, uri: str) -> str:
    """Return the path of ``uri`` without its base path (the path the spec's templates use)."""
    return split_base(provider, uri)[1]


def split_base(provider: str, uri: str) -> tuple[str, str]:
    """Return ``(base URL, API path)`` of a recorded ``uri``.

    Raises:
        LookupError: when no base path leaves a path that one of the spec's templates matches.

    """
    parts = urlsplit(uri)
    for base in base_paths(provider):
        if base and not parts.path.startswith(base + "/"):
            continue
        path = parts.path[len(base) :]
        if any(_template_regex(t).match(path) for t in spec(provider)["paths"]):
            return f"{parts.scheme}://{parts.netloc}{base}", path
    raise LookupError(f"{provider}: no operation path in {uri}")


def _template_regex(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\{[^}]+\\}", "([^/]+)", re.escape(template)) + "$")


@dataclass(frozen=True)
class Operation:
    """One operation of a spec matched against a concrete request."""

    provider: str
    method: str
    template: str
    operation_id: str
    tag: str
    path_params: dict[str, str]
    raw: dict[str, Any]


def resolve(provider: str, node: Any) -> Any:
    """Follow ``$ref`` (local references only) until ``node`` is not a reference."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec(provider)
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def find_operation(provider: str, method: str, uri: str) -> Operation:
    """Return the operation of ``provider`` that serves ``method uri``.

    Raises:
        LookupError: when no path template of the spec matches.

    """
    path = api_path(provider, uri)
    for template, item in spec(provider)["paths"].items():
        raw = item.get(method.lower())
        if raw is None:
            continue
        names = re.findall(r"{([^}]+)}", template)
        found = _template_regex(template).match(path)
        if found:
            return Operation(
                provider=provider,
                method=method.upper(),
                template=template,
                operation_id=raw["operationId"],
                tag=raw["tags"][0],
                path_params=dict(zip(names, found.groups(), strict=True)),
                raw=raw,
            )
    raise LookupError(f"{provider}: no operation for {method} {path}")


def response_schema(provider: str, op: Operation, status: int) -> Any:
    """Return the JSON schema of ``op``'s ``status`` answer (None when it has no JSON body)."""
    responses = op.raw["responses"]
    response = resolve(provider, responses.get(str(status)) or responses.get("default") or {})
    media = (response.get("content") or {}).get("application/json") or {}
    return media.get("schema")


def documented_properties(provider: str, schema: Any) -> set[str] | None:
    """Return the property names an object schema documents (None: any key is documented).

    ``allOf``/``anyOf``/``oneOf`` members contribute their properties; a schema that declares
    no properties at all (a free-form map, or no schema) documents every key.
    """
    schema = resolve(provider, schema)
    if not isinstance(schema, dict):
        return None
    names: set[str] = set(schema.get("properties", {}))
    for member in [*schema.get("allOf", []), *schema.get("anyOf", []), *schema.get("oneOf", [])]:
        names |= documented_properties(provider, member) or set()
    return names or None


def property_schema(provider: str, schema: Any, key: str) -> Any:
    """Return the schema of property ``key`` of an object schema (searching union members)."""
    schema = resolve(provider, schema)
    if not isinstance(schema, dict):
        return None
    if key in schema.get("properties", {}):
        return schema["properties"][key]
    for member in [*schema.get("allOf", []), *schema.get("anyOf", []), *schema.get("oneOf", [])]:
        found = property_schema(provider, member, key)
        if found is not None:
            return found
    return None


def items_schema(provider: str, schema: Any) -> Any:
    """Return the item schema of an array schema (searching union members)."""
    schema = resolve(provider, schema)
    if not isinstance(schema, dict):
        return None
    if "items" in schema:
        return schema["items"]
    for member in [*schema.get("anyOf", []), *schema.get("oneOf", [])]:
        found = items_schema(provider, member)
        if found is not None:
            return found
    return None


# -- schemathesis ----------------------------------------------------------------------------


def st_response(interaction: dict[str, Any]) -> schemathesis.Response:
    """Build the ``schemathesis.Response`` of a recorded interaction (list-valued headers)."""
    import requests

    request, response = interaction["request"], interaction["response"]
    prepared = requests.Request(
        request["method"],
        request["uri"],
        headers={k: v[0] for k, v in (request.get("headers") or {}).items()},
        data=(body_text(request.get("body")) or "").encode() or None,
    ).prepare()
    text = body_text(response.get("body")) or ""
    return schemathesis.Response(
        status_code=int(response["status"]["code"]),
        headers={k: list(v) for k, v in (response.get("headers") or {}).items()},
        content=text.encode(),
        request=prepared,
        elapsed=0.0,
        verify=True,
        message=response["status"].get("message", ""),
    )


def validate_interaction(provider: str, interaction: dict[str, Any]) -> None:
    """Validate one recorded answer against ``provider``'s spec (status, type, headers, body).

    Raises:
        schemathesis.core.failures.FailureGroup: when the answer breaks the spec.

    """
    request = interaction["request"]
    path = api_path(provider, request["uri"])
    op = st_schema(provider).find_operation_by_path(request["method"], path)
    if op is None:
        raise LookupError(f"{provider}: undocumented operation {request['method']} {path}")
    params = find_operation(provider, request["method"], request["uri"]).path_params
    case = op.Case(method=request["method"], path_parameters=params)
    case.validate_response(st_response(interaction), checks=REPLAY_CHECKS)


# -- the generated clients ----------------------------------------------------------------------


def client_module(provider: str) -> Any:
    """Return ``<provider>_client``."""
    return importlib.import_module(f"{provider}_client")


def operation_module(op: Operation) -> Any:
    """Return the generated module of ``op`` (``<provider>_client.api.<tag>.<operationId>``)."""
    return importlib.import_module(f"{op.provider}_client.api.{op.tag}.{op.operation_id}")


def body_model(provider: str, op: Operation, data: Any) -> Any:
    """Return ``data`` (a recorded request body) parsed into the generated request model.

    A ``oneOf`` body with a discriminator is parsed into the variant its tag names.
    """
    content = resolve(provider, op.raw["requestBody"])["content"]["application/json"]
    ref: str = content["schema"]["$ref"]
    schema = resolve(provider, content["schema"])
    discriminator = schema.get("discriminator")
    if discriminator:
        ref = discriminator["mapping"][data[discriminator["propertyName"]]]
    name = ref.rsplit("/", 1)[-1]
    models = importlib.import_module(f"{provider}_client.models")
    overrides = class_overrides(provider)
    model = getattr(models, overrides.get(name, name))
    return model.from_dict(data)


@cache
def class_overrides(provider: str) -> dict[str, str]:
    """Return the generator's ``class_overrides`` (component name -> class name)."""
    config = yaml.safe_load((SPECS / f"{provider}.config.yaml").read_text()) or {}
    overrides = config.get("class_overrides") or {}
    return {name: value["class_name"] for name, value in overrides.items()}


def snake(name: str) -> str:
    """Return the python name openapi-python-client gives ``name`` (``jobID`` -> ``job_id``)."""
    name = re.sub(r"[-\s]+", "_", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower()


def call_arguments(
    provider: str, op: Operation, interaction: dict[str, Any]
) -> tuple[list[str], dict[str, Any]]:
    """Return the positional and keyword arguments that make the generated function send the
    recorded request (path parameters, query, ``Idempotency-Key``-style headers, body)."""
    from importlib import import_module

    unset = import_module(f"{provider}_client.types").UNSET
    request = interaction["request"]
    function = operation_module(op).sync_detailed
    accepted = set(inspect.signature(function).parameters)
    kwargs: dict[str, Any] = {}
    query = dict(parse_qsl(urlsplit(request["uri"]).query))
    headers = {k.lower(): v[0] for k, v in (request.get("headers") or {}).items()}
    for parameter in op.raw.get("parameters", []):
        parameter = resolve(provider, parameter)
        name = snake(parameter["name"])
        if name not in accepted or parameter["in"] == "path":
            continue
        source = query if parameter["in"] == "query" else headers
        key = parameter["name"] if parameter["in"] == "query" else parameter["name"].lower()
        if key in source:
            kind = resolve(provider, parameter.get("schema", {})).get("type")
            value: Any = source[key]
            kwargs[name] = int(value) if kind == "integer" else value
        else:
            kwargs[name] = unset  # send nothing, not the generator's default
    if "requestBody" in op.raw:
        kwargs["body"] = body_model(provider, op, json_body(request.get("body")))
    return list(op.path_params.values()), kwargs


def to_json(parsed: Any) -> Any:
    """Return a parsed generated model (or list of them) as JSON data via ``to_dict``."""
    if isinstance(parsed, list):
        return [to_json(item) for item in parsed]
    return parsed.to_dict()


def iter_models(parsed: Any) -> Iterator[Any]:
    """Yield the model objects of a parsed answer (one, or every list item)."""
    if isinstance(parsed, list):
        yield from parsed
    elif parsed is not None:
        yield parsed


# -- shapes ------------------------------------------------------------------------------------


def json_type(value: Any) -> str:
    """Return the JSON type name of a value (integers and floats are both ``number``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def shape_differences(
    provider: str, recorded: Any, emulated: Any, schema: Any, where: str = "$"
) -> list[str]:
    """Return how ``emulated`` differs in shape from ``recorded`` (empty when alike).

    Objects: every key the recording has must be present with the same JSON type (recursively);
    a key only the emulator sends must be a documented property of the schema. Arrays: their
    first items are compared when both are non-empty.
    """
    problems: list[str] = []
    if json_type(recorded) != json_type(emulated):
        return [f"{where}: recorded {json_type(recorded)}, emulator {json_type(emulated)}"]
    if isinstance(recorded, dict):
        documented = documented_properties(provider, schema)
        for key, value in recorded.items():
            if key not in emulated and documented is None:
                continue  # a free-form map (target headers, meta): its keys are data
            if key not in emulated:
                problems.append(f"{where}.{key}: recorded, missing from the emulator")
                continue
            problems += shape_differences(
                provider,
                value,
                emulated[key],
                property_schema(provider, schema, key),
                f"{where}.{key}",
            )
        for key in sorted(set(emulated) - set(recorded)):
            if documented is not None and key not in documented:
                problems.append(f"{where}.{key}: sent by the emulator, undocumented")
    elif isinstance(recorded, list) and recorded and emulated:
        problems += shape_differences(
            provider, recorded[0], emulated[0], items_schema(provider, schema), f"{where}[0]"
        )
    return problems


ID_KEY = re.compile(r"(^id$|_id$|ID$|Id$|_ids$|IDs$|^job_ids$)")


def learn_ids(recorded: Any, emulated: Any, ids: dict[str, str], key: str = "") -> None:
    """Map every id of the recording to the id at the same place in the emulator's answer."""
    if isinstance(recorded, dict) and isinstance(emulated, dict):
        for name, value in recorded.items():
            if name in emulated:
                learn_ids(value, emulated[name], ids, name)
    elif isinstance(recorded, list) and isinstance(emulated, list):
        for left, right in zip(recorded, emulated, strict=False):
            learn_ids(left, right, ids, key)
    elif (
        isinstance(recorded, str)
        and isinstance(emulated, str)
        and ID_KEY.search(key)
        and recorded not in ids
    ):
        ids[recorded] = emulated


def swap_ids(text: str, ids: dict[str, str]) -> str:
    """Replace every recorded id in ``text`` by the emulator's id (longest ids first)."""
    for recorded in sorted(ids, key=len, reverse=True):
        text = text.replace(recorded, ids[recorded])
    return text


# -- secrets -----------------------------------------------------------------------------------

CREDENTIAL_HEADERS = frozenset({"authorization", "x-token", "proxy-authorization", "x-api-key"})
CREDENTIAL_KEYS = frozenset(
    {"apikey", "api_key", "passthrough", "passtrough", "token", "x-token", "authorization"}
)
CREDENTIAL_QUERY = frozenset({"apikey", "api_key", "token", "key", "access_token"})
USERINFO = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://([^/\s@\"'<>]+)@")
QUERY_SECRET = re.compile(r"[?&](apiKey|api_key|token|key|access_token)=([^&\s\"'#]*)", re.I)
AUTH_VALUE = re.compile(r"\b(Basic|Bearer|Token)\s+(?!REDACTED\b)[A-Za-z0-9._~+/=-]{6,}")


def _secrets_in_json(data: Any, where: str, found: list[str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{where}.{key}"
            scalar = not isinstance(value, dict | list) and value is not None
            if key.lower() in CREDENTIAL_KEYS and scalar and value != PLACEHOLDER:
                found.append(f"{here}: credential value {value!r}")
            else:
                _secrets_in_json(value, here, found)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            _secrets_in_json(item, f"{where}[{index}]", found)
    elif isinstance(data, str):
        _secrets_in_text(data, where, found)


def _secrets_in_text(text: str, where: str, found: list[str]) -> None:
    for match in USERINFO.finditer(text):
        if set(match.group(1).split(":")) - {PLACEHOLDER}:
            found.append(f"{where}: URL credentials {match.group(0)!r}")
    for match in QUERY_SECRET.finditer(text):
        if match.group(2) != PLACEHOLDER:
            found.append(f"{where}: credential in a URL query {match.group(0)!r}")
    for match in AUTH_VALUE.finditer(text):
        found.append(f"{where}: credential {match.group(0)!r}")


def find_secrets(text: str, extra: tuple[str, ...] = (EMULATOR_TOKEN,)) -> list[str]:
    """Return every credential left in a cassette's text (empty when it holds only REDACTED).

    Checks the ``Authorization``/``X-Token`` headers, ``apiKey``/``passthrough`` and other
    credential fields of JSON bodies (at any depth, including webhook headers), credentials in
    URL userinfo or queries, and the literal strings in ``extra`` (the emulator's token).
    """
    found: list[str] = []
    for secret in extra:
        if secret and secret in text:
            found.append(f"literal secret {secret!r} present")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [*found, f"not YAML: {exc}"]
    for index, interaction in enumerate((document or {}).get("interactions") or []):
        for side in ("request", "response"):
            part = interaction.get(side) or {}
            where = f"interactions[{index}].{side}"
            for name, values in (part.get("headers") or {}).items():
                for value in values if isinstance(values, list) else [values]:
                    if name.lower() in CREDENTIAL_HEADERS and value != PLACEHOLDER:
                        found.append(f"{where}.headers.{name}: {value!r}")
            if side == "request":
                _secrets_in_text(str(part.get("uri", "")), f"{where}.uri", found)
            raw = body_text(part.get("body"))
            if not raw:
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                _secrets_in_text(raw, f"{where}.body", found)
            else:
                _secrets_in_json(data, f"{where}.body", found)
    return found
