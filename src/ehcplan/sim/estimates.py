"""Estimates across replications: a mean, its confidence interval, and the range of one year.

Every KPI of `ehcplan.sim.results` and every comparison of two scenarios is
summarised here, over the replications' values (NaNs left out).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["Estimate", "interval", "student_t_quantile"]

Floats = npt.NDArray[np.float64]


@attrs.frozen(kw_only=True)
class Estimate:
    """A mean across replications, its 95% confidence interval, and the range of one year.

    *lower* and *upper* bound the mean (how precisely the replications pin it
    down); *predictive_lower* and *predictive_upper* are the 5th and 95th
    percentiles of the replications' values, the range a single year's value
    can take (None where not computed: from fewer than two values, or for an
    estimate that is not of replications). With few replications that range
    is too narrow: use 20 or more.
    """

    mean: float
    lower: float
    upper: float
    n: int
    predictive_lower: float | None = None
    predictive_upper: float | None = None

    def __str__(self) -> str:
        """E.g. ``0.464 (95% CI 0.451 to 0.478)``; "to", as intervals may be negative."""
        return f"{self.mean:.3f} (95% CI {self.lower:.3f} to {self.upper:.3f})"


def _t_two_sided(t: float, dof: int) -> float:
    """P(|T| < t) for Student's t with *dof* degrees of freedom, *t* >= 0.

    The closed forms for whole degrees of freedom (Abramowitz and Stegun 26.7.3
    and 26.7.4): a finite series in cos(theta), theta = atan(t / sqrt(dof)).
    """
    theta = math.atan(t / math.sqrt(dof))
    cos2 = math.cos(theta) ** 2
    if dof % 2:
        if dof == 1:
            return 2 * theta / math.pi
        term = total = 1.0
        for k in range(1, (dof - 1) // 2):
            term *= cos2 * (2 * k) / (2 * k + 1)
            total += term
        return 2 / math.pi * (theta + math.sin(theta) * math.cos(theta) * total)
    term = total = 1.0
    for k in range(1, dof // 2):
        term *= cos2 * (2 * k - 1) / (2 * k)
        total += term
    return math.sin(theta) * total


def student_t_quantile(p: float, dof: int) -> float:
    """The *p* quantile of Student's t with *dof* (a whole number) degrees of freedom.

    Computed from the distribution's closed form for whole degrees of freedom by
    bisection to within 1e-12 (the tests check it against SciPy), so a confidence
    interval needs no statistics package.

    Examples:
        >>> round(student_t_quantile(0.975, 3), 6)
        3.182446
        >>> round(student_t_quantile(0.05, 19), 6)
        -1.729133
    """
    if not 0 < p < 1:
        msg = f"p must be between 0 and 1, got {p!r}."
        raise ValueError(msg)
    if p < 0.5:
        return -student_t_quantile(1 - p, dof)
    target = 2 * p - 1  # P(|T| < t)
    low, high = 0.0, 1.0
    while _t_two_sided(high, dof) < target:
        high *= 2
    while high - low > 1e-12 * max(1.0, high):
        middle = (low + high) / 2
        if _t_two_sided(middle, dof) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def interval(
    values: Sequence[float] | Floats,
    confidence: float = 0.95,
    *,
    predictive: float = 0.90,
) -> Estimate:
    """The mean of *values*, its Student's t confidence interval, and their central range.

    NaNs are left out. The predictive interval holds the central *predictive*
    share of the values (default 90%: the 5th to the 95th percentile).

    Examples:
        >>> e = interval([0.40, 0.44, 0.48, 0.52])
        >>> round(e.mean, 3), round(e.lower, 3), round(e.upper, 3)
        (0.46, 0.378, 0.542)
        >>> round(e.predictive_lower, 3), round(e.predictive_upper, 3)
        (0.406, 0.514)
    """
    data = np.asarray(values, dtype=np.float64)
    data = data[~np.isnan(data)]
    n = len(data)
    if n == 0:
        return Estimate(mean=math.nan, lower=math.nan, upper=math.nan, n=0)
    mean = float(data.mean())
    if n == 1:
        return Estimate(mean=mean, lower=math.nan, upper=math.nan, n=1)
    half = float(
        student_t_quantile((1 + confidence) / 2, n - 1)
        * data.std(ddof=1)
        / math.sqrt(n)
    )
    tail = (1 - predictive) / 2
    low, high = np.quantile(data, [tail, 1 - tail])
    return Estimate(
        mean=mean,
        lower=mean - half,
        upper=mean + half,
        n=n,
        predictive_lower=float(low),
        predictive_upper=float(high),
    )
