"""The simulator's invariants: determinism, outcomes, deadlines, capacity, the pool."""

import attrs
import numpy as np
import pytest
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.sim import replicate, run
from ehcplan.sim.world import Pool, Streams
from ehcplan.timeline import table


def test_same_seed_same_results(small):
    """A run is a pure function of its scenario and seed."""
    a, b = run(small, seed=5), run(small, seed=5)
    for name in a.journeys:
        assert np.array_equal(a.journeys[name], b.journeys[name], equal_nan=True), name


def test_different_seeds_differ(small):
    """Another seed gives another run."""
    a, b = run(small, seed=5), run(small, seed=6)
    assert not np.array_equal(a.journeys["received"], b.journeys["received"])


def test_results_do_not_depend_on_the_number_of_workers(small):
    """One worker or two: the same replications, in the same order."""
    one = replicate(small, 3, seed=9, workers=1)
    two = replicate(small, 3, seed=9, workers=2)
    for a, b in zip(one.runs, two.runs, strict=True):
        assert a.replication == b.replication
        assert np.array_equal(
            a.journeys["issued"], b.journeys["issued"], equal_nan=True
        )


def test_every_arrival_ends_in_exactly_one_outcome_or_is_open(small):
    """Issued, refused and no-plan requests have the dates of their outcome; open ones do not."""
    j = run(small, seed=1).journeys
    outcome = j["outcome"]
    open_, refused, no_plan, issued = (outcome == code for code in range(4))
    assert np.count_nonzero(issued | refused | no_plan | open_) == len(outcome)
    assert not np.isnan(j["issued"][issued]).any()
    assert np.isnan(j["issued"][~issued]).all()
    assert not np.isnan(j["no_plan"][no_plan]).any()
    assert not np.isnan(j["decided"][refused]).any()
    assert (j["issued"][issued] >= j["received"][issued]).all()


def test_every_deadline_is_the_timelines_answer(small):
    """The journey's 20-week due day is table.FINAL_PLAN.last_day of its received date."""
    result = run(small, seed=2)
    j = result.journeys
    for received, due in zip(j["received"][:200], j["due"][:200], strict=True):
        date = small.date_at(received)
        assert small.date_at(due) == table.FINAL_PLAN.last_day(date)


def test_zero_demand_gives_empty_results(small):
    """No requests, no journeys, nothing issued."""
    quiet = attrs.evolve(
        small, demand=attrs.evolve(small.demand, requests_per_week=0.0)
    )
    result = run(quiet, seed=1)
    assert len(result.journeys["received"]) == 0
    assert result.kpis()["plans_issued_per_month"] == 0


def test_more_psychologists_never_lengthen_the_wait(make_queue):
    """Same seeds, more capacity: the mean wait for advice does not rise."""
    scenario = make_queue(
        servers=3, arrivals_per_day=0.27, mean_service_days=10.0, years=4
    )
    more = attrs.evolve(
        scenario,
        advice=attrs.evolve(
            scenario.advice,
            educational_psychology=attrs.evolve(
                scenario.advice.educational_psychology, staff=4
            ),
        ),
    )
    waits = [
        replicate(s, 8, seed=3, workers=2).kpi_values()["mean_ep_wait_days"]
        for s in (scenario, more)
    ]
    assert (waits[1] <= waits[0]).all()
    assert waits[1].mean() < waits[0].mean()


def test_nobody_waits_when_capacity_is_unlimited(make_queue):
    """With more psychologists than requests, no request queues for advice."""
    scenario = make_queue(
        servers=10_000, arrivals_per_day=1.0, mean_service_days=10.0, years=2
    )
    j = run(scenario, seed=1).journeys
    assert np.nanmax(j["ep_wait"]) == 0


