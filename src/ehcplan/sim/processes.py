"""The SimPy processes of a run: each request's journey, annual reviews, a weekly monitor.

Processes are plain generator functions over a `World` (`ehcplan.sim.world`).
Contention is a `Pool` (educational psychologists and other staffed advice
sources, caseworkers) or a panel's `Diary`; a pure delay is a timeout. Every
rule question is asked of the domain: the deadlines and periods of
`ehcplan.timeline.table` (the 15 days for representations, the annual review
and the 4 weeks for its decision, the phase-transfer deadline, the Tribunal's
limit for an appeal), the meetings a referral can reach of `ehcplan.panels`,
the chair's emergency funding of `ehcplan.panels.EmergencyFunding`, a
placement's review of `ehcplan.funding.placement_review`, and each plan's RAS
score, indicative resource and sign-off route of `ehcplan.ras` (drawn and
answered for every request before the run, `ehcplan.sim.facts`).

To keep a request to a handful of events, its draws are made before the run,
a request's process starts when its decision whether to assess is due (one
event for its arrival and its decision), advice
sources without staff are pure delays folded into one timeout, and drafting,
the family's representations, the school's consultation and finalising are one
timeout from the decision to issue.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import gc
import math
from collections.abc import Generator, Iterator, Sequence
from typing import Any

import numpy as np
import simpy

from ehcplan.errors import InvalidInput
from ehcplan.funding import placement_review
from ehcplan.money import Money
from ehcplan.panels import EmergencyFunding
from ehcplan.sim.distributions import Distribution
from ehcplan.sim.facts import Dispute
from ehcplan.sim.outcomes import ISSUED, NO_PLAN, OPEN, REFUSED
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.world import (
    ASSESS,
    PLACEMENT,
    PLACEMENT_REVIEW,
    PLAN,
    OpenCase,
    Resume,
    Streams,
    World,
)
from ehcplan.timeline import appeal_deadline, table
from ehcplan.timeline.reviews import phase_transfer_deadline

__all__ = ["arrivals", "monitor", "paused_collection", "request", "reviews", "simulate"]

Process = Generator[simpy.Event, Any, None]


class _StartsLater(simpy.Process):
    """A process whose generator starts *delay* days from now, on one event.

    `simpy.Process` starts a generator on an event of its own, and a journey's
    first step, waiting for its decision, would be a second; this process
    starts on that wait, one event a request fewer. It sets what
    `simpy.Process.__init__` sets (SimPy 4 keeps the generator in
    ``_generator`` and the event it waits for in ``_target``), which
    ``tests/sim/test_processes.py`` pins.
    """

    def __init__(
        self, env: simpy.Environment, generator: Process, delay: float
    ) -> None:
        self.env = env
        self.callbacks = []
        self._generator = generator
        self._target = simpy.Timeout(env, delay)
        self._target.callbacks.append(self._resume)


def arrivals(world: World) -> None:
    """Start each new request's journey on the day its decision whether to assess is due."""
    env, j, f = world.env, world.journeys, world.facts
    first = len(world.open_cases)
    for i in range(first, first + len(world.arrival_times)):
        _StartsLater(env, request(world, i), j.received[i] + f.decision_days[i])


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


@functools.lru_cache(maxsize=65_536)
def _appeal_limit(sent: dt.date, certificate: dt.date | None) -> dt.date:
    return appeal_deadline(sent, certificate_issued_on=certificate).due


def _dispute(
    world: World, dispute: Dispute, i: int, decided: float
) -> tuple[float, float, float]:
    """When a decision's mediation certificate, appeal and Tribunal decision fall (NaN: none).

    The appeal is registered the drawn time after the decision (or the
    certificate), and on the last day the Tribunal's rules allow at the latest
    (SI 2008/2699 r.20(1)(c) and r.12, `ehcplan.timeline.appeal_deadline`).
    """
    s = world.scenario
    certificate = (
        decided + dispute.mediation_days[i] if dispute.mediation[i] else math.nan
    )
    since = decided if math.isnan(certificate) else certificate
    limit = _appeal_limit(
        s.date_at(decided), None if math.isnan(certificate) else s.date_at(certificate)
    )
    registered = min(since + dispute.appeal_days[i], float(s.day_of(limit)))
    registered = max(registered, since)
    return certificate, registered, registered + dispute.tribunal_days[i]


