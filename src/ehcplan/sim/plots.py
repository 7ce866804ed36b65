"""Plots of simulation results (matplotlib): one implementation for the report and notebooks.

Each function takes `Results` and returns a matplotlib ``Figure``; the forecast
report saves them as PNG and notebooks show them. Each is titled with the
question it answers. Bands are the 5th to 95th percentile across replications
(the range a single year takes), lines their median or mean; intervals on means
are 95% confidence intervals. Plots over time show the measured period only,
unless asked for the warm-up too (``warmup=True``); counts are a year's, as
one authority would see them (the replications' mean), never all replications
added up. matplotlib is imported only here, and only when a plot is drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ehcplan.extras import require
from ehcplan.sim import outcomes
from ehcplan.sim.estimates import Estimate, interval

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ehcplan.sim.results import Results, Run
    from ehcplan.sim.run import Comparison

__all__ = [
    "PLOTS",
    "backlog_series",
    "panel_load_by_month",
    "plot_breaches_by_month",
    "plot_comparison",
    "plot_cost_by_month",
    "plot_funding",
    "plot_open_cases",
    "plot_panel_chair",
    "plot_panel_load",
    "plot_share_by_month",
    "plot_utilisation",
    "plot_weeks_to_issue",
    "share_by_month",
    "years_measured",
]

Floats = npt.NDArray[np.float64]
_BLUE, _ORANGE, _GREY, _RED = "#1f5fa8", "#d9730d", "#8a8a8a", "#b3261e"


def _figure(title: str, width: float = 8.0, height: float = 4.2) -> tuple[Figure, Any]:
    # A bare Figure, not pyplot's: it needs no backend, and leaves the caller's alone.
    figures = require("matplotlib.figure", extra="planners", purpose="plots")
    figure = figures.Figure(figsize=(width, height), dpi=110, layout="constrained")
    axes = figure.subplots()
    axes.set_title(title, loc="left", fontsize=12)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    return figure, axes


def backlog_series(run: Run, days: Floats) -> tuple[Floats, Floats]:
    """Open requests, and those past their 20-week deadline without an exception, on each day."""
    return outcomes.open_counts(run.journeys, days)


def _dates(start: dt.date, days: Floats) -> list[dt.date]:
    return [start + dt.timedelta(days=int(d)) for d in days]


def _first_day(run: Run, warmup: bool) -> int:
    """The first day a plot over time shows: the start with *warmup*, else the measured period's."""
    return 0 if warmup else run.warmup_days


def plot_open_cases(results: Results, *, warmup: bool = False) -> Figure:
    """Open requests and the backlog past 20 weeks, week by week, with 5-95% bands.

    The measured period only, or from the start with *warmup*.
    """
    first = results.runs[0]
    days = np.arange(_first_day(first, warmup), first.horizon_days, 7, dtype=float)
    series = [backlog_series(run, days) for run in results.runs]
    figure, axes = _figure(
        "How many requests are open, and how many are past 20 weeks?"
    )
    when = _dates(first.start, days)
    for index, (label, colour) in enumerate(
        (("open requests", _BLUE), ("past 20 weeks (backlog)", _RED))
    ):
        values = np.array([s[index] for s in series])
        low, mid, high = np.percentile(values, [5, 50, 95], axis=0)
        axes.fill_between(when, low, high, color=colour, alpha=0.2, linewidth=0)
        axes.plot(when, mid, color=colour, label=f"{label} (median, 5-95% band)")
    if first.warmup_days and warmup:
        axes.axvline(first.measured_from, color=_GREY, linestyle=":", linewidth=1)
        axes.annotate(
            " measured from here", (first.measured_from, axes.get_ylim()[1] * 0.95),
            color=_GREY, fontsize=8,
        )  # fmt: skip
    axes.set_ylabel("requests")
    axes.set_ylim(bottom=0)
    axes.legend(frameon=False, loc="lower left")
    return figure


