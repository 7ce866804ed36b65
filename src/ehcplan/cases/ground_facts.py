"""The facts behind an exception ground, recorded on a case, and whether they support it.

An officer records an exception ground (`ehcplan.cases.ExceptionGroundRecorded`)
once they have decided it applies; the facts it rests on can be recorded on
the case too, each as an event dated the day it was recorded, with its own
dates and a reference to its evidence:

* `AbsenceRecorded`: the child, a parent or the young person away from the
  authority's area (SI 2014/1530 regs 5(4)(d), 8(2)(b), 10(4)(d), 27(3)(d));
* `PersonalCircumstancesRecorded`: circumstances affecting them
  (regs 5(4)(c), 8(2)(a), 10(4)(c), 27(3)(c));
* `MissedAppointmentRecorded`: an appointment for an examination or test, made
  by a body asked for advice, not kept (reg 8(2)(c));
* `InstitutionAdviceRequestRecorded`: advice asked of a school, college or early
  years provider, with its calendar of closures (regs 5(4)(a), 10(4)(a)-(b),
  27(3)(a)-(b));
* `CoronavirusImpactRecorded`: a reason relating to coronavirus on a day in 2020
  (SI 2014/1530 reg 2A, inserted by SI 2020/471).

`ground_checks` asks the national timeline (`ehcplan.timeline.supports`)
whether the facts recorded on a case support each ground recorded on it, over
the period of the limit it disapplies, with the reasons; the clock report
shows the answers (`ehcplan.cases.ClockReport.grounds`). It never applies a
ground, and never un-applies one: the status of a deadline follows the ground
the officer recorded; the check is evidence for that decision.

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import Case, ExceptionGroundRecorded
    >>> from ehcplan.timeline import ExceptionGround, Limit, Person
    >>> case = Case(reference="EHC-9", received_on=dt.date(2024, 9, 2))
    >>> case = case.record(AbsenceRecorded(on=dt.date(2024, 10, 14),
    ...     person=Person.CHILD, first_day=dt.date(2024, 9, 9),
    ...     last_day=dt.date(2024, 10, 11), evidence="case note CN-17"))
    >>> case = case.record(ExceptionGroundRecorded(on=dt.date(2024, 10, 14),
    ...     ground=ExceptionGround.ABSENT_FROM_AREA, limit=Limit.DECISION_TO_ASSESS,
    ...     evidence="case note CN-17", decided_by="SEN team manager"))
    >>> [check.supported for check in ground_checks(case)]
    [True]
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ehcplan import validators
from ehcplan.cases import fields
from ehcplan.cases.events import (
    AdviceRequested,
    AdviceSource,
    Event,
    ExceptionGroundRecorded,
)
from ehcplan.cases.log import APPEALABLE_STAGES, OPEN_REQUEST, Progress, Refusal, rule
from ehcplan.errors import InvalidInput
from ehcplan.timeline.closures import SchoolCalendar
from ehcplan.timeline.facts import (
    Absence,
    CoronavirusImpact,
    Fact,
    InstitutionAdviceRequest,
    MissedAppointment,
    Person,
    PersonalCircumstances,
    Verdict,
    supports,
)
from ehcplan.timeline.grounds import Limit

if TYPE_CHECKING:
    from ehcplan.cases.case import Case

__all__ = [
    "FACT_EVENTS",
    "AbsenceRecorded",
    "CoronavirusImpactRecorded",
    "GroundCheck",
    "InstitutionAdviceRequestRecorded",
    "MissedAppointmentRecorded",
    "PersonalCircumstancesRecorded",
    "ground_checks",
    "recorded_facts",
]

_INITIAL = frozenset({Limit.DECISION_TO_ASSESS, Limit.NO_PLAN_NOTICE, Limit.FINAL_PLAN})


def _not_after(event: Event, day: dt.date, name: str) -> None:
    """A fact is recorded once it has happened: its *day* is not after the record."""
    if day > event.on:
        msg = (
            f"{name} ({day.isoformat()}) is after the day the fact is recorded "
            f"({event.on.isoformat()}); record what has happened so far, and record "
            "it again when it has ended."
        )
        raise InvalidInput(msg, field=name)


@attrs.frozen(kw_only=True)
class AbsenceRecorded(Event):
    """The child, a parent or the young person was away from the authority's area.

    Attributes:
        person: Who was away.
        first_day: The first whole day away.
        last_day: The last whole day away, on or before the day it is recorded.
        evidence: A reference to the evidence (never personal details).
    """

    kind: ClassVar[str] = "absence_recorded"
    person: Person = fields.member(Person)
    first_day: dt.date = fields.date("first_day")
    last_day: dt.date = fields.date("last_day")
    evidence: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """The dates are in order, and not after the day the fact is recorded."""
        self.fact()
        _not_after(self, self.last_day, "last_day")

    def fact(self) -> Absence:
        """The fact, as the timeline's fact test reads it."""
        return Absence(
            person=self.person,
            first_day=self.first_day,
            last_day=self.last_day,
            evidence=self.evidence,
        )


