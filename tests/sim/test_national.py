"""The default scenario reproduces England's 2024 outcome (statutory reference §8)."""

import pytest

from ehcplan.sim import default_scenario, replicate

# DfE, "Education, health and care plans", reporting year 2025, calendar year 2024.
NATIONAL_2024 = {
    "pc_within_20_weeks_ex": 0.464,
    "pc_20_to_52_weeks_ex": 0.462,
    "pc_over_52_weeks_ex": 0.073,
    "pc_decided_within_6_weeks": 0.848,
}
TOLERANCE = 0.03  # percentage points, as a share


@pytest.fixture(scope="module")
def results():
    """Twenty replications of the default scenario, measured over 2024."""
    return replicate(default_scenario(), 20, seed=2024, workers=2)


@pytest.mark.parametrize(("kpi", "national"), NATIONAL_2024.items())
def test_the_default_scenario_reproduces_2024(results, kpi, national):
    """Each national figure lies within 3 percentage points of the simulated mean."""
    estimate = results.kpis()[kpi]
    assert abs(estimate.mean - national) <= TOLERANCE, (kpi, str(estimate), national)


def test_the_measured_period_is_calendar_2024(results):
    """After the two-year warm-up, the KPIs count 1 January to 31 December 2024."""
    run = results.runs[0]
    assert (run.measured_from.isoformat(), run.measured_to.isoformat()) == (
        "2024-01-01",
        "2024-12-31",
    )
