"""Shared scenarios for the simulator tests."""

import datetime as dt

import pytest

from ehcplan.policy import load_policy
from ehcplan.sim import (
    Advice,
    AdviceSource,
    Consultation,
    Decision,
    Demand,
    Drafting,
    Exponential,
    Fixed,
    PlanPanel,
    Reviews,
    Scenario,
)


def queue_scenario(
    *, servers: int, arrivals_per_day: float, mean_service_days: float, years: int = 20
) -> Scenario:
    """An M/M/c queue for educational psychologists, everything else instant and ample."""
    return Scenario(
        name="M/M/c",
        start=dt.date(2020, 1, 6),
        horizon_days=365 * years,
        warmup_days=365,
        policy=load_policy("england-average"),
        demand=Demand(requests_per_week=arrivals_per_day * 7),
        decision=Decision(refuse_share=0.0, days=Fixed(days=0)),
        advice=Advice(
            educational_psychology=AdviceSource(
                staff=servers, days=Exponential(mean=mean_service_days)
            ),
            health=AdviceSource(days=Fixed(days=0)),
            social_care=AdviceSource(days=Fixed(days=0)),
        ),
        plan_panel=PlanPanel(
            panel="send-panel",
            deferred_share=0.0,
            no_plan_share=0.0,
            slots_per_meeting=10_000,
        ),
        drafting=Drafting(caseworkers=10_000, days=Fixed(days=1)),
        consultation=Consultation(
            representation_days=Fixed(days=0),
            school_days=Fixed(days=0),
            decline_share=0.0,
            finalise_days=Fixed(days=0),
        ),
        reviews=Reviews(new_plans=False),
    )


@pytest.fixture(scope="session")
def make_queue():
    """`queue_scenario`, for tests that build M/M/c scenarios."""
    return queue_scenario


@pytest.fixture(scope="session")
def small() -> Scenario:
    """A year of the default scenario's shape at a small scale, quick to run."""
    import attrs

    from ehcplan.sim import default_scenario

    base = default_scenario()
    return attrs.evolve(
        base,
        horizon_days=400,
        warmup_days=0,
        reviews=attrs.evolve(base.reviews, plans=300),
    )
