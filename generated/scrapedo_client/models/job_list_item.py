from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="JobListItem")


@_attrs_define
class JobListItem:
    """One job in a listing page."""

    job_id: str
    """ UUID of the job. """
    status: JobStatus | str
    task_i_ds: list[str] | Unset = UNSET
    """ UUIDs of the job's tasks. """
    start_time: str | Unset = UNSET
    """ When processing started (RFC 3339). """
    end_time: None | str | Unset = UNSET
    """ When the job finished (RFC 3339); null or absent while running (assumed). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        status: str
        if isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        task_i_ds: list[str] | Unset = UNSET
        if not isinstance(self.task_i_ds, Unset):
            task_i_ds = self.task_i_ds

        start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        else:
            end_time = self.end_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "JobID": job_id,
                "Status": status,
            }
        )
        if task_i_ds is not UNSET:
            field_dict["TaskIDs"] = task_i_ds
        if start_time is not UNSET:
            field_dict["StartTime"] = start_time
        if end_time is not UNSET:
            field_dict["EndTime"] = end_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        job_id = d.pop("JobID")

        def _parse_status(data: object) -> JobStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = JobStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobStatus | str, data)

        status = _parse_status(d.pop("Status"))

        task_i_ds = cast(list[str], d.pop("TaskIDs", UNSET))

        start_time = d.pop("StartTime", UNSET)

        def _parse_end_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_time = _parse_end_time(d.pop("EndTime", UNSET))

        job_list_item = cls(
            job_id=job_id,
            status=status,
            task_i_ds=task_i_ds,
            start_time=start_time,
            end_time=end_time,
        )

        job_list_item.additional_properties = d
        return job_list_item

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
