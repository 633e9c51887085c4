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

from ..models.selector_state import SelectorState
from ..types import UNSET, Unset

T = TypeVar("T", bound="WaitForSelectorAction")


@_attrs_define
class WaitForSelectorAction:
    type_: Literal["wait-for-selector"]
    selector: str
    time: int
    """ Maximum wait in milliseconds. """
    state: SelectorState | Unset = UNSET
    """ Element state to wait for. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        selector = self.selector

        time = self.time

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "selector": selector,
                "time": time,
            }
        )
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["wait-for-selector"], d.pop("type"))
        if type_ != "wait-for-selector":
            raise ValueError(f"type must match const 'wait-for-selector', got '{type_}'")

        selector = d.pop("selector")

        time = d.pop("time")

        _state = d.pop("state", UNSET)
        state: SelectorState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = SelectorState(_state)

        wait_for_selector_action = cls(
            type_=type_,
            selector=selector,
            time=time,
            state=state,
        )

        wait_for_selector_action.additional_properties = d
        return wait_for_selector_action

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
