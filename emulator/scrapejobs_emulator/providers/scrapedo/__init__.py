"""Scrape.do Async API: ``/api/v1/jobs`` of many targets, their tasks, listing, cancel and ``/me``.

Behaviour (see specs/scrapedo.openapi.yaml and the Scrape.do section of specs/README.md):

- ``X-Token: <token>`` on every call; 401 ``{"Error": "Unauthorized", "Code": 401}`` otherwise.
  Every error, including malformed JSON (400), unknown paths (404) and wrong methods (405), uses
  the envelope ``{"Error": <message>, "Code": <status>}``.
- ``POST /api/v1/jobs`` answers 200 ``{JobID, Message, TaskIDs}``: one task (one
  :class:`JobRecord`, ``data["group"]`` = the job ID) per entry of ``Targets``, all sharing the
  job ID, in target order. Rules beyond the schema, each a 400 naming the field: 1 to 1000
  ``Targets``, every target and ``WebhookURL`` an absolute http(s) URL, and
  ``Render.BlockResources`` explicitly false when ``PlayWithBrowser`` or a screenshot option is
  used (it defaults to true).
- Task status, from the core phase: QUEUED → ``queued``; RUNNING → ``pending`` (``rotating`` when
  the task is heading for failure, i.e. retrying with other proxies); SUCCEEDED → ``success``;
  FAILED → ``error``; CANCELLED → ``canceled``.
- Job status, aggregated from its tasks: ``canceled`` once cancelled; when every task is final,
  ``success`` if at least one task succeeded and ``error`` if none did (a job with mixed outcomes
  ends ``success``: specs/README.md leaves mixed outcomes to the client, which reads each task's
  ``Status``); otherwise ``pending`` when a task is ``pending`` or some tasks already finished,
  ``rotating`` when the only running tasks are rotating, and while no task has started
  ``queuing`` during the first :data:`PREPARE_SECONDS` after creation, then ``queued``.
- ``GET /api/v1/jobs/{jobID}`` and ``GET /api/v1/jobs/{jobID}/{taskID}`` count as status reads
  (``store.poll``) of every task they report; ``GET /api/v1/jobs`` and ``/api/v1/me`` do not.
- Task content is synthetic per URL: ``Output: markdown`` gives markdown; ``Render`` with
  ``Screenshot``/``FullScreenshot``/``ParticularScreenshot`` or a ``ScreenShot`` browser action
  gives a base64 PNG with ``Base64EncodedContent: true``; ``Render.ReturnJSON`` gives a JSON
  document (content, network requests, one result per ``PlayWithBrowser`` action, screenshots);
  otherwise HTML, into which a rendered page gets the executed actions as a
  ``<script id="scrapedo-actions" type="application/json">`` element. A failed task has an
  empty ``Content``, ``StatusCode`` 403 and an ``ErrorMessage``.
- Credits (the ``"Scrape.do"`` object and ``AvaliableCredits``): each account starts with
  ``config.scrapedo_credits``; a task that succeeds costs 1 credit, 5 with ``Render``, times 10
  with ``Super`` (so 1, 5, 10 or 50); failed and canceled tasks cost 0.
- Expiry: ``ExpiresAt`` = job creation + ``retention_seconds["scrapedo"]`` (Scrape.do keeps
  results 3 days after the job is created); afterwards Get Task on a finished task answers 410
  "Task response content is no longer available.". Jobs stay readable and listed.
- ``GET /api/v1/jobs``: newest first (``sort=asc`` for oldest first; ``sort`` accepts ``asc`` and
  ``desc``), ``page`` ≥ 1, ``page_size`` 1..100 (default 10), ``status`` one job status,
  ``start_from``/``start_to`` RFC 3339 bounds on the job's ``StartTime`` (its creation); any bad
  value is a 400 naming the parameter. ``TotalPages`` = ceil(TotalCount / PageSize).
- ``DELETE /api/v1/jobs/{jobID}``: 200 ``{JobID, Status: canceled, Canceled: true}`` cancels
  every unfinished task (finished tasks keep their result); 406 when the job already finished or
  was already canceled; 404 for unknown IDs and other accounts' jobs (as everywhere).
- ``GET /api/v1/me``: ``TotalConcurrency`` = ``config.scrapedo_concurrency``;
  ``FreeConcurrency`` = total minus the account's queued or running tasks (never negative);
  ``ActiveJobs`` = the account's unfinished jobs; ``AvaliableCredits`` as above (never negative).
- Webhooks: when a task finishes on its own (success or error, not canceled), its Get Task
  object (``TaskWebhook``) is POSTed to the job's ``WebhookURL`` with the job's
  ``WebhookHeaders`` (no signature). Retry policy (the ladder is undocumented; this is the
  emulator's choice): a timeout, connection error or non-2xx is retried after 60 s, 300 s and
  1800 s (4 attempts); a 404 or 410 stops that ladder and gets exactly one more attempt 3600 s
  later. The task shows ``WebhookStatus`` ``pending`` → ``success`` | ``failed`` and
  ``WebhookRequestTime`` = the latest attempt.
"""

from scrapejobs_emulator.providers.scrapedo.backend import (
    WEBHOOK_POLICY,
    ScrapedoBackend,
    credit_cost,
)
from scrapejobs_emulator.providers.scrapedo.documents import FAILED_MESSAGE, TASK_STATUS
from scrapejobs_emulator.providers.scrapedo.routes import Provider

__all__ = [
    "FAILED_MESSAGE",
    "TASK_STATUS",
    "WEBHOOK_POLICY",
    "Provider",
    "ScrapedoBackend",
    "credit_cost",
]
