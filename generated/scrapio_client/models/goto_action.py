from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GotoAction")


@_attrs_define
class GotoAction:
    """Navigate to a URL."""

    type_: Literal["goto"]
    url: str | Unset = UNSET
    """ Absolute URL to open. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["goto"], d.pop("type"))
        if type_ != "goto":
            raise ValueError(f"type must match const 'goto', got '{type_}'")

        url = d.pop("url", UNSET)

        goto_action = cls(
            type_=type_,
            url=url,
        )

        return goto_action
