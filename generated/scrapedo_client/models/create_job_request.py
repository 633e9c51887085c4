from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.device import Device
from ..models.http_method import HttpMethod
from ..models.output_format import OutputFormat
from ..models.regional_geo_code import RegionalGeoCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plugin_options import PluginOptions
    from ..models.render_options import RenderOptions
    from ..models.target_headers import TargetHeaders
    from ..models.webhook_headers import WebhookHeaders


T = TypeVar("T", bound="CreateJobRequest")


@_attrs_define
class CreateJobRequest:
    """Body of Create Job. `Targets` is required (1 to 1000 URLs); every other option applies
    to all targets. Server defaults are listed per field (`x-server-default`) and are NOT
    sent by the client when a field is left unset.

    """

    targets: list[str]
    """ Target URLs, one task each; 1 to 1000 per job. """
    method: HttpMethod | Unset = UNSET
    """ HTTP method used to fetch each target. Server default `GET`. """
    body: str | Unset = UNSET
    """ Request body sent to the target (for POST, PUT, PATCH). """
    geo_code: str | Unset = UNSET
    """ Country code for geo-targeting, e.g. `us`. """
    regional_geo_code: RegionalGeoCode | Unset = UNSET
    """ Region for geo-targeting, e.g. `europe` (values of the official node client; the async documentation gives
    the field as a plain string). """
    super_: bool | Unset = UNSET
    """ Use residential/mobile proxies. Server default false. """
    headers: TargetHeaders | Unset = UNSET
    """ Custom HTTP headers sent to every target (name to value). Merged with Scrape.do's own headers unless
    `ForwardHeaders` is true. """
    forward_headers: bool | Unset = UNSET
    """ Send only the given `Headers` instead of merging them with Scrape.do's own headers. Server default false.
    """
    session_id: str | Unset = UNSET
    """ Sticky session ID; requests with the same ID reuse the same IP. """
    device: Device | Unset = UNSET
    """ Device profile to emulate. Server default `desktop`. """
    set_cookies: str | Unset = UNSET
    """ Cookies for the target, as `name1=value1; name2=value2`. """
    timeout: int | Unset = UNSET
    """ Total request timeout in milliseconds. Server default 60000. A valid range exists but is not documented
    (open point). """
    retry_timeout: int | Unset = UNSET
    """ Per-attempt retry timeout in milliseconds. Server default 15000. Has no effect when `Render` is used. Range
    not documented (open point). """
    disable_retry: bool | Unset = UNSET
    """ Disable automatic retries. Server default false. """
    transparent_response: bool | Unset = UNSET
    """ Return the target's response as is. Server default false. """
    disable_redirection: bool | Unset = UNSET
    """ Do not follow redirects. Server default false. """
    output: OutputFormat | Unset = UNSET
    """ Output format. `raw` returns the page as fetched; `markdown` converts it for LLM use. Server default `raw`.
    """
    render: RenderOptions | Unset = UNSET
    """ Headless-browser rendering. Rules: `BlockResources` must be false when `PlayWithBrowser`
    or any screenshot option is used (it defaults to true); `CustomWait` is 0 to 35000 ms.
    Presence of this object turns rendering on.
     """
    webhook_url: str | Unset = UNSET
    """ URL that receives a POST when a task finishes (see the `taskFinished` webhook). Absolute http(s) URL. """
    webhook_headers: WebhookHeaders | Unset = _attrs_field(default=UNSET, repr=False)
    """ Static headers added to every webhook request (name to value); the only documented way to authenticate
    webhooks, e.g. `Authorization: Bearer <secret>`. Names are HTTP tokens and values printable ASCII, so every
    header can actually be sent. """
    plugin: PluginOptions | Unset = UNSET
    """ Structured-plugin settings (Amazon, Google Search, Google Trends ...), documented since
    2026-11-17 on a page that was not retrieved. The shape is an OPEN point, so this object
    is free-form: every key is sent as given.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        targets = self.targets

        method: str | Unset = UNSET
        if not isinstance(self.method, Unset):
            method = self.method.value

        body = self.body

        geo_code = self.geo_code

        regional_geo_code: str | Unset = UNSET
        if not isinstance(self.regional_geo_code, Unset):
            regional_geo_code = self.regional_geo_code.value

        super_ = self.super_

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        forward_headers = self.forward_headers

        session_id = self.session_id

        device: str | Unset = UNSET
        if not isinstance(self.device, Unset):
            device = self.device.value

        set_cookies = self.set_cookies

        timeout = self.timeout

        retry_timeout = self.retry_timeout

        disable_retry = self.disable_retry

        transparent_response = self.transparent_response

        disable_redirection = self.disable_redirection

        output: str | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = self.output.value

        render: dict[str, Any] | Unset = UNSET
        if not isinstance(self.render, Unset):
            render = self.render.to_dict()

        webhook_url = self.webhook_url

        webhook_headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.webhook_headers, Unset):
            webhook_headers = self.webhook_headers.to_dict()

        plugin: dict[str, Any] | Unset = UNSET
        if not isinstance(self.plugin, Unset):
            plugin = self.plugin.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Targets": targets,
            }
        )
        if method is not UNSET:
            field_dict["Method"] = method
        if body is not UNSET:
            field_dict["Body"] = body
        if geo_code is not UNSET:
            field_dict["GeoCode"] = geo_code
        if regional_geo_code is not UNSET:
            field_dict["RegionalGeoCode"] = regional_geo_code
        if super_ is not UNSET:
            field_dict["Super"] = super_
        if headers is not UNSET:
            field_dict["Headers"] = headers
        if forward_headers is not UNSET:
            field_dict["ForwardHeaders"] = forward_headers
        if session_id is not UNSET:
            field_dict["SessionID"] = session_id
        if device is not UNSET:
            field_dict["Device"] = device
        if set_cookies is not UNSET:
            field_dict["SetCookies"] = set_cookies
        if timeout is not UNSET:
            field_dict["Timeout"] = timeout
        if retry_timeout is not UNSET:
            field_dict["RetryTimeout"] = retry_timeout
        if disable_retry is not UNSET:
            field_dict["DisableRetry"] = disable_retry
        if transparent_response is not UNSET:
            field_dict["TransparentResponse"] = transparent_response
        if disable_redirection is not UNSET:
            field_dict["DisableRedirection"] = disable_redirection
        if output is not UNSET:
            field_dict["Output"] = output
        if render is not UNSET:
            field_dict["Render"] = render
        if webhook_url is not UNSET:
            field_dict["WebhookURL"] = webhook_url
        if webhook_headers is not UNSET:
            field_dict["WebhookHeaders"] = webhook_headers
        if plugin is not UNSET:
            field_dict["Plugin"] = plugin

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plugin_options import PluginOptions  # noqa: PLC0415
        from ..models.render_options import RenderOptions  # noqa: PLC0415
        from ..models.target_headers import TargetHeaders  # noqa: PLC0415
        from ..models.webhook_headers import WebhookHeaders  # noqa: PLC0415

        d = dict(src_dict)
        targets = cast(list[str], d.pop("Targets"))

        _method = d.pop("Method", UNSET)
        method: HttpMethod | Unset
        if isinstance(_method, Unset):
            method = UNSET
        else:
            method = HttpMethod(_method)

        body = d.pop("Body", UNSET)

        geo_code = d.pop("GeoCode", UNSET)

        _regional_geo_code = d.pop("RegionalGeoCode", UNSET)
        regional_geo_code: RegionalGeoCode | Unset
        if isinstance(_regional_geo_code, Unset):
            regional_geo_code = UNSET
        else:
            regional_geo_code = RegionalGeoCode(_regional_geo_code)

        super_ = d.pop("Super", UNSET)

        _headers = d.pop("Headers", UNSET)
        headers: TargetHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = TargetHeaders.from_dict(_headers)

        forward_headers = d.pop("ForwardHeaders", UNSET)

        session_id = d.pop("SessionID", UNSET)

        _device = d.pop("Device", UNSET)
        device: Device | Unset
        if isinstance(_device, Unset):
            device = UNSET
        else:
            device = Device(_device)

        set_cookies = d.pop("SetCookies", UNSET)

        timeout = d.pop("Timeout", UNSET)

        retry_timeout = d.pop("RetryTimeout", UNSET)

        disable_retry = d.pop("DisableRetry", UNSET)

        transparent_response = d.pop("TransparentResponse", UNSET)

        disable_redirection = d.pop("DisableRedirection", UNSET)

        _output = d.pop("Output", UNSET)
        output: OutputFormat | Unset
        if isinstance(_output, Unset):
            output = UNSET
        else:
            output = OutputFormat(_output)

        _render = d.pop("Render", UNSET)
        render: RenderOptions | Unset
        if isinstance(_render, Unset):
            render = UNSET
        else:
            render = RenderOptions.from_dict(_render)

        webhook_url = d.pop("WebhookURL", UNSET)

        _webhook_headers = d.pop("WebhookHeaders", UNSET)
        webhook_headers: WebhookHeaders | Unset
        if isinstance(_webhook_headers, Unset):
            webhook_headers = UNSET
        else:
            webhook_headers = WebhookHeaders.from_dict(_webhook_headers)

        _plugin = d.pop("Plugin", UNSET)
        plugin: PluginOptions | Unset
        if isinstance(_plugin, Unset):
            plugin = UNSET
        else:
            plugin = PluginOptions.from_dict(_plugin)

        create_job_request = cls(
            targets=targets,
            method=method,
            body=body,
            geo_code=geo_code,
            regional_geo_code=regional_geo_code,
            super_=super_,
            headers=headers,
            forward_headers=forward_headers,
            session_id=session_id,
            device=device,
            set_cookies=set_cookies,
            timeout=timeout,
            retry_timeout=retry_timeout,
            disable_retry=disable_retry,
            transparent_response=transparent_response,
            disable_redirection=disable_redirection,
            output=output,
            render=render,
            webhook_url=webhook_url,
            webhook_headers=webhook_headers,
            plugin=plugin,
        )

        create_job_request.additional_properties = d
        return create_job_request

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
