"""Authorities calibrated from published figures: capacity, speed, surge, and what they read."""

import datetime as dt

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.sim as sim
from ehcplan.sim import Empirical, Exponential, Fixed, Gamma, Triangular
from ehcplan.sim.authorities import Authority, shipped_panel
from ehcplan.sim.calibrate_published import (
    SURGE_LAG_DAYS,
    SURGE_WAIT_DAYS,
    _pool_speeds,
    calibrate_published,
    calibrate_surge,
    with_speed,
)
from ehcplan.sim.capacity import ceiling

HARTLEPOOL, DARLINGTON = "E06000001", "E06000005"


@pytest.fixture(scope="module")
def north_east():
    """Hartlepool and Darlington calibrated to 2022 (their region simulated for the prior)."""
    return calibrate_published(
        shipped_panel(), 2022, only=[HARTLEPOOL, DARLINGTON], workers=1
    )


def _fit(calibration, code):
    """The fit of the authority with *code*."""
    return next(f for f in calibration.fits.values() if f.code == code)


def test_only_the_authorities_asked_for_are_returned_each_with_intervals(north_east):
    """Two fits, each parameter's mean inside its 95% interval."""
    assert sorted(f.code for f in north_east.fits.values()) == [HARTLEPOOL, DARLINGTON]
    for fit in north_east.fits.values():
        for e in (fit.capacity, fit.speed, fit.measured_speed):
            assert 0 < e.lower < e.mean < e.upper
        assert fit.year == 2022
        assert fit.scenario.surge == north_east.surge


def test_the_calibrated_scenario_reproduces_the_published_share(north_east):
    """Simulated again, Hartlepool's scenario gives its published 2022 share within 8 points.

    Ten replications: one year of a small authority's share varies by about 7
    points from replication to replication, so three left the mean's standard
    error near 4 points, half the tolerance.
    """
    fit = _fit(north_east, HARTLEPOOL)
    runs = sim.replicate(fit.scenario, 10, seed=7, workers=1).runs
    shares = [
        r.timeliness(dt.date(2022, 1, 1), dt.date(2022, 12, 31)).pc_within_20_weeks_ex
        for r in runs
    ]
    assert fit.published_share == 55.1
    assert abs(100 * np.mean(shares) - 55.1) < 8
    assert abs(fit.simulated - 55.1) < 2  # the rescaled journeys, as fitted


def test_the_next_year_is_forecast_at_the_calibrated_speed(north_east):
    """Each fit forecasts the share, plans issued and decisions within 6 weeks for 2023."""
    for fit in north_east.fits.values():
        assert set(fit.predicted) == {
            "pc_within_20_weeks_ex",
            "plans_issued",
            "pc_decided_within_6_weeks",
        }
        assert 0 <= fit.predicted["pc_within_20_weeks_ex"] <= 100
        assert fit.predicted["plans_issued"] > 0


def test_calibration_reads_nothing_of_the_next_year_but_its_requests(north_east):
    """Blanking every 2023 figure but the requests leaves every estimate and forecast unchanged."""
    keep = {"level", "code", "name", "region", "year", "requests", "old_code", "faults"}
    blanked = tuple(
        r
        if r.year != 2023
        else attrs.evolve(
            r, **{f.name: None for f in attrs.fields(Authority) if f.name not in keep}
        )
        for r in shipped_panel()
    )
    again = calibrate_published(blanked, 2022, only=[HARTLEPOOL, DARLINGTON], workers=1)
    for series, fit in north_east.fits.items():
        other = again.fits[series]
        assert (other.capacity, other.speed) == (fit.capacity, fit.speed)
        assert other.predicted == fit.predicted


def test_an_authority_without_a_published_share_is_skipped_with_the_reason():
    """Darlington's 2022 share blanked: it is left out, and says why."""
    rows = tuple(
        attrs.evolve(r, pc_within_20_weeks_ex=None)
        if r.code == DARLINGTON and r.year == 2022
        else r
        for r in shipped_panel()
    )
    calibration = calibrate_published(rows, 2022, only=[DARLINGTON], workers=1)
    assert calibration.fits == {}
    assert (
        calibration.skipped["Darlington"]
        == "no share within 20 weeks published for 2022"
    )


