import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan import cases as c
from ehcplan.cases.schedule import Step, StepDurations, latest_safe_dates
from ehcplan.errors import InvalidInput
from ehcplan.timeline import table

RECEIVED = dt.date(2024, 9, 2)


def test_done_steps_drop_out():
    """Once advice is asked for and received and a plan agreed, the rest remain."""
    case = c.Case(
        reference="EHC-1",
        received_on=RECEIVED,
        events=[
            c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True),
            c.AdviceRequested(on=dt.date(2024, 10, 8), source=c.AdviceSource.HEALTH),
            c.AdviceReceived(on=dt.date(2024, 11, 8), source=c.AdviceSource.HEALTH),
        ],
    )

    steps = [step for step, _ in latest_safe_dates(case)]

    assert steps == [
        Step.PANEL,
        Step.DRAFT_SERVED,
        Step.SCHOOL_CONSULTED,
        Step.FINAL_PLAN,
    ]


def test_the_draft_leaves_the_full_15_days_before_consultation():
    """Serving the draft on its latest date lets the reg 13(1) window end the day before."""
    case = c.Case(reference="EHC-1", received_on=RECEIVED)
    dates = dict(latest_safe_dates(case, durations=StepDurations(consultation_days=10)))

    window_end = table.REPRESENTATIONS.last_day(dates[Step.DRAFT_SERVED])
    assert window_end + dt.timedelta(days=1) == dates[Step.SCHOOL_CONSULTED]
    assert dates[Step.FINAL_PLAN] == dt.date(2025, 1, 20)


def test_a_calendar_without_an_early_enough_meeting_is_refused():
    """If every meeting is too late for week 20, say so."""
    case = c.Case(reference="EHC-1", received_on=RECEIVED)

    with pytest.raises(
        InvalidInput, match="no panel meeting falls on or before 2024-12-14"
    ):
        latest_safe_dates(case, panel_meetings=[dt.date(2025, 1, 9)])


def test_bad_durations_are_refused():
    """Durations are whole days, never negative."""
    with pytest.raises(InvalidInput, match="drafting_days must be a whole number"):
        StepDurations(drafting_days=-1)


@given(
    st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 1, 1)),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_the_latest_dates_are_in_process_order_and_end_at_week_20(
    received, consultation, drafting, papers
):
    """Each step's latest date is no later than the next one's; the last is day 140."""
    case = c.Case(reference="EHC-1", received_on=received)
    durations = StepDurations(
        consultation_days=consultation, drafting_days=drafting, papers_days=papers
    )
    dates = [day for _, day in latest_safe_dates(case, durations=durations)]

    assert dates == sorted(dates)
    assert dates[-1] == table.FINAL_PLAN.last_day(received)