def _advice(world: World, i: int, resume: OpenCase | None) -> float:
    """Ask for advice (reg 8) and return the day the last of it comes in."""
    env, streams, j, f = world.env, world.streams, world.journeys, world.facts
    now = env.now
    if resume is None:
        # Sources without staff are response times: the last of them is drawn with
        # the request (`Facts.unstaffed`); staffed ones queue for staff.
        j.advice_asked[i] = now
        done = now + f.unstaffed[i]
        for name, staff, times in world.staffed:
            took = times[i]
            start = staff.book(now, took)
            if start + took > done:
                done = start + took
            if name == "educational psychology":
                j.ep_wait[i] = start - now
        return done
    asked = resume.since
    j.advice_asked[i] = asked
    elapsed = now - asked
    draws = [days[i] for days in f.advice_days]
    # A request still gathering advice after *elapsed* days has advice that takes
    # longer than that: draw the sources again, together, until the last is later.
    for _ in range(_TRIES if elapsed > 0 else 0):
        if max(draws) > elapsed:
            break
        draws = [
            streams.draw(name, source.days) for name, source, _ in world.advice_pools
        ]
    done = now
    for (name, _source, pool), drawn in zip(world.advice_pools, draws, strict=True):
        days = drawn - elapsed if drawn > elapsed else 0.0
        if pool is None:
            done = max(done, now + days)
            continue
        start = pool.book(now, days)
        done = max(done, start + days)
        if name == "educational psychology":
            j.ep_wait[i] = start - now
    return done


def _decide_plan(world: World, i: int, resume: OpenCase | None) -> Process:
    """Advice, the papers and the RAS, then the decision whether to issue a plan.

    The panel hears the case when the sign-off route sends it there, or the
    family asked for a personal budget (the panel decides budgets); otherwise
    the lead SEND co-ordinator signs it off (seed 001). Either may decide not
    to issue a plan (the reg 10 notice).
    """
    env, j, f = world.env, world.journeys, world.facts
    done = _advice(world, i, resume)
    j.advice_done[i] = done
    ready = done + f.prepare[i]
    j.papers[i] = ready
    period = 0 if world.one_period else f.period(ready)
    world.ras_period[i] = period
    heard = world.every_plan_heard or f.heard_on[period][i]
    j.heard[i] = heard
    if heard:
        now = env.now
        if ready > now:  # the referral is booked when the papers are ready
            yield env.timeout(ready - now)
        diary = world.plan_diary
        meeting = diary.book(ready, PLAN)
        deferred = world.scenario.plan_panel.deferred_share
        while True:
            if meeting > env.now:
                yield env.timeout(meeting - env.now)
            if not deferred or not world.streams.chance("defer", deferred):
                break
            diary.defer(meeting)
            j.deferrals[i] += 1
            meeting = diary.book(meeting + 1, PLAN, waiting_since=meeting)
    else:
        yield env.timeout(ready + f.signoff[i] - env.now)
    j.panel[i] = env.now
    if not f.no_plan[i]:
        return
    s = world.scenario
    j.no_plan[i] = env.now  # the reg 10 notice
    j.outcome[i] = NO_PLAN
    world.ended += 1
    ground, j.exception[i] = j.exception[i], 0  # no 20-week limit to disapply now
    dispute = f.disputes[1]
    if not dispute.appeal[i]:
        return
    mediation, registered, tribunal = _dispute(world, dispute, i, env.now)
    if registered >= s.horizon_days:
        return
    j.assessment_mediation[i] = mediation
    j.assessment_appeal[i] = registered
    j.appeal_on[i] = 2
    if tribunal >= s.horizon_days:
        return
    yield env.timeout(tribunal - env.now)
    j.assessment_tribunal[i] = env.now
    if dispute.order[i]:
        j.plan_order[i] = env.now  # reg 44(2): make and maintain a plan
        j.outcome[i] = OPEN
        world.ended -= 1
        j.exception[i] = ground


