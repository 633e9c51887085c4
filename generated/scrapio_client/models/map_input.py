from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MapInput")


@_attrs_define
class MapInput:
    """Input of a `map` job (URL discovery). Unknown keys are rejected."""

    seeds: list[str]
    """ Absolute start URLs. """
    max_urls: int | Unset = UNSET
    """ Cap on URLs returned (1-100). """
    max_depth: int | Unset = UNSET
    """ Maximum link depth from the seeds (0-5). """
    same_domain_only: bool | Unset = UNSET
    """ Stay on the seeds' domains. """
    include_metadata: bool | Unset = UNSET
    """ Include page metadata in the result. """
    timeout_ms: int | Unset = UNSET
    """ Maximum mapping time in ms (1-300000). """
    use_proxy: bool | Unset = UNSET
    """ Use the strongest (proxy) access tier for every URL. Paid plans only (402 on Free). """

    def to_dict(self) -> dict[str, Any]:
        seeds = self.seeds

        max_urls = self.max_urls

        max_depth = self.max_depth

        same_domain_only = self.same_domain_only

        include_metadata = self.include_metadata

        timeout_ms = self.timeout_ms

        use_proxy = self.use_proxy

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "seeds": seeds,
            }
        )
        if max_urls is not UNSET:
            field_dict["max_urls"] = max_urls
        if max_depth is not UNSET:
            field_dict["max_depth"] = max_depth
        if same_domain_only is not UNSET:
            field_dict["same_domain_only"] = same_domain_only
        if include_metadata is not UNSET:
            field_dict["include_metadata"] = include_metadata
        if timeout_ms is not UNSET:
            field_dict["timeout_ms"] = timeout_ms
        if use_proxy is not UNSET:
            field_dict["use_proxy"] = use_proxy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seeds = cast(list[str], d.pop("seeds"))

        max_urls = d.pop("max_urls", UNSET)

        max_depth = d.pop("max_depth", UNSET)

        same_domain_only = d.pop("same_domain_only", UNSET)

        include_metadata = d.pop("include_metadata", UNSET)

        timeout_ms = d.pop("timeout_ms", UNSET)

        use_proxy = d.pop("use_proxy", UNSET)

        map_input = cls(
            seeds=seeds,
            max_urls=max_urls,
            max_depth=max_depth,
            same_domain_only=same_domain_only,
            include_metadata=include_metadata,
            timeout_ms=timeout_ms,
            use_proxy=use_proxy,
        )

        return map_input
