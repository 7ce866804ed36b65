"""Two plain-SimPy pipelines of the pathway benchmark's stages, to time the model against.

Both simulate the stages the model runs for the pathway benchmark scenario
(`src/ehcplan/sim/scenarios/pathway-benchmark.toml`), with the same
distributions, and take the same inputs the model works from, made once
before any timing (`Inputs.of`): the arrival times, each request's sign-off
route (to the panel, or signed off by an officer) and whether it needs a
jointly funded placement, and, for each day, the first meeting of each panel
a referral made that day can reach. The stages:

1. the decision whether to assess, after a drawn delay; a share is refused, a share
   of refusals appealed (after mediation for a share), and a share of appeals end
   in an order to assess, which sends the request on;
2. advice: a pool of educational psychologists (first come, first served)
   alongside two response times, health and social care; the assessment
   waits for the last;
3. the papers are prepared; a case routed to the panel goes to the first
   weekly meeting it can reach with a free place (a full meeting passes it on),
   may be deferred to a later one, and may end with "no plan" (appealed likewise,
   an order sending it on to drafting); a case signed off by an officer waits the
   sign-off time;
4. a case needing a placement is referred to the monthly Access to Resources
   panel; its plan waits for that meeting;
5. drafting by a pool of caseworkers;
6. the family's representations (at most 15 days) beside the school's
   consultation (a declining school means another round, up to three), then
   finalising, and any hold-up of an exception ground.

`idiomatic` is SimPy as its documentation teaches it: one process per request,
``simpy.Resource`` for each pool (request, grant, release), an ``AllOf`` for
advice from three sources, each delay its own timeout, each draw made as the
process goes. `hand_tuned` is the same model written for speed: every draw
made up front in numpy, pools as heaps of the times their servers come free,
delays folded into as few timeouts as the stages allow, one process per
request started at its decision, and the garbage collector paused for the
run (as the model pauses it). Neither asks the domain anything, keeps any
record but the issue day, nor computes any money: they are the cost of the
queueing alone.

    .venv/bin/python benchmarks/bench_sim.py
"""

from __future__ import annotations

import gc
import heapq
import math
from collections import Counter
from collections.abc import Generator
from typing import Any

import attrs
import numpy as np
import simpy

from ehcplan.sim import Fixed, LogNormal, Scenario
from ehcplan.sim.world import World

__all__ = ["Inputs", "hand_tuned", "idiomatic"]

Process = Generator[Any, Any, None]
NAMES = (
    "decision",
    "refuse",
    "appeal",
    "mediation",
    "tribunal",
    "exception",
    "hold-up",
    "ep",
    "health",
    "social care",
    "prepare",
    "signoff",
    "defer",
    "no plan",
    "referral",
    "drafting",
    "representations",
    "school",
    "decline",
    "finalise",
)


def _params(days: object) -> tuple[float, float]:
    """The underlying normal's mean and standard deviation of a `LogNormal` (or a `Fixed`)."""
    if isinstance(days, Fixed):  # a lognormal of no spread
        return (math.log(days.days) if days.days > 0 else -math.inf), 0.0
    assert isinstance(days, LogNormal), days
    sigma2 = math.log1p((days.sd / days.mean) ** 2)
    return math.log(days.mean) - sigma2 / 2, math.sqrt(sigma2)


@attrs.frozen
class Inputs:
    """What both pipelines work from, made once: the model's own arrivals, routes and meetings."""

    arrivals: list[float]
    to_panel: list[bool]
    placement: list[bool]
    reach: list[int]
    """For each day, the first weekly panel meeting a referral made that day reaches."""
    atr_reach: list[int]
    """For each day, the first Access to Resources meeting a referral reaches."""
    places: int
    atr_places: int
    refuse: float
    defer: float
    no_plan: float
    decline: float
    appeal: float
    no_plan_appeal: float
    order: float
    no_plan_order: float
    mediation: float
    exception: float
    ep_staff: int
    caseworkers: int
    lognormals: dict[str, tuple[float, float]]

    @classmethod
    def of(cls, scenario: Scenario, seed: int) -> Inputs:
        """The inputs of *scenario* run on *seed*, as the model's `World` makes them."""
        world = World(scenario, np.random.SeedSequence(seed))
        diary = world.plan_diary
        atr = world.placement_diary
        days = range(scenario.horizon_days + 400)
        s = scenario
        lognormals = {
            "decision": _params(s.decision.days),
            "ep": _params(s.advice.educational_psychology.days),
            "health": _params(s.advice.health.days),
            "social care": _params(s.advice.social_care.days),
            "prepare": _params(s.plan_panel.prepare_days),
            "drafting": _params(s.drafting.days),
            "representations": _params(s.consultation.representation_days),
            "school": _params(s.consultation.school_days),
            "finalise": _params(s.consultation.finalise_days),
        }
        if s.resources is not None:
            lognormals["signoff"] = _params(s.resources.signoff_days)
        if s.placements is not None:
            lognormals["referral"] = _params(s.placements.referral_days)
        d = s.disputes
        for name, taken in (
            ("mediation", d.mediation_days),
            ("appeal", d.appeal_days),
            ("tribunal", d.tribunal_days),
        ):
            lognormals[name] = _params(taken)
        holds = list(s.exceptions.days.values())
        lognormals["hold-up"] = _params(holds[0]) if holds else (-math.inf, 0.0)
        facts = world.facts
        count = len(world.arrival_times)
        return cls(
            arrivals=list(world.arrival_times),
            to_panel=[bool(x) for x in facts.heard[:count]],
            placement=[bool(x) for x in facts.placement[:count]],
            reach=[diary.first_reachable(d) for d in days],
            atr_reach=[d if atr is None else atr.first_reachable(d) for d in days],
            places=diary.places(diary.first_reachable(0)),
            atr_places=0 if atr is None else atr.places(atr.first_reachable(0)),
            refuse=s.decision.refuse_share,
            defer=s.plan_panel.deferred_share,
            no_plan=s.plan_panel.no_plan_share,
            decline=s.consultation.decline_share,
            appeal=d.appeal_share,
            no_plan_appeal=d.no_plan_appeal_share,
            order=d.order_share,
            no_plan_order=d.no_plan_order_share,
            mediation=d.mediation_share,
            exception=s.exceptions.total,
            ep_staff=s.advice.educational_psychology.staff or 1,
            caseworkers=s.drafting.caseworkers,
            lognormals=lognormals,
        )


