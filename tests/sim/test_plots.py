"""The plots' error bars: from the runs' spread, never negative."""

import numpy as np

from ehcplan.sim.plots import _column_stats, _spread


def test_error_bars_are_never_negative_when_the_mean_rounds_past_the_range():
    """A mean a rounding error above its runs' 95th percentile gets an upper bar of 0."""
    mean, low, high = np.array([5.0]), np.array([0.0]), np.array([5.0 - 7e-14])
    down, up = _spread(mean, low, high)
    assert down.tolist() == [5.0]
    assert up.tolist() == [0.0]


def test_error_bars_of_unknown_columns_are_zero():
    """A month no run measured (NaN) gets no bar rather than a NaN one."""
    values = np.array([[np.nan, 2.0], [np.nan, 4.0]])
    down, up = _spread(*_column_stats(values))
    assert (down[0], up[0]) == (0.0, 0.0)
    assert down[1] > 0
    assert up[1] > 0
