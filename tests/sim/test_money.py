"""Each simulated plan's RAS, sign-off and money are the domain's answers on its facts."""

import datetime as dt
import fractions

import attrs
import numpy as np
import pytest

from ehcplan.budgets import EligibilityFacts, assess_eligibility
from ehcplan.funding import Agency, Placement, apportion_placement, costed_top_up
from ehcplan.money import Money
from ehcplan.ras import Answer, Evidence, RasForm, indicative_resource, route
from ehcplan.ras.batch import LEVEL_CODES
from ehcplan.ras.routing import ROUTES
from ehcplan.sim import default_scenario, replicate
from ehcplan.sim.outcomes import ISSUED
from ehcplan.sim.processes import simulate
from ehcplan.sim.results import Run


@pytest.fixture(scope="module")
def rich():
    """Two years of the default, with many budgets and placements, and its run's world."""
    base = default_scenario()
    scenario = attrs.evolve(
        base,
        horizon_days=730,
        warmup_days=365,
        personal_budgets=attrs.evolve(base.personal_budgets, request_share=0.4),
        placements=attrs.evolve(base.placements, share=0.05, emergency_share=0.3),
        reviews=attrs.evolve(base.reviews, plans=500),
    )
    world = simulate(scenario, np.random.SeedSequence(21))
    return scenario, world, Run.from_world(world, 0)


def _date(scenario, day):
    return scenario.start + dt.timedelta(days=int(day))


def test_every_plans_sign_off_route_is_ras_route_on_its_facts(rich):
    """The route of each plan decided equals ras.route on its resource, indicative and threshold."""
    scenario, _, run = rich
    j = run.journeys
    decided = np.flatnonzero(j["route"] >= 0)
    ras = scenario.policy.ras
    assert len(decided) > 500
    for i in decided:
        threshold = ras.sign_off_threshold.at(_date(scenario, j["papers"][i]))
        more_needed = bool(
            j["reconsidered"][i] and j["resource"][i] > j["indicative"][i]
        )
        expected = route(
            recommended=Money(int(j["resource"][i])),
            indicative=Money(int(j["indicative"][i])),
            threshold=threshold,
            more_needed=more_needed,
        ).route
        assert ROUTES[j["route"][i]] is expected, i
        heard = expected.name == "SEND_PANEL" or j["budget_requested"][i]
        assert bool(j["heard"][i]) == bool(heard), i
    # Both routes occur, and some plans went back to the team first.
    assert set(j["route"][decided].tolist()) == {1, 2}
    assert j["reconsidered"][decided].any()


def test_every_plans_ras_score_and_indicative_resource_are_the_forms(rich):
    """Scoring each drawn form one by one gives the journey's score and indicative resource."""
    scenario, world, run = rich
    j, facts = run.journeys, world.facts
    ras = scenario.policy.ras
    schemes = [ras.scheme(scheme_id) for scheme_id in scenario.resources.forms]
    evidence = {Evidence.PROFESSIONAL_REPORT}
    for i in np.flatnonzero(j["route"] >= 0)[:300]:
        scheme = schemes[facts.scheme[i]]
        levels = facts.form_levels[i, : len(scheme.outcomes)]
        answers = {
            outcome.id: Answer(
                level=LEVEL_CODES[code], evidence=evidence if code else ()
            )
            for outcome, code in zip(scheme.outcomes, levels.tolist(), strict=True)
        }
        score = RasForm(scheme=scheme, answers=answers).score()
        conversion = ras.conversion.at(_date(scenario, j["papers"][i]))
        assert score.total == j["ras_score"][i]
        assert indicative_resource(score, conversion).amount.pence == j["indicative"][i]


def test_the_money_of_every_plan_is_the_funding_modules_answer(rich):
    """Top-up, placement shares and budgets of each plan, and its totals, from the domain."""
    scenario, world, run = rich
    j, facts = run.journeys, world.facts
    terms = scenario.policy.funding.terms
    rule = scenario.policy.personal_budgets.eligibility_rule
    issued = np.flatnonzero(j["outcome"] == ISSUED)
    placed = issued[j["placement_weeks"][issued] > 0]
    assert len(placed) > 20
    for i in issued:
        on = _date(scenario, j["issued"][i])
        if j["placement_weeks"][i]:
            when = j["referred"][i] if j["emergency"][i] else j["issued"][i]
            placement = Placement(
                reference="x",
                placed_on=_date(scenario, when),
                weeks_per_year=int(j["placement_weeks"][i]),
                fee=Money(int(j["placement_fee"][i])),
                transport=Money(int(j["placement_transport"][i])),
                health_contribution=Money(int(facts.health_contribution[i])),
            )
            shares = apportion_placement(
                placement, terms.at(placement.placed_on)
            ).totals
            assert j["placement_education"][i] == shares[Agency.EDUCATION].pence
            assert j["placement_social_care"][i] == shares[Agency.SOCIAL_CARE].pence
            assert j["placement_health"][i] == shares[Agency.HEALTH].pence
            assert j["top_up"][i] == 0
        else:
            threshold = terms.at(on).element2_threshold
            top_up = costed_top_up(Money(int(j["resource"][i])), threshold).top_up
            assert j["top_up"][i] == top_up.pence
        if j["budget_requested"][i]:
            flags = dict(zip(
                ("above_parental_provision", "additional_to_local_offer",
                 "necessary_for_outcomes", "clearly_evidenced",
                 "disabled_children_service", "continuing_care"),
                (bool(x) for x in facts.criteria[i]), strict=True,
            ))  # fmt: skip
            eligible = assess_eligibility(EligibilityFacts(**flags), rule).eligible
            assert bool(j["budget_agreed"][i]) == eligible
        parts = (
            j["budget_education"][i]
            + j["budget_social_care"][i]
            + j["budget_health"][i]
        )
        ways = (
            j["budget_direct"][i]
            + j["budget_third_party"][i]
            + j["budget_arrangement"][i]
        )
        assert parts == ways == j["budget"][i]
        assert j["high_needs"][i] == (
            j["top_up"][i] + j["placement_education"][i] + j["budget_education"][i]
        )
        assert (
            j["social_care"][i]
            == j["placement_social_care"][i] + j["budget_social_care"][i]
        )
        assert j["health"][i] == j["placement_health"][i] + j["budget_health"][i]
    # Money is whole pence, never a float.
    for name in (
        "top_up",
        "budget",
        "placement_fee",
        "high_needs",
        "social_care",
        "health",
    ):
        assert j[name].dtype == np.int64


