"""The rules of a case's log: which event may follow which, and the stage they lead to.

A log is checked by replaying it from the request: each event must be dated on
or after the request and the event before it, and must make sense in the stage
the case has reached (a draft only after a decision to issue, a Tribunal
decision only on a registered appeal, nothing after the case is closed). The
stage is derived here, never stored.

The rules of mediation, appeals and the Tribunal's orders are in
`ehcplan.cases.mediation` and `ehcplan.cases.appeals`. The other modules of
`ehcplan.cases` add their own kinds of event with `rule`: a rule reads and
updates the replay's `Progress` (the stage, and any state of its own kept with
`Progress.state`) and refuses an event by raising `Refusal` with the reason.

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
import importlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

import attrs

from ehcplan import dates
from ehcplan.cases.events import (
    AdviceReceived,
    AdviceRequested,
    AdviceSource,
    AmendedPlanIssued,
    AssessmentDecision,
    DraftServed,
    Event,
    ExceptionGroundRecorded,
    FinalPlanIssued,
    IssueDecision,
    PlanCeased,
    RepresentationsReceived,
    RequestWithdrawn,
    ReviewDecision,
    ReviewMeetingHeld,
    ReviewOutcome,
    SchoolConsulted,
    SchoolResponded,
    SupportPlanIssued,
)
from ehcplan.cases.plan import PlanContent, Section
from ehcplan.errors import EventRejected
from ehcplan.timeline.grounds import CORONAVIRUS_PERIOD, ExceptionGround, Limit

__all__ = [
    "APPEALABLE_STAGES",
    "OPEN_REQUEST",
    "Progress",
    "Refusal",
    "Stage",
    "appealable",
    "event_types",
    "knows",
    "replay",
    "rule",
]


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
APPEALABLE_STAGES = frozenset({Stage.REFUSED, Stage.NOT_ISSUING, Stage.PLAN_IN_PLACE})
"""The stages after an appealable decision: mediation and appeal are open here."""
_APPEALABLE = APPEALABLE_STAGES
_CLOSED = frozenset({Stage.CEASED, Stage.WITHDRAWN})


class Refusal(Exception):  # noqa: N818 - a signal inside replay, never escapes it
    """Raised by a rule: why an event cannot be recorded (replay makes it EventRejected)."""


_Refusal = Refusal
_S = TypeVar("_S")


def appealable(event: Event) -> bool:
    """Whether the family can appeal the decision *event* records (CFA 2014 s51(2)).

    A refusal to assess (a), a decision not to issue a plan (b), a plan's content
    when it is issued or amended (c), a decision after a review not to amend (e)
    and a decision to cease (f).

    Examples:
        >>> appealable(AssessmentDecision(on=dt.date(2024, 10, 7), assess=False))
        True
        >>> appealable(ReviewDecision(on=dt.date(2025, 9, 1), outcome=ReviewOutcome.AMEND))
        False
    """
    if isinstance(event, AssessmentDecision):
        return not event.assess
    if isinstance(event, IssueDecision):
        return not event.issue
    if isinstance(event, ReviewDecision):
        return event.outcome is not ReviewOutcome.AMEND
    return isinstance(event, FinalPlanIssued | AmendedPlanIssued)


@attrs.define
class Progress:
    """The state of a replay of the log, as the rules see it.

    Attributes:
        received_on: The date the request was received.
        stage: The stage reached so far.
        decisions: The appealable decisions recorded so far, oldest first.
        plan: The plan's content as last recorded (draft, final or amended).
        in_review: Whether a review meeting was held and not yet decided on.
    """

    received_on: dt.date
    stage: Stage = Stage.AWAITING_DECISION
    advice_asked: set[AdviceSource] = attrs.Factory(set)
    consulted: set[str] = attrs.Factory(set)
    mediation_open: bool = False
    appeal_open: bool = False
    amendment_due: bool = False
    in_review: bool = False
    ordered_sections: frozenset[Section] = frozenset()
    appeal_sections: frozenset[Section] = frozenset()
    decisions: list[Event] = attrs.Factory(list)
    plan: PlanContent | None = None
    _states: dict[type, object] = attrs.Factory(dict)

    def state(self, kind: type[_S]) -> _S:
        """The state of type *kind* a module's rules keep, made on first use."""
        if kind not in self._states:
            self._states[kind] = kind()
        return cast(_S, self._states[kind])

    def decision(self, on: dt.date | None, what: str) -> Event:
        """The appealable decision made on *on* (the latest when None) that *what* concerns."""
        if not self.decisions:
            msg = f"{what} needs an appealable decision, and none is recorded"
            raise Refusal(msg)
        if on is None:
            return self.decisions[-1]
        for decision in reversed(self.decisions):
            if decision.on == on:
                return decision
        dates = ", ".join(d.on.isoformat() for d in self.decisions)
        msg = (
            f"{what} concerns a decision of {on.isoformat()}, and no appealable "
            f"decision was recorded that day; the appealable decisions are on {dates}"
        )
        raise Refusal(msg)

    def expect(self, allowed: frozenset[Stage], what: str) -> None:
        """Refuse *what* unless the case is at one of the *allowed* stages."""
        if self.stage not in allowed:
            names = sorted(repr(s.value) for s in allowed)
            stages = " or ".join(
                [", ".join(names[:-1]), names[-1]] if names[:-1] else names
            )
            msg = (
                f"{what} is possible only when the case is {stages}; "
                f"it is {self.stage.value!r}"
            )
            raise _Refusal(msg)


