from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProxyConfig")


@_attrs_define
class ProxyConfig:
    """Proxy with retry policy."""

    proxy: str | Unset = UNSET
    """ `any` or a country code (country codes need account approval). """
    max_retries: int | Unset = UNSET
    """ Retries through the proxy (server default 3). """
    delay_seconds: float | Unset = UNSET
    """ Initial delay between retries in seconds (server default 1). """
    backoff_factor: float | Unset = UNSET
    """ Multiplier applied to the delay after each retry (server default 2). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        proxy = self.proxy

        max_retries = self.max_retries

        delay_seconds = self.delay_seconds

        backoff_factor = self.backoff_factor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if proxy is not UNSET:
            field_dict["proxy"] = proxy
        if max_retries is not UNSET:
            field_dict["max_retries"] = max_retries
        if delay_seconds is not UNSET:
            field_dict["delay_seconds"] = delay_seconds
        if backoff_factor is not UNSET:
            field_dict["backoff_factor"] = backoff_factor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        proxy = d.pop("proxy", UNSET)

        max_retries = d.pop("max_retries", UNSET)

        delay_seconds = d.pop("delay_seconds", UNSET)

        backoff_factor = d.pop("backoff_factor", UNSET)

        proxy_config = cls(
            proxy=proxy,
            max_retries=max_retries,
            delay_seconds=delay_seconds,
            backoff_factor=backoff_factor,
        )

        proxy_config.additional_properties = d
        return proxy_config

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
