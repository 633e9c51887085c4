from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_meta import JobMeta
    from ..models.job_response import JobResponse


T = TypeVar("T", bound="JobCallback")


@_attrs_define
class JobCallback:
    """Webhook payload of `jobFinished`: the same object `GET /jobs/{jobId}` returns
    (finished, or failed when `expectUnsuccessReport` was set).

    """

    id: str
    """ Job id (a UUID). """
    status: JobStatus | str
    """ Job state; known values in `JobStatus`, unknown ones are kept as strings. """
    url: str
    """ The target URL. """
    status_url: str | Unset = UNSET
    """ Absolute URL of `GET /jobs/{jobId}` for this job. """
    attempts: int | Unset = UNSET
    """ Number of attempts made so far. """
    response: JobResponse | Unset = UNSET
    """ The target's response, present once the job is `finished`. """
    fail_reason: str | Unset = UNSET
    """ Why the job failed (e.g. `failed_due_to_timeout`); present when `failed`. """
    meta: JobMeta | Unset = UNSET
    """ Free-form data of yours (e.g. your request id), echoed back in job responses and webhooks. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: str
        if isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        url = self.url

        status_url = self.status_url

        attempts = self.attempts

        response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response, Unset):
            response = self.response.to_dict()

        fail_reason = self.fail_reason

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "url": url,
            }
        )
        if status_url is not UNSET:
            field_dict["statusUrl"] = status_url
        if attempts is not UNSET:
            field_dict["attempts"] = attempts
        if response is not UNSET:
            field_dict["response"] = response
        if fail_reason is not UNSET:
            field_dict["failReason"] = fail_reason
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_meta import JobMeta  # noqa: PLC0415
        from ..models.job_response import JobResponse  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

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

        url = d.pop("url")

        status_url = d.pop("statusUrl", UNSET)

        attempts = d.pop("attempts", UNSET)

        _response = d.pop("response", UNSET)
        response: JobResponse | Unset
        if isinstance(_response, Unset):
            response = UNSET
        else:
            response = JobResponse.from_dict(_response)

        fail_reason = d.pop("failReason", UNSET)

        _meta = d.pop("meta", UNSET)
        meta: JobMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = JobMeta.from_dict(_meta)

        job_callback = cls(
            id=id,
            status=status,
            url=url,
            status_url=status_url,
            attempts=attempts,
            response=response,
            fail_reason=fail_reason,
            meta=meta,
        )

        job_callback.additional_properties = d
        return job_callback

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
