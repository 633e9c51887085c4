"""Scraped content: synthetic and deterministic by default, or really fetched.

Synthetic content is derived from the URL alone (SHA-256 seeded), so the same input always gives
the same HTML, markdown, JSON and PNG, and tests can assert on it.
"""

from __future__ import annotations

import base64
import hashlib
import random
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

WORDS = [
    "price",
    "stock",
    "review",
    "shipping",
    "offer",
    "product",
    "detail",
    "catalog",
    "basket",
    "delivery",
    "warranty",
    "brand",
    "rating",
    "seller",
    "size",
    "colour",
    "model",
    "feature",
    "summary",
    "update",
    "archive",
    "search",
    "result",
    "page",
]


@dataclass(frozen=True)
class Page:
    """One fetched (or synthesised) target response."""

    url: str
    status_code: int
    html: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """Return the text of the page's ``<title>``, or the URL when it has none."""
        start = self.html.find("<title>")
        end = self.html.find("</title>")
        if start == -1 or end == -1:
            return self.url
        return self.html[start + len("<title>") : end]


def _rng(url: str) -> random.Random:
    digest = hashlib.sha256(url.encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 -- not security


def _paragraphs(url: str, size: int) -> list[str]:
    rng = _rng(url)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize()
        paragraphs.append(sentence + ".")
        total += len(sentence) + 8
    return paragraphs


def synthetic_page(url: str, size: int) -> Page:
    """Return a deterministic HTML page of about ``size`` bytes for ``url``."""
    try:
        host = urlsplit(url).hostname or "example.test"
    except ValueError:  # e.g. "http://[" (an unclosed IPv6 host): still a page, never a 500
        host = "example.test"
    title = f"{host} — {hashlib.sha256(url.encode()).hexdigest()[:8]}"
    body = "\n".join(f"<p>{p}</p>" for p in _paragraphs(url, size))
    html = (
        f"<!doctype html>\n<html><head><title>{title}</title></head>"
        f'<body><h1>{title}</h1>\n{body}\n<a href="{url}">self</a></body></html>'
    )
    return Page(url=url, status_code=200, html=html, headers={"content-type": "text/html"})


def markdown_of(page: Page) -> str:
    """Return a markdown rendering of a synthetic (or simple real) page."""
    text = page.html
    parts = [f"# {page.title}", ""]
    for chunk in text.split("<p>")[1:]:
        parts.append(chunk.split("</p>", 1)[0])
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def parsed_of(page: Page) -> dict[str, Any]:
    """Return structured data for a page, as a provider's parser would."""
    return {
        "url": page.url,
        "title": page.title,
        "status_code": page.status_code,
        "paragraphs": markdown_of(page).count("\n\n"),
    }


def png_of(url: str, size: int = 8) -> bytes:
    """Return a small valid PNG (``size`` x ``size`` pixels) whose colour derives from ``url``."""
    red, green, blue = hashlib.sha256(url.encode()).digest()[:3]
    row = b"\x00" + bytes((red, green, blue)) * size
    raw = row * size

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def png_base64(url: str) -> str:
    """Return :func:`png_of` encoded as base64 text."""
    return base64.b64encode(png_of(url)).decode()


class ContentSource:
    """Gives providers the page behind a URL, synthetic or real, cached per URL."""

    def __init__(
        self,
        mode: str,
        size: int,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.mode = mode
        self.size = size
        self._transport = transport
        self._cache: dict[str, Page] = {}

    async def page(self, url: str) -> Page:
        """Return the page for ``url``.

        In ``real`` mode the target is fetched with httpx (10 s timeout); a network failure gives
        a page with status 502 instead of raising. Never raises for a bad URL.
        """
        cached = self._cache.get(url)
        if cached is not None:
            return cached
        if self.mode != "real":
            page = synthetic_page(url, self.size)
        else:
            page = await self._fetch(url)
        if len(self._cache) < 10_000:
            self._cache[url] = page
        return page

    def page_now(self, url: str) -> Page:
        """Return the synthetic page for ``url`` (never fetches; for synchronous callers)."""
        cached = self._cache.get(url)
        return cached if cached is not None else synthetic_page(url, self.size)

    async def _fetch(self, url: str) -> Page:
        try:
            async with httpx.AsyncClient(
                transport=self._transport, timeout=10.0, follow_redirects=True
            ) as client:
                response = await client.get(url)
        except (httpx.HTTPError, ValueError) as exc:
            return Page(
                url=url, status_code=502, html=f"<html><body>{type(exc).__name__}</body></html>"
            )
        return Page(
            url=url,
            status_code=response.status_code,
            html=response.text,
            headers={k.lower(): v for k, v in response.headers.items()},
        )
