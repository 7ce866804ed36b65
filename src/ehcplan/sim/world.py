"""The world of one simulation run: its random streams, queues, panel diaries and records.

A `World` is the small mutable bundle a run's processes share
(`ehcplan.sim.processes`): the SimPy environment, the random streams (one per
step, `Streams`), the staffed queues (`Pool`), one `Diary` per panel, the
review meetings still to come (`ReviewDiary`) and the columns being filled in
(`Journeys`). Nothing here decides a rule: deadlines come from
`ehcplan.timeline`, the meeting a referral reaches from `ehcplan.panels`.
"""

from __future__ import annotations

import bisect
import enum
import heapq
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import simpy

from ehcplan.panels import next_meeting
from ehcplan.policy import PanelPolicy
from ehcplan.sim.distributions import Distribution
from ehcplan.sim.scenario import AdviceSource, Scenario
from ehcplan.timeline.grounds import ExceptionGround

__all__ = [
    "KINDS",
    "STREAMS",
    "Diary",
    "Journeys",
    "OpenCase",
    "Pool",
    "Resume",
    "ReviewDiary",
    "Streams",
    "World",
    "arrival_times",
]

Floats = npt.NDArray[np.float64]

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

KINDS = ("assess", "plan")
"""The kinds of decision a panel meeting's places are used for, in meeting columns'
order: whether to assess (reg 5) and whether to issue a plan (after the advice)."""

ASSESS, PLAN = range(len(KINDS))

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


class Diary:
    """One panel's meetings during a run: which ones referrals reach, and how each was used.

    The first meeting a referral can reach is the domain's answer
    (`ehcplan.panels.next_meeting`, which applies the referral cut-off); a full
    meeting passes the case to the next one. Every place used is counted by the
    kind of decision it was used for (`KINDS`), so a panel deciding both whether
    to assess and whether to issue a plan shows both. Each booking remembers
    when the case began waiting, so the queue left after each meeting can be
    counted.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> s = default_scenario()
        >>> diary = Diary(s, s.policy.panel("send-panel"), places=1)
        >>> first, second = diary.book(0.0, PLAN), diary.book(0.0, PLAN)
        >>> second > first, diary.used(first), diary.overflow[first]
        (True, 1, 1)
    """

    def __init__(
        self, scenario: Scenario, panel: PanelPolicy, places: int | None
    ) -> None:
        self.scenario = scenario
        self.panel = panel
        self.places_override = places
        self.days: list[int] = []
        self.booked: list[dict[int, int]] = [{} for _ in KINDS]
        self.deferred: dict[int, int] = {}
        self.overflow: dict[int, int] = {}
        self.waits: list[tuple[float, int]] = []
        self._total: dict[int, int] = {}
        self._reach: dict[int, int] = {}
        self._places: dict[int, int] = {}

    def places(self, day: int) -> int:
        """The places at the meeting on *day*: the scenario's figure, or the policy's then."""
        if self.places_override is not None:
            return self.places_override
        places = self._places.get(day)
        if places is None:
            places = self._places[day] = self.panel.terms.at(
                self.scenario.date_at(day)
            ).cases_per_meeting
        return places

    def used(self, day: int) -> int:
        """Places used at the meeting on *day*, by every kind of decision."""
        return self._total.get(day, 0)

    def _first_reachable(self, ready_day: int) -> int:
        meeting = self._reach.get(ready_day)
        if meeting is None:
            found = next_meeting(self.panel, self.scenario.date_at(ready_day))
            meeting = self.scenario.day_of(found.meeting)
            self._reach[ready_day] = meeting
        return meeting

    def book(
        self, ready: float, kind: int, *, waiting_since: float | None = None
    ) -> int:
        """Book the first meeting with a free place that a referral ready at *ready* can reach.

        *kind* is the decision the place is used for (`KINDS`); *waiting_since*
        is when the case began waiting for the panel (by default, *ready*; for a
        deferred case, the meeting that deferred it).
        """
        meeting = self._first_reachable(int(ready))
        while self._total.get(meeting, 0) >= self.places(meeting):
            self.overflow[meeting] = self.overflow.get(meeting, 0) + 1
            meeting = self._first_reachable(meeting + 1)
        self._total[meeting] = self._total.get(meeting, 0) + 1
        booked = self.booked[kind]
        booked[meeting] = booked.get(meeting, 0) + 1
        self.waits.append((ready if waiting_since is None else waiting_since, meeting))
        position = bisect.bisect_left(self.days, meeting)
        if position == len(self.days) or self.days[position] != meeting:
            self.days.insert(position, meeting)
        return meeting

    def defer(self, meeting: int) -> None:
        """Count a case deferred at *meeting* (it books a later one)."""
        self.deferred[meeting] = self.deferred.get(meeting, 0) + 1

    def queue_after(self) -> list[int]:
        """For each meeting in `days`: how many booked cases were still waiting after it."""
        since = np.sort(np.array([w for w, _ in self.waits], dtype=np.float64))
        held = np.sort(np.array([m for _, m in self.waits], dtype=np.float64))
        days = np.array(self.days, dtype=np.float64)
        waiting = np.searchsorted(since, days, side="right")
        heard = np.searchsorted(held, days, side="right")
        return [int(n) for n in waiting - heard]


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
        policy = scenario.policy
        places = scenario.panel_places()
        self.diaries: dict[str, Diary] = {
            panel_id: Diary(scenario, policy.panel(panel_id), places.get(panel_id))
            for panel_id in scenario.panel_ids()
        }
        self.plan_diary = self.diaries[scenario.plan_panel.panel]
        self.decision_diary = (
            None
            if scenario.decision.panel is None
            else self.diaries[scenario.decision.panel]
        )
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
    counts = generator.poisson(scenario.daily_rates())
    day = np.arange(scenario.horizon_days)
    days = np.repeat(day, counts).astype(np.float64)
    return days + np.sort(generator.random(len(days)))


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
