from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blocked_url_reason import BlockedUrlReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="BlockedUrl")


@_attrs_define
class BlockedUrl:
    """A request rejected by the URL safety check (not stored)."""

    index: int
    """ Position of the item in the submitted `requests`. """
    url: str
    reason: BlockedUrlReason | str
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        url = self.url

        reason: str
        if isinstance(self.reason, BlockedUrlReason):
            reason = self.reason.value
        else:
            reason = self.reason

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "url": url,
                "reason": reason,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        index = d.pop("index")

        url = d.pop("url")

        def _parse_reason(data: object) -> BlockedUrlReason | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = BlockedUrlReason(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BlockedUrlReason | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        blocked_url = cls(
            index=index,
            url=url,
            reason=reason,
            message=message,
        )

        blocked_url.additional_properties = d
        return blocked_url

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
