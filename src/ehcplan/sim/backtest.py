"""Back-testing against published outcomes: calibrate each authority, predict the next year.

For each authority, using only the panel's rows up to the training year *T*
(and, for the target year *T* + 1, only its ``requests``, the demand a planner
would have assumed):

1. shape the default scenario to the authority (`for_authority`), starting a
   year before *T* so that the queues have filled by *T*, with requests growing
   as the target year's requests say (or as they grew into *T*);
2. calibrate an **effective capacity**: one factor on its educational
   psychologists, caseworkers and panel slots, found by bisection (on the same
   seeds throughout) so that the simulated share of plans within 20 weeks
   (excluding exceptions) in *T* matches the published one;
3. predict the target year as the published share in *T* plus the **simulated
   change** from *T* to *T* + 1 at that capacity, with a 95% interval over the
   replications, and the plans issued in the target year.

Anchoring on the published level keeps the prediction sensible where the
national default's durations cannot reach an authority's level (an authority
at 95% or at 5%); the simulator supplies the change that growing demand on a
fixed capacity brings. Two naive baselines are reported beside it:
persistence (last year's share) and last year's share moved by the national
change.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import math
import os
from collections.abc import Sequence

import attrs
import numpy as np

from ehcplan.errors import InvalidInput
from ehcplan.sim.authorities import Authority, find, for_authority
from ehcplan.sim.estimates import interval
from ehcplan.sim.run import replicate
from ehcplan.sim.scenario import Scenario

__all__ = ["Prediction", "backtest", "calibrate_authority", "mean_absolute_errors"]

_FACTORS = (0.2, 5.0)
"""The range of effective capacity searched, as a multiple of the shaped scenario's."""


@attrs.frozen(kw_only=True)
class Prediction:
    """One authority's prediction for the target year, and what happened.

    Shares are percentages, as DfE publishes them.
    """

    code: str
    name: str
    predicted_pc_within_20_weeks_ex: float
    lower_95: float
    upper_95: float
    predicted_new_plans: float
    capacity_factor: float
    last_pc_within_20_weeks_ex: float
    actual_pc_within_20_weeks_ex: float | None
    national_change_baseline: float


def _scaled(scenario: Scenario, factor: float) -> Scenario:
    ep = scenario.advice.educational_psychology
    return attrs.evolve(
        scenario,
        advice=attrs.evolve(
            scenario.advice,
            educational_psychology=attrs.evolve(
                ep, staff=max(1, round((ep.staff or 1) * factor))
            ),
        ),
        drafting=attrs.evolve(
            scenario.drafting,
            caseworkers=max(1, round(scenario.drafting.caseworkers * factor)),
        ),
        decision=attrs.evolve(
            scenario.decision,
            slots_per_meeting=max(
                1, round((scenario.decision.slots_per_meeting or 40) * factor)
            ),
        ),
        plan_panel=attrs.evolve(
            scenario.plan_panel,
            slots_per_meeting=max(
                1, round((scenario.plan_panel.slots_per_meeting or 40) * factor)
            ),
        ),
    )


def _percent(share: float) -> float:
    """A share as a percentage, kept within 0 to 100."""
    return min(100.0, max(0.0, share * 100))


