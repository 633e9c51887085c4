from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.crawl_output_format import CrawlOutputFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extract_instruction import ExtractInstruction
    from ..models.extract_page import ExtractPage
    from ..models.extract_schema import ExtractSchema
    from ..models.extract_selectors import ExtractSelectors


T = TypeVar("T", bound="CrawlInput")


@_attrs_define
class CrawlInput:
    """Input of a `crawl` job (same as `POST /v1/crawl`). Unknown keys are rejected."""

    seeds: list[str]
    """ Absolute start URLs. """
    max_pages: int | Unset = UNSET
    """ Cap on pages crawled (1-50). """
    max_depth: int | Unset = UNSET
    """ Maximum link depth from the seeds (0-5). """
    same_domain_only: bool | Unset = UNSET
    """ Stay on the seeds' domains. """
    output: list[CrawlOutputFormat] | Unset = UNSET
    """ Output formats per page; server default `["markdown"]`. `extract` requires `json`. """
    extract: ExtractInstruction | ExtractPage | ExtractSchema | ExtractSelectors | Unset = UNSET
    """ Structured extraction config; requires `json` in `output`. Discriminated by `mode`. """
    timeout_ms: int | Unset = UNSET
    """ Maximum crawl time in ms (1-300000). """
    use_proxy: bool | Unset = UNSET
    """ Use the strongest (proxy) access tier for every page. Paid plans only (402 on Free). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.extract_page import ExtractPage  # noqa: PLC0415
        from ..models.extract_schema import ExtractSchema  # noqa: PLC0415
        from ..models.extract_selectors import ExtractSelectors  # noqa: PLC0415

        seeds = self.seeds

        max_pages = self.max_pages

        max_depth = self.max_depth

        same_domain_only = self.same_domain_only

        output: list[str] | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = []
            for output_item_data in self.output:
                output_item = output_item_data.value
                output.append(output_item)

        extract: dict[str, Any] | Unset
        if isinstance(self.extract, Unset):
            extract = UNSET
        elif isinstance(self.extract, ExtractPage):
            extract = self.extract.to_dict()
        elif isinstance(self.extract, ExtractSelectors):
            extract = self.extract.to_dict()
        elif isinstance(self.extract, ExtractSchema):
            extract = self.extract.to_dict()
        else:
            extract = self.extract.to_dict()

        timeout_ms = self.timeout_ms

        use_proxy = self.use_proxy

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "seeds": seeds,
            }
        )
        if max_pages is not UNSET:
            field_dict["max_pages"] = max_pages
        if max_depth is not UNSET:
            field_dict["max_depth"] = max_depth
        if same_domain_only is not UNSET:
            field_dict["same_domain_only"] = same_domain_only
        if output is not UNSET:
            field_dict["output"] = output
        if extract is not UNSET:
            field_dict["extract"] = extract
        if timeout_ms is not UNSET:
            field_dict["timeout_ms"] = timeout_ms
        if use_proxy is not UNSET:
            field_dict["use_proxy"] = use_proxy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.extract_instruction import ExtractInstruction  # noqa: PLC0415
        from ..models.extract_page import ExtractPage  # noqa: PLC0415
        from ..models.extract_schema import ExtractSchema  # noqa: PLC0415
        from ..models.extract_selectors import ExtractSelectors  # noqa: PLC0415

        d = dict(src_dict)
        seeds = cast(list[str], d.pop("seeds"))

        max_pages = d.pop("max_pages", UNSET)

        max_depth = d.pop("max_depth", UNSET)

        same_domain_only = d.pop("same_domain_only", UNSET)

        _output = d.pop("output", UNSET)
        output: list[CrawlOutputFormat] | Unset = UNSET
        if _output is not UNSET:
            output = []
            for output_item_data in _output:
                output_item = CrawlOutputFormat(output_item_data)

                output.append(output_item)

        def _parse_extract(
            data: object,
        ) -> ExtractInstruction | ExtractPage | ExtractSchema | ExtractSelectors | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_extract_type_0 = ExtractPage.from_dict(data)

                return componentsschemas_extract_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_extract_type_1 = ExtractSelectors.from_dict(data)

                return componentsschemas_extract_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_extract_type_2 = ExtractSchema.from_dict(data)

                return componentsschemas_extract_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_extract_type_3 = ExtractInstruction.from_dict(data)

            return componentsschemas_extract_type_3

        extract = _parse_extract(d.pop("extract", UNSET))

        timeout_ms = d.pop("timeout_ms", UNSET)

        use_proxy = d.pop("use_proxy", UNSET)

        crawl_input = cls(
            seeds=seeds,
            max_pages=max_pages,
            max_depth=max_depth,
            same_domain_only=same_domain_only,
            output=output,
            extract=extract,
            timeout_ms=timeout_ms,
            use_proxy=use_proxy,
        )

        return crawl_input
