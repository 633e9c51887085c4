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

T = TypeVar("T", bound="WalmartSearchTask")


@_attrs_define
class WalmartSearchTask:
    """Task for target `walmart_search` (IR group Walmart, response format json). Primary input `query`. Unknown keys are
    rejected.

    """

    target: Literal["walmart_search"]
    """ Selects this parameter set. """
    query: str | Unset = UNSET
    """ Search query, keyword or item identifier for this target (primary input). At most 2048 characters. """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
    fulfillment_type: str | Unset = UNSET
    """ Walmart fulfillment type filter. """
    walmart_store_id: str | Unset = UNSET
    """ Walmart store id used for store-specific data. """
    delivery_zip: str | Unset = UNSET
    """ ZIP/postal code used for delivery-dependent prices and availability. """
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

        parse = self.parse

        markdown = self.markdown

        fulfillment_type = self.fulfillment_type

        walmart_store_id = self.walmart_store_id

        delivery_zip = self.delivery_zip

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
        if parse is not UNSET:
            field_dict["parse"] = parse
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if fulfillment_type is not UNSET:
            field_dict["fulfillment_type"] = fulfillment_type
        if walmart_store_id is not UNSET:
            field_dict["walmart_store_id"] = walmart_store_id
        if delivery_zip is not UNSET:
            field_dict["delivery_zip"] = delivery_zip
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if passthrough is not UNSET:
            field_dict["passthrough"] = passthrough

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = cast(Literal["walmart_search"], d.pop("target"))
        if target != "walmart_search":
            raise ValueError(f"target must match const 'walmart_search', got '{target}'")

        query = d.pop("query", UNSET)

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        parse = d.pop("parse", UNSET)

        markdown = d.pop("markdown", UNSET)

        fulfillment_type = d.pop("fulfillment_type", UNSET)

        walmart_store_id = d.pop("walmart_store_id", UNSET)

        delivery_zip = d.pop("delivery_zip", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        walmart_search_task = cls(
            target=target,
            query=query,
            headless=headless,
            parse=parse,
            markdown=markdown,
            fulfillment_type=fulfillment_type,
            walmart_store_id=walmart_store_id,
            delivery_zip=delivery_zip,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return walmart_search_task
