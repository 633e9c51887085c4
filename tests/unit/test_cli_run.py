"""``scrapejobs run`` and the single-job commands, end to end through the command line.

``run --emulator`` uses the embedded emulator (in process, no network at all); the single-job
commands, the refused credential and the credential check use the emulator served on 127.0.0.1
(``scrapejobs_emulator_server``), driven by its control API (``/_emulator/…``) instead of sleeping.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from decodo_client.models import TaskResults
from scrapedo_client.models import Task as ScrapedoTask
from scrapedo_client.models.task_status import TaskStatus as ScrapedoTaskStatus
from scraperapi_client.models import Job as ScraperapiJob
from scraperapi_client.models import JobStatus as ScraperapiJobStatus
from scrapingpros_client.models import ScrapeResult
from scrapio_client.models import JobKind, JobResult
from scrapio_client.models import JobStatus as ScrapioJobStatus

from scrapejobs.cli import main
from scrapejobs.cli.credentials import TOKEN_VARIABLES
from scrapejobs.clients import PROVIDERS
from scrapejobs_emulator.pytest_plugin import ServedEmulator

EMULATOR_TOKEN = "emulator-token"

Checker = Callable[[Mapping[str, Any], str | None, str], None]
"""Parse an output line's ``result`` with the provider's generated model; check typed fields."""


# -- the providers' typed results -------------------------------------------------------------


def _check_decodo(data: Mapping[str, Any], url: str | None, job_id: str) -> None:
    parsed = TaskResults.from_dict(data)
    assert len(parsed.results) == 1
    entry = parsed.results[0]
    assert entry.task_id == job_id
    assert entry.status_code == 200
    assert isinstance(entry.content, str)
    assert entry.content
    if url is not None:
        assert entry.url == url


def _check_scrapedo(data: Mapping[str, Any], url: str | None, job_id: str) -> None:
    parsed = ScrapedoTask.from_dict(data)
    assert parsed.task_id == job_id
    assert parsed.status == ScrapedoTaskStatus.SUCCESS
    assert parsed.status_code == 200
    assert isinstance(parsed.content, str)
    assert parsed.content
    if url is not None:
        assert parsed.url == url


def _check_scrapingpros(data: Mapping[str, Any], url: str | None, job_id: str) -> None:
    del job_id  # a ScrapingPros result does not repeat the job id
    parsed = ScrapeResult.from_dict(data)
    assert parsed.message
    assert isinstance(parsed.html, str)
    assert parsed.html
    if url is not None:
        assert parsed.url == url


def _check_scraperapi(data: Mapping[str, Any], url: str | None, job_id: str) -> None:
    parsed = ScraperapiJob.from_dict(data)
    assert parsed.id == job_id
    assert parsed.status == ScraperapiJobStatus.FINISHED
    assert parsed.response.status_code == 200
    assert isinstance(parsed.response.body, str)
    assert parsed.response.body
    if url is not None:
        assert parsed.url == url


def _check_scrapio(data: Mapping[str, Any], url: str | None, job_id: str) -> None:
    del url  # a Scrapio result does not repeat the URL
    parsed = JobResult.from_dict(data)
    assert parsed.job_id == job_id
    assert parsed.job_type == JobKind.FETCH
    assert parsed.status == ScrapioJobStatus.COMPLETED
    assert isinstance(parsed.outputs.html, str)
    assert parsed.outputs.html


CHECKS: Mapping[str, Checker] = {
    "decodo": _check_decodo,
    "scrapedo": _check_scrapedo,
    "scrapingpros": _check_scrapingpros,
    "scraperapi": _check_scraperapi,
    "scrapio": _check_scrapio,
}


def test_every_provider_has_a_result_check() -> None:
    assert set(CHECKS) == set(PROVIDERS)


# -- helpers ----------------------------------------------------------------------------------


def _urls(count: int, tag: str) -> list[str]:
    return [f"https://example.com/{tag}/{index}" for index in range(count)]


def _write_inputs(path: Path, inputs: Sequence[str]) -> dict[int, str]:
    """Write ``inputs`` with comment and blank lines among them; return {line number: input}."""
    lines = ["# inputs of a scrapejobs test run", ""]
    at: dict[int, str] = {}
    for index, text in enumerate(inputs):
        if index % 4 == 3:
            lines.append("   ")
        if index % 5 == 4:
            lines.append("  # a comment between inputs")
        lines.append(text)
        at[len(lines)] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _by_line(lines: Sequence[Mapping[str, Any]]) -> dict[int, Mapping[str, Any]]:
    found = {int(line["line"]): line for line in lines}
    assert len(found) == len(lines), "two output lines for one input"
    return found


def _invoke(args: Sequence[str]) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _run(
    tmp_path: Path, provider: str, input_file: Path, *extra: str, name: str = "out"
) -> tuple[Result, Path, Path]:
    """``scrapejobs run`` into ``tmp_path/<name>.jsonl``; return the result, output and summary."""
    output = tmp_path / f"{name}.jsonl"
    summary = tmp_path / f"{name}.summary.json"
    result = _invoke(
        [
            "run",
            "--provider",
            provider,
            "--input",
            str(input_file),
            "--output",
            str(output),
            "--summary-json",
            str(summary),
            "--no-progress",
            *extra,
        ]
    )
    return result, output, summary


def _summary(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _assert_summary_agrees(summary: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]) -> None:
    assert summary["inputs"] == len(lines)
    for state in ("succeeded", "failed", "cancelled", "expired", "refused", "uncertain"):
        assert summary[state] == sum(1 for line in lines if line["state"] == state), state
    assert summary["jobs"] == len({line["job"] for line in lines if line["job"] is not None})


def _without_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in TOKEN_VARIABLES.values():
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def control(scrapejobs_emulator_server: ServedEmulator) -> Iterator[httpx.Client]:
    """An HTTP client for the served emulator's control API (``/_emulator/…``)."""
    with httpx.Client(base_url=f"{scrapejobs_emulator_server.base_url}/_emulator") as client:
        yield client


