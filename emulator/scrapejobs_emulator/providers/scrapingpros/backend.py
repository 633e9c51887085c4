"""ScrapingPros' model: collections, runs and their jobs, idempotency keys, results, webhooks.

No HTTP: the routes parse requests and call in here; rules a request can break raise
:class:`~scrapejobs_emulator.errors.ProviderError` with FastAPI's status and detail.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from typing import Any

from provider_models import scrapingpros as models

from scrapejobs_emulator.backend import ProviderBackend
from scrapejobs_emulator.errors import ProviderError
from scrapejobs_emulator.jobs import JobRecord
from scrapejobs_emulator.providers.scrapingpros.documents import (
    RUN_STATUS,
    StoredCollection,
    StoredRun,
    counts,
    job_status,
    rfc3339,
    run_document,
    run_job_document,
)
from scrapejobs_emulator.providers.scrapingpros.results import (
    credits,
    execution_seconds,
    scrape_result,
)
from scrapejobs_emulator.providers.scrapingpros.screening import url_problem
from scrapejobs_emulator.state import EmulatorState
from scrapejobs_emulator.webhooks import RetryPolicy, Webhook

WEBHOOK_POLICY = RetryPolicy(delays=(10.0, 60.0, 300.0))
IDEMPOTENCY_TTL = 24 * 3600.0
MAX_EMBEDDED_RESULT = 256 * 1024


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Return ``sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>``, the X-SP-Signature."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


class IdempotencyKeys:
    """``Idempotency-Key`` answers per account: replayed for the same body within 24 h."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self._answers: dict[tuple[str, str], tuple[str, dict[str, Any], float]] = {}

    def replay(self, account: str, key: str, fingerprint: str) -> dict[str, Any] | None:
        """Return the answer first given to ``key`` within 24 h, or None.

        Raises:
            ProviderError: 409 when ``key`` came with another body.

        """
        known = self._answers.get((account, key))
        if known is not None and self._now() >= known[2]:
            del self._answers[(account, key)]
            known = None
        if known is None:
            return None
        if known[0] != fingerprint:
            raise ProviderError(
                409, "Idempotency-Key was already used with a different request body"
            )
        return known[1]

    def remember(self, account: str, key: str, fingerprint: str, payload: dict[str, Any]) -> None:
        """Keep ``payload`` as the answer to ``key`` (with this body) for 24 h."""
        self._answers[(account, key)] = (fingerprint, payload, self._now() + IDEMPOTENCY_TTL)

    def clear(self) -> None:
        """Forget every key."""
        self._answers.clear()

    def dump(self, label: Callable[[str], str]) -> list[dict[str, Any]]:
        """Return every key with its body fingerprint, answer and expiry, accounts as labels."""
        return [
            {
                "account": label(account),
                "key": key,
                "fingerprint": fingerprint,
                "answer": answer,
                "expires_at": expires_at,
            }
            for (account, key), (fingerprint, answer, expires_at) in self._answers.items()
        ]

    def load(self, data: list[dict[str, Any]], token: Callable[[str], str]) -> None:
        """Restore :meth:`dump`'s keys.

        Raises:
            KeyError, TypeError, ValueError: for malformed data or an unknown account.

        """
        for raw in data:
            answer = raw["answer"]
            if not isinstance(answer, dict):
                raise TypeError("an idempotency answer must be an object")
            self._answers[(token(raw["account"]), str(raw["key"]))] = (
                str(raw["fingerprint"]),
                answer,
                float(raw["expires_at"]),
            )


