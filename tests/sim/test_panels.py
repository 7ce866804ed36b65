"""Panel load: every place used at a meeting is counted, by panel and by kind of decision."""

import importlib.resources

import attrs
import numpy as np
import pytest

from ehcplan.policy import loads_policy
from ehcplan.sim import replicate, run


def _fortnightly_policy():
    text = (
        importlib.resources.files("ehcplan.policy")
        .joinpath("examples/england-average.toml")
        .read_text("utf-8")
    )
    fortnightly = text.replace('cadence = "weekly"', 'cadence = "fortnightly"', 1)
    assert fortnightly != text
    return loads_policy(fortnightly, path="fortnightly.toml")


def test_a_full_fortnightly_panel_reports_40_of_40_places(small):
    """A fortnightly panel of 40 places, full at every meeting, reports 40 places used.

    Without RAS sign-off every plan goes to the panel, which keeps it full.
    """
    scenario = attrs.evolve(
        small, policy=_fortnightly_policy(), warmup_days=120, resources=None
    )
    r = run(scenario, seed=7)
    load = r.panel_load()["send-panel"]

    assert r.meetings["places"][r.held_meetings("send-panel")].tolist() == [40] * int(
        load["meetings"]
    )
    assert load["used"] == 40
    assert load["pc_full"] == 1
    assert r.kpis()["panel_load_per_meeting"] == 40
    assert r.kpis()["pc_panel_meetings_full"] == 1
    assert load["queue_after"] > 0


def test_a_panel_deciding_both_counts_both_kinds(small):
    """Places used are the decisions whether to assess and on plans together."""
    r = run(small, seed=3)
    m = r.meetings
    held = r.held_meetings("send-panel")

    assert (m["used"] == m["assess"] + m["plan"]).all()
    assert (m["used"] <= m["places"]).all()
    assert m["assess"][held].sum() > 0
    assert m["plan"][held].sum() > 0
    assert r.kpis()["panel_load_per_meeting"] == pytest.approx(
        (m["assess"][held] + m["plan"][held]).mean()
    )


def test_the_default_reports_the_places_actually_used():
    """The default scenario's panel load is the places its meetings used, near 28 of 40.

    Every decision whether to assess, and the plans the RAS sign-off sends to the
    panel or that carry a request for a personal budget; the rest the lead SEND
    co-ordinator signs off.
    """
    from ehcplan.sim import default_scenario

    results = replicate(default_scenario(), 2, seed=2024, workers=1)
    load = results.kpis()["panel_load_per_meeting"].mean
    used = np.concatenate(
        [r.meetings["used"][r.held_meetings("send-panel")] for r in results.runs]
    )
    per_run = [
        r.meetings["used"][r.held_meetings("send-panel")].mean() for r in results.runs
    ]

    assert load == pytest.approx(np.mean(per_run))
    assert 24 < load < 32
    assert used.max() <= 40


def test_the_queue_left_counts_cases_waiting_after_each_meeting(small):
    """After each meeting, the cases ready before it and booked later are its queue."""
    from ehcplan.sim.processes import simulate

    world = simulate(small, np.random.SeedSequence(11))
    diary = world.plan_diary
    queue = diary.queue_after()
    for index, day in enumerate(diary.days[:60]):
        waiting = sum(1 for since, meeting in diary.waits if since <= day < meeting)
        assert queue[index] == waiting


def test_two_sections_cannot_give_one_panel_two_sizes(small):
    """The same panel with different places for its two kinds of decision is refused."""
    from ehcplan.errors import InvalidInput

    with pytest.raises(InvalidInput, match="different places for the same panel"):
        attrs.evolve(
            small,
            decision=attrs.evolve(small.decision, slots_per_meeting=10),
            plan_panel=attrs.evolve(small.plan_panel, slots_per_meeting=12),
        )


@pytest.mark.parametrize("places", [0, -3, 2.5, True])
def test_places_per_meeting_must_be_a_whole_number_of_at_least_one(small, places):
    """Zero, negative, fractional or yes/no places are refused when the scenario is built."""
    from ehcplan.errors import InvalidInput

    with pytest.raises(InvalidInput, match="at least 1 place per meeting"):
        attrs.evolve(
            small, plan_panel=attrs.evolve(small.plan_panel, slots_per_meeting=places)
        )
