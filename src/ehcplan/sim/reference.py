"""The pooled statistical reference model, and persistence, for next year's published figures.

Any forecast of an authority's next year has to beat two baselines to be
worth using: **persistence** (next year as last year) and a simple
**statistical model** of the year-to-year change learnt from every
authority's past. `fit_reference` fits that model on DfE's panel
(`ehcplan.sim.authorities`) using only the years up to *until* (and, for the
year predicted, only its requests, the demand a planner would assume):

- the change in the measure, on a scale where changes are comparable (the
  logit of a share, the logarithm of a count), is regressed on a few
  features (`FEATURES`), pooled over every authority and every past pair of
  years: for the share of plans within 20 weeks, how far the authority stood
  from the year's average (the data show strong reversion toward it), the
  growth in its requests into the year predicted, and its plans issued per
  request not refused (a service keeping up with its demand, or not);
- the fit is a least-absolute-deviations (median) regression with a small
  ridge penalty, by iteratively reweighted least squares in numpy: the
  changes have heavy tails (an authority can go from 90% to 2%), which a
  least-squares fit would chase;
- the predictive distribution is the fitted change plus the fit's residuals,
  widened by the factor that gave 80% intervals their nominal coverage when
  each earlier year was predicted from the years before it (a split-conformal
  calibration; Vovk, Gammerman and Shafer 2005, *Algorithmic learning in a
  random world*), and mapped back to the measure's scale.

Persistence gets a distribution too: last year's value moved by every past
year-to-year change (on the same scale), so that its CRPS and coverage can be
compared with the model's (`ehcplan.sim.scores`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.sim.authorities import Authority
from ehcplan.sim.scores import LEVELS, Predictive

__all__ = [
    "FEATURES",
    "MEASURES",
    "Measure",
    "PanelIndex",
    "ReferenceModel",
    "fit_reference",
    "lad",
    "persistence",
]

Floats = npt.NDArray[np.float64]

_CLIP = 1.5
"""Log ratios used as features are kept within plus or minus this (a factor of about 4.5)."""

_SHARE_LIMITS = (0.5, 99.5)
"""Shares are kept within these percentages before their logit is taken."""


@attrs.frozen(kw_only=True)
class Measure:
    """A published figure that a back-test forecasts.

    Attributes:
        name: Its name in reports and files.
        label: What it is, in words.
        scale: ``"logit"`` for a percentage, ``"log"`` for a count: the scale on
            which year-to-year changes are modelled.
        features: The reference model's features for it (`FEATURES`).
        value: Reads it from a panel row (None where not published).

    Examples:
        >>> share = MEASURES["pc_within_20_weeks_ex"]
        >>> share.scale, share.features
        ('logit', ('level', 'requests_growth', 'throughput'))
        >>> round(float(share.back(share.forward(np.array([46.4]))[0])), 1)
        46.4
    """

    name: str
    label: str
    scale: str
    features: tuple[str, ...]
    value: Callable[[Authority], float | None] = attrs.field(eq=False, repr=False)

    def scaled(self, row: Authority) -> float | None:
        """The row's value on the modelling scale (None where not published)."""
        value = self.value(row)
        return None if value is None else float(self.forward(np.array([value]))[0])

    def forward(self, values: Floats) -> Floats:
        """The measure on its modelling scale (a share clipped to 0.5% to 99.5% first)."""
        if self.scale == "logit":
            p = np.clip(values, *_SHARE_LIMITS) / 100
            return np.log(p / (1 - p))
        return np.log(np.maximum(values, 0.5))

    def back(self, values: Floats) -> Floats:
        """From the modelling scale back to the measure's own."""
        if self.scale == "logit":
            return 100 / (1 + np.exp(-values))
        return np.exp(values)


def _share(row: Authority) -> float | None:
    return row.pc_within_20_weeks_ex


def _issued(row: Authority) -> float | None:
    return None if row.plans_issued is None else float(row.plans_issued)


def _in_place(row: Authority) -> float | None:
    stock = row.plans_in_place_next_january
    return None if stock is None else float(stock)


