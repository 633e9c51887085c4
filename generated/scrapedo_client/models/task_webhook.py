from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus
from ..models.webhook_status import WebhookStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.response_headers import ResponseHeaders
    from ..models.task_credits import TaskCredits


T = TypeVar("T", bound="TaskWebhook")


@_attrs_define
class TaskWebhook:
    """Body of the `taskFinished` webhook. Not documented by Scrape.do; assumed (GUESS) to be
    the Get Task object of the finished task. Open: unknown fields are kept.

    """

    task_id: str
    """ UUID of the task. """
    job_id: str
    """ UUID of the job the task belongs to. """
    status: str | TaskStatus
    url: str | Unset = UNSET
    """ Target URL. """
    start_time: str | Unset = UNSET
    """ When the task started (RFC 3339). """
    end_time: None | str | Unset = UNSET
    """ When the task finished (RFC 3339); null or absent while running (assumed). """
    expires_at: str | Unset = UNSET
    """ When the stored content expires (RFC 3339); afterwards Get Task answers 410. This per-task value is
    authoritative (current policy about 3 days after job creation). """
    update_time: str | Unset = UNSET
    """ Last change of the task record (RFC 3339). """
    base_64_encoded_content: bool | Unset = UNSET
    """ True when `Content` is base64-encoded (binary targets, screenshots). """
    status_code: int | Unset = UNSET
    """ HTTP status code the target site returned. """
    response_headers: ResponseHeaders | Unset = UNSET
    """ Response headers of the target site. Values are strings in the documented example; kept open so any other
    value shape still parses. """
    scrape_do: TaskCredits | Unset = UNSET
    """ Credit accounting of a task (the `"Scrape.do"` object). Values are decimal numbers sent as strings. """
    content: str | Unset = UNSET
    """ Scraped content; base64 when `Base64EncodedContent` is true. """
    error_message: str | Unset = UNSET
    """ Why the task failed; empty string on success. """
    webhook_url: str | Unset = UNSET
    """ Webhook URL the task result is delivered to (since 2026-11-17). """
    webhook_status: str | Unset | WebhookStatus = UNSET
    """ Webhook delivery state (since 2026-11-17); `failed` after the last attempt failed. """
    webhook_request_time: str | Unset = UNSET
    """ Time of the latest webhook attempt (RFC 3339 assumed; since 2026-11-17). """
    trace_id: str | Unset = UNSET
    """ Provider trace identifier to quote to support (since 2026-11-17). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        job_id = self.job_id

        status: str
        if isinstance(self.status, TaskStatus):
            status = self.status.value
        else:
            status = self.status

        url = self.url

        start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        else:
            end_time = self.end_time

        expires_at = self.expires_at

        update_time = self.update_time

        base_64_encoded_content = self.base_64_encoded_content

        status_code = self.status_code

        response_headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response_headers, Unset):
            response_headers = self.response_headers.to_dict()

        scrape_do: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scrape_do, Unset):
            scrape_do = self.scrape_do.to_dict()

        content = self.content

        error_message = self.error_message

        webhook_url = self.webhook_url

        webhook_status: str | Unset
        if isinstance(self.webhook_status, Unset):
            webhook_status = UNSET
        elif isinstance(self.webhook_status, WebhookStatus):
            webhook_status = self.webhook_status.value
        else:
            webhook_status = self.webhook_status

        webhook_request_time = self.webhook_request_time

        trace_id = self.trace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "TaskID": task_id,
                "JobID": job_id,
                "Status": status,
            }
        )
        if url is not UNSET:
            field_dict["URL"] = url
        if start_time is not UNSET:
            field_dict["StartTime"] = start_time
        if end_time is not UNSET:
            field_dict["EndTime"] = end_time
        if expires_at is not UNSET:
            field_dict["ExpiresAt"] = expires_at
        if update_time is not UNSET:
            field_dict["UpdateTime"] = update_time
        if base_64_encoded_content is not UNSET:
            field_dict["Base64EncodedContent"] = base_64_encoded_content
        if status_code is not UNSET:
            field_dict["StatusCode"] = status_code
        if response_headers is not UNSET:
            field_dict["ResponseHeaders"] = response_headers
        if scrape_do is not UNSET:
            field_dict["Scrape.do"] = scrape_do
        if content is not UNSET:
            field_dict["Content"] = content
        if error_message is not UNSET:
            field_dict["ErrorMessage"] = error_message
        if webhook_url is not UNSET:
            field_dict["WebhookURL"] = webhook_url
        if webhook_status is not UNSET:
            field_dict["WebhookStatus"] = webhook_status
        if webhook_request_time is not UNSET:
            field_dict["WebhookRequestTime"] = webhook_request_time
        if trace_id is not UNSET:
            field_dict["TraceID"] = trace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.response_headers import ResponseHeaders  # noqa: PLC0415
        from ..models.task_credits import TaskCredits  # noqa: PLC0415

        d = dict(src_dict)
        task_id = d.pop("TaskID")

        job_id = d.pop("JobID")

        def _parse_status(data: object) -> str | TaskStatus:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = TaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskStatus, data)

        status = _parse_status(d.pop("Status"))

        url = d.pop("URL", UNSET)

        start_time = d.pop("StartTime", UNSET)

        def _parse_end_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_time = _parse_end_time(d.pop("EndTime", UNSET))

        expires_at = d.pop("ExpiresAt", UNSET)

        update_time = d.pop("UpdateTime", UNSET)

        base_64_encoded_content = d.pop("Base64EncodedContent", UNSET)

        status_code = d.pop("StatusCode", UNSET)

        _response_headers = d.pop("ResponseHeaders", UNSET)
        response_headers: ResponseHeaders | Unset
        if isinstance(_response_headers, Unset):
            response_headers = UNSET
        else:
            response_headers = ResponseHeaders.from_dict(_response_headers)

        _scrape_do = d.pop("Scrape.do", UNSET)
        scrape_do: TaskCredits | Unset
        if isinstance(_scrape_do, Unset):
            scrape_do = UNSET
        else:
            scrape_do = TaskCredits.from_dict(_scrape_do)

        content = d.pop("Content", UNSET)

        error_message = d.pop("ErrorMessage", UNSET)

        webhook_url = d.pop("WebhookURL", UNSET)

        def _parse_webhook_status(data: object) -> str | Unset | WebhookStatus:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                webhook_status_type_0 = WebhookStatus(data)

                return webhook_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | Unset | WebhookStatus, data)

        webhook_status = _parse_webhook_status(d.pop("WebhookStatus", UNSET))

        webhook_request_time = d.pop("WebhookRequestTime", UNSET)

        trace_id = d.pop("TraceID", UNSET)

        task_webhook = cls(
            task_id=task_id,
            job_id=job_id,
            status=status,
            url=url,
            start_time=start_time,
            end_time=end_time,
            expires_at=expires_at,
            update_time=update_time,
            base_64_encoded_content=base_64_encoded_content,
            status_code=status_code,
            response_headers=response_headers,
            scrape_do=scrape_do,
            content=content,
            error_message=error_message,
            webhook_url=webhook_url,
            webhook_status=webhook_status,
            webhook_request_time=webhook_request_time,
            trace_id=trace_id,
        )

        task_webhook.additional_properties = d
        return task_webhook

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
