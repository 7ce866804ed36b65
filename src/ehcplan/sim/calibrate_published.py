"""Every authority calibrated from DfE's published figures: capacity, speed and the surge.

For each authority, from the panel's rows up to a year *Y* (and the next
year's requests, the demand a planner would assume), `calibrate_published`
estimates two parameters, each with partial pooling across authorities and a
95% interval, and the response to a backlog that they share:

1. **capacity**, the plans a year it can issue over the plans its requests
   need, from its published completions (plans issued) against that need
   (`ehcplan.sim.capacity.estimate_capacity`: an empirical-Bayes prior over
   every authority). The default scenario shaped to the authority
   (`ehcplan.sim.authorities.for_authority`, run from a year before *Y*)
   gets the staff and panel places that give that capacity
   (`ehcplan.sim.capacity.factor_for`);
2. the **surge** (`ehcplan.sim.surge.Surge`), calibrated from the panel's
   year-to-year recoveries (`calibrate_surge`): authorities that fell behind
   issued more plans against their need the next year, and the surge may add
   that much capacity;
3. **speed**, a factor on the time every step takes outside the queue for a
   psychologist, from the published share of plans within 20 weeks in *Y*.
   The shaped scenario at its capacity, with the surge, is simulated; the
   factor at which its journeys, each with its time outside that queue
   scaled, give the published share is the authority's measurement, with a
   standard error from the binomial noise of the published and the
   simulated shares; an empirical-Bayes normal prior on its logarithm, with
   a mean for each region, pools the authorities (an authority with few
   plans borrows from its region).

The same simulated journeys, at the authority's speed, give its next year:
the share within 20 weeks, plans issued and decisions within 6 weeks
(`AuthorityFit.predicted`). The calibrated scenario (`AuthorityFit.scenario`)
has its durations multiplied by the speed and its psychologists and
caseworkers by the same factor, so that its capacity stays as calibrated;
simulated, it gives about the published share (rescaling the journeys
afterwards, as the calibration does, leaves out how a change of speed moves
requests in the queues).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.sim.authorities import Authority, for_authority
from ehcplan.sim.capacity import (
    CapacityPrior,
    estimate_capacity,
    factor_for,
    need,
    scaled,
)
from ehcplan.sim.distributions import (
    Distribution,
    Empirical,
    Exponential,
    Fixed,
    Gamma,
    LogNormal,
    Triangular,
)
from ehcplan.sim.estimates import Estimate
from ehcplan.sim.reference import PanelIndex
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.scenario_file import dumps_scenario, loads_scenario
from ehcplan.sim.stages import AdviceSource
from ehcplan.sim.surge import Surge

__all__ = [
    "SPEEDS",
    "AuthorityFit",
    "PublishedCalibration",
    "SpeedPrior",
    "calibrate_published",
    "calibrate_surge",
    "with_speed",
]

Floats = npt.NDArray[np.float64]

SPEEDS = np.exp(np.linspace(math.log(0.2), math.log(5.0), 65))
"""The speed factors at which simulated journeys are rescaled."""

SURGE_WAIT_DAYS = 42
"""A surge starts when a pool's backlog passes 6 weeks of its own staff's work."""

SURGE_LAG_DAYS = 56
"""Extra staff start 8 weeks after the backlog first passes the threshold."""

SURGE_COST_PER_DAY = "£150"
"""Illustrative: an agency psychologist at about £600 a day carrying four
assessments at once. Replace it with the authority's own rate."""

_BEHIND = 40.0
"""An authority below this share within 20 weeks (%) counts as behind."""

_NO_PLAN = 0.061
"""The share ending with no plan where an authority published none (England, 2024)."""

_SHARE_LIMITS = (0.5, 99.5)


def _logit(percent: float) -> float:
    p = min(max(percent, _SHARE_LIMITS[0]), _SHARE_LIMITS[1]) / 100
    return math.log(p / (1 - p))


