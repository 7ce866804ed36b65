"""Back-testing against published outcomes: each authority's next year, four ways, scored.

`backtest` hides a target year, forecasts every authority's figures for it
from the panel's rows up to the year before (and the target year's requests,
the demand a planner would assume), and scores the forecasts against what
was published, side by side:

- **persistence**: next year as last year, spread by every past change
  (`ehcplan.sim.reference.persistence`);
- **reference**: the pooled statistical model of next year's change
  (`ehcplan.sim.reference.fit_reference`), its features, penalty and trend
  chosen on the years before the target, each forecast from the years before
  it (`Backtest.references` keeps every candidate and its error);
- **simulator**: each authority calibrated from its published figures
  (capacity, speed and the surge, `ehcplan.sim.calibrate_published`) and
  simulated into the target year, anchored on its published year; its spread
  is its errors when the year before was forecast the same way;
- **hybrid**, the forecast ehcplan ships: the reference model moved toward
  the simulator by a weight from 0 to 1, chosen on the year before the
  target, forecast from the years before it (both out of sample): the
  smallest weight within one standard error of the best (`Weighing`); its
  spread is the reference model's. A weight of 0 says the simulator did not
  help by more than chance.

Each forecast is a distribution (`ehcplan.sim.scores.Predictive`), scored by
the absolute error of its median, its CRPS and whether its 80% interval
covers the outcome (`Backtest.scores`), for the share of plans within 20
weeks (the headline), plans issued and plans in place (the calibration
from published figures fits neither an authority's plans in place nor its
rate of ceasing, so the simulator is not run for plans in place and the
hybrid is the reference model), and, where the panel has no earlier year to persist, decisions
within 6 weeks against England's share in the target year. Faults in the
panel are set aside first (`ehcplan.sim.panel_faults`) and listed.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.sim.authorities import Authority
from ehcplan.sim.calibrate_published import (
    AuthorityFit,
    PublishedCalibration,
    calibrate_published,
)
from ehcplan.sim.estimates import Estimate
from ehcplan.sim.panel_faults import PanelFault, panel_faults
from ehcplan.sim.reference import (
    MEASURES,
    PanelIndex,
    ReferenceModel,
    fit_reference,
    persistence,
)
from ehcplan.sim.scores import LEVELS, Predictive
from ehcplan.sim.surge import Surge

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "MODELS",
    "SHIPPED",
    "AuthorityBacktest",
    "Backtest",
    "Forecast",
    "Score",
    "Weighing",
    "backtest",
]

Floats = npt.NDArray[np.float64]

MODELS = ("persistence", "reference", "simulator", "hybrid")
"""The forecasts a back-test compares, in report order."""

SHIPPED = "hybrid"
"""The forecast ehcplan ships."""

_SIMULATED = {
    "pc_within_20_weeks_ex": "pc_within_20_weeks_ex",
    "plans_issued": "plans_issued",
}
"""The measures the simulator forecasts, by the key of `AuthorityFit.predicted`."""

_WEIGHTS = np.round(np.linspace(0, 1, 21), 2)

_DECISIONS = "pc_decided_within_6_weeks"


@attrs.frozen(kw_only=True)
class Forecast:
    """One model's forecast for one authority: its median and 80% interval, and the distribution.

    Attributes:
        point: The point forecast (persistence's is last year's value itself).
        low: The 10% quantile.
        high: The 90% quantile.
        predictive: The whole distribution.
    """

    point: float
    low: float
    high: float
    predictive: Predictive = attrs.field(eq=False, repr=False)

    @classmethod
    def of(cls, predictive: Predictive, point: float | None = None) -> Forecast:
        """The forecast with *predictive*'s median as its point, unless *point* is given.

        Examples:
            >>> f = Forecast.of(Predictive.from_samples(range(101)))
            >>> f.point, f.low, f.high
            (50.0, 10.0, 90.0)
        """
        low, high = predictive.interval(0.8)
        return cls(
            point=predictive.median if point is None else point,
            low=low,
            high=high,
            predictive=predictive,
        )


@attrs.frozen(kw_only=True, eq=False)
class AuthorityBacktest:
    """One authority's forecasts of one measure for the target year, and what was published.

    Attributes:
        code: Its ONS code in the last year used.
        name: The authority.
        series: The key joining its years (`ehcplan.sim.authorities.Authority.series`).
        region: Its region.
        measure: The measure (`ehcplan.sim.reference.MEASURES`).
        last: Its value in the last year used.
        actual: The published value in the target year (None where not published).
        forecasts: Each model's forecast, by name (`MODELS`).
        capacity: Its calibrated capacity over need, for the simulator.
        speed: Its calibrated speed, for the simulator.
    """

    code: str
    name: str
    series: str
    region: str
    measure: str
    last: float
    actual: float | None
    forecasts: Mapping[str, Forecast]
    capacity: Estimate | None = None
    speed: Estimate | None = None


@attrs.frozen(kw_only=True)
class Score:
    """How one model did on one measure over the authorities with a published outcome.

    Attributes:
        model: The model's name.
        mae: Mean absolute error of the point forecasts.
        crps: Mean CRPS of the distributions.
        coverage: The share of outcomes inside the 80% intervals.
        authorities: How many authorities were scored.
    """

    model: str
    mae: float
    crps: float
    coverage: float
    authorities: int


def _score(model: str, pairs: Sequence[tuple[Forecast, float]]) -> Score:
    if not pairs:
        return Score(
            model=model, mae=math.nan, crps=math.nan, coverage=math.nan, authorities=0
        )
    return Score(
        model=model,
        mae=float(np.mean([abs(f.point - y) for f, y in pairs])),
        crps=float(np.mean([f.predictive.crps(y) for f, y in pairs])),
        coverage=float(np.mean([f.low <= y <= f.high for f, y in pairs])),
        authorities=len(pairs),
    )


@attrs.frozen(kw_only=True, eq=False)
class Backtest:
    """A back-test of one target year: every authority's forecasts, scored.

    Attributes:
        target: The year forecast.
        train_until: The last year whose outcomes were used.
        authorities: One entry per authority and measure.
        weights: How the hybrid's weight on the simulator was chosen, by measure.
        calibration: The simulator's calibration used for the target year.
        decisions: For decisions within 6 weeks: the simulator's and England's
            (hindsight) scores, where the target year publishes them.
        faults: The panel's faults set aside before anything was fitted.
        references: The reference model of each measure, with the candidates
            it was chosen among on the years before the target.
    """

    target: int
    train_until: int
    authorities: tuple[AuthorityBacktest, ...]
    weights: Mapping[str, Weighing]
    calibration: PublishedCalibration
    decisions: Mapping[str, Score]
    faults: tuple[PanelFault, ...]
    references: Mapping[str, ReferenceModel]

    @property
    def surge(self) -> Surge:
        """The response to a backlog the simulated authorities were given."""
        return self.calibration.surge

    def results(
        self, measure: str = "pc_within_20_weeks_ex"
    ) -> list[AuthorityBacktest]:
        """The authorities' entries for *measure*, in panel order."""
        return [a for a in self.authorities if a.measure == measure]

    def scores(self, measure: str = "pc_within_20_weeks_ex") -> dict[str, Score]:
        """Each model's score on *measure*, over the authorities with a published outcome."""
        scored = [a for a in self.results(measure) if a.actual is not None]
        return {
            model: _score(
                model,
                [
                    (a.forecasts[model], a.actual)
                    for a in scored
                    if a.actual is not None
                ],
            )
            for model in MODELS
        }

    def table(self) -> str:
        """The scores as a plain-text table, one block per measure."""
        lines = [
            f"Back-test of {self.target}, from the panel up to {self.train_until} "
            f"(and {self.target}'s requests). Shipped forecast: {SHIPPED}.",
        ]
        for measure in MEASURES:
            scores = self.scores(measure)
            n = scores[SHIPPED].authorities
            w = self.weights[measure]
            weighed = (
                f"  hybrid's weight on the simulator {w.weight:.2f} (best the year before "
                f"{w.best:.2f}: MAE {w.error_best:.1f} against {w.error_without:.1f} "
                f"without it, standard error {w.standard_error:.1f})"
                if w.authorities
                else "  not simulated (the calibration fits no rate of ceasing): "
                "its forecast is persistence, the hybrid the reference model"
            )
            lines += [
                "",
                f"{MEASURES[measure].label}: {n} authorities",
                *_chosen(self.references[measure]),
                weighed,
                f"  {'model':<12} {'MAE':>8} {'CRPS':>8} {'80% covered':>12}",
            ]
            lines += [
                f"  {s.model:<12} {s.mae:>8.1f} {s.crps:>8.1f} {s.coverage:>11.0%}"
                for s in scores.values()
            ]
        if self.decisions:
            lines += ["", "decisions within 6 weeks (%), no earlier year to persist:"]
            lines += [
                f"  {s.model:<22} MAE {s.mae:.1f} over {s.authorities} authorities"
                for s in self.decisions.values()
            ]
        kinds: dict[str, int] = {}
        for fault in self.faults:
            kinds[fault.kind] = kinds.get(fault.kind, 0) + 1
        if kinds:
            lines += [
                "",
                "Panel faults set aside or noted: "
                + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
                + " (listed in the CSV's faults file).",
            ]
        return "\n".join(lines)

    def to_csv(self, path: str | os.PathLike[str]) -> list[Path]:
        """Write one row per authority and measure to *path*, and the faults beside it.

        Columns: code, name, region, measure, last, actual, then for each model
        its point forecast and its 10% and 90% quantiles (``<model>``,
        ``<model>_p10``, ``<model>_p90``), then the simulator's calibrated
        capacity and speed. The faults go to ``<stem>-faults.csv``. Returns
        the paths written.
        """
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        header = ["code", "name", "region", "measure", "last", "actual"]
        for model in MODELS:
            header += [model, f"{model}_p10", f"{model}_p90"]
        header += ["capacity", "speed"]
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for a in self.authorities:
                row: list[Any] = [
                    a.code, a.name, a.region, a.measure, _text(a.last),
                    "" if a.actual is None else _text(a.actual),
                ]  # fmt: skip
                for model in MODELS:
                    f = a.forecasts[model]
                    row += [_text(f.point), _text(f.low), _text(f.high)]
                row += [
                    "" if a.capacity is None else f"{a.capacity.mean:.3f}",
                    "" if a.speed is None else f"{a.speed.mean:.3f}",
                ]
                writer.writerow(row)
        faults = out.with_name(f"{out.stem}-faults.csv")
        with faults.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "year",
                    "code",
                    "name",
                    "column",
                    "value",
                    "kind",
                    "left_out",
                    "reason",
                ]
            )
            for fault in self.faults:
                writer.writerow(
                    [
                        fault.year, fault.code, fault.name, fault.column,
                        "" if fault.value is None else f"{fault.value:g}",
                        fault.kind, fault.left_out, fault.reason,
                    ]
                )  # fmt: skip
        return [out, faults]

    def plot(self, measure: str = "pc_within_20_weeks_ex") -> Figure:
        """Predicted against published, one panel per model, with 80% intervals (matplotlib)."""
        from matplotlib.figure import Figure

        figure = Figure(figsize=(9, 8.4), dpi=110, layout="constrained")
        panels = figure.subplots(2, 2, sharex=True, sharey=True).ravel()
        scored = [a for a in self.results(measure) if a.actual is not None]
        scores = self.scores(measure)
        values = [a.actual for a in scored if a.actual is not None]
        top = max(
            [*values, *(a.forecasts[m].high for a in scored for m in MODELS)], default=1
        )
        limit = 100.0 if MEASURES[measure].scale == "logit" else top * 1.05
        for axes, model in zip(panels, MODELS, strict=True):
            points = np.array([a.forecasts[model].point for a in scored])
            low = np.array([a.forecasts[model].low for a in scored])
            high = np.array([a.forecasts[model].high for a in scored])
            actual = np.array(values)
            covered = (actual >= low) & (actual <= high)
            axes.plot([0, limit], [0, limit], color="#8a8a8a", linewidth=0.8)
            for mask, colour in ((covered, "#1f5fa8"), (~covered, "#d9730d")):
                # Persistence's point is last year's value, which may sit outside its spread.
                axes.errorbar(
                    actual[mask],
                    points[mask],
                    yerr=[
                        np.maximum(points[mask] - low[mask], 0),
                        np.maximum(high[mask] - points[mask], 0),
                    ],
                    fmt="o",
                    markersize=2.5,
                    color=colour,
                    elinewidth=0.4,
                    alpha=0.8,
                )
            s = scores[model]
            axes.set_title(
                f"{model}{' (shipped)' if model == SHIPPED else ''}\n"
                f"MAE {s.mae:.1f}, CRPS {s.crps:.1f}, 80% covered {s.coverage:.0%}",
                fontsize=9,
                loc="left",
            )
            axes.set_xlabel(f"published {self.target}", fontsize=8)
            axes.set_xlim(0, limit)
            axes.set_ylim(0, limit)
            axes.spines[["top", "right"]].set_visible(False)
        for axes in panels[::2]:
            axes.set_ylabel(f"forecast from {self.train_until}", fontsize=8)
        figure.suptitle(
            f"{MEASURES[measure].label}\nforecast against published, {self.target} "
            "(bars: 80% intervals; orange: outside them)",
            fontsize=10,
            x=0.01,
            ha="left",
        )
        return figure


