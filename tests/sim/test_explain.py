"""What limits a forecast, in words: capacity cliffs and what moved a comparison."""

import attrs
import pytest

from ehcplan.sim import compare, default_scenario, replicate
from ehcplan.sim.estimates import Estimate
from ehcplan.sim.explain import STAGES, attribute, stage_waits, warnings
from ehcplan.sim.published import ENGLAND_2024, Published, authority_figures, far_from
from ehcplan.sim.report import format_difference, format_range, headline, why


def with_psychologists(staff: int):
    """The default scenario with *staff* assessments by educational psychologists at once."""
    s = default_scenario()
    ep = attrs.evolve(s.advice.educational_psychology, staff=staff)
    return attrs.evolve(s, advice=attrs.evolve(s.advice, educational_psychology=ep))


@pytest.fixture(scope="module")
def six():
    """The issue's case: ``staff = 6`` for the educational psychologists, 4 replications."""
    return replicate(with_psychologists(6), 4, seed=3, workers=1)


@pytest.fixture(scope="module")
def default():
    """The default scenario, 4 replications."""
    return replicate(default_scenario(), 4, seed=3, workers=1)


def test_six_psychologists_name_the_bottleneck_and_what_grows(six):
    """With staff = 6 the first warning names the psychologists, their growing queue, the key."""
    first = warnings(six)[0]
    assert first.startswith(
        "Educational psychologists are the bottleneck: busy 100% of their time"
    )
    assert "grow without bound (from " in first
    assert "`staff` counts pieces of work in progress at once, not people" in first
    assert warnings(six)[-1].startswith("Open requests grow from ")


def test_the_headline_says_a_single_years_range(six, default):
    """The headline gives the mean, its interval and the range of a single year."""
    assert headline(six).startswith("0.0% of plans issued within 20 weeks")
    share = default.kpis()["pc_within_20_weeks_ex"]
    assert (
        f"a single year can take {format_range('pc_within_20_weeks_ex', share)}."
        in (headline(default))
    )


def test_the_default_is_near_capacity_not_past_it(default):
    """The default's psychologists are near capacity: warned of, not called the bottleneck."""
    found = warnings(default)
    assert found[0].startswith("Educational psychologists are near capacity: busy 9")
    assert not any("bottleneck" in w for w in found)
    assert why(default) == found


def test_a_full_panel_is_named(default):
    """With 12 places a meeting shared by both decisions, the panel's meetings are full."""
    s = default_scenario()
    tight = attrs.evolve(
        s,
        decision=attrs.evolve(s.decision, slots_per_meeting=12),
        plan_panel=attrs.evolve(s.plan_panel, slots_per_meeting=12),
    )
    found = warnings(replicate(tight, 2, seed=3, workers=1))
    panel = [
        w for w in found if w.startswith("The send-panel panel's meetings are full")
    ]
    assert len(panel) == 1
    assert "grow without bound" in panel[0]


def test_nothing_near_capacity_says_so():
    """With psychologists to spare and no full panel, the report says nothing is near capacity."""
    results = replicate(with_psychologists(200), 2, seed=3, workers=1)
    assert warnings(results) == []
    assert why(results)[0].startswith(
        "No staff pool or panel is near capacity (busy: educational psychologists "
    )


def test_stage_waits_add_up_to_the_journey(default):
    """Each stage's days are measured, and the psychologist's wait is the smallest part."""
    waits = stage_waits(default.runs[0])
    assert list(waits) == list(STAGES)
    assert all(days >= 0 for days in waits.values())
    assert waits["ep_wait"] < waits["advice"]


def test_compare_names_the_psychologists_for_the_faster_plans():
    """More psychologists move the 20-week share, and the attribution says it was their wait."""
    comparison = compare(
        with_psychologists(64), with_psychologists(90), 8, seed=5, workers=1
    )
    reasons = attribute(comparison)
    assert reasons["pc_within_20_weeks_ex"].startswith(
        "the wait for an educational psychologist: -"
    )
    assert "pc_review_decisions_within_4_weeks" not in reasons


def test_the_same_scenario_twice_moves_nothing():
    """A scenario compared with itself has no KPI to explain."""
    s = default_scenario()
    assert attribute(compare(s, s, 2, seed=1, workers=1)) == {}


def test_far_from_flags_only_years_well_away():
    """A published figure inside, or within 10 points of, a year's range is not flagged."""
    figure = Published(value=0.444, year=2024, source="test")
    near = Estimate(mean=0.55, lower=0.54, upper=0.56, n=9,
                    predictive_lower=0.53, predictive_upper=0.57)  # fmt: skip
    far = Estimate(mean=0.998, lower=0.997, upper=0.999, n=9,
                   predictive_lower=0.995, predictive_upper=1.0)  # fmt: skip
    one = Estimate(mean=0.2, lower=float("nan"), upper=float("nan"), n=1)
    nan = Estimate(mean=float("nan"), lower=float("nan"), upper=float("nan"), n=0)
    assert [far_from(e, figure) for e in (near, far, one, nan)] == [
        False,
        True,
        True,
        False,
    ]


def test_england_holds_the_issues_figures():
    """England's 2024 review and "no plan" timeliness are the published 44.4% and 34.1%."""
    assert ENGLAND_2024["pc_review_decisions_within_4_weeks"].value == 0.444
    assert ENGLAND_2024["pc_no_plan_within_16_weeks"].value == 0.341


def test_an_authoritys_own_figures_come_from_the_panel():
    """A scenario named by for_authority finds the authority's year; other names find none."""
    own = authority_figures("Hartlepool: forecast for 2024 from 2023 figures")
    assert {k: v.value for k, v in own.items()} == {
        "pc_within_20_weeks_ex": 0.443,
        "pc_decided_within_6_weeks": 0.945,
    }
    assert authority_figures("Nowhere: forecast for 2024 from 2023 figures") == {}
    assert authority_figures("Hartlepool: forecast for next year") == {}


def test_differences_of_shares_are_in_points():
    """A share's difference reads in percentage points; a count's keeps its unit."""
    d = Estimate(mean=0.012, lower=0.007, upper=0.018, n=8)
    assert format_difference("pc_within_20_weeks_ex", d) == (
        "+1.2 points",
        "+0.7 to +1.8 points",
    )
    nan = Estimate(mean=float("nan"), lower=float("nan"), upper=float("nan"), n=0)
    assert format_difference("plans_issued_per_month", nan) == ("n/a", "n/a")
