"""Plots show what counts: the measured months, a year's plans, and the question each answers."""

import datetime as dt

import matplotlib.dates as mdates
import numpy as np
import pytest

from ehcplan.sim import default_scenario, replicate
from ehcplan.sim.plots import PLOTS, share_by_month, years_measured


@pytest.fixture(scope="module")
def results():
    """The default scenario (measured over 2024 after two years' warm-up), 3 replications."""
    return replicate(default_scenario(), 3, seed=11, workers=1)


def test_share_by_month_shows_the_measured_months(results):
    """By default the twelve months of 2024; with the warm-up, all 36 from January 2022."""
    months, shares = share_by_month(results)
    assert months == [dt.date(2024, m, 1) for m in range(1, 13)]
    assert all(0 < s.mean < 1 for s in shares)
    assert all(s.predictive_lower <= s.mean <= s.predictive_upper for s in shares)
    every, _ = share_by_month(results, warmup=True)
    assert (every[0], len(every)) == (dt.date(2022, 1, 1), 36)


def test_the_months_count_the_plans_dfe_counts(results):
    """The plans the months are made of are those DfE's measure counts for the year."""
    run = results.runs[0]
    j = run.journeys
    measured = (j["issued"] >= run.warmup_days) & (j["exception"] == 0)
    issued = np.count_nonzero(measured)
    assert issued == run.timeliness().plans_issued_ex


def test_the_weeks_histogram_counts_a_years_plans(results):
    """The bars add up to a year's plans without an exception, not every replication's."""
    figure = PLOTS["weeks_to_issue"](results)
    bars = sum(patch.get_height() for patch in figure.axes[0].patches)
    per_run = [run.timeliness().plans_issued_ex for run in results.runs]
    expected = np.mean(per_run) / years_measured(results.runs[0])
    assert bars == pytest.approx(expected, rel=0.02)
    assert figure.axes[0].get_ylabel() == "plans a year (mean of the replications)"


def test_open_cases_start_where_the_measuring_does(results):
    """The open-requests plot begins at the measured period; with the warm-up, at the start."""
    first = results.runs[0]
    line = PLOTS["open_cases"](results).axes[0].lines[0]
    begins = mdates.num2date(line.get_xdata(orig=False)[0]).date()
    assert begins == first.measured_from
    whole = results.plot_open_cases(warmup=True).axes[0].lines[0]
    assert mdates.num2date(whole.get_xdata(orig=False)[0]).date() == first.start


def test_every_plot_asks_its_question(results):
    """Each plot's title is the question it answers."""
    for name, plot in PLOTS.items():
        figure = plot(results)
        title = figure.get_suptitle() or figure.axes[0].get_title(loc="left")
        assert "?" in title, (name, title)
