"""What an EHC case records: the kinds of event in its log, and the codes they carry.

Each event is a frozen value with the date it happened (`on`) and the facts
that go with it; its `kind` names it in messages and in the case's JSON
(`ehcplan.cases.case_json`). Whether an event may be recorded at a point of a
case's journey is not decided here but by the rules of the log
(`ehcplan.cases.log`).

Examples:
    >>> import datetime as dt
    >>> decision = AssessmentDecision(on=dt.date(2024, 10, 7), assess=True)
    >>> decision.kind, decision.on
    ('assessment_decision', datetime.date(2024, 10, 7))
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

import attrs

from ehcplan import validators
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput
from ehcplan.timeline.grounds import ExceptionGround, Limit, can_disapply

__all__ = [
    "EVENT_TYPES",
    "AdviceReceived",
    "AdviceRequested",
    "AdviceSource",
    "AmendedPlanIssued",
    "AppealRegistered",
    "AssessmentDecision",
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
    "SupportPlanIssued",
    "TribunalDecision",
    "TribunalOrder",
]


# --- The codes events carry ---------------------------------------------------------


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


def _date_field() -> Any:
    return attrs.field(converter=_to_on)


def _text_field() -> Any:
    return attrs.field(validator=validators.text)


def _enum_field(enum_type: type[enum.Enum]) -> Any:
    return attrs.field(validator=validators.member(enum_type))


def _bool_field() -> Any:
    return attrs.field(validator=validators.flag)


def _panel_field() -> Any:
    """The panel that decided, if one did: its id in the authority's policy."""
    return attrs.field(default=None, validator=validators.optional(validators.text))


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
    panel: str | None = _panel_field()


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
    panel: str = _text_field()


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
    panel: str | None = _panel_field()


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
    institution: str = _text_field()


@attrs.frozen(kw_only=True)
class SchoolResponded(Event):
    """A consulted school or college replied; guidance expects 15 days (CoP 9.83)."""

    kind: ClassVar[str] = "school_responded"
    institution: str = _text_field()
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
        validator=validators.optional(validators.member(ExceptionGround))
    )
    limit: Limit = _enum_field(Limit)
    evidence: str = _text_field()
    decided_by: str = _text_field()

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
