"""Nowcast: which of today's open cases will breach, and when.

A warm start: the open cases of a caseload on a date, each at its stage with
the statutory time already elapsed (and any exception ground recorded), are
placed in the simulator as requests in progress; new requests keep arriving as
the scenario says, and compete with them for staff and panel slots. Over many
replications each case gets:

- the probability of missing its 20-week deadline (a case already past week 20
  misses it in every replication), and, for cases awaiting the decision, of
  missing the 6-week one;
- the expected issue date (the median over replications) with a 90% range;
- the latest safe date for its next step (`ehcplan.cases.schedule`);

and the caseload gets the expected number of breaches by month, with
intervals. References are the case system's pseudonymous ones; nothing else
about a person reaches the output.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np

from ehcplan import cases as c
from ehcplan.cases.schedule import Step, latest_safe_dates
from ehcplan.errors import InvalidInput
from ehcplan.sim import outcomes
from ehcplan.sim.estimates import Estimate, interval
from ehcplan.sim.results import Results
from ehcplan.sim.run import replicate
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.world import OpenCase, Resume
from ehcplan.timeline import table
from ehcplan.timeline.grounds import Limit

__all__ = ["AtRisk", "Nowcast", "nowcast", "open_cases"]

_STAGES = {
    c.Stage.AWAITING_DECISION: Resume.AWAITING_DECISION,
    c.Stage.ASSESSING: Resume.ASSESSING,
    c.Stage.DRAFTING: Resume.DRAFTING,
    c.Stage.DRAFT_ISSUED: Resume.DRAFT_ISSUED,
}


_FIRST_STEP = {
    Resume.AWAITING_DECISION: Step.ADVICE_REQUESTED,
    Resume.ASSESSING: Step.ADVICE_REQUESTED,
    Resume.DRAFTING: Step.DRAFT_SERVED,
    Resume.DRAFT_ISSUED: Step.SCHOOL_CONSULTED,
}
"""The first step a case at each stage may still have to take (a SEN2 record does
not say which advice has come in, so an assessing case may still have to ask)."""


def _since(case: c.Case, stage: Resume) -> dt.date:
    """The day the case's current stage began."""
    kinds: dict[Resume, tuple[type[c.Event], ...]] = {
        Resume.AWAITING_DECISION: (),
        Resume.ASSESSING: (c.AssessmentDecision, c.TribunalDecision),
        Resume.DRAFTING: (c.IssueDecision,),
        Resume.DRAFT_ISSUED: (c.DraftServed,),
    }
    days = [e.on for e in case.events if isinstance(e, kinds[stage])]
    return days[-1] if days else case.received_on


def open_cases(cases: Iterable[c.Case], on: dt.date) -> list[tuple[c.Case, OpenCase]]:
    """The cases open on *on*, each with its place in a warm start (day 0 is *on*).

    Open means awaiting the decision, assessing, drafting, or with the draft out;
    refused, "no plan", withdrawn, ceased and issued cases are not open.
    """
    found = []
    for case in cases:
        stage = _STAGES.get(case.stage)
        if stage is None:
            continue
        found.append(
            (
                case,
                OpenCase(
                    received=float((case.received_on - on).days),
                    stage=stage,
                    since=float((_since(case, stage) - on).days),
                    exception=bool(case.grounds_for(Limit.FINAL_PLAN)),
                    source=case.source.value if case.source is not None else 1,
                ),
            )
        )
    return found


@attrs.frozen(kw_only=True)
class AtRisk:
    """One open case's forecast."""

    reference: str
    stage: str
    received: dt.date
    due: dt.date
    exception: bool
    p_breach_20_weeks: float
    p_breach_6_weeks: float | None
    expected_issue: dt.date | None
    issue_5: dt.date | None
    issue_95: dt.date | None
    next_step: str | None
    latest_safe_date: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """JSON- and CSV-ready values (dates as ISO text)."""
        return {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in attrs.asdict(self).items()
        }


@attrs.frozen(kw_only=True, eq=False)
class Nowcast:
    """The forecast for every open case, most at risk first, and breaches by month."""

    on: dt.date
    cases: tuple[AtRisk, ...]
    breaches_by_month: tuple[tuple[dt.date, Estimate], ...]
    results: Results


