"""The facts behind each exception ground, and whether recorded facts support one.

Each exception ground of SI 2014/1530 has factual conditions that can be checked
from dated records, as the closure ground's are checked from a school's
calendar (`ehcplan.timeline.SchoolCalendar`):

* a school or early years closure (regs 5(4)(a)-(b), 10(4)(a)-(b), 27(3)(a)-(b)):
  the authority asked the institution for advice from one week before a closure
  of at least 4 continuous weeks until one week before it reopened
  (`InstitutionAdviceRequest`);
* exceptional personal circumstances affecting the child, the parent or the
  young person during the period (regs 5(4)(c), 8(2)(a), 10(4)(c), 27(3)(c)):
  `PersonalCircumstances` whose dates fall in the period;
* absence from the authority's area for a continuous period of at least 4 weeks
  during the period (regs 5(4)(d), 8(2)(b), 10(4)(d), 27(3)(d)): an `Absence`
  of at least 28 days inside it;
* a missed appointment for an examination or test made by the body asked for
  advice, during its 6 weeks (reg 8(2)(c) only): a `MissedAppointment`;
* the 2020 coronavirus exception (SI 2014/1530 reg 2A, inserted by SI 2020/471):
  a `CoronavirusImpact` recorded between 1 May and 25 September 2020, in the
  period.

The period is the limit's own: the days after its trigger up to the last day of
its clock (`period`). For "within 6 weeks of receiving the request" it is the 42
days after the day of receipt; the day of receipt itself is not counted, as the
clock does not count it (the strict reading). An advice request to a school
counts from the day of the trigger, since the closure test is about when the
request was made, not about the period.

`supports` says whether the facts *support* a ground for a limit, with reasons
and citations. It never applies a ground: the law disapplies a limit only where
meeting it was impractical *because of* the ground, and whether circumstances
were "exceptional" is a judgment too; both are for an officer, who records the
ground with its evidence (`ehcplan.cases.ExceptionGroundRecorded`). A verdict
that the facts support a ground is evidence for that decision, not the decision.
The module runs past 600 lines because it is one concept, a fact test per
ground, and each ground's facts and test are kept beside each other.

    >>> absence = Absence(
    ...     person=Person.CHILD,
    ...     first_day=dt.date(2024, 9, 9),
    ...     last_day=dt.date(2024, 10, 11),
    ...     evidence="case note CN-17",
    ... )
    >>> verdict = supports(
    ...     ExceptionGround.ABSENT_FROM_AREA,
    ...     Limit.DECISION_TO_ASSESS,
    ...     [absence],
    ...     trigger=dt.date(2024, 9, 2),
    ... )
    >>> verdict.supported, verdict.cites
    (True, ('SI 2014/1530 reg 5(4)(d)',))
    >>> print(verdict.reasons[0])
    the child was away from the area 2024-09-09 to 2024-10-11: 33 continuous days in
    the period, at least the 28 the law asks (case note CN-17)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ehcplan.dates import add_days, to_date
from ehcplan.errors import InvalidInput
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock
from ehcplan.timeline.closures import SchoolCalendar
from ehcplan.timeline.grounds import (
    CORONAVIRUS_PERIOD,
    ExceptionGround,
    Limit,
    can_disapply,
)

__all__ = [
    "CLOCK_FOR_LIMIT",
    "FACT_TESTS",
    "GROUND_CITES",
    "MINIMUM_ABSENCE_DAYS",
    "STILL_FOR_AN_OFFICER",
    "Absence",
    "CoronavirusImpact",
    "Fact",
    "InstitutionAdviceRequest",
    "MissedAppointment",
    "Person",
    "PersonalCircumstances",
    "Verdict",
    "period",
    "supports",
]

MINIMUM_ABSENCE_DAYS = 28
"""Absent "for a continuous period of not less than 4 weeks"."""

STILL_FOR_AN_OFFICER = (
    "the facts alone never disapply a limit: an officer decides whether meeting it "
    "was impractical because of the ground, and records the ground with its evidence"
)
"""What every verdict leaves to a person, whatever the facts say."""

G = ExceptionGround

CLOCK_FOR_LIMIT: Mapping[Limit, Clock] = MappingProxyType(
    {clock.limit: clock for clock in table.ALL if clock.limit is not None}
)
"""The clock of each limit that exception grounds can disapply."""

_LETTER = {
    G.SCHOOL_CLOSURE: "a",
    G.EARLY_YEARS_CLOSURE: "b",
    G.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES: "c",
    G.ABSENT_FROM_AREA: "d",
}
_ADVICE_LETTER = {
    G.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES: "a",
    G.ABSENT_FROM_AREA: "b",
    G.MISSED_APPOINTMENT: "c",
}
_CORONAVIRUS = "SI 2014/1530 reg 2A (inserted by SI 2020/471)"


def _cite(ground: ExceptionGround, limit: Limit) -> str:
    if ground is G.CORONAVIRUS_2020:
        return _CORONAVIRUS
    if limit is Limit.ADVICE:
        return f"SI 2014/1530 reg 8(2)({_ADVICE_LETTER[ground]})"
    letter = _LETTER[ground]
    return {
        Limit.DECISION_TO_ASSESS: f"SI 2014/1530 reg 5(4)({letter})",
        Limit.NO_PLAN_NOTICE: f"SI 2014/1530 reg 10(4)({letter})",
        Limit.FINAL_PLAN: f"SI 2014/1530 reg 13(3), applying reg 10(4)({letter})",
        Limit.REASSESSMENT: f"SI 2014/1530 reg 27(3)({letter})",
    }[limit]


GROUND_CITES: Mapping[tuple[ExceptionGround, Limit], str] = MappingProxyType(
    {
        (ground, limit): _cite(ground, limit)
        for limit in Limit
        for ground in ExceptionGround
        if can_disapply(ground, limit)
    }
)
"""The paragraph that lets each ground disapply each limit it can."""


class Person(enum.Enum):
    """Whom a ground's circumstances concern: the law names only these three."""

    CHILD = "child"
    PARENT = "parent"
    """A parent of the child."""
    YOUNG_PERSON = "young person"
    """A young person (over compulsory school age) who is the subject of the plan."""


