"""The money sections and amounts: checked when built, read from files, drawn exactly."""

import datetime as dt

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.money import Money
from ehcplan.policy import Level, PanelRemit, PerPoint, SimilarCases
from ehcplan.sim import default_scenario, dumps_scenario, loads_scenario
from ehcplan.sim.amounts import (
    EmpiricalAmount,
    FixedAmount,
    LogNormalAmount,
    TriangularAmount,
    amount_from_dict,
    amount_to_dict,
)
from ehcplan.sim.costs import budget_of
from ehcplan.sim.plans import Ceasing, Form, Resources

BASE = default_scenario()
LEVELS = {Level.NONE: 0.4, Level.LOW: 0.3, Level.MEDIUM: 0.2, Level.HIGH: 0.1}


# --- Amounts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount",
    [
        FixedAmount(amount=Money.parse("£9,000")),
        LogNormalAmount(mean=Money.parse("£3,500"), sd=Money.parse("£1,200")),
        TriangularAmount(low=Money(0), mode=Money(50_000), high=Money(200_000)),
        EmpiricalAmount(values=[Money(100), Money(250_000)]),
    ],
    ids=lambda a: type(a).__name__,
)
def test_every_kind_of_amount_reads_back_and_draws_whole_pence(amount):
    """Each kind's table reads back equal, and its draws are int64 pence of at least 0."""
    assert amount_from_dict(amount_to_dict(amount)) == amount
    draws = amount.sample(np.random.default_rng(1), 1000)
    assert draws.dtype == np.int64
    assert (draws >= 0).all()


def test_a_lognormal_amount_has_its_mean():
    """Drawn in pence and rounded once, the mean is the mean asked for."""
    amount = LogNormalAmount(mean=Money.parse("£5,000"), sd=Money.parse("£4,000"))
    draws = amount.sample(np.random.default_rng(2), 400_000)
    assert abs(draws.mean() / 100 - 5000) < 30


def test_a_triangular_amounts_mean_is_to_the_penny():
    """The mean of low, mode and high, rounded to a whole penny."""
    amount = TriangularAmount(low=Money(0), mode=Money(100), high=Money(201))
    assert amount.mean == Money(100)
    assert FixedAmount(amount=Money(7)).mean == Money(7)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"mean": "£1"}, "a table with a kind"),
        ("£3,500", "a table with a kind"),
        ({"kind": "normal", "mean": "£1"}, "unknown amount kind 'normal'"),
        ({"kind": "fixed"}, "takes amount; missing amount"),
        ({"kind": "fixed", "amount": "£1", "sd": "£2"}, "unknown sd"),
        ({"kind": "fixed", "amount": 9000}, "text in pounds"),
        ({"kind": "fixed", "amount": True}, "text in pounds"),
        ({"kind": "fixed", "amount": "9,000 pounds"}, "amount"),
        ({"kind": "lognormal", "mean": "£0", "sd": "£1"}, "more than £0"),
        ({"kind": "fixed", "amount": "-£5"}, "at least £0"),
        (
            {"kind": "triangular", "low": "£5", "mode": "£1", "high": "£9"},
            "low <= mode",
        ),
        ({"kind": "empirical", "values": "£5"}, "a list of amounts"),
        ({"kind": "empirical", "values": []}, "at least one observed amount"),
    ],
)
def test_bad_amounts_say_what_was_wrong(table, message):
    """A missing kind, a number for pounds, a bad range: each refused with its reason."""
    with pytest.raises(InvalidInput, match=message):
        amount_from_dict(table)


def test_empirical_values_must_be_money():
    """Observed amounts that are not Money are refused by position."""
    with pytest.raises(InvalidInput, match=r"values\[1\]"):
        EmpiricalAmount(values=[Money(1), 5])  # type: ignore[list-item]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=20))
def test_empirical_amounts_draw_only_what_was_observed(pence):
    """Every draw is one of the observed amounts, exactly."""
    amount = EmpiricalAmount(values=[Money(p) for p in pence])
    assert set(amount.sample(np.random.default_rng(3), 50).tolist()) <= set(pence)


