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

T = TypeVar("T", bound="TiktokPostBatch")


@_attrs_define
class TiktokPostBatch:
    """Batch of tasks for target `tiktok_post` (IR group TikTok, response format html). Primary input `url` as an array of
    strings. Unknown keys are rejected.

    """

    target: Literal["tiktok_post"]
    """ Selects this parameter set. """
    url: list[str]
    """ URLs to scrape, one task each (primary input). At least one; the maximum depends on the subscription. Each
    at most 2056 characters. """
    xhr: bool | Unset = UNSET
    """ Also capture the XHR/fetch requests made by the page. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        url = self.url

        xhr = self.xhr

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "url": url,
            }
        )
        if xhr is not UNSET:
            field_dict["xhr"] = xhr
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["tiktok_post"], d.pop("target"))
        if target != "tiktok_post":
            raise ValueError(f"target must match const 'tiktok_post', got '{target}'")

        url = cast(list[str], d.pop("url"))

        xhr = d.pop("xhr", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        tiktok_post_batch = cls(
            target=target,
            url=url,
            xhr=xhr,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return tiktok_post_batch