def _text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = (
            f"{attribute.name} must be non-empty text, got {value!r}; give a reference "
            "to the evidence (a document or case-note identifier, not personal "
            "details)"
        )
        raise InvalidInput(msg, field=attribute.name)


def _first_day(value: dt.date) -> dt.date:
    return to_date(value, field="first_day")


def _last_day(value: dt.date) -> dt.date:
    return to_date(value, field="last_day")


def _on(value: dt.date) -> dt.date:
    return to_date(value, field="on")


def _in_order(instance: Any, _attribute: attrs.Attribute[Any], last: dt.date) -> None:
    if last < instance.first_day:
        msg = (
            f"last_day ({last.isoformat()}) is before first_day "
            f"({instance.first_day.isoformat()}); check the two dates are not swapped"
        )
        raise InvalidInput(msg, field="last_day")


_person = attrs.validators.instance_of(Person)


@attrs.frozen(kw_only=True)
class Absence:
    """The child, a parent or the young person was away from the authority's area.

    Attributes:
        person: Who was away.
        first_day: The first whole day away.
        last_day: The last whole day away (both ends count).
        evidence: A reference to the evidence.

    Examples:
        >>> Absence(
        ...     person=Person.PARENT,
        ...     first_day=dt.date(2025, 8, 1),
        ...     last_day=dt.date(2025, 7, 1),
        ...     evidence="note 4",
        ... )
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: last_day (2025-07-01) is before first_day (2025-08-01); ...
    """

    person: Person = attrs.field(validator=_person)
    first_day: dt.date = attrs.field(converter=_first_day)
    last_day: dt.date = attrs.field(converter=_last_day, validator=_in_order)
    evidence: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class PersonalCircumstances:
    """Circumstances affecting the child, a parent or the young person, with their dates.

    Whether they were *exceptional* is a judgment the record cannot make: the
    fact test checks who they affected and when.

    Attributes:
        person: Whom they affected.
        first_day: The first day they applied.
        last_day: The last day they applied (the same day for a single event).
        evidence: A reference to the evidence.
    """

    person: Person = attrs.field(validator=_person)
    first_day: dt.date = attrs.field(converter=_first_day)
    last_day: dt.date = attrs.field(converter=_last_day, validator=_in_order)
    evidence: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class MissedAppointment:
    """The child or young person did not keep an appointment for an examination or test.

    Attributes:
        on: The day of the appointment.
        made_by: The body that made it, as the case names bodies asked for advice
            (``"educational psychology"``).
        evidence: A reference to the evidence.
    """

    on: dt.date = attrs.field(converter=_on)
    made_by: str = attrs.field(validator=_text)
    evidence: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class InstitutionAdviceRequest:
    """The authority asked a school, college or early years provider for advice.

    Attributes:
        on: The day advice was asked for.
        calendar: The institution's closures.
        early_years: True for a provider of relevant early years education (the
            early years closure ground), False for a school or post-16
            institution (the school closure ground).
        evidence: A reference to the request.
    """

    on: dt.date = attrs.field(converter=_on)
    calendar: SchoolCalendar = attrs.field(
        validator=attrs.validators.instance_of(SchoolCalendar)
    )
    early_years: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool)
    )
    evidence: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class CoronavirusImpact:
    """A reason relating to the incidence or transmission of coronavirus, on a day.

    Attributes:
        on: The day it affected the work.
        evidence: A reference to the evidence.
    """

    on: dt.date = attrs.field(converter=_on)
    evidence: str = attrs.field(validator=_text)


