import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan import dates
from ehcplan.errors import InvalidInput
from ehcplan.timeline import (
    ENGLAND_AND_WALES,
    AppealDeadline,
    appeal_deadline,
    count_days_excluding_august_and_christmas,
)

D = dt.date
DEADLINES = [
    # (id, decision sent on, certificate issued on, due, the rule that decides it)
    ("WE-18a", D(2025, 3, 10), None, D(2025, 5, 12), "(r.12(2))"),
    ("WE-18b", D(2025, 3, 10), D(2025, 5, 2), D(2025, 6, 2), "(r.20(1)(c))"),
    ("WE-18c", D(2025, 3, 10), D(2025, 3, 20), D(2025, 5, 12), "(r.12(2))"),
    # 2 months end on Fri 15 Aug 2025: first working day after 31 August.
    ("august", D(2025, 6, 15), None, D(2025, 9, 1), "(r.12(3)(a))"),
    # 2 months end on Sat 27 Dec 2025: first working day after 1 January.
    ("christmas", D(2025, 10, 27), None, D(2026, 1, 2), "(r.12(3)(a))"),
    # 2 months end on 1 Jan 2026 itself: still the Christmas rule.
    ("new-year", D(2025, 11, 1), None, D(2026, 1, 2), "(r.12(3)(a))"),
    # Sat 31 Jul 2027 -> Mon 2 Aug 2027 (r.12(2)) -> in August -> Wed 1 Sep 2027.
    ("moved-into-august", D(2027, 5, 31), None, D(2027, 9, 1), "(r.12(3)(a))"),
    # Sat 24 Dec 2022 -> Wed 28 Dec 2022 (r.12(2)) -> after 1 January: Mon 2 Jan 2023
    # is the substitute New Year's Day, so Tue 3 Jan 2023.
    ("moved-into-christmas", D(2022, 10, 24), None, D(2023, 1, 3), "(r.12(3)(a))"),
    # A certificate's month ending in August is moved the same way.
    ("cert-august", D(2025, 3, 10), D(2025, 7, 30), D(2025, 9, 1), "(r.12(3)(a))"),
    # 31 December + 2 months is the last day of February, a Friday.
    ("month-end", D(2024, 12, 31), None, D(2025, 2, 28), "(SI 2008/2699 r.20(1)(c))"),
    # 2 months end on Good Friday, Fri 18 Apr 2025: Easter Monday too, so Tue 22 Apr.
    ("good-friday", D(2025, 2, 18), None, D(2025, 4, 22), "(r.12(2))"),
]


@pytest.mark.parametrize(
    ("decision_sent_on", "certificate_issued_on", "expected", "rule"),
    [pytest.param(*row[1:], id=row[0]) for row in DEADLINES],
)
def test_appeal_deadlines_match_the_worked_examples(
    decision_sent_on, certificate_issued_on, expected, rule
):
    """Each deadline is as worked by hand, and its last rule is the one that decides it."""
    actual = appeal_deadline(
        decision_sent_on, certificate_issued_on=certificate_issued_on
    )

    assert actual.due == expected
    assert actual.cutoff == "17:00"
    assert actual.steps[-2].endswith(rule)


def test_we_18a_explains_every_step_with_its_rule():
    """WE-18(a): Sat 10 May 2025 moves to Mon 12 May 2025, 5pm."""
    actual = appeal_deadline(dt.date(2025, 3, 10))

    assert actual == AppealDeadline(
        due=dt.date(2025, 5, 12),
        cutoff="17:00",
        steps=(
            "2 months after the decision was sent: Sat 10 May 2025 (SI 2008/2699 r.20(1)(c))",
            "not a working day, so the next working day: Mon 12 May 2025 (r.12(2))",
            "due by 17:00 on Mon 12 May 2025 (r.12(1))",
        ),
    )


def test_a_day_moved_into_christmas_is_explained_step_by_step():
    """Sat 24 Dec 2022: r.12(2) gives Wed 28 Dec, then r.12(3)(a) gives Tue 3 Jan 2023."""
    actual = appeal_deadline(dt.date(2022, 10, 24)).steps

    assert actual == (
        "2 months after the decision was sent: Sat 24 Dec 2022 (SI 2008/2699 r.20(1)(c))",
        "not a working day, so the next working day: Wed 28 Dec 2022 (r.12(2))",
        "between 25 December and 1 January, so the first working day after 1 January: "
        "Tue 3 Jan 2023 (r.12(3)(a))",
        "due by 17:00 on Tue 3 Jan 2023 (r.12(1))",
    )


