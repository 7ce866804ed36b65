"""Scenarios: validation on construction, TOML both ways, errors that name the key."""

import datetime as dt
import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.errors import FileFormatError, InvalidInput, NotFound
from ehcplan.sim import (
    Empirical,
    Exponential,
    Fixed,
    Gamma,
    LogNormal,
    Triangular,
    default_scenario,
    dumps_scenario,
    load_scenario,
    loads_scenario,
)
from ehcplan.sim.distributions import distribution_from_dict, distribution_to_dict
from ehcplan.sim.scenarios import names, text

BASE = text("default")


def test_the_shipped_scenarios_load():
    """Every shipped scenario loads, by name, and round-trips through TOML."""
    for name in names():
        scenario = load_scenario(name)
        assert loads_scenario(dumps_scenario(scenario)) == scenario


def test_a_scenario_file_with_a_relative_policy_path(tmp_path):
    """A policy path in a scenario file is read relative to the file."""
    import importlib.resources

    from ehcplan.policy.load import example_policies  # noqa: F401 - the policy text below

    policy = importlib.resources.files("ehcplan.policy").joinpath(
        "examples/england-average.toml"
    )
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "mine.toml").write_text(policy.read_text("utf-8"))
    (tmp_path / "s.toml").write_text(
        BASE.replace('policy = "england-average"', 'policy = "policies/mine.toml"')
    )
    scenario = load_scenario(tmp_path / "s.toml")
    assert scenario.policy.code == "E92000001"


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (
            "horizon_days = 1096",
            'horizon_days = "1096"',
            "horizon_days",
            "expected a whole number, found the text '1096'",
        ),
        (
            "horizon_days = 1096",
            "horizon_days = 0",
            "horizon_days",
            "horizon_days must be a whole number of days more than 0",
        ),
        (
            "warmup_days = 730",
            "warmup_days = 2000",
            "warmup_days",
            "warmup_days must be a whole number from 0",
        ),
        (
            "requests_per_week = 14.4",
            "requests_per_week = -1",
            "demand.requests_per_week",
            "must be a number of at least 0",
        ),
        (
            "refuse_share = 0.252",
            "refuse_share = 1.5",
            "decision.refuse_share",
            "must be a share from 0 to 1",
        ),
        (
            "staff = 70",
            "staff = 0",
            "advice.educational_psychology.staff",
            "is 0 but requests arrive",
        ),
        (
            "caseworkers = 170",
            "caseworkers = 0",
            "drafting.caseworkers",
            "is 0 but requests arrive",
        ),
        (
            'panel = "send-panel"\ndeferred_share',
            'panel = "rap"\ndeferred_share',
            "plan_panel.panel",
            "no panel is called 'rap'",
        ),
        (
            'policy = "england-average"',
            'policy = "nowhere"',
            "policy",
            "no example policy is called 'nowhere'",
        ),
        (
            'kind = "lognormal", mean = 30, sd = 30',
            'kind = "weibull", mean = 30, sd = 30',
            "advice.educational_psychology.days.kind",
            "unknown distribution kind 'weibull'",
        ),
        (
            'kind = "lognormal", mean = 30, sd = 30',
            'kind = "lognormal", mean = 30',
            "advice.educational_psychology.days.sd",
            "missing sd",
        ),
        (
            "[drafting]",
            "[drafting]\nspeed = 2",
            "drafting.speed",
            "unknown key 'speed'",
        ),
        (
            '"absent from area" = 0.005',
            '"absent from home" = 0.005',
            "exceptions.shares['absent from home']",
            "unknown exception ground 'absent from home'",
        ),
        (
            "school = 0.38",
            "schools = 0.38",
            "demand.sources['schools']",
            "unknown request source 'schools'",
        ),
        (
            "annual_growth = 0.16",
            "annual_growth = -1.5",
            "demand.annual_growth",
            "must be a share more than -1",
        ),
        ("start = 2022-01-01", 'start = "2022-01-01"', "start", "expected a TOML date"),
        (
            "\norder_share = 0.6",
            "\norder_share = true",
            "disputes.order_share",
            "expected a number, found the boolean true",
        ),
    ],
)
def test_problems_name_their_key(old, new, key, message):
    """Each problem in a scenario file names the key and says what is wrong."""
    assert BASE.count(old) == 1
    with pytest.raises(FileFormatError) as caught:
        loads_scenario(BASE.replace(old, new), path="s.toml")
    assert caught.value.key == key
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"s.toml: {key}: ")


def test_not_toml_and_missing_files():
    """Broken TOML and a missing file are file format errors."""
    with pytest.raises(FileFormatError, match="not valid TOML"):
        loads_scenario("name = ")
    with pytest.raises(
        FileFormatError, match="no such scenario file; shipped scenarios are default"
    ):
        load_scenario("missing.toml")


