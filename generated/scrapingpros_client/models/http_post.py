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

from ..models.post_content_type import PostContentType
from ..types import UNSET, Unset

T = TypeVar("T", bound="HttpPost")


@_attrs_define
class HttpPost:
    """POST to the URL (or to `url`, when given) with an optional payload."""

    method: Literal["post"]
    payload: Any | Unset = UNSET
    """ Body to send, a JSON object or array (left untyped so either passes through unchanged). """
    url: str | Unset = UNSET
    """ Alternative URL to POST to. """
    content_type: PostContentType | Unset = UNSET
    """ How the POST `payload` is encoded. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        payload = self.payload

        url = self.url

        content_type: str | Unset = UNSET
        if not isinstance(self.content_type, Unset):
            content_type = self.content_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
            }
        )
        if payload is not UNSET:
            field_dict["payload"] = payload
        if url is not UNSET:
            field_dict["url"] = url
        if content_type is not UNSET:
            field_dict["content_type"] = content_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        method = cast(Literal["post"], d.pop("method"))
        if method != "post":
            raise ValueError(f"method must match const 'post', got '{method}'")

        payload = d.pop("payload", UNSET)

        url = d.pop("url", UNSET)

        _content_type = d.pop("content_type", UNSET)
        content_type: PostContentType | Unset
        if isinstance(_content_type, Unset):
            content_type = UNSET
        else:
            content_type = PostContentType(_content_type)

        http_post = cls(
            method=method,
            payload=payload,
            url=url,
            content_type=content_type,
        )

        http_post.additional_properties = d
        return http_post

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
