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
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Sequence

import attrs

from ehcplan.cases import events as c
from ehcplan.cases.case import Case
from ehcplan.dates import add_days, to_date
from ehcplan.errors import InvalidInput
from ehcplan.timeline import table

__all__ = ["Step", "StepDurations", "latest_safe_dates"]


class Step(enum.Enum):
    """A step of the initial assessment, in the order a case meets them."""

    ADVICE_REQUESTED = "ask for advice"
    """Ask every body for advice (they have 6 weeks, reg 8)."""
    ADVICE_RECEIVED = "advice received"
    """All advice in, in time for the panel papers."""
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


def latest_safe_dates(
    case: Case,
    *,
    durations: StepDurations | None = None,
    panel_meetings: Sequence[dt.date] = (),
) -> tuple[tuple[Step, dt.date], ...]:
    """The latest date for each step not yet done that still meets week 20.

    Args:
        case: An open case.
        durations: The authority's own step durations (defaults illustrative).
        panel_meetings: The panel's published meeting dates, if the panel step
            must fall on one.

    Returns:
        Each remaining step with its latest safe date, in process order. A date
        already past means week 20 can no longer be met by that route.

    Raises:
        InvalidInput: If no meeting in *panel_meetings* is early enough.

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
    final = table.FINAL_PLAN.last_day(case.received_on)
    consult = add_days(final, -durations.consultation_days)
    draft = add_days(consult, -table.REPRESENTATIONS.length)
    panel = add_days(draft, -durations.drafting_days)
    if meetings:
        index = bisect.bisect_right(meetings, panel)
        if index == 0:
            msg = (
                f"no panel meeting falls on or before {panel.isoformat()}, the latest "
                "date that still meets week 20; pass the calendar's earlier meetings"
            )
            raise InvalidInput(msg, field="panel_meetings")
        panel = meetings[index - 1]
    advice_in = add_days(panel, -durations.papers_days)
    advice_asked = add_days(advice_in, -table.ADVICE.length * 7)
    asked = {e.source for e in case.events_of(c.AdviceRequested)}
    received = {e.source for e in case.events_of(c.AdviceReceived)}
    decided = bool(case.events_of(c.IssueDecision))
    done = {
        Step.ADVICE_REQUESTED: bool(asked),
        Step.ADVICE_RECEIVED: decided or (bool(asked) and asked <= received),
        Step.PANEL: decided,
        Step.DRAFT_SERVED: bool(case.events_of(c.DraftServed)),
        Step.SCHOOL_CONSULTED: bool(case.events_of(c.SchoolConsulted)),
        Step.FINAL_PLAN: bool(case.events_of(c.FinalPlanIssued)),
    }
    plan = (
        (Step.ADVICE_REQUESTED, advice_asked),
        (Step.ADVICE_RECEIVED, advice_in),
        (Step.PANEL, panel),
        (Step.DRAFT_SERVED, draft),
        (Step.SCHOOL_CONSULTED, consult),
        (Step.FINAL_PLAN, final),
    )
    return tuple((step, day) for step, day in plan if not done[step])
