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
import enum
import functools
import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import attrs

from ehcplan import dates
from ehcplan.dates import to_date
from ehcplan.errors import EventRejected, InvalidInput
from ehcplan.timeline.grounds import (
    CORONAVIRUS_PERIOD,
    ExceptionGround,
    Limit,
    can_disapply,
)

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "EVENT_TYPES",
    "SCHEMA_VERSION",
    "AdviceReceived",
    "AdviceRequested",
    "AdviceSource",
    "AmendedPlanIssued",
    "AppealRegistered",
    "AssessmentDecision",
    "Case",
    "CeaseReason",
    "DraftServed",
    "Event",
    "ExceptionGroundRecorded",
    "FinalPlanIssued",
    "IssueDecision",
    "MediationCertificateIssued",
    "MediationRequested",
    "PanelDeferred",
    "PlanCeased",
    "RepresentationsReceived",
    "RequestSource",
    "RequestWithdrawn",
    "ReviewDecision",
    "ReviewMeetingHeld",
    "ReviewOutcome",
    "SchoolConsulted",
    "SchoolResponded",
    "Stage",
    "SupportPlanIssued",
    "TribunalDecision",
    "TribunalOrder",
]

SCHEMA_VERSION = 1
"""The version of the JSON shape written by `Case.to_json`."""

_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}")


# --- What a case is made of ---------------------------------------------------------


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


class RequestSource(enum.Enum):
    """Who made the request, as SEN2 item `RequestSource` codes it (from SEN2 v1.3)."""

    PARENT_OR_YOUNG_PERSON = 1
    """The young person or a parent."""
    SCHOOL = 2
    """A school or other education setting."""
    HEALTH = 3
    """Health professionals."""
    SOCIAL_CARE = 4
    """Social care professionals."""
    OTHER = 5
    """Anyone else."""


class AdviceSource(enum.Enum):
    """Whose advice is asked for during an EHC needs assessment (SI 2014/1530 reg 6)."""

    PARENT = "parent or young person"
    """The views and information of the parent or young person."""
    EDUCATION = "education"
    """Educational advice from the head teacher, principal or early years setting."""
    HEALTH = "health"
    """Medical advice from a health care professional."""
    EDUCATIONAL_PSYCHOLOGY = "educational psychology"
    """Psychological advice from an educational psychologist."""
    SOCIAL_CARE = "social care"
    """Advice in relation to social care."""
    PREPARATION_FOR_ADULTHOOD = "preparation for adulthood"
    """From year 9: advice on preparing for adulthood and independent living."""
    OTHER = "other"
    """Any other advice the authority considers appropriate."""


class ReviewOutcome(enum.Enum):
    """The authority's decision after an annual review (SEN2 `ReviewOutcome`)."""

    MAINTAIN = "maintain"
    """Keep the plan as it is."""
    AMEND = "amend"
    """Amend the plan; the proposed amendments go with the decision."""
    CEASE = "cease"
    """Cease to maintain the plan (it continues until any appeal is decided)."""


class TribunalOrder(enum.Enum):
    """What the First-tier Tribunal ordered (compliance limits in SI 2014/1530 reg 44)."""

    DISMISSED = "dismissed"
    """The appeal was dismissed: the authority's decision stands."""
    ASSESS = "assess"
    """The authority must carry out an assessment or reassessment."""
    MAKE_PLAN = "make plan"
    """The authority must make and maintain a plan."""
    AMEND = "amend"
    """The authority must amend the plan (sections B, F or I)."""
    CONTINUE = "continue"
    """The authority must continue to maintain the plan."""


class CeaseReason(enum.Enum):
    """Why a plan ended, as SEN2 item `CeaseReason` codes it."""

    MAXIMUM_AGE = 1
    """Reached the maximum age."""
    NEEDS_MET = 2
    """Ongoing needs met without a plan."""
    HIGHER_EDUCATION = 3
    """Moved on to higher education."""
    EMPLOYMENT = 4
    """Moved on to paid employment, excluding apprenticeships."""
    TRANSFERRED = 5
    """Transferred to another local authority in England."""
    NO_ENGAGEMENT = 6
    """No longer wishes to engage in education or training."""
    LEFT_ENGLAND = 7
    """Moved outside England."""
    DECEASED = 8
    """The person died."""
    OTHER = 9
    """Any other reason."""


# --- Events -------------------------------------------------------------------------


def _to_on(value: dt.date) -> dt.date:
    return to_date(value, field="on")


def _to_received_on(value: dt.date) -> dt.date:
    return to_date(value, field="received_on")


