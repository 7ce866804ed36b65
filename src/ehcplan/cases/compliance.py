"""The deadlines of mediation, Tribunal orders, agreements and unopposed appeals.

The clock report (`ehcplan.cases.clock_report`) asks this module for the
deadlines that follow disagreement resolution (`ehcplan.cases.mediation`,
`ehcplan.cases.appeals`), each from the national timeline's table:

* **mediation**: the adviser's certificate within 3 working days of being told
  the family does not want mediation (reg 34(1)), of being told it cannot take
  place within 30 days (reg 37), or of its conclusion (reg 39(1)); the
  mediation within 30 days of the authority being told the family wants it
  (regs 35(4), 36(2)), or, about health care alone, within 30 days of the
  commissioning bodies being told (reg 35(3)); the commissioning bodies told
  within 3 working days when the issues include health care (reg 35(2));
* **a mediation agreement**: on an appealable matter, the reg 44 limits of the
  order it stands for, counted from the agreement (reg 42(2)); on a matter that
  cannot be appealed, within 2 weeks (reg 42(3)); the authority told within 1
  week when it was not a party (reg 42(4));
* **a Tribunal order** (reg 44(2)): to assess, notice within 2 weeks, then a
  no-plan notice within 10 weeks or the final plan within 14; to make a plan,
  the draft within 5 weeks and the final within 11; to amend sections B or F
  within 5 weeks, section I within 2;
* **an unopposed appeal** (reg 45, as substituted by SI 2015/359): against a
  refusal to assess, notice within 2 weeks, then a no-plan notice within 10
  weeks or the final plan within 14; about sections B or F, or a refusal to
  amend, the amended plan within 5 weeks; from the day the authority told the
  Tribunal.

What meets each: the certificate (`MediationCertificateIssued`), the mediation
(`MediationHeld`, or the adviser told it cannot take place in time), the
bodies told; for the orders, the authority's own records after the trigger: a
decision to assess or the notice that it will (`DocumentKind.NOTICE_TO_ASSESS`),
a decision not to issue, the draft, the final plan, the amended plan amending
the sections ordered. An order to amend that names no section is taken to be
about the provision (reg 44(2)(e)).

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import AssessmentDecision, Case, MediationRequested
    >>> from ehcplan.cases.mediation import MediationDeclined
    >>> case = Case(reference="EHC-8", received_on=dt.date(2025, 1, 6)).record(
    ...     AssessmentDecision(on=dt.date(2025, 2, 10), assess=False))
    >>> case = case.record(MediationRequested(on=dt.date(2025, 4, 14)))
    >>> case = case.record(MediationDeclined(on=dt.date(2025, 4, 17)))
    >>> [(d.clock.name, d.trigger.isoformat(), d.due) for d in duties(case)]
    [('mediation certificate', '2025-04-17', None)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import attrs

from ehcplan.cases import events as c
from ehcplan.cases.appeals import AppealKind, AppealNotOpposed
from ehcplan.cases.case import Case
from ehcplan.cases.duties import Duty
from ehcplan.cases.mediation import (
    MediationAgreed,
    MediationAgreementCarriedOut,
    MediationAgreementNotified,
    MediationDeclined,
    MediationHealthBodiesTold,
    MediationHeld,
    MediationIssue,
    MediationNotPossible,
    MediationPursued,
)
from ehcplan.cases.meetings import DocumentKind, DocumentSent
from ehcplan.cases.plan import Section
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock

__all__ = ["TRIGGERS", "duties", "replaces_initial_limits"]

TRIGGERS: frozenset[type[c.Event]] = frozenset(
    {
        MediationDeclined,
        MediationPursued,
        MediationNotPossible,
        MediationHeld,
        MediationAgreed,
        AppealNotOpposed,
        c.TribunalDecision,
    }
)
"""The kinds of event that start a deadline of this module: a case with none has none."""

_Test = Callable[[c.Event], bool]
_SCHOOL = frozenset({Section.I})


def _first(events: Sequence[c.Event], after: dt.date, test: _Test) -> c.Event | None:
    return next((e for e in events if e.on >= after and test(e)), None)


def _on(event: c.Event | None) -> dt.date | None:
    return None if event is None else event.on


def _certificate(e: c.Event) -> bool:
    return isinstance(e, c.MediationCertificateIssued)


def _notice_to_assess(e: c.Event) -> bool:
    return (isinstance(e, c.AssessmentDecision) and e.assess) or (
        isinstance(e, DocumentSent) and e.document is DocumentKind.NOTICE_TO_ASSESS
    )


def _no_plan(e: c.Event) -> bool:
    return isinstance(e, c.IssueDecision) and not e.issue


def _final(e: c.Event) -> bool:
    return isinstance(e, c.FinalPlanIssued)


def _draft(e: c.Event) -> bool:
    return isinstance(e, c.DraftServed)


def _amended(sections: frozenset[Section]) -> _Test:
    """An amended plan amending *sections* (any amended plan when none are named)."""

    def test(e: c.Event) -> bool:
        return isinstance(e, c.AmendedPlanIssued) and (
            not sections or not e.sections or bool(e.sections & sections)
        )

    return test


def _as_agreement(clock: Clock) -> Clock:
    """A reg 44 clock started by a mediation agreement (reg 42(2))."""
    return attrs.evolve(
        clock,
        trigger="the mediation agreement",
        cites=f"SI 2014/1530 reg 42(2), applying {clock.cites.removeprefix('SI 2014/1530 ')}",
    )


def _mediation(events: Sequence[c.Event]) -> list[Duty]:
    found: list[Duty] = []
    for index, event in enumerate(events):
        later = events[index:]
        if isinstance(event, MediationDeclined | MediationNotPossible | MediationHeld):
            if isinstance(event, MediationHeld) and not event.concluded:
                continue
            clock = {
                MediationDeclined: table.MEDIATION_CERTIFICATE,
                MediationNotPossible: table.MEDIATION_DEEMED_CERTIFICATE,
                MediationHeld: table.MEDIATION_CONCLUDED_CERTIFICATE,
            }[type(event)]
            done = _on(_first(later, event.on, _certificate))
            found.append(Duty(clock=clock, trigger=event.on, done_on=done))
        if isinstance(event, MediationPursued):
            found += _pursued(event, later)
    return found


def _pursued(event: MediationPursued, later: Sequence[c.Event]) -> list[Duty]:
    found: list[Duty] = []

    def held_or_stopped(e: c.Event) -> bool:
        return isinstance(e, MediationHeld | MediationNotPossible)

    def told(e: c.Event) -> bool:
        return isinstance(e, MediationHealthBodiesTold)

    bodies = _first(later, event.on, told)
    if MediationIssue.HEALTH_CARE in event.issues:
        found.append(
            Duty(
                clock=table.MEDIATION_HEALTH_NOTICE,
                trigger=event.on,
                done_on=_on(bodies),
            )
        )
    taken_place = _on(_first(later, event.on, held_or_stopped))
    if event.issues - {MediationIssue.HEALTH_CARE}:
        found.append(
            Duty(clock=table.MEDIATION_ARRANGED, trigger=event.on, done_on=taken_place)
        )
    elif isinstance(bodies, MediationHealthBodiesTold):
        found.append(
            Duty(
                clock=table.MEDIATION_HEALTH_ARRANGED,
                trigger=bodies.on,
                done_on=taken_place,
                owner=", ".join(bodies.bodies),
            )
        )
    return found


def _order_clocks(
    order: c.TribunalOrder,
    sections: frozenset[Section],
    trigger: dt.date,
    later: Sequence[c.Event],
    *,
    agreement: bool,
) -> list[Duty]:
    """The reg 44 deadlines of an order (or of an agreement that stands for one)."""

    def duty(clock: Clock, test: _Test) -> Duty:
        made = _as_agreement(clock) if agreement else clock
        return Duty(
            clock=made, trigger=trigger, done_on=_on(_first(later, trigger, test))
        )

    if order is c.TribunalOrder.ASSESS:
        refused = _first(later, trigger, _no_plan) is not None
        return [
            duty(table.ORDER_ASSESS_NOTICE, _notice_to_assess),
            duty(table.ORDER_ASSESS_NO_PLAN, _no_plan)
            if refused
            else duty(table.ORDER_ASSESS_FINAL_PLAN, _final),
        ]
    if order is c.TribunalOrder.MAKE_PLAN:
        return [
            duty(table.ORDER_MAKE_PLAN_DRAFT, _draft),
            duty(table.ORDER_MAKE_PLAN_FINAL, _final),
        ]
    if order is not c.TribunalOrder.AMEND:
        return []
    found = []
    provision = sections - _SCHOOL
    if provision or not sections:
        found.append(duty(table.ORDER_AMEND_PLAN, _amended(provision or sections)))
    if sections & _SCHOOL:
        found.append(duty(table.ORDER_AMEND_SCHOOL, _amended(_SCHOOL)))
    return found


def _agreements(events: Sequence[c.Event]) -> list[Duty]:
    found: list[Duty] = []
    for index, event in enumerate(events):
        if not isinstance(event, MediationAgreed):
            continue
        later = events[index:]
        if event.order is not None:
            found += _order_clocks(
                event.order, event.sections, event.on, later, agreement=True
            )

        def about(kind: type[c.Event], agreed: MediationAgreed = event) -> _Test:
            return lambda e: isinstance(e, kind) and e.agreement_on == agreed.on  # type: ignore[attr-defined]

        if not event.appealable:
            done = _on(_first(later, event.on, about(MediationAgreementCarriedOut)))
            found.append(
                Duty(
                    clock=table.MEDIATION_NON_APPEALABLE_AGREEMENT,
                    trigger=event.on,
                    done_on=done,
                )
            )
        if not event.authority_party:
            done = _on(_first(later, event.on, about(MediationAgreementNotified)))
            found.append(
                Duty(
                    clock=table.MEDIATION_AGREEMENT_NOTICE,
                    trigger=event.on,
                    done_on=done,
                )
            )
    return found


def _unopposed(events: Sequence[c.Event]) -> list[Duty]:
    found: list[Duty] = []
    for index, event in enumerate(events):
        if isinstance(event, AppealNotOpposed):
            found += _unopposed_clocks(event, events[:index], events[index:])
    return found


def _unopposed_clocks(
    event: AppealNotOpposed, before: Sequence[c.Event], later: Sequence[c.Event]
) -> list[Duty]:
    def duty(clock: Clock, test: _Test) -> Duty:
        done = _on(_first(later, event.on, test))
        return Duty(clock=clock, trigger=event.on, done_on=done)

    if event.appeal is AppealKind.REFUSAL_TO_ASSESS:
        refused = _first(later, event.on, _no_plan) is not None
        return [
            duty(table.UNOPPOSED_ASSESS_NOTICE, _notice_to_assess),
            duty(table.UNOPPOSED_ASSESS_NO_PLAN, _no_plan)
            if refused
            else duty(table.UNOPPOSED_ASSESS_FINAL_PLAN, _final),
        ]
    if event.appeal is AppealKind.PROVISION:
        sections = _appealed_sections(before) & {Section.B, Section.F}
        return [duty(table.UNOPPOSED_AMEND_PLAN, _amended(sections))]
    return []


def _appealed_sections(events: Sequence[c.Event]) -> frozenset[Section]:
    appeals = [e for e in events if isinstance(e, c.AppealRegistered)]
    return appeals[-1].sections if appeals else frozenset()


def duties(case: Case) -> list[Duty]:
    """Every deadline of mediation, orders, agreements and unopposed appeals on *case*."""
    events = case.events
    found = _mediation(events) + _agreements(events) + _unopposed(events)
    for index, event in enumerate(events):
        if isinstance(event, c.TribunalDecision):
            found += _order_clocks(
                event.order, event.sections, event.on, events[index:], agreement=False
            )
    return found


def replaces_initial_limits(case: Case) -> bool:
    """Whether an order, agreement or unopposed appeal has replaced the 16 and 20 weeks.

    After an order to assess or to make a plan (reg 44(2)(b)-(c)), an agreement at
    mediation standing for one (reg 42(2)), or an unopposed appeal against a
    refusal to assess (reg 45(3)), the plan or the no-plan notice is due by those
    limits, not by the 16 or 20 weeks from the request.
    """
    events = case.events
    restarting = {c.TribunalOrder.ASSESS, c.TribunalOrder.MAKE_PLAN}
    return any(
        (isinstance(e, c.TribunalDecision | MediationAgreed) and e.order in restarting)
        or (
            isinstance(e, AppealNotOpposed) and e.appeal is AppealKind.REFUSAL_TO_ASSESS
        )
        for e in events
    )
