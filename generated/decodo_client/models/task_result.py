from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.browser_action_message import BrowserActionMessage
    from ..models.cookie import Cookie
    from ..models.parsed_content import ParsedContent
    from ..models.target_response_headers import TargetResponseHeaders


T = TypeVar("T", bound="TaskResult")


@_attrs_define
class TaskResult:
    """One result entry (IR `Result`). `content` is a string (HTML, Markdown, or - GUESS - base64
    PNG for `headless: png`), a parsed object when the task used `parse: true`, or null.

    """

    content: None | ParsedContent | str
    """ Page content - raw string, parsed object, or null. """
    status_code: int
    """ HTTP status code the target answered with (e.g. 200); IR type number. """
    task_id: str
    """ Id of the task this result belongs to. """
    created_at: str
    """ Creation time. Server timestamp `YYYY-MM-DD HH:MM:SS`, no time zone (UTC assumed). """
    updated_at: str
    """ Last update time. Server timestamp `YYYY-MM-DD HH:MM:SS`, no time zone (UTC assumed). """
    url: str | Unset = UNSET
    """ URL that was fetched. """
    headers: list[str] | TargetResponseHeaders | Unset = UNSET
    """ Response headers of the target; may be an empty array `[]` when none. """
    cookies: list[Cookie] | Unset = UNSET
    """ Cookies set by the target. """
    help_: str | Unset = UNSET
    """ Hint from Decodo about the result (e.g. why it failed). """
    browser_actions_warnings: list[BrowserActionMessage] | Unset = UNSET
    """ Browser-action warnings. """
    browser_actions_error: list[BrowserActionMessage] | Unset = UNSET
    """ Browser-action errors. """
    delivery_zip: str | Unset = UNSET
    """ Delivery ZIP code the result applies to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.parsed_content import ParsedContent  # noqa: PLC0415
        from ..models.target_response_headers import TargetResponseHeaders  # noqa: PLC0415

        content: dict[str, Any] | None | str
        if isinstance(self.content, ParsedContent):
            content = self.content.to_dict()
        else:
            content = self.content

        status_code = self.status_code

        task_id = self.task_id

        created_at = self.created_at

        updated_at = self.updated_at

        url = self.url

        headers: dict[str, Any] | list[str] | Unset
        if isinstance(self.headers, Unset):
            headers = UNSET
        elif isinstance(self.headers, TargetResponseHeaders):
            headers = self.headers.to_dict()
        else:
            headers = self.headers

        cookies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cookies, Unset):
            cookies = []
            for cookies_item_data in self.cookies:
                cookies_item = cookies_item_data.to_dict()
                cookies.append(cookies_item)

        help_ = self.help_

        browser_actions_warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.browser_actions_warnings, Unset):
            browser_actions_warnings = []
            for browser_actions_warnings_item_data in self.browser_actions_warnings:
                browser_actions_warnings_item = browser_actions_warnings_item_data.to_dict()
                browser_actions_warnings.append(browser_actions_warnings_item)

        browser_actions_error: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.browser_actions_error, Unset):
            browser_actions_error = []
            for browser_actions_error_item_data in self.browser_actions_error:
                browser_actions_error_item = browser_actions_error_item_data.to_dict()
                browser_actions_error.append(browser_actions_error_item)

        delivery_zip = self.delivery_zip

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "status_code": status_code,
                "task_id": task_id,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if headers is not UNSET:
            field_dict["headers"] = headers
        if cookies is not UNSET:
            field_dict["cookies"] = cookies
        if help_ is not UNSET:
            field_dict["help"] = help_
        if browser_actions_warnings is not UNSET:
            field_dict["browser_actions_warnings"] = browser_actions_warnings
        if browser_actions_error is not UNSET:
            field_dict["browser_actions_error"] = browser_actions_error
        if delivery_zip is not UNSET:
            field_dict["delivery_zip"] = delivery_zip

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.browser_action_message import BrowserActionMessage  # noqa: PLC0415
        from ..models.cookie import Cookie  # noqa: PLC0415
        from ..models.parsed_content import ParsedContent  # noqa: PLC0415
        from ..models.target_response_headers import TargetResponseHeaders  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_content(data: object) -> None | ParsedContent | str:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_type_1 = ParsedContent.from_dict(data)

                return content_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ParsedContent | str, data)

        content = _parse_content(d.pop("content"))

        status_code = d.pop("status_code")

        task_id = d.pop("task_id")

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        url = d.pop("url", UNSET)

        def _parse_headers(data: object) -> list[str] | TargetResponseHeaders | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                headers_type_0 = TargetResponseHeaders.from_dict(data)

                return headers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            headers_type_1 = cast(list[str], data)

            return headers_type_1

        headers = _parse_headers(d.pop("headers", UNSET))

        _cookies = d.pop("cookies", UNSET)
        cookies: list[Cookie] | Unset = UNSET
        if _cookies is not UNSET:
            cookies = []
            for cookies_item_data in _cookies:
                cookies_item = Cookie.from_dict(cookies_item_data)

                cookies.append(cookies_item)

        help_ = d.pop("help", UNSET)

        _browser_actions_warnings = d.pop("browser_actions_warnings", UNSET)
        browser_actions_warnings: list[BrowserActionMessage] | Unset = UNSET
        if _browser_actions_warnings is not UNSET:
            browser_actions_warnings = []
            for browser_actions_warnings_item_data in _browser_actions_warnings:
                browser_actions_warnings_item = BrowserActionMessage.from_dict(
                    browser_actions_warnings_item_data
                )

                browser_actions_warnings.append(browser_actions_warnings_item)

        _browser_actions_error = d.pop("browser_actions_error", UNSET)
        browser_actions_error: list[BrowserActionMessage] | Unset = UNSET
        if _browser_actions_error is not UNSET:
            browser_actions_error = []
            for browser_actions_error_item_data in _browser_actions_error:
                browser_actions_error_item = BrowserActionMessage.from_dict(
                    browser_actions_error_item_data
                )

                browser_actions_error.append(browser_actions_error_item)

        delivery_zip = d.pop("delivery_zip", UNSET)

        task_result = cls(
            content=content,
            status_code=status_code,
            task_id=task_id,
            created_at=created_at,
            updated_at=updated_at,
            url=url,
            headers=headers,
            cookies=cookies,
            help_=help_,
            browser_actions_warnings=browser_actions_warnings,
            browser_actions_error=browser_actions_error,
            delivery_zip=delivery_zip,
        )

        task_result.additional_properties = d
        return task_result

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
