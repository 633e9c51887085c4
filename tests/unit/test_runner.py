"""The batch runner end to end against the in-process emulator, on a manual clock.

Nothing sleeps: every wait of the runner goes through the job client's injected sleep
(:meth:`Rig.sleep`), and one ticker task moves the emulator's manual clock to the earliest wake
time once everything else has run (in steps of at most ``Rig.step``, delivering the webhooks
that fell due after each). The runner keeps its own ledger thread; the ticker waits for its
ledger calls too (:class:`TrackedLedger`), so time never passes while the runner works.

Every run is checked against the emulator's own records (:func:`assert_accounted_for`): one
outcome per input, the job an outcome names is the emulator's job for that input's URL and
that input has no other, an uncertain input has at most one job, a refused one none.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import random
import threading
import weakref
from collections import Counter
from collections.abc import AsyncGenerator, Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from decodo_client.models import TaskResults
from scrapedo_client.models import Task
from scraperapi_client.models import Job
from scrapingpros_client.models import ScrapeResult
from scrapio_client.models import JobResult

from scrapejobs.batch.inputs import RunInput, parse_lines
from scrapejobs.batch.ledger import Ledger, LedgerMismatchError, SubmissionState
from scrapejobs.batch.ledger_open import open_ledger
from scrapejobs.batch.planning import InputParamsError, Planner, planner
from scrapejobs.batch.results import (
    ItemResult,
    ItemState,
    RequestCounter,
    RunAbortedError,
    RunStats,
)
from scrapejobs.batch.run_sync import iterate_in_thread
from scrapejobs.batch.run_webhooks import RunWebhooks
from scrapejobs.batch.runner import BatchRunner
from scrapejobs.client import AsyncJobs
from scrapejobs.retries import RetryPolicy
from scrapejobs.webhooks import ScrapingProsVerifier
from scrapejobs.webhooks.events import WebhookEvents
from scrapejobs.webhooks.receiver import webhook_app
from scrapejobs_emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorTransport,
    ManualClock,
    Progression,
)
from scrapejobs_emulator.config import Faults
from scrapejobs_emulator.jobs import JobRecord, Phase
from tests.unit.ledgers import LedgerFactory

PROVIDERS = ("decodo", "scrapedo", "scrapingpros", "scraperapi", "scrapio")
TOKEN = "emulator-token"
SP_SECRET = "whsec_runner_tests"
HOOKS = "https://hooks.test/hooks"
YIELDS = 50
"""Event-loop turns everything else gets before the manual clock moves."""
MAX_EMULATED_SECONDS = 4 * 3600.0

# Requests per job (all requests / jobs created) measured on fault-free runs of 23 inputs in
# batches of 5, jobs finishing 3 s after creation, default polling (1 s doubling, +-20 %
# jitter): scrapio 4.65 (create, ~2.65 status reads, result), decodo 3.70, scraperapi 2.87 (its
# result is the status read), scrapingpros 2.09 and scrapedo 1.91 (one status read per run or
# job, not per task). The bounds leave ~10 % for scheduling, none for reading jobs one by one
# where one request reads a whole batch.
REQUESTS_PER_JOB = {
    "scrapio": 5.0,
    "decodo": 4.0,
    "scraperapi": 3.2,
    "scrapingpros": 2.3,
    "scrapedo": 2.1,
}
SUBMISSION_OPERATIONS = {
    "decodo": ("create_task_batch", "create_task"),
    "scraperapi": ("create_batch_jobs", "create_job"),
    "scrapedo": ("create_job",),
    "scrapingpros": ("create_collection", "run_collection"),
    "scrapio": ("create_job",),
}


# -- the rig -----------------------------------------------------------------------------------


@dataclass
class Rig:
    """One provider on an in-process emulator with a manual clock, optionally with webhooks."""

    provider: str
    config: EmulatorConfig = field(
        default_factory=lambda: EmulatorConfig(
            tokens=[TOKEN], progression=Progression(min_seconds=3.0, max_seconds=3.0)
        )
    )
    webhooks: bool = False
    step: float = 0.5
    """The most the clock moves at once (webhooks fall due and are delivered in between)."""
    seed: int = 1
    attempts: int = 5
    """Attempts of each request (the retry policy's default is 5)."""
    clock: ManualClock = field(default_factory=ManualClock)
    samplers: list[Callable[[], None]] = field(default_factory=list)
    """Called after every request and every move of the clock (e.g. to watch the provider)."""
    ledgers: list[TrackedLedger] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.started = self.clock.now()
        self._waiters: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = 0
        self._ticker: asyncio.Task[None] | None = None
        self.config.webhook_secret = SP_SECRET
        self.run_webhooks: RunWebhooks | None = None
        self.events: WebhookEvents | None = None
        transport: httpx.AsyncBaseTransport | None = None
        if self.webhooks:
            self.run_webhooks = RunWebhooks(HOOKS, scrapingpros_secret=SP_SECRET)
            self.events = WebhookEvents()
            verifier = self.run_webhooks.verifier(self.provider)
            if isinstance(verifier, ScrapingProsVerifier):
                verifier.clock = self.clock.now  # the emulator signs with its manual clock
            app = webhook_app({self.provider: self.events.handler(verifier)}, prefix="/hooks")
            transport = httpx.ASGITransport(app=app)
        self.emulator = Emulator(self.config, clock=self.clock, webhook_transport=transport)

    async def sleep(self, seconds: float) -> None:
        """Return once the manual clock has passed ``seconds`` from now.

        Sleepers only register when they want to wake; one ticker task moves the clock, to
        the earliest wake time (by at most ``step`` at a time, delivering due webhooks after
        each move), and only after everything else that was ready has had its turn and no
        ledger call is under way.
        """
        loop = asyncio.get_running_loop()
        wake: asyncio.Future[None] = loop.create_future()
        self._seq += 1
        heapq.heappush(self._waiters, (self.clock.now() + max(seconds, 0.0), self._seq, wake))
        if self._ticker is None or self._ticker.done() or self._ticker.get_loop() is not loop:
            self._waiters = [w for w in self._waiters if w[2].get_loop() is loop]
            heapq.heapify(self._waiters)
            self._ticker = loop.create_task(self._tick())
        await wake

    async def _tick(self) -> None:
        while self._waiters:
            await self._settle()
            while self._waiters and self._waiters[0][2].done():
                heapq.heappop(self._waiters)  # a wait that was woken another way
            if not self._waiters:
                return
            left = self._waiters[0][0] - self.clock.now()
            if left > 0:
                self.clock.advance(min(left, self.step))
                assert self.clock.now() - self.started < MAX_EMULATED_SECONDS, "the run hangs"
                self.sample()
                await self.emulator.deliver_webhooks()
            while self._waiters and self._waiters[0][0] <= self.clock.now():
                wake = heapq.heappop(self._waiters)[2]
                if not wake.done():
                    wake.set_result(None)

    async def _settle(self) -> None:
        """Return when everything else that can run has run (ledger calls included)."""
        while True:
            for _ in range(YIELDS):
                await asyncio.sleep(0)  # a turn of the event loop, not a delay
            if not any(ledger.pending for ledger in self.ledgers if ledger.active):
                return

    def sample(self) -> None:
        for sampler in self.samplers:
            sampler()

    def jobs(self, *, token: str = TOKEN, stats: RunStats | None = None) -> AsyncJobs:
        hooks = {"request": [RequestCounter(stats)]} if stats is not None else {}
        return AsyncJobs(
            self.provider,
            token,
            base_url=f"http://emu/{self.provider}",
            httpx_args={
                "transport": Sampling(EmulatorTransport(self.emulator), self.sample),
                "event_hooks": hooks,
            },
            clock=self.clock.now,
            sleep=self.sleep,
            rng=random.Random(self.seed),
            retry=RetryPolicy(attempts=self.attempts, rng=random.Random(self.seed + 1)),
        )

    def runner(self, ledger: Ledger, **kwargs: Any) -> BatchRunner:
        stats = kwargs.pop("stats", None)
        if self.webhooks:
            kwargs.setdefault("webhooks", self.run_webhooks)
            kwargs.setdefault("events", self.events)
        tracked = TrackedLedger(ledger)
        self.ledgers.append(tracked)
        return BatchRunner(self.jobs(stats=stats), cast(Ledger, tracked), stats=stats, **kwargs)

    # -- what the emulator knows ---------------------------------------------------------------

    def records(self) -> list[JobRecord]:
        return list(self.emulator.store.records(self.provider))

    def jobs_per_url(self) -> Counter[str]:
        return Counter(url_of(self.provider, record) for record in self.records())

    def record(self, job_id: str) -> JobRecord:
        found = self.emulator.store.get(self.provider, job_id)
        assert found is not None, f"the emulator has no {self.provider} job {job_id}"
        return found

    def requests(self) -> dict[str, int]:
        counted: dict[str, int] = self.emulator.stats.as_json()[self.provider]["requests"]
        return counted

    def faults(self) -> dict[str, int]:
        counted: dict[str, int] = self.emulator.stats.as_json()[self.provider]["faults"]
        return counted


class TrackedLedger:
    """A ledger whose calls, made on the runner's ledger thread, the clock's ticker waits for.

    A call counts from the moment the runner looks the method up on the event loop (before it
    hands it to the thread) until it returns on the thread, or until it is dropped uncalled (a
    cancelled run's queued call), so the manual clock never moves while the ledger works.
    """

    def __init__(self, inner: Ledger) -> None:
        self.inner = inner
        self.pending = 0
        self.active = True
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.inner, name)
        if name.startswith("_") or not callable(found):
            return found
        with self._lock:
            self.pending += 1
        over = threading.Event()

        def leave() -> None:
            with self._lock:
                if not over.is_set():
                    over.set()
                    self.pending -= 1

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return found(*args, **kwargs)
            finally:
                leave()

        weakref.finalize(call, leave)
        return call