MEASURES: Mapping[str, Measure] = {
    m.name: m
    for m in (
        Measure(
            name="pc_within_20_weeks_ex",
            label="plans issued within 20 weeks, excluding exceptions (%)",
            scale="logit",
            features=("level", "requests_growth", "throughput"),
            value=_share,
        ),
        Measure(
            name="plans_issued",
            label="plans issued in the year",
            scale="log",
            features=("requests_growth", "throughput"),
            value=_issued,
        ),
        Measure(
            name="plans_in_place",
            label="plans in place the next January",
            scale="log",
            features=("requests_growth", "stock_growth", "issued_per_plan"),
            value=_in_place,
        ),
    )
}
"""The measures back-tested, by name."""

FEATURES = {
    "level": "last year's value on the model's scale, less that year's mean over authorities",
    "requests_growth": "log of the year's requests over last year's",
    "throughput": "log of last year's plans issued over its requests not refused "
    "(its refusals, where not known, at its share in its other years)",
    "stock_growth": "log of last year's plans in place at its end over its start",
    "issued_per_plan": "log of last year's plans issued over the plans in place at its end",
}
"""What each feature of the reference model is (the year is the one predicted)."""


def _log_ratio(a: float | None, b: float | None) -> float:
    if a is None or b is None or a <= 0 or b <= 0:
        return math.nan
    return min(_CLIP, max(-_CLIP, math.log(a / b)))


class PanelIndex:
    """An authority panel by series (`Authority.series`) and year, local authorities only.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> index = PanelIndex(shipped_panel())
        >>> index.row("825", 2023).name, index.years[-1]
        ('Buckinghamshire', 2023)
    """

    def __init__(self, rows: Iterable[Authority]) -> None:
        self._rows = {
            (r.series, r.year): r for r in rows if r.level == "Local authority"
        }
        self.years = tuple(sorted({year for _, year in self._rows}))
        self.series = tuple(sorted({series for series, _ in self._rows}))

    def row(self, series: str, year: int) -> Authority | None:
        """The row of *series* in *year*, if the panel has one."""
        return self._rows.get((series, year))

    def value(self, measure: Measure, series: str, year: int) -> float | None:
        """The measure's published value for *series* in *year*."""
        row = self.row(series, year)
        return None if row is None else measure.value(row)

    def scaled(self, measure: Measure, series: str, year: int) -> float | None:
        """The measure's value for *series* in *year* on its modelling scale."""
        row = self.row(series, year)
        return None if row is None else measure.scaled(row)

    def refused_share(self, series: str, year: int) -> float | None:
        """The share of requests refused in *year*, or in the authority's other years.

        Where the year's refusals are not known (or were set aside as a
        fault), the mean of its shares in its earlier years stands in.
        """
        shares = {}
        for y in self.years:
            row = self.row(series, y)
            if y > year:
                break
            if row is not None and row.requests and row.requests_refused is not None:
                shares[y] = row.requests_refused / row.requests
        if year in shares:
            return shares[year]
        return float(np.mean(list(shares.values()))) if shares else None

    def features(self, measure: Measure, target: int) -> dict[str, dict[str, float]]:
        """Each authority's features for predicting *target* (NaN where not known).

        Only rows before *target* are read, and the target year's requests.
        """
        scaled = {
            s: z
            for s in self.series
            if (z := self.scaled(measure, s, target - 1)) is not None
        }
        centre = float(np.mean(list(scaled.values()))) if scaled else math.nan
        result = {}
        for series, z in scaled.items():
            before = self.row(series, target - 1)
            now = self.row(series, target)
            assert before is not None  # noqa: S101 - it has a value
            refused = self.refused_share(series, target - 1)
            decided = (
                None
                if before.requests is None or refused is None
                else before.requests * (1 - refused)
            )
            candidates = {
                "level": z - centre,
                "requests_growth": _log_ratio(
                    None if now is None else now.requests, before.requests
                ),
                "throughput": _log_ratio(before.plans_issued, decided),
                "stock_growth": _log_ratio(
                    before.plans_in_place_next_january, before.plans_in_place_january
                ),
                "issued_per_plan": _log_ratio(
                    before.plans_issued, before.plans_in_place_next_january
                ),
            }
            result[series] = {"scaled": z} | {
                name: candidates[name] for name in measure.features
            }
        return result


