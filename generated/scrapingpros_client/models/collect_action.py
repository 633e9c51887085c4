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
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.extract_rules import ExtractRules


T = TypeVar("T", bound="CollectAction")


@_attrs_define
class CollectAction:
    type_: Literal["collect"]
    extract: ExtractRules
    """ Extraction map: output name to a CSS/XPath selector string (optionally prefixed, e.g.
    `css:h1`) or a rule object. Results appear in `extracted_data`.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        extract = self.extract.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "extract": extract,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.extract_rules import ExtractRules  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["collect"], d.pop("type"))
        if type_ != "collect":
            raise ValueError(f"type must match const 'collect', got '{type_}'")

        extract = ExtractRules.from_dict(d.pop("extract"))

        collect_action = cls(
            type_=type_,
            extract=extract,
        )

        collect_action.additional_properties = d
        return collect_action

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
