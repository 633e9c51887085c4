"""The specs are valid OpenAPI 3.1 and follow the conventions the rest of the suite relies on."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.specs.spec_documents import PROVIDERS, load_spec, operations, resolve

OPERATION_IDS = {
    "decodo": {"create_task", "create_task_batch", "get_task", "get_task_results"},
    "scrapedo": {"create_job", "get_job", "get_task", "list_jobs", "cancel_job", "get_account"},
    "scrapingpros": {
        "create_collection",
        "list_collections",
        "get_collection",
        "update_collection",
        "delete_collection",
        "run_collection",
        "list_runs",
        "get_run",
        "list_run_jobs",
        "get_job_result",
        "scrape",
    },
    "scraperapi": {"create_job", "create_batch_jobs", "get_job", "cancel_job"},
    "scrapio": {"create_job", "get_job", "get_job_result", "cancel_job"},
}

# The job chains the stateful contract tests follow: operation -> links it must declare.
CHAINS = {
    "decodo": {"create_task": {"GetTask", "GetTaskResults"}, "get_task": {"GetTaskResults"}},
    "scrapedo": {"create_job": {"GetJob", "GetTask", "CancelJob"}, "get_job": {"GetTask"}},
    "scrapingpros": {
        "create_collection": {"RunCollection", "GetCollection"},
        "run_collection": {"GetRun", "ListRunJobs"},
        "list_run_jobs": {"GetJobResult"},
    },
    "scraperapi": {"create_job": {"GetJob", "CancelJob"}},
    "scrapio": {
        "create_job": {"GetJob", "GetJobResult", "CancelJob"},
        "get_job": {"GetJobResult"},
    },
}

# ScraperAPI's credential is the ``apiKey`` body field, which OpenAPI cannot declare as a scheme.
BODY_CREDENTIAL_OPERATIONS = {("scraperapi", "create_job"), ("scraperapi", "create_batch_jobs")}
# ScraperAPI's job id is a capability: status and cancel take no credential.
CAPABILITY_OPERATIONS = {("scraperapi", "get_job"), ("scraperapi", "cancel_job")}


def _by_id(provider: str) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {op["operationId"]: (m, p, op) for m, p, op in operations(load_spec(provider))}


def _response(spec: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[-1]
        result: dict[str, Any] = spec["components"]["responses"][name]
        return result
    return response


@pytest.mark.parametrize("provider", PROVIDERS)
def test_spec_is_valid_openapi_3_1(provider: str) -> None:
    spec = load_spec(provider)
    assert spec["openapi"].startswith("3.1")
    validate(spec)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_spec_covers_the_job_operations(provider: str) -> None:
    assert set(_by_id(provider)) >= OPERATION_IDS[provider]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_operation_ids_are_python_module_names(provider: str) -> None:
    for operation_id in _by_id(provider):
        assert operation_id.isidentifier(), operation_id
        assert operation_id == operation_id.lower(), operation_id


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_operation_declares_security_and_a_tag(provider: str) -> None:
    for operation_id, (_, _, op) in _by_id(provider).items():
        assert len(op.get("tags", [])) == 1, operation_id
        if (provider, operation_id) in BODY_CREDENTIAL_OPERATIONS:
            assert op["security"] == [], operation_id
            body = op["requestBody"]["content"]["application/json"]["schema"]
            assert body["$ref"], operation_id
        elif (provider, operation_id) in CAPABILITY_OPERATIONS:
            assert op["security"] == [], operation_id
        else:
            assert op.get("security"), f"{operation_id} has no operation-level security"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_operation_documents_errors_in_the_provider_envelope(provider: str) -> None:
    spec = load_spec(provider)
    for operation_id, (_, path, op) in _by_id(provider).items():
        codes = set(op["responses"])
        assert {"401", "429", "500"} <= codes, (operation_id, codes)
        if "{" in path:
            assert "404" in codes, operation_id
        for code, raw in op["responses"].items():
            response = _response(spec, raw)
            if code == "204":
                continue
            media = response.get("content", {}).get("application/json")
            assert media, (operation_id, code)
            assert "schema" in media, (operation_id, code)
        retry_after = _response(spec, op["responses"]["429"]).get("headers", {})
        assert "Retry-After" in retry_after, operation_id


@pytest.mark.parametrize("provider", PROVIDERS)
def test_job_chains_are_linked(provider: str) -> None:
    by_id = _by_id(provider)
    for operation_id, wanted in CHAINS[provider].items():
        _, _, op = by_id[operation_id]
        declared: set[str] = set()
        for code, response in op["responses"].items():
            if code.startswith("2"):
                links = _response(load_spec(provider), response).get("links", {})
                declared |= set(links)
                for link in links.values():
                    assert link["operationId"] in by_id, link
        assert wanted <= declared, (operation_id, declared)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_webhooks_are_declared_with_component_payloads(provider: str) -> None:
    spec = load_spec(provider)
    assert spec.get("webhooks"), "top-level webhooks missing"
    for name, item in spec["webhooks"].items():
        if "$ref" in item:
            item = resolve(provider, item["$ref"])
        schema = item["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, f"webhook {name} payload must be a component schema"
    callbacks = [op["callbacks"] for _, _, op in operations(spec) if "callbacks" in op]
    assert callbacks, "no operation declares the callback it triggers"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_no_defaults_in_body_schemas(provider: str) -> None:
    """Generated clients always send a body default; the specs use x-server-default instead."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            assert "default" not in node, where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(load_spec(provider)["components"]["schemas"], "#/components/schemas")