def _configure(control: httpx.Client, patch: Mapping[str, Any]) -> None:
    answer = control.patch("/config", json=dict(patch))
    assert answer.status_code == 200, answer.text


# -- 1. run --emulator, every provider ---------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_run_on_the_embedded_emulator_writes_one_typed_result_per_input(
    tmp_path: Path, provider: str
) -> None:
    input_file = tmp_path / "urls.txt"
    expected = _write_inputs(input_file, _urls(12, provider))

    result, output, summary_file = _run(tmp_path, provider, input_file, "--emulator")

    assert result.exit_code == 0, result.output
    lines = _lines(output)
    assert len(lines) == 12
    by_line = _by_line(lines)
    assert set(by_line) == set(expected)
    for number, line in by_line.items():
        url = expected[number]
        assert line["input"] == {"url": url}
        assert line["state"] == "succeeded", line["reason"]
        assert line["provider"] == provider
        assert line["reason"] is None
        assert line["job"].startswith(f"{provider}/")
        assert line["job"].endswith(f"/{line['job_id']}")
        CHECKS[provider](line["result"], url, line["job_id"])
    assert len({line["job_id"] for line in lines}) == 12
    summary = _summary(summary_file)
    _assert_summary_agrees(summary, lines)
    assert summary["provider"] == provider
    assert summary["jobs"] == 12
    assert summary["succeeded"] == 12
    assert summary["submissions"] >= 1
    assert summary["requests"] >= summary["submissions"]
    assert summary["requests_per_job"] > 0
    assert summary["replayed_from_ledger"] == 0
    assert "succeeded" in result.stdout  # the summary table


# -- 2. JSONL inputs with provider parameters --------------------------------------------------

JSONL_INPUTS: Mapping[str, list[dict[str, Any]]] = {
    "scrapedo": [
        {"url": "https://example.com/geo/1", "GeoCode": "us"},
        {"url": "https://example.com/geo/2", "GeoCode": "us"},
        {"url": "https://example.com/geo/3", "GeoCode": "de", "Device": "mobile"},
    ],
    "decodo": [
        {"target": "google_search", "query": "scrapejobs test one"},
        {"target": "google_search", "query": "scrapejobs test two"},
        {"target": "universal", "url": "https://example.com/universal"},
    ],
    "scrapio": [
        {"url": "https://example.com/js/1", "render_js": True},
        {"url": "https://example.com/js/2", "render_js": False},
        {"kind": "fetch", "input": {"url": "https://example.com/js/3"}},
    ],
}


