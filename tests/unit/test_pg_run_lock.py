"""The run lock of a PostgreSQL run, on a real server: shared by workers, exclusive for a run alone.

A killed holder's lock is released by the server (proven by waiting on the lock itself, not by
sleeping); a lost lock connection stops the guarded block at once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

import psycopg
import pytest

from scrapejobs.batch.ledger import LedgerIOError
from scrapejobs.batch.localfiles import FileBusyError
from scrapejobs.batch.pg_location import parse_postgres_url
from scrapejobs.batch.pg_run_lock import LOCK_CLASS, RunBusyError, RunLock, RunLockMode

SHARED, EXCLUSIVE = RunLockMode.SHARED, RunLockMode.EXCLUSIVE


def _with_password(url: str, run: str) -> str:
    """Return ``url`` with password ``sekret`` (the test server trusts any) and ``?run=``."""
    scheme, rest = url.split("://", 1)
    user, host = rest.split("@", 1)
    return f"{scheme}://{user.split(':')[0]}:sekret@{host}?run={run}"


def test_workers_share_the_lock_and_a_run_alone_is_refused_meanwhile(postgres_url: str) -> None:
    location = parse_postgres_url(_with_password(postgres_url, "prices"))
    first = RunLock.acquire(location, SHARED, holder="host-a:1")
    second = RunLock.acquire(location, SHARED, holder="host-b:2")
    with pytest.raises(RunBusyError) as refused:
        RunLock.acquire(location, EXCLUSIVE)
    message = str(refused.value)
    assert isinstance(refused.value, FileBusyError)  # the CLI's "in use by another run": exit 2
    assert message.startswith("run 'prices' of the ledger postgresql://postgres:***@"), message
    assert "?run=prices is in use by another scrapejobs run: held by 2 worker(s)" in message
    assert "(shared host-a:1, shared host-b:2)" in message
    assert "this run needs it alone" in message
    assert "sekret" not in message
    first.release()
    with pytest.raises(RunBusyError):  # one worker still holds it
        RunLock.acquire(location, EXCLUSIVE)
    second.release()
    with RunLock.acquire(location, EXCLUSIVE, holder="host-c:3"):
        with pytest.raises(RunBusyError) as refused:
            RunLock.acquire(location, SHARED)
        assert "held by a run that runs the whole input alone (--retry or --emulator)" in str(
            refused.value
        )
        assert "(exclusive host-c:3)" in str(refused.value)
        assert "a worker cannot join it meanwhile" in str(refused.value)
        with pytest.raises(RunBusyError):
            RunLock.acquire(location, EXCLUSIVE)
    RunLock.acquire(location, SHARED).release()  # released by the context


def test_two_runs_in_one_database_do_not_block_each_other(postgres_url: str) -> None:
    names = [f"run-{n}" for n in range(3)]
    locks = [
        RunLock.acquire(parse_postgres_url(f"{postgres_url}?run={n}"), EXCLUSIVE) for n in names
    ]
    try:
        assert len({lock.lock_id for lock in locks}) == 3  # numbers given by the database
        again = RunLock.acquire(parse_postgres_url(f"{postgres_url}?run=run-1"), SHARED)
    except RunBusyError:
        again = None
    finally:
        for lock in locks:
            lock.release()
    assert again is None, "the same run must stay locked"
    same = RunLock.acquire(parse_postgres_url(f"{postgres_url}?run=run-1"), EXCLUSIVE)
    assert same.lock_id == locks[1].lock_id  # a run keeps its number
    same.release()


HOLDER = """
import sys
from scrapejobs.batch.pg_location import parse_postgres_url
from scrapejobs.batch.pg_run_lock import RunLock, RunLockMode
lock = RunLock.acquire(parse_postgres_url(sys.argv[1]), RunLockMode.EXCLUSIVE)
print(lock.lock_id, flush=True)
sys.stdin.read()
"""


def test_a_killed_holders_lock_is_released_by_the_server(postgres_url: str) -> None:
    url = f"{postgres_url}?run=killed"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert holder.stdout is not None
    lock_id = int(holder.stdout.readline())
    with pytest.raises(RunBusyError):
        RunLock.acquire(parse_postgres_url(url), SHARED)
    holder.send_signal(signal.SIGKILL)
    assert holder.wait(30) == -signal.SIGKILL
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("SET lock_timeout = '20s'")
        # Waits (in the server) until the dead session's lock is gone; fails after 20 s.
        connection.execute("SELECT pg_advisory_lock(%s, %s)", (LOCK_CLASS, lock_id))
        connection.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASS, lock_id))
    RunLock.acquire(parse_postgres_url(url), EXCLUSIVE).release()
    assert holder.stdin is not None
    holder.stdin.close()
    holder.stdout.close()


def test_a_lost_lock_connection_stops_the_guarded_block_at_once(postgres_url: str) -> None:
    location = parse_postgres_url(_with_password(postgres_url, "lost"))
    lock = RunLock.acquire(location, EXCLUSIVE)
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        row = admin.execute(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = %s::oid",
            (lock.lock_id,),
        ).fetchone()
        assert row is not None
        holder_pid = int(row[0])

        async def body() -> None:
            async with asyncio.timeout(30), lock.guard():
                assert lock.lost() is None
                admin.execute("SELECT pg_terminate_backend(%s)", (holder_pid,))
                await asyncio.Event().wait()  # only the guard's cancel ends this

        with pytest.raises(LedgerIOError) as lost:
            asyncio.run(body())
    message = str(lost.value)
    assert message.startswith("cannot hold the lock of run 'lost' on the ledger postgresql://")
    assert "postgres:***@" in message
    assert "stopped sending at once" in message
    assert "sekret" not in message
    assert lock.lost() is not None
    lock.release()
    RunLock.acquire(location, EXCLUSIVE).release()  # the server released it


def test_a_block_that_ends_keeps_its_result_and_the_lock(postgres_url: str) -> None:
    lock = RunLock.acquire(parse_postgres_url(f"{postgres_url}?run=kept"), SHARED)

    async def body() -> int:
        async with lock.guard():
            await asyncio.sleep(0)
            return 7

    assert asyncio.run(body()) == 7
    assert lock.lost() is None
    lock.release()
    assert repr(lock).startswith("RunLock('kept', shared, ledger='postgresql://")


def test_run_batch_on_a_postgresql_run_holds_its_lock_alone(postgres_url: str) -> None:
    import scrapejobs

    url = _with_password(postgres_url, "python")
    with RunLock.acquire(parse_postgres_url(url), SHARED, holder="host-w:9"):  # a worker runs
        results = scrapejobs.run_batch(
            "scrapio", "token", ["https://example.com/a"], ledger=url, base_url="http://127.0.0.1:1"
        )
        with pytest.raises(RunBusyError, match=r"held by 1 worker\(s\) \(shared host-w:9\)"):
            next(results)
