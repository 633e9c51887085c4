from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_type import WebhookEventType

if TYPE_CHECKING:
    from ..models.job import Job


T = TypeVar("T", bound="JobWebhookEvent")


@_attrs_define
class JobWebhookEvent:
    """Payload POSTed to `webhook.url` when a job finishes. ASSUMED shape (Scrapio documents
    none): the platform webhook envelope `{type, data}` with the job status object in `data`.

    """

    type_: str | WebhookEventType
    data: Job
    """ Status of a job. One open object for every `job_type`: fetch jobs carry `progress`,
    `outputs` and `diagnostics`; the other kinds carry `result`. `result_available: true`
    means `GET /v1/jobs/{job_id}/result` will answer 200.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str
        if isinstance(self.type_, WebhookEventType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job import Job  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_type_(data: object) -> str | WebhookEventType:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = WebhookEventType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | WebhookEventType, data)

        type_ = _parse_type_(d.pop("type"))

        data = Job.from_dict(d.pop("data"))

        job_webhook_event = cls(
            type_=type_,
            data=data,
        )

        job_webhook_event.additional_properties = d
        return job_webhook_event

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