@attrs.frozen(kw_only=True)
class PersonalCircumstancesRecorded(Event):
    """Circumstances affecting the child, a parent or the young person, with their dates.

    Whether they were exceptional is for the officer who records the ground.

    Attributes:
        person: Whom they affected.
        first_day: The first day they applied.
        last_day: The last day they applied, on or before the day it is recorded.
        evidence: A reference to the evidence (never personal details).
    """

    kind: ClassVar[str] = "personal_circumstances_recorded"
    person: Person = fields.member(Person)
    first_day: dt.date = fields.date("first_day")
    last_day: dt.date = fields.date("last_day")
    evidence: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """The dates are in order, and not after the day the fact is recorded."""
        self.fact()
        _not_after(self, self.last_day, "last_day")

    def fact(self) -> PersonalCircumstances:
        """The fact, as the timeline's fact test reads it."""
        return PersonalCircumstances(
            person=self.person,
            first_day=self.first_day,
            last_day=self.last_day,
            evidence=self.evidence,
        )


@attrs.frozen(kw_only=True)
class MissedAppointmentRecorded(Event):
    """The child or young person did not keep an appointment for an examination or test.

    Attributes:
        appointment_on: The day of the appointment.
        made_by: The body asked for advice that made it.
        evidence: A reference to the evidence.
    """

    kind: ClassVar[str] = "missed_appointment_recorded"
    appointment_on: dt.date = fields.date("appointment_on")
    made_by: AdviceSource = fields.member(AdviceSource)
    evidence: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """The appointment is on or before the day it is recorded."""
        _not_after(self, self.appointment_on, "appointment_on")

    def fact(self) -> MissedAppointment:
        """The fact, as the timeline's fact test reads it."""
        return MissedAppointment(
            on=self.appointment_on, made_by=self.made_by.value, evidence=self.evidence
        )


@attrs.frozen(kw_only=True)
class InstitutionAdviceRequestRecorded(Event):
    """Advice was asked of a school, college or early years provider, with its closures.

    Attributes:
        asked_on: The day the advice was asked for.
        calendar: The institution's calendar of closures.
        early_years: True for a provider of relevant early years education.
        evidence: A reference to the request.
    """

    kind: ClassVar[str] = "institution_advice_request_recorded"
    asked_on: dt.date = fields.date("asked_on")
    calendar: SchoolCalendar = attrs.field(
        validator=validators.instance_of(SchoolCalendar, "a SchoolCalendar")
    )
    early_years: bool = attrs.field(default=False, validator=validators.flag)
    evidence: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """The request is on or before the day it is recorded."""
        _not_after(self, self.asked_on, "asked_on")

    def fact(self) -> InstitutionAdviceRequest:
        """The fact, as the timeline's fact test reads it."""
        return InstitutionAdviceRequest(
            on=self.asked_on,
            calendar=self.calendar,
            early_years=self.early_years,
            evidence=self.evidence,
        )


@attrs.frozen(kw_only=True)
class CoronavirusImpactRecorded(Event):
    """A reason relating to coronavirus affected the work on a day (SI 2020/471).

    Attributes:
        impact_on: The day it affected the work.
        evidence: A reference to the evidence.
    """

    kind: ClassVar[str] = "coronavirus_impact_recorded"
    impact_on: dt.date = fields.date("impact_on")
    evidence: str = fields.text()

    def __attrs_post_init__(self) -> None:
        """The day is on or before the day it is recorded."""
        _not_after(self, self.impact_on, "impact_on")

    def fact(self) -> CoronavirusImpact:
        """The fact, as the timeline's fact test reads it."""
        return CoronavirusImpact(on=self.impact_on, evidence=self.evidence)


_FactEvent = (
    AbsenceRecorded
    | PersonalCircumstancesRecorded
    | MissedAppointmentRecorded
    | InstitutionAdviceRequestRecorded
    | CoronavirusImpactRecorded
)

FACT_EVENTS: tuple[type[Event], ...] = (
    AbsenceRecorded,
    PersonalCircumstancesRecorded,
    MissedAppointmentRecorded,
    InstitutionAdviceRequestRecorded,
    CoronavirusImpactRecorded,
)
"""The fact events this module adds."""

_STAGES = OPEN_REQUEST | APPEALABLE_STAGES