def _no_plan_share(row: Authority) -> float:
    plans, none = row.assessments_plan_issued, row.assessments_no_plan
    if plans is None or none is None or plans + none == 0:
        return _NO_PLAN
    return none / (plans + none)


def _completions(index: PanelIndex, series: str, year: int) -> float | None:
    """The log of the plans issued in *year* over the plans its requests needed."""
    row, before = index.row(series, year), index.row(series, year - 1)
    refused = index.refused_share(series, year)
    if row is None or not row.plans_issued or refused is None:
        return None
    needed = need(row, before, refused=refused, no_plan=_no_plan_share(row))
    return None if not needed else math.log(row.plans_issued / needed)


def _recoveries(index: PanelIndex, until: int) -> list[float]:
    """The change in the logit share within 20 weeks of every authority-year that was behind."""
    changes = []
    for series in index.series:
        for year in index.years:
            if year > until:
                break
            before, row = index.row(series, year - 1), index.row(series, year)
            if before is None or row is None:
                continue
            a, b = before.pc_within_20_weeks_ex, row.pc_within_20_weeks_ex
            if a is not None and b is not None and a < _BEHIND:
                changes.append(_logit(b) - _logit(a))
    return changes


_SURGE_SHARES = (0.05, 1.0)
"""The range searched for a surge's step (its maximum is two steps)."""

_BEHIND_FACTOR = 0.8
"""The staff of the default scenario, as a share, that make an authority that is behind."""