def lad(
    design: Floats, target: Floats, *, ridge: float = 1.0, floor: float = 0.02
) -> Floats:
    """Least-absolute-deviations regression with a ridge penalty, by reweighted least squares.

    The first column of *design* is the intercept and is not penalised.
    Residuals smaller than *floor* are weighted as if they were *floor*, which
    keeps the weights finite.

    Examples:
        >>> x = np.arange(10.0)
        >>> y = 2 * x + 1
        >>> y[9] = 100  # one wild value barely moves a median fit
        >>> np.round(lad(np.column_stack([np.ones(10), x]), y, ridge=0), 2).tolist()
        [1.0, 2.0]
    """
    penalty = np.eye(design.shape[1]) * ridge
    penalty[0, 0] = 0.0

    def solve(weights: Floats) -> Floats:
        weighted = design * weights[:, None]
        solved = np.linalg.solve(design.T @ weighted + penalty, weighted.T @ target)
        return np.asarray(solved, dtype=np.float64)

    beta = solve(np.ones(len(target)))
    for _ in range(200):
        previous = beta
        beta = solve(1 / np.maximum(np.abs(target - design @ beta), floor))
        if np.max(np.abs(beta - previous)) < 1e-9:  # noqa: PLR2004 - converged
            break
    return beta


def _training(
    index: PanelIndex, measure: Measure, targets: Sequence[int]
) -> tuple[Floats, Floats, Floats]:
    """Features, the scaled last value and the scaled outcome, for every (authority, year)."""
    features, last, outcome = [], [], []
    for year in targets:
        for series, f in index.features(measure, year).items():
            value = index.scaled(measure, series, year)
            if value is None:
                continue
            features.append([f[name] for name in measure.features])
            last.append(f["scaled"])
            outcome.append(value)
    return (
        np.array(features, dtype=np.float64).reshape(len(last), len(measure.features)),
        np.array(last),
        np.array(outcome),
    )


def _fill(features: Floats, medians: Floats) -> Floats:
    return np.where(np.isnan(features), medians[None, :], features)


def _distribution(measure: Measure, centre: float, spread: Floats) -> Predictive:
    """The predictive distribution of a scaled value *centre* plus each of *spread*."""
    quantiles = np.quantile(centre + spread, np.array(LEVELS))
    return Predictive(tuple(measure.back(quantiles).tolist()))


@attrs.frozen(kw_only=True, eq=False)
class ReferenceModel:
    """The reference model of one measure, fitted on the years up to *until*.

    Attributes:
        measure: What it forecasts.
        until: The last year whose outcomes it used.
        coefficients: The fitted intercept and feature weights, by name (on the
            measure's modelling scale).
        medians: Each feature's median in training, used where a feature is
            not known.
        residuals: The fit's residuals on the modelling scale, less their median.
        widening: The factor the residuals are widened by (the conformal
            calibration of the 80% interval; 1 when there was too little history).
        rows: How many (authority, year) pairs it was fitted on.
    """

    measure: Measure
    until: int
    coefficients: Mapping[str, float]
    medians: Floats
    residuals: Floats
    widening: float
    rows: int

    def scaled_points(self, index: PanelIndex, target: int) -> dict[str, float]:
        """Each authority's point forecast for *target*, on the modelling scale."""
        beta = np.array(list(self.coefficients.values()))
        result = {}
        for series, f in index.features(self.measure, target).items():
            x = _fill(
                np.array([[f[name] for name in self.measure.features]]), self.medians
            )
            result[series] = f["scaled"] + float(beta[0] + x[0] @ beta[1:])
        return result

    def predict(self, index: PanelIndex, target: int) -> dict[str, Predictive]:
        """Each authority's predictive distribution for *target* (by series)."""
        spread = self.widening * self.residuals
        return {
            series: _distribution(self.measure, z, spread)
            for series, z in self.scaled_points(index, target).items()
        }


def _fit(
    index: PanelIndex, measure: Measure, targets: Sequence[int], ridge: float
) -> tuple[Floats, Floats, Floats]:
    features, last, outcome = _training(index, measure, targets)
    if len(outcome) < 2 * (len(measure.features) + 1):
        msg = (
            f"too few authorities with {measure.name} in consecutive years up to "
            f"{targets[-1] if targets else 'the last year'} to fit the reference model; "
            "give a panel with at least two years."
        )
        raise InvalidInput(msg, field="until")
    medians = np.nanmedian(features, axis=0) if len(features) else np.array([])
    medians = np.where(np.isnan(medians), 0.0, medians)
    design = np.column_stack([np.ones(len(outcome)), _fill(features, medians)])
    beta = lad(design, outcome - last, ridge=ridge)
    residuals = outcome - last - design @ beta
    return beta, medians, residuals - np.median(residuals)