def _chosen(model: ReferenceModel) -> list[str]:
    """What the reference model was chosen as, and on which years, in words.

    A back-test always has a year before the target to choose on.
    """
    chosen = next(
        c
        for c in model.candidates
        if (c.features, c.ridge, c.trend) == (model.features, model.ridge, model.trend)
    )
    worst = max(c.error for c in model.candidates)
    return [
        f"  the reference model: {', '.join(model.features)}; ridge {model.ridge:g}, "
        f"trend {model.trend}; intervals widened by {model.widening:.2f}",
        f"  chosen among {len(model.candidates)} candidates on "
        f"{', '.join(map(str, chosen.checked))}, each forecast from the years before "
        f"it (MAE {chosen.error:.1f}; the worst {worst:.1f})",
    ]


def _text(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.2f}"


def _scaled(measure: str, value: float) -> float:
    return float(MEASURES[measure].forward(np.array([value]))[0])


def _back(measure: str, values: Floats) -> Floats:
    return MEASURES[measure].back(values)


def _around(measure: str, centre: float, spread: Floats) -> Predictive:
    return Predictive(
        tuple(_back(measure, np.quantile(centre + spread, np.array(LEVELS))).tolist())
    )


def _simulated(fit: AuthorityFit | None, measure: str) -> float | None:
    if fit is None or measure not in _SIMULATED:
        return None
    value = fit.predicted[_SIMULATED[measure]]
    return None if math.isnan(value) else _scaled(measure, value)


