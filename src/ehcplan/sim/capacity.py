"""A scenario's capacity in plans a year, and an authority's, estimated from its completions.

`ceiling` works out, from a scenario's staff, durations and panel places, how
many plans a year it can issue at most: the least of what its psychologists,
its caseworkers (after the annual reviews they also carry) and its panel
(after the decisions whether to assess it also hears) can get through. No
simulation is needed; `scaled` changes a scenario's staff by one factor, and
`factor_for` finds the factor at which its staff can issue a wanted number.

`estimate_capacity` estimates each authority's capacity relative to the
plans its requests need, from DfE's figures, with partial pooling:

- the plans a year's requests need are its requests, less those refused,
  less the share ending with no plan; since a plan is issued about 23 weeks
  after its request, the need the year's issues answer is the year's need
  moved back by that lag along the authority's growth in requests;
- an authority issues what is needed when it can, and no more than it can:
  each year's plans issued over that need is ``min(h, 0)`` plus noise, where
  ``h`` is the log of its capacity over the need. A year it fell behind
  measures ``h``; a year it kept up only says ``h`` is at least about 0;
- ``h`` varies between authorities as a normal distribution whose mean and
  spread, with the noise, are estimated from every authority at once by
  maximum likelihood (an empirical-Bayes prior); each authority's estimate
  is its posterior mean with a 95% interval, so an authority that always
  kept up borrows the upper part of the prior, and one that fell behind in
  every year is measured by its own figures.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.panels import meetings
from ehcplan.sim.authorities import Authority
from ehcplan.sim.estimates import Estimate
from ehcplan.sim.scenario import Scenario

__all__ = [
    "LAG_YEARS",
    "CapacityPrior",
    "ceiling",
    "estimate_capacity",
    "factor_for",
    "need",
    "scaled",
]

Floats = npt.NDArray[np.float64]

LAG_YEARS = 0.45
"""The time from a request to its plan, in years (about 23 weeks): a year's plans
answer the need of the year that ended this long before it."""

_GRID = np.linspace(-2.0, 1.5, 351)
"""The values of the log capacity over need at which posteriors are worked out."""

_YEARS_USED = 3
"""An authority's capacity is estimated from its last three published years."""

_DAYS_A_YEAR = 365.25


def _staff_limit(scenario: Scenario, factor: float = 1.0) -> float:
    """The plans a year the scenario's staff, times *factor* as `scaled` rounds them, can issue.

    Psychologists (and other advice staff) and caseworkers; the annual
    reviews take caseworkers' time first.
    """
    no_plan = scenario.plan_panel.no_plan_share

    def times(count: int) -> int:
        return max(1, round(count * factor))

    limits = [
        times(source.staff) * _DAYS_A_YEAR / source.days.mean * (1 - no_plan)
        for source in (
            scenario.advice.educational_psychology,
            scenario.advice.health,
            scenario.advice.social_care,
        )
        if source.staff is not None
    ]
    reviews = scenario.reviews
    review_days = reviews.plans * reviews.days.mean
    drafting = scenario.drafting
    caseworker_days = times(drafting.caseworkers) * _DAYS_A_YEAR
    limits.append(max(0.0, caseworker_days - review_days) / drafting.days.mean)
    return float(min(limits))


def _panel_limit(scenario: Scenario) -> float:
    """The plans a year the plan panel can decide on, after any decisions whether to assess."""
    panel = scenario.policy.panel(scenario.plan_panel.panel)
    year = (scenario.start, scenario.start + dt.timedelta(days=364))
    places = (
        scenario.plan_panel.slots_per_meeting
        or panel.terms.at(scenario.start).cases_per_meeting
    )
    heard = float(len(meetings(panel, *year)) * places)
    decision = scenario.decision
    if (
        decision.panel == scenario.plan_panel.panel
        and decision.slots_per_meeting == scenario.plan_panel.slots_per_meeting
    ):
        # One panel deciding both: the decisions whether to assess take places first.
        heard -= scenario.demand.requests_per_week * 52
    no_plan = scenario.plan_panel.no_plan_share
    return max(0.0, heard) * (1 - no_plan) / (1 + scenario.plan_panel.deferred_share)


def ceiling(scenario: Scenario) -> float:
    """The most plans a year *scenario* can issue: the least its staff or its panel allow.

    Psychologists (and any other advice source with staff) can finish their
    staff times 365.25 over the mean days an assessment takes, less the
    share ending with no plan; caseworkers their days less the annual
    reviews' over the mean days a draft takes; the plan panel its meetings in
    the first year times its places, less the decisions whether to assess it
    also hears, over one plus the share deferred.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> round(ceiling(default_scenario()))
        800
    """
    return min(_staff_limit(scenario), _panel_limit(scenario))


def scaled(scenario: Scenario, factor: float) -> Scenario:
    """*scenario* with its psychologists (and other advice staff) and caseworkers times *factor*.

    Counts are rounded and kept at 1 or more. Panel places are the policy's:
    they are not what runs short when an authority falls behind.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> s = scaled(default_scenario(), 0.5)
        >>> s.advice.educational_psychology.staff, s.drafting.caseworkers
        (35, 85)
    """

    def times(count: int) -> int:
        return max(1, round(count * factor))

    advice = scenario.advice
    return attrs.evolve(
        scenario,
        advice=attrs.evolve(
            advice,
            **{
                name: attrs.evolve(source, staff=times(source.staff))
                for name, source in (
                    ("educational_psychology", advice.educational_psychology),
                    ("health", advice.health),
                    ("social_care", advice.social_care),
                )
                if source.staff is not None
            },
        ),
        drafting=attrs.evolve(
            scenario.drafting, caseworkers=times(scenario.drafting.caseworkers)
        ),
    )


