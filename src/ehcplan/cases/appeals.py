"""Appeals on a case: registered, decided by the Tribunal, or not opposed.

An appeal to the First-tier Tribunal (SEND) is registered against an appealable
decision (`ehcplan.cases.AppealRegistered`, CFA 2014 s51), naming the sections
of a plan appealed. The Tribunal decides it (`ehcplan.cases.TribunalDecision`),
and its orders restart work under SI 2014/1530 reg 44; or the authority tells
the Tribunal it will not oppose it (`AppealNotOpposed`, reg 45 as substituted
by SI 2015/359), which ends the appeal and starts the reg 45 limits.

An unopposed appeal does not move the case's stage by itself, as an order does:
the authority then records what it does (a decision to assess, an amended
plan), and the clock report counts those against the reg 45 limits
(`ehcplan.cases.compliance`). The rules of the log for appeals are here.

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import AppealRegistered, AssessmentDecision, Case
    >>> case = Case(reference="EHC-8", received_on=dt.date(2025, 1, 6)).record(
    ...     AssessmentDecision(on=dt.date(2025, 2, 10), assess=False))
    >>> case = case.record(AppealRegistered(on=dt.date(2025, 4, 7)))
    >>> case = case.record(AppealNotOpposed(on=dt.date(2025, 5, 1),
    ...     appeal=AppealKind.REFUSAL_TO_ASSESS))
    >>> case.record(AssessmentDecision(on=dt.date(2025, 5, 9), assess=True)).stage.value
    'assessing'
"""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from ehcplan.cases import fields
from ehcplan.cases.events import (
    AmendedPlanIssued,
    AppealRegistered,
    AssessmentDecision,
    Event,
    FinalPlanIssued,
    ReviewDecision,
    ReviewOutcome,
    TribunalDecision,
    TribunalOrder,
)
from ehcplan.cases.log import APPEALABLE_STAGES, Progress, Refusal, Stage, rule
from ehcplan.cases.plan import APPEALABLE_SECTIONS, Section

__all__ = ["APPEAL_EVENTS", "AppealKind", "AppealNotOpposed"]

_PROVISION_SECTIONS = frozenset({Section.B, Section.F})


class AppealKind(enum.Enum):
    """What an appeal the authority does not oppose is about (SI 2014/1530 reg 45)."""

    REFUSAL_TO_ASSESS = "a refusal to assess or reassess"
    """Reg 45(3) and (3A): notice in 2 weeks; no-plan notice in 10 or plan in 14."""
    PROVISION = "sections B or F, or a refusal to amend"
    """Reg 45(4): the amended plan within 5 weeks."""
    OTHER = "any other appeal"
    """Reg 45(5) and (6) (the school named, ceasing): their text was not read, so
    ehcplan sets no clock for them (`ehcplan.timeline.audit`)."""


@attrs.frozen(kw_only=True)
class AppealNotOpposed(Event):
    """The authority told the Tribunal it will not oppose the appeal (SI 2014/1530 reg 45).

    `on` is the day it told the Tribunal: the reg 45 limits count from it, and
    the appeal ends (it is treated as decided for the family).

    Attributes:
        appeal: What the appeal is about, which sets the limits that follow.
    """

    kind: ClassVar[str] = "appeal_not_opposed"
    appeal: AppealKind = fields.member(AppealKind)


# --- The rules of the log -----------------------------------------------------------


@attrs.define
class _Appeals:
    appealed: Event | None = None
    """The decision the open appeal is against."""


def _about_plan(event: Event) -> bool:
    """Whether an appeal against *event* is an appeal about a plan's sections."""
    return isinstance(event, FinalPlanIssued | AmendedPlanIssued) or (
        isinstance(event, ReviewDecision) and event.outcome is ReviewOutcome.MAINTAIN
    )


