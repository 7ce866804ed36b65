"""The rules of a case's log: which event may follow which, and the stage they lead to.

A log is checked by replaying it from the request: each event must be dated on
or after the request and the event before it, and must make sense in the stage
the case has reached (a draft only after a decision to issue, a Tribunal
decision only on a registered appeal, nothing after the case is closed). The
stage is derived here, never stored.

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases.events import AssessmentDecision
    >>> replay("EHC-1", dt.date(2024, 9, 2), [
    ...     AssessmentDecision(on=dt.date(2024, 10, 7), assess=False)])
    <Stage.REFUSED: 'refused to assess'>
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from ehcplan import dates
from ehcplan.cases.events import (
    AdviceReceived,
    AdviceRequested,
    AdviceSource,
    AmendedPlanIssued,
    AppealRegistered,
    AssessmentDecision,
    DraftServed,
    Event,
    ExceptionGroundRecorded,
    FinalPlanIssued,
    IssueDecision,
    MediationCertificateIssued,
    MediationRequested,
    PanelDeferred,
    PlanCeased,
    RepresentationsReceived,
    RequestWithdrawn,
    ReviewDecision,
    ReviewMeetingHeld,
    ReviewOutcome,
    SchoolConsulted,
    SchoolResponded,
    SupportPlanIssued,
    TribunalDecision,
    TribunalOrder,
)
from ehcplan.errors import EventRejected
from ehcplan.timeline.grounds import CORONAVIRUS_PERIOD, ExceptionGround, Limit

__all__ = ["OPEN_REQUEST", "Stage", "knows", "replay"]


class Stage(enum.Enum):
    """Where a case stands, derived from its log."""

    AWAITING_DECISION = "awaiting decision to assess"
    """The request has been received; the decision whether to assess is not yet made."""

    REFUSED = "refused to assess"
    """The authority decided not to assess (open to mediation and appeal)."""

    ASSESSING = "assessing"
    """The authority decided to assess and is gathering advice."""

    NOT_ISSUING = "not issuing a plan"
    """After assessing, the authority decided not to issue a plan (reg 10)."""

    DRAFTING = "drafting"
    """The authority decided to issue a plan and is drafting it."""

    DRAFT_ISSUED = "draft issued"
    """The draft plan has been served: representations and school consultation."""

    PLAN_IN_PLACE = "plan in place"
    """The final plan has been issued and is maintained and reviewed."""

    CEASED = "ceased"
    """The plan has ceased. Nothing more can be recorded."""

    WITHDRAWN = "withdrawn"
    """The request was withdrawn before a plan was issued. Nothing more can be recorded."""


OPEN_REQUEST = frozenset(
    {Stage.AWAITING_DECISION, Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_ISSUED}
)
_APPEALABLE = frozenset({Stage.REFUSED, Stage.NOT_ISSUING, Stage.PLAN_IN_PLACE})
_CLOSED = frozenset({Stage.CEASED, Stage.WITHDRAWN})


class _Refusal(Exception):  # noqa: N818 - internal signal, never escapes this module
    """Why an event cannot be recorded; turned into EventRejected by the caller."""


@attrs.define
class _Progress:
    """The state of a replay of the log; private to this module."""

    received_on: dt.date
    stage: Stage = Stage.AWAITING_DECISION
    advice_asked: set[AdviceSource] = attrs.Factory(set)
    consulted: set[str] = attrs.Factory(set)
    mediation_open: bool = False
    appeal_open: bool = False
    amendment_due: bool = False

    def expect(self, allowed: frozenset[Stage], what: str) -> None:
        if self.stage not in allowed:
            stages = ", ".join(sorted(repr(s.value) for s in allowed))
            msg = (
                f"{what} is possible only when the case is {stages}, "
                f"and it is {self.stage.value!r}"
            )
            raise _Refusal(msg)


_Handler = Callable[[_Progress, Any], None]
_E = TypeVar("_E", bound=Event)
_HANDLERS: dict[type[Event], _Handler] = {}


def _handles(event_type: type[_E]) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        _HANDLERS[event_type] = handler
        return handler

    return register


@_handles(AssessmentDecision)
def _assessment_decision(p: _Progress, event: AssessmentDecision) -> None:
    if p.stage is Stage.REFUSED and event.assess:
        p.stage, p.appeal_open, p.mediation_open = Stage.ASSESSING, False, False
        return
    p.expect(frozenset({Stage.AWAITING_DECISION}), "a decision whether to assess")
    p.stage = Stage.ASSESSING if event.assess else Stage.REFUSED


@_handles(RequestWithdrawn)
def _withdrawn(p: _Progress, _event: RequestWithdrawn) -> None:
    p.expect(OPEN_REQUEST, "withdrawing the request")
    p.stage = Stage.WITHDRAWN


@_handles(AdviceRequested)
def _advice_requested(p: _Progress, event: AdviceRequested) -> None:
    p.expect(frozenset({Stage.ASSESSING}), "asking for advice")
    p.advice_asked.add(event.source)


@_handles(AdviceReceived)
def _advice_received(p: _Progress, event: AdviceReceived) -> None:
    p.expect(
        frozenset({Stage.ASSESSING, Stage.DRAFTING, Stage.NOT_ISSUING}),
        "receiving advice",
    )
    if event.source not in p.advice_asked:
        msg = (
            f"no {event.source.value} advice was asked for; "
            "record AdviceRequested for it first"
        )
        raise _Refusal(msg)


@_handles(PanelDeferred)
def _panel_deferred(p: _Progress, _event: PanelDeferred) -> None:
    p.expect(OPEN_REQUEST, "a panel deferring its decision")


@_handles(IssueDecision)
def _issue_decision(p: _Progress, event: IssueDecision) -> None:
    if event.issue:
        p.expect(
            frozenset({Stage.ASSESSING, Stage.NOT_ISSUING}),
            "a decision to issue a plan",
        )
        p.stage, p.appeal_open, p.mediation_open = Stage.DRAFTING, False, False
    else:
        p.expect(
            frozenset({Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_ISSUED}),
            "a decision not to issue a plan",
        )
        p.stage = Stage.NOT_ISSUING


@_handles(SupportPlanIssued)
def _support_plan(p: _Progress, _event: SupportPlanIssued) -> None:
    p.expect(frozenset({Stage.NOT_ISSUING}), "a multi-agency support plan")


@_handles(DraftServed)
def _draft_served(p: _Progress, _event: DraftServed) -> None:
    p.expect(
        frozenset({Stage.DRAFTING, Stage.DRAFT_ISSUED}),
        "serving a draft plan (record the decision to issue first)",
    )
    p.stage = Stage.DRAFT_ISSUED


@_handles(RepresentationsReceived)
def _representations(p: _Progress, _event: RepresentationsReceived) -> None:
    p.expect(frozenset({Stage.DRAFT_ISSUED}), "representations on a draft")


@_handles(SchoolConsulted)
def _consulted(p: _Progress, event: SchoolConsulted) -> None:
    p.expect(
        frozenset({Stage.DRAFT_ISSUED, Stage.PLAN_IN_PLACE}), "consulting a school"
    )
    p.consulted.add(event.institution)


@_handles(SchoolResponded)
def _responded(p: _Progress, event: SchoolResponded) -> None:
    p.expect(
        frozenset({Stage.DRAFT_ISSUED, Stage.PLAN_IN_PLACE}), "a school's response"
    )
    if event.institution not in p.consulted:
        msg = (
            f"{event.institution!r} was not consulted; "
            "record SchoolConsulted for it first"
        )
        raise _Refusal(msg)


@_handles(FinalPlanIssued)
def _final(p: _Progress, _event: FinalPlanIssued) -> None:
    p.expect(
        frozenset({Stage.DRAFTING, Stage.DRAFT_ISSUED}),
        "issuing the final plan (record the decision to issue first)",
    )
    p.stage = Stage.PLAN_IN_PLACE


_INITIAL_LIMITS = frozenset(
    {Limit.DECISION_TO_ASSESS, Limit.ADVICE, Limit.NO_PLAN_NOTICE, Limit.FINAL_PLAN}
)


@_handles(ExceptionGroundRecorded)
def _ground(p: _Progress, event: ExceptionGroundRecorded) -> None:
    p.expect(OPEN_REQUEST | _APPEALABLE, "recording an exception ground")
    first, last = CORONAVIRUS_PERIOD
    # The longest initial limit is 20 weeks: a request received after the period,
    # or more than 20 weeks before it began, had no initial limit running in it.
    in_period = dates.add_weeks(first, -20) <= p.received_on <= last
    if (
        event.ground is ExceptionGround.CORONAVIRUS_2020
        and event.limit in _INITIAL_LIMITS
        and not in_period
    ):
        msg = (
            f"the coronavirus ground covers limits running between "
            f"{first.isoformat()} and {last.isoformat()} (SI 2020/471); this "
            f"request was received on {p.received_on.isoformat()}"
        )
        raise _Refusal(msg)


@_handles(ReviewMeetingHeld)
def _review_meeting(p: _Progress, _event: ReviewMeetingHeld) -> None:
    p.expect(frozenset({Stage.PLAN_IN_PLACE}), "a review meeting")


@_handles(ReviewDecision)
def _review_decision(p: _Progress, event: ReviewDecision) -> None:
    p.expect(frozenset({Stage.PLAN_IN_PLACE}), "a review decision")
    p.amendment_due = event.outcome is ReviewOutcome.AMEND


@_handles(AmendedPlanIssued)
def _amended(p: _Progress, _event: AmendedPlanIssued) -> None:
    p.expect(frozenset({Stage.PLAN_IN_PLACE}), "an amended plan")
    if not p.amendment_due:
        msg = "no decision or order to amend is outstanding; record it first"
        raise _Refusal(msg)
    p.amendment_due = False


@_handles(MediationRequested)
def _mediation(p: _Progress, _event: MediationRequested) -> None:
    p.expect(_APPEALABLE, "mediation")
    p.mediation_open = True


@_handles(MediationCertificateIssued)
def _certificate(p: _Progress, _event: MediationCertificateIssued) -> None:
    p.expect(_APPEALABLE, "a mediation certificate")
    if not p.mediation_open:
        msg = "the mediation adviser was not contacted; record MediationRequested first"
        raise _Refusal(msg)
    p.mediation_open = False


@_handles(AppealRegistered)
def _appeal(p: _Progress, _event: AppealRegistered) -> None:
    p.expect(_APPEALABLE, "an appeal")
    if p.appeal_open:
        msg = "an appeal is already registered and not yet decided"
        raise _Refusal(msg)
    p.appeal_open = True


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


@_handles(TribunalDecision)
def _tribunal(p: _Progress, event: TribunalDecision) -> None:
    if not p.appeal_open:
        msg = "no appeal is registered; record AppealRegistered first"
        raise _Refusal(msg)
    orders = _ORDERS_BY_STAGE[p.stage]
    if event.order not in orders:
        possible = ", ".join(repr(o.value) for o in orders)
        msg = (
            f"an order to {event.order.value!r} does not apply to a case that is "
            f"{p.stage.value!r}; possible orders are {possible}"
        )
        raise _Refusal(msg)
    p.stage, p.appeal_open = orders[event.order], False
    p.mediation_open = False
    if event.order is TribunalOrder.AMEND:
        p.amendment_due = True


@_handles(PlanCeased)
def _ceased(p: _Progress, _event: PlanCeased) -> None:
    p.expect(frozenset({Stage.PLAN_IN_PLACE}), "ceasing the plan")
    if p.appeal_open:
        msg = (
            "an appeal is still open, and the plan continues until it is decided; "
            "record the TribunalDecision first"
        )
        raise _Refusal(msg)
    p.stage = Stage.CEASED


def replay(reference: str, received_on: dt.date, events: Iterable[Event]) -> Stage:
    """Check a log event by event and return the stage it leads to.

    Raises:
        EventRejected: For the first event the rules refuse, saying why.
    """
    progress = _Progress(received_on=received_on)
    last_on = received_on
    for event in events:
        try:
            if progress.stage in _CLOSED:
                msg = f"the case is closed ({progress.stage.value})"
                raise _Refusal(msg)
            if event.on < received_on:
                msg = (
                    f"it is dated before the request was received "
                    f"({received_on.isoformat()})"
                )
                raise _Refusal(msg)
            if event.on < last_on:
                msg = (
                    f"it is dated before the previous event ({last_on.isoformat()}); "
                    "events are recorded in date order"
                )
                raise _Refusal(msg)
            _HANDLERS[type(event)](progress, event)
        except _Refusal as refusal:
            where = f"{event.kind} on {event.on.isoformat()}"
            raise EventRejected(reference, where, str(refusal)) from None
        last_on = event.on
    return progress.stage


def knows(event_type: type) -> bool:
    """Whether the log has rules for *event_type* (every type in `EVENT_TYPES` does).

    Examples:
        >>> knows(AssessmentDecision), knows(str)
        (True, False)
    """
    return event_type in _HANDLERS