# --- Sections ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Form(share=1.5, levels=LEVELS), "share from 0 to 1"),
        (lambda: Form(share=1.0, levels={Level.NONE: 1.0}), "each of none, low"),
        (
            lambda: Form(share=1.0, levels={**LEVELS, Level.HIGH: 0.5}),
            "must add up to 1",
        ),
        (lambda: Resources(forms={}), "at least one"),
        (
            lambda: Resources(forms={"a": Form(share=0.5, levels=LEVELS)}),
            "forms' shares must add up to 1",
        ),
        (lambda: Resources(forms={"a": 1.0}), "must be a Form"),
        (
            lambda: Resources(
                forms={"a": Form(share=1.0, levels=LEVELS)}, over_by=Money(100)
            ),
            "must be an amount",
        ),
        (
            lambda: Resources(
                forms={"a": Form(share=1.0, levels=LEVELS)}, signoff_days=8
            ),
            "distribution of days",
        ),
        (
            lambda: attrs.evolve(
                BASE.personal_budgets, criteria={"clearly_evidenced": 1.0}
            ),
            "missing above_parental_provision",
        ),
        (
            lambda: attrs.evolve(
                BASE.personal_budgets,
                criteria={**BASE.personal_budgets.criteria, "kind": 0.5},
            ),
            "no key 'kind'",
        ),
        (
            lambda: attrs.evolve(BASE.personal_budgets, agencies={"education": 0.5}),
            "must add up to 1",
        ),
        (
            lambda: attrs.evolve(BASE.personal_budgets, mechanisms={"cash": 1.0}),
            "no key 'cash'",
        ),
        (
            lambda: attrs.evolve(
                BASE.personal_budgets, mechanisms={"direct_payment": True}
            ),
            "share from 0 to 1",
        ),
        (lambda: attrs.evolve(BASE.placements, weeks={}), "at least one placement"),
        (lambda: attrs.evolve(BASE.placements, weeks={60: 1.0}), "1 to 52"),
        (
            lambda: attrs.evolve(BASE.placements, slots_per_meeting=0),
            "at least 1 place",
        ),
        (lambda: Ceasing(annual_share=-0.1), "share from 0 to 1"),
    ],
)
def test_bad_sections_are_refused_with_their_key(make, message):
    """Shares out of range or not adding up, missing or unknown keys, wrong kinds."""
    with pytest.raises(InvalidInput, match=message):
        make()


def _policy_without(**sections):
    return attrs.evolve(BASE.policy, **sections)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: attrs.evolve(s, policy=_policy_without(ras=None)), "has no RAS"),
        (
            lambda s: attrs.evolve(
                s,
                resources=attrs.evolve(
                    s.resources, forms={"nowhere": Form(share=1.0, levels=LEVELS)}
                ),
            ),
            "resources.forms.nowhere",
        ),
        (
            lambda s: attrs.evolve(s, policy=_policy_without(funding=None)),
            "no funding terms",
        ),
        (
            lambda s: attrs.evolve(s, policy=_policy_without(personal_budgets=None)),
            "no personal-budget rules",
        ),
        (
            lambda s: attrs.evolve(
                s, placements=attrs.evolve(s.placements, panel="atlantis")
            ),
            "placements.panel",
        ),
        (
            lambda s: attrs.evolve(
                s, placements=attrs.evolve(s.placements, panel="send-panel")
            ),
            "access to resources panel",
        ),
        (
            lambda s: attrs.evolve(
                s, placements=attrs.evolve(s.placements, weeks={45: 1.0})
            ),
            "no split for 45-week placements",
        ),
        (
            lambda s: attrs.evolve(s, start=dt.date(2018, 6, 1)),
            "before",
        ),
    ],
)
def test_sections_must_fit_the_policy(change, message):
    """A section the policy cannot serve is refused, naming what to add or fix."""
    with pytest.raises(InvalidInput, match=message):
        change(BASE)


def test_a_policy_converting_by_similar_cases_is_refused():
    """The simulator converts by points or bands; similar cases need past cases."""
    ras = BASE.policy.ras
    similar = ras.conversion.changed(
        dt.date(2023, 1, 1), SimilarCases(k=3, statistic="median")
    )
    policy = attrs.evolve(BASE.policy, ras=attrs.evolve(ras, conversion=similar))
    with pytest.raises(InvalidInput, match="similar cases"):
        attrs.evolve(BASE, policy=policy)


def test_an_atr_panel_must_decide_joint_funding():
    """A panel of the right kind without joint funding in its remit is refused."""
    policy = BASE.policy
    atr = policy.panel("atr")
    terms = atr.terms.at(dt.date(2022, 1, 1))
    narrow = attrs.evolve(
        atr,
        terms=atr.terms.changed(
            dt.date(2019, 1, 1), attrs.evolve(terms, decides={PanelRemit.PLACEMENT})
        ),
    )
    others = [p for p in policy.panels if p.id != "atr"]
    with pytest.raises(InvalidInput, match="does not decide joint funding"):
        attrs.evolve(BASE, policy=attrs.evolve(policy, panels=[*others, narrow]))


