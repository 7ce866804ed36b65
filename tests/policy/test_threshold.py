"""The RAS sign-off threshold: an amount, the hours it equals, or both."""

import decimal

import pytest

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.policy import SignOffThreshold, SupportHours, load_policy, loads_policy
from ehcplan.ras import route

TA = SupportHours(
    role="teaching assistant",
    hours_per_week=15,
    cost_per_weekly_hour=Money.parse("£610"),
)
MDS = SupportHours(
    role="midday supervisor",
    hours_per_week="2.5",
    cost_per_weekly_hour=Money.parse("£485.20"),
)


def test_hours_give_the_amount():
    """15 h at £610 and 2.5 h at £485.20 a weekly hour cost £9,150 + £1,213 = £10,363."""
    threshold = SignOffThreshold.from_hours([TA, MDS])
    assert (TA.cost, MDS.cost, threshold.amount) == (
        Money.parse("£9,150"),
        Money.parse("£1,213"),
        Money.parse("£10,363"),
    )


def test_exampleshire_states_both_and_they_agree():
    """The shipped Exampleshire threshold gives the amount and its (illustrative) hours."""
    import datetime as dt

    threshold = load_policy("exampleshire").ras.sign_off_threshold.at(
        dt.date(2025, 1, 1)
    )
    assert threshold == SignOffThreshold(amount=Money.parse("£10,363"), hours=(TA, MDS))
    assert threshold.explain() == (
        "£10,363.00: 15 h a week teaching assistant (£9,150.00) + "
        "2.5 h a week midday supervisor (£1,213.00)"
    )


def test_an_amount_alone_explains_as_itself():
    """No hours: the explanation is the amount."""
    assert SignOffThreshold(amount=Money.parse("£10,363")).explain() == "£10,363.00"


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (15, decimal.Decimal(15)),
        ("2.5", decimal.Decimal("2.5")),
        (2.5, decimal.Decimal("2.5")),
    ],
)
def test_hours_are_read_exactly(hours, expected):
    """Ints, text and TOML floats become exact decimals."""
    made = SupportHours(
        role="TA", hours_per_week=hours, cost_per_weekly_hour=Money(100)
    )
    assert made.hours_per_week == expected


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (True, "must be a number of hours, got True"),
        ("lots", "must be a number of hours such as 15"),
        (0, "must be more than 0"),
        ("-1", "must be more than 0"),
        ("NaN", "must be more than 0"),
        (None, "must be a number of hours such as 15"),
    ],
)
def test_bad_hours_are_refused(hours, message):
    """Hours a week must be a positive number."""
    with pytest.raises(InvalidInput, match=message):
        SupportHours(role="TA", hours_per_week=hours, cost_per_weekly_hour=Money(100))


def test_routing_quotes_the_hours():
    """The sign-off reason states the threshold with the hours it equals."""
    threshold = SignOffThreshold.from_hours([TA, MDS])
    routing = route(
        recommended=Money.parse("£11,000"),
        indicative=Money.parse("£12,000"),
        threshold=threshold,
    )
    assert routing.threshold == Money.parse("£10,363")
    assert (
        "not less than the threshold £10,363.00: 15 h a week teaching assistant"
        in routing.reasons[-1]
    )


def test_a_file_may_give_hours_only():
    """The loader works the amount out from the hours."""
    text = load_text().replace(
        'value = "£10,363"',
        'hours = [{ role = "TA", hours_per_week = 10, cost_per_weekly_hour = "£600" }]',
    )
    import datetime as dt

    policy = loads_policy(text)
    assert policy.ras.sign_off_threshold.at(dt.date(2024, 4, 1)).amount == Money.parse(
        "£6,000"
    )


def load_text() -> str:
    """The minimal policy of `ehcplan.policy.load`'s docstring, with a RAS section."""
    return """
code = "999"
name = "Testshire"
source = "Tests."

[ras]
schemes = [{ id = "s", age_version = "6-16", version = "1", outcomes = [
  { id = "1", name = "n", description = "d", points = { low = 1, medium = 2, high = 3 } },
] }]

[ras.conversion]
description = "c"
reference = "r"
values = [{ from = 2024-04-01, kind = "per point", per_point = "£100" }]

[ras.sign_off_threshold]
description = "t"
reference = "r"
values = [{ from = 2024-04-01, value = "£10,363" }]
"""
