"""The world of one simulation run: its random streams, queues, panel diaries and records.

A `World` is the small mutable bundle a run's processes share
(`ehcplan.sim.processes`): the SimPy environment, the random streams (one per
step, `Streams`), each request's draws (`ehcplan.sim.facts.Facts`), the
staffed queues (`Pool`), one `Diary` per panel, the review meetings still to
come (`ReviewDiary`) and the columns being filled in (`Journeys`). Nothing
here decides a rule: deadlines and periods come from `ehcplan.timeline`, the
meeting a referral reaches from `ehcplan.panels`, each asked once for every
day of the run (and remembered between runs of the same dates) rather than
once a request.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import functools
import heapq
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import simpy

from ehcplan.panels import next_meeting, reach
from ehcplan.policy import PanelPolicy
from ehcplan.sim.distributions import Distribution
from ehcplan.sim.facts import Facts, ceasing
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.stages import AdviceSource
from ehcplan.timeline import table
from ehcplan.timeline.batch import last_days

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
    "forms",
    "recommendation",
    "signoff",
    "personal budget",
    "placement",
    "atr defer",
    "ceasing",
    "stock ceasing",
    "appeals",
    "exception days",
)
"""The named random streams, in a fixed order: each step draws from its own, so
changing one step of a scenario leaves every other step's draws as they were
(common random numbers when scenarios are compared)."""

KINDS = ("assess", "plan", "placement", "placement_review")
"""The kinds of decision a panel meeting's places are used for, in meeting columns'
order: whether to assess (reg 5), whether to issue a plan and its funding (after the
advice), a jointly funded placement (seed 004, an emergency's confirmation
included), and a placement's review 6 months from its start (seed 004, 4.4)."""

ASSESS, PLAN, PLACEMENT, PLACEMENT_REVIEW = range(len(KINDS))

MARGIN_DAYS = 400
"""Days past the horizon the per-day answers cover (bookings for meetings after the end)."""

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
        self._ends: list[float] = []

    def book(self, now: float, duration: float) -> float:
        """Book a job arriving at *now* taking *duration*; return when it starts."""
        free = heapq.heappop(self._free)
        start = now if now > free else free
        end = start + duration
        heapq.heappush(self._free, end)
        starts = self._starts
        if not starts or start >= starts[-1]:
            starts.append(start)
        else:  # a server added by a surge can start a job before those booked
            bisect.insort(starts, start)
        self._ends.append(end)
        return start

    def waiting(self, now: float) -> int:
        """How many booked jobs have not started by *now*."""
        return len(self._starts) - bisect.bisect_right(self._starts, now)

    def busy(self, low: float, high: float) -> float:
        """Server-days of work done from day *low* to day *high*.

        Examples:
            >>> pool = Pool(2)
            >>> [pool.book(0.0, 10.0), pool.book(5.0, 10.0)]
            [0.0, 5.0]
            >>> pool.busy(2.0, 12.0)
            15.0
        """
        starts = np.array(self._starts)
        ends = np.array(self._ends)
        return float((np.clip(ends, low, high) - np.clip(starts, low, high)).sum())


@functools.lru_cache(maxsize=256)
def _reach_days(panel: PanelPolicy, start: dt.date, days: int) -> tuple[int, ...]:
    """For each day from *start*, the day of the first meeting a referral then can reach."""
    found = reach(panel, start, start + dt.timedelta(days=days - 1))
    return tuple((meeting - start).days for meeting in found)


@functools.lru_cache(maxsize=256)
def _places_by_day(
    panel: PanelPolicy, start: dt.date, meeting_days: tuple[int, ...]
) -> dict[int, int]:
    """The places at each meeting, as the terms in force on its date give them."""
    return {
        day: panel.terms.at(start + dt.timedelta(days=day)).cases_per_meeting
        for day in meeting_days
    }


