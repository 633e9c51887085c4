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

T = TypeVar("T", bound="TargetProductBatch")


@_attrs_define
class TargetProductBatch:
    """Batch of tasks for target `target_product` (IR group Target, response format json). Primary input `product_id` as an
    array of strings. Unknown keys are rejected.

    """

    target: Literal["target_product"]
    """ Selects this parameter set. """
    product_id: list[str]
    """ Product identifiers, one task each (primary input). At least one; the maximum depends on the subscription.
    """
    headless: Headless | Unset = UNSET
    """ JavaScript rendering mode - `html` returns the rendered page, `png` a screenshot. """
    parse: bool | Unset = UNSET
    """ Return parsed JSON content instead of raw HTML (targets with a parser). Server default false. """
    device_type: str | Unset = UNSET
    """ Device whose user agent is used, e.g. `desktop`, `mobile` (free string in the IR). Server default `desktop`.
    """
    markdown: bool | Unset = UNSET
    """ Return the page content converted to Markdown. """
    xhr: bool | Unset = UNSET
    """ Also capture the XHR/fetch requests made by the page. """
    delivery_type: str | Unset = UNSET
    """ Target delivery type filter. """
    target_store_id: str | Unset = UNSET
    """ Target store id used for store-specific data. """
    delivery_zip: str | Unset = UNSET
    """ ZIP/postal code used for delivery-dependent prices and availability. """
    callback_url: str | Unset = UNSET
    """ URL that Decodo POSTs the finished task object to (see the `taskDone` webhook). """
    passthrough: str | Unset = _attrs_field(default=UNSET, repr=False)
    """ Free text echoed verbatim as top-level `passthrough` in the callback payload; put a secret here to
    authenticate callbacks. Documented in prose only (samples misspell it `passtrough`); not in the IR. """

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        product_id = self.product_id

        headless: str | Unset = UNSET
        if not isinstance(self.headless, Unset):
            headless = self.headless.value

        parse = self.parse

        device_type = self.device_type

        markdown = self.markdown

        xhr = self.xhr

        delivery_type = self.delivery_type

        target_store_id = self.target_store_id

        delivery_zip = self.delivery_zip

        callback_url = self.callback_url

        passthrough = self.passthrough

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "product_id": product_id,
            }
        )
        if headless is not UNSET:
            field_dict["headless"] = headless
        if parse is not UNSET:
            field_dict["parse"] = parse
        if device_type is not UNSET:
            field_dict["device_type"] = device_type
        if markdown is not UNSET:
            field_dict["markdown"] = markdown
        if xhr is not UNSET:
            field_dict["xhr"] = xhr
        if delivery_type is not UNSET:
            field_dict["delivery_type"] = delivery_type
        if target_store_id is not UNSET:
            field_dict["target_store_id"] = target_store_id
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
        target = cast(Literal["target_product"], d.pop("target"))
        if target != "target_product":
            raise ValueError(f"target must match const 'target_product', got '{target}'")

        product_id = cast(list[str], d.pop("product_id"))

        _headless = d.pop("headless", UNSET)
        headless: Headless | Unset
        if isinstance(_headless, Unset):
            headless = UNSET
        else:
            headless = Headless(_headless)

        parse = d.pop("parse", UNSET)

        device_type = d.pop("device_type", UNSET)

        markdown = d.pop("markdown", UNSET)

        xhr = d.pop("xhr", UNSET)

        delivery_type = d.pop("delivery_type", UNSET)

        target_store_id = d.pop("target_store_id", UNSET)

        delivery_zip = d.pop("delivery_zip", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        passthrough = d.pop("passthrough", UNSET)

        target_product_batch = cls(
            target=target,
            product_id=product_id,
            headless=headless,
            parse=parse,
            device_type=device_type,
            markdown=markdown,
            xhr=xhr,
            delivery_type=delivery_type,
            target_store_id=target_store_id,
            delivery_zip=delivery_zip,
            callback_url=callback_url,
            passthrough=passthrough,
        )

        return target_product_batch