Fact = (
    Absence
    | PersonalCircumstances
    | MissedAppointment
    | InstitutionAdviceRequest
    | CoronavirusImpact
)
"""A recorded fact that can support an exception ground."""

_FACTS = (
    Absence,
    PersonalCircumstances,
    MissedAppointment,
    InstitutionAdviceRequest,
    CoronavirusImpact,
)


FACT_TESTS: Mapping[ExceptionGround, tuple[type, str]] = MappingProxyType(
    {
        G.SCHOOL_CLOSURE: (
            InstitutionAdviceRequest,
            "advice asked of a school or post-16 institution from one week before a "
            "closure of at least 4 continuous weeks until one week before it reopened",
        ),
        G.EARLY_YEARS_CLOSURE: (
            InstitutionAdviceRequest,
            "the same, for a provider of relevant early years education",
        ),
        G.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES: (
            PersonalCircumstances,
            "circumstances affecting the child, a parent or the young person on a "
            "day in the period; whether they were exceptional is for an officer",
        ),
        G.ABSENT_FROM_AREA: (
            Absence,
            "the child, a parent or the young person away from the area for at least "
            "28 continuous days inside the period",
        ),
        G.MISSED_APPOINTMENT: (
            MissedAppointment,
            "an appointment for an examination or test, made by the body asked for "
            "advice, not kept in its 6 weeks",
        ),
        G.CORONAVIRUS_2020: (
            CoronavirusImpact,
            "a reason relating to coronavirus recorded on a day in the period between "
            "1 May and 25 September 2020",
        ),
    }
)
"""For each ground, the kind of fact its test reads and the test in words."""


