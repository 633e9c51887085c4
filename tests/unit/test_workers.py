"""Workers sharing a run in one process: a real PostgreSQL ledger, the in-process emulator.

The emulator finishes each job when it is made; the runners' waits run on an injected clock
(no real waiting for jobs). A dead worker is a claim whose lease was moved into the past.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable
from typing import Any

import psycopg
import pytest

from scrapejobs.batch.chunk_view import ChunkLedger
from scrapejobs.batch.claims import ClaimFence, Claims, LeaseLostError
from scrapejobs.batch.inputs import RunInput, parse_lines
from scrapejobs.batch.ledger_postgres import PostgresLedger
from scrapejobs.batch.pg_schema import migrate
from scrapejobs.batch.runner import BatchRunner
from scrapejobs.batch.workers import Lane, Worker, WorkerSettings, ordered_results
from scrapejobs.client import AsyncJobs
from scrapejobs_emulator import Emulator, EmulatorConfig, EmulatorTransport
from scrapejobs_emulator.jobs import target_url
from tests.unit.test_claims import expire_lease

TOKEN = "workers-unit-token"
RUN = "shared"


class Clock:
    """A clock the runners' sleeps move forward at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


def _emulator() -> Emulator:
    return Emulator(
        EmulatorConfig.model_validate(
            {"tokens": [TOKEN], "progression": {"min_seconds": 0.0, "max_seconds": 0.0}}
        )
    )


def _jobs(emulator: Emulator) -> AsyncJobs[Any]:
    clock = Clock()
    return AsyncJobs(
        "scrapio",
        TOKEN,
        base_url="http://emulator.test/scrapio",
        httpx_args={"transport": EmulatorTransport(emulator)},
        clock=clock,
        sleep=clock.sleep,
    )


def _inputs(count: int) -> tuple[list[RunInput], str]:
    return parse_lines([f"https://shop.example/w/{n}\n" for n in range(count)])


async def _claims(url: str, owner: str) -> Claims:
    connection = await psycopg.AsyncConnection.connect(url, autocommit=True)
    return Claims(connection, RUN, owner)


def _run(body: Awaitable[None]) -> None:
    asyncio.run(body)  # type: ignore[arg-type]


def test_a_runner_fenced_out_of_its_chunk_sends_nothing(postgres_url: str) -> None:
    emulator = _emulator()
    inputs, digest = _inputs(5)
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        migrate(connection)

    async def body() -> None:
        claims = await _claims(postgres_url, "worker-a")
        await claims.plan(digest, lambda: (item.line for item in inputs), 5)
        chunk = await claims.claim()
        assert chunk is not None
        await expire_lease(postgres_url, chunk.number, RUN)  # the worker stalled past its lease
        await claims.connection.close()
        with (
            PostgresLedger(f"{postgres_url}?run={RUN}") as ledger,
            psycopg.connect(postgres_url, autocommit=True) as fence_connection,
        ):
            view = ChunkLedger(
                ledger,
                frozenset(item.key for item in inputs),
                fence=ClaimFence(fence_connection, RUN, "worker-a"),
                chunk=chunk.number,
            )
            runner = BatchRunner(_jobs(emulator), view, concurrency=4)
            with pytest.raises(BaseException) as raised:  # noqa: PT011 -- checked below
                async for _item in runner.run(inputs, digest):
                    pass
            assert isinstance(raised.value, BaseExceptionGroup)
            assert raised.value.subgroup(LeaseLostError) is not None
            assert ledger.submissions() == []

    _run(body())
    assert list(emulator.store.records("scrapio")) == []  # not one submission was sent


def test_two_workers_share_a_run_and_take_over_a_dead_workers_chunk(postgres_url: str) -> None:
    emulator = _emulator()
    inputs, digest = _inputs(40)
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        migrate(connection)
    said: list[str] = []

    async def worker(owner: str, ledger: PostgresLedger, fence: psycopg.Connection[Any]) -> Worker:
        claims = await _claims(postgres_url, owner)
        lane = Lane(_jobs(emulator), ledger, ClaimFence(fence, RUN, owner))
        return Worker(
            claims,
            [lane],
            settings=WorkerSettings(chunk_size=10, wait=0.01),
            runner_options={"concurrency": 8},
            say=said.append,
        )

    async def body() -> None:
        dead = await _claims(postgres_url, "dead-worker")
        await dead.plan(digest, lambda: (item.line for item in inputs), 10)
        chunk = await dead.claim()  # then it died: its lease runs out
        assert chunk is not None
        await expire_lease(postgres_url, chunk.number, RUN)
        await dead.connection.close()
        url = f"{postgres_url}?run={RUN}"
        with (
            PostgresLedger(url) as first_ledger,
            PostgresLedger(url) as second_ledger,
            psycopg.connect(postgres_url, autocommit=True) as first_fence,
            psycopg.connect(postgres_url, autocommit=True) as second_fence,
        ):
            first = await worker("worker-a", first_ledger, first_fence)
            second = await worker("worker-b", second_ledger, second_fence)
            try:
                reports = await asyncio.gather(
                    first.run(inputs, digest), second.run(inputs, digest)
                )
            finally:
                await first.claims.connection.close()
                await second.claims.connection.close()
            assert sum(report.chunks for report in reports) == 4
            assert sum(report.took_over for report in reports) == 1
            results = list(ordered_results(first_ledger, inputs))
        assert [item.line for item in results] == [item.line for item in inputs]
        assert Counter(item.state.value for item in results) == {"succeeded": 40}
        jobs = Counter(target_url(record) for record in emulator.store.records("scrapio"))
        assert len(jobs) == 40
        assert set(jobs.values()) == {1}
        assert {item.job.job_id for item in results if item.job} == {
            record.id for record in emulator.store.records("scrapio")
        }

    _run(body())
    assert any("took over chunk 0 (lines 1-10) from dead-worker" in line for line in said)


def _cli(*args: str) -> Any:
    from click.testing import CliRunner

    from scrapejobs.cli import main

    env = {"SCRAPEJOBS_SCRAPIO_TOKEN": TOKEN}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_a_postgresql_ledger_makes_a_worker_unless_the_run_retries_or_embeds(
    tmp_path: Any,
) -> None:
    import dataclasses
    from pathlib import Path

    from scrapejobs.cli.execute import RunOptions, shared

    url = "postgresql://user:sekret@127.0.0.1:1/db"
    worker = RunOptions("scrapio", Path("in.txt"), Path("o.jsonl"), url, "t")
    assert shared(worker)
    assert shared(dataclasses.replace(worker, dedupe=True))  # every worker skips the copies
    assert not shared(dataclasses.replace(worker, dedupe=True, retry=frozenset({"failed"})))
    assert not shared(dataclasses.replace(worker, retry=frozenset({"failed"})))
    assert not shared(dataclasses.replace(worker, emulator=True))


def test_an_unreachable_shared_ledger_is_one_line_without_the_password(tmp_path: Any) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("https://shop.example/a\n")
    result = _cli(
        "run", "-p", "scrapio", "--input", str(urls), "--output", str(tmp_path / "o.jsonl"),
        "--ledger", "postgresql://user:sekret@127.0.0.1:1/db?run=r1",
        "--base-url", "http://127.0.0.1:1/scrapio",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "cannot open the ledger postgresql://user:***@127.0.0.1:1/db" in result.output
    assert "sekret" not in result.output