def _placement(world: World, i: int, funded: simpy.Event) -> Process:
    """A jointly funded placement at the Access to Resources panel (seed 004).

    The referral reaches the first meeting its papers can (with the cut-off);
    an emergency is funded at once by the chair (`EmergencyFunding`), when the
    terms allow it, and goes to the next available meeting for confirmation.
    *funded* succeeds when the placement can be named in the plan: at the
    chair's agreement, or at the panel's.
    """
    env, s, j, f = world.env, world.scenario, world.journeys, world.facts
    placements = s.placements
    diary = world.placement_diary
    assert placements is not None  # noqa: S101 - only started then
    assert diary is not None  # noqa: S101 - only started then
    yield env.timeout(f.referral[i])
    j.referred[i] = env.now
    if f.emergency[i]:
        terms = s.policy.funding.terms.at(s.date_at(env.now))  # type: ignore[union-attr]
        try:
            EmergencyFunding.agree(
                diary.panel,
                terms,
                reference=f"R{i}",
                on=s.date_at(env.now),
                amount=Money(max(1, int(f.weekly_fee[i] * f.weeks[i]))),
                chair="chair",
            )
        except InvalidInput:  # the terms do not let the chair agree funding
            pass
        else:
            j.emergency[i] = True
            funded.succeed()
    meeting = diary.book(env.now, PLACEMENT)
    while True:
        if meeting > env.now:
            yield env.timeout(meeting - env.now)
        if not world.streams.chance("atr defer", placements.deferred_share):
            break
        diary.defer(meeting)
        j.atr_deferrals[i] += 1
        meeting = diary.book(meeting + 1, PLACEMENT, waiting_since=meeting)
    j.atr[i] = env.now
    if not funded.triggered:
        funded.succeed()


def _review_placement(world: World, i: int, placed: float) -> None:
    """Book the placement's review, 6 months from the date of placement (seed 004, 4.4)."""
    s, f, diary = world.scenario, world.facts, world.placement_diary
    assert diary is not None  # noqa: S101 - only booked then
    assert s.policy.funding is not None  # noqa: S101 - the scenario checks it
    assert s.policy.funding.terms is not None  # noqa: S101
    on = s.date_at(placed)
    placement = f.placement_of(i, on)
    due = s.day_of(placement_review(placement, s.policy.funding.terms.at(on)).due)
    if due < s.horizon_days:
        world.journeys.placement_review[i] = diary.book(float(due), PLACEMENT_REVIEW)