@pytest.mark.parametrize("provider", sorted(JSONL_INPUTS))
def test_jsonl_inputs_with_provider_parameters_run_and_are_echoed(
    tmp_path: Path, provider: str
) -> None:
    params = JSONL_INPUTS[provider]
    input_file = tmp_path / "inputs.jsonl"
    texts = [json.dumps(item) for item in params] + ["https://example.com/plain"]
    expected = _write_inputs(input_file, texts)

    result, output, summary_file = _run(tmp_path, provider, input_file, "--emulator")

    assert result.exit_code == 0, result.output
    by_line = _by_line(_lines(output))
    assert set(by_line) == set(expected)
    for number, line in by_line.items():
        text = expected[number]
        given = json.loads(text) if text.startswith("{") else {"url": text}
        assert line["input"] == given
        assert line["state"] == "succeeded", line["reason"]
        url = given.get("url")
        CHECKS[provider](line["result"], url if isinstance(url, str) else None, line["job_id"])
    assert _summary(summary_file)["succeeded"] == len(texts)


# -- 3. rerun on the same ledger ---------------------------------------------------------------


def test_rerun_on_the_same_ledger_replays_everything_and_submits_nothing(tmp_path: Path) -> None:
    input_file = tmp_path / "urls.txt"
    _write_inputs(input_file, _urls(8, "rerun"))
    ledger = tmp_path / "run.db"
    common = ("--emulator", "--ledger", str(ledger))

    first, first_output, first_summary = _run(
        tmp_path, "scraperapi", input_file, *common, name="first"
    )
    assert first.exit_code == 0, first.output
    before = _by_line(_lines(first_output))
    assert _summary(first_summary)["submissions"] >= 1

    again, again_output, again_summary = _run(
        tmp_path, "scraperapi", input_file, *common, name="first"
    )

    assert again.exit_code == 0, again.output
    after = _by_line(_lines(again_output))
    assert after == before  # line for line: same states, job ids and results
    summary = _summary(again_summary)
    assert summary["replayed_from_ledger"] == summary["inputs"] == 8
    assert summary["submissions"] == 0
    assert summary["requests"] == 0
    assert summary["succeeded"] == 8
    assert summary["jobs"] == 8


# -- 4. faults -------------------------------------------------------------------------------


def test_faults_still_give_one_line_per_input_and_a_reason_for_each_failure(
    tmp_path: Path,
) -> None:
    input_file = tmp_path / "urls.txt"
    expected = _write_inputs(input_file, _urls(5, "faults"))
    config = tmp_path / "emulator.json"
    config.write_text(json.dumps({"seed": 1}), encoding="utf-8")

    result, output, summary_file = _run(
        tmp_path,
        "scraperapi",
        input_file,
        "--emulator",
        "--emulator-config",
        str(config),
        "--emulator-faults",
        "0.2",
    )

    assert result.exit_code in (0, 3), result.output
    lines = _lines(output)
    by_line = _by_line(lines)
    assert set(by_line) == set(expected)
    for line in lines:
        if line["state"] == "succeeded":
            _check_scraperapi(line["result"], line["input"]["url"], line["job_id"])
        else:
            assert isinstance(line["reason"], str), line
            assert line["reason"].strip(), line
    summary = _summary(summary_file)
    _assert_summary_agrees(summary, lines)
    assert (result.exit_code == 0) == (summary["succeeded"] == summary["inputs"])


@pytest.mark.parametrize(
    "provider",
    ["decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio"],
)
def test_failed_jobs_are_failed_lines_with_a_reason(tmp_path: Path, provider: str) -> None:
    input_file = tmp_path / "urls.txt"
    expected = _write_inputs(input_file, _urls(3, "failing"))
    config = tmp_path / "emulator.json"
    config.write_text(json.dumps({"faults": {"job_failure_rate": 1}}), encoding="utf-8")

    result, output, summary_file = _run(
        tmp_path, provider, input_file, "--emulator", "--emulator-config", str(config)
    )

    assert result.exit_code == 3, result.output
    lines = _lines(output)
    assert set(_by_line(lines)) == set(expected)
    assert {line["state"] for line in lines} == {"failed"}
    assert _summary(summary_file)["failed"] == 3
    for line in lines:
        assert isinstance(line["reason"], str), line
        assert line["reason"].strip(), line


# -- 5. usage errors and a refused credential -------------------------------------------------


def _usage_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    for needle in needles:
        assert needle in result.output, (needle, result.output)
    assert "Traceback" not in result.output


def test_missing_input_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result, output, _summary_file = _run(tmp_path, "scrapio", missing, "--emulator")
    _usage_error(result, str(missing), "no such file")
    assert not output.exists()


