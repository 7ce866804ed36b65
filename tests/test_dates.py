import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan import dates
from ehcplan.errors import InvalidInput

some_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2024, 12, 31), 2, dt.date(2025, 2, 28)),
        (dt.date(2023, 12, 31), 2, dt.date(2024, 2, 29)),
        (dt.date(2025, 3, 10), 2, dt.date(2025, 5, 10)),
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2025, 3, 31), 1, dt.date(2025, 4, 30)),
        (dt.date(2025, 3, 31), -1, dt.date(2025, 2, 28)),
        (dt.date(2025, 5, 2), 1, dt.date(2025, 6, 2)),
    ],
)
def test_months_are_added_with_end_of_month_clamping(start, months, expected):
    """31 December + 2 months is the last day of February: pinned against upgrades."""
    assert dates.add_months(start, months) == expected


def test_weeks_and_days_are_calendar_weeks_and_days():
    """Weeks run through weekends and holidays: 20 weeks from 2 Sep 2024 is 20 Jan 2025."""
    assert dates.add_weeks(dt.date(2024, 9, 2), 20) == dt.date(2025, 1, 20)
    assert dates.add_days(dt.date(2024, 9, 2), 42) == dt.date(2024, 10, 14)
    assert dates.days_between(dt.date(2024, 9, 2), dt.date(2025, 1, 21)) == 141


def test_pendulum_dates_are_accepted_and_plain_dates_returned():
    """A pendulum.Date goes in; a datetime.date comes out."""
    result = dates.add_days(pendulum.date(2024, 9, 2), 1)

    assert type(result) is dt.date
    assert type(dates.to_date(pendulum.date(2024, 9, 2))) is dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-09-02", dt.date(2024, 9, 2)),
        ("02/09/2024", dt.date(2024, 9, 2)),
        ("2/9/2024", dt.date(2024, 9, 2)),
        (" 2024-09-02\n", dt.date(2024, 9, 2)),
    ],
)
def test_iso_and_uk_dates_are_parsed(text, expected):
    """ISO dates and day-first slashed dates are both read."""
    assert dates.parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "2024-02-30", "31/02/2024", "09/02/24", "20240902", "2 Sept 2024", "1/2/3/4"],
)
def test_anything_else_is_refused_with_the_forms_expected(text):
    """Unreal or ambiguous dates raise InvalidInput naming the field and the forms."""
    with pytest.raises(
        InvalidInput, match="StartDate: .* expected YYYY-MM-DD"
    ) as caught:
        dates.parse_date(text, field="StartDate")

    assert caught.value.field == "StartDate"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            dt.datetime(2024, 9, 2, 9, 30, tzinfo=dt.UTC),
            "must be a date, not a datetime",
        ),
        ("2024-09-02", "must be a datetime.date, got str"),
        (20240902, "must be a datetime.date, got int"),
    ],
)
def test_non_dates_are_refused(value, message):
    """Datetimes and strings are never silently turned into dates."""
    with pytest.raises(InvalidInput, match=message):
        dates.to_date(value)


@given(some_dates, st.integers(-1000, 1000))
def test_adding_days_then_subtracting_returns_the_start(start, n):
    """add_days is invertible and agrees with days_between."""
    later = dates.add_days(start, n)

    assert dates.add_days(later, -n) == start
    assert dates.days_between(start, later) == n


@given(some_dates, st.integers(-600, 600))
def test_added_months_land_in_the_right_month_on_the_same_or_last_day(start, n):
    """Month addition moves the month exactly and clamps the day only when it must."""
    result = dates.add_months(start, n)
    months = (result.year - start.year) * 12 + (result.month - start.month)

    assert months == n
    assert result.day == start.day or (
        result.day < start.day and (result + dt.timedelta(days=1)).month != result.month
    )


@given(some_dates, st.integers(0, 200), st.integers(0, 200))
def test_date_arithmetic_is_monotonic(start, a, b):
    """Adding more never gives an earlier date."""
    low, high = sorted((a, b))

    assert dates.add_days(start, low) <= dates.add_days(start, high)
    assert dates.add_weeks(start, low) <= dates.add_weeks(start, high)
    assert dates.add_months(start, low) <= dates.add_months(start, high)


# --- Working days ---------------------------------------------------------------------

EASTER_2025 = frozenset({dt.date(2025, 4, 18), dt.date(2025, 4, 21)})
some_holidays = st.frozensets(
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)),
    max_size=80,
)
nearby_dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 4, 17), True),  # Thursday
        (dt.date(2025, 4, 18), False),  # Good Friday
        (dt.date(2025, 4, 19), False),  # Saturday
        (dt.date(2025, 4, 20), False),  # Sunday
        (dt.date(2025, 4, 21), False),  # Easter Monday
        (dt.date(2025, 4, 22), True),  # Tuesday
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_a_holiday(day, expected):
    """Weekends and the holidays passed in are not working days; other days are."""
    assert dates.is_working_day(day, EASTER_2025) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 4, 17), dt.date(2025, 4, 17)),
        (dt.date(2025, 4, 18), dt.date(2025, 4, 22)),
        (dt.date(2025, 5, 10), dt.date(2025, 5, 12)),
    ],
)
def test_the_next_working_day_is_the_day_itself_when_it_is_one(day, expected):
    """A working day stays put; anything else moves to the first working day after it."""
    assert dates.next_working_day(day, EASTER_2025) == expected