def test_streams_are_independent_by_step():
    """Drawing more from one step's stream does not change another step's draws."""
    from ehcplan.sim import Exponential

    a, b = Streams(np.random.SeedSequence(3)), Streams(np.random.SeedSequence(3))
    for _ in range(5000):
        a.draw("drafting", Exponential(mean=20))
    assert [a.uniform("refuse") for _ in range(3)] == [
        b.uniform("refuse") for _ in range(3)
    ]
    assert a.chance("refuse", 0.0) is False


@settings(max_examples=60, deadline=None)
@given(
    servers=st.integers(1, 4),
    jobs=st.lists(
        st.tuples(
            st.floats(0, 5, allow_nan=False), st.floats(0.1, 20, allow_nan=False)
        ),
        min_size=1,
        max_size=40,
    ),
)
def test_the_pool_waits_as_a_simpy_resource_does(servers, jobs):
    """Jobs booked in arrival order start when simpy.Resource would start them."""
    arrivals = np.cumsum([gap for gap, _ in jobs])
    env = simpy.Environment()
    resource = simpy.Resource(env, servers)
    started: dict[int, float] = {}

    def job(i, at, duration):
        yield env.timeout(at)
        with resource.request() as slot:
            yield slot
            started[i] = env.now
            yield env.timeout(duration)

    for i, (at, (_, duration)) in enumerate(zip(arrivals, jobs, strict=True)):
        env.process(job(i, float(at), duration))
    env.run()
    pool = Pool(servers)
    booked = [
        pool.book(float(at), duration)
        for at, (_, duration) in zip(arrivals, jobs, strict=True)
    ]
    assert booked == pytest.approx([started[i] for i in range(len(jobs))])


def test_one_panel_deciding_both_shares_its_places(small):
    """Decisions whether to assess and on plans at one panel share each meeting's places."""
    from ehcplan.sim.processes import simulate

    tight = attrs.evolve(
        small,
        decision=attrs.evolve(small.decision, slots_per_meeting=6),
        plan_panel=attrs.evolve(small.plan_panel, slots_per_meeting=6),
    )
    assert tight.decision.panel == tight.plan_panel.panel
    world = simulate(tight, np.random.SeedSequence(5))
    diary = world.plan_diary
    assessed, planned = diary.booked[:2]

    assert world.decision_diary is diary
    assert max(diary.used(day) for day in diary.days) == 6
    assert all(
        assessed.get(day, 0) + planned.get(day, 0) == diary.used(day) <= 6
        for day in diary.days
    )
    assert set(assessed) & set(planned)  # meetings that heard both kinds of case


def test_review_meetings_are_timed_by_the_timeline(small):
    """A new plan's first review meets so its decision (reg 20(10)) lands on its last day."""
    import datetime as dt

    from ehcplan.sim.processes import simulate
    from ehcplan.timeline import phase_transfer_deadline

    scenario = attrs.evolve(
        small,
        horizon_days=900,
        reviews=attrs.evolve(small.reviews, plans=400, phase_transfer_share=1.0),
    )
    world = simulate(scenario, np.random.SeedSequence(2))
    issued = np.array(world.journeys.issued)
    ceased = np.array(world.journeys.ceased)
    plans = ~np.isnan(issued)
    meetings = {m for m, _ in world.reviews}
    for day, end in list(zip(issued[plans], ceased[plans], strict=True))[:50]:
        made = scenario.date_at(day)
        due = table.ANNUAL_REVIEW.last_day(made)
        meeting = table.REVIEW_DECISION.latest_trigger(due)
        assert table.REVIEW_DECISION.last_day(meeting) == due
        held = scenario.day_of(meeting)
        if (
            held < scenario.horizon_days and not held >= end
        ):  # a ceased plan is not reviewed
            assert float(held) in meetings
    # Every plan in the stock is a phase transfer here: each meets in the season
    # from 1 September to the deadline the timeline gives.
    first_year = [m for m, _ in world.reviews if m < 240]
    assert first_year
    for day in first_year:
        on = scenario.date_at(day)
        year = on.year if on.month >= 9 else on.year - 1
        assert dt.date(year, 9, 1) <= on <= phase_transfer_deadline(year + 1)
