"""``scripts/record_cassettes.py`` against the emulator served on loopback (no real provider)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from scrapejobs_emulator import Emulator, EmulatorConfig, ManualClock
from scrapejobs_emulator.server import serve_in_thread
from tests.cassettes.cassettes import (
    PROVIDERS,
    find_secrets,
    load_cassette,
    validate_interaction,
)
from tests.cassettes.test_cassettes import replay
from tests.scripts import load_script as load_named_script

TOKEN = "live-token-0123456789"
WEBHOOK_SECRET = "hook-secret-9876543210"
HOOK_USER, HOOK_PASSWORD = "hookuser", "hookpass-55aa"
CALLBACK = f"http://{HOOK_USER}:{HOOK_PASSWORD}@127.0.0.1:9/hook"
SECRETS = (TOKEN, WEBHOOK_SECRET, HOOK_PASSWORD, "emulator-token")


def load_script() -> ModuleType:
    """Return scripts/record_cassettes.py as a module."""
    return load_named_script("record_cassettes")


record_cassettes = load_script()


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, ManualClock]]:
    clock = ManualClock()
    emulator = Emulator(EmulatorConfig(tokens=[TOKEN]), clock=clock)
    with serve_in_thread(emulator) as url:
        yield url, clock


@pytest.mark.parametrize("provider", PROVIDERS)
def test_records_a_scrubbed_replayable_cassette(
    provider: str,
    served: tuple[str, ManualClock],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, clock = served
    env = f"SCRAPEJOBS_{provider.upper()}"
    monkeypatch.setenv(f"{env}_TOKEN", TOKEN)
    monkeypatch.setenv(f"{env}_BASE_URL", f"{url}/{provider}")
    out = tmp_path / provider / "live_flow.yaml"
    argv = [
        "--provider",
        provider,
        "--out",
        str(out),
        "--callback-url",
        CALLBACK,
        "--webhook-secret",
        WEBHOOK_SECRET,
        "--poll-interval",
        "30",
    ]
    assert record_cassettes.main(argv, sleep=clock.advance) == 0

    text = out.read_text()
    assert text.startswith("# Source: live recording by scripts/record_cassettes.py")
    assert find_secrets(text, extra=SECRETS) == []
    interactions = load_cassette(out)["interactions"]
    assert len(interactions) >= 3, "submit, at least one poll, and a result"
    assert interactions[0]["request"]["method"] in ("POST", "PUT")
    for interaction in interactions:
        validate_interaction(provider, interaction)
    replay(out)  # the generated client replays it with vcrpy, no network


def test_missing_token_records_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRAPEJOBS_SCRAPIO_TOKEN", raising=False)
    out = tmp_path / "x.yaml"
    assert record_cassettes.main(["--provider", "scrapio", "--out", str(out)]) == 2
    assert not out.exists()


def test_scrubbers_redact_every_credential() -> None:
    secrets = [TOKEN, WEBHOOK_SECRET, HOOK_PASSWORD]
    body = (
        f'{{"apiKey":"{TOKEN}","passthrough":"p","callback":{{"url":"{CALLBACK}"}},'
        f'"WebhookHeaders":{{"Authorization":"Bearer {WEBHOOK_SECRET}"}},'
        f'"webhook":{{"url":"https://h.example/x?token={WEBHOOK_SECRET}"}}}}'
    )
    cleaned = record_cassettes.scrub_body(body, secrets)
    assert all(secret not in cleaned for secret in secrets)
    assert '"apiKey":"REDACTED"' in cleaned
    assert '"passthrough":"REDACTED"' in cleaned
    assert "REDACTED:REDACTED@127.0.0.1:9" in cleaned
    url = record_cassettes.scrub_url(
        f"https://u:{HOOK_PASSWORD}@h.example/jobs/1?apiKey={TOKEN}&a=1", secrets
    )
    assert url == "https://REDACTED:REDACTED@h.example/jobs/1?apiKey=REDACTED&a=1"
