"""ScrapingPros' query parameters, read as FastAPI reads them, and its keyset pagination of jobs.

Each reader returns the typed value or raises FastAPI's 422 issue list naming the parameter; an
unreadable cursor, or one issued for another ordering, is 404.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scrapejobs_emulator.errors import ProviderError
from scrapejobs_emulator.jobs import JobRecord
from scrapejobs_emulator.providers.scrapingpros.documents import job_status

DEFAULT_JOB_PAGE = 100
MAX_JOB_PAGE = 1000
MAX_JOB_PAGE_WITH_RESULTS = 100
STATUS_FILTER = re.compile(
    r"^(processing|completed|failed|timeout)(,(processing|completed|failed|timeout))*$"
)


def query_issue(name: str, msg: str, kind: str, value: Any) -> ProviderError:
    """Return FastAPI's 422 for one bad query parameter."""
    return ProviderError(
        422,
        f"Invalid query parameter {name}: {msg}",
        details=[{"loc": ["query", name], "msg": msg, "type": kind, "input": value}],
    )


def parse_instant(value: str) -> float | None:
    """Return an ISO 8601 instant (naive = UTC) or epoch seconds as epoch seconds, else None.

    The spec types ``since``/``since_completed_at`` as free strings, so an unreadable value is
    answered 200 with the filter ignored rather than 422.
    """
    text = value.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


def page_limit(value: str | None) -> int:
    """Return the ``limit`` query value: 100 when absent, 422 unless an integer 1..1000."""
    if value is None:
        return DEFAULT_JOB_PAGE
    if not re.fullmatch(r"\s*[+-]?\d+\s*", value):
        raise query_issue(
            "limit",
            "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing",
            value,
        )
    limit = int(value)
    if limit < 1:
        raise query_issue(
            "limit", "Input should be greater than or equal to 1", "greater_than_equal", value
        )
    if limit > MAX_JOB_PAGE:
        raise query_issue(
            "limit",
            f"Input should be less than or equal to {MAX_JOB_PAGE}",
            "less_than_equal",
            value,
        )
    return limit


def boolean(name: str, value: str | None) -> bool:
    """Return a boolean query value as FastAPI reads it: False when absent, 422 when unreadable."""
    if value is None:
        return False
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on", "t", "y"):
        return True
    if lowered in ("false", "0", "no", "off", "f", "n"):
        return False
    raise query_issue(
        name,
        "Input should be a valid boolean, unable to interpret input",
        "bool_parsing",
        value,
    )


def choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """Return ``value`` when it is one of ``allowed``, None when absent, 422 otherwise."""
    if value is None:
        return None
    if value not in allowed:
        options = " or ".join(f"'{a}'" for a in allowed)
        raise query_issue(name, f"Input should be {options}", "enum", value)
    return value


def status_filter(value: str | None) -> set[str] | None:
    """Return the job statuses a ``status_filter`` names (one or CSV), None when absent, else 422."""
    if value is None:
        return None
    if not STATUS_FILTER.fullmatch(value):
        raise query_issue(
            "status_filter",
            f"String should match pattern '{STATUS_FILTER.pattern}'",
            "string_pattern_mismatch",
            value,
        )
    return set(value.split(","))


def sort_key(record: JobRecord, order_by: str) -> tuple[float, int]:
    """Return the keyset key of ``record``: request order for ``id``, unfinished last otherwise."""
    seq = int(record.data["seq"])
    if order_by == "id":
        return (0.0, seq)
    done = record.finished_at
    return (math.inf if done is None else round(done, 6), seq)


def encode_cursor(key: tuple[float, int], order_by: str, order_dir: str) -> str:
    """Return the opaque cursor of ``key`` for this ordering."""
    first = None if math.isinf(key[0]) else key[0]
    raw = json.dumps({"b": order_by, "d": order_dir, "k": [first, key[1]]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(value: str | None, order_by: str, order_dir: str) -> tuple[float, int] | None:
    """Return the key of a cursor issued for this ordering, None without one; 404 otherwise."""
    if value is None:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
        first, seq = data["k"]
        key = (math.inf if first is None else float(first), int(seq))
        same_order = data["b"] == order_by and data["d"] == order_dir
    except (
        ValueError,
        TypeError,
        KeyError,
        binascii.Error,
        OverflowError,  # a number too big for a float or int key
        RecursionError,  # a forged cursor nested too deeply
    ) as exc:
        raise ProviderError(404, "Cursor not found") from exc
    if not same_order:
        raise ProviderError(404, "Cursor not found for this order_by/order_dir")
    return key


@dataclass(frozen=True)
class JobPageQuery:
    """What one ``GET .../jobs`` asks for: page size, results, filters, ordering, cursor."""

    limit: int
    include_results: bool
    statuses: set[str] | None
    order_by: str
    order_dir: str
    since: float | None
    after: tuple[float, int] | None

    def select(self, units: Sequence[JobRecord]) -> tuple[list[JobRecord], str | None]:
        """Return this page of ``units`` and the cursor of the next page (None on the last)."""
        selected = [
            record
            for record in units
            if (self.statuses is None or job_status(record) in self.statuses)
            and (
                self.since is None
                or (
                    record.finished_at is not None
                    and round(record.finished_at, 6) > round(self.since, 6)
                )
            )
        ]
        descending = self.order_dir == "desc"
        selected.sort(key=lambda r: sort_key(r, self.order_by), reverse=descending)
        after = self.after
        if after is not None:
            selected = [
                r
                for r in selected
                if (
                    sort_key(r, self.order_by) < after
                    if descending
                    else sort_key(r, self.order_by) > after
                )
            ]
        page, has_more = selected[: self.limit], len(selected) > self.limit
        cursor_next = (
            encode_cursor(sort_key(page[-1], self.order_by), self.order_by, self.order_dir)
            if has_more
            else None
        )
        return page, cursor_next


def job_page_query(query: Mapping[str, str]) -> JobPageQuery:
    """Return the job page ``query`` asks for (422 or 404 as each parameter's reader)."""
    limit = page_limit(query.get("limit"))
    include = boolean("include_results", query.get("include_results"))
    if include:
        limit = min(limit, MAX_JOB_PAGE_WITH_RESULTS)
    statuses = status_filter(query.get("status_filter"))
    order_by = choice("order_by", query.get("order_by"), ("id", "completed_at")) or "id"
    order_dir = choice("order_dir", query.get("order_dir"), ("asc", "desc")) or "asc"
    since_raw = query.get("since_completed_at")
    since = parse_instant(since_raw) if since_raw is not None else None
    after = decode_cursor(query.get("cursor"), order_by, order_dir)
    return JobPageQuery(limit, include, statuses, order_by, order_dir, since, after)
