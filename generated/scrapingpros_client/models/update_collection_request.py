from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.collection_request import CollectionRequest


T = TypeVar("T", bound="UpdateCollectionRequest")


@_attrs_define
class UpdateCollectionRequest:
    name: str
    """ New (or unchanged) collection name; always sent. """
    requests: list[Any | CollectionRequest] | Unset = UNSET
    """ When present, replaces the whole stored request list. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.collection_request import CollectionRequest  # noqa: PLC0415

        name = self.name

        requests: list[Any | dict[str, Any]] | Unset = UNSET
        if not isinstance(self.requests, Unset):
            requests = []
            for requests_item_data in self.requests:
                requests_item: Any | dict[str, Any]
                if isinstance(requests_item_data, CollectionRequest):
                    requests_item = requests_item_data.to_dict()
                else:
                    requests_item = requests_item_data
                requests.append(requests_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if requests is not UNSET:
            field_dict["requests"] = requests

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.collection_request import CollectionRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _requests = d.pop("requests", UNSET)
        requests: list[Any | CollectionRequest] | Unset = UNSET
        if _requests is not UNSET:
            requests = []
            for requests_item_data in _requests:

                def _parse_requests_item(data: object) -> Any | CollectionRequest:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        requests_item_type_0 = CollectionRequest.from_dict(data)

                        return requests_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(Any | CollectionRequest, data)

                requests_item = _parse_requests_item(requests_item_data)

                requests.append(requests_item)

        update_collection_request = cls(
            name=name,
            requests=requests,
        )

        update_collection_request.additional_properties = d
        return update_collection_request

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
