"""ScrapingPros async collections API: collections, runs of a collection, run jobs and results.

Behaviour (see specs/scrapingpros.openapi.yaml and its section in specs/README.md):

- ``Authorization: Bearer <token>``; 401 ``{"detail": "Invalid or missing API key"}`` otherwise.
  Each token is its own account: another account's collection, run or job is 404 as unknown.
- Errors use the FastAPI envelope ``{"detail": ...}``: a string for most errors (400 malformed
  JSON, 401, 403, 404, 409, 429, 500, 503 — which also carries ``message``), a list of
  ``{loc, msg, type}`` issues for 422 (bodies breaking the spec's schema, bad query values, more
  than 50,000 requests), and a structured object for job-result 404s. Rules a schema-valid
  request can still break answer 403 (not allowed), since 400/422 would reject valid data:
  browser-only options without ``browser: true`` and blocked URLs on ``/v1/sync/scrape``, and any
  ``use_proxy`` other than ``any`` or a country of ``scrapingpros_country_proxies`` (default none:
  country proxies need an approval); a run of a collection using a country whose approval was
  withdrawn since is 403 too.
  Unknown query parameters are ignored; an unreadable ``since``/``since_completed_at`` (free
  strings in the spec) is ignored too.
- ``POST /v1/async/collections`` answers 201 with the per-item report: items failing field
  validation go to ``invalid_items`` (``not_a_dict`` for non-objects, the pydantic error type
  otherwise, ``value_error`` for browser-only options without ``browser: true``); URLs failing
  the safety check go to ``blocked_urls`` (``malformed_url``, ``invalid_protocol``,
  ``invalid_port``, ``private_ip`` for private/loopback/link-local/reserved IP literals,
  ``blocked_hostname`` for ``localhost``/``*.local``/``*.internal``, ``dns_failed`` for
  ``*.invalid``); repeated (``url``, ``custom_id``) pairs keep the first and are counted in
  ``duplicates_skipped`` / listed in ``duplicate_urls``. The collection is created with the
  remaining items. ``Idempotency-Key``: the same key and body within 24 h (emulator clock) replay
  the original 201 with ``Idempotency-Replayed: true`` (``false`` on the first answer); the same
  key with another body is 409. Keys are per account.
- ``PUT`` replaces the name and, when ``requests`` is present, the whole request list (same
  report). ``DELETE`` answers 200 ``{id, message}``; past runs, their jobs and results stay
  readable under the deleted collection's id.
- ``POST .../run`` answers 201 and creates one job unit per stored request (``data["group"]`` is
  the run id). Job status: ``processing`` → ``completed`` | ``failed`` | ``timeout`` (a failing
  job whose URL contains ``timeout`` ends ``timeout``). The run is ``in_progress`` until every
  job is final, then ``completed`` (failures counted in ``failed_requests`` /
  ``timeout_requests`` and listed in ``failed_jobs``); a run of an empty collection is
  ``completed`` at once. Every run/job read polls the units it reports on.
- ``GET .../jobs``: keyset pagination with an opaque cursor (``limit`` 1..1000, default 100,
  capped at 100 with ``include_results=true``; an unknown cursor or one issued for another
  ordering is 404), ``status_filter`` (one status or CSV), ``order_by`` ``id`` (the run's request
  order) | ``completed_at``, ``order_dir``, ``since_completed_at`` (strictly later). Embedded
  results only for completed jobs whose result is retained and at most 256 KB.
- ``GET .../jobs/{job_id}/result``: 200 ScrapeResult (``html`` or ``markdown`` per ``format``,
  base64 PNG ``screenshot`` when asked, ``extracted_data`` for ``extract``, ``custom_id``
  echoed; a failed/timed-out job has a result with ``guidance.success`` false). 404 structured
  ``detail.error_code``: ``result_pending`` until final, ``result_expired`` once
  ``retention_seconds["scrapingpros"]`` (24 h) have passed since completion (with
  ``completed_at`` and ``age_hours``), ``job_id_invalid`` for an id not in the run; an unknown
  collection or run gives the plain ``detail`` string.
- ``POST /v1/sync/scrape`` returns the ScrapeResult at once (200, ``X-Credits-Charged`` 1 simple /
  5 browser / 0 failed); the ``fail-job`` scenario gives a failed result (``guidance.success``
  false).
- Webhook ``run.completed`` (RunCompletedEvent) to the collection's ``callback_url`` (captured
  when the run starts) when the run completes. Each attempt is signed: ``X-SP-Timestamp`` = unix
  seconds of the attempt, ``X-SP-Signature`` = ``sha256=`` + hex HMAC-SHA256 keyed with
  ``config.webhook_secret`` over ``"<timestamp>.<raw body>"``. Retry policy (the provider
  documents none; emulator decision): any non-2xx answer or network error is retried 10 s, 60 s
  and 300 s later (4 attempts). The run's ``callback_status`` is ``pending`` until a 2xx
  (``sent``) or until the last attempt fails (``failed``; also at once for a ``callback_url``
  that is not an absolute http(s) URL, which the schema lets through); null without one.
"""

from scrapejobs_emulator.providers.scrapingpros.backend import (
    WEBHOOK_POLICY,
    ScrapingprosBackend,
    signature,
)
from scrapejobs_emulator.providers.scrapingpros.results import extract_value
from scrapejobs_emulator.providers.scrapingpros.routes import Provider
from scrapejobs_emulator.providers.scrapingpros.screening import url_problem

__all__ = [
    "WEBHOOK_POLICY",
    "Provider",
    "ScrapingprosBackend",
    "extract_value",
    "signature",
    "url_problem",
]