def _generators(seed: int) -> dict[str, np.random.Generator]:
    children = np.random.SeedSequence(seed).spawn(len(NAMES))
    return {
        name: np.random.default_rng(c) for name, c in zip(NAMES, children, strict=True)
    }


REPRESENTATIONS = 15
"""Days the family has for representations (beginning with the day the draft is served)."""


def idiomatic(inputs: Inputs, seed: int) -> list[float]:
    """SimPy as its documentation teaches it; returns the days plans were issued."""
    env = simpy.Environment()
    rng = _generators(seed)
    p = inputs
    ep = simpy.Resource(env, p.ep_staff)
    caseworkers = simpy.Resource(env, p.caseworkers)
    booked: Counter[int] = Counter()
    atr_booked: Counter[int] = Counter()
    issued: list[float] = []

    def draw(name: str) -> float:
        mu, sigma = p.lognormals[name]
        return float(rng[name].lognormal(mu, sigma))

    def meeting(reach: list[int], counts: Counter[int], places: int, day: float) -> int:
        m = reach[int(day)]
        while counts[m] >= places:
            m = reach[m + 1]
        counts[m] += 1
        return m

    def psychologist() -> Process:
        with ep.request() as slot:
            yield slot
            yield env.timeout(draw("ep"))

    def appealed(share: float, order: float) -> Generator[Any, Any, bool]:
        """An appeal, after mediation or not; whether it ends in an order."""
        if rng["appeal"].random() >= share:
            return False
        if rng["appeal"].random() < p.mediation:
            yield env.timeout(draw("mediation"))
        yield env.timeout(draw("appeal"))
        yield env.timeout(draw("tribunal"))
        return bool(rng["appeal"].random() < order)

    def request(i: int) -> Process:
        yield env.timeout(draw("decision"))
        if rng["refuse"].random() < p.refuse:
            ordered = yield from appealed(p.appeal, p.order)
            if not ordered:
                return
        yield env.all_of(
            [
                env.process(psychologist()),
                env.timeout(draw("health")),
                env.timeout(draw("social care")),
            ]
        )
        yield env.timeout(draw("prepare"))
        if p.to_panel[i]:
            day = meeting(p.reach, booked, p.places, env.now)
            yield env.timeout(day - env.now)
            while rng["defer"].random() < p.defer:
                day = meeting(p.reach, booked, p.places, day + 1)
                yield env.timeout(day - env.now)
        else:
            yield env.timeout(draw("signoff"))
        if rng["no plan"].random() < p.no_plan:
            ordered = yield from appealed(p.no_plan_appeal, p.no_plan_order)
            if not ordered:
                return
        atr = None
        if p.placement[i]:
            atr = meeting(
                p.atr_reach, atr_booked, p.atr_places, env.now + draw("referral")
            )
        with caseworkers.request() as slot:
            yield slot
            yield env.timeout(draw("drafting"))
        family = min(draw("representations"), REPRESENTATIONS)
        school = draw("school")
        rounds = 1
        while rounds < 3 and rng["decline"].random() < p.decline:
            school += draw("school")
            rounds += 1
        yield env.timeout(max(family, school))
        yield env.timeout(draw("finalise"))
        if rng["exception"].random() < p.exception:
            yield env.timeout(draw("hold-up"))
        if atr is not None and atr > env.now:
            yield env.timeout(atr - env.now)
        issued.append(env.now)

    def arrivals() -> Process:
        for i, at in enumerate(p.arrivals):
            yield env.timeout(at - env.now)
            env.process(request(i))

    env.process(arrivals())
    env.run(until=len(p.reach) - 400)
    return issued


