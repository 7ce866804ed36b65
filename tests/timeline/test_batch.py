import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.cases.report import _deadline
from ehcplan.errors import InvalidInput
from ehcplan.timeline import table
from ehcplan.timeline.batch import last_days, statuses

some_dates = st.dates(min_value=dt.date(2014, 9, 1), max_value=dt.date(2035, 12, 31))


@settings(max_examples=50, deadline=None)
@given(st.lists(some_dates, min_size=1, max_size=60))
@pytest.mark.parametrize("clock", table.ALL, ids=lambda clock: clock.name)
def test_batch_deadlines_equal_the_per_case_ones(clock, triggers):
    """For every clock in the table, the column path agrees date by date."""
    batch = last_days(clock, triggers)

    assert [d.item() for d in batch] == [clock.last_day(t) for t in triggers]


def test_an_empty_column_gives_an_empty_column():
    """No triggers, no deadlines, for every kind of clock."""
    assert last_days(table.MEDIATION_CERTIFICATE, []).size == 0
    assert last_days(table.FINAL_PLAN, np.array([], dtype="datetime64[D]")).size == 0


def test_working_day_clocks_take_a_calendar():
    """The non-working days passed in are the ones used."""
    result = last_days(
        table.MEDIATION_CERTIFICATE,
        [dt.date(2025, 4, 22)],
        holidays=[dt.date(2025, 4, 24)],
    )

    assert result[0].item() == dt.date(2025, 4, 28)


def test_non_dates_are_refused():
    """A column of text that is not dates raises InvalidInput."""
    with pytest.raises(InvalidInput, match="triggers must be dates"):
        last_days(table.FINAL_PLAN, ["soon"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(some_dates, st.integers(-30, 300) | st.none(), st.booleans()),
        min_size=1,
        max_size=40,
    ),
    some_dates,
)
def test_batch_statuses_equal_the_per_case_ones(rows, on):
    """statuses() gives what clock_report gives, row by row."""
    clock = table.FINAL_PLAN
    triggers = [t for t, _, _ in rows]
    due = last_days(clock, triggers)
    done = [
        None
        if offset is None or t + dt.timedelta(days=offset) > on
        else t + dt.timedelta(days=offset)
        for t, offset, _ in rows
    ]
    ground = [g for _, _, g in rows]
    batch = statuses(due, done, on=on, disapplied=ground)
    expected = [
        _deadline(
            clock, t, d, on=on, ground="g" if g else None, due_soon_days=14
        ).status.value
        for t, d, g in zip(triggers, done, ground, strict=True)
    ]

    assert list(batch) == expected


def test_a_missing_due_date_is_no_deadline_never_overdue():
    """A case without a deadline (NaT or None) is "no deadline", not "overdue"."""
    due = np.array(["NaT", "2025-01-01"], dtype="datetime64[D]")
    done = np.array(["NaT", "NaT"], dtype="datetime64[D]")

    assert statuses(due, done, on=dt.date(2025, 6, 1)).tolist() == [
        "no deadline",
        "overdue",
    ]
    assert statuses([None], [None], on=dt.date(2025, 6, 1)).tolist() == ["no deadline"]


@pytest.mark.parametrize("days", [-5, 2.5, True])
def test_due_soon_days_must_be_a_whole_number_of_at_least_0(days):
    """A negative or fractional "due soon" window is refused."""
    with pytest.raises(InvalidInput, match="due_soon_days"):
        statuses(
            [dt.date(2025, 1, 1)], [None], on=dt.date(2025, 1, 1), due_soon_days=days
        )
