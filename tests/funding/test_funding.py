"""Joint funding, element 2/3 top-ups and placement reviews."""

import datetime as dt
import tomllib
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.policy
from ehcplan.errors import InvalidInput, NotFound, NotInForce
from ehcplan.funding import (
    Agency,
    Placement,
    apportion_placement,
    banded_top_up,
    costed_top_up,
    placement_review,
)
from ehcplan.money import Money
from ehcplan.policy import OtherWeeks

EXAMPLES = tomllib.loads((Path(__file__).parent / "placements.toml").read_text())[
    "example"
]
LONDON = ehcplan.policy.load_policy("london-jointly-funded-placements")
DAY = dt.date(2025, 4, 7)
TERMS = LONDON.funding.terms.at(DAY)


def money(text):
    """Pounds as written in the examples."""
    return Money.parse(text)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_worked_examples(example):
    """Each row of placements.toml apportions as worked by hand."""
    placement = Placement(
        reference="EHC-1",
        placed_on=DAY,
        weeks_per_year=example["weeks"],
        fee=money(example["fee"]),
        education_part=money(example["education_part"])
        if "education_part" in example
        else None,
        provision=money(example.get("provision", "£0")),
        transport=money(example.get("transport", "£0")),
        health_contribution=money(example.get("health", "£0")),
    )
    totals = apportion_placement(placement, TERMS).totals
    assert (
        totals[Agency.EDUCATION],
        totals[Agency.SOCIAL_CARE],
        totals[Agency.HEALTH],
    ) == (
        money(example["education"]),
        money(example["social_care"]),
        money(example["health_total"]),
    )


def test_lines_say_why_and_cite_the_protocol():
    """Each line names its rule; the result is JSON-ready and readable."""
    placement = Placement(
        reference="EHC-2", placed_on=DAY, weeks_per_year=52, fee=money("£182,000"),
        transport=money("£9,000"), health_contribution=money("£40,000"),
    )  # fmt: skip
    funding = apportion_placement(placement, TERMS)
    assert [(line.item, line.agency) for line in funding.lines] == [
        ("placement fee", Agency.HEALTH),
        ("placement fee", Agency.EDUCATION),
        ("placement fee", Agency.SOCIAL_CARE),
        ("transport", Agency.EDUCATION),
        ("transport", Agency.SOCIAL_CARE),
    ]
    assert all(
        "London Safeguarding Children Procedures 8.1" in line.reason
        for line in funding.lines
    )
    assert "52-week placement, costs not broken down: 25/75" in funding.lines[1].reason
    data = funding.to_dict()
    assert data["total_pence"] == 19_100_000
    assert sum(line["amount_pence"] for line in data["lines"]) == data["total_pence"]
    assert "£111,000.00" in funding.explain()


def test_other_placement_lengths_follow_the_terms():
    """45 weeks: refused by default; the nearest listed length when asked (ties go up)."""
    placement = Placement(
        reference="E", placed_on=DAY, weeks_per_year=45, fee=money("£90,000")
    )
    with pytest.raises(InvalidInput, match="no split for a 45-week placement"):
        apportion_placement(placement, TERMS)
    nearest = attrs.evolve(TERMS, other_weeks=OtherWeeks.NEAREST)
    funding = apportion_placement(placement, nearest)
    assert funding.totals[Agency.EDUCATION] == money(
        "£22,500"
    )  # 52-week split: 45 is nearer 52
    assert "nearest listed length (52 weeks)" in funding.lines[0].reason


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Placement(
                reference="E", placed_on=DAY, weeks_per_year=53, fee=Money(1)
            ),
            "from 1 to 52",
        ),
        (
            lambda: Placement(
                reference="E", placed_on=DAY, weeks_per_year=52, fee=Money(-1)
            ),
            "fee must be at least £0.00, got -£0.01",
        ),
        (
            lambda: Placement(
                reference="E", placed_on=DAY, weeks_per_year=52, fee=10_000
            ),
            "fee must be Money",
        ),
        (
            lambda: Placement(
                reference="E",
                placed_on=DAY,
                weeks_per_year=52,
                fee=Money(100),
                health_contribution=Money(200),
            ),
            "more than the placement fee",
        ),
        (
            lambda: Placement(
                reference="E",
                placed_on=DAY,
                weeks_per_year=52,
                fee=Money(100),
                education_part=Money(200),
            ),
            "more than the fee",
        ),
        (
            lambda: apportion_placement(
                Placement(
                    reference="E",
                    placed_on=DAY,
                    weeks_per_year=52,
                    fee=Money(100),
                    education_part=Money(90),
                    health_contribution=Money(20),
                ),
                TERMS,
            ),
            "more than the non-education part",
        ),
        (
            lambda: apportion_placement(
                Placement(
                    reference="E",
                    placed_on=DAY,
                    weeks_per_year=52,
                    fee=Money(100),
                    health_contribution=Money(20),
                ),
                attrs.evolve(TERMS, health_contribution_first=False),
            ),
            "do not take a health contribution off",
        ),
        (
            lambda: apportion_placement(
                Placement(
                    reference="E",
                    placed_on=DAY,
                    weeks_per_year=52,
                    fee=Money(100),
                    provision=Money(20),
                ),
                attrs.evolve(TERMS, education_pays_provision=False),
            ),
            "do not say who pays education provision",
        ),
        (
            lambda: apportion_placement("placement", TERMS),
            "placement must be a Placement",
        ),
        (
            lambda: apportion_placement(
                Placement(
                    reference="E", placed_on=DAY, weeks_per_year=52, fee=Money(1)
                ),
                LONDON.funding,
            ),
            "terms must be the FundingTerms in force",
        ),
    ],
)
def test_bad_input_is_refused(make, message):
    """Impossible weeks, negative or float money, contributions too large, terms that do not say."""
    with pytest.raises(InvalidInput, match=message):
        make()


