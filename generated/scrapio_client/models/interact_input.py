from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.device import Device
from ..models.output_format import OutputFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.click_action import ClickAction
    from ..models.extract_instruction import ExtractInstruction
    from ..models.extract_page import ExtractPage
    from ..models.extract_schema import ExtractSchema
    from ..models.extract_selectors import ExtractSelectors
    from ..models.goto_action import GotoAction
    from ..models.press_action import PressAction
    from ..models.scroll_action import ScrollAction
    from ..models.select_action import SelectAction
    from ..models.session import Session
    from ..models.type_action import TypeAction
    from ..models.wait_for_action import WaitForAction
    from ..models.wait_ms_action import WaitMsAction


T = TypeVar("T", bound="InteractInput")


@_attrs_define
class InteractInput:
    """Input of an `interact` job. `actions` is required: the "prompt mode" (`prompt` instead of
    `actions`) described for inline interact is not accepted by jobs. Unknown keys are rejected.

    """

    url: str
    """ Absolute URL of the page to open. """
    actions: list[
        ClickAction
        | GotoAction
        | PressAction
        | ScrollAction
        | SelectAction
        | TypeAction
        | WaitForAction
        | WaitMsAction
    ]
    """ Ordered interaction steps (at least one). """
    device: Device | Unset = UNSET
    """ Device profile to emulate. """
    session: Session | Unset = UNSET
    """ Reuse an existing browser session. """
    output: list[OutputFormat] | Unset = UNSET
    """ Output formats to return after the actions. `extract` requires `json`. """
    extract: ExtractInstruction | ExtractPage | ExtractSchema | ExtractSelectors | Unset = UNSET
    """ Structured extraction config; requires `json` in `output`. Discriminated by `mode`. """
    timeout_ms: int | Unset = UNSET
    """ Maximum time for the whole interaction in ms (1-300000). """
    use_proxy: bool | Unset = UNSET
    """ Use the strongest (proxy) access tier. Paid plans only (402 on Free). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.extract_page import ExtractPage  # noqa: PLC0415
        from ..models.extract_schema import ExtractSchema  # noqa: PLC0415
        from ..models.extract_selectors import ExtractSelectors  # noqa: PLC0415
        from ..models.goto_action import GotoAction  # noqa: PLC0415
        from ..models.press_action import PressAction  # noqa: PLC0415
        from ..models.scroll_action import ScrollAction  # noqa: PLC0415
        from ..models.select_action import SelectAction  # noqa: PLC0415
        from ..models.type_action import TypeAction  # noqa: PLC0415
        from ..models.wait_for_action import WaitForAction  # noqa: PLC0415

        url = self.url

        actions = []
        for actions_item_data in self.actions:
            actions_item: dict[str, Any]
            if isinstance(actions_item_data, GotoAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, ClickAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, TypeAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, SelectAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, PressAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, ScrollAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, WaitForAction):
                actions_item = actions_item_data.to_dict()
            else:
                actions_item = actions_item_data.to_dict()

            actions.append(actions_item)

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

        timeout_ms = self.timeout_ms

        use_proxy = self.use_proxy

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "actions": actions,
            }
        )
        if device is not UNSET:
            field_dict["device"] = device
        if session is not UNSET:
            field_dict["session"] = session
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
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.extract_instruction import ExtractInstruction  # noqa: PLC0415
        from ..models.extract_page import ExtractPage  # noqa: PLC0415
        from ..models.extract_schema import ExtractSchema  # noqa: PLC0415
        from ..models.extract_selectors import ExtractSelectors  # noqa: PLC0415
        from ..models.goto_action import GotoAction  # noqa: PLC0415
        from ..models.press_action import PressAction  # noqa: PLC0415
        from ..models.scroll_action import ScrollAction  # noqa: PLC0415
        from ..models.select_action import SelectAction  # noqa: PLC0415
        from ..models.session import Session  # noqa: PLC0415
        from ..models.type_action import TypeAction  # noqa: PLC0415
        from ..models.wait_for_action import WaitForAction  # noqa: PLC0415
        from ..models.wait_ms_action import WaitMsAction  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:

            def _parse_actions_item(
                data: object,
            ) -> (
                ClickAction
                | GotoAction
                | PressAction
                | ScrollAction
                | SelectAction
                | TypeAction
                | WaitForAction
                | WaitMsAction
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_interact_action_type_0 = GotoAction.from_dict(data)

                    return componentsschemas_interact_action_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_interact_action_type_1 = ClickAction.from_dict(data)

                    return componentsschemas_interact_action_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_interact_action_type_2 = TypeAction.from_dict(data)

                    return componentsschemas_interact_action_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_interact_action_type_3 = SelectAction.from_dict(data)

                    return componentsschemas_interact_action_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_interact_action_type_4 = PressAction.from_dict(data)

                    return componentsschemas_interact_action_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_interact_action_type_5 = ScrollAction.from_dict(data)

                    return componentsschemas_interact_action_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_interact_action_type_6 = WaitForAction.from_dict(data)

                    return componentsschemas_interact_action_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_interact_action_type_7 = WaitMsAction.from_dict(data)

                return componentsschemas_interact_action_type_7

            actions_item = _parse_actions_item(actions_item_data)

            actions.append(actions_item)

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

        timeout_ms = d.pop("timeout_ms", UNSET)

        use_proxy = d.pop("use_proxy", UNSET)

        interact_input = cls(
            url=url,
            actions=actions,
            device=device,
            session=session,
            output=output,
            extract=extract,
            timeout_ms=timeout_ms,
            use_proxy=use_proxy,
        )

        return interact_input