def _day(on: dt.date, day: float) -> dt.date | None:
    return (
        None
        if math.isnan(day) or math.isinf(day)
        else on + dt.timedelta(days=math.floor(day))
    )


def nowcast(
    scenario: Scenario,
    cases: Sequence[c.Case],
    on: dt.date,
    *,
    replications: int = 100,
    seed: int = 2024,
    workers: int | None = None,
    horizon_days: int = 365,
    progress: bool = False,
) -> Nowcast:
    """Forecast each open case of *cases* from *on*, with *scenario*'s demand and capacity.

    The scenario's start, warm-up and horizon are replaced: the run starts on
    *on*, with no warm-up (the open cases are the state), for *horizon_days*
    (a year by default: every open case's 20-week deadline falls within it, so
    a case not issued by then has missed it, and its issue date shows as after
    the horizon).

    Raises:
        InvalidInput: If no case is open on *on*.
    """
    found = open_cases(cases, on)
    if not found:
        msg = f"no case is open on {on.isoformat()}: nothing to forecast."
        raise InvalidInput(msg, field="cases")
    run_scenario = attrs.evolve(
        scenario, start=on, warmup_days=0, horizon_days=horizon_days
    )
    results = replicate(
        run_scenario,
        replications,
        seed=seed,
        workers=workers,
        progress=progress,
        open_cases=tuple(o for _, o in found),
    )
    m = len(found)
    issued = np.array([run.journeys["issued"][:m] for run in results.runs])
    decided = np.array([run.journeys["decided"][:m] for run in results.runs])
    # One row per replication, one column per open case: the breach rule of the
    # simulator (`ehcplan.sim.outcomes`), so a request that ends refused or with
    # "no plan" is never a 20-week breach.
    breached = np.array(
        [
            outcomes.breached(run.journeys, by=run.horizon_days)[:m]
            for run in results.runs
        ]
    )
    due_days = results.runs[0].journeys["due"][:m]
    never = np.where(np.isnan(issued), np.inf, issued)
    rows = []
    for index, (case, open_case) in enumerate(found):
        due = on + dt.timedelta(days=int(due_days[index]))
        late = breached[:, index]
        p6 = None
        if open_case.stage is Resume.AWAITING_DECISION:
            decision_due = (
                table.DECISION_TO_ASSESS.last_day(case.received_on) - on
            ).days
            p6 = float(
                np.mean(
                    np.nan_to_num(decided[:, index], nan=np.inf) > decision_due + 0.999
                )
            )
        finite = np.where(
            np.isinf(never[:, index]), horizon_days * 10.0, never[:, index]
        )
        low, mid, high = np.percentile(finite, [5, 50, 95])
        low, mid, high = (
            math.inf if v >= horizon_days else v for v in (low, mid, high)
        )
        order = list(Step)
        first = order.index(_FIRST_STEP[open_case.stage])
        steps = [
            (step, day)
            for step, day in latest_safe_dates(case)
            if order.index(step) >= first
        ]
        next_step = steps[0] if steps else None
        rows.append(
            AtRisk(
                reference=case.reference,
                stage=case.stage.value,
                received=case.received_on,
                due=due,
                exception=open_case.exception,
                p_breach_20_weeks=float(np.mean(late)),
                p_breach_6_weeks=p6,
                expected_issue=_day(on, mid),
                issue_5=_day(on, low),
                issue_95=_day(on, high),
                next_step=None if next_step is None else next_step[0].value,
                latest_safe_date=None if next_step is None else next_step[1],
            )
        )
    rows.sort(key=lambda r: (-r.p_breach_20_weeks, r.due, r.reference))
    counted = np.array([not o.exception for _, o in found]) & (due_days >= 0)
    due_months = [
        dt.date(r.year, r.month, 1)
        for r in (on + dt.timedelta(days=int(d)) for d in due_days)
    ]
    by_month = []
    for month in sorted(
        {m for m, keep in zip(due_months, counted, strict=True) if keep}
    ):
        columns = np.array([m == month for m in due_months]) & counted
        by_month.append(
            (month, interval(breached[:, columns].sum(axis=1).astype(float)))
        )
    return Nowcast(
        on=on, cases=tuple(rows), breaches_by_month=tuple(by_month), results=results
    )
