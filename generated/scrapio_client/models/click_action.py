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

T = TypeVar("T", bound="ClickAction")


@_attrs_define
class ClickAction:
    """Click the matched element."""

    type_: Literal["click"]
    selector: str
    settle_ms: int | Unset = UNSET
    """ Time to let the page settle after the click, in ms (1-30000). """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        selector = self.selector

        settle_ms = self.settle_ms

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "selector": selector,
            }
        )
        if settle_ms is not UNSET:
            field_dict["settle_ms"] = settle_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["click"], d.pop("type"))
        if type_ != "click":
            raise ValueError(f"type must match const 'click', got '{type_}'")

        selector = d.pop("selector")

        settle_ms = d.pop("settle_ms", UNSET)

        click_action = cls(
            type_=type_,
            selector=selector,
            settle_ms=settle_ms,
        )

        return click_action
