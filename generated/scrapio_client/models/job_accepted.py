from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_kind import JobKind
from ..models.job_mode import JobMode
from ..models.job_status import JobStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="JobAccepted")


@_attrs_define
class JobAccepted:
    """Answer to a submission. Open object: Scrapio may add `job_type` and, for auto-promoted
    requests, `reason`.

    """

    request_id: str
    """ Id of this API request (a UUID in practice). """
    mode: JobMode | str
    status: JobStatus | str
    """ `queued` for a new job; an idempotent replay may report a later status. """
    job_id: str
    """ Job identifier (e.g. `job_abc123`). """
    job_type: JobKind | str | Unset = UNSET
    reason: str | Unset = UNSET
    """ Why a request was run asynchronously (sent when an inline request is auto-promoted; meaning not documented).
    """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        mode: str
        if isinstance(self.mode, JobMode):
            mode = self.mode.value
        else:
            mode = self.mode

        status: str
        if isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        job_id = self.job_id

        job_type: str | Unset
        if isinstance(self.job_type, Unset):
            job_type = UNSET
        elif isinstance(self.job_type, JobKind):
            job_type = self.job_type.value
        else:
            job_type = self.job_type

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "mode": mode,
                "status": status,
                "job_id": job_id,
            }
        )
        if job_type is not UNSET:
            field_dict["job_type"] = job_type
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_id = d.pop("request_id")

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

        job_id = d.pop("job_id")

        def _parse_job_type(data: object) -> JobKind | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_type_type_0 = JobKind(data)

                return job_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobKind | str | Unset, data)

        job_type = _parse_job_type(d.pop("job_type", UNSET))

        reason = d.pop("reason", UNSET)

        job_accepted = cls(
            request_id=request_id,
            mode=mode,
            status=status,
            job_id=job_id,
            job_type=job_type,
            reason=reason,
        )

        job_accepted.additional_properties = d
        return job_accepted

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
