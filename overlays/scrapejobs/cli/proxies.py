"""Proxies for the ``scrapejobs`` command line: ``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``.

The job clients always get a transport of their own (deadlines, bounded concurrency), and httpx
reads the proxy variables only when it builds its default transport; so the command line turns
them into httpx ``mounts`` itself (:func:`proxy_mounts`), passed as ``httpx_args``.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable

import httpx

from scrapejobs.transport import DeadlineTransport

Mounts = dict[str, httpx.AsyncBaseTransport | httpx.BaseTransport | None]


def proxy_mounts(
    make: Callable[[str], httpx.AsyncBaseTransport | httpx.BaseTransport] | None = None,
) -> Mounts:
    """Return httpx ``mounts`` sending requests through the environment's proxies.

    ``HTTP_PROXY`` / ``HTTPS_PROXY`` / ``ALL_PROXY`` (either case) give the proxy per scheme;
    ``NO_PROXY`` hosts (``example.com`` also covers its subdomains, ``*`` covers all) are
    mounted to None, i.e. the client's own transport. ``make`` builds the transport for one
    proxy URL (default: a :class:`DeadlineTransport` through it, sync and async). Returns {}
    when no proxy is set. Never raises for odd values: httpx rejects a bad proxy URL when used.
    """
    found = urllib.request.getproxies_environment()
    build = make or (lambda url: DeadlineTransport(proxy=url))
    mounts: Mounts = {}
    for scheme in ("http", "https"):
        url = found.get(scheme) or found.get("all")
        if url:
            mounts[f"{scheme}://"] = build(url)
    if not mounts:
        return {}
    for entry in (found.get("no") or "").split(","):
        host = entry.strip()
        if host == "*":
            return {}
        if not host:
            continue
        if "://" in host:
            mounts[host] = None
        elif host.startswith("."):
            mounts[f"all://*{host}"] = None
        else:
            mounts[f"all://{host}"] = None
            mounts[f"all://*.{host}"] = None
    return mounts
