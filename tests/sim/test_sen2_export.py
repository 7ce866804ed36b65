"""A simulated year written as a COLLECT export reads back to the same DfE figures."""

import datetime as dt

import attrs

import ehcplan as ehc
import ehcplan.sim as sim
from ehcplan.sen2 import dfe_measures, read_collect, write_collect


def test_a_simulated_year_written_as_an_export_reads_back_to_the_same_figures(tmp_path):
    """The run's own DfE counts equal those of its journeys read back from the export."""
    base = sim.default_scenario()
    scenario = attrs.evolve(base, start=dt.date(2023, 1, 2), warmup_days=0,
                            horizon_days=730)  # fmt: skip
    run = sim.run(scenario, seed=3)
    write_collect(
        run.sen2_records(), tmp_path, export_date=dt.date(2025, 1, 20),
        reference_date=dt.date(2025, 1, 1),
    )  # fmt: skip
    back = read_collect(tmp_path)
    year = dict(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    simulated = run.timeliness(**year)
    read_back = ehc.timeliness(back.cases(), **year)
    measures = dfe_measures(back.cases(), 2024)

    assert back.report.errors == ()
    assert len(back.records()) == len(run.sen2_records())
    assert (
        read_back.plans_issued, read_back.within_20_weeks, read_back.plans_issued_ex,
        read_back.within_20_weeks_ex, read_back.weeks_20_to_52, read_back.over_52_weeks,
        read_back.requests_decided, read_back.decided_within_6_weeks,
    ) == (
        simulated.plans_issued, simulated.within_20_weeks, simulated.plans_issued_ex,
        simulated.within_20_weeks_ex, simulated.weeks_20_to_52, simulated.over_52_weeks,
        simulated.requests_decided, simulated.decided_within_6_weeks,
    )  # fmt: skip
    assert measures["plans_issued_den"] == simulated.plans_issued > 100


def test_a_return_s_history_calibrates_and_its_open_cases_nowcast(tmp_path):
    """Calibration and the nowcast run on what a read export gives."""
    from ehcplan.sim.calibrate import calibrate
    from ehcplan.sim.nowcast import nowcast

    base = sim.default_scenario()
    scenario = attrs.evolve(base, start=dt.date(2023, 1, 2), warmup_days=0,
                            horizon_days=730)  # fmt: skip
    records = sim.run(scenario, seed=4).sen2_records()
    write_collect(records, tmp_path, export_date=dt.date(2025, 1, 2),
                  reference_date=dt.date(2025, 1, 1))  # fmt: skip
    back = read_collect(tmp_path)
    fitted = calibrate(back.records(), until=dt.date(2024, 12, 31))
    forecast = nowcast(
        scenario, back.cases(), dt.date(2025, 1, 1), replications=2, workers=1,
        horizon_days=200,
    )  # fmt: skip

    assert fitted.requests_per_week.mean > 0
    assert forecast.cases
    assert all(0 <= row.p_breach_20_weeks <= 1 for row in forecast.cases)


def test_budgets_and_placements_reach_the_export(tmp_path):
    """Each simulated plan's PB, OA, DP and PlanRes are read back from the export as written."""
    base = sim.default_scenario()
    scenario = attrs.evolve(
        base, start=dt.date(2023, 1, 2), warmup_days=0, horizon_days=600,
        personal_budgets=attrs.evolve(base.personal_budgets, request_share=0.5),
        placements=attrs.evolve(base.placements, share=0.05),
    )  # fmt: skip
    records = sim.run(scenario, seed=5).sen2_records()
    write_collect(records, tmp_path, export_date=dt.date(2025, 1, 20),
                  reference_date=dt.date(2025, 1, 1))  # fmt: skip
    back = {r.request_id: r for r in read_collect(tmp_path).records()}

    def items(r):
        return (r.pb, r.oa, r.dp, r.plan_res)

    planned = [r for r in records if r.start_date is not None]
    assert any(r.pb for r in planned)
    assert {r.plan_res for r in planned} >= {"A", "B"}
    assert [items(back[r.request_id]) for r in planned] == [items(r) for r in planned]
