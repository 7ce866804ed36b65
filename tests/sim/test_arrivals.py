"""Arrivals are what they say: a Poisson process within each day, and replayed logs in order."""

import datetime as dt

import attrs
import numpy as np

from ehcplan.sim.world import Streams, arrival_times


def test_gaps_between_arrivals_at_a_steady_rate_are_exponential(make_queue):
    """At 7.2 requests a day, the gaps' coefficient of variation is 1, as a Poisson process's."""
    scenario = make_queue(servers=1, arrivals_per_day=7.2, mean_service_days=1.0)
    times = arrival_times(scenario, Streams(np.random.SeedSequence(4)))
    gaps = np.diff(times)

    assert (gaps >= 0).all()
    assert abs(gaps.mean() - 1 / 7.2) < 0.005
    assert abs(gaps.std() / gaps.mean() - 1) < 0.02


def test_arrivals_within_a_day_are_spread_over_the_day(make_queue):
    """Each day's requests fall uniformly within the day, not bunched together."""
    scenario = make_queue(servers=1, arrivals_per_day=7.2, mean_service_days=1.0)
    times = arrival_times(scenario, Streams(np.random.SeedSequence(5)))
    hour = times % 1

    assert abs(hour.mean() - 0.5) < 0.01
    assert np.histogram(hour, bins=4, range=(0, 1))[0].min() > 0.23 * len(times)
    # The n requests of a day span, on average, (n - 1) / (n + 1) of it, as n
    # uniform times do; requests arriving almost together would span almost none.
    day = np.floor(times).astype(int)
    counts = np.bincount(day)
    first = np.full(len(counts), np.inf)
    last = np.full(len(counts), -np.inf)
    np.minimum.at(first, day, times)
    np.maximum.at(last, day, times)
    busy = counts >= 2
    spans = (last - first)[busy]
    expected = ((counts - 1) / (counts + 1))[busy]
    assert abs(spans.mean() - expected.mean()) < 0.01


def test_a_replayed_log_comes_out_in_time_order(small):
    """Requests replayed from a log arrive on their dates, in time order."""
    days = [dt.date(2022, 1, 3)] * 40 + [dt.date(2022, 1, 4)] * 25
    scenario = attrs.evolve(
        small, demand=attrs.evolve(small.demand, arrivals=tuple(days))
    )
    times = arrival_times(scenario, Streams(np.random.SeedSequence(6)))

    assert np.all(np.diff(times) >= 0)
    assert np.floor(times).tolist() == [2.0] * 40 + [3.0] * 25
