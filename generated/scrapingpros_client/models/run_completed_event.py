from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus

T = TypeVar("T", bound="RunCompletedEvent")


@_attrs_define
class RunCompletedEvent:
    """Payload of the `run.completed` webhook (no scraped content)."""

    event: Literal["run.completed"]
    run_id: str
    collection_id: str
    status: RunStatus | str
    total_requests: int
    success_requests: int
    failed_requests: int
    job_ids: list[str]
    results_url: str
    """ URL of the run (GET it, then list its jobs). """
    timestamp: str
    """ Event time, ISO 8601. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        run_id = self.run_id

        collection_id = self.collection_id

        status: str
        if isinstance(self.status, RunStatus):
            status = self.status.value
        else:
            status = self.status

        total_requests = self.total_requests

        success_requests = self.success_requests

        failed_requests = self.failed_requests

        job_ids = self.job_ids

        results_url = self.results_url

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "run_id": run_id,
                "collection_id": collection_id,
                "status": status,
                "total_requests": total_requests,
                "success_requests": success_requests,
                "failed_requests": failed_requests,
                "job_ids": job_ids,
                "results_url": results_url,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = cast(Literal["run.completed"], d.pop("event"))
        if event != "run.completed":
            raise ValueError(f"event must match const 'run.completed', got '{event}'")

        run_id = d.pop("run_id")

        collection_id = d.pop("collection_id")

        def _parse_status(data: object) -> RunStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = RunStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(RunStatus | str, data)

        status = _parse_status(d.pop("status"))

        total_requests = d.pop("total_requests")

        success_requests = d.pop("success_requests")

        failed_requests = d.pop("failed_requests")

        job_ids = cast(list[str], d.pop("job_ids"))

        results_url = d.pop("results_url")

        timestamp = d.pop("timestamp")

        run_completed_event = cls(
            event=event,
            run_id=run_id,
            collection_id=collection_id,
            status=status,
            total_requests=total_requests,
            success_requests=success_requests,
            failed_requests=failed_requests,
            job_ids=job_ids,
            results_url=results_url,
            timestamp=timestamp,
        )

        run_completed_event.additional_properties = d
        return run_completed_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
