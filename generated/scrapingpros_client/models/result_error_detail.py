from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.result_error_code import ResultErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ResultErrorDetail")


@_attrs_define
class ResultErrorDetail:
    error_code: ResultErrorCode | str
    """ `result_pending` (retry later), `result_expired` (older than 24 h), `result_lost`, `job_id_invalid`. """
    message: str
    completed_at: None | str | Unset = UNSET
    """ When the job completed (ISO 8601), for expired results. """
    age_hours: float | None | Unset = UNSET
    """ Hours since the job completed, for expired results. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_code: str
        if isinstance(self.error_code, ResultErrorCode):
            error_code = self.error_code.value
        else:
            error_code = self.error_code

        message = self.message

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = self.completed_at

        age_hours: float | None | Unset
        if isinstance(self.age_hours, Unset):
            age_hours = UNSET
        else:
            age_hours = self.age_hours

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_code": error_code,
                "message": message,
            }
        )
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if age_hours is not UNSET:
            field_dict["age_hours"] = age_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_error_code(data: object) -> ResultErrorCode | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                error_code_type_0 = ResultErrorCode(data)

                return error_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ResultErrorCode | str, data)

        error_code = _parse_error_code(d.pop("error_code"))

        message = d.pop("message")

        def _parse_completed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_age_hours(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        age_hours = _parse_age_hours(d.pop("age_hours", UNSET))

        result_error_detail = cls(
            error_code=error_code,
            message=message,
            completed_at=completed_at,
            age_hours=age_hours,
        )

        result_error_detail.additional_properties = d
        return result_error_detail

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
