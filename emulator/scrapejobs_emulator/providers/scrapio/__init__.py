"""Scrapio Jobs API: ``/v1/jobs`` with kinds, idempotency, status, result and cancel.

Behaviour (see specs/scrapio.openapi.yaml and specs/README.md):

- ``Authorization: Bearer <token>``; 401 ``unauthorized`` otherwise.
- ``POST /v1/jobs`` answers 202. With ``Idempotency-Key`` the same key and body return the
  original job; the same key with another body is 409 ``idempotency_conflict``.
- Status: ``queued`` → ``running`` → ``completed`` | ``partial`` | ``failed``; ``cancelled`` via
  ``POST /v1/jobs/{id}/cancel`` (202; 200 and unchanged when already final). A failing fetch job
  with several outputs ends ``partial`` (the first output succeeded).
- Result: 409 ``job_not_ready`` until final, 409 ``job_failed`` for a failed job, 404
  ``job_not_found`` for unknown ids, other accounts' jobs and expired results.
- Webhook ``{type: job.completed|job.failed, data: <Job>}`` to ``webhook.url`` when a job ends
  on its own; no signature (put a secret in the URL); retried after 10 s, 60 s and 300 s.
"""

from scrapejobs_emulator.providers.scrapio.backend import STATUS, WEBHOOK_POLICY, ScrapioBackend
from scrapejobs_emulator.providers.scrapio.routes import Provider

__all__ = ["STATUS", "WEBHOOK_POLICY", "Provider", "ScrapioBackend"]
