"""The meetings and documents the seeds name, recorded on a case.

The seeds run the EHC process through meetings and letters as much as through
decisions: the introductory and planning meetings (seeds 002, 003), the
integrated assessment meeting (IAM) and its summary (seed 002), the team
around the child (TAC, seed 001), the multi-agency plan meeting (seed 003
stage 4), the family meeting and the written decision when a plan is not
agreed (seed 000), the implementation meeting and the short-term targets
(seeds 000, 002, 003 stage 5), the multi-agency meeting before a jointly
funded placement (seed 004), and, before an annual review, its notice and
advice (SI 2014/1530 reg 20) and the setting told its indicative resource
(seed 001).

`MeetingArranged` records that a meeting was fixed and notice sent (an annual
review's notice is due at least 2 weeks before it, reg 20(3)); `MeetingHeld`
that it took place, with who attended by role; `DocumentSent` that a document
went out, with its reference. The deadlines that follow (the family meeting
and written decision within 16 weeks, the review's notice and advice, the
review report within 2 weeks, the indicative resource ahead of the review) are
in the clock report (`ehcplan.cases.clock_report`).

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import AssessmentDecision, Case
    >>> case = Case(reference="EHC-6", received_on=dt.date(2025, 1, 6)).record(
    ...     AssessmentDecision(on=dt.date(2025, 2, 10), assess=True))
    >>> case = case.record(MeetingHeld(on=dt.date(2025, 4, 10),
    ...     meeting=MeetingKind.INTEGRATED_ASSESSMENT,
    ...     attended_by=["parent", "educational psychologist", "SENCo"]))
    >>> case.last(MeetingHeld).meeting.value
    'integrated assessment meeting'
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar

import attrs

from ehcplan.cases import fields
from ehcplan.cases.events import Event
from ehcplan.cases.log import OPEN_REQUEST, Progress, Refusal, Stage, rule

__all__ = [
    "MEETING_EVENTS",
    "DocumentKind",
    "DocumentSent",
    "MeetingArranged",
    "MeetingHeld",
    "MeetingKind",
]


class MeetingKind(enum.Enum):
    """A meeting the seeds name."""

    INTRODUCTORY = "introductory meeting"
    """Explains the assessment and personal budgets; the personal profile (seed 002)."""
    PLANNING = "planning meeting"
    """Arranged with the family once the assessment is agreed (seed 003 stage 1)."""
    INTEGRATED_ASSESSMENT = "integrated assessment meeting"
    """The IAM: the advice summary is discussed and co-produced (seed 002)."""
    TEAM_AROUND_THE_CHILD = "team around the child"
    """The TAC agrees outcomes and provision against the indicative resource (seed 001)."""
    PLAN_MEETING = "plan meeting"
    """The multi-agency, person-centred plan meeting completes the draft (seed 003 stage 4)."""
    FAMILY_MEETING = "family meeting"
    """Explains a decision not to issue a plan, within 16 weeks of the request (seed 000)."""
    PLANNING_AND_REVIEW = "SEN planning and review meeting"
    """With the school, to explore support when no plan is issued (seed 000)."""
    IMPLEMENTATION = "implementation meeting"
    """After the final plan: short-term targets and support planned (seeds 000, 002)."""
    SHORT_TERM_TARGETS = "short-term targets meeting"
    """The setting agrees the short-term targets with the family (seed 003 stage 5)."""
    MULTI_AGENCY = "multi-agency meeting"
    """Explores every option before a jointly funded placement is sought (seed 004, 2.3-2.5)."""
    ANNUAL_REVIEW = "annual review meeting"
    """An annual review; arranged here, held as `ReviewMeetingHeld` (reg 20)."""


class DocumentKind(enum.Enum):
    """A document the seeds or the law name."""

    PERSONAL_PROFILE = "personal profile"
    """The one-page or personal profile sent to everyone giving advice (seeds 002, 003)."""
    ADVICE_SUMMARY = "advice summary"
    """The summary of the advice, circulated before the IAM (seed 002)."""
    OUTLINE_PLAN = "outline plan"
    """The outline plan sent after the panel agrees a plan (seed 003 stage 3)."""
    PANEL_OUTCOME = "panel outcome"
    """The outcome of the multi-agency panel, sent to the family (seed 003 stage 3)."""
    WRITTEN_DECISION = "written decision"
    """A decision not to issue, with the assessment's summary and the rights to
    mediation, appeal and complaint (seed 000)."""
    RIGHTS_INFORMATION = "mediation and appeal information"
    """Where to find information about mediation, appeals and complaints (seeds 000, 002)."""
    REVIEW_ADVICE = "review advice"
    """The advice for an annual review, circulated before it (reg 20(4))."""
    REVIEW_REPORT = "review report"
    """The report of an annual review meeting (reg 20(7))."""
    INDICATIVE_RESOURCE = "indicative resource notice"
    """The setting told its indicative resource ahead of the review (seed 001)."""
    SHORT_TERM_TARGETS = "short-term targets"
    """The short-term targets appended to the plan (seed 003 stage 5)."""
    NOTICE_TO_ASSESS = "notice that the authority will assess"
    """After a Tribunal order to assess, the notice that it will, within 2 weeks
    (SI 2014/1530 reg 44(2)(b)); after an agreement at mediation or an unopposed
    appeal, a decision to assess (`AssessmentDecision`) is that notice."""


_BEFORE_PLAN = OPEN_REQUEST | {Stage.NOT_ISSUING, Stage.REFUSED}
_AFTER_ASSESS = frozenset(
    {Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_ISSUED, Stage.NOT_ISSUING}
)
_PLAN = frozenset({Stage.PLAN_IN_PLACE})
_MEETING_STAGES: dict[MeetingKind, frozenset[Stage]] = {
    MeetingKind.INTRODUCTORY: OPEN_REQUEST,
    MeetingKind.PLANNING: _AFTER_ASSESS,
    MeetingKind.INTEGRATED_ASSESSMENT: _AFTER_ASSESS,
    MeetingKind.TEAM_AROUND_THE_CHILD: _AFTER_ASSESS | _PLAN,
    MeetingKind.PLAN_MEETING: frozenset({Stage.DRAFTING, Stage.DRAFT_ISSUED}),
    MeetingKind.FAMILY_MEETING: frozenset(
        {Stage.ASSESSING, Stage.NOT_ISSUING, Stage.REFUSED}
    ),
    MeetingKind.PLANNING_AND_REVIEW: frozenset({Stage.NOT_ISSUING, Stage.REFUSED}),
    MeetingKind.IMPLEMENTATION: _PLAN,
    MeetingKind.SHORT_TERM_TARGETS: _PLAN,
    MeetingKind.MULTI_AGENCY: _AFTER_ASSESS | _PLAN,
    MeetingKind.ANNUAL_REVIEW: _PLAN,
}
_DOCUMENT_STAGES: dict[DocumentKind, frozenset[Stage]] = {
    DocumentKind.PERSONAL_PROFILE: OPEN_REQUEST,
    DocumentKind.ADVICE_SUMMARY: _AFTER_ASSESS,
    DocumentKind.OUTLINE_PLAN: frozenset({Stage.DRAFTING, Stage.DRAFT_ISSUED}),
    DocumentKind.PANEL_OUTCOME: _AFTER_ASSESS,
    DocumentKind.WRITTEN_DECISION: frozenset({Stage.ASSESSING, Stage.NOT_ISSUING}),
    DocumentKind.RIGHTS_INFORMATION: _BEFORE_PLAN | _PLAN,
    DocumentKind.REVIEW_ADVICE: _PLAN,
    DocumentKind.REVIEW_REPORT: _PLAN,
    DocumentKind.INDICATIVE_RESOURCE: _PLAN,
    DocumentKind.SHORT_TERM_TARGETS: _PLAN,
    DocumentKind.NOTICE_TO_ASSESS: frozenset({Stage.ASSESSING}),
}


@attrs.frozen(kw_only=True)
class MeetingArranged(Event):
    """A meeting was arranged and notice of it sent to those invited (`on`).

    Attributes:
        meeting: Which meeting.
        meeting_on: The date it is arranged for.
    """

    kind: ClassVar[str] = "meeting_arranged"
    meeting: MeetingKind = fields.member(MeetingKind)
    meeting_on: dt.date = fields.date("meeting_on")

    def __attrs_post_init__(self) -> None:
        """A meeting is arranged for a day on or after the notice."""
        if self.meeting_on < self.on:
            from ehcplan.errors import InvalidInput

            msg = (
                f"the meeting is arranged for {self.meeting_on.isoformat()}, before "
                f"the notice on {self.on.isoformat()}; check the dates."
            )
            raise InvalidInput(msg, field="meeting_on")


@attrs.frozen(kw_only=True)
class MeetingHeld(Event):
    """A meeting took place.

    Attributes:
        meeting: Which meeting.
        attended_by: Who attended, by role ("parent", "educational psychologist").
        record: A reference to its notes or minutes, if kept.
    """

    kind: ClassVar[str] = "meeting_held"
    meeting: MeetingKind = fields.member(MeetingKind)
    attended_by: tuple[str, ...] = fields.texts("attended_by", required=True)
    record: str | None = fields.optional_text()


@attrs.frozen(kw_only=True)
class DocumentSent(Event):
    """A document was sent.

    Attributes:
        document: Which document.
        to: Its recipients, by role ("parent", "setting", "health").
        reference: Its reference in the authority's records (never its content).
    """

    kind: ClassVar[str] = "document_sent"
    document: DocumentKind = fields.member(DocumentKind)
    to: tuple[str, ...] = fields.texts("to", required=True)
    reference: str = fields.text()


_ARRANGED_EARLIER = {
    # Seed 003 stage 2: "The date for the EHC plan meeting will be arranged".
    MeetingKind.PLAN_MEETING: frozenset({Stage.ASSESSING}),
}


@rule(MeetingArranged)
def _arranged(p: Progress, event: MeetingArranged) -> None:
    stages = _MEETING_STAGES[event.meeting] | _ARRANGED_EARLIER.get(
        event.meeting, frozenset()
    )
    p.expect(stages, f"arranging the {event.meeting.value}")


@rule(MeetingHeld)
def _held(p: Progress, event: MeetingHeld) -> None:
    if event.meeting is MeetingKind.ANNUAL_REVIEW:
        msg = "an annual review meeting is recorded as ReviewMeetingHeld"
        raise Refusal(msg)
    p.expect(_MEETING_STAGES[event.meeting], f"the {event.meeting.value}")


@rule(DocumentSent)
def _sent(p: Progress, event: DocumentSent) -> None:
    p.expect(_DOCUMENT_STAGES[event.document], f"sending the {event.document.value}")


MEETING_EVENTS: tuple[type[Event], ...] = (MeetingArranged, MeetingHeld, DocumentSent)
"""The meeting and document events this module adds."""