class Sampling(httpx.AsyncBaseTransport):
    """Pass requests on; call ``after`` once each has been answered (or failed)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, after: Callable[[], None]) -> None:
        self.inner = inner
        self.after = after

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self.inner.handle_async_request(request)
        finally:
            self.after()


def url_of(provider: str, record: JobRecord) -> str:
    """Return the target URL the emulator created ``record`` for."""
    data = record.data
    if provider in ("scrapedo", "scraperapi"):
        return str(data["url"])
    if provider == "scrapio":
        return str(data["request"]["input"]["url"])
    return str(data["request"]["url"])


def inputs_of(lines: Sequence[str]) -> tuple[list[RunInput], str]:
    return parse_lines(lines)


def url_lines(n: int, host: str = "example.com") -> list[str]:
    return [f"https://{host}/page/{i}" for i in range(n)]


async def collect(
    runner: BatchRunner,
    inputs: Sequence[RunInput],
    digest: str,
    *,
    stop_after: int | None = None,
) -> list[ItemResult]:
    """Return the items of one run; ``stop_after`` breaks out early (a crash, for the ledger)."""
    items: list[ItemResult] = []
    run = cast(AsyncGenerator[ItemResult, None], runner.run(inputs, digest))
    async with contextlib.aclosing(run) as results:
        async for item in results:
            items.append(item)
            if stop_after is not None and len(items) >= stop_after:
                break
    return items


def run_once(
    rig: Rig, ledger_path: str | Path, inputs: Sequence[RunInput], digest: str, **kwargs: Any
) -> list[ItemResult]:
    stop_after = kwargs.pop("stop_after", None)

    async def main() -> list[ItemResult]:
        with open_ledger(ledger_path) as ledger:
            try:
                return await collect(
                    rig.runner(ledger, **kwargs), inputs, digest, stop_after=stop_after
                )
            finally:
                for tracked in rig.ledgers:
                    tracked.active = False  # the run is over

    return asyncio.run(main())


def by_line(items: Sequence[ItemResult]) -> dict[int, ItemResult]:
    lines = [item.input.line for item in items]
    assert len(lines) == len(set(lines)), "an input had two outcomes"
    return {item.input.line: item for item in items}


def assert_accounted_for(rig: Rig, inputs: Sequence[RunInput], items: Sequence[ItemResult]) -> None:
    """Check the runner's outcomes against the emulator's records (see the module docstring).

    - one outcome per input, none for anything else;
    - an outcome that names a job names the emulator's job for that input's URL, in the state
      the emulator reached, and that input has no other job;
    - an uncertain input has at most one job, a refused one none;
    - every job the emulator created belongs to an input of the run.
    """
    outcomes = by_line(items)
    assert sorted(outcomes) == sorted(item.line for item in inputs)
    per_url = rig.jobs_per_url()
    urls = {str(item.params["url"]) for item in inputs}
    assert set(per_url) <= urls, "the emulator has jobs for URLs that are no input"
    for item in items:
        url = str(item.input.params["url"])
        if item.job is not None:
            assert item.state not in (ItemState.REFUSED, ItemState.UNCERTAIN)
            record = rig.record(item.job.job_id)
            assert url_of(rig.provider, record) == url
            assert per_url[url] == 1, f"{url} has {per_url[url]} jobs"
            expected = {
                ItemState.SUCCEEDED: Phase.SUCCEEDED,
                ItemState.FAILED: Phase.FAILED,
                ItemState.CANCELLED: Phase.CANCELLED,
            }.get(item.state)
            if expected is not None:
                assert record.phase is expected, (item, record.phase)
        elif item.state is ItemState.UNCERTAIN:
            assert per_url[url] <= 1
            assert item.reason
        else:
            assert item.state is ItemState.REFUSED, item
            assert per_url[url] == 0
            assert item.reason


# -- every provider: N inputs in, N typed results out ------------------------------------------


def check_typed_result(provider: str, item: ItemResult) -> None:
    """Parse the result with the provider's generated model and check its typed fields."""
    assert item.job is not None
    url = item.input.params["url"]
    if provider == "decodo":
        results = TaskResults.from_dict(item.result)
        (page,) = results.results
        assert page.task_id == item.job.job_id
        assert page.url == url
        assert page.status_code == 200
        assert isinstance(page.content, str)
        assert "<html" in page.content.lower()
    elif provider == "scrapedo":
        task = Task.from_dict(item.result)
        assert task.task_id == item.job.job_id
        assert (task.job_id,) == item.job.scope
        assert task.url == url
        assert task.status == "success"
        assert task.status_code == 200
        assert isinstance(task.content, str)
        assert task.content
    elif provider == "scrapingpros":
        result = ScrapeResult.from_dict(item.result)
        assert result.url == url
        assert result.status_code == 200
        assert isinstance(result.html, str)
        assert result.html
        assert result.guidance is not None
        assert result.guidance.success is True
    elif provider == "scraperapi":
        job = Job.from_dict(item.result)
        assert job.id == item.job.job_id
        assert job.url == url
        assert job.status == "finished"
        assert job.response.status_code == 200
        assert isinstance(job.response.body, str)
        assert job.response.body
    else:
        scrapio = JobResult.from_dict(item.result)
        assert scrapio.job_id == item.job.job_id
        assert scrapio.status == "completed"
        assert scrapio.job_type == "fetch"
        assert isinstance(scrapio.outputs.html, str)
        assert scrapio.outputs.html


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_input_gives_one_typed_result(provider: str, make_ledger: LedgerFactory) -> None:
    rig = Rig(provider)
    inputs, digest = inputs_of(["# 23 pages", *url_lines(23)])
    stats = RunStats()
    items = run_once(rig, make_ledger.at(), inputs, digest, batch_size=5, stats=stats)

    assert [item.state for item in items] == [ItemState.SUCCEEDED] * 23
    assert_accounted_for(rig, inputs, items)
    for item in items:
        check_typed_result(provider, item)
        assert item.to_json()["line"] == item.input.line
        assert item.to_json()["job"] == str(item.job)

    # Batch endpoints really used: 23 inputs in batches of 5 are 5 submissions.
    requests = rig.requests()
    operations = SUBMISSION_OPERATIONS[provider]
    if provider == "scrapio":
        assert requests["create_job"] == 23
    else:
        assert requests[operations[0]] == 5
        if provider in ("decodo", "scraperapi"):
            assert operations[1] not in requests  # never one job at a time
        if provider == "scrapingpros":
            assert requests["run_collection"] == 5
    per_job = sum(requests.values()) / len(rig.records())
    assert per_job <= REQUESTS_PER_JOB[provider], requests
    # The request counter saw what the emulator served; the stats add up.
    assert stats.requests == sum(requests.values())
    assert stats.jobs == 23
    assert stats.by_state[ItemState.SUCCEEDED] == stats.done == stats.inputs == 23
    assert stats.in_flight == 0
    assert stats.submissions == (23 if provider == "scrapio" else 5)