@attrs.frozen(kw_only=True)
class Verdict:
    """Whether recorded facts support an exception ground for a limit, and why.

    Attributes:
        ground: The ground asked about.
        limit: The limit it would disapply.
        supported: True if the facts meet the ground's factual conditions.
        period: The limit's period, first and last days inclusive.
        reasons: One line per fact considered (or the reason none could be), each
            naming its evidence.
        cites: The provisions the test applies.
        facts: The facts that support the ground (empty when it is not supported).
    """

    ground: ExceptionGround
    limit: Limit
    supported: bool
    period: tuple[dt.date, dt.date]
    reasons: tuple[str, ...]
    cites: tuple[str, ...]
    facts: tuple[Fact, ...]

    def explain(self) -> str:
        """The verdict in words, for a case note or a clock report.

        Examples:
            >>> print(supports(
            ...     ExceptionGround.MISSED_APPOINTMENT,
            ...     Limit.FINAL_PLAN,
            ...     [],
            ...     trigger=dt.date(2024, 9, 2),
            ... ).explain())
            missed appointment for the final plan limit (2024-09-03 to 2025-01-20):
            not supported
              the law does not allow this ground for this limit (see
              ehcplan.timeline.GROUNDS_BY_LIMIT)
              the facts alone never disapply a limit: an officer decides whether ...
        """
        first, last = self.period
        verdict = "supported" if self.supported else "not supported"
        head = (
            f"{self.ground.value} for the {self.limit.value} limit "
            f"({first.isoformat()} to {last.isoformat()}): {verdict}"
        )
        cites = f" ({'; '.join(self.cites)})" if self.cites else ""
        lines = [head + cites, *self.reasons, STILL_FOR_AN_OFFICER]
        return "\n  ".join(lines)


def period(limit: Limit, trigger: dt.date) -> tuple[dt.date, dt.date]:
    """The days a limit runs over: from the day after its trigger to its last day.

    Args:
        limit: The limit.
        trigger: What starts its clock: the day the request was received (or the
            body asked received its request, for advice; or the notice or
            decision to reassess).

    Examples:
        >>> period(Limit.DECISION_TO_ASSESS, dt.date(2024, 9, 2))
        (datetime.date(2024, 9, 3), datetime.date(2024, 10, 14))
    """
    day = to_date(trigger, field="trigger")
    return add_days(day, 1), CLOCK_FOR_LIMIT[limit].last_day(day)


def _overlap(
    first: dt.date, last: dt.date, window: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date] | None:
    start, end = max(first, window[0]), min(last, window[1])
    return (start, end) if start <= end else None


def _span(first: dt.date, last: dt.date) -> str:
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


def _closure(
    ground: ExceptionGround,
    facts: tuple[Fact, ...],
    trigger: dt.date,
    window: tuple[dt.date, dt.date],
) -> tuple[list[str], list[Fact]]:
    early_years = ground is G.EARLY_YEARS_CLOSURE
    reasons: list[str] = []
    found: list[Fact] = []
    requests = [f for f in facts if isinstance(f, InstitutionAdviceRequest)]
    for request in requests:
        who = request.calendar.institution
        if request.early_years is not early_years:
            kind = "an early years provider" if request.early_years else "a school"
            reasons.append(
                f"advice asked of {who} on {request.on.isoformat()}: {kind}, so not "
                f"the {ground.value} ground ({request.evidence})"
            )
            continue
        if not trigger <= request.on <= window[1]:
            reasons.append(
                f"advice asked of {who} on {request.on.isoformat()}: outside "
                f"{_span(trigger, window[1])}, so not for this limit "
                f"({request.evidence})"
            )
            continue
        closure = request.calendar.closure_ground_available(request.on)
        if closure is None:
            reasons.append(
                f"advice asked of {who} on {request.on.isoformat()}: not in the "
                "window of any closure of at least 4 weeks "
                f"({request.evidence})"
            )
            continue
        first, last = closure.protected_window
        reasons.append(
            f"advice asked of {who} on {request.on.isoformat()}, in the window "
            f"{_span(first, last)} of {closure.describe()}, closed "
            f"{closure.days_closed} days ({request.evidence})"
        )
        found.append(request)
    if not requests:
        reasons.append("no advice request to a school or setting is recorded")
    return reasons, found