class ScrapingprosBackend(ProviderBackend):
    """ScrapingPros' collections and runs (one record per job of a run), per account."""

    name = "scrapingpros"

    def __init__(self, state: EmulatorState) -> None:
        super().__init__(state)
        self._collections: dict[str, StoredCollection] = {}
        self._runs: dict[str, StoredRun] = {}
        self.idempotency = IdempotencyKeys(self.now)
        self._sequence = 0

    def reset(self) -> None:
        """Forget collections, runs and idempotency keys."""
        self._collections.clear()
        self._runs.clear()
        self.idempotency.clear()

    # -- collections and runs ---------------------------------------------------------------

    def add_collection(
        self,
        account: str,
        name: str,
        callback_url: str | None,
        requests: list[dict[str, Any]],
    ) -> StoredCollection:
        """Store a new collection of (screened) ``requests``."""
        now = self.now()
        self._sequence += 1
        stored = StoredCollection(
            id=str(uuid.uuid4()),
            account=account,
            name=name,
            requests=requests,
            callback_url=callback_url,
            created_at=now,
            updated_at=now,
            sequence=self._sequence,
        )
        self._collections[stored.id] = stored
        return stored

    def collections_of(
        self, account: str, name: str | None, since: float | None
    ) -> list[StoredCollection]:
        """Return the account's live collections, newest first, by ``name`` and ``since``."""
        found = [
            c
            for c in self._collections.values()
            if c.account == account
            and not c.deleted
            and (name is None or c.name == name)
            and (since is None or c.created_at >= since)
        ]
        found.sort(key=lambda c: (c.created_at, c.sequence), reverse=True)
        return found

    def collection(
        self, account: str, collection_id: str, *, allow_deleted: bool = False
    ) -> StoredCollection:
        """Return the account's collection (404 unknown, another account's, or deleted)."""
        stored = self._collections.get(collection_id)
        if stored is None or stored.account != account or (stored.deleted and not allow_deleted):
            raise ProviderError(404, "Collection not found")
        return stored

    def run(self, account: str, collection_id: str, run_id: str) -> StoredRun:
        """Return a run of the account's collection (deleted ones too); 404 otherwise."""
        stored = self.collection(account, collection_id, allow_deleted=True)
        run = self._runs.get(run_id)
        if run is None or run.account != account or run.collection_id != stored.id:
            raise ProviderError(404, "Run not found")
        return run

    def start_run(
        self, account: str, stored: StoredCollection, *, fail: bool, base_url: str
    ) -> StoredRun:
        """Start a run of ``stored``: one job per stored request (complete at once when none).

        ``base_url`` (the provider's mount URL) prefixes the URLs the run's webhook carries.
        """
        now = self.now()
        self._sequence += 1
        run = StoredRun(
            id=str(uuid.uuid4()),
            account=account,
            collection_id=stored.id,
            units=[],
            callback_url=stored.callback_url,
            created_at=now,
            sequence=self._sequence,
            base_url=base_url,
        )
        self._runs[run.id] = run
        for seq, item in enumerate(stored.requests):
            record = self.store.create(
                self.name,
                account,
                str(uuid.uuid4()),
                fail=fail,
                data={
                    "group": run.id,
                    "collection_id": stored.id,
                    "request": dict(item),
                    "seq": seq,
                },
            )
            run.units.append(record)
        self.state.stats.count_job(self.name, account, len(run.units))
        if not run.units:
            self._run_completed(run, now)
        return run

    def runs_of(self, account: str, stored: StoredCollection) -> list[StoredRun]:
        """Return the collection's runs, newest first."""
        return sorted(
            (
                r
                for r in self._runs.values()
                if r.collection_id == stored.id and r.account == account
            ),
            key=lambda r: (r.created_at, r.sequence),
            reverse=True,
        )

    # -- documents --------------------------------------------------------------------------

    def run_document(self, run: StoredRun, *, poll: bool = False) -> models.Run:
        """Return the run, its jobs refreshed first (``poll``: counted as status reads)."""
        for unit in run.units:
            if poll:
                self.store.poll(unit)
            else:
                self.store.refresh(unit)
        return run_document(run)

    def run_job(self, record: JobRecord, include: bool) -> models.RunJob:
        """Return the job as listed; ``include`` embeds a retained result of at most 256 KB."""
        job = run_job_document(record)
        if include:
            job.result = None
            retention = self.config.retention_seconds[self.name]
            if job_status(record) == "completed" and not record.expired(self.now(), retention):
                result = self.job_result(record)
                size = len(json.dumps(result.model_dump(mode="json", by_alias=True)))
                if size <= MAX_EMBEDDED_RESULT:
                    job.result = result
        return job

    def job_result(self, record: JobRecord) -> models.ScrapeResult:
        """Return the ScrapeResult of a final job."""
        item: dict[str, Any] = record.data["request"]
        page = self.state.content.page_now(item["url"])
        queue_wait = (record.started_at or record.created_at) - record.created_at
        return scrape_result(item, page, job_status(record), execution_seconds(record), queue_wait)

    def result_of(self, run: StoredRun, account: str, job_id: str) -> models.ScrapeResult:
        """Return the result of the run's job ``job_id`` (polled).

        Raises:
            ProviderError: the structured 404 ``job_id_invalid``, ``result_pending`` or
                ``result_expired``.

        """
        record = self.store.get(self.name, job_id, account)
        if record is None or record.data["group"] != run.id:
            raise _result_missing("job_id_invalid", "Job does not belong to this run.")
        self.store.poll(record)
        if not record.phase.terminal:
            raise _result_missing("result_pending", "The job has not completed yet.")
        retention = self.config.retention_seconds[self.name]
        if (
            retention is not None  # never None when expired, but mypy cannot know
            and record.finished_at is not None
            and record.expired(self.now(), retention)
        ):
            raise _result_missing(
                "result_expired",
                f"Results are kept for {retention / 3600:g} hours after completion.",
                completed_at=rfc3339(record.finished_at),
                age_hours=round((self.now() - record.finished_at) / 3600, 2),
            )
        return self.job_result(record)

    async def scrape(self, raw: dict[str, Any], *, fail: bool) -> tuple[models.ScrapeResult, int]:
        """Scrape one (checked) request now; return its result and the credits charged."""
        page = await self.state.content.page(raw["url"])
        faults = self.config.faults
        failing = fail or (
            faults.job_failure_rate > 0 and self.state.rng.random() < faults.job_failure_rate
        )
        status = "failed" if failing else "completed"
        if failing and "timeout" in raw["url"]:
            status = "timeout"
        seconds = 2.5 if raw.get("browser") else 0.8
        result = scrape_result(raw, page, status, seconds, queue_wait=0.0)
        return result, 0 if failing else credits(raw)

    # -- lifecycle --------------------------------------------------------------------------

    def on_finished(self, record: JobRecord) -> None:
        """Complete the job's run (and queue its webhook) when its last job becomes final."""
        run = self._runs.get(record.data.get("group", ""))
        if run is None or run.completed_at is not None:
            return
        if all(unit.phase.terminal for unit in run.units):
            finished = [u.finished_at for u in run.units if u.finished_at is not None]
            self._run_completed(run, max(finished, default=self.now()))

    def _run_completed(self, run: StoredRun, at: float) -> None:
        run.completed_at = at
        if run.callback_url is None:
            return
        if url_problem(run.callback_url) in ("malformed_url", "invalid_protocol", "invalid_port"):
            run.callback_unusable = True  # accepted on create, as the schema allows; never sent
            return
        tally = counts(run)
        event = models.RunCompletedEvent(
            event="run.completed",
            run_id=run.id,
            collection_id=run.collection_id,
            status=RUN_STATUS[True],
            total_requests=len(run.units),
            success_requests=tally["completed"],
            failed_requests=tally["failed"],
            job_ids=[u.id for u in run.units],
            results_url=f"{run.base_url}/v1/async/collections/{run.collection_id}/runs/{run.id}",
            timestamp=rfc3339(at),
        )
        run.webhook = self.state.webhooks.enqueue(
            provider=self.name,
            account=run.account,
            job_id=run.id,
            url=run.callback_url,
            payload=event.model_dump(mode="json", by_alias=True),
            policy=WEBHOOK_POLICY,
            sign=self.sign,
        )

    def webhook_restored(self, webhook: Webhook) -> None:
        """Give a restored ``run.completed`` delivery its signing back and link it to its run."""
        webhook.sign = self.sign
        run = self._runs.get(webhook.job_id)
        if run is not None:
            run.webhook = webhook

    def sign(self, body: bytes, now: float) -> dict[str, str]:
        """Return the per-attempt ``X-SP-Timestamp`` and ``X-SP-Signature`` headers."""
        return signed_headers(self.config.webhook_secret, body, now)


def signed_headers(secret: str, body: bytes, now: float) -> dict[str, str]:
    """Return ScrapingPros' ``X-SP-Timestamp`` and ``X-SP-Signature`` headers for ``body``."""
    timestamp = str(int(now))
    return {"X-SP-Timestamp": timestamp, "X-SP-Signature": signature(secret, timestamp, body)}


def _result_missing(code: str, message: str, **extra: Any) -> ProviderError:
    """Return the structured 404 of the result endpoint (``detail.error_code``)."""
    detail = models.ResultErrorDetail(error_code=code, message=message, **extra)
    return ProviderError(404, message, details=detail.model_dump(mode="json", by_alias=True))
