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

T = TypeVar("T", bound="YoutubeSubtitlesTask")


@_attrs_define
class YoutubeSubtitlesTask:
    """Task for target `youtube_subtitles` (IR group YouTube, response format json). Primary input `query`. Unknown keys
    are rejected.

    """

    target: Literal["youtube_subtitles"]
    """ Selects this parameter set. """
    query: str | Unset = UNSET
    """ Search query, keyword or item identifier for this target (primary input). At most 2048 characters. """
    language_code: str | Unset = UNSET
    """ Subtitle language code, e.g. `en`. """
    subtitle_origin: str | Unset = UNSET
    """ Subtitle origin, e.g. uploader-provided or auto-generated. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        query = self.query

        language_code = self.language_code

        subtitle_origin = self.subtitle_origin

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
        if language_code is not UNSET:
            field_dict["language_code"] = language_code
        if subtitle_origin is not UNSET:
            field_dict["subtitle_origin"] = subtitle_origin
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["youtube_subtitles"], d.pop("target"))
        if target != "youtube_subtitles":
            raise ValueError(f"target must match const 'youtube_subtitles', got '{target}'")

        query = d.pop("query", UNSET)

        language_code = d.pop("language_code", UNSET)

        subtitle_origin = d.pop("subtitle_origin", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        youtube_subtitles_task = cls(
            target=target,
            query=query,
            language_code=language_code,
            subtitle_origin=subtitle_origin,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return youtube_subtitles_task
