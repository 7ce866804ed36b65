import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.timeline import Reading, phase_transfer_deadline, review_window


def test_we_13_the_first_review_window_strict_and_inclusive():
    """WE-13: made 15 Mar 2024: strictly by 14 Mar 2025; by the anniversary 15 Mar."""
    assert review_window(dt.date(2024, 3, 15)) == (
        dt.date(2024, 3, 15),
        dt.date(2025, 3, 14),
    )
    assert review_window(dt.date(2024, 3, 15), reading=Reading.INCLUSIVE)[1] == dt.date(
        2025, 3, 15
    )


@pytest.mark.parametrize(
    ("post_16", "reading", "expected"),
    [
        (False, Reading.STRICT, dt.date(2026, 2, 14)),
        (False, Reading.INCLUSIVE, dt.date(2026, 2, 15)),
        (True, Reading.STRICT, dt.date(2026, 3, 30)),
        (True, Reading.INCLUSIVE, dt.date(2026, 3, 31)),
    ],
)
def test_phase_transfer_deadlines(post_16, reading, expected):
    """Reg 18(1): before 15 February, or 31 March for secondary to post-16."""
    assert phase_transfer_deadline(2026, post_16=post_16, reading=reading) == expected


@given(st.dates(min_value=dt.date(2014, 9, 1), max_value=dt.date(2060, 1, 1)))
def test_the_strict_window_ends_one_day_before_the_inclusive_one(made):
    """The two readings differ by exactly one day, and the window is about a year."""
    start, strict_end = review_window(made)
    inclusive_end = review_window(made, reading=Reading.INCLUSIVE)[1]

    assert start == made
    assert inclusive_end - strict_end == dt.timedelta(days=1)
    assert 363 <= (strict_end - start).days <= 365
