"""The SimPy processes: arrivals, each request's journey, annual reviews, and a weekly monitor.

Processes are plain generator functions over a `World`, the small mutable
bundle of one run: the environment, the random streams, the SimPy resources,
the panels' diaries and the columns being filled. Contention is a
`simpy.Resource` (educational psychologists and other staffed advice sources,
caseworkers); a pure delay is a timeout. Every rule question is asked of the
domain: deadlines of `ehcplan.timeline.table`, the next meeting a referral can
reach from `ehcplan.panels`.

To keep a request to a handful of events, durations are drawn in batches
(`Streams`), advice sources without staff are pure delays folded into one
timeout, and the family's representations, the school's consultation and
finalising are one timeout from the draft.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import functools
import heapq
import math
from collections.abc import Generator, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import simpy

from ehcplan.panels import next_meeting
from ehcplan.policy import PanelPolicy
from ehcplan.sim.distributions import Distribution
from ehcplan.sim.scenario import AdviceSource, Scenario
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock
from ehcplan.timeline.grounds import ExceptionGround

__all__ = ["OUTCOMES", "STREAMS", "OpenCase", "Resume", "Streams", "World", "simulate"]

Floats = npt.NDArray[np.float64]
Process = Generator[simpy.Event, Any, None]

OUTCOMES = ("open", "refused", "no plan", "issued")
"""Journey outcome codes: ``OUTCOMES[code]``."""

OPEN, REFUSED, NO_PLAN, ISSUED = range(4)

STREAMS = (
    "arrivals",
    "sources",
    "decision",
    "refuse",
    "appeal",
    "tribunal",
    "order",
    "educational psychology",
    "health",
    "social care",
    "prepare",
    "defer",
    "no plan",
    "drafting",
    "representations",
    "school",
    "decline",
    "finalise",
    "exception",
    "review schedule",
    "review",
)
"""The named random streams, in a fixed order: each step draws from its own, so
changing one step of a scenario leaves every other step's draws as they were
(common random numbers when scenarios are compared)."""

_BATCH = 1024


class Streams:
    """Independent random streams, one per named step, drawn in batches.

    Examples:
        >>> from ehcplan.sim.distributions import Exponential
        >>> a = Streams(np.random.SeedSequence(7))
        >>> b = Streams(np.random.SeedSequence(7))
        >>> a.draw("drafting", Exponential(mean=30)) == b.draw("drafting", Exponential(mean=30))
        True
    """

    def __init__(self, seed: np.random.SeedSequence) -> None:
        self.generators = {
            name: np.random.default_rng(child)
            for name, child in zip(STREAMS, seed.spawn(len(STREAMS)), strict=True)
        }
        self._durations: dict[str, list[Any]] = {}
        self._uniforms: dict[str, list[Any]] = {}

    def draw(self, name: str, distribution: Distribution) -> float:
        """The next duration in days from *distribution* on stream *name*.

        A stream draws from one distribution during a run (its step's).
        """
        buffer = self._durations.get(name)
        if buffer is None or buffer[1] == _BATCH:
            values = distribution.sample(self.generators[name], _BATCH).tolist()
            buffer = self._durations[name] = [values, 0]
        used = buffer[1]
        buffer[1] = used + 1
        value: float = buffer[0][used]
        return value

    def uniform(self, name: str) -> float:
        """The next uniform number in [0, 1) from stream *name*."""
        buffer = self._uniforms.get(name)
        if buffer is None or buffer[1] == _BATCH:
            buffer = self._uniforms[name] = [
                self.generators[name].random(_BATCH).tolist(),
                0,
            ]
        used = buffer[1]
        buffer[1] = used + 1
        value: float = buffer[0][used]
        return value

    def chance(self, name: str, share: float) -> bool:
        """True with probability *share*, from stream *name* (no draw when *share* is 0)."""
        return share > 0 and self.uniform(name) < share


class Pool:
    """A pool of *capacity* servers taking work first come, first served.

    It is the queue a `simpy.Resource` of that capacity forms when every job's
    duration is known when it joins: each job starts when it arrives or when a
    server next comes free, whichever is later, in arrival order. Booking a
    job returns its start, so a process waits with one timeout instead of a
    request, a grant and a release (the tests check the waits against
    `simpy.Resource`'s on the same jobs). Jobs must be booked in time order,
    which a SimPy process booking at ``env.now`` always does.

    Examples:
        >>> pool = Pool(2)
        >>> [pool.book(0.0, 10.0), pool.book(0.0, 10.0), pool.book(1.0, 5.0)]
        [0.0, 0.0, 10.0]
        >>> pool.waiting(5.0)
        1
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._free = [0.0] * capacity
        self._starts: list[float] = []

    def book(self, now: float, duration: float) -> float:
        """Book a job arriving at *now* taking *duration*; return when it starts."""
        start = max(now, heapq.heappop(self._free))
        heapq.heappush(self._free, start + duration)
        bisect.insort(self._starts, start)  # in order even when servers are added
        return start

    def waiting(self, now: float) -> int:
        """How many booked jobs have not started by *now*."""
        return len(self._starts) - bisect.bisect_right(self._starts, now)


@functools.lru_cache(maxsize=65_536)
def _last_day(clock: Clock, trigger: dt.date) -> dt.date:
    return clock.last_day(trigger)


class Diary:
    """A panel's meetings during a run: which ones referrals reach, and how full each is.

    The first meeting a referral can reach is the domain's answer
    (`ehcplan.panels.next_meeting`, which applies the referral cut-off); a full
    meeting passes the case to the next one.
    """

    def __init__(
        self, scenario: Scenario, panel: PanelPolicy, slots: int | None
    ) -> None:
        self.scenario = scenario
        self.panel = panel
        self.slots_override = slots
        self.days: list[int] = []
        self.booked: dict[int, int] = {}
        self.heard: dict[int, int] = {}
        self.deferred: dict[int, int] = {}
        self.overflow: dict[int, int] = {}
        self._reach: dict[int, int] = {}
        self._capacity: dict[int, int] = {}

    def _slots(self, day: int) -> int:
        if self.slots_override is not None:
            return self.slots_override
        slots = self._capacity.get(day)
        if slots is None:
            slots = self._capacity[day] = self.panel.terms.at(
                self.scenario.date_at(day)
            ).cases_per_meeting
        return slots

    def _first_reachable(self, ready_day: int) -> int:
        meeting = self._reach.get(ready_day)
        if meeting is None:
            found = next_meeting(self.panel, self.scenario.date_at(ready_day))
            meeting = self.scenario.day_of(found.meeting)
            self._reach[ready_day] = meeting
        return meeting

    def book(self, ready: float) -> int:
        """Book the first meeting with a free slot that a referral ready at *ready* can reach."""
        meeting = self._first_reachable(int(ready))
        while self.booked.get(meeting, 0) >= self._slots(meeting):
            self.overflow[meeting] = self.overflow.get(meeting, 0) + 1
            meeting = self._first_reachable(meeting + 1)
        self.booked[meeting] = self.booked.get(meeting, 0) + 1
        position = bisect.bisect_left(self.days, meeting)
        if position == len(self.days) or self.days[position] != meeting:
            self.days.insert(position, meeting)
        return meeting


class Journeys:
    """The columns of every request's journey, filled in as it goes."""

    COLUMNS = (
        "received",
        "source",
        "decided",
        "assess",
        "appealed",
        "order",
        "advice_asked",
        "advice_done",
        "ep_wait",
        "panel",
        "deferrals",
        "no_plan",
        "draft",
        "issued",
        "exception",
        "outcome",
    )

    def __init__(self, count: int) -> None:
        nan = np.full(count, np.nan)
        self.received = nan.copy()
        self.source = np.zeros(count, dtype=np.int8)
        self.decided = nan.copy()
        self.assess = np.zeros(count, dtype=bool)
        self.appealed = np.zeros(count, dtype=bool)
        self.order = nan.copy()
        self.advice_asked = nan.copy()
        self.advice_done = nan.copy()
        self.ep_wait = nan.copy()
        self.panel = nan.copy()
        self.deferrals = np.zeros(count, dtype=np.int16)
        self.no_plan = nan.copy()
        self.draft = nan.copy()
        self.issued = nan.copy()
        self.exception = np.zeros(count, dtype=np.int8)
        self.outcome = np.zeros(count, dtype=np.int8)


class Resume(enum.Enum):
    """Where a request already in progress stands when a run starts (a warm start)."""

    AWAITING_DECISION = "awaiting decision"
    """Received; the decision whether to assess is not made."""
    ASSESSING = "assessing"
    """Decided to assess; advice is being gathered."""
    DRAFTING = "drafting"
    """Decided to issue a plan; the draft is being written."""
    DRAFT_ISSUED = "draft issued"
    """The draft is with the family and the school."""


@attrs.frozen(kw_only=True)
class OpenCase:
    """A request in progress when a run starts: its dates as simulation days (0 or less).

    Attributes:
        received: The day the request was received.
        stage: Where it stands.
        since: The day its current stage began (the request, the decision to
            assess, the decision to issue, or the draft).
        exception: Whether a ground disapplying the 20-week limit is recorded.
        source: Its SEN2 ``RequestSource`` code.
    """

    received: float
    stage: Resume
    since: float
    exception: bool = False
    source: int = 1


class World:
    """Everything one run shares: environment, streams, resources, diaries, records."""

    def __init__(
        self,
        scenario: Scenario,
        seed: np.random.SeedSequence,
        open_cases: Sequence[OpenCase] = (),
    ) -> None:
        self.scenario = scenario
        self.env = simpy.Environment()
        self.streams = Streams(seed)
        advice = scenario.advice
        self.advice_pools: list[tuple[str, AdviceSource, Pool | None]] = [
            (name, source, None if source.staff is None else Pool(source.staff))
            for name, source in (
                ("educational psychology", advice.educational_psychology),
                ("health", advice.health),
                ("social care", advice.social_care),
            )
        ]
        self.caseworkers = Pool(scenario.drafting.caseworkers)
        policy = scenario.local_policy
        self.plan_diary = Diary(
            scenario,
            policy.panel(scenario.plan_panel.panel),
            scenario.plan_panel.slots_per_meeting,
        )
        self.decision_diary = (
            None
            if scenario.decision.panel is None
            else Diary(
                scenario,
                policy.panel(scenario.decision.panel),
                scenario.decision.slots_per_meeting,
            )
        )
        if (
            self.decision_diary is not None
            and scenario.decision.panel == scenario.plan_panel.panel
            and scenario.decision.slots_per_meeting
            == scenario.plan_panel.slots_per_meeting
        ):
            # One panel deciding both: its meetings' places are shared.
            self.decision_diary.booked = self.plan_diary.booked
        self.busy: dict[str, float] = {
            name: 0.0 for name, _, pool in self.advice_pools if pool
        }
        self.busy["caseworkers"] = 0.0
        self.open_cases = tuple(open_cases)
        self.arrival_times = arrival_times(scenario, self.streams)
        self.journeys = Journeys(len(self.open_cases) + len(self.arrival_times))
        self.reviews: list[tuple[float, float]] = []
        self.review_meetings = ReviewDiary()
        self.weekly: list[tuple[int, int, int, int, int]] = []
        self.grounds = [
            (g, share) for g, share in scenario.exceptions.shares.items() if share > 0
        ]
        self.ground_codes = {g: i + 1 for i, g in enumerate(ExceptionGround)}
        self.surge_days: dict[str, int] = {}

    def work(self, pool: str, start: float, days: float) -> None:
        """Count *days* of work in *pool* from *start* towards utilisation (inside the window)."""
        low = max(start, float(self.scenario.warmup_days))
        high = min(start + days, float(self.scenario.horizon_days))
        if high > low:
            self.busy[pool] += high - low


def arrival_times(scenario: Scenario, streams: Streams) -> Floats:
    """When requests arrive, in days since the start, in order.

    With a replayed log, each listed date within the horizon, spread evenly
    within its day; otherwise a Poisson process whose rate follows the
    scenario's seasonality and growth day by day.
    """
    demand = scenario.demand
    generator = streams.generators["arrivals"]
    if demand.arrivals:
        days = np.array(
            [
                scenario.day_of(d)
                for d in demand.arrivals
                if 0 <= scenario.day_of(d) < scenario.horizon_days
            ],
            dtype=np.float64,
        )
        return days + generator.random(len(days))
    day = np.arange(scenario.horizon_days)
    months = (np.datetime64(scenario.start, "D") + day).astype("datetime64[M]").astype(
        int
    ) % 12
    season = np.asarray(demand.seasonality, dtype=np.float64)[months]
    growth = (1 + demand.annual_growth) ** (day / 365.25)
    counts = generator.poisson(demand.requests_per_week / 7 * season * growth)
    days = np.repeat(day, counts).astype(np.float64)
    return days + np.sort(generator.random(len(days)))


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
    while True:
        meeting = diary.book(ready)
        if meeting > env.now:
            yield env.timeout(meeting - env.now)
        diary.heard[meeting] = diary.heard.get(meeting, 0) + 1
        if not streams.chance("defer", panel.deferred_share):
            break
        diary.deferred[meeting] = diary.deferred.get(meeting, 0) + 1
        j.deferrals[i] += 1
        ready = meeting + 1
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
            meeting = world.decision_diary.book(env.now)
            if meeting > env.now:
                yield env.timeout(meeting - env.now)
            world.decision_diary.heard[meeting] = (
                world.decision_diary.heard.get(meeting, 0) + 1
            )
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
        due = _last_day(table.ANNUAL_REVIEW, s.date_at(env.now))
        meeting_day = s.day_of(due) - 28
        if meeting_day < s.horizon_days:
            world.review_meetings.put(float(meeting_day))


def _pick_source(world: World) -> int:
    sources = world.scenario.demand.sources
    roll = world.streams.uniform("sources")
    for source, share in sources.items():
        if roll < share:
            return int(source.value)
        roll -= share
    return int(next(iter(sources)).value) if sources else 0


class ReviewDiary:
    """Review meetings waiting to happen, in date order, and the process that holds them."""

    def __init__(self) -> None:
        self._days: list[float] = []
        self.process: simpy.Process | None = None
        self.idle: simpy.Event | None = None
        self.target: float | None = None

    def put(self, day: float) -> None:
        """Add a review meeting on *day*, waking the review process if it comes first."""
        heapq.heappush(self._days, day)
        if self.idle is not None and not self.idle.triggered:
            self.idle.succeed()
        elif self.process is not None and self.target is not None and day < self.target:
            self.target = None
            self.process.interrupt()

    def __bool__(self) -> bool:
        """Whether any meeting is waiting."""
        return bool(self._days)

    def first(self) -> float:
        """The day of the next meeting."""
        return self._days[0]

    def pop(self) -> float:
        """Take the next meeting."""
        return heapq.heappop(self._days)


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

    Phase-transfer reviews fall between 1 September and the 15 February
    deadline (reg 18); the others anywhere in the year.
    """
    s = world.scenario
    plans = s.reviews.plans
    if plans == 0:
        return []
    generator = world.streams.generators["review schedule"]
    phase = generator.random(plans) < s.reviews.phase_transfer_share
    september = s.day_of(dt.date(s.start.year, 9, 1)) % 365
    offsets = (
        np.where(
            phase,
            september + generator.random(plans) * 167,
            generator.random(plans) * 365,
        )
        % 365
    )
    days = np.floor(
        np.arange(0, s.horizon_days, 365)[:, None] + offsets[None, :]
    ).ravel()
    return [float(d) for d in np.sort(days[days < s.horizon_days])]


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
