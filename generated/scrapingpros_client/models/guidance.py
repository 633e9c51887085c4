from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="Guidance")


@_attrs_define
class Guidance:
    """Outcome classification and advice for the request."""

    success: bool
    error_type: None | str | Unset = UNSET
    error_provider: None | str | Unset = UNSET
    credits_charged: int | None | Unset = UNSET
    credits_refunded: bool | None | Unset = UNSET
    next_steps: list[str] | Unset = UNSET
    suggested_request: JsonObject | None | Unset = UNSET
    """ A ScrapeRequest suggested for a retry. """
    stop_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_object import JsonObject  # noqa: PLC0415

        success = self.success

        error_type: None | str | Unset
        if isinstance(self.error_type, Unset):
            error_type = UNSET
        else:
            error_type = self.error_type

        error_provider: None | str | Unset
        if isinstance(self.error_provider, Unset):
            error_provider = UNSET
        else:
            error_provider = self.error_provider

        credits_charged: int | None | Unset
        if isinstance(self.credits_charged, Unset):
            credits_charged = UNSET
        else:
            credits_charged = self.credits_charged

        credits_refunded: bool | None | Unset
        if isinstance(self.credits_refunded, Unset):
            credits_refunded = UNSET
        else:
            credits_refunded = self.credits_refunded

        next_steps: list[str] | Unset = UNSET
        if not isinstance(self.next_steps, Unset):
            next_steps = self.next_steps

        suggested_request: dict[str, Any] | None | Unset
        if isinstance(self.suggested_request, Unset):
            suggested_request = UNSET
        elif isinstance(self.suggested_request, JsonObject):
            suggested_request = self.suggested_request.to_dict()
        else:
            suggested_request = self.suggested_request

        stop_reason: None | str | Unset
        if isinstance(self.stop_reason, Unset):
            stop_reason = UNSET
        else:
            stop_reason = self.stop_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if error_type is not UNSET:
            field_dict["error_type"] = error_type
        if error_provider is not UNSET:
            field_dict["error_provider"] = error_provider
        if credits_charged is not UNSET:
            field_dict["credits_charged"] = credits_charged
        if credits_refunded is not UNSET:
            field_dict["credits_refunded"] = credits_refunded
        if next_steps is not UNSET:
            field_dict["next_steps"] = next_steps
        if suggested_request is not UNSET:
            field_dict["suggested_request"] = suggested_request
        if stop_reason is not UNSET:
            field_dict["stop_reason"] = stop_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_object import JsonObject  # noqa: PLC0415

        d = dict(src_dict)
        success = d.pop("success")

        def _parse_error_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_type = _parse_error_type(d.pop("error_type", UNSET))

        def _parse_error_provider(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_provider = _parse_error_provider(d.pop("error_provider", UNSET))

        def _parse_credits_charged(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        credits_charged = _parse_credits_charged(d.pop("credits_charged", UNSET))

        def _parse_credits_refunded(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        credits_refunded = _parse_credits_refunded(d.pop("credits_refunded", UNSET))

        next_steps = cast(list[str], d.pop("next_steps", UNSET))

        def _parse_suggested_request(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                suggested_request_type_0 = JsonObject.from_dict(data)

                return suggested_request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        suggested_request = _parse_suggested_request(d.pop("suggested_request", UNSET))

        def _parse_stop_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stop_reason = _parse_stop_reason(d.pop("stop_reason", UNSET))

        guidance = cls(
            success=success,
            error_type=error_type,
            error_provider=error_provider,
            credits_charged=credits_charged,
            credits_refunded=credits_refunded,
            next_steps=next_steps,
            suggested_request=suggested_request,
            stop_reason=stop_reason,
        )

        guidance.additional_properties = d
        return guidance

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
