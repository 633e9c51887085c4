from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateJobResponse")


@_attrs_define
class CreateJobResponse:
    """Answer to Create Job."""

    job_id: str
    """ UUID of the new job. """
    task_i_ds: list[str]
    """ UUID of each task, one per target, in target order. """
    message: str | Unset = UNSET
    """ Human-readable confirmation, e.g. "Job created successfully". """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        task_i_ds = self.task_i_ds

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "JobID": job_id,
                "TaskIDs": task_i_ds,
            }
        )
        if message is not UNSET:
            field_dict["Message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        job_id = d.pop("JobID")

        task_i_ds = cast(list[str], d.pop("TaskIDs"))

        message = d.pop("Message", UNSET)

        create_job_response = cls(
            job_id=job_id,
            task_i_ds=task_i_ds,
            message=message,
        )

        create_job_response.additional_properties = d
        return create_job_response

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