def test_speed_multiplies_durations_and_staff_and_keeps_capacity():
    """Twice as slow, with twice the staff: the same plans a year."""
    base = sim.default_scenario()
    slow = with_speed(base, 2.0)
    assert slow.advice.health.days.mean == 2 * base.advice.health.days.mean
    assert slow.drafting.caseworkers == 2 * base.drafting.caseworkers
    assert slow.disputes == base.disputes  # the Tribunal's time is its own
    assert ceiling(slow) == pytest.approx(ceiling(base), rel=0.01)
    # The lead co-ordinator's sign-off and a placement's referral are the authority's.
    assert base.resources is not None
    assert slow.resources is not None
    assert slow.resources.signoff_days.mean == 2 * base.resources.signoff_days.mean
    assert base.placements is not None
    assert slow.placements is not None
    assert slow.placements.referral_days.mean == 2 * base.placements.referral_days.mean
    assert slow.exceptions == base.exceptions  # the family's hold-ups are theirs
    assert slow.personal_budgets == base.personal_budgets
    bare = attrs.evolve(base, resources=None, placements=None)
    assert with_speed(bare, 2.0).resources is None


def test_a_speed_measured_poorly_borrows_its_regions():
    """A measurement with a huge standard error ends near its region's mean."""
    measured = {f"a{i}": (0.1 * i, 0.05) for i in range(-5, 6)} | {"vague": (1.5, 5.0)}
    regions = dict.fromkeys(measured, "North East")
    prior, posterior = _pool_speeds(measured, regions)
    assert abs(posterior["vague"][0] - prior.means["North East"]) < 0.1
    assert posterior["a5"][0] == pytest.approx(0.5, abs=0.02)
    assert 0.2 < prior.sd < 0.5


def test_the_surge_is_calibrated_from_recoveries_within_its_bounds():
    """Its step lies in 5% to 100% of the staff, its maximum two steps, its trigger fixed."""
    surge = calibrate_surge(shipped_panel(), until=2022)
    assert (surge.wait_days, surge.lag_days) == (SURGE_WAIT_DAYS, SURGE_LAG_DAYS)
    assert 0.05 <= surge.extra_share <= 1.0
    assert surge.max_share == pytest.approx(2 * surge.extra_share)


@settings(max_examples=25, deadline=None)
@given(st.floats(0.2, 5.0))
def test_speed_scales_every_kind_of_duration_by_its_factor(factor):
    """Fixed, exponential, gamma, triangular and empirical durations: each mean times the factor."""
    base = sim.default_scenario()
    kinds = {
        "decision": Fixed(days=10),
        "health": Exponential(mean=40),
        "social_care": Gamma(mean=30, sd=10),
        "prepare": Triangular(low=2, mode=5, high=9),
        "drafting": Empirical(values=[5, 10, 30]),
    }
    s = attrs.evolve(
        base,
        decision=attrs.evolve(base.decision, days=kinds["decision"]),
        advice=attrs.evolve(
            base.advice,
            health=attrs.evolve(base.advice.health, days=kinds["health"]),
            social_care=attrs.evolve(
                base.advice.social_care, days=kinds["social_care"]
            ),
        ),
        plan_panel=attrs.evolve(base.plan_panel, prepare_days=kinds["prepare"]),
        drafting=attrs.evolve(base.drafting, days=kinds["drafting"]),
    )
    slow = with_speed(s, factor)
    means = {
        "decision": slow.decision.days.mean,
        "health": slow.advice.health.days.mean,
        "social_care": slow.advice.social_care.days.mean,
        "prepare": slow.plan_panel.prepare_days.mean,
        "drafting": slow.drafting.days.mean,
    }
    for name, distribution in kinds.items():
        assert means[name] == pytest.approx(distribution.mean * factor)


def test_a_panel_whose_behind_authorities_fell_further_gets_a_smaller_surge():
    """Where every authority, behind, lost half its share the next year, the surge is smaller."""
    shares = {
        (r.series, 2020): min(r.pc_within_20_weeks_ex, 30.0)
        for r in shipped_panel()
        if r.year == 2020 and r.pc_within_20_weeks_ex is not None
    }
    rows = tuple(
        attrs.evolve(r, pc_within_20_weeks_ex=shares[(r.series, 2020)])
        if (r.series, r.year) in shares
        else attrs.evolve(r, pc_within_20_weeks_ex=shares[(r.series, 2020)] * 0.45)
        if r.year == 2021 and (r.series, 2020) in shares
        else r
        for r in shipped_panel()
    )
    surge = calibrate_surge(rows, until=2021)
    assert 0.05 <= surge.extra_share < 1.0


def test_several_workers_give_the_same_calibration(north_east):
    """Authorities simulated on two processes come out as on one."""
    again = calibrate_published(
        shipped_panel(), 2022, only=[HARTLEPOOL, DARLINGTON], workers=2
    )
    for series, fit in north_east.fits.items():
        assert again.fits[series].predicted == fit.predicted
