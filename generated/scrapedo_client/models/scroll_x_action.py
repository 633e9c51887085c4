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

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScrollXAction")


@_attrs_define
class ScrollXAction:
    """Scroll horizontally by `Value` pixels (the page, or the element matching `Selector`)."""

    action: Literal["ScrollX"]
    value: float
    """ Distance in pixels. """
    selector: str | Unset = UNSET
    """ CSS selector of the element to scroll; the page when absent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        value = self.value

        selector = self.selector

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Action": action,
                "Value": value,
            }
        )
        if selector is not UNSET:
            field_dict["Selector"] = selector

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["ScrollX"], d.pop("Action"))
        if action != "ScrollX":
            raise ValueError(f"Action must match const 'ScrollX', got '{action}'")

        value = d.pop("Value")

        selector = d.pop("Selector", UNSET)

        scroll_x_action = cls(
            action=action,
            value=value,
            selector=selector,
        )

        scroll_x_action.additional_properties = d
        return scroll_x_action

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
