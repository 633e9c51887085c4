"""What the parts of one batch run share: the provider's jobs, the ledger, the counters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from scrapejobs.backoff import Backoff
from scrapejobs.batch.inputs import RunInput
from scrapejobs.batch.ledger import Ledger
from scrapejobs.batch.ledger_io import LedgerThread
from scrapejobs.batch.planning import Planner
from scrapejobs.batch.results import ItemResult, RunStats
from scrapejobs.batch.run_webhooks import RunWebhooks
from scrapejobs.client import AsyncJobs
from scrapejobs.jobs import Adapter, JobRef


class Watch(Protocol):
    """Watch job ``ref`` for ``item`` until its outcome is recorded (see BatchRunner)."""

    def __call__(
        self,
        ref: JobRef,
        item: RunInput,
        *,
        kind: str,
        polled: bool = False,
        submitted_at: float | None = None,
    ) -> None:
        """Watch ``ref``; ``kind`` names its request model.

        ``polled`` when no delivery will announce its end; ``submitted_at`` (epoch seconds)
        dates a resumed job.
        """


@dataclass
class RunContext:
    """One run's shared collaborators (made by :class:`~scrapejobs.batch.runner.BatchRunner`).

    ``record`` counts and yields an input's outcome (the caller made it durable first);
    ``watch`` hands a job to the waiting engine.
    """

    jobs: AsyncJobs
    ledger: Ledger
    db: LedgerThread
    planner: Planner
    stats: RunStats
    polling: Backoff
    """How failed reads and resends wait (exponential backoff with the provider's floor)."""
    webhooks: RunWebhooks | None
    record: Callable[[ItemResult], None]
    watch: Watch

    @property
    def provider(self) -> str:
        """The provider's name."""
        return self.jobs.provider

    @property
    def adapter(self) -> Adapter:
        """The provider's adapter (``jobs.adapter``)."""
        return self.jobs.adapter

    def foreign(self, callback: str | None) -> bool:
        """Return True when jobs sent with ``callback`` never notify this run's receiver."""
        return self.webhooks is not None and callback != self.webhooks.base_url

    def kind(self, request: Mapping[str, Any]) -> str:
        """Return the kind of job ``request`` makes: its request model's name.

        Jobs of one kind share a duration model.
        """
        return type(self.planner.model(request)).__name__
