from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExtractPage")


@_attrs_define
class ExtractPage:
    """Extract the whole page without configuration."""

    mode: Literal["page"]

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = cast(Literal["page"], d.pop("mode"))
        if mode != "page":
            raise ValueError(f"mode must match const 'page', got '{mode}'")

        extract_page = cls(
            mode=mode,
        )

        return extract_page
