import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan import case as c
from ehcplan.timeline import ExceptionGround, Limit
from ehcplan.timeline.timeliness import as_percent, timeliness

RECEIVED = dt.date(2024, 9, 2)
YEAR_2025 = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}


def plan(reference, issued, *, week20=False, received=RECEIVED):
    """A case whose plan was issued on *issued*, with or without a 20-week ground."""
    events = [
        c.AssessmentDecision(on=received + dt.timedelta(days=30), assess=True),
        c.IssueDecision(on=received + dt.timedelta(days=90), issue=True),
    ]
    if week20:
        events.append(
            c.ExceptionGroundRecorded(
                on=received + dt.timedelta(days=90),
                ground=ExceptionGround.ABSENT_FROM_AREA,
                limit=Limit.FINAL_PLAN,
                evidence="letter 17",
                decided_by="team manager",
            )
        )
    events.append(c.FinalPlanIssued(on=issued))
    return c.Case(reference=reference, received_on=received, events=events)


@pytest.mark.parametrize(
    ("issued", "week20", "inc", "ex"),
    [
        # WE-10 (a): day 140, in both numerators and denominators.
        (
            dt.date(2025, 1, 20),
            False,
            ("within_20_weeks", 1),
            ("within_20_weeks_ex", 1),
        ),
        # WE-10 (b): day 141, late in both.
        (dt.date(2025, 1, 21), False, ("weeks_20_to_52", 1), ("weeks_20_to_52_ex", 1)),
        # WE-10 (c): late, but an exception applies: it leaves the ex-measure.
        (dt.date(2025, 1, 21), True, ("weeks_20_to_52", 1), ("plans_issued_ex", 0)),
        # WE-10 (d): 366 days, over 52 weeks.
        (dt.date(2025, 9, 3), False, ("over_52_weeks", 1), ("over_52_weeks_ex", 1)),
    ],
    ids=["WE-10a", "WE-10b", "WE-10c", "WE-10d"],
)
def test_we_10_classification(issued, week20, inc, ex):
    """Each WE-10 plan lands in the DfE bucket the worked example gives."""
    result = timeliness([plan("a", issued, week20=week20)], **YEAR_2025)

    assert result.plans_issued == 1
    assert getattr(result, inc[0]) == inc[1]
    assert getattr(result, ex[0]) == ex[1]


def test_an_exception_never_counts_as_late_in_the_headline():
    """One late plan with an exception, one on time: the headline is 100%."""
    result = timeliness(
        [plan("a", dt.date(2025, 1, 20)), plan("b", dt.date(2025, 3, 3), week20=True)],
        **YEAR_2025,
    )

    assert (result.pc_within_20_weeks, result.pc_within_20_weeks_ex) == (0.5, 1.0)
    assert result.avg_weeks_to_issue == pytest.approx((140 + 182) / 2 / 7)
    assert result.avg_weeks_to_issue_ex == 20.0


def test_plans_outside_the_period_are_not_counted():
    """A plan counts in the period it was issued."""
    result = timeliness(
        [plan("a", dt.date(2025, 1, 20))],
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
    )

    assert result.plans_issued == 0
    assert result.pc_within_20_weeks_ex is None
    assert result.avg_weeks_to_issue is None
    assert as_percent(result.pc_within_20_weeks) == "n/a"


def test_six_week_sixteen_week_and_review_timeliness():
    """Decisions count against reg 5, reg 10 and the 4-week review limit."""
    on_time = c.Case(
        reference="a",
        received_on=RECEIVED,
        events=[
            c.AssessmentDecision(on=dt.date(2024, 10, 14), assess=True),
            c.IssueDecision(on=dt.date(2024, 12, 23), issue=False),
        ],
    )
    late = c.Case(
        reference="b",
        received_on=RECEIVED,
        events=[
            c.AssessmentDecision(on=dt.date(2024, 10, 15), assess=True),
            c.IssueDecision(on=dt.date(2024, 12, 24), issue=False),
        ],
    )
    reviewed = plan("c", dt.date(2024, 12, 1)).record(
        c.ReviewMeetingHeld(on=dt.date(2024, 12, 2))
    )
    reviewed = reviewed.record(
        c.ReviewDecision(on=dt.date(2024, 12, 30), outcome=c.ReviewOutcome.MAINTAIN)
    ).record(c.ReviewDecision(on=dt.date(2024, 12, 31), outcome=c.ReviewOutcome.AMEND))
    result = timeliness(
        [on_time, late, reviewed], start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)
    )

    assert (result.requests_decided, result.decided_within_6_weeks) == (3, 2)
    assert (result.no_plan_decisions, result.no_plan_within_16_weeks) == (2, 1)
    assert (result.review_decisions, result.review_decisions_within_4_weeks) == (2, 1)
    assert result.pc_no_plan_within_16_weeks == 0.5
    assert result.pc_decided_within_6_weeks == pytest.approx(2 / 3)
    assert result.pc_review_decisions_within_4_weeks == 0.5


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(30, 500), st.booleans()), max_size=30))
def test_buckets_partition_the_plans_and_the_ex_measure_drops_only_exceptions(plans):
    """Buckets add up to the plans issued; the ex-counts drop exactly the flagged plans."""
    cases = [
        plan(f"r{i}", RECEIVED + dt.timedelta(days=90 + extra), week20=flag)
        for i, (extra, flag) in enumerate(plans)
    ]
    result = timeliness(cases, start=RECEIVED, end=dt.date(2030, 1, 1))

    assert result.plans_issued == len(plans)
    assert result.within_20_weeks + result.weeks_20_to_52 + result.over_52_weeks == len(
        plans
    )
    assert result.plans_issued_ex == sum(1 for _, flag in plans if not flag)
    assert (
        result.within_20_weeks_ex + result.weeks_20_to_52_ex + result.over_52_weeks_ex
        == result.plans_issued_ex
    )