def _to_events(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(value)


def _date_field() -> Any:
    return attrs.field(converter=_to_on)


def _text_field(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            msg = f"{name} must be non-empty text, got {value!r}"
            raise InvalidInput(msg, field=name)

    return attrs.field(validator=check)


def _enum_field(enum_type: type[enum.Enum]) -> Any:
    return attrs.field(validator=attrs.validators.instance_of(enum_type))


def _bool_field() -> Any:
    return attrs.field(validator=attrs.validators.instance_of(bool))


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened to a case on a date.

    Every event has `on`, the date it happened. Its `kind` names it in messages and
    in JSON.
    """

    kind: ClassVar[str] = "event"
    on: dt.date = _date_field()


@attrs.frozen(kw_only=True)
class AssessmentDecision(Event):
    """The authority notified its decision whether to carry out an EHC needs assessment.

    Due within 6 weeks of the request (SI 2014/1530 reg 5(1)); SEN2 `RequestOutcome`.
    A decision to assess after an earlier refusal (the authority conceding) is
    recorded the same way; the 20 weeks still run from the original request.
    `panel` names the panel that decided, if one did.
    """

    kind: ClassVar[str] = "assessment_decision"
    assess: bool = _bool_field()
    panel: str | None = None


@attrs.frozen(kw_only=True)
class RequestWithdrawn(Event):
    """The parent or young person withdrew the request before a plan was issued."""

    kind: ClassVar[str] = "request_withdrawn"


@attrs.frozen(kw_only=True)
class AdviceRequested(Event):
    """The authority asked for advice; the body asked has 6 weeks (SI 2014/1530 reg 8(1))."""

    kind: ClassVar[str] = "advice_requested"
    source: AdviceSource = _enum_field(AdviceSource)


@attrs.frozen(kw_only=True)
class AdviceReceived(Event):
    """Advice asked for earlier was received."""

    kind: ClassVar[str] = "advice_received"
    source: AdviceSource = _enum_field(AdviceSource)


@attrs.frozen(kw_only=True)
class PanelDeferred(Event):
    """A panel heard the case and deferred its decision (e.g. for more information)."""

    kind: ClassVar[str] = "panel_deferred"
    panel: str = _text_field("panel")


@attrs.frozen(kw_only=True)
class IssueDecision(Event):
    """The authority decided, after assessing, whether a plan is needed.

    For a decision not to issue, `on` is the date the parent or young person was
    notified, due within 16 weeks of the request (SI 2014/1530 reg 10(1)).
    SEN2 `AssessmentOutcome` and `AssessmentOutcomeDate`. `panel` names the panel
    that decided, if one did.
    """

    kind: ClassVar[str] = "issue_decision"
    issue: bool = _bool_field()
    panel: str | None = None


@attrs.frozen(kw_only=True)
class SupportPlanIssued(Event):
    """After a decision not to issue, a multi-agency support plan was sent (seed 003)."""

    kind: ClassVar[str] = "support_plan_issued"


@attrs.frozen(kw_only=True)
class DraftServed(Event):
    """The draft plan was served; at least 15 days for representations (reg 13(1))."""

    kind: ClassVar[str] = "draft_served"


@attrs.frozen(kw_only=True)
class RepresentationsReceived(Event):
    """The parent or young person made representations on the draft (reg 13(1))."""

    kind: ClassVar[str] = "representations_received"


@attrs.frozen(kw_only=True)
class SchoolConsulted(Event):
    """A school or college was consulted about being named (CFA 2014 s39, s40).

    `institution` identifies it: a URN, UKPRN or the authority's own code.
    """

    kind: ClassVar[str] = "school_consulted"
    institution: str = _text_field("institution")


@attrs.frozen(kw_only=True)
class SchoolResponded(Event):
    """A consulted school or college replied; guidance expects 15 days (CoP 9.83)."""

    kind: ClassVar[str] = "school_responded"
    institution: str = _text_field("institution")
    agrees: bool = _bool_field()


@attrs.frozen(kw_only=True)
class FinalPlanIssued(Event):
    """The final plan was issued; due within 20 weeks of the request (reg 13(2)).

    SEN2 `StartDate`. It may follow the decision to issue directly, because many
    records (SEN2 among them) do not hold the date the draft was served.
    """

    kind: ClassVar[str] = "final_plan_issued"


@attrs.frozen(kw_only=True)
class ExceptionGroundRecorded(Event):
    """An officer recorded that an exception ground disapplies a time limit.

    The ground never moves a date: it disapplies the limit, and the duty becomes
    "as soon as practicable". It must be one the law allows for that limit
    (`ehcplan.timeline.can_disapply`). `evidence` is a reference to the evidence
    (a document or note identifier, not personal details) and `decided_by` the
    role or staff identifier of the person who decided. `ground` is None only for
    grounds imported from data that does not say which ground applied (SEN2
    `Week20`).
    """

    kind: ClassVar[str] = "exception_ground_recorded"
    ground: ExceptionGround | None = attrs.field(
        validator=attrs.validators.optional(
            attrs.validators.instance_of(ExceptionGround)
        )
    )
    limit: Limit = _enum_field(Limit)
    evidence: str = _text_field("evidence")
    decided_by: str = _text_field("decided_by")

    def __attrs_post_init__(self) -> None:
        """Refuse a ground the law does not allow for the limit."""
        if self.ground is not None and not can_disapply(self.ground, self.limit):
            msg = (
                f"the ground {self.ground.value!r} cannot disapply the "
                f"{self.limit.value} limit; see ehcplan.timeline.GROUNDS_BY_LIMIT "
                "for the grounds the law allows for each limit"
            )
            raise InvalidInput(msg, field="ground")


@attrs.frozen(kw_only=True)
class ReviewMeetingHeld(Event):
    """An annual review meeting was held (SI 2014/1530 regs 20-21)."""

    kind: ClassVar[str] = "review_meeting_held"


@attrs.frozen(kw_only=True)
class ReviewDecision(Event):
    """The authority decided to maintain, amend or cease the plan after a review."""

    kind: ClassVar[str] = "review_decision"
    outcome: ReviewOutcome = _enum_field(ReviewOutcome)


@attrs.frozen(kw_only=True)
class AmendedPlanIssued(Event):
    """An amended final plan was issued after a decision or order to amend (reg 22)."""

    kind: ClassVar[str] = "amended_plan_issued"


@attrs.frozen(kw_only=True)
class MediationRequested(Event):
    """The parent or young person contacted the mediation adviser (reg 33)."""

    kind: ClassVar[str] = "mediation_requested"


@attrs.frozen(kw_only=True)
class MediationCertificateIssued(Event):
    """The mediation adviser issued a certificate, with or without mediation (reg 34)."""

    kind: ClassVar[str] = "mediation_certificate_issued"


@attrs.frozen(kw_only=True)
class AppealRegistered(Event):
    """An appeal to the First-tier Tribunal (SEND) was registered."""

    kind: ClassVar[str] = "appeal_registered"


@attrs.frozen(kw_only=True)
class TribunalDecision(Event):
    """The Tribunal decided an appeal; orders restart work under reg 44."""

    kind: ClassVar[str] = "tribunal_decision"
    order: TribunalOrder = _enum_field(TribunalOrder)


@attrs.frozen(kw_only=True)
class PlanCeased(Event):
    """The plan ceased (SEN2 `CeaseDate`, `CeaseReason`)."""

    kind: ClassVar[str] = "plan_ceased"
    reason: CeaseReason = _enum_field(CeaseReason)


EVENT_TYPES: tuple[type[Event], ...] = (
    AssessmentDecision,
    RequestWithdrawn,
    AdviceRequested,
    AdviceReceived,
    PanelDeferred,
    IssueDecision,
    SupportPlanIssued,
    DraftServed,
    RepresentationsReceived,
    SchoolConsulted,
    SchoolResponded,
    FinalPlanIssued,
    ExceptionGroundRecorded,
    ReviewMeetingHeld,
    ReviewDecision,
    AmendedPlanIssued,
    MediationRequested,
    MediationCertificateIssued,
    AppealRegistered,
    TribunalDecision,
    PlanCeased,
)
"""Every kind of event a case can record, in the order a journey meets them."""


# --- The rules of the log -----------------------------------------------------------

_OPEN_REQUEST = frozenset(
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
_T = TypeVar("_T")
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
    p.expect(_OPEN_REQUEST, "withdrawing the request")
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
    p.expect(_OPEN_REQUEST, "a panel deferring its decision")


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
    p.expect(_OPEN_REQUEST | _APPEALABLE, "recording an exception ground")
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


def _replay(reference: str, received_on: dt.date, events: Iterable[Event]) -> Stage:
    """Check a log event by event and return the stage it leads to."""
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


# --- The case -----------------------------------------------------------------------


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
        if type(event) not in _HANDLERS:
            msg = (
                f"events must be ehcplan.case events, got {type(event).__name__}; "
                "see ehcplan.case.EVENT_TYPES"
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
        validator=attrs.validators.optional(
            attrs.validators.instance_of(RequestSource)
        ),
    )
    events: tuple[Event, ...] = attrs.field(
        default=(), converter=_to_events, validator=_check_events
    )
    _stage: Stage = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the log, and remember the stage it leads to."""
        stage = _replay(self.reference, self.received_on, self.events)
        object.__setattr__(self, "_stage", stage)

    @property
    def stage(self) -> Stage:
        """The stage the case has reached, derived from its log."""
        return self._stage

    @property
    def is_open_request(self) -> bool:
        """Whether the request is still on its way to a plan or a decision."""
        return self._stage in _OPEN_REQUEST

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

        Examples:
            >>> case = Case(reference="EHC-3", received_on=dt.date(2024, 9, 2))
            >>> refused = AssessmentDecision(on=dt.date(2024, 10, 1), assess=False)
            >>> case.record(refused).to_dict()  # doctest: +NORMALIZE_WHITESPACE
            {'schema': 'ehcplan.case', 'version': 1, 'reference': 'EHC-3',
             'received_on': '2024-09-02', 'source': None,
             'events': [{'event': 'assessment_decision', 'on': '2024-10-01',
                         'assess': False, 'panel': None}]}
        """
        converter = _converter()
        return {
            "schema": "ehcplan.case",
            "version": SCHEMA_VERSION,
            "reference": self.reference,
            "received_on": self.received_on.isoformat(),
            "source": None if self.source is None else self.source.value,
            "events": [
                {"event": event.kind, **converter.unstructure(event)}
                for event in self.events
            ],
        }

    @classmethod
    def from_dict(cls, data: object) -> Case:
        """Read a case from data written by `to_dict` (or parsed from `to_json`).

        Raises:
            InvalidInput: If the data is not a case of a version this ehcplan reads,
                naming the path of each problem.
            EventRejected: If the log breaks the rules of a case.
        """
        if not isinstance(data, dict) or data.get("schema") != "ehcplan.case":
            msg = (
                "not an ehcplan case: expected an object with "
                '"schema": "ehcplan.case"; write it with Case.to_dict() or to_json()'
            )
            raise InvalidInput(msg)
        if data.get("version") != SCHEMA_VERSION:
            msg = (
                f"unsupported case schema version {data.get('version')!r}; this "
                f"version of ehcplan reads version {SCHEMA_VERSION}. Upgrade ehcplan."
            )
            raise InvalidInput(msg, field="version")
        expected = {"schema", "version", "reference", "received_on", "source", "events"}
        if set(data) != expected:
            missing = sorted(expected - set(data))
            extra = sorted(set(data) - expected)
            msg = (
                f"the case has missing keys {missing} and unknown keys {extra}; "
                f"expected exactly {sorted(expected)}"
            )
            raise InvalidInput(msg)
        events = data["events"]
        if not isinstance(events, list):
            msg = f"case.events must be a list of events, got {type(events).__name__}"
            raise InvalidInput(msg, field="events")
        return cls(
            reference=data["reference"],
            received_on=_structure_at(dt.date, data["received_on"], "case.received_on"),
            source=None
            if data["source"] is None
            else _structure_at(RequestSource, data["source"], "case.source"),
            events=[
                _event_from_dict(e, f"case.events[{i}]") for i, e in enumerate(events)
            ],
        )

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


_EVENTS_BY_KIND = {event_type.kind: event_type for event_type in EVENT_TYPES}


def _event_from_dict(data: object, path: str) -> Event:
    if not isinstance(data, dict) or data.get("event") not in _EVENTS_BY_KIND:
        kinds = ", ".join(repr(k) for k in _EVENTS_BY_KIND)
        found = data.get("event") if isinstance(data, dict) else data
        msg = f'{path}: unknown event {found!r}; expected an object whose "event" is one of {kinds}'
        raise InvalidInput(msg, field="events")
    payload = {k: v for k, v in data.items() if k != "event"}
    return _structure_at(_EVENTS_BY_KIND[data["event"]], payload, path)


def _structure_at(type_: type[_T], value: object, path: str) -> _T:
    """Structure *value* as *type_* with cattrs, turning its errors into InvalidInput."""
    import cattrs

    try:
        return _converter().structure(value, type_)
    except cattrs.BaseValidationError as error:
        problems = "; ".join(cattrs.transform_error(error, path=path))
    except (ValueError, TypeError, KeyError) as error:
        problems = f"{path}: {error}"
    msg = f"the case data is malformed: {problems}"
    raise InvalidInput(msg)


@functools.cache
def _converter() -> cattrs.Converter:
    """The cattrs converter for cases: ISO dates and enum values, no unknown keys."""
    import cattrs

    converter = cattrs.Converter(forbid_extra_keys=True)

    def structure_date(value: object, _type: object) -> dt.date:
        if not isinstance(value, str):
            msg = f"expected an ISO date string such as '2024-09-02', got {value!r}"
            raise ValueError(msg)
        return dt.date.fromisoformat(value)

    def strict(kind: type, words: str) -> Any:
        # cattrs would call bool("false"), which is True: a refusal read as a yes.
        def structure(value: object, _type: object) -> object:
            if type(value) is not kind:
                msg = f"expected {words}, got {value!r}"
                raise ValueError(msg)
            return value

        return structure

    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, structure_date)
    converter.register_structure_hook(bool, strict(bool, "true or false"))
    converter.register_structure_hook(int, strict(int, "a whole number"))
    converter.register_structure_hook(str, strict(str, "text"))
    return converter
