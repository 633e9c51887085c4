"""ScrapingPros' ScrapeResult of one emulated scrape: content per format, extraction, guidance.

Pure (no state, no HTTP): used by job results, embedded results and the sync endpoint alike.
"""

from __future__ import annotations

from typing import Any

from provider_models import scrapingpros as models

from scrapejobs_emulator import content
from scrapejobs_emulator.jobs import JobRecord


def credits(item: dict[str, Any]) -> int:
    """Return the credits a successful scrape of ``item`` costs (5 with a browser, else 1)."""
    return 5 if item.get("browser") is True else 1


def execution_seconds(record: JobRecord) -> float:
    """Return how long the job ran (0 until it started and finished)."""
    if record.finished_at is None or record.started_at is None:
        return 0.0
    return round(record.finished_at - record.started_at, 3)


def scrape_result(
    item: dict[str, Any],
    page: content.Page,
    status: str,
    seconds: float,
    queue_wait: float,
) -> models.ScrapeResult:
    """Build the ScrapeResult of one (emulated) scrape of ``item`` ending in job ``status``."""
    result = models.ScrapeResult(
        url=item["url"],
        message="Request successful",
        execution_time=seconds,
        timings=models.ScrapeTimings(queue_wait_ms=round(queue_wait * 1000, 3), proxy_ms=0),
    )
    if isinstance(item.get("custom_id"), str):
        result.custom_id = item["custom_id"]
    if status != "completed":
        _fill_failure(result, item, status)
    else:
        _fill_success(result, item, page)
    return result


def _fill_failure(result: models.ScrapeResult, item: dict[str, Any], status: str) -> None:
    """Set the message, status code and guidance of a failed or timed-out scrape."""
    error = "timeout" if status == "timeout" else "connection_error"
    result.message = "Job timed out" if status == "timeout" else "Connection timeout"
    result.status_code = None if status == "timeout" else 502
    result.guidance = models.Guidance(
        success=False,
        error_type=error,
        credits_charged=0,
        credits_refunded=True,
        next_steps=["Retry with browser=true and use_proxy=any"],
        suggested_request=models.JsonObject.model_validate(
            {"url": item["url"], "browser": True, "use_proxy": "any"}
        ),
        stop_reason=error,
    )


def _fill_success(result: models.ScrapeResult, item: dict[str, Any], page: content.Page) -> None:
    """Set the content (per ``format``), screenshot, extraction, actions and guidance."""
    result.status_code = page.status_code
    result.content_type = page.headers.get("content-type", "text/html")
    result.potentially_blocked_by_captcha = False
    if item.get("format") == "markdown":
        result.markdown = content.markdown_of(page)
    else:
        result.html = page.html
    if item.get("screenshot") is True:
        result.screenshot = content.png_base64(page.url)
    rules = item.get("extract")
    if isinstance(rules, dict) and rules:
        result.extracted_data = models.JsonObject.model_validate(
            {name: extract_value(rule, page) for name, rule in rules.items()}
        )
    evaluations = [
        a for a in item.get("actions") or [] if isinstance(a, dict) and a.get("type") == "evaluate"
    ]
    if evaluations:
        result.evaluate_results = [
            page.title if a.get("script") == "document.title" else None for a in evaluations
        ]
    if isinstance(item.get("network_capture"), dict):
        result.network_requests = []
    result.guidance = models.Guidance(
        success=True,
        credits_charged=credits(item),
        credits_refunded=False,
        next_steps=[],
    )


def extract_value(rule: Any, page: content.Page) -> Any:
    """Return the value an ``extract`` rule finds on a synthetic page (None when nothing matches).

    ``h1``/``title`` give the page title, ``p`` the first paragraph, ``a``/``a@href`` the URL.
    """
    if not isinstance(rule, str):
        return None
    selector = rule.split(":", 1)[1] if rule.startswith(("css:", "xpath:")) else rule
    selector = selector.strip().lower()
    if selector in ("h1", "title", "//h1", "//title", "head > title"):
        return page.title
    if selector in ("p", "//p"):
        start = page.html.find("<p>")
        end = page.html.find("</p>", start)
        return page.html[start + 3 : end] if start != -1 and end != -1 else None
    if selector in ("a", "a@href", "a::attr(href)", "//a/@href"):
        return page.url
    return None
