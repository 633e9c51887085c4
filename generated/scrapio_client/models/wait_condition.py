from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WaitCondition")


@_attrs_define
class WaitCondition:
    """Condition to wait for before capturing the page."""

    network_idle: bool | Unset = UNSET
    """ Wait until the network is idle. """

    def to_dict(self) -> dict[str, Any]:
        network_idle = self.network_idle

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if network_idle is not UNSET:
            field_dict["network_idle"] = network_idle

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        network_idle = d.pop("network_idle", UNSET)

        wait_condition = cls(
            network_idle=network_idle,
        )

        return wait_condition
