from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.device import Device
from ..models.output_format import OutputFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extract_instruction import ExtractInstruction
    from ..models.extract_page import ExtractPage
    from ..models.extract_schema import ExtractSchema
    from ..models.extract_selectors import ExtractSelectors
    from ..models.session import Session
    from ..models.wait_condition import WaitCondition


T = TypeVar("T", bound="FetchInput")


@_attrs_define
class FetchInput:
    """Input of a `fetch` job (same as `POST /v1/fetch`). Unknown keys are rejected."""

    url: str
    """ Absolute URL of the page to fetch. """
    render_js: bool | Unset = UNSET
    """ Render JavaScript before capturing (costs more credits). """
    device: Device | Unset = UNSET
    """ Device profile to emulate. """
    session: Session | Unset = UNSET
    """ Reuse an existing browser session. """
    output: list[OutputFormat] | Unset = UNSET
    """ Output formats to return; server default `["html"]`. `extract` requires `json`. """
    extract: ExtractInstruction | ExtractPage | ExtractSchema | ExtractSelectors | Unset = UNSET
    """ Structured extraction config; requires `json` in `output`. Discriminated by `mode`. """
    wait_for: WaitCondition | Unset = UNSET
    """ Condition to wait for before capturing the page. """
    timeout_ms: int | Unset = UNSET
    """ Maximum fetch time in ms (1-300000). """
    use_proxy: bool | Unset = UNSET
    """ Go straight to the strongest (proxy) access tier. Paid plans only (402 on Free). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.extract_page import ExtractPage  # noqa: PLC0415
        from ..models.extract_schema import ExtractSchema  # noqa: PLC0415
        from ..models.extract_selectors import ExtractSelectors  # noqa: PLC0415

        url = self.url

        render_js = self.render_js

        device: str | Unset = UNSET
        if not isinstance(self.device, Unset):
            device = self.device.value

        session: dict[str, Any] | Unset = UNSET
        if not isinstance(self.session, Unset):
            session = self.session.to_dict()

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

        wait_for: dict[str, Any] | Unset = UNSET
        if not isinstance(self.wait_for, Unset):
            wait_for = self.wait_for.to_dict()

        timeout_ms = self.timeout_ms

        use_proxy = self.use_proxy

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if render_js is not UNSET:
            field_dict["render_js"] = render_js
        if device is not UNSET:
            field_dict["device"] = device
        if session is not UNSET:
            field_dict["session"] = session
        if output is not UNSET:
            field_dict["output"] = output
        if extract is not UNSET:
            field_dict["extract"] = extract
        if wait_for is not UNSET:
            field_dict["wait_for"] = wait_for
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
        from ..models.session import Session  # noqa: PLC0415
        from ..models.wait_condition import WaitCondition  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        render_js = d.pop("render_js", UNSET)

        _device = d.pop("device", UNSET)
        device: Device | Unset
        if isinstance(_device, Unset):
            device = UNSET
        else:
            device = Device(_device)

        _session = d.pop("session", UNSET)
        session: Session | Unset
        if isinstance(_session, Unset):
            session = UNSET
        else:
            session = Session.from_dict(_session)

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

        _wait_for = d.pop("wait_for", UNSET)
        wait_for: WaitCondition | Unset
        if isinstance(_wait_for, Unset):
            wait_for = UNSET
        else:
            wait_for = WaitCondition.from_dict(_wait_for)

        timeout_ms = d.pop("timeout_ms", UNSET)

        use_proxy = d.pop("use_proxy", UNSET)

        fetch_input = cls(
            url=url,
            render_js=render_js,
            device=device,
            session=session,
            output=output,
            extract=extract,
            wait_for=wait_for,
            timeout_ms=timeout_ms,
            use_proxy=use_proxy,
        )

        return fetch_input
