"""Record a fresh vcrpy cassette of one provider's job flow, with every secret scrubbed.

Runs a small submit -> poll -> result flow through the generated client of ``--provider``
under vcrpy and writes ``--out`` (default ``tests/cassettes/<provider>/live_flow.yaml``). The
credential comes from ``SCRAPEJOBS_<PROVIDER>_TOKEN``; the base URL defaults to the provider's
production host and can be overridden with ``SCRAPEJOBS_<PROVIDER>_BASE_URL`` (for example to
record against the scrapejobs emulator). Before anything is written, vcrpy's
``before_record_request`` / ``before_record_response`` hooks replace every credential with
``REDACTED``: ``Authorization`` / ``X-Token`` headers, ``apiKey`` in bodies and URLs, Decodo's
``passthrough``, webhook credentials (headers, URL userinfo, URL query tokens) and any literal
occurrence of the token or ``--webhook-secret``. The written file is checked again and deleted
if a secret survived.

Usage::

    SCRAPEJOBS_SCRAPIO_TOKEN=... python scripts/record_cassettes.py --provider scrapio
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import vcr  # vcrpy ships no type information

PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
PRODUCTION = {
    "decodo": "https://scraper-api.decodo.com",
    "scrapedo": "https://q.scrape.do",
    "scrapingpros": "https://api.scrapingpros.com",
    "scraperapi": "https://async.scraperapi.com",
    "scrapio": "https://api.scrapio.dev",
}
ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = "REDACTED"
CREDENTIAL_HEADERS = frozenset({"authorization", "x-token", "proxy-authorization", "x-api-key"})
CREDENTIAL_FIELDS = frozenset(
    {"apikey", "api_key", "passthrough", "passtrough", "token", "x-token", "authorization"}
)
CREDENTIAL_QUERY = frozenset({"apikey", "api_key", "token", "key", "access_token"})
USERINFO = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://)([^/\s@\"'<>]+)@")
QUERY_SECRET = re.compile(r"([?&](?:apiKey|api_key|token|key|access_token)=)([^&\s\"'#]*)", re.I)

Sleep = Callable[[float], Any]


class RecordingError(RuntimeError):
    """The flow could not be recorded (missing token, provider error, secret left behind)."""


# -- scrubbing ---------------------------------------------------------------------------------


def scrub_text(text: str, secrets: Sequence[str]) -> str:
    """Return ``text`` with URL userinfo, credential query values and ``secrets`` redacted."""
    text = USERINFO.sub(rf"\1{PLACEHOLDER}:{PLACEHOLDER}@", text)
    text = QUERY_SECRET.sub(rf"\1{PLACEHOLDER}", text)
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, PLACEHOLDER)
    return text


def scrub_url(url: str, secrets: Sequence[str]) -> str:
    """Return ``url`` without userinfo credentials and with credential query values redacted."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    if "@" in parts.netloc:
        netloc = f"{PLACEHOLDER}:{PLACEHOLDER}@{netloc}"
    query = urlencode(
        [
            (k, PLACEHOLDER if k.lower() in CREDENTIAL_QUERY else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ],
        safe="/:",
    )
    cleaned = urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    return scrub_text(cleaned, secrets)


def scrub_json(data: Any, secrets: Sequence[str]) -> Any:
    """Return a copy of JSON ``data`` with credential fields (any depth) and secrets redacted.

    Credential fields: ``apiKey``/``api_key``, ``passthrough`` (and the docs' ``passtrough``),
    ``token`` and ``Authorization``/``X-Token`` entries of header maps such as Scrape.do's
    ``WebhookHeaders``. Strings elsewhere lose URL userinfo, credential query values and any
    literal secret.
    """
    if isinstance(data, dict):
        return {
            key: PLACEHOLDER
            if key.lower() in CREDENTIAL_FIELDS and isinstance(value, str | int | float)
            else scrub_json(value, secrets)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [scrub_json(item, secrets) for item in data]
    if isinstance(data, str):
        return scrub_text(data, secrets)
    return data


def scrub_body(body: Any, secrets: Sequence[str]) -> Any:
    """Return a recorded body (bytes or str) scrubbed: as JSON when it parses, else as text."""
    if body is None or body in (b"", ""):
        return body
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    try:
        data = json.loads(text)
    except ValueError:
        cleaned = scrub_text(text, secrets)
    else:
        cleaned = json.dumps(scrub_json(data, secrets), ensure_ascii=False, separators=(",", ":"))
    return cleaned.encode() if isinstance(body, bytes) else cleaned


def request_scrubber(secrets: Sequence[str]) -> Callable[[Any], Any]:
    """Return vcrpy's ``before_record_request`` hook that redacts a request's credentials."""

    def before_record_request(request: Any) -> Any:
        """Redact credential headers, URL credentials and body credentials of ``request``."""
        request = copy.deepcopy(request)
        for name in list(request.headers):
            if name.lower() in CREDENTIAL_HEADERS:
                request.headers[name] = PLACEHOLDER
        request.uri = scrub_url(request.uri, secrets)
        request.body = scrub_body(request.body, secrets)
        return request

    return before_record_request


def response_scrubber(secrets: Sequence[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Return vcrpy's ``before_record_response`` hook that redacts a response's credentials."""

    def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
        """Redact echoed credentials (``passthrough``, URLs with keys) and secret headers."""
        response = copy.deepcopy(response)
        headers = response.get("headers") or {}
        for name in list(headers):
            if name.lower() in (*CREDENTIAL_HEADERS, "set-cookie"):
                headers[name] = [PLACEHOLDER]
            else:
                headers[name] = [scrub_text(str(v), secrets) for v in headers[name]]
        body = response.get("body") or {}
        if "string" in body:
            body["string"] = scrub_body(body["string"], secrets)
        return response

    return before_record_response


def leftover_secrets(text: str, secrets: Sequence[str]) -> list[str]:
    """Return the secrets (literal, or credential headers not REDACTED) still in ``text``."""
    found = [f"literal secret #{i}" for i, s in enumerate(secrets) if s and s in text]
    for match in re.finditer(r"^\s*(authorization|x-token):\s*\n\s*-\s*(.+)$", text, re.M | re.I):
        if match.group(2).strip().strip("'\"") != PLACEHOLDER:
            found.append(f"{match.group(1)} header")
    if USERINFO.search(text.replace(f"{PLACEHOLDER}:{PLACEHOLDER}@", "")):
        found.append("URL userinfo")
    return found


# -- the flows ---------------------------------------------------------------------------------


def make_client(provider: str, base_url: str, token: str) -> Any:
    """Return ``provider``'s generated client for ``base_url`` authenticated with ``token``."""
    if provider == "scraperapi":
        import scraperapi_client

        return scraperapi_client.Client(base_url=base_url, raise_on_unexpected_status=True)
    import decodo_client
    import scrapedo_client
    import scrapingpros_client
    import scrapio_client

    module, prefix, header = {
        "decodo": (decodo_client, "Basic", "Authorization"),
        "scrapedo": (scrapedo_client, "", "X-Token"),
        "scrapingpros": (scrapingpros_client, "Bearer", "Authorization"),
        "scrapio": (scrapio_client, "Bearer", "Authorization"),
    }[provider]
    return module.AuthenticatedClient(
        base_url=base_url,
        token=token,
        prefix=prefix,
        auth_header_name=header,
        raise_on_unexpected_status=True,
    )


def without_userinfo(url: str) -> str:
    """Return ``url`` without ``user:password@``.

    For the providers that authenticate webhooks another way: Scrape.do headers, ScrapingPros
    signatures, Scrapio URL tokens.
    """
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def status_of(parsed: Any) -> str:
    """Return the status word of a parsed model (an enum's value, or the plain string)."""
    status = getattr(parsed, "status", None)
    return str(getattr(status, "value", status))


def expect(parsed: Any, model: type, what: str) -> Any:
    """Return ``parsed`` when it is a ``model``; raise with the provider's answer otherwise.

    Raises:
        RecordingError: when the provider answered with an error (or nothing).

    """
    if not isinstance(parsed, model):
        detail = parsed.to_dict() if hasattr(parsed, "to_dict") else parsed
        raise RecordingError(f"{what}: unexpected answer {detail!r}")
    return parsed


def poll(
    read: Callable[[], Any], done: Callable[[Any], bool], options: argparse.Namespace, sleep: Sleep
) -> Any:
    """Call ``read`` until ``done(answer)``, sleeping ``--poll-interval`` between reads.

    Raises:
        RecordingError: after ``--max-polls`` reads without ``done``.

    """
    for _ in range(options.max_polls):
        answer = read()
        if done(answer):
            return answer
        sleep(options.poll_interval)
    raise RecordingError(f"still not finished after {options.max_polls} polls")


def flow_decodo(client: Any, token: str, options: argparse.Namespace, sleep: Sleep) -> None:
    """Decodo: POST /v3/task -> GET /v3/task/{id} until done -> GET .../results."""
    from decodo_client.api.tasks import create_task, get_task, get_task_results
    from decodo_client.models import Task, UniversalTask

    body = UniversalTask(target="universal", url=options.target_url)
    if options.callback_url:
        body.callback_url = options.callback_url
    if options.webhook_secret:
        body.passthrough = options.webhook_secret
    task = expect(create_task.sync(client=client, body=body), Task, "create_task")
    poll(
        lambda: get_task.sync(task.id, client=client),
        lambda t: status_of(t) in ("done", "faulted"),
        options,
        sleep,
    )
    get_task_results.sync_detailed(task.id, client=client)


def flow_scrapedo(client: Any, token: str, options: argparse.Namespace, sleep: Sleep) -> None:
    """Scrape.do: POST /api/v1/jobs -> GET job until final -> GET every task."""
    from scrapedo_client.api.jobs import create_job, get_job, get_task
    from scrapedo_client.models import CreateJobRequest, CreateJobResponse

    data: dict[str, Any] = {"Targets": [options.target_url]}
    if options.callback_url:
        data["WebhookURL"] = without_userinfo(options.callback_url)
        if options.webhook_secret:
            data["WebhookHeaders"] = {"Authorization": f"Bearer {options.webhook_secret}"}
    created = expect(
        create_job.sync(client=client, body=CreateJobRequest.from_dict(data)),
        CreateJobResponse,
        "create_job",
    )
    poll(
        lambda: get_job.sync(created.job_id, client=client),
        lambda j: status_of(j) in ("success", "error", "canceled"),
        options,
        sleep,
    )
    for task_id in created.task_i_ds:
        get_task.sync_detailed(created.job_id, task_id, client=client)


def flow_scrapingpros(client: Any, token: str, options: argparse.Namespace, sleep: Sleep) -> None:
    """ScrapingPros: create collection -> run -> GET run until final -> jobs -> one result."""
    from scrapingpros_client.api.collections import create_collection
    from scrapingpros_client.api.runs import get_job_result, get_run, list_run_jobs, run_collection
    from scrapingpros_client.models import CollectionCreated, CreateCollectionRequest, Run

    data: dict[str, Any] = {
        "name": f"scrapejobs recording {datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%S}",
        "requests": [{"url": options.target_url}],
    }
    if options.callback_url:
        data["callback_url"] = without_userinfo(options.callback_url)
    collection = expect(
        create_collection.sync(client=client, body=CreateCollectionRequest.from_dict(data)),
        CollectionCreated,
        "create_collection",
    )
    run = expect(run_collection.sync(collection.id, client=client), Run, "run_collection")
    poll(
        lambda: get_run.sync(collection.id, run.run_id, client=client),
        lambda r: status_of(r) in ("completed", "failed", "cancelled"),
        options,
        sleep,
    )
    page = list_run_jobs.sync(collection.id, run.run_id, client=client)
    items = getattr(page, "items", None) or []
    if items:
        get_job_result.sync_detailed(
            collection.id, run.run_id, items[0].job_public_id, client=client
        )


def flow_scraperapi(client: Any, token: str, options: argparse.Namespace, sleep: Sleep) -> None:
    """ScraperAPI: POST /jobs (``apiKey`` in the body) -> GET /jobs/{id} until final."""
    from scraperapi_client.api.jobs import create_job, get_job
    from scraperapi_client.models import Job, JobRequest

    data: dict[str, Any] = {"apiKey": token, "url": options.target_url}
    if options.callback_url:
        data["callback"] = {"type": "webhook", "url": options.callback_url}
    job = expect(create_job.sync(client=client, body=JobRequest.from_dict(data)), Job, "create_job")
    poll(
        lambda: get_job.sync(job.id, client=client),
        lambda j: status_of(j) in ("finished", "failed", "cancelled"),
        options,
        sleep,
    )


def flow_scrapio(client: Any, token: str, options: argparse.Namespace, sleep: Sleep) -> None:
    """Scrapio: POST /v1/jobs -> GET /v1/jobs/{id} until final -> GET .../result."""
    from scrapio_client.api.jobs import create_job, get_job, get_job_result
    from scrapio_client.models import FetchJobRequest, JobAccepted

    data: dict[str, Any] = {
        "kind": "fetch",
        "input": {"url": options.target_url, "output": ["markdown"]},
    }
    if options.callback_url:
        url = without_userinfo(options.callback_url)
        if options.webhook_secret:  # Scrapio documents no signature: a secret in the URL
            url += ("&" if "?" in url else "?") + f"token={options.webhook_secret}"
        data["webhook"] = {"url": url}
    accepted = expect(
        create_job.sync(client=client, body=FetchJobRequest.from_dict(data)),
        JobAccepted,
        "create_job",
    )
    job = poll(
        lambda: get_job.sync(accepted.job_id, client=client),
        lambda j: (
            getattr(j, "result_available", False) is True
            or status_of(j) in ("failed", "cancelled", "completed", "partial")
        ),
        options,
        sleep,
    )
    if getattr(job, "result_available", False) is True:
        get_job_result.sync_detailed(accepted.job_id, client=client)


FLOWS: dict[str, Callable[[Any, str, argparse.Namespace, Sleep], None]] = {
    "decodo": flow_decodo,
    "scrapedo": flow_scrapedo,
    "scrapingpros": flow_scrapingpros,
    "scraperapi": flow_scraperapi,
    "scrapio": flow_scrapio,
}


# -- recording ---------------------------------------------------------------------------------


def secrets_of(token: str, options: argparse.Namespace) -> list[str]:
    """Return every literal secret of this run: the token, the webhook secret, URL userinfo."""
    secrets = [token, options.webhook_secret or ""]
    if options.callback_url:
        userinfo = urlsplit(options.callback_url).netloc.rpartition("@")[0]
        secrets += [part for part in userinfo.split(":") if part]
    return [s for s in secrets if s and s != PLACEHOLDER]


def record(
    provider: str,
    base_url: str,
    token: str,
    out: Path,
    options: argparse.Namespace,
    sleep: Sleep = time.sleep,
) -> Path:
    """Record ``provider``'s flow against ``base_url`` into ``out``; return the cassette path.

    Raises:
        RecordingError: when the flow fails or a secret would be left in the cassette (the
            file is then deleted).

    """
    secrets = secrets_of(token, options)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    recorder = vcr.VCR(
        record_mode="all",
        match_on=["method", "scheme", "host", "port", "path", "query", "body"],
        decode_compressed_response=True,
        before_record_request=request_scrubber(secrets),
        before_record_response=response_scrubber(secrets),
    )
    try:
        with recorder.use_cassette(str(out)), make_client(provider, base_url, token) as client:
            FLOWS[provider](client, token, options, sleep)
    except BaseException:
        out.unlink(missing_ok=True)  # never leave half a flow behind
        raise
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = (
        f"# Source: live recording by scripts/record_cassettes.py of the {provider} "
        f"submit -> poll -> result flow\n"
        f"# against {scrub_url(base_url, secrets)} at {stamp}; credentials scrubbed to "
        f"{PLACEHOLDER}.\n"
    )
    text = header + out.read_text()
    problems = leftover_secrets(text, secrets)
    if problems:
        out.unlink()
        raise RecordingError(f"secrets survived scrubbing ({', '.join(problems)}); not saved")
    out.write_text(text)
    return out


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Record a scrubbed vcrpy cassette of a provider's job flow."
    )
    parser.add_argument("--provider", required=True, choices=PROVIDERS)
    parser.add_argument(
        "--out",
        type=Path,
        help="cassette file to write (default tests/cassettes/<provider>/live_flow.yaml)",
    )
    parser.add_argument("--target-url", default="https://example.com", help="page to scrape")
    parser.add_argument(
        "--callback-url", help="webhook URL to register (userinfo credentials are scrubbed)"
    )
    parser.add_argument(
        "--webhook-secret",
        help="webhook credential to send (Decodo passthrough, Scrape.do WebhookHeaders, "
        "Scrapio URL token); scrubbed",
    )
    parser.add_argument("--poll-interval", type=float, default=2.0, help="seconds between polls")
    parser.add_argument("--max-polls", type=int, default=60)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, *, sleep: Sleep = time.sleep) -> int:
    """Record one cassette; return 0, or 2 when the token is missing or recording failed."""
    options = parse_args(argv)
    provider: str = options.provider
    env = f"SCRAPEJOBS_{provider.upper()}"
    token = os.environ.get(f"{env}_TOKEN")
    if not token:
        print(f"{env}_TOKEN is not set: nothing recorded", file=sys.stderr)
        return 2
    base_url = os.environ.get(f"{env}_BASE_URL") or PRODUCTION[provider]
    out = options.out or ROOT / "tests" / "cassettes" / provider / "live_flow.yaml"
    try:
        path = record(provider, base_url, token, out, options, sleep)
    except RecordingError as exc:
        print(f"recording failed: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
