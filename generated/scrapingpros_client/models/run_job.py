from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scrape_result import ScrapeResult


T = TypeVar("T", bound="RunJob")


@_attrs_define
class RunJob:
    """One job of a run (JobExecutionPublic)."""

    job_public_id: str
    """ Job id (UUID); use it as `job_id` for the result. """
    run_public_id: str
    collection_id: str
    status: JobStatus | str
    client_id: None | str | Unset = UNSET
    status_code: int | None | Unset = UNSET
    """ HTTP status of the target. """
    message: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    custom_id: None | str | Unset = UNSET
    queued_at: None | str | Unset = UNSET
    """ ISO 8601 time the job was queued. """
    started_at: None | str | Unset = UNSET
    """ ISO 8601 time the job started. """
    completed_at: None | str | Unset = UNSET
    """ ISO 8601 time the job completed. """
    execution_time_ms: float | None | Unset = UNSET
    """ Execution time in milliseconds. """
    retries_attempted: int | None | Unset = UNSET
    block_reason: None | str | Unset = UNSET
    url_truncated: bool | Unset = UNSET
    """ True when the stored URL was truncated. """
    protection_stack: list[str] | Unset = UNSET
    """ Anti-bot protections detected. """
    rule_hits: list[str] | Unset = UNSET
    """ Success-criterion rules that fired. """
    validator_version: None | str | Unset = UNSET
    has_extractable_data: bool | None | Unset = UNSET
    is_success: bool | None | Unset = UNSET
    """ Whether the job counts as a success (failures are refunded). """
    result: None | ScrapeResult | Unset = UNSET
    """ Embedded result (only with include_results=true, completed jobs, at most about 256 KB). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.scrape_result import ScrapeResult  # noqa: PLC0415

        job_public_id = self.job_public_id

        run_public_id = self.run_public_id

        collection_id = self.collection_id

        status: str
        if isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        status_code: int | None | Unset
        if isinstance(self.status_code, Unset):
            status_code = UNSET
        else:
            status_code = self.status_code

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        custom_id: None | str | Unset
        if isinstance(self.custom_id, Unset):
            custom_id = UNSET
        else:
            custom_id = self.custom_id

        queued_at: None | str | Unset
        if isinstance(self.queued_at, Unset):
            queued_at = UNSET
        else:
            queued_at = self.queued_at

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = self.completed_at

        execution_time_ms: float | None | Unset
        if isinstance(self.execution_time_ms, Unset):
            execution_time_ms = UNSET
        else:
            execution_time_ms = self.execution_time_ms

        retries_attempted: int | None | Unset
        if isinstance(self.retries_attempted, Unset):
            retries_attempted = UNSET
        else:
            retries_attempted = self.retries_attempted

        block_reason: None | str | Unset
        if isinstance(self.block_reason, Unset):
            block_reason = UNSET
        else:
            block_reason = self.block_reason

        url_truncated = self.url_truncated

        protection_stack: list[str] | Unset = UNSET
        if not isinstance(self.protection_stack, Unset):
            protection_stack = self.protection_stack

        rule_hits: list[str] | Unset = UNSET
        if not isinstance(self.rule_hits, Unset):
            rule_hits = self.rule_hits

        validator_version: None | str | Unset
        if isinstance(self.validator_version, Unset):
            validator_version = UNSET
        else:
            validator_version = self.validator_version

        has_extractable_data: bool | None | Unset
        if isinstance(self.has_extractable_data, Unset):
            has_extractable_data = UNSET
        else:
            has_extractable_data = self.has_extractable_data

        is_success: bool | None | Unset
        if isinstance(self.is_success, Unset):
            is_success = UNSET
        else:
            is_success = self.is_success

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, ScrapeResult):
            result = self.result.to_dict()
        else:
            result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_public_id": job_public_id,
                "run_public_id": run_public_id,
                "collection_id": collection_id,
                "status": status,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if status_code is not UNSET:
            field_dict["status_code"] = status_code
        if message is not UNSET:
            field_dict["message"] = message
        if url is not UNSET:
            field_dict["url"] = url
        if custom_id is not UNSET:
            field_dict["custom_id"] = custom_id
        if queued_at is not UNSET:
            field_dict["queued_at"] = queued_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if execution_time_ms is not UNSET:
            field_dict["execution_time_ms"] = execution_time_ms
        if retries_attempted is not UNSET:
            field_dict["retries_attempted"] = retries_attempted
        if block_reason is not UNSET:
            field_dict["block_reason"] = block_reason
        if url_truncated is not UNSET:
            field_dict["url_truncated"] = url_truncated
        if protection_stack is not UNSET:
            field_dict["protection_stack"] = protection_stack
        if rule_hits is not UNSET:
            field_dict["rule_hits"] = rule_hits
        if validator_version is not UNSET:
            field_dict["validator_version"] = validator_version
        if has_extractable_data is not UNSET:
            field_dict["has_extractable_data"] = has_extractable_data
        if is_success is not UNSET:
            field_dict["is_success"] = is_success
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scrape_result import ScrapeResult  # noqa: PLC0415

        d = dict(src_dict)
        job_public_id = d.pop("job_public_id")

        run_public_id = d.pop("run_public_id")

        collection_id = d.pop("collection_id")

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

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        def _parse_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        status_code = _parse_status_code(d.pop("status_code", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_custom_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        custom_id = _parse_custom_id(d.pop("custom_id", UNSET))

        def _parse_queued_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        queued_at = _parse_queued_at(d.pop("queued_at", UNSET))

        def _parse_started_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_completed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_execution_time_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        execution_time_ms = _parse_execution_time_ms(d.pop("execution_time_ms", UNSET))

        def _parse_retries_attempted(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        retries_attempted = _parse_retries_attempted(d.pop("retries_attempted", UNSET))

        def _parse_block_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        block_reason = _parse_block_reason(d.pop("block_reason", UNSET))

        url_truncated = d.pop("url_truncated", UNSET)

        protection_stack = cast(list[str], d.pop("protection_stack", UNSET))

        rule_hits = cast(list[str], d.pop("rule_hits", UNSET))

        def _parse_validator_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        validator_version = _parse_validator_version(d.pop("validator_version", UNSET))

        def _parse_has_extractable_data(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        has_extractable_data = _parse_has_extractable_data(d.pop("has_extractable_data", UNSET))

        def _parse_is_success(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_success = _parse_is_success(d.pop("is_success", UNSET))

        def _parse_result(data: object) -> None | ScrapeResult | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = ScrapeResult.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScrapeResult | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        run_job = cls(
            job_public_id=job_public_id,
            run_public_id=run_public_id,
            collection_id=collection_id,
            status=status,
            client_id=client_id,
            status_code=status_code,
            message=message,
            url=url,
            custom_id=custom_id,
            queued_at=queued_at,
            started_at=started_at,
            completed_at=completed_at,
            execution_time_ms=execution_time_ms,
            retries_attempted=retries_attempted,
            block_reason=block_reason,
            url_truncated=url_truncated,
            protection_stack=protection_stack,
            rule_hits=rule_hits,
            validator_version=validator_version,
            has_extractable_data=has_extractable_data,
            is_success=is_success,
            result=result,
        )

        run_job.additional_properties = d
        return run_job

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
