"""Deliveries for the PostgreSQL receiver tests: real Scrapio webhook bodies and their URLs."""

from __future__ import annotations

import json
from typing import Any

from scrapejobs.batch.run_webhooks import RunWebhooks, run_secret
from scrapejobs.webhooks import ScrapioVerifier

TOKEN = "receiver-test-credential"


def scrapio_body(job_id: str, status: str = "completed") -> bytes:
    """Return a Scrapio ``job.completed`` delivery of job ``job_id``."""
    event = "job.completed" if status == "completed" else "job.failed"
    data: dict[str, Any] = {
        "request_id": f"req-{job_id}",
        "job_id": job_id,
        "job_type": "fetch",
        "status": status,
        "mode": "async",
        "created_at": "2026-12-04T12:00:00Z",
        "result_available": status == "completed",
    }
    return json.dumps({"type": event, "data": data}).encode()


def run_hooks(run_id: str, base_url: str = "http://127.0.0.1/hooks") -> RunWebhooks:
    """Return the run's webhooks (what ``run`` and ``receive`` both derive from the credential)."""
    return RunWebhooks(base_url, secret=run_secret(TOKEN, run_id))


def scrapio_verifier(run_id: str) -> ScrapioVerifier:
    """Return the verifier of the run whose webhook id is ``run_id``."""
    return ScrapioVerifier(run_secret(TOKEN, run_id))


def scrapio_url(base: str, run_id: str) -> str:
    """Return the callback URL the run's Scrapio jobs carry (the secret in its query)."""
    return f"{base}/scrapio?token={run_secret(TOKEN, run_id)}"
