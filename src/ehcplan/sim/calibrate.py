"""Calibration: a scenario estimated from an authority's own SEN2-shaped history.

From the requests an authority received up to a date (SEN2 request records,
as `ehcplan.sen2.read_sen2` gives them) this estimates, each with a 95%
interval:

- demand: requests a week at the start, the annual growth and the monthly
  seasonality, by a log-linear fit of monthly counts (a trend and, with two
  years or more, a multiplier per calendar month);
- the share refused, the share with "no plan" after assessment, and the share
  of plans with an exception (Wilson intervals);
- the stage durations as the empirical distributions of the authority's own
  decided cases: request to decision, decision to the decision on a plan,
  and that decision to the final plan (means with t intervals).

The scenario built from them (`Calibration.scenario`) is a **delay** model:
its stages take the observed durations with no queue for staff, so it
reproduces the authority's history (the fit report compares simulated with
observed weeks to issue) but cannot answer questions about capacity; for
those, add staff to it as a planner's assumption. Requests still open at the
end of the history are left out of the durations (right-censored), which
makes the durations a little short when many are open.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from ehcplan.errors import InvalidInput
from ehcplan.policy import load_policy
from ehcplan.sen2.items import AssessmentOutcome, RequestOutcome
from ehcplan.sen2.records import Sen2Record
from ehcplan.sim import outcomes
from ehcplan.sim.distributions import Empirical, Fixed
from ehcplan.sim.estimates import Estimate, interval
from ehcplan.sim.results import Results
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.stages import (
    Advice,
    AdviceSource,
    Consultation,
    Decision,
    Demand,
    Drafting,
    Exceptions,
    PlanPanel,
    Reviews,
)
from ehcplan.timeline.grounds import ExceptionGround

__all__ = ["Calibration", "calibrate", "fit_report", "share"]

_Z = 1.959963984540054
"""The standard normal's 97.5th percentile."""


def share(successes: int, trials: int) -> Estimate:
    """A proportion with its Wilson 95% interval.

    Examples:
        >>> e = share(25, 100)
        >>> round(e.mean, 2), round(e.lower, 3), round(e.upper, 3)
        (0.25, 0.175, 0.343)
    """
    if trials == 0:
        return Estimate(mean=math.nan, lower=math.nan, upper=math.nan, n=0)
    p = successes / trials
    centre = (p + _Z**2 / (2 * trials)) / (1 + _Z**2 / trials)
    half = (
        _Z
        * math.sqrt(p * (1 - p) / trials + _Z**2 / (4 * trials**2))
        / (1 + _Z**2 / trials)
    )
    return Estimate(mean=p, lower=centre - half, upper=centre + half, n=trials)


@attrs.frozen(kw_only=True, eq=False)
class Calibration:
    """Every estimate, the durations observed, and the scenario built from them."""

    start: dt.date
    until: dt.date
    requests_per_week: Estimate
    annual_growth: Estimate
    seasonality: tuple[float, ...]
    refuse_share: Estimate
    no_plan_share: Estimate
    exception_share: Estimate
    decision_days: Estimate
    assessment_days: Estimate
    plan_days: Estimate
    weeks_to_issue: tuple[float, ...]
    scenario: Scenario

    def table(self) -> list[tuple[str, Estimate]]:
        """The estimates with their names, for a report."""
        return [
            ("requests a week at the start", self.requests_per_week),
            ("annual growth in requests", self.annual_growth),
            ("share refused", self.refuse_share),
            ("share with no plan after assessment", self.no_plan_share),
            ("share of plans with an exception", self.exception_share),
            ("days from request to decision", self.decision_days),
            ("days from decision to the decision on a plan", self.assessment_days),
            ("days from that decision to the final plan", self.plan_days),
        ]


def _days(pairs: Sequence[tuple[dt.date | None, dt.date | None]]) -> list[float]:
    return [
        float((b - a).days)
        for a, b in pairs
        if a is not None and b is not None and b >= a
    ]


