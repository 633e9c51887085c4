"""scrapejobs: one job interface over the typed clients of five web-scraping job APIs.

Today this package holds the credential table (:mod:`scrapejobs.clients`), the provider-neutral
job state (:mod:`scrapejobs.states`) and the exception family (:mod:`scrapejobs.errors`); the job
interface, polling, retries and webhooks build on them.
"""

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
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    ProviderRuleError,
    RateLimitedError,
    ScrapejobsError,
    ServerError,
)
from scrapejobs.states import JobState, normalise

__all__ = [
    "PROVIDERS",
    "AuthenticationError",
    "ConflictError",
    "CredentialPlacement",
    "InvalidRequestError",
    "JobState",
    "NotFoundError",
    "PermissionDeniedError",
    "Provider",
    "ProviderError",
    "ProviderRuleError",
    "RateLimitedError",
    "ScrapejobsError",
    "ServerError",
    "UnknownProviderError",
    "authenticated_client",
    "normalise",
]
__version__ = "0.1.0"
