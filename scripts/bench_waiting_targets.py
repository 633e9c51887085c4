"""Which of the waiting targets each of our sides meets, from the benchmark's median rows.

The targets (issue "Wait smarter than every vendor SDK"), for ``ours-run`` (``run_batch``),
``ours-cli`` (``scrapejobs run``) and ``ours-wait`` (``AsyncJobs.as_completed``) on every
provider and workload:

- requests per job at most the provider's polling cap (:data:`REQUEST_CAPS`, the submission
  included) and at most the vendor SDK's;
- p50 completion→result latency at most 10 % of the job's duration and at most half the vendor
  SDK's; p95 at most 25 % of the duration;
- ``ours-run`` and ``ours-cli`` (``scrapejobs run``) each within 10 % of ``ours-wait`` on
  requests per job and on p50.

:func:`targets_table` writes one Markdown row per side with ``yes``/``no`` and the numbers
compared; ``scripts/bench_waiting.py`` appends it to its report. A cell is ``—`` where a number
is missing (a side not run, a vendor side skipped). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Protocol

REQUEST_CAPS: Final = {
    "decodo": 1.3,
    "scrapedo": 1.2,
    "scrapingpros": 0.3,
    "scraperapi": 1.3,
    "scrapio": 2.3,
}
"""Requests per job that polling may cost at most, submission included (the issue's caps)."""

P50_SHARE: Final = 0.10
P95_SHARE: Final = 0.25
VENDOR_P50_SHARE: Final = 0.5
RUN_WAIT_GAP: Final = 0.10
OURS: Final = ("ours-run", "ours-cli", "ours-wait")
BASELINE: Final = "ours-wait"
"""The side the others are compared with (``AsyncJobs.wait``)."""


class Row(Protocol):
    """The median measurements of one side (``bench_waiting.Metrics``)."""

    @property
    def requests_per_job(self) -> float | None:
        """Every provider request over the jobs."""

    @property
    def p50_ms(self) -> float | None:
        """Median completion→result latency."""

    @property
    def p50_ratio(self) -> float | None:
        """Median of latency / job duration."""

    @property
    def p95_ratio(self) -> float | None:
        """95th percentile of latency / job duration."""


Side = tuple[str, str, str]
"""(provider, workload, side)."""


def at_most(value: float | None, limit: float | None, shown: str = "{:.2f}") -> str:
    """Return ``yes (v <= l)`` or ``no (v > l)``; ``—`` when either is missing."""
    if value is None or limit is None:
        return "—"
    ok = value <= limit + 1e-9
    return f"{'yes' if ok else 'no'} ({shown.format(value)} {'≤' if ok else '>'} {shown.format(limit)})"


def within(first: float | None, second: float | None, share: float) -> str:
    """Return whether ``first`` and ``second`` differ by at most ``share`` of the larger."""
    if first is None or second is None:
        return "—"
    larger = max(first, second)
    gap = 0.0 if larger == 0 else abs(first - second) / larger
    return f"{'yes' if gap <= share + 1e-9 else 'no'} ({gap:.0%} apart)"


def _half(value: float | None) -> float | None:
    return None if value is None else value * VENDOR_P50_SHARE


def targets_table(rows: Mapping[Side, Row], labels: Mapping[str, str]) -> str:
    """Return the Markdown table of the targets each of our polling rows (:data:`OURS`) meets.

    ``rows`` maps (provider, workload, side) to that side's medians; ``labels`` a workload's
    name to its label (``200 x 1-10 s``). Rows come in the order of ``rows``.
    """
    lines = [
        "| provider | workload | side | requests ≤ cap | requests ≤ vendor | p50 ≤ 10 % "
        "| p95 ≤ 25 % | p50 ≤ ½ vendor | within 10 % of ours-wait: requests | … p50 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (provider, workload, side), row in rows.items():
        if side not in OURS:
            continue
        vendor = rows.get((provider, workload, "vendor"))
        other = None if side == BASELINE else rows.get((provider, workload, BASELINE))
        vendor_requests = None if vendor is None else vendor.requests_per_job
        vendor_p50 = None if vendor is None else vendor.p50_ms
        cells = [
            provider,
            labels.get(workload, workload),
            side,
            at_most(row.requests_per_job, REQUEST_CAPS.get(provider), "{:.2f}"),
            at_most(row.requests_per_job, vendor_requests),
            at_most(row.p50_ratio, P50_SHARE, "{:.0%}"),
            at_most(row.p95_ratio, P95_SHARE, "{:.0%}"),
            at_most(row.p50_ms, _half(vendor_p50), "{:.0f} ms"),
            within(
                row.requests_per_job,
                None if other is None else other.requests_per_job,
                RUN_WAIT_GAP,
            ),
            within(row.p50_ms, None if other is None else other.p50_ms, RUN_WAIT_GAP),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