class Diary:
    """One panel's meetings during a run: which ones referrals reach, and how each was used.

    The first meeting a referral can reach is the domain's answer
    (`ehcplan.panels.reach`, every day of the run at once, with the referral
    cut-off; `ehcplan.panels.next_meeting` beyond it); a full meeting passes the
    case to the next one. Every place used is counted by the kind of decision it
    was used for (`KINDS`), so a panel deciding both whether to assess and
    whether to issue a plan shows both. Each booking remembers when the case
    began waiting, so the queue left after each meeting can be counted.

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
        self.kind = panel.kind
        self.places_override = places
        self.days: list[int] = []
        self.booked: list[dict[int, int]] = [{} for _ in KINDS]
        self.deferred: dict[int, int] = {}
        self.overflow: dict[int, int] = {}
        self.waits: list[tuple[float, int]] = []
        self._total: dict[int, int] = {}
        self._span = scenario.horizon_days + MARGIN_DAYS
        self._reach = _reach_days(panel, scenario.start, self._span)
        self._places = (
            {}
            if places is not None
            else dict(
                _places_by_day(panel, scenario.start, tuple(sorted(set(self._reach))))
            )
        )

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

    def first_reachable(self, ready_day: int) -> int:
        """The day of the first meeting a referral made on day *ready_day* can reach."""
        if 0 <= ready_day < self._span:
            return self._reach[ready_day]
        found = next_meeting(self.panel, self.scenario.date_at(ready_day))
        return self.scenario.day_of(found.meeting)

    def book(
        self, ready: float, kind: int, *, waiting_since: float | None = None
    ) -> int:
        """Book the first meeting with a free place that a referral ready at *ready* can reach.

        *kind* is the decision the place is used for (`KINDS`); *waiting_since*
        is when the case began waiting for the panel (by default, *ready*; for a
        deferred case, the meeting that deferred it).
        """
        meeting = self.first_reachable(int(ready))
        total = self._total
        while total.get(meeting, 0) >= self.places(meeting):
            self.overflow[meeting] = self.overflow.get(meeting, 0) + 1
            meeting = self.first_reachable(meeting + 1)
        used = total.get(meeting, 0)
        total[meeting] = used + 1
        booked = self.booked[kind]
        booked[meeting] = booked.get(meeting, 0) + 1
        self.waits.append((ready if waiting_since is None else waiting_since, meeting))
        if not used:
            bisect.insort(self.days, meeting)
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


_NAN = float("nan")


class Journeys:
    """The columns of every request's journey, filled in as it goes.

    During a run each column is a Python list (quick to read and write one item
    at a time); `columns` gives them as numpy arrays, as a run's results hold them.
    """

    TYPES: dict[str, Any] = {
        "received": np.float64,
        "source": np.int8,
        "decided": np.float64,
        "assess": np.bool_,
        "appealed": np.bool_,
        "order": np.float64,
        "request_mediation": np.float64,
        "request_appeal": np.float64,
        "request_tribunal": np.float64,
        "advice_asked": np.float64,
        "advice_done": np.float64,
        "ep_wait": np.float64,
        "papers": np.float64,
        "heard": np.bool_,
        "panel": np.float64,
        "deferrals": np.int16,
        "no_plan": np.float64,
        "assessment_mediation": np.float64,
        "assessment_appeal": np.float64,
        "assessment_tribunal": np.float64,
        "appeal_on": np.int8,
        "plan_order": np.float64,
        "referred": np.float64,
        "atr": np.float64,
        "atr_deferrals": np.int16,
        "emergency": np.bool_,
        "placement_review": np.float64,
        "draft": np.float64,
        "issued": np.float64,
        "exception": np.int8,
        "outcome": np.int8,
        "ceased": np.float64,
        "cease_reason": np.int8,
    }
    """Each column's name and type, in column order."""

    COLUMNS = tuple(TYPES)

    received: list[float]
    source: list[int]
    decided: list[float]
    assess: list[bool]
    appealed: list[bool]
    order: list[float]
    request_mediation: list[float]
    request_appeal: list[float]
    request_tribunal: list[float]
    advice_asked: list[float]
    advice_done: list[float]
    ep_wait: list[float]
    papers: list[float]
    heard: list[bool]
    panel: list[float]
    deferrals: list[int]
    no_plan: list[float]
    assessment_mediation: list[float]
    assessment_appeal: list[float]
    assessment_tribunal: list[float]
    appeal_on: list[int]
    plan_order: list[float]
    referred: list[float]
    atr: list[float]
    atr_deferrals: list[int]
    emergency: list[bool]
    placement_review: list[float]
    draft: list[float]
    issued: list[float]
    exception: list[int]
    outcome: list[int]
    ceased: list[float]
    cease_reason: list[int]

    def __init__(self, count: int) -> None:
        for name, kind in self.TYPES.items():
            empty: Any = (
                _NAN if kind is np.float64 else False if kind is np.bool_ else 0
            )
            setattr(self, name, [empty] * count)

    def columns(self) -> dict[str, npt.NDArray[Any]]:
        """Every column as a numpy array of its type."""
        return {
            name: np.array(getattr(self, name), dtype=kind)
            for name, kind in self.TYPES.items()
        }


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