def _simulated_recovery(extra_share: float, cost_per_day: str, seed: int) -> float:
    """The change in logit share from 2023 to 2024 of the default scenario, behind, with a surge."""
    from ehcplan.sim.run import replicate
    from ehcplan.sim.scenarios import default_scenario

    surge = Surge(
        wait_days=SURGE_WAIT_DAYS,
        lag_days=SURGE_LAG_DAYS,
        extra_share=extra_share,
        max_share=2 * extra_share,
        cost_per_day=cost_per_day,
    )
    behind = attrs.evolve(scaled(default_scenario(), _BEHIND_FACTOR), surge=surge)
    changes = []
    for run in replicate(behind, 2, seed=seed, workers=1).runs:
        a = run.timeliness(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        b = run.timeliness(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        if a.pc_within_20_weeks_ex is not None and b.pc_within_20_weeks_ex is not None:
            changes.append(
                _logit(100 * b.pc_within_20_weeks_ex)
                - _logit(100 * a.pc_within_20_weeks_ex)
            )
    return float(np.mean(changes)) if changes else -math.inf


def calibrate_surge(
    rows: Sequence[Authority] | PanelIndex,
    *,
    until: int,
    cost_per_day: str = SURGE_COST_PER_DAY,
    seed: int = 2024,
) -> Surge:
    """The surge whose simulated recovery is the panel's: how far authorities behind came back.

    On DfE's figures, authorities below 40% of plans within 20 weeks in a
    year (up to *until*) moved the next year by a mean change in the logit
    of their share (the recovery). The default scenario with a fifth fewer
    staff falls behind; the surge's step (its maximum two steps, from 5% to
    100% of the staff) is searched by bisection, two replications a step, so
    that its simulated recovery from 2023 to 2024 matches. The surge starts
    when a backlog passes 6 weeks of the pool's own work, 8 weeks after. Where
    even the largest surge falls short of the recovery seen, it is the
    largest: the simulator's extra staff take new work, and its backlog
    drains at the authority's own pace.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> surge = calibrate_surge(shipped_panel(), until=2022)
        >>> surge.wait_days, surge.lag_days, surge.max_share == 2 * surge.extra_share
        (42, 56, True)
    """
    index = rows if isinstance(rows, PanelIndex) else PanelIndex(rows)
    changes = _recoveries(index, until)
    goal = float(np.mean(changes)) if changes else 0.0
    low, high = (math.log(x) for x in _SURGE_SHARES)
    if _simulated_recovery(math.exp(high), cost_per_day, seed) <= goal:
        low = high
    else:
        for _ in range(5):
            middle = (low + high) / 2
            if _simulated_recovery(math.exp(middle), cost_per_day, seed) < goal:
                low = middle
            else:
                high = middle
    step = round(math.exp((low + high) / 2), 3)
    return Surge(
        wait_days=SURGE_WAIT_DAYS,
        lag_days=SURGE_LAG_DAYS,
        extra_share=step,
        max_share=round(2 * step, 3),
        cost_per_day=cost_per_day,
    )


def _times(distribution: Distribution, factor: float) -> Distribution:
    if isinstance(distribution, Fixed):
        return Fixed(days=distribution.days * factor)
    if isinstance(distribution, Exponential):
        return Exponential(mean=distribution.mean * factor)
    if isinstance(distribution, LogNormal | Gamma):
        return attrs.evolve(
            distribution, mean=distribution.mean * factor, sd=distribution.sd * factor
        )
    if isinstance(distribution, Triangular):
        return Triangular(
            low=distribution.low * factor,
            mode=distribution.mode * factor,
            high=distribution.high * factor,
        )
    assert isinstance(distribution, Empirical)  # noqa: S101 - the last kind
    return Empirical(values=[v * factor for v in distribution.values])


def with_speed(scenario: Scenario, speed: float) -> Scenario:
    """*scenario* with every step of the authority's own taking *speed* times as long.

    The decision, each source of advice, preparing for the panel, the lead
    SEND co-ordinator's sign-off and the referral of a placement to the
    Access to Resources panel (`ehcplan.sim.plans`), drafting, the
    consultation and finalising, and reviews; the staff of each pool are
    multiplied by the same factor, so that the plans a year it can issue
    stay the same. The Tribunal's time, mediation and the family's (personal
    budgets, exception grounds) are not the authority's and are kept; so are
    the panels' calendars.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> s = with_speed(default_scenario(), 2.0)
        >>> s.decision.days.mean, s.advice.educational_psychology.staff
        (50.0, 140)
    """

    def source(s: AdviceSource) -> AdviceSource:
        return attrs.evolve(
            s,
            days=_times(s.days, speed),
            staff=None if s.staff is None else max(1, round(s.staff * speed)),
        )

    advice = scenario.advice
    consultation = scenario.consultation
    resources, placements = scenario.resources, scenario.placements
    return attrs.evolve(
        scenario,
        resources=None
        if resources is None
        else attrs.evolve(
            resources, signoff_days=_times(resources.signoff_days, speed)
        ),
        placements=None
        if placements is None
        else attrs.evolve(
            placements, referral_days=_times(placements.referral_days, speed)
        ),
        decision=attrs.evolve(
            scenario.decision, days=_times(scenario.decision.days, speed)
        ),
        advice=attrs.evolve(
            advice,
            educational_psychology=source(advice.educational_psychology),
            health=source(advice.health),
            social_care=source(advice.social_care),
        ),
        plan_panel=attrs.evolve(
            scenario.plan_panel,
            prepare_days=_times(scenario.plan_panel.prepare_days, speed),
        ),
        drafting=attrs.evolve(
            scenario.drafting,
            days=_times(scenario.drafting.days, speed),
            caseworkers=max(1, round(scenario.drafting.caseworkers * speed)),
        ),
        consultation=attrs.evolve(
            consultation,
            representation_days=_times(consultation.representation_days, speed),
            school_days=_times(consultation.school_days, speed),
            finalise_days=_times(consultation.finalise_days, speed),
        ),
        reviews=attrs.evolve(
            scenario.reviews, days=_times(scenario.reviews.days, speed)
        ),
    )


@attrs.frozen(kw_only=True)
class _Curves:
    """What an authority's simulated journeys give, at each of `SPEEDS`."""

    share: Floats  # the share within 20 weeks (excluding exceptions) in Y, %
    share_next: Floats  # and in Y + 1
    plans: Floats  # plans issued in Y, per replication
    plans_next: Floats  # and in Y + 1
    decided_next: Floats  # decisions within 6 weeks in Y + 1, %
    counted: int  # plans without an exception in Y, over the replications


def _window(start: dt.date, year: int) -> tuple[int, int]:
    return (dt.date(year, 1, 1) - start).days, (dt.date(year + 1, 1, 1) - start).days


def _share_at(
    ends: Floats, due: Floats, keep: npt.NDArray[np.bool_], window: tuple[int, int]
) -> tuple[Floats, Floats]:
    """Per speed: the share (%) of kept items ending in the window by their due day; the count."""
    day = np.floor(ends)
    inside = (day >= window[0]) & (day < window[1])
    counted = inside & keep[None, :]
    n = counted.sum(axis=1).astype(np.float64)
    ok = (counted & (day <= due[None, :])).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, 100 * ok / n, np.nan), inside.sum(axis=1).astype(
            np.float64
        )


def _simulate(text: str, seed: int, replications: int, year: int) -> _Curves:
    """Simulate the scenario written as *text* and rescale its journeys (in a worker)."""
    from ehcplan.sim.run import run

    scenario = loads_scenario(text)
    streams = np.random.SeedSequence(seed).spawn(replications)
    runs = [run(scenario, stream, replication=i) for i, stream in enumerate(streams)]
    cols = {
        name: np.concatenate([run.journeys[name] for run in runs])
        for name in ("received", "issued", "ep_wait", "due", "exception", "decided")
    }
    received, issued = cols["received"], cols["issued"]
    plans = ~np.isnan(issued)
    wait = np.nan_to_num(cols["ep_wait"][plans])
    base = received[plans]
    outside = np.maximum(issued[plans] - base - wait, 0.0)
    ends = base[None, :] + wait[None, :] + SPEEDS[:, None] * outside[None, :]
    due = cols["due"][plans]
    keep = cols["exception"][plans] == 0
    before, after = _window(scenario.start, year), _window(scenario.start, year + 1)
    share, count = _share_at(ends, due, keep, before)
    share_next, count_next = _share_at(ends, due, keep, after)
    decided = ~np.isnan(cols["decided"])
    start = received[decided]
    decision_ends = (
        start[None, :] + SPEEDS[:, None] * (cols["decided"][decided] - start)[None, :]
    )
    # Reg 5(1): within 6 weeks of the request, day 42 the last.
    decided_next, _ = _share_at(
        decision_ends, np.floor(start) + 42, np.ones(len(start), dtype=bool), after
    )
    day = np.floor(ends)
    counted = ((day >= before[0]) & (day < before[1]) & keep[None, :]).sum(axis=1)
    return _Curves(
        share=share,
        share_next=share_next,
        plans=count / replications,
        plans_next=count_next / replications,
        decided_next=decided_next,
        counted=int(np.median(counted)),
    )


@attrs.frozen(kw_only=True)
class SpeedPrior:
    """The empirical-Bayes prior on the log of speed: a mean for each region, one spread.

    Attributes:
        means: The mean log speed in each region.
        sd: The standard deviation of log speed between authorities of a region.
    """

    means: Mapping[str, float]
    sd: float


@attrs.frozen(kw_only=True, eq=False)
class AuthorityFit:
    """One authority's calibration from its published figures, and what it predicts.

    Attributes:
        code: The ONS code in the year calibrated.
        name: The authority.
        series: The key joining its years (`Authority.series`).
        year: The last year of published outcomes used.
        capacity: Plans a year it can issue over the plans its requests need,
            posterior mean with its 95% interval.
        capacity_factor: The factor on the shaped scenario's staff and places
            that gives that capacity.
        speed: The factor on the time its steps take outside the queue for a
            psychologist, against the national default: its posterior median
            with a 95% interval (above 1 is slower).
        measured_speed: The speed its own share alone gives, before pooling,
            with its standard error on the log scale as ``lower``/``upper`` at
            plus and minus 1.96 of it.
        published_share: Its published share within 20 weeks in *year* (%).
        predicted: The next year at its speed, anchored on its published
            year: ``pc_within_20_weeks_ex`` (%), ``plans_issued`` and
            ``pc_decided_within_6_weeks`` (%, not anchored).
        simulated: The share within 20 weeks in *year* its simulated journeys
            give at its speed (%), a check of the fit.
        scenario: The calibrated scenario: shaped, at its capacity and speed,
            with the surge, measured over the year after *year*.
    """

    code: str
    name: str
    series: str
    year: int
    capacity: Estimate
    capacity_factor: float
    speed: Estimate
    measured_speed: Estimate
    published_share: float
    predicted: Mapping[str, float]
    simulated: float
    scenario: Scenario


@attrs.frozen(kw_only=True, eq=False)
class PublishedCalibration:
    """Every authority's calibration for one year, with the priors they share.

    Attributes:
        year: The last year of published outcomes used.
        capacity_prior: The prior on log capacity over need (`CapacityPrior`).
        speed_prior: The prior on log speed (`SpeedPrior`).
        surge: The response to a backlog every authority is given.
        fits: Each authority's fit, by series.
        skipped: Authorities left out, by name, with the reason.
    """

    year: int
    capacity_prior: CapacityPrior
    speed_prior: SpeedPrior
    surge: Surge
    fits: Mapping[str, AuthorityFit]
    skipped: Mapping[str, str]


def _interpolate(curve: Floats, log_speed: float) -> float:
    known = ~np.isnan(curve)
    if not known.any():
        return math.nan
    return float(np.interp(log_speed, np.log(SPEEDS[known]), curve[known]))


def _measure_speed(
    curves: _Curves, published: float, plans: int
) -> tuple[float, float]:
    """The log speed whose rescaled journeys give *published* (%), and its standard error."""
    n_pub = max(plans, 1)
    target = 100 * (published / 100 * n_pub + 0.5) / (n_pub + 1)
    logs = np.log(SPEEDS)
    share = curves.share
    known = ~np.isnan(share)
    if known.sum() < 2:  # noqa: PLR2004 - a curve needs two points
        return 0.0, 10.0
    z = np.array([_logit(s) for s in share[known]])
    goal = _logit(target)
    xs = logs[known]
    # The share falls as the steps take longer: find where it crosses the goal.
    if goal >= z[0]:
        found = float(xs[0])
    elif goal <= z[-1]:
        found = float(xs[-1])
    else:
        i = int(np.nonzero(z <= goal)[0][0])
        x0, x1, z0, z1 = xs[i - 1], xs[i], z[i - 1], z[i]
        found = (
            float(x0 + (goal - z0) * (x1 - x0) / (z1 - z0)) if z1 != z0 else float(x0)
        )
    slope = float(np.interp(found, xs, np.gradient(z, xs)))
    p = min(max(target / 100, 0.005), 0.995)
    noise = 1 / (n_pub * p * (1 - p)) + 1 / (max(curves.counted, 1) * p * (1 - p))
    se = math.sqrt(noise) / max(abs(slope), 0.05)
    at_edge = found in (float(xs[0]), float(xs[-1]))
    return found, min(10.0, se * (3 if at_edge else 1))


def _pool_speeds(
    measured: Mapping[str, tuple[float, float]], regions: Mapping[str, str]
) -> tuple[SpeedPrior, dict[str, tuple[float, float]]]:
    """Empirical Bayes on log speeds: regional means, a pooled spread, posterior means and sds."""
    keys = list(measured)
    x = np.array([measured[k][0] for k in keys])
    v = np.array([measured[k][1] ** 2 for k in keys])
    region = np.array([regions[k] for k in keys])
    tau2 = float(np.var(x))
    means: dict[str, float] = {}
    for _ in range(200):
        w = 1 / (v + tau2)
        means = {
            str(r): float(np.sum((w * x)[region == r]) / np.sum(w[region == r]))
            for r in np.unique(region)
        }
        mu = np.array([means[r] for r in region])
        # The maximum-likelihood fixed point for the spread, given the regional means.
        new = max(1e-4, float(np.sum(w**2 * ((x - mu) ** 2 - v)) / np.sum(w**2)))
        if abs(new - tau2) < 1e-8:  # noqa: PLR2004 - converged
            break
        tau2 = new
    mu = np.array([means[r] for r in region])
    post_var = 1 / (1 / v + 1 / tau2)
    post_mean = post_var * (x / v + mu / tau2)
    posterior = {
        k: (float(m), float(math.sqrt(s)))
        for k, m, s in zip(keys, post_mean, post_var, strict=True)
    }
    return SpeedPrior(means=means, sd=math.sqrt(tau2)), posterior


def _estimate(log_mean: float, log_sd: float) -> Estimate:
    return Estimate(
        mean=math.exp(log_mean),
        lower=math.exp(log_mean - 1.959963984540054 * log_sd),
        upper=math.exp(log_mean + 1.959963984540054 * log_sd),
        n=1,
    )


def calibrate_published(
    rows: Sequence[Authority] | PanelIndex,
    year: int,
    *,
    only: Sequence[str] | None = None,
    replications: int = 1,
    seed: int = 2024,
    workers: int | None = None,
    surge: Surge | None = None,
) -> PublishedCalibration:
    """Calibrate every authority (or the *only* codes) from the panel up to *year*.

    Args:
        rows: The panel (`ehcplan.sim.authorities.read_panel`) or its index.
        year: The last year whose outcomes may be used; the next year's
            requests are read if published.
        only: ONS codes to calibrate. The capacity prior is still estimated
            from every authority's figures; the speed prior from the
            authorities of their regions, which are simulated too.
        replications: Replications simulated per authority.
        seed: The root seed; each authority gets its own stream.
        workers: Local processes (default: one per CPU; 1 runs in this process).
        surge: The response to a backlog (default: `calibrate_surge` up to *year*).

    Raises:
        InvalidInput: If no authority has the figures needed for *year*.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> calibration = calibrate_published(
        ...     shipped_panel(), 2022, only=["E06000001"], workers=1
        ... )
        >>> (fit,) = calibration.fits.values()
        >>> fit.name, fit.published_share
        ('Hartlepool', 55.1)
        >>> fit.capacity.lower < fit.capacity.mean < fit.capacity.upper
        True
        >>> fit.scenario.surge == calibration.surge
        True
    """
    index = rows if isinstance(rows, PanelIndex) else PanelIndex(rows)
    surge = surge or calibrate_surge(index, until=year)
    local = tuple(
        index.row(s, y)
        for s in index.series
        for y in index.years
        if index.row(s, y) is not None and (y <= year or y == year + 1)
    )
    # Rows after the year keep only their requests: nothing else may be read.
    visible = tuple(
        r if r.year <= year else _requests_only(r) for r in local if r is not None
    )
    observations = {
        s: [
            q
            for y in range(year - 2, year + 1)
            if (q := _completions(index, s, y)) is not None
        ]
        for s in index.series
    }
    capacity_prior, capacities = estimate_capacity(observations)
    tasks, skipped, shaped = [], {}, {}
    children = np.random.SeedSequence(seed).generate_state(len(index.series))
    regions = (
        None
        if only is None
        else {
            r.region
            for s in index.series
            if (r := index.row(s, year)) and r.code in only
        }
    )
    for number, series in enumerate(index.series):
        row = index.row(series, year)
        if row is None or (regions is not None and row.region not in regions):
            continue
        reason = _unusable(row, series, capacities)
        if reason:
            skipped[row.name] = reason
            continue
        after = index.row(series, year + 1)
        growth = (
            after.requests / row.requests - 1
            if after is not None and after.requests and row.requests
            else None
        )
        scenario = for_authority(
            row.code, year, rows=visible, growth=growth, years_before=1
        )
        prior = index.row(series, year - 1)
        refused = index.refused_share(series, year) or 0.0
        needed = need(row, prior, refused=refused, no_plan=_no_plan_share(row))
        if not needed:
            skipped[row.name] = f"its requests in {year} needed no plan"
            continue
        wanted = capacities[series].mean * needed
        factor = factor_for(scenario, wanted)
        calibrated = attrs.evolve(scaled(scenario, factor), surge=surge)
        shaped[series] = (row, factor, calibrated)
        tasks.append(
            (dumps_scenario(calibrated), int(children[number]), replications, year)
        )
    if not tasks:
        msg = f"no authority has the figures needed to calibrate {year}."
        raise InvalidInput(msg, field="year")
    curves = _map(tasks, workers)
    by_series = dict(zip(shaped, curves, strict=True))
    measured = {}
    for series, (row, _, _) in shaped.items():
        assert row.pc_within_20_weeks_ex is not None  # noqa: S101 - checked
        measured[series] = _measure_speed(
            by_series[series], row.pc_within_20_weeks_ex, row.plans_issued_ex or 0
        )
    speed_prior, speeds = _pool_speeds(
        measured, {s: shaped[s][0].region for s in shaped}
    )
    fits = {}
    for series, (row, factor, calibrated) in shaped.items():
        if only is not None and row.code not in only:
            continue
        log_speed, log_sd = speeds[series]
        c = by_series[series]
        assert row.pc_within_20_weeks_ex is not None  # noqa: S101 - checked
        share_before = _interpolate(c.share, log_speed)
        share_after = _interpolate(c.share_next, log_speed)
        plans_before = _interpolate(c.plans, log_speed)
        plans_after = _interpolate(c.plans_next, log_speed)
        anchored = _logit(row.pc_within_20_weeks_ex)
        if not (math.isnan(share_after) or math.isnan(share_before)):
            anchored += _logit(share_after) - _logit(share_before)
        issued = float(row.plans_issued or plans_before)
        m, se = measured[series]
        fits[series] = AuthorityFit(
            code=row.code,
            name=row.name,
            series=series,
            year=year,
            capacity=capacities[series],
            capacity_factor=factor,
            speed=_estimate(log_speed, log_sd),
            measured_speed=_estimate(m, se),
            published_share=row.pc_within_20_weeks_ex,
            predicted={
                "pc_within_20_weeks_ex": 100 / (1 + math.exp(-anchored)),
                "plans_issued": issued * plans_after / max(plans_before, 0.5),
                "pc_decided_within_6_weeks": _interpolate(c.decided_next, log_speed),
            },
            simulated=share_before,
            scenario=with_speed(calibrated, math.exp(log_speed)),
        )
    return PublishedCalibration(
        year=year,
        capacity_prior=capacity_prior,
        speed_prior=speed_prior,
        surge=surge,
        fits=fits,
        skipped=skipped,
    )


def _requests_only(row: Authority) -> Authority:
    keep = {"level", "code", "name", "region", "year", "requests", "old_code", "faults"}
    blank: dict[str, Any] = {
        f.name: None for f in attrs.fields(Authority) if f.name not in keep
    }
    return attrs.evolve(row, **blank)


def _unusable(row: Authority, series: str, capacities: Mapping[str, Estimate]) -> str:
    if not row.requests:
        return f"no requests published for {row.year}"
    if row.pc_within_20_weeks_ex is None:
        return f"no share within 20 weeks published for {row.year}"
    if series not in capacities:
        return "no plans issued against its requests in the years used"
    return ""


def _map(tasks: list[tuple[str, int, int, int]], workers: int | None) -> list[_Curves]:
    if workers == 1 or len(tasks) == 1:
        return [_simulate(*task) for task in tasks]
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers or os.cpu_count()
    ) as pool:
        return list(pool.map(_simulate, *zip(*tasks, strict=True), chunksize=4))