def factor_for(scenario: Scenario, plans_a_year: float) -> float:
    """The factor on staff (`scaled`) at which the staff can issue *plans_a_year*.

    Found by bisection, between 0.05 and 20; the panel's places are not
    changed, so the scenario's `ceiling` may stay below *plans_a_year*.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> s = default_scenario()
        >>> round(factor_for(s, 1.5 * ceiling(s)), 1)
        1.5
    """
    low, high = math.log(0.05), math.log(20.0)
    for _ in range(40):
        middle = (low + high) / 2
        if _staff_limit(scenario, math.exp(middle)) < plans_a_year:
            low = middle
        else:
            high = middle
    return math.exp((low + high) / 2)


def need(
    row: Authority, previous: Authority | None, *, refused: float, no_plan: float
) -> float | None:
    """The plans a year's requests need, moved back by the lag from request to plan.

    *refused* and *no_plan* are the shares refused and ending with no plan
    (the authority's own, or stand-ins where it published none).

    Examples:
        >>> from ehcplan.sim.authorities import find
        >>> row, before = find("Hartlepool", 2023), find("Hartlepool", 2022)
        >>> round(need(row, before, refused=0.3, no_plan=0.02), 1)
        113.9
    """
    if not row.requests:
        return None
    needed = row.requests * (1 - refused) * (1 - no_plan)
    if previous is not None and previous.requests:
        needed *= math.exp(-LAG_YEARS * math.log(row.requests / previous.requests))
    return needed


@attrs.frozen(kw_only=True)
class CapacityPrior:
    """The spread of log capacity over need between authorities, and the yearly noise.

    Attributes:
        mean: The mean of the log of capacity over need.
        sd: Its standard deviation between authorities.
        noise: The standard deviation of a year's plans issued about
            ``min(capacity, need)``, on the log scale.
        authorities: How many authorities it was estimated from.
    """

    mean: float
    sd: float
    noise: float
    authorities: int


def _statistics(observations: Sequence[Floats]) -> Floats:
    """Per authority: the years used, and the sum and the sum of squares of its values."""
    return np.array(
        [[len(q), float(np.sum(q)), float(np.sum(q**2))] for q in observations]
    )


def _joint(stats: Floats, mean: float, sd: float, noise: float) -> Floats:
    """Each authority's likelihood at every grid value of h, times the prior there."""
    kept = np.minimum(_GRID, 0.0)[None, :]
    count, total, squares = stats[:, 0:1], stats[:, 1:2], stats[:, 2:3]
    log_l = -0.5 * (squares - 2 * kept * total + count * kept**2) / noise**2
    log_l -= count * math.log(noise)
    log_prior = -0.5 * ((_GRID - mean) / sd) ** 2 - math.log(sd)
    return np.asarray(np.exp(log_l + log_prior[None, :]), dtype=np.float64)


def _log_marginal(stats: Floats, mean: float, sd: float, noise: float) -> float:
    marginal = _joint(stats, mean, sd, noise).sum(axis=1)
    return float(np.sum(np.log(np.maximum(marginal, 1e-300))))


def _fit_prior(stats: Floats) -> CapacityPrior:
    """Maximum likelihood for the prior and the noise: a coarse grid, then finer ones."""
    best = (-math.inf, 0.0, 0.3, 0.15)
    means, sds, noises = (
        np.linspace(-0.6, 0.6, 7),
        np.linspace(0.05, 0.85, 9),
        np.linspace(0.04, 0.52, 7),
    )
    around = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
    for step in (0.2, 0.1, 0.05, 0.025, 0.0125):
        for mean in means:
            for sd in sds:
                for noise in noises:
                    value = _log_marginal(stats, mean, sd, noise)
                    if value > best[0]:
                        best = (value, float(mean), float(sd), float(noise))
        _, m, s, n = best
        means = m + around * step
        sds = np.maximum(0.02, s + around * step / 2)
        noises = np.maximum(0.02, n + around * step / 4)
    _, m, s, n = best
    return CapacityPrior(mean=m, sd=s, noise=n, authorities=len(stats))


def _posterior(joint_row: Floats) -> Estimate:
    weights = joint_row / joint_row.sum()
    cdf = np.cumsum(weights)
    mean = float(np.exp(_GRID) @ weights)
    last = len(_GRID) - 1
    low = float(np.exp(_GRID[min(last, int(np.searchsorted(cdf, 0.025)))]))
    high = float(np.exp(_GRID[min(last, int(np.searchsorted(cdf, 0.975)))]))
    return Estimate(mean=mean, lower=low, upper=high, n=1)


def estimate_capacity(
    observations: Mapping[str, Sequence[float]],
) -> tuple[CapacityPrior, dict[str, Estimate]]:
    """Each authority's capacity over need (a ratio) from its years' log plans issued over need.

    *observations* maps an authority (any key) to the log of its plans
    issued over its need (`need`) in each year used. Returns the prior
    estimated from all of them and each authority's posterior mean of
    capacity over need with its 95% interval (``n`` is the years used).

    Examples:
        >>> prior, fits = estimate_capacity(
        ...     {"behind": [-0.3, -0.35, -0.25]} | {f"ok{i}": [0.0, -0.02, 0.01] for i in range(20)}
        ... )
        >>> round(fits["behind"].mean, 2) < 0.8 < round(fits["ok1"].mean, 2)
        True
    """
    keys = [k for k, q in observations.items() if len(q)]
    stats = _statistics([np.asarray(observations[k], dtype=np.float64) for k in keys])
    prior = _fit_prior(stats)
    joint = _joint(stats, prior.mean, prior.sd, prior.noise)
    fits = {
        key: attrs.evolve(_posterior(row), n=int(count))
        for key, row, count in zip(keys, joint, stats[:, 0], strict=True)
    }
    return prior, fits