@attrs.frozen(kw_only=True)
class Weighing:
    """How the hybrid's weight on the simulator was chosen, the year before the target.

    Attributes:
        weight: The weight used: the smallest within one standard error of the best.
        best: The weight with the least mean absolute error.
        error_without: The mean absolute error with no weight on the simulator.
        error_best: The mean absolute error at the best weight.
        standard_error: The standard error of that mean.
        authorities: How many authorities it was measured on.
    """

    weight: float
    best: float
    error_without: float
    error_best: float
    standard_error: float
    authorities: int


def _weigh(
    measure: str, outcomes: Floats, reference: Floats, simulator: Floats
) -> Weighing:
    """The weight on the simulator, by the one-standard-error rule.

    Each weight's blend (on the modelling scale) is scored by its mean
    absolute error on the measure's own scale, as the back-test scores it.
    The weight used is the smallest whose error is within one standard error
    of the best one's (Hastie, Tibshirani and Friedman, *The elements of
    statistical learning*, 2009, section 7.10): the simulator is given weight
    only where the year before showed it helping by more than chance.
    """
    if not len(outcomes):
        return Weighing(
            weight=0.0, best=0.0, error_without=math.nan, error_best=math.nan,
            standard_error=math.nan, authorities=0,
        )  # fmt: skip
    errors = np.array(
        [
            np.abs(outcomes - _back(measure, reference + w * (simulator - reference)))
            for w in _WEIGHTS
        ]
    )
    means = errors.mean(axis=1)
    best = int(np.argmin(means))
    se = (
        float(errors[best].std(ddof=1) / math.sqrt(len(outcomes)))
        if len(outcomes) > 1
        else 0.0
    )
    chosen = int(np.nonzero(means <= means[best] + se)[0][0])
    return Weighing(
        weight=float(_WEIGHTS[chosen]),
        best=float(_WEIGHTS[best]),
        error_without=float(means[0]),
        error_best=float(means[best]),
        standard_error=se,
        authorities=len(outcomes),
    )


