from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.headless import Headless
from ..types import UNSET, Unset

T = TypeVar("T", bound="AmazonProductTask")


@_attrs_define
class AmazonProductTask:
    """Task for target `amazon_product` (IR group Amazon, response format json). Primary input `query`. Unknown keys are
    rejected.

    """

    target: Literal["amazon_product"]
    """ Selects this parameter set. """
    query: str | Unset = UNSET
    """ Search query, keyword or item identifier for this target (primary input). At most 2048 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    domain: str | Unset = UNSET
    """ Top-level domain of the target site, e.g. `com`, `co.uk`. Server default `com`. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    autoselect_variant: bool | Unset = UNSET
    """ Amazon - automatically select the default product variant. """
    geo: str | Unset = UNSET
    """ Geolocation of the request; Decodo lists country names such as `United States` (IR GEOLOCATION_NAME), not an
    enum. """
    session_id: str | Unset = UNSET
    """ Sticky-session id: tasks sharing it reuse the same proxy IP for a while. """
    currency: str | Unset = UNSET
    """ Currency for prices, e.g. `USD`. """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
    xhr: bool | Unset = UNSET
    """ Also capture the XHR/fetch requests made by the page. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        query = self.query

        headless: str | Unset = UNSET
        if not isinstance(self.headless, Unset):
            headless = self.headless.value

        domain = self.domain

        device_type = self.device_type

        parse = self.parse

        autoselect_variant = self.autoselect_variant

        geo = self.geo

        session_id = self.session_id

        currency = self.currency

        markdown = self.markdown

        xhr = self.xhr

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
            }
        )
        if query is not UNSET:
            field_dict["query"] = query
        if headless is not UNSET:
            field_dict["headless"] = headless
        if domain is not UNSET:
            field_dict["domain"] = domain
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if parse is not UNSET:
            field_dict["parse"] = parse
        if autoselect_variant is not UNSET:
            field_dict["autoselect_variant"] = autoselect_variant
        if geo is not UNSET:
            field_dict["geo"] = geo
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if currency is not UNSET:
            field_dict["currency"] = currency
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if xhr is not UNSET:
            field_dict["xhr"] = xhr
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["amazon_product"], d.pop("target"))
        if target != "amazon_product":
            raise ValueError(f"target must match const 'amazon_product', got '{target}'")

        query = d.pop("query", UNSET)

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        domain = d.pop("domain", UNSET)

        device_type = d.pop("device_type", UNSET)

        parse = d.pop("parse", UNSET)

        autoselect_variant = d.pop("autoselect_variant", UNSET)

        geo = d.pop("geo", UNSET)

        session_id = d.pop("session_id", UNSET)

        currency = d.pop("currency", UNSET)

        markdown = d.pop("markdown", UNSET)

        xhr = d.pop("xhr", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        amazon_product_task = cls(
            target=target,
            query=query,
            headless=headless,
            domain=domain,
            device_type=device_type,
            parse=parse,
            autoselect_variant=autoselect_variant,
            geo=geo,
            session_id=session_id,
            currency=currency,
            markdown=markdown,
            xhr=xhr,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return amazon_product_task
