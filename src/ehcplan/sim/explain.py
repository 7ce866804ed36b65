"""What limits a forecast, in words: staff and panels at capacity, and what moved a comparison.

`warnings` reads `Results` for capacity cliffs: a staff pool busy nearly all
its time (`AT_CAPACITY`, `NEAR_CAPACITY`), a queue that grows through the
measured period instead of settling (it grows without bound: the work arrives
faster than it is done), a panel whose meetings are full (`FULL_MEETINGS`).
Each warning names the bottleneck and what grows. The report's first screen
and ``ehcplan forecast`` show them under the headline.

`stage_waits` splits each request's journey into its stages (the decision
whether to assess, the wait for an educational psychologist, the advice, the
papers, the wait for the plan panel, drafting, consultation), and
`attribute` says, for each KPI a comparison changed, which stage's days moved
most in the same direction, with the panel or staff pool behind it: the
bottleneck attribution ``ehcplan compare`` prints.

Examples:
    >>> from ehcplan.sim import default_scenario, replicate
    >>> results = replicate(default_scenario(), 2, seed=1, workers=1)
    >>> warnings(results)[0]  # doctest: +ELLIPSIS
    'Educational psychologists are near capacity: busy 9...% of their time; ...'
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ehcplan.sim.estimates import Estimate, interval

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.results import Results, Run
    from ehcplan.sim.run import Comparison

__all__ = [
    "AT_CAPACITY",
    "FULL_MEETINGS",
    "NEAR_CAPACITY",
    "STAGES",
    "attribute",
    "stage_waits",
    "warnings",
]

AT_CAPACITY = 0.98
"""A staff pool busy this share of its time or more is at capacity: its queue cannot drain."""

NEAR_CAPACITY = 0.90
"""A staff pool busy this share of its time or more is near capacity: waits climb steeply."""

FULL_MEETINGS = 0.5
"""A panel whose meetings use every place this often or more has full meetings."""

_POOLS = (
    ("educational psychology", "Educational psychologists", "ep_queue",
     "assessments waiting for one", "staff"),
    ("caseworkers", "Caseworkers", "caseworker_queue",
     "drafts and reviews waiting for one", "caseworkers"),
)  # fmt: skip

STAGES = {
    "decision": "the decision whether to assess",
    "ep_wait": "the wait for an educational psychologist",
    "advice": "the advice itself",
    "papers": "preparing the papers",
    "panel": "the wait for the plan panel",
    "drafting": "drafting the plan",
    "consultation": "consultation and the final plan",
}
"""A request's stages, in order, as `stage_waits` measures them (days)."""

_KPI_STAGES = {
    "pc_decided_within_6_weeks": ("decision",),
    "pc_no_plan_within_16_weeks": ("decision", "ep_wait", "advice", "papers", "panel"),
    **{
        kpi: tuple(STAGES)
        for kpi in (
            "pc_within_20_weeks_ex",
            "pc_within_20_weeks",
            "pc_20_to_52_weeks_ex",
            "pc_over_52_weeks_ex",
            "avg_weeks_to_issue_ex",
            "breaches_per_month",
            "plans_issued_per_month",
            "open_at_end",
        )
    },
}
"""The stages whose days can move each KPI."""

_BETTER_WHEN_HIGHER = {
    "pc_decided_within_6_weeks",
    "pc_no_plan_within_16_weeks",
    "pc_within_20_weeks_ex",
    "pc_within_20_weeks",
    "plans_issued_per_month",
}


def _queue_growth(results: Results, column: str) -> tuple[float, float]:
    """The mean queue, across replications, in the first and the last measured week."""
    first, last = [], []
    for run in results.runs:
        weekly = run.weekly
        measured = (weekly["day"] >= run.warmup_days) & (
            weekly["day"] < run.horizon_days
        )
        values = weekly[column][measured]
        if len(values):
            first.append(float(values[0]))
            last.append(float(values[-1]))
    if not first:
        return math.nan, math.nan
    return float(np.mean(first)), float(np.mean(last))


