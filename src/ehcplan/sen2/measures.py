"""DfE's published timeliness figures for one calendar year, keyed by DfE's column names.

DfE's "Education, health and care plans" data (timeliness_20_week.csv,
statutory reference §7.3) publishes, per authority and calendar year,
``plans_issued_den`` and ``plans_issued_within_20_weeks`` (including
exceptions), ``plans_issued_den_ex`` and ``plans_issued_20_weeks_ex`` (the
headline, excluding plans with a 20-week exception), and
``request_outcome_six_weeks``. `dfe_measures` gives these, counted by
`ehcplan.timeliness` (the same code the simulator's KPIs use), with their
shares, and the spread of weeks to issue. DfE's published names for the
20-52 and over-52-week buckets were not seen; ehcplan names them
``plans_issued_20_to_52_weeks`` and ``plans_issued_over_52_weeks`` (with
``_ex`` variants).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ehcplan import cases as c

__all__ = ["dfe_measures"]


def _pc(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else round(100 * numerator / denominator, 1)


def dfe_measures(cases: Iterable[c.Case], year: int) -> dict[str, int | float | None]:
    """DfE's timeliness figures for calendar *year* (plans count in the year issued).

    Shares (``_pc``) are percentages to one decimal place, as DfE prints them,
    and None when their denominator is zero.

    Examples:
        >>> case = c.Case(reference="R1", received_on=dt.date(2024, 1, 8), events=[
        ...     c.AssessmentDecision(on=dt.date(2024, 2, 12), assess=True),
        ...     c.IssueDecision(on=dt.date(2024, 4, 1), issue=True),
        ...     c.FinalPlanIssued(on=dt.date(2024, 5, 20))])
        >>> m = dfe_measures([case], 2024)
        >>> m["plans_issued_den"], m["plans_issued_within_20_weeks"], m["request_outcome_six_weeks"]
        (1, 1, 1)
    """
    from ehcplan import timeliness

    t = timeliness(cases, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    return {
        "time_period": year,
        "plans_issued_den": t.plans_issued,
        "plans_issued_within_20_weeks": t.within_20_weeks,
        "plans_issued_within_20_weeks_pc": _pc(t.within_20_weeks, t.plans_issued),
        "plans_issued_20_to_52_weeks": t.weeks_20_to_52,
        "plans_issued_over_52_weeks": t.over_52_weeks,
        "plans_issued_den_ex": t.plans_issued_ex,
        "plans_issued_20_weeks_ex": t.within_20_weeks_ex,
        "plans_issued_20_weeks_ex_pc": _pc(t.within_20_weeks_ex, t.plans_issued_ex),
        "plans_issued_20_to_52_weeks_ex": t.weeks_20_to_52_ex,
        "plans_issued_over_52_weeks_ex": t.over_52_weeks_ex,
        "avg_weeks_issue_plan": None
        if t.avg_weeks_to_issue is None
        else round(t.avg_weeks_to_issue, 1),
        "avg_weeks_issue_plan_exc": None
        if t.avg_weeks_to_issue_ex is None
        else round(t.avg_weeks_to_issue_ex, 1),
        "request_outcome_den": t.requests_decided,
        "request_outcome_six_weeks": t.decided_within_6_weeks,
        "request_outcome_six_weeks_pc": _pc(
            t.decided_within_6_weeks, t.requests_decided
        ),
        "outcome_decision_den": t.no_plan_decisions,
        "outcome_decision_within_time": t.no_plan_within_16_weeks,
        "outcome_decision_within_time_pc": _pc(
            t.no_plan_within_16_weeks, t.no_plan_decisions
        ),
    }
