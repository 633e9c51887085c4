from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.browser_type import BrowserType
from ..models.output_format import OutputFormat
from ..models.window_size import WindowSize
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.click_action import ClickAction
    from ..models.collect_action import CollectAction
    from ..models.cookies import Cookies
    from ..models.evaluate_action import EvaluateAction
    from ..models.extract_rules import ExtractRules
    from ..models.http_get import HttpGet
    from ..models.http_post import HttpPost
    from ..models.input_action import InputAction
    from ..models.key_press_action import KeyPressAction
    from ..models.network_capture import NetworkCapture
    from ..models.proxy_config import ProxyConfig
    from ..models.request_headers import RequestHeaders
    from ..models.select_action import SelectAction
    from ..models.wait_for_selector_action import WaitForSelectorAction
    from ..models.wait_for_timeout_action import WaitForTimeoutAction
    from ..models.while_action import WhileAction


T = TypeVar("T", bound="CollectionRequest")


@_attrs_define
class CollectionRequest:
    """A collection item, the ScrapeRequest plus an optional `custom_id`."""

    url: str
    """ Target URL including the http(s) scheme (the SDK adds `https://` when missing).
    URLs that are well-formed but not scrapable (private addresses, blocked hosts) are
    reported in `blocked_urls` of a collection, or refused by `/v1/sync/scrape`. """
    format_: OutputFormat | Unset = UNSET
    """ Content format of the result (server default `html` when omitted). """
    browser: bool | Unset = UNSET
    """ Render with a browser (5 credits instead of 1; server default false). """
    browser_type: BrowserType | Unset = UNSET
    """ Browser engine (soft-deprecated; the server may choose by profile; server default `light` when omitted). """
    use_proxy: None | ProxyConfig | str | Unset = UNSET
    """ `any`, a country code such as `US` (needs approval, else 403), a ProxyConfig, or null for no proxy (server
    default null). """
    screenshot: bool | Unset = UNSET
    """ Capture a screenshot (requires browser; server default false). """
    actions: (
        list[
            ClickAction
            | CollectAction
            | EvaluateAction
            | InputAction
            | KeyPressAction
            | SelectAction
            | WaitForSelectorAction
            | WaitForTimeoutAction
            | WhileAction
        ]
        | Unset
    ) = UNSET
    """ Browser actions run in order after load (requires browser). """
    language: str | Unset = UNSET
    """ Accept-Language and browser locale, e.g. `en-US` (server default empty). """
    http_method: HttpGet | HttpPost | Unset = UNSET
    """ HTTP method to use, discriminated by `method`. """
    headers: RequestHeaders | Unset = UNSET
    """ Extra request headers (name to value). """
    window_size: WindowSize | Unset = UNSET
    """ Browser viewport profile (server default empty string = provider's choice, when omitted). """
    cookies: Cookies | Unset = UNSET
    """ Cookies to send (name to value). """
    extract: ExtractRules | Unset = UNSET
    """ Extraction map: output name to a CSS/XPath selector string (optionally prefixed, e.g.
    `css:h1`) or a rule object. Results appear in `extracted_data`.
     """
    network_capture: NetworkCapture | Unset = UNSET
    """ Capture network requests made by the page (requires `browser`; captured bodies are capped at 64 KB). """
    retry_on_block: bool | Unset = UNSET
    """ Let the server retry up to 3 times when blocked (server default false). """
    block_resources: list[str] | Unset = UNSET
    """ Resource types not to load, e.g. `image`, `stylesheet`, `font`, `media`, `script`, `xhr`, `fetch` (requires
    browser). """
    block_requests: list[str] | Unset = UNSET
    """ URL substrings whose requests are aborted (requires browser). """
    custom_id: str | Unset = UNSET
    """ Your identifier, echoed in job listings, results and webhooks; (url, custom_id) pairs are deduplicated. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.collect_action import CollectAction  # noqa: PLC0415
        from ..models.evaluate_action import EvaluateAction  # noqa: PLC0415
        from ..models.http_get import HttpGet  # noqa: PLC0415
        from ..models.input_action import InputAction  # noqa: PLC0415
        from ..models.key_press_action import KeyPressAction  # noqa: PLC0415
        from ..models.proxy_config import ProxyConfig  # noqa: PLC0415
        from ..models.select_action import SelectAction  # noqa: PLC0415
        from ..models.wait_for_selector_action import WaitForSelectorAction  # noqa: PLC0415
        from ..models.wait_for_timeout_action import WaitForTimeoutAction  # noqa: PLC0415

        url = self.url

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        browser = self.browser

        browser_type: str | Unset = UNSET
        if not isinstance(self.browser_type, Unset):
            browser_type = self.browser_type.value

        use_proxy: dict[str, Any] | None | str | Unset
        if isinstance(self.use_proxy, Unset):
            use_proxy = UNSET
        elif isinstance(self.use_proxy, ProxyConfig):
            use_proxy = self.use_proxy.to_dict()
        else:
            use_proxy = self.use_proxy

        screenshot = self.screenshot

        actions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = []
            for actions_item_data in self.actions:
                actions_item: dict[str, Any]
                if isinstance(actions_item_data, ClickAction):
                    actions_item = actions_item_data.to_dict()
                elif isinstance(actions_item_data, InputAction):
                    actions_item = actions_item_data.to_dict()
                elif isinstance(actions_item_data, SelectAction):
                    actions_item = actions_item_data.to_dict()
                elif isinstance(actions_item_data, KeyPressAction):
                    actions_item = actions_item_data.to_dict()
                elif isinstance(actions_item_data, WaitForSelectorAction):
                    actions_item = actions_item_data.to_dict()
                elif isinstance(actions_item_data, WaitForTimeoutAction):
                    actions_item = actions_item_data.to_dict()
                elif isinstance(actions_item_data, EvaluateAction):
                    actions_item = actions_item_data.to_dict()
                elif isinstance(actions_item_data, CollectAction):
                    actions_item = actions_item_data.to_dict()
                else:
                    actions_item = actions_item_data.to_dict()

                actions.append(actions_item)

        language = self.language

        http_method: dict[str, Any] | Unset
        if isinstance(self.http_method, Unset):
            http_method = UNSET
        elif isinstance(self.http_method, HttpGet):
            http_method = self.http_method.to_dict()
        else:
            http_method = self.http_method.to_dict()

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        window_size: str | Unset = UNSET
        if not isinstance(self.window_size, Unset):
            window_size = self.window_size.value

        cookies: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cookies, Unset):
            cookies = self.cookies.to_dict()

        extract: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extract, Unset):
            extract = self.extract.to_dict()

        network_capture: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_capture, Unset):
            network_capture = self.network_capture.to_dict()

        retry_on_block = self.retry_on_block

        block_resources: list[str] | Unset = UNSET
        if not isinstance(self.block_resources, Unset):
            block_resources = self.block_resources

        block_requests: list[str] | Unset = UNSET
        if not isinstance(self.block_requests, Unset):
            block_requests = self.block_requests

        custom_id = self.custom_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if browser is not UNSET:
            field_dict["browser"] = browser
        if browser_type is not UNSET:
            field_dict["browser_type"] = browser_type
        if use_proxy is not UNSET:
            field_dict["use_proxy"] = use_proxy
        if screenshot is not UNSET:
            field_dict["screenshot"] = screenshot
        if actions is not UNSET:
            field_dict["actions"] = actions
        if language is not UNSET:
            field_dict["language"] = language
        if http_method is not UNSET:
            field_dict["http_method"] = http_method
        if headers is not UNSET:
            field_dict["headers"] = headers
        if window_size is not UNSET:
            field_dict["window_size"] = window_size
        if cookies is not UNSET:
            field_dict["cookies"] = cookies
        if extract is not UNSET:
            field_dict["extract"] = extract
        if network_capture is not UNSET:
            field_dict["network_capture"] = network_capture
        if retry_on_block is not UNSET:
            field_dict["retry_on_block"] = retry_on_block
        if block_resources is not UNSET:
            field_dict["block_resources"] = block_resources
        if block_requests is not UNSET:
            field_dict["block_requests"] = block_requests
        if custom_id is not UNSET:
            field_dict["custom_id"] = custom_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.collect_action import CollectAction  # noqa: PLC0415
        from ..models.cookies import Cookies  # noqa: PLC0415
        from ..models.evaluate_action import EvaluateAction  # noqa: PLC0415
        from ..models.extract_rules import ExtractRules  # noqa: PLC0415
        from ..models.http_get import HttpGet  # noqa: PLC0415
        from ..models.http_post import HttpPost  # noqa: PLC0415
        from ..models.input_action import InputAction  # noqa: PLC0415
        from ..models.key_press_action import KeyPressAction  # noqa: PLC0415
        from ..models.network_capture import NetworkCapture  # noqa: PLC0415
        from ..models.proxy_config import ProxyConfig  # noqa: PLC0415
        from ..models.request_headers import RequestHeaders  # noqa: PLC0415
        from ..models.select_action import SelectAction  # noqa: PLC0415
        from ..models.wait_for_selector_action import WaitForSelectorAction  # noqa: PLC0415
        from ..models.wait_for_timeout_action import WaitForTimeoutAction  # noqa: PLC0415
        from ..models.while_action import WhileAction  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        _format_ = d.pop("format", UNSET)
        format_: OutputFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = OutputFormat(_format_)

        browser = d.pop("browser", UNSET)

        _browser_type = d.pop("browser_type", UNSET)
        browser_type: BrowserType | Unset
        if isinstance(_browser_type, Unset):
            browser_type = UNSET
        else:
            browser_type = BrowserType(_browser_type)

        def _parse_use_proxy(data: object) -> None | ProxyConfig | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                use_proxy_type_1 = ProxyConfig.from_dict(data)

                return use_proxy_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProxyConfig | str | Unset, data)

        use_proxy = _parse_use_proxy(d.pop("use_proxy", UNSET))

        screenshot = d.pop("screenshot", UNSET)

        _actions = d.pop("actions", UNSET)
        actions: (
            list[
                ClickAction
                | CollectAction
                | EvaluateAction
                | InputAction
                | KeyPressAction
                | SelectAction
                | WaitForSelectorAction
                | WaitForTimeoutAction
                | WhileAction
            ]
            | Unset
        ) = UNSET
        if _actions is not UNSET:
            actions = []
            for actions_item_data in _actions:

                def _parse_actions_item(
                    data: object,
                ) -> (
                    ClickAction
                    | CollectAction
                    | EvaluateAction
                    | InputAction
                    | KeyPressAction
                    | SelectAction
                    | WaitForSelectorAction
                    | WaitForTimeoutAction
                    | WhileAction
                ):
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_0 = ClickAction.from_dict(data)

                        return componentsschemas_action_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_1 = InputAction.from_dict(data)

                        return componentsschemas_action_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_2 = SelectAction.from_dict(data)

                        return componentsschemas_action_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_3 = KeyPressAction.from_dict(data)

                        return componentsschemas_action_type_3
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_4 = WaitForSelectorAction.from_dict(data)

                        return componentsschemas_action_type_4
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_5 = WaitForTimeoutAction.from_dict(data)

                        return componentsschemas_action_type_5
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_6 = EvaluateAction.from_dict(data)

                        return componentsschemas_action_type_6
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_action_type_7 = CollectAction.from_dict(data)

                        return componentsschemas_action_type_7
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_8 = WhileAction.from_dict(data)

                    return componentsschemas_action_type_8

                actions_item = _parse_actions_item(actions_item_data)

                actions.append(actions_item)

        language = d.pop("language", UNSET)

        def _parse_http_method(data: object) -> HttpGet | HttpPost | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_http_method_type_0 = HttpGet.from_dict(data)

                return componentsschemas_http_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_http_method_type_1 = HttpPost.from_dict(data)

            return componentsschemas_http_method_type_1

        http_method = _parse_http_method(d.pop("http_method", UNSET))

        _headers = d.pop("headers", UNSET)
        headers: RequestHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = RequestHeaders.from_dict(_headers)

        _window_size = d.pop("window_size", UNSET)
        window_size: WindowSize | Unset
        if isinstance(_window_size, Unset):
            window_size = UNSET
        else:
            window_size = WindowSize(_window_size)

        _cookies = d.pop("cookies", UNSET)
        cookies: Cookies | Unset
        if isinstance(_cookies, Unset):
            cookies = UNSET
        else:
            cookies = Cookies.from_dict(_cookies)

        _extract = d.pop("extract", UNSET)
        extract: ExtractRules | Unset
        if isinstance(_extract, Unset):
            extract = UNSET
        else:
            extract = ExtractRules.from_dict(_extract)

        _network_capture = d.pop("network_capture", UNSET)
        network_capture: NetworkCapture | Unset
        if isinstance(_network_capture, Unset):
            network_capture = UNSET
        else:
            network_capture = NetworkCapture.from_dict(_network_capture)

        retry_on_block = d.pop("retry_on_block", UNSET)

        block_resources = cast(list[str], d.pop("block_resources", UNSET))

        block_requests = cast(list[str], d.pop("block_requests", UNSET))

        custom_id = d.pop("custom_id", UNSET)

        collection_request = cls(
            url=url,
            format_=format_,
            browser=browser,
            browser_type=browser_type,
            use_proxy=use_proxy,
            screenshot=screenshot,
            actions=actions,
            language=language,
            http_method=http_method,
            headers=headers,
            window_size=window_size,
            cookies=cookies,
            extract=extract,
            network_capture=network_capture,
            retry_on_block=retry_on_block,
            block_resources=block_resources,
            block_requests=block_requests,
            custom_id=custom_id,
        )

        collection_request.additional_properties = d
        return collection_request

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
