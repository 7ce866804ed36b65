import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan import cases as c
from ehcplan.cases.report import Status, clock_report
from ehcplan.timeline import ExceptionGround, Limit

RECEIVED = dt.date(2024, 9, 2)


def day(n):
    """The date n days after the request."""
    return RECEIVED + dt.timedelta(days=n)


def build(*events):
    """A case received on RECEIVED with these events."""
    return c.Case(reference="EHC-1", received_on=RECEIVED, events=events)


def named(report, name):
    """The one deadline of the report with this clock name."""
    (deadline,) = [d for d in report.deadlines if d.clock.name == name]
    return deadline


def statuses(report):
    """Each deadline's clock name and status."""
    return [(d.clock.name, d.status) for d in report.deadlines]


def test_a_new_request_shows_the_six_week_decision_only():
    """Before the decision, only reg 5 applies; due soon in the last 14 days."""
    report = clock_report(build(), on=day(30))

    assert statuses(report) == [("decision whether to assess", Status.DUE_SOON)]
    assert report.deadlines[0].days_remaining == 12
    assert clock_report(build(), on=day(10)).deadlines[0].status is Status.DUE


def test_an_overdue_final_plan_counts_its_days_late():
    """WE-03: a plan still not issued on 27 Jan 2025 is 7 days overdue."""
    case = build(c.AssessmentDecision(on=day(45), assess=True))
    report = clock_report(case, on=dt.date(2025, 1, 27))

    assert statuses(report) == [
        ("decision whether to assess", Status.MET_LATE),
        ("final plan", Status.OVERDUE),
    ]
    assert report.deadlines[0].days_late == 3
    assert report.deadlines[1].days_late == 7
    assert report.deadlines[1].due == dt.date(2025, 1, 20)


@pytest.mark.parametrize(
    ("issued", "status"),
    [(dt.date(2025, 1, 20), Status.MET), (dt.date(2025, 1, 21), Status.MET_LATE)],
)
def test_we_03_issued_on_day_140_is_met_and_day_141_late(issued, status):
    """The 20-week limit is met on day 140 and missed on day 141."""
    case = build(
        c.AssessmentDecision(on=day(40), assess=True),
        c.IssueDecision(on=day(100), issue=True),
        c.FinalPlanIssued(on=issued),
    )

    final = named(clock_report(case, on=dt.date(2025, 3, 1)), "final plan")
    assert final.status is status


def test_a_recorded_ground_disapplies_the_limit_but_never_moves_the_date():
    """With a reg 13(3) ground, a late plan shows 'limit disapplied' and the same due date."""
    ground = c.ExceptionGroundRecorded(
        on=day(60),
        ground=ExceptionGround.ABSENT_FROM_AREA,
        limit=Limit.FINAL_PLAN,
        evidence="letter 17",
        decided_by="SEN team manager",
    )
    case = build(c.AssessmentDecision(on=day(40), assess=True), ground)
    final = clock_report(case, on=day(150)).deadlines[-1]

    assert final.status is Status.DISAPPLIED
    assert final.due == day(140)
    assert final.ground == ground
    assert final.to_dict()["ground"]["decided_by"] == "SEN team manager"


def test_a_ground_against_another_limit_does_not_help():
    """A missed appointment excuses advice only, never the 20 weeks."""
    ground = c.ExceptionGroundRecorded(
        on=day(60),
        ground=ExceptionGround.MISSED_APPOINTMENT,
        limit=Limit.ADVICE,
        evidence="clinic letter",
        decided_by="officer",
    )
    case = build(
        c.AssessmentDecision(on=day(40), assess=True),
        c.AdviceRequested(on=day(41), source=c.AdviceSource.HEALTH),
        ground,
    )
    report = clock_report(case, on=day(150))

    assert dict(statuses(report)) == {
        "decision whether to assess": Status.MET,
        "advice": Status.DISAPPLIED,
        "final plan": Status.OVERDUE,
    }


def test_events_after_the_report_date_are_ignored():
    """A report for a past date shows what was known then."""
    case = build(
        c.AssessmentDecision(on=day(40), assess=True),
        c.IssueDecision(on=day(100), issue=True),
        c.FinalPlanIssued(on=day(130)),
    )

    assert clock_report(case, on=day(129)).deadlines[-1].status is Status.DUE_SOON
    assert clock_report(case, on=day(129)).stage is c.Stage.DRAFTING


