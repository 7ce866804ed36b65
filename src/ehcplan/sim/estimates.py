"""Estimates across replications: a mean and its confidence interval.

Every KPI of `ehcplan.sim.results` and every comparison of two scenarios is
summarised here, over the replications' values (NaNs left out).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["Estimate", "interval"]

Floats = npt.NDArray[np.float64]


@attrs.frozen(kw_only=True)
class Estimate:
    """A mean across replications and its 95% confidence interval."""

    mean: float
    lower: float
    upper: float
    n: int

    def __str__(self) -> str:
        """E.g. ``0.464 (95% CI 0.451 to 0.478)``; "to", as intervals may be negative."""
        return f"{self.mean:.3f} (95% CI {self.lower:.3f} to {self.upper:.3f})"


def interval(values: Sequence[float] | Floats, confidence: float = 0.95) -> Estimate:
    """The mean of *values* and its Student's t confidence interval (NaNs left out).

    Examples:
        >>> e = interval([0.40, 0.44, 0.48, 0.52])
        >>> round(e.mean, 3), round(e.lower, 3), round(e.upper, 3)
        (0.46, 0.378, 0.542)
    """
    from scipy import stats

    data = np.asarray(values, dtype=np.float64)
    data = data[~np.isnan(data)]
    n = len(data)
    if n == 0:
        return Estimate(mean=math.nan, lower=math.nan, upper=math.nan, n=0)
    mean = float(data.mean())
    if n == 1:
        return Estimate(mean=mean, lower=math.nan, upper=math.nan, n=1)
    half = float(
        stats.t.ppf((1 + confidence) / 2, n - 1) * data.std(ddof=1) / math.sqrt(n)
    )
    return Estimate(mean=mean, lower=mean - half, upper=mean + half, n=n)