def test_mixed_url_and_parameter_lines_each_get_their_own_result(
    make_ledger: LedgerFactory,
) -> None:
    rig = Rig("scrapio")
    lines = [
        "https://example.com/a",
        '{"url": "https://example.com/b", "render_js": true}',
        '{"kind": "fetch", "input": {"url": "https://example.com/c", "output": ["markdown"]}}',
    ]
    inputs, digest = inputs_of(lines)
    items = by_line(run_once(rig, make_ledger.at(), inputs, digest))
    assert {item.state for item in items.values()} == {ItemState.SUCCEEDED}
    markdown = JobResult.from_dict(items[3].result).outputs
    assert isinstance(markdown.markdown, str)
    assert markdown.markdown
    requests = [record.data["request"] for record in rig.records()]
    assert {"url": "https://example.com/b", "render_js": True} in [r["input"] for r in requests]


# -- resuming after a crash --------------------------------------------------------------------


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_resumed_run_yields_everything_once_without_a_second_job(
    provider: str, make_ledger: LedgerFactory
) -> None:
    # Jobs take 10 s, so every submission has been answered when the first results arrive and
    # the crash leaves none in flight (an interrupted submission is the intent tests' case).
    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(min_seconds=10.0, max_seconds=10.0),
        scrapedo_concurrency=100,
    )
    rig = Rig(provider, config=config)
    inputs, digest = inputs_of(url_lines(17))
    ledger = make_ledger.at()
    first = run_once(rig, ledger, inputs, digest, batch_size=4, stop_after=5)
    assert len(first) == 5
    with open_ledger(ledger) as book:
        recorded = len(list(book.outcomes()))
        before = {sub.key: sub for sub in book.submissions()}
    assert recorded >= 5

    second = run_once(rig, ledger, inputs, digest, batch_size=4)
    assert [item.state for item in second] == [ItemState.SUCCEEDED] * 17
    assert_accounted_for(rig, inputs, second)
    assert rig.jobs_per_url() == Counter(str(item.params["url"]) for item in inputs)
    # What the first run recorded comes out first, from the ledger, with the same jobs.
    replayed = {(item.input.line, item.job) for item in second[:recorded]}
    assert {(item.input.line, item.job) for item in first} <= replayed
    with open_ledger(ledger) as book:
        after = {sub.key: sub for sub in book.submissions()}
    assert {sub.state for sub in after.values()} == {SubmissionState.SUBMITTED}
    assert sum(len(sub.refs) for sub in after.values()) == 17
    assert len(before) == (17 if provider == "scrapio" else 5)
    for key, sub in before.items():
        assert sub.state is SubmissionState.SUBMITTED
        assert after[key].refs == sub.refs  # never submitted again

    # A third run on the finished ledger sends nothing and yields the same outcomes.
    sent = sum(rig.requests().values())
    third = run_once(rig, ledger, inputs, digest, batch_size=4)
    assert sum(rig.requests().values()) == sent
    assert sorted((i.input.line, i.job, i.state) for i in third) == sorted(
        (i.input.line, i.job, i.state) for i in second
    )


