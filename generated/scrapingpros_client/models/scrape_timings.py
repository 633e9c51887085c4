from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScrapeTimings")


@_attrs_define
class ScrapeTimings:
    """Timing breakdown in milliseconds, e.g. `queue_wait_ms`, `proxy_ms` (open object)."""

    queue_wait_ms: float | Unset = UNSET
    proxy_ms: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        queue_wait_ms = self.queue_wait_ms

        proxy_ms = self.proxy_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if queue_wait_ms is not UNSET:
            field_dict["queue_wait_ms"] = queue_wait_ms
        if proxy_ms is not UNSET:
            field_dict["proxy_ms"] = proxy_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        queue_wait_ms = d.pop("queue_wait_ms", UNSET)

        proxy_ms = d.pop("proxy_ms", UNSET)

        scrape_timings = cls(
            queue_wait_ms=queue_wait_ms,
            proxy_ms=proxy_ms,
        )

        scrape_timings.additional_properties = d
        return scrape_timings

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
