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

T = TypeVar("T", bound="ChatgptTask")


@_attrs_define
class ChatgptTask:
    """Task for target `chatgpt` (IR group AI Tools, response format json). Primary input `prompt`. Unknown keys are
    rejected.

    """

    target: Literal["chatgpt"]
    """ Selects this parameter set. """
    prompt: str | Unset = UNSET
    """ Prompt sent to the AI tool (primary input). At most 8192 characters. """
    search: bool | Unset = UNSET
    """ Let ChatGPT use web search. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
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

        prompt = self.prompt

        search = self.search

        parse = self.parse

        geo = self.geo

        device_type = self.device_type

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
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if search is not UNSET:
            field_dict["search"] = search
        if parse is not UNSET:
            field_dict["parse"] = parse
        if geo is not UNSET:
            field_dict["geo"] = geo
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
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
        target = cast(Literal["chatgpt"], d.pop("target"))
        if target != "chatgpt":
            raise ValueError(f"target must match const 'chatgpt', got '{target}'")

        prompt = d.pop("prompt", UNSET)

        search = d.pop("search", UNSET)

        parse = d.pop("parse", UNSET)

        geo = d.pop("geo", UNSET)

        device_type = d.pop("device_type", UNSET)

        markdown = d.pop("markdown", UNSET)

        xhr = d.pop("xhr", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        chatgpt_task = cls(
            target=target,
            prompt=prompt,
            search=search,
            parse=parse,
            geo=geo,
            device_type=device_type,
            markdown=markdown,
            xhr=xhr,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return chatgpt_task
