from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Webhook")


@_attrs_define
class Webhook:
    """Webhook called when the job finishes. No signature is documented: put a secret in the URL
    query (e.g. `?token=...`) to authenticate deliveries.

    """

    url: str = _attrs_field(repr=False)
    """ Absolute http(s) URL to POST the job event to. """

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        webhook = cls(
            url=url,
        )

        return webhook
