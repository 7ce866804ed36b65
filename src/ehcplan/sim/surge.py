"""Capacity that responds to a backlog: extra staff hired after a lag when waits pass a threshold.

Real services do not hold their capacity fixed while a queue grows: they buy
agency psychologists, pay overtime, triage. Without that response a
simulated authority near saturation sees its backlog run away and its share
of plans within 20 weeks collapse, while on DfE's figures authorities that
fell behind often recovered the next year. A scenario's ``[surge]`` section
(`Surge`) models the response, bounded and costed:

- each week, for each pool of staff (educational psychologists, any other
  advice source with staff, caseworkers), its backlog is measured in days:
  the jobs waiting to start, times the pool's mean time per job, over the
  pool's own staff (how long its own staff would take to clear them);
- when that passes *wait_days*, and stays past it for *lag_days* (the time to
  find and start agency staff), *extra_share* of the pool's own staff is
  added (at least one), and again after each further *lag_days* while the
  wait stays past the threshold, up to *max_share* extra;
- when the backlog falls below half the threshold, one step of extra staff
  leaves each week until none is left, each once the work booked on it is
  done; a backlog that falls back below the threshold before staff arrive
  cancels the hiring;
- every extra member of staff costs *cost_per_day* (exact pence) for each day
  in post, a part day counted whole; the KPIs count the staff-days and their
  cost after the warm-up (``surge_staff_days``, ``surge_cost_pence``;
  `Run.surge_cost` in `ehcplan.sim.results`).

Staff are counted as the scenario counts them: for psychologists, assessments
that can be in progress at once, so *cost_per_day* is what one more
assessment in progress costs a day (an agency psychologist's day rate
divided by the assessments one carries at once).

Extra staff take work as it arrives: work already waiting keeps its place
with the authority's own staff (the pools book each job's start when it
joins, `ehcplan.sim.world`). So a surge shortens the waits of new requests
first, as agency staff given the new referrals do.

`calibrate_surge` sets *extra_share* from the panel's year-to-year
recoveries (`ehcplan.sim.calibrate_published`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.money import Money

if TYPE_CHECKING:  # pragma: no cover
    import simpy

    from ehcplan.sim.scenario import Scenario
    from ehcplan.sim.world import Pool, World

__all__ = ["Surge", "respond"]

_WEEK = 7


def _positive(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        msg = f"surge {attribute.name} must be a number more than 0, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _days(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"surge {attribute.name} must be a whole number of days of at least 0, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _money(value: object) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, str):
        try:
            return Money.parse(value, field="cost_per_day")
        except InvalidInput:
            msg = (
                f"surge cost_per_day {value!r} is not an amount of money; write "
                'pounds and pence as text, e.g. "£450" or "450.00".'
            )
            raise InvalidInput(msg, field="cost_per_day") from None
    msg = (
        "surge cost_per_day must be an amount of money as text, e.g. "
        f'cost_per_day = "£450"; got {value!r}.'
    )
    raise InvalidInput(msg, field="cost_per_day")


@attrs.frozen(kw_only=True)
class Surge:
    """Extra staff hired after a lag when a pool's backlog passes a threshold, released after.

    Attributes:
        wait_days: The backlog (days a pool's own staff would take to clear the
            jobs waiting) past which extra staff are sought.
        lag_days: How long the backlog must stay past the threshold before extra
            staff start, and between further steps.
        extra_share: Each step adds this share of the pool's own staff (at least one).
        max_share: At most this share of the pool's own staff is extra.
        cost_per_day: What one extra member of staff costs a day (Money text in a
            file, e.g. ``"£450"``).

    Examples:
        >>> surge = Surge(wait_days=42, lag_days=56, extra_share=0.25, max_share=1.0,
        ...               cost_per_day="£450")
        >>> surge.cost_per_day, surge.step(10), surge.most(10)
        (Money('£450.00'), 3, 10)
        >>> Surge(wait_days=42, lag_days=56, extra_share=0.25, max_share=0.1,
        ...       cost_per_day="£450")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: surge max_share (0.1) must be at least extra_share (0.25); ...
    """

    wait_days: float = attrs.field(validator=_positive)
    lag_days: int = attrs.field(validator=_days)
    extra_share: float = attrs.field(validator=_positive)
    max_share: float = attrs.field(validator=_positive)
    cost_per_day: Money = attrs.field(converter=_money)

    def __attrs_post_init__(self) -> None:
        """Check the steps fit under the maximum."""
        if self.max_share < self.extra_share:
            msg = (
                f"surge max_share ({self.max_share}) must be at least extra_share "
                f"({self.extra_share}); raise max_share or lower extra_share."
            )
            raise InvalidInput(msg, field="max_share")
        if self.cost_per_day.pence < 0:
            msg = f"surge cost_per_day must not be negative, got {self.cost_per_day}."
            raise InvalidInput(msg, field="cost_per_day")

    def step(self, staff: int) -> int:
        """How many extra staff one step adds to a pool of *staff* (at least one)."""
        return max(1, math.ceil(self.extra_share * staff - 1e-9))

    def most(self, staff: int) -> int:
        """The most extra staff a pool of *staff* may have (at least one step)."""
        return max(self.step(staff), math.floor(self.max_share * staff + 1e-9))


def _add(pool: Pool, now: float, count: int) -> None:
    """Give *pool* *count* more servers, free from *now*."""
    for _ in range(count):
        heapq.heappush(pool._free, now)  # noqa: SLF001 - the pool's heap of free times


def _remove(pool: Pool, count: int) -> list[float]:
    """Take *count* servers from *pool*; return when each finishes the work booked on it.

    The servers whose booked work ends soonest leave, once it is done.
    """
    free = sorted(pool._free)  # noqa: SLF001 - see _add
    leaving, pool._free = free[:count], free[count:]  # noqa: SLF001 - sorted: a heap
    return leaving


class _State:
    def __init__(self, name: str, pool: Pool, job_days: float) -> None:
        self.name = name
        self.pool = pool
        self.staff = pool.capacity
        self.job_days = job_days
        self.extra = 0
        self.hire_on: float | None = None

    def backlog_days(self, now: float) -> float:
        """How long the pool's own staff would take to clear the jobs waiting at *now*."""
        return self.pool.waiting(now) * self.job_days / self.staff


