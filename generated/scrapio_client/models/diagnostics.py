from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.diagnostics_outcome import DiagnosticsOutcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.output_failure import OutputFailure


T = TypeVar("T", bound="Diagnostics")


@_attrs_define
class Diagnostics:
    """Execution diagnostics. With `outcome: partial`, `output_failures` lists the outputs that
    failed; with `outcome: failed`, `retryable` (always sent) says whether resubmitting may
    help and `blocked` / `timed_out` say why.

    """

    outcome: DiagnosticsOutcome | str
    output_failures: list[OutputFailure] | Unset = UNSET
    retryable: bool | Unset = UNSET
    blocked: bool | Unset = UNSET
    timed_out: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome: str
        if isinstance(self.outcome, DiagnosticsOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        output_failures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.output_failures, Unset):
            output_failures = []
            for output_failures_item_data in self.output_failures:
                output_failures_item = output_failures_item_data.to_dict()
                output_failures.append(output_failures_item)

        retryable = self.retryable

        blocked = self.blocked

        timed_out = self.timed_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
            }
        )
        if output_failures is not UNSET:
            field_dict["output_failures"] = output_failures
        if retryable is not UNSET:
            field_dict["retryable"] = retryable
        if blocked is not UNSET:
            field_dict["blocked"] = blocked
        if timed_out is not UNSET:
            field_dict["timed_out"] = timed_out

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.output_failure import OutputFailure  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_outcome(data: object) -> DiagnosticsOutcome | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = DiagnosticsOutcome(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DiagnosticsOutcome | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        _output_failures = d.pop("output_failures", UNSET)
        output_failures: list[OutputFailure] | Unset = UNSET
        if _output_failures is not UNSET:
            output_failures = []
            for output_failures_item_data in _output_failures:
                output_failures_item = OutputFailure.from_dict(output_failures_item_data)

                output_failures.append(output_failures_item)

        retryable = d.pop("retryable", UNSET)

        blocked = d.pop("blocked", UNSET)

        timed_out = d.pop("timed_out", UNSET)

        diagnostics = cls(
            outcome=outcome,
            output_failures=output_failures,
            retryable=retryable,
            blocked=blocked,
            timed_out=timed_out,
        )

        diagnostics.additional_properties = d
        return diagnostics

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
