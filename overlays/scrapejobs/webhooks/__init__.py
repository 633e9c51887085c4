"""Webhooks of the five providers: verify and parse deliveries, receive them, wake waits.

Each provider authenticates its webhook differently; one verifier class per provider
(:mod:`scrapejobs.webhooks.verifiers`) holds the expected secret and turns a raw delivery (body
bytes, headers, and for Scrapio the request URL) into the GENERATED typed payload model, or raises
:class:`~scrapejobs.errors.WebhookVerificationError` saying why:

==============  ==========================================================  ====================
provider        authentication checked                                      returns
==============  ==========================================================  ====================
Decodo          top-level ``passthrough`` equals the expected string         ``TaskCallback``
Scrape.do       one header from the job's ``WebhookHeaders``                 ``TaskWebhook``
ScrapingPros    ``X-SP-Signature`` HMAC-SHA256 over ``"<ts>.<body>"``,       ``RunCompletedEvent``
                ``X-SP-Timestamp`` within a tolerance window
ScraperAPI      ``Authorization: Basic`` from the callback URL's userinfo    ``JobCallback``
Scrapio         a token in the webhook URL's query (no documented scheme)    ``JobWebhookEvent``
==============  ==========================================================  ====================

Every verifier checks the body size first (default 1 MiB), compares secrets in constant time,
and never puts a secret or a received credential into a message, ``repr`` or log. Providers
deliver at least once: :class:`DeliveryDeduplicator` recognises a repeated delivery.

To ask for deliveries, :func:`attach` puts the callback (and a secret) on any provider's request.

The rest of the room: :mod:`.attach`, :mod:`.payloads` (body to typed model), :mod:`.deliveries` (duplicates),
:mod:`.handler` (verifier + callback), :mod:`.events` (:class:`WebhookEvents`, deliveries that
wake waits) and :mod:`.receiver` (the Starlette app, ``webhook_app``; import it from there: this
package itself does not import the web framework).
"""

from scrapejobs.webhooks.attach import BASIC_USER, SECRET_HEADER, TOKEN_PARAM, attach
from scrapejobs.webhooks.deliveries import DeliveryDeduplicator, delivery_key
from scrapejobs.webhooks.events import WebhookEvents
from scrapejobs.webhooks.handler import WebhookHandler
from scrapejobs.webhooks.payloads import (
    MAX_BODY_BYTES,
    check_size,
    identified,
    load_json_object,
    parse_model,
)
from scrapejobs.webhooks.verifiers import (
    SCRAPINGPROS_TOLERANCE,
    DecodoVerifier,
    ScrapedoVerifier,
    ScraperApiVerifier,
    ScrapingProsVerifier,
    ScrapioVerifier,
    WebhookVerifier,
    scrapingpros_signature,
)

__all__ = [
    "BASIC_USER",
    "MAX_BODY_BYTES",
    "SCRAPINGPROS_TOLERANCE",
    "SECRET_HEADER",
    "TOKEN_PARAM",
    "DecodoVerifier",
    "DeliveryDeduplicator",
    "ScrapedoVerifier",
    "ScraperApiVerifier",
    "ScrapingProsVerifier",
    "ScrapioVerifier",
    "WebhookEvents",
    "WebhookHandler",
    "WebhookVerifier",
    "attach",
    "check_size",
    "delivery_key",
    "identified",
    "load_json_object",
    "parse_model",
    "scrapingpros_signature",
]
