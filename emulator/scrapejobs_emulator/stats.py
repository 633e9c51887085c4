"""Request, job and fault counters the control API reports, and the non-secret account label."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from scrapejobs_emulator.config import PROVIDER_NAMES


def account_label(token: str) -> str:
    """Return a stable, non-secret label for an account token (``acct_`` + 10 hex digits)."""
    return "acct_" + hashlib.sha256(token.encode()).hexdigest()[:10]


class Stats:
    """Counters the control API reports: jobs created and requests served per operation."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str]] = Counter()
        self.jobs: Counter[tuple[str, str]] = Counter()
        self.faults: Counter[tuple[str, str]] = Counter()

    def count_request(self, provider: str, operation: str) -> None:
        """Count one request served by ``provider``'s ``operation``."""
        self.requests[(provider, operation)] += 1

    def count_job(self, provider: str, account: str, n: int = 1) -> None:
        """Count ``n`` jobs created by ``account`` at ``provider``."""
        self.jobs[(provider, account_label(account))] += n

    def count_fault(self, provider: str, fault: str) -> None:
        """Count one injected fault."""
        self.faults[(provider, fault)] += 1

    def as_json(self) -> dict[str, Any]:
        """Return the counters grouped by provider."""
        result: dict[str, Any] = {
            name: {"requests": {}, "jobs_created": {}, "faults": {}} for name in PROVIDER_NAMES
        }
        for (provider, operation), n in sorted(self.requests.items()):
            result[provider]["requests"][operation] = n
        for (provider, account), n in sorted(self.jobs.items()):
            result[provider]["jobs_created"][account] = n
        for (provider, fault), n in sorted(self.faults.items()):
            result[provider]["faults"][fault] = n
        return result

    def clear(self) -> None:
        """Reset every counter."""
        self.requests.clear()
        self.jobs.clear()
        self.faults.clear()
