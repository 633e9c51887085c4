"""Scrapio's synthetic job outputs: a fetch job's formats, and the result of the other kinds.

Pure functions of the request input and the content source (no state, no HTTP).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from provider_models import scrapio as models

from scrapejobs_emulator import content
from scrapejobs_emulator.content import ContentSource


async def fetch_outputs(
    source: ContentSource, url: str, wanted: Sequence[str]
) -> models.FetchOutputs:
    """Return the ``wanted`` formats (html, markdown, json, screenshot) of ``url``'s page."""
    page = await source.page(url)
    found = models.FetchOutputs()
    if "html" in wanted:
        found.html = page.html
    if "markdown" in wanted:
        found.markdown = content.markdown_of(page)
    if "json" in wanted:
        found.json_ = models.FetchJsonOutput.model_validate(content.parsed_of(page))
    if "screenshot" in wanted:
        found.screenshot = models.Screenshot(
            url="data:image/png;base64," + content.png_base64(page.url)
        )
    return found


async def kind_result(
    source: ContentSource, kind: str, request_input: dict[str, Any]
) -> models.JobResultData:
    """Return the result of a crawl, map, search or interact job."""
    if kind in ("crawl", "map"):
        seeds = request_input.get("seeds", [])
        # JSON integers may arrive as 56.0; the spec allows it, so read them as int.
        limit = int(request_input.get("max_pages" if kind == "crawl" else "max_urls", 5))
        urls = [f"{seed.rstrip('/')}/page-{i}" for seed in seeds for i in range(limit)][:limit]
        if kind == "map":
            data: dict[str, Any] = {"urls": urls}
        else:
            data = {
                "pages": [
                    {"url": url, "markdown": content.markdown_of(source.page_now(url))}
                    for url in urls
                ]
            }
    elif kind == "search":
        query = request_input.get("query", "")
        count = int(request_input.get("max_results", 3))
        data = {
            "query": query,
            "results": [
                {"title": f"{query} — result {i + 1}", "url": f"https://search.example/{i + 1}"}
                for i in range(count)
            ],
        }
    else:  # interact
        page = await source.page(request_input["url"])
        data = {
            "url": page.url,
            "title": page.title,
            "actions_run": len(request_input["actions"]),
        }
    return models.JobResultData.model_validate(data)
