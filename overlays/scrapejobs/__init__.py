"""scrapejobs: one job interface over the typed clients of five web-scraping job APIs.

Today this package holds the credential table (:mod:`scrapejobs.clients`); the job interface,
polling, retries and webhooks build on it.
"""

from scrapejobs.clients import (
    PROVIDERS,
    CredentialPlacement,
    Provider,
    UnknownProviderError,
    authenticated_client,
)

__all__ = [
    "PROVIDERS",
    "CredentialPlacement",
    "Provider",
    "UnknownProviderError",
    "authenticated_client",
]
__version__ = "0.1.0"
