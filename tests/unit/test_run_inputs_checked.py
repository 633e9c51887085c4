"""``scrapejobs run`` checks every input before anything is sent and reports every bad line.

The run goes to the emulator served on 127.0.0.1; its statistics prove that no request at all
reached it, and the files prove that no ledger and no output were written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.planning import InvalidInputsError, planner
from scrapejobs.cli import main
from scrapejobs_emulator.pytest_plugin import ServedEmulator

TOKEN = "emulator-token"

GOOD = {
    "decodo": {"target": "google_search", "query": "fine"},
    "scrapedo": {"url": "https://example.com/ok"},
    "scrapingpros": {"url": "https://example.com/ok"},
    "scraperapi": {"url": "https://example.com/ok"},
    "scrapio": {"url": "https://example.com/ok"},
}

# The examples: each bad line, and the field its error must name.
BAD: list[tuple[str, dict[str, Any], str]] = [
    ("scrapedo", {"url": "https://example.com/a", "GeoCode": 12}, "GeoCode"),
    ("scrapio", {"url": "https://example.com/a", "render_js": "yes"}, "render_js"),
    ("decodo", {"target": "google_search", "query": 5}, "query"),
    ("scrapingpros", {"url": "https://example.com/a", "browser": "maybe"}, "browser"),
    (
        "scraperapi",
        {"url": "https://example.com/a", "callback": {"type": "webhook"}},
        "callback.url",
    ),
]


@pytest.fixture
def control(scrapejobs_emulator_server: ServedEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{scrapejobs_emulator_server.base_url}/_emulator") as client:
        yield client


def _requests(control: httpx.Client) -> int:
    stats = control.get("/stats").json()
    return sum(
        n
        for provider in stats.values()
        if isinstance(provider, dict)
        for n in provider.get("requests", {}).values()
    )


def _write(path: Path, lines: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _run(
    tmp_path: Path, server: ServedEmulator, provider: str, input_file: Path, *extra: str
) -> Result:
    args = [
        "run",
        "--provider",
        provider,
        "--input",
        str(input_file),
        "--output",
        str(tmp_path / "out.jsonl"),
        "--no-progress",
        "--base-url",
        server.url(provider),
        "--token",
        TOKEN,
        *extra,
    ]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def _nothing_written(tmp_path: Path) -> None:
    assert not (tmp_path / "out.jsonl").exists()
    assert not (tmp_path / "out.jsonl.ledger").exists()


@pytest.mark.parametrize(("provider", "bad", "field"), BAD, ids=[case[0] for case in BAD])
def test_a_wrong_type_is_reported_with_its_field_and_line_and_nothing_is_sent(
    tmp_path: Path,
    scrapejobs_emulator_server: ServedEmulator,
    control: httpx.Client,
    provider: str,
    bad: dict[str, Any],
    field: str,
) -> None:
    input_file = _write(tmp_path / "in.jsonl", [GOOD[provider], bad, GOOD[provider]])
    before = _requests(control)

    result = _run(tmp_path, scrapejobs_emulator_server, provider, input_file)

    assert result.exit_code == 2, result.output
    assert f"{input_file}:2: {field}: " in result.stderr, result.stderr
    assert f"{input_file}:1:" not in result.stderr
    assert f"{input_file}:3:" not in result.stderr
    assert "Traceback" not in result.output
    assert _requests(control) == before
    _nothing_written(tmp_path)


def test_every_bad_line_is_reported_at_once(
    tmp_path: Path, scrapejobs_emulator_server: ServedEmulator, control: httpx.Client
) -> None:
    lines: list[dict[str, Any]] = [
        {"url": "https://example.com/a", "GeoCode": 12},
        GOOD["scrapedo"],
        {"url": "https://example.com/b", "Render": {"WaitUntil": "soon"}},
        {"url": "https://example.com/c", "Super": "yes", "Timeout": "long"},
    ]
    input_file = _write(tmp_path / "in.jsonl", lines)
    before = _requests(control)

    result = _run(tmp_path, scrapejobs_emulator_server, "scrapedo", input_file)

    assert result.exit_code == 2, result.output
    for needle in (
        ":1: GeoCode: expected a string, got 12",
        ":3: Render.WaitUntil: expected one of",
        ":4: Super: expected a boolean",
        ":4: Timeout: expected an integer",
    ):
        assert f"{input_file}{needle}" in result.stderr, (needle, result.stderr)
    assert "3 input(s) make no valid request; nothing was sent" in result.stderr
    assert _requests(control) == before
    _nothing_written(tmp_path)


def test_the_report_is_capped(
    tmp_path: Path, scrapejobs_emulator_server: ServedEmulator, control: httpx.Client
) -> None:
    input_file = _write(
        tmp_path / "in.jsonl",
        [{"url": f"https://example.com/{n}", "GeoCode": n} for n in range(60)],
    )
    result = _run(tmp_path, scrapejobs_emulator_server, "scrapedo", input_file)

    assert result.exit_code == 2, result.output
    assert result.stderr.count(": GeoCode: expected a string") == 50
    assert f"{input_file}:50: GeoCode" in result.stderr
    assert f"{input_file}:51: GeoCode" not in result.stderr
    assert "and 10 more" in result.stderr
    _nothing_written(tmp_path)


@pytest.mark.parametrize(
    ("provider", "field"),
    [("scraperapi", "apiKey"), ("scrapedo", "token"), ("scrapio", "Authorization")],
)
def test_a_credential_in_an_input_is_refused_and_never_printed(
    tmp_path: Path,
    scrapejobs_emulator_server: ServedEmulator,
    control: httpx.Client,
    provider: str,
    field: str,
) -> None:
    secret = "in-input-secret-7d1f"
    bad = {**GOOD[provider], field: secret}
    input_file = _write(tmp_path / "in.jsonl", [GOOD[provider], bad])
    before = _requests(control)

    result = _run(tmp_path, scrapejobs_emulator_server, provider, input_file)

    assert result.exit_code == 2, result.output
    assert f"{input_file}:2: {field}: a credential does not belong in an input" in result.stderr
    assert secret not in result.output
    assert _requests(control) == before
    _nothing_written(tmp_path)


def test_bad_json_bad_urls_and_wrong_types_are_reported_together(
    tmp_path: Path, scrapejobs_emulator_server: ServedEmulator, control: httpx.Client
) -> None:
    input_file = tmp_path / "in.jsonl"
    input_file.write_text(
        '{"url": "https://example.com/a", "render_js": "yes"}\n'
        '{"url": \n'
        "ftp://example.com/b\n"
        "https://example.com/fine\n"
        '{"url": "https://example.com/c", "apiKey": "in-input-secret"}\n',
        encoding="utf-8",
    )
    before = _requests(control)

    result = _run(tmp_path, scrapejobs_emulator_server, "scrapio", input_file)

    assert result.exit_code == 2, result.output
    for needle in (
        ":1: render_js: expected a boolean",
        ":2: not valid JSON",
        ":3: expected an http or https URL",
        ":5: apiKey: a credential",
    ):
        assert f"{input_file}{needle}" in result.stderr, (needle, result.stderr)
    assert f"{input_file}:4:" not in result.stderr
    assert "4 input(s) make no valid request" in result.stderr
    assert "in-input-secret" not in result.output
    assert _requests(control) == before
    _nothing_written(tmp_path)


# -- the checker itself (no emulator) ------------------------------------------------------


def _problems(provider: str, *params: dict[str, Any]) -> list[tuple[int, str]]:
    items = [RunInput(n, one) for n, one in enumerate(params, start=1)]
    with pytest.raises(InvalidInputsError) as caught:
        planner(provider).plan(items, 10)
    return [(problem.line, problem.reason) for problem in caught.value.problems]


def test_nested_items_and_unions_are_named_by_their_path() -> None:
    actions = [{"type": "click", "selector": "#a"}, {"type": "nope"}, 5, {"type": "click"}, {}]
    reasons = [
        reason
        for _line, reason in _problems(
            "scrapingpros", {"url": "https://a.test/", "actions": actions}
        )
    ]
    assert reasons[0].startswith("actions.1.type: expected one of 'click', 'collect', ")
    assert reasons[0].endswith(', got "nope"')
    assert reasons[1:3] == [
        "actions.2: expected an object, got 5",
        "actions.3.selector: missing required parameter",
    ]
    assert reasons[3].startswith("actions.4.type: missing required parameter (one of 'click'")
    assert len(reasons) == 4
    found = _problems("scrapio", {"kind": "crawl", "input": {}})
    assert found == [(1, "input.seeds: missing required parameter")]


def test_a_wrong_value_under_a_private_name_is_never_shown() -> None:
    secret = "Bearer private-7c1e"
    found = _problems(
        "scrapedo", {"url": "https://a.test/", "WebhookHeaders": secret, "GeoCode": None}
    )
    assert (1, "WebhookHeaders: expected an object, got a string") in found
    assert (1, "GeoCode: expected a string, got null") in found
    assert all(secret not in reason for _line, reason in found)


def test_valid_inputs_of_every_shape_pass() -> None:
    valid: dict[str, dict[str, Any]] = {
        "decodo": {"url": "https://a.test/", "successful_status_codes": [200], "headless": "html"},
        "scrapedo": {"url": "https://a.test/", "Render": {"WaitUntil": "networkidle0"}},
        "scrapingpros": {"url": "https://a.test/", "browser": True, "use_proxy": None},
        "scraperapi": {
            "url": "https://a.test/",
            "callback": {"type": "webhook", "url": "https://h.test/"},
        },
        "scrapio": {"url": "https://a.test/", "render_js": True},
    }
    for provider, params in valid.items():
        assert len(planner(provider).plan([RunInput(1, params)], 10)) == 1, provider
