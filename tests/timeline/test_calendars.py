import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan import dates
from ehcplan.errors import InvalidInput
from ehcplan.timeline import ENGLAND_AND_WALES, BankHolidays
from ehcplan.timeline.calendars import EXTRA_DAY_NAME

SNAPSHOT = (
    Path(__file__).parents[1] / "snapshots" / "bank_holidays_england_and_wales.json"
)
SNAPSHOT_YEARS = range(2014, 2031)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 4, 18), "Good Friday"),
        (dt.date(2025, 4, 21), "Easter Monday"),
        (dt.date(2025, 8, 25), "Late Summer Bank Holiday"),
        (dt.date(2025, 12, 25), "Christmas Day"),
        (dt.date(2025, 12, 26), "Boxing Day"),
        (dt.date(2026, 1, 1), "New Year's Day"),
        (dt.date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (dt.date(2023, 5, 8), "Coronation of Charles III"),
        (dt.date(2021, 12, 27), "Christmas Day (observed)"),
        (dt.date(2025, 4, 22), None),
        (dt.date(2023, 5, 9), None),
    ],
)
def test_the_bank_holidays_the_worked_examples_rely_on_are_named(day, expected):
    """The days statutory reference §13 uses, and the one-off days, are listed by name."""
    assert ENGLAND_AND_WALES.name(day) == expected
    assert (day in ENGLAND_AND_WALES) == (expected is not None)


def test_the_holidays_package_agrees_with_the_reviewed_snapshot():
    """An upgrade of holidays that changes a date fails here, with the difference."""
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    calendar = BankHolidays()
    actual = {
        day.isoformat(): calendar.name(day)
        for year in SNAPSHOT_YEARS
        for day in calendar.in_year(year)
    }
    changes = [
        f"{day}: snapshot {expected.get(day)!r}, package {actual.get(day)!r}"
        for day in sorted(expected.keys() | actual.keys())
        if expected.get(day) != actual.get(day)
    ]

    assert actual == expected, (
        "the holidays package differs from tests/snapshots; check gov.uk/bank-holidays, "
        "then run `python3 tasks.py snapshot`:\n" + "\n".join(changes)
    )


def test_the_snapshot_covers_every_year_from_2014_to_2030():
    """Each year of the snapshot has its usual eight holidays at least."""
    days = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    per_year = {
        year: sum(d.startswith(str(year)) for d in days) for year in SNAPSHOT_YEARS
    }

    assert min(per_year.values()) >= 8
    assert len(days) == sum(per_year.values())


def test_a_year_is_listed_in_date_order_with_weekend_days_and_substitutes():
    """Christmas 2021 fell at a weekend: both the days and their substitutes are listed."""
    actual = ENGLAND_AND_WALES.in_year(2021)[-4:]

    assert actual == (
        dt.date(2021, 12, 25),
        dt.date(2021, 12, 26),
        dt.date(2021, 12, 27),
        dt.date(2021, 12, 28),
    )
    assert list(ENGLAND_AND_WALES.in_year(2021)) == sorted(
        ENGLAND_AND_WALES.in_year(2021)
    )


def test_extra_days_are_holidays_and_removed_days_are_not():
    """A caller can add a proclaimed day or take one away, without touching the default."""
    coronation = dt.date(2023, 5, 8)
    new_day = dt.date(2026, 6, 12)
    calendar = BankHolidays(extra=frozenset({new_day}), removed=frozenset({coronation}))

    assert new_day in calendar
    assert calendar.name(new_day) == EXTRA_DAY_NAME
    assert coronation not in calendar
    assert calendar.name(coronation) is None
    assert new_day not in ENGLAND_AND_WALES
    assert coronation in ENGLAND_AND_WALES


def test_an_extra_day_already_listed_keeps_the_package_name():
    """Adding a day the package already lists changes nothing."""
    calendar = BankHolidays(extra=[dt.date(2025, 12, 25)])

    assert calendar.name(dt.date(2025, 12, 25)) == "Christmas Day"
    assert calendar.extra == frozenset({dt.date(2025, 12, 25)})


def test_the_cache_is_not_part_of_the_value():
    """Two calendars with the same days are equal and hash alike, whatever they looked up."""
    used = BankHolidays()
    assert dt.date(2025, 12, 25) in used
    fresh = BankHolidays()

    assert used == fresh
    assert hash(used) == hash(fresh)
    assert repr(fresh) == "BankHolidays(extra=frozenset(), removed=frozenset())"


def test_a_day_both_added_and_removed_is_refused():
    """A day cannot be a holiday and a working day at once."""
    day = dt.date(2026, 6, 12)

    with pytest.raises(InvalidInput, match=r"2026-06-12 is in both extra and removed"):
        BankHolidays(extra={day}, removed={day})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: BankHolidays(extra={dt.datetime(2026, 6, 12, tzinfo=dt.UTC)}),
            "extra must be a date, not a datetime",
        ),
        (
            lambda: BankHolidays(removed={"2026-06-12"}),
            "removed must be a datetime.date, got str",
        ),
        (
            lambda: dt.datetime(2025, 12, 25, tzinfo=dt.UTC) in ENGLAND_AND_WALES,
            "day must be a date, not a datetime",
        ),
        (lambda: ENGLAND_AND_WALES.name("2025-12-25"), "day must be a datetime.date"),
    ],
)
def test_anything_but_a_date_is_refused(make, message):
    """Datetimes and text are refused with a message saying what to pass."""
    with pytest.raises(InvalidInput, match=message):
        make()


def test_we_20_the_mediation_certificate_skips_easter():
    """WE-20: told on Thu 17 Apr 2025, the certificate is due on Thu 24 Apr 2025."""
    actual = dates.add_working_days(dt.date(2025, 4, 17), 3, holidays=ENGLAND_AND_WALES)

    assert actual == dt.date(2025, 4, 24)


@given(
    st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 11, 30)),
    st.integers(1, 30),
    st.booleans(),
)
def test_working_days_never_end_on_a_bank_holiday(start, n, beginning_with):
    """Counted with the England and Wales calendar, a period never ends on a holiday."""
    end = dates.add_working_days(
        start, n, holidays=ENGLAND_AND_WALES, beginning_with=beginning_with
    )

    assert end not in ENGLAND_AND_WALES
    assert end.weekday() < 5


def test_the_holidays_package_is_imported_only_when_a_year_is_needed():
    """`import ehcplan.timeline` is light; the first lookup loads holidays."""
    code = (
        "import sys, datetime as dt; from ehcplan.timeline import ENGLAND_AND_WALES; "
        "before = 'holidays' in sys.modules; dt.date(2025, 1, 1) in ENGLAND_AND_WALES; "
        "print(before, 'holidays' in sys.modules)"
    )
    actual = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert actual == "False True"
