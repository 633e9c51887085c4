"""Webhook deliveries in PostgreSQL: stored once, NOTIFY wakes, the table is the truth.

A real PostgreSQL (``postgres_url``); the receiver app is called over ASGI in this process, the
listener runs on this loop. Nothing sleeps: waits are on events with a timeout.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import psycopg
import pytest

from scrapejobs.backoff import Backoff
from scrapejobs.batch.pg_deliveries import (
    DeliveryDatabase,
    ensure_schema,
    record_delivery,
    stored_delivery,
)
from scrapejobs.batch.pg_listener import DeliveryListener, listening
from scrapejobs.batch.pg_location import PostgresLocation, parse_postgres_url
from scrapejobs.batch.pg_receiver import receiver_app
from scrapejobs.jobs import JobRef
from scrapejobs.webhooks import ScrapioVerifier
from scrapejobs.webhooks.events import WebhookEvents, ref_keys
from tests.unit.pg_delivery_parts import scrapio_body, scrapio_url, scrapio_verifier

PASSWORD = "pg-pass-Zq81x"  # trust auth ignores it; it must never be shown


def _target(url: str, run: str = "r1") -> PostgresLocation:
    user_and_rest = url.removeprefix("postgresql://")
    with_password = user_and_rest.replace("@", f":{PASSWORD}@", 1)
    return parse_postgres_url(f"postgresql://{with_password}?run={run}")


def _payload(job_id: str) -> Any:
    verifier = ScrapioVerifier("t0ken-for-parsing")
    return verifier.verify(scrapio_body(job_id), {}, "?token=t0ken-for-parsing")


def _rows(url: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT run, provider, job_id, state, payload FROM scrapejobs_deliveries ORDER BY id"
        ).fetchall()


async def _woken(subscription: Any, timeout: float = 10.0) -> set[tuple[str, str]]:
    await asyncio.wait_for(subscription.wait(), timeout)
    keys: set[tuple[str, str]] = subscription.drain()
    return keys


def test_a_delivery_is_stored_once_and_notifies_once(postgres_url: str) -> None:
    target = _target(postgres_url)
    ensure_schema(target)

    async def scenario() -> tuple[list[bool], list[str]]:
        async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as listen:
            await listen.execute("LISTEN scrapejobs_deliveries")
            connections = [
                await psycopg.AsyncConnection.connect(postgres_url, autocommit=True)
                for _ in range(4)
            ]
            delivery = stored_delivery("scrapio", _payload("job-1"))
            outcomes = await asyncio.gather(
                *(record_delivery(c, target.run, delivery) for c in connections)
            )
            other = stored_delivery("scrapio", _payload("job-2"))
            outcomes.append(await record_delivery(connections[0], target.run, other))
            for connection in connections:
                await connection.close()
            notified = [n.payload async for n in listen.notifies(timeout=0.5)]
        return outcomes, notified

    outcomes, notified = asyncio.run(scenario())
    assert sorted(outcomes) == [False, False, False, True, True]
    assert notified == ["r1", "r1"]  # one per stored delivery, none for a repeat
    rows = _rows(postgres_url)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("r1", "scrapio", "job-1", "job.completed"),
        ("r1", "scrapio", "job-2", "job.completed"),
    ]


def test_an_echoed_secret_is_not_stored() -> None:
    from decodo_client.models import TaskCallback

    payload = TaskCallback.from_dict(
        {"id": "t-1", "status": "done", "passthrough": "echoed-secret-value"}
    )
    stored = stored_delivery("decodo", payload)
    assert "passthrough" not in stored.payload
    assert "echoed-secret-value" not in repr(stored) + str(stored.payload)


def test_listener_finds_earlier_deliveries_then_wakes_on_notify(postgres_url: str) -> None:
    target = _target(postgres_url)
    ensure_schema(target)

    async def scenario() -> None:
        database = DeliveryDatabase(target)
        assert await database.record("scrapio", _payload("before"))  # before anyone listens
        other_run = DeliveryDatabase(_target(postgres_url, run="other"))
        assert await other_run.record("scrapio", _payload("not-ours"))
        events = WebhookEvents()
        subscription = events.subscribe()
        async with listening(target, events, recheck=60.0) as listener:
            assert await _woken(subscription) == {("scrapio", "before")}
            await asyncio.wait_for(listener.listening.wait(), 10)
            assert await database.record("scrapio", _payload("after"))
            assert not await database.record("scrapio", _payload("after"))  # a retry
            # recheck is 60 s: only the NOTIFY can wake it within the timeout
            assert await _woken(subscription) == {("scrapio", "after")}
        assert listener.stats.fed == 2
        assert listener.stats.notifications >= 1
        ref = JobRef("scrapio", "after")
        assert ref_keys(ref) & {("scrapio", "after")}
        await database.close()
        await other_run.close()

    asyncio.run(scenario())


def test_listener_reads_a_long_backlog_page_by_page(postgres_url: str) -> None:
    target = _target(postgres_url)
    ensure_schema(target)

    async def scenario() -> tuple[int, set[tuple[str, str]]]:
        database = DeliveryDatabase(target)
        for n in range(7):
            assert await database.record("scrapio", _payload(f"backlog-{n}"))
        await database.close()
        events = WebhookEvents(keep=3)  # at most 3 unconsumed notices kept for late subscribers
        early = events.subscribe()
        listener = DeliveryListener(target, events, page=2)
        async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as reader:
            fed = await listener.read(reader)
            assert await listener.read(reader) == 0
        late = events.subscribe()
        assert len(late.drain()) == 3  # the newest three
        return fed, early.drain()

    fed, seen = asyncio.run(scenario())
    assert fed == 7
    assert seen == {("scrapio", f"backlog-{n}") for n in range(7)}


def test_a_row_committed_after_a_later_one_is_not_skipped(postgres_url: str) -> None:
    target = _target(postgres_url)
    ensure_schema(target)

    async def scenario() -> None:
        events = WebhookEvents()
        subscription = events.subscribe()
        listener = DeliveryListener(target, events)
        async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as reader:
            slow = await psycopg.AsyncConnection.connect(postgres_url)  # a transaction left open
            fast = await psycopg.AsyncConnection.connect(postgres_url, autocommit=True)
            await record_delivery_in_open_transaction(slow, target.run, "slow")  # smaller id
            await record_delivery(fast, target.run, stored_delivery("scrapio", _payload("fast")))
            assert await listener.read(reader) == 1
            assert subscription.drain() == {("scrapio", "fast")}
            await slow.commit()  # now the smaller id becomes visible
            assert await listener.read(reader) == 1
            assert subscription.drain() == {("scrapio", "slow")}
            assert await listener.read(reader) == 0  # nothing is fed twice
            await slow.close()
            await fast.close()

    asyncio.run(scenario())


async def record_delivery_in_open_transaction(
    connection: psycopg.AsyncConnection[Any], run: str, job: str
) -> None:
    delivery = stored_delivery("scrapio", _payload(job))
    await connection.execute(
        "INSERT INTO scrapejobs_deliveries"
        " (run, provider, job_id, wake_scope, state, dedupe_key, payload)"
        " VALUES (%s, 'scrapio', %s, 'scrapio', 'job.completed', %s, '{}')",
        (run, job, delivery.dedupe_key),
    )


def test_listener_reconnects_and_misses_nothing(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    target = _target(postgres_url)
    ensure_schema(target)
    caplog.set_level(logging.WARNING, logger="scrapejobs.webhooks.postgres")

    async def scenario() -> DeliveryListener:
        database = DeliveryDatabase(target)
        events = WebhookEvents()
        subscription = events.subscribe()
        retry = Backoff(first=0.01, maximum=0.05, jitter=0.0)
        async with listening(target, events, recheck=60.0, reconnect=retry) as listener:
            await asyncio.wait_for(listener.listening.wait(), 10)
            async with await psycopg.AsyncConnection.connect(
                postgres_url, autocommit=True
            ) as admin:
                await admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE query LIKE 'LISTEN%%' OR (datname = current_database()"
                    " AND pid <> pg_backend_pid())"
                )
            # stored while the listener is down or reconnecting: the table is the truth
            assert await database.record("scrapio", _payload("during-outage"))
            assert await _woken(subscription) == {("scrapio", "during-outage")}
        await database.close()
        return listener

    listener = asyncio.run(scenario())
    assert listener.stats.reconnections >= 1
    warnings = [r.getMessage() for r in caplog.records]
    assert any("reconnecting" in line for line in warnings)
    assert all(PASSWORD not in line for line in warnings)
    assert any("***" in line for line in warnings)


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://receiver")


def test_receiver_stores_verified_refuses_forged_and_answers_503_while_the_database_is_down(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    target = _target(postgres_url)
    caplog.set_level(logging.INFO)
    name = postgres_url.rsplit("/", 1)[1]

    async def scenario() -> dict[str, int]:
        database = DeliveryDatabase(target)
        app = receiver_app(database, "scrapio", scrapio_verifier)
        answers: dict[str, int] = {}
        async with _client(app) as client:
            # before anything: the database makes the run's webhook id
            first = await client.post("/hooks/scrapio?token=wrong", content=scrapio_body("j0"))
            answers["forged"] = first.status_code
            url = scrapio_url("/hooks", await database.run_id())
            answers["good"] = (await client.post(url, content=scrapio_body("j1"))).status_code
            answers["again"] = (await client.post(url, content=scrapio_body("j1"))).status_code
            async with await psycopg.AsyncConnection.connect(
                postgres_server_url(postgres_url), autocommit=True
            ) as admin:
                await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                await admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (name,),
                )
                down = await client.post(url, content=scrapio_body("j2"))
                answers["down"] = down.status_code
                answers["retry_after"] = int(down.headers["retry-after"])
                await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            answers["back"] = (await client.post(url, content=scrapio_body("j2"))).status_code
        await database.close()
        return answers

    answers = asyncio.run(scenario())
    assert answers == {
        "forged": 401,
        "good": 200,
        "again": 200,
        "down": 503,
        "retry_after": 5,
        "back": 200,
    }
    assert [row[2] for row in _rows(postgres_url)] == ["j1", "j2"]  # j0 never stored
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "not stored, the provider will retry" in logged
    assert PASSWORD not in logged


def test_receiver_answers_503_when_the_database_was_never_reachable() -> None:
    import socket

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    target = parse_postgres_url(f"postgresql://u:{PASSWORD}@127.0.0.1:{port}/none?run=r")

    async def scenario() -> httpx.Response:
        app = receiver_app(DeliveryDatabase(target, connect_timeout=2), "scrapio", scrapio_verifier)
        async with _client(app) as client:
            return await client.post("/hooks/scrapio?token=x", content=scrapio_body("j"))

    response = asyncio.run(scenario())
    assert response.status_code == 503
    assert PASSWORD not in response.text


def postgres_server_url(database_url: str) -> str:
    return database_url.rsplit("/", 1)[0] + "/postgres"
