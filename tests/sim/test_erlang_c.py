"""The simulator against queueing theory: Erlang C for M/M/c, and Little's law."""

import math

import numpy as np
import pytest

from ehcplan.sim import replicate


def erlang_c_wait(servers: int, arrival_rate: float, service_rate: float) -> float:
    """Mean wait in queue of an M/M/c queue (Erlang C)."""
    a = arrival_rate / service_rate
    rho = a / servers
    below = sum(a**k / math.factorial(k) for k in range(servers))
    top = a**servers / math.factorial(servers) / (1 - rho)
    p_wait = top / (below + top)
    return p_wait / (servers * service_rate - arrival_rate)


@pytest.mark.parametrize(
    ("servers", "rho"),
    [(1, 0.5), (3, 0.7), (5, 0.9)],
)
def test_mean_wait_agrees_with_erlang_c(make_queue, servers, rho):
    """Poisson arrivals, exponential service: the mean wait matches Erlang C (95% CI)."""
    mean_service = 10.0
    arrivals = rho * servers / mean_service
    scenario = make_queue(
        servers=servers, arrivals_per_day=arrivals, mean_service_days=mean_service
    )
    results = replicate(scenario, 12, seed=7, workers=2)
    waits = results.kpi_values()["mean_ep_wait_days"]
    expected = erlang_c_wait(servers, arrivals, 1 / mean_service)
    estimate = results.kpis()["mean_ep_wait_days"]
    assert estimate.lower <= expected <= estimate.upper, (expected, estimate, waits)


@pytest.mark.parametrize(
    ("servers", "mean_service"),
    [(9, 1.0), (3, 0.375)],
)
def test_erlang_c_holds_at_several_arrivals_a_day(make_queue, servers, mean_service):
    """At 7.2 arrivals a day and service of a day or less, the wait matches Erlang C (95% CI).

    Here a fault in the arrivals within a day shows: requests of one day that
    arrive almost together raise the wait by a third at utilisation 0.8, far
    outside the interval.
    """
    arrivals = 7.2
    scenario = make_queue(
        servers=servers,
        arrivals_per_day=arrivals,
        mean_service_days=mean_service,
        years=3,
    )
    results = replicate(scenario, 10, seed=7, workers=2)
    expected = erlang_c_wait(servers, arrivals, 1 / mean_service)
    estimate = results.kpis()["mean_ep_wait_days"]
    assert estimate.lower <= expected <= estimate.upper, (expected, estimate)
    # Narrow enough that the fault (a third more wait) would fall outside it.
    assert estimate.upper - estimate.lower < 0.35 * expected


def test_littles_law_on_the_psychologists_queue(make_queue):
    """The time-average queue equals the arrival rate times the mean wait (L = lambda W)."""
    scenario = make_queue(servers=3, arrivals_per_day=0.24, mean_service_days=10.0)
    results = replicate(scenario, 12, seed=11, workers=2)
    ratios = []
    for run in results.runs:
        weekly = run.weekly
        after = weekly["day"] >= scenario.warmup_days
        queue = weekly["ep_queue"][after].mean()
        j = run.journeys
        asked = j["advice_asked"] >= scenario.warmup_days
        rate = np.count_nonzero(asked) / (scenario.horizon_days - scenario.warmup_days)
        ratios.append(queue / (rate * np.nanmean(j["ep_wait"][asked])))
    ratio = np.mean(ratios)
    assert 0.9 < ratio < 1.1, ratios
