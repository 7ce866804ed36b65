"""A `Scenario`: one authority's demand, capacity and policy over a stretch of time.

A scenario is inert: a frozen value, checked on construction, that says what
to simulate and nothing about how. Every key is in days, shares (0 to 1) or
counts of staff; durations are named distributions
(`ehcplan.sim.distributions`). The local policy (panel calendars, RAS,
funding) is the authority's `ehcplan.policy.LocalPolicy` value, held by the
scenario (a file names it, by a shipped policy or a path, and the reader loads
it), never restated here; the law comes from `ehcplan.timeline`.

Scenarios are read from and written to TOML (`load_scenario`,
`dumps_scenario`); a problem names its key path, e.g.
``default.toml: $.advice.educational_psychology.staff: staff must be ...``.
A what-if is `attrs.evolve`, e.g. ``attrs.evolve(s, advice=attrs.evolve(s.advice, ...))``.

The pathway simulated for each request (SI 2014/1530 and the SEND Code of
Practice, as in `ehcplan.timeline.table`), one stage value each from
`ehcplan.sim.stages`:

1. the decision whether to assess, by an officer or at a panel (`Decision`);
   refused requests may go to mediation and appeal (`Disputes`), and an order
   to assess restarts the work (reg 44);
2. advice from educational psychology, health and social care (`Advice`);
3. the panel that decides whether a plan is needed (`PlanPanel`), which may defer
   a case or decide on no plan;
4. drafting by caseworkers (`Drafting`), who also carry the annual reviews of the
   plans already in place (`Reviews`);
5. the family's 15 days of representations, school consultation
   (`Consultation`), and finalising; a share of plans have a recorded exception
   ground that disapplies the 20-week limit as DfE counts it, and holds the plan
   up (`Exceptions`).

What plans are agreed with and how they end, when a scenario says so
(`ehcplan.sim.plans`): the RAS form, recommendation and sign-off route of each
plan (`Resources`), personal budgets (`PersonalBudgets`), jointly funded
placements at the Access to Resources panel (`Placements`), and plans ceasing
(`Ceasing`); and after decisions, mediation and appeals (`Disputes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput, NotFound
from ehcplan.policy import LocalPolicy
from ehcplan.sim.plans import (
    Ceasing,
    PersonalBudgets,
    Placements,
    Resources,
    check_sections,
)
from ehcplan.sim.stages import (
    Advice,
    Consultation,
    Decision,
    Demand,
    Disputes,
    Drafting,
    Exceptions,
    PlanPanel,
    Reviews,
)
from ehcplan.sim.surge import Surge

__all__ = [
    "LAST_DAY",
    "MAX_HORIZON_DAYS",
    "MAX_REQUESTS",
    "Scenario",
]


MAX_HORIZON_DAYS = 36_525
"""The longest stretch one scenario simulates: 100 years."""

LAST_DAY = dt.date(9997, 12, 31)
"""The last day a scenario may simulate, so that every deadline it counts (up to two
years on) is a date."""

MAX_REQUESTS = 2_000_000
"""The most requests a scenario may expect in one replication (about 40,000 a week for
a year; England receives about 3,000 a week). One replication of that many takes about
a minute."""


def _start(value: object) -> dt.date:
    return to_date(value, field="start")


def _policy(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, LocalPolicy):
        msg = (
            f'policy must be a LocalPolicy (e.g. ehcplan.load_policy("england-average")), '
            f"got {value!r}; a scenario file names it, and load_scenario reads it."
        )
        raise InvalidInput(msg, field="policy")


@attrs.frozen(kw_only=True)
class Scenario:
    """One authority's demand, capacity and policy over a stretch of time.

    Simulation time is measured in days since *start*.

    Attributes:
        name: What the scenario is, in a few words; it heads the report.
        start: The first day simulated.
        horizon_days: How many days are simulated.
        warmup_days: Days at the start that are simulated but not measured, so that
            queues fill up before the KPIs count (0 with a warm start).
        policy: The local policy (`ehcplan.policy.LocalPolicy`): its panels, RAS and
            funding terms. A scenario file names it (a shipped policy or a policy
            file's path) and `load_scenario` reads it, so a what-if on the policy is
            ``attrs.evolve(scenario, policy=...)`` in memory.
        demand: Requests arriving.
        decision: The decision whether to assess.
        advice: Advice from educational psychology, health and social care.
        plan_panel: The panel that decides whether a plan is needed.
        drafting: Caseworkers drafting plans.
        consultation: The family's representations and the school consultation.
        exceptions: Plans with a recorded exception ground.
        reviews: Annual reviews of the plans in place.
        disputes: Mediation and appeals.
        resources: Each plan's RAS form, recommendation and sign-off
            (`ehcplan.sim.plans.Resources`); left out, every plan goes to the plan
            panel and no resource or top-up is simulated.
        personal_budgets: Requests for personal budgets; left out, none.
        placements: Jointly funded placements; left out, none.
        ceasing: Plans ceasing; left out, none cease.
        surge: Extra staff hired when waits pass a threshold (`ehcplan.sim.surge`);
            left out, capacity stays as given.
        policy_ref: Where the scenario file named the policy (a shipped policy's name
            or a path), used only to name it again when the scenario is written; not
            part of the scenario's value.

    Examples:
        >>> from ehcplan.sim.scenarios import default_scenario
        >>> s = default_scenario()
        >>> s.horizon_days, s.decision.refuse_share
        (1096, 0.252)
        >>> attrs.evolve(s, horizon_days=0)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: horizon_days must be a whole number of days more than 0, got 0.
    """

    name: str
    start: dt.date = attrs.field(converter=_start)
    horizon_days: int
    warmup_days: int = 0
    policy: LocalPolicy = attrs.field(validator=_policy)
    demand: Demand
    decision: Decision
    advice: Advice
    plan_panel: PlanPanel
    drafting: Drafting
    consultation: Consultation
    exceptions: Exceptions = attrs.field(factory=Exceptions)
    reviews: Reviews = attrs.field(factory=Reviews)
    disputes: Disputes = attrs.field(factory=Disputes)
    resources: Resources | None = None
    personal_budgets: PersonalBudgets | None = None
    placements: Placements | None = None
    ceasing: Ceasing | None = None
    surge: Surge | None = None
    policy_ref: str | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the scenario can run: horizons, staff for demand, panels in the policy."""
        if (
            isinstance(self.horizon_days, bool)
            or not isinstance(self.horizon_days, int)
            or self.horizon_days < 1
        ):
            msg = (
                "horizon_days must be a whole number of days more than 0, "
                f"got {self.horizon_days!r}."
            )
            raise InvalidInput(msg, field="horizon_days")
        if self.horizon_days > MAX_HORIZON_DAYS:
            msg = (
                f"horizon_days must be at most {MAX_HORIZON_DAYS:,} (100 years), "
                f"got {self.horizon_days:,}; forecasts beyond a few years rest on "
                "assumptions no data can check."
            )
            raise InvalidInput(msg, field="horizon_days")
        room = (LAST_DAY - self.start).days + 1
        if self.horizon_days > room:
            msg = (
                f"the scenario starts on {self.start.isoformat()} and runs "
                f"{self.horizon_days:,} days, past {LAST_DAY.isoformat()}, the last day "
                "ehcplan simulates (so that every deadline it counts is still a "
                "date); start earlier or shorten it."
            )
            raise InvalidInput(msg, field="horizon_days")
        if (
            isinstance(self.warmup_days, bool)
            or not isinstance(self.warmup_days, int)
            or not 0 <= self.warmup_days < self.horizon_days
        ):
            msg = (
                f"warmup_days must be a whole number from 0 to less than horizon_days "
                f"({self.horizon_days}), got {self.warmup_days!r}."
            )
            raise InvalidInput(msg, field="warmup_days")
        for name, kind in (
            ("demand", Demand),
            ("decision", Decision),
            ("advice", Advice),
            ("plan_panel", PlanPanel),
            ("drafting", Drafting),
            ("consultation", Consultation),
            ("exceptions", Exceptions),
            ("reviews", Reviews),
            ("disputes", Disputes),
        ):
            if not isinstance(getattr(self, name), kind):
                msg = f"{name} must be a {kind.__name__}, got {type(getattr(self, name)).__name__}."
                raise InvalidInput(msg, field=name)
        optional: tuple[tuple[str, type], ...] = (
            ("resources", Resources),
            ("personal_budgets", PersonalBudgets),
            ("placements", Placements),
            ("ceasing", Ceasing),
            ("surge", Surge),
        )
        for name, section in optional:
            value = getattr(self, name)
            if value is not None and not isinstance(value, section):
                msg = (
                    f"{name} must be a {section.__name__} or left out, "
                    f"got {type(value).__name__}."
                )
                raise InvalidInput(msg, field=name)
        policy = self.policy
        for key, panel_id in (
            ("decision.panel", self.decision.panel),
            ("plan_panel.panel", self.plan_panel.panel),
        ):
            if panel_id is not None:
                try:
                    panel = policy.panel(panel_id)
                except NotFound as error:
                    msg = f"{key}: {error}"
                    raise InvalidInput(msg, field=key) from None
                first = panel.terms.starts[0]
                if self.start < first:
                    msg = (
                        f"the scenario starts on {self.start.isoformat()}, before panel "
                        f"{panel_id}'s terms apply ({first.isoformat()}); start later, or "
                        "give the policy earlier terms."
                    )
                    raise InvalidInput(msg, field="start")
        if (
            self.decision.panel == self.plan_panel.panel
            and None
            not in (self.decision.slots_per_meeting, self.plan_panel.slots_per_meeting)
            and self.decision.slots_per_meeting != self.plan_panel.slots_per_meeting
        ):
            msg = (
                f"decision.slots_per_meeting ({self.decision.slots_per_meeting}) and "
                f"plan_panel.slots_per_meeting ({self.plan_panel.slots_per_meeting}) set "
                f"different places for the same panel, {self.plan_panel.panel!r}, whose "
                "meetings hear both kinds of decision; give one figure (or set it once)."
            )
            raise InvalidInput(msg, field="plan_panel.slots_per_meeting")
        check_sections(self)
        expected = self.expected_requests()
        if expected > MAX_REQUESTS:
            msg = (
                f"the scenario expects about {expected:,.0f} requests in one run, more "
                f"than the {MAX_REQUESTS:,} ehcplan simulates at once; lower "
                "demand.requests_per_week or demand.annual_growth, or shorten "
                "horizon_days."
            )
            raise InvalidInput(msg, field="demand.requests_per_week")
        has_demand = self.demand.requests_per_week > 0 or bool(self.demand.arrivals)
        if has_demand:
            for key, source in self._queues():
                if source == 0:
                    msg = (
                        f"{key.rsplit('.', 1)[-1]} is 0 but requests arrive, so no "
                        "request could ever finish; "
                        "give at least 1, or leave staff out to model the source as "
                        "a response time."
                    )
                    raise InvalidInput(msg, field=key)

    def daily_rates(self) -> Any:
        """The mean requests arriving on each day of the run (a numpy array).

        The weekly rate, moved by the month's seasonality and by the annual growth
        day by day.
        """
        import numpy as np

        demand = self.demand
        day = np.arange(self.horizon_days)
        months = (np.datetime64(self.start, "D") + day).astype("datetime64[M]")
        season = np.asarray(demand.seasonality, dtype=np.float64)[
            months.astype(int) % 12
        ]
        growth = (1 + demand.annual_growth) ** (day / 365.25)
        return demand.requests_per_week / 7 * season * growth

    def expected_requests(self) -> float:
        """The mean number of requests one run of the scenario receives.

        Examples:
            >>> from ehcplan.sim.scenarios import default_scenario
            >>> round(default_scenario().expected_requests(), -2)
            2800.0
        """
        if self.demand.arrivals:
            return float(len(self.demand.arrivals))
        return float(self.daily_rates().sum())

    def panel_ids(self) -> tuple[str, ...]:
        """The ids of the policy's panels this scenario uses, each once, in pathway order.

        Examples:
            >>> from ehcplan.sim.scenarios import default_scenario
            >>> default_scenario().panel_ids()
            ('send-panel', 'atr')
        """
        ids = (
            self.decision.panel,
            self.plan_panel.panel,
            None if self.placements is None else self.placements.panel,
        )
        return tuple(dict.fromkeys(i for i in ids if i is not None))

    def panel_places(self) -> dict[str, int]:
        """Places per meeting the scenario sets for its panels (the rest use the policy's)."""
        places: dict[str, int] = {}
        placements = self.placements
        for panel_id, slots in (
            (self.decision.panel, self.decision.slots_per_meeting),
            (self.plan_panel.panel, self.plan_panel.slots_per_meeting),
            (
                None if placements is None else placements.panel,
                None if placements is None else placements.slots_per_meeting,
            ),
        ):
            if panel_id is not None and slots is not None:
                places[panel_id] = slots
        return places

    def _queues(self) -> Iterable[tuple[str, int | None]]:
        advice = self.advice
        yield "advice.educational_psychology.staff", advice.educational_psychology.staff
        yield "advice.health.staff", advice.health.staff
        yield "advice.social_care.staff", advice.social_care.staff
        yield "drafting.caseworkers", self.drafting.caseworkers

    def date_at(self, t: float) -> dt.date:
        """The calendar date at simulation time *t* (days since *start*)."""
        return self.start + dt.timedelta(days=int(t))

    def day_of(self, date: dt.date) -> int:
        """The simulation day of *date*."""
        return (date - self.start).days
