"""A case's JSON form: the documented shape `Case.to_json` writes and `Case.from_json` reads.

The shape is an object with ``"schema": "ehcplan.case"``, its ``version``
(`SCHEMA_VERSION`), the case's ``reference``, ``received_on`` (an ISO date),
``source`` (the SEN2 ``RequestSource`` code or null) and ``events``: each an
object naming its kind in ``"event"`` with its fields, dates as ISO text and
codes as their values, money as text in pounds (``"£10,363.00"``), sets (of
plan sections) as sorted lists, and nested values (a plan's content) as
objects. Reading is strict: unknown keys, wrong types ("false" for false, "12"
for 12) and unknown events are refused with the path of the problem
(``case.events[2].assess``).

Version 2 adds the seeds' decisions, meetings and documents and the plan's
content; version 1 (the initial events only) still reads. Its JSON Schema is
`ehcplan.cases.Case.json_schema` (`ehcplan.cases.schema`).

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases.events import AssessmentDecision
    >>> data = to_data("EHC-3", dt.date(2024, 9, 2), None,
    ...                [AssessmentDecision(on=dt.date(2024, 10, 1), assess=False)])
    >>> data["events"]
    [{'event': 'assessment_decision', 'on': '2024-10-01', 'assess': False, 'panel': None}]
    >>> from_data(data)["events"]
    [AssessmentDecision(on=datetime.date(2024, 10, 1), assess=False, panel=None)]
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from ehcplan.cases import log
from ehcplan.cases.events import EVENT_TYPES, CeaseReason, Event, RequestSource
from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.structure import Problem, converter, describe, structure, suggest
from ehcplan.validators import is_whole

if TYPE_CHECKING:
    import cattrs

__all__ = ["READS", "SCHEMA_VERSION", "from_data", "plain", "to_data"]

SCHEMA_VERSION = 2
"""The version of the JSON shape written by `Case.to_json`."""

READS = (1, 2)
"""The versions `Case.from_json` reads."""

_V1_KINDS = frozenset(event_type.kind for event_type in EVENT_TYPES)

_T = TypeVar("_T")
_KEYS = frozenset({"schema", "version", "reference", "received_on", "source", "events"})


def to_data(
    reference: str,
    received_on: dt.date,
    source: RequestSource | None,
    events: Sequence[Event],
) -> dict[str, Any]:
    """A case's parts as plain JSON-ready data, with the schema and its version."""
    return {
        "schema": "ehcplan.case",
        "version": SCHEMA_VERSION,
        "reference": reference,
        "received_on": received_on.isoformat(),
        "source": None if source is None else source.value,
        "events": [{"event": event.kind, **_fields(event)} for event in events],
    }


def from_data(data: object) -> dict[str, Any]:
    """The fields of a `Case` read from *data* in the shape `to_data` writes.

    Raises:
        InvalidInput: If the data is not a case of a version this ehcplan reads,
            naming the path of each problem.
    """
    if not isinstance(data, dict) or data.get("schema") != "ehcplan.case":
        msg = (
            "not an ehcplan case: expected an object with "
            '"schema": "ehcplan.case"; write it with Case.to_dict() or to_json()'
        )
        raise InvalidInput(msg)
    version = data.get("version")
    if not any(version == v and type(version) is int for v in READS):
        msg = (
            f"unsupported case schema version {version!r}; this version of ehcplan "
            f"reads versions {', '.join(map(str, READS))}. Upgrade ehcplan."
        )
        raise InvalidInput(msg, field="version")
    if set(data) != _KEYS:
        missing = sorted(_KEYS - set(data))
        extra = sorted(set(data) - _KEYS)
        wrong = [
            *([f"is missing {', '.join(map(repr, missing))}"] if missing else []),
            *([f"has unknown {', '.join(map(repr, extra))}"] if extra else []),
        ]
        msg = (
            f"the case {' and '.join(wrong)}; a case has exactly the keys "
            f'{", ".join(map(repr, sorted(_KEYS)))} ("source" may be null)'
        )
        raise InvalidInput(msg, field=(missing or extra)[0])
    events = data["events"]
    if not isinstance(events, list):
        msg = f"case.events must be a list of events, got {type(events).__name__}"
        raise InvalidInput(msg, field="events")
    return {
        "reference": data["reference"],
        "received_on": _structure_at(dt.date, data["received_on"], "case.received_on"),
        "source": None
        if data["source"] is None
        else _structure_at(RequestSource, data["source"], "case.source"),
        "events": [
            _event_from_dict(e, f"case.events[{i}]", cast(int, version))
            for i, e in enumerate(events)
        ],
    }


