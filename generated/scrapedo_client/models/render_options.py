from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.wait_until import WaitUntil
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.click_action import ClickAction
    from ..models.execute_action import ExecuteAction
    from ..models.fill_action import FillAction
    from ..models.screen_shot_action import ScreenShotAction
    from ..models.scroll_to_action import ScrollToAction
    from ..models.scroll_x_action import ScrollXAction
    from ..models.scroll_y_action import ScrollYAction
    from ..models.wait_action import WaitAction
    from ..models.wait_selector_action import WaitSelectorAction


T = TypeVar("T", bound="RenderOptions")


@_attrs_define
class RenderOptions:
    """Headless-browser rendering. Rules: `BlockResources` must be false when `PlayWithBrowser`
    or any screenshot option is used (it defaults to true); `CustomWait` is 0 to 35000 ms.
    Presence of this object turns rendering on.

    """

    block_resources: bool | Unset = UNSET
    """ Block images, fonts and other resources. Server default true. Cannot be combined with `PlayWithBrowser`,
    `Screenshot`, `FullScreenshot` or `ParticularScreenshot`: set it to false with those. """
    wait_until: WaitUntil | Unset = UNSET
    """ Browser event to wait for before the page is captured. Server default `domcontentloaded`. (The synchronous
    API also accepts `load`; the async documentation lists only these three.) """
    custom_wait: int | Unset = UNSET
    """ Extra wait after the page loads, in milliseconds, 0 to 35000. Server default 0. """
    wait_selector: str | Unset = UNSET
    """ CSS selector to wait for before capturing. """
    play_with_browser: (
        list[
            ClickAction
            | ExecuteAction
            | FillAction
            | ScreenShotAction
            | ScrollToAction
            | ScrollXAction
            | ScrollYAction
            | WaitAction
            | WaitSelectorAction
        ]
        | Unset
    ) = UNSET
    """ Browser actions run in order after the page loads (requires BlockResources false). """
    return_json: bool | Unset = UNSET
    """ Return a JSON document with the page and its network requests. Server default false. """
    show_websocket_requests: bool | Unset = UNSET
    """ Include websocket requests in the JSON output. Server default false. """
    show_frames: bool | Unset = UNSET
    """ Include iframe content in the output. Server default false. """
    screenshot: bool | Unset = UNSET
    """ Take a viewport screenshot. Server default false. """
    full_screenshot: bool | Unset = UNSET
    """ Take a full-page screenshot. Server default false. """
    particular_screenshot: str | Unset = UNSET
    """ CSS selector of the element to screenshot. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.execute_action import ExecuteAction  # noqa: PLC0415
        from ..models.fill_action import FillAction  # noqa: PLC0415
        from ..models.scroll_to_action import ScrollToAction  # noqa: PLC0415
        from ..models.scroll_x_action import ScrollXAction  # noqa: PLC0415
        from ..models.scroll_y_action import ScrollYAction  # noqa: PLC0415
        from ..models.wait_action import WaitAction  # noqa: PLC0415
        from ..models.wait_selector_action import WaitSelectorAction  # noqa: PLC0415

        block_resources = self.block_resources

        wait_until: str | Unset = UNSET
        if not isinstance(self.wait_until, Unset):
            wait_until = self.wait_until.value

        custom_wait = self.custom_wait

        wait_selector = self.wait_selector

        play_with_browser: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.play_with_browser, Unset):
            play_with_browser = []
            for play_with_browser_item_data in self.play_with_browser:
                play_with_browser_item: dict[str, Any]
                if isinstance(play_with_browser_item_data, ClickAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                elif isinstance(play_with_browser_item_data, WaitAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                elif isinstance(play_with_browser_item_data, WaitSelectorAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                elif isinstance(play_with_browser_item_data, ScrollXAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                elif isinstance(play_with_browser_item_data, ScrollYAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                elif isinstance(play_with_browser_item_data, ScrollToAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                elif isinstance(play_with_browser_item_data, FillAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                elif isinstance(play_with_browser_item_data, ExecuteAction):
                    play_with_browser_item = play_with_browser_item_data.to_dict()
                else:
                    play_with_browser_item = play_with_browser_item_data.to_dict()

                play_with_browser.append(play_with_browser_item)

        return_json = self.return_json

        show_websocket_requests = self.show_websocket_requests

        show_frames = self.show_frames

        screenshot = self.screenshot

        full_screenshot = self.full_screenshot

        particular_screenshot = self.particular_screenshot

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if block_resources is not UNSET:
            field_dict["BlockResources"] = block_resources
        if wait_until is not UNSET:
            field_dict["WaitUntil"] = wait_until
        if custom_wait is not UNSET:
            field_dict["CustomWait"] = custom_wait
        if wait_selector is not UNSET:
            field_dict["WaitSelector"] = wait_selector
        if play_with_browser is not UNSET:
            field_dict["PlayWithBrowser"] = play_with_browser
        if return_json is not UNSET:
            field_dict["ReturnJSON"] = return_json
        if show_websocket_requests is not UNSET:
            field_dict["ShowWebsocketRequests"] = show_websocket_requests
        if show_frames is not UNSET:
            field_dict["ShowFrames"] = show_frames
        if screenshot is not UNSET:
            field_dict["Screenshot"] = screenshot
        if full_screenshot is not UNSET:
            field_dict["FullScreenshot"] = full_screenshot
        if particular_screenshot is not UNSET:
            field_dict["ParticularScreenshot"] = particular_screenshot

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.click_action import ClickAction  # noqa: PLC0415
        from ..models.execute_action import ExecuteAction  # noqa: PLC0415
        from ..models.fill_action import FillAction  # noqa: PLC0415
        from ..models.screen_shot_action import ScreenShotAction  # noqa: PLC0415
        from ..models.scroll_to_action import ScrollToAction  # noqa: PLC0415
        from ..models.scroll_x_action import ScrollXAction  # noqa: PLC0415
        from ..models.scroll_y_action import ScrollYAction  # noqa: PLC0415
        from ..models.wait_action import WaitAction  # noqa: PLC0415
        from ..models.wait_selector_action import WaitSelectorAction  # noqa: PLC0415

        d = dict(src_dict)
        block_resources = d.pop("BlockResources", UNSET)

        _wait_until = d.pop("WaitUntil", UNSET)
        wait_until: WaitUntil | Unset
        if isinstance(_wait_until, Unset):
            wait_until = UNSET
        else:
            wait_until = WaitUntil(_wait_until)

        custom_wait = d.pop("CustomWait", UNSET)

        wait_selector = d.pop("WaitSelector", UNSET)

        _play_with_browser = d.pop("PlayWithBrowser", UNSET)
        play_with_browser: (
            list[
                ClickAction
                | ExecuteAction
                | FillAction
                | ScreenShotAction
                | ScrollToAction
                | ScrollXAction
                | ScrollYAction
                | WaitAction
                | WaitSelectorAction
            ]
            | Unset
        ) = UNSET
        if _play_with_browser is not UNSET:
            play_with_browser = []
            for play_with_browser_item_data in _play_with_browser:

                def _parse_play_with_browser_item(
                    data: object,
                ) -> (
                    ClickAction
                    | ExecuteAction
                    | FillAction
                    | ScreenShotAction
                    | ScrollToAction
                    | ScrollXAction
                    | ScrollYAction
                    | WaitAction
                    | WaitSelectorAction
                ):
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_0 = ClickAction.from_dict(data)

                        return componentsschemas_browser_action_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_1 = WaitAction.from_dict(data)

                        return componentsschemas_browser_action_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_2 = WaitSelectorAction.from_dict(data)

                        return componentsschemas_browser_action_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_3 = ScrollXAction.from_dict(data)

                        return componentsschemas_browser_action_type_3
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_4 = ScrollYAction.from_dict(data)

                        return componentsschemas_browser_action_type_4
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_5 = ScrollToAction.from_dict(data)

                        return componentsschemas_browser_action_type_5
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_6 = FillAction.from_dict(data)

                        return componentsschemas_browser_action_type_6
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_browser_action_type_7 = ExecuteAction.from_dict(data)

                        return componentsschemas_browser_action_type_7
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_browser_action_type_8 = ScreenShotAction.from_dict(data)

                    return componentsschemas_browser_action_type_8

                play_with_browser_item = _parse_play_with_browser_item(play_with_browser_item_data)

                play_with_browser.append(play_with_browser_item)

        return_json = d.pop("ReturnJSON", UNSET)

        show_websocket_requests = d.pop("ShowWebsocketRequests", UNSET)

        show_frames = d.pop("ShowFrames", UNSET)

        screenshot = d.pop("Screenshot", UNSET)

        full_screenshot = d.pop("FullScreenshot", UNSET)

        particular_screenshot = d.pop("ParticularScreenshot", UNSET)

        render_options = cls(
            block_resources=block_resources,
            wait_until=wait_until,
            custom_wait=custom_wait,
            wait_selector=wait_selector,
            play_with_browser=play_with_browser,
            return_json=return_json,
            show_websocket_requests=show_websocket_requests,
            show_frames=show_frames,
            screenshot=screenshot,
            full_screenshot=full_screenshot,
            particular_screenshot=particular_screenshot,
        )

        render_options.additional_properties = d
        return render_options

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
