import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.timeline import (
    GROUNDS_BY_LIMIT,
    Absence,
    Closure,
    CoronavirusImpact,
    ExceptionGround,
    InstitutionAdviceRequest,
    Limit,
    MissedAppointment,
    Person,
    PersonalCircumstances,
    SchoolCalendar,
    supports,
)
from ehcplan.timeline.facts import FACT_TESTS, GROUND_CITES, period

G = ExceptionGround
RECEIVED = dt.date(2024, 9, 2)  # Mon: the request (WE-01, WE-03)
# WE-07: closed Wed 23 Jul to Tue 2 Sep 2025, reopening Wed 3 Sep 2025.
SUMMER = Closure(first_closed_day=dt.date(2025, 7, 23), reopens_on=dt.date(2025, 9, 3))
SCHOOL = SchoolCalendar(institution="URN 100001", closures=(SUMMER,))
NURSERY = SchoolCalendar(institution="EY 300001", closures=(SUMMER,))


def away(first, last, person=Person.CHILD, evidence="case note CN-1"):
    """An absence from the area, both days inclusive."""
    return Absence(person=person, first_day=first, last_day=last, evidence=evidence)


def test_the_period_is_the_days_after_the_trigger_to_the_last_day():
    """'Within 6 weeks of receiving the request' runs over the 42 days after it."""
    assert period(Limit.DECISION_TO_ASSESS, RECEIVED) == (
        dt.date(2024, 9, 3),
        dt.date(2024, 10, 14),
    )
    assert period(Limit.FINAL_PLAN, RECEIVED)[1] == dt.date(2025, 1, 20)


@pytest.mark.parametrize(
    ("first", "last", "supported"),
    [
        (dt.date(2024, 9, 3), dt.date(2024, 9, 30), True),  # 28 days, all inside
        (dt.date(2024, 9, 3), dt.date(2024, 9, 29), False),  # 27 days
        (dt.date(2024, 9, 2), dt.date(2024, 9, 29), False),  # the day of receipt is out
        (dt.date(2024, 9, 17), dt.date(2024, 10, 14), True),  # ends on the last day
        (dt.date(2024, 9, 18), dt.date(2024, 11, 30), False),  # 27 days inside
    ],
)
def test_absence_needs_four_continuous_weeks_inside_the_period(first, last, supported):
    """SI 2014/1530 reg 5(4)(d): a continuous period of not less than 4 weeks during it."""
    verdict = supports(
        G.ABSENT_FROM_AREA,
        Limit.DECISION_TO_ASSESS,
        [away(first, last)],
        trigger=RECEIVED,
    )

    assert verdict.supported is supported
    assert verdict.cites == ("SI 2014/1530 reg 5(4)(d)",)


def test_records_of_one_continuous_absence_are_joined():
    """Two records that touch are one stay; another person's absence never adds to it."""
    first = away(dt.date(2024, 9, 3), dt.date(2024, 9, 16), evidence="CN-1")
    second = away(dt.date(2024, 9, 17), dt.date(2024, 9, 30), evidence="CN-2")
    parent = away(
        dt.date(2024, 10, 1), dt.date(2024, 10, 14), Person.PARENT, evidence="CN-3"
    )

    joined = supports(
        G.ABSENT_FROM_AREA,
        Limit.NO_PLAN_NOTICE,
        [second, parent, first],
        trigger=RECEIVED,
    )
    apart = supports(
        G.ABSENT_FROM_AREA, Limit.NO_PLAN_NOTICE, [first, parent], trigger=RECEIVED
    )

    assert (joined.supported, joined.facts) == (True, (first, second))
    assert "28 continuous days in the period" in joined.reasons[0]
    assert "(CN-1, CN-2)" in joined.reasons[0]
    assert apart.supported is False
    assert joined.cites == ("SI 2014/1530 reg 10(4)(d)",)


