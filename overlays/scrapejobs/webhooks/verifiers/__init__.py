"""One verifier per provider: it holds the expected secret and authenticates a raw delivery.

Shared machinery (the :class:`WebhookVerifier` protocol, constant-time comparison) is in
:mod:`.base`; body decoding and model parsing in :mod:`scrapejobs.webhooks.payloads`.
"""

from scrapejobs.webhooks.verifiers.base import WebhookVerifier
from scrapejobs.webhooks.verifiers.decodo import DecodoVerifier
from scrapejobs.webhooks.verifiers.scrapedo import ScrapedoVerifier
from scrapejobs.webhooks.verifiers.scraperapi import ScraperApiVerifier
from scrapejobs.webhooks.verifiers.scrapingpros import (
    SCRAPINGPROS_TOLERANCE,
    ScrapingProsVerifier,
    scrapingpros_signature,
)
from scrapejobs.webhooks.verifiers.scrapio import ScrapioVerifier

__all__ = [
    "SCRAPINGPROS_TOLERANCE",
    "DecodoVerifier",
    "ScrapedoVerifier",
    "ScraperApiVerifier",
    "ScrapingProsVerifier",
    "ScrapioVerifier",
    "WebhookVerifier",
    "scrapingpros_signature",
]
