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
Practice, as in `ehcplan.timeline.table`):

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
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ehcplan.cases import RequestSource
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput, NotFound
from ehcplan.policy import LocalPolicy
from ehcplan.sim.distributions import DISTRIBUTIONS, Distribution, Fixed
from ehcplan.sim.plans import (
    Ceasing,
    PersonalBudgets,
    Placements,
    Resources,
    check_sections,
)
from ehcplan.sim.surge import Surge
from ehcplan.timeline.grounds import ExceptionGround

__all__ = [
    "LAST_DAY",
    "MAX_HORIZON_DAYS",
    "MAX_PLANS",
    "MAX_REQUESTS",
    "Advice",
    "AdviceSource",
    "Consultation",
    "Decision",
    "Demand",
    "Disputes",
    "Drafting",
    "Exceptions",
    "PlanPanel",
    "Reviews",
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

MAX_PLANS = 1_000_000
"""The most plans in place a scenario may review (England maintains about 640,000)."""


def _share(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= 1
    ):
        msg = f"{attribute.name} must be a share from 0 to 1, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"{attribute.name} must be a whole number of at least 0, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _rate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        msg = f"{attribute.name} must be a number of at least 0, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _places(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value < 1
    ):
        msg = (
            f"{attribute.name} must be a whole number of at least 1 place per meeting "
            f"(or left out for the policy's figure), got {value!r}."
        )
        raise InvalidInput(msg, field=attribute.name)


def _distribution(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, DISTRIBUTIONS):
        msg = (
            f"{attribute.name} must be a distribution of days, e.g. "
            f'{{ kind = "lognormal", mean = 28, sd = 14 }}; got {value!r}.'
        )
        raise InvalidInput(msg, field=attribute.name)


def _freeze(values: Mapping[Any, float]) -> Mapping[Any, float]:
    return MappingProxyType(dict(values))


@attrs.frozen(kw_only=True)
class Demand:
    """How many requests arrive, and from whom.

    Attributes:
        requests_per_week: The mean arrival rate in the first year.
        seasonality: Twelve multipliers of the rate, January to December (SEN2
            requests dip in August and peak in the autumn and spring terms).
        annual_growth: The rate grows by this share a year (0.118 for +11.8%).
        arrivals: A replayed arrival log: the dates requests were received.
            When given, it replaces the rate.
        sources: Shares of requests by who made them (SEN2 ``RequestSource``).
    """

    requests_per_week: float = attrs.field(validator=_rate)
    seasonality: tuple[float, ...] = attrs.field(default=(1.0,) * 12, converter=tuple)
    annual_growth: float = attrs.field(default=0.0)
    arrivals: tuple[dt.date, ...] = attrs.field(default=(), converter=tuple)
    sources: Mapping[RequestSource, float] = attrs.field(
        factory=lambda: {
            RequestSource.PARENT_OR_YOUNG_PERSON: 0.6,
            RequestSource.SCHOOL: 0.4,
        },
        converter=_freeze,
        hash=False,
    )

    @seasonality.validator
    def _check_seasonality(
        self, attribute: attrs.Attribute[Any], value: tuple[float, ...]
    ) -> None:
        if len(value) != 12 or any(
            isinstance(v, bool)
            or not isinstance(v, int | float)
            or not 0 <= v < math.inf
            for v in value
        ):
            msg = (
                "seasonality must be 12 multipliers of at least 0, January to "
                f"December; got {list(value)!r}."
            )
            raise InvalidInput(msg, field=attribute.name)

    @annual_growth.validator
    def _check_growth(self, attribute: attrs.Attribute[Any], value: float) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not -1 < value < 10
        ):
            msg = (
                "annual_growth must be a share more than -1 (e.g. 0.118 for +11.8%), "
                f"got {value!r}."
            )
            raise InvalidInput(msg, field=attribute.name)

    @arrivals.validator
    def _check_arrivals(
        self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
    ) -> None:
        for i, day in enumerate(value):
            to_date(day, field=f"arrivals[{i}]")
        if list(value) != sorted(value):
            msg = "arrivals must be in date order."
            raise InvalidInput(msg, field=attribute.name)

    @sources.validator
    def _check_sources(
        self, attribute: attrs.Attribute[Any], value: Mapping[Any, float]
    ) -> None:
        for source, share in value.items():
            if not isinstance(source, RequestSource):
                msg = f"sources are keyed by RequestSource, got {source!r}."
                raise InvalidInput(msg, field=attribute.name)
            _share(self, attribute, share)
        if value and not math.isclose(sum(value.values()), 1.0, abs_tol=1e-9):
            msg = f"the sources' shares must add up to 1, got {sum(value.values())!r}."
            raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class Decision:
    """The decision whether to assess (reg 5: within 6 weeks of the request).

    Attributes:
        refuse_share: The share of requests refused.
        days: Time from the request to the decision by an officer, or to the
            referral to the panel when *panel* is given.
        panel: The id of the policy's panel that decides, if a panel does. When it
            is also the plan panel, with the same places, the two share each
            meeting's places.
        slots_per_meeting: Requests decided per meeting; left out, the policy's figure.
    """

    refuse_share: float = attrs.field(validator=_share)
    days: Distribution = attrs.field(validator=_distribution)
    panel: str | None = None
    slots_per_meeting: int | None = attrs.field(default=None, validator=_places)


