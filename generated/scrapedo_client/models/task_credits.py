from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskCredits")


@_attrs_define
class TaskCredits:
    """Credit accounting of a task (the `"Scrape.do"` object). Values are decimal numbers sent as strings."""

    credits_used: str | Unset = UNSET
    """ Credits this task cost, as a decimal string. """
    remaining_credits: str | Unset = UNSET
    """ Credits left on the account after this task, as a decimal string. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credits_used = self.credits_used

        remaining_credits = self.remaining_credits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if credits_used is not UNSET:
            field_dict["Credits-Used"] = credits_used
        if remaining_credits is not UNSET:
            field_dict["Remaining-Credits"] = remaining_credits

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credits_used = d.pop("Credits-Used", UNSET)

        remaining_credits = d.pop("Remaining-Credits", UNSET)

        task_credits = cls(
            credits_used=credits_used,
            remaining_credits=remaining_credits,
        )

        task_credits.additional_properties = d
        return task_credits

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
