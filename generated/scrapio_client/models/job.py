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
    from ..models.job_error import JobError
    from ..models.job_progress import JobProgress
    from ..models.job_result_data import JobResultData


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """Status of a job. One open object for every `job_type`: fetch jobs carry `progress`,
    `outputs` and `diagnostics`; the other kinds carry `result`. `result_available: true`
    means `GET /v1/jobs/{job_id}/result` will answer 200.

    """

    request_id: str
    """ Id of this API request. """
    job_id: str
    job_type: JobKind | str
    status: JobStatus | str
    mode: JobMode | str
    created_at: str
    """ Creation time, ISO 8601 / RFC 3339 in UTC (e.g. `2026-06-26T10:00:00Z`). """
    result_available: bool
    """ True when the result can be fetched. """
    started_at: str | Unset = UNSET
    """ Start time (RFC 3339); absent while queued. """
    completed_at: str | Unset = UNSET
    """ Finish time (RFC 3339); absent until terminal. """
    progress: JobProgress | Unset = UNSET
    """ Progress of a fetch job (e.g. outputs done out of outputs requested). """
    outputs: FetchOutputs | Unset = UNSET
    """ Outputs of a fetch job, one property per requested output format. """
    result: JobResultData | Unset = UNSET
    """ Result of a non-fetch job (crawl, interact, search, map, youtube_search_crawl). Free-form object; its shape
    follows the corresponding inline surface. """
    diagnostics: Diagnostics | Unset = UNSET
    """ Execution diagnostics. With `outcome: partial`, `output_failures` lists the outputs that
    failed; with `outcome: failed`, `retryable` (always sent) says whether resubmitting may
    help and `blocked` / `timed_out` say why.
     """
    diagnostics_summary: str | Unset = UNSET
    """ Human-readable summary of the diagnostics. """
    error: JobError | Unset = UNSET
    """ Why a job failed. """
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

        created_at = self.created_at

        result_available = self.result_available

        started_at = self.started_at

        completed_at = self.completed_at

        progress: dict[str, Any] | Unset = UNSET
        if not isinstance(self.progress, Unset):
            progress = self.progress.to_dict()

        outputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.outputs, Unset):
            outputs = self.outputs.to_dict()

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        diagnostics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.diagnostics, Unset):
            diagnostics = self.diagnostics.to_dict()

        diagnostics_summary = self.diagnostics_summary

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "job_id": job_id,
                "job_type": job_type,
                "status": status,
                "mode": mode,
                "created_at": created_at,
                "result_available": result_available,
            }
        )
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if progress is not UNSET:
            field_dict["progress"] = progress
        if outputs is not UNSET:
            field_dict["outputs"] = outputs
        if result is not UNSET:
            field_dict["result"] = result
        if diagnostics is not UNSET:
            field_dict["diagnostics"] = diagnostics
        if diagnostics_summary is not UNSET:
            field_dict["diagnostics_summary"] = diagnostics_summary
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.diagnostics import Diagnostics  # noqa: PLC0415
        from ..models.fetch_outputs import FetchOutputs  # noqa: PLC0415
        from ..models.job_error import JobError  # noqa: PLC0415
        from ..models.job_progress import JobProgress  # noqa: PLC0415
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

        created_at = d.pop("created_at")

        result_available = d.pop("result_available")

        started_at = d.pop("started_at", UNSET)

        completed_at = d.pop("completed_at", UNSET)

        _progress = d.pop("progress", UNSET)
        progress: JobProgress | Unset
        if isinstance(_progress, Unset):
            progress = UNSET
        else:
            progress = JobProgress.from_dict(_progress)

        _outputs = d.pop("outputs", UNSET)
        outputs: FetchOutputs | Unset
        if isinstance(_outputs, Unset):
            outputs = UNSET
        else:
            outputs = FetchOutputs.from_dict(_outputs)

        _result = d.pop("result", UNSET)
        result: JobResultData | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = JobResultData.from_dict(_result)

        _diagnostics = d.pop("diagnostics", UNSET)
        diagnostics: Diagnostics | Unset
        if isinstance(_diagnostics, Unset):
            diagnostics = UNSET
        else:
            diagnostics = Diagnostics.from_dict(_diagnostics)

        diagnostics_summary = d.pop("diagnostics_summary", UNSET)

        _error = d.pop("error", UNSET)
        error: JobError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = JobError.from_dict(_error)

        job = cls(
            request_id=request_id,
            job_id=job_id,
            job_type=job_type,
            status=status,
            mode=mode,
            created_at=created_at,
            result_available=result_available,
            started_at=started_at,
            completed_at=completed_at,
            progress=progress,
            outputs=outputs,
            result=result,
            diagnostics=diagnostics,
            diagnostics_summary=diagnostics_summary,
            error=error,
        )

        job.additional_properties = d
        return job

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
