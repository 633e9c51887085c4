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

T = TypeVar("T", bound="YoutubeChannelBatch")


@_attrs_define
class YoutubeChannelBatch:
    """Batch of tasks for target `youtube_channel` (IR group YouTube, response format json). Primary input `query` as an
    array of strings. Unknown keys are rejected.

    """

    target: Literal["youtube_channel"]
    """ Selects this parameter set. """
    query: list[str]
    """ Queries or item identifiers, one task each (primary input). At least one; the maximum depends on the
    subscription. Each at most 2048 characters. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    limit: int | Unset = UNSET
    """ Maximum number of items to return, 0-100. Server default 10. """
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

        parse = self.parse

        limit = self.limit

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
        if parse is not UNSET:
            field_dict["parse"] = parse
        if limit is not UNSET:
            field_dict["limit"] = limit
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
        target = cast(Literal["youtube_channel"], d.pop("target"))
        if target != "youtube_channel":
            raise ValueError(f"target must match const 'youtube_channel', got '{target}'")

        query = cast(list[str], d.pop("query"))

        parse = d.pop("parse", UNSET)

        limit = d.pop("limit", UNSET)

        markdown = d.pop("markdown", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        youtube_channel_batch = cls(
            target=target,
            query=query,
            parse=parse,
            limit=limit,
            markdown=markdown,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return youtube_channel_batch