def respond(world: World) -> Generator[simpy.Event, Any, None]:
    """The surge process of a run: weekly, hire or release extra staff for each pool.

    Records the staff-days of extra staff in each pool after the warm-up in
    ``world.surge_days``.
    """
    env, scenario = world.env, world.scenario
    surge = scenario.surge
    assert surge is not None  # noqa: S101 - started only for a scenario with a surge
    states = [
        _State(name, pool, source.days.mean)
        for name, source, pool in world.advice_pools
        if pool is not None
    ]
    states.append(_State("caseworkers", world.caseworkers, scenario.drafting.days.mean))
    for state in states:
        world.surge_days[state.name] = 0
    while env.now < scenario.horizon_days:
        now = float(env.now)
        for state in states:
            wait = state.backlog_days(now)
            if wait > surge.wait_days:
                if state.hire_on is None:
                    state.hire_on = now + surge.lag_days
                if now >= state.hire_on:
                    room = surge.most(state.staff) - state.extra
                    added = min(surge.step(state.staff), room)
                    if added > 0:
                        _add(state.pool, now, added)
                        state.extra += added
                    state.hire_on = now + surge.lag_days
            else:
                state.hire_on = None
                if wait < surge.wait_days / 2 and state.extra:
                    removed = min(surge.step(state.staff), state.extra)
                    for done in _remove(state.pool, removed):
                        # Paid by the day until the work booked on them is done.
                        world.surge_days[state.name] += _days_within(
                            scenario, now, done
                        )
                    state.extra -= removed
            world.surge_days[state.name] += state.extra * _days_within(
                scenario, now, now + _WEEK
            )
        yield env.timeout(_WEEK)


def _days_within(scenario: Scenario, start: float, end: float) -> int:
    """The whole days from *start* to *end* (rounded up) that fall after the warm-up."""
    first = max(start, float(scenario.warmup_days))
    last = min(end, float(scenario.horizon_days))
    return max(0, math.ceil(last - first - 1e-9))
