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

T = TypeVar("T", bound="WaitSelectorAction")


@_attrs_define
class WaitSelectorAction:
    """Wait until an element matching `WaitSelector` appears."""

    action: Literal["WaitSelector"]
    wait_selector: str
    """ CSS selector to wait for. """
    timeout: int | Unset = UNSET
    """ Maximum wait in milliseconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        wait_selector = self.wait_selector

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Action": action,
                "WaitSelector": wait_selector,
            }
        )
        if timeout is not UNSET:
            field_dict["Timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["WaitSelector"], d.pop("Action"))
        if action != "WaitSelector":
            raise ValueError(f"Action must match const 'WaitSelector', got '{action}'")

        wait_selector = d.pop("WaitSelector")

        timeout = d.pop("Timeout", UNSET)

        wait_selector_action = cls(
            action=action,
            wait_selector=wait_selector,
            timeout=timeout,
        )

        wait_selector_action.additional_properties = d
        return wait_selector_action

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
