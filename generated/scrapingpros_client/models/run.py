from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.callback_status import CallbackStatus
from ..models.run_status import RunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.failed_job import FailedJob
    from ..models.success_criterion import SuccessCriterion


T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
    """One execution of a collection (RunPublic)."""

    run_id: str
    """ Run id (UUID). """
    status: RunStatus | str
    total_requests: int
    success_requests: int
    """ Jobs with `is_success` true. """
    failed_requests: int
    timeout_requests: int
    collection_id: str
    job_ids: list[str] | Unset = UNSET
    """ Ids of the run's jobs (may be incomplete while `all_jobs_persisted` is false). """
    callback_url: None | str | Unset = UNSET
    """ Webhook URL in effect for this run, or null. """
    callback_status: CallbackStatus | None | str | Unset = UNSET
    """ Webhook delivery state, or null without a callback_url. """
    created_at: float | None | Unset = UNSET
    """ Run start, epoch seconds (float, e.g. 1777853217.82). """
    failed_jobs: list[FailedJob] | Unset = UNSET
    """ Failed and timed-out jobs (empty while none). """
    success_criterion: None | SuccessCriterion | Unset = UNSET
    all_jobs_persisted: bool | Unset = UNSET
    """ False while the run's jobs are still being created. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.success_criterion import SuccessCriterion  # noqa: PLC0415

        run_id = self.run_id

        status: str
        if isinstance(self.status, RunStatus):
            status = self.status.value
        else:
            status = self.status

        total_requests = self.total_requests

        success_requests = self.success_requests

        failed_requests = self.failed_requests

        timeout_requests = self.timeout_requests

        collection_id = self.collection_id

        job_ids: list[str] | Unset = UNSET
        if not isinstance(self.job_ids, Unset):
            job_ids = self.job_ids

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        callback_status: None | str | Unset
        if isinstance(self.callback_status, Unset):
            callback_status = UNSET
        elif isinstance(self.callback_status, CallbackStatus):
            callback_status = self.callback_status.value
        else:
            callback_status = self.callback_status

        created_at: float | None | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        failed_jobs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.failed_jobs, Unset):
            failed_jobs = []
            for failed_jobs_item_data in self.failed_jobs:
                failed_jobs_item = failed_jobs_item_data.to_dict()
                failed_jobs.append(failed_jobs_item)

        success_criterion: dict[str, Any] | None | Unset
        if isinstance(self.success_criterion, Unset):
            success_criterion = UNSET
        elif isinstance(self.success_criterion, SuccessCriterion):
            success_criterion = self.success_criterion.to_dict()
        else:
            success_criterion = self.success_criterion

        all_jobs_persisted = self.all_jobs_persisted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "run_id": run_id,
                "status": status,
                "total_requests": total_requests,
                "success_requests": success_requests,
                "failed_requests": failed_requests,
                "timeout_requests": timeout_requests,
                "collection_id": collection_id,
            }
        )
        if job_ids is not UNSET:
            field_dict["job_ids"] = job_ids
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if callback_status is not UNSET:
            field_dict["callback_status"] = callback_status
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if failed_jobs is not UNSET:
            field_dict["failed_jobs"] = failed_jobs
        if success_criterion is not UNSET:
            field_dict["success_criterion"] = success_criterion
        if all_jobs_persisted is not UNSET:
            field_dict["all_jobs_persisted"] = all_jobs_persisted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.failed_job import FailedJob  # noqa: PLC0415
        from ..models.success_criterion import SuccessCriterion  # noqa: PLC0415

        d = dict(src_dict)
        run_id = d.pop("run_id")

        def _parse_status(data: object) -> RunStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = RunStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(RunStatus | str, data)

        status = _parse_status(d.pop("status"))

        total_requests = d.pop("total_requests")

        success_requests = d.pop("success_requests")

        failed_requests = d.pop("failed_requests")

        timeout_requests = d.pop("timeout_requests")

        collection_id = d.pop("collection_id")

        job_ids = cast(list[str], d.pop("job_ids", UNSET))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_callback_status(data: object) -> CallbackStatus | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                callback_status_type_0 = CallbackStatus(data)

                return callback_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallbackStatus | None | str | Unset, data)

        callback_status = _parse_callback_status(d.pop("callback_status", UNSET))

        def _parse_created_at(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        _failed_jobs = d.pop("failed_jobs", UNSET)
        failed_jobs: list[FailedJob] | Unset = UNSET
        if _failed_jobs is not UNSET:
            failed_jobs = []
            for failed_jobs_item_data in _failed_jobs:
                failed_jobs_item = FailedJob.from_dict(failed_jobs_item_data)

                failed_jobs.append(failed_jobs_item)

        def _parse_success_criterion(data: object) -> None | SuccessCriterion | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                success_criterion_type_0 = SuccessCriterion.from_dict(data)

                return success_criterion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SuccessCriterion | Unset, data)

        success_criterion = _parse_success_criterion(d.pop("success_criterion", UNSET))

        all_jobs_persisted = d.pop("all_jobs_persisted", UNSET)

        run = cls(
            run_id=run_id,
            status=status,
            total_requests=total_requests,
            success_requests=success_requests,
            failed_requests=failed_requests,
            timeout_requests=timeout_requests,
            collection_id=collection_id,
            job_ids=job_ids,
            callback_url=callback_url,
            callback_status=callback_status,
            created_at=created_at,
            failed_jobs=failed_jobs,
            success_criterion=success_criterion,
            all_jobs_persisted=all_jobs_persisted,
        )

        run.additional_properties = d
        return run

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
