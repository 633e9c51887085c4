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

T = TypeVar("T", bound="GoogleSearchTask")


@_attrs_define
class GoogleSearchTask:
    """Task for target `google_search` (IR group Google, response format json). Primary input `query`. Unknown keys are
    rejected.

    """

    target: Literal["google_search"]
    """ Selects this parameter set. """
    query: str | Unset = UNSET
    """ Search query, keyword or item identifier for this target (primary input). At most 2048 characters. """
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
    page_from: int | Unset = UNSET
    """ First results page to fetch, 0-100. Server default 1. """
    google_results_language: str | Unset = UNSET
    """ Google results language (`hl`), e.g. `en`. """
    google_tbm: str | Unset = UNSET
    """ Google `tbm` search-type parameter, e.g. `isch` (images), `nws` (news). """
    google_tbs: str | Unset = UNSET
    """ Google `tbs` parameter (time range and other search filters). """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    google_nfpr: bool | Unset = UNSET
    """ Disable Google's automatic spelling correction (`nfpr=1`). """
    google_safe_search: bool | Unset = UNSET
    """ Enable Google SafeSearch. """
    session_id: str | Unset = UNSET
    """ Sticky-session id: tasks sharing it reuse the same proxy IP for a while. """
    xhr: bool | Unset = UNSET
    """ Also capture the XHR/fetch requests made by the page. """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
    page_count: int | Unset = UNSET
    """ Number of results pages to fetch, 1-10. Server default 1. """
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

        device_type = self.device_type

        page_from = self.page_from

        google_results_language = self.google_results_language

        google_tbm = self.google_tbm

        google_tbs = self.google_tbs

        parse = self.parse

        google_nfpr = self.google_nfpr

        google_safe_search = self.google_safe_search

        session_id = self.session_id

        xhr = self.xhr

        markdown = self.markdown

        page_count = self.page_count

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
            }
        )
        if query is not UNSET:
            field_dict["query"] = query
        if headless is not UNSET:
            field_dict["headless"] = headless
        if locale is not UNSET:
            field_dict["locale"] = locale
        if geo is not UNSET:
            field_dict["geo"] = geo
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if page_from is not UNSET:
            field_dict["page_from"] = page_from
        if google_results_language is not UNSET:
            field_dict["google_results_language"] = google_results_language
        if google_tbm is not UNSET:
            field_dict["google_tbm"] = google_tbm
        if google_tbs is not UNSET:
            field_dict["google_tbs"] = google_tbs
        if parse is not UNSET:
            field_dict["parse"] = parse
        if google_nfpr is not UNSET:
            field_dict["google_nfpr"] = google_nfpr
        if google_safe_search is not UNSET:
            field_dict["google_safe_search"] = google_safe_search
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if xhr is not UNSET:
            field_dict["xhr"] = xhr
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
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
        target = cast(Literal["google_search"], d.pop("target"))
        if target != "google_search":
            raise ValueError(f"target must match const 'google_search', got '{target}'")

        query = d.pop("query", UNSET)

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        locale = d.pop("locale", UNSET)

        geo = d.pop("geo", UNSET)

        device_type = d.pop("device_type", UNSET)

        page_from = d.pop("page_from", UNSET)

        google_results_language = d.pop("google_results_language", UNSET)

        google_tbm = d.pop("google_tbm", UNSET)

        google_tbs = d.pop("google_tbs", UNSET)

        parse = d.pop("parse", UNSET)

        google_nfpr = d.pop("google_nfpr", UNSET)

        google_safe_search = d.pop("google_safe_search", UNSET)

        session_id = d.pop("session_id", UNSET)

        xhr = d.pop("xhr", UNSET)

        markdown = d.pop("markdown", UNSET)

        page_count = d.pop("page_count", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        google_search_task = cls(
            target=target,
            query=query,
            headless=headless,
            locale=locale,
            geo=geo,
            device_type=device_type,
            page_from=page_from,
            google_results_language=google_results_language,
            google_tbm=google_tbm,
            google_tbs=google_tbs,
            parse=parse,
            google_nfpr=google_nfpr,
            google_safe_search=google_safe_search,
            session_id=session_id,
            xhr=xhr,
            markdown=markdown,
            page_count=page_count,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return google_search_task
