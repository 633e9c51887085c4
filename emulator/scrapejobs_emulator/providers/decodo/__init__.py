"""Decodo Web Scraping API, asynchronous tasks: ``/v3/task``, ``/v3/task/batch``, status, results.

Behaviour (see specs/decodo.openapi.yaml and the Decodo section of specs/README.md):

- ``Authorization: Basic <token>``: the token is the dashboard's opaque basic-authentication token
  and is compared as it is (never base64-decoded); each token is its own account. Anything else is
  401 in Decodo's envelope ``{status: "error", message, errors?}`` (with ``WWW-Authenticate``).
  An account listed (by its ``acct_…`` label) in ``decodo_suspended_accounts`` has valid
  credentials but an inactive subscription: every request is 403 ``Forbidden`` in the same
  envelope (facts 1.5: the SDK treats 403 as an authorisation failure).
- ``POST /v3/task`` answers 200 with the task object: the request's parameters echoed with the
  server defaults filled in (``page_from`` 1, ``page_count`` 1, ``limit`` 10, ``device_type``
  desktop, ``domain`` com, ``http_method`` get, ``parse``/``force_*`` false, ``headers``/``cookies``
  ``[]``, ``content_encoding`` utf-8, ``priority`` 0, ``persist`` true, unset options null). Ids are
  unique digit strings (snowflake-like: emulator milliseconds << 22 | sequence); timestamps are
  ``YYYY-MM-DD HH:MM:SS`` (UTC, emulator clock).
- The body is validated with the 40-target discriminated union ``TaskRequest`` (``target``
  required). 400 for malformed JSON, a body that is not an object, a missing or unsupported
  ``target``; 422 for everything the target's parameter set rejects (unknown keys, types, bounds,
  checked against the spec's schema of that target), and for a batch mixing ``url`` and
  ``query``. ``errors`` lists ``{field, message}`` items. A schema-valid ``url`` that is not an
  absolute http(s) URL is accepted (the schema allows any string) but the task ends ``faulted``; a
  ``callback_url`` that is not one is accepted but never called.
- ``POST /v3/task/batch``: one target, the primary input (``url``/``query``/``product_id``/
  ``prompt``) an array; each item becomes one task (one unit) that shares the batch id
  (``data["group"]``). 200 ``{id, queries: [Task...], errors: []}``. At most 1 batch request per
  second PER ACCOUNT on the emulator clock (every authenticated batch request counts): otherwise
  429 with integer ``Retry-After``. A batch mixing ``url`` and ``query`` is 422.
- Status (``GET /v3/task/{id}``, each read is a poll): ``pending`` -> ``done`` | ``faulted``.
- Results (``GET /v3/task/{id}/results``, also a poll): 204 without body while ``pending``;
  200 ``{results: [...]}`` with one entry per page (``page_count``) when ``done``. ``content``:
  base64 PNG for ``headless: png``, else the parsed object for ``parse: true``, else Markdown for
  ``markdown: true``, else HTML. A ``faulted`` task answers 200 with one entry whose ``content``
  is null, ``status_code`` 613 and a ``help`` text (Decodo's "faulted after too many retries"; the
  spec leaves this open).
- Retention: results and tasks are kept ``retention_seconds["decodo"]`` (24 h) from the initial
  request, as Decodo documents; afterwards, like unknown ids and other accounts' tasks, 404.
- Webhook: when a task with ``callback_url`` ends (``done`` or ``faulted``), the ``TaskCallback``
  payload (the task object, not the content) is POSTed there with ``passthrough`` echoed verbatim
  at top level; no signature or auth header (``passthrough`` is the authentication). Batches send
  one callback per task. Retry policy (GUESS, undocumented by Decodo): any non-2xx answer or
  network error is retried after 10 s, 60 s and 300 s (4 attempts in all).
"""

from scrapejobs_emulator.providers.decodo.backend import STATUS, WEBHOOK_POLICY, DecodoBackend
from scrapejobs_emulator.providers.decodo.routes import Provider

__all__ = ["STATUS", "WEBHOOK_POLICY", "DecodoBackend", "Provider"]
