"""Capacity in plans a year: a scenario's ceiling, and authorities' capacity over need, pooled."""

import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.sim as sim
from ehcplan.sim.capacity import (
    LAG_YEARS,
    ceiling,
    estimate_capacity,
    factor_for,
    need,
    scaled,
)

BASE = sim.default_scenario()


def test_the_default_scenarios_ceiling_is_its_psychologists_limit():
    """70 psychologists taking 30 days an assessment, 6.1% without a plan: 800 plans a year."""
    assert ceiling(BASE) == pytest.approx(70 * 365.25 / 30 * (1 - 0.061))


def test_the_ceiling_is_the_tightest_resource():
    """With caseworkers cut until reviews fill their time, they bind instead."""
    few = attrs.evolve(BASE, drafting=attrs.evolve(BASE.drafting, caseworkers=100))
    reviews = BASE.reviews.plans * BASE.reviews.days.mean
    assert ceiling(few) == pytest.approx(
        (100 * 365.25 - reviews) / BASE.drafting.days.mean
    )


def test_a_panel_deciding_both_gives_its_places_to_decisions_first():
    """One panel of 40 places a week hears the year's requests, then the plans."""
    wide = scaled(BASE, 10.0)  # staff to spare: the panel binds
    requests = BASE.demand.requests_per_week * 52
    no_plan, deferred = BASE.plan_panel.no_plan_share, BASE.plan_panel.deferred_share
    expected = (52 * 40 - requests) * (1 - no_plan) / (1 + deferred)
    assert ceiling(wide) == pytest.approx(expected, rel=0.03)


@settings(max_examples=30, deadline=None)
@given(st.floats(0.3, 3.0))
def test_the_factor_found_gives_the_staff_that_many_plans(multiple):
    """Scaled by the factor found, the tighter of psychologists and caseworkers gives the plans."""
    wanted = multiple * ceiling(BASE)
    factor = factor_for(BASE, wanted)
    s = scaled(BASE, factor)
    psychologists = s.advice.educational_psychology.staff * 365.25 / 30 * (1 - 0.061)
    reviews = s.reviews.plans * s.reviews.days.mean
    caseworkers = (s.drafting.caseworkers * 365.25 - reviews) / s.drafting.days.mean
    assert s.advice.educational_psychology.staff == max(1, round(70 * factor))
    one_more = 365.25 / BASE.drafting.days.mean  # one caseworker, the coarsest step
    assert min(psychologists, caseworkers) == pytest.approx(wanted, abs=one_more)


def test_the_need_is_moved_back_along_the_growth_in_requests():
    """200 requests, a fifth refused, none without a plan, up 44% on last year."""
    from ehcplan.sim.authorities import find

    row = attrs.evolve(find("Hartlepool", 2023), requests=200)
    before = attrs.evolve(find("Hartlepool", 2022), requests=round(200 / 1.44))
    expected = 160 * math.exp(-LAG_YEARS * math.log(200 / before.requests))
    assert need(row, before, refused=0.2, no_plan=0.0) == pytest.approx(expected)
    assert need(row, None, refused=0.2, no_plan=0.0) == pytest.approx(160)
    assert need(attrs.evolve(row, requests=0), None, refused=0.2, no_plan=0.0) is None


def test_an_authority_behind_in_every_year_is_measured_by_its_own_figures():
    """Issuing 70% of its need for three years puts its capacity near 0.7, with an interval."""
    rng = np.random.default_rng(2)
    keeping_up = {f"ok{i}": list(rng.normal(0, 0.05, 3)) for i in range(60)}
    behind = {f"behind{i}": list(rng.normal(-0.2, 0.05, 3)) for i in range(30)}
    observations = keeping_up | behind | {"far behind": [math.log(0.7)] * 3}
    prior, fits = estimate_capacity(observations)
    far = fits["far behind"]
    assert far.mean == pytest.approx(0.7, abs=0.05)
    assert far.lower < far.mean < far.upper
    assert fits["ok1"].mean > 1.0  # keeping up only says "at least the need"
    assert prior.noise == pytest.approx(0.05, abs=0.03)
    assert far.n == 3


@settings(max_examples=20, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=4),
        st.lists(st.floats(-1.0, 0.5), min_size=1, max_size=3),
        min_size=3,
        max_size=12,
    )
)
def test_every_capacity_estimate_lies_inside_its_interval(observations):
    """Whatever the figures, each posterior mean is positive and within its 95% interval."""
    _, fits = estimate_capacity(observations)
    assert set(fits) == set(observations)
    for e in fits.values():
        assert 0 < e.lower <= e.mean <= e.upper