def test_bad_line_is_a_usage_error_naming_file_and_line(tmp_path: Path) -> None:
    input_file = tmp_path / "urls.txt"
    input_file.write_text("https://example.com/ok\n# fine\n\nftp://example.com/bad\n")
    result, output, _summary_file = _run(tmp_path, "scrapio", input_file, "--emulator")
    _usage_error(result, f"{input_file}:4", "http or https")
    assert not output.exists()


def test_malformed_json_line_is_a_usage_error_naming_file_and_line(tmp_path: Path) -> None:
    input_file = tmp_path / "inputs.jsonl"
    input_file.write_text('{"url": "https://example.com/a"}\n{"url": \n')
    result, _output, _summary_file = _run(tmp_path, "scrapio", input_file, "--emulator")
    _usage_error(result, f"{input_file}:2", "not valid JSON")


def test_file_without_inputs_is_a_usage_error(tmp_path: Path) -> None:
    input_file = tmp_path / "urls.txt"
    input_file.write_text("# nothing here\n\n   \n")
    result, _output, _summary_file = _run(tmp_path, "scrapio", input_file, "--emulator")
    _usage_error(result, str(input_file), "no inputs")


def test_unknown_decodo_parameter_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    input_file = tmp_path / "inputs.jsonl"
    input_file.write_text(
        '{"target": "universal", "url": "https://example.com/a"}\n'
        '{"target": "universal", "url": "https://example.com/b", "colour": "red"}\n'
    )
    result, output, _summary_file = _run(tmp_path, "decodo", input_file, "--emulator")
    _usage_error(result, f"{input_file}:2", "colour")
    assert not output.exists()


def test_unknown_provider_is_a_usage_error(tmp_path: Path) -> None:
    input_file = tmp_path / "urls.txt"
    input_file.write_text("https://example.com/a\n")
    result, _output, _summary_file = _run(tmp_path, "scrapeall", input_file, "--emulator")
    _usage_error(result, "'scrapeall' is not one of", "scrapio")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_missing_credential_is_a_usage_error_naming_the_variable(
    tmp_path: Path, provider: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_credentials(monkeypatch)
    others = {
        variable: f"other-provider-secret-{name}"
        for name, variable in TOKEN_VARIABLES.items()
        if name != provider
    }
    for variable, value in others.items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setenv(TOKEN_VARIABLES[provider], "   ")  # blank counts as missing
    input_file = tmp_path / "urls.txt"
    input_file.write_text("https://example.com/a\n")

    result, output, _summary_file = _run(tmp_path, provider, input_file)

    _usage_error(result, TOKEN_VARIABLES[provider], "--token")
    for value in others.values():
        assert value not in result.output
    assert not output.exists()


def test_ledger_of_another_run_is_a_usage_error_and_keeps_the_output(tmp_path: Path) -> None:
    first_input = tmp_path / "a.txt"
    _write_inputs(first_input, _urls(5, "a"))
    second_input = tmp_path / "b.txt"
    _write_inputs(second_input, _urls(5, "b"))
    ledger = tmp_path / "run.db"

    first, output, _summary_file = _run(
        tmp_path, "scraperapi", first_input, "--emulator", "--ledger", str(ledger)
    )
    assert first.exit_code == 0, first.output
    written = output.read_text(encoding="utf-8")

    second, same_output, _summary_file = _run(
        tmp_path, "scraperapi", second_input, "--emulator", "--ledger", str(ledger)
    )

    _usage_error(second, str(ledger), "other inputs")
    assert same_output == output
    assert output.read_text(encoding="utf-8") == written  # the first run's results survive

    other_provider, _output, _summary_file = _run(
        tmp_path, "scrapio", first_input, "--emulator", "--ledger", str(ledger), name="other"
    )
    _usage_error(other_provider, str(ledger), "scraperapi run")


def test_emulator_options_need_emulator(tmp_path: Path) -> None:
    input_file = tmp_path / "urls.txt"
    input_file.write_text("https://example.com/a\n")
    config = tmp_path / "emulator.json"
    config.write_text("{}")

    faults, _output, _summary_file = _run(
        tmp_path, "scrapio", input_file, "--token", "t", "--emulator-faults", "0.2"
    )
    _usage_error(faults, "--emulator-faults needs --emulator")

    configured, _output, _summary_file = _run(
        tmp_path, "scrapio", input_file, "--token", "t", "--emulator-config", str(config)
    )
    _usage_error(configured, "--emulator-config needs --emulator")


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ({"faults": {"rate_429": 3}}, "faults.rate_429"),
        ([1, 2], "expected a JSON object"),
    ],
)
def test_bad_emulator_config_is_a_usage_error_naming_the_field(
    tmp_path: Path, config: object, needle: str
) -> None:
    input_file = tmp_path / "urls.txt"
    input_file.write_text("https://example.com/a\n")
    config_file = tmp_path / "emulator.json"
    config_file.write_text(json.dumps(config))
    result, _output, _summary_file = _run(
        tmp_path, "scrapio", input_file, "--emulator", "--emulator-config", str(config_file)
    )
    _usage_error(result, "--emulator-config", needle)


