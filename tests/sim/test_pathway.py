"""The seeds' whole process in the simulator: placements, exceptions, disputes, ceasing."""

import datetime as dt

import attrs
import numpy as np
import pytest

from ehcplan.funding import Placement, placement_review
from ehcplan.money import Money
from ehcplan.panels import next_meeting
from ehcplan.sim import Fixed, default_scenario, replicate
from ehcplan.sim.outcomes import ISSUED, NO_PLAN, OPEN
from ehcplan.sim.processes import simulate
from ehcplan.sim.results import Run
from ehcplan.timeline import ExceptionGround, appeal_deadline


@pytest.fixture(scope="module")
def placed():
    """Two years of the default with one plan in ten needing a jointly funded placement."""
    base = default_scenario()
    scenario = attrs.evolve(
        base,
        horizon_days=730,
        warmup_days=0,
        placements=attrs.evolve(base.placements, share=0.1, emergency_share=0.3),
        reviews=attrs.evolve(base.reviews, plans=300),
    )
    world = simulate(scenario, np.random.SeedSequence(8))
    return scenario, world, Run.from_world(world, 0)


def test_a_plan_needing_a_placement_waits_for_the_access_to_resources_panel():
    """The final plan names the placement once the panel has agreed it; an emergency does not wait.

    With one place a month at the panel, placements queue for months.
    """
    base = default_scenario()
    scenario = attrs.evolve(
        base,
        horizon_days=900,
        warmup_days=0,
        placements=attrs.evolve(
            base.placements, share=0.04, emergency_share=0.5, slots_per_meeting=1
        ),
    )
    j = replicate(scenario, 1, seed=8, workers=1).runs[0].journeys
    issued = j["outcome"] == ISSUED
    agreed = issued & ~np.isnan(j["atr"])
    normal = agreed & ~j["emergency"]
    emergency = agreed & j["emergency"]

    assert normal.sum() > 3
    assert emergency.sum() > 3
    assert (j["issued"][normal] >= j["atr"][normal]).all()
    assert (j["issued"][emergency] < j["atr"][emergency]).mean() > 0.5
    assert (j["referred"][agreed] > j["panel"][agreed]).all()
    # A plan waiting for a placement is open until the panel agrees it.
    waiting = ~np.isnan(j["referred"]) & np.isnan(j["atr"]) & ~j["emergency"]
    assert (j["outcome"][waiting] == OPEN).all()


def test_the_access_to_resources_panel_is_met_after_the_cut_off(placed):
    """Each placement is heard at a meeting its referral could reach (the week's cut-off)."""
    scenario, _, run = placed
    j = run.journeys
    panel = scenario.policy.panel("atr")
    heard = np.flatnonzero(~np.isnan(j["atr"]) & (j["atr_deferrals"] == 0))
    for i in heard:
        referred = scenario.date_at(j["referred"][i])
        first = next_meeting(panel, referred).meeting
        assert scenario.date_at(j["atr"][i]) >= first
        assert scenario.date_at(j["atr"][i]).weekday() == 2  # the panel's Wednesday


def test_a_placement_is_reviewed_6_months_from_the_date_of_placement(placed):
    """The review is heard at the first meeting with room from the date placement_review gives."""
    scenario, world, run = placed
    j, facts = run.journeys, world.facts
    terms = scenario.policy.funding.terms
    reviewed = np.flatnonzero(~np.isnan(j["placement_review"]))
    assert len(reviewed) > 5
    for i in reviewed:
        when = j["referred"][i] if j["emergency"][i] else j["issued"][i]
        on = scenario.date_at(when)
        placement = Placement(
            reference="x",
            placed_on=on,
            weeks_per_year=int(facts.weeks[i]),
            fee=Money(int(facts.weekly_fee[i] * facts.weeks[i])),
        )
        due = placement_review(placement, terms.at(on)).due
        held = scenario.date_at(j["placement_review"][i])
        assert held >= next_meeting(scenario.policy.panel("atr"), due).meeting
        assert (held - due).days < 120


def test_emergencies_are_funded_only_where_the_terms_let_the_chair():
    """With emergency_funding_by_chair false, no placement is funded in an emergency."""
    base = default_scenario()
    policy = base.policy
    terms = policy.funding.terms
    strict = attrs.evolve(
        policy,
        funding=attrs.evolve(
            policy.funding,
            terms=terms.changed(
                base.start,
                attrs.evolve(terms.at(base.start), emergency_funding_by_chair=False),
            ),
        ),
    )
    scenario = attrs.evolve(
        base,
        policy=strict,
        horizon_days=500,
        warmup_days=0,
        placements=attrs.evolve(base.placements, share=0.2, emergency_share=1.0),
    )
    j = replicate(scenario, 1, seed=3, workers=1).runs[0].journeys
    assert not j["emergency"].any()
    assert (~np.isnan(j["atr"])).sum() > 10


def test_an_exception_ground_holds_the_plan_up():
    """A ground that holds plans up by 100 days: no such plan is issued sooner after its draft."""
    base = default_scenario()
    ground = ExceptionGround.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES
    scenario = attrs.evolve(
        base,
        horizon_days=700,
        warmup_days=0,
        exceptions=attrs.evolve(
            base.exceptions, shares={ground: 0.3}, days={ground: Fixed(days=100)}
        ),
    )
    j = replicate(scenario, 1, seed=4, workers=1).runs[0].journeys
    issued = j["outcome"] == ISSUED
    held = issued & (j["exception"] > 0)
    free = issued & (j["exception"] == 0)

    assert held.sum() > 50
    assert (j["issued"][held] - j["draft"][held] >= 100).all()
    assert (j["issued"][free] - j["draft"][free] < 100).mean() > 0.9


