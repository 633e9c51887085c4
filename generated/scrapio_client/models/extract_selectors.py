from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.selector_field_map import SelectorFieldMap


T = TypeVar("T", bound="ExtractSelectors")


@_attrs_define
class ExtractSelectors:
    """Extract named fields with CSS selectors."""

    mode: Literal["selectors"]
    fields: SelectorFieldMap
    """ Field name -> selector rule. """

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        fields = self.fields.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
                "fields": fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.selector_field_map import SelectorFieldMap  # noqa: PLC0415

        d = dict(src_dict)
        mode = cast(Literal["selectors"], d.pop("mode"))
        if mode != "selectors":
            raise ValueError(f"mode must match const 'selectors', got '{mode}'")

        fields = SelectorFieldMap.from_dict(d.pop("fields"))

        extract_selectors = cls(
            mode=mode,
            fields=fields,
        )

        return extract_selectors
