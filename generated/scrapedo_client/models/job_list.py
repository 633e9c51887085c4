from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_list_item import JobListItem


T = TypeVar("T", bound="JobList")


@_attrs_define
class JobList:
    """One page of jobs."""

    jobs: list[JobListItem]
    total_count: int | Unset = UNSET
    """ Number of jobs across all pages. """
    page_size: int | Unset = UNSET
    """ Jobs per page. """
    page_number: int | Unset = UNSET
    """ This page's number, starting at 1. """
    total_pages: int | Unset = UNSET
    """ Number of pages. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        total_count = self.total_count

        page_size = self.page_size

        page_number = self.page_number

        total_pages = self.total_pages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Jobs": jobs,
            }
        )
        if total_count is not UNSET:
            field_dict["TotalCount"] = total_count
        if page_size is not UNSET:
            field_dict["PageSize"] = page_size
        if page_number is not UNSET:
            field_dict["PageNumber"] = page_number
        if total_pages is not UNSET:
            field_dict["TotalPages"] = total_pages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_list_item import JobListItem  # noqa: PLC0415

        d = dict(src_dict)
        jobs = []
        _jobs = d.pop("Jobs")
        for jobs_item_data in _jobs:
            jobs_item = JobListItem.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        total_count = d.pop("TotalCount", UNSET)

        page_size = d.pop("PageSize", UNSET)

        page_number = d.pop("PageNumber", UNSET)

        total_pages = d.pop("TotalPages", UNSET)

        job_list = cls(
            jobs=jobs,
            total_count=total_count,
            page_size=page_size,
            page_number=page_number,
            total_pages=total_pages,
        )

        job_list.additional_properties = d
        return job_list

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
