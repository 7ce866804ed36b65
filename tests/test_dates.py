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
