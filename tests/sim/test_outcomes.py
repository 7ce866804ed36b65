"""One definition of how a request ended and whether it breached: pinned on runs and by property."""

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.sim import outcomes, run
from ehcplan.sim.outcomes import ISSUED, NO_PLAN, OPEN, REFUSED
from ehcplan.timeline import table


@st.composite
def journey_columns(draw):
    """Journeys of every outcome, with days and exceptions drawn at random."""
    n = draw(st.integers(min_value=1, max_value=30))
    day = st.floats(min_value=0, max_value=400, allow_nan=False)
    received = np.array([draw(day) for _ in range(n)])
    outcome = np.array(
        [draw(st.sampled_from([OPEN, REFUSED, NO_PLAN, ISSUED])) for _ in range(n)],
        dtype=np.int8,
    )
    later = np.array([draw(day) for _ in range(n)])
    issued = np.where(outcome == ISSUED, received + later, np.nan)
    no_plan = np.where(outcome == NO_PLAN, received + later, np.nan)
    decided = np.where(outcome == OPEN, np.nan, received + later / 4)
    exception = np.array([draw(st.sampled_from([0, 0, 1])) for _ in range(n)])
    return {
        "received": received,
        "decided": decided,
        "no_plan": no_plan,
        "issued": issued,
        "exception": exception.astype(np.int8),
        "outcome": outcome,
        "due": outcomes.due_days(received, dt.date(2024, 1, 1)),
    }


@settings(max_examples=200, deadline=None)
@given(journey_columns(), st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_a_refused_or_no_plan_request_is_never_a_breach(journeys, by):
    """Refused for good, or ended with "no plan": no 20-week limit, so never a breach."""
    breached = outcomes.breached(journeys, by=by)
    ended_without_plan = np.isin(journeys["outcome"], [REFUSED, NO_PLAN])

    assert not breached[ended_without_plan].any()
    assert not breached[journeys["exception"] > 0].any()
    assert not breached[outcomes.issued_on_time(journeys)].any()


@settings(max_examples=200, deadline=None)
@given(journey_columns())
def test_a_breach_is_a_plan_late_or_missing_after_the_last_day(journeys):
    """Every request with the limit and no exception, past its last day, breached unless on time."""
    breached = outcomes.breached(journeys, by=10_000)
    expected = (
        np.isin(journeys["outcome"], [OPEN, ISSUED])
        & (journeys["exception"] == 0)
        & ~(np.floor(journeys["issued"]) <= journeys["due"])
    )
    assert breached.tolist() == expected.tolist()


def test_due_days_are_the_timelines_answer():
    """The due day of each request is table.FINAL_PLAN's last day, counted from the start."""
    start = dt.date(2024, 1, 1)
    received = np.array([0.0, 0.9, 59.5, 365.2])
    expected = [
        (table.FINAL_PLAN.last_day(start + dt.timedelta(days=int(d))) - start).days
        for d in received
    ]
    assert outcomes.due_days(received, start).tolist() == expected


def test_on_time_is_counted_in_whole_days():
    """A plan issued during its last day (day 140) is on time; the next day is late."""
    journeys = {
        "received": np.array([0.3, 0.3]),
        "issued": np.array([140.9, 141.0]),
        "due": np.array([140.0, 140.0]),
    }
    assert outcomes.issued_on_time(journeys).tolist() == [True, False]
    assert outcomes.weeks_to_issue(journeys).tolist() == [20.0, 141 / 7]


def test_a_runs_breaches_are_the_rules(small):
    """A run's breach KPI counts exactly the requests the rule calls breached."""
    r = run(small, seed=4)
    j = r.journeys
    months = (r.horizon_days - r.warmup_days) / (365.25 / 12)
    late = outcomes.breached(j, by=r.horizon_days) & (j["due"] >= r.warmup_days)
    assert r.kpis()["breaches_per_month"] == np.count_nonzero(late) / months
    assert np.count_nonzero(late & np.isin(j["outcome"], [REFUSED, NO_PLAN])) == 0


def test_open_counts_are_the_sums_of_open_on_and_past_due_open(small):
    """Counting by sorted days gives the request-by-day matrices' column sums, every week."""
    from ehcplan.sim import run
    from ehcplan.sim.outcomes import open_counts, open_on, past_due_open

    j = run(small, seed=4).journeys
    days = np.arange(0, small.horizon_days, 7, dtype=float)
    opened, overdue = open_counts(j, days)

    assert opened.tolist() == open_on(j, days).sum(axis=0).tolist()
    assert overdue.tolist() == past_due_open(j, days).sum(axis=0).tolist()
