from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_params import ApiParams
    from ..models.callback import Callback
    from ..models.job_meta import JobMeta
    from ..models.target_headers import TargetHeaders


T = TypeVar("T", bound="JobRequest")


@_attrs_define
class JobRequest:
    """Body of `POST /jobs`."""

    api_key: str = _attrs_field(repr=False)
    """ The account API key (the credential of this operation). camelCase `apiKey` in the body;
    the seed's "query parameter `api_key`" is wrong. """
    url: str
    """ Target URL to scrape. """
    method: str | Unset = UNSET
    """ HTTP method for the target request (`GET`, `POST`, `PUT`, …). Server default `GET`. """
    headers: TargetHeaders | Unset = UNSET
    """ HTTP headers to send to the target (name → value). """
    body: str | Unset = UNSET
    """ Request body sent to the target (with `method` POST/PUT). """
    callback: Callback | Unset = UNSET
    """ Where to deliver the finished job (see the `jobFinished` webhook). """
    expect_unsuccess_report: bool | Unset = UNSET
    """ Also deliver failed jobs to the webhook (server default false). Older docs spell it
    `expectsUnsuccessReport`; the current spelling is `expectUnsuccessReport`. """
    timeout_sec: int | Unset = UNSET
    """ Async-only override of the job timeout, in seconds. """
    meta: JobMeta | Unset = UNSET
    """ Free-form data of yours (e.g. your request id), echoed back in job responses and webhooks. """
    api_params: ApiParams | Unset = UNSET
    """ Standard ScraperAPI request parameters applied to the job. `premium` and `ultra_premium`
    are mutually exclusive (set at most one to true). Credit cost per success: 1 standard,
    10 with `render`, 10 `premium`, 30 `ultra_premium`; failed jobs are not charged. Other
    parameters of the synchronous API (e.g. `session_number`) are probably accepted and can be
    passed as additional properties. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        url = self.url

        method = self.method

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        body = self.body

        callback: dict[str, Any] | Unset = UNSET
        if not isinstance(self.callback, Unset):
            callback = self.callback.to_dict()

        expect_unsuccess_report = self.expect_unsuccess_report

        timeout_sec = self.timeout_sec

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        api_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.api_params, Unset):
            api_params = self.api_params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "apiKey": api_key,
                "url": url,
            }
        )
        if method is not UNSET:
            field_dict["method"] = method
        if headers is not UNSET:
            field_dict["headers"] = headers
        if body is not UNSET:
            field_dict["body"] = body
        if callback is not UNSET:
            field_dict["callback"] = callback
        if expect_unsuccess_report is not UNSET:
            field_dict["expectUnsuccessReport"] = expect_unsuccess_report
        if timeout_sec is not UNSET:
            field_dict["timeoutSec"] = timeout_sec
        if meta is not UNSET:
            field_dict["meta"] = meta
        if api_params is not UNSET:
            field_dict["apiParams"] = api_params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_params import ApiParams  # noqa: PLC0415
        from ..models.callback import Callback  # noqa: PLC0415
        from ..models.job_meta import JobMeta  # noqa: PLC0415
        from ..models.target_headers import TargetHeaders  # noqa: PLC0415

        d = dict(src_dict)
        api_key = d.pop("apiKey")

        url = d.pop("url")

        method = d.pop("method", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: TargetHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = TargetHeaders.from_dict(_headers)

        body = d.pop("body", UNSET)

        _callback = d.pop("callback", UNSET)
        callback: Callback | Unset
        if isinstance(_callback, Unset):
            callback = UNSET
        else:
            callback = Callback.from_dict(_callback)

        expect_unsuccess_report = d.pop("expectUnsuccessReport", UNSET)

        timeout_sec = d.pop("timeoutSec", UNSET)

        _meta = d.pop("meta", UNSET)
        meta: JobMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = JobMeta.from_dict(_meta)

        _api_params = d.pop("apiParams", UNSET)
        api_params: ApiParams | Unset
        if isinstance(_api_params, Unset):
            api_params = UNSET
        else:
            api_params = ApiParams.from_dict(_api_params)

        job_request = cls(
            api_key=api_key,
            url=url,
            method=method,
            headers=headers,
            body=body,
            callback=callback,
            expect_unsuccess_report=expect_unsuccess_report,
            timeout_sec=timeout_sec,
            meta=meta,
            api_params=api_params,
        )

        job_request.additional_properties = d
        return job_request

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