def test_the_whole_journey_lists_every_deadline_that_applies():
    """Advice, draft, consultation, review and amendment deadlines all appear."""
    case = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.AdviceRequested(on=day(36), source=c.AdviceSource.EDUCATIONAL_PSYCHOLOGY),
        c.AdviceReceived(on=day(90), source=c.AdviceSource.EDUCATIONAL_PSYCHOLOGY),
        c.IssueDecision(on=day(95), issue=True),
        c.DraftServed(on=day(98)),
        c.SchoolConsulted(on=day(113), institution="URN 1"),
        c.FinalPlanIssued(on=day(140)),
        c.ReviewMeetingHeld(on=day(480)),
        c.ReviewDecision(on=day(500), outcome=c.ReviewOutcome.AMEND),
    )
    report = clock_report(case, on=day(520))

    assert statuses(report) == [
        ("decision whether to assess", Status.MET),
        ("advice", Status.MET_LATE),
        ("representations on the draft", Status.MET),
        ("school consultation", Status.OVERDUE),
        ("final plan", Status.MET),
        ("annual review", Status.MET),
        ("review decision", Status.MET),
        ("amended plan", Status.DUE),
        ("annual review", Status.DUE),
    ]


def test_each_review_restarts_the_twelve_months():
    """The next review is due within 12 months of the last review decision (s44(1))."""
    case = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.IssueDecision(on=day(95), issue=True),
        c.FinalPlanIssued(on=day(140)),
        c.ReviewDecision(on=day(400), outcome=c.ReviewOutcome.MAINTAIN),
    )
    reviews = [
        d
        for d in clock_report(case, on=day(800)).deadlines
        if d.clock.name == "annual review"
    ]

    assert [(d.trigger, d.status) for d in reviews] == [
        (day(140), Status.MET),
        (day(400), Status.OVERDUE),
    ]
    assert reviews[1].due == dt.date(2026, 10, 6)


def test_an_open_draft_window_is_due_until_it_ends():
    """The 15 days for representations show as due while they run."""
    case = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.IssueDecision(on=day(95), issue=True),
        c.DraftServed(on=day(98)),
    )

    draft = [
        d
        for d in clock_report(case, on=day(100)).deadlines
        if d.clock.name.startswith("rep")
    ]
    assert draft[0].status is Status.DUE_SOON
    assert draft[0].due == day(112)


def test_a_no_plan_decision_replaces_the_20_weeks_with_the_16():
    """Only a decision not to issue has the 16-week limit."""
    case = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.IssueDecision(on=day(120), issue=False),
    )

    report = clock_report(case, on=day(130))

    assert named(report, "no-plan notice").status is Status.MET_LATE
    assert "final plan" not in {d.clock.name for d in report.deadlines}


@pytest.mark.parametrize(
    ("order", "names"),
    [
        (c.TribunalOrder.ASSESS, {"order to assess: final plan"}),
        (
            c.TribunalOrder.MAKE_PLAN,
            {"order to make a plan: draft", "order to make a plan: final"},
        ),
    ],
)
def test_tribunal_orders_bring_the_reg_44_limits(order, names):
    """After an order, reg 44's limits run from the order."""
    case = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.IssueDecision(on=day(100), issue=False),
        c.AppealRegistered(on=day(130)),
        c.TribunalDecision(on=day(300), order=order),
    )
    report = clock_report(case, on=day(310))

    assert names <= {d.clock.name for d in report.deadlines}
    assert "final plan" not in {d.clock.name for d in report.deadlines}


def test_a_no_plan_decision_after_an_order_to_assess_has_10_weeks():
    """After an order to assess, deciding not to issue is due within 10 weeks (reg 44(2))."""
    case = build(
        c.AssessmentDecision(on=day(10), assess=False),
        c.AppealRegistered(on=day(40)),
        c.TribunalDecision(on=day(200), order=c.TribunalOrder.ASSESS),
        c.IssueDecision(on=day(200 + 71), issue=False),
    )
    report = clock_report(case, on=day(280))

    notice = named(report, "order to assess: no-plan notice")
    assert (notice.due, notice.status) == (day(270), Status.MET_LATE)
    assert "order to assess: final plan" not in {d.clock.name for d in report.deadlines}


def test_a_withdrawn_request_has_no_open_deadlines():
    """Withdrawal before the decision ends the clocks."""
    report = clock_report(build(c.RequestWithdrawn(on=day(5))), on=day(100))

    assert report.deadlines == ()
    assert report.stage is c.Stage.WITHDRAWN


def test_the_report_renders_as_a_table_and_as_json():
    """People get a table; systems get JSON with the citation of each deadline."""
    case = build(c.AssessmentDecision(on=day(45), assess=True))
    report = clock_report(case, on=dt.date(2025, 1, 27))
    data = json.loads(report.to_json())

    assert "overdue" in report.table()
    assert "+7" in report.table()
    assert data["deadlines"][1]["cites"] == "SI 2014/1530 reg 13(2)"
    assert data["deadlines"][1]["rule"].startswith("the local authority must issue")
    assert data["stage"] == "assessing"


