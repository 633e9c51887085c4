from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.blocked_url import BlockedUrl
    from ..models.invalid_item import InvalidItem


T = TypeVar("T", bound="CollectionUpdated")


@_attrs_define
class CollectionUpdated:
    """Result of updating a collection (same shape as CollectionCreated)."""

    id: str
    name: str
    message: str
    duplicates_skipped: int | Unset = UNSET
    blocked_urls: list[BlockedUrl] | Unset = UNSET
    invalid_items: list[InvalidItem] | Unset = UNSET
    duplicate_urls: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        message = self.message

        duplicates_skipped = self.duplicates_skipped

        blocked_urls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.blocked_urls, Unset):
            blocked_urls = []
            for blocked_urls_item_data in self.blocked_urls:
                blocked_urls_item = blocked_urls_item_data.to_dict()
                blocked_urls.append(blocked_urls_item)

        invalid_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.invalid_items, Unset):
            invalid_items = []
            for invalid_items_item_data in self.invalid_items:
                invalid_items_item = invalid_items_item_data.to_dict()
                invalid_items.append(invalid_items_item)

        duplicate_urls: list[str] | Unset = UNSET
        if not isinstance(self.duplicate_urls, Unset):
            duplicate_urls = self.duplicate_urls

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "message": message,
            }
        )
        if duplicates_skipped is not UNSET:
            field_dict["duplicates_skipped"] = duplicates_skipped
        if blocked_urls is not UNSET:
            field_dict["blocked_urls"] = blocked_urls
        if invalid_items is not UNSET:
            field_dict["invalid_items"] = invalid_items
        if duplicate_urls is not UNSET:
            field_dict["duplicate_urls"] = duplicate_urls

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocked_url import BlockedUrl  # noqa: PLC0415
        from ..models.invalid_item import InvalidItem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        message = d.pop("message")

        duplicates_skipped = d.pop("duplicates_skipped", UNSET)

        _blocked_urls = d.pop("blocked_urls", UNSET)
        blocked_urls: list[BlockedUrl] | Unset = UNSET
        if _blocked_urls is not UNSET:
            blocked_urls = []
            for blocked_urls_item_data in _blocked_urls:
                blocked_urls_item = BlockedUrl.from_dict(blocked_urls_item_data)

                blocked_urls.append(blocked_urls_item)

        _invalid_items = d.pop("invalid_items", UNSET)
        invalid_items: list[InvalidItem] | Unset = UNSET
        if _invalid_items is not UNSET:
            invalid_items = []
            for invalid_items_item_data in _invalid_items:
                invalid_items_item = InvalidItem.from_dict(invalid_items_item_data)

                invalid_items.append(invalid_items_item)

        duplicate_urls = cast(list[str], d.pop("duplicate_urls", UNSET))

        collection_updated = cls(
            id=id,
            name=name,
            message=message,
            duplicates_skipped=duplicates_skipped,
            blocked_urls=blocked_urls,
            invalid_items=invalid_items,
            duplicate_urls=duplicate_urls,
        )

        collection_updated.additional_properties = d
        return collection_updated

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
