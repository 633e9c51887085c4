"""The emulator served by uvicorn on loopback, and the pytest plugin's fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable

import httpx
import pytest
import uvicorn
from scrapio_client import AuthenticatedClient
from scrapio_client.api.jobs import create_job, get_job
from scrapio_client.models import FetchInput, FetchJobRequest, Job, JobAccepted, Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from scrapejobs_emulator import Emulator, EmulatorConfig, Progression
from scrapejobs_emulator.pytest_plugin import InProcessEmulator, ServedEmulator
from scrapejobs_emulator.server import serve_in_thread

BODY = FetchJobRequest(kind="fetch", input_=FetchInput(url="https://example.com"))


def test_generated_client_against_the_server_on_loopback(
    scrapejobs_emulator_server: ServedEmulator,
) -> None:
    assert scrapejobs_emulator_server.base_url.startswith("http://127.0.0.1:")
    with AuthenticatedClient(
        base_url=scrapejobs_emulator_server.url("scrapio"), token="emulator-token"
    ) as client:
        accepted = create_job.sync(client=client, body=BODY)
        assert isinstance(accepted, JobAccepted)
        job = get_job.sync(accepted.job_id, client=client)
    assert isinstance(job, Job)
    assert job.job_id == accepted.job_id
    spec = httpx.get(scrapejobs_emulator_server.url("scrapio") + "/openapi.json").json()
    assert spec["servers"][0]["url"] == "/scrapio"


def test_dropped_connection_is_a_real_disconnect_on_the_server() -> None:
    with (
        serve_in_thread(Emulator()) as base_url,
        AuthenticatedClient(
            base_url=f"{base_url}/scrapio",
            token="emulator-token",
            headers={"X-Emulator-Scenario": "drop"},
        ) as client,
        # The socket is cut mid-response: httpx reports it as a protocol error or, when the
        # reset arrives first, as a read error; both are what a client sees of a hang-up.
        pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)),
    ):
        create_job.sync_detailed(client=client, body=BODY)


def test_server_delivers_webhooks_in_the_background() -> None:
    delivered = threading.Event()
    bodies: list[bytes] = []

    async def receive(request: Request) -> Response:
        bodies.append(await request.body())
        delivered.set()
        return Response(status_code=204)

    receiver = uvicorn.Server(
        uvicorn.Config(
            Starlette(routes=[Route("/hook", receive, methods=["POST"])]),
            host="127.0.0.1",
            port=0,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=receiver.run, daemon=True)
    thread.start()
    try:
        assert wait_until(lambda: receiver.started)
        port = receiver.servers[0].sockets[0].getsockname()[1]
        config = EmulatorConfig(progression=Progression(min_seconds=0.0, max_seconds=0.0))
        with serve_in_thread(Emulator(config)) as base_url:
            body = FetchJobRequest(
                kind="fetch",
                input_=FetchInput(url="https://example.com"),
                webhook=Webhook(url=f"http://127.0.0.1:{port}/hook"),
            )
            with AuthenticatedClient(base_url=f"{base_url}/scrapio", token="emulator-token") as c:
                accepted = create_job.sync(client=c, body=body)
            assert isinstance(accepted, JobAccepted)
            # Synchronisation, not sleeping: wait for the delivery the background task makes.
            assert delivered.wait(timeout=10)
        event = json.loads(bodies[0])
        assert event["type"] == "job.completed"
        assert event["data"]["job_id"] == accepted.job_id
    finally:
        receiver.should_exit = True
        thread.join(timeout=10)


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Wait (on an Event, without sleeping in a loop) until ``predicate`` holds."""
    event = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return True
        event.wait(0.01)
    return predicate()


def test_module_entry_point_serves_on_a_free_port() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "scrapejobs_emulator", "--port", "0", "--token", "t-1"],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("scrapejobs emulator listening on http://127.0.0.1:")
            url = line.rsplit(" ", 1)[1].strip()
            health = httpx.get(f"{url}/_emulator/health", timeout=5)
            assert health.json() == {"status": "ok"}
            denied = httpx.get(
                f"{url}/scrapio/v1/jobs/x", headers={"Authorization": "Bearer emulator-token"}
            )
            assert denied.status_code == 401  # only --token values are accepted
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_in_process_fixture_has_a_manual_clock(scrapejobs_emulator: InProcessEmulator) -> None:
    client = scrapejobs_emulator.client("scrapio")
    accepted = create_job.sync(client=client, body=BODY)
    assert isinstance(accepted, JobAccepted)
    scrapejobs_emulator.clock.advance(1)
    job = get_job.sync(accepted.job_id, client=client)
    assert isinstance(job, Job)
    assert job.status == "completed"
