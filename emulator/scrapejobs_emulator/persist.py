"""The emulator's state as a versioned JSON document, and its atomic file on disk.

Document (``"version": 1``): the configuration (without its secrets: tokens, webhook secret,
and without ``state_file``), the clock's time and every job record of every provider with its
timing (creation, planned finish, phase, polls), so a restarted emulator answers reads for them
and finishes them when their time comes; every webhook delivery with its attempts, state and
next attempt time (``webhooks``), so a pending delivery is retried at its time after a restart;
and each provider's own state (``providers``: collections, runs, idempotency keys, Decodo's
batch windows, credits). Accounts appear as their non-secret labels (``acct_…``) and are matched
back to the configured tokens on restore. A version-1 document written before ``webhooks``
existed still loads (no deliveries).
A file is written atomically (a temporary file in the same directory, fsync, ``os.replace``):
a failed or interrupted write leaves the previous file whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scrapejobs_emulator.clock import ManualClock
from scrapejobs_emulator.config import EmulatorConfig
from scrapejobs_emulator.jobs import JobRecord, Phase
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.stats import account_label
from scrapejobs_emulator.webhooks import Attempt, RetryPolicy, Webhook

VERSION = 1
KEPT = {"tokens", "webhook_secret", "state_file"}
"""Configuration fields never written to a document; a restore keeps the running values."""


class StateDocumentError(ValueError):
    """A state document (or file) that is corrupt, of another version or breaks the format."""


def snapshot(state: EmulatorState) -> dict[str, Any]:
    """Return the state as a version-1 document (JSON-ready). Never changes the state."""
    return {
        "version": VERSION,
        "clock": state.clock.now(),
        "config": state.config.model_dump(mode="json", exclude=KEPT),
        "jobs": [_record_json(record) for record in state.store.records()],
        "providers": {name: dump(account_label) for name, (dump, _) in state.persisted.items()},
        "webhooks": [_webhook_json(webhook) for webhook in state.webhooks.webhooks],
    }


def _webhook_json(webhook: Webhook) -> dict[str, Any]:
    return {
        "id": webhook.id,
        "provider": webhook.provider,
        "account": account_label(webhook.account),
        "job_id": webhook.job_id,
        "url": webhook.url,
        "body": webhook.body.decode(),
        "headers": webhook.headers,
        "delays": list(webhook.policy.delays),
        "gone_retry_delay": webhook.policy.gone_retry_delay,
        "next_at": webhook.next_at,
        "state": webhook.state,
        "gone_retry_used": webhook.gone_retry_used,
        "attempts": [attempt.as_json() for attempt in webhook.attempts],
    }


def _webhook(raw: Any, token: Callable[[str], str]) -> Webhook:
    """Return a saved webhook (hooks re-attached later by its provider).

    Raises:
        KeyError, TypeError, ValueError: for a malformed entry or an unknown account.

    """
    if not isinstance(raw, dict):
        raise TypeError("every webhook must be an object")
    next_at = raw["next_at"]
    return Webhook(
        id=int(raw["id"]),
        provider=str(raw["provider"]),
        account=token(raw["account"]),
        job_id=str(raw["job_id"]),
        url=str(raw["url"]),
        body=str(raw["body"]).encode(),
        headers={str(k): str(v) for k, v in dict(raw["headers"]).items()},
        policy=RetryPolicy(
            delays=tuple(float(d) for d in raw["delays"]),
            gone_retry_delay=(
                None if raw["gone_retry_delay"] is None else float(raw["gone_retry_delay"])
            ),
        ),
        next_at=None if next_at is None else float(next_at),
        state=str(raw["state"]),
        gone_retry_used=bool(raw["gone_retry_used"]),
        attempts=[Attempt(**attempt) for attempt in raw["attempts"]],
    )


def _record_json(record: JobRecord) -> dict[str, Any]:
    # Shallow (the document is encoded at once; asdict's deep copy made saves 4x slower). A
    # provider's link to a webhook object (Scrape.do) is saved with the webhooks, not here.
    data = {field.name: getattr(record, field.name) for field in fields(record)}
    data["data"] = {k: v for k, v in record.data.items() if not isinstance(v, Webhook)}
    data["outcome"] = record.outcome.value
    data["phase"] = record.phase.value
    data["account"] = account_label(record.account)
    return data


def _record(raw: Any, tokens: dict[str, str]) -> JobRecord:
    if not isinstance(raw, dict):
        raise StateDocumentError("state document: every job must be an object")
    try:
        fields = dict(raw)
        fields["outcome"] = Phase(fields["outcome"])
        fields["phase"] = Phase(fields["phase"])
        label = fields["account"]
        if label not in tokens:
            raise StateDocumentError(
                f"state document: job {fields.get('id')!r} belongs to account {label!r}, "
                "which is not one of the configured tokens"
            )
        fields["account"] = tokens[label]
        return JobRecord(**fields)
    except (KeyError, TypeError, ValueError) as exc:
        raise StateDocumentError(f"state document: a job is malformed ({exc})") from exc


def restore(state: EmulatorState, document: Any) -> None:
    """Replace ``state``'s jobs, configuration and (manual) clock with ``document``'s.

    Validates the whole document before changing anything; keeps the running tokens, webhook
    secret and ``state_file``.

    Raises:
        StateDocumentError: for a document that is not a version-1 state document.

    """
    if not isinstance(document, dict):
        raise StateDocumentError("state document: must be a JSON object")
    if document.get("version") != VERSION:
        raise StateDocumentError(
            f"state document: version {document.get('version')!r} is not supported "
            f"(this emulator reads version {VERSION})"
        )
    jobs = document.get("jobs")
    clock = document.get("clock")
    if not isinstance(jobs, list) or not isinstance(clock, int | float):
        raise StateDocumentError("state document: needs a 'jobs' list and a numeric 'clock'")
    kept = state.config.model_dump(include=KEPT)
    try:
        config = EmulatorConfig.model_validate({**document.get("config", {}), **kept})
    except (ValidationError, TypeError) as exc:
        raise StateDocumentError(f"state document: bad 'config' ({exc})") from exc
    tokens = {account_label(token): token for token in config.tokens}
    records = [_record(raw, tokens) for raw in jobs]
    providers = document.get("providers", {})
    if not isinstance(providers, dict):
        raise StateDocumentError("state document: 'providers' must be an object")
    webhooks = document.get("webhooks", [])
    if not isinstance(webhooks, list):
        raise StateDocumentError("state document: 'webhooks' must be a list")
    previous = snapshot(state)
    previous_config, previous_records = state.config, list(state.store.records())
    previous_tokens = {account_label(token): token for token in previous_config.tokens}
    try:
        _apply(state, config, clock, records, providers, webhooks, tokens)
    except (KeyError, TypeError, ValueError) as exc:
        _apply(
            state,
            previous_config,
            previous["clock"],
            previous_records,
            previous["providers"],
            previous["webhooks"],
            previous_tokens,
        )
        raise StateDocumentError(f"state document: provider state is malformed ({exc})") from exc


def _apply(
    state: EmulatorState,
    config: EmulatorConfig,
    clock: float,
    records: list[JobRecord],
    providers: dict[str, Any],
    webhooks: list[Any],
    tokens: dict[str, str],
) -> None:
    state.reset()
    state.configure(config)
    if isinstance(state.clock, ManualClock) and clock > state.clock.now():
        state.clock.advance(clock - state.clock.now())
    state.store.restore(records)

    def token(label: str) -> str:
        if label not in tokens:
            raise ValueError(f"account {label!r} is not one of the configured tokens")
        return tokens[label]

    for name, (_, load) in state.persisted.items():
        load(providers.get(name, {}), token)
    restored = [_webhook(raw, token) for raw in webhooks]
    state.webhooks.restore(restored)
    for webhook in restored:
        bind = state.webhook_binders.get(webhook.provider)
        if bind is not None:
            bind(webhook)


def encode(document: dict[str, Any]) -> bytes:
    """Return ``document`` as the bytes of a state file."""
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()


def read_file(path: Path) -> dict[str, Any] | None:
    """Return the document in ``path``, or None when there is no such file.

    Raises:
        StateDocumentError: when the file is not valid JSON or not a version-1 document
            (a corrupt file is never treated as empty).

    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StateDocumentError(f"state file {path} is corrupt: {exc}") from exc
    if not isinstance(document, dict) or document.get("version") != VERSION:
        version = document.get("version") if isinstance(document, dict) else None
        raise StateDocumentError(
            f"state file {path} has version {version!r}; this emulator reads version {VERSION}"
        )
    return document


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: temp file beside it, fsync, ``os.replace``.

    Raises:
        OSError: when the write fails (the previous file, if any, is left intact).

    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


