from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_error import BatchError
    from ..models.task import Task


T = TypeVar("T", bound="BatchResponse")


@_attrs_define
class BatchResponse:
    """Answer to a batch (official SDK `BatchResponse`; every field optional). `queries` holds
    one task object per accepted input, in input order (GUESS). Whether `id` identifies the
    batch, and the exact keys of `errors` items, are undocumented.

    """

    id: str | Unset = UNSET
    """ Batch id (meaning undocumented). """
    queries: list[Task] | Unset = UNSET
    """ The queued tasks. """
    errors: list[BatchError] | Unset = UNSET
    """ Inputs that were refused. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        queries: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.queries, Unset):
            queries = []
            for queries_item_data in self.queries:
                queries_item = queries_item_data.to_dict()
                queries.append(queries_item)

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if queries is not UNSET:
            field_dict["queries"] = queries
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_error import BatchError  # noqa: PLC0415
        from ..models.task import Task  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _queries = d.pop("queries", UNSET)
        queries: list[Task] | Unset = UNSET
        if _queries is not UNSET:
            queries = []
            for queries_item_data in _queries:
                queries_item = Task.from_dict(queries_item_data)

                queries.append(queries_item)

        _errors = d.pop("errors", UNSET)
        errors: list[BatchError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = BatchError.from_dict(errors_item_data)

                errors.append(errors_item)

        batch_response = cls(
            id=id,
            queries=queries,
            errors=errors,
        )

        batch_response.additional_properties = d
        return batch_response

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
