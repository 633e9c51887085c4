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

T = TypeVar("T", bound="ScreenShotAction")


@_attrs_define
class ScreenShotAction:
    """Take a screenshot at this point of the action list. Note the camelCase keys inside this action (`fullScreenShot`,
    `particularScreenShot`), unlike the `Render` options.

    """

    action: Literal["ScreenShot"]
    full_screen_shot: bool | str | Unset = UNSET
    """ Capture the full page. The official node client types it as a string, the intent is a boolean; both are
    accepted here (open point). """
    particular_screen_shot: str | Unset = UNSET
    """ CSS selector of the element to capture. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        full_screen_shot: bool | str | Unset
        if isinstance(self.full_screen_shot, Unset):
            full_screen_shot = UNSET
        else:
            full_screen_shot = self.full_screen_shot

        particular_screen_shot = self.particular_screen_shot

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Action": action,
            }
        )
        if full_screen_shot is not UNSET:
            field_dict["fullScreenShot"] = full_screen_shot
        if particular_screen_shot is not UNSET:
            field_dict["particularScreenShot"] = particular_screen_shot

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["ScreenShot"], d.pop("Action"))
        if action != "ScreenShot":
            raise ValueError(f"Action must match const 'ScreenShot', got '{action}'")

        def _parse_full_screen_shot(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        full_screen_shot = _parse_full_screen_shot(d.pop("fullScreenShot", UNSET))

        particular_screen_shot = d.pop("particularScreenShot", UNSET)

        screen_shot_action = cls(
            action=action,
            full_screen_shot=full_screen_shot,
            particular_screen_shot=particular_screen_shot,
        )

        screen_shot_action.additional_properties = d
        return screen_shot_action

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
