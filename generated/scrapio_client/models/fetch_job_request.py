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
    from ..models.fetch_input import FetchInput
    from ..models.webhook import Webhook


T = TypeVar("T", bound="FetchJobRequest")


@_attrs_define
class FetchJobRequest:
    """Submit a fetch job."""

    kind: Literal["fetch"]
    input_: FetchInput
    """ Input of a `fetch` job (same as `POST /v1/fetch`). Unknown keys are rejected. """
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
        from ..models.fetch_input import FetchInput  # noqa: PLC0415
        from ..models.webhook import Webhook  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["fetch"], d.pop("kind"))
        if kind != "fetch":
            raise ValueError(f"kind must match const 'fetch', got '{kind}'")

        input_ = FetchInput.from_dict(d.pop("input"))

        _webhook = d.pop("webhook", UNSET)
        webhook: Webhook | Unset
        if isinstance(_webhook, Unset):
            webhook = UNSET
        else:
            webhook = Webhook.from_dict(_webhook)

        fetch_job_request = cls(
            kind=kind,
            input_=input_,
            webhook=webhook,
        )

        return fetch_job_request
