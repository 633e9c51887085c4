"""The status tables cover exactly what the specs document, and unknown statuses are safe."""

from __future__ import annotations

import logging
from enum import StrEnum

import decodo_client.models
import pytest
import scrapedo_client.models
import scraperapi_client.models
import scrapingpros_client.models
import scrapio_client.models

from scrapejobs.states import STATUS_TABLES, JobState, StatusKind, normalise

# (provider, kind) -> the status enum the spec documents (generated from it).
SPEC_ENUMS: dict[tuple[str, StatusKind], type[StrEnum]] = {
    ("decodo", "job"): decodo_client.models.TaskStatus,
    ("scrapedo", "job"): scrapedo_client.models.JobStatus,
    ("scrapedo", "task"): scrapedo_client.models.TaskStatus,
    ("scrapingpros", "run"): scrapingpros_client.models.RunStatus,
    ("scrapingpros", "job"): scrapingpros_client.models.JobStatus,
    ("scraperapi", "job"): scraperapi_client.models.JobStatus,
    ("scrapio", "job"): scrapio_client.models.JobStatus,
}


def test_every_table_has_a_spec_enum_and_back() -> None:
    assert set(SPEC_ENUMS) == set(STATUS_TABLES)


@pytest.mark.parametrize("key", sorted(SPEC_ENUMS))
def test_table_maps_exactly_the_documented_statuses(key: tuple[str, StatusKind]) -> None:
    documented = {member.value for member in SPEC_ENUMS[key]}
    assert set(STATUS_TABLES[key]) == documented


@pytest.mark.parametrize("key", sorted(SPEC_ENUMS))
def test_enum_members_and_strings_map_alike(key: tuple[str, StatusKind]) -> None:
    provider, kind = key
    for member in SPEC_ENUMS[key]:
        assert normalise(provider, member, kind) is normalise(provider, member.value, kind)
        assert normalise(provider, member, kind) is not JobState.UNKNOWN


@pytest.mark.parametrize(
    ("provider", "status", "kind", "state"),
    [
        ("decodo", "pending", "job", JobState.RUNNING),
        ("decodo", "faulted", "job", JobState.FAILED),
        ("scrapedo", "queuing", "job", JobState.QUEUED),
        ("scrapedo", "rotating", "task", JobState.RUNNING),
        ("scrapedo", "canceled", "job", JobState.CANCELLED),
        ("scrapingpros", "timeout", "job", JobState.FAILED),
        ("scrapingpros", "in_progress", "run", JobState.RUNNING),
        ("scraperapi", "finished", "job", JobState.SUCCEEDED),
        ("scrapio", "partial", "job", JobState.SUCCEEDED),
        ("scrapio", "cancelled", "job", JobState.CANCELLED),
    ],
)
def test_selected_mappings(provider: str, status: str, kind: StatusKind, state: JobState) -> None:
    assert normalise(provider, status, kind) is state


def test_unknown_status_is_not_final_and_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="scrapejobs"):
        first = normalise("scrapio", "archived_in_cold_storage")
        second = normalise("scrapio", "archived_in_cold_storage")
    assert first is second is JobState.UNKNOWN
    assert not first.final
    assert len([r for r in caplog.records if "archived_in_cold_storage" in r.message]) == 1


def test_final_states() -> None:
    assert {s for s in JobState if s.final} == {
        JobState.SUCCEEDED,
        JobState.FAILED,
        JobState.CANCELLED,
        JobState.EXPIRED,
    }


def test_unknown_table_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        normalise("scrapio", "queued", "run")