class _Pool:
    """Servers taking jobs first come, first served: a heap of the times each comes free."""

    def __init__(self, servers: int) -> None:
        self.free = [0.0] * servers

    def book(self, now: float, days: float) -> float:
        start = max(now, heapq.heappop(self.free))
        heapq.heappush(self.free, start + days)
        return start


def hand_tuned(inputs: Inputs, seed: int) -> list[float]:
    """The same model written for speed; returns the days plans were issued."""
    env = simpy.Environment()
    rng = _generators(seed)
    p = inputs
    n = len(p.arrivals)

    def column(name: str) -> list[float]:
        mu, sigma = p.lognormals[name]
        values: list[float] = rng[name].lognormal(mu, sigma, n).tolist()
        return values

    decided = [a + d for a, d in zip(p.arrivals, column("decision"), strict=True)]
    refused = (rng["refuse"].random(n) < p.refuse).tolist()
    appeals = rng["appeal"].random((n, 2))
    mediated = (rng["appeal"].random((n, 2)) < p.mediation).astype(float)
    dispute_days = (
        mediated * rng["appeal"].lognormal(*p.lognormals["mediation"], (n, 2))
        + rng["appeal"].lognormal(*p.lognormals["appeal"], (n, 2))
        + rng["appeal"].lognormal(*p.lognormals["tribunal"], (n, 2))
    ).tolist()
    orders = rng["appeal"].random((n, 2)).tolist()
    appealed = (appeals < [p.appeal, p.no_plan_appeal]).tolist()
    ordered = (np.array(orders) < [p.order, p.no_plan_order]).tolist()
    held = np.where(
        rng["exception"].random(n) < p.exception,
        rng["exception"].lognormal(*p.lognormals["hold-up"], n),
        0.0,
    ).tolist()
    ep_days, health, social = column("ep"), column("health"), column("social care")
    prepare = column("prepare")
    signoff = column("signoff") if "signoff" in p.lognormals else [0.0] * n
    referral = column("referral") if "referral" in p.lognormals else [0.0] * n
    no_plan = (rng["no plan"].random(n) < p.no_plan).tolist()
    drafting = column("drafting")
    family = np.minimum(column("representations"), REPRESENTATIONS).tolist()
    school_draws = rng["school"]
    mu, sigma = p.lognormals["school"]
    school = school_draws.lognormal(mu, sigma, (n, 3))
    declines = rng["decline"].random((n, 2)) < p.decline
    rounds = 1 + declines[:, 0] + (declines[:, 0] & declines[:, 1])
    school_days = np.where(
        rounds == 1,
        school[:, 0],
        np.where(rounds == 2, school[:, :2].sum(axis=1), school.sum(axis=1)),
    ).tolist()
    finalise = column("finalise")
    defer = rng["defer"]
    ep, caseworkers = _Pool(p.ep_staff), _Pool(p.caseworkers)
    booked: dict[int, int] = {}
    atr_booked: dict[int, int] = {}
    reach, atr_reach, places, atr_places = p.reach, p.atr_reach, p.places, p.atr_places
    issued: list[float] = []

    def request(i: int) -> Process:
        yield env.timeout(decided[i])
        if refused[i]:
            if not appealed[i][0]:
                return
            yield env.timeout(dispute_days[i][0])
            if not ordered[i][0]:
                return
        now = env.now
        start = ep.book(now, ep_days[i])
        done = max(start + ep_days[i], now + health[i], now + social[i])
        if p.to_panel[i]:
            ready = done + prepare[i]
            yield env.timeout(ready - now)  # booked when the papers are ready, in order
            day = reach[int(ready)]
            while booked.get(day, 0) >= places:
                day = reach[day + 1]
            booked[day] = booked.get(day, 0) + 1
            yield env.timeout(day - env.now)
            while defer.random() < p.defer:
                day = reach[day + 1]
                while booked.get(day, 0) >= places:
                    day = reach[day + 1]
                booked[day] = booked.get(day, 0) + 1
                yield env.timeout(day - env.now)
        else:
            yield env.timeout(done + prepare[i] + signoff[i] - now)
        if no_plan[i]:
            if not appealed[i][1]:
                return
            yield env.timeout(dispute_days[i][1])
            if not ordered[i][1]:
                return
        now = env.now
        final = 0.0
        if p.placement[i]:
            day = atr_reach[int(now + referral[i])]
            while atr_booked.get(day, 0) >= atr_places:
                day = atr_reach[day + 1]
            atr_booked[day] = atr_booked.get(day, 0) + 1
            final = day
        draft = caseworkers.book(now, drafting[i]) + drafting[i]
        final = max(
            final, draft + max(family[i], school_days[i]) + finalise[i] + held[i]
        )
        yield env.timeout(final - now)
        issued.append(env.now)

    collecting = gc.isenabled()
    gc.disable()  # as the model does: no collection while the run holds its objects
    try:
        for i in range(n):
            env.process(request(i))
        env.run(until=len(p.reach) - 400)
    finally:
        if collecting:
            gc.enable()
    return issued