def _event_from_dict(data: object, path: str, version: int) -> Event:
    by_kind = {event_type.kind: event_type for event_type in log.event_types()}
    if not isinstance(data, dict):
        msg = (
            f'{path}: expected an event object such as {{"event": '
            f'"assessment_decision", ...}}, found {data!r}'
        )
        raise InvalidInput(msg, field="events")
    if "event" not in data:
        msg = (
            f'{path}: the event has no "event" key naming its kind (one of the event '
            "kinds on the case JSON reference page, e.g. 'assessment_decision'); it has "
            f"{', '.join(map(repr, sorted(data)))}"
        )
        raise InvalidInput(msg, field="events")
    if data["event"] not in by_kind:
        found = data["event"]
        hint = suggest(found, by_kind) if isinstance(found, str) else ""
        kinds = ", ".join(repr(k) for k in by_kind)
        msg = f"{path}: unknown event {found!r}{hint}; the kinds are {kinds}"
        raise InvalidInput(msg, field="events")
    if version == 1 and data["event"] not in _V1_KINDS:
        msg = (
            f"{path}: the event {data['event']!r} is not in version 1 of the case "
            'JSON; a case that records it is written as "version": 2'
        )
        raise InvalidInput(msg, field="events")
    payload = {k: v for k, v in data.items() if k != "event"}
    return _structure_at(by_kind[data["event"]], payload, path)


def _structure_at(type_: type[_T], value: object, path: str) -> _T:
    """Structure *value* as *type_* strictly, with the key path *path* in any error."""
    return structure(_converter(), value, type_, key=path)


def _coded(enum_type: type[enum.Enum]) -> Any:
    """Read an enum written as its whole-number code (SEN2 codes such as RequestSource)."""
    codes = ", ".join(str(m.value) for m in enum_type)

    def hook(value: object, _kind: object) -> enum.Enum:
        for member in enum_type:
            if is_whole(value) and member.value == value:
                return member
        msg = f"expected one of the codes {codes}, found {describe(value)}."
        raise Problem(msg)

    return hook


@functools.cache
def _converter() -> cattrs.Converter:
    """The strict converter for case JSON: ISO dates, enum values exactly, no unknown keys."""
    conv = converter(dates="iso", ignore_case=False)
    for coded in (RequestSource, CeaseReason):
        conv.register_structure_hook(coded, _coded(coded))
    return conv


def plain(value: object) -> Any:
    """A value of an event as JSON-ready data, in the shape the case JSON writes.

    Examples:
        >>> from ehcplan.cases.plan import Section
        >>> plain({"sections": frozenset({Section.I, Section.B}), "fee": Money(150)})
        {'sections': ['B', 'I'], 'fee': '£1.50'}
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Money):
        return str(value)
    if attrs.has(type(value)):
        return _fields(value)
    if isinstance(value, frozenset | set):
        return sorted((plain(v) for v in value), key=str)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    return value


def _fields(value: object) -> dict[str, Any]:
    """An attrs value's fields (those set when it is made) as JSON-ready data."""
    return {
        field.name: plain(getattr(value, field.name))
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value)))
        if field.init
    }
