from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkRequest")


@_attrs_define
class NetworkRequest:
    """A captured network request (open object); body fields appear when `url_pattern` matched."""

    url: str | Unset = UNSET
    body: None | str | Unset = UNSET
    """ Response body (capped at 64 KB). """
    body_truncated: bool | Unset = UNSET
    body_error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        body_truncated = self.body_truncated

        body_error: None | str | Unset
        if isinstance(self.body_error, Unset):
            body_error = UNSET
        else:
            body_error = self.body_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if body is not UNSET:
            field_dict["body"] = body
        if body_truncated is not UNSET:
            field_dict["body_truncated"] = body_truncated
        if body_error is not UNSET:
            field_dict["body_error"] = body_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url", UNSET)

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        body_truncated = d.pop("body_truncated", UNSET)

        def _parse_body_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body_error = _parse_body_error(d.pop("body_error", UNSET))

        network_request = cls(
            url=url,
            body=body,
            body_truncated=body_truncated,
            body_error=body_error,
        )

        network_request.additional_properties = d
        return network_request

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
