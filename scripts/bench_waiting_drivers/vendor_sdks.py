"""The ``vendor`` side of ``scripts/bench_waiting.py``: each provider's own pinned SDK.

    VENDOR_PYTHON scripts/bench_waiting_drivers/vendor_sdks.py --provider decodo \
        --base-url http://127.0.0.1:PORT --urls urls.txt --out held.json

Runs under the vendor venv's interpreter (the five pinned SDKs, never scrapejobs), with the
credential in ``$BENCH_TOKEN``. Each SDK is used as its README recommends for many jobs and
pointed at the emulator, which serves provider ``p`` under ``{base}/{p}``:

- decodo-sdk 2.4.1: ``scrape_batch`` of every URL, then the README's loop per task
  (``get_status`` every 2 s until ``done``, then ``get_results``). The SDK hardcodes its base URL
  (``decodo.client.WEB_API_BASE_URL``, read when the client is built): patched here.
- scrape-do-python 0.3.1: one job carrying every URL as a target, its ``wait_for_job`` helper
  (default ``PollingStrategy``), then ``get_task`` per task in order (what ``submit_and_wait``
  does, with each task's hold time taken as it arrives instead of after the last one). The base
  URL is the class attribute ``ScrapeDoAsyncAPIClient.BASE_URL``: overridden in a subclass.
- scrapingpros 0.7.8: ``AsyncClient.submit_batch`` + ``AsyncBatch.iter_results()`` (adaptive
  interval, job listing with ``include_results``), the README's headline pattern; ``base_url=``.
- scraperapi-sdk 1.6.1: ``ScraperAPIAsyncClient.create`` per URL, then ``wait`` per job in turn
  (defaults: ``cooldown=5``, ``max_retries=10``); ``api_endpoint=``.
- scrapio-py 1.2.0: ``jobs.create`` per URL, then ``jobs.wait_for_completion(poll_interval=2.0,
  timeout=120.0)`` per job in turn, as in the README (which shows no concurrent variant for
  jobs); ``base_url=``.

The emulator's paths and credential placements match every SDK's requests as they are; nothing
else is adapted. Writes one JSON document: each job held (provider job id where the SDK gives
it, its URL, ``time.time()`` when the result was in hand), CPU and wall seconds of the workload.
This file is not type-checked with the project (the SDKs are not installed there).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

Hold = Callable[[str | None, str | None], None]


def run_decodo(base: str, token: str, urls: list[str], hold: Hold) -> None:
    """Batch every URL, then poll each task as the README's batch example does."""
    import decodo.client
    from decodo import DecodoClient, DecodoConfig, UniversalBatchParams, WebScrapingApiConfig

    decodo.client.WEB_API_BASE_URL = f"{base}/decodo"  # hardcoded in the SDK
    client = DecodoClient(DecodoConfig(web_scraping_api=WebScrapingApiConfig(token=token)))
    api = client.web_scraping_api
    batch = api.scrape_batch(UniversalBatchParams(url=urls))
    for task in batch["queries"]:
        task_id = task["id"]
        while True:
            status = api.get_status(task_id)["status"]
            if status == "done":
                break
            if status == "faulted":
                raise RuntimeError(f"Scraping task {task_id} failed.")
            time.sleep(2)
        result = api.get_results(task_id)
        if result is None:
            raise RuntimeError(f"task {task_id}: no results after done")
        hold(task_id, task.get("url"))


def run_scrapedo(base: str, token: str, urls: list[str], hold: Hold) -> None:
    """One job of every URL, the SDK's wait helper, then each task."""
    from scrape_do.async_api import ScrapeDoAsyncAPIClient

    class EmulatorClient(ScrapeDoAsyncAPIClient):
        BASE_URL = f"{base}/scrapedo"  # the SDK's base URL is this class attribute

    with EmulatorClient(api_token=token) as client:
        created = client.create_job(targets=urls)
        job = client.wait_for_job(created.job_id)
        for task_id in job.task_ids:
            task = client.get_task(job.job_id, task_id)
            hold(task.task_id, task.url)


def run_scrapingpros(base: str, token: str, urls: list[str], hold: Hold) -> None:
    """``submit_batch`` + ``iter_results`` on the asyncio client (the README's headline)."""
    from scrapingpros import AsyncClient

    async def main() -> None:
        async with AsyncClient(token, base_url=f"{base}/scrapingpros") as client:
            batch = await client.submit_batch(
                "bench", [{"url": url, "custom_id": str(i)} for i, url in enumerate(urls)]
            )
            async for result in batch.iter_results():
                hold(None, result.url)

    asyncio.run(main())