def plot_panel_load(results: Results, *, warmup: bool = False) -> Figure:
    """Places used at each meeting of the plan panel (mean, 5-95% band), against its places.

    The measured period's meetings only, or from the start with *warmup*.
    """
    first = results.runs[0]
    panel = first.plan_panel
    low_day = _first_day(first, warmup)
    tables = [run.meetings for run in results.runs]
    days = sorted(
        {
            int(d)
            for t in tables
            for d, p in zip(t["day"], t["panel"], strict=True)
            if p == panel and low_day <= d < first.horizon_days
        }
    )
    heard = np.zeros((len(tables), len(days)))
    places = np.zeros(len(days))
    index = {d: i for i, d in enumerate(days)}
    for r, t in enumerate(tables):
        for d, p, used, n in zip(
            t["day"], t["panel"], t["used"], t["places"], strict=True
        ):
            if p == panel and int(d) in index:
                heard[r, index[int(d)]] = used
                places[index[int(d)]] = n
    figure, axes = _figure(f"How full is each meeting of the {panel} panel?")
    when = _dates(first.start, np.array(days, dtype=float))
    if days:
        low, high = np.percentile(heard, [5, 95], axis=0)
        axes.fill_between(when, low, high, color=_BLUE, alpha=0.15, linewidth=0)
        axes.plot(when, heard.mean(axis=0), color=_BLUE, linewidth=1.2,
                  label="mean across replications (5-95% band)")  # fmt: skip
        axes.step(when, places, where="mid", color=_GREY, linewidth=1,
                  label="places at the meeting")  # fmt: skip
        after = np.array(days) >= first.warmup_days
        if after.any():
            level = float(heard[:, after].mean())
            axes.axhline(level, color=_ORANGE, linestyle="--", linewidth=1,
                         label=f"{level:.1f} a meeting, measured period")  # fmt: skip
    axes.set_ylabel("places used (every kind of decision)")
    axes.set_ylim(bottom=0)
    if days:
        axes.legend(frameon=False, loc="lower left")
    return figure


def _weeks_to_issue(results: Results) -> tuple[Floats, npt.NDArray[np.bool_]]:
    """Weeks to issue of the measured plans without an exception, and whether each was on time."""
    weeks, on_time = [], []
    for run in results.runs:
        j = run.journeys
        issued = (
            ~np.isnan(j["issued"])
            & (j["issued"] >= run.warmup_days)
            & (j["exception"] == 0)
        )
        weeks.append(outcomes.weeks_to_issue(j)[issued])
        on_time.append(outcomes.issued_on_time(j)[issued])
    if not weeks:
        return np.array([]), np.array([], dtype=bool)
    return np.concatenate(weeks), np.concatenate(on_time)


def years_measured(run: Run) -> float:
    """How many years the measured period lasts (365.25 days a year).

    Examples:
        >>> from ehcplan.sim import default_scenario, run
        >>> round(years_measured(run(default_scenario(), seed=1)), 3)
        1.002
    """
    return (run.horizon_days - run.warmup_days) / 365.25


def plot_weeks_to_issue(results: Results) -> Figure:
    """How long a year's plans take, from request to final plan, against the 20-week limit.

    Bars count a year's plans: the replications' plans in each bin divided by
    the replications and the years measured.
    """
    weeks, on_time = _weeks_to_issue(results)
    share = results.kpis()["pc_within_20_weeks_ex"]
    figure, axes = _figure(
        "How long do a year's plans take? Weeks from request to final plan"
    )
    top = max(60.0, float(np.percentile(weeks, 99)) if len(weeks) else 60.0)
    bins = np.arange(0, top + 2, 2)
    scale = 1 / (len(results.runs) * max(years_measured(results.runs[0]), 1 / 365.25))
    for chosen, colour, label in (
        (on_time, _BLUE, "within 20 weeks"),
        (~on_time, _ORANGE, "later than 20 weeks"),
    ):
        axes.hist(weeks[chosen], bins=bins, color=colour, label=label,
                  weights=np.full(int(chosen.sum()), scale))  # fmt: skip
    axes.axvline(20, color="black", linewidth=1.2)
    axes.annotate(
        f" 20 weeks: {share.mean:.0%} within (95% CI {share.lower:.0%}-{share.upper:.0%})"
        + (
            ""
            if share.predictive_lower is None or share.predictive_upper is None
            else f";\n a single year {share.predictive_lower:.0%}-{share.predictive_upper:.0%}"
        ),
        (20, axes.get_ylim()[1] * 0.92), fontsize=9,
    )  # fmt: skip
    axes.set_xlabel("weeks from request to final plan")
    axes.set_ylabel("plans a year (mean of the replications)")
    axes.legend(frameon=False, loc="upper right")
    return figure


