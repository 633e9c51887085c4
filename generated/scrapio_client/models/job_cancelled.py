from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_kind import JobKind
from ..models.job_mode import JobMode
from ..models.job_status import JobStatus

T = TypeVar("T", bound="JobCancelled")


@_attrs_define
class JobCancelled:
    """Job state after a cancel request (`cancelled` on 202; unchanged terminal status on 200)."""

    request_id: str
    job_id: str
    job_type: JobKind | str
    status: JobStatus | str
    mode: JobMode | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        job_id = self.job_id

        job_type: str
        if isinstance(self.job_type, JobKind):
            job_type = self.job_type.value
        else:
            job_type = self.job_type

        status: str
        if isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        mode: str
        if isinstance(self.mode, JobMode):
            mode = self.mode.value
        else:
            mode = self.mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "job_id": job_id,
                "job_type": job_type,
                "status": status,
                "mode": mode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_id = d.pop("request_id")

        job_id = d.pop("job_id")

        def _parse_job_type(data: object) -> JobKind | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_type_type_0 = JobKind(data)

                return job_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobKind | str, data)

        job_type = _parse_job_type(d.pop("job_type"))

        def _parse_status(data: object) -> JobStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = JobStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_mode(data: object) -> JobMode | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = JobMode(data)

                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobMode | str, data)

        mode = _parse_mode(d.pop("mode"))

        job_cancelled = cls(
            request_id=request_id,
            job_id=job_id,
            job_type=job_type,
            status=status,
            mode=mode,
        )

        job_cancelled.additional_properties = d
        return job_cancelled

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
