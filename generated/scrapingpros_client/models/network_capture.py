from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkCapture")


@_attrs_define
class NetworkCapture:
    """Capture network requests made by the page (requires `browser`; captured bodies are capped at 64 KB)."""

    resource_types: list[str] | Unset = UNSET
    """ Resource types to capture, e.g. `xhr`, `fetch`. """
    listen_after_load_ms: int | Unset = UNSET
    """ Keep listening this many milliseconds after page load. """
    url_pattern: str | Unset = UNSET
    """ Glob; bodies are captured only for matching URLs. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resource_types: list[str] | Unset = UNSET
        if not isinstance(self.resource_types, Unset):
            resource_types = self.resource_types

        listen_after_load_ms = self.listen_after_load_ms

        url_pattern = self.url_pattern

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resource_types is not UNSET:
            field_dict["resource_types"] = resource_types
        if listen_after_load_ms is not UNSET:
            field_dict["listen_after_load_ms"] = listen_after_load_ms
        if url_pattern is not UNSET:
            field_dict["url_pattern"] = url_pattern

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        resource_types = cast(list[str], d.pop("resource_types", UNSET))

        listen_after_load_ms = d.pop("listen_after_load_ms", UNSET)

        url_pattern = d.pop("url_pattern", UNSET)

        network_capture = cls(
            resource_types=resource_types,
            listen_after_load_ms=listen_after_load_ms,
            url_pattern=url_pattern,
        )

        network_capture.additional_properties = d
        return network_capture

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