def test_emulator_config_with_its_own_tokens_still_runs(tmp_path: Path) -> None:
    input_file = tmp_path / "urls.txt"
    _write_inputs(input_file, _urls(2, "tokens"))
    config = tmp_path / "emulator.json"
    config.write_text(json.dumps({"tokens": ["someone-else"], "seed": 3}))
    result, output, _summary_file = _run(
        tmp_path, "scraperapi", input_file, "--emulator", "--emulator-config", str(config)
    )
    assert result.exit_code == 0, result.output
    assert [line["state"] for line in _lines(output)] == ["succeeded", "succeeded"]


def test_refused_credential_fails_the_run_without_printing_it(
    tmp_path: Path, scrapejobs_emulator_server: ServedEmulator
) -> None:
    token = "refused-credential-5e2b9d"
    input_file = tmp_path / "urls.txt"
    _write_inputs(input_file, _urls(3, "refused"))

    result, output, _summary_file = _run(
        tmp_path,
        "scrapio",
        input_file,
        "--base-url",
        scrapejobs_emulator_server.url("scrapio"),
        "--token",
        token,
    )

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("scrapejobs: error: scrapio refused the run")
    assert "401" in result.stderr
    assert token not in result.output
    for path in tmp_path.iterdir():
        assert token.encode() not in path.read_bytes(), path
    assert not output.exists() or all(line["state"] != "succeeded" for line in _lines(output))


# -- 6. submit / status / result / cancel against the served emulator ---------------------------


def _single(
    command: str, provider: str, served: ServedEmulator, *args: str, token: str = EMULATOR_TOKEN
) -> Result:
    return _invoke(
        [
            command,
            "--provider",
            provider,
            *args,
            "--token",
            token,
            "--base-url",
            served.url(provider),
        ]
    )


def _submit(provider: str, served: ServedEmulator, url: str) -> dict[str, Any]:
    """Submit as a user does: the printed line is the JOB the other commands take, as is."""
    result = _single("submit", provider, served, "--url", url)
    assert result.exit_code == 0, result.output
    (job,) = result.stdout.splitlines()
    assert job.startswith(f"{provider}/")
    assert not job.startswith("{")
    return {"job": job, "provider": provider, "job_id": job.rsplit("/", 1)[1]}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_submit_json_prints_the_object_whose_job_the_other_commands_take(
    provider: str, scrapejobs_emulator_server: ServedEmulator, control: httpx.Client
) -> None:
    served = scrapejobs_emulator_server
    _configure(control, {"progression": {"mode": "manual"}})
    result = _single("submit", provider, served, "--json", "--url", "https://example.com/json")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    submitted = json.loads(line)
    assert submitted["provider"] == provider
    assert submitted["job"].startswith(f"{provider}/")
    assert submitted["job"].endswith(f"/{submitted['job_id']}")
    assert _status(provider, served, submitted["job"])["state"] in ("queued", "running")


def _status(provider: str, served: ServedEmulator, job: str) -> dict[str, Any]:
    result = _single("status", provider, served, job)
    assert result.exit_code == 0, result.output
    status: dict[str, Any] = json.loads(result.stdout)
    assert status["job"] == job
    return status