@settings(max_examples=150)
@given(st.integers(0, 60), st.integers(0, 400), st.integers(0, 500))
def test_status_agrees_with_the_dates(decided, issued_after, on):
    """Met iff done by the due date; overdue iff open past it."""
    events = [c.AssessmentDecision(on=day(decided), assess=True)]
    if issued_after < 400:
        events += [
            c.IssueDecision(on=day(decided + issued_after), issue=True),
            c.FinalPlanIssued(on=day(decided + issued_after)),
        ]
    for deadline in clock_report(build(*events), on=day(decided + on)).deadlines:
        if deadline.done_on is not None:
            assert (deadline.status is Status.MET) == (deadline.done_on <= deadline.due)
        else:
            assert (deadline.status is Status.OVERDUE) == (
                day(decided + on) > deadline.due
            )


def test_a_plan_issued_late_under_a_ground_shows_the_limit_disapplied():
    """Done late with a ground recorded: 'limit disapplied', with the days late kept."""
    case = build(
        c.AssessmentDecision(on=day(40), assess=True),
        c.ExceptionGroundRecorded(
            on=day(60),
            ground=ExceptionGround.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES,
            limit=Limit.FINAL_PLAN,
            evidence="note 4",
            decided_by="officer",
        ),
        c.IssueDecision(on=day(100), issue=True),
        c.FinalPlanIssued(on=day(150)),
    )
    final = named(clock_report(case, on=day(200)), "final plan")

    assert (final.status, final.days_late) == (Status.DISAPPLIED, 10)


def test_a_dismissed_appeal_adds_no_reg_44_deadline():
    """A dismissal orders nothing, so no reg 44 limit appears; the appeal was in time."""
    case = build(
        c.AssessmentDecision(on=day(40), assess=False),
        c.AppealRegistered(on=day(60)),
        c.TribunalDecision(on=day(200), order=c.TribunalOrder.DISMISSED),
    )

    assert statuses(clock_report(case, on=day(210))) == [
        ("decision whether to assess", Status.MET),
        ("appeal to the Tribunal", Status.MET),
    ]


def test_the_appeal_window_shows_while_open_and_moves_with_a_certificate():
    """After a refusal the family's window is shown; a later certificate extends it."""
    refused = build(c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=False))
    window = named(
        clock_report(refused, on=dt.date(2024, 11, 1)), "appeal to the Tribunal"
    )
    certified = refused.record(c.MediationRequested(on=dt.date(2024, 11, 20))).record(
        c.MediationCertificateIssued(on=dt.date(2024, 12, 2))
    )
    longer = named(
        clock_report(certified, on=dt.date(2024, 12, 3)), "appeal to the Tribunal"
    )

    assert (window.due, window.status) == (dt.date(2024, 12, 9), Status.DUE)
    assert longer.due == dt.date(2025, 1, 2)
    assert "appeal to the Tribunal" not in {
        d.clock.name for d in clock_report(refused, on=dt.date(2025, 3, 1)).deadlines
    }


def test_a_ceased_plan_has_no_next_review():
    """Once the plan has ceased, no annual review is due."""
    case = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.IssueDecision(on=day(95), issue=True),
        c.FinalPlanIssued(on=day(140)),
        c.PlanCeased(on=day(300), reason=c.CeaseReason.TRANSFERRED),
    )

    assert "annual review" not in {
        d.clock.name for d in clock_report(case, on=day(600)).deadlines
    }


def test_a_report_before_the_request_is_refused():
    """No clock has started before the request is received: the date is refused."""
    from ehcplan.errors import InvalidInput

    case = c.Case(reference="EHC-1", received_on=dt.date(2024, 9, 2))

    with pytest.raises(InvalidInput, match="before the request was received"):
        clock_report(case, on=dt.date(2024, 9, 1))
    assert clock_report(case, on=dt.date(2024, 9, 2)).deadlines


def test_the_family_meeting_follows_a_panel_not_the_reg_10_notice_alone():
    """Seed 000's meeting follows the panel's decision; a bare notice (as SEN2 has it) sets none."""
    from ehcplan.policy import PanelRemit

    notice_only = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.IssueDecision(on=day(100), issue=False),
    )
    seed_000 = build(
        c.AssessmentDecision(on=day(35), assess=True),
        c.PanelReferred(
            on=day(90),
            panel="rap",
            remits=[PanelRemit.WHETHER_TO_ISSUE_PLAN],
            referred_by="EHC inclusion officer",
            evidence="IAM summary",
        ),
        c.PanelPlanDecision(
            on=day(100),
            panel="rap",
            agreed=False,
            reasons="needs met at SEN support",
            decided_by="panel chair",
            evidence="IAM summary",
        ),
    )
    seed = {"family meeting", "written decision and summary"}

    assert not seed & {
        d.clock.name for d in clock_report(notice_only, on=day(130)).deadlines
    }
    assert named(clock_report(seed_000, on=day(105)), "family meeting").due == day(112)