_Progress = Progress
_Handler = Callable[[Progress, Any], None]
_E = TypeVar("_E", bound=Event)
_HANDLERS: dict[type[Event], _Handler] = {}


def rule(event_type: type[_E]) -> Callable[[_Handler], _Handler]:
    """Register the rule for *event_type*: a function of the progress and the event.

    Each kind of event has exactly one rule; the modules of `ehcplan.cases` that
    define events register theirs when they are imported (by `ehcplan.cases`).
    """

    def register(handler: _Handler) -> _Handler:
        _HANDLERS[event_type] = handler
        return handler

    return register


_handles = rule


_MODULES = (
    ("ehcplan.cases.events", "EVENT_TYPES"),
    ("ehcplan.cases.decisions", "PANEL_EVENTS"),
    ("ehcplan.cases.ras_steps", "RAS_EVENTS"),
    ("ehcplan.cases.personal_budgets", "BUDGET_EVENTS"),
    ("ehcplan.cases.placements", "PLACEMENT_EVENTS"),
    ("ehcplan.cases.meetings", "MEETING_EVENTS"),
    ("ehcplan.cases.ground_facts", "FACT_EVENTS"),
    ("ehcplan.cases.mediation", "MEDIATION_EVENTS"),
    ("ehcplan.cases.appeals", "APPEAL_EVENTS"),
)
"""The modules that define events, each with its tuple of them, in journey order.

The ones that use another room (panels, budgets, funding) are loaded here on
first use, so that ``import ehcplan`` stays light."""


def event_types() -> tuple[type[Event], ...]:
    """Every kind of event a case can record, in the order a journey meets them.

    Examples:
        >>> event_types()[0].kind
        'assessment_decision'
    """
    found: list[type[Event]] = []
    for module, name in _MODULES:
        found += getattr(importlib.import_module(module), name)
    return tuple(found)


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
def _draft_served(p: _Progress, event: DraftServed) -> None:
    p.expect(
        frozenset({Stage.DRAFTING, Stage.DRAFT_ISSUED}),
        "serving a draft plan (record the decision to issue first)",
    )
    p.stage = Stage.DRAFT_ISSUED
    if event.plan is not None:
        p.plan = event.plan


def _check_final(plan: PlanContent | None, what: str) -> None:
    if plan is None:
        return
    missing = plan.missing_for_final()
    if missing:
        names = ", ".join(sorted(s.value for s in missing))
        msg = (
            f"{what} must fill sections B, E, F and I (SI 2014/1530 reg 12(1)); "
            f"section {names} is empty. Record the content, or leave plan out"
        )
        raise _Refusal(msg)


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
def _final(p: _Progress, event: FinalPlanIssued) -> None:
    p.expect(
        frozenset({Stage.DRAFTING, Stage.DRAFT_ISSUED}),
        "issuing the final plan (record the decision to issue first)",
    )
    _check_final(event.plan, "a final plan")
    p.stage = Stage.PLAN_IN_PLACE
    if event.plan is not None:
        p.plan = event.plan


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
    p.in_review = True


@_handles(ReviewDecision)
def _review_decision(p: _Progress, event: ReviewDecision) -> None:
    p.expect(frozenset({Stage.PLAN_IN_PLACE}), "a review decision")
    if event.amendments and event.outcome is not ReviewOutcome.AMEND:
        msg = (
            f"a decision to {event.outcome.value} proposes no amendments; "
            "name sections in amendments only with a decision to amend"
        )
        raise _Refusal(msg)
    p.amendment_due = event.outcome is ReviewOutcome.AMEND
    p.in_review = False


@_handles(AmendedPlanIssued)
def _amended(p: _Progress, event: AmendedPlanIssued) -> None:
    p.expect(frozenset({Stage.PLAN_IN_PLACE}), "an amended plan")
    if not p.amendment_due:
        msg = "no decision or order to amend is outstanding; record it first"
        raise _Refusal(msg)
    if event.sections and not p.ordered_sections <= event.sections:
        names = ", ".join(sorted(s.value for s in p.ordered_sections))
        msg = f"the Tribunal ordered section {names} amended; the amended plan must amend it"
        raise _Refusal(msg)
    if event.plan is not None:
        _check_final(event.plan, "an amended plan")
        if p.plan is not None and event.sections:
            changed = event.plan.differs_from(p.plan)
            if changed != event.sections:
                listed = ", ".join(sorted(s.value for s in event.sections)) or "none"
                found = ", ".join(sorted(s.value for s in changed)) or "none"
                msg = (
                    f"the amended plan lists section {listed} as amended, but its "
                    f"content differs from the plan before in section {found}; list "
                    "exactly the sections that changed"
                )
                raise _Refusal(msg)
        p.plan = event.plan
    p.amendment_due = False
    p.ordered_sections = frozenset()


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
            _rule_for(type(event))(progress, event)
            if appealable(event):
                progress.decisions.append(event)
        except _Refusal as refusal:
            where = f"{event.kind} on {event.on.isoformat()}"
            raise EventRejected(reference, where, str(refusal)) from None
        last_on = event.on
    return progress.stage


def _rule_for(event_type: type[Event]) -> _Handler:
    if event_type not in _HANDLERS:
        event_types()  # load the modules whose rules are added on first use
    return _HANDLERS[event_type]


def knows(event_type: type) -> bool:
    """Whether the log has rules for *event_type* (every type in `EVENT_TYPES` does).

    Examples:
        >>> knows(AssessmentDecision), knows(str)
        (True, False)
    """
    if event_type not in _HANDLERS:
        event_types()  # load the modules whose rules are added on first use
    return event_type in _HANDLERS
