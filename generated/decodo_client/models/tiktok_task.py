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

from ..models.headless import Headless
from ..types import UNSET, Unset

T = TypeVar("T", bound="TiktokTask")


@_attrs_define
class TiktokTask:
    """Task for target `tiktok` (IR group TikTok, response format html). Primary input `url`. Unknown keys are rejected."""

    target: Literal["tiktok"]
    """ Selects this parameter set. """
    url: str | Unset = UNSET
    """ URL to scrape (primary input). At most 2056 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    user_agent_type: str | Unset = UNSET
    """ User agent type used for the request. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        url = self.url

        headless: str | Unset = UNSET
        if not isinstance(self.headless, Unset):
            headless = self.headless.value

        user_agent_type = self.user_agent_type

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if headless is not UNSET:
            field_dict["headless"] = headless
        if user_agent_type is not UNSET:
            field_dict["user_agent_type"] = user_agent_type
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["tiktok"], d.pop("target"))
        if target != "tiktok":
            raise ValueError(f"target must match const 'tiktok', got '{target}'")

        url = d.pop("url", UNSET)

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        user_agent_type = d.pop("user_agent_type", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        tiktok_task = cls(
            target=target,
            url=url,
            headless=headless,
            user_agent_type=user_agent_type,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return tiktok_task