@pytest.mark.parametrize(
    ("start", "n", "beginning_with", "expected"),
    [
        # WE-20: within 3 working days of Thu 17 Apr 2025, over Easter.
        (dt.date(2025, 4, 17), 3, False, dt.date(2025, 4, 24)),
        (dt.date(2025, 4, 17), 3, True, dt.date(2025, 4, 23)),
        (dt.date(2025, 4, 17), 1, False, dt.date(2025, 4, 22)),
        (dt.date(2025, 4, 17), 1, True, dt.date(2025, 4, 17)),
        # A trigger on a holiday: both readings start counting after it.
        (dt.date(2025, 4, 18), 1, False, dt.date(2025, 4, 22)),
        (dt.date(2025, 4, 18), 1, True, dt.date(2025, 4, 22)),
        # Reg 15(2): 15 working days beginning with Mon 2 Jun 2025.
        (dt.date(2025, 6, 2), 15, True, dt.date(2025, 6, 20)),
        (dt.date(2025, 6, 2), 15, False, dt.date(2025, 6, 23)),
        # A Friday trigger: within 1 working day is the Monday.
        (dt.date(2025, 6, 6), 1, False, dt.date(2025, 6, 9)),
    ],
)
def test_working_days_are_counted_within_or_beginning_with(
    start, n, beginning_with, expected
):
    """'Within' excludes the trigger day; 'beginning with' counts it as day 1."""
    actual = dates.add_working_days(
        start, n, holidays=EASTER_2025, beginning_with=beginning_with
    )

    assert actual == expected


@pytest.mark.parametrize("n", [0, -3, 1.5, True, "3"])
def test_a_period_of_fewer_than_one_working_day_is_refused(n):
    """The number of working days must be whole and at least 1; the error names n."""
    with pytest.raises(
        InvalidInput, match=r"n must be a whole number of working days, at least 1"
    ) as caught:
        dates.add_working_days(dt.date(2025, 4, 17), n, holidays=EASTER_2025)

    assert caught.value.field == "n"


def test_working_day_functions_refuse_datetimes():
    """A time of day has no meaning in a working-day rule."""
    when = dt.datetime(2025, 4, 17, 9, 30, tzinfo=dt.UTC)

    with pytest.raises(InvalidInput, match="day must be a date, not a datetime"):
        dates.is_working_day(when, EASTER_2025)
    with pytest.raises(InvalidInput, match="start must be a date, not a datetime"):
        dates.add_working_days(when, 3, holidays=EASTER_2025)
    with pytest.raises(InvalidInput, match="later must be a date, not a datetime"):
        dates.working_days_between(dt.date(2025, 4, 17), when, holidays=EASTER_2025)


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        (dt.date(2025, 4, 17), dt.date(2025, 4, 24), 3),
        (dt.date(2025, 4, 24), dt.date(2025, 4, 17), -3),
        (dt.date(2025, 4, 17), dt.date(2025, 4, 17), 0),
        (dt.date(2025, 4, 17), dt.date(2025, 4, 21), 0),
        (dt.date(2025, 4, 16), dt.date(2025, 4, 17), 1),
    ],
)
def test_working_days_between_counts_after_earlier_up_to_later(
    earlier, later, expected
):
    """The earlier day is not counted and the later one is, as "within" counts."""
    actual = dates.working_days_between(earlier, later, holidays=EASTER_2025)

    assert actual == expected


@given(nearby_dates, st.integers(1, 60), some_holidays, st.booleans())
def test_a_period_of_working_days_ends_on_a_working_day(start, n, holidays, beginning):
    """The last day is never a weekend or a holiday."""
    end = dates.add_working_days(start, n, holidays=holidays, beginning_with=beginning)

    assert dates.is_working_day(end, holidays)
    assert end >= start


@given(nearby_dates, st.integers(1, 60), st.integers(1, 60), some_holidays)
def test_more_working_days_never_end_earlier(start, a, b, holidays):
    """Adding more working days never gives an earlier date, on either reading."""
    low, high = sorted((a, b))

    for beginning in (False, True):
        shorter = dates.add_working_days(
            start, low, holidays=holidays, beginning_with=beginning
        )
        longer = dates.add_working_days(
            start, high, holidays=holidays, beginning_with=beginning
        )
        assert shorter <= longer


@given(nearby_dates, st.integers(1, 60), some_holidays)
def test_beginning_with_is_one_working_day_earlier_on_a_working_day(start, n, holidays):
    """'Beginning with' ends one working day before 'within' on a working day, else with it."""
    within = dates.add_working_days(start, n, holidays=holidays)
    beginning = dates.add_working_days(start, n, holidays=holidays, beginning_with=True)

    assert beginning <= within
    expected = 1 if dates.is_working_day(start, holidays) else 0
    assert dates.working_days_between(beginning, within, holidays=holidays) == expected


@given(nearby_dates, st.integers(1, 60), some_holidays)
def test_working_days_between_undoes_add_working_days(start, n, holidays):
    """Counting from the start to the end of n working days gives n."""
    end = dates.add_working_days(start, n, holidays=holidays)

    assert dates.working_days_between(start, end, holidays=holidays) == n
    assert dates.working_days_between(end, start, holidays=holidays) == -n