def test_absence_during_a_bodys_six_weeks_excuses_its_advice():
    """SI 2014/1530 reg 8(2)(b): 4 weeks away in the body's own 6 weeks."""
    asked = dt.date(2024, 10, 8)  # the body receives the request
    verdict = supports(
        G.ABSENT_FROM_AREA,
        Limit.ADVICE,
        [away(dt.date(2024, 10, 20), dt.date(2024, 11, 19))],
        trigger=asked,
    )

    assert (verdict.supported, verdict.cites) == (True, ("SI 2014/1530 reg 8(2)(b)",))


@pytest.mark.parametrize(
    ("requested_on", "early_years", "ground", "supported"),
    [
        (dt.date(2025, 7, 18), False, G.SCHOOL_CLOSURE, True),  # WE-07: available
        (dt.date(2025, 7, 9), False, G.SCHOOL_CLOSURE, False),  # WE-07: not
        (dt.date(2025, 8, 27), True, G.EARLY_YEARS_CLOSURE, True),  # last day
        (
            dt.date(2025, 7, 18),
            True,
            G.SCHOOL_CLOSURE,
            False,
        ),  # a nursery, not a school
        (dt.date(2025, 7, 18), False, G.EARLY_YEARS_CLOSURE, False),
    ],
)
def test_the_closure_grounds_read_the_institutions_calendar(
    requested_on, early_years, ground, supported
):
    """WE-07 and SI 2014/1530 reg 10(4)(a)-(b): the request window of a 4-week closure."""
    request = InstitutionAdviceRequest(
        on=requested_on,
        calendar=NURSERY if early_years else SCHOOL,
        early_years=early_years,
        evidence="advice request AR-7",
    )

    verdict = supports(ground, Limit.FINAL_PLAN, [request], trigger=dt.date(2025, 6, 2))

    assert verdict.supported is supported
    assert verdict.cites[0].startswith("SI 2014/1530 reg 13(3), applying reg 10(4)(")


def test_a_closure_request_outside_the_limit_does_not_count():
    """Advice asked before the request arrived, or after the limit ended, is not this limit's."""
    request = InstitutionAdviceRequest(
        on=dt.date(2025, 7, 18), calendar=SCHOOL, evidence="AR-8"
    )

    early = supports(
        G.SCHOOL_CLOSURE,
        Limit.DECISION_TO_ASSESS,
        [request],
        trigger=dt.date(2025, 7, 21),
    )
    late = supports(
        G.SCHOOL_CLOSURE,
        Limit.DECISION_TO_ASSESS,
        [request],
        trigger=dt.date(2025, 5, 1),
    )

    assert (early.supported, late.supported) == (False, False)
    assert "outside" in early.reasons[0]
    assert late.cites == ("SI 2014/1530 reg 5(4)(a)",)


def test_a_reassessment_closure_cites_reg_27():
    """SI 2014/1530 reg 27(3)(a): the same test for the 14 weeks after a reassessment."""
    request = InstitutionAdviceRequest(
        on=dt.date(2025, 7, 18), calendar=SCHOOL, evidence="AR-9"
    )

    verdict = supports(
        G.SCHOOL_CLOSURE, Limit.REASSESSMENT, [request], trigger=dt.date(2025, 7, 1)
    )

    assert (verdict.supported, verdict.cites) == (True, ("SI 2014/1530 reg 27(3)(a)",))
    assert "closed 42 days" in verdict.reasons[0]


@pytest.mark.parametrize(
    ("first", "last", "supported"),
    [
        (dt.date(2024, 12, 1), dt.date(2024, 12, 1), True),  # one day inside
        (dt.date(2024, 8, 1), dt.date(2024, 9, 3), True),  # overlaps the first day
        (dt.date(2024, 8, 1), dt.date(2024, 9, 2), False),  # ends on the day of receipt
        (dt.date(2025, 1, 21), dt.date(2025, 3, 1), False),  # after the 20 weeks
    ],
)
def test_personal_circumstances_must_fall_in_the_period(first, last, supported):
    """SI 2014/1530 reg 10(4)(c), via 13(3): circumstances 'during that time period'."""
    fact = PersonalCircumstances(
        person=Person.PARENT, first_day=first, last_day=last, evidence="case note CN-9"
    )

    verdict = supports(
        G.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES, Limit.FINAL_PLAN, [fact], trigger=RECEIVED
    )

    assert verdict.supported is supported
    assert verdict.cites == ("SI 2014/1530 reg 13(3), applying reg 10(4)(c)",)
    if supported:
        assert "whether they were exceptional is for an officer" in verdict.reasons[0]


