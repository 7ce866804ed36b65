"""DataFrames in words, a sweep over one parameter, and A against B on shared axes."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ehcplan.errors import InvalidInput
from ehcplan.sim import compare, default_scenario, replicate, sweep
from ehcplan.sim.outcomes import ISSUED
from ehcplan.sim.report import KPI_LABELS
from ehcplan.sim.sweep import with_parameter


@pytest.fixture(scope="module")
def results():
    """The default scenario, 3 replications."""
    return replicate(default_scenario(), 3, seed=7, workers=1)


def test_the_summary_is_in_words_with_units_and_ranges(results):
    """Each row is a KPI's words; the review row shows England's 44.4% and its flag."""
    frame = results.summary()
    assert list(frame.columns) == [
        "unit", "mean", "a single year (5% to 95%)", "the average (95% CI)", "published", "flag",
    ]  # fmt: skip
    row = frame.loc["Annual review decisions within 4 weeks"]
    assert (row["unit"], row["published"]) == ("%", "England 2024: 44.4%")
    assert row["flag"].startswith("⚠ far from the published figure")
    assert frame.loc["Plans issued per month", "unit"] == "a month"
    assert (
        frame.loc["All budgets: a year's funding of the new plans", "unit"]
        == "£ a year"
    )
    assert set(frame.index) <= set(KPI_LABELS.values())
    assert results.to_pandas("summary").equals(frame)


def test_journeys_have_dates_and_labels(results):
    """Days become dates from the scenario's start; codes become words."""
    frame = results.to_pandas("journeys")
    run = results.runs[0]
    first = frame[frame["replication"] == 0]
    issued = ~np.isnan(run.journeys["issued"])
    expected = [
        run.start + dt.timedelta(days=int(d)) for d in run.journeys["issued"][issued]
    ]
    assert [d.date() for d in first["issued"][issued]] == expected
    assert first["issued"][~issued].isna().all()
    assert set(first["outcome"][run.journeys["outcome"] == ISSUED]) == {"issued"}
    assert set(frame["source"].cat.categories) >= {"parent or young person", "school"}
    assert (
        frame["exception"]
        .dropna()
        .isin(
            ["exceptional personal circumstances", "absent from area", "school closure"]
        )
        .all()
    )
    assert set(frame["route"].dropna()) <= {
        "lead SEND co-ordinator signs off", "SEND panel", "team reconsiders",
    }  # fmt: skip
    assert pd.api.types.is_datetime64_any_dtype(frame["due"])


def test_a_sweep_runs_each_value_on_the_same_seeds():
    """More growth never means fewer breaches; the default.s value reproduces a plain replicate."""
    base = default_scenario()
    s = sweep(base, "demand.annual_growth", [0.0, 0.16, 0.3], 2, seed=4, workers=1)
    means = [e.mean for e in s.estimates("breaches_per_month")]
    assert means == sorted(means)
    grown = replicate(base, 2, seed=4, workers=1).kpis()["breaches_per_month"]
    assert s.estimates("breaches_per_month")[1] == grown
    words = s.summary(["breaches_per_month", "pc_within_20_weeks_ex"])
    label = "Plans within 20 weeks (excluding exceptions, DfE headline)"
    share = s.estimates("pc_within_20_weeks_ex")[2]
    assert words.loc[0.3, label] == f"{share.mean * 100:.1f}%"
    assert words.loc[0.3, f"{label}: a single year"] == (
        f"{share.predictive_lower * 100:.1f}% to {share.predictive_upper * 100:.1f}%"
    )
    frame = s.to_pandas(["breaches_per_month"])
    assert list(frame["demand.annual_growth"]) == [0.0, 0.16, 0.3]
    assert list(frame["measure"].unique()) == ["Expected 20-week breaches per month"]
    figure = s.plot("pc_within_20_weeks_ex", label="annual growth in requests")
    assert (
        figure.axes[0]
        .get_title(loc="left")
        .startswith("How does it change with annual growth in requests?")
    )


def test_a_sweep_names_what_it_cannot_set():
    """An unknown key path, KPI or no values are refused in words."""
    base = default_scenario()
    with pytest.raises(InvalidInput, match="did you mean 'annual_growth'"):
        with_parameter(base, "demand.anual_growth", 0.1)
    with pytest.raises(InvalidInput, match="the keys of demand.annual_growth are none"):
        with_parameter(base, "demand.annual_growth.more", 0.1)
    with pytest.raises(InvalidInput, match="at least one value"):
        sweep(base, "demand.annual_growth", [], 2)
    one = sweep(base, "drafting.caseworkers", [170], 1, workers=1)
    with pytest.raises(InvalidInput, match="no KPI 'breaches'"):
        one.estimates("breaches")


def test_a_and_b_share_their_axes():
    """The comparison's figure draws both scenarios on one pair of axes, and its table in words."""
    s = default_scenario()
    slower = with_parameter(s, "advice.educational_psychology.staff", 60)
    comparison = compare(s, slower, 2, seed=2, workers=1)
    figure = comparison.plot()
    left, right = figure.axes
    assert len(left.lines) == 2
    assert [t.get_text() for t in right.get_yticklabels()][0] == "plans within 20 weeks"
    table = comparison.to_pandas()
    assert list(table.columns) == [
        "A",
        "B",
        "B - A",
        "95% CI of B - A",
        "what moved it",
    ]
    assert table.loc["Educational psychology utilisation", "B - A"].endswith(" points")
