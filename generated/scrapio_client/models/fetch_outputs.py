from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fetch_json_output import FetchJsonOutput
    from ..models.screenshot import Screenshot


T = TypeVar("T", bound="FetchOutputs")


@_attrs_define
class FetchOutputs:
    """Outputs of a fetch job, one property per requested output format."""

    html: str | Unset = UNSET
    markdown: str | Unset = UNSET
    json: FetchJsonOutput | Unset = UNSET
    """ Structured data extracted by `extract` (free-form object). """
    screenshot: Screenshot | Unset = UNSET
    """ Screenshot output. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        html = self.html

        markdown = self.markdown

        json: dict[str, Any] | Unset = UNSET
        if not isinstance(self.json, Unset):
            json = self.json.to_dict()

        screenshot: dict[str, Any] | Unset = UNSET
        if not isinstance(self.screenshot, Unset):
            screenshot = self.screenshot.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if html is not UNSET:
            field_dict["html"] = html
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if json is not UNSET:
            field_dict["json"] = json
        if screenshot is not UNSET:
            field_dict["screenshot"] = screenshot

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fetch_json_output import FetchJsonOutput  # noqa: PLC0415
        from ..models.screenshot import Screenshot  # noqa: PLC0415

        d = dict(src_dict)
        html = d.pop("html", UNSET)

        markdown = d.pop("markdown", UNSET)

        _json = d.pop("json", UNSET)
        json: FetchJsonOutput | Unset
        if isinstance(_json, Unset):
            json = UNSET
        else:
            json = FetchJsonOutput.from_dict(_json)

        _screenshot = d.pop("screenshot", UNSET)
        screenshot: Screenshot | Unset
        if isinstance(_screenshot, Unset):
            screenshot = UNSET
        else:
            screenshot = Screenshot.from_dict(_screenshot)

        fetch_outputs = cls(
            html=html,
            markdown=markdown,
            json=json,
            screenshot=screenshot,
        )

        fetch_outputs.additional_properties = d
        return fetch_outputs

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