def leave_intent(
    rig: Rig, ledger_path: str | Path, inputs: Sequence[RunInput], digest: str, *, send: bool
) -> tuple[str, list[str]]:
    """Record the first submission's intent as a crashed run would; optionally send it too.

    Returns the submission key and the job ids the emulator created when it was sent.
    """
    sub = planner(rig.provider).plan(inputs, 4)[0]
    key = "idem-" + sub.key if rig.provider in ("scrapio", "scrapingpros") else None
    with open_ledger(ledger_path) as ledger:
        ledger.bind(rig.provider, digest)
        ledger.intend(sub.key, rig.provider, sub.request, key, [i.key for i in sub.inputs])
    if not send:
        return sub.key, []

    async def direct() -> list[str]:
        model = planner(rig.provider).model(sub.request)
        refs = await rig.jobs().submit(model, idempotency_key=key)
        return [ref.job_id for ref in refs]

    return sub.key, asyncio.run(direct())


@pytest.mark.parametrize("provider", ["scrapio", "scrapingpros"])
def test_an_intent_is_resent_with_its_idempotency_key_and_creates_nothing_new(
    provider: str, make_ledger: LedgerFactory
) -> None:
    rig = Rig(provider)
    inputs, digest = inputs_of(url_lines(9))
    ledger = make_ledger.at()
    # The crashed run sent the first submission; the provider created its jobs.
    key, sent = leave_intent(rig, ledger, inputs, digest, send=True)
    assert len(sent) == (1 if provider == "scrapio" else 4)

    items = by_line(run_once(rig, ledger, inputs, digest, batch_size=4))
    assert {item.state for item in items.values()} == {ItemState.SUCCEEDED}
    assert_accounted_for(rig, inputs, list(items.values()))
    assert rig.jobs_per_url() == Counter(str(item.params["url"]) for item in inputs)
    resent = [items[line].job for line in range(1, len(sent) + 1)]
    assert [ref.job_id for ref in resent if ref is not None] == sent  # the same jobs adopted
    with open_ledger(ledger) as book:
        recorded = book.submission(key)
    assert recorded is not None
    assert recorded.state is SubmissionState.SUBMITTED


def test_a_key_used_with_another_body_is_uncertain_never_refused(
    make_ledger: LedgerFactory,
) -> None:
    rig = Rig("scrapio")
    inputs, digest = inputs_of(url_lines(3))
    ledger = make_ledger.at()
    key, _ = leave_intent(rig, ledger, inputs, digest, send=False)
    with open_ledger(ledger) as book:
        intent = book.submission(key)
    assert intent is not None
    assert intent.idempotency_key is not None
    other = planner("scrapio").plan(inputs_of(["https://elsewhere.test/x"])[0], 4)[0]

    async def claim() -> None:  # the key is taken by a request with another body
        model = planner("scrapio").model(other.request)
        await rig.jobs().submit(model, idempotency_key=intent.idempotency_key)

    asyncio.run(claim())
    items = by_line(run_once(rig, ledger, inputs, digest, batch_size=4))
    assert items[1].state is ItemState.UNCERTAIN, items[1]
    assert "409" in (items[1].reason or "")
    assert "idempotency key" in (items[1].reason or "")
    assert {items[line].state for line in (2, 3)} == {ItemState.SUCCEEDED}