def request(world: World, i: int, resume: OpenCase | None = None) -> Process:  # noqa: C901, PLR0912, PLR0915 - one journey reads best in one place
    """One request for an EHC needs assessment, from receipt to its outcome.

    With *resume*, the request was already in progress when the run started:
    it joins at its stage, and what is left of that stage is drawn given the
    time already spent in it (`_residual`).
    """
    env, j, f = world.env, world.journeys, world.facts
    stage = None if resume is None else resume.stage
    fresh = stage is None
    if resume is not None:
        j.received[i] = resume.received
        j.source[i] = resume.source
        if resume.exception:
            j.exception[i] = 1

    if fresh or stage is Resume.AWAITING_DECISION:
        # The decision whether to assess (reg 5), by an officer or at a panel.
        if resume is None:
            wait = j.received[i] + f.decision_days[i] - env.now
        else:
            s = world.scenario
            wait = _residual(
                world.streams, "decision", s.decision.days, env.now - resume.since
            )
        if wait > 0:
            yield env.timeout(wait)
        if world.decision_diary is not None:
            meeting = world.decision_diary.book(env.now, ASSESS)
            if meeting > env.now:
                yield env.timeout(meeting - env.now)
        j.decided[i] = env.now
        if f.refuse[i]:
            yield from _refused(world, i)
            if j.outcome[i] == REFUSED or env.now >= world.scenario.horizon_days:
                return
    else:
        j.decided[i] = resume.since if stage is Resume.ASSESSING else math.nan  # type: ignore[union-attr]
    j.assess[i] = True

    assessing = fresh or stage is Resume.AWAITING_DECISION or stage is Resume.ASSESSING
    if assessing:
        yield from _decide_plan(world, i, resume if stage is Resume.ASSESSING else None)
        if j.outcome[i] == NO_PLAN or env.now >= world.scenario.horizon_days:
            return

    funded = None
    if assessing and f.placement[i]:
        funded = env.event()
        env.process(_placement(world, i, funded))

    now = env.now
    if stage is not Resume.DRAFT_ISSUED:
        # Drafting, by a caseworker.
        if resume is not None and stage is Resume.DRAFTING:
            elapsed = now - resume.since
            days = _residual(
                world.streams, "drafting", world.scenario.drafting.days, elapsed
            )
        else:
            days = f.drafting[i]
        draft = world.caseworkers.book(now, days) + days
    else:
        draft = resume.since  # type: ignore[union-attr]
    j.draft[i] = draft

    # 15 days for representations (reg 13(1)) alongside school consultation, then
    # the final plan; an exception ground holds it up.
    served = int(draft)
    periods = world.representation_days
    if 0 <= served < len(periods):
        period = periods[served]
    else:
        on = world.scenario.date_at(draft)
        period = (table.REPRESENTATIONS.last_day(on) - on).days + 1
    family = f.family[i]
    if family > period:
        family = period
    school = f.school[i]
    final = draft + (family if family > school else school) + f.finalise[i]
    final += f.exception_days[i]
    if final > now:
        yield env.timeout(final - now)
    if funded is not None and not funded.triggered:
        yield funded  # the plan names the placement once it is funded
    issued = env.now
    j.issued[i] = issued
    j.outcome[i] = ISSUED
    world.ended += 1
    world.issued += 1
    _after_issue(world, i, issued)


def _refused(world: World, i: int) -> Process:
    """A refusal to assess: any appeal, after mediation or not, and an order to assess."""
    env, j, f = world.env, world.journeys, world.facts
    j.outcome[i] = REFUSED
    world.ended += 1
    ground, j.exception[i] = j.exception[i], 0  # no 20-week limit to disapply
    dispute = f.disputes[0]
    if not dispute.appeal[i]:
        return
    horizon = world.scenario.horizon_days
    mediation, registered, tribunal = _dispute(world, dispute, i, env.now)
    if registered >= horizon:
        return
    j.appealed[i] = True
    j.request_mediation[i] = mediation
    j.request_appeal[i] = registered
    if tribunal >= horizon:
        return
    yield env.timeout(tribunal - env.now)
    j.request_tribunal[i] = env.now
    if not dispute.order[i]:
        return
    j.order[i] = env.now  # reg 44(2): the authority must now assess
    j.outcome[i] = OPEN
    world.ended -= 1
    j.exception[i] = ground


