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

T = TypeVar("T", bound="YoutubeSearchTask")


@_attrs_define
class YoutubeSearchTask:
    """Task for target `youtube_search` (IR group YouTube, response format json). Primary input `query`. Unknown keys are
    rejected.

    """

    target: Literal["youtube_search"]
    """ Selects this parameter set. """
    query: str | Unset = UNSET
    """ Search query, keyword or item identifier for this target (primary input). At most 2048 characters. """
    field_360: bool | Unset = UNSET
    """ YouTube search filter - 360-degree videos only. """
    upload_date: str | Unset = UNSET
    """ YouTube search filter - upload date. """
    type_: str | Unset = UNSET
    """ YouTube search filter - result type. """
    duration: str | Unset = UNSET
    """ YouTube search filter - video duration. """
    video_sort_by: str | Unset = UNSET
    """ YouTube search sort order. """
    field_3d: bool | Unset = UNSET
    """ YouTube search filter - 3D videos only. """
    field_4k: bool | Unset = UNSET
    """ YouTube search filter - 4K videos only. """
    creative_commons: bool | Unset = UNSET
    """ YouTube search filter - Creative Commons videos only. """
    hd: bool | Unset = UNSET
    """ YouTube search filter - HD videos only. """
    hdr: bool | Unset = UNSET
    """ YouTube search filter - HDR videos only. """
    vr180: bool | Unset = UNSET
    """ YouTube search filter - VR180 videos only. """
    live: bool | Unset = UNSET
    """ YouTube search filter - live videos only. """
    location: bool | Unset = UNSET
    """ YouTube search filter - videos with a location only. """
    purchased: bool | Unset = UNSET
    """ YouTube search filter - purchased videos only. """
    subtitles: bool | Unset = UNSET
    """ YouTube search filter - videos with subtitles only. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        query = self.query

        field_360 = self.field_360

        upload_date = self.upload_date

        type_ = self.type_

        duration = self.duration

        video_sort_by = self.video_sort_by

        field_3d = self.field_3d

        field_4k = self.field_4k

        creative_commons = self.creative_commons

        hd = self.hd

        hdr = self.hdr

        vr180 = self.vr180

        live = self.live

        location = self.location

        purchased = self.purchased

        subtitles = self.subtitles

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
        if field_360 is not UNSET:
            field_dict["360"] = field_360
        if upload_date is not UNSET:
            field_dict["upload_date"] = upload_date
        if type_ is not UNSET:
            field_dict["type"] = type_
        if duration is not UNSET:
            field_dict["duration"] = duration
        if video_sort_by is not UNSET:
            field_dict["video_sort_by"] = video_sort_by
        if field_3d is not UNSET:
            field_dict["3d"] = field_3d
        if field_4k is not UNSET:
            field_dict["4k"] = field_4k
        if creative_commons is not UNSET:
            field_dict["creative_commons"] = creative_commons
        if hd is not UNSET:
            field_dict["hd"] = hd
        if hdr is not UNSET:
            field_dict["hdr"] = hdr
        if vr180 is not UNSET:
            field_dict["vr180"] = vr180
        if live is not UNSET:
            field_dict["live"] = live
        if location is not UNSET:
            field_dict["location"] = location
        if purchased is not UNSET:
            field_dict["purchased"] = purchased
        if subtitles is not UNSET:
            field_dict["subtitles"] = subtitles
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["youtube_search"], d.pop("target"))
        if target != "youtube_search":
            raise ValueError(f"target must match const 'youtube_search', got '{target}'")

        query = d.pop("query", UNSET)

        field_360 = d.pop("360", UNSET)

        upload_date = d.pop("upload_date", UNSET)

        type_ = d.pop("type", UNSET)

        duration = d.pop("duration", UNSET)

        video_sort_by = d.pop("video_sort_by", UNSET)

        field_3d = d.pop("3d", UNSET)

        field_4k = d.pop("4k", UNSET)

        creative_commons = d.pop("creative_commons", UNSET)

        hd = d.pop("hd", UNSET)

        hdr = d.pop("hdr", UNSET)

        vr180 = d.pop("vr180", UNSET)

        live = d.pop("live", UNSET)

        location = d.pop("location", UNSET)

        purchased = d.pop("purchased", UNSET)

        subtitles = d.pop("subtitles", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        youtube_search_task = cls(
            target=target,
            query=query,
            field_360=field_360,
            upload_date=upload_date,
            type_=type_,
            duration=duration,
            video_sort_by=video_sort_by,
            field_3d=field_3d,
            field_4k=field_4k,
            creative_commons=creative_commons,
            hd=hd,
            hdr=hdr,
            vr180=vr180,
            live=live,
            location=location,
            purchased=purchased,
            subtitles=subtitles,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return youtube_search_task