def backtest(
    rows: Sequence[Authority],
    *,
    train_until: int,
    target: int,
    replications: int = 1,
    seed: int = 2024,
    workers: int | None = None,
    only: Sequence[str] | None = None,
) -> Backtest:
    """Forecast every authority's *target* year from the panel up to *train_until*, and score it.

    Args:
        rows: A panel in the format of DfE's ``la_panel_2019_2023.csv``
            (`ehcplan.sim.authorities.read_panel`, which sets faults aside).
        train_until: The last year whose outcomes may be used.
        target: The year to forecast: *train_until* + 1.
        replications: Replications simulated per authority in each year calibrated.
        seed: The root seed.
        workers: Local processes (default: one per CPU; 1 runs in this process).
        only: Authority codes to report (default: every authority). The
            reference model is still fitted on every authority, and the
            simulator's priors on their regions.

    Raises:
        InvalidInput: If *target* is not the year after *train_until*, or the
            panel has fewer than two years before *target*.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> result = backtest(
        ...     shipped_panel(), train_until=2022, target=2023, workers=1,
        ...     only=["E06000001"],
        ... )
        >>> (hartlepool,) = result.results("pc_within_20_weeks_ex")
        >>> hartlepool.last, hartlepool.forecasts["persistence"].point
        (55.1, 55.1)
        >>> sorted(result.scores())
        ['hybrid', 'persistence', 'reference', 'simulator']
    """
    if target != train_until + 1:
        msg = (
            f"the target year must be the year after --train-until ({train_until + 1}), "
            f"got {target}; the back-test forecasts one year ahead."
        )
        raise InvalidInput(msg, field="target")
    index = PanelIndex(rows)
    if train_until - 1 not in index.years or train_until - 2 not in index.years:
        msg = (
            f"a back-test of {target} needs the panel's years {train_until - 2} to "
            f"{train_until}, to check the year before out of sample first; "
            f"the panel has {', '.join(map(str, index.years))}."
        )
        raise InvalidInput(msg, field="train_until")
    earlier, latest = (
        calibrate_published(
            index,
            year,
            only=only,
            replications=replications,
            seed=seed,
            workers=workers,
        )
        for year in (train_until - 1, train_until)
    )
    entries, weights, references = [], {}, {}
    for measure, m in MEASURES.items():
        model = fit_reference(index, measure, until=train_until)
        references[measure] = model
        before = fit_reference(index, measure, until=train_until - 1)
        spread = model.widening * model.residuals
        # The year before, out of sample: the hybrid's weight and the simulator's spread.
        past_ref = before.scaled_points(index, train_until)
        past = [
            (s, past_ref[s], z, y)
            for s in past_ref
            if (z := _simulated(earlier.fits.get(s), measure)) is not None
            and (y := index.value(m, s, train_until)) is not None
        ]
        outcomes = np.array([p[3] for p in past])
        simulated = np.array([p[2] for p in past])
        weighing = _weigh(measure, outcomes, np.array([p[1] for p in past]), simulated)
        if measure not in _SIMULATED:
            weighing = attrs.evolve(weighing, weight=0.0, best=0.0)
        weights[measure] = weighing
        errors = m.forward(outcomes) - simulated
        sim_spread = errors - np.median(errors) if len(errors) else spread
        points = model.scaled_points(index, target)
        persisted = persistence(index, measure, until=train_until, target=target)
        for series, z_ref in points.items():
            row = index.row(series, train_until)
            assert row is not None  # noqa: S101 - it has a last value
            if only is not None and row.code not in only:
                continue
            last = index.value(m, series, train_until)
            assert last is not None  # noqa: S101 - and this
            fit = latest.fits.get(series)
            z_sim = _simulated(fit, measure)
            ref = Forecast.of(_around(measure, z_ref, spread))
            if z_sim is None:
                # No simulation (a measure it does not model, or figures it lacks).
                simulator, hybrid = Forecast.of(persisted[series], last), ref
            else:
                simulator = Forecast.of(_around(measure, z_sim, sim_spread))
                blend = z_ref + weights[measure].weight * (z_sim - z_ref)
                hybrid = Forecast.of(_around(measure, blend, spread))
            entries.append(
                AuthorityBacktest(
                    code=row.code,
                    name=row.name,
                    series=series,
                    region=row.region,
                    measure=measure,
                    last=last,
                    actual=index.value(m, series, target),
                    forecasts={
                        "persistence": Forecast.of(persisted[series], last),
                        "reference": ref,
                        "simulator": simulator,
                        "hybrid": hybrid,
                    },
                    capacity=None if fit is None else fit.capacity,
                    speed=None if fit is None else fit.speed,
                )
            )
    return Backtest(
        target=target,
        train_until=train_until,
        authorities=tuple(entries),
        weights=weights,
        calibration=latest,
        decisions=_decisions(index, rows, latest, target),
        faults=panel_faults(rows),
        references=references,
    )


def _decisions(
    index: PanelIndex,
    rows: Sequence[Authority],
    calibration: PublishedCalibration,
    target: int,
) -> dict[str, Score]:
    """Decisions within 6 weeks: the simulator against England's share in the target year."""
    england = next(
        (
            r.decided_within_6_weeks_pc
            for r in rows
            if r.level == "National" and r.year == target
        ),
        None,
    )
    pairs, national = [], []
    for series, fit in calibration.fits.items():
        row = index.row(series, target)
        actual = None if row is None else row.decided_within_6_weeks_pc
        predicted = fit.predicted.get(_DECISIONS, math.nan)
        if actual is None or math.isnan(predicted):
            continue
        pairs.append((Forecast.of(Predictive.point(predicted)), actual))
        if england is not None:
            national.append((Forecast.of(Predictive.point(england)), actual))
    if not pairs:
        return {}
    scores = {"simulator": _score("simulator", pairs)}
    if national:
        scores["England (hindsight)"] = _score("England (hindsight)", national)
    return scores
