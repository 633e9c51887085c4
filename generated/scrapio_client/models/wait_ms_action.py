from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="WaitMsAction")


@_attrs_define
class WaitMsAction:
    """Wait a fixed duration."""

    type_: Literal["wait_ms"]
    duration_ms: int
    """ Duration in ms (positive integer). """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        duration_ms = self.duration_ms

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "duration_ms": duration_ms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["wait_ms"], d.pop("type"))
        if type_ != "wait_ms":
            raise ValueError(f"type must match const 'wait_ms', got '{type_}'")

        duration_ms = d.pop("duration_ms")

        wait_ms_action = cls(
            type_=type_,
            duration_ms=duration_ms,
        )

        return wait_ms_action