def _circumstances(
    facts: tuple[Fact, ...], window: tuple[dt.date, dt.date]
) -> tuple[list[str], list[Fact]]:
    reasons: list[str] = []
    found: list[Fact] = []
    recorded = [f for f in facts if isinstance(f, PersonalCircumstances)]
    for fact in recorded:
        span = _span(fact.first_day, fact.last_day)
        inside = _overlap(fact.first_day, fact.last_day, window)
        if inside is None:
            reasons.append(
                f"circumstances affecting the {fact.person.value} {span}: outside "
                f"the period ({fact.evidence})"
            )
            continue
        reasons.append(
            f"circumstances affecting the {fact.person.value} {span}: in the period "
            f"({fact.evidence}); whether they were exceptional is for an officer"
        )
        found.append(fact)
    if not recorded:
        reasons.append("no personal circumstances are recorded")
    return reasons, found


def _absence(
    facts: tuple[Fact, ...], window: tuple[dt.date, dt.date]
) -> tuple[list[str], list[Fact]]:
    reasons: list[str] = []
    found: list[Fact] = []
    absences = sorted(
        (f for f in facts if isinstance(f, Absence)),
        key=lambda a: (a.person.value, a.first_day),
    )
    # Records of one person's absence that touch or overlap are one continuous stay.
    runs: list[list[Absence]] = []
    for absence in absences:
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and previous.person is absence.person
            and absence.first_day <= add_days(max(a.last_day for a in runs[-1]), 1)
        ):
            runs[-1].append(absence)
        else:
            runs.append([absence])
    for run in runs:
        first = run[0].first_day
        last = max(a.last_day for a in run)
        evidence = ", ".join(a.evidence for a in run)
        person = run[0].person.value
        inside = _overlap(first, last, window)
        days = (inside[1] - inside[0]).days + 1 if inside else 0
        if days >= MINIMUM_ABSENCE_DAYS:
            reasons.append(
                f"the {person} was away from the area {_span(first, last)}: {days} "
                f"continuous days in the period, at least the {MINIMUM_ABSENCE_DAYS} "
                f"the law asks ({evidence})"
            )
            found.extend(run)
        else:
            reasons.append(
                f"the {person} was away from the area {_span(first, last)}: {days} "
                f"continuous days in the period, fewer than {MINIMUM_ABSENCE_DAYS} "
                f"({evidence})"
            )
    if not runs:
        reasons.append("no absence from the area is recorded")
    return reasons, found


def _appointment(
    facts: tuple[Fact, ...], window: tuple[dt.date, dt.date], asked: str | None
) -> tuple[list[str], list[Fact]]:
    if asked is None:
        return [
            "say which body's advice limit this is (asked=...): only an appointment "
            "made by that body counts"
        ], []
    reasons: list[str] = []
    found: list[Fact] = []
    missed = [f for f in facts if isinstance(f, MissedAppointment)]
    for fact in missed:
        if fact.made_by != asked:
            reasons.append(
                f"appointment on {fact.on.isoformat()} made by {fact.made_by}, not by "
                f"{asked} ({fact.evidence})"
            )
        elif not window[0] <= fact.on <= window[1]:
            reasons.append(
                f"appointment with {asked} on {fact.on.isoformat()}: outside its 6 "
                f"weeks ({fact.evidence})"
            )
        else:
            reasons.append(
                f"appointment with {asked} on {fact.on.isoformat()} not kept, in its "
                f"6 weeks ({fact.evidence})"
            )
            found.append(fact)
    if not missed:
        reasons.append("no missed appointment is recorded")
    return reasons, found


