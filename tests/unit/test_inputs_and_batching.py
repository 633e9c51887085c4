"""Input files and submission planning: every bad line named, every provider's batches right."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from decodo_client.models import (
    AmazonProductBatch,
    GoogleSearchBatch,
    GoogleSearchTask,
    UniversalBatch,
    UniversalTask,
)
from scrapedo_client.models import CreateJobRequest
from scraperapi_client.models import BatchJobRequest, JobRequest
from scrapingpros_client.models import CollectionRequest, CreateCollectionRequest
from scrapio_client.models import CrawlJobRequest, FetchJobRequest, SearchJobRequest

from scrapejobs.batch.inputs import InputFileError, RunInput, parse_lines, read_inputs
from scrapejobs.batch.planning import (
    DEFAULT_BATCH_SIZE,
    MAX_BATCH_SIZE,
    InputParamsError,
    PlannedSubmission,
    planner,
)
from scrapejobs.clients import UnknownProviderError

PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")


def urls(n: int, host: str = "a.test") -> list[RunInput]:
    return [RunInput(i, {"url": f"https://{host}/{i}"}) for i in range(1, n + 1)]


def lines_of(plan: list[PlannedSubmission]) -> list[list[int]]:
    return [[item.line for item in sub.inputs] for sub in plan]


# -- input files -------------------------------------------------------------------------------


def test_url_lines_become_url_inputs_numbered_by_line(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("https://example.com/a\nhttp://example.com/b?q=1\n")
    inputs, digest = read_inputs(path)
    assert inputs == [
        RunInput(1, {"url": "https://example.com/a"}),
        RunInput(2, {"url": "http://example.com/b?q=1"}),
    ]
    assert [item.key for item in inputs] == ["line-1", "line-2"]
    assert len(digest) == 64


def test_jsonl_lines_keep_their_parameters_as_written(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"url": "https://example.com/a", "Render": {"WaitUntil": "load"}}\n'
        '{"target": "google_search", "query": "shoes", "parse": true}\n'
    )
    inputs, _ = read_inputs(path)
    assert [dict(item.params) for item in inputs] == [
        {"url": "https://example.com/a", "Render": {"WaitUntil": "load"}},
        {"target": "google_search", "query": "shoes", "parse": True},
    ]


def test_comments_blank_lines_and_surrounding_whitespace_are_skipped() -> None:
    inputs, _ = parse_lines(
        [
            "# a comment\n",
            "\n",
            "   \t\n",
            "  https://example.com/a  \n",
            "   # an indented comment\n",
            '\t{"url": "https://example.com/b"}\r\n',
        ]
    )
    assert inputs == [
        RunInput(4, {"url": "https://example.com/a"}),
        RunInput(6, {"url": "https://example.com/b"}),
    ]


def test_url_and_json_lines_may_be_mixed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(
        "https://example.com/1\n"
        '{"url": "https://example.com/2", "render_js": true}\n'
        "# skip\n"
        "https://example.com/4\n"
    )
    inputs, _ = read_inputs(path)
    assert [(item.line, dict(item.params)) for item in inputs] == [
        (1, {"url": "https://example.com/1"}),
        (2, {"url": "https://example.com/2", "render_js": True}),
        (4, {"url": "https://example.com/4"}),
    ]


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_url(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffhttps://example.com/ä\n".encode())
    inputs, _ = read_inputs(path)
    assert inputs == [RunInput(1, {"url": "https://example.com/ä"})]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('https://ok.test/\n{"url": "https://x.test",}\n', 2, "not valid JSON"),
        ("https://ok.test/\n\n{not json\n", 3, "not valid JSON"),
        ('# c\n["https://x.test"]\n', 2, "not a JSON array/string"),
        ('"https://x.test"\n', 1, "not a JSON array/string"),
        ("https://ok.test/\nftp://x.test/file\n", 2, "expected an http or https URL"),
        ("example.com/page\n", 1, "expected an http or https URL"),
        ("https://ok.test/\nhttps:///path-only\n", 2, "the URL has no host"),
        ("http://\n", 1, "the URL has no host"),
        ("https://ok.test/\nhttps://x.test/a b\n", 2, "cannot contain whitespace"),
        ("https://[::1/\n", 1, "not a URL"),
    ],
)
def test_every_bad_line_is_named_with_its_number(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(InputFileError) as caught:
        read_inputs(path)
    assert caught.value.line == line
    assert caught.value.path == str(path)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_a_json_value_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(InputFileError) as caught:
        parse_lines(["https://ok.test/", "{}", "{ } x"], path="in.jsonl")
    assert (caught.value.line, caught.value.path) == (3, "in.jsonl")
    inputs, _ = parse_lines(["{}"])  # an empty object parses; the planner names what is missing
    assert inputs == [RunInput(1, {})]


@pytest.mark.parametrize("text", ["", "\n\n", "# only comments\n  # and more\n"])
def test_a_file_without_inputs_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(text)
    with pytest.raises(InputFileError, match="no inputs") as caught:
        read_inputs(path)
    assert caught.value.line is None


def test_a_missing_file_and_a_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file") as missing:
        read_inputs(tmp_path / "nope.txt")
    assert missing.value.line is None
    assert missing.value.path == str(tmp_path / "nope.txt")
    with pytest.raises(InputFileError, match="is a directory") as directory:
        read_inputs(tmp_path)
    assert directory.value.line is None


def test_non_utf8_bytes_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"https://ok.test/1\n# fine\nhttps://ok.test/caf\xe9\nhttps://ok.test/4\n")
    with pytest.raises(InputFileError, match="not UTF-8") as caught:
        read_inputs(path)
    assert caught.value.line == 3


def test_the_digest_ignores_edits_that_move_no_input(tmp_path: Path) -> None:
    base = ["https://example.com/a", "", "# comment", '{"url": "https://example.com/b"}']
    _, digest = parse_lines(base)
    # Whitespace of blank lines, a comment's text, a blank line turned into a comment, trailing
    # whitespace and line endings: the same inputs on the same lines.
    for edited in (
        ["https://example.com/a", "   ", "# another comment", '{"url": "https://example.com/b"}'],
        ["https://example.com/a  ", "# new", "", '  {"url": "https://example.com/b"}\r\n'],
        ["https://example.com/a\n", "\t\n", "#\n", '{"url": "https://example.com/b"}\n', "\n"],
    ):
        assert parse_lines(edited)[1] == digest
    path = tmp_path / "in.txt"
    path.write_text("\n".join(base) + "\n")
    assert read_inputs(path)[1] == digest


def test_the_digest_changes_with_any_input_or_its_line(tmp_path: Path) -> None:
    base = ["https://example.com/a", "", '{"url": "https://example.com/b"}']
    _, digest = parse_lines(base)
    changed = [
        ["https://example.com/A", "", '{"url": "https://example.com/b"}'],  # an input edited
        ["https://example.com/a", "", '{"url": "https://example.com/b", "x": 1}'],
        ["https://example.com/a", "", '{"url": "https://example.com/b"}', "https://c.test/"],
        ["https://example.com/a", '{"url": "https://example.com/b"}'],  # input keys moved
        ["", "https://example.com/a", "", '{"url": "https://example.com/b"}'],
    ]
    digests = {parse_lines(lines)[1] for lines in changed}
    assert digest not in digests
    assert len(digests) == len(changed)


# -- planning: shared rules --------------------------------------------------------------------


def test_unknown_provider_and_bad_batch_size_are_refused() -> None:
    with pytest.raises(UnknownProviderError):
        planner("scrapeninja")
    with pytest.raises(ValueError, match="at least 1"):
        planner("decodo").plan(urls(2), 0)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_plain_url_line_plans_for_every_provider(provider: str) -> None:
    plan = planner(provider).plan(urls(3), DEFAULT_BATCH_SIZE[provider])
    assert [item for sub in plan for item in sub.inputs] == urls(3)
    for sub in plan:
        planner(provider).model(sub.request)  # a valid generated request model


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (5, "'url' must be a string, not int"),
        (["https://a.test/"], "'url' must be a string, not list"),
        ("ftp://a.test/x", "'url': expected an http or https URL"),
        ("/relative/path", "'url': expected an http or https URL"),
        ("https://", "'url': the URL has no host"),
        ("https://a.test/a b", "'url': a URL cannot contain whitespace"),
    ],
)
def test_url_must_be_an_absolute_http_string(provider: str, url: Any, reason: str) -> None:
    inputs = [*urls(2), RunInput(9, {"url": url})]
    with pytest.raises(InputParamsError) as caught:
        planner(provider).plan(inputs, 10)
    assert caught.value.line == 9
    assert reason in caught.value.reason
    assert str(caught.value).startswith("line 9: ")


def test_a_scrapio_job_bodys_input_url_is_checked_too() -> None:
    body = {"kind": "fetch", "input": {"url": "file:///etc/passwd"}}
    with pytest.raises(InputParamsError, match="expected an http or https URL") as caught:
        planner("scrapio").plan([RunInput(4, body)], 1)
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("provider", "params", "missing"),
    [
        ("scraperapi", {"apiParams": {"render": True}}, "url: missing required parameter"),
        ("scrapingpros", {"browser": True}, "url: missing required parameter"),
        ("scrapedo", {"Render": {"WaitUntil": "networkidle0"}}, "scrapedo"),
        ("scrapio", {"render_js": True}, "url: missing required parameter"),
    ],
)
def test_a_missing_url_is_named(provider: str, params: dict[str, Any], missing: str) -> None:
    with pytest.raises(InputParamsError) as caught:
        planner(provider).plan([*urls(1), RunInput(2, params)], 10)
    assert caught.value.line == 2
    assert caught.value.reason.startswith(missing)
    assert "missing required parameter" in caught.value.reason


def test_missing_required_parameters_of_job_bodies_are_named() -> None:
    with pytest.raises(InputParamsError, match=r"input\.seeds: missing required parameter"):
        planner("scrapio").plan([RunInput(1, {"kind": "crawl", "input": {}})], 1)
    with pytest.raises(InputParamsError, match="input: missing required parameter"):
        planner("scrapio").plan([RunInput(1, {"kind": "fetch"})], 1)
    with pytest.raises(InputParamsError, match="url: missing required parameter"):
        planner("scrapingpros").plan([RunInput(1, {"custom_id": "x"})], 1)


@pytest.mark.parametrize(
    ("provider", "params", "unknown"),
    [
        ("decodo", {"url": "https://a.test/", "render": True}, "UniversalTask"),
        ("decodo", {"target": "google_search", "query": "q", "url": "https://a.test/"}, "url"),
        ("scrapio", {"kind": "fetch", "input": {"url": "https://a.test/"}, "bogus": 1}, "bogus"),
        # FetchInput has no additional properties either: a nested unknown key is an error, not
        # a parameter silently left out of the request.
        ("scrapio", {"url": "https://a.test/", "render": True}, "input.render"),
        ("scrapio", {"kind": "fetch", "input": {"url": "https://a.test/", "x": 1}}, "input.x"),
        ("scrapio", {"kind": "search", "input": {"query": "q", "pages": 2}}, "input.pages"),
    ],
)
def test_unknown_parameters_are_refused_where_the_model_has_no_extras(
    provider: str, params: dict[str, Any], unknown: str
) -> None:
    with pytest.raises(InputParamsError, match="unknown parameter") as caught:
        planner(provider).plan([RunInput(7, params)], 10)
    assert caught.value.line == 7
    assert unknown in caught.value.reason


@pytest.mark.parametrize(
    ("provider", "params"),
    [
        ("scraperapi", {"url": "https://a.test/", "someNewOption": 1}),
        ("scrapedo", {"url": "https://a.test/", "SomeNewOption": 1}),
        ("scrapingpros", {"url": "https://a.test/", "some_new_option": 1}),
    ],
)
def test_models_with_additional_properties_pass_unknown_keys_through(
    provider: str, params: dict[str, Any]
) -> None:
    (sub,) = planner(provider).plan([RunInput(1, params)], 10)
    (extra,) = (key for key in params if key != "url")
    sent = planner(provider).model(sub.request).to_dict()
    item = sent["requests"][0] if provider == "scrapingpros" else sent
    assert item[extra] == 1  # sent as written


@pytest.mark.parametrize(
    ("provider", "params", "reason"),
    [
        ("scrapedo", {"url": "https://a.test/", "Render": True}, "Render: expected an object"),
        ("decodo", {"target": "google_search", "query": "q", "headless": "gif"}, "headless: "),
        ("scrapio", {"kind": "fetch", "input": "https://a.test/"}, "input: expected an object"),
    ],
)
def test_wrong_value_types_are_refused(provider: str, params: dict[str, Any], reason: str) -> None:
    with pytest.raises(InputParamsError, match=reason) as caught:
        planner(provider).plan([RunInput(5, params)], 10)
    assert caught.value.line == 5


@pytest.mark.parametrize(
    ("provider", "params"),
    [
        ("decodo", {"target": "google_search", "query": ["a", "b"]}),
        ("decodo", {"target": "amazon_product", "query": ["B0001", "B0002"]}),
        ("scraperapi", {"urls": ["https://a.test/1", "https://a.test/2"]}),
        ("scraperapi", {"url": "https://a.test/", "urls": ["https://a.test/1"]}),
        ("scrapedo", {"url": "https://a.test/", "Targets": ["https://b.test/"]}),
    ],
)
def test_one_input_is_one_job_never_a_batch_of_its_own(
    provider: str, params: dict[str, Any]
) -> None:
    # A line that asks for several jobs would create jobs no input accounts for.
    with pytest.raises(InputParamsError) as caught:
        planner(provider).plan([RunInput(3, params)], 10)
    assert caught.value.line == 3


# -- planning: per provider --------------------------------------------------------------------


def test_decodo_batches_universal_urls_and_sends_a_lone_input_as_a_task() -> None:
    plan = planner("decodo").plan(urls(5), 2)
    assert lines_of(plan) == [[1, 2], [3, 4], [5]]
    assert [sub.key for sub in plan] == ["line-1+2", "line-3+2", "line-5+1"]
    assert plan[0].request == {
        "target": "universal",
        "url": ["https://a.test/1", "https://a.test/2"],
    }
    assert plan[2].request == {"target": "universal", "url": "https://a.test/5"}
    assert isinstance(planner("decodo").model(plan[0].request), UniversalBatch)
    assert isinstance(planner("decodo").model(plan[2].request), UniversalTask)


def test_decodo_groups_by_target_and_common_parameters() -> None:
    inputs = [
        RunInput(1, {"target": "google_search", "query": "a", "parse": True}),
        RunInput(2, {"url": "https://a.test/2"}),
        RunInput(3, {"target": "google_search", "query": "b", "parse": True}),
        RunInput(4, {"target": "google_search", "query": "c"}),  # other parameters
        RunInput(5, {"target": "google_search", "query": "d", "parse": True}),
        RunInput(6, {"url": "https://a.test/6"}),
        RunInput(7, {"target": "amazon_product", "query": "B0001"}),
        RunInput(8, {"target": "amazon_product", "query": "B0002"}),
        RunInput(9, {"target": "google_search", "query": "e", "parse": True}),
    ]
    plan = planner("decodo").plan(inputs, 3)
    assert lines_of(plan) == [[1, 3, 5], [2, 6], [4], [7, 8], [9]]
    models = [type(planner("decodo").model(sub.request)) for sub in plan]
    assert models == [
        GoogleSearchBatch,
        UniversalBatch,
        GoogleSearchTask,
        AmazonProductBatch,
        GoogleSearchTask,
    ]
    assert plan[0].request == {"target": "google_search", "parse": True, "query": ["a", "b", "d"]}
    assert plan[3].request == {"target": "amazon_product", "query": ["B0001", "B0002"]}


def test_decodo_unknown_target_is_named_with_its_line() -> None:
    with pytest.raises(InputParamsError, match="decodo: unknown target 'google_serp'") as caught:
        planner("decodo").plan([*urls(1), RunInput(2, {"target": "google_serp", "query": "q"})], 5)
    assert caught.value.line == 2


def test_decodo_batch_size_is_capped_at_the_provider_limit() -> None:
    inputs = urls(MAX_BATCH_SIZE["decodo"] + 5)
    plan = planner("decodo").plan(inputs, 50_000)
    assert [len(sub.inputs) for sub in plan] == [MAX_BATCH_SIZE["decodo"], 5]


def test_scraperapi_batches_urls_with_the_same_options() -> None:
    inputs = [
        *urls(3),
        RunInput(4, {"url": "https://b.test/4", "apiParams": {"render": True}}),
        RunInput(5, {"url": "https://b.test/5", "apiParams": {"render": True}}),
        RunInput(6, {"url": "https://b.test/6", "apiParams": {"render": False}}),
    ]
    plan = planner("scraperapi").plan(inputs, 2)
    assert lines_of(plan) == [[1, 2], [3], [4, 5], [6]]
    assert plan[0].request == {"apiKey": "", "urls": ["https://a.test/1", "https://a.test/2"]}
    assert plan[2].request == {
        "apiParams": {"render": True},
        "apiKey": "",
        "urls": ["https://b.test/4", "https://b.test/5"],
    }
    assert plan[1].request == {"url": "https://a.test/3", "apiKey": ""}
    types = [type(planner("scraperapi").model(sub.request)) for sub in plan]
    assert types == [BatchJobRequest, JobRequest, BatchJobRequest, JobRequest]
    assert all("apiKey" in sub.request and not sub.request["apiKey"] for sub in plan)


def test_scraperapi_batches_up_to_its_documented_limit() -> None:
    assert MAX_BATCH_SIZE["scraperapi"] == 50_000
    plan = planner("scraperapi").plan(urls(1_200), 100_000)
    assert [len(sub.inputs) for sub in plan] == [1_200]


def test_scrapedo_puts_inputs_with_the_same_options_into_one_job() -> None:
    render = {"WaitUntil": "networkidle0"}
    inputs = [
        *urls(3),
        RunInput(4, {"url": "https://b.test/4", "Render": render}),
        RunInput(5, {"url": "https://b.test/5", "Render": render}),
    ]
    plan = planner("scrapedo").plan(inputs, 2)
    assert lines_of(plan) == [[1, 2], [3], [4, 5]]
    assert plan[1].request == {"Targets": ["https://a.test/3"]}  # a one-target job
    assert plan[2].request == {
        "Render": render,
        "Targets": ["https://b.test/4", "https://b.test/5"],
    }
    for sub in plan:
        assert isinstance(planner("scrapedo").model(sub.request), CreateJobRequest)


def test_scrapingpros_puts_any_inputs_into_one_collection() -> None:
    inputs = [
        RunInput(1, {"url": "https://a.test/1"}),
        RunInput(2, {"url": "https://a.test/2", "browser": True, "custom_id": "two"}),
        RunInput(3, {"url": "https://a.test/3", "format": "markdown"}),
    ]
    plan = planner("scrapingpros").plan(inputs, 2)
    assert lines_of(plan) == [[1, 2], [3]]
    assert plan[0].request == {
        "name": "scrapejobs line-1+2",
        "requests": [
            {"url": "https://a.test/1"},
            {"url": "https://a.test/2", "browser": True, "custom_id": "two"},
        ],
    }
    assert plan[1].request["requests"] == [{"url": "https://a.test/3", "format": "markdown"}]
    model = planner("scrapingpros").model(plan[0].request)
    assert isinstance(model, CreateCollectionRequest)
    assert all(isinstance(item, CollectionRequest) for item in model.requests)


def test_scrapio_sends_one_job_per_input_of_any_kind() -> None:
    inputs = [
        RunInput(1, {"url": "https://a.test/1"}),
        RunInput(2, {"url": "https://a.test/2", "render_js": True}),
        RunInput(3, {"kind": "crawl", "input": {"seeds": ["https://a.test/"], "max_pages": 3}}),
        RunInput(4, {"kind": "search", "input": {"query": "shoes"}}),
        RunInput(5, {"url": "https://a.test/1"}),  # the same parameters: still its own job
    ]
    plan = planner("scrapio").plan(inputs, 100)
    assert lines_of(plan) == [[1], [2], [3], [4], [5]]
    assert plan[0].request == {"kind": "fetch", "input": {"url": "https://a.test/1"}}
    assert plan[1].request == {
        "kind": "fetch",
        "input": {"url": "https://a.test/2", "render_js": True},
    }
    types = [type(planner("scrapio").model(sub.request)) for sub in plan]
    assert types == [
        FetchJobRequest,
        FetchJobRequest,
        CrawlJobRequest,
        SearchJobRequest,
        FetchJobRequest,
    ]


@pytest.mark.parametrize("kind", ["scrape", "Fetch2", "", "fetch-job"])
def test_scrapio_unknown_kind_is_named_with_its_line(kind: str) -> None:
    with pytest.raises(InputParamsError, match="scrapio: unknown job kind") as caught:
        planner("scrapio").plan([*urls(2), RunInput(3, {"kind": kind, "input": {}})], 1)
    assert caught.value.line == 3


@pytest.mark.parametrize("provider", PROVIDERS)
def test_planning_checks_every_input_before_returning_anything(provider: str) -> None:
    inputs = [*urls(50), RunInput(51, {"url": "nope"})]
    with pytest.raises(InputParamsError) as caught:
        planner(provider).plan(inputs, 10)
    assert caught.value.line == 51


@pytest.mark.parametrize("provider", ["decodo", "scrapedo", "scrapingpros", "scraperapi"])
def test_submission_keys_and_order_are_stable(provider: str) -> None:
    first = planner(provider).plan(urls(7), 3)
    again = planner(provider).plan(urls(7), 3)
    assert [(sub.key, sub.request) for sub in first] == [(sub.key, sub.request) for sub in again]
    assert [sub.key for sub in first] == ["line-1+3", "line-4+3", "line-7+1"]
