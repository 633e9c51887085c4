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

T = TypeVar("T", bound="GoogleLensBatch")


@_attrs_define
class GoogleLensBatch:
    """Batch of tasks for target `google_lens` (IR group Google, response format json). Primary input `query` as an array
    of strings. Unknown keys are rejected.

    """

    target: Literal["google_lens"]
    """ Selects this parameter set. """
    query: list[str]
    """ Queries or item identifiers, one task each (primary input). At least one; the maximum depends on the
    subscription. Each at most 2048 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
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

        parse = self.parse

        device_type = self.device_type

        markdown = self.markdown

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
        if parse is not UNSET:
            field_dict["parse"] = parse
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
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
        target = cast(Literal["google_lens"], d.pop("target"))
        if target != "google_lens":
            raise ValueError(f"target must match const 'google_lens', got '{target}'")

        query = cast(list[str], d.pop("query"))

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        parse = d.pop("parse", UNSET)

        device_type = d.pop("device_type", UNSET)

        markdown = d.pop("markdown", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        google_lens_batch = cls(
            target=target,
            query=query,
            headless=headless,
            parse=parse,
            device_type=device_type,
            markdown=markdown,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return google_lens_batch
