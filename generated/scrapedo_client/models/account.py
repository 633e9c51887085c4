from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Account")


@_attrs_define
class Account:
    """Async concurrency and credits of the account (`GET /api/v1/me`)."""

    total_concurrency: int
    """ Size of the async concurrency pool. """
    free_concurrency: int
    """ Unused concurrency slots right now. """
    active_jobs: int
    """ Jobs currently running. """
    avaliable_credits: int
    """ Remaining credits. The misspelling is the real wire name; do not correct it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_concurrency = self.total_concurrency

        free_concurrency = self.free_concurrency

        active_jobs = self.active_jobs

        avaliable_credits = self.avaliable_credits

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "TotalConcurrency": total_concurrency,
                "FreeConcurrency": free_concurrency,
                "ActiveJobs": active_jobs,
                "AvaliableCredits": avaliable_credits,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_concurrency = d.pop("TotalConcurrency")

        free_concurrency = d.pop("FreeConcurrency")

        active_jobs = d.pop("ActiveJobs")

        avaliable_credits = d.pop("AvaliableCredits")

        account = cls(
            total_concurrency=total_concurrency,
            free_concurrency=free_concurrency,
            active_jobs=active_jobs,
            avaliable_credits=avaliable_credits,
        )

        account.additional_properties = d
        return account

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
