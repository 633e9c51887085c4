from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_kind import JobKind
from ..models.job_mode import JobMode
from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.diagnostics import Diagnostics
    from ..models.fetch_outputs import FetchOutputs
    from ..models.job_result_data import JobResultData


T = TypeVar("T", bound="JobResult")


@_attrs_define
class JobResult:
    """Output of a finished job. Fetch jobs: `outputs` (+ `diagnostics` when `partial`); other
    kinds: `result`. `status` is `completed`, `partial` or `cancelled`.

    """

    request_id: str
    job_id: str
    job_type: JobKind | str
    status: JobStatus | str
    mode: JobMode | str
    outputs: FetchOutputs | Unset = UNSET
    """ Outputs of a fetch job, one property per requested output format. """
    diagnostics: Diagnostics | Unset = UNSET
    """ Execution diagnostics. With `outcome: partial`, `output_failures` lists the outputs that
    failed; with `outcome: failed`, `retryable` (always sent) says whether resubmitting may
    help and `blocked` / `timed_out` say why.
     """
    result: JobResultData | Unset = UNSET
    """ Result of a non-fetch job (crawl, interact, search, map, youtube_search_crawl). Free-form object; its shape
    follows the corresponding inline surface. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        job_id = self.job_id

        job_type: str
        if isinstance(self.job_type, JobKind):
            job_type = self.job_type.value
        else:
            job_type = self.job_type

        status: str
        if isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        mode: str
        if isinstance(self.mode, JobMode):
            mode = self.mode.value
        else:
            mode = self.mode

        outputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.outputs, Unset):
            outputs = self.outputs.to_dict()

        diagnostics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.diagnostics, Unset):
            diagnostics = self.diagnostics.to_dict()

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "job_id": job_id,
                "job_type": job_type,
                "status": status,
                "mode": mode,
            }
        )
        if outputs is not UNSET:
            field_dict["outputs"] = outputs
        if diagnostics is not UNSET:
            field_dict["diagnostics"] = diagnostics
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.diagnostics import Diagnostics  # noqa: PLC0415
        from ..models.fetch_outputs import FetchOutputs  # noqa: PLC0415
        from ..models.job_result_data import JobResultData  # noqa: PLC0415

        d = dict(src_dict)
        request_id = d.pop("request_id")

        job_id = d.pop("job_id")

        def _parse_job_type(data: object) -> JobKind | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_type_type_0 = JobKind(data)

                return job_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobKind | str, data)

        job_type = _parse_job_type(d.pop("job_type"))

        def _parse_status(data: object) -> JobStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = JobStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_mode(data: object) -> JobMode | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = JobMode(data)

                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobMode | str, data)

        mode = _parse_mode(d.pop("mode"))

        _outputs = d.pop("outputs", UNSET)
        outputs: FetchOutputs | Unset
        if isinstance(_outputs, Unset):
            outputs = UNSET
        else:
            outputs = FetchOutputs.from_dict(_outputs)

        _diagnostics = d.pop("diagnostics", UNSET)
        diagnostics: Diagnostics | Unset
        if isinstance(_diagnostics, Unset):
            diagnostics = UNSET
        else:
            diagnostics = Diagnostics.from_dict(_diagnostics)

        _result = d.pop("result", UNSET)
        result: JobResultData | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = JobResultData.from_dict(_result)

        job_result = cls(
            request_id=request_id,
            job_id=job_id,
            job_type=job_type,
            status=status,
            mode=mode,
            outputs=outputs,
            diagnostics=diagnostics,
            result=result,
        )

        job_result.additional_properties = d
        return job_result

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
