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

T = TypeVar("T", bound="WalmartTask")


@_attrs_define
class WalmartTask:
    """Task for target `walmart` (IR group Walmart, response format html). Primary input `url`. Unknown keys are rejected."""

    target: Literal["walmart"]
    """ Selects this parameter set. """
    url: str | Unset = UNSET
    """ URL to scrape (primary input). At most 2056 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    locale: str | Unset = UNSET
    """ Interface locale, e.g. `en-us`. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
    store_id: str | Unset = UNSET
    """ Store id used for store-specific Walmart pages. """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
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

        headless: str | Unset = UNSET
        if not isinstance(self.headless, Unset):
            headless = self.headless.value

        locale = self.locale

        geo = self.geo

        device_type = self.device_type

        store_id = self.store_id

        markdown = self.markdown

        xhr = self.xhr

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
        if locale is not UNSET:
            field_dict["locale"] = locale
        if geo is not UNSET:
            field_dict["geo"] = geo
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if store_id is not UNSET:
            field_dict["store_id"] = store_id
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
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
        target = cast(Literal["walmart"], d.pop("target"))
        if target != "walmart":
            raise ValueError(f"target must match const 'walmart', got '{target}'")

        url = d.pop("url", UNSET)

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        locale = d.pop("locale", UNSET)

        geo = d.pop("geo", UNSET)

        device_type = d.pop("device_type", UNSET)

        store_id = d.pop("store_id", UNSET)

        markdown = d.pop("markdown", UNSET)

        xhr = d.pop("xhr", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        walmart_task = cls(
            target=target,
            url=url,
            headless=headless,
            locale=locale,
            geo=geo,
            device_type=device_type,
            store_id=store_id,
            markdown=markdown,
            xhr=xhr,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return walmart_task
