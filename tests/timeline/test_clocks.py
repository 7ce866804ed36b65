import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock, Counting, Direction, Unit

EXAMPLES = tomllib.loads(
    (Path(__file__).parents[1] / "acceptance" / "worked_examples.toml").read_text()
)
some_dates = st.dates(min_value=dt.date(2014, 9, 1), max_value=dt.date(2040, 12, 31))


@pytest.mark.parametrize("example", EXAMPLES["deadline"], ids=lambda ex: ex["id"])
def test_deadline(example):
    """Each statutory deadline matches its worked example."""
    clock = getattr(table, example["clock"])

    assert clock.last_day(example["trigger"]) == example["expected"], example["basis"]


def test_every_clock_in_the_table_is_listed_and_cites_a_provision():
    """ALL holds every constant, and each cites SI, CFA or the Code of Practice."""
    constants = {
        value for name, value in vars(table).items() if isinstance(value, Clock)
    }

    assert set(table.ALL) == constants
    assert all(
        clock.cites.startswith(
            ("SI 2014/1530", "SI 2014/1652", "SEND Code", "CFA 2014", "SI 2008/2699")
        )
        for clock in table.ALL
    )


def test_a_clock_describes_itself_in_the_laws_words():
    """describe() gives a sentence a caseworker can check against the provision."""
    assert table.REPRESENTATIONS.describe() == (
        "the local authority must allow the parent or young person to make "
        "representations for at least 15 days beginning with the day the draft "
        "plan is served (SI 2014/1530 reg 13(1)(a))"
    )
    assert table.REVIEW_NOTICE.describe().endswith(
        "give notice of the review meeting at least 2 weeks before the review "
        "meeting (SI 2014/1530 regs 20(3), 21(3))"
    )
    assert table.SCHOOL_CONSULTATION.describe().startswith(
        "the school or college consulted should respond"
    )
    assert "within 6 weeks of" in table.ADVICE.describe()


@given(some_dates, st.integers(1, 400))
def test_a_forward_clock_never_ends_before_its_trigger(trigger, days):
    """However long the limit, the last day is on or after the trigger."""
    clock = Clock(
        name="t", length=days, unit=Unit.DAYS, trigger="x", duty="y", cites="z"
    )

    assert clock.last_day(trigger) >= trigger


@given(some_dates, st.integers(1, 400))
def test_within_and_beginning_with_differ_by_exactly_one_day(trigger, days):
    """'N days beginning with X' ends the day before 'within N days of X'."""
    within = Clock(
        name="t", length=days, unit=Unit.DAYS, trigger="x", duty="y", cites="z"
    )
    beginning = Clock(
        name="t",
        length=days,
        unit=Unit.DAYS,
        counting=Counting.BEGINNING_WITH,
        trigger="x",
        duty="y",
        cites="z",
    )

    assert within.last_day(trigger) - beginning.last_day(trigger) == dt.timedelta(
        days=1
    )


@given(some_dates, st.integers(1, 60))
def test_before_mirrors_after(trigger, weeks):
    """At least N weeks before X is the mirror of within N weeks of X."""
    after = Clock(
        name="t", length=weeks, unit=Unit.WEEKS, trigger="x", duty="y", cites="z"
    )
    before = Clock(
        name="t",
        length=weeks,
        unit=Unit.WEEKS,
        direction=Direction.BEFORE,
        trigger="x",
        duty="y",
        cites="z",
    )

    assert after.last_day(trigger) - trigger == trigger - before.last_day(trigger)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"length": 0}, "length must be a whole number of at least 1, got 0"),
        ({"length": True}, "length must be a whole number"),
        ({"name": " "}, "name must be non-empty text"),
        (
            {"unit": Unit.WEEKS, "counting": Counting.BEGINNING_WITH},
            "'beginning with' is used here only for days, working days and months",
        ),
        (
            {"unit": Unit.WORKING_DAYS, "direction": Direction.BEFORE},
            "counted back from an event is in calendar",
        ),
    ],
)
def test_impossible_clocks_are_refused(kwargs, message):
    """A clock the law never uses cannot be built."""
    arguments = {
        "name": "t",
        "length": 2,
        "unit": Unit.DAYS,
        "trigger": "x",
        "duty": "y",
        "cites": "z",
        **kwargs,
    }

    with pytest.raises(InvalidInput, match=message):
        Clock(**arguments)


def test_working_day_clocks_skip_weekends_and_bank_holidays():
    """WE-20: told Thu 17 Apr 2025, the certificate is due Thu 24 Apr 2025."""
    assert table.MEDIATION_CERTIFICATE.last_day(dt.date(2025, 4, 17)) == dt.date(
        2025, 4, 24
    )


def test_a_working_day_clock_takes_the_calendar_it_is_given():
    """An extra non-working day passed in moves the last day on."""
    extra = {dt.date(2025, 4, 24)}

    assert table.MEDIATION_CERTIFICATE.last_day(
        dt.date(2025, 4, 22), holidays=extra
    ) == dt.date(2025, 4, 28)


def test_reg_15_counts_the_day_of_awareness_as_day_one():
    """15 working days beginning with Mon 2 Jun 2025 end on Fri 20 Jun 2025."""
    assert table.TRANSFER_PLAN.last_day(dt.date(2025, 6, 2)) == dt.date(2025, 6, 20)


def test_the_appeal_clock_follows_the_tribunal_rules():
    """WE-18 (a): sent Mon 10 Mar 2025, 2 months end on a Saturday: Mon 12 May."""
    assert table.APPEAL.last_day(dt.date(2025, 3, 10)) == dt.date(2025, 5, 12)
    assert table.APPEAL.last_day(dt.date(2025, 6, 15)) == dt.date(2025, 9, 1)


def test_direct_payments_are_reviewed_yearly_after_the_first_review():
    """SI 2012/206 Sch 1 para 15: then at the end of each year."""
    assert table.PERSONAL_BUDGET_REVIEW.last_day(dt.date(2026, 2, 27)) == dt.date(
        2027, 2, 27
    )
