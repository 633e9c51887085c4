"""Check a JSON value against a generated request model's field types, before anything is sent.

The generated models' ``from_dict`` builds a model from a dict but checks no type: ``"GeoCode":
12`` or ``"render_js": "yes"`` would be sent as written and refused by the provider (or worse,
accepted with another meaning). :func:`type_problems` walks the JSON value alongside the model's
own type annotations (``str | Unset``, nested models, lists, enums, ``Literal`` tags, unions) and
returns every place where they disagree, named by its wire path (``callback.url``,
``Render.WaitUntil``, ``actions.0.type``).

Why the model's types and not the spec's JSON Schema: the generated model is what the client
serialises, so checking against it needs nothing more than the client itself (no spec file and no
``jsonschema`` at run time, which only the emulator extra installs); what the models cannot say
(ranges, patterns, cross-field rules) is the provider's to refuse, one job at a time.
"""

from __future__ import annotations

import enum
import importlib
import json
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

MAX_SHOWN = 60
"""How much of a wrong value an error message shows."""


def _wire(name: str) -> str:
    """Return the comparison form of a wire or attribute name (``SessionID`` ~ ``session_id``)."""
    return "".join(ch for ch in name if ch.isalnum()).lower()


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(model: type[Any]) -> dict[str, Any]:
    """Return the model's resolved annotations (its ``TYPE_CHECKING`` imports from the package)."""
    if model not in _HINTS:
        _HINTS[model] = _resolve(model)
    return _HINTS[model]


def _resolve(model: type[Any]) -> dict[str, Any]:
    module = importlib.import_module(model.__module__)
    package = importlib.import_module(model.__module__.rsplit(".", 1)[0])
    return typing.get_type_hints(model, globalns=dict(vars(module)), localns=dict(vars(package)))


_FIELDS: dict[type, dict[str, tuple[str, Any, bool]]] = {}


def _fields(model: type[Any]) -> dict[str, tuple[str, Any, bool]]:
    """Return ``{normalised name: (attribute, type, required)}`` of a generated model.

    Computed once per model: a run checks millions of inputs against the same few models.
    """
    if model not in _FIELDS:
        _FIELDS[model] = _model_fields(model)
    return _FIELDS[model]


def _model_fields(model: type[Any]) -> dict[str, tuple[str, Any, bool]]:
    hints = _hints(model)
    found: dict[str, tuple[str, Any, bool]] = {}
    for field in attrs.fields(model):
        if field.name == "additional_properties":
            continue
        required = field.default is attrs.NOTHING
        found[_wire(field.name)] = (field.name, hints[field.name], required)
    return found


def _extra_type(model: type[Any]) -> Any:
    """Return the value type of a model's ``additional_properties`` (None: it keeps none)."""
    if not any(field.name == "additional_properties" for field in attrs.fields(model)):
        return None
    args = typing.get_args(_hints(model)["additional_properties"])
    return args[1] if len(args) == 2 else Any


_PRIVATE = ("header", "secret", "token", "auth", "cookie", "password", "key")
"""Parts of a field name whose values are never shown in a message (they may be credentials)."""