def test_we_20_the_certificate_is_due_within_three_working_days():
    """WE-20: told on Thu 17 Apr 2025, skipping Good Friday and Easter Monday: Thu 24 Apr."""
    actual = dates.add_working_days(dt.date(2025, 4, 17), 3, holidays=ENGLAND_AND_WALES)

    assert actual == dt.date(2025, 4, 24)


def test_the_holidays_can_be_replaced():
    """With no holidays passed, Good Friday 18 Apr 2025 counts as a working day."""
    actual = appeal_deadline(dt.date(2025, 2, 18), holidays=frozenset())

    assert actual.due == dt.date(2025, 4, 18)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"decision_sent_on": D(2025, 3, 10), "certificate_issued_on": D(2025, 3, 9)},
            r"certificate_issued_on \(2025-03-09\) is before decision_sent_on \(2025-03-10\); "
            r"a mediation certificate follows the decision",
        ),
        (
            {"decision_sent_on": dt.datetime(2025, 3, 10, 9, tzinfo=dt.UTC)},
            "decision_sent_on must be a date, not a datetime",
        ),
        (
            {"decision_sent_on": dt.date(2025, 3, 10), "certificate_issued_on": "2025-05-02"},
            "certificate_issued_on must be a datetime.date, got str",
        ),
    ],
)  # fmt: skip
def test_impossible_dates_are_refused(kwargs, message):
    """A certificate before its decision, or a non-date, is refused with what to check."""
    with pytest.raises(InvalidInput, match=message):
        appeal_deadline(**kwargs)


@given(
    st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 6, 30)),
    st.one_of(st.none(), st.integers(0, 120)),
)
def test_the_due_date_is_a_working_day_outside_august_and_christmas(sent, later_by):
    """Never before 2 months, always a working day, never in August or 25 Dec-1 Jan."""
    issued = None if later_by is None else sent + dt.timedelta(days=later_by)

    due = appeal_deadline(sent, certificate_issued_on=issued).due

    assert due >= dates.add_months(sent, 2)
    if issued is not None:
        assert due >= dates.add_months(issued, 1)
    assert dates.is_working_day(due, ENGLAND_AND_WALES)
    assert due.month != 8
    assert not (due.month == 12 and due.day >= 25)
    assert not (due.month == 1 and due.day == 1)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # 22-31 July (10 days), August not counted, then 1-4 September.
        (dt.date(2025, 7, 21), 14, dt.date(2025, 9, 4)),
        # 16-24 December (9 days), 25 Dec-1 Jan not counted, then 2-6 January.
        (dt.date(2025, 12, 15), 14, dt.date(2026, 1, 6)),
        # Starting inside August: counting begins on 1 September.
        (dt.date(2025, 8, 10), 1, dt.date(2025, 9, 1)),
        # Outside both periods the count is plain calendar days.
        (dt.date(2025, 3, 10), 14, dt.date(2025, 3, 24)),
    ],
)
def test_other_acts_do_not_count_august_or_christmas(start, days, expected):
    """r.12(3)(b): days in August and 25 Dec-1 Jan are not counted."""
    assert count_days_excluding_august_and_christmas(start, days) == expected


@pytest.mark.parametrize("days", [0, -1, 2.5, True])
def test_a_count_of_fewer_than_one_day_is_refused(days):
    """The number of days must be a whole number of at least 1."""
    with pytest.raises(
        InvalidInput, match=r"days must be a whole number, at least 1"
    ) as caught:
        count_days_excluding_august_and_christmas(dt.date(2025, 7, 21), days)

    assert caught.value.field == "days"


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.integers(1, 400),
)
def test_a_counted_period_never_ends_in_august_or_christmas(start, days):
    """The day returned is itself a counted day, and no earlier than plain counting."""
    actual = count_days_excluding_august_and_christmas(start, days)

    assert actual.month != 8
    assert not (actual.month == 12 and actual.day >= 25)
    assert not (actual.month == 1 and actual.day == 1)
    assert actual >= start + dt.timedelta(days=days)
