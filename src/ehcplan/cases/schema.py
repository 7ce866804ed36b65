"""The JSON Schema (draft 2020-12) of a case's JSON form, generated from the event classes.

`json_schema` describes exactly what `ehcplan.cases.Case.to_json` writes for
the current version (`ehcplan.cases.SCHEMA_VERSION`): the case's own keys, and
for each kind of event an object whose ``"event"`` names the kind, with each
field typed as the case JSON writes it (ISO dates, codes by their values,
money as text in pounds, sets as lists, nested values as objects). Nested
values (a plan's content, a personal budget's parts) are in ``$defs``. It is
built from the attrs classes themselves, so it cannot drift from them; the
test suite validates every case it builds against it.

Some rules are the log's, not the shape's (which event may follow which; a
refusal needs its reasons): a document the schema accepts may still be refused
by `Case.from_json` with `EventRejected` or `InvalidInput`.

Examples:
    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["assessment_decision"]["required"]
    ['event', 'on', 'assess']
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from typing import Any

import attrs

from ehcplan.cases import case_json, log
from ehcplan.cases.events import RequestSource
from ehcplan.money import Money

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://ehcplan.readthedocs.io/schemas/case-v2.json"
"""The schema's identifier (``$id``)."""

_MONEY = {
    "type": "string",
    "pattern": r"^-?£[0-9]{1,3}(,[0-9]{3})*(\.[0-9]{2})?$",
    "description": 'Money as text in pounds, e.g. "£10,363.00".',
}
_DATE = {
    "type": "string",
    "format": "date",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "An ISO date, YYYY-MM-DD.",
}
_TEXT = {"type": "string", "pattern": r"\S"}


def _first_line(cls: type) -> str:
    return (cls.__doc__ or "").strip().splitlines()[0]


def _attribute_docs(cls: type) -> dict[str, str]:
    """The "Attributes:" entries of a class's Google-style docstring."""
    doc = cls.__doc__ or ""
    found: dict[str, str] = {}
    inside = False
    name = ""
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped == "Attributes:":
            inside = True
            continue
        if inside:
            if not stripped:
                if found:
                    break
                continue
            if ":" in stripped and not line.startswith(" " * 12):
                name, _, words = stripped.partition(":")
                found[name] = words.strip()
            elif name:
                found[name] += " " + stripped
    return found


class _Builder:
    """Turns type hints into schema fragments, collecting nested classes in $defs."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, hint: Any) -> dict[str, Any]:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            kept = [a for a in args if a is not type(None)]
            inner = (
                self.of(kept[0])
                if len(kept) == 1
                else {"anyOf": [self.of(a) for a in kept]}
            )
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            return {"type": "array", "items": self.of(args[0])}
        if origin is frozenset:
            return {"type": "array", "items": self.of(args[0]), "uniqueItems": True}
        if origin is dict:
            key, value = args
            return {
                "type": "object",
                "propertyNames": self.of(key),
                "additionalProperties": self.of(value),
            }
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is str:
            return dict(_TEXT)
        if hint is dt.date:
            return dict(_DATE)
        if hint is Money:
            return dict(_MONEY)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [m.value for m in hint]}
        if isinstance(hint, type) and attrs.has(hint):
            name = hint.__name__
            if name not in self.defs:
                self.defs[name] = {}  # placeholder: classes may nest
                self.defs[name] = self.object(hint)
            return {"$ref": f"#/$defs/{name}"}
        msg = f"no JSON Schema for {hint!r}"  # pragma: no cover - a new field type
        raise TypeError(msg)  # pragma: no cover

    def object(self, cls: type, *, kind: str | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        docs = _attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if kind is not None:
            properties["event"] = {"const": kind}
            required.append("event")
        for field in attrs.fields(cls):
            if not field.init:
                continue
            schema = self.of(hints[field.name])
            if field.name in docs:
                schema = {**schema, "description": docs[field.name]}
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        return {
            "type": "object",
            "description": _first_line(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


@functools.cache
def _schema() -> dict[str, Any]:
    builder = _Builder()
    kinds = []
    for event_type in log.event_types():
        builder.defs[event_type.kind] = builder.object(event_type, kind=event_type.kind)
        kinds.append({"$ref": f"#/$defs/{event_type.kind}"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ehcplan case",
        "description": (
            "An EHC case: the request and its append-only log of events, as "
            f"ehcplan.Case.to_json writes it (version {case_json.SCHEMA_VERSION})."
        ),
        "type": "object",
        "properties": {
            "schema": {"const": "ehcplan.case"},
            "version": {"const": case_json.SCHEMA_VERSION},
            "reference": {
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$",
                "description": "A pseudonymous case reference, never a name.",
            },
            "received_on": {
                **_DATE,
                "description": "The date the request was received.",
            },
            "source": {
                "anyOf": [{"enum": [s.value for s in RequestSource]}, {"type": "null"}],
                "description": "Who made the request (SEN2 RequestSource code).",
            },
            "events": {"type": "array", "items": {"oneOf": kinds}},
        },
        "required": [
            "schema",
            "version",
            "reference",
            "received_on",
            "source",
            "events",
        ],
        "additionalProperties": False,
        "$defs": builder.defs,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the case JSON this ehcplan writes (a fresh copy)."""
    import copy

    return copy.deepcopy(_schema())
