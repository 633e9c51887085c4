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

T = TypeVar("T", bound="BingSearchBatch")


@_attrs_define
class BingSearchBatch:
    """Batch of tasks for target `bing_search` (IR group Bing, response format json). Primary input `query` as an array of
    strings. Unknown keys are rejected.

    """

    target: Literal["bing_search"]
    """ Selects this parameter set. """
    query: list[str]
    """ Queries or item identifiers, one task each (primary input). At least one; the maximum depends on the
    subscription. Each at most 2048 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    locale: str | Unset = UNSET
    """ Interface locale, e.g. `en-us`. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
    domain: str | Unset = UNSET
    """ Top-level domain of the target site, e.g. `com`, `co.uk`. Server default `com`. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
    page_from: int | Unset = UNSET
    """ First results page to fetch, 0-100. Server default 1. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    page_count: int | Unset = UNSET
    """ Number of results pages to fetch, 1-10. Server default 1. """
    session_id: str | Unset = UNSET
    """ Sticky-session id: tasks sharing it reuse the same proxy IP for a while. """
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

        query = self.query

        headless: str | Unset = UNSET
        if not isinstance(self.headless, Unset):
            headless = self.headless.value

        locale = self.locale

        geo = self.geo

        domain = self.domain

        device_type = self.device_type

        page_from = self.page_from

        parse = self.parse

        page_count = self.page_count

        session_id = self.session_id

        markdown = self.markdown

        xhr = self.xhr

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "query": query,
            }
        )
        if headless is not UNSET:
            field_dict["headless"] = headless
        if locale is not UNSET:
            field_dict["locale"] = locale
        if geo is not UNSET:
            field_dict["geo"] = geo
        if domain is not UNSET:
            field_dict["domain"] = domain
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if page_from is not UNSET:
            field_dict["page_from"] = page_from
        if parse is not UNSET:
            field_dict["parse"] = parse
        if page_count is not UNSET:
            field_dict["page_count"] = page_count
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
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
        target = cast(Literal["bing_search"], d.pop("target"))
        if target != "bing_search":
            raise ValueError(f"target must match const 'bing_search', got '{target}'")

        query = cast(list[str], d.pop("query"))

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        locale = d.pop("locale", UNSET)

        geo = d.pop("geo", UNSET)

        domain = d.pop("domain", UNSET)

        device_type = d.pop("device_type", UNSET)

        page_from = d.pop("page_from", UNSET)

        parse = d.pop("parse", UNSET)

        page_count = d.pop("page_count", UNSET)

        session_id = d.pop("session_id", UNSET)

        markdown = d.pop("markdown", UNSET)

        xhr = d.pop("xhr", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        bing_search_batch = cls(
            target=target,
            query=query,
            headless=headless,
            locale=locale,
            geo=geo,
            domain=domain,
            device_type=device_type,
            page_from=page_from,
            parse=parse,
            page_count=page_count,
            session_id=session_id,
            markdown=markdown,
            xhr=xhr,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return bing_search_batch
