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

T = TypeVar("T", bound="WaitForAction")


@_attrs_define
class WaitForAction:
    """Wait for the matched element to appear."""

    type_: Literal["wait_for"]
    selector: str
    timeout_ms: int | Unset = UNSET
    """ Maximum wait in ms (1-30000). """
    optional: bool | Unset = UNSET
    """ Continue instead of failing when the element never appears. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        selector = self.selector

        timeout_ms = self.timeout_ms

        optional = self.optional

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "selector": selector,
            }
        )
        if timeout_ms is not UNSET:
            field_dict["timeout_ms"] = timeout_ms
        if optional is not UNSET:
            field_dict["optional"] = optional

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["wait_for"], d.pop("type"))
        if type_ != "wait_for":
            raise ValueError(f"type must match const 'wait_for', got '{type_}'")

        selector = d.pop("selector")

        timeout_ms = d.pop("timeout_ms", UNSET)

        optional = d.pop("optional", UNSET)

        wait_for_action = cls(
            type_=type_,
            selector=selector,
            timeout_ms=timeout_ms,
            optional=optional,
        )

        return wait_for_action