def _grows(start: float, end: float) -> bool:
    """Whether a queue grew through the measured period, by more than noise."""
    return end > start + max(10.0, 0.5 * start)


def _runs_away(start: float, end: float) -> bool:
    """Whether a queue more than doubled, and by more than 50, through the measured period."""
    return end > 2 * start + 50


def _panel_queue_growth(results: Results, panel: str) -> tuple[float, float]:
    """The mean queue after a panel's first and last measured meeting, across replications."""
    first, last = [], []
    for run in results.runs:
        held = run.held_meetings(panel)
        queue = run.meetings["queue_after"][held]
        if len(queue):
            first.append(float(queue[0]))
            last.append(float(queue[-1]))
    if not first:
        return math.nan, math.nan
    return float(np.mean(first)), float(np.mean(last))


def warnings(results: Results) -> list[str]:
    """Capacity cliffs in plain words: each names the bottleneck and what grows.

    Empty when no staff pool is near capacity, no queue grows without bound and
    no panel's meetings are full.

    Examples:
        >>> import attrs
        >>> from ehcplan.sim import default_scenario, replicate
        >>> s = default_scenario()
        >>> ep = attrs.evolve(s.advice.educational_psychology, staff=6)
        >>> six = attrs.evolve(s, advice=attrs.evolve(s.advice, educational_psychology=ep))
        >>> warnings(replicate(six, 2, seed=1, workers=1))[0]  # doctest: +ELLIPSIS
        'Educational psychologists are the bottleneck: busy 100% of their time, ...'
    """
    kpis = results.kpis()
    found: list[str] = []
    for pool, words, column, waiting, key in _POOLS:
        busy = interval([run.utilisation.get(pool, math.nan) for run in results.runs])
        if math.isnan(busy.mean):
            continue
        start, end = _queue_growth(results, column)
        growing = _grows(start, end)
        if busy.mean >= AT_CAPACITY or _runs_away(start, end):
            sentence = (
                f"{words} are the bottleneck: busy {busy.mean:.0%} of their time, "
                "they cannot keep up with the work that arrives, so the "
                f"{waiting} grow without bound"
            )
            if growing:
                sentence += (
                    f" (from {start:,.0f} at the start of the measured period to "
                    f"{end:,.0f} at its end)"
                )
            if pool == "educational psychology":
                wait = kpis["mean_ep_wait_days"]
                if not math.isnan(wait.mean):
                    sentence += f"; the wait for one averages {wait.mean:,.0f} days"
            sentence += (
                f". In a scenario, `{key}` counts pieces of work in progress at once, "
                "not people: a psychologist or caseworker handles several."
            )
            found.append(sentence)
        elif busy.mean >= NEAR_CAPACITY or growing:
            rising = (
                f"; the {waiting} rise from {start:,.0f} to {end:,.0f} through the "
                "measured period"
                if growing
                else ""
            )
            found.append(
                f"{words} are near capacity: busy {busy.mean:.0%} of their time"
                f"{rising}; a little more demand and the wait for one climbs steeply."
            )
    first = results.runs[0]
    every = [run.panel_load() for run in results.runs]
    for panel in first.panels:
        loads = [load[panel] for load in every]
        full = interval([load["pc_full"] for load in loads])
        overflow = interval([load["overflow"] for load in loads])
        start, end = _panel_queue_growth(results, panel)
        growing = _grows(start, end)
        if math.isnan(full.mean) or (full.mean < FULL_MEETINGS and not growing):
            continue
        state = "are full" if full.mean >= FULL_MEETINGS else "are filling up"
        sentence = (
            f"The {panel} panel's meetings {state}: {full.mean:.0%} of them used "
            f"every place, passing on {overflow.mean:.1f} referrals a meeting to the "
            "next"
        )
        if growing:
            sentence += (
                f"; the cases waiting after a meeting grow without bound (from "
                f"{start:,.0f} to {end:,.0f} through the measured period)"
            )
        found.append(sentence + ". More places or more meetings would clear it.")
    start, end = _queue_growth(results, "open")
    if _grows(start, end) and found:
        found.append(
            f"Open requests grow from {start:,.0f} to {end:,.0f} through the measured "
            "period: the backlog does not settle, so a longer forecast would look worse."
        )
    return found


