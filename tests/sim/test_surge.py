"""Capacity that responds to a backlog: bounded, costed in exact pence, never lengthening waits."""

import re

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ehcplan.sim as sim
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.money import Money
from ehcplan.sim.scenario_file import dumps_scenario, loads_scenario
from ehcplan.sim.surge import Surge, _add, _remove
from ehcplan.sim.world import Pool

SURGE = Surge(
    wait_days=28, lag_days=56, extra_share=0.2, max_share=0.6, cost_per_day="£450"
)


@pytest.fixture(scope="module")
def tight():
    """The default scenario, one year shorter, with too few psychologists for its demand."""
    base = sim.default_scenario()
    ep = base.advice.educational_psychology
    return attrs.evolve(
        base,
        horizon_days=731,
        warmup_days=365,
        advice=attrs.evolve(
            base.advice, educational_psychology=attrs.evolve(ep, staff=50)
        ),
        reviews=attrs.evolve(base.reviews, plans=0, new_plans=False),
    )


@pytest.fixture(scope="module")
def runs(tight):
    """Two replications of the tight scenario, without and with a surge, on the same seeds."""
    without = sim.replicate(tight, 2, seed=11, workers=1)
    with_surge = sim.replicate(attrs.evolve(tight, surge=SURGE), 2, seed=11, workers=1)
    return without, with_surge


def test_a_surge_hires_when_the_backlog_grows_and_improves_timeliness(runs):
    """Past the threshold, extra staff come; more plans are on time; waits are shorter."""
    without, with_surge = runs
    a, b = without.kpis(), with_surge.kpis()
    assert a["surge_staff_days"].mean == 0
    assert b["surge_staff_days"].mean > 0
    assert b["pc_within_20_weeks_ex"].mean > a["pc_within_20_weeks_ex"].mean + 0.05
    assert b["mean_ep_wait_days"].mean < a["mean_ep_wait_days"].mean


def test_the_cost_is_the_day_rate_times_the_staff_days_exactly(runs):
    """Each run's cost is £450 a staff-day to the penny; the mean is rounded once."""
    _, with_surge = runs
    for run in with_surge.runs:
        days = sum(run.surge_days.values())
        assert run.surge_cost == Money.parse("£450") * days
        assert run.kpis()["surge_cost_pence"] == run.surge_cost.pence
    costs = [run.surge_cost.pence for run in with_surge.runs]
    assert with_surge.surge_cost() == Money(round(sum(costs) / len(costs)))


def test_extra_staff_never_exceed_the_maximum(runs, tight):
    """Staff-days of extra psychologists are at most the maximum times the measured days."""
    _, with_surge = runs
    measured = tight.horizon_days - tight.warmup_days
    most = SURGE.most(50)
    for run in with_surge.runs:
        assert 0 < run.surge_days["educational psychology"] <= most * (measured + 60)


def test_ample_capacity_never_surges(tight):
    """With staff to spare the backlog never passes the threshold: no staff, no cost."""
    ep = tight.advice.educational_psychology
    ample = attrs.evolve(
        tight,
        surge=SURGE,
        advice=attrs.evolve(
            tight.advice, educational_psychology=attrs.evolve(ep, staff=500)
        ),
    )
    run = sim.run(ample, seed=3)
    assert run.surge_cost == Money(0)
    assert run.kpis()["surge_staff_days"] == 0


@settings(max_examples=8, deadline=None)
@given(
    wait=st.integers(7, 60),
    lag=st.integers(0, 90),
    extra=st.floats(0.05, 0.5),
)
def test_a_surge_never_lengthens_any_requests_wait_for_a_psychologist(
    tight, wait, lag, extra
):
    """On the same seed, every request waits for a psychologist no longer with a surge."""
    surge = Surge(
        wait_days=wait,
        lag_days=lag,
        extra_share=extra,
        max_share=1.0,
        cost_per_day="£1",
    )
    short = attrs.evolve(tight, horizon_days=400, warmup_days=100)
    a = sim.run(short, seed=5).journeys["ep_wait"]
    b = sim.run(attrs.evolve(short, surge=surge), seed=5).journeys["ep_wait"]
    assert len(a) == len(b)
    known = ~np.isnan(a) & ~np.isnan(b)
    assert np.all(b[known] <= a[known] + 1e-9)


def test_servers_added_take_new_work_and_leaving_servers_finish_theirs():
    """A server added now starts the next job at once; a leaving one returns its last day."""
    pool = Pool(1)
    assert pool.book(0.0, 10.0) == 0.0
    assert pool.book(0.0, 10.0) == 10.0  # waits for the only server
    _add(pool, 1.0, 1)
    assert pool.book(1.0, 5.0) == 1.0
    assert pool.waiting(1.0) == 1
    assert _remove(pool, 1) == [6.0]


def test_the_surge_section_round_trips_through_toml(tight):
    """A scenario with a surge is written with its money as text and read back equal."""
    scenario = attrs.evolve(tight, surge=SURGE)
    text = dumps_scenario(scenario)
    assert 'cost_per_day = "£450.00"' in text
    assert loads_scenario(text) == scenario


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("cost_per_day = 450", 'money is written as text in pounds'),
        ('cost_per_day = "450 pounds"', "is not an amount of money"),
        ("wait_days = 0", "surge wait_days must be a number more than 0"),
        ("lag_days = 2.5", "surge.lag_days: expected a whole number, found the float 2.5"),
        ("max_share = 0.1", "max_share (0.1) must be at least extra_share (0.2)"),
    ],
)  # fmt: skip
def test_a_bad_surge_is_refused_naming_its_key(tight, line, message):
    """Each bad value in [surge] is a file error at its key, saying what to write."""
    text = dumps_scenario(attrs.evolve(tight, surge=SURGE))
    key = line.split(" = ")[0]
    lines = [line if row.startswith(f"{key} = ") else row for row in text.splitlines()]
    with pytest.raises(FileFormatError, match=re.escape(message)) as raised:
        loads_scenario("\n".join(lines), path="mine.toml")
    assert raised.value.key == f"surge.{key}"


def test_a_negative_cost_is_refused():
    """Money out is not a cost."""
    with pytest.raises(InvalidInput, match="must not be negative"):
        attrs.evolve(SURGE, cost_per_day="-£1")