@pytest.mark.parametrize("provider", ["scrapio", "scrapingpros"])
def test_an_intent_that_never_left_is_sent_on_resume(
    provider: str, make_ledger: LedgerFactory
) -> None:
    rig = Rig(provider)
    inputs, digest = inputs_of(url_lines(6))
    leave_intent(rig, make_ledger.at(), inputs, digest, send=False)
    items = run_once(rig, make_ledger.at(), inputs, digest, batch_size=4)
    assert [item.state for item in items] == [ItemState.SUCCEEDED] * 6
    assert rig.jobs_per_url() == Counter(str(item.params["url"]) for item in inputs)


@pytest.mark.parametrize("provider", ["scraperapi", "decodo"])
def test_an_intent_without_idempotency_is_uncertain_until_the_user_resends_it(
    provider: str, make_ledger: LedgerFactory
) -> None:
    rig = Rig(provider)
    inputs, digest = inputs_of(url_lines(9))
    ledger = make_ledger.at()
    _, sent = leave_intent(rig, ledger, inputs, digest, send=True)
    assert len(sent) == 4

    items = by_line(run_once(rig, ledger, inputs, digest, batch_size=4))
    uncertain = {line for line, item in items.items() if item.state is ItemState.UNCERTAIN}
    assert uncertain == {1, 2, 3, 4}  # the interrupted submission's inputs
    for line in uncertain:
        reason = items[line].reason
        assert reason is not None
        assert "interrupted between sending and recording" in reason
        assert f"{provider} has no idempotency key" in reason
        assert items[line].job is None
    assert {items[line].state for line in range(5, 10)} == {ItemState.SUCCEEDED}
    assert_accounted_for(rig, inputs, list(items.values()))  # one job each, none resent
    assert rig.jobs_per_url() == Counter(str(item.params["url"]) for item in inputs)

    # Still uncertain on a plain resume; resent when the user says so.
    again = by_line(run_once(rig, ledger, inputs, digest, batch_size=4))
    assert {line for line, i in again.items() if i.state is ItemState.UNCERTAIN} == uncertain
    resent = by_line(run_once(rig, ledger, inputs, digest, batch_size=4, resubmit_uncertain=True))
    assert {item.state for item in resent.values()} == {ItemState.SUCCEEDED}
    for line in range(5, 10):
        assert resent[line].job == items[line].job  # replayed, not resent
    per_url = rig.jobs_per_url()
    for item in inputs:
        # The user paid twice for the interrupted inputs, knowingly; once for the others.
        assert per_url[str(item.params["url"])] == (2 if item.line in uncertain else 1)
    for line in uncertain:
        ref = resent[line].job
        assert ref is not None
        assert ref.job_id not in sent


def test_a_scrapedo_intent_is_resolved_from_the_job_listing(make_ledger: LedgerFactory) -> None:
    # Scrape.do takes no idempotency key, but lists the account's jobs: an interrupted
    # submission the listing shows is adopted (its jobs watched, nothing resent).
    rig = Rig("scrapedo")
    inputs, digest = inputs_of(url_lines(9))
    ledger = make_ledger.at()
    _, sent = leave_intent(rig, ledger, inputs, digest, send=True)
    items = by_line(run_once(rig, ledger, inputs, digest, batch_size=4))
    assert {item.state for item in items.values()} == {ItemState.SUCCEEDED}
    assert [ref.job_id for line in (1, 2, 3, 4) if (ref := items[line].job)] == sent
    assert_accounted_for(rig, inputs, list(items.values()))
    assert rig.jobs_per_url() == Counter(str(item.params["url"]) for item in inputs)

    # One that never reached Scrape.do is not in the listing: uncertain, never guessed.
    other = Rig("scrapedo")
    leave_intent(other, make_ledger.at("other.db"), inputs, digest, send=False)
    items = by_line(run_once(other, make_ledger.at("other.db"), inputs, digest, batch_size=4))
    for line in (1, 2, 3, 4):
        assert items[line].state is ItemState.UNCERTAIN
        assert "job listing does not show it" in str(items[line].reason)
    assert other.jobs_per_url() == Counter(str(i.params["url"]) for i in inputs if i.line > 4)


# -- faults ------------------------------------------------------------------------------------

FAULTS = Faults(
    rate_429=0.05,
    rate_500=0.03,
    rate_502=0.03,
    rate_503=0.03,
    rate_drop=0.03,
    rate_drop_after=0.04,
    job_failure_rate=0.2,
)


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("provider", PROVIDERS)
def test_with_every_fault_on_each_input_has_one_outcome_and_at_most_one_job(
    provider: str, seed: int, make_ledger: LedgerFactory
) -> None:
    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(min_seconds=2.0, max_seconds=4.0),
        faults=FAULTS,
        seed=seed,
    )
    # 8 attempts: with a fault on 21 % of requests, 5 would leave a Scrapio submission
    # unanswered (and so uncertain) in about one run of a hundred.
    rig = Rig(provider, config=config, seed=seed, attempts=8)
    inputs, digest = inputs_of(url_lines(30))
    ledger = make_ledger.at()
    items = run_once(rig, ledger, inputs, digest, batch_size=3)

    assert_accounted_for(rig, inputs, items)
    states = Counter(item.state for item in items)
    assert states[ItemState.REFUSED] == 0
    assert states[ItemState.EXPIRED] == 0
    assert states[ItemState.SUCCEEDED] > 0
    # Every job that failed at the provider came through as a failed outcome (seeds 11 and 12
    # fail 1 to 4 jobs of each provider; which ones varies with the order of requests).
    uncertain = {str(i.input.params["url"]) for i in items if i.state is ItemState.UNCERTAIN}
    failed = [r for r in rig.records() if r.phase is Phase.FAILED]
    assert states[ItemState.FAILED] == len(
        [r for r in failed if url_of(provider, r) not in uncertain]
    )
    if provider == "scrapio":
        assert states[ItemState.UNCERTAIN] == 0  # every submission is retried with its key
    assert sum(rig.faults().values()) >= 5
    for item in items:
        if item.state is ItemState.SUCCEEDED:
            check_typed_result(provider, item)
        if item.state is ItemState.FAILED:
            assert item.job is not None
            assert rig.record(item.job.job_id).outcome is Phase.FAILED

    # Resuming the finished run changes nothing at the provider.
    created = len(rig.records())
    again = run_once(rig, ledger, inputs, digest, batch_size=3)
    assert len(rig.records()) == created
    assert sorted((i.input.line, i.job, i.state) for i in again) == sorted(
        (i.input.line, i.job, i.state) for i in items
    )

    # Resending the uncertain ones (faults off) resolves every input. With an idempotency key
    # (ScrapingPros' collections) that never makes a second job; without one, only an
    # uncertain input can have paid twice.
    rig.emulator.configure(config.model_copy(update={"faults": Faults()}))
    resent = run_once(rig, ledger, inputs, digest, batch_size=3, resubmit_uncertain=True)
    assert ItemState.UNCERTAIN not in {item.state for item in resent}
    assert len(resent) == 30
    per_url = rig.jobs_per_url()
    for item in resent:
        url = str(item.input.params["url"])
        assert item.job is not None
        assert url_of(provider, rig.record(item.job.job_id)) == url
        if provider in ("scrapio", "scrapingpros") or url not in uncertain:
            assert per_url[url] == 1
        else:
            assert per_url[url] <= 2


