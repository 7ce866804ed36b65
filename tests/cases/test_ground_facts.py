"""The facts behind an exception ground, recorded on a case and checked in the clock report."""

import datetime as dt
import json

import pytest

from ehcplan import cases as c
from ehcplan.cases import clock_report
from ehcplan.cases.report import Status
from ehcplan.errors import EventRejected, InvalidInput
from ehcplan.timeline import (
    Closure,
    ExceptionGround,
    Limit,
    Person,
    SchoolCalendar,
)

D = dt.date
RECEIVED = D(2024, 9, 2)
NOTED = D(2024, 10, 20)
ASSESS = c.AssessmentDecision(on=D(2024, 10, 7), assess=True)
EP = c.AdviceSource.EDUCATIONAL_PSYCHOLOGY


def build(*events, received=RECEIVED):
    """A case with *events* recorded in turn."""
    case = c.Case(reference="EHC-F", received_on=received)
    for event in events:
        case = case.record(event)
    return case


def ground(limit, kind, on=NOTED):
    """A ground of *kind* against *limit*, recorded by an officer."""
    return c.ExceptionGroundRecorded(
        on=on, ground=kind, limit=limit, evidence="note N-1", decided_by="SEN manager"
    )


def absence(first, last, on=NOTED):
    """The child away from the area from *first* to *last*."""
    return c.AbsenceRecorded(
        on=on, person=Person.CHILD, first_day=first, last_day=last, evidence="CN-17"
    )


def test_reg_5_4_d_a_four_week_absence_supports_the_ground_it_is_recorded_for():
    """33 days away in the 6 weeks after a request of 2 Sep 2024: supported (reg 5(4)(d))."""
    case = build(
        absence(D(2024, 9, 9), D(2024, 10, 11)),
        ground(Limit.DECISION_TO_ASSESS, ExceptionGround.ABSENT_FROM_AREA),
    )
    report = clock_report(case, on=D(2024, 10, 21))
    (check,) = report.grounds

    assert check.supported is True
    assert check.verdicts[0].cites == ("SI 2014/1530 reg 5(4)(d)",)
    assert "33 continuous days" in check.verdicts[0].reasons[0]
    assert report.deadlines[0].status is Status.DISAPPLIED


def test_a_ground_the_facts_do_not_support_still_disapplies_the_limit():
    """The check never overrules the officer: 20 days away is short, the status stays."""
    case = build(
        absence(D(2024, 9, 9), D(2024, 9, 28)),
        ground(Limit.DECISION_TO_ASSESS, ExceptionGround.ABSENT_FROM_AREA),
    )
    report = clock_report(case, on=D(2024, 10, 21))

    assert report.grounds[0].supported is False
    assert "fewer than 28" in report.grounds[0].verdicts[0].reasons[0]
    assert report.deadlines[0].status is Status.DISAPPLIED


def test_reg_8_2_c_a_missed_appointment_is_checked_against_each_request_for_advice():
    """The advice limit: one verdict per request, only the psychologist's appointment counts."""
    case = build(
        ASSESS,
        c.AdviceRequested(on=D(2024, 10, 8), source=EP),
        c.AdviceRequested(on=D(2024, 10, 8), source=c.AdviceSource.HEALTH),
        c.MissedAppointmentRecorded(
            on=D(2024, 10, 30),
            appointment_on=D(2024, 10, 29),
            made_by=EP,
            evidence="EP service note 4",
        ),
        ground(Limit.ADVICE, ExceptionGround.MISSED_APPOINTMENT, on=D(2024, 10, 30)),
    )
    (check,) = clock_report(case, on=D(2024, 11, 1)).grounds

    assert [v.supported for v in check.verdicts] == [True, False]
    assert check.verdicts[0].cites == ("SI 2014/1530 reg 8(2)(c)",)
    assert check.supported is True


def test_reg_13_3_an_advice_request_in_a_summer_closure_supports_the_closure_ground():
    """WE-07: asked on 18 July 2025, the summer window: supported for the final plan."""
    school = SchoolCalendar(
        institution="URN 100001",
        closures=(Closure(first_closed_day=D(2025, 7, 23), reopens_on=D(2025, 9, 3)),),
    )
    case = build(
        c.AssessmentDecision(on=D(2025, 7, 14), assess=True),
        c.AdviceRequested(on=D(2025, 7, 18), source=c.AdviceSource.EDUCATION),
        c.InstitutionAdviceRequestRecorded(
            on=D(2025, 7, 18),
            asked_on=D(2025, 7, 18),
            calendar=school,
            evidence="letter AR-3",
        ),
        ground(Limit.FINAL_PLAN, ExceptionGround.SCHOOL_CLOSURE, on=D(2025, 9, 10)),
        received=D(2025, 6, 2),
    )
    (check,) = clock_report(case, on=D(2025, 9, 10)).grounds

    assert check.supported is True
    assert check.verdicts[0].cites == ("SI 2014/1530 reg 13(3), applying reg 10(4)(a)",)
    assert case == c.Case.from_json(case.to_json())