@pytest.mark.parametrize("provider", PROVIDERS)
def test_submit_status_result_of_one_job(
    provider: str, scrapejobs_emulator_server: ServedEmulator, control: httpx.Client
) -> None:
    served = scrapejobs_emulator_server
    _configure(control, {"progression": {"mode": "manual"}})  # jobs wait for the control API
    url = f"https://example.com/single/{provider}"

    submitted = _submit(provider, served, url)
    job = submitted["job"]
    waiting = _status(provider, served, job)
    assert waiting["state"] in ("queued", "running")
    assert waiting["status"]
    assert waiting["reason"] is None

    early = _single("result", provider, served, job)
    assert early.exit_code == 1, early.output
    assert early.stderr.startswith(f"scrapejobs: error: {provider} ")

    done = control.post(f"/jobs/{provider}/{submitted['job_id']}/complete", json={})
    assert done.status_code == 200, done.text
    assert done.json()["phase"] == "succeeded"
    assert _status(provider, served, job)["state"] == "succeeded"

    result = _single("result", provider, served, job)
    assert result.exit_code == 0, result.output
    CHECKS[provider](json.loads(result.stdout), url, submitted["job_id"])


@pytest.mark.parametrize("provider", PROVIDERS)
def test_cancel_one_job(
    provider: str, scrapejobs_emulator_server: ServedEmulator, control: httpx.Client
) -> None:
    served = scrapejobs_emulator_server
    _configure(control, {"progression": {"mode": "manual"}})
    job = _submit(provider, served, f"https://example.com/cancel/{provider}")["job"]

    result = _single("cancel", provider, served, job)

    if provider in ("decodo", "scrapingpros"):
        assert result.exit_code == 1, result.output
        assert f"{provider} cannot cancel" in result.stderr
        assert _status(provider, served, job)["state"] in ("queued", "running")
    else:
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["state"] == "cancelled"
        assert _status(provider, served, job)["state"] == "cancelled"


@pytest.mark.parametrize(
    ("provider", "job", "message"),
    [
        ("decodo", "decodo/7531158273030881284", "Task not found"),
        ("scraperapi", "scraperapi/9f4c2a43-0000-4000-8000-000000000000", "Job not found"),
        ("scrapio", "job_0000000000000000deadbeef", "job_not_found"),
    ],
)
@pytest.mark.parametrize("command", ["status", "result", "cancel"])
def test_unknown_job_fails_with_the_providers_not_found_message(
    provider: str,
    job: str,
    message: str,
    command: str,
    scrapejobs_emulator_server: ServedEmulator,
) -> None:
    if command == "cancel" and provider == "decodo":
        message = "decodo cannot cancel"
    result = _single(command, provider, scrapejobs_emulator_server, job)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("scrapejobs: error: ")
    assert message in result.stderr
    assert "404" in result.stderr or "cannot cancel" in result.stderr


@pytest.mark.parametrize(
    ("provider", "job"),
    [
        ("scrapedo", "scrapedo/only-a-task-id"),
        ("scrapingpros", "scrapingpros/collection/job-without-run"),
        ("scrapio", "scraperapi/another-providers-job"),
        ("scraperapi", "scraperapi/"),
    ],
)
def test_malformed_job_reference_is_a_usage_error(
    provider: str, job: str, scrapejobs_emulator_server: ServedEmulator
) -> None:
    result = _single("status", provider, scrapejobs_emulator_server, job)
    _usage_error(result, "not a job of", "as printed by submit")


def test_single_job_commands_need_a_credential(
    monkeypatch: pytest.MonkeyPatch, scrapejobs_emulator_server: ServedEmulator
) -> None:
    _without_credentials(monkeypatch)
    url = scrapejobs_emulator_server.url("scrapio")
    for args in (
        ["submit", "-p", "scrapio", "--url", "https://example.com/a"],
        ["status", "-p", "scrapio", "scrapio/job_x"],
    ):
        result = _invoke([*args, "--base-url", url])
        _usage_error(result, "SCRAPEJOBS_SCRAPIO_TOKEN")


def test_submit_needs_exactly_one_of_url_and_params(
    scrapejobs_emulator_server: ServedEmulator,
) -> None:
    neither = _single("submit", "scrapio", scrapejobs_emulator_server)
    _usage_error(neither, "exactly one of --url or --params")
    bad = _single("submit", "decodo", scrapejobs_emulator_server, "--params", '{"colour": 1}')
    _usage_error(bad, "colour")


def test_submit_with_params(
    scrapejobs_emulator_server: ServedEmulator, control: httpx.Client
) -> None:
    params = {"url": "https://example.com/params", "GeoCode": "us"}
    result = _single(
        "submit", "scrapedo", scrapejobs_emulator_server, "--params", json.dumps(params)
    )
    assert result.exit_code == 0, result.output
    jobs = control.get("/jobs", params={"provider": "scrapedo"}).json()["jobs"]
    assert [job["id"] for job in jobs] == [result.stdout.strip().rsplit("/", 1)[1]]


