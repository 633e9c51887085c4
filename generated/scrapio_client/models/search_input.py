from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.output_format import OutputFormat
from ..models.search_provider import SearchProvider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extract_instruction import ExtractInstruction
    from ..models.extract_page import ExtractPage
    from ..models.extract_schema import ExtractSchema
    from ..models.extract_selectors import ExtractSelectors


T = TypeVar("T", bound="SearchInput")


@_attrs_define
class SearchInput:
    """Input of a `search` job. Unknown keys are rejected (there is no `use_proxy`)."""

    query: str
    """ Search query. """
    provider: SearchProvider | Unset = UNSET
    """ Search engine. """
    max_results: int | Unset = UNSET
    """ Maximum number of results (1-10). """
    fetch_results: bool | Unset = UNSET
    """ Also fetch the result pages. """
    output: list[OutputFormat] | Unset = UNSET
    """ Output formats of fetched result pages; requires `fetch_results` true. `extract` requires `json`. """
    extract: ExtractInstruction | ExtractPage | ExtractSchema | ExtractSelectors | Unset = UNSET
    """ Structured extraction config; requires `json` in `output`. Discriminated by `mode`. """
    timeout_ms: int | Unset = UNSET
    """ Maximum workflow time in ms (1-300000). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.extract_page import ExtractPage  # noqa: PLC0415
        from ..models.extract_schema import ExtractSchema  # noqa: PLC0415
        from ..models.extract_selectors import ExtractSelectors  # noqa: PLC0415

        query = self.query

        provider: str | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider.value

        max_results = self.max_results

        fetch_results = self.fetch_results

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "query": query,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider
        if max_results is not UNSET:
            field_dict["max_results"] = max_results
        if fetch_results is not UNSET:
            field_dict["fetch_results"] = fetch_results
        if output is not UNSET:
            field_dict["output"] = output
        if extract is not UNSET:
            field_dict["extract"] = extract
        if timeout_ms is not UNSET:
            field_dict["timeout_ms"] = timeout_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.extract_instruction import ExtractInstruction  # noqa: PLC0415
        from ..models.extract_page import ExtractPage  # noqa: PLC0415
        from ..models.extract_schema import ExtractSchema  # noqa: PLC0415
        from ..models.extract_selectors import ExtractSelectors  # noqa: PLC0415

        d = dict(src_dict)
        query = d.pop("query")

        _provider = d.pop("provider", UNSET)
        provider: SearchProvider | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = SearchProvider(_provider)

        max_results = d.pop("max_results", UNSET)

        fetch_results = d.pop("fetch_results", UNSET)

        _output = d.pop("output", UNSET)
        output: list[OutputFormat] | Unset = UNSET
        if _output is not UNSET:
            output = []
            for output_item_data in _output:
                output_item = OutputFormat(output_item_data)

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

        search_input = cls(
            query=query,
            provider=provider,
            max_results=max_results,
            fetch_results=fetch_results,
            output=output,
            extract=extract,
            timeout_ms=timeout_ms,
        )

        return search_input
