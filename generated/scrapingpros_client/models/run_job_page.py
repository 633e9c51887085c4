from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.run_job import RunJob


T = TypeVar("T", bound="RunJobPage")


@_attrs_define
class RunJobPage:
    items: list[RunJob]
    cursor_next: None | str
    """ Cursor of the next page, null on the last page. """
    has_more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        cursor_next: None | str
        cursor_next = self.cursor_next

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "cursor_next": cursor_next,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_job import RunJob  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RunJob.from_dict(items_item_data)

            items.append(items_item)

        def _parse_cursor_next(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cursor_next = _parse_cursor_next(d.pop("cursor_next"))

        has_more = d.pop("has_more")

        run_job_page = cls(
            items=items,
            cursor_next=cursor_next,
            has_more=has_more,
        )

        run_job_page.additional_properties = d
        return run_job_page

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