# -- 7. credentials are never printed ----------------------------------------------------------


def test_run_with_the_token_from_the_environment_never_prints_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scrapejobs_emulator_server: ServedEmulator,
    control: httpx.Client,
) -> None:
    token = "scrapio-env-credential-3f9a71c2"
    _configure(control, {"tokens": [token]})  # the only credential the emulator accepts
    assert token not in control.get("/config").text
    _without_credentials(monkeypatch)
    monkeypatch.setenv("SCRAPEJOBS_SCRAPIO_TOKEN", token)
    input_file = tmp_path / "urls.txt"
    expected = _write_inputs(input_file, _urls(5, "env"))

    result, output, summary_file = _run(
        tmp_path,
        "scrapio",
        input_file,
        "--base-url",
        scrapejobs_emulator_server.url("scrapio"),
        "--concurrency",
        "4",
    )

    assert result.exit_code == 0, result.output
    lines = _lines(output)
    assert set(_by_line(lines)) == set(expected)
    assert all(line["state"] == "succeeded" for line in lines)
    assert _summary(summary_file)["succeeded"] == 5
    assert token not in result.stdout
    assert token not in result.stderr
    for path in tmp_path.iterdir():  # output, summary and the ledger
        assert token.encode() not in path.read_bytes(), path

    single = _invoke(
        [
            "submit",
            "-p",
            "scrapio",
            "--url",
            "https://example.com/single",
            "--base-url",
            scrapejobs_emulator_server.url("scrapio"),
        ]
    )
    assert single.exit_code == 0, single.output
    job = single.stdout.strip()  # the plain job reference
    status = _invoke(
        ["status", "-p", "scrapio", job, "--base-url", scrapejobs_emulator_server.url("scrapio")]
    )
    assert status.exit_code == 0, status.output
    for printed in (single.output, status.output):
        assert token not in printed


def test_scrapingpros_webhooks_without_the_signing_secret_are_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET", raising=False)
    input_file = tmp_path / "urls.txt"
    input_file.write_text("https://example.com/a\n")
    output = tmp_path / "out.jsonl"
    result = _invoke(
        [
            "run",
            "--provider",
            "scrapingpros",
            "--input",
            str(input_file),
            "--output",
            str(output),
            "--token",
            "sp-key-0123456789",
            "--base-url",
            "http://127.0.0.1:9",
            "--webhook-port",
            "0",
            "--no-progress",
        ]
    )
    _usage_error(result, "SCRAPEJOBS_SCRAPINGPROS_WEBHOOK_SECRET", "--webhook-port")
    assert not output.exists()
    assert not (tmp_path / "out.jsonl.ledger").exists()


def test_the_embedded_emulator_keeps_its_jobs_beside_the_ledger(tmp_path: Path) -> None:
    # An interrupted offline run resumes against the same emulator jobs: they are saved in
    # <ledger>.emulator.json, which a rerun loads; a damaged state file is one clear error.
    input_file = tmp_path / "urls.txt"
    _write_inputs(input_file, _urls(4, "state"))
    ledger = tmp_path / "run.db"
    state = tmp_path / "run.db.emulator.json"
    common = ("--emulator", "--ledger", str(ledger))

    first, output, _ = _run(tmp_path, "scrapio", input_file, *common)
    assert first.exit_code == 0, first.output
    saved = state.read_text(encoding="utf-8")
    assert json.loads(saved)["version"] == 1
    for line in _lines(output):
        assert line["job_id"] in saved  # every job of the run, by its id

    state.write_text("{ damaged", encoding="utf-8")
    again, _, _ = _run(tmp_path, "scrapio", input_file, *common, name="again")
    assert again.exit_code == 2
    assert f"emulator state {state}" in again.output
    assert "Traceback" not in again.output
    assert state.read_text(encoding="utf-8") == "{ damaged"  # never overwritten


def test_the_emulator_command_refuses_a_damaged_state_file_in_one_line(tmp_path: Path) -> None:
    state = tmp_path / "emulator.json"
    state.write_text('{"version": 99}', encoding="utf-8")
    result = _invoke(["emulator", "--port", "0", "--state", str(state)])
    assert result.exit_code == 2
    assert "--state" in result.output
    assert "Traceback" not in result.output
    assert state.read_text(encoding="utf-8") == '{"version": 99}'
