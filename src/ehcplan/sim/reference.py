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
  above or below the year's average (the data show strong reversion toward
  it from below, and little from above), the growth in its requests into the
  year predicted, and its plans issued per request not refused (a service
  keeping up with its demand, or not);
- the fit is a least-absolute-deviations (median) regression with a small
  ridge penalty, by iteratively reweighted least squares in numpy: the
  changes have heavy tails (an authority can go from 90% to 2%), which a
  least-squares fit would chase;
- which features, and which penalty, are **chosen by rolling origin on the
  years before**: each candidate of the measure (`Measure.candidates`, each
  with every penalty in `RIDGES`) forecasts each earlier year from the years
  before it, and the one with the least mean absolute error on those years
  is fitted on every year up to *until* (`ReferenceModel.candidates` keeps
  every candidate's error; with no earlier year to check, the first);
- the predictive distribution is the fitted change plus the fit's residuals,
  widened by the factor that gave 80% intervals their nominal coverage when
  each earlier year was predicted from the years before it (a split-conformal
  calibration; Vovk, Gammerman and Shafer 2005, *Algorithmic learning in a
  random world*), and mapped back to the measure's scale.

No outcome of a year after *until* is read, so a back-test of a target year
chooses and calibrates its reference model on the years before it only.

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
    "RIDGES",
    "TRENDS",
    "Candidate",
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

RIDGES: tuple[float, ...] = (1.0, 3.0, 10.0)
"""The ridge penalties each candidate is tried with, the first preferred on a tie."""

TRENDS: tuple[str, ...] = ("drift", "none")
"""How the year predicted moves as a whole, the first preferred on a tie.

``"drift"``: by the average change of the years learnt from (one intercept
pooled over them); ``"none"``: not at all (the authorities' mean stays as
last year, each year learnt from has its own intercept, and the spread adds
the changes of those years as a whole).
"""


@attrs.frozen(kw_only=True)
class Measure:
    """A published figure that a back-test forecasts.

    Attributes:
        name: Its name in reports and files.
        label: What it is, in words.
        scale: ``"logit"`` for a percentage, ``"log"`` for a count: the scale on
            which year-to-year changes are modelled.
        candidates: The sets of features (`FEATURES`) the reference model is
            chosen among, in order of preference on a tie.
        value: Reads it from a panel row (None where not published).
        trends: The ways the year predicted may move as a whole (`TRENDS`)
            the model is chosen among: a count moves with the demand known
            for the year, so only a share is tried with no common change.

    Examples:
        >>> share = MEASURES["pc_within_20_weeks_ex"]
        >>> share.scale, share.candidates[0]
        ('logit', ('above', 'below', 'requests_growth', 'throughput'))
        >>> round(float(share.back(share.forward(np.array([46.4]))[0])), 1)
        46.4
    """

    name: str
    label: str
    scale: str
    candidates: tuple[tuple[str, ...], ...]
    value: Callable[[Authority], float | None] = attrs.field(eq=False, repr=False)
    trends: tuple[str, ...] = ("drift",)

    @property
    def features(self) -> tuple[str, ...]:
        """Every feature of any candidate, in order of first use."""
        return tuple(dict.fromkeys(f for c in self.candidates for f in c))

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


_ASYMMETRIC = ("above", "below", "requests_growth", "throughput")

MEASURES: Mapping[str, Measure] = {
    m.name: m
    for m in (
        Measure(
            name="pc_within_20_weeks_ex",
            label="plans issued within 20 weeks, excluding exceptions (%)",
            scale="logit",
            candidates=(
                _ASYMMETRIC,
                (*_ASYMMETRIC, "own_level"),
                (*_ASYMMETRIC, "region_change", "england_change"),
                ("level", "requests_growth", "throughput"),
            ),
            value=_share,
            trends=("drift", "none"),
        ),
        Measure(
            name="plans_issued",
            label="plans issued in the year",
            scale="log",
            candidates=(("requests_growth", "throughput"),),
            value=_issued,
        ),
        Measure(
            name="plans_in_place",
            label="plans in place the next January",
            scale="log",
            candidates=(("requests_growth", "stock_growth", "issued_per_plan"),),
            value=_in_place,
        ),
    )
}
"""The measures back-tested, by name."""

FEATURES = {
    "level": "last year's value on the model's scale, less that year's mean over authorities",
    "above": "how far last year's value stood above that year's mean (0 if below)",
    "below": "how far last year's value stood below that year's mean (negative; 0 if above)",
    "own_level": "the authority's mean distance from the year's mean in its years before "
    "last year (its own long-run level; 0 where it has none)",
    "region_change": "the mean change into last year of its region's authorities, less "
    "every authority's (0 where not known)",
    "england_change": "the mean change into last year of every authority (0 where not known)",
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
        self._features: dict[tuple[str, int], dict[str, dict[str, float]]] = {}

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

    def _year(self, measure: Measure, year: int) -> dict[str, float]:
        """Every authority's value in *year* on the modelling scale, where published."""
        return {
            s: z
            for s in self.series
            if (z := self.scaled(measure, s, year)) is not None
        }

    def _changes(self, measure: Measure, year: int) -> tuple[float, dict[str, float]]:
        """Every authority's mean change into *year*, and each region's, less it."""
        before, now = self._year(measure, year - 1), self._year(measure, year)
        changes = {s: now[s] - before[s] for s in now if s in before}
        if not changes:
            return 0.0, {}
        england = float(np.mean(list(changes.values())))
        by_region: dict[str, list[float]] = {}
        for s, change in changes.items():
            row = self.row(s, year)
            assert row is not None  # noqa: S101 - it has a value
            by_region.setdefault(row.region, []).append(change)
        return england, {
            region: float(np.mean(values)) - england
            for region, values in by_region.items()
        }

    def features(self, measure: Measure, target: int) -> dict[str, dict[str, float]]:
        """Each authority's features for predicting *target* (NaN where not known).

        Only rows before *target* are read, and the target year's requests.
        """
        key = (measure.name, target)
        if key not in self._features:
            self._features[key] = self._compute(measure, target)
        return self._features[key]

    def _compute(self, measure: Measure, target: int) -> dict[str, dict[str, float]]:
        scaled = self._year(measure, target - 1)
        centre = float(np.mean(list(scaled.values()))) if scaled else math.nan
        earlier = {}
        for year in (y for y in self.years if y < target - 1):
            values = self._year(measure, year)
            if values:
                mean = float(np.mean(list(values.values())))
                earlier[year] = {s: z - mean for s, z in values.items()}
        england, regions = (
            self._changes(measure, target - 1)
            if target - 2 in self.years
            else (0.0, {})
        )
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
            own = [d[series] for d in earlier.values() if series in d]
            candidates = {
                "level": z - centre,
                "above": max(z - centre, 0.0),
                "below": min(z - centre, 0.0),
                "own_level": float(np.mean(own)) if own else 0.0,
                "region_change": regions.get(before.region, 0.0),
                "england_change": england,
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
    design: Floats,
    target: Floats,
    *,
    ridge: float = 1.0,
    floor: float = 0.02,
    free: int = 1,
) -> Floats:
    """Least-absolute-deviations regression with a ridge penalty, by reweighted least squares.

    The first *free* columns of *design* (the intercept, or one per year) are
    not penalised.
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
    penalty[:free, :free] = 0.0

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
    index: PanelIndex, measure: Measure, targets: Sequence[int], names: Sequence[str]
) -> tuple[Floats, Floats, Floats, npt.NDArray[np.int64]]:
    """Features, the scaled last and outcome values, and the year, of every (authority, year)."""
    features, last, outcome, years = [], [], [], []
    for year in targets:
        for series, f in index.features(measure, year).items():
            value = index.scaled(measure, series, year)
            if value is None:
                continue
            features.append([f[name] for name in names])
            last.append(f["scaled"])
            outcome.append(value)
            years.append(year)
    return (
        np.array(features, dtype=np.float64).reshape(len(last), len(names)),
        np.array(last),
        np.array(outcome),
        np.array(years, dtype=np.int64),
    )


def _fill(features: Floats, medians: Floats) -> Floats:
    return np.where(np.isnan(features), medians[None, :], features)


def _distribution(measure: Measure, centre: float, spread: Floats) -> Predictive:
    """The predictive distribution of a scaled value *centre* plus each of *spread*."""
    quantiles = np.quantile(centre + spread, np.array(LEVELS))
    return Predictive(tuple(measure.back(quantiles).tolist()))


@attrs.frozen(kw_only=True)
class Candidate:
    """One specification the reference model was chosen among, and how it did.

    Attributes:
        features: Its features (`FEATURES`).
        ridge: Its ridge penalty.
        trend: Its trend (`TRENDS`).
        error: Its mean absolute error, on the measure's own scale, over every
            authority in the years it was checked on, each forecast from the
            years before it (NaN where no year could be checked).
        checked: The years it was checked on.
    """

    features: tuple[str, ...]
    ridge: float
    trend: str
    error: float
    checked: tuple[int, ...]


@attrs.frozen(kw_only=True, eq=False)
class ReferenceModel:
    """The reference model of one measure, fitted on the years up to *until*.

    Attributes:
        measure: What it forecasts.
        until: The last year whose outcomes it used.
        features: The features chosen (`FEATURES`).
        ridge: The ridge penalty chosen.
        trend: How the year predicted moves as a whole (`TRENDS`).
        coefficients: The fitted intercept (with the trend ``"drift"``) and
            feature weights, by name (on the measure's modelling scale).
        medians: Each feature's median in training, used where a feature is
            not known.
        residuals: The spread of the forecast on the modelling scale: the fit's
            residuals less their median (with the trend ``"none"``, each added
            to every change of a year learnt from as a whole).
        widening: The factor the residuals are widened by (the conformal
            calibration of the 80% interval; 1 when there was too little history).
        rows: How many (authority, year) pairs it was fitted on.
        candidates: Every specification it was chosen among, with its error
            on the years before *until* (`Candidate`), in order of preference.
    """

    measure: Measure
    until: int
    features: tuple[str, ...]
    ridge: float
    trend: str
    coefficients: Mapping[str, float]
    medians: Floats
    residuals: Floats
    widening: float
    rows: int
    candidates: tuple[Candidate, ...] = ()

    def scaled_points(self, index: PanelIndex, target: int) -> dict[str, float]:
        """Each authority's point forecast for *target*, on the modelling scale."""
        beta = np.array([self.coefficients[name] for name in self.features])
        rows = index.features(self.measure, target)
        x = _fill(
            np.array(
                [[f[name] for name in self.features] for f in rows.values()],
                dtype=np.float64,
            ).reshape(len(rows), len(self.features)),
            self.medians,
        )
        moves = x @ beta
        common = (
            self.coefficients["intercept"]
            if self.trend == "drift"
            else -float(np.mean(moves))
            if len(moves)
            else 0.0
        )
        return {
            series: f["scaled"] + float(move) + common
            for (series, f), move in zip(rows.items(), moves, strict=True)
        }

    def predict(self, index: PanelIndex, target: int) -> dict[str, Predictive]:
        """Each authority's predictive distribution for *target* (by series)."""
        spread = self.widening * self.residuals
        return {
            series: _distribution(self.measure, z, spread)
            for series, z in self.scaled_points(index, target).items()
        }


def _fit(
    index: PanelIndex,
    measure: Measure,
    targets: Sequence[int],
    spec: tuple[tuple[str, ...], float, str],
    *,
    until: int,
) -> ReferenceModel:
    """The model of *spec* (features, ridge, trend), fitted on *targets* (widening 1)."""
    names, ridge, trend = spec
    features, last, outcome, years = _training(index, measure, targets, names)
    if len(outcome) < 2 * (len(names) + len(targets)):
        msg = (
            f"too few authorities with {measure.name} in consecutive years up to "
            f"{targets[-1] if targets else 'the last year'} to fit the reference model; "
            "give a panel with at least two years."
        )
        raise InvalidInput(msg, field="until")
    medians = np.nanmedian(features, axis=0) if len(features) else np.array([])
    medians = np.where(np.isnan(medians), 0.0, medians)
    change = outcome - last
    if trend == "drift":
        design = np.column_stack([np.ones(len(outcome)), _fill(features, medians)])
        beta = lad(design, change, ridge=ridge)
        residuals = change - design @ beta
        spread = residuals - np.median(residuals)
        coefficients = dict(zip(["intercept", *names], beta.tolist(), strict=True))
    else:
        seen = sorted(set(years.tolist()))
        dummies = (years[:, None] == np.array(seen)[None, :]).astype(np.float64)
        design = np.column_stack([dummies, _fill(features, medians)])
        beta = lad(design, change, ridge=ridge, free=len(seen))
        residuals = change - design @ beta
        residuals = residuals - np.median(residuals)
        # The year predicted may move as a whole as much as any year learnt from did.
        common = np.array([change[years == y].mean() for y in seen])
        spread = (residuals[:, None] + common[None, :]).ravel()
        coefficients = dict(zip(names, beta[len(seen) :].tolist(), strict=True))
    return ReferenceModel(
        measure=measure,
        until=until,
        features=tuple(names),
        ridge=ridge,
        trend=trend,
        coefficients=coefficients,
        medians=medians,
        residuals=spread,
        widening=1.0,
        rows=len(outcome),
    )


_TIE = 1e-6
"""Errors closer than this (in the measure's units) are a tie."""

_WIDENINGS = np.round(np.arange(0.8, 3.001, 0.05), 2)


@attrs.frozen
class _Check:
    """One candidate's forecast of one earlier year from the years before it."""

    errors: Floats
    """Outcome less forecast, on the modelling scale."""
    absolute: Floats
    """Absolute errors on the measure's own scale."""
    residuals: Floats
    """The residuals of the model that made the forecast."""


def _check(
    index: PanelIndex,
    measure: Measure,
    targets: Sequence[int],
    year: int,
    spec: tuple[tuple[str, ...], float, str],
) -> _Check:
    earlier = _fit(
        index, measure, [t for t in targets if t < year], spec, until=year - 1
    )
    points = earlier.scaled_points(index, year)
    outcomes = {
        s: v for s in points if (v := index.scaled(measure, s, year)) is not None
    }
    published = {s: index.value(measure, s, year) for s in outcomes}
    series = list(outcomes)
    forecast = np.array([points[s] for s in series])
    actual = np.array([published[s] for s in series], dtype=np.float64)
    return _Check(
        errors=np.array([outcomes[s] for s in series]) - forecast,
        absolute=np.abs(measure.back(forecast) - actual),
        residuals=earlier.residuals,
    )


def _widening(checks: Sequence[_Check]) -> float:
    """The least widening whose 80% intervals covered 80% of the earlier years, on average."""
    if not checks:
        return 1.0
    covered = np.zeros(len(_WIDENINGS))
    for check in checks:
        low_q, high_q = np.quantile(check.residuals, [0.1, 0.9])
        covered += np.array(
            [
                np.mean((check.errors >= k * low_q) & (check.errors <= k * high_q))
                for k in _WIDENINGS
            ]
        )
    covered /= len(checks)
    enough = np.nonzero(covered >= 0.8)[0]  # noqa: PLR2004 - the nominal coverage
    return float(_WIDENINGS[enough[0]] if len(enough) else _WIDENINGS[-1])


def fit_reference(
    rows: Sequence[Authority] | PanelIndex,
    measure: str = "pc_within_20_weeks_ex",
    *,
    until: int,
    features: Sequence[str] | None = None,
    ridge: float | None = None,
    trend: str | None = None,
) -> ReferenceModel:
    """Choose and fit the reference model of *measure* on every year-to-year change up to *until*.

    Each candidate (the measure's feature sets, each with every penalty in
    `RIDGES` and every one of its trends; or only *features*, *ridge* or
    *trend*, where given) forecasts
    each year after the first pair up to *until* from the years before it;
    the one with the least mean absolute error over those forecasts (the
    first in order on a tie, or where there is no such year) is fitted on
    every year up to *until*, and its residuals widened so that those
    forecasts' 80% intervals would have covered 80% of authorities.

    Args:
        rows: The panel (`ehcplan.sim.authorities.read_panel`), or its index.
        measure: One of `MEASURES`.
        until: The last year whose outcomes may be used.
        features: Fit these features (`FEATURES`) rather than choose among
            the measure's candidates.
        ridge: Fit with this ridge penalty rather than choose among `RIDGES`.
        trend: Fit with this trend (`TRENDS`) rather than choose among the
            measure's.

    Raises:
        InvalidInput: If the measure, a feature or the trend is unknown, or
            too few years are before *until*.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> panel = PanelIndex(shipped_panel())
        >>> model = fit_reference(panel, until=2021)
        >>> list(model.coefficients)
        ['intercept', 'above', 'below', 'requests_growth', 'throughput']
        >>> model.coefficients["below"] < model.coefficients["above"] <= 0  # reversion
        True
        >>> model.ridge, model.trend, model.candidates[0].checked
        (1.0, 'drift', (2021,))
        >>> forecast = model.predict(panel, 2022)["805"]  # Hartlepool
        >>> low, high = forecast.interval(0.8)
        >>> low < forecast.median < high
        True
    """
    if measure not in MEASURES:
        msg = f"no measure {measure!r}; the measures are {', '.join(MEASURES)}."
        raise InvalidInput(msg, field="measure")
    m = MEASURES[measure]
    unknown = [f for f in features or () if f not in FEATURES]
    if unknown:
        msg = f"no feature {unknown[0]!r}; the features are {', '.join(FEATURES)}."
        raise InvalidInput(msg, field="features")
    if trend is not None and trend not in TRENDS:
        msg = f"no trend {trend!r}; the trends are {', '.join(TRENDS)}."
        raise InvalidInput(msg, field="trend")
    index = rows if isinstance(rows, PanelIndex) else PanelIndex(rows)
    if features is not None:
        m = attrs.evolve(m, candidates=(tuple(features),))
    targets = [
        year for year in index.years if year <= until and year - 1 in index.years
    ]
    checked = tuple(targets[1:])
    specs = [
        (names, r, t)
        for names in m.candidates
        for r in (RIDGES if ridge is None else (ridge,))
        for t in (m.trends if trend is None else (trend,))
    ]
    results = [
        [_check(index, m, targets, year, spec) for year in checked] for spec in specs
    ]
    errors = [
        float(np.mean(np.concatenate([c.absolute for c in checks])))
        if checks
        else math.nan
        for checks in results
    ]
    # The first within a rounding error of the least: candidates whose extra
    # features had nothing to learn from in the years checked tie with the simpler.
    best = (
        int(np.nonzero(np.array(errors) <= min(errors) + _TIE)[0][0]) if checked else 0
    )
    model = _fit(index, m, targets, specs[best], until=until)
    return attrs.evolve(
        model,
        widening=_widening(results[best]),
        candidates=tuple(
            Candidate(features=names, ridge=r, trend=t, error=e, checked=checked)
            for (names, r, t), e in zip(specs, errors, strict=True)
        ),
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
    _, last, outcome, _ = _training(index, m, targets, ())
    changes = outcome - last
    changes = changes - np.median(changes)
    return {
        series: _distribution(m, f["scaled"], changes)
        for series, f in index.features(m, target).items()
    }
