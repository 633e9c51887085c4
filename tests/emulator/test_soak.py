"""The soak (``scripts/soak.py``, ``nox -s soak``) at a size the test suite can afford.

Every provider at once on one served emulator with the soak's faults (429, 5xx, drops before
and after processing, failed jobs), the CLI SIGKILLed once from inside a request and resumed,
then the audit against the emulator's job records: nothing lost, nothing paid twice outside
inputs reported ``uncertain``, nothing uncertain where submissions carry an idempotency key.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from scrapejobs_emulator import Emulator
from scrapejobs_emulator.config import PROVIDER_NAMES, Faults
from tests.scripts import load_script


def soak_script() -> ModuleType:
    """Return scripts/soak.py as a module."""
    return load_script("soak")


def test_short_soak_loses_nothing_and_pays_once() -> None:
    soak = soak_script()
    results = soak.soak(
        PROVIDER_NAMES, urls=16, kills=1, seed=3, batch_size=4, webhooks=False, parallel=True
    )
    assert [result.provider for result in results] == list(PROVIDER_NAMES)
    for result in results:
        assert result.broken() == [], (result.provider, result.problems, result.exits)
        assert result.runs == result.kills + 1
        assert result.jobs + result.uncertain >= result.inputs
    # a kill lands unless the run ended first (every submission uncertain after a fault)
    assert sum(result.kills for result in results) >= 4, results


def test_the_audit_finds_a_lost_result_and_a_second_job(tmp_path: Path) -> None:
    soak = soak_script()
    emulator = Emulator(soak.soak_config(1, Faults()))
    urls = ["https://shop.example/a", "https://shop.example/b"]
    for number, url in enumerate([urls[0], urls[1], urls[1]]):
        emulator.store.create("scrapio", soak.TOKEN, f"job-{number}", data={"url": url})
    # line 1 succeeded without its result; line 2 (two jobs at the provider) has no line
    (tmp_path / "out.jsonl").write_text(
        '{"line": 1, "state": "succeeded", "job_id": "job-0", "result": null}\n'
    )
    found = soak.ProviderSoak(provider="scrapio", inputs=2)
    soak.audit(found, emulator, tmp_path, urls)
    assert (found.jobs, found.lost, found.paid_twice) == (3, 2, 1)
    assert found.broken() == [
        "2 lost",
        "1 paid twice without being uncertain",
        "1 paid twice despite idempotency keys",
    ]
    assert len(found.problems) == 3


@pytest.mark.parametrize("provider", ["scrapio", "scrapingpros"])
def test_resume_with_webhooks_collects_the_job_of_an_interrupted_submission(
    provider: str, tmp_path: Path
) -> None:
    soak = soak_script()
    found = soak.ProviderSoak(provider=provider, inputs=1)
    # The first run's submission is processed, its answer is dropped and the CLI is killed
    # inside that request: the job (ScrapingPros: the collection) exists, the ledger has only
    # the intent. The second run starts a new webhook receiver and resends with the key and
    # the first attempt's body (its callback URL from the ledger, the secret derived from the
    # run id), so the provider answers with the job it made instead of 409; that job's
    # deliveries go to the dead receiver, so it is polled, not left to the 30 s fallback.
    dropped = Faults(rate_drop_after=1.0)
    with soak.emulator_served(soak.soak_config(1, dropped)) as (base_url, emulator):
        urls = soak.write_urls(tmp_path, provider, 1)
        switch = soak.KillSwitch(emulator)
        command = soak.cli_command(provider, base_url, tmp_path, 4, webhooks=True)
        first, _ = soak.run_once(command, provider, switch, 1, 60)
        emulator.config.faults.rate_drop_after = 0.0
        soak.run_once(command, provider, switch, None, 60)
        soak.audit(found, emulator, tmp_path, urls)
    assert first == -9  # SIGKILL
    line = json.loads((tmp_path / "out.jsonl").read_text())
    assert line["state"] == "succeeded", line["reason"]  # before: refused, "answered 409 …"
    assert (found.jobs, found.lost) == (1, 0), found.problems


def test_scrapingpros_run_start_answered_502_is_resolved_not_uncertain(tmp_path: Path) -> None:
    soak = soak_script()
    found = soak.ProviderSoak(provider="scrapingpros", inputs=1)
    with soak.emulator_served(soak.soak_config(1, Faults())) as (base_url, emulator):
        faults = emulator.config.faults
        count_request = emulator.stats.count_request
        count_fault = emulator.stats.count_fault

        armed = [True]  # only the first run start: a resend with the collection's key is served

        def after_request(provider: str, operation: str) -> None:
            count_request(provider, operation)
            if operation == "create_collection" and armed:
                armed.clear()
                faults.rate_502 = 1.0  # the next request, the run start, is answered 502

        def after_fault(provider: str, fault: str) -> None:
            count_fault(provider, fault)
            faults.rate_502 = 0.0

        emulator.stats.count_request = after_request
        emulator.stats.count_fault = after_fault
        urls = soak.write_urls(tmp_path, "scrapingpros", 1)
        command = soak.cli_command("scrapingpros", base_url, tmp_path, 4, webhooks=False)
        code, _ = soak.run_once(command, "scrapingpros", soak.KillSwitch(emulator), None, 60)
        soak.audit(found, emulator, tmp_path, urls)
    assert sum(emulator.stats.faults.values()) == 1
    line = json.loads((tmp_path / "out.jsonl").read_text())
    assert line["state"] == "succeeded", line["reason"]  # resent with the collection's key
    assert code == 0