def share_by_month(
    results: Results, *, warmup: bool = False
) -> tuple[list[dt.date], list[Estimate]]:
    """For the plans issued each month: the share issued within 20 weeks of their request.

    Plans are counted by the month they were issued, as DfE counts a year's
    plans (excluding those with an exception); the months are the measured
    period's, or every month from the start with *warmup*. Returns the months
    and, per month, an `Estimate` across replications: the mean, its 95%
    interval and the range a single year's month takes (5% to 95%).
    """
    first = results.runs[0]
    low = _first_day(first, warmup)
    start = first.start + dt.timedelta(days=low)
    horizon = first.start + dt.timedelta(days=first.horizon_days)
    months: list[dt.date] = []
    month = dt.date(start.year, start.month, 1)
    while month < horizon:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    shares = []
    for m in months:
        following = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
        begin = max((m - first.start).days, low)
        end = min((following - first.start).days, first.horizon_days)
        values = []
        for run in results.runs:
            j = run.journeys
            with np.errstate(invalid="ignore"):
                chosen = (
                    (j["issued"] >= begin) & (j["issued"] < end) & (j["exception"] == 0)
                )
            if chosen.any():
                on_time = outcomes.issued_on_time(j)[chosen]
                values.append(float(np.mean(on_time)))
        shares.append(interval(values))
    return months, shares


def plot_share_by_month(results: Results, *, warmup: bool = False) -> Figure:
    """The share of each month's plans issued within 20 weeks: the mean, its 95% CI, a year's range.

    The measured period's months, or from the start with *warmup* (shaded).
    """
    months, shares = share_by_month(results, warmup=warmup)
    first = results.runs[0]
    figure, axes = _figure(
        "Month by month, what share of plans is issued within 20 weeks?"
    )
    if warmup and first.warmup_days and months:
        axes.axvspan(months[0], first.measured_from, color="#eeeeee", linewidth=0)
        axes.annotate(" warm-up", (months[0], 95), color=_GREY, fontsize=8)
    known = [s for s in shares if not np.isnan(s.mean)]
    if known:
        mean = np.array([s.mean for s in shares])
        lower = np.array([s.lower for s in shares])
        upper = np.array([s.upper for s in shares])
        low = np.array([np.nan if s.predictive_lower is None else s.predictive_lower
                        for s in shares])  # fmt: skip
        high = np.array([np.nan if s.predictive_upper is None else s.predictive_upper
                         for s in shares])  # fmt: skip
        axes.fill_between(months, low * 100, high * 100, color=_BLUE, alpha=0.15,
                          linewidth=0, label="a single year's month (5-95%)")  # fmt: skip
        axes.errorbar(
            months, mean * 100,
            yerr=[np.nan_to_num((mean - lower) * 100), np.nan_to_num((upper - mean) * 100)],
            fmt="o-", color=_BLUE, capsize=3, label="mean (95% CI)",
        )  # fmt: skip
        axes.legend(frameon=False, loc="lower left")
    else:
        axes.text(
            0.5,
            0.5,
            "no plan was issued in these months",
            ha="center",
            transform=axes.transAxes,
        )
    axes.set_ylim(0, 100)
    axes.set_ylabel("% of the month's plans within 20 weeks")
    return figure


def plot_utilisation(results: Results) -> Figure:
    """How busy each staff pool was after the warm-up, with 95% intervals."""
    kpis = results.kpis()
    pools = [
        ("educational psychology", kpis["ep_utilisation"]),
        ("caseworkers", kpis["caseworker_utilisation"]),
    ]
    pools = [(name, e) for name, e in pools if not np.isnan(e.mean)]
    figure, axes = _figure(
        "How busy are the staff? Share of their time in use", width=6.0, height=3.4
    )
    names = [name for name, _ in pools]
    means = [e.mean * 100 for _, e in pools]
    errors = [np.nan_to_num((e.upper - e.mean) * 100) for _, e in pools]
    bars = axes.barh(names, means, xerr=errors, color=_BLUE, capsize=4, height=0.5,
                     label="mean (95% CI)")  # fmt: skip
    for y, (_, e) in enumerate(pools):
        if e.predictive_lower is not None and e.predictive_upper is not None:
            axes.plot([e.predictive_lower * 100, e.predictive_upper * 100], [y + 0.33] * 2,
                      color=_GREY, linewidth=2.5, solid_capstyle="butt",
                      label="a single year (5-95%)" if y == 0 else None)  # fmt: skip
    for bar, mean, error in zip(bars, means, errors, strict=True):
        axes.annotate(
            f"{mean:.0f}%", (mean + error + 2, bar.get_y() + bar.get_height() / 2),
            va="center", fontsize=10,
        )  # fmt: skip
    axes.axvline(100, color=_GREY, linestyle=":", linewidth=1)
    axes.set_xlim(0, 115)
    axes.set_xlabel("% of available staff time in use")
    if pools:
        figure.legend(frameon=False, loc="outside lower center", ncols=2, fontsize=8)
    return figure


