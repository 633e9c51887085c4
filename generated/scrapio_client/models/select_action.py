from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="SelectAction")


@_attrs_define
class SelectAction:
    """Select an option in the matched `<select>`."""

    type_: Literal["select"]
    selector: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        selector = self.selector

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "selector": selector,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["select"], d.pop("type"))
        if type_ != "select":
            raise ValueError(f"type must match const 'select', got '{type_}'")

        selector = d.pop("selector")

        value = d.pop("value")

        select_action = cls(
            type_=type_,
            selector=selector,
            value=value,
        )

        return select_action