def test_a_runs_funding_adds_up_its_plans_exactly(rich):
    """Run.funding sums the plans issued in the measured period, and its budgets add up."""
    _, _, run = rich
    j = run.journeys
    chosen = (j["issued"] >= run.warmup_days) & (j["issued"] < run.horizon_days)
    money = run.funding()

    assert money["high_needs"] == Money(int(j["high_needs"][chosen].sum()))
    assert money["top_ups"] == Money(int(j["top_up"][chosen].sum()))
    assert (
        money["total"] == money["high_needs"] + money["social_care"] + money["health"]
    )
    assert all(isinstance(amount, Money) for amount in money.values())
    assert run.kpis()["committed_total_pence"] == money["total"].pence


def test_results_funding_is_the_exact_mean_of_the_runs():
    """Results.funding adds the runs' pence and divides once, half to even."""
    results = replicate(
        attrs.evolve(default_scenario(), horizon_days=900), 3, seed=5, workers=1
    )
    mean = results.funding()["high_needs"]
    pence = [run.funding()["high_needs"].pence for run in results.runs]

    assert mean == Money(round(fractions.Fraction(sum(pence), 3)))


def test_cost_by_month_spreads_each_plans_year_over_its_days(rich):
    """A month's cost is each plan's year times its days in force then, over the year's days."""
    _, _, run = rich
    j = run.journeys
    months, costs = run.cost_by_month()
    chosen = np.flatnonzero(
        (j["issued"] >= run.warmup_days) & (j["issued"] < run.horizon_days)
    )
    for k, first in enumerate(months):
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        low = max((first - run.start).days, run.warmup_days)
        high = min((following - run.start).days, run.horizon_days)
        year = (dt.date(first.year + 1, 1, 1) - dt.date(first.year, 1, 1)).days
        expected = 0
        for i in chosen:
            start = int(np.floor(j["issued"][i]))
            stop = (
                run.horizon_days
                if np.isnan(j["ceased"][i])
                else int(np.floor(j["ceased"][i]))
            )
            days = max(0, min(stop, high) - max(start, low))
            expected += round(fractions.Fraction(int(j["high_needs"][i]) * days, year))
        assert costs["high_needs"][k] == expected
    # A plan issued in January and in force all year costs at most its year.
    assert costs["high_needs"].sum() <= run.funding()["high_needs"].pence


def test_a_panels_places_used_never_exceed_its_places():
    """At every meeting of every panel, tight or not, the places used are at most its places."""
    base = default_scenario()
    for places, seed in ((6, 1), (12, 2), (40, 3)):
        scenario = attrs.evolve(
            base,
            horizon_days=500,
            warmup_days=0,
            decision=attrs.evolve(base.decision, slots_per_meeting=places),
            plan_panel=attrs.evolve(base.plan_panel, slots_per_meeting=places),
            placements=attrs.evolve(base.placements, share=0.1, slots_per_meeting=2),
        )
        m = replicate(scenario, 1, seed=seed, workers=1).runs[0].meetings
        kinds = m["assess"] + m["plan"] + m["placement"] + m["placement_review"]
        assert (m["used"] <= m["places"]).all()
        assert (kinds == m["used"]).all()
        if places == 6:
            assert (m["used"] == m["places"]).any()
            assert m["overflow"].sum() > 0


def test_more_panel_places_never_lengthen_a_wait():
    """Same seeds, more places at the plan panel: no case is heard, or issued, later."""
    base = default_scenario()
    tight = attrs.evolve(
        base,
        horizon_days=600,
        warmup_days=0,
        decision=attrs.evolve(base.decision, panel=None),
        plan_panel=attrs.evolve(
            base.plan_panel, slots_per_meeting=8, deferred_share=0.0
        ),
        drafting=attrs.evolve(base.drafting, caseworkers=10_000),
        placements=None,
    )
    roomy = attrs.evolve(
        tight, plan_panel=attrs.evolve(tight.plan_panel, slots_per_meeting=16)
    )
    for seed in (1, 2):
        a = replicate(tight, 1, seed=seed, workers=1).runs[0].journeys
        b = replicate(roomy, 1, seed=seed, workers=1).runs[0].journeys
        heard = ~np.isnan(a["panel"]) & ~np.isnan(b["panel"])
        assert (b["panel"][heard] <= a["panel"][heard]).all()
        issued = ~np.isnan(a["issued"]) & ~np.isnan(b["issued"])
        assert (b["issued"][issued] <= a["issued"][issued]).all()
        assert np.count_nonzero(~np.isnan(b["issued"])) >= np.count_nonzero(
            ~np.isnan(a["issued"])
        )
        assert (b["panel"][heard] < a["panel"][heard]).any()
