"""Every public constructor of the domain either builds a value or raises an ehcplan error.

A careless or hostile caller passes wrong types and extreme values (text for
numbers, floats for money, 10**30, Decimal('1e100000000'), dates at the end of
the calendar) to the constructors of policy, panels, RAS, budgets, funding and
money. Each call must build a value or raise an `ehcplan.errors` error; never a
TypeError, KeyError or OverflowError, and never a hang. Each value starts from
a valid one and has some of its fields replaced, so the checks deep inside a
constructor are reached, not only the first field's.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ehcplan.policy
from ehcplan.budgets import (
    BudgetDecision,
    Criterion,
    DirectPaymentFacts,
    EligibilityFacts,
    Mechanism,
    Part,
    PersonalBudget,
    Recipient,
)
from ehcplan.errors import EhcplanError
from ehcplan.funding import Agency, Placement
from ehcplan.money import MAX_PENCE, Money
from ehcplan.panels import (
    AssessDecision,
    Deferral,
    EmergencyFunding,
    FundingDecision,
    Member,
    PanelDecision,
    PersonalBudgetDecision,
    PlacementDecision,
    PlanDecision,
)
from ehcplan.policy import (
    Dated,
    Level,
    PanelRemit,
    SimilarCases,
    SupportHours,
    TopUpBands,
)
from ehcplan.ras import Answer, Evidence, PastCase, RasForm

POLICY = ehcplan.policy.load_policy("exampleshire")
RAS = POLICY.ras
FUNDING = POLICY.funding
SCHEME = RAS.scheme("exampleshire-6-16")
ATR = POLICY.panel("atr")
DAY = dt.date(2024, 10, 9)
FORM = RasForm(scheme=SCHEME, answers={o.id: Level.NONE for o in SCHEME.outcomes})
CHAIR = Member(role="Head of Safeguarding (Chair)", chair=True)
FUNDED = FundingDecision(
    amount=Money.parse("£182,000"), types=["joint funding"], reasons="r", decided_by="c"
)
BUDGET = PersonalBudget(
    parts=[
        Part(
            amount=Money(100),
            mechanism=Mechanism.ARRANGEMENT,
            agency=Agency.EDUCATION,
            provision="p",
        )
    ]
)

EXAMPLES = [
    POLICY,
    *POLICY.panels,
    POLICY.panel("rap").terms,
    POLICY.panel("rap").terms.history[0][1],
    RAS,
    SCHEME,
    SCHEME.outcomes[0],
    *(value for _, value in RAS.conversion.history),
    RAS.conversion.history[1][1].bands[0],
    RAS.sign_off_threshold.history[0][1],
    SupportHours(role="ta", hours_per_week=15, cost_per_weekly_hour=Money(61000)),
    SimilarCases(k=5),
    FUNDING,
    FUNDING.terms.history[0][1],
    FUNDING.terms.history[0][1].transport_split,
    TopUpBands(bands={"Band 1": Money(160000)}),
    POLICY.personal_budgets,
    Money(1036300),
    Member(role="Chair", name="Chair", chair=True),
    AssessDecision(assess=True, reasons="r", decided_by="c"),
    PlanDecision(agreed=True, reasons="r", decided_by="c"),
    FUNDED,
    PersonalBudgetDecision(agreed=True, amount=Money(5), reasons="r", decided_by="c"),
    PlacementDecision(setting="s", reasons="r", decided_by="c"),
    Deferral(reasons="r", decided_by="c"),
    PanelDecision(
        panel=ATR, meeting=DAY, reference="EHC-9", members=[CHAIR], decisions=[FUNDED]
    ),
    EmergencyFunding.agree(
        ATR,
        FUNDING.terms.history[0][1],
        reference="EHC-9",
        on=dt.date(2024, 10, 20),
        amount=Money(350000),
        chair="Chair",
    ),
    Answer(level=Level.MEDIUM, evidence={Evidence.OTHER}),
    FORM,
    PastCase(reference="P-1", score=FORM.score(), agreed=Money(0)),
    Part(
        amount=Money(5),
        mechanism=Mechanism.DIRECT_PAYMENT,
        agency=Agency.HEALTH,
        provision="p",
    ),
    BUDGET,
    BudgetDecision.agree("EHC-4", on=DAY, budget=BUDGET),
    DirectPaymentFacts(
        recipient=Recipient.PARENT,
        capable=True,
        appropriate_use=True,
        no_adverse_impact=True,
        efficient_use=True,
    ),
    EligibilityFacts(
        above_parental_provision=True,
        additional_to_local_offer=True,
        necessary_for_outcomes=True,
        clearly_evidenced=True,
        disabled_children_service=False,
        continuing_care=False,
        evidence={Criterion.CLEARLY_EVIDENCED: "OT report"},
    ),
    Placement(reference="E", placed_on=DAY, weeks_per_year=52, fee=Money(100)),
]

WILD = [
    None,
    True,
    False,
    0,
    -1,
    10**30,
    -(10**30),
    2**63,
    1.5,
    float("nan"),
    float("inf"),
    "",
    " ",
    "x",
    "12",
    "false",
    "1e100000000",
    "£10,363",
    decimal.Decimal("1e100000000"),
    decimal.Decimal("1e-100000000"),
    decimal.Decimal("NaN"),
    fractions.Fraction(1, 3),
    [],
    [1],
    ["x"],
    {},
    {"a": 1},
    (),
    frozenset({"x"}),
    dt.date.min,
    dt.date.max,
    dt.datetime(2024, 9, 2, 10, 0, tzinfo=dt.UTC),
    dt.date(2024, 2, 29),
    Money(-1),
    Money(MAX_PENCE),
    Money(0),
    Level.HIGH,
    PanelRemit.FUNDING,
    Agency.HEALTH,
    CHAIR,
    FUNDED,
    Dated.constant("x", 1, reference="r", since=dt.date(2024, 1, 1)),
    object(),
]
"""Values of the wrong type or absurd size, tried in every field."""


def _fields(value: object) -> list[str]:
    return [f.name for f in attrs.fields(type(value)) if f.init]


def _init_values(value: object) -> dict[str, object]:
    """The keyword arguments that rebuild *value* (attribute names, as attrs takes them)."""
    return {
        f.alias: getattr(value, f.name) for f in attrs.fields(type(value)) if f.init
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: type(e).__name__)
def test_each_example_rebuilds_from_its_own_fields(example):
    """The starting values are valid: rebuilt from their fields, each equals itself."""
    assert type(example)(**_init_values(example)) == example


@settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_wrong_or_extreme_fields_build_a_value_or_raise_an_ehcplan_error(data):
    """Any fields replaced by wrong-typed or extreme values: a value, or an EhcplanError."""
    example = data.draw(st.sampled_from(EXAMPLES), label="example")
    names = _fields(example)
    replaced = data.draw(
        st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True),
        label="fields",
    )
    values = _init_values(example)
    for name in replaced:
        alias = next(f.alias for f in attrs.fields(type(example)) if f.name == name)
        values[alias] = data.draw(st.sampled_from(WILD), label=name)
    try:
        built = type(example)(**values)
    except EhcplanError:
        return
    repr(built)  # a value that was built can be shown


@settings(max_examples=300, deadline=None)
@given(
    pence=st.one_of(
        st.integers(),
        st.integers(-MAX_PENCE, MAX_PENCE),
        st.sampled_from([MAX_PENCE, -MAX_PENCE, MAX_PENCE + 1, 10**5000]),
    ),
    other=st.integers(-MAX_PENCE, MAX_PENCE),
    factor=st.integers(-(10**20), 10**20),
    ratio=st.one_of(
        st.fractions(),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.sampled_from(
            [decimal.Decimal("1e100000000"), decimal.Decimal("-1e-999999")]
        ),
    ),
)
def test_money_arithmetic_gives_money_or_an_ehcplan_error(pence, other, factor, ratio):
    """Building, adding, multiplying, scaling and printing Money never overflows or hangs."""
    try:
        amount = Money(pence)
        results = [
            amount + Money(other),
            amount - Money(other),
            amount * factor,
            -amount,
            amount.scale(ratio),
            Money.pounds(ratio) if isinstance(ratio, decimal.Decimal) else amount,
        ]
    except EhcplanError:
        return
    for result in results:
        assert abs(result.pence) <= MAX_PENCE
        assert Money.parse(str(result)) == result