def run_scraperapi(base: str, token: str, urls: list[str], hold: Hold) -> None:
    """``create`` per URL, then ``wait`` per job (README defaults)."""
    from scraperapi_sdk import ScraperAPIAsyncClient

    client = ScraperAPIAsyncClient(token, api_endpoint=f"{base}/scraperapi")
    created = [(client.create(url)["id"], url) for url in urls]
    for job_id, url in created:
        answer = client.wait(job_id)
        if answer.get("status") != "finished":
            raise RuntimeError(f"job {job_id} ended {answer.get('status')!r}")
        hold(job_id, url)


def run_scrapio(base: str, token: str, urls: list[str], hold: Hold) -> None:
    """``jobs.create`` per URL, then ``wait_for_completion`` per job (README values)."""
    import scrapio.resources.jobs
    from scrapio import ApiClient, CreateJobRequest
    from scrapio.types import Job, JobResult

    class AcceptedJob(Job):
        """The SDK's ``Job`` without a required ``created_at``."""

        created_at: str | None = None

    class ResultWithoutCreated(JobResult):
        """The SDK's ``JobResult`` without a required ``created_at``."""

        created_at: str | None = None

    # The SDK parses the 202 of POST /v1/jobs and the answer of GET /v1/jobs/{id}/result into
    # models that require ``created_at``; Scrapio's JobAccepted and JobResult (the spec, the
    # emulator) have none, so ``create`` and ``get_result`` raised a pydantic ValidationError.
    # Adapted here only: the resource module's two model names point at lenient subclasses.
    scrapio.resources.jobs.Job = AcceptedJob
    scrapio.resources.jobs.JobResult = ResultWithoutCreated
    client = ApiClient(api_key=token, base_url=f"{base}/scrapio")
    created = [
        (client.jobs.create(CreateJobRequest(kind="fetch", input={"url": url})).job_id, url)
        for url in urls
    ]
    for job_id, url in created:
        result = client.jobs.wait_for_completion(job_id, poll_interval=2.0, timeout=120.0)
        if result.status != "completed":
            raise RuntimeError(f"job {job_id} ended {result.status!r}")
        hold(job_id, url)


PACKAGES = {
    "decodo": "decodo-sdk",
    "scrapedo": "scrape-do-python",
    "scrapingpros": "scrapingpros",
    "scraperapi": "scraperapi-sdk",
    "scrapio": "scrapio-py",
}

DRIVERS: dict[str, Callable[[str, str, list[str], Hold], None]] = {
    "decodo": run_decodo,
    "scrapedo": run_scrapedo,
    "scrapingpros": run_scrapingpros,
    "scraperapi": run_scraperapi,
    "scrapio": run_scrapio,
}


def sdk_version(package: str) -> str:
    """Return the installed version of ``package``, or ``not installed``."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def main() -> int:
    """Run one provider's SDK over the URLs; write the held jobs and costs as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provider", required=True, choices=sorted(DRIVERS))
    parser.add_argument("--base-url", required=True, help="the emulator's root URL")
    parser.add_argument("--urls", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    token = os.environ["BENCH_TOKEN"]
    urls = args.urls.read_text().split()
    held: list[dict[str, Any]] = []

    def hold(job_id: str | None, url: str | None) -> None:
        held.append({"job_id": job_id, "url": url, "at": time.time()})

    errors: list[str] = []
    started, cpu = time.time(), time.process_time()
    try:
        DRIVERS[args.provider](args.base_url.rstrip("/"), token, urls, hold)
    except Exception as exc:  # reported in the table: one side failing is not a crash
        traceback.print_exc()
        errors.append(f"{type(exc).__name__}: {exc}"[:300])
    document = {
        "side": "vendor",
        "provider": args.provider,
        "held": held,
        "wall_seconds": time.time() - started,
        "cpu_seconds": time.process_time() - cpu,
        "errors": errors,
        "python": sys.version.split()[0],
        "package": f"{PACKAGES[args.provider]} {sdk_version(PACKAGES[args.provider])}",
    }
    args.out.write_text(json.dumps(document))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
