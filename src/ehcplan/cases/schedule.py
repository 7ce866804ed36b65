"""Reverse scheduling: the latest safe date for each remaining step of an open case.

Working back from the 20-week deadline (SI 2014/1530 reg 13(2)), each step of
the seed procedures must happen by a date that still leaves room for the steps
after it:

    advice asked ─6 weeks─► advice in ─papers─► panel ─drafting─► draft served
        ─15 days (reg 13(1))─► school consulted ─consultation─► final plan

The 15 days for representations and the 6 weeks a body has to give advice
(reg 8) are the law's; how long the authority takes to draft, how early panel
papers are due, and how long it allows for consultation are its own practice,
passed in as `StepDurations`. If a panel calendar is given, the panel step is
moved back to the latest meeting on or before its date. Steps already done
are left out.

With the authority's policy (``policy=``), the panel step falls on a meeting of
the panel in its published calendar (`ehcplan.panels.meetings`): the panel the
case was last referred to, or the one named with ``panel=``. A step is added
before it, the referral, due by that meeting's cut-off (seed 004 para 3.7),
and the advice must be in by then, as the papers go with the referral.

After a Tribunal order to assess or to make a plan, an agreement at mediation
standing for one, or an unopposed appeal against a refusal to assess, the
final plan is due by that limit (SI 2014/1530 regs 42(2), 44(2), 45(3A)), and
the schedule works back from it instead of from week 20, counting the steps
done from that day: after an order to assess every step starts again; after an
order to make a plan only the draft, the consultation and the final plan
remain, and the draft is due within 5 weeks of it too (reg 44(2)(c)(i)).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ehcplan.cases import compliance
from ehcplan.cases import events as c
from ehcplan.cases.case import Case
from ehcplan.dates import add_days, to_date
from ehcplan.errors import InvalidInput
from ehcplan.timeline import table

if TYPE_CHECKING:
    from ehcplan.policy import LocalPolicy

__all__ = ["Step", "StepDurations", "latest_safe_dates"]


class Step(enum.Enum):
    """A step of the initial assessment, in the order a case meets them."""

    ADVICE_REQUESTED = "ask for advice"
    """Ask every body for advice (they have 6 weeks, reg 8)."""
    ADVICE_RECEIVED = "advice received"
    """All advice in, in time for the panel papers."""
    PANEL_REFERRAL = "refer to the panel"
    """The papers reach the panel by its cut-off (only with the authority's policy)."""
    PANEL = "panel decision"
    """The panel (or officer) decides to issue a plan."""
    DRAFT_SERVED = "serve the draft"
    """The draft plan is served on the family."""
    SCHOOL_CONSULTED = "consult the school"
    """Consultation with the school or college starts."""
    FINAL_PLAN = "issue the final plan"
    """The final plan is issued (20 weeks, reg 13(2))."""


def _non_negative(
    _instance: object, attribute: attrs.Attribute[int], value: int
) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = (
            f"{attribute.name} must be a whole number of days, 0 or more, got {value!r}"
        )
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class StepDurations:
    """How long the authority allows for the steps the law leaves to it, in days.

    The defaults are illustrative, not law: an authority passes its own.

    Attributes:
        consultation_days: From consulting the school to issuing the final plan
            (the Code of Practice expects a reply within 15 days).
        drafting_days: From the panel's decision to serving the draft.
        papers_days: From all advice being in to the panel meeting (papers are
            due some days before; seed 004 says a week).
    """

    consultation_days: int = attrs.field(default=15, validator=_non_negative)
    drafting_days: int = attrs.field(default=7, validator=_non_negative)
    papers_days: int = attrs.field(default=7, validator=_non_negative)


def latest_safe_dates(  # noqa: C901 - one step after another reads best
    case: Case,
    *,
    durations: StepDurations | None = None,
    panel_meetings: Sequence[dt.date] = (),
    policy: LocalPolicy | None = None,
    panel: str | None = None,
) -> tuple[tuple[Step, dt.date], ...]:
    """The latest date for each step not yet done that still meets the final plan's limit.

    Args:
        case: An open case.
        durations: The authority's own step durations (defaults illustrative).
        panel_meetings: The panel's published meeting dates, if the panel step
            must fall on one.
        policy: The authority's policy: the panel step then falls on a meeting
            of the panel's calendar, after a referral by its cut-off.
        panel: The panel's id in *policy*; by default the panel the case was
            last referred to.

    Returns:
        Each remaining step with its latest safe date, in process order. A date
        already past means week 20 can no longer be met by that route.

    Raises:
        InvalidInput: If no meeting in *panel_meetings* (or in the panel's
            calendar) is early enough, or *policy* is given with no panel to use.
        NotFound: If *policy* has no panel *panel*.

    Examples:
        A request received on Monday 2 September 2024, decided on 7 October,
        with a panel on Thursdays in December 2024:

        >>> case = Case(reference="EHC-1", received_on=dt.date(2024, 9, 2))
        >>> case = case.record(c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True))
        >>> meetings = [dt.date(2024, 12, d) for d in (5, 12, 19)]
        >>> for step, latest in latest_safe_dates(case, panel_meetings=meetings):
        ...     print(f"{latest}  {step.value}")
        2024-10-24  ask for advice
        2024-12-05  advice received
        2024-12-12  panel decision
        2024-12-21  serve the draft
        2025-01-05  consult the school
        2025-01-20  issue the final plan
    """
    durations = StepDurations() if durations is None else durations
    meetings = sorted(to_date(m, field="panel_meetings") for m in panel_meetings)
    final, draft_limit = _limits(case)
    consult = add_days(final, -durations.consultation_days)
    draft = add_days(consult, -table.REPRESENTATIONS.length)
    if draft_limit is not None:
        draft = min(draft, draft_limit)
    meeting = add_days(draft, -durations.drafting_days)
    referral = None
    if policy is not None:
        meeting, referral = _panel_meeting(case, policy, panel, meeting)
    elif meetings:
        index = bisect.bisect_right(meetings, meeting)
        if index == 0:
            msg = (
                f"no panel meeting falls on or before {meeting.isoformat()}, the latest "
                "date that still meets week 20; pass the calendar's earlier meetings"
            )
            raise InvalidInput(msg, field="panel_meetings")
        meeting = meetings[index - 1]
    advice_in = (
        add_days(meeting, -durations.papers_days) if referral is None else referral
    )
    advice_asked = add_days(advice_in, -table.ADVICE.length * 7)
    since, plan_ordered = _restart(case)
    after = [e for e in case.events if e.on >= since]

    def any_of(kind: type[c.Event] | str) -> bool:
        if isinstance(kind, str):
            return any(e.kind == kind for e in after)
        return any(isinstance(e, kind) for e in after)

    asked = {e.source for e in after if isinstance(e, c.AdviceRequested)}
    received = {e.source for e in after if isinstance(e, c.AdviceReceived)}
    decided = plan_ordered or any_of(c.IssueDecision)
    done = {
        Step.ADVICE_REQUESTED: decided or bool(asked),
        Step.ADVICE_RECEIVED: decided or (bool(asked) and asked <= received),
        Step.PANEL_REFERRAL: decided or any_of("panel_referred"),
        Step.PANEL: decided,
        Step.DRAFT_SERVED: any_of(c.DraftServed),
        Step.SCHOOL_CONSULTED: any_of(c.SchoolConsulted),
        Step.FINAL_PLAN: any_of(c.FinalPlanIssued),
    }
    plan = (
        (Step.ADVICE_REQUESTED, advice_asked),
        (Step.ADVICE_RECEIVED, advice_in),
        *(() if referral is None else ((Step.PANEL_REFERRAL, referral),)),
        (Step.PANEL, meeting),
        (Step.DRAFT_SERVED, draft),
        (Step.SCHOOL_CONSULTED, consult),
        (Step.FINAL_PLAN, final),
    )
    return tuple((step, day) for step, day in plan if not done[step])


_FINALS = frozenset(
    {
        table.ORDER_ASSESS_FINAL_PLAN.name,
        table.ORDER_MAKE_PLAN_FINAL.name,
        table.UNOPPOSED_ASSESS_FINAL_PLAN.name,
    }
)


def _limits(case: Case) -> tuple[dt.date, dt.date | None]:
    """The final plan's last day, and the draft's if a limit of its own applies."""
    final = table.FINAL_PLAN.last_day(case.received_on)
    draft = None
    if compliance.replaces_initial_limits(case):
        for duty in compliance.duties(case):
            if duty.clock.name in _FINALS:
                final = duty.clock.last_day(duty.trigger)
            if duty.clock.name == table.ORDER_MAKE_PLAN_DRAFT.name:
                draft = duty.clock.last_day(duty.trigger)
    return final, draft


def _restart(case: Case) -> tuple[dt.date, bool]:
    """Where the steps count from, and whether a plan was ordered (or agreed) there.

    An order, agreement or unopposed appeal to assess restarts every step from its
    day; an order or agreement to make a plan leaves only the draft and the plan.
    """
    if not compliance.replaces_initial_limits(case):
        return case.received_on, False
    restarts = [d for d in compliance.duties(case) if d.clock.name in _FINALS]
    last = max(restarts, key=lambda d: d.trigger)
    return last.trigger, last.clock.name == table.ORDER_MAKE_PLAN_FINAL.name


def _panel_meeting(
    case: Case, policy: LocalPolicy, panel_id: str | None, latest: dt.date
) -> tuple[dt.date, dt.date]:
    """The panel's last meeting on or before *latest*, and the cut-off to reach it."""
    from ehcplan.cases.decisions import PanelReferred
    from ehcplan.panels import meetings

    if panel_id is None:
        referrals = case.events_of(PanelReferred)
        if not referrals:
            msg = (
                "the case has not been referred to a panel, so the schedule does not "
                "know which panel's calendar to use; pass panel= with its id"
            )
            raise InvalidInput(msg, field="panel")
        panel_id = referrals[-1].panel
    chosen = policy.panel(panel_id)
    start = max(chosen.terms.starts[0], case.received_on)
    found = meetings(chosen, start, latest) if start <= latest else ()
    if not found:
        msg = (
            f"panel {chosen.id} has no meeting from {start.isoformat()} to "
            f"{latest.isoformat()}, the latest date that still meets the final "
            "plan's limit; the limit can no longer be met through this panel"
        )
        raise InvalidInput(msg, field="panel")
    meeting = found[-1]
    cutoff = add_days(meeting, -chosen.terms.at(meeting).referral_cutoff_days)
    return meeting, cutoff