def test_a_shipped_name_that_does_not_exist():
    """text() of an unknown name lists the shipped ones."""
    with pytest.raises(NotFound, match="no shipped scenario is called 'average'"):
        text("average")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: attrs.evolve(s.demand, seasonality=(1.0,) * 11),
            "seasonality must be 12 multipliers",
        ),
        (
            lambda s: attrs.evolve(
                s.demand, arrivals=(dt.date(2022, 2, 1), dt.date(2022, 1, 1))
            ),
            "arrivals must be in date order",
        ),
        (
            lambda s: attrs.evolve(s.demand, sources={"parent": 1.0}),
            "sources are keyed by RequestSource",
        ),
        (
            lambda s: attrs.evolve(s.exceptions, shares={"closure": 0.1}),
            "keyed by ExceptionGround",
        ),
        (lambda s: attrs.evolve(s, drafting="many"), "drafting must be a Drafting"),
        (
            lambda s: attrs.evolve(s, policy="england-average"),
            "policy must be a LocalPolicy",
        ),
        (
            lambda s: attrs.evolve(s.decision, days=30),
            "days must be a distribution of days",
        ),
    ],
)
def test_invalid_parts_fail_on_construction(change, message):
    """Impossible values fail when the scenario part is built, with the field named."""
    with pytest.raises(InvalidInput, match=message):
        change(default_scenario())


def test_sources_and_exceptions_must_add_up():
    """Source shares sum to 1; exception shares to at most 1."""
    from ehcplan.cases import RequestSource
    from ehcplan.timeline import ExceptionGround

    s = default_scenario()
    with pytest.raises(InvalidInput, match="must add up to 1"):
        attrs.evolve(s.demand, sources={RequestSource.SCHOOL: 0.5})
    with pytest.raises(InvalidInput, match="add up to 1.2, more than 1"):
        attrs.evolve(
            s.exceptions,
            shares={
                ExceptionGround.ABSENT_FROM_AREA: 0.6,
                ExceptionGround.SCHOOL_CLOSURE: 0.6,
            },
        )


def test_a_replayed_arrival_log_replaces_the_rate():
    """Listed dates within the horizon are the arrivals, one request each."""
    from ehcplan.sim import run

    s = default_scenario()
    days = (
        dt.date(2022, 1, 3),
        dt.date(2022, 1, 3),
        dt.date(2023, 5, 1),
        dt.date(2030, 1, 1),
    )
    replayed = attrs.evolve(s, demand=attrs.evolve(s.demand, arrivals=days))
    received = run(replayed, seed=1).journeys["received"]
    assert [s.date_at(t) for t in received] == list(days[:3])


@pytest.mark.parametrize(
    "distribution",
    [
        Fixed(days=3),
        Exponential(mean=10),
        LogNormal(mean=28, sd=14),
        Gamma(mean=20, sd=5),
        Triangular(low=1, mode=2, high=9),
        Empirical(values=[1, 2, 2, 8]),
    ],
)
def test_distributions_round_trip_and_have_their_mean(distribution):
    """Each distribution reads back from its table, and its draws average its mean."""
    assert distribution_from_dict(distribution_to_dict(distribution)) == distribution
    draws = distribution.sample(np.random.default_rng(1), 200_000)
    assert draws.mean() == pytest.approx(distribution.mean, rel=0.02)
    assert (draws >= 0).all()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Exponential(mean=0), "mean must be a number of days more than 0"),
        (
            lambda: LogNormal(mean=1, sd=math.inf),
            "sd must be a number of days more than 0",
        ),
        (lambda: Fixed(days=-1), "days must be a number of days of at least 0"),
        (lambda: Triangular(low=5, mode=5, high=5), "low < high"),
        (lambda: Empirical(values=[1, -2]), r"values\[1\] must be a number of days"),
        (lambda: distribution_from_dict([1]), "a distribution is a table with a kind"),
        (
            lambda: distribution_from_dict({"kind": "exponential", "mean": 1, "sd": 2}),
            "unknown sd",
        ),
    ],
)
def test_bad_distributions_fail_on_construction(make, message):
    """Impossible parameters are refused with the parameter named."""
    with pytest.raises(InvalidInput, match=message):
        make()


@settings(max_examples=30, deadline=None)
@given(
    rate=st.floats(0, 200),
    refuse=st.floats(0, 1),
    staff=st.integers(1, 500),
    mean=st.floats(0.5, 400),
)
def test_any_valid_scenario_round_trips_through_toml(rate, refuse, staff, mean):
    """Whatever the values, dumps then loads gives the same scenario."""
    s = default_scenario()
    changed = attrs.evolve(
        s,
        demand=attrs.evolve(s.demand, requests_per_week=rate),
        decision=attrs.evolve(
            s.decision, refuse_share=refuse, days=Exponential(mean=mean)
        ),
        advice=attrs.evolve(
            s.advice,
            educational_psychology=attrs.evolve(
                s.advice.educational_psychology, staff=staff
            ),
        ),
    )
    assert loads_scenario(dumps_scenario(changed)) == changed


def test_a_scenario_cannot_start_before_its_panels_terms():
    """The england-average panels' terms start in 2019: a 2018 start is refused, naming start."""
    with pytest.raises(
        InvalidInput, match="before panel send-panel's terms apply"
    ) as caught:
        attrs.evolve(default_scenario(), start=dt.date(2018, 6, 1))
    assert caught.value.field == "start"
