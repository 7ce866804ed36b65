"""Panel referrals and decisions on a case, and the written record of each meeting.

The seeds' panels (seed 000: the resource allocation panel; seed 003: the
multi-agency panel; seed 004: the Access to Resources panel) decide whether a
plan is needed, the level and types of funding, the placement, and may defer.
A case records each referral and each decision as an event, with who decided
and on what evidence; `panel` is the panel's id in the authority's policy
(`ehcplan.policy.LocalPolicy.panel`). The panel's calendar, cut-off and
record deadline stay in the panels room (`ehcplan.panels`): the clock report
asks it for the meeting a referral reaches and the day the written record is
due (`ehcplan.cases.clock_report` with ``policy=``).

A panel's decision is a recommendation the authority then notifies: a plan
agreed at panel is followed by the authority's `IssueDecision` (and the reg 10
and 13 clocks count from those notices, not from the meeting).

Rules of the log, for these events: a decision follows a referral to the same
panel (several decisions of one meeting share its date; an `AssessmentDecision`
or `IssueDecision` naming the panel counts as its decision); a deferral keeps the
referral open for a later meeting; a written record is sent for a meeting at
which the panel decided or deferred.

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import AssessmentDecision, Case
    >>> from ehcplan.policy import PanelRemit
    >>> case = Case(reference="EHC-5", received_on=dt.date(2025, 1, 6)).record(
    ...     AssessmentDecision(on=dt.date(2025, 2, 10), assess=True))
    >>> case = case.record(PanelReferred(on=dt.date(2025, 4, 14), panel="rap",
    ...     remits=[PanelRemit.WHETHER_TO_ISSUE_PLAN], referred_by="EHC inclusion officer",
    ...     evidence="IAM summary 2025-04-10"))
    >>> case = case.record(PanelPlanDecision(on=dt.date(2025, 4, 24), panel="rap",
    ...     agreed=True, reasons="needs cannot be met from resources normally available",
    ...     decided_by="panel chair", evidence="IAM summary 2025-04-10"))
    >>> case.stage.value
    'assessing'
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ehcplan.cases import fields, log
from ehcplan.cases.events import AssessmentDecision, Event, IssueDecision, PanelDeferred
from ehcplan.cases.log import OPEN_REQUEST, Progress, Refusal, Stage, rule
from ehcplan.money import Money
from ehcplan.policy import PanelRemit

__all__ = [
    "PANEL_EVENTS",
    "PanelFundingDecision",
    "PanelPlacementDecision",
    "PanelPlanDecision",
    "PanelRecordSent",
    "PanelReferred",
    "Panels",
]

_AFTER_ASSESSING = frozenset(
    {Stage.ASSESSING, Stage.DRAFTING, Stage.DRAFT_ISSUED, Stage.NOT_ISSUING}
)
_ANY_OPEN = OPEN_REQUEST | {Stage.NOT_ISSUING, Stage.PLAN_IN_PLACE}


@attrs.frozen(kw_only=True)
class PanelReferred(Event):
    """The case was referred to a panel, with its papers (seed 004 para 3.7).

    Attributes:
        panel: The panel's id in the authority's policy.
        remits: What the panel is asked to decide.
        referred_by: Who referred it (a role or staff identifier, never a name).
        evidence: A reference to the papers sent.
    """

    kind: ClassVar[str] = "panel_referred"
    panel: str = fields.text()
    remits: frozenset[PanelRemit] = fields.enum_set(PanelRemit, "remits")
    referred_by: str = fields.text()
    evidence: str = fields.text()


@attrs.frozen(kw_only=True)
class PanelPlanDecision(Event):
    """A panel decided whether an EHC plan is needed (seed 000; seed 003 stage 3).

    Where a plan is not agreed, seed 000 has the authority arrange a family
    meeting and give the decision in writing within 16 weeks of the request.

    Attributes:
        panel: The panel's id.
        agreed: Whether a plan is agreed.
        reasons: The panel's reasons.
        decided_by: Who decided (the chair's role, or the panel).
        evidence: A reference to what the decision rests on (the IAM summary).
    """

    kind: ClassVar[str] = "panel_plan_decision"
    panel: str = fields.text()
    agreed: bool = fields.flag()
    reasons: str = fields.text()
    decided_by: str = fields.text()
    evidence: str = fields.text()


@attrs.frozen(kw_only=True)
class PanelFundingDecision(Event):
    """A panel agreed the level and types of funding for the plan's provision (seed 000).

    Attributes:
        panel: The panel's id.
        amount: The funding agreed, a year.
        types: The types of funding ("element 3 top-up", "1:1 support").
        reasons: The panel's reasons.
        decided_by: Who decided.
        evidence: A reference to what the decision rests on.
    """

    kind: ClassVar[str] = "panel_funding_decision"
    panel: str = fields.text()
    amount: Money = fields.money(0)
    types: tuple[str, ...] = fields.texts("types", required=True)
    reasons: str = fields.text()
    decided_by: str = fields.text()
    evidence: str = fields.text()


@attrs.frozen(kw_only=True)
class PanelPlacementDecision(Event):
    """A panel agreed the placement: the setting, or type of setting (seed 000, seed 003).

    Attributes:
        panel: The panel's id.
        setting: The school, college or type of provision agreed.
        reasons: The panel's reasons (reflecting any parental preference).
        decided_by: Who decided.
        evidence: A reference to what the decision rests on.
    """

    kind: ClassVar[str] = "panel_placement_decision"
    panel: str = fields.text()
    setting: str = fields.text()
    reasons: str = fields.text()
    decided_by: str = fields.text()
    evidence: str = fields.text()


@attrs.frozen(kw_only=True)
class PanelRecordSent(Event):
    """The written record of a panel meeting's decisions was made available (seed 004 para 3.9).

    Attributes:
        panel: The panel's id.
        meeting_on: The meeting whose decisions it records.
    """

    kind: ClassVar[str] = "panel_record_sent"
    panel: str = fields.text()
    meeting_on: dt.date = fields.date("meeting_on")


@attrs.define
class Panels:
    """What the replay knows about a case's panels (kept with `Progress.state`).

    Attributes:
        open: For each panel with an open referral, the day its papers went in
            (or the case was deferred).
        meetings: Each (panel, meeting date) at which the panel decided or deferred.
        records: Each (panel, meeting date) whose written record was sent.
    """

    open: dict[str, dt.date] = attrs.Factory(dict)
    meetings: set[tuple[str, dt.date]] = attrs.Factory(set)
    records: set[tuple[str, dt.date]] = attrs.Factory(set)

    def decide(self, panel: str, on: dt.date, what: str) -> None:
        """Record that *panel* decided on *on*, refusing it without a referral."""
        if panel not in self.open and (panel, on) not in self.meetings:
            msg = (
                f"{what} needs a referral to panel {panel!r}, and none is open; "
                "record PanelReferred first"
            )
            raise Refusal(msg)
        self.open.pop(panel, None)
        self.meetings.add((panel, on))


@rule(PanelReferred)
def _referred(p: Progress, event: PanelReferred) -> None:
    p.expect(_ANY_OPEN, "a referral to a panel")
    panels = p.state(Panels)
    if event.panel in panels.open:
        msg = (
            f"the case is already referred to panel {event.panel!r} (on "
            f"{panels.open[event.panel].isoformat()}) and not yet heard"
        )
        raise Refusal(msg)
    panels.open[event.panel] = event.on


@rule(PanelPlanDecision)
def _plan_decision(p: Progress, event: PanelPlanDecision) -> None:
    p.expect(_AFTER_ASSESSING, "a panel's decision whether a plan is needed")
    p.state(Panels).decide(event.panel, event.on, "a panel's decision")


@rule(PanelFundingDecision)
def _funding_decision(p: Progress, event: PanelFundingDecision) -> None:
    p.expect(_AFTER_ASSESSING | {Stage.PLAN_IN_PLACE}, "a panel's funding decision")
    p.state(Panels).decide(event.panel, event.on, "a panel's decision")


@rule(PanelPlacementDecision)
def _placement_decision(p: Progress, event: PanelPlacementDecision) -> None:
    p.expect(_AFTER_ASSESSING | {Stage.PLAN_IN_PLACE}, "a panel's placement decision")
    p.state(Panels).decide(event.panel, event.on, "a panel's decision")


def _heard_too(event_type: type[AssessmentDecision] | type[IssueDecision]) -> None:
    """Let the authority's decision naming a panel also close a referral to it."""
    core = log._HANDLERS[event_type]  # noqa: SLF001 - the log's own rule, extended

    def extended(p: Progress, event: AssessmentDecision | IssueDecision) -> None:
        core(p, event)
        panels = p.state(Panels)
        if event.panel is not None and event.panel in panels.open:
            panels.open.pop(event.panel)
            panels.meetings.add((event.panel, event.on))

    rule(event_type)(extended)


_heard_too(AssessmentDecision)
_heard_too(IssueDecision)


@rule(PanelDeferred)
def _deferred(p: Progress, event: PanelDeferred) -> None:
    p.expect(_ANY_OPEN, "a panel deferring its decision")
    panels = p.state(Panels)
    panels.meetings.add((event.panel, event.on))
    if event.panel in panels.open:  # the referral waits for a later meeting
        panels.open[event.panel] = event.on


@rule(PanelRecordSent)
def _record(p: Progress, event: PanelRecordSent) -> None:
    p.expect(_ANY_OPEN | {Stage.REFUSED}, "a panel's written record")
    panels = p.state(Panels)
    key = (event.panel, event.meeting_on)
    if key not in panels.meetings:
        msg = (
            f"panel {event.panel!r} recorded no decision on "
            f"{event.meeting_on.isoformat()}; record its decision first"
        )
        raise Refusal(msg)
    if key in panels.records:
        msg = "the written record of that meeting was already sent"
        raise Refusal(msg)
    panels.records.add(key)


PANEL_EVENTS: tuple[type[Event], ...] = (
    PanelReferred,
    PanelPlanDecision,
    PanelFundingDecision,
    PanelPlacementDecision,
    PanelRecordSent,
)
"""The panel events this module adds, in the order a case meets them."""
