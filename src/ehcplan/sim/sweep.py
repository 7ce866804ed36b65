"""A scenario run over a range of one parameter, each KPI with its interval and a year's range.

`sweep` sets one parameter of a scenario, named by its key path as in a
scenario file (``"demand.annual_growth"``,
``"advice.educational_psychology.staff"``, ``"plan_panel.slots_per_meeting"``),
to each of a list of values, and replicates each on the same seeds (common
random numbers, so neighbouring values differ by the parameter, not by
chance). The `Sweep` it returns gives each KPI across the values
(`Sweep.estimates`), a DataFrame (`Sweep.to_pandas`) and a plot with the mean,
its 95% interval and the 5-95% range of a single year (`Sweep.plot`).

Examples:
    >>> from ehcplan.sim import default_scenario
    >>> s = sweep(default_scenario(), "demand.annual_growth", [0.0, 0.3], 2, workers=1)
    >>> [round(e.mean) for e in s.estimates("breaches_per_month")]
    [22, 59]
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.sim.estimates import Estimate
from ehcplan.sim.results import KPIS, Results
from ehcplan.sim.run import replicate
from ehcplan.sim.scenario import Scenario
from ehcplan.structure import suggest

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["Sweep", "sweep", "with_parameter"]


def with_parameter(scenario: Scenario, parameter: str, value: Any) -> Scenario:
    """*scenario* with the parameter at key path *parameter* set to *value* (checked as built).

    Raises:
        InvalidInput: If no part of the scenario has that key, naming the keys there;
            or if the value is refused by the part's own checks.

    Examples:
        >>> from ehcplan.sim import default_scenario
        >>> with_parameter(default_scenario(), "drafting.caseworkers", 100).drafting.caseworkers
        100
        >>> with_parameter(default_scenario(), "drafting.casworkers", 100)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: the scenario has no key 'drafting.casworkers' (did you ...
    """
    names = parameter.split(".")
    parts: list[Any] = [scenario]
    for depth, name in enumerate(names):
        part = parts[-1]
        fields = (
            [f.name for f in attrs.fields(type(part))] if attrs.has(type(part)) else []
        )
        if name not in fields:
            where = ".".join(names[:depth]) or "the scenario"
            msg = (
                f"the scenario has no key {parameter!r}{suggest(name, fields)}; the keys "
                f"of {where} are {', '.join(repr(f) for f in fields) or 'none'}."
            )
            raise InvalidInput(msg, field=parameter)
        if depth < len(names) - 1:
            parts.append(getattr(part, name))
    built = value
    for part, name in zip(reversed(parts), reversed(names), strict=True):
        built = attrs.evolve(part, **{name: built})
    result: Scenario = built
    return result


@attrs.frozen(kw_only=True, eq=False)
class Sweep:
    """A scenario's results at each value of one parameter, in the order given."""

    parameter: str
    values: tuple[Any, ...]
    results: tuple[Results, ...]

    def estimates(self, kpi: str) -> list[Estimate]:
        """The KPI's estimate at each value (`ehcplan.sim.results.KPIS` names it).

        Raises:
            InvalidInput: If there is no such KPI.

        Examples:
            >>> from ehcplan.sim import default_scenario
            >>> s = sweep(default_scenario(), "drafting.caseworkers", [170], 1, workers=1)
            >>> s.estimates("pc_within_20_weeks_ex")[0].n
            1
        """
        if kpi not in KPIS:
            msg = f"no KPI {kpi!r}{suggest(kpi, KPIS)}; the KPIs are ehcplan.sim.KPIS."
            raise InvalidInput(msg, field="kpi")
        return [results.kpis()[kpi] for results in self.results]

    def to_pandas(self, kpis: Sequence[str] = ("pc_within_20_weeks_ex",)) -> Any:
        """One row per value and KPI: the mean, its 95% interval and a single year's range.

        Columns: the parameter, ``measure`` (the KPI in words), ``mean``,
        ``lower_95``, ``upper_95``, ``year_5``, ``year_95`` (shares as fractions).

        Examples:
            >>> from ehcplan.sim import default_scenario
            >>> s = sweep(default_scenario(), "drafting.caseworkers", [150, 170], 2, workers=1)
            >>> list(s.to_pandas()["drafting.caseworkers"])
            [150, 170]
        """
        from ehcplan.extras import require
        from ehcplan.sim.labels import KPI_LABELS

        pd = require("pandas", extra="planners", purpose="DataFrames")
        rows = [
            {
                self.parameter: value,
                "measure": KPI_LABELS[kpi],
                "mean": e.mean,
                "lower_95": e.lower,
                "upper_95": e.upper,
                "year_5": e.predictive_lower,
                "year_95": e.predictive_upper,
            }
            for kpi in kpis
            for value, e in zip(self.values, self.estimates(kpi), strict=True)
        ]
        return pd.DataFrame(rows)

    def summary(self, kpis: Sequence[str] = ("pc_within_20_weeks_ex",)) -> Any:
        """The KPIs at each value in words, as the report prints them: one row per value.

        For each KPI, a column of its mean (headed by its name in words) and one
        of the range a single year takes (5% to 95% of the replications).

        Examples:
            >>> from ehcplan.sim import default_scenario
            >>> s = sweep(default_scenario(), "drafting.caseworkers", [150, 170], 2, workers=1)
            >>> list(s.summary().columns)  # doctest: +NORMALIZE_WHITESPACE
            ['Plans within 20 weeks (excluding exceptions, DfE headline)',
             'a single year (5% to 95%)']
        """
        from ehcplan.extras import require
        from ehcplan.sim.labels import KPI_LABELS, format_estimate, format_range

        pd = require("pandas", extra="planners", purpose="DataFrames")
        columns: dict[str, list[str]] = {}
        for kpi in kpis:
            estimates = self.estimates(kpi)
            columns[KPI_LABELS[kpi]] = [format_estimate(kpi, e)[0] for e in estimates]
            heading = "a single year (5% to 95%)"
            if len(kpis) > 1:
                heading = f"{KPI_LABELS[kpi]}: a single year"
            columns[heading] = [format_range(kpi, e) for e in estimates]
        return pd.DataFrame(columns, index=pd.Index(self.values, name=self.parameter))

    def plot(self, kpi: str, *, label: str | None = None) -> Figure:
        """The KPI against the parameter: the mean and its 95% interval, a year's 5-95% band.

        Examples:
            >>> from ehcplan.sim import default_scenario
            >>> s = sweep(default_scenario(), "drafting.caseworkers", [150, 170], 2, workers=1)
            >>> s.plot("breaches_per_month").axes[0].get_xlabel()
            'drafting.caseworkers'
        """
        from ehcplan.extras import require
        from ehcplan.sim.labels import KPI_LABELS, SHARES

        figures = require("matplotlib.figure", extra="planners", purpose="plots")
        estimates = self.estimates(kpi)
        scale = 100.0 if kpi in SHARES else 1.0
        figure = figures.Figure(figsize=(7.0, 4.0), dpi=110, layout="constrained")
        axes = figure.subplots()
        x = [float(v) for v in self.values]
        mean = [e.mean * scale for e in estimates]
        low = [(e.predictive_lower if e.predictive_lower is not None else e.mean) * scale
               for e in estimates]  # fmt: skip
        high = [(e.predictive_upper if e.predictive_upper is not None else e.mean) * scale
                for e in estimates]  # fmt: skip
        axes.fill_between(x, low, high, color="#1f5fa8", alpha=0.15, linewidth=0,
                          label="a single year (5-95%)")  # fmt: skip
        axes.errorbar(
            x, mean,
            yerr=[[m - e.lower * scale for m, e in zip(mean, estimates, strict=True)],
                  [e.upper * scale - m for m, e in zip(mean, estimates, strict=True)]],
            fmt="o-", color="#1f5fa8", capsize=3, label="mean (95% CI)",
        )  # fmt: skip
        words = KPI_LABELS[kpi]
        axes.set_title(f"How does it change with {label or self.parameter}?\n{words}",
                       loc="left", fontsize=11)  # fmt: skip
        axes.set_xlabel(label or self.parameter)
        axes.set_ylabel(f"{words} (%)" if kpi in SHARES else words)
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.legend(frameon=False, loc="best")
        drawn: Figure = figure
        return drawn


def sweep(
    scenario: Scenario,
    parameter: str,
    values: Sequence[Any],
    replications: int,
    *,
    seed: int = 0,
    workers: int | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool = False,
) -> Sweep:
    """Replicate *scenario* with *parameter* at each of *values*, on the same seeds.

    Every scenario is built (and checked) before any is run.

    Raises:
        InvalidInput: If *values* is empty, or a key path or value is refused
            (`with_parameter`).
    """
    if not values:
        msg = "values must hold at least one value to run the scenario with."
        raise InvalidInput(msg, field="values")
    scenarios = [with_parameter(scenario, parameter, v) for v in values]
    options: dict[str, Any] = {
        "seed": seed,
        "workers": workers,
        "executor": executor,
        "progress": progress,
    }
    return Sweep(
        parameter=parameter,
        values=tuple(values),
        results=tuple(replicate(s, replications, **options) for s in scenarios),
    )
