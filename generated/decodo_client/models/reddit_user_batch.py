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

T = TypeVar("T", bound="RedditUserBatch")


@_attrs_define
class RedditUserBatch:
    """Batch of tasks for target `reddit_user` (IR group Reddit, response format json). Primary input `url` as an array of
    strings. Unknown keys are rejected.

    """

    target: Literal["reddit_user"]
    """ Selects this parameter set. """
    url: list[str]
    """ URLs to scrape, one task each (primary input). At least one; the maximum depends on the subscription. Each
    at most 2056 characters. """
    locale: str | Unset = UNSET
    """ Interface locale, e.g. `en-us`. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
    sort: str | Unset = UNSET
    """ Sort order of the Reddit user listing. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        url = self.url

        locale = self.locale

        geo = self.geo

        sort = self.sort

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "url": url,
            }
        )
        if locale is not UNSET:
            field_dict["locale"] = locale
        if geo is not UNSET:
            field_dict["geo"] = geo
        if sort is not UNSET:
            field_dict["sort"] = sort
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["reddit_user"], d.pop("target"))
        if target != "reddit_user":
            raise ValueError(f"target must match const 'reddit_user', got '{target}'")

        url = cast(list[str], d.pop("url"))

        locale = d.pop("locale", UNSET)

        geo = d.pop("geo", UNSET)

        sort = d.pop("sort", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        reddit_user_batch = cls(
            target=target,
            url=url,
            locale=locale,
            geo=geo,
            sort=sort,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return reddit_user_batch