def _shares(
    scenario: Scenario, replications: int, seed: int, train: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per replication: the share within 20 weeks in *train* and *train* + 1; plans then."""
    results = replicate(scenario, replications, seed=seed, workers=1)
    before, after, plans = [], [], []
    for run in results.runs:
        t0 = run.timeliness(dt.date(train, 1, 1), dt.date(train, 12, 31))
        t1 = run.timeliness(dt.date(train + 1, 1, 1), dt.date(train + 1, 12, 31))
        before.append(
            t0.pc_within_20_weeks_ex
            if t0.pc_within_20_weeks_ex is not None
            else math.nan
        )
        after.append(
            t1.pc_within_20_weeks_ex
            if t1.pc_within_20_weeks_ex is not None
            else math.nan
        )
        plans.append(t1.plans_issued)
    return np.array(before), np.array(after), np.array(plans, dtype=float)


def _fit_capacity(
    scenario: Scenario, observed: float, year: int, replications: int, seed: int
) -> float:
    """The capacity factor at which the share within 20 weeks in *year* is *observed*."""
    low, high = math.log(_FACTORS[0]), math.log(_FACTORS[1])
    for _ in range(7):
        middle = (low + high) / 2
        before, _, _ = _shares(
            _scaled(scenario, math.exp(middle)), replications, seed, year
        )
        simulated = before[~np.isnan(before)]
        if not len(simulated) or simulated.mean() < observed:
            low = middle
        else:
            high = middle
    return math.exp((low + high) / 2)


def calibrate_authority(
    name_or_code: str, year: int = 2023, *, replications: int = 4, seed: int = 2024
) -> tuple[Scenario, float]:
    """An authority's scenario from its published figures alone, with its effective capacity.

    The default scenario shaped to the authority (`for_authority`, starting a
    year early so the queues have filled), with one factor on its staff and
    panel slots chosen so that the simulated share of plans within 20 weeks in
    *year* is the published one. Returns the scenario (measured over the year
    after *year*) and the factor.

    Raises:
        InvalidInput: If the authority has no published share for *year*.
    """
    row = find(name_or_code, year)
    if row.pc_within_20_weeks_ex is None:
        msg = f"{row.name} has no published share within 20 weeks for {year} to calibrate to."
        raise InvalidInput(msg, field="year")
    scenario = for_authority(name_or_code, year, years_before=1)
    factor = _fit_capacity(
        scenario, row.pc_within_20_weeks_ex / 100, year, replications, seed
    )
    return _scaled(scenario, factor), factor


def _predict_one(
    rows: tuple[Authority, ...],
    code: str,
    train: int,
    target_requests: int | None,
    national_change: float,
    replications: int,
    seed: int,
) -> Prediction:
    row = next(a for a in rows if a.code == code and a.year == train)
    assert row.requests  # noqa: S101 - backtest() chooses rows that have it
    assert row.pc_within_20_weeks_ex is not None  # noqa: S101 - and this
    growth = None if not target_requests else target_requests / row.requests - 1
    scenario = for_authority(code, train, rows=rows, growth=growth, years_before=1)
    observed = row.pc_within_20_weeks_ex / 100
    factor = _fit_capacity(scenario, observed, train, max(2, replications // 3), seed)
    before, after, plans = _shares(_scaled(scenario, factor), replications, seed, train)
    change = interval(after - before)
    predicted = observed + change.mean
    half = (
        (change.upper - change.lower) / 2 if not math.isnan(change.lower) else math.nan
    )
    return Prediction(
        code=code,
        name=row.name,
        predicted_pc_within_20_weeks_ex=_percent(predicted),
        lower_95=_percent(predicted - half),
        upper_95=_percent(predicted + half),
        predicted_new_plans=float(np.mean(plans)),
        capacity_factor=factor,
        last_pc_within_20_weeks_ex=row.pc_within_20_weeks_ex,
        actual_pc_within_20_weeks_ex=None,
        national_change_baseline=_percent(observed + national_change),
    )


def backtest(
    rows: Sequence[Authority],
    *,
    train_until: int,
    target: int,
    replications: int = 6,
    seed: int = 2024,
    workers: int | None = None,
    only: Sequence[str] | None = None,
) -> list[Prediction]:
    """Predict each authority's *target* year from the panel's rows up to *train_until*.

    Args:
        rows: A panel in the format of DfE's ``la_panel_2019_2023.csv`` (`read_panel`).
        train_until: The last year whose outcomes may be used.
        target: The year to predict: *train_until* + 1.
        replications: Replications per authority for the final prediction.
        seed: The root seed.
        workers: Local processes (default: one per CPU; 1 runs in this process).
        only: Authority codes to predict (default: every authority with the
            figures needed).

    Raises:
        InvalidInput: If *target* is not the year after *train_until*.
    """
    if target != train_until + 1:
        msg = (
            f"the target year must be the year after --train-until ({train_until + 1}), "
            f"got {target}; the simulator predicts one year ahead."
        )
        raise InvalidInput(msg, field="target")
    training = tuple(a for a in rows if a.year <= train_until)
    national = {a.year: a.pc_within_20_weeks_ex for a in rows if a.level == "National"}
    # The national change is a baseline with hindsight: it uses the target year's
    # national figure, which a planner would not yet have.
    change = ((national.get(target) or 0) - (national.get(train_until) or 0)) / 100
    demand = {
        a.code: a.requests
        for a in rows
        if a.year == target and a.level == "Local authority"
    }
    actual = {
        a.code: a.pc_within_20_weeks_ex
        for a in rows
        if a.year == target and a.level == "Local authority"
    }
    chosen = [
        a
        for a in training
        if a.level == "Local authority"
        and a.year == train_until
        and a.requests
        and a.pc_within_20_weeks_ex is not None
        and (only is None or a.code in only)
    ]
    tasks = [
        (
            tuple(r for r in training if r.code == a.code),
            a.code,
            train_until,
            demand.get(a.code),
            change,
            replications,
            seed,
        )
        for a in chosen
    ]
    if workers == 1:
        predictions = [_predict_one(*task) for task in tasks]
    else:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers or os.cpu_count()
        ) as pool:
            predictions = (
                list(pool.map(_predict_one, *zip(*tasks, strict=True))) if tasks else []
            )
    return [
        attrs.evolve(p, actual_pc_within_20_weeks_ex=actual.get(p.code))
        for p in predictions
    ]


def mean_absolute_errors(predictions: Sequence[Prediction]) -> dict[str, float]:
    """Mean absolute error, in percentage points, of the model and the two baselines.

    Over the authorities whose target-year share is published.
    """
    scored = [
        (p, p.actual_pc_within_20_weeks_ex)
        for p in predictions
        if p.actual_pc_within_20_weeks_ex is not None
    ]

    def mae(values: list[float]) -> float:
        return float(np.mean(np.abs(np.array(values)))) if values else math.nan

    return {
        "model": mae([p.predicted_pc_within_20_weeks_ex - a for p, a in scored]),
        "persistence": mae([p.last_pc_within_20_weeks_ex - a for p, a in scored]),
        "national change": mae([p.national_change_baseline - a for p, a in scored]),
        "authorities": float(len(scored)),
    }
