"""The SimPy processes of a run: arrivals, each request's journey, annual reviews, a weekly monitor.

Processes are plain generator functions over a `World` (`ehcplan.sim.world`).
Contention is a `Pool` (educational psychologists and other staffed advice
sources, caseworkers) or a panel's `Diary`; a pure delay is a timeout. Every
rule question is asked of the domain: the deadlines and periods of
`ehcplan.timeline.table` (the 15 days for representations, the annual review
and the 4 weeks for its decision, the phase-transfer deadline), and the next
meeting a referral can reach of `ehcplan.panels`.

To keep a request to a handful of events, durations are drawn in batches
(`Streams`), advice sources without staff are pure delays folded into one
timeout, and the family's representations, the school's consultation and
finalising are one timeout from the draft.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Generator, Sequence
from typing import Any

import numpy as np
import simpy

from ehcplan.sim.distributions import Distribution
from ehcplan.sim.outcomes import ISSUED, NO_PLAN, OPEN, REFUSED
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.world import ASSESS, PLAN, OpenCase, Resume, Streams, World
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock
from ehcplan.timeline.reviews import phase_transfer_deadline

__all__ = ["arrivals", "monitor", "request", "reviews", "simulate"]

Process = Generator[simpy.Event, Any, None]


@functools.lru_cache(maxsize=65_536)
def _last_day(clock: Clock, trigger: dt.date) -> dt.date:
    return clock.last_day(trigger)


def arrivals(world: World) -> Process:
    """Start each request's journey at its arrival time."""
    env = world.env
    first = len(world.open_cases)
    for index, at in enumerate(world.arrival_times):
        if at > env.now:
            yield env.timeout(at - env.now)
        env.process(request(world, first + index))


_TRIES = 20
"""How many draws a warm start sets aside looking for a duration longer than the time spent."""


def _residual(
    streams: Streams, name: str, distribution: Distribution, elapsed: float
) -> float:
    """What is left of a step's duration once *elapsed* days of it have passed.

    The duration is drawn given that it is longer than *elapsed* (a case still
    waiting after a long time is, on the evidence, a long case): draws at or
    below *elapsed* are set aside, up to 20 of them; if none is longer, the
    step ends now.
    """
    if elapsed <= 0:
        return streams.draw(name, distribution)
    for _ in range(_TRIES):
        days = streams.draw(name, distribution)
        if days > elapsed:
            return days - elapsed
    return 0.0


def _advice_and_panel(world: World, i: int, resume: OpenCase | None) -> Process:
    """Advice (reg 8), then the panel that decides whether a plan is needed."""
    env, s, streams, j = world.env, world.scenario, world.streams, world.journeys
    # Staffed sources queue for staff; the others are response times.
    asked = env.now if resume is None else resume.since
    j.advice_asked[i] = asked
    elapsed = env.now - asked
    draws = [streams.draw(name, source.days) for name, source, _ in world.advice_pools]
    # A request still gathering advice after *elapsed* days has advice that takes
    # longer than that: draw the sources again, together, until the last is later.
    for _ in range(_TRIES if elapsed > 0 else 0):
        if max(draws) > elapsed:
            break
        draws = [
            streams.draw(name, source.days) for name, source, _ in world.advice_pools
        ]
    done = env.now
    for (name, _source, pool), drawn in zip(world.advice_pools, draws, strict=True):
        days = max(0.0, drawn - elapsed)
        if pool is None:
            done = max(done, env.now + days)
            continue
        start = pool.book(env.now, days)
        world.work(name, start, days)
        done = max(done, start + days)
        if name == "educational psychology":
            j.ep_wait[i] = start - env.now
    if done > env.now:
        yield env.timeout(done - env.now)
    j.advice_done[i] = env.now

    # The panel that decides whether a plan is needed.
    panel = s.plan_panel
    ready = env.now + streams.draw("prepare", panel.prepare_days)
    diary = world.plan_diary
    meeting = diary.book(ready, PLAN)
    while True:
        if meeting > env.now:
            yield env.timeout(meeting - env.now)
        if not streams.chance("defer", panel.deferred_share):
            break
        diary.defer(meeting)
        j.deferrals[i] += 1
        meeting = diary.book(meeting + 1, PLAN, waiting_since=meeting)
    j.panel[i] = env.now
    if streams.chance("no plan", panel.no_plan_share):
        j.no_plan[i] = env.now  # the reg 10 notice
        j.outcome[i] = NO_PLAN


