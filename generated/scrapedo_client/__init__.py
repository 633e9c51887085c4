"""A client library for accessing Scrape.do async jobs API (scrapejobs spec)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