def _shown(value: Any, path: str) -> str:
    """Return the wrong ``value`` as JSON for a message (only its kind under a private name)."""
    if any(part in path.lower() for part in _PRIVATE):
        return _json_kind(value)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _expected(tp: Any) -> str:
    """Return what ``tp`` accepts, in JSON words."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        names = [_expected(arg) for arg in typing.get_args(tp) if not _is_unset(arg)]
        return " or ".join(dict.fromkeys(names))
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(arg) for arg in typing.get_args(tp))
    if origin is list:
        return "an array"
    if origin is dict or attrs.has(tp):
        return "an object"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(repr(member.value) for member in tp)
    scalars = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    return scalars.get(tp, "null" if tp is type(None) else str(getattr(tp, "__name__", tp)))


def _is_unset(tp: Any) -> bool:
    return isinstance(tp, type) and tp.__name__ == "Unset"


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def _scalar_ok(value: Any, tp: Any) -> bool | None:
    """Return whether ``value`` fits a scalar type, or None when ``tp`` is not a scalar type."""
    if tp is Any or tp is object:
        return True
    if tp is type(None):
        return value is None
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if tp is str:
        return isinstance(value, str)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return any(value == member.value for member in tp) and not isinstance(value, bool)
    if typing.get_origin(tp) is typing.Literal:
        return any(value == arg and type(value) is type(arg) for arg in typing.get_args(tp))
    return None


def value_problems(value: Any, tp: Any, path: str) -> list[tuple[str, str]]:
    """Return ``(path, why)`` for every place where the JSON ``value`` does not fit ``tp``."""
    fits = _scalar_ok(value, tp)
    if fits is not None:
        return [] if fits else [(path, f"expected {_expected(tp)}, got {_shown(value, path)}")]
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _union_problems(value, [a for a in typing.get_args(tp) if not _is_unset(a)], path)
    if origin is list:
        if not isinstance(value, list):
            return [(path, f"expected an array, got {_json_kind(value)}")]
        (item,) = typing.get_args(tp) or (Any,)
        return [p for i, one in enumerate(value) for p in value_problems(one, item, _join(path, i))]
    if origin is dict:
        if not isinstance(value, Mapping):
            return [(path, f"expected an object, got {_json_kind(value)}")]
        item = typing.get_args(tp)[1] if typing.get_args(tp) else Any
        return [p for k, one in value.items() for p in value_problems(one, item, _join(path, k))]
    if attrs.has(tp):
        return type_problems(tp, value, path)
    return []  # a type the models use for no JSON input (files, datetimes): the model decides


def _union_problems(value: Any, options: list[Any], path: str) -> list[tuple[str, str]]:
    """Return no problem when one option fits, else the closest option's problems."""
    found = [value_problems(value, option, path) for option in options]
    if not found or any(not problems for problems in found):
        return []
    same_kind = [
        problems
        for option, problems in zip(options, found, strict=True)
        if _same_kind(value, option)
    ]
    tag = _tag_problem(value, options, path)
    if tag is not None:
        return [tag]
    if same_kind:  # the value is of the right JSON kind for some option: say what is wrong inside
        return min(same_kind, key=len)
    expected = " or ".join(dict.fromkeys(_expected(option) for option in options))
    return [(path, f"expected {expected}, got {_shown(value, path)}")]


def _tag_problem(value: Any, options: list[Any], path: str) -> tuple[str, str] | None:
    """Return the problem of a tagged union whose tag (a ``Literal`` field) matches no option.

    None when ``value`` is no object, an option is not a model, or some option's tag matches.
    """
    if not isinstance(value, Mapping) or not all(attrs.has(option) for option in options):
        return None
    given = {_wire(str(key)): one for key, one in value.items()}
    accepted: list[Any] = []
    name = ""
    for option in options:
        tags = [
            (wire, tp)
            for wire, (_a, tp, _r) in _fields(option).items()
            if typing.get_origin(tp) is typing.Literal
        ]
        if not tags:
            return None
        wire, tp = tags[0]
        if _scalar_ok(given.get(wire), tp):
            return None
        accepted.extend(typing.get_args(tp))
        name = next((str(key) for key in value if _wire(str(key)) == wire), wire)
    shown = ", ".join(repr(one) for one in dict.fromkeys(accepted))
    where = _join(path, name)
    if name not in value:
        return (where, f"missing required parameter (one of {shown})")
    return (where, f"expected one of {shown}, got {_shown(value[name], where)}")


def _same_kind(value: Any, tp: Any) -> bool:
    """Return whether ``value`` is an array for an array type or an object for an object type."""
    if isinstance(value, list):
        return typing.get_origin(tp) is list
    if isinstance(value, Mapping):
        return typing.get_origin(tp) is dict or attrs.has(tp)
    return False


def type_problems(model: type[Any], value: Any, path: str = "") -> list[tuple[str, str]]:
    """Return ``(wire path, why)`` for each way the JSON ``value`` breaks ``model``'s types.

    Checks that ``value`` is an object, that every required field is present and that each
    field's value has the annotated type, nested models, arrays and unions included. Unknown keys
    are not reported here (see :func:`scrapejobs.batch.planning.parse_model`). Never raises for
    any JSON value.
    """
    if not isinstance(value, Mapping):
        return [(path or "body", f"expected an object, got {_json_kind(value)}")]
    fields = _fields(model)
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, one in value.items():
        known = fields.get(_wire(str(key)))
        if known is None:
            extra = _extra_type(model)
            if extra is not None:
                problems.extend(value_problems(one, extra, _join(path, key)))
            continue
        seen.add(known[0])
        problems.extend(value_problems(one, known[1], _join(path, key)))
    for name, _tp, required in fields.values():
        if required and name not in seen:
            problems.append((_join(path, _wire_name(model, name)), "missing required parameter"))
    return problems


def _wire_name(model: type[Any], attribute: str) -> str:
    """Return the wire name of a required attribute (what ``from_dict`` asks for)."""
    probe: dict[str, Any] = {}
    for _ in range(len(_fields(model)) + 1):
        try:
            model.from_dict(probe)
        except KeyError as exc:
            name = str(exc.args[0])
            if _wire(name) == _wire(attribute):
                return name
            probe[name] = None
        except Exception:  # a probe value the model cannot take: stop probing
            break
        else:
            break
    return attribute.rstrip("_")
