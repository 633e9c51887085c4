from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

from ..models.extract_engine import ExtractEngine
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExtractInstruction")


@_attrs_define
class ExtractInstruction:
    """Extract according to a free-text instruction."""

    mode: Literal["instruction"]
    instruction: str
    """ Free-text extraction instruction. """
    engine: ExtractEngine | Unset = UNSET
    """ Extraction engine. """

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        instruction = self.instruction

        engine: str | Unset = UNSET
        if not isinstance(self.engine, Unset):
            engine = self.engine.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
                "instruction": instruction,
            }
        )
        if engine is not UNSET:
            field_dict["engine"] = engine

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = cast(Literal["instruction"], d.pop("mode"))
        if mode != "instruction":
            raise ValueError(f"mode must match const 'instruction', got '{mode}'")

        instruction = d.pop("instruction")

        _engine = d.pop("engine", UNSET)
        engine: ExtractEngine | Unset
        if isinstance(_engine, Unset):
            engine = UNSET
        else:
            engine = ExtractEngine(_engine)

        extract_instruction = cls(
            mode=mode,
            instruction=instruction,
            engine=engine,
        )

        return extract_instruction
