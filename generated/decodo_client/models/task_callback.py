from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.browser_action_message import BrowserActionMessage
    from ..models.custom_cookies import CustomCookies
    from ..models.custom_headers import CustomHeaders


T = TypeVar("T", bound="TaskCallback")


@_attrs_define
class TaskCallback:
    """Payload POSTed to `callback_url` when a task is done: the task object (not the scraped content) plus the echoed
    `passthrough`. Open object.

    """

    id: str
    """ Task id, a string of digits (numeric-looking but always quoted). """
    status: str | TaskStatus
    """ Task state; `pending`, then `done` or `faulted`. Unknown future values parse as plain strings. """
    target: str | Unset = UNSET
    """ Target the task ran with (`universal` when the request omitted it). """
    query: None | str | Unset = UNSET
    """ Query of query-based targets (empty string for url-based tasks). """
    url: None | str | Unset = UNSET
    """ URL of url-based targets. """
    domain: None | str | Unset = UNSET
    """ Top-level domain used (default `com`). """
    locale: None | str | Unset = UNSET
    """ Locale used, or null. """
    geo: None | str | Unset = UNSET
    """ Geolocation used, or null. """
    device_type: None | str | Unset = UNSET
    """ Device type used (default `desktop`). """
    limit: int | None | Unset = UNSET
    """ Item limit (default 10). """
    page_from: int | None | Unset = UNSET
    """ First results page (default 1). """
    page_count: int | None | Unset = UNSET
    """ Number of results pages (default 1). """
    headless: None | str | Unset = UNSET
    """ Rendering mode (`html`, `png`), or null when not rendered. """
    parse: bool | int | None | Unset = UNSET
    """ Whether parsed output was requested; callbacks have been seen to send `0`/`1` instead of a boolean. """
    output_schema: Any | Unset = UNSET
    """ Output schema used for parsing; undocumented, usually null. """
    priority: int | None | Unset = UNSET
    """ Internal priority (seen as 0). """
    persist: bool | None | Unset = UNSET
    """ Internal persistence flag (seen as true). """
    content_encoding: None | str | Unset = UNSET
    """ Encoding of the content, e.g. `utf-8`. """
    http_method: None | str | Unset = UNSET
    """ HTTP method used against the target (default `get`). """
    payload: None | str | Unset = UNSET
    """ Request body sent to the target, or null. """
    headers: CustomHeaders | list[str] | None | Unset = UNSET
    """ Custom headers sent; an empty array `[]` when none (PHP-style empty map). """
    cookies: CustomCookies | list[str] | None | Unset = UNSET
    """ Custom cookies sent; an empty array `[]` when none (PHP-style empty map). """
    force_headers: bool | None | Unset = UNSET
    """ Whether `headers` were forced. """
    force_cookies: bool | None | Unset = UNSET
    """ Whether `cookies` were forced. """
    headers_cookies_policy: bool | None | Unset = UNSET
    """ Internal header/cookie policy flag (seen as false). """
    session_id: None | str | Unset = UNSET
    """ Sticky-session id, or null. """
    successful_status_codes: list[int] | None | Unset = UNSET
    """ Target status codes treated as success (`[]` when none). """
    follow_redirect: bool | None | Unset = UNSET
    """ Whether redirects are followed, or null. """
    store_id: None | str | Unset = UNSET
    """ Store id, or null. """
    adults: int | None | Unset = UNSET
    """ Number of adults (google_travel_hotels). """
    children: int | None | Unset = UNSET
    """ Number of children (google_travel_hotels). """
    callback_url: None | str | Unset = UNSET
    """ Callback URL given with the task. """
    passthrough: None | str | Unset = _attrs_field(default=UNSET, repr=False)
    """ The `passthrough` string given with the task, echoed verbatim. Compare it with the value you sent to
    authenticate the callback. """
    browser_actions_error: list[BrowserActionMessage] | None | Unset = UNSET
    """ Browser-action errors, if any. """
    browser_actions_warnings: list[BrowserActionMessage] | None | Unset = UNSET
    """ Browser-action warnings, if any. """
    created_at: str | Unset = UNSET
    """ Creation time. Server timestamp `YYYY-MM-DD HH:MM:SS`, no time zone (UTC assumed). """
    updated_at: str | Unset = UNSET
    """ Last update time. Server timestamp `YYYY-MM-DD HH:MM:SS`, no time zone (UTC assumed). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.custom_cookies import CustomCookies  # noqa: PLC0415
        from ..models.custom_headers import CustomHeaders  # noqa: PLC0415

        id = self.id

        status: str
        if isinstance(self.status, TaskStatus):
            status = self.status.value
        else:
            status = self.status

        target = self.target

        query: None | str | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        else:
            query = self.query

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        else:
            locale = self.locale

        geo: None | str | Unset
        if isinstance(self.geo, Unset):
            geo = UNSET
        else:
            geo = self.geo

        device_type: None | str | Unset
        if isinstance(self.device_type, Unset):
            device_type = UNSET
        else:
            device_type = self.device_type

        limit: int | None | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        page_from: int | None | Unset
        if isinstance(self.page_from, Unset):
            page_from = UNSET
        else:
            page_from = self.page_from

        page_count: int | None | Unset
        if isinstance(self.page_count, Unset):
            page_count = UNSET
        else:
            page_count = self.page_count

        headless: None | str | Unset
        if isinstance(self.headless, Unset):
            headless = UNSET
        else:
            headless = self.headless

        parse: bool | int | None | Unset
        if isinstance(self.parse, Unset):
            parse = UNSET
        else:
            parse = self.parse

        output_schema = self.output_schema

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        persist: bool | None | Unset
        if isinstance(self.persist, Unset):
            persist = UNSET
        else:
            persist = self.persist

        content_encoding: None | str | Unset
        if isinstance(self.content_encoding, Unset):
            content_encoding = UNSET
        else:
            content_encoding = self.content_encoding

        http_method: None | str | Unset
        if isinstance(self.http_method, Unset):
            http_method = UNSET
        else:
            http_method = self.http_method

        payload: None | str | Unset
        if isinstance(self.payload, Unset):
            payload = UNSET
        else:
            payload = self.payload

        headers: dict[str, Any] | list[str] | None | Unset
        if isinstance(self.headers, Unset):
            headers = UNSET
        elif isinstance(self.headers, CustomHeaders):
            headers = self.headers.to_dict()
        elif isinstance(self.headers, list):
            headers = self.headers

        else:
            headers = self.headers

        cookies: dict[str, Any] | list[str] | None | Unset
        if isinstance(self.cookies, Unset):
            cookies = UNSET
        elif isinstance(self.cookies, CustomCookies):
            cookies = self.cookies.to_dict()
        elif isinstance(self.cookies, list):
            cookies = self.cookies

        else:
            cookies = self.cookies

        force_headers: bool | None | Unset
        if isinstance(self.force_headers, Unset):
            force_headers = UNSET
        else:
            force_headers = self.force_headers

        force_cookies: bool | None | Unset
        if isinstance(self.force_cookies, Unset):
            force_cookies = UNSET
        else:
            force_cookies = self.force_cookies

        headers_cookies_policy: bool | None | Unset
        if isinstance(self.headers_cookies_policy, Unset):
            headers_cookies_policy = UNSET
        else:
            headers_cookies_policy = self.headers_cookies_policy

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        successful_status_codes: list[int] | None | Unset
        if isinstance(self.successful_status_codes, Unset):
            successful_status_codes = UNSET
        elif isinstance(self.successful_status_codes, list):
            successful_status_codes = self.successful_status_codes

        else:
            successful_status_codes = self.successful_status_codes

        follow_redirect: bool | None | Unset
        if isinstance(self.follow_redirect, Unset):
            follow_redirect = UNSET
        else:
            follow_redirect = self.follow_redirect

        store_id: None | str | Unset
        if isinstance(self.store_id, Unset):
            store_id = UNSET
        else:
            store_id = self.store_id

        adults: int | None | Unset
        if isinstance(self.adults, Unset):
            adults = UNSET
        else:
            adults = self.adults

        children: int | None | Unset
        if isinstance(self.children, Unset):
            children = UNSET
        else:
            children = self.children

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        passthrough: None | str | Unset
        if isinstance(self.passthrough, Unset):
            passthrough = UNSET
        else:
            passthrough = self.passthrough

        browser_actions_error: list[dict[str, Any]] | None | Unset
        if isinstance(self.browser_actions_error, Unset):
            browser_actions_error = UNSET
        elif isinstance(self.browser_actions_error, list):
            browser_actions_error = []
            for browser_actions_error_type_0_item_data in self.browser_actions_error:
                browser_actions_error_type_0_item = browser_actions_error_type_0_item_data.to_dict()
                browser_actions_error.append(browser_actions_error_type_0_item)

        else:
            browser_actions_error = self.browser_actions_error

        browser_actions_warnings: list[dict[str, Any]] | None | Unset
        if isinstance(self.browser_actions_warnings, Unset):
            browser_actions_warnings = UNSET
        elif isinstance(self.browser_actions_warnings, list):
            browser_actions_warnings = []
            for browser_actions_warnings_type_0_item_data in self.browser_actions_warnings:
                browser_actions_warnings_type_0_item = (
                    browser_actions_warnings_type_0_item_data.to_dict()
                )
                browser_actions_warnings.append(browser_actions_warnings_type_0_item)

        else:
            browser_actions_warnings = self.browser_actions_warnings

        created_at = self.created_at

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if target is not UNSET:
            field_dict["target"] = target
        if query is not UNSET:
            field_dict["query"] = query
        if url is not UNSET:
            field_dict["url"] = url
        if domain is not UNSET:
            field_dict["domain"] = domain
        if locale is not UNSET:
            field_dict["locale"] = locale
        if geo is not UNSET:
            field_dict["geo"] = geo
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if limit is not UNSET:
            field_dict["limit"] = limit
        if page_from is not UNSET:
            field_dict["page_from"] = page_from
        if page_count is not UNSET:
            field_dict["page_count"] = page_count
        if headless is not UNSET:
            field_dict["headless"] = headless
        if parse is not UNSET:
            field_dict["parse"] = parse
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema
        if priority is not UNSET:
            field_dict["priority"] = priority
        if persist is not UNSET:
            field_dict["persist"] = persist
        if content_encoding is not UNSET:
            field_dict["content_encoding"] = content_encoding
        if http_method is not UNSET:
            field_dict["http_method"] = http_method
        if payload is not UNSET:
            field_dict["payload"] = payload
        if headers is not UNSET:
            field_dict["headers"] = headers
        if cookies is not UNSET:
            field_dict["cookies"] = cookies
        if force_headers is not UNSET:
            field_dict["force_headers"] = force_headers
        if force_cookies is not UNSET:
            field_dict["force_cookies"] = force_cookies
        if headers_cookies_policy is not UNSET:
            field_dict["headers_cookies_policy"] = headers_cookies_policy
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if successful_status_codes is not UNSET:
            field_dict["successful_status_codes"] = successful_status_codes
        if follow_redirect is not UNSET:
            field_dict["follow_redirect"] = follow_redirect
        if store_id is not UNSET:
            field_dict["store_id"] = store_id
        if adults is not UNSET:
            field_dict["adults"] = adults
        if children is not UNSET:
            field_dict["children"] = children
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough
        if browser_actions_error is not UNSET:
            field_dict["browser_actions_error"] = browser_actions_error
        if browser_actions_warnings is not UNSET:
            field_dict["browser_actions_warnings"] = browser_actions_warnings
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.browser_action_message import BrowserActionMessage  # noqa: PLC0415
        from ..models.custom_cookies import CustomCookies  # noqa: PLC0415
        from ..models.custom_headers import CustomHeaders  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_status(data: object) -> str | TaskStatus:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = TaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskStatus, data)

        status = _parse_status(d.pop("status"))

        target = d.pop("target", UNSET)

        def _parse_query(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        query = _parse_query(d.pop("query", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

        def _parse_locale(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))

        def _parse_geo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        geo = _parse_geo(d.pop("geo", UNSET))

        def _parse_device_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        device_type = _parse_device_type(d.pop("device_type", UNSET))

        def _parse_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        def _parse_page_from(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        page_from = _parse_page_from(d.pop("page_from", UNSET))

        def _parse_page_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        page_count = _parse_page_count(d.pop("page_count", UNSET))

        def _parse_headless(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        headless = _parse_headless(d.pop("headless", UNSET))

        def _parse_parse(data: object) -> bool | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | int | None | Unset, data)

        parse = _parse_parse(d.pop("parse", UNSET))

        output_schema = d.pop("output_schema", UNSET)

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_persist(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        persist = _parse_persist(d.pop("persist", UNSET))

        def _parse_content_encoding(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        content_encoding = _parse_content_encoding(d.pop("content_encoding", UNSET))

        def _parse_http_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        http_method = _parse_http_method(d.pop("http_method", UNSET))

        def _parse_payload(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payload = _parse_payload(d.pop("payload", UNSET))

        def _parse_headers(data: object) -> CustomHeaders | list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                headers_type_0 = CustomHeaders.from_dict(data)

                return headers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                headers_type_1 = cast(list[str], data)

                return headers_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomHeaders | list[str] | None | Unset, data)

        headers = _parse_headers(d.pop("headers", UNSET))

        def _parse_cookies(data: object) -> CustomCookies | list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cookies_type_0 = CustomCookies.from_dict(data)

                return cookies_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                cookies_type_1 = cast(list[str], data)

                return cookies_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomCookies | list[str] | None | Unset, data)

        cookies = _parse_cookies(d.pop("cookies", UNSET))

        def _parse_force_headers(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        force_headers = _parse_force_headers(d.pop("force_headers", UNSET))

        def _parse_force_cookies(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        force_cookies = _parse_force_cookies(d.pop("force_cookies", UNSET))

        def _parse_headers_cookies_policy(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        headers_cookies_policy = _parse_headers_cookies_policy(
            d.pop("headers_cookies_policy", UNSET)
        )

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_successful_status_codes(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                successful_status_codes_type_0 = cast(list[int], data)

                return successful_status_codes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        successful_status_codes = _parse_successful_status_codes(
            d.pop("successful_status_codes", UNSET)
        )

        def _parse_follow_redirect(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        follow_redirect = _parse_follow_redirect(d.pop("follow_redirect", UNSET))

        def _parse_store_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        store_id = _parse_store_id(d.pop("store_id", UNSET))

        def _parse_adults(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        adults = _parse_adults(d.pop("adults", UNSET))

        def _parse_children(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        children = _parse_children(d.pop("children", UNSET))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_passthrough(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        passthrough = _parse_passthrough(d.pop("passthrough", UNSET))

        def _parse_browser_actions_error(data: object) -> list[BrowserActionMessage] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                browser_actions_error_type_0 = []
                _browser_actions_error_type_0 = data
                for browser_actions_error_type_0_item_data in _browser_actions_error_type_0:
                    browser_actions_error_type_0_item = BrowserActionMessage.from_dict(
                        browser_actions_error_type_0_item_data
                    )

                    browser_actions_error_type_0.append(browser_actions_error_type_0_item)

                return browser_actions_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[BrowserActionMessage] | None | Unset, data)

        browser_actions_error = _parse_browser_actions_error(d.pop("browser_actions_error", UNSET))

        def _parse_browser_actions_warnings(
            data: object,
        ) -> list[BrowserActionMessage] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                browser_actions_warnings_type_0 = []
                _browser_actions_warnings_type_0 = data
                for browser_actions_warnings_type_0_item_data in _browser_actions_warnings_type_0:
                    browser_actions_warnings_type_0_item = BrowserActionMessage.from_dict(
                        browser_actions_warnings_type_0_item_data
                    )

                    browser_actions_warnings_type_0.append(browser_actions_warnings_type_0_item)

                return browser_actions_warnings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[BrowserActionMessage] | None | Unset, data)

        browser_actions_warnings = _parse_browser_actions_warnings(
            d.pop("browser_actions_warnings", UNSET)
        )

        created_at = d.pop("created_at", UNSET)

        updated_at = d.pop("updated_at", UNSET)

        task_callback = cls(
            id=id,
            status=status,
            target=target,
            query=query,
            url=url,
            domain=domain,
            locale=locale,
            geo=geo,
            device_type=device_type,
            limit=limit,
            page_from=page_from,
            page_count=page_count,
            headless=headless,
            parse=parse,
            output_schema=output_schema,
            priority=priority,
            persist=persist,
            content_encoding=content_encoding,
            http_method=http_method,
            payload=payload,
            headers=headers,
            cookies=cookies,
            force_headers=force_headers,
            force_cookies=force_cookies,
            headers_cookies_policy=headers_cookies_policy,
            session_id=session_id,
            successful_status_codes=successful_status_codes,
            follow_redirect=follow_redirect,
            store_id=store_id,
            adults=adults,
            children=children,
            callback_url=callback_url,
            passthrough=passthrough,
            browser_actions_error=browser_actions_error,
            browser_actions_warnings=browser_actions_warnings,
            created_at=created_at,
            updated_at=updated_at,
        )

        task_callback.additional_properties = d
        return task_callback

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
