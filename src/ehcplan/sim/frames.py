"""Results as pandas DataFrames a planner reads: KPIs in words, journeys with dates and labels.

`kpi_frame` is the report's table (`ehcplan.sim.report.kpi_rows`): one row
per KPI, indexed by its name in words, with its unit, the mean, the range of
a single year, the interval of the mean and the published figure, formatted
as the report prints them. `journeys_frame` gives each simulated request's
days as dates and its codes as labels: the request's source and how it ended
(`ehcplan.sim.outcomes.OUTCOMES`), the exception ground, what an appeal was
about, the sign-off route, the cease reason and a personal budget's
mechanism, each a categorical of words (`ehcplan.sen2.frames.label`).
`comparison_frame` is ``ehcplan compare``'s table. pandas is imported only
when a frame is made (``pip install "ehcplan[planners]"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ehcplan.cases import CeaseReason, RequestSource
from ehcplan.extras import require
from ehcplan.ras.routing import ROUTES
from ehcplan.sen2.frames import label
from ehcplan.sim.costs import BUDGET_MECHANISMS
from ehcplan.sim.facts import DISPUTES, GROUNDS
from ehcplan.sim.outcomes import OUTCOMES

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.results import Results
    from ehcplan.sim.run import Comparison

__all__ = ["DATE_COLUMNS", "comparison_frame", "journeys_frame", "kpi_frame"]

DATE_COLUMNS = (
    "received", "decided", "order", "request_mediation", "request_appeal",
    "request_tribunal", "advice_asked", "advice_done", "papers", "panel", "no_plan",
    "assessment_mediation", "assessment_appeal", "assessment_tribunal", "plan_order",
    "referred", "atr", "placement_review", "draft", "issued", "ceased", "due",
)  # fmt: skip
"""The journey columns that are days since the scenario's start, shown as dates."""


def _pandas() -> Any:
    return require("pandas", extra="planners", purpose="DataFrames")


def kpi_frame(results: Results) -> Any:
    """The KPIs as the report shows them: words, units, a single year's range, the published figure.

    Examples:
        >>> from ehcplan.sim import default_scenario, replicate
        >>> frame = kpi_frame(replicate(default_scenario(), 2, seed=1, workers=1))
        >>> list(frame.columns)[:3]
        ['unit', 'mean', 'a single year (5% to 95%)']
        >>> frame.loc["Annual review decisions within 4 weeks", "published"]
        'England 2024: 44.4%'
    """
    from ehcplan.sim.labels import HEADERS, kpi_rows

    pd = _pandas()
    rows = kpi_rows(results)
    frame = pd.DataFrame(
        [row[1:] for _, row in rows],
        index=pd.Index([row[0] for _, row in rows], name=HEADERS[0]),
        columns=list(HEADERS[1:]),
    )
    frame.insert(0, "unit", [_unit(kpi) for kpi, _ in rows])
    return frame.rename(columns={"": "flag"})


def _unit(kpi: str) -> str:
    from ehcplan.sim.labels import SHARES

    if kpi.endswith("_pence"):
        return "£ a year"
    if kpi in SHARES:
        return "%"
    if kpi.endswith("_days"):
        return "days"
    if kpi.startswith("avg_weeks"):
        return "weeks"
    return "a month" if kpi.endswith("_per_month") else "count"


def _labels(codes: Any, words: list[str | None], categories: list[str]) -> Any:
    pd = _pandas()
    return pd.Categorical([words[int(c)] for c in codes], categories=categories)


def journeys_frame(results: Results, *, replications: int | None = None) -> Any:
    """Every replication's requests (or the first *replications*'), with dates and labels.

    Days since the start become dates (`DATE_COLUMNS`; NaT where a step did
    not happen); codes become categoricals of words: ``source``, ``outcome``,
    ``exception`` (the ground's words, missing without one), ``appeal_on``,
    ``route``, ``cease_reason`` and ``budget_mechanism``. Other columns are
    as `ehcplan.sim.results` documents them (amounts in whole pence).

    Examples:
        >>> from ehcplan.sim import default_scenario, replicate
        >>> frame = journeys_frame(replicate(default_scenario(), 1, seed=1, workers=1))
        >>> row = frame.loc[0]
        >>> str(row["received"].date()), str(row["issued"].date())
        ('2022-01-01', '2022-05-24')
        >>> row["source"], row["outcome"], row["route"]
        ('school', 'issued', 'lead SEND co-ordinator signs off')
    """
    pd = _pandas()
    columns = dict(results.journeys(replications=replications))
    start = np.datetime64(results.runs[0].start, "D")
    frame = pd.DataFrame(columns)
    for name in DATE_COLUMNS:
        days = columns[name]
        known = ~np.isnan(days)
        dates = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[D]")
        dates[known] = start + np.floor(days[known]).astype(np.int64)
        frame[name] = dates.astype("datetime64[ns]")
    sources = {s.value: label(s) for s in RequestSource}
    frame["source"] = pd.Categorical(
        [sources[int(c)] for c in columns["source"]], categories=list(sources.values())
    )
    frame["outcome"] = _labels(columns["outcome"], list(OUTCOMES), list(OUTCOMES))
    grounds = [g.value for g in GROUNDS]
    frame["exception"] = _labels(columns["exception"], [None, *grounds], grounds)
    frame["appeal_on"] = _labels(
        columns["appeal_on"], [None, *DISPUTES], list(DISPUTES)
    )
    routes = [r.value for r in ROUTES]
    frame["route"] = pd.Categorical(
        [None if c < 0 else routes[int(c)] for c in columns["route"]], categories=routes
    )
    reasons = {r.value: label(r) for r in CeaseReason}
    frame["cease_reason"] = pd.Categorical(
        [reasons.get(int(c)) for c in columns["cease_reason"]],
        categories=list(reasons.values()),
    )
    mechanisms = list(BUDGET_MECHANISMS)
    frame["budget_mechanism"] = _labels(
        columns["budget_mechanism"], [None, *mechanisms[1:]], mechanisms[1:]
    )
    return frame


def comparison_frame(comparison: Comparison) -> Any:
    """``ehcplan compare``'s table: A, B, B - A (shares in points) with its interval, what moved it.

    Examples:
        >>> from ehcplan.sim import compare, default_scenario
        >>> s = default_scenario()
        >>> frame = comparison_frame(compare(s, s, 2, seed=1, workers=1))
        >>> frame.loc["Plans within 20 weeks (excluding exceptions, DfE headline)", "B - A"]
        '+0.0 points'
    """
    from ehcplan.sim.explain import attribute
    from ehcplan.sim.labels import KPI_LABELS, format_difference, format_estimate

    pd = _pandas()
    reasons = attribute(comparison)
    rows = []
    for kpi, a, b, difference in comparison.rows():
        if np.isnan(a.mean) and np.isnan(b.mean):
            continue
        rows.append(
            (
                KPI_LABELS[kpi],
                format_estimate(kpi, a)[0],
                format_estimate(kpi, b)[0],
                *format_difference(kpi, difference),
                reasons.get(kpi, ""),
            )
        )
    return pd.DataFrame(
        [row[1:] for row in rows],
        index=pd.Index([row[0] for row in rows], name="measure"),
        columns=["A", "B", "B - A", "95% CI of B - A", "what moved it"],
    )
