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

T = TypeVar("T", bound="GoogleTravelHotelsTask")


@_attrs_define
class GoogleTravelHotelsTask:
    """Task for target `google_travel_hotels` (IR group Google, response format html). Primary input `query`. Unknown keys
    are rejected.

    """

    target: Literal["google_travel_hotels"]
    """ Selects this parameter set. """
    query: str | Unset = UNSET
    """ Search query, keyword or item identifier for this target (primary input). At most 2048 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    locale: str | Unset = UNSET
    """ Interface locale, e.g. `en-us`. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
    page_from: int | Unset = UNSET
    """ First results page to fetch, 0-100. Server default 1. """
    date_range: str | Unset = UNSET
    """ Stay date range for the hotel search. """
    stars: float | Unset = UNSET
    """ Hotel star rating filter. """
    adults: int | Unset = UNSET
    """ Number of adults, 1-3. """
    children: int | Unset = UNSET
    """ Number of children, 1-3. """
    session_id: str | Unset = UNSET
    """ Sticky-session id: tasks sharing it reuse the same proxy IP for a while. """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
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

        device_type = self.device_type

        page_from = self.page_from

        date_range = self.date_range

        stars = self.stars

        adults = self.adults

        children = self.children

        session_id = self.session_id

        markdown = self.markdown

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
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if page_from is not UNSET:
            field_dict["page_from"] = page_from
        if date_range is not UNSET:
            field_dict["date_range"] = date_range
        if stars is not UNSET:
            field_dict["stars"] = stars
        if adults is not UNSET:
            field_dict["adults"] = adults
        if children is not UNSET:
            field_dict["children"] = children
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["google_travel_hotels"], d.pop("target"))
        if target != "google_travel_hotels":
            raise ValueError(f"target must match const 'google_travel_hotels', got '{target}'")

        query = d.pop("query", UNSET)

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        locale = d.pop("locale", UNSET)

        device_type = d.pop("device_type", UNSET)

        page_from = d.pop("page_from", UNSET)

        date_range = d.pop("date_range", UNSET)

        stars = d.pop("stars", UNSET)

        adults = d.pop("adults", UNSET)

        children = d.pop("children", UNSET)

        session_id = d.pop("session_id", UNSET)

        markdown = d.pop("markdown", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        google_travel_hotels_task = cls(
            target=target,
            query=query,
            headless=headless,
            locale=locale,
            device_type=device_type,
            page_from=page_from,
            date_range=date_range,
            stars=stars,
            adults=adults,
            children=children,
            session_id=session_id,
            markdown=markdown,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return google_travel_hotels_task
