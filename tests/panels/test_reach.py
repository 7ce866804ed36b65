"""`reach`: the first meeting for every day of a period, as `next_meeting` gives it day by day."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.policy
from ehcplan.errors import InvalidInput, NotInForce
from ehcplan.panels import next_meeting, reach
from ehcplan.policy import (
    BankHolidayRule,
    Cadence,
    Dated,
    PanelKind,
    PanelPolicy,
    PanelRemit,
    PanelTerms,
)

EXAMPLESHIRE = ehcplan.policy.load_policy("exampleshire")
AVERAGE = ehcplan.policy.load_policy("england-average")
PANELS = [
    EXAMPLESHIRE.panel("rap"),
    EXAMPLESHIRE.panel("atr"),
    *AVERAGE.panels,
]


@pytest.mark.parametrize("panel", PANELS, ids=lambda p: p.id)
def test_every_day_reaches_what_next_meeting_says(panel):
    """Over two years (terms changing, published dates, bank holidays), each day agrees."""
    first = max(dt.date(2024, 9, 1), panel.terms.starts[0])
    last = first + dt.timedelta(days=730)
    found = reach(panel, first, last)

    assert len(found) == 731
    for offset, meeting in enumerate(found):
        day = first + dt.timedelta(days=offset)
        assert meeting == next_meeting(panel, day).meeting, day


@settings(max_examples=50, deadline=None)
@given(
    first=st.dates(dt.date(2024, 9, 1), dt.date(2030, 12, 31)),
    days=st.integers(0, 60),
    panel=st.sampled_from(PANELS),
)
def test_any_stretch_agrees_with_next_meeting(first, days, panel):
    """Wherever the period starts and however long, each day's meeting is next_meeting's."""
    found = reach(panel, first, first + dt.timedelta(days=days))
    assert [
        next_meeting(panel, first + dt.timedelta(days=k)).meeting
        for k in range(days + 1)
    ] == list(found)


def test_bad_periods_are_refused():
    """A period that ends before it starts, or starts before the terms, is refused."""
    panel = EXAMPLESHIRE.panel("rap")
    with pytest.raises(InvalidInput, match="is before first"):
        reach(panel, dt.date(2025, 1, 2), dt.date(2025, 1, 1))
    with pytest.raises(NotInForce):
        reach(panel, dt.date(2020, 1, 1), dt.date(2020, 2, 1))
    with pytest.raises(InvalidInput, match="must be a PanelPolicy"):
        reach("rap", dt.date(2025, 1, 1), dt.date(2025, 1, 2))  # type: ignore[arg-type]


def test_a_panel_that_never_meets_says_so():
    """A panel whose every meeting is skipped reaches nothing: the error next_meeting gives."""

    class Everything:
        def __contains__(self, _day):
            """Every day is a holiday."""
            return True

    terms = PanelTerms(
        cadence=Cadence.WEEKLY,
        weekday=4,
        cases_per_meeting=10,
        referral_cutoff_days=0,
        decision_record_days=7,
        decides={PanelRemit.FUNDING},
        on_bank_holiday=BankHolidayRule.SKIP,
    )
    panel = PanelPolicy(
        id="p",
        kind=PanelKind.RESOURCE_ALLOCATION,
        name="Friday panel",
        terms=Dated.constant("terms", terms, reference="r", since=dt.date(2020, 1, 1)),
    )
    with pytest.raises(InvalidInput, match="has no meeting in the 5 years after"):
        reach(panel, dt.date(2025, 1, 1), dt.date(2025, 1, 3), holidays=Everything())
