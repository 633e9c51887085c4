"""A client library for accessing ScrapingPros async jobs API (scrapejobs spec)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
