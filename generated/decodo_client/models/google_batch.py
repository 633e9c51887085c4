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

T = TypeVar("T", bound="GoogleBatch")


@_attrs_define
class GoogleBatch:
    """Batch of tasks for target `google` (IR group Google, response format json). Primary input `url` as an array of
    strings. Unknown keys are rejected.

    """

    target: Literal["google"]
    """ Selects this parameter set. """
    url: list[str]
    """ URLs to scrape, one task each (primary input). At least one; the maximum depends on the subscription. Each
    at most 2056 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    locale: str | Unset = UNSET
    """ Interface locale, e.g. `en-us`. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    session_id: str | Unset = UNSET
    """ Sticky-session id: tasks sharing it reuse the same proxy IP for a while. """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
    xhr: bool | Unset = UNSET
    """ Also capture the XHR/fetch requests made by the page. """
    page_count: int | Unset = UNSET
    """ Number of results pages to fetch, 1-10. Server default 1. """
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

        device_type = self.device_type

        parse = self.parse

        session_id = self.session_id

        markdown = self.markdown

        xhr = self.xhr

        page_count = self.page_count

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "url": url,
            }
        )
        if headless is not UNSET:
            field_dict["headless"] = headless
        if locale is not UNSET:
            field_dict["locale"] = locale
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if parse is not UNSET:
            field_dict["parse"] = parse
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if xhr is not UNSET:
            field_dict["xhr"] = xhr
        if page_count is not UNSET:
            field_dict["page_count"] = page_count
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["google"], d.pop("target"))
        if target != "google":
            raise ValueError(f"target must match const 'google', got '{target}'")

        url = cast(list[str], d.pop("url"))

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        locale = d.pop("locale", UNSET)

        device_type = d.pop("device_type", UNSET)

        parse = d.pop("parse", UNSET)

        session_id = d.pop("session_id", UNSET)

        markdown = d.pop("markdown", UNSET)

        xhr = d.pop("xhr", UNSET)

        page_count = d.pop("page_count", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        google_batch = cls(
            target=target,
            url=url,
            headless=headless,
            locale=locale,
            device_type=device_type,
            parse=parse,
            session_id=session_id,
            markdown=markdown,
            xhr=xhr,
            page_count=page_count,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return google_batch
