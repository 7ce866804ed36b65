"""Forecasts as predictive distributions, and how they are scored.

A forecast of next year's value is not one number but a distribution: a
`Predictive` holds its quantiles at the 99 levels 1%, 2%, ..., 99%
(`LEVELS`), from which come its median (the point forecast), its intervals
and its scores:

- the **absolute error** of its median;
- the **CRPS** (continuous ranked probability score), the mean over the
  levels of twice the quantile (pinball) loss: in the units of the value, it
  rewards a distribution both for being near the outcome and for being sharp,
  and it is the absolute error when the distribution is a single point
  (Gneiting and Raftery 2007, "Strictly proper scoring rules", JASA 102:359);
- whether its **80% interval** (10% to 90%) covers the outcome.

Lower is better for the first two; a well-calibrated 80% interval covers
about 80% of outcomes. Every model in a back-test (persistence, the pooled
reference model, the simulator and the hybrid) is scored by these same
functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput

__all__ = ["LEVELS", "Predictive", "crps", "pinball"]

LEVELS: tuple[float, ...] = tuple(i / 100 for i in range(1, 100))
"""The quantile levels a `Predictive` holds: 1% to 99%."""

_LEVELS = np.array(LEVELS)


def _quantiles(values: Sequence[float]) -> tuple[float, ...]:
    array = np.asarray(values, dtype=np.float64)
    if array.shape != (len(LEVELS),) or not np.all(np.isfinite(array)):
        msg = (
            f"a predictive distribution needs {len(LEVELS)} finite quantiles "
            f"(levels 1% to 99%), got {array.shape[0] if array.ndim else 0}."
        )
        raise InvalidInput(msg, field="quantiles")
    return tuple(float(v) for v in np.maximum.accumulate(array))


@attrs.frozen
class Predictive:
    """A forecast's distribution, as its quantiles at `LEVELS` (kept in order).

    Examples:
        >>> p = Predictive.from_samples(range(101))
        >>> p.median, p.interval(0.8)
        (50.0, (10.0, 90.0))
        >>> round(p.crps(50), 2), round(Predictive.point(50).crps(60), 2)
        (8.41, 10.0)
    """

    quantiles: tuple[float, ...] = attrs.field(converter=_quantiles)

    @classmethod
    def from_samples(
        cls, samples: Sequence[float] | npt.NDArray[np.float64]
    ) -> Predictive:
        """The distribution of *samples* (linear interpolation between order statistics)."""
        array = np.asarray(samples, dtype=np.float64)
        array = array[np.isfinite(array)]
        if not len(array):
            msg = "a predictive distribution needs at least one finite sample."
            raise InvalidInput(msg, field="samples")
        return cls(tuple(np.quantile(array, _LEVELS).tolist()))

    @classmethod
    def point(cls, value: float) -> Predictive:
        """A forecast with no spread: every quantile is *value*."""
        return cls((float(value),) * len(LEVELS))

    @property
    def median(self) -> float:
        """The point forecast: the 50% quantile."""
        return self.quantiles[49]

    def quantile(self, level: float) -> float:
        """The quantile at *level* (0.01 to 0.99), interpolated between `LEVELS`."""
        if not 0.01 <= level <= 0.99:  # noqa: PLR2004 - the levels held
            msg = f"level must be from 0.01 to 0.99, got {level!r}."
            raise InvalidInput(msg, field="level")
        return float(np.interp(level, _LEVELS, self.quantiles))

    def interval(self, coverage: float = 0.8) -> tuple[float, float]:
        """The central interval holding *coverage* of the distribution (default 10% to 90%)."""
        tail = round((1 - coverage) / 2, 9)
        return self.quantile(tail), self.quantile(1 - tail)

    def covers(self, outcome: float, coverage: float = 0.8) -> bool:
        """Whether *outcome* lies in the central *coverage* interval."""
        low, high = self.interval(coverage)
        return low <= outcome <= high

    def crps(self, outcome: float) -> float:
        """The CRPS of this distribution for *outcome* (see `crps`)."""
        return crps(self.quantiles, outcome)

    def map(self, function: np.ufunc) -> Predictive:
        """The distribution of ``function(X)`` for an increasing *function*, e.g. ``np.exp``."""
        return Predictive(tuple(function(np.array(self.quantiles)).tolist()))


def pinball(quantile: float, outcome: float, level: float) -> float:
    """The quantile (pinball) loss of *quantile* at *level* for *outcome*.

    Examples:
        >>> pinball(10, 14, 0.9), pinball(10, 6, 0.9)
        (3.6, 0.4)
    """
    error = outcome - quantile
    return round(max(level * error, (level - 1) * error), 12)


def crps(quantiles: Sequence[float], outcome: float) -> float:
    """The CRPS of a distribution given by its quantiles at `LEVELS`, for *outcome*.

    Twice the mean pinball loss over the levels, which approximates the
    integral that defines the CRPS; for a distribution with no spread it is
    the absolute error.

    Examples:
        >>> crps([3.0] * 99, 5.0)
        2.0
    """
    q = np.asarray(quantiles, dtype=np.float64)
    if math.isnan(outcome):
        return math.nan
    error = outcome - q
    return float(2 * np.mean(np.maximum(_LEVELS * error, (_LEVELS - 1) * error)))