def _missed(on=dt.date(2024, 11, 1), made_by="EP"):
    return MissedAppointment(on=on, made_by=made_by, evidence="A1")


@pytest.mark.parametrize(
    ("missed", "asked", "supported", "says"),
    [
        (_missed(), "EP", True, "not kept"),
        (_missed(made_by="health"), "EP", False, "not by EP"),
        (_missed(on=dt.date(2024, 11, 20)), "EP", False, "outside"),
        (_missed(), None, False, "asked="),
    ],
)
def test_a_missed_appointment_counts_only_for_the_body_that_made_it(
    missed, asked, supported, says
):
    """SI 2014/1530 reg 8(2)(c): an appointment made by the body, in its 6 weeks."""
    verdict = supports(
        G.MISSED_APPOINTMENT,
        Limit.ADVICE,
        [missed],
        trigger=dt.date(2024, 10, 8),
        asked=asked,
    )

    assert verdict.supported is supported
    assert says in verdict.reasons[0]
    assert verdict.cites == ("SI 2014/1530 reg 8(2)(c)",)


def test_a_missed_appointment_never_excuses_the_twenty_weeks():
    """Reg 8(2)(c) excuses only the advice limit; the verdict says so and cites nothing."""
    missed = MissedAppointment(on=dt.date(2024, 11, 1), made_by="EP", evidence="A1")

    verdict = supports(
        G.MISSED_APPOINTMENT, Limit.FINAL_PLAN, [missed], trigger=RECEIVED
    )

    assert (verdict.supported, verdict.cites, verdict.facts) == (False, (), ())
    assert "does not allow this ground for this limit" in verdict.reasons[0]


@pytest.mark.parametrize(
    ("received", "on", "supported", "says"),
    [
        (dt.date(2020, 3, 2), dt.date(2020, 5, 4), True, "in the period"),
        (dt.date(2020, 3, 2), dt.date(2020, 4, 20), False, "outside"),  # before 1 May
        (dt.date(2020, 10, 1), dt.date(2020, 10, 5), False, "does not reach"),
        (dt.date(2019, 9, 2), dt.date(2020, 5, 4), False, "does not reach"),
    ],
)
def test_the_coronavirus_exception_covers_1_may_to_25_september_2020(
    received, on, supported, says
):
    """SI 2014/1530 reg 2A (SI 2020/471): a coronavirus reason inside both periods."""
    impact = CoronavirusImpact(on=on, evidence="staff absence log SA-2")

    verdict = supports(G.CORONAVIRUS_2020, Limit.FINAL_PLAN, [impact], trigger=received)

    assert verdict.supported is supported
    assert says in verdict.reasons[0]
    assert verdict.cites == ("SI 2014/1530 reg 2A (inserted by SI 2020/471)",)


@pytest.mark.parametrize("ground", list(ExceptionGround))
def test_no_facts_support_no_ground(ground):
    """With nothing recorded, every ground's verdict is 'not supported', with a reason."""
    verdict = supports(
        ground, Limit.ADVICE, [], trigger=dt.date(2020, 5, 1), asked="EP"
    )

    assert verdict.supported is False
    assert len(verdict.reasons) == 1


def test_the_explanation_names_the_ground_the_period_and_what_is_left_to_decide():
    """explain() is a case note: verdict, provisions, one line per fact, the caveat."""
    verdict = supports(
        G.ABSENT_FROM_AREA,
        Limit.DECISION_TO_ASSESS,
        [away(dt.date(2024, 9, 9), dt.date(2024, 10, 11))],
        trigger=RECEIVED,
    )

    assert verdict.explain().splitlines() == [
        "absent from area for the decision to assess limit (2024-09-03 to "
        "2024-10-14): supported (SI 2014/1530 reg 5(4)(d))",
        "  the child was away from the area 2024-09-09 to 2024-10-11: 33 continuous "
        "days in the period, at least the 28 the law asks (case note CN-1)",
        "  the facts alone never disapply a limit: an officer decides whether "
        "meeting it was impractical because of the ground, and records the ground "
        "with its evidence",
    ]


