"""ScraperAPI Async API: ``/jobs``, ``/batchjobs`` and ``/jobs/{jobId}`` (status, result, cancel).

Behaviour (see specs/scraperapi.openapi.yaml and the ScraperAPI section of specs/README.md):

- Credential: ``apiKey`` in the JSON body of both POSTs. A malformed or non-object body is 400
  first (the key cannot be read); then a missing, non-string or unknown key is 401
  ``{"error": "Invalid API key", "status": 401}``; then the body is validated (400).
- ``GET``/``DELETE /jobs/{jobId}`` need no key: the job id is the capability. When the optional
  ``apiKey`` query parameter is given it must be a configured key *and* the job's own account's,
  otherwise the answer is the 404 of an unknown id (one account never sees another's jobs).
- Errors: ``{"error": <message>, "status": <code>}`` for every status (400, 401, 403, 404, 405,
  429, 500, 503).
- ``POST /jobs`` → 200 job in its ``running`` shape ``{id, status, statusUrl, url[, meta]}``;
  ``statusUrl`` is ``<base>/jobs/<id>``, ``<base>`` the creating request's
  own URL of the provider's mount (or ``config.public_base_url + "/scraperapi"`` when set).
  ``POST /batchjobs`` →
  200 array, one job per URL in request order (each with ``attempts: 0``); at most 50,000 URLs
  (400 naming the rule). Every other field applies to every job of the batch.
- Provider rules beyond the schema: ``apiParams.premium`` and ``apiParams.ultra_premium`` both
  true → 400; ``callback.url`` must be an absolute http(s) URL → 400; ``apiParams.max_cost`` below
  the job's credit cost → 403 with ScraperAPI's max_cost message. Cost (decision for the
  combinations the spec leaves open): 1 standard, 10 render, 10 premium, 25 premium+render,
  30 ultra_premium, 75 ultra_premium+render; reported as ``sa-credit-cost``.
- Statuses (table ``STATUS``): queued and running → ``running``; succeeded → ``finished``;
  failed → ``failed``; cancelled → ``cancelled``.
- Finished: ``response {headers, body | base64EncodedBody, statusCode}`` with lower-case headers
  including ``sa-final-url``, ``sa-statuscode`` and ``sa-credit-cost``. The body is the URL's
  deterministic page: HTML by default, ``output_format`` ``markdown``/``text`` rendered,
  ``autoparse`` as JSON, and Base64 for ``screenshot`` (a PNG) and binary targets (URL ending in
  an image, PDF or ZIP extension). Failed: ``{id, attempts: 50, status, failReason, url[, meta]}``
  without ``statusUrl`` (the documented sample); ``failReason`` is ``failed_due_to_timeout``, or
  ``invalid_url`` for a target that is not an absolute http(s) URL (such jobs are accepted and
  fail, as a job whose target can never be reached would). ``meta`` is echoed in every shape.
- ``DELETE /jobs/{jobId}`` → 200 with the job ``cancelled``; a job that already ended is returned
  unchanged with 200 (decision: cancel is idempotent).
- Retention: after ``config.retention_seconds["scraperapi"]`` (default 72 h) from the job's end
  the id answers 404 like an unknown one. Results are not deleted on first read (the docs say
  they *may* be; the emulator keeps them for the whole retention).
- Webhook ``callback: {type: webhook, url}``: POST of the ``JobCallback`` (the object GET
  returns) when a job finishes, and for failed jobs only with ``expectUnsuccessReport: true``
  (the older spelling ``expectsUnsuccessReport`` is honoured too); cancelled jobs send nothing.
  No signature: userinfo in the URL arrives as ``Authorization: Basic …`` (httpx turns it into
  that header). Retry policy: 3 attempts in total, the 2nd 60 s and the 3rd 300 s after the
  previous failure (the spec documents only the count; the delays are this emulator's decision);
  any 2xx acknowledges. When all 3 fail the job is cancelled and loses its result.
"""

from scrapejobs_emulator.providers.scraperapi.backend import (
    MAX_COST_MESSAGE,
    STATUS,
    WEBHOOK_POLICY,
    ScraperapiBackend,
    credit_cost,
)
from scrapejobs_emulator.providers.scraperapi.routes import Provider

__all__ = [
    "MAX_COST_MESSAGE",
    "STATUS",
    "WEBHOOK_POLICY",
    "Provider",
    "ScraperapiBackend",
    "credit_cost",
]
