"""The EHC case: a request for an assessment and an append-only log of what happened to it.

A `Case` is a value. It holds a pseudonymous reference, the date the local
authority received the request (the business fact every statutory clock counts
from, recorded and never derived), and a log of dated events: the decision
whether to assess, advice asked for and received, the decision whether to issue
a plan, the draft, consultation, the final plan, reviews, mediation, appeal and
ceasing. Recording an event returns a new case, or raises `EventRejected`
saying why: events must come in date order, never before the request, and only
in a stage where they make sense. The stage is derived from the log, never
stored.

The journey follows the statutory process (SI 2014/1530 Part 2) as the seed
procedures describe it: a 6-week decision to assess, advice from
professionals, a panel or officer decision whether a plan is needed, a draft
with 15 days for representations, school consultation and a final plan within
20 weeks; then reviews, and disagreement resolution by mediation and appeal.

A case round-trips through JSON without loss (`Case.to_json`, `Case.from_json`),
in a documented shape that carries a schema version.

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import (
    ...     AssessmentDecision, DraftServed, FinalPlanIssued, IssueDecision)
    >>> case = Case(reference="EHC-0001", received_on=dt.date(2024, 9, 2))
    >>> case.stage
    <Stage.AWAITING_DECISION: 'awaiting decision to assess'>
    >>> case = case.record(AssessmentDecision(on=dt.date(2024, 10, 7), assess=True))
    >>> case = case.record(IssueDecision(on=dt.date(2024, 12, 12), issue=True))
    >>> case = case.record(DraftServed(on=dt.date(2024, 12, 16)))
    >>> case = case.record(FinalPlanIssued(on=dt.date(2025, 1, 17)))
    >>> case.stage.value
    'plan in place'
    >>> Case.from_json(case.to_json()) == case
    True
    >>> case.record(DraftServed(on=dt.date(2025, 1, 10)))
    Traceback (most recent call last):
    ...
    ehcplan.errors.EventRejected: case EHC-0001: cannot record draft_served on 2025-01-10: ...
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

from ehcplan import validators
from ehcplan.cases import case_json, log
from ehcplan.cases.events import (
    Event,
    ExceptionGroundRecorded,
    RequestSource,
)
from ehcplan.cases.log import Stage
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput
from ehcplan.timeline.grounds import Limit

__all__ = ["Case"]

_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}")
_E = TypeVar("_E", bound=Event)


def _to_received_on(value: dt.date) -> dt.date:
    return to_date(value, field="received_on")


def _to_events(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(validators.collection(value, field="events"))


def _check_reference(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not _REFERENCE.fullmatch(value):
        msg = (
            f"reference must be 1 to 64 letters, digits or . _ : / - starting with a "
            f"letter or digit, got {value!r}; use the pseudonymous case reference, "
            "never a name"
        )
        raise InvalidInput(msg, field="reference")


def _check_events(
    _instance: object, _attribute: object, value: tuple[object, ...]
) -> None:
    for event in value:
        if not log.knows(type(event)):
            msg = (
                f"events must be ehcplan case events, got {type(event).__name__}; "
                "see ehcplan.cases.EVENT_TYPES"
            )
            raise InvalidInput(msg, field="events")


@attrs.frozen(kw_only=True)
class Case:
    """A request for an EHC needs assessment and everything recorded on it since.

    Constructing a case checks its whole log; `record` adds one event. Both
    raise `EventRejected` for an event out of date order, dated before the
    request, or impossible in the stage the case has reached.

    Attributes:
        reference: A pseudonymous reference (never a name).
        received_on: The date the authority received the request: the anchor of the
            6-, 16- and 20-week limits (SI 2014/1530 regs 5, 10 and 13).
        source: Who made the request, if known (SEN2 `RequestSource`).
        events: The log, oldest first.
    """

    reference: str = attrs.field(validator=_check_reference)
    received_on: dt.date = attrs.field(converter=_to_received_on)
    source: RequestSource | None = attrs.field(
        default=None,
        validator=validators.optional(validators.member(RequestSource)),
    )
    events: tuple[Event, ...] = attrs.field(
        default=(), converter=_to_events, validator=_check_events
    )
    _stage: Stage = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the log, and remember the stage it leads to."""
        stage = log.replay(self.reference, self.received_on, self.events)
        object.__setattr__(self, "_stage", stage)

    @property
    def stage(self) -> Stage:
        """The stage the case has reached, derived from its log."""
        return self._stage

    @property
    def is_open_request(self) -> bool:
        """Whether the request is still on its way to a plan or a decision."""
        return self._stage in log.OPEN_REQUEST

    def record(self, event: Event) -> Case:
        """Return a new case with *event* added to the end of the log.

        Raises:
            EventRejected: If the event is out of date order, dated before the
                request, or impossible in the case's stage.
        """
        return attrs.evolve(self, events=(*self.events, event))

    def events_of(self, event_type: type[_E]) -> tuple[_E, ...]:
        """The events of one type, oldest first.

        Examples:
            >>> from ehcplan.cases import FinalPlanIssued
            >>> case = Case(reference="EHC-2", received_on=dt.date(2024, 9, 2))
            >>> case.events_of(FinalPlanIssued)
            ()
        """
        return tuple(e for e in self.events if isinstance(e, event_type))

    def first(self, event_type: type[_E]) -> _E | None:
        """The first event of one type, or None if there is none."""
        return next((e for e in self.events if isinstance(e, event_type)), None)

    def last(self, event_type: type[_E]) -> _E | None:
        """The latest event of one type, or None if there is none."""
        found = self.events_of(event_type)
        return found[-1] if found else None

    def grounds_for(self, limit: Limit) -> tuple[ExceptionGroundRecorded, ...]:
        """The exception grounds recorded against one limit, oldest first."""
        return tuple(
            g for g in self.events_of(ExceptionGroundRecorded) if g.limit is limit
        )

    # JSON -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """This case as plain JSON-ready data, with its schema version.

        The shape is documented in `ehcplan.cases.case_json`.

        Examples:
            >>> case = Case(reference="EHC-3", received_on=dt.date(2024, 9, 2))
            >>> from ehcplan.cases import AssessmentDecision
            >>> refused = AssessmentDecision(on=dt.date(2024, 10, 1), assess=False)
            >>> case.record(refused).to_dict()  # doctest: +NORMALIZE_WHITESPACE
            {'schema': 'ehcplan.case', 'version': 1, 'reference': 'EHC-3',
             'received_on': '2024-09-02', 'source': None,
             'events': [{'event': 'assessment_decision', 'on': '2024-10-01',
                         'assess': False, 'panel': None}]}
        """
        return case_json.to_data(
            self.reference, self.received_on, self.source, self.events
        )

    @classmethod
    def from_dict(cls, data: object) -> Case:
        """Read a case from data written by `to_dict` (or parsed from `to_json`).

        Raises:
            InvalidInput: If the data is not a case of a version this ehcplan reads,
                naming the path of each problem.
            EventRejected: If the log breaks the rules of a case.
        """
        return cls(**case_json.from_data(data))

    def to_json(self, *, indent: int | None = None) -> str:
        """This case as JSON text (see `to_dict` for the shape)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> Case:
        """Read a case from JSON written by `to_json`.

        Raises:
            InvalidInput: If the text is not JSON, or not a case (see `from_dict`).
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            msg = f"not JSON: {error}; expected the text written by Case.to_json()"
            raise InvalidInput(msg) from None
        return cls.from_dict(data)
