from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.guidance import Guidance
    from ..models.json_object import JsonObject
    from ..models.network_request import NetworkRequest
    from ..models.scrape_timings import ScrapeTimings


T = TypeVar("T", bound="ScrapeResult")


@_attrs_define
class ScrapeResult:
    """Result of one scrape (ScrapeResponse); only `message` is always present."""

    message: str
    url: None | str | Unset = UNSET
    custom_id: None | str | Unset = UNSET
    html: None | str | Unset = UNSET
    """ Page HTML (format html). """
    markdown: None | str | Unset = UNSET
    """ Page as Markdown (format markdown). """
    status_code: int | None | Unset = UNSET
    """ HTTP status of the target. """
    screenshot: None | str | Unset = UNSET
    """ Screenshot (base64, presumably PNG). """
    execution_time: float | None | Unset = UNSET
    """ Execution time as reported (unit not documented; seconds in observed values). """
    extracted_data: JsonObject | None | Unset = UNSET
    """ Values of the `extract` rules, by name. """
    evaluate_results: list[Any] | Unset = UNSET
    """ Values returned by `evaluate` actions, in order. """
    network_requests: list[NetworkRequest] | None | Unset = UNSET
    potentially_blocked_by_captcha: bool | None | Unset = UNSET
    """ Soft-deprecated; see `guidance`. """
    timings: None | ScrapeTimings | Unset = UNSET
    guidance: Guidance | None | Unset = UNSET
    content_type: None | str | Unset = UNSET
    """ Content type of the target response. """
    body_base64: None | str | Unset = UNSET
    """ Base64 body for binary responses. """
    body_url: None | str | Unset = UNSET
    """ Reserved. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.guidance import Guidance  # noqa: PLC0415
        from ..models.json_object import JsonObject  # noqa: PLC0415
        from ..models.scrape_timings import ScrapeTimings  # noqa: PLC0415

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

        html: None | str | Unset
        if isinstance(self.html, Unset):
            html = UNSET
        else:
            html = self.html

        markdown: None | str | Unset
        if isinstance(self.markdown, Unset):
            markdown = UNSET
        else:
            markdown = self.markdown

        status_code: int | None | Unset
        if isinstance(self.status_code, Unset):
            status_code = UNSET
        else:
            status_code = self.status_code

        screenshot: None | str | Unset
        if isinstance(self.screenshot, Unset):
            screenshot = UNSET
        else:
            screenshot = self.screenshot

        execution_time: float | None | Unset
        if isinstance(self.execution_time, Unset):
            execution_time = UNSET
        else:
            execution_time = self.execution_time

        extracted_data: dict[str, Any] | None | Unset
        if isinstance(self.extracted_data, Unset):
            extracted_data = UNSET
        elif isinstance(self.extracted_data, JsonObject):
            extracted_data = self.extracted_data.to_dict()
        else:
            extracted_data = self.extracted_data

        evaluate_results: list[Any] | Unset = UNSET
        if not isinstance(self.evaluate_results, Unset):
            evaluate_results = self.evaluate_results

        network_requests: list[dict[str, Any]] | None | Unset
        if isinstance(self.network_requests, Unset):
            network_requests = UNSET
        elif isinstance(self.network_requests, list):
            network_requests = []
            for network_requests_type_0_item_data in self.network_requests:
                network_requests_type_0_item = network_requests_type_0_item_data.to_dict()
                network_requests.append(network_requests_type_0_item)

        else:
            network_requests = self.network_requests

        potentially_blocked_by_captcha: bool | None | Unset
        if isinstance(self.potentially_blocked_by_captcha, Unset):
            potentially_blocked_by_captcha = UNSET
        else:
            potentially_blocked_by_captcha = self.potentially_blocked_by_captcha

        timings: dict[str, Any] | None | Unset
        if isinstance(self.timings, Unset):
            timings = UNSET
        elif isinstance(self.timings, ScrapeTimings):
            timings = self.timings.to_dict()
        else:
            timings = self.timings

        guidance: dict[str, Any] | None | Unset
        if isinstance(self.guidance, Unset):
            guidance = UNSET
        elif isinstance(self.guidance, Guidance):
            guidance = self.guidance.to_dict()
        else:
            guidance = self.guidance

        content_type: None | str | Unset
        if isinstance(self.content_type, Unset):
            content_type = UNSET
        else:
            content_type = self.content_type

        body_base64: None | str | Unset
        if isinstance(self.body_base64, Unset):
            body_base64 = UNSET
        else:
            body_base64 = self.body_base64

        body_url: None | str | Unset
        if isinstance(self.body_url, Unset):
            body_url = UNSET
        else:
            body_url = self.body_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if custom_id is not UNSET:
            field_dict["custom_id"] = custom_id
        if html is not UNSET:
            field_dict["html"] = html
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if status_code is not UNSET:
            field_dict["statusCode"] = status_code
        if screenshot is not UNSET:
            field_dict["screenshot"] = screenshot
        if execution_time is not UNSET:
            field_dict["executionTime"] = execution_time
        if extracted_data is not UNSET:
            field_dict["extracted_data"] = extracted_data
        if evaluate_results is not UNSET:
            field_dict["evaluate_results"] = evaluate_results
        if network_requests is not UNSET:
            field_dict["network_requests"] = network_requests
        if potentially_blocked_by_captcha is not UNSET:
            field_dict["potentiallyBlockedByCaptcha"] = potentially_blocked_by_captcha
        if timings is not UNSET:
            field_dict["timings"] = timings
        if guidance is not UNSET:
            field_dict["guidance"] = guidance
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if body_base64 is not UNSET:
            field_dict["body_base64"] = body_base64
        if body_url is not UNSET:
            field_dict["body_url"] = body_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guidance import Guidance  # noqa: PLC0415
        from ..models.json_object import JsonObject  # noqa: PLC0415
        from ..models.network_request import NetworkRequest  # noqa: PLC0415
        from ..models.scrape_timings import ScrapeTimings  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

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

        def _parse_html(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        html = _parse_html(d.pop("html", UNSET))

        def _parse_markdown(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        markdown = _parse_markdown(d.pop("markdown", UNSET))

        def _parse_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        status_code = _parse_status_code(d.pop("statusCode", UNSET))

        def _parse_screenshot(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        screenshot = _parse_screenshot(d.pop("screenshot", UNSET))

        def _parse_execution_time(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        execution_time = _parse_execution_time(d.pop("executionTime", UNSET))

        def _parse_extracted_data(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                extracted_data_type_0 = JsonObject.from_dict(data)

                return extracted_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        extracted_data = _parse_extracted_data(d.pop("extracted_data", UNSET))

        evaluate_results = cast(list[Any], d.pop("evaluate_results", UNSET))

        def _parse_network_requests(data: object) -> list[NetworkRequest] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                network_requests_type_0 = []
                _network_requests_type_0 = data
                for network_requests_type_0_item_data in _network_requests_type_0:
                    network_requests_type_0_item = NetworkRequest.from_dict(
                        network_requests_type_0_item_data
                    )

                    network_requests_type_0.append(network_requests_type_0_item)

                return network_requests_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NetworkRequest] | None | Unset, data)

        network_requests = _parse_network_requests(d.pop("network_requests", UNSET))

        def _parse_potentially_blocked_by_captcha(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        potentially_blocked_by_captcha = _parse_potentially_blocked_by_captcha(
            d.pop("potentiallyBlockedByCaptcha", UNSET)
        )

        def _parse_timings(data: object) -> None | ScrapeTimings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                timings_type_0 = ScrapeTimings.from_dict(data)

                return timings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScrapeTimings | Unset, data)

        timings = _parse_timings(d.pop("timings", UNSET))

        def _parse_guidance(data: object) -> Guidance | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                guidance_type_0 = Guidance.from_dict(data)

                return guidance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Guidance | None | Unset, data)

        guidance = _parse_guidance(d.pop("guidance", UNSET))

        def _parse_content_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        content_type = _parse_content_type(d.pop("content_type", UNSET))

        def _parse_body_base64(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body_base64 = _parse_body_base64(d.pop("body_base64", UNSET))

        def _parse_body_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body_url = _parse_body_url(d.pop("body_url", UNSET))

        scrape_result = cls(
            message=message,
            url=url,
            custom_id=custom_id,
            html=html,
            markdown=markdown,
            status_code=status_code,
            screenshot=screenshot,
            execution_time=execution_time,
            extracted_data=extracted_data,
            evaluate_results=evaluate_results,
            network_requests=network_requests,
            potentially_blocked_by_captcha=potentially_blocked_by_captcha,
            timings=timings,
            guidance=guidance,
            content_type=content_type,
            body_base64=body_base64,
            body_url=body_url,
        )

        scrape_result.additional_properties = d
        return scrape_result

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
