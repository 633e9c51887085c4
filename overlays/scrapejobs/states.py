"""One job state for five providers, mapped from each provider's own status words.

Every status the specs document has an entry (``tests/unit/test_states.py`` checks the tables
against the generated clients' enums, both ways). A status a provider adds later maps to
:attr:`JobState.UNKNOWN`, which is not final: a waiter keeps polling until its deadline instead
of crashing or giving up early.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import StrEnum
from typing import Final, Literal

LOG = logging.getLogger("scrapejobs")

StatusKind = Literal["job", "task", "run"]
"""What a status describes: a provider's job, a task inside it (Scrape.do), or a run (ScrapingPros)."""


class JobState(StrEnum):
    """The provider-neutral state of one job."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    UNKNOWN = "unknown"

    @property
    def final(self) -> bool:
        """Return True when the job will not change any more (UNKNOWN is not final)."""
        return self in (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED, JobState.EXPIRED)


_Q, _R, _S, _F, _C = (
    JobState.QUEUED,
    JobState.RUNNING,
    JobState.SUCCEEDED,
    JobState.FAILED,
    JobState.CANCELLED,
)

STATUS_TABLES: Final[Mapping[tuple[str, StatusKind], Mapping[str, JobState]]] = {
    # Decodo reports no separate running state: a pending task may already be running.
    ("decodo", "job"): {"pending": _R, "done": _S, "faulted": _F},
    ("scrapedo", "job"): {
        "queuing": _Q,
        "queued": _Q,
        "pending": _R,
        "rotating": _R,  # retrying with other proxies
        "success": _S,
        "error": _F,
        "canceled": _C,
    },
    ("scrapedo", "task"): {
        "queued": _Q,
        "pending": _R,
        "rotating": _R,
        "success": _S,
        "error": _F,
        "canceled": _C,
    },
    ("scrapingpros", "run"): {
        "in_progress": _R,
        "completed": _S,
        "failed": _F,
        "cancelled": _C,
    },
    ("scrapingpros", "job"): {
        "processing": _R,
        "completed": _S,
        "failed": _F,
        "timeout": _F,
    },
    ("scraperapi", "job"): {"running": _R, "finished": _S, "failed": _F, "cancelled": _C},
    # A partial Scrapio job has a result (some outputs failed): it succeeded, partially.
    ("scrapio", "job"): {
        "queued": _Q,
        "running": _R,
        "completed": _S,
        "partial": _S,
        "failed": _F,
        "cancelled": _C,
    },
}

_warned: set[tuple[str, str, str]] = set()


def normalise(provider: str, status: str, kind: StatusKind = "job") -> JobState:
    """Return the :class:`JobState` of a provider ``status`` (a str or a generated enum member).

    An undocumented status gives :attr:`JobState.UNKNOWN` and one warning per distinct value;
    never raises for a status value.

    Raises:
        KeyError: when ``(provider, kind)`` has no table (a programming error, not data).

    """
    table = STATUS_TABLES[(provider, kind)]
    value = str(status)
    state = table.get(value)
    if state is not None:
        return state
    key = (provider, kind, value)
    if key not in _warned:
        _warned.add(key)
        LOG.warning(
            "%s: undocumented %s status %r; treating it as not final", provider, kind, value
        )
    return JobState.UNKNOWN