def request(world: World, i: int, resume: OpenCase | None = None) -> Process:  # noqa: C901, PLR0912, PLR0915 - one journey reads best in one place
    """One request for an EHC needs assessment, from receipt to its outcome.

    With *resume*, the request was already in progress when the run started:
    it joins at its stage, and what is left of that stage is drawn given the
    time already spent in it (`_residual`).
    """
    env, s, streams, j = world.env, world.scenario, world.streams, world.journeys
    stage = None if resume is None else resume.stage
    if resume is None:
        j.received[i] = env.now
        j.source[i] = _pick_source(world)
    else:
        j.received[i] = resume.received
        j.source[i] = resume.source
        if resume.exception:
            j.exception[i] = 1

    if stage is None or stage is Resume.AWAITING_DECISION:
        # The decision whether to assess (reg 5), by an officer or at a panel.
        since = env.now if resume is None else resume.since
        wait = _residual(streams, "decision", s.decision.days, env.now - since)
        if wait:
            yield env.timeout(wait)
        if world.decision_diary is not None:
            meeting = world.decision_diary.book(env.now, ASSESS)
            if meeting > env.now:
                yield env.timeout(meeting - env.now)
        j.decided[i] = env.now
        if streams.chance("refuse", s.decision.refuse_share):
            j.outcome[i] = REFUSED
            if not streams.chance("appeal", s.disputes.appeal_share):
                return
            j.appealed[i] = True
            yield env.timeout(streams.draw("tribunal", s.disputes.tribunal_days))
            if not streams.chance("order", s.disputes.order_share):
                return
            j.order[i] = env.now  # reg 44(2): the authority must now assess
            j.outcome[i] = OPEN
    else:
        j.decided[i] = resume.since if stage is Resume.ASSESSING else math.nan  # type: ignore[union-attr]
    j.assess[i] = True

    if stage in (None, Resume.AWAITING_DECISION, Resume.ASSESSING):
        yield from _advice_and_panel(
            world, i, resume if stage is Resume.ASSESSING else None
        )
        if j.outcome[i] == NO_PLAN:
            return

    if stage is not Resume.DRAFT_ISSUED:
        # Drafting, by a caseworker.
        since = resume.since if stage is Resume.DRAFTING else env.now  # type: ignore[union-attr]
        days = _residual(streams, "drafting", s.drafting.days, env.now - since)
        start = world.caseworkers.book(env.now, days)
        world.work("caseworkers", start, days)
        if start + days > env.now:
            yield env.timeout(start + days - env.now)
        draft = env.now
    else:
        draft = resume.since  # type: ignore[union-attr]
    j.draft[i] = draft

    # 15 days for representations (reg 13(1)) alongside school consultation, then the final plan.
    consultation = s.consultation
    served = s.date_at(draft)
    period = (_last_day(table.REPRESENTATIONS, served) - served).days + 1
    family = min(
        streams.draw("representations", consultation.representation_days), period
    )
    school = streams.draw("school", consultation.school_days)
    rounds = 1
    while rounds < 3 and streams.chance("decline", consultation.decline_share):
        school += streams.draw("school", consultation.school_days)
        rounds += 1
    finalise = streams.draw("finalise", consultation.finalise_days)
    wait = max(0.0, draft + max(family, school) + finalise - env.now)
    if wait:
        yield env.timeout(wait)
    j.issued[i] = env.now
    j.outcome[i] = ISSUED
    if world.grounds and not j.exception[i]:
        roll = streams.uniform("exception")
        for ground, share in world.grounds:
            if roll < share:
                j.exception[i] = world.ground_codes[ground]
                break
            roll -= share
    if s.reviews.new_plans:
        # The first review meeting is held so that its decision (4 weeks, reg 20(10))
        # falls on the last day of the annual review (CFA 2014 s44(1)).
        due = _last_day(table.ANNUAL_REVIEW, s.date_at(env.now))
        meeting_day = s.day_of(_latest_trigger(table.REVIEW_DECISION, due))
        if meeting_day < s.horizon_days:
            world.review_meetings.put(float(meeting_day))


