"""Checked by mypy (tests/unit/test_typed_results.py, and ``nox -s typecheck``), never run.

Each provider's ``Jobs``/``AsyncJobs`` hands back that provider's generated result model: a
mistake on a result is a type error. ``assert_type`` fails mypy when a type is wrong (or Any
where a model is promised); each ``type: ignore[attr-defined]`` fails mypy (strict: unused
ignore) the day the access it covers stops being an error.
"""

from __future__ import annotations

from typing import Any, assert_type

from decodo_client.models import TaskResults
from scrapedo_client.models import Task
from scraperapi_client.models import Job
from scrapingpros_client.models import ScrapeResult
from scrapio_client.models import JobResult

from scrapejobs import AsyncJobs, JobRef, Jobs


def sync_results(ref: JobRef) -> None:
    assert_type(Jobs("decodo", "t").result(ref), TaskResults)
    assert_type(Jobs("scrapedo", "t").result(ref), Task)
    assert_type(Jobs("scrapingpros", "t").result(ref), ScrapeResult)
    assert_type(Jobs("scraperapi", "t").result(ref), Job)
    scrapio = Jobs("scrapio", "t", timeout=30, sleep=lambda seconds: None)
    assert_type(scrapio, Jobs[JobResult])
    assert_type(scrapio.result(ref), JobResult)
    _ = scrapio.result(ref).no_such_field  # type: ignore[attr-defined]


async def async_results(ref: JobRef, provider: str) -> None:
    assert_type(await AsyncJobs("decodo", "t").result(ref), TaskResults)
    assert_type(await AsyncJobs("scrapio", "t").result(ref), JobResult)
    _ = (await AsyncJobs("scraperapi", "t").result(ref)).no_such_field  # type: ignore[attr-defined]
    # A provider known only at run time: the result is Any, as before.
    assert_type(await AsyncJobs(provider, "t").result(ref), Any)


def typed_options() -> None:
    Jobs("scrapio", "t", timeout="soon")  # type: ignore[call-overload]
    AsyncJobs("scrapio", "t", base_urll="http://x")  # type: ignore[call-overload]