def test_every_allowed_pair_has_its_paragraph_and_every_ground_its_fact_test():
    """GROUND_CITES matches GROUNDS_BY_LIMIT pair by pair; FACT_TESTS covers every ground."""
    pairs = {(g, limit) for limit, grounds in GROUNDS_BY_LIMIT.items() for g in grounds}

    assert set(GROUND_CITES) == pairs
    assert set(FACT_TESTS) == set(ExceptionGround)


def _swapped():
    return away(dt.date(2024, 9, 30), dt.date(2024, 9, 3))


def _no_evidence():
    return away(dt.date(2024, 9, 3), dt.date(2024, 9, 30), evidence=" ")


def _text_date():
    return CoronavirusImpact(on="2020-05-04", evidence="x")


def _not_a_fact():
    return supports(G.ABSENT_FROM_AREA, Limit.ADVICE, ["away"], trigger=RECEIVED)


@pytest.mark.parametrize(
    ("make", "message", "field"),
    [
        (_swapped, "is before first_day", "last_day"),
        (_no_evidence, "evidence must be non-empty", "evidence"),
        (_text_date, "on must be", "on"),
        (_not_a_fact, "facts\\[0\\] must be one of", "facts"),
    ],
)
def test_bad_facts_are_refused_with_the_field_named(make, message, field):
    """A fact with impossible dates, no evidence or the wrong type is refused."""
    with pytest.raises(InvalidInput, match=message) as caught:
        make()

    assert caught.value.field == field


some_days = st.integers(0, 200)


@given(start=some_days, length=st.integers(0, 120), more=st.integers(0, 60))
def test_a_longer_absence_never_loses_the_ground(start, length, more):
    """Extending an absence at its end can only add continuous days inside the period."""
    first = RECEIVED + dt.timedelta(days=start)
    short = away(first, first + dt.timedelta(days=length))
    long = away(first, first + dt.timedelta(days=length + more))

    before = supports(G.ABSENT_FROM_AREA, Limit.FINAL_PLAN, [short], trigger=RECEIVED)
    after = supports(G.ABSENT_FROM_AREA, Limit.FINAL_PLAN, [long], trigger=RECEIVED)

    assert after.supported or not before.supported


@given(
    ground=st.sampled_from(list(ExceptionGround)),
    limit=st.sampled_from(list(Limit)),
    start=some_days,
)
def test_a_verdict_is_supported_only_by_facts_it_was_given_for_an_allowed_ground(
    ground, limit, start
):
    """Whatever the facts, an unsupported pair is never supported, and facts are the inputs."""
    day = RECEIVED + dt.timedelta(days=start)
    facts = [
        away(day, day + dt.timedelta(days=40)),
        PersonalCircumstances(
            person=Person.CHILD, first_day=day, last_day=day, evidence="c"
        ),
        MissedAppointment(on=day, made_by="EP", evidence="m"),
        InstitutionAdviceRequest(on=day, calendar=SCHOOL, evidence="r"),
        CoronavirusImpact(on=day, evidence="v"),
    ]

    verdict = supports(ground, limit, facts, trigger=RECEIVED, asked="EP")

    assert set(verdict.facts) <= set(facts)
    assert verdict.supported == bool(verdict.facts)
    if ground not in GROUNDS_BY_LIMIT[limit]:
        assert not verdict.supported


@pytest.mark.parametrize("ground", [G.SCHOOL_CLOSURE, G.EARLY_YEARS_CLOSURE])
def test_a_closure_ground_without_an_advice_request_says_so(ground):
    """SI 2014/1530 reg 10(4)(a)-(b) read a request to the institution: none, no ground."""
    verdict = supports(ground, Limit.NO_PLAN_NOTICE, [], trigger=RECEIVED)

    assert (verdict.supported, verdict.reasons) == (
        False,
        ("no advice request to a school or setting is recorded",),
    )
