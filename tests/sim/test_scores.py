"""Predictive distributions and their scores: CRPS, the quantile loss, interval coverage."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ehcplan.errors import InvalidInput
from ehcplan.sim.scores import LEVELS, Predictive, crps, pinball

finite = st.floats(-1e6, 1e6, allow_nan=False)


def test_the_crps_of_a_normal_distribution_is_close_to_its_formula():
    """For N(0, 1) and an outcome of 0 the CRPS is 2*phi(0) - 1/sqrt(pi) = 0.2337."""
    rng = np.random.default_rng(1)
    forecast = Predictive.from_samples(rng.normal(size=200_000))
    assert forecast.crps(0.0) == pytest.approx(0.2337, abs=0.005)


@given(finite, finite)
def test_a_forecast_with_no_spread_scores_its_absolute_error(value, outcome):
    """With every quantile at one value, the CRPS is the absolute error."""
    assert Predictive.point(value).crps(outcome) == pytest.approx(abs(value - outcome))


@given(st.lists(finite, min_size=1, max_size=50), finite)
def test_the_crps_is_never_negative_and_quantiles_are_in_order(samples, outcome):
    """Quantiles never decrease, and no forecast scores below zero."""
    forecast = Predictive.from_samples(samples)
    assert list(forecast.quantiles) == sorted(forecast.quantiles)
    assert forecast.crps(outcome) >= -1e-9


def test_an_80_percent_interval_covers_about_80_percent_of_draws():
    """Draws from the distribution itself fall in its 80% interval 80% of the time."""
    rng = np.random.default_rng(7)
    forecast = Predictive.from_samples(rng.gamma(2.0, size=50_000))
    outcomes = rng.gamma(2.0, size=20_000)
    share = np.mean([forecast.covers(y) for y in outcomes])
    assert share == pytest.approx(0.8, abs=0.01)


def test_the_quantile_loss_is_asymmetric():
    """At the 90% level, falling short of the outcome costs nine times more than exceeding it."""
    assert pinball(10, 11, 0.9) == pytest.approx(9 * pinball(10, 9, 0.9))


def test_a_distribution_maps_through_an_increasing_function():
    """The quantiles of exp(X) are exp of the quantiles of X."""
    forecast = Predictive.from_samples(np.linspace(0, 1, 101)).map(np.exp)
    assert forecast.median == pytest.approx(np.exp(0.5))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Predictive((1.0,) * 3), "needs 99 finite quantiles"),
        (lambda: Predictive.from_samples([float("nan")]), "at least one finite sample"),
        (lambda: Predictive.point(1).quantile(0.995), "level must be from 0.01"),
    ],
)
def test_bad_distributions_are_refused(make, message):
    """Too few quantiles, no finite sample, a level outside those held: each is refused."""
    with pytest.raises(InvalidInput, match=message):
        make()


def test_the_crps_of_a_missing_outcome_is_nan():
    """No outcome, no score."""
    assert np.isnan(crps([0.0] * len(LEVELS), float("nan")))