@functools.lru_cache(maxsize=65_536)
def _latest_trigger(clock: Clock, due: dt.date) -> dt.date:
    return clock.latest_trigger(due)


def _pick_source(world: World) -> int:
    sources = world.scenario.demand.sources
    roll = world.streams.uniform("sources")
    for source, share in sources.items():
        if roll < share:
            return int(source.value)
        roll -= share
    return int(next(iter(sources)).value) if sources else 0


def reviews(world: World) -> Process:
    """Hold each annual review meeting on its day; a caseworker's time then gives the decision.

    One process walks the meetings in date order, so a review costs one event:
    the caseworker pool gives the decision day at the meeting.
    """
    env, s, diary = world.env, world.scenario, world.review_meetings
    for day in _stock_schedule(world):
        diary.put(day)
    while True:
        if not diary:
            diary.idle = env.event()
            yield diary.idle
            diary.idle = None
            continue
        meeting = diary.first()
        if meeting > env.now:
            diary.target = meeting
            try:
                yield env.timeout(meeting - env.now)
            except simpy.Interrupt:
                continue
            diary.target = None
            continue
        diary.pop()
        days = world.streams.draw("review", s.reviews.days)
        start = world.caseworkers.book(env.now, days)
        world.work("caseworkers", start, days)
        world.reviews.append((meeting, start + days))


def _stock_schedule(world: World) -> list[float]:
    """Review meetings for the plans in place: one a year each, on a day spread over the year.

    Phase-transfer reviews fall in the season from the start of the school year
    (1 September) to the phase-transfer deadline the timeline gives (before
    15 February, SI 2014/1530 reg 18(1)(a)); the others anywhere in the year.
    Each plan keeps its place in the year (or in the season) from year to year.
    """
    s = world.scenario
    plans = s.reviews.plans
    if plans == 0:
        return []
    generator = world.streams.generators["review schedule"]
    phase = generator.random(plans) < s.reviews.phase_transfer_share
    place = generator.random(plans)
    days: list[float] = []
    for year in range(s.start.year - 1, s.date_at(s.horizon_days).year + 1):
        opens = dt.date(year, 9, 1)
        season = (phase_transfer_deadline(year + 1) - opens).days + 1
        first = dt.date(year, 1, 1)
        length = (dt.date(year + 1, 1, 1) - first).days
        in_year = np.where(
            phase,
            s.day_of(opens) + np.floor(place * season),
            s.day_of(first) + np.floor(place * length),
        )
        days.extend(in_year[(in_year >= 0) & (in_year < s.horizon_days)].tolist())
    return sorted(days)


def monitor(world: World) -> Process:
    """Each week: open requests, and queues for psychologists and caseworkers."""
    env, j = world.env, world.journeys
    ep_pool = next(
        (pool for _, _, pool in world.advice_pools if pool is not None), None
    )
    arrived = 0
    times = world.arrival_times
    while env.now < world.scenario.horizon_days:
        arrived = int(np.searchsorted(times, env.now, side="right"))
        ended = int(np.count_nonzero(j.outcome[:arrived] != OPEN))
        world.weekly.append(
            (
                int(env.now),
                arrived,
                arrived - ended,
                0 if ep_pool is None else ep_pool.waiting(env.now),
                world.caseworkers.waiting(env.now),
            )
        )
        yield env.timeout(7)


def simulate(
    scenario: Scenario,
    seed: np.random.SeedSequence,
    open_cases: Sequence[OpenCase] = (),
) -> World:
    """Run *scenario* once to its horizon and return the filled-in world.

    *open_cases* are requests already in progress at the start (a warm start);
    they take the first rows of the journeys.
    """
    world = World(scenario, seed, open_cases)
    env = world.env
    for index, case in enumerate(world.open_cases):
        env.process(request(world, index, case))
    env.process(arrivals(world))
    world.review_meetings.process = env.process(reviews(world))
    env.process(monitor(world))
    if scenario.surge is not None:
        from ehcplan.sim.surge import respond

        env.process(respond(world))
    env.run(until=scenario.horizon_days)
    return world