def test_terms_before_they_are_in_force():
    """Asking for the terms before the protocol's date is the policy's clear error."""
    with pytest.raises(NotInForce):
        LONDON.funding.terms.at(dt.date(2010, 1, 1))


PENCE = st.integers(0, 50_000_000)


@settings(max_examples=200, deadline=None)
@given(
    fee=PENCE, transport=PENCE, provision=PENCE, weeks=st.sampled_from([38, 52]),
    health_share=st.fractions(0, 1), broken=st.booleans(), education_share=st.fractions(0, 1),
)  # fmt: skip
def test_parts_always_add_up_and_are_never_negative(
    fee, transport, provision, weeks, health_share, broken, education_share
):
    """Whatever the costs, the lines add up to the total exactly, and no line is negative."""
    education = Money(int(fee * education_share)) if broken else None
    room = fee - (education.pence if education else 0)
    placement = Placement(
        reference="P", placed_on=DAY, weeks_per_year=weeks, fee=Money(fee),
        education_part=education, provision=Money(provision), transport=Money(transport),
        health_contribution=Money(int(room * health_share)),
    )  # fmt: skip
    funding = apportion_placement(placement, TERMS)
    assert sum(funding.totals.values(), Money(0)) == placement.total
    assert all(line.amount.pence >= 0 for line in funding.lines)


@settings(max_examples=100, deadline=None)
@given(fee=st.integers(1, 10_000_000), transport=PENCE, factor=st.integers(2, 20))
def test_scaling_all_costs_scales_every_share(fee, transport, factor):
    """Multiplying every cost by k multiplies each agency's total by k, within a penny."""

    def totals(k):
        placement = Placement(
            reference="P",
            placed_on=DAY,
            weeks_per_year=52,
            fee=Money(fee * k),
            transport=Money(transport * k),
        )
        return apportion_placement(placement, TERMS).totals

    base, scaled = totals(1), totals(factor)
    for agency in Agency:
        assert abs(scaled[agency].pence - base[agency].pence * factor) <= factor


def test_we_27_costed_and_banded_top_ups():
    """WE-27: £16,000 costed gives £6,000 school and £10,000 top-up; Devon Band 2 is £3,100."""
    costed = costed_top_up(money("£16,000"), money("£6,000"))
    assert (costed.school, costed.top_up) == (money("£6,000"), money("£10,000"))
    devon = ehcplan.policy.load_policy("devon-mainstream-top-ups").funding
    banded = banded_top_up(devon, "Band 2", dt.date(2023, 9, 1))
    assert banded.top_up == money("£3,100")
    assert "Devon" in banded.reason


@given(provision=PENCE, threshold=PENCE)
def test_costed_top_up_parts_add_up(provision, threshold):
    """School plus top-up is the provision; the school never pays more than the threshold."""
    t = costed_top_up(Money(provision), Money(threshold))
    assert t.school + t.top_up == Money(provision)
    assert t.school <= Money(threshold)


def test_top_up_errors():
    """Unknown bands, policies without bands, and bad amounts are refused clearly."""
    devon = ehcplan.policy.load_policy("devon-mainstream-top-ups").funding
    with pytest.raises(
        NotFound, match="no top-up band is called 'Band 4'; the known ones are 'Band 1'"
    ):
        banded_top_up(devon, "Band 4", dt.date(2023, 9, 1))
    with pytest.raises(InvalidInput) as caught:
        banded_top_up(LONDON.funding, "Band 1", dt.date(2023, 9, 1))
    assert str(caught.value).startswith(
        "the policy has no top-up bands, so there is no 'Band 1' to look up; add a "
        "[funding.top_up_bands] table to the policy file"
    )
    assert "is called" not in str(caught.value)
    with pytest.raises(InvalidInput, match="provision must be Money"):
        costed_top_up(16000, money("£6,000"))


def test_placement_reviews():
    """Six months on, clamped to month end; earlier on disruption (that day, or the next panel)."""
    placement = Placement(
        reference="E", placed_on=dt.date(2025, 8, 31), weeks_per_year=52, fee=Money(100)
    )
    assert placement_review(placement, TERMS).due == dt.date(2026, 2, 28)
    early = placement_review(
        placement, TERMS, disruption_reported_on=dt.date(2025, 10, 1)
    )
    assert early.due == dt.date(2025, 10, 1)
    assert "potential disruption" in early.reason
    late = placement_review(
        placement, TERMS, disruption_reported_on=dt.date(2026, 3, 1)
    )
    assert late.due == dt.date(2026, 2, 28)
    with_panel = placement_review(
        placement,
        TERMS,
        disruption_reported_on=dt.date(2025, 10, 1),
        panel=LONDON.panel("atr-sen"),
    )
    assert with_panel.due == dt.date(2025, 10, 14)