@rule(AppealRegistered)
def _appeal(p: Progress, event: AppealRegistered) -> None:
    p.expect(APPEALABLE_STAGES, "an appeal")
    if p.appeal_open:
        msg = "an appeal is already registered and not yet decided"
        raise Refusal(msg)
    decision = p.decision(event.decision_on, "an appeal")
    if event.sections and not _about_plan(decision):
        msg = (
            f"an appeal against {decision.kind} of {decision.on.isoformat()} is not "
            "about a plan's sections; leave sections empty"
        )
        raise Refusal(msg)
    if not event.sections <= APPEALABLE_SECTIONS:
        other = ", ".join(sorted(s.value for s in event.sections - APPEALABLE_SECTIONS))
        msg = (
            f"section {other} cannot be appealed; the Tribunal hears appeals about "
            "sections B, F and I (CFA 2014 s51(2)(c))"
        )
        raise Refusal(msg)
    p.appeal_open = True
    p.appeal_sections = event.sections
    p.state(_Appeals).appealed = decision


@rule(AppealNotOpposed)
def _not_opposed(p: Progress, event: AppealNotOpposed) -> None:
    if not p.appeal_open:
        msg = "no appeal is registered; record AppealRegistered first"
        raise Refusal(msg)
    appealed = p.state(_Appeals).appealed
    assert appealed is not None  # set with every appeal registered
    where = f"{appealed.kind} of {appealed.on.isoformat()}"
    if event.appeal is AppealKind.REFUSAL_TO_ASSESS and not (
        isinstance(appealed, AssessmentDecision) and not appealed.assess
    ):
        msg = f"the appeal is against {where}, not a refusal to assess"
        raise Refusal(msg)
    if event.appeal is AppealKind.PROVISION:
        provision = p.appeal_sections & _PROVISION_SECTIONS
        if not _about_plan(appealed) or (p.appeal_sections and not provision):
            msg = (
                f"the appeal is against {where}, not about sections B or F or a "
                "refusal to amend"
            )
            raise Refusal(msg)
        p.amendment_due = True
        p.ordered_sections = provision
    p.appeal_open = False
    p.mediation_open = False


_ORDERS_BY_STAGE: dict[Stage, dict[TribunalOrder, Stage]] = {
    Stage.REFUSED: {
        TribunalOrder.DISMISSED: Stage.REFUSED,
        TribunalOrder.ASSESS: Stage.ASSESSING,
    },
    Stage.NOT_ISSUING: {
        TribunalOrder.DISMISSED: Stage.NOT_ISSUING,
        TribunalOrder.ASSESS: Stage.ASSESSING,
        TribunalOrder.MAKE_PLAN: Stage.DRAFTING,
    },
    Stage.PLAN_IN_PLACE: {
        TribunalOrder.DISMISSED: Stage.PLAN_IN_PLACE,
        TribunalOrder.AMEND: Stage.PLAN_IN_PLACE,
        TribunalOrder.CONTINUE: Stage.PLAN_IN_PLACE,
    },
}


@rule(TribunalDecision)
def _tribunal(p: Progress, event: TribunalDecision) -> None:
    if not p.appeal_open:
        msg = "no appeal is registered; record AppealRegistered first"
        raise Refusal(msg)
    orders = _ORDERS_BY_STAGE[p.stage]
    if event.order not in orders:
        possible = ", ".join(repr(o.value) for o in orders)
        msg = (
            f"an order to {event.order.value!r} does not apply to a case that is "
            f"{p.stage.value!r}; possible orders are {possible}"
        )
        raise Refusal(msg)
    if event.sections and event.order is not TribunalOrder.AMEND:
        msg = "only an order to amend names sections; leave sections empty"
        raise Refusal(msg)
    if p.appeal_sections and not event.sections <= p.appeal_sections:
        other = ", ".join(sorted(s.value for s in event.sections - p.appeal_sections))
        msg = (
            f"section {other} was not appealed, so the Tribunal cannot order it amended"
        )
        raise Refusal(msg)
    p.stage, p.appeal_open = orders[event.order], False
    p.mediation_open = False
    if event.order is TribunalOrder.AMEND:
        p.amendment_due = True
        p.ordered_sections = event.sections


APPEAL_EVENTS: tuple[type[Event], ...] = (AppealNotOpposed,)
"""The appeal events this module adds."""
