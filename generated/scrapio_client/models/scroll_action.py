from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..models.scroll_direction import ScrollDirection
from ..types import UNSET, Unset

T = TypeVar("T", bound="ScrollAction")


@_attrs_define
class ScrollAction:
    """Scroll the page or the matched element."""

    type_: Literal["scroll"]
    selector: str | Unset = UNSET
    direction: ScrollDirection | Unset = UNSET
    """ Scroll direction. """
    amount: int | Unset = UNSET
    """ Scroll distance (positive integer; unit not documented, presumably pixels). """
    until_stable: bool | Unset = UNSET
    """ Keep scrolling until no new content loads. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        selector = self.selector

        direction: str | Unset = UNSET
        if not isinstance(self.direction, Unset):
            direction = self.direction.value

        amount = self.amount

        until_stable = self.until_stable

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if selector is not UNSET:
            field_dict["selector"] = selector
        if direction is not UNSET:
            field_dict["direction"] = direction
        if amount is not UNSET:
            field_dict["amount"] = amount
        if until_stable is not UNSET:
            field_dict["until_stable"] = until_stable

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["scroll"], d.pop("type"))
        if type_ != "scroll":
            raise ValueError(f"type must match const 'scroll', got '{type_}'")

        selector = d.pop("selector", UNSET)

        _direction = d.pop("direction", UNSET)
        direction: ScrollDirection | Unset
        if isinstance(_direction, Unset):
            direction = UNSET
        else:
            direction = ScrollDirection(_direction)

        amount = d.pop("amount", UNSET)

        until_stable = d.pop("until_stable", UNSET)

        scroll_action = cls(
            type_=type_,
            selector=selector,
            direction=direction,
            amount=amount,
            until_stable=until_stable,
        )

        return scroll_action
