"""DfE timeliness: the column implementation agrees with a plain per-case count."""

import datetime as dt
from pathlib import Path

import attrs
import pytest

from ehcplan import cases as c
from ehcplan.sen2 import read_sen2
from ehcplan.sen2.timeliness import Timeliness, timeliness
from ehcplan.timeline import table
from ehcplan.timeline.grounds import Limit

EXAMPLE = Path(__file__).parents[2] / "examples" / "sen2-example.csv"


def plain_count(cases, start, end):
    """DfE's rules case by case, as the statistics' guidance states them."""
    counts = dict.fromkeys(
        (f.name for f in attrs.fields(Timeliness) if f.name not in ("start", "end")), 0
    )
    for case in cases:
        received = case.received_on
        issued = case.first(c.FinalPlanIssued)
        if issued is not None and start <= issued.on <= end:
            days = (issued.on - received).days
            on_time = issued.on <= table.FINAL_PLAN.last_day(received)
            bucket = (
                "within_20_weeks" if on_time
                else "weeks_20_to_52" if days <= 364
                else "over_52_weeks"
            )  # fmt: skip
            counts["plans_issued"] += 1
            counts[bucket] += 1
            counts["total_days_to_issue"] += days
            if not case.grounds_for(Limit.FINAL_PLAN):
                counts["plans_issued_ex"] += 1
                counts[bucket + "_ex"] += 1
                counts["total_days_to_issue_ex"] += days
        decision = case.first(c.AssessmentDecision)
        if decision is not None and start <= decision.on <= end:
            counts["requests_decided"] += 1
            counts["decided_within_6_weeks"] += (
                decision.on <= table.DECISION_TO_ASSESS.last_day(received)
            )
        for no in case.events_of(c.IssueDecision):
            if not no.issue and start <= no.on <= end:
                counts["no_plan_decisions"] += 1
                counts["no_plan_within_16_weeks"] += (
                    no.on <= table.NO_PLAN_NOTICE.last_day(received)
                )
    return Timeliness(start=start, end=end, **counts)


@pytest.mark.parametrize("year", [2023, 2024])
def test_columns_agree_with_a_plain_count_on_the_example_log(year):
    """Every count for the example SEN2 log equals the plain case-by-case count."""
    cases = read_sen2(EXAMPLE).cases()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    assert timeliness(cases, start=start, end=end) == plain_count(cases, start, end)


def test_no_cases_count_nothing():
    """An empty caseload gives zero counts and no shares."""
    t = timeliness([], start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert (t.plans_issued, t.pc_within_20_weeks_ex) == (0, None)


def test_review_decisions_count_against_their_meeting():
    """A review decision within 4 weeks of its meeting counts as on time."""
    meeting = dt.date(2024, 11, 1)
    case = c.Case(
        reference="R",
        received_on=dt.date(2023, 1, 2),
        events=[
            c.AssessmentDecision(on=dt.date(2023, 2, 1), assess=True),
            c.IssueDecision(on=dt.date(2023, 4, 1), issue=True),
            c.FinalPlanIssued(on=dt.date(2023, 5, 1)),
            c.ReviewMeetingHeld(on=meeting),
            c.ReviewDecision(
                on=dt.date(2024, 11, 29), outcome=c.ReviewOutcome.MAINTAIN
            ),
        ],
    )
    t = timeliness([case], start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert (t.review_decisions, t.review_decisions_within_4_weeks) == (1, 1)
