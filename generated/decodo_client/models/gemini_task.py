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

T = TypeVar("T", bound="GeminiTask")


@_attrs_define
class GeminiTask:
    """Task for target `gemini` (IR group AI Tools, response format json). Primary input `prompt`. Unknown keys are
    rejected.

    """

    target: Literal["gemini"]
    """ Selects this parameter set. """
    prompt: str | Unset = UNSET
    """ Prompt sent to the AI tool (primary input). At most 8192 characters. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
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

        parse = self.parse

        geo = self.geo

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
        if parse is not UNSET:
            field_dict["parse"] = parse
        if geo is not UNSET:
            field_dict["geo"] = geo
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
        target = cast(Literal["gemini"], d.pop("target"))
        if target != "gemini":
            raise ValueError(f"target must match const 'gemini', got '{target}'")

        prompt = d.pop("prompt", UNSET)

        parse = d.pop("parse", UNSET)

        geo = d.pop("geo", UNSET)

        xhr = d.pop("xhr", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        gemini_task = cls(
            target=target,
            prompt=prompt,
            parse=parse,
            geo=geo,
            xhr=xhr,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return gemini_task
