"""Results: KPIs with intervals, tables, pandas, comparison with common random numbers, Dask."""

import math

import attrs
import numpy as np
import pytest

from ehcplan.errors import InvalidInput
from ehcplan.sim import KPIS, compare, interval, replicate


def test_kpis_have_intervals_around_their_mean(small):
    """Every KPI has a mean inside its interval, over the replications."""
    results = replicate(small, 4, seed=1, workers=2)
    kpis = results.kpis()
    assert list(kpis) == list(KPIS)
    for name, estimate in kpis.items():
        if not math.isnan(estimate.mean):
            assert estimate.lower <= estimate.mean <= estimate.upper, name
    assert results.manifest["seed"] == 1
    assert "numpy" in results.manifest["versions"]
    assert str(kpis["pc_decided_within_6_weeks"]).startswith("0.")


def test_tables_stack_the_replications(small):
    """Journeys, meetings and weekly series carry a replication column; pandas reads them."""
    results = replicate(small, 2, seed=1, workers=1)
    journeys = results.journeys()
    assert set(journeys["replication"]) == {0, 1}
    assert len(journeys["received"]) == sum(
        len(r.journeys["received"]) for r in results.runs
    )
    frame = results.to_pandas("meetings")
    assert list(frame.columns) == [
        "replication",
        "panel",
        "kind",
        "day",
        "places",
        "used",
        "assess",
        "plan",
        "placement",
        "placement_review",
        "deferred",
        "overflow",
        "queue_after",
    ]
    assert len(results.to_pandas("weekly")) == len(results.weekly()["day"])
    counts = results.runs[0].outcome_counts()
    assert sum(counts.values()) == len(results.runs[0].journeys["outcome"])


def test_interval_edge_cases():
    """No values: NaN; one value: no interval; NaNs are left out."""
    assert math.isnan(interval([]).mean)
    assert math.isnan(interval([0.5]).lower)
    assert interval([0.4, math.nan, 0.6]).n == 2


def test_comparison_uses_the_same_seeds(small):
    """A scenario compared with itself differs by exactly nothing."""
    comparison = compare(small, small, 3, seed=4, workers=1)
    differences = comparison.differences()
    assert differences["pc_decided_within_6_weeks"].mean == 0
    rows = list(comparison.rows())
    assert [r[0] for r in rows] == list(KPIS)


def test_more_caseworkers_help_in_a_paired_comparison(small):
    """Doubling caseworkers does not lower the share on time, replication by replication."""
    more = attrs.evolve(
        small,
        drafting=attrs.evolve(
            small.drafting, caseworkers=small.drafting.caseworkers * 2
        ),
    )
    comparison = compare(small, more, 3, seed=4, workers=2)
    a = comparison.a.kpi_values()["caseworker_utilisation"]
    b = comparison.b.kpi_values()["caseworker_utilisation"]
    assert (b < a).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"seed": -1}, "seed must be"), ({"seed": 1.5}, "seed must be")],
)
def test_bad_seeds_are_refused(small, kwargs, message):
    """Seeds are whole numbers of at least 0."""
    with pytest.raises(InvalidInput, match=message):
        replicate(small, 2, **kwargs)


def test_replications_must_be_positive(small):
    """At least one replication."""
    with pytest.raises(InvalidInput, match="replications must be"):
        replicate(small, 0)


def test_a_progress_bar_can_be_shown(small, capsys):
    """progress=True draws a tqdm bar on standard error."""
    replicate(small, 1, seed=1, workers=1, progress=True)
    assert "run" in capsys.readouterr().err


def test_replications_run_on_a_dask_cluster(small):
    """A Dask client's executor gives exactly the local results."""
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = replicate(small, 2, seed=8, executor=client.get_executor())
    local = replicate(small, 2, seed=8, workers=1)
    for a, b in zip(on_dask.runs, local.runs, strict=True):
        assert np.array_equal(
            a.journeys["issued"], b.journeys["issued"], equal_nan=True
        )