def _demand(
    received: Sequence[dt.date], start: dt.date, until: dt.date
) -> tuple[Estimate, Estimate, tuple[float, ...]]:
    months: list[dt.date] = []
    month = dt.date(start.year, start.month, 1)
    while month <= until:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    # Whole months only: drop a first or last month the history covers in part.
    months = [
        m
        for m in months
        if m >= start
        and dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
        <= until + dt.timedelta(days=1)
    ]
    if len(months) < 6:
        msg = "calibration needs at least six whole months of requests; give a longer history."
        raise InvalidInput(msg, field="records")
    counts = np.array(
        [
            sum(1 for r in received if (r.year, r.month) == (m.year, m.month))
            for m in months
        ],
        dtype=float,
    )
    days = np.array(
        [
            (dt.date(m.year + m.month // 12, m.month % 12 + 1, 1) - m).days
            for m in months
        ],
        dtype=float,
    )
    t = np.arange(len(months)) / 12.0
    seasonal = len(months) >= 24
    columns = [np.ones(len(months)), t]
    if seasonal:
        columns += [
            np.array([m.month == k for m in months], dtype=float) for k in range(2, 13)
        ]
    design = np.column_stack(columns)
    target = np.log((counts + 0.5) / days * 7)
    coefficients, *_ = np.linalg.lstsq(design, target, rcond=None)
    residual = target - design @ coefficients
    dof = max(1, len(months) - design.shape[1])
    sigma2 = float(residual @ residual) / dof
    covariance = sigma2 * np.linalg.pinv(design.T @ design)
    season = np.ones(12)
    if seasonal:
        season[1:] = np.exp(coefficients[2:])
        season /= season.mean()
    slope, slope_se = float(coefficients[1]), math.sqrt(max(covariance[1, 1], 0.0))
    growth = Estimate(
        mean=math.expm1(slope),
        lower=math.expm1(slope - _Z * slope_se),
        upper=math.expm1(slope + _Z * slope_se),
        n=len(months),
    )
    level_se = math.sqrt(max(covariance[0, 0], 0.0))
    # The fitted level includes January's effect; divide it out to get the rate before seasonality.
    base = math.exp(float(coefficients[0])) / (season[0] if seasonal else 1.0)
    rate = Estimate(
        mean=base,
        lower=base * math.exp(-_Z * level_se),
        upper=base * math.exp(_Z * level_se),
        n=len(months),
    )
    return rate, growth, tuple(float(s) for s in season)


def calibrate(
    records: Sequence[Sen2Record], *, until: dt.date, policy: str = "england-average"
) -> Calibration:
    """Estimate a scenario from SEN2 request *records* received up to *until*.

    Raises:
        InvalidInput: If fewer than six whole months of requests, or no decided
            request, are in the history.
    """
    kept = [r for r in records if r.received_date <= until]
    if not kept:
        msg = f"no request was received by {until.isoformat()}."
        raise InvalidInput(msg, field="records")
    start = min(r.received_date for r in kept)
    rate, growth, season = _demand([r.received_date for r in kept], start, until)
    decided = [
        r
        for r in kept
        if r.request_outcome in (RequestOutcome.ASSESS, RequestOutcome.NOT_ASSESS)
        and r.request_outcome_date is not None
        and r.request_outcome_date <= until
    ]
    if not decided:
        msg = "no request in the history has its decision whether to assess; nothing to calibrate."
        raise InvalidInput(msg, field="records")
    refused = share(
        sum(r.request_outcome is RequestOutcome.NOT_ASSESS for r in decided),
        len(decided),
    )
    outcomes = [
        r
        for r in decided
        if r.assessment_outcome in (AssessmentOutcome.PLAN, AssessmentOutcome.NO_PLAN)
        and r.assessment_outcome_date is not None
        and r.assessment_outcome_date <= until
    ]
    no_plan = share(
        sum(r.assessment_outcome is AssessmentOutcome.NO_PLAN for r in outcomes),
        len(outcomes),
    )
    plans = [r for r in outcomes if r.start_date is not None and r.start_date <= until]
    exceptions = share(sum(bool(r.week20) for r in plans), len(plans))
    decision = _days([(r.received_date, r.request_outcome_date) for r in decided])
    assessment = _days(
        [(r.request_outcome_date, r.assessment_outcome_date) for r in outcomes]
    )
    issue = _days([(r.assessment_outcome_date, r.start_date) for r in plans])
    if not (decision and assessment and issue):
        msg = (
            "the history has no complete journey from request to final plan; "
            "nothing to calibrate."
        )
        raise InvalidInput(msg, field="records")
    weeks = tuple(
        (r.start_date - r.received_date).days / 7
        for r in plans
        if r.start_date is not None
    )
    scenario = Scenario(
        name=f"Calibrated from history {start.isoformat()} to {until.isoformat()}",
        start=start,
        horizon_days=(until - start).days + 1,
        warmup_days=0,
        policy=load_policy(policy),
        policy_ref=policy,
        demand=Demand(
            requests_per_week=rate.mean,
            seasonality=season,  # type: ignore[arg-type]
            annual_growth=max(growth.mean, -0.99),
        ),
        decision=Decision(refuse_share=refused.mean, days=Empirical(values=decision)),
        advice=Advice(
            educational_psychology=AdviceSource(days=Empirical(values=assessment)),
            health=AdviceSource(days=Fixed(days=0)),
            social_care=AdviceSource(days=Fixed(days=0)),
        ),
        plan_panel=PlanPanel(
            panel=_any_panel(policy),
            deferred_share=0.0,
            no_plan_share=no_plan.mean if not math.isnan(no_plan.mean) else 0.0,
            slots_per_meeting=100_000,
        ),
        drafting=Drafting(caseworkers=100_000, days=Empirical(values=issue)),
        consultation=Consultation(
            representation_days=Fixed(days=0),
            school_days=Fixed(days=0),
            decline_share=0.0,
            finalise_days=Fixed(days=0),
        ),
        exceptions=Exceptions(
            shares={
                ExceptionGround.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES: exceptions.mean
                if not math.isnan(exceptions.mean)
                else 0.0
            }
        ),
        reviews=Reviews(new_plans=False),
    )
    return Calibration(
        start=start,
        until=until,
        requests_per_week=rate,
        annual_growth=growth,
        seasonality=season,
        refuse_share=refused,
        no_plan_share=no_plan,
        exception_share=exceptions,
        decision_days=interval(decision),
        assessment_days=interval(assessment),
        plan_days=interval(issue),
        weeks_to_issue=weeks,
        scenario=scenario,
    )


def _any_panel(policy: str) -> str:
    panels = load_policy(policy).panels
    if not panels:
        msg = f"policy {policy} has no panel; calibration needs one for the plan decision."
        raise InvalidInput(msg, field="policy")
    return panels[0].id


def fit_report(calibration: Calibration, results: Results) -> dict[str, Any]:
    """Simulated against observed weeks to issue: quartiles and the share within 20 weeks."""
    observed = np.array(calibration.weeks_to_issue)
    simulated = np.concatenate(
        [
            outcomes.weeks_to_issue(r.journeys)[~np.isnan(r.journeys["issued"])]
            for r in results.runs
        ]
    )

    def summary(values: np.ndarray) -> dict[str, float]:
        if not len(values):
            return {
                "p25": math.nan,
                "median": math.nan,
                "p75": math.nan,
                "within_20_weeks": math.nan,
            }
        p25, p50, p75 = np.percentile(values, [25, 50, 75])
        return {
            "p25": float(p25),
            "median": float(p50),
            "p75": float(p75),
            "within_20_weeks": float(
                np.mean(outcomes.within_20_weeks(np.rint(values * 7)))
            ),
        }

    return {"observed": summary(observed), "simulated": summary(simulated)}
