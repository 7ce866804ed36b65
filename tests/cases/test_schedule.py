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


def _assessing(*events):
    """A case received on Mon 2 Sep 2024, decided on 7 Oct, then *events*."""
    case = c.Case(reference="EHC-1", received_on=RECEIVED).record(
        c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True)
    )
    for event in events:
        case = case.record(event)
    return case


def test_with_a_policy_the_panel_step_is_a_meeting_reached_by_its_cut_off():
    """Exampleshire's rap meets on Thursdays, papers 5 days before: 12 Dec, refer by 7 Dec."""
    import ehcplan as ehc

    policy = ehc.load_policy("exampleshire")
    dates = dict(latest_safe_dates(_assessing(), policy=policy, panel="rap"))

    assert dates[Step.PANEL] == dt.date(2024, 12, 12)
    assert dates[Step.PANEL_REFERRAL] == dt.date(2024, 12, 7)
    assert dates[Step.ADVICE_RECEIVED] == dt.date(2024, 12, 7)
    assert dates[Step.ADVICE_REQUESTED] == dt.date(2024, 10, 26)
    assert dates[Step.FINAL_PLAN] == dt.date(2025, 1, 20)


def test_a_referral_made_is_a_step_done_and_names_the_panel():
    """Once referred to rap, the schedule uses rap's calendar and drops the referral."""
    import ehcplan as ehc
    from ehcplan.policy import PanelRemit

    referral = c.PanelReferred(
        on=dt.date(2024, 12, 2),
        panel="rap",
        remits=[PanelRemit.WHETHER_TO_ISSUE_PLAN],
        referred_by="EHC inclusion officer",
        evidence="IAM summary",
    )
    steps = dict(
        latest_safe_dates(_assessing(referral), policy=ehc.load_policy("exampleshire"))
    )

    assert Step.PANEL_REFERRAL not in steps
    assert steps[Step.PANEL] == dt.date(2024, 12, 12)


def test_with_a_policy_and_no_referral_the_panel_must_be_named():
    """The schedule does not guess which panel's calendar applies."""
    import ehcplan as ehc

    with pytest.raises(InvalidInput, match="pass panel= with its id"):
        latest_safe_dates(_assessing(), policy=ehc.load_policy("exampleshire"))


def test_a_panel_with_no_meeting_in_time_says_so():
    """A request whose latest panel date falls before the panel's first meeting."""
    import ehcplan as ehc

    late = c.Case(reference="EHC-1", received_on=dt.date(2024, 4, 1)).record(
        c.AssessmentDecision(on=dt.date(2024, 5, 1), assess=True)
    )

    with pytest.raises(InvalidInput, match="panel rap has no meeting from"):
        latest_safe_dates(late, policy=ehc.load_policy("exampleshire"), panel="rap")


def test_after_an_order_to_make_a_plan_the_schedule_works_back_from_its_limits():
    """Order Mon 12 May 2025: draft by Mon 16 Jun, final by Mon 28 Jul (reg 44(2)(c))."""
    case = c.Case(
        reference="EHC-1",
        received_on=RECEIVED,
        events=[
            c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True),
            c.IssueDecision(on=dt.date(2024, 12, 20), issue=False),
            c.AppealRegistered(on=dt.date(2025, 1, 6)),
            c.TribunalDecision(
                on=dt.date(2025, 5, 12), order=c.TribunalOrder.MAKE_PLAN
            ),
        ],
    )
    steps = latest_safe_dates(case)

    assert [step for step, _ in steps] == [
        Step.DRAFT_SERVED,
        Step.SCHOOL_CONSULTED,
        Step.FINAL_PLAN,
    ]
    assert dict(steps)[Step.FINAL_PLAN] == dt.date(2025, 7, 28)
    assert dict(steps)[Step.DRAFT_SERVED] == dt.date(2025, 6, 16)


def test_after_an_unopposed_appeal_the_final_plan_is_due_in_14_weeks():
    """Tribunal told Wed 1 Oct 2025 it will not oppose: final plan by Wed 7 Jan 2026."""
    case = c.Case(
        reference="EHC-1",
        received_on=dt.date(2025, 1, 6),
        events=[
            c.AssessmentDecision(on=dt.date(2025, 2, 10), assess=False),
            c.AppealRegistered(on=dt.date(2025, 4, 7)),
            c.AppealNotOpposed(
                on=dt.date(2025, 10, 1), appeal=c.AppealKind.REFUSAL_TO_ASSESS
            ),
            c.AssessmentDecision(on=dt.date(2025, 10, 8), assess=True),
        ],
    )

    assert dict(latest_safe_dates(case))[Step.FINAL_PLAN] == dt.date(2026, 1, 7)


def test_a_referral_before_an_order_to_assess_does_not_count_after_it():
    """The process restarts at the order: a referral made before it is not the step."""
    import ehcplan as ehc
    from ehcplan.policy import PanelRemit

    referral = c.PanelReferred(
        on=dt.date(2024, 10, 10),
        panel="rap",
        remits=[PanelRemit.WHETHER_TO_ISSUE_PLAN],
        referred_by="EHC inclusion officer",
        evidence="IAM summary",
    )
    case = c.Case(
        reference="EHC-1",
        received_on=RECEIVED,
        events=[
            c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True),
            referral,
            c.IssueDecision(on=dt.date(2024, 12, 20), issue=False),
            c.AppealRegistered(on=dt.date(2025, 1, 6)),
            c.TribunalDecision(on=dt.date(2025, 5, 12), order=c.TribunalOrder.ASSESS),
        ],
    )
    steps = latest_safe_dates(case, policy=ehc.load_policy("exampleshire"))

    assert [step for step, _ in steps] == list(Step)
    assert dict(steps)[Step.FINAL_PLAN] == dt.date(2025, 8, 18)
    assert dict(steps)[Step.PANEL] == dt.date(2025, 7, 10)
