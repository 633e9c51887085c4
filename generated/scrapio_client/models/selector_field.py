from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.selector_value_type import SelectorValueType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SelectorField")


@_attrs_define
class SelectorField:
    """One field extracted by CSS selector."""

    selector: str
    """ CSS selector. """
    type_: SelectorValueType
    """ What to take from the matched element (`attr` needs `attribute`). """
    attribute: str | Unset = UNSET
    """ Attribute name; required when `type` is `attr`. """

    def to_dict(self) -> dict[str, Any]:
        selector = self.selector

        type_ = self.type_.value

        attribute = self.attribute

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "selector": selector,
                "type": type_,
            }
        )
        if attribute is not UNSET:
            field_dict["attribute"] = attribute

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        selector = d.pop("selector")

        type_ = SelectorValueType(d.pop("type"))

        attribute = d.pop("attribute", UNSET)

        selector_field = cls(
            selector=selector,
            type_=type_,
            attribute=attribute,
        )

        return selector_field
