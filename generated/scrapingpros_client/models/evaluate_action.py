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

T = TypeVar("T", bound="EvaluateAction")


@_attrs_define
class EvaluateAction:
    type_: Literal["evaluate"]
    script: str
    """ JavaScript evaluated in the page; its value is reported in `evaluate_results`. """
    timeout: int | Unset = UNSET
    """ Script timeout in milliseconds (server default 30000). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        script = self.script

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "script": script,
            }
        )
        if timeout is not UNSET:
            field_dict["timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["evaluate"], d.pop("type"))
        if type_ != "evaluate":
            raise ValueError(f"type must match const 'evaluate', got '{type_}'")

        script = d.pop("script")

        timeout = d.pop("timeout", UNSET)

        evaluate_action = cls(
            type_=type_,
            script=script,
            timeout=timeout,
        )

        evaluate_action.additional_properties = d
        return evaluate_action

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
