"""ScrapingPros' screening of submitted requests: per-item validation, URL safety, duplicates.

Pure rules (no state, no HTTP): a collection keeps the accepted items and reports the rest.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from provider_models import scrapingpros as models
from pydantic import ValidationError

from scrapejobs_emulator.errors import ProviderError

BROWSER_ONLY = ("screenshot", "actions", "network_capture", "block_resources", "block_requests")
BLOCK_MESSAGES = {
    "malformed_url": "The URL could not be parsed.",
    "invalid_protocol": "Only http and https URLs are allowed.",
    "invalid_port": "The URL has an invalid port.",
    "private_ip": "URLs resolving to private IP addresses are not allowed.",
    "blocked_hostname": "This hostname is not allowed.",
    "dns_failed": "The hostname could not be resolved.",
}


def url_problem(url: str) -> str | None:
    """Return the ``BlockedUrlReason`` value for an unsafe or unusable URL, or None when fine."""
    if not url or any(ch.isspace() for ch in url):
        return "malformed_url"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "malformed_url"
    if not parts.scheme or "://" not in url:
        return "malformed_url"
    if parts.scheme.lower() not in ("http", "https"):
        return "invalid_protocol"
    try:
        host = parts.hostname
        port = parts.port
    except ValueError:
        return "invalid_port"
    if not host:
        return "malformed_url"
    if port == 0:
        return "invalid_port"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            return "private_ip"
        return None
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return "blocked_hostname"
    if host == "invalid" or host.endswith(".invalid"):
        return "dns_failed"
    return None


@dataclass
class Screening:
    """The outcome of screening a submitted request list."""

    accepted: list[dict[str, Any]] = field(default_factory=list)
    duplicates_skipped: int = 0
    blocked_urls: list[models.BlockedUrl] = field(default_factory=list)
    invalid_items: list[models.InvalidItem] = field(default_factory=list)
    duplicate_urls: list[str] = field(default_factory=list)


def screen(items: Iterable[Any], approved: Iterable[str] = ()) -> Screening:
    """Split submitted items into accepted, invalid, blocked and duplicate ones.

    Raises:
        ProviderError: 403 when an accepted item uses a country proxy not in ``approved``.

    """
    screening = Screening()
    seen: set[tuple[str, str | None]] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            screening.invalid_items.append(
                models.InvalidItem(
                    index=index,
                    errors=[
                        models.FieldError(
                            field="<root>",
                            error_type="not_a_dict",
                            message="Request item must be a JSON object.",
                        )
                    ],
                )
            )
            continue
        url = item.get("url") if isinstance(item.get("url"), str) else None
        errors = item_errors(item)
        if errors or url is None:
            screening.invalid_items.append(models.InvalidItem(index=index, url=url, errors=errors))
            continue
        reason = url_problem(url)
        if reason is not None:
            screening.blocked_urls.append(
                models.BlockedUrl(
                    index=index, url=url, reason=reason, message=BLOCK_MESSAGES[reason]
                )
            )
            continue
        pair = (url, item.get("custom_id"))
        if pair in seen:
            screening.duplicates_skipped += 1
            screening.duplicate_urls.append(url)
            continue
        seen.add(pair)
        screening.accepted.append(item)
    check_country_proxy(screening.accepted, approved)
    return screening


def item_errors(item: dict[str, Any]) -> list[models.FieldError]:
    """Return the field errors of one submitted item (schema first, then browser-only rules)."""
    try:
        models.CollectionRequest.model_validate_json(json.dumps(item), strict=True)
    except ValidationError as exc:
        return [
            models.FieldError(
                field=".".join(str(p) for p in e["loc"]) or "<root>",
                error_type=e["type"],
                message=e["msg"],
            )
            for e in exc.errors()
        ]
    problem = item_rules(item)
    if problem is None:
        return []
    where, kind, message = problem
    return [models.FieldError(field=where, error_type=kind, message=message)]


def item_rules(item: dict[str, Any]) -> tuple[str, str, str] | None:
    """Return (field, error type, message) for a browser-only option without ``browser``."""
    if item.get("browser") is not True:
        for name in BROWSER_ONLY:
            if item.get(name) not in (None, False, [], {}):
                return name, "value_error", f"Value error, {name} requires browser: true"
    return None


def check_country_proxy(items: Iterable[dict[str, Any]], approved: Iterable[str] = ()) -> None:
    """Raise 403 for a ``use_proxy`` other than ``any`` or an ``approved`` country code."""
    allowed = {code.lower() for code in approved} | {"any"}
    for item in items:
        proxy = item.get("use_proxy")
        if isinstance(proxy, dict):
            proxy = proxy.get("proxy")
        if isinstance(proxy, str) and proxy.lower() not in allowed:
            raise ProviderError(
                403, f"Country proxy '{proxy.upper()}' is not approved for this account"
            )