# -- refusals, mismatches, bad inputs ----------------------------------------------------------


def test_a_refused_submission_is_reported_with_the_providers_message(
    make_ledger: LedgerFactory,
) -> None:
    rig = Rig("scrapio")
    lines = [*url_lines(3), '{"url": "https://example.com/slow", "timeout_ms": 999999}']
    inputs, digest = inputs_of(lines)
    items = by_line(run_once(rig, make_ledger.at(), inputs, digest))
    refused = items[4]
    assert refused.state is ItemState.REFUSED
    assert refused.job is None
    assert refused.reason is not None
    assert "timeout_ms" in refused.reason
    assert "400" in refused.reason
    assert {items[line].state for line in (1, 2, 3)} == {ItemState.SUCCEEDED}
    assert_accounted_for(rig, inputs, list(items.values()))
    with make_ledger() as ledger:
        (sub,) = ledger.submissions(SubmissionState.REFUSED)
    assert sub.inputs == ("line-4",)


def test_a_refused_batch_refuses_its_inputs_only(make_ledger: LedgerFactory) -> None:
    rig = Rig("decodo")
    # Well typed (checked before sending), but the provider refuses it: a 3000-character URL.
    long = "a" * 3000
    bad = [f'{{"url": "https://example.com/{long}/{i}", "markdown": true}}' for i in range(3)]
    inputs, digest = inputs_of([*url_lines(4), *bad])
    items = by_line(run_once(rig, make_ledger.at(), inputs, digest, batch_size=10))
    assert [items[line].state for line in range(1, 8)] == [ItemState.SUCCEEDED] * 4 + [
        ItemState.REFUSED
    ] * 3
    for line in (5, 6, 7):
        reason = items[line].reason
        assert reason is not None
        assert "url" in reason
    assert_accounted_for(rig, inputs, list(items.values()))
    assert rig.requests()["create_task_batch"] == 2


def test_a_collection_with_fewer_jobs_than_inputs_refuses_the_inputs_left_out(
    make_ledger: LedgerFactory,
) -> None:
    # ScrapingPros stores a collection without the URLs its safety check blocks, so its run has
    # fewer jobs than the submission had inputs: each job is matched to its input by URL.
    rig = Rig("scrapingpros")
    lines = [
        *url_lines(2),
        "http://localhost/admin",
        *url_lines(2, "other.example"),
        "https://x.invalid/",
    ]
    inputs, digest = inputs_of(lines)
    items = by_line(run_once(rig, make_ledger.at(), inputs, digest, batch_size=10))
    assert {line for line, i in items.items() if i.state is ItemState.REFUSED} == {3, 6}
    for line in (3, 6):
        reason = items[line].reason
        assert reason is not None
        assert "created 4 job(s) for 6 input(s)" in reason
    assert {items[line].state for line in (1, 2, 4, 5)} == {ItemState.SUCCEEDED}
    for line in (1, 2, 4, 5):
        check_typed_result("scrapingpros", items[line])
    assert_accounted_for(rig, inputs, list(items.values()))


def test_decodo_batch_with_fewer_tasks_than_inputs_is_not_producible() -> None:
    # The emulator's Decodo batch always creates one task per item (``errors`` is always
    # empty), so the runner's matching of a short Decodo batch cannot be driven through it.
    # The same matching is exercised by the ScrapingPros test above.
    pytest.skip("the emulator's Decodo batch creates exactly one task per input")


def test_a_ledger_of_another_run_is_refused_before_anything_is_sent(
    make_ledger: LedgerFactory,
) -> None:
    inputs, digest = inputs_of(url_lines(3))
    ledger = make_ledger.at()
    run_once(Rig("scrapio"), ledger, inputs, digest)

    other_provider = Rig("scraperapi")
    with pytest.raises(LedgerMismatchError, match="belongs to a scrapio run"):
        run_once(other_provider, ledger, inputs, digest)
    assert other_provider.requests() == {}

    other_inputs, other_digest = inputs_of(url_lines(4))
    same_provider = Rig("scrapio")
    with pytest.raises(LedgerMismatchError, match="other inputs"):
        run_once(same_provider, ledger, other_inputs, other_digest)
    assert same_provider.requests() == {}


