"""Calibration: a history simulated from a known scenario is estimated back within intervals."""

import datetime as dt

import attrs
import pytest

import ehcplan.sim as sim
from ehcplan.errors import InvalidInput
from ehcplan.sen2.records import Sen2Record
from ehcplan.sim.calibrate import calibrate, fit_report, share


@pytest.fixture(scope="module")
def truth():
    """The default scenario without appeals, review stock or delays from exception grounds.

    A ground that holds plans up leaves fewer of them issued by the end of the
    history than were granted one, which a share of issued plans cannot see.
    """
    base = sim.default_scenario()
    return attrs.evolve(
        base,
        exceptions=attrs.evolve(base.exceptions, days={}),
        disputes=attrs.evolve(
            base.disputes, appeal_share=0.0, no_plan_appeal_share=0.0
        ),
        reviews=attrs.evolve(base.reviews, plans=0, new_plans=False),
    )


@pytest.fixture(scope="module")
def calibration(truth):
    """The history of one run of the truth, as SEN2 records, calibrated back."""
    records = sim.run(truth, seed=5).sen2_records()
    return calibrate(records, until=truth.date_at(truth.horizon_days - 1))


def test_known_parameters_are_recovered_within_their_intervals(truth, calibration):
    """Demand, growth and the three shares: each interval contains the value simulated."""
    exception_share = sum(truth.exceptions.shares.values())
    checks = {
        "requests a week at the start": truth.demand.requests_per_week,
        "annual growth in requests": truth.demand.annual_growth,
        "share refused": truth.decision.refuse_share,
        "share with no plan after assessment": truth.plan_panel.no_plan_share,
        "share of plans with an exception": exception_share,
    }
    table = dict(calibration.table())
    for name, value in checks.items():
        estimate = table[name]
        assert estimate.lower <= value <= estimate.upper, (name, str(estimate), value)


def test_the_calibrated_scenario_reproduces_the_weeks_to_issue(calibration):
    """Simulated and observed medians of weeks to issue agree within two weeks."""
    results = sim.replicate(calibration.scenario, 3, seed=1, workers=1)
    report = fit_report(calibration, results)
    assert abs(report["simulated"]["median"] - report["observed"]["median"]) < 2
    assert (
        abs(
            report["simulated"]["within_20_weeks"]
            - report["observed"]["within_20_weeks"]
        )
        < 0.08
    )


def test_too_short_or_undecided_histories_are_refused():
    """Fewer than six whole months, or no decision at all, cannot be calibrated."""
    records = [
        Sen2Record(
            request_id=str(i), received_date=dt.date(2024, 1, 1) + dt.timedelta(days=i)
        )
        for i in range(300)
    ]
    with pytest.raises(
        InvalidInput, match="no request in the history has its decision"
    ):
        calibrate(records, until=dt.date(2024, 12, 31))
    with pytest.raises(InvalidInput, match="at least six whole months"):
        calibrate(records[:60], until=dt.date(2024, 3, 1))
    with pytest.raises(InvalidInput, match="no request was received by 2023-01-01"):
        calibrate(records, until=dt.date(2023, 1, 1))


def test_wilson_intervals():
    """A share's interval stays within 0 and 1, and has none for no trials."""
    assert share(0, 10).lower == pytest.approx(0.0, abs=1e-12)
    assert share(10, 10).upper == pytest.approx(1.0)
    assert share(0, 0).n == 0
