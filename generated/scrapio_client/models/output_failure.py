from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.output_format import OutputFormat

T = TypeVar("T", bound="OutputFailure")


@_attrs_define
class OutputFailure:
    """One requested output that could not be produced."""

    output: OutputFormat | str
    code: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        output: str
        if isinstance(self.output, OutputFormat):
            output = self.output.value
        else:
            output = self.output

        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "output": output,
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_output(data: object) -> OutputFormat | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                output_type_0 = OutputFormat(data)

                return output_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(OutputFormat | str, data)

        output = _parse_output(d.pop("output"))

        code = d.pop("code")

        message = d.pop("message")

        output_failure = cls(
            output=output,
            code=code,
            message=message,
        )

        output_failure.additional_properties = d
        return output_failure

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