def test_a_list_of_inputs_is_checked_once_not_again_per_chunk(
    make_ledger: LedgerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker gives the runner each chunk as a list: checked whole before anything is sent,
    # then planned without checking every input again (CPU per job; batch bodies still are).
    checked: Counter[int] = Counter()
    problems = Planner.problems

    def counted(self: Planner, item: RunInput) -> list[InputParamsError]:
        checked[item.line] += 1
        return problems(self, item)

    monkeypatch.setattr(Planner, "problems", counted)
    rig = Rig("scraperapi")
    inputs, digest = inputs_of(url_lines(7))
    items = run_once(rig, make_ledger.at(), inputs, digest, batch_size=3)
    assert [item.state for item in items] == [ItemState.SUCCEEDED] * 7
    assert checked == Counter({item.line: 1 for item in inputs})


def test_a_bad_input_stops_the_run_before_any_request(make_ledger: LedgerFactory) -> None:
    rig = Rig("decodo")
    inputs, digest = inputs_of([*url_lines(5), '{"url": "https://example.com/x", "bogus": 1}'])
    with pytest.raises(InputParamsError) as caught:
        run_once(rig, make_ledger.at(), inputs, digest)
    assert caught.value.line == 6
    assert rig.requests() == {}
    with make_ledger() as ledger:
        assert ledger.submissions() == []


def test_a_refused_credential_aborts_the_run_and_leaves_the_intent(
    make_ledger: LedgerFactory,
) -> None:
    rig = Rig("scraperapi")
    inputs, digest = inputs_of(url_lines(3))

    async def main() -> None:
        with make_ledger() as ledger:
            runner = BatchRunner(rig.jobs(token="not-a-token"), ledger)
            await collect(runner, inputs, digest)

    with pytest.raises(RunAbortedError, match="refused the run"):
        asyncio.run(main())
    assert rig.records() == []
    with make_ledger() as ledger:
        (sub,) = ledger.submissions()
    assert sub.state is SubmissionState.INTENT


# -- webhooks ----------------------------------------------------------------------------------


def job_reads(requests: Mapping[str, int]) -> int:
    """Return the status and result reads (Decodo and Scrapio poll their result endpoints)."""
    submissions = {op for ops in SUBMISSION_OPERATIONS.values() for op in ops}
    return sum(n for op, n in requests.items() if op not in {*submissions, "get_account"})


@pytest.mark.parametrize("provider", ["scrapio", "scrapedo", "scrapingpros", "decodo"])
def test_webhooks_finish_the_run_reading_each_job_once_when_told(
    provider: str, make_ledger: LedgerFactory
) -> None:
    inputs, digest = inputs_of(url_lines(12))
    polled = Rig(provider)
    polled_items = run_once(polled, make_ledger.at("polled.db"), inputs, digest, batch_size=4)
    hooked = Rig(provider, webhooks=True)
    start = hooked.clock.now()
    hooked_items = run_once(hooked, make_ledger.at("hooked.db"), inputs, digest, batch_size=4)

    for rig, items in ((polled, polled_items), (hooked, hooked_items)):
        assert [item.state for item in items] == [ItemState.SUCCEEDED] * 12
        assert_accounted_for(rig, inputs, items)
    runs = 3 if provider == "scrapingpros" else 0  # its one delivery per run: one more read
    assert job_reads(hooked.requests()) <= job_reads(polled.requests()) + runs
    # One read per delivery's news: a job (a Scrape.do task: its Get Task) is read when its
    # delivery comes, not polled before. ScrapingPros calls once per run (the run's end), so
    # its runs are still read on the learned schedule: no more than polling.
    if provider != "scrapingpros":
        assert job_reads(hooked.requests()) == 12
    # Woken by deliveries, long before the first fallback poll (30 s).
    assert hooked.clock.now() - start < 20
    # The provider called the run's receiver for every job (or run), and the receiver
    # verified each call (an unverified one would have been answered with a 4xx).
    deliveries = hooked.emulator.webhooks.webhooks
    assert deliveries
    assert {hook.state for hook in deliveries} == {"delivered"}
    assert {hook.url.split("?")[0].rsplit("/", 1)[-1] for hook in deliveries} == {provider}
    expected = 3 if provider == "scrapingpros" else 12  # ScrapingPros: one per run
    assert len(deliveries) == expected


@pytest.mark.parametrize("provider", ["scrapio", "scraperapi"])
def test_lost_deliveries_fall_back_to_polling(provider: str, make_ledger: LedgerFactory) -> None:
    config = EmulatorConfig(
        tokens=[TOKEN], progression=Progression(min_seconds=3.0, max_seconds=3.0)
    )
    config.faults.webhook_failure_rate = 1.0
    rig = Rig(provider, config=config, webhooks=True)
    inputs, digest = inputs_of(url_lines(8))
    start = rig.clock.now()
    items = run_once(rig, make_ledger.at(), inputs, digest, batch_size=4, fallback_interval=30)
    assert [item.state for item in items] == [ItemState.SUCCEEDED] * 8
    assert_accounted_for(rig, inputs, items)
    elapsed = rig.clock.now() - start
    # The first fallback poll (30 s +-20 %) found every job done; no delivery woke the run.
    # (ScrapingPros, which calls once per run, is polled on the learned schedule: next test.)
    assert 30 * 0.8 <= elapsed <= 30 * 1.2 + 2
    deliveries = rig.emulator.webhooks.webhooks
    assert deliveries
    assert all(hook.attempts and hook.state != "delivered" for hook in deliveries)


def test_scrapingpros_jobs_arrive_before_their_run_ends_even_with_webhooks(
    make_ledger: LedgerFactory,
) -> None:
    config = EmulatorConfig(tokens=[TOKEN], progression=Progression(min_seconds=1, max_seconds=9))
    rig = Rig("scrapingpros", config=config, webhooks=True)
    inputs, digest = inputs_of(url_lines(20))
    held: list[float] = []

    async def main() -> None:
        with make_ledger() as ledger:
            runner = rig.runner(ledger, fallback_interval=30)
            async for _item in runner.run(inputs, digest):
                held.append(rig.clock.now() - rig.started)

    asyncio.run(main())
    assert len(held) == 20
    # The run's one delivery comes when its last job ends (~9 s); most jobs were read before
    # (the median at 7.3 s: a run of 20 jobs is scouted 16 % apart, see cohort_step).
    assert sorted(held)[len(held) // 2] < 8.0


# -- Scrape.do's concurrency -------------------------------------------------------------------


def test_scrapedo_never_has_more_unfinished_tasks_than_its_concurrency(
    make_ledger: LedgerFactory,
) -> None:
    config = EmulatorConfig(
        tokens=[TOKEN],
        progression=Progression(min_seconds=2.0, max_seconds=5.0),
        scrapedo_concurrency=3,
    )
    rig = Rig("scrapedo", config=config)
    peak = 0

    def unfinished() -> None:
        nonlocal peak
        peak = max(peak, sum(1 for r in rig.records() if not r.phase.terminal))

    rig.samplers.append(unfinished)
    inputs, digest = inputs_of(url_lines(14))
    items = run_once(rig, make_ledger.at(), inputs, digest, concurrency=16)
    assert [item.state for item in items] == [ItemState.SUCCEEDED] * 14
    assert_accounted_for(rig, inputs, items)
    assert 1 <= peak <= 3
    sizes = Counter(r.data["group"] for r in rig.records())
    assert max(sizes.values()) <= 3  # no job larger than the free concurrency


# -- the sync wrapper --------------------------------------------------------------------------


def test_iterate_in_thread_yields_the_same_results_and_reraises(make_ledger: LedgerFactory) -> None:
    inputs, digest = inputs_of(url_lines(9))
    direct = run_once(Rig("scraperapi"), make_ledger.at("direct.db"), inputs, digest, batch_size=4)

    rigs: list[Rig] = []

    def make(path: str | Path, items: Sequence[RunInput], where: str) -> Callable[[], Any]:
        def start() -> Any:
            rig = Rig("scraperapi")
            rigs.append(rig)
            ledger = open_ledger(path)

            async def run() -> AsyncGenerator[ItemResult, None]:
                runner = rig.runner(ledger, batch_size=4)
                results = cast(AsyncGenerator[ItemResult, None], runner.run(items, where))
                try:
                    async with contextlib.aclosing(results):
                        async for item in results:
                            yield item
                finally:
                    ledger.close()

            return run()

        return start

    threaded = list(iterate_in_thread(make(make_ledger.at("thread.db"), inputs, digest)))
    assert sorted((i.input.line, i.state) for i in threaded) == sorted(
        (i.input.line, i.state) for i in direct
    )
    assert [Job.from_dict(i.result).url for i in sorted(threaded, key=lambda i: i.input.line)] == [
        str(i.params["url"]) for i in inputs
    ]
    assert_accounted_for(rigs[0], inputs, threaded)

    bad, bad_digest = inputs_of(["https://example.com/ok", '{"url": "ftp://e.com/"}'])
    with pytest.raises(InputParamsError) as caught:
        list(iterate_in_thread(make(make_ledger.at("bad.db"), bad, bad_digest)))
    assert caught.value.line == 2
    other, other_digest = inputs_of(url_lines(2))
    with pytest.raises(LedgerMismatchError):
        list(iterate_in_thread(make(make_ledger.at("thread.db"), other, other_digest)))

    # Closing the iterator early stops the run and its thread.
    path = make_ledger.at("early.db")
    early = cast(Generator[ItemResult, None, None], iterate_in_thread(make(path, inputs, digest)))
    first = next(early)
    assert first.state is ItemState.SUCCEEDED
    early.close()
    assert not [t for t in threading.enumerate() if t.name == "scrapejobs-run"]


def test_iterate_in_thread_hands_over_a_group_of_items_without_a_loop_turn_each() -> None:
    # A group commit emits its items at once; the caller must get every one of them even while
    # the run's event loop is busy (each used to wait for a loop turn: ~70 ms later at 50 jobs).
    received: list[str] = []
    all_three = threading.Event()
    loop_blocked_until_received: list[bool] = []

    def busy_loop() -> None:  # runs on the event loop, blocking it
        loop_blocked_until_received.append(all_three.wait(timeout=10))

    async def group() -> AsyncGenerator[str, None]:
        asyncio.get_running_loop().call_soon(busy_loop)
        for name in ("a", "b", "c"):
            yield name

    for item in iterate_in_thread(group):
        received.append(item)
        if len(received) == 3:
            all_three.set()
    assert received == ["a", "b", "c"]
    assert loop_blocked_until_received == [True]


def test_iterate_in_thread_keeps_every_item_in_order_through_a_small_buffer() -> None:
    async def many() -> AsyncGenerator[int, None]:
        for n in range(20):
            yield n

    assert list(iterate_in_thread(many, buffer=2)) == list(range(20))


def test_a_resumed_run_starts_with_the_durations_its_ledger_saw(make_ledger: LedgerFactory) -> None:
    inputs, digest = inputs_of(url_lines(6))
    path = make_ledger.at()
    first = run_once(Rig("scraperapi"), path, inputs, digest, batch_size=2, stop_after=4)
    assert len(first) == 4
    again = Rig("scraperapi")

    async def main() -> BatchRunner:
        with open_ledger(path) as ledger:
            runner = again.runner(ledger)
            items = await collect(runner, inputs, digest)
            assert len(items) == 6
            return runner

    runner = asyncio.run(main())
    # The jobs the first run saw end taught the second one when to read (before any read).
    assert len(runner.jobs.durations.samples("scraperapi:BatchJobRequest")) >= 4
