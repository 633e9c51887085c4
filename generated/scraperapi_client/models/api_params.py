from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.output_format import OutputFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiParams")


@_attrs_define
class ApiParams:
    """Standard ScraperAPI request parameters applied to the job. `premium` and `ultra_premium`
    are mutually exclusive (set at most one to true). Credit cost per success: 1 standard,
    10 with `render`, 10 `premium`, 30 `ultra_premium`; failed jobs are not charged. Other
    parameters of the synchronous API (e.g. `session_number`) are probably accepted and can be
    passed as additional properties.

    """

    autoparse: bool | Unset = UNSET
    """ Return parsed JSON for supported sites. """
    country_code: str | Unset = UNSET
    """ Two-letter country code for geotargeting (e.g. `us`). """
    keep_headers: bool | Unset = UNSET
    """ Forward your `headers` to the target instead of ScraperAPI's own. """
    device_type: str | Unset = UNSET
    """ User-agent type, `desktop` or `mobile`. """
    follow_redirect: bool | Unset = UNSET
    """ Follow target redirects (server default true). """
    premium: bool | Unset = UNSET
    """ Use premium proxies. Mutually exclusive with `ultra_premium`. """
    ultra_premium: bool | Unset = UNSET
    """ Use ultra-premium proxies. Mutually exclusive with `premium`. """
    render: bool | Unset = UNSET
    """ Render the page with a headless browser. """
    wait_for_selector: str | Unset = UNSET
    """ CSS selector to wait for when rendering. """
    screenshot: bool | Unset = UNSET
    """ Take a screenshot of the rendered page. """
    retry_404: bool | Unset = UNSET
    """ Retry when the target answers 404. """
    output_format: OutputFormat | Unset = UNSET
    """ Output format of the scraped body; omit for raw HTML. """
    max_cost: int | Unset = UNSET
    """ Maximum credits the job may cost; a costlier job is rejected with 403. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        autoparse = self.autoparse

        country_code = self.country_code

        keep_headers = self.keep_headers

        device_type = self.device_type

        follow_redirect = self.follow_redirect

        premium = self.premium

        ultra_premium = self.ultra_premium

        render = self.render

        wait_for_selector = self.wait_for_selector

        screenshot = self.screenshot

        retry_404 = self.retry_404

        output_format: str | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format.value

        max_cost = self.max_cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if autoparse is not UNSET:
            field_dict["autoparse"] = autoparse
        if country_code is not UNSET:
            field_dict["country_code"] = country_code
        if keep_headers is not UNSET:
            field_dict["keep_headers"] = keep_headers
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if follow_redirect is not UNSET:
            field_dict["follow_redirect"] = follow_redirect
        if premium is not UNSET:
            field_dict["premium"] = premium
        if ultra_premium is not UNSET:
            field_dict["ultra_premium"] = ultra_premium
        if render is not UNSET:
            field_dict["render"] = render
        if wait_for_selector is not UNSET:
            field_dict["wait_for_selector"] = wait_for_selector
        if screenshot is not UNSET:
            field_dict["screenshot"] = screenshot
        if retry_404 is not UNSET:
            field_dict["retry_404"] = retry_404
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if max_cost is not UNSET:
            field_dict["max_cost"] = max_cost

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        autoparse = d.pop("autoparse", UNSET)

        country_code = d.pop("country_code", UNSET)

        keep_headers = d.pop("keep_headers", UNSET)

        device_type = d.pop("device_type", UNSET)

        follow_redirect = d.pop("follow_redirect", UNSET)

        premium = d.pop("premium", UNSET)

        ultra_premium = d.pop("ultra_premium", UNSET)

        render = d.pop("render", UNSET)

        wait_for_selector = d.pop("wait_for_selector", UNSET)

        screenshot = d.pop("screenshot", UNSET)

        retry_404 = d.pop("retry_404", UNSET)

        _output_format = d.pop("output_format", UNSET)
        output_format: OutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = OutputFormat(_output_format)

        max_cost = d.pop("max_cost", UNSET)

        api_params = cls(
            autoparse=autoparse,
            country_code=country_code,
            keep_headers=keep_headers,
            device_type=device_type,
            follow_redirect=follow_redirect,
            premium=premium,
            ultra_premium=ultra_premium,
            render=render,
            wait_for_selector=wait_for_selector,
            screenshot=screenshot,
            retry_404=retry_404,
            output_format=output_format,
            max_cost=max_cost,
        )

        api_params.additional_properties = d
        return api_params

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
