"""Emulator configuration: tokens, how jobs progress, retention, content and faults.

Every field can be read and changed at run time through the control API
(``GET``/``PATCH /_emulator/config``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ProviderName = Literal["decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio"]
PROVIDER_NAMES: tuple[ProviderName, ...] = (
    "decodo",
    "scrapedo",
    "scrapingpros",
    "scraperapi",
    "scrapio",
)

HOUR = 3600.0


class Progression(BaseModel):
    """How a job moves from queued to a final state.

    ``duration``: it finishes ``min_seconds``..``max_seconds`` after creation (a fixed time when
    both are equal; otherwise drawn from the seeded random generator).
    ``polls``: it finishes on the ``polls``-th status read.
    ``manual``: it finishes only when the control API says so.
    """

    model_config = ConfigDict(extra="forbid")

    mode: Literal["duration", "polls", "manual"] = "duration"
    min_seconds: float = Field(default=0.2, ge=0)
    max_seconds: float = Field(default=0.5, ge=0)
    polls: int = Field(default=2, ge=1)


class Faults(BaseModel):
    """Fault rates (0..1) applied to every provider request, and to jobs and webhooks.

    A single request can also ask for one fault with the ``X-Emulator-Scenario`` header (see
    :mod:`scrapejobs_emulator.faults`).
    """

    model_config = ConfigDict(extra="forbid")

    rate_429: float = Field(default=0.0, ge=0, le=1)
    rate_500: float = Field(default=0.0, ge=0, le=1)
    rate_502: float = Field(default=0.0, ge=0, le=1)
    rate_503: float = Field(default=0.0, ge=0, le=1)
    rate_drop: float = Field(default=0.0, ge=0, le=1)
    """Connection dropped before the request is processed."""
    rate_drop_after: float = Field(default=0.0, ge=0, le=1)
    """Connection dropped after the request was processed (the client cannot know it was)."""
    rate_slow: float = Field(default=0.0, ge=0, le=1)
    slow_seconds: float = Field(default=2.0, ge=0)
    retry_after_seconds: int = Field(default=1, ge=0)
    job_failure_rate: float = Field(default=0.0, ge=0, le=1)
    webhook_failure_rate: float = Field(default=0.0, ge=0, le=1)
    """Delivery attempts that are recorded as failed without being sent."""
    webhook_duplicate_rate: float = Field(default=0.0, ge=0, le=1)
    """Successful deliveries that are sent a second time (providers deliver at least once)."""


def _default_retention() -> dict[ProviderName, float | None]:
    return {
        "decodo": 24 * HOUR,
        "scrapedo": 72 * HOUR,
        "scrapingpros": 24 * HOUR,
        "scraperapi": 72 * HOUR,
        "scrapio": None,
    }


class EmulatorConfig(BaseModel):
    """Everything that shapes the emulator's behaviour."""

    model_config = ConfigDict(extra="forbid")

    tokens: list[str] = Field(default_factory=lambda: ["emulator-token"], min_length=1)
    """Accepted credentials; each token is its own account."""
    progression: Progression = Field(default_factory=Progression)
    faults: Faults = Field(default_factory=Faults)
    retention_seconds: dict[ProviderName, float | None] = Field(default_factory=_default_retention)
    """How long after a job finishes its result stays available (None: forever)."""
    result_size: int = Field(default=2048, ge=64, le=10_000_000)
    """Approximate size in bytes of synthetic HTML/markdown content."""
    fetch_mode: Literal["synthetic", "real"] = "synthetic"
    """``real`` fetches the target URL with httpx (use loopback targets in tests)."""
    webhook_secret: str = "emulator-webhook-secret"  # noqa: S105 -- a local test default
    """ScrapingPros' HMAC-SHA256 signing secret."""
    seed: int = 0
    """Seed of the random generator behind durations and fault rates."""
    public_base_url: str | None = None
    """Base URL the emulator puts in URLs it returns (ScraperAPI ``statusUrl``, ScrapingPros'
    ``results_url``, …), the provider's prefix appended. None: the scheme, host, port and mount
    path of the request that created the job (a webhook sent later uses that request's too)."""
    state_file: str | None = None
    """JSON file the emulator loads at start (when it exists) and keeps saving its jobs, clock
    and configuration to (atomically, at most every 0.5 s and on shutdown). None: in memory."""
    state_saved_before_answers: bool = False
    """With ``state_file``: save it before answering each provider request that may create or
    change something (POST, PUT, PATCH, DELETE), so a client never holds a job id the file
    lacks, even when the emulator's process is killed (``scrapejobs run --emulator`` turns it
    on). Requests answered together share one save."""
    decodo_suspended_accounts: list[str] = Field(default_factory=list)
    """Decodo accounts whose subscription is inactive, by their non-secret label (``acct_…``,
    as ``/_emulator/stats`` and the dashboard show them): every Decodo request they make is
    403 ``Forbidden`` (facts 1.5, [DEC-2] ``http.py``: 403 is an authorisation failure)."""
    scrapingpros_country_proxies: list[str] = Field(default_factory=list)
    """Country proxies (``use_proxy`` codes, e.g. ``US``) ScrapingPros accounts are approved
    for; any other code is 403 on create, update, run and scrape (facts 3.6, [SP-6]
    ``CountryProxyNotApproved``). Removing a code makes runs of collections using it 403."""
    decodo_batch_interval_seconds: float = Field(default=1.0, ge=0)
    """Decodo's batch rate limit: one ``/v3/task/batch`` request per account per interval."""
    scrapedo_concurrency: int = Field(default=5, ge=1)
    """Scrape.do's async concurrency per account (``/api/v1/me``)."""
    scrapedo_credits: int = Field(default=1_000_000, ge=0)
    """Scrape.do credits each account starts with."""
    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1)
    """Largest request body a provider reads (8 MiB: a 50,000-URL batch fits); a larger one is
    refused in the provider's envelope, by ``Content-Length`` before reading or while streaming."""
    body_timeout_seconds: float = Field(default=30.0, gt=0)
    """Real seconds a request body may take to arrive, from the first read; a slower one (a
    slow-loris client) is refused in the provider's envelope and its connection closed."""