def test_appeals_follow_mediation_and_are_registered_in_time():
    """Each appeal is registered after any mediation certificate and by the Tribunal's limit."""
    base = default_scenario()
    scenario = attrs.evolve(
        base,
        horizon_days=900,
        warmup_days=0,
        disputes=attrs.evolve(
            base.disputes,
            appeal_share=0.5,
            mediation_share=0.5,
            no_plan_appeal_share=0.8,
            no_plan_order_share=1.0,
            plan_appeal_share=0.3,
            appeal_days=Fixed(days=400),
        ),
    )
    run = replicate(scenario, 1, seed=6, workers=1).runs[0]
    j = run.journeys
    for kind, decided in (("request", j["decided"]), ("assessment", None)):
        appeal = j[f"{kind}_appeal"]
        mediation = j[f"{kind}_mediation"]
        rows = np.flatnonzero(~np.isnan(appeal))
        assert len(rows) > 20
        for i in rows:
            if decided is not None:
                sent = decided[i]
            elif j["appeal_on"][i] == 2:
                sent = j["no_plan"][i]
            else:
                sent = j["issued"][i]
            certificate = (
                None if np.isnan(mediation[i]) else scenario.date_at(mediation[i])
            )
            limit = appeal_deadline(
                scenario.date_at(sent), certificate_issued_on=certificate
            )
            # appeal_days of 400 would be out of time: each is registered on the limit.
            assert scenario.date_at(appeal[i]) == limit.due
            if certificate is not None:
                assert appeal[i] >= mediation[i]
    # An order to make a plan after "no plan": the plan is then drafted and issued.
    ordered = (j["appeal_on"] == 2) & ~np.isnan(j["plan_order"])
    assert ordered.sum() > 0
    assert set(j["outcome"][ordered].tolist()) <= {OPEN, ISSUED}
    issued = ordered & (j["outcome"] == ISSUED)
    assert (j["issued"][issued] > j["plan_order"][issued]).all()
    assert (
        j["outcome"][(j["appeal_on"] == 2) & np.isnan(j["plan_order"])] == NO_PLAN
    ).all()


def test_plans_cease_so_the_plans_in_place_flow_out():
    """Plans in place at the end are those at the start and issued since, less those ceased."""
    base = default_scenario()
    run = replicate(attrs.evolve(base, warmup_days=0), 1, seed=9, workers=1).runs[0]
    j = run.journeys
    stock = base.reviews.plans
    ceased_stock = np.count_nonzero(run.stock_ceased < run.horizon_days)
    issued = np.count_nonzero(~np.isnan(j["issued"]))
    ceased = np.count_nonzero(~np.isnan(j["ceased"]))
    last_week = int(run.weekly["day"][-1])

    issued_by = np.count_nonzero(j["issued"] <= last_week)
    ceased_by = np.count_nonzero(j["ceased"] <= last_week)
    stock_by = stock - np.count_nonzero(run.stock_ceased <= last_week)
    assert run.weekly["plans_in_place"][-1] == stock_by + issued_by - ceased_by
    assert 0 < ceased_stock < stock
    assert 0 < ceased < issued
    # About 5.4% of the plans in place cease each year (DfE 2024, transfers left out).
    rate = (ceased_stock / stock) / (run.horizon_days / 365.25)
    assert 0.04 < rate < 0.07
    assert set(j["cease_reason"][~np.isnan(j["ceased"])].tolist()) <= set(range(1, 10))
    assert (
        j["ceased"][~np.isnan(j["ceased"])] > j["issued"][~np.isnan(j["ceased"])]
    ).all()


def test_a_ceased_plan_has_no_more_reviews():
    """When every plan in place ceases at once, only the new plans are reviewed."""
    base = default_scenario()
    everyone = attrs.evolve(
        base,
        horizon_days=400,
        warmup_days=0,
        ceasing=attrs.evolve(base.ceasing, annual_share=1.0),
        reviews=attrs.evolve(base.reviews, new_plans=False),
    )
    run = replicate(everyone, 1, seed=2, workers=1).runs[0]
    kept = attrs.evolve(everyone, ceasing=None)
    reviews = replicate(kept, 1, seed=2, workers=1).runs[0].reviews["meeting"]
    # Plans ceasing at once (about 13 days on average) are reviewed only in the first weeks.
    assert run.reviews["meeting"].max() < 120
    assert len(run.reviews["meeting"]) < 0.1 * len(reviews)
    assert reviews.max() > 300


def test_new_plans_are_reviewed_every_year():
    """A plan issued in the first months of a three-year run has two reviews by the end."""
    base = default_scenario()
    scenario = attrs.evolve(
        base, reviews=attrs.evolve(base.reviews, plans=0), ceasing=None, warmup_days=0
    )
    run = replicate(scenario, 1, seed=3, workers=1).runs[0]
    j = run.journeys
    early = np.count_nonzero(j["issued"] < 120)
    meetings = run.reviews["meeting"]
    # Every plan issued in its first 120 days meets twice (within 12 months of the
    # plan, then of the last review) before day 1,096.
    assert np.count_nonzero(meetings < 120 + 730) >= 2 * early
    assert dt.date(2022, 1, 1) + dt.timedelta(days=int(meetings.max())) <= dt.date(
        2024, 12, 31
    )