def test_reg_2a_a_coronavirus_reason_in_2020_supports_the_ground():
    """A reason on 1 June 2020, in the period of a request of 2 March 2020 (reg 2A)."""
    case = build(
        c.AssessmentDecision(on=D(2020, 4, 6), assess=True),
        c.CoronavirusImpactRecorded(
            on=D(2020, 6, 2), impact_on=D(2020, 6, 1), evidence="closure notice"
        ),
        ground(Limit.FINAL_PLAN, ExceptionGround.CORONAVIRUS_2020, on=D(2020, 6, 2)),
        received=D(2020, 3, 2),
    )
    (check,) = clock_report(case, on=D(2020, 6, 3)).grounds

    assert (check.supported, check.verdicts[0].cites) == (
        True,
        ("SI 2014/1530 reg 2A (inserted by SI 2020/471)",),
    )


def test_personal_circumstances_in_the_period_support_the_ground_for_an_officer():
    """Circumstances in the period are the fact; that they were exceptional is judged."""
    case = build(
        c.PersonalCircumstancesRecorded(
            on=D(2024, 10, 1),
            person=Person.PARENT,
            first_day=D(2024, 9, 20),
            last_day=D(2024, 9, 30),
            evidence="GP letter ref 9",
        ),
        ground(
            Limit.DECISION_TO_ASSESS, ExceptionGround.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES
        ),
    )
    (check,) = clock_report(case, on=D(2024, 10, 21)).grounds

    assert check.supported is True
    assert "exceptional is for an officer" in check.verdicts[0].reasons[0]


def test_a_ground_with_no_name_or_no_period_is_not_checked_and_says_why():
    """A SEN2 ground names no ground; a reassessment ground has no period on the case."""
    unnamed = c.ExceptionGroundRecorded(
        on=D(2024, 10, 20),
        ground=None,
        limit=Limit.FINAL_PLAN,
        evidence="SEN2 Week20",
        decided_by="SEN2 import",
    )
    case = build(
        ASSESS,
        unnamed,
        ground(Limit.REASSESSMENT, ExceptionGround.ABSENT_FROM_AREA),
        ground(Limit.ADVICE, ExceptionGround.ABSENT_FROM_AREA),
    )
    checks = clock_report(case, on=D(2024, 10, 21)).grounds

    assert checks[0].explain() == (
        "no ground named against the final plan limit, recorded 2024-10-20: not "
        "checked\n  the record does not say which ground, so no facts can be checked"
    )
    assert [(g.supported, g.note) for g in checks] == [
        (None, "the record does not say which ground, so no facts can be checked"),
        (None, "the case records no reassessment, so its period is not known"),
        (None, "no request for advice is recorded"),
    ]


def test_the_report_shows_the_check_in_its_table_and_its_json():
    """People read the verdict under the table; systems get it in the JSON."""
    case = build(
        absence(D(2024, 9, 9), D(2024, 10, 11)),
        ground(Limit.DECISION_TO_ASSESS, ExceptionGround.ABSENT_FROM_AREA),
    )
    report = clock_report(case, on=D(2024, 10, 21))
    data = json.loads(report.to_json())

    assert "absent from area against the decision to assess limit" in report.table()
    assert "the recorded facts: supported" in report.table()
    assert data["grounds"][0]["supported"] is True
    assert data["grounds"][0]["verdicts"][0]["cites"] == ["SI 2014/1530 reg 5(4)(d)"]
    assert clock_report(build(), on=RECEIVED).to_dict()["grounds"] == []


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (
            (
                c.MissedAppointmentRecorded(
                    on=D(2024, 10, 30),
                    appointment_on=D(2024, 10, 29),
                    made_by=EP,
                    evidence="note",
                ),
            ),
            "no educational psychology advice was asked for",
        ),
        (
            (
                ASSESS,
                c.InstitutionAdviceRequestRecorded(
                    on=D(2024, 10, 30),
                    asked_on=D(2024, 10, 29),
                    calendar=SchoolCalendar(institution="URN 1"),
                    evidence="letter",
                ),
            ),
            "no education advice was asked for",
        ),
        (
            (
                c.RequestWithdrawn(on=D(2024, 9, 10)),
                absence(D(2024, 9, 9), D(2024, 10, 11)),
            ),
            "the case is closed",
        ),
    ],
    ids=["appointment without advice", "school without advice", "closed case"],
)
def test_facts_the_log_cannot_hold_are_refused(events, message):
    """Each refusal names what is missing."""
    with pytest.raises(EventRejected, match=message):
        build(*events)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: absence(D(2024, 10, 11), D(2024, 9, 9)),
            r"last_day \(2024-09-09\) is before first_day",
        ),
        (
            lambda: absence(D(2024, 9, 9), D(2024, 10, 25)),
            r"last_day \(2024-10-25\) is after the day the fact is recorded",
        ),
        (
            lambda: c.CoronavirusImpactRecorded(
                on=D(2020, 6, 1), impact_on=D(2020, 6, 2), evidence="x"
            ),
            "impact_on",
        ),
        (
            lambda: c.AbsenceRecorded(
                on=D(2024, 10, 1),
                person="child",
                first_day=D(2024, 9, 9),
                last_day=D(2024, 9, 30),
                evidence="x",
            ),
            "person must be",
        ),
    ],
    ids=["swapped", "in the future", "coronavirus in the future", "person as text"],
)
def test_bad_facts_are_refused_when_made(make, message):
    """A fact with impossible dates or a wrong type is refused with the field named."""
    with pytest.raises(InvalidInput, match=message):
        make()
