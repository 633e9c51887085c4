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

T = TypeVar("T", bound="GoogleAiModeTask")


@_attrs_define
class GoogleAiModeTask:
    """Task for target `google_ai_mode` (IR group AI Tools, response format json). Primary input `query`. Unknown keys are
    rejected.

    """

    target: Literal["google_ai_mode"]
    """ Selects this parameter set. """
    query: str | Unset = UNSET
    """ Search query, keyword or item identifier for this target (primary input). At most 2048 characters. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
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

        geo = self.geo

        parse = self.parse

        device_type = self.device_type

        session_id = self.session_id

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
        if query is not UNSET:
            field_dict["query"] = query
        if geo is not UNSET:
            field_dict["geo"] = geo
        if parse is not UNSET:
            field_dict["parse"] = parse
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
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
        target = cast(Literal["google_ai_mode"], d.pop("target"))
        if target != "google_ai_mode":
            raise ValueError(f"target must match const 'google_ai_mode', got '{target}'")

        query = d.pop("query", UNSET)

        geo = d.pop("geo", UNSET)

        parse = d.pop("parse", UNSET)

        device_type = d.pop("device_type", UNSET)

        session_id = d.pop("session_id", UNSET)

        markdown = d.pop("markdown", UNSET)

        xhr = d.pop("xhr", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        google_ai_mode_task = cls(
            target=target,
            query=query,
            geo=geo,
            parse=parse,
            device_type=device_type,
            session_id=session_id,
            markdown=markdown,
            xhr=xhr,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return google_ai_mode_task
