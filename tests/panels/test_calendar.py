"""Panel calendars: worked examples as data, bank-holiday rules, and properties."""

import datetime as dt
import tomllib
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.policy
from ehcplan.errors import InvalidInput, NotInForce
from ehcplan.panels import meetings, next_meeting
from ehcplan.policy import BankHolidayRule, Cadence, PanelPolicy, PanelRemit, PanelTerms
from ehcplan.policy.dated import Dated
from ehcplan.timeline.calendars import ENGLAND_AND_WALES

EXAMPLES = tomllib.loads((Path(__file__).parent / "panel_calendars.toml").read_text())[
    "example"
]
RAP = ehcplan.policy.load_policy("exampleshire").panel("rap")
ATR = ehcplan.policy.load_policy("exampleshire").panel("atr")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_worked_examples(example):
    """Each row of panel_calendars.toml reaches the meeting it states."""
    panel = ehcplan.policy.load_policy(example["policy"]).panel(example["panel"])
    referral = next_meeting(panel, example["referred_on"])
    assert (referral.meeting, referral.missed) == (
        example["meeting"],
        example.get("missed"),
    )


def weekly(rule: BankHolidayRule, cadence=Cadence.WEEKLY, **kw) -> PanelPolicy:
    """A Friday panel with the given bank-holiday rule."""
    terms = PanelTerms(
        cadence=cadence,
        weekday=4,
        cases_per_meeting=10,
        referral_cutoff_days=0,
        decision_record_days=7,
        decides={PanelRemit.FUNDING},
        on_bank_holiday=rule,
        **kw,
    )
    return PanelPolicy(
        id="p",
        kind=ehcplan.policy.PanelKind.RESOURCE_ALLOCATION,
        name="Friday panel",
        terms=Dated.constant("terms", terms, reference="r", since=dt.date(2020, 1, 1)),
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (BankHolidayRule.NEXT_WORKING_DAY, ["2025-04-11", "2025-04-22", "2025-04-25"]),
        (BankHolidayRule.SKIP, ["2025-04-11", "2025-04-25"]),
        (BankHolidayRule.KEEP, ["2025-04-11", "2025-04-18", "2025-04-25"]),
    ],
)
def test_good_friday_by_rule(rule, expected):
    """Good Friday 2025: moved past Easter Monday to Tuesday 22nd, skipped, or kept."""
    found = meetings(weekly(rule), dt.date(2025, 4, 7), dt.date(2025, 4, 27))
    assert [d.isoformat() for d in found] == expected


def test_a_fortnightly_panel_follows_its_first_meeting():
    """Every other Friday from 3 January 2025."""
    panel = weekly(
        BankHolidayRule.KEEP,
        cadence=Cadence.FORTNIGHTLY,
        first_meeting=dt.date(2025, 1, 3),
    )
    found = meetings(panel, dt.date(2025, 1, 1), dt.date(2025, 2, 10))
    assert [d.day for d in found] == [3, 17, 31]


def test_a_last_weekday_of_the_month_panel():
    """week_of_month = -1 meets on the last such weekday."""
    terms = attrs.evolve(
        RAP.terms.at(dt.date(2025, 1, 1)), cadence=Cadence.MONTHLY, first_meeting=None,
        week_of_month=-1,
    )  # fmt: skip
    panel = attrs.evolve(
        RAP, terms=Dated.constant("t", terms, reference="r", since=dt.date(2024, 1, 1))
    )
    found = meetings(panel, dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert [d.isoformat() for d in found] == ["2025-01-30", "2025-02-27", "2025-03-27"]


def test_a_set_of_holidays_works_without_remembering():
    """An unhashable calendar (a set) is accepted and gives the same answer."""
    days = {dt.date(2025, 4, 18), dt.date(2025, 4, 21)}
    panel = weekly(BankHolidayRule.SKIP)
    assert meetings(
        panel, dt.date(2025, 4, 7), dt.date(2025, 4, 27), holidays=days
    ) == meetings(panel, dt.date(2025, 4, 7), dt.date(2025, 4, 27))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: meetings(RAP, dt.date(2025, 2, 1), dt.date(2025, 1, 1)),
            InvalidInput,
            "is before start",
        ),
        (
            lambda: meetings(RAP, dt.date(2020, 1, 1), dt.date(2025, 1, 1)),
            NotInForce,
            "not in force",
        ),
        (lambda: next_meeting(RAP, dt.date(2020, 1, 1)), NotInForce, "not in force"),
        (
            lambda: next_meeting("rap", dt.date(2025, 1, 1)),
            InvalidInput,
            "panel must be a PanelPolicy",
        ),
        (
            lambda: next_meeting(RAP, dt.datetime(2025, 1, 1, 9, 0)),  # noqa: DTZ001
            InvalidInput,
            "datetime",
        ),
    ],
)
def test_bad_input_is_refused(call, error, message):
    """Dates the wrong way round, before the terms, or of the wrong type."""
    with pytest.raises(error, match=message):
        call()


class Everything:
    """A calendar on which every day is a holiday."""

    def __contains__(self, day: object) -> bool:
        """Every day is a holiday."""
        return True


def test_a_panel_that_never_meets_says_so():
    """A panel whose every meeting is skipped has no next meeting: a clear error."""
    with pytest.raises(
        InvalidInput, match="has no meeting in the 5 years after 2025-01-01"
    ):
        next_meeting(
            weekly(BankHolidayRule.SKIP), dt.date(2025, 1, 1), holidays=Everything()
        )


DAYS = st.dates(dt.date(2024, 9, 1), dt.date(2027, 12, 31))


@settings(max_examples=200, deadline=None)
@given(referred_on=DAYS, panel=st.sampled_from([RAP, ATR]))
def test_next_meeting_properties(referred_on, panel):
    """The meeting meets the cut-off, is a meeting, and no earlier reachable meeting is skipped."""
    referral = next_meeting(panel, referred_on)
    cutoff_days = panel.terms.at(referral.meeting).referral_cutoff_days
    assert referral.meeting - dt.timedelta(days=cutoff_days) >= referred_on
    assert referral.meeting in meetings(panel, referral.meeting, referral.meeting)
    between = meetings(panel, referred_on, referral.meeting)
    reachable = [
        m
        for m in between
        if m - dt.timedelta(days=panel.terms.at(m).referral_cutoff_days) >= referred_on
    ]
    assert reachable[0] == referral.meeting
    assert referral.missed is None or referral.missed < referral.meeting


@settings(max_examples=100, deadline=None)
@given(start=DAYS, length=st.integers(0, 400))
def test_meetings_strictly_increase_and_avoid_bank_holidays(start, length):
    """Meetings are in order, each once, and (moved by default) never on a bank holiday."""
    found = meetings(RAP, start, start + dt.timedelta(days=length))
    assert list(found) == sorted(set(found))
    assert all(d not in ENGLAND_AND_WALES for d in found)


@pytest.mark.parametrize(
    "day",
    [dt.date(9999, 12, 1), dt.date(9999, 12, 30), dt.date.max],
    ids=["December 9999", "30 December 9999", "31 December 9999"],
)
def test_dates_at_the_end_of_the_calendar_never_overflow(day):
    """Near 31 December 9999 the calendar lists what fits; next_meeting says when none does."""
    atr = ehcplan.policy.load_policy("exampleshire").panel("atr")

    found = meetings(atr, day, dt.date.max)

    assert all(day <= meeting <= dt.date.max for meeting in found)
    if found and next_meeting(atr, day).meeting == found[0]:
        return
    with pytest.raises(InvalidInput, match="to the end of the calendar"):
        next_meeting(atr, day)
