from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.headless import Headless
from ..models.proxy_pool import ProxyPool
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custom_cookies import CustomCookies
    from ..models.custom_headers import CustomHeaders


T = TypeVar("T", bound="UniversalTask")


@_attrs_define
class UniversalTask:
    """Task for target `universal` (IR group Universal, response format html). Primary input `url`. Unknown keys are
    rejected.

    """

    target: Literal["universal"]
    """ Selects this parameter set. Decodo uses `universal` when `target` is omitted; this spec always sends it. """
    url: str | Unset = UNSET
    """ URL to scrape (primary input). At most 2056 characters. """
    payload: str | Unset = UNSET
    """ Request body sent to the target when `http_method` is `post` (a third-party client base64-encodes it;
    unverified). """
    proxy_pool: ProxyPool | Unset = UNSET
    """ Proxy pool used by the `universal` target. """
    http_method: str | Unset = UNSET
    """ HTTP method used against the target, `get` or `post` (free string in the IR). Server default `get`. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
    locale: str | Unset = UNSET
    """ Interface locale, e.g. `en-us`. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
    session_id: str | Unset = UNSET
    """ Sticky-session id: tasks sharing it reuse the same proxy IP for a while. """
    successful_status_codes: list[int] | Unset = UNSET
    """ Target HTTP status codes to treat as success (integers). """
    headers: CustomHeaders | Unset = UNSET
    """ HTTP headers to send to the target, name -> value (universal target only). """
    cookies: CustomCookies | Unset = UNSET
    """ Cookies to send to the target, name -> value (universal target only). """
    force_headers: bool | Unset = UNSET
    """ Send `headers` exactly as given. Server default false. """
    force_cookies: bool | Unset = UNSET
    """ Send `cookies` exactly as given. Server default false. """
    xhr: bool | Unset = UNSET
    """ Also capture the XHR/fetch requests made by the page. """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        url = self.url

        payload = self.payload

        proxy_pool: str | Unset = UNSET
        if not isinstance(self.proxy_pool, Unset):
            proxy_pool = self.proxy_pool.value

        http_method = self.http_method

        headless: str | Unset = UNSET
        if not isinstance(self.headless, Unset):
            headless = self.headless.value

        geo = self.geo

        locale = self.locale

        device_type = self.device_type

        session_id = self.session_id

        successful_status_codes: list[int] | Unset = UNSET
        if not isinstance(self.successful_status_codes, Unset):
            successful_status_codes = self.successful_status_codes

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        cookies: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cookies, Unset):
            cookies = self.cookies.to_dict()

        force_headers = self.force_headers

        force_cookies = self.force_cookies

        xhr = self.xhr

        markdown = self.markdown

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if payload is not UNSET:
            field_dict["payload"] = payload
        if proxy_pool is not UNSET:
            field_dict["proxy_pool"] = proxy_pool
        if http_method is not UNSET:
            field_dict["http_method"] = http_method
        if headless is not UNSET:
            field_dict["headless"] = headless
        if geo is not UNSET:
            field_dict["geo"] = geo
        if locale is not UNSET:
            field_dict["locale"] = locale
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if successful_status_codes is not UNSET:
            field_dict["successful_status_codes"] = successful_status_codes
        if headers is not UNSET:
            field_dict["headers"] = headers
        if cookies is not UNSET:
            field_dict["cookies"] = cookies
        if force_headers is not UNSET:
            field_dict["force_headers"] = force_headers
        if force_cookies is not UNSET:
            field_dict["force_cookies"] = force_cookies
        if xhr is not UNSET:
            field_dict["xhr"] = xhr
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_cookies import CustomCookies  # noqa: PLC0415
        from ..models.custom_headers import CustomHeaders  # noqa: PLC0415

        d = dict(src_dict)
        target = cast(Literal["universal"], d.pop("target"))
        if target != "universal":
            raise ValueError(f"target must match const 'universal', got '{target}'")

        url = d.pop("url", UNSET)

        payload = d.pop("payload", UNSET)

        _proxy_pool = d.pop("proxy_pool", UNSET)
        proxy_pool: ProxyPool | Unset
        if isinstance(_proxy_pool, Unset):
            proxy_pool = UNSET
        else:
            proxy_pool = ProxyPool(_proxy_pool)

        http_method = d.pop("http_method", UNSET)

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        geo = d.pop("geo", UNSET)

        locale = d.pop("locale", UNSET)

        device_type = d.pop("device_type", UNSET)

        session_id = d.pop("session_id", UNSET)

        successful_status_codes = cast(list[int], d.pop("successful_status_codes", UNSET))

        _headers = d.pop("headers", UNSET)
        headers: CustomHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = CustomHeaders.from_dict(_headers)

        _cookies = d.pop("cookies", UNSET)
        cookies: CustomCookies | Unset
        if isinstance(_cookies, Unset):
            cookies = UNSET
        else:
            cookies = CustomCookies.from_dict(_cookies)

        force_headers = d.pop("force_headers", UNSET)

        force_cookies = d.pop("force_cookies", UNSET)

        xhr = d.pop("xhr", UNSET)

        markdown = d.pop("markdown", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        universal_task = cls(
            target=target,
            url=url,
            payload=payload,
            proxy_pool=proxy_pool,
            http_method=http_method,
            headless=headless,
            geo=geo,
            locale=locale,
            device_type=device_type,
            session_id=session_id,
            successful_status_codes=successful_status_codes,
            headers=headers,
            cookies=cookies,
            force_headers=force_headers,
            force_cookies=force_cookies,
            xhr=xhr,
            markdown=markdown,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return universal_task