_WIDENINGS = np.round(np.arange(0.8, 3.001, 0.05), 2)


def fit_reference(
    rows: Sequence[Authority] | PanelIndex,
    measure: str = "pc_within_20_weeks_ex",
    *,
    until: int,
    ridge: float = 1.0,
) -> ReferenceModel:
    """Fit the reference model of *measure* on every year-to-year change up to *until*.

    Args:
        rows: The panel (`ehcplan.sim.authorities.read_panel`), or its index.
        measure: One of `MEASURES`.
        until: The last year whose outcomes may be used.
        ridge: The ridge penalty on the feature weights.

    Raises:
        InvalidInput: If the measure is unknown, or too few years are before *until*.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> panel = PanelIndex(shipped_panel())
        >>> model = fit_reference(panel, until=2022)
        >>> list(model.coefficients)
        ['intercept', 'level', 'requests_growth', 'throughput']
        >>> model.coefficients["level"] < 0  # reversion toward the year's average
        True
        >>> forecast = model.predict(panel, 2023)["805"]  # Hartlepool
        >>> low, high = forecast.interval(0.8)
        >>> low < forecast.median < high
        True
    """
    if measure not in MEASURES:
        msg = f"no measure {measure!r}; the measures are {', '.join(MEASURES)}."
        raise InvalidInput(msg, field="measure")
    m = MEASURES[measure]
    index = rows if isinstance(rows, PanelIndex) else PanelIndex(rows)
    targets = [
        year for year in index.years if year <= until and year - 1 in index.years
    ]
    beta, medians, residuals = _fit(index, m, targets, ridge)
    widening = 1.0
    checks = targets[1:]
    if checks:
        covered = np.zeros(len(_WIDENINGS))
        for year in checks:
            b, med, res = _fit(index, m, [t for t in targets if t < year], ridge)
            earlier = _model(m, year - 1, b, med, res, 1.0)
            points = earlier.scaled_points(index, year)
            outcomes = {
                s: v for s in points if (v := index.scaled(m, s, year)) is not None
            }
            low_q, high_q = np.quantile(res, [0.1, 0.9])
            errors = np.array([outcomes[s] - points[s] for s in outcomes])
            covered += np.array(
                [
                    np.mean((errors >= k * low_q) & (errors <= k * high_q))
                    for k in _WIDENINGS
                ]
            )
        covered /= len(checks)
        enough = np.nonzero(covered >= 0.8)[0]  # noqa: PLR2004 - the nominal coverage
        widening = float(_WIDENINGS[enough[0]] if len(enough) else _WIDENINGS[-1])
    return _model(m, until, beta, medians, residuals, widening)


def _model(
    measure: Measure,
    until: int,
    beta: Floats,
    medians: Floats,
    residuals: Floats,
    widening: float,
) -> ReferenceModel:
    names = ["intercept", *measure.features]
    return ReferenceModel(
        measure=measure,
        until=until,
        coefficients=dict(zip(names, beta.tolist(), strict=True)),
        medians=medians,
        residuals=residuals,
        widening=widening,
        rows=len(residuals),
    )


def persistence(
    rows: Sequence[Authority] | PanelIndex,
    measure: str = "pc_within_20_weeks_ex",
    *,
    until: int,
    target: int,
) -> dict[str, Predictive]:
    """Next year as last year: each authority's last value, spread by every past change.

    The median is last year's value (a share of 0% or 100% as 0.5% or 99.5%,
    where the logit is taken); the spread is every authority's year-to-year
    change up to *until*, on the measure's modelling scale, less their median.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> forecasts = persistence(shipped_panel(), until=2022, target=2023)
        >>> round(forecasts["805"].median, 1)  # Hartlepool's 2022 share
        55.1
    """
    m = MEASURES[measure]
    index = rows if isinstance(rows, PanelIndex) else PanelIndex(rows)
    targets = [
        year for year in index.years if year <= until and year - 1 in index.years
    ]
    _, last, outcome = _training(index, m, targets)
    changes = outcome - last
    changes = changes - np.median(changes)
    return {
        series: _distribution(m, f["scaled"], changes)
        for series, f in index.features(m, target).items()
    }