def plot_breaches_by_month(
    breaches: Sequence[tuple[dt.date, Estimate]], on: dt.date
) -> Figure:
    """Expected 20-week breaches among today's open cases, by month of the deadline."""
    figure, axes = _figure(f"Open cases on {on.isoformat()}: expected 20-week breaches")
    if breaches:
        months = [m for m, _ in breaches]
        means = np.array([e.mean for _, e in breaches])
        errors = [
            np.nan_to_num(means - np.array([e.lower for _, e in breaches])),
            np.nan_to_num(np.array([e.upper for _, e in breaches]) - means),
        ]
        axes.bar(months, means, width=20, color=_RED, yerr=errors, capsize=3,
                 label="expected breaches (95% CI)")  # fmt: skip
        axes.legend(frameon=False, loc="upper right")
    axes.set_ylabel("cases missing 20 weeks")
    axes.set_xlabel("month the 20-week deadline falls")
    return figure


def _month_index(run: Run, days: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """Months since the measured period began, for days since the start."""
    origin = np.datetime64(run.measured_from, "M")
    dates = np.datetime64(run.start, "D") + np.floor(days).astype(np.int64)
    index: npt.NDArray[np.int64] = (dates.astype("datetime64[M]") - origin).astype(
        np.int64
    )
    return index


def _measured_months(run: Run) -> list[dt.date]:
    months = []
    month = dt.date(run.measured_from.year, run.measured_from.month, 1)
    while month <= run.measured_to:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def panel_load_by_month(
    results: Results, panel: str
) -> tuple[list[dt.date], dict[str, Floats]]:
    """A panel's meetings in each month of the measured period, in every replication.

    Returns the months and, for each measure, a replications-by-months array:
    ``used`` (mean places used per meeting), ``places`` (mean places per
    meeting), ``full`` (meetings with every place used), ``overflow``
    (referrals a full meeting passed on) and ``deferred`` (cases deferred).
    Months with no meeting are NaN for the means and 0 for the counts.
    """
    first = results.runs[0]
    months = _measured_months(first)
    shape = (len(results.runs), len(months))
    out = {
        name: np.zeros(shape)
        for name in ("used", "places", "full", "overflow", "deferred")
    }
    for r, run in enumerate(results.runs):
        m = run.meetings
        held = run.held_meetings(panel)
        index = _month_index(run, m["day"][held])
        count = np.bincount(index, minlength=len(months))[: len(months)]
        with np.errstate(invalid="ignore", divide="ignore"):
            for name, values in (("used", m["used"]), ("places", m["places"])):
                total = np.bincount(index, weights=values[held], minlength=len(months))
                out[name][r] = np.where(count > 0, total[: len(months)] / count, np.nan)
        full = (m["used"] >= m["places"])[held].astype(float)
        for name, values in (
            ("full", full),
            ("overflow", m["overflow"][held]),
            ("deferred", m["deferred"][held]),
        ):
            out[name][r] = np.bincount(index, weights=values, minlength=len(months))[
                : len(months)
            ]
    return months, out


def _column_stats(values: Floats) -> tuple[Floats, Floats, Floats]:
    """Each column's mean, 5th and 95th percentile over its known values (NaN if none)."""
    mean, low, high = (np.full(values.shape[1], np.nan) for _ in range(3))
    for k in range(values.shape[1]):
        known = values[:, k][~np.isnan(values[:, k])]
        if len(known):
            mean[k] = known.mean()
            low[k], high[k] = np.percentile(known, [5, 95])
    return mean, low, high


def _spread(centre: Floats, low: Floats, high: Floats) -> list[Floats]:
    """Error bars from *centre* down to *low* and up to *high*, never below zero.

    A mean can lie a rounding error outside its runs' 5-95% range (when all but
    one run agree, the two can be equal in exact arithmetic).
    """
    return [
        np.clip(np.nan_to_num(centre - low), 0, None),
        np.clip(np.nan_to_num(high - centre), 0, None),
    ]


def plot_panel_chair(results: Results) -> Figure:
    """For each panel, by month: places used per meeting against its places, and what overflowed."""
    from matplotlib.figure import Figure

    first = results.runs[0]
    panels = list(first.panels)
    figure = Figure(
        figsize=(8.0, 2.9 * len(panels) + 0.6), dpi=110, layout="constrained"
    )
    figure.suptitle(
        "Are the panels' meetings full? Places used per meeting, month by month, "
        "and cases a full meeting passed on",
        x=0.01, ha="left", fontsize=12,
    )  # fmt: skip
    axes_list = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
    for axes, panel, kind in zip(axes_list, panels, first.panel_kinds, strict=True):
        months, load = panel_load_by_month(results, panel)
        axes.spines[["top"]].set_visible(False)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        used, low, high = _column_stats(load["used"])
        places = _column_stats(load["places"])[0]
        axes.bar(months, np.nan_to_num(used), width=20, color=_BLUE, alpha=0.85,
                 yerr=_spread(used, low, high),
                 capsize=2, error_kw={"elinewidth": 0.8, "ecolor": _GREY},
                 label="places used per meeting (mean, 5-95% of runs)")  # fmt: skip
        axes.plot(months, places, color="black", linewidth=1, drawstyle="steps-mid",
                  label="places per meeting")  # fmt: skip
        top = float(np.max(np.nan_to_num(places)))
        axes.set_ylim(bottom=0, top=max(1.0, top * 1.45))
        axes.set_ylabel("places")
        axes.set_title(f"{panel} ({kind})", loc="left", fontsize=10)
        twin = axes.twinx()
        overflow = load["overflow"].mean(axis=0)
        twin.plot(months, overflow, "o-", color=_RED, markersize=3, linewidth=1,
                  label="referrals passed on, a month (mean)")  # fmt: skip
        twin.set_ylim(bottom=0, top=max(1.0, float(overflow.max()) * 1.6))
        twin.set_ylabel("passed on", color=_RED)
        twin.spines[["top"]].set_visible(False)
        handles = axes.get_legend_handles_labels()
        more = twin.get_legend_handles_labels()
        axes.legend(handles[0] + more[0], handles[1] + more[1], frameon=False,
                    loc="upper left", fontsize=8, ncols=3)  # fmt: skip
    return figure


_BUDGETS = (
    ("high_needs", "high-needs block", _BLUE),
    ("social_care", "social care", _ORANGE),
    ("health", "health", "#2e7d32"),
)


def plot_cost_by_month(results: Results) -> Figure:
    """What the plans issued in the measured period cost each month, by budget, with 5-95% bands."""
    per_run = [run.cost_by_month() for run in results.runs]
    months = per_run[0][0]
    figure, axes = _figure("What do the new plans cost each month? (£ thousands)")
    for key, label, colour in _BUDGETS:
        values = np.array([costs[key] for _, costs in per_run], dtype=float) / 100_000
        low, mid, high = np.percentile(values, [5, 50, 95], axis=0)
        axes.fill_between(months, low, high, color=colour, alpha=0.2, linewidth=0)
        axes.plot(months, mid, color=colour, marker="o", markersize=3,
                  label=f"{label} (median, 5-95% band)")  # fmt: skip
    axes.set_ylabel("£ thousands in the month")
    axes.set_ylim(bottom=0)
    axes.legend(frameon=False, loc="upper left")
    return figure


def plot_funding(results: Results) -> Figure:
    """A year of the new plans' funding by budget, and their personal budgets by mechanism."""
    from matplotlib.figure import Figure

    kpis = results.kpis()
    figure = Figure(figsize=(8.0, 3.6), dpi=110, layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=[1.4, 1])
    rows = [
        ("high-needs block", "committed_high_needs_pence", _BLUE),
        ("  element 3 top-ups", "committed_top_ups_pence", "#6d9bd1"),
        ("  placements", "committed_placements_high_needs_pence", "#6d9bd1"),
        ("social care", "committed_social_care_pence", _ORANGE),
        ("health", "committed_health_pence", "#2e7d32"),
    ]
    for axes, title, items in (
        (left, "What will a year of the new plans cost? £k", rows),
        (right, "Their personal budgets, £k", [
            ("direct payments", "personal_budgets_direct_payment_pence", _BLUE),
            ("third party", "personal_budgets_third_party_pence", _BLUE),
            ("arrangements", "personal_budgets_arrangement_pence", _BLUE),
        ]),
    ):  # fmt: skip
        names = [name for name, _, _ in items]
        estimates = [kpis[key] for _, key, _ in items]
        means = np.array([e.mean for e in estimates]) / 100_000
        errors = np.nan_to_num(
            np.array([e.upper - e.mean for e in estimates]) / 100_000
        )
        axes.barh(names, means, xerr=errors, color=[c for _, _, c in items],
                  capsize=3, height=0.55)  # fmt: skip
        axes.invert_yaxis()
        axes.set_title(title, loc="left", fontsize=10)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_xlabel("mean, with its 95% interval")
        for y, (mean, error) in enumerate(zip(means, errors, strict=True)):
            axes.annotate(f"{mean:,.0f}", (mean + error, y), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=8)  # fmt: skip
    return figure


_COMPARED = (
    ("pc_within_20_weeks_ex", "plans within 20 weeks"),
    ("pc_decided_within_6_weeks", "decisions within 6 weeks"),
    ("pc_no_plan_within_16_weeks", "'no plan' within 16 weeks"),
    ("ep_utilisation", "psychologists busy"),
    ("caseworker_utilisation", "caseworkers busy"),
)


def plot_comparison(comparison: Comparison, *, warmup: bool = False) -> Figure:
    """Scenario A against B on shared axes: open requests week by week, and the main shares.

    Left, open requests (median and 5-95% band) of both; right, each share's
    mean with its 95% interval and a single year's 5-95% range, A above B.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10.0, 4.2), dpi=110, layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=[1.3, 1])
    figure.suptitle("How do A and B differ? The same seeds for both",
                    x=0.01, ha="left", fontsize=12)  # fmt: skip
    sides = (("A", comparison.a, _BLUE), ("B", comparison.b, _ORANGE))
    for name, results, colour in sides:
        first = results.runs[0]
        days = np.arange(_first_day(first, warmup), first.horizon_days, 7, dtype=float)
        values = np.array([backlog_series(run, days)[0] for run in results.runs])
        low, mid, high = np.percentile(values, [5, 50, 95], axis=0)
        when = _dates(first.start, days)
        left.fill_between(when, low, high, color=colour, alpha=0.18, linewidth=0)
        left.plot(when, mid, color=colour, label=f"{name}: {results.scenario_name}")
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(maxticks=7)  # type: ignore[no-untyped-call]
    left.xaxis.set_major_locator(locator)
    left.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    left.set_title("Open requests (median, 5-95% band)", loc="left", fontsize=10)
    left.set_ylim(bottom=0)
    left.set_ylabel("requests")
    left.legend(frameon=False, loc="lower left", fontsize=8)
    names = [words for _, words in _COMPARED]
    for offset, (name, results, colour) in zip((-0.17, 0.17), sides, strict=True):
        kpis = results.kpis()
        for y, (kpi, _) in enumerate(_COMPARED):
            e = kpis[kpi]
            if np.isnan(e.mean):
                continue
            if e.predictive_lower is not None and e.predictive_upper is not None:
                right.plot([e.predictive_lower * 100, e.predictive_upper * 100],
                           [y + offset] * 2, color=colour, alpha=0.35, linewidth=5,
                           solid_capstyle="butt")  # fmt: skip
            right.errorbar([e.mean * 100], [y + offset], color=colour, fmt="o",
                           xerr=[[np.nan_to_num((e.mean - e.lower) * 100)],
                                 [np.nan_to_num((e.upper - e.mean) * 100)]],
                           capsize=3, label=name if y == 0 else None)  # fmt: skip
    right.set_yticks(range(len(names)), names)
    right.invert_yaxis()
    right.set_xlim(0, 100)
    right.set_xlabel("% (mean and 95% CI; band: a single year, 5-95%)")
    right.set_title("The main shares", loc="left", fontsize=10)
    right.legend(frameon=False, loc="lower right", fontsize=8)
    for axes in (left, right):
        axes.spines[["top", "right"]].set_visible(False)
    right.grid(axis="x", color="#dddddd", linewidth=0.6)
    return figure


PLOTS = {
    "open_cases": plot_open_cases,
    "panel_load": plot_panel_load,
    "weeks_to_issue": plot_weeks_to_issue,
    "share_by_month": plot_share_by_month,
    "utilisation": plot_utilisation,
    "panel_chair": plot_panel_chair,
    "funding": plot_funding,
    "cost_by_month": plot_cost_by_month,
}
"""Every plot by the name of its PNG in the forecast report."""
