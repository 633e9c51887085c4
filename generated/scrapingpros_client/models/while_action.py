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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.click_action import ClickAction
    from ..models.collect_action import CollectAction
    from ..models.evaluate_action import EvaluateAction
    from ..models.input_action import InputAction
    from ..models.key_press_action import KeyPressAction
    from ..models.select_action import SelectAction
    from ..models.wait_for_selector_action import WaitForSelectorAction
    from ..models.wait_for_timeout_action import WaitForTimeoutAction
    from ..models.while_condition import WhileCondition


T = TypeVar("T", bound="WhileAction")


@_attrs_define
class WhileAction:
    """Repeat the inner actions while the condition holds, at most `max_iterations` times."""

    type_: Literal["while"]
    condition: WhileCondition
    actions: list[
        ClickAction
        | CollectAction
        | EvaluateAction
        | InputAction
        | KeyPressAction
        | SelectAction
        | WaitForSelectorAction
        | WaitForTimeoutAction
        | WhileAction
    ]
    """ Actions run on each iteration (any action type, including nested `while`). """
    max_iterations: int | Unset = UNSET
    """ Iteration cap (server default 20). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.collect_action import CollectAction  # noqa: PLC0415
        from ..models.evaluate_action import EvaluateAction  # noqa: PLC0415
        from ..models.input_action import InputAction  # noqa: PLC0415
        from ..models.key_press_action import KeyPressAction  # noqa: PLC0415
        from ..models.select_action import SelectAction  # noqa: PLC0415
        from ..models.wait_for_selector_action import WaitForSelectorAction  # noqa: PLC0415
        from ..models.wait_for_timeout_action import WaitForTimeoutAction  # noqa: PLC0415

        type_ = self.type_

        condition = self.condition.to_dict()

        actions = []
        for actions_item_data in self.actions:
            actions_item: dict[str, Any]
            if isinstance(actions_item_data, ClickAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, InputAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, SelectAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, KeyPressAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, WaitForSelectorAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, WaitForTimeoutAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, EvaluateAction):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, CollectAction):
                actions_item = actions_item_data.to_dict()
            else:
                actions_item = actions_item_data.to_dict()

            actions.append(actions_item)

        max_iterations = self.max_iterations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "condition": condition,
                "actions": actions,
            }
        )
        if max_iterations is not UNSET:
            field_dict["max_iterations"] = max_iterations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.collect_action import CollectAction  # noqa: PLC0415
        from ..models.evaluate_action import EvaluateAction  # noqa: PLC0415
        from ..models.input_action import InputAction  # noqa: PLC0415
        from ..models.key_press_action import KeyPressAction  # noqa: PLC0415
        from ..models.select_action import SelectAction  # noqa: PLC0415
        from ..models.wait_for_selector_action import WaitForSelectorAction  # noqa: PLC0415
        from ..models.wait_for_timeout_action import WaitForTimeoutAction  # noqa: PLC0415
        from ..models.while_condition import WhileCondition  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["while"], d.pop("type"))
        if type_ != "while":
            raise ValueError(f"type must match const 'while', got '{type_}'")

        condition = WhileCondition.from_dict(d.pop("condition"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:

            def _parse_actions_item(
                data: object,
            ) -> (
                ClickAction
                | CollectAction
                | EvaluateAction
                | InputAction
                | KeyPressAction
                | SelectAction
                | WaitForSelectorAction
                | WaitForTimeoutAction
                | WhileAction
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_0 = ClickAction.from_dict(data)

                    return componentsschemas_action_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_1 = InputAction.from_dict(data)

                    return componentsschemas_action_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_2 = SelectAction.from_dict(data)

                    return componentsschemas_action_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_3 = KeyPressAction.from_dict(data)

                    return componentsschemas_action_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_4 = WaitForSelectorAction.from_dict(data)

                    return componentsschemas_action_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_5 = WaitForTimeoutAction.from_dict(data)

                    return componentsschemas_action_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_6 = EvaluateAction.from_dict(data)

                    return componentsschemas_action_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_type_7 = CollectAction.from_dict(data)

                    return componentsschemas_action_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_action_type_8 = WhileAction.from_dict(data)

                return componentsschemas_action_type_8

            actions_item = _parse_actions_item(actions_item_data)

            actions.append(actions_item)

        max_iterations = d.pop("max_iterations", UNSET)

        while_action = cls(
            type_=type_,
            condition=condition,
            actions=actions,
            max_iterations=max_iterations,
        )

        while_action.additional_properties = d
        return while_action

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
