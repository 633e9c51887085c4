"""scrapejobs: one job interface over the typed clients of five web-scraping job APIs.

- :class:`Jobs` / :class:`AsyncJobs` (:mod:`scrapejobs.client`): submit, status, result,
  cancel and wait (polling with backoff) for any provider, through per-provider adapters
  (:mod:`scrapejobs.providers`) over the generated clients;
- :mod:`scrapejobs.batch`: :class:`BatchRunner` (async) and :func:`run_batch` (blocking), many
  inputs through one provider with a durable :class:`Ledger`, resumable after a crash (the
  ``scrapejobs`` command line, :mod:`scrapejobs.cli`, runs them from files); its ledger is a
  :class:`SqliteLedger` file or a :class:`PostgresLedger` shared by many workers;
- :mod:`scrapejobs.retries`: safe retries (reads retried; submissions never paid twice);
- :mod:`scrapejobs.webhooks`: verify and parse deliveries, the receiver and the events that wake waits;
- :mod:`scrapejobs.states`, :mod:`scrapejobs.errors`, :mod:`scrapejobs.clients`: the shared
  job state, the exception family and the credential table.
"""

from scrapejobs.batch.inputs import InputFileError, RunInput, read_inputs
from scrapejobs.batch.ledger import Ledger, LedgerMismatchError, SqliteLedger
from scrapejobs.batch.results import ItemResult, ItemState, RunAbortedError, RunStats
from scrapejobs.batch.run_sync import run_batch
from scrapejobs.batch.runner import BatchRunner
from scrapejobs.client import AsyncJobs, Jobs
from scrapejobs.clients import (
    PROVIDERS,
    CredentialPlacement,
    Provider,
    UnknownProviderError,
    authenticated_client,
)
from scrapejobs.errors import (
    AuthenticationError,
    ConflictError,
    InvalidRequestError,
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    ProviderRuleError,
    RateLimitedError,
    ScrapejobsError,
    ServerError,
    SubmissionUncertainError,
    WebhookBodyTooLargeError,
    WebhookPayloadError,
    WebhookVerificationError,
)
from scrapejobs.jobs import JobRef, JobStatus, NotSupportedError
from scrapejobs.states import JobState, normalise
from scrapejobs.waiting import FRUGAL, PROMPT, Timing

__all__ = [
    "FRUGAL",
    "PROMPT",
    "PROVIDERS",
    "AsyncJobs",
    "AuthenticationError",
    "BatchRunner",
    "ConflictError",
    "CredentialPlacement",
    "InputFileError",
    "InvalidRequestError",
    "ItemResult",
    "ItemState",
    "JobFailedError",
    "JobRef",
    "JobState",
    "JobStatus",
    "JobTimeoutError",
    "Jobs",
    "Ledger",
    "LedgerMismatchError",
    "NotFoundError",
    "NotSupportedError",
    "PermissionDeniedError",
    "PostgresLedger",
    "Provider",
    "ProviderError",
    "ProviderRuleError",
    "RateLimitedError",
    "RunAbortedError",
    "RunInput",
    "RunStats",
    "ScrapejobsError",
    "ServerError",
    "SqliteLedger",
    "SubmissionUncertainError",
    "Timing",
    "UnknownProviderError",
    "WebhookBodyTooLargeError",
    "WebhookPayloadError",
    "WebhookVerificationError",
    "authenticated_client",
    "normalise",
    "read_inputs",
    "run_batch",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """Import :class:`PostgresLedger` on first use (``import scrapejobs`` never imports psycopg)."""
    if name == "PostgresLedger":
        from scrapejobs.batch.ledger_postgres import PostgresLedger

        return PostgresLedger
    raise AttributeError(f"module 'scrapejobs' has no attribute {name!r}")