class StateFile:
    """Keeps a state file in step with an emulator's state.

    Loads it, saves changes at most every ``interval`` seconds of wall clock, and on
    :meth:`flush`.
    """

    def __init__(self, state: EmulatorState, path: Path, interval: float = 0.5) -> None:
        self.state = state
        self.path = path
        self.interval = interval
        self._written: bytes | None = None
        self._last: float | None = None

    def load(self) -> bool:
        """Restore the state from the file; return False when there is none yet.

        Raises:
            StateDocumentError: for a corrupt file or one of another version.

        """
        document = read_file(self.path)
        if document is None:
            return False
        restore(self.state, document)
        self._written = encode(self._comparable(snapshot(self.state)))
        return True

    @staticmethod
    def _comparable(document: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in document.items() if key != "clock"}

    def save_if_due(self, now: float) -> bool:
        """Write the file when the state changed and ``interval`` passed since the last look.

        ``now`` is wall-clock seconds (``time.monotonic()``). Returns True when it wrote.
        """
        if self._last is not None and now - self._last < self.interval:
            return False
        self._last = now  # unchanged state is looked at once per interval too
        return self.flush(now)

    def flush(self, now: float) -> bool:
        """Write the file now if the state changed since the last write; return True if so."""
        document = snapshot(self.state)
        comparable = encode(self._comparable(document))
        if comparable == self._written:
            return False
        write_file(self.path, encode(document))
        self._written = comparable
        self._last = now
        return True
