"""Confidence intervals need no statistics package: Student's t quantiles checked against SciPy."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.sim.estimates import interval, student_t_quantile


@pytest.mark.parametrize("dof", [1, 2, 3, 4, 5, 9, 10, 19, 29, 99, 199, 999])
@pytest.mark.parametrize("p", [0.55, 0.9, 0.95, 0.975, 0.995, 0.9995])
def test_the_quantile_is_scipys(dof, p):
    """Within 1e-9 of scipy.stats.t.ppf at every tabulated point."""
    from scipy import stats

    assert student_t_quantile(p, dof) == pytest.approx(stats.t.ppf(p, dof), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    p=st.floats(min_value=1e-6, max_value=1 - 1e-6),
    dof=st.integers(min_value=1, max_value=400),
)
def test_the_quantile_is_scipys_anywhere(p, dof):
    """Any probability and degrees of freedom: SciPy's answer, to 1e-8 relative."""
    from scipy import stats

    assert student_t_quantile(p, dof) == pytest.approx(
        stats.t.ppf(p, dof), rel=1e-8, abs=1e-9
    )


@settings(max_examples=100, deadline=None)
@given(
    p=st.floats(min_value=0.01, max_value=0.98),
    step=st.floats(min_value=0.001, max_value=0.01),
    dof=st.integers(min_value=1, max_value=200),
)
def test_the_quantile_is_odd_and_increasing(p, step, dof):
    """t(1 - p) = -t(p), and a larger p gives a larger quantile."""
    assert student_t_quantile(1 - p, dof) == pytest.approx(-student_t_quantile(p, dof))
    assert student_t_quantile(p + step, dof) > student_t_quantile(p, dof)


def test_a_95_percent_interval_of_four_values():
    """The worked example: mean 0.46, half-width t(0.975, 3) * s / 2."""
    values = [0.40, 0.44, 0.48, 0.52]
    e = interval(values)
    half = 3.182446305284263 * np.std(values, ddof=1) / 2
    assert (e.mean, e.lower, e.upper, e.n) == pytest.approx(
        (0.46, 0.46 - half, 0.46 + half, 4)
    )


def test_no_values_or_one_value_have_no_interval():
    """No data: all NaN; one value: its mean, no interval."""
    assert math.isnan(interval([]).mean)
    one = interval([0.3, math.nan])
    assert (one.mean, one.n) == (0.3, 1)
    assert math.isnan(one.lower)


@pytest.mark.parametrize("p", [0, 1, -0.1, 1.5])
def test_a_probability_outside_0_and_1_is_refused(p):
    """Only probabilities strictly between 0 and 1 have a quantile."""
    with pytest.raises(ValueError, match="between 0 and 1"):
        student_t_quantile(p, 5)