def _coronavirus(
    facts: tuple[Fact, ...], window: tuple[dt.date, dt.date]
) -> tuple[list[str], list[Fact]]:
    first, last = CORONAVIRUS_PERIOD
    covered = _overlap(first, last, window)
    if covered is None:
        return [
            f"the period does not reach {_span(first, last)}, when the coronavirus "
            "exception applied"
        ], []
    reasons: list[str] = []
    found: list[Fact] = []
    recorded = [f for f in facts if isinstance(f, CoronavirusImpact)]
    for fact in recorded:
        if covered[0] <= fact.on <= covered[1]:
            reasons.append(
                f"a coronavirus reason on {fact.on.isoformat()}, in the period and "
                f"in {_span(first, last)} ({fact.evidence})"
            )
            found.append(fact)
        else:
            reasons.append(
                f"a coronavirus reason on {fact.on.isoformat()}: outside "
                f"{_span(*covered)} ({fact.evidence})"
            )
    if not recorded:
        reasons.append("no coronavirus reason is recorded")
    return reasons, found


def supports(
    ground: ExceptionGround,
    limit: Limit,
    facts: Iterable[Fact],
    *,
    trigger: dt.date,
    asked: str | None = None,
) -> Verdict:
    """Whether the recorded *facts* support *ground* for *limit*, with reasons and citations.

    Args:
        ground: The exception ground.
        limit: The limit it would disapply.
        facts: The facts recorded on the case, in any order; facts of kinds the
            ground does not use are ignored.
        trigger: What starts the limit's clock (see `period`).
        asked: For the advice limit, the body asked for advice, as
            `MissedAppointment.made_by` names it.

    Examples:
        WE-07: a school closed from 23 July to 2 September 2025, asked for advice
        on 18 July, for a request received on 2 June 2025:

        >>> from ehcplan.timeline import Closure, SchoolCalendar
        >>> school = SchoolCalendar(institution="URN 100001", closures=(Closure(
        ...     first_closed_day=dt.date(2025, 7, 23), reopens_on=dt.date(2025, 9, 3)),))
        >>> request = InstitutionAdviceRequest(
        ...     on=dt.date(2025, 7, 18), calendar=school, evidence="letter AR-3")
        >>> verdict = supports(
        ...     ExceptionGround.SCHOOL_CLOSURE, Limit.FINAL_PLAN, [request],
        ...     trigger=dt.date(2025, 6, 2))
        >>> verdict.supported, verdict.cites
        (True, ('SI 2014/1530 reg 13(3), applying reg 10(4)(a)',))

    Raises:
        InvalidInput: If a fact is not one of the kinds in `Fact`, or the trigger
            is not a date.
    """
    recorded = tuple(facts)
    for index, fact in enumerate(recorded):
        if not isinstance(fact, _FACTS):
            msg = (
                f"facts[{index}] must be one of "
                f"{', '.join(kind.__name__ for kind in _FACTS)}; got "
                f"{type(fact).__name__}"
            )
            raise InvalidInput(msg, field="facts")
    day = to_date(trigger, field="trigger")
    window = period(limit, day)
    if not can_disapply(ground, limit):
        return Verdict(
            ground=ground,
            limit=limit,
            supported=False,
            period=window,
            reasons=(
                "the law does not allow this ground for this limit (see "
                "ehcplan.timeline.GROUNDS_BY_LIMIT)",
            ),
            cites=(),
            facts=(),
        )
    if ground in (G.SCHOOL_CLOSURE, G.EARLY_YEARS_CLOSURE):
        reasons, found = _closure(ground, recorded, day, window)
    elif ground is G.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES:
        reasons, found = _circumstances(recorded, window)
    elif ground is G.ABSENT_FROM_AREA:
        reasons, found = _absence(recorded, window)
    elif ground is G.MISSED_APPOINTMENT:
        reasons, found = _appointment(recorded, window, asked)
    else:
        reasons, found = _coronavirus(recorded, window)
    return Verdict(
        ground=ground,
        limit=limit,
        supported=bool(found),
        period=window,
        reasons=tuple(reasons),
        cites=(GROUND_CITES[ground, limit],),
        facts=tuple(found),
    )
