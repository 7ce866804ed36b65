"""DfE timeliness measures, computed from cases the way DfE computes them.

DfE's "Education, health and care plans" statistics (statutory reference §7.3)
report, for a calendar year:

* plans issued within 20 weeks **including** exceptions: all plans issued in the
  year, and those issued within 20 weeks of the request;
* the headline, **excluding** exceptions: a plan whose 20-week limit an
  exception ground disapplied (SEN2 `Week20` = 1) leaves *both* the numerator
  and the denominator; it is never counted as late;
* the spread of weeks to issue: within 20 weeks, over 20 and up to 52, over 52;
* the average weeks to issue;
* requests decided within 6 weeks (reg 5), "no plan" decisions within 16 weeks
  (reg 10), and annual-review decisions within 4 weeks of the meeting.

"Within 20 weeks" is decided by `table.FINAL_PLAN`: issued on or before the last
day, day 140 (DfE does not publish its day rule; this is the statute's). "Over
52 weeks" means more than 364 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from ehcplan import case as c
from ehcplan.dates import days_between
from ehcplan.timeline import table
from ehcplan.timeline.grounds import Limit

__all__ = ["Timeliness", "as_percent", "timeliness"]

_FIFTY_TWO_WEEKS_DAYS = 52 * 7


def _share(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


@attrs.frozen(kw_only=True)
class Timeliness:
    """The DfE timeliness counts for one period, and the shares they give.

    Counts ending ``_ex`` leave out plans with a 20-week exception, as DfE's
    headline does. Shares are None when their denominator is zero.
    """

    start: dt.date
    end: dt.date
    plans_issued: int
    within_20_weeks: int
    weeks_20_to_52: int
    over_52_weeks: int
    plans_issued_ex: int
    within_20_weeks_ex: int
    weeks_20_to_52_ex: int
    over_52_weeks_ex: int
    total_days_to_issue: int
    total_days_to_issue_ex: int
    requests_decided: int
    decided_within_6_weeks: int
    no_plan_decisions: int
    no_plan_within_16_weeks: int
    review_decisions: int
    review_decisions_within_4_weeks: int

    @property
    def pc_within_20_weeks(self) -> float | None:
        """Share of plans issued within 20 weeks, including exceptions."""
        return _share(self.within_20_weeks, self.plans_issued)

    @property
    def pc_within_20_weeks_ex(self) -> float | None:
        """The headline: share within 20 weeks, excluding exceptions."""
        return _share(self.within_20_weeks_ex, self.plans_issued_ex)

    @property
    def avg_weeks_to_issue(self) -> float | None:
        """Mean weeks from request to plan, including exceptions."""
        mean = _share(self.total_days_to_issue, self.plans_issued)
        return None if mean is None else mean / 7

    @property
    def avg_weeks_to_issue_ex(self) -> float | None:
        """Mean weeks from request to plan, excluding exceptions."""
        mean = _share(self.total_days_to_issue_ex, self.plans_issued_ex)
        return None if mean is None else mean / 7

    @property
    def pc_decided_within_6_weeks(self) -> float | None:
        """Share of decisions whether to assess made within 6 weeks (reg 5)."""
        return _share(self.decided_within_6_weeks, self.requests_decided)

    @property
    def pc_no_plan_within_16_weeks(self) -> float | None:
        """Share of "no plan" decisions notified within 16 weeks (reg 10)."""
        return _share(self.no_plan_within_16_weeks, self.no_plan_decisions)

    @property
    def pc_review_decisions_within_4_weeks(self) -> float | None:
        """Share of review decisions made within 4 weeks of the meeting."""
        return _share(self.review_decisions_within_4_weeks, self.review_decisions)


def timeliness(cases: Iterable[c.Case], *, start: dt.date, end: dt.date) -> Timeliness:
    """DfE's timeliness counts for events dated from *start* to *end* inclusive.

    Plans count in the period they were issued, decisions in the period they were
    made. For a calendar year, pass 1 January and 31 December.

    Examples:
        WE-10: four plans for a request received on 2 September 2024.

        >>> received = dt.date(2024, 9, 2)
        >>> def plan(ref, issued, week20=False):
        ...     events = [c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True),
        ...               c.IssueDecision(on=dt.date(2024, 12, 12), issue=True)]
        ...     if week20:
        ...         events.append(c.ExceptionGroundRecorded(
        ...             on=dt.date(2024, 12, 12), ground=None, limit=Limit.FINAL_PLAN,
        ...             evidence="SEN2 Week20 = 1", decided_by="SEN2 return"))
        ...     events.append(c.FinalPlanIssued(on=issued))
        ...     return c.Case(reference=ref, received_on=received, events=events)
        >>> t = timeliness(
        ...     [plan("a", dt.date(2025, 1, 20)), plan("b", dt.date(2025, 1, 21)),
        ...      plan("c", dt.date(2025, 1, 21), week20=True),
        ...      plan("d", dt.date(2025, 9, 3))],
        ...     start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
        >>> t.plans_issued, t.within_20_weeks, t.plans_issued_ex, t.within_20_weeks_ex
        (4, 1, 3, 1)
        >>> t.weeks_20_to_52, t.weeks_20_to_52_ex, t.over_52_weeks_ex
        (2, 1, 1)
    """
    counts = dict.fromkeys(
        (f.name for f in attrs.fields(Timeliness) if f.name not in ("start", "end")), 0
    )

    def inside(day: dt.date) -> bool:
        return start <= day <= end

    for case in cases:
        received = case.received_on
        issued = case.first(c.FinalPlanIssued)
        if issued is not None and inside(issued.on):
            days = days_between(received, issued.on)
            on_time = issued.on <= table.FINAL_PLAN.last_day(received)
            bucket = (
                "within_20_weeks"
                if on_time
                else "weeks_20_to_52"
                if days <= _FIFTY_TWO_WEEKS_DAYS
                else "over_52_weeks"
            )
            counts["plans_issued"] += 1
            counts[bucket] += 1
            counts["total_days_to_issue"] += days
            if not case.grounds_for(Limit.FINAL_PLAN):
                counts["plans_issued_ex"] += 1
                counts[bucket + "_ex"] += 1
                counts["total_days_to_issue_ex"] += days
        decision = case.first(c.AssessmentDecision)
        if decision is not None and inside(decision.on):
            counts["requests_decided"] += 1
            if decision.on <= table.DECISION_TO_ASSESS.last_day(received):
                counts["decided_within_6_weeks"] += 1
        for issue_decision in case.events_of(c.IssueDecision):
            if not issue_decision.issue and inside(issue_decision.on):
                counts["no_plan_decisions"] += 1
                if issue_decision.on <= table.NO_PLAN_NOTICE.last_day(received):
                    counts["no_plan_within_16_weeks"] += 1
        meeting: dt.date | None = None
        for event in case.events:
            if isinstance(event, c.ReviewMeetingHeld):
                meeting = event.on
            elif isinstance(event, c.ReviewDecision) and inside(event.on):
                counts["review_decisions"] += 1
                if meeting is not None and event.on <= table.REVIEW_DECISION.last_day(
                    meeting
                ):
                    counts["review_decisions_within_4_weeks"] += 1
                meeting = None
    return Timeliness(start=start, end=end, **counts)


def as_percent(share: float | None) -> str:
    """A share as DfE prints it: one decimal place, or "n/a".

    Examples:
        >>> as_percent(39407 / 84866), as_percent(None)
        ('46.4%', 'n/a')
    """
    return "n/a" if share is None else f"{100 * share:.1f}%"