def _stage(p: Progress, _event: Event) -> None:
    p.expect(_STAGES, "recording the facts behind an exception ground")


for _kind in (
    AbsenceRecorded,
    PersonalCircumstancesRecorded,
    CoronavirusImpactRecorded,
):
    rule(_kind)(_stage)


@rule(MissedAppointmentRecorded)
def _missed(p: Progress, event: MissedAppointmentRecorded) -> None:
    _stage(p, event)
    if event.made_by not in p.advice_asked:
        msg = (
            f"no {event.made_by.value} advice was asked for, so no appointment of "
            "that body can be missed for it; record AdviceRequested first"
        )
        raise Refusal(msg)


@rule(InstitutionAdviceRequestRecorded)
def _institution(p: Progress, event: InstitutionAdviceRequestRecorded) -> None:
    _stage(p, event)
    if AdviceSource.EDUCATION not in p.advice_asked:
        msg = (
            "no education advice was asked for; record AdviceRequested with "
            "AdviceSource.EDUCATION for the school or setting first"
        )
        raise Refusal(msg)


def recorded_facts(case: Case) -> tuple[Fact, ...]:
    """The facts recorded on *case*, as the timeline's fact tests read them, oldest first.

    Examples:
        >>> from ehcplan.cases import Case
        >>> recorded_facts(Case(reference="EHC-1", received_on=dt.date(2024, 9, 2)))
        ()
    """
    return tuple(e.fact() for e in case.events if isinstance(e, _FactEvent))


@attrs.frozen(kw_only=True)
class GroundCheck:
    """Whether the facts recorded on a case support one ground recorded on it.

    Attributes:
        ground: The ground as the officer recorded it.
        verdicts: The timeline's verdict for each period the ground covers: one
            for most limits, one per request for advice for the advice limit.
        note: Why there is no verdict, when there is none.
    """

    ground: ExceptionGroundRecorded
    verdicts: tuple[Verdict, ...] = ()
    note: str | None = None

    @property
    def supported(self) -> bool | None:
        """True if the facts support the ground for a period it covers; None if unchecked."""
        if not self.verdicts:
            return None
        return any(v.supported for v in self.verdicts)

    def explain(self) -> str:
        """The check in words, for a case note or the clock report's table."""
        g = self.ground
        named = "no ground named" if g.ground is None else g.ground.value
        head = f"{named} against the {g.limit.value} limit, recorded {g.on.isoformat()}"
        if self.note is not None:
            return f"{head}: not checked\n  {self.note}"
        words = "supported" if self.supported else "not supported"
        lines = [f"{head}: the recorded facts: {words}"]
        lines += ["  " + v.explain().replace("\n", "\n  ") for v in self.verdicts]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        g = self.ground
        return {
            "ground": None if g.ground is None else g.ground.value,
            "limit": g.limit.value,
            "recorded_on": g.on.isoformat(),
            "supported": self.supported,
            "note": self.note,
            "verdicts": [
                {
                    "period": [v.period[0].isoformat(), v.period[1].isoformat()],
                    "supported": v.supported,
                    "reasons": list(v.reasons),
                    "cites": list(v.cites),
                }
                for v in self.verdicts
            ],
        }


def ground_checks(case: Case) -> tuple[GroundCheck, ...]:
    """For each exception ground recorded on *case*, whether its recorded facts support it.

    The period is the limit's own (`ehcplan.timeline.facts.period`): from the
    request for the decision, no-plan and final-plan limits; from each request
    for advice, with the body asked, for the advice limit.
    """
    facts = recorded_facts(case)
    checks: list[GroundCheck] = []
    for recorded in case.events_of(ExceptionGroundRecorded):
        ground = recorded.ground
        if ground is None:
            note = "the record does not say which ground, so no facts can be checked"
            checks.append(GroundCheck(ground=recorded, note=note))
            continue
        if recorded.limit in _INITIAL:
            verdict = supports(ground, recorded.limit, facts, trigger=case.received_on)
            checks.append(GroundCheck(ground=recorded, verdicts=(verdict,)))
            continue
        if recorded.limit is Limit.ADVICE:
            asked = case.events_of(AdviceRequested)
            verdicts = tuple(
                supports(
                    ground,
                    Limit.ADVICE,
                    facts,
                    trigger=request.on,
                    asked=request.source.value,
                )
                for request in asked
            )
            unasked = None if asked else "no request for advice is recorded"
            checks.append(GroundCheck(ground=recorded, verdicts=verdicts, note=unasked))
            continue
        note = "the case records no reassessment, so its period is not known"
        checks.append(GroundCheck(ground=recorded, note=note))
    return tuple(checks)