@attrs.frozen(kw_only=True)
class AdviceSource:
    """One source of advice (reg 8: within 6 weeks of the request for it).

    Attributes:
        days: With *staff*, the staff time per assessment (a service time); without,
            the time the body takes to respond (a pure delay).
        staff: How many can work on assessments at once; left out when the source
            is not modelled as a queue.
    """

    days: Distribution = attrs.field(validator=_distribution)
    staff: int | None = attrs.field(default=None)

    @staff.validator
    def _check_staff(self, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None:
            _count(self, attribute, value)


@attrs.frozen(kw_only=True)
class Advice:
    """Advice asked for once the authority decides to assess (reg 6(1)(b)-(e), reg 8).

    Attributes:
        educational_psychology: Psychological advice from an educational psychologist (reg 6).
        health: Medical advice from a health care professional (reg 6).
        social_care: Advice in relation to social care (reg 6).
    """

    educational_psychology: AdviceSource
    health: AdviceSource
    social_care: AdviceSource


@attrs.frozen(kw_only=True)
class PlanPanel:
    """The panel that decides whether a plan is needed, after the advice.

    Attributes:
        panel: The id of the policy's panel.
        deferred_share: The share of hearings deferred to the next meeting.
        no_plan_share: The share of cases where the panel decides not to issue a plan
            (the family then gets the reg 10 notice, within 16 weeks of the request).
        prepare_days: Time from the last advice to the referral.
        slots_per_meeting: Cases heard per meeting; left out, the policy's figure.
    """

    panel: str
    deferred_share: float = attrs.field(validator=_share)
    no_plan_share: float = attrs.field(validator=_share)
    prepare_days: Distribution = attrs.field(
        default=Fixed(days=0), validator=_distribution
    )
    slots_per_meeting: int | None = attrs.field(default=None, validator=_places)


@attrs.frozen(kw_only=True)
class Drafting:
    """Caseworkers who draft plans (and carry annual reviews).

    Attributes:
        caseworkers: How many drafts can be worked on at once.
        days: Caseworker time to draft one plan.
    """

    caseworkers: int = attrs.field(validator=_count)
    days: Distribution = attrs.field(validator=_distribution)


@attrs.frozen(kw_only=True)
class Consultation:
    """The family's representations and the consultation with the school named.

    Attributes:
        representation_days: When the family responds to the draft; the authority
            waits for the response or the end of the 15-day period (reg 13(1)),
            whichever comes first.
        school_days: Time for a school to respond (15 days in the Code of Practice).
        decline_share: The share of consultations where the school declines and
            another is consulted.
        finalise_days: Time from the last response to the final plan.
    """

    representation_days: Distribution = attrs.field(validator=_distribution)
    school_days: Distribution = attrs.field(validator=_distribution)
    decline_share: float = attrs.field(validator=_share)
    finalise_days: Distribution = attrs.field(validator=_distribution)


@attrs.frozen(kw_only=True)
class Exceptions:
    """Plans with a recorded exception ground that disapplies the 20-week limit.

    DfE leaves them out of the headline measure (SEN2 ``Week20`` = 1).

    A ground is drawn for each request when it arrives, and holds its plan up:
    the final plan cannot be issued until the ground's time has passed from the
    day it would otherwise have been.

    Attributes:
        shares: The share of plans with each ground, keyed by the ground's words
            (``"exceptional personal circumstances" = 0.04``); together at most 1.
        days: How long each ground holds the plan up, keyed by the ground's words;
            a ground left out holds nothing up.
    """

    shares: Mapping[ExceptionGround, float] = attrs.field(
        factory=dict, converter=_freeze, hash=False
    )
    days: Mapping[ExceptionGround, Distribution] = attrs.field(
        factory=dict, converter=_freeze, hash=False
    )

    @days.validator
    def _check_days(
        self, attribute: attrs.Attribute[Any], value: Mapping[Any, Any]
    ) -> None:
        for ground, days in value.items():
            if not isinstance(ground, ExceptionGround):
                msg = f"exception days are keyed by ExceptionGround, got {ground!r}."
                raise InvalidInput(msg, field=attribute.name)
            _distribution(self, attribute, days)

    @shares.validator
    def _check(
        self, attribute: attrs.Attribute[Any], value: Mapping[Any, float]
    ) -> None:
        for ground, share in value.items():
            if not isinstance(ground, ExceptionGround):
                msg = f"exception shares are keyed by ExceptionGround, got {ground!r}."
                raise InvalidInput(msg, field=attribute.name)
            _share(self, attribute, share)
        if sum(value.values()) > 1:
            msg = f"the exception shares add up to {sum(value.values())}, more than 1."
            raise InvalidInput(msg, field=attribute.name)

    @property
    def total(self) -> float:
        """The share of plans with any exception."""
        return float(sum(self.shares.values()))


@attrs.frozen(kw_only=True)
class Reviews:
    """Annual reviews of the plans already in place, which take caseworker time.

    Each plan in place at the start has one review meeting a year, on a day
    spread evenly over the year, or, for the phase-transfer share, over the
    season from 1 September to the 15 February deadline (reg 18). A plan issued
    during the run has a review meeting each year, 4 weeks before each annual
    review is due (CFA 2014 s44(1): within 12 months of the plan, then of the
    last review). After the meeting, a caseworker's time produces the
    authority's decision (reg 20(10): within 4 weeks). A plan that ceases
    (`Scenario.ceasing`) has no more reviews.

    Attributes:
        plans: Plans in place at the start.
        days: Caseworker time from a review meeting to the decision.
        phase_transfer_share: The share of plans reviewed in the phase-transfer season.
        new_plans: Whether plans issued during the run are reviewed too.
    """

    plans: int = attrs.field(default=0, validator=_count)

    @plans.validator
    def _check_plans(self, attribute: attrs.Attribute[Any], value: int) -> None:
        if value > MAX_PLANS:
            msg = (
                f"plans must be at most {MAX_PLANS:,} (England maintains about "
                f"640,000), got {value:,}; model one authority at a time."
            )
            raise InvalidInput(msg, field=attribute.name)

    days: Distribution = attrs.field(default=Fixed(days=1), validator=_distribution)
    phase_transfer_share: float = attrs.field(default=0.0, validator=_share)
    new_plans: bool = True


@attrs.frozen(kw_only=True)
class Disputes:
    """Mediation and appeals to the Tribunal, after refusals, "no plan" decisions and plans.

    An appeal may follow mediation (SI 2014/1530 regs 32-42; seed 003: an appeal
    "following mediation"); it is registered after the decision, or the
    mediation certificate, and no later than the Tribunal's limit
    (`ehcplan.timeline.appeal_deadline`, SI 2008/2699 r.20). Appeals after a
    plan is issued are about its sections B, F and I; they do not hold up
    anything else.

    Attributes:
        appeal_share: The share of refusals to assess appealed to the Tribunal.
        tribunal_days: Time from the appeal being registered to the Tribunal's decision.
        order_share: The share of appeals against a refusal ending with an order to
            assess, which restarts the work under reg 44(2).
        mediation_share: The share of appeals that follow mediation.
        mediation_days: Time from the decision to the mediation certificate.
        appeal_days: Time from the decision (or the certificate) to the appeal being
            registered; an appeal is registered by the Tribunal's limit at the latest.
        no_plan_appeal_share: The share of "no plan" decisions appealed.
        no_plan_order_share: The share of those appeals ending with an order to make
            and maintain a plan (reg 44(2)): the plan is then drafted and issued.
        plan_appeal_share: The share of plans issued whose sections B, F or I are
            appealed.
        plan_order_share: The share of those appeals ending with an order to amend
            the plan.
    """

    appeal_share: float = attrs.field(default=0.0, validator=_share)
    tribunal_days: Distribution = attrs.field(
        default=Fixed(days=180), validator=_distribution
    )
    order_share: float = attrs.field(default=0.0, validator=_share)
    mediation_share: float = attrs.field(default=0.0, validator=_share)
    mediation_days: Distribution = attrs.field(
        default=Fixed(days=60), validator=_distribution
    )
    appeal_days: Distribution = attrs.field(
        default=Fixed(days=0), validator=_distribution
    )
    no_plan_appeal_share: float = attrs.field(default=0.0, validator=_share)
    no_plan_order_share: float = attrs.field(default=0.0, validator=_share)
    plan_appeal_share: float = attrs.field(default=0.0, validator=_share)
    plan_order_share: float = attrs.field(default=0.0, validator=_share)


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
