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
import numpy as np
import numpy.typing as npt

from ehcplan import cases as c
from ehcplan.timeline import table
from ehcplan.timeline.batch import last_days
from ehcplan.timeline.grounds import Limit

__all__ = ["Timeliness", "as_percent", "timeliness", "timeliness_of_columns"]

Dates = npt.NDArray[np.datetime64]

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
    plans: list[tuple[dt.date, dt.date, bool]] = []
    decisions: list[tuple[dt.date, dt.date]] = []
    no_plans: list[tuple[dt.date, dt.date]] = []
    reviews: list[tuple[dt.date | None, dt.date]] = []
    for case in cases:
        received = case.received_on
        issued = case.first(c.FinalPlanIssued)
        if issued is not None:
            plans.append(
                (received, issued.on, bool(case.grounds_for(Limit.FINAL_PLAN)))
            )
        decision = case.first(c.AssessmentDecision)
        if decision is not None:
            decisions.append((received, decision.on))
        no_plans += [
            (received, d.on) for d in case.events_of(c.IssueDecision) if not d.issue
        ]
        meeting: dt.date | None = None
        for event in case.events:
            if isinstance(event, c.ReviewMeetingHeld):
                meeting = event.on
            elif isinstance(event, c.ReviewDecision):
                reviews.append((meeting, event.on))
                meeting = None

    def column(values: Iterable[dt.date | None]) -> Dates:
        return np.array(list(values), dtype="datetime64[D]")

    return timeliness_of_columns(
        start=start,
        end=end,
        plans=(column(p[0] for p in plans), column(p[1] for p in plans)),
        plans_with_exception=np.array([p[2] for p in plans], dtype=bool),
        decisions=(column(d[0] for d in decisions), column(d[1] for d in decisions)),
        no_plan=(column(n[0] for n in no_plans), column(n[1] for n in no_plans)),
        reviews=(column(r[0] for r in reviews), column(r[1] for r in reviews)),
    )


def timeliness_of_columns(
    *,
    start: dt.date,
    end: dt.date,
    plans: tuple[Dates, Dates],
    plans_with_exception: npt.NDArray[np.bool_],
    decisions: tuple[Dates, Dates],
    no_plan: tuple[Dates, Dates],
    reviews: tuple[Dates, Dates],
) -> Timeliness:
    """DfE's timeliness counts from columns of dates (``datetime64[D]``).

    `timeliness` reads these columns from cases; the simulator writes them
    from its journeys; both count with this one function.

    Args:
        start: The first day of the period.
        end: The last day of the period.
        plans: Request received, and final plan issued, one row per plan.
        plans_with_exception: Whether an exception ground disapplied each plan's
            20-week limit (SEN2 ``Week20`` = 1).
        decisions: Request received, and the decision whether to assess.
        no_plan: Request received, and a decision not to issue a plan.
        reviews: Review meeting (NaT if not known), and the review decision.

    Examples:
        >>> d = lambda *days: np.array(days, dtype="datetime64[D]")
        >>> t = timeliness_of_columns(
        ...     start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
        ...     plans=(d("2024-09-02", "2024-09-02"), d("2025-01-20", "2025-01-21")),
        ...     plans_with_exception=np.array([False, False]),
        ...     decisions=(d(), d()), no_plan=(d(), d()), reviews=(d(), d()))
        >>> t.plans_issued, t.within_20_weeks, t.weeks_20_to_52
        (2, 1, 1)
    """
    first, last = np.datetime64(start, "D"), np.datetime64(end, "D")

    def inside(days: Dates) -> npt.NDArray[np.bool_]:
        return (days >= first) & (days <= last)

    received, issued = plans
    keep = inside(issued)
    received, issued = received[keep], issued[keep]
    exception = np.asarray(plans_with_exception, dtype=bool)[keep]
    days = (issued - received).astype(np.int64)
    on_time = issued <= last_days(table.FINAL_PLAN, received)
    over_52 = ~on_time & (days > _FIFTY_TWO_WEEKS_DAYS)
    middle = ~on_time & ~over_52
    ex = ~exception

    decision_received, decided = decisions
    keep = inside(decided)
    decided_in_time = decided[keep] <= last_days(
        table.DECISION_TO_ASSESS, decision_received[keep]
    )
    no_plan_received, no_plan_on = no_plan
    keep = inside(no_plan_on)
    no_plan_in_time = no_plan_on[keep] <= last_days(
        table.NO_PLAN_NOTICE, no_plan_received[keep]
    )
    meetings, review_decided = reviews
    keep = inside(review_decided)
    known = ~np.isnat(meetings[keep])
    review_due = last_days(table.REVIEW_DECISION, meetings[keep][known])
    reviews_in_time = review_decided[keep][known] <= review_due

    def count(mask: npt.NDArray[np.bool_]) -> int:
        return int(np.count_nonzero(mask))

    return Timeliness(
        start=start,
        end=end,
        plans_issued=len(issued),
        within_20_weeks=count(on_time),
        weeks_20_to_52=count(middle),
        over_52_weeks=count(over_52),
        plans_issued_ex=count(ex),
        within_20_weeks_ex=count(on_time & ex),
        weeks_20_to_52_ex=count(middle & ex),
        over_52_weeks_ex=count(over_52 & ex),
        total_days_to_issue=int(days.sum()),
        total_days_to_issue_ex=int(days[ex].sum()),
        requests_decided=len(decided_in_time),
        decided_within_6_weeks=count(decided_in_time),
        no_plan_decisions=len(no_plan_in_time),
        no_plan_within_16_weeks=count(no_plan_in_time),
        review_decisions=count(keep),
        review_decisions_within_4_weeks=count(reviews_in_time),
    )


def as_percent(share: float | None) -> str:
    """A share as DfE prints it: one decimal place, or "n/a".

    Examples:
        >>> as_percent(39407 / 84866), as_percent(None)
        ('46.4%', 'n/a')
    """
    return "n/a" if share is None else f"{100 * share:.1f}%"
