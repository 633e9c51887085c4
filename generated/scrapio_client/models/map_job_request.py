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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.map_input import MapInput
    from ..models.webhook import Webhook


T = TypeVar("T", bound="MapJobRequest")


@_attrs_define
class MapJobRequest:
    """Submit a map job."""

    kind: Literal["map"]
    input_: MapInput
    """ Input of a `map` job (URL discovery). Unknown keys are rejected. """
    webhook: Webhook | Unset = UNSET
    """ Webhook called when the job finishes. No signature is documented: put a secret in the URL
    query (e.g. `?token=...`) to authenticate deliveries.
     """

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        input_ = self.input_.to_dict()

        webhook: dict[str, Any] | Unset = UNSET
        if not isinstance(self.webhook, Unset):
            webhook = self.webhook.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "input": input_,
            }
        )
        if webhook is not UNSET:
            field_dict["webhook"] = webhook

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.map_input import MapInput  # noqa: PLC0415
        from ..models.webhook import Webhook  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["map"], d.pop("kind"))
        if kind != "map":
            raise ValueError(f"kind must match const 'map', got '{kind}'")

        input_ = MapInput.from_dict(d.pop("input"))

        _webhook = d.pop("webhook", UNSET)
        webhook: Webhook | Unset
        if isinstance(_webhook, Unset):
            webhook = UNSET
        else:
            webhook = Webhook.from_dict(_webhook)

        map_job_request = cls(
            kind=kind,
            input_=input_,
            webhook=webhook,
        )

        return map_job_request
