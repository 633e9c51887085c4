from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.response_headers import ResponseHeaders


T = TypeVar("T", bound="JobResponse")


@_attrs_define
class JobResponse:
    """The target's response, present once the job is `finished`."""

    headers: ResponseHeaders
    """ Target response headers, names lower-cased, values strings. Includes `sa-final-url`,
    `sa-statuscode` and sometimes `sa-credit-cost`. """
    status_code: int
    """ HTTP status the target answered with (e.g. 200, 403). """
    body: str | Unset = UNSET
    """ Response body as text (absent for binary targets). """
    base_64_encoded_body: str | Unset = UNSET
    """ Response body, Base64-encoded, for binary targets (instead of `body`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        headers = self.headers.to_dict()

        status_code = self.status_code

        body = self.body

        base_64_encoded_body = self.base_64_encoded_body

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "headers": headers,
                "statusCode": status_code,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if base_64_encoded_body is not UNSET:
            field_dict["base64EncodedBody"] = base_64_encoded_body

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.response_headers import ResponseHeaders  # noqa: PLC0415

        d = dict(src_dict)
        headers = ResponseHeaders.from_dict(d.pop("headers"))

        status_code = d.pop("statusCode")

        body = d.pop("body", UNSET)

        base_64_encoded_body = d.pop("base64EncodedBody", UNSET)

        job_response = cls(
            headers=headers,
            status_code=status_code,
            body=body,
            base_64_encoded_body=base_64_encoded_body,
        )

        job_response.additional_properties = d
        return job_response

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