def test_journeys_as_sen2_give_the_same_dfe_measures(small):
    """SEN2 records of a run, read back as cases, give the timeliness the run reports."""
    import datetime as dt

    from ehcplan.sen2.records import record_to_case
    from ehcplan.sen2.timeliness import timeliness

    run_ = replicate(small, 1, seed=3, workers=1).runs[0]
    cases = [record_to_case(r) for r in run_.sen2_records()]
    start, end = dt.date(2022, 1, 1), dt.date(2023, 2, 4)
    expected = run_.timeliness(start, end)
    assert timeliness(cases, start=start, end=end) == attrs.evolve(
        expected,
        review_decisions=0,
        review_decisions_within_4_weeks=0,
    )
    assert expected.plans_issued > 0


def test_results_write_their_tables_as_csv(small, tmp_path):
    """journeys, meetings, weekly, kpis and the manifest are written and readable."""
    import csv
    import json

    results = replicate(small, 2, seed=1, workers=1)
    written = results.to_csv(tmp_path / "out")
    assert [p.name for p in written] == [
        "journeys.csv", "meetings.csv", "weekly.csv", "kpis.csv", "manifest.json"
    ]  # fmt: skip
    text = (tmp_path / "out" / "journeys.csv").read_text()
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == len(results.journeys()["received"])
    text = (tmp_path / "out" / "kpis.csv").read_text()
    kpis = {r["kpi"]: r for r in csv.DictReader(text.splitlines())}
    assert set(kpis) == set(KPIS)
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["seed"] == 1


def test_plot_methods_draw_figures_and_kpis_as_a_frame(small):
    """Each Results.plot_* returns a figure with axes; the KPI frame matches kpis()."""
    results = replicate(small, 2, seed=1, workers=1)
    for name in (
        "open_cases",
        "panel_load",
        "weeks_to_issue",
        "share_by_month",
        "utilisation",
    ):
        figure = getattr(results, f"plot_{name}")()
        assert figure.axes, name
    frame = results.to_pandas("kpis")
    assert list(frame["kpi"]) == list(KPIS)
    with pytest.raises(InvalidInput, match="no table 'plans'; the tables are journeys"):
        results.to_pandas("plans")


def test_an_authority_is_found_by_name_or_code():
    """Names and ONS codes both work; an unknown one lists a few known names."""
    from ehcplan.errors import NotFound
    from ehcplan.sim.authorities import find, for_authority

    assert find("e06000001", 2023).name == "Hartlepool"
    with pytest.raises(
        NotFound, match="no authority with figures for 2023 is called 'Atlantis'"
    ):
        find("Atlantis", 2023)
    assert for_authority("Gloucestershire", 2023).demand.annual_growth == pytest.approx(
        1436 / 1116 - 1
    )


def test_panel_load_counts_only_meetings_held_within_the_run(small):
    """Meetings booked past the horizon were never held: they do not dilute the load."""
    run = replicate(small, 1, seed=3, workers=1).runs[0]
    m = run.meetings
    panel = m["panel"] == "send-panel"
    held = panel & (m["day"] < run.horizon_days)

    assert np.any(panel & (m["day"] >= run.horizon_days))
    assert run.kpis()["panel_load_per_meeting"] == m["used"][held].mean()


def test_each_kpi_carries_the_range_a_single_year_can_take(small, tmp_path):
    """Beside the mean's interval, the 5% to 95% range of the replications, in kpis.csv too."""
    import csv

    results = replicate(small, 20, seed=2, workers=1)
    share = results.kpis()["pc_within_20_weeks_ex"]
    values = results.kpi_values()["pc_within_20_weeks_ex"]
    assert share.predictive_lower == pytest.approx(np.quantile(values, 0.05))
    assert share.predictive_upper == pytest.approx(np.quantile(values, 0.95))
    assert (
        share.predictive_lower <= share.lower <= share.upper <= share.predictive_upper
    )
    results.to_csv(tmp_path)
    text = (tmp_path / "kpis.csv").read_text()
    rows = {r["kpi"]: r for r in csv.DictReader(text.splitlines())}
    assert float(rows["pc_within_20_weeks_ex"]["predictive_upper_90"]) == pytest.approx(
        share.predictive_upper
    )


def test_an_interval_of_one_value_has_no_range():
    """One replication gives a mean and nothing to spread it."""
    one = interval([0.5])
    assert (one.mean, one.predictive_lower, one.predictive_upper) == (0.5, None, None)
