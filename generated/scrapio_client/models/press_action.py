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

T = TypeVar("T", bound="PressAction")


@_attrs_define
class PressAction:
    """Press a keyboard key, optionally on the matched element."""

    type_: Literal["press"]
    key: str
    selector: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        key = self.key

        selector = self.selector

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "key": key,
            }
        )
        if selector is not UNSET:
            field_dict["selector"] = selector

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["press"], d.pop("type"))
        if type_ != "press":
            raise ValueError(f"type must match const 'press', got '{type_}'")

        key = d.pop("key")

        selector = d.pop("selector", UNSET)

        press_action = cls(
            type_=type_,
            key=key,
            selector=selector,
        )

        return press_action
