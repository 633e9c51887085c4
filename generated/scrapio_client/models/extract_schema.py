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

from ..models.extract_engine import ExtractEngine
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schema_field_map import SchemaFieldMap


T = TypeVar("T", bound="ExtractSchema")


@_attrs_define
class ExtractSchema:
    """Extract fields described by name and description."""

    mode: Literal["schema"]
    schema: SchemaFieldMap
    """ Field name -> natural-language description of the value to extract. """
    engine: ExtractEngine | Unset = UNSET
    """ Extraction engine. """

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        schema = self.schema.to_dict()

        engine: str | Unset = UNSET
        if not isinstance(self.engine, Unset):
            engine = self.engine.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
                "schema": schema,
            }
        )
        if engine is not UNSET:
            field_dict["engine"] = engine

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schema_field_map import SchemaFieldMap  # noqa: PLC0415

        d = dict(src_dict)
        mode = cast(Literal["schema"], d.pop("mode"))
        if mode != "schema":
            raise ValueError(f"mode must match const 'schema', got '{mode}'")

        schema = SchemaFieldMap.from_dict(d.pop("schema"))

        _engine = d.pop("engine", UNSET)
        engine: ExtractEngine | Unset
        if isinstance(_engine, Unset):
            engine = UNSET
        else:
            engine = ExtractEngine(_engine)

        extract_schema = cls(
            mode=mode,
            schema=schema,
            engine=engine,
        )

        return extract_schema
