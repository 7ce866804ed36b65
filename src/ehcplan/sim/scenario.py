"""A `Scenario`: one authority's demand, capacity and policy over a stretch of time.

A scenario is inert: a frozen value, checked on construction, that says what
to simulate and nothing about how. Every key is in days, shares (0 to 1) or
counts of staff; durations are named distributions
(`ehcplan.sim.distributions`). The local policy (panel calendars, RAS,
funding) is the authority's `ehcplan.policy.LocalPolicy`, named by a shipped
policy or a path, never restated here; the law comes from `ehcplan.timeline`.

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
   ground that disapplies the 20-week limit as DfE counts it (`Exceptions`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from ehcplan.case import RequestSource
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput, NotFound
from ehcplan.policy import LocalPolicy, load_policy
from ehcplan.sim.distributions import DISTRIBUTIONS, Distribution, Fixed
from ehcplan.sim.surge import Surge
from ehcplan.timeline.grounds import ExceptionGround

__all__ = [
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
    slots_per_meeting: int | None = None


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
    slots_per_meeting: int | None = None


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

    Attributes:
        shares: The share of plans with each ground, keyed by the ground's words
            (``"exceptional personal circumstances" = 0.04``); together at most 1.
    """

    shares: Mapping[ExceptionGround, float] = attrs.field(
        factory=dict, converter=_freeze, hash=False
    )

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
    during the run has its first review meeting 4 weeks before its annual
    review is due (CFA 2014 s44(1)). After the meeting, a caseworker's time
    produces the authority's decision (reg 20(10): within 4 weeks).

    Attributes:
        plans: Plans in place at the start.
        days: Caseworker time from a review meeting to the decision.
        phase_transfer_share: The share of plans reviewed in the phase-transfer season.
        new_plans: Whether plans issued during the run are reviewed too.
    """

    plans: int = attrs.field(default=0, validator=_count)
    days: Distribution = attrs.field(default=Fixed(days=1), validator=_distribution)
    phase_transfer_share: float = attrs.field(default=0.0, validator=_share)
    new_plans: bool = True


@attrs.frozen(kw_only=True)
class Disputes:
    """Mediation and appeals after a refusal to assess.

    Attributes:
        appeal_share: The share of refusals appealed to the Tribunal.
        tribunal_days: Time from the refusal to the Tribunal's decision.
        order_share: The share of appeals ending with an order to assess, which
            restarts the work under reg 44(2).
    """

    appeal_share: float = attrs.field(default=0.0, validator=_share)
    tribunal_days: Distribution = attrs.field(
        default=Fixed(days=180), validator=_distribution
    )
    order_share: float = attrs.field(default=0.0, validator=_share)


def _start(value: object) -> dt.date:
    return to_date(value, field="start")


def _policy_name(value: object) -> str:
    if not isinstance(value, str | Path) or not str(value).strip():
        msg = (
            f"policy must name a shipped policy or a policy file's path, got {value!r}."
        )
        raise InvalidInput(msg, field="policy")
    return str(value)


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
        policy: The local policy: a shipped policy's name or a policy file's path.
        demand: Requests arriving.
        decision: The decision whether to assess.
        advice: Advice from educational psychology, health and social care.
        plan_panel: The panel that decides whether a plan is needed.
        drafting: Caseworkers drafting plans.
        consultation: The family's representations and the school consultation.
        exceptions: Plans with a recorded exception ground.
        reviews: Annual reviews of the plans in place.
        disputes: Appeals after refusals to assess.
        surge: Extra staff hired when waits pass a threshold (`ehcplan.sim.surge`);
            left out, capacity stays as given.

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
    policy: str = attrs.field(converter=_policy_name)
    demand: Demand
    decision: Decision
    advice: Advice
    plan_panel: PlanPanel
    drafting: Drafting
    consultation: Consultation
    exceptions: Exceptions = attrs.field(factory=Exceptions)
    reviews: Reviews = attrs.field(factory=Reviews)
    disputes: Disputes = attrs.field(factory=Disputes)
    surge: Surge | None = None
    local_policy: LocalPolicy = attrs.field(init=False, eq=False, repr=False)

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
        if self.surge is not None and not isinstance(self.surge, Surge):
            msg = f"surge must be a Surge or left out, got {type(self.surge).__name__}."
            raise InvalidInput(msg, field="surge")
        try:
            policy = load_policy(self.policy)
        except NotFound as error:
            raise InvalidInput(str(error), field="policy") from None
        object.__setattr__(self, "local_policy", policy)
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