def test_the_ras_terms_change_with_the_policy_mid_run():
    """A conversion that changes mid-run gives the plans after it the new amounts."""
    ras = BASE.policy.ras
    per_point = ras.conversion.changed(
        dt.date(2023, 1, 1), PerPoint(per_point=Money.parse("£300"))
    )
    scenario = attrs.evolve(
        BASE,
        horizon_days=730,
        warmup_days=0,
        policy=attrs.evolve(BASE.policy, ras=attrs.evolve(ras, conversion=per_point)),
    )
    from ehcplan.sim import replicate

    j = replicate(scenario, 1, seed=4, workers=1).runs[0].journeys
    late = (j["papers"] >= 365) & (j["route"] >= 0)
    early = (j["papers"] < 365) & (j["route"] >= 0)
    assert (j["indicative"][late] == j["ras_score"][late] * 30_000).all()
    assert (j["indicative"][early] % 50_000 == 0).all()  # the bands are in £500s


# --- Scenario files -------------------------------------------------------------------------


TEXT = dumps_scenario(BASE)


def test_the_money_sections_read_back_from_their_file():
    """The default scenario, money and all, is written and read back equal."""
    again = loads_scenario(TEXT)
    assert again == BASE
    assert again.placements.weeks == {38: 0.63, 52: 0.37}
    assert again.resources.forms["england-average-6-16"].levels[Level.HIGH] == 0.15


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ("no_engagement = ", "no_engage = ", "ceasing.reasons", "unknown cease reason"),
        ("38 = 0.63", "thirty_eight = 0.63", "placements.weeks", "weeks a year"),
        ("38 = 0.63", '38 = "0.63"', "placements.weeks", "must be a number"),
        ("high = 0.15", "severe = 0.15", "levels", "severe"),
        (
            'mean = "£3,500.00"',
            "mean = 3500",
            "placements.weekly_fee",
            "text in pounds",
        ),
    ],
)
def test_problems_in_the_money_sections_name_their_key(old, new, key, message):
    """A bad reason, length, level or amount in a file is refused at its key."""
    assert old in TEXT
    with pytest.raises(FileFormatError, match=message) as caught:
        loads_scenario(TEXT.replace(old, new, 1), path="mine.toml")
    assert key in str(caught.value)


# --- Budgets ----------------------------------------------------------------------------


def test_a_budget_is_split_exactly_by_agency_and_mechanism():
    """A combination of agencies and of mechanisms shares the amount to the penny."""
    budget = budget_of(Money(1_000_001), "combination", "combination", True)
    parts = {(p.agency.name, p.mechanism.name): p.amount.pence for p in budget.parts}
    assert sum(parts.values()) == 1_000_001
    assert set(parts) == {
        ("EDUCATION", "DIRECT_PAYMENT"), ("EDUCATION", "ARRANGEMENT"),
        ("SOCIAL_CARE", "DIRECT_PAYMENT"), ("SOCIAL_CARE", "ARRANGEMENT"),
    }  # fmt: skip


def test_a_direct_payment_that_fails_its_conditions_is_an_arrangement():
    """Without the conditions met, every part is held as an arrangement."""
    budget = budget_of(Money(50_000), "social_care", "third_party", False)
    assert budget.mechanism == "arrangement"
    assert budget_of(Money(0), "health", "direct_payment", True) is None


def test_a_scenario_without_the_money_sections_runs_as_before(make_queue):
    """No resources, budgets, placements or ceasing: no money, every plan to the panel."""
    from ehcplan.sim import replicate

    scenario = make_queue(
        servers=3, arrivals_per_day=1.0, mean_service_days=5.0, years=2
    )
    run = replicate(attrs.evolve(scenario, warmup_days=0), 1, seed=1, workers=1).runs[0]
    j = run.journeys
    assert (j["route"] == -1).all()
    assert j["heard"][~np.isnan(j["panel"])].all()
    assert run.funding()["total"] == Money(0)
    assert np.isnan(j["ceased"]).all()
    assert run.kpis()["committed_total_pence"] == 0


def test_personal_budgets_reach_the_sen2_records():
    """A plan with an agreed budget writes PB 1, and OA or DP by how it is delivered."""
    from ehcplan.sim import replicate

    scenario = attrs.evolve(
        BASE,
        horizon_days=500,
        warmup_days=0,
        personal_budgets=attrs.evolve(BASE.personal_budgets, request_share=0.5),
        placements=attrs.evolve(BASE.placements, share=0.05),
    )
    run = replicate(scenario, 1, seed=2, workers=1).runs[0]
    j = run.journeys
    records = run.sen2_records()
    for i, record in enumerate(records):
        if np.isnan(j["issued"][i]):
            assert record.pb is None
            continue
        assert record.pb == bool(j["budget_agreed"][i])
        assert record.oa == (
            bool(j["budget_agreed"][i]) and j["budget_arrangement"][i] > 0
        )
        weeks = j["placement_weeks"][i]
        assert record.plan_res == (None if not weeks else "B" if weeks == 52 else "A")
    assert any(r.pb for r in records)
    assert {r.plan_res for r in records} >= {"A", "B"}
