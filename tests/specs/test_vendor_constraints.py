"""Every constraint Scrapio publishes for its /v1/jobs operations is ours too, or listed.

The listed differences are the table "Where our constraints differ from Scrapio's own spec" in
specs/README.md (a glob over the place, the keyword, and why). An unlisted difference fails.
"""

from __future__ import annotations

import fnmatch
import json
import re
from typing import Any

import pytest

from tests.specs.spec_documents import ROOT, SPECS, load_spec
from tests.specs.vendor_constraints import constraints, differences

VENDOR_SPEC = ROOT.parent / "shared" / "reference" / "scrapio-vendor-openapi.json"
TABLE_TITLE = "### Where our constraints differ from Scrapio's own spec"
ROW = re.compile(r"^\| `(?P<place>[^`]+)` \| (?P<keywords>[^|]+) \|(?P<rest>.*)\|$")


def listed_differences() -> list[tuple[str, set[str], str]]:
    """Return ``(place glob, keywords, row)`` for each row of the README table."""
    text = (SPECS / "README.md").read_text()
    section = text[text.index(TABLE_TITLE) :].split("\n### ", 1)[0]
    rows = []
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            keywords = {word.strip() for word in match["keywords"].split("/")}
            keywords |= {"const"} if "enum" in keywords else set()
            rows.append((match["place"], keywords, line))
    return rows


def unlisted(
    found: dict[tuple[str, str], tuple[str, str]], rows: list[tuple[str, set[str], str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """Return the differences no row of the table covers."""
    return {
        (place, keyword): values
        for (place, keyword), values in found.items()
        if not any(fnmatch.fnmatchcase(place, glob) and keyword in kws for glob, kws, _ in rows)
    }


def vendor_spec() -> dict[str, Any]:
    """Return Scrapio's published spec, or skip when this checkout does not have it."""
    if not VENDOR_SPEC.is_file():
        pytest.skip(f"Scrapio's own spec is not at {VENDOR_SPEC}")
    document: dict[str, Any] = json.loads(VENDOR_SPEC.read_text())
    return document


def test_every_vendor_constraint_is_ours_or_listed() -> None:
    found = differences(
        constraints(vendor_spec(), "/v1/jobs"), constraints(load_spec("scrapio"), "/v1/jobs")
    )
    missing = unlisted(found, listed_differences())
    assert not missing, "\n".join(
        f"{p} {k}: vendor {v} / ours {o}" for (p, k), (v, o) in missing.items()
    )


def test_every_listed_row_is_still_a_difference() -> None:
    """A row that matches nothing is stale (ours now says what the vendor says): remove it."""
    found = differences(
        constraints(vendor_spec(), "/v1/jobs"), constraints(load_spec("scrapio"), "/v1/jobs")
    )
    for glob, keywords, row in listed_differences():
        assert any(
            fnmatch.fnmatchcase(place, glob) and keyword in keywords for place, keyword in found
        ), row


def test_a_lost_format_is_an_unlisted_difference() -> None:
    """The walk sees a constraint lost deep in a request union (the bug that let
    ``"webhook": {"url": ""}`` through)."""
    ours = json.loads(json.dumps(load_spec("scrapio")))
    del ours["components"]["schemas"]["Webhook"]["properties"]["url"]["format"]
    found = differences(constraints(vendor_spec(), "/v1/jobs"), constraints(ours, "/v1/jobs"))
    missing = unlisted(found, listed_differences())
    assert ("POST /v1/jobs body{kind=fetch}.webhook.url", "format") in missing


def test_rows_are_read_from_the_readme() -> None:
    rows = listed_differences()
    assert len(rows) >= 5
    assert all(glob.startswith(("*", "GET", "POST")) for glob, _, _ in rows)