@functools.lru_cache(maxsize=64)
def _representation_days(start: dt.date, days: int) -> tuple[int, ...]:
    """For a draft served on each day, the days the family has (reg 13(1)(a))."""
    served = np.datetime64(start, "D") + np.arange(days)
    last = last_days(table.REPRESENTATIONS, served)
    return tuple(((last - served).astype(np.int64) + 1).tolist())


@functools.lru_cache(maxsize=64)
def _review_days(start: dt.date, days: int) -> tuple[tuple[int, int], ...]:
    """For a plan issued (or last reviewed) on each day: its next review's due day and meeting day.

    The review is due within 12 months (CFA 2014 s44(1)); its meeting is held
    so that the decision (4 weeks, reg 20(10)) falls on that last day.
    """
    issued = np.datetime64(start, "D") + np.arange(days)
    due = last_days(table.ANNUAL_REVIEW, issued)
    meetings = [table.REVIEW_DECISION.latest_trigger(d.item()) for d in due]
    origin = np.datetime64(start, "D")
    return tuple(
        zip(
            (due - origin).astype(np.int64).tolist(),
            [(m - start).days for m in meetings],
            strict=True,
        )
    )


class World:
    """Everything one run shares: environment, streams, facts, resources, diaries, records."""

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
        self.placement_diary = (
            None
            if scenario.placements is None
            else self.diaries[scenario.placements.panel]
        )
        self.open_cases = tuple(open_cases)
        self.arrival_times: list[float] = arrival_times(scenario, self.streams).tolist()
        count = len(self.open_cases) + len(self.arrival_times)
        span = scenario.horizon_days + MARGIN_DAYS
        self.facts = Facts(scenario, self.streams.generators, count, span)
        self.one_period = len(self.facts.period_starts) == 1
        self.every_plan_heard = scenario.resources is None
        # The staffed advice sources: name, pool, each request's staff time.
        self.staffed: list[tuple[str, Pool, list[float]]] = [
            (name, pool, self.facts.advice_days[k])
            for k, (name, _source, pool) in enumerate(self.advice_pools)
            if pool is not None
        ]
        self.journeys = Journeys(count)
        first = len(self.open_cases)
        j = self.journeys
        j.received[first:] = self.arrival_times
        j.source[first:] = _sources(
            scenario, self.streams, len(self.arrival_times)
        ).tolist()
        j.exception[first:] = self.facts.exception[first:]
        self.ras_period = [0] * count
        # Counted as the run goes, for the weekly monitor.
        self.ended = 0
        self.issued = 0
        self.ceased_days: list[float] = []
        self.representation_days = _representation_days(scenario.start, span)
        self.review_days = _review_days(scenario.start, span)
        self.reviews: list[tuple[float, float]] = []
        self.review_meetings = ReviewDiary()
        self.weekly: list[tuple[int, ...]] = []
        stock = scenario.reviews.plans
        after, reasons = ceasing(
            scenario.ceasing, self.streams.generators["stock ceasing"], stock
        )
        # A plan in place at the start has been in place for a while: with a
        # constant rate of ceasing, its time left is drawn as a new plan's is.
        self.stock_ceased: list[float] = after
        self.stock_cease_reason: list[int] = reasons
        # Extra staff-days a scenario's surge hired, by pool (`ehcplan.sim.surge`).
        self.surge_days: dict[str, int] = {}


def _sources(scenario: Scenario, streams: Streams, count: int) -> npt.NDArray[np.int8]:
    """Who made each of *count* requests (SEN2 ``RequestSource`` codes), by the demand's shares."""
    sources = scenario.demand.sources
    if not sources:
        return np.zeros(count, dtype=np.int8)
    codes = np.array([source.value for source in sources], dtype=np.int8)
    edges = np.cumsum(list(sources.values()))
    picked = np.searchsorted(
        edges, streams.generators["sources"].random(count), side="right"
    )
    return codes[np.minimum(picked, len(codes) - 1)]


def arrival_times(scenario: Scenario, streams: Streams) -> Floats:
    """When requests arrive, in days since the start, in time order.

    With a replayed log, each listed date within the horizon, at a uniformly
    random time of its day; otherwise a Poisson process whose rate follows the
    scenario's seasonality and growth day by day: each day's count is Poisson,
    and, given the count, its arrivals fall independently and uniformly within
    the day (so the gaps between arrivals at a steady rate are exponential).
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
        return np.sort(days + generator.random(len(days)))
    counts = generator.poisson(scenario.daily_rates())
    day = np.arange(scenario.horizon_days)
    days = np.repeat(day, counts).astype(np.float64)
    return np.sort(days + generator.random(len(days)))


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
