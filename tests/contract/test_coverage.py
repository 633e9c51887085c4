"""The contract coverage computation (tests/contract/coverage.py)."""

from __future__ import annotations

from typing import Any

from tests.contract.coverage import (
    Coverage,
    cassette_pairs,
    documented_pairs,
    table,
)

SPEC: dict[str, Any] = {
    "paths": {
        "/jobs": {"post": {"responses": {"202": {}, "400": {}, "default": {}}}},
        "/jobs/{id}": {
            "parameters": [],
            "get": {"responses": {"200": {}, "404": {}}},
            "delete": {"responses": {"200": {}}},
        },
    }
}
DOCUMENTED = documented_pairs(SPEC)


def result(emulator: set[tuple[str, str, int]], cassettes: set[tuple[str, str, int]]) -> Coverage:
    return Coverage("p", DOCUMENTED, frozenset(emulator), frozenset(cassettes))


def test_documented_pairs_are_numeric_statuses_of_every_method() -> None:
    assert {
        ("POST", "/jobs", 202),
        ("POST", "/jobs", 400),
        ("GET", "/jobs/{id}", 200),
        ("GET", "/jobs/{id}", 404),
        ("DELETE", "/jobs/{id}", 200),
    } == DOCUMENTED


def test_ratios_count_emulator_and_cassettes_together_and_ignore_undocumented() -> None:
    covered = result(
        {("POST", "/jobs", 202), ("GET", "/jobs/{id}", 200), ("GET", "/jobs/{id}", 418)},
        {("GET", "/jobs/{id}", 404)},
    )
    assert covered.operation_ratio == 2 / 3
    assert covered.status_ratio == 3 / 5
    assert not covered.passes


def test_passes_needs_every_operation_and_nine_tenths_of_statuses() -> None:
    assert result(set(DOCUMENTED), set()).passes
    missing_one = set(DOCUMENTED) - {("POST", "/jobs", 400)}
    assert result(missing_one, set()).status_ratio == 0.8
    assert not result(missing_one, set()).passes


def test_table_marks_where_each_status_was_seen() -> None:
    lines = table(
        result({("POST", "/jobs", 202)}, {("POST", "/jobs", 202), ("GET", "/jobs/{id}", 404)})
    )
    assert lines[0].startswith("p: operations 67% (min 100%), documented statuses 2/5 = 40%")
    assert any("POST" in line and "202:EC 400:-" in line for line in lines)
    assert any("GET" in line and "200:- 404:C" in line for line in lines)


def test_cassette_pairs_map_recorded_urls_to_operations() -> None:
    pairs = cassette_pairs("scrapio")
    assert ("POST", "/v1/jobs", 202) in pairs
    assert ("GET", "/v1/jobs/{job_id}", 200) in pairs
