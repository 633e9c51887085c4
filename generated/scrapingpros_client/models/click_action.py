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

T = TypeVar("T", bound="ClickAction")


@_attrs_define
class ClickAction:
    type_: Literal["click"]
    selector: str
    """ Element selector (may carry a prefix such as `css:`). """
    wait_for_navigation: bool | Unset = UNSET
    """ Wait for the navigation the click triggers (server default false). """
    optional: bool | Unset = UNSET
    """ Do not fail when the element is missing (server default false). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        selector = self.selector

        wait_for_navigation = self.wait_for_navigation

        optional = self.optional

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "selector": selector,
            }
        )
        if wait_for_navigation is not UNSET:
            field_dict["wait_for_navigation"] = wait_for_navigation
        if optional is not UNSET:
            field_dict["optional"] = optional

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["click"], d.pop("type"))
        if type_ != "click":
            raise ValueError(f"type must match const 'click', got '{type_}'")

        selector = d.pop("selector")

        wait_for_navigation = d.pop("wait_for_navigation", UNSET)

        optional = d.pop("optional", UNSET)

        click_action = cls(
            type_=type_,
            selector=selector,
            wait_for_navigation=wait_for_navigation,
            optional=optional,
        )

        click_action.additional_properties = d
        return click_action

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