def stage_waits(run: Run) -> dict[str, float]:
    """The mean days of each stage (`STAGES`) over the requests received after the warm-up.

    Each stage's mean is over the requests that finished it; NaN if none did.

    Examples:
        >>> from ehcplan.sim import default_scenario, run
        >>> waits = stage_waits(run(default_scenario(), seed=1))
        >>> list(waits) == list(STAGES), all(days >= 0 for days in waits.values())
        (True, True)
    """
    j = run.journeys
    received = j["received"] >= run.warmup_days
    ep_wait = j["ep_wait"]
    spans = {
        "decision": j["decided"] - j["received"],
        "ep_wait": np.where(np.isnan(j["advice_done"]), np.nan, ep_wait),
        "advice": j["advice_done"] - j["advice_asked"] - np.nan_to_num(ep_wait),
        "papers": j["papers"] - j["advice_done"],
        "panel": j["panel"] - j["papers"],
        "drafting": j["draft"] - j["panel"],
        "consultation": j["issued"] - j["draft"],
    }
    out = {}
    for stage, days in spans.items():
        chosen = days[received & ~np.isnan(days)]
        out[stage] = float(chosen.mean()) if len(chosen) else math.nan
    return out


def _changed(difference: Estimate) -> bool:
    """Whether a paired difference's 95% interval leaves out zero."""
    return not math.isnan(difference.lower) and (
        difference.lower > 0 or difference.upper < 0
    )


def attribute(comparison: Comparison) -> dict[str, str]:
    """For each KPI the comparison changed, the stage (and resource) that moved it, in words.

    A KPI changed when its paired difference's 95% interval leaves out zero.
    Among the stages that can move it, the one whose mean days changed most
    in the direction that explains the change is named, with its paired
    difference in days; where that stage waits for a panel, the change in how
    often the panel's meetings are full is added. KPIs no stage explains are
    left out.

    Examples:
        >>> from ehcplan.sim import compare, load_scenario
        >>> weekly, monthly = load_scenario("default"), load_scenario("monthly-panel")
        >>> attribute(compare(weekly, monthly, 3, seed=1, workers=1))[
        ...     "pc_decided_within_6_weeks"]  # doctest: +ELLIPSIS
        'the decision whether to assess: +... days a request'
    """
    a = [stage_waits(run) for run in comparison.a.runs]
    b = [stage_waits(run) for run in comparison.b.runs]
    moves = {
        stage: interval(
            np.array([y[stage] for y in b]) - np.array([x[stage] for x in a])
        )
        for stage in STAGES
    }
    full = {
        panel: interval(
            np.array([run.panel_load()[panel]["pc_full"] for run in comparison.b.runs])
            - np.array(
                [run.panel_load()[panel]["pc_full"] for run in comparison.a.runs]
            )
        )
        for panel in set(comparison.a.runs[0].panels) & set(comparison.b.runs[0].panels)
    }
    out = {}
    for kpi, difference in comparison.differences().items():
        stages = _KPI_STAGES.get(kpi)
        if stages is None or not _changed(difference):
            continue
        worse = (difference.mean < 0) == (kpi in _BETTER_WHEN_HIGHER)
        candidates = [
            (moves[s].mean if worse else -moves[s].mean, s)
            for s in stages
            if not math.isnan(moves[s].mean) and _changed(moves[s])
        ]
        candidates = [(size, s) for size, s in candidates if size > 0]
        if not candidates:
            continue
        _, stage = max(candidates)
        move = moves[stage].mean
        text = f"{STAGES[stage]}: {move:+,.1f} days a request"
        if stage in ("decision", "panel"):
            panels = [(abs(d.mean), p, d) for p, d in full.items() if _changed(d)]
            if panels:
                _, panel, d = max(panels)
                text += (
                    f"; the share of the {panel} panel's meetings that are full "
                    f"{d.mean * 100:+.1f} points"
                )
        out[kpi] = text
    return out