def _after_issue(world: World, i: int, issued: float) -> None:
    """What follows a plan: its ceasing, any appeal on it, its reviews."""
    s, j, f = world.scenario, world.journeys, world.facts
    horizon = s.horizon_days
    ceased = issued + f.cease_after[i]
    if ceased < horizon:
        j.ceased[i] = ceased
        j.cease_reason[i] = f.cease_reason[i] + 1
        bisect.insort(world.ceased_days, ceased)
    if j.emergency[i] or not math.isnan(j.atr[i]):
        placed = j.referred[i] if j.emergency[i] else issued
        if world.placement_diary is not None:
            _review_placement(world, i, placed)
    dispute = f.disputes[2]
    if dispute.appeal[i]:
        mediation, registered, tribunal = _dispute(world, dispute, i, issued)
        if registered < horizon:
            j.assessment_mediation[i] = mediation
            j.assessment_appeal[i] = registered
            j.appeal_on[i] = 3
            if tribunal < horizon:
                j.assessment_tribunal[i] = tribunal
                if dispute.order[i]:
                    j.plan_order[i] = tribunal  # an order to amend the plan
    if s.reviews.new_plans:
        # A review a year while the plan is in place, each within 12 months of
        # the plan or the last review (`World.review_days`).
        day, table_days = int(issued), world.review_days
        while day < len(table_days):
            due, meeting_day = table_days[day]
            if meeting_day >= horizon or meeting_day >= ceased:
                break
            world.review_meetings.put(float(meeting_day))
            day = due


def reviews(world: World) -> Process:
    """Hold each annual review meeting on its day; a caseworker's time then gives the decision.

    One process walks the meetings in date order, so a day of reviews costs one
    event: the caseworker pool gives each decision day at the meeting.
    """
    env, s, diary = world.env, world.scenario, world.review_meetings
    for day in _stock_schedule(world):
        diary.put(day)
    draw = world.streams.draw
    days = s.reviews.days
    book = world.caseworkers.book
    held = world.reviews
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
        took = draw("review", days)
        held.append((meeting, book(env.now, took) + took))


def _stock_schedule(world: World) -> list[float]:
    """Review meetings for the plans in place: one a year each, on a day spread over the year.

    Phase-transfer reviews fall in the season from the start of the school year
    (1 September) to the phase-transfer deadline the timeline gives (before
    15 February, SI 2014/1530 reg 18(1)(a)); the others anywhere in the year.
    Each plan keeps its place in the year (or in the season) from year to year,
    until it ceases.
    """
    s = world.scenario
    plans = s.reviews.plans
    if plans == 0:
        return []
    generator = world.streams.generators["review schedule"]
    phase = generator.random(plans) < s.reviews.phase_transfer_share
    place = generator.random(plans)
    ceased = np.array(world.stock_ceased)
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
        kept = (in_year >= 0) & (in_year < s.horizon_days) & (in_year < ceased)
        days.extend(in_year[kept].tolist())
    return sorted(days)


def monitor(world: World) -> Process:
    """Each week: open requests, queues for psychologists and caseworkers, plans in place."""
    env = world.env
    ep_pool = next(
        (pool for _, _, pool in world.advice_pools if pool is not None), None
    )
    times = world.arrival_times
    first = len(world.open_cases)
    stock = sorted(world.stock_ceased)
    ceased = world.ceased_days
    while env.now < world.scenario.horizon_days:
        now = env.now
        arrived = first + bisect.bisect_right(times, now)
        in_place = len(stock) - bisect.bisect_right(stock, now)
        world.weekly.append(
            (
                int(now),
                arrived,
                arrived - world.ended,
                0 if ep_pool is None else ep_pool.waiting(now),
                world.caseworkers.waiting(now),
                in_place + world.issued - bisect.bisect_right(ceased, now),
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
    with paused_collection():
        world = World(scenario, seed, open_cases)
        env = world.env
        for index, case in enumerate(world.open_cases):
            env.process(request(world, index, case))
        arrivals(world)
        world.review_meetings.process = env.process(reviews(world))
        env.process(monitor(world))
        if scenario.surge is not None:
            from ehcplan.sim.surge import respond

            env.process(respond(world))
        env.run(until=scenario.horizon_days)
    return world


@contextlib.contextmanager
def paused_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a run, then restore it.

    A run makes many small objects and keeps most of them until it ends, which
    the collector would otherwise scan over and over for nothing; what is left
    is collected once the run is over. Nested pauses restore only the outer one.

    Examples:
        >>> import gc
        >>> with paused_collection():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
