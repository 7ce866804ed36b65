"""The stages of the pathway a `Scenario` sets, one value each, in the order a request meets them.

1. `Demand`: requests arriving, their sources and the children's ages;
2. `Decision`: the decision whether to assess, by an officer or at a panel;
3. `Advice` (one `AdviceSource` each): educational psychology, health and social care;
4. `PlanPanel`: the panel that decides whether a plan is needed;
5. `Drafting`: caseworkers drafting plans;
6. `Consultation`: the family's representations and the school consultation;
7. `Exceptions`: plans with a recorded exception ground;
8. `Reviews`: the annual reviews of the plans in place;
9. `Disputes`: mediation and appeals after decisions.

Each is frozen and checked on construction, in days, shares (0 to 1) and counts
of staff; durations are named distributions (`ehcplan.sim.distributions`). What
plans are agreed with and how they end is in `ehcplan.sim.plans`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import attrs

from ehcplan.cases import RequestSource
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput
from ehcplan.sim.distributions import Distribution, Fixed, distribution
from ehcplan.timeline.grounds import ExceptionGround
from ehcplan.validators import frozen_mapping, number_at_least, share, whole

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
    "MAX_PLANS",
    "Reviews",
    "places",
]

MAX_PLANS = 1_000_000
"""The most plans in place a scenario may review (England maintains about 640,000)."""


def places(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but a whole number of places per meeting of at least 1, or None.

    None stands for the policy's own figure for the panel.
    """
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value < 1
    ):
        msg = (
            f"{attribute.name} must be a whole number of at least 1 place per meeting "
            f"(or left out for the policy's figure), got {value!r}."
        )
        raise InvalidInput(msg, field=attribute.name)


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

    requests_per_week: float = attrs.field(validator=number_at_least(0))
    seasonality: tuple[float, ...] = attrs.field(default=(1.0,) * 12, converter=tuple)
    annual_growth: float = attrs.field(default=0.0)
    arrivals: tuple[dt.date, ...] = attrs.field(default=(), converter=tuple)
    sources: Mapping[RequestSource, float] = attrs.field(
        factory=lambda: {
            RequestSource.PARENT_OR_YOUNG_PERSON: 0.6,
            RequestSource.SCHOOL: 0.4,
        },
        converter=frozen_mapping,
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
        for source, its_share in value.items():
            if not isinstance(source, RequestSource):
                msg = f"sources are keyed by RequestSource, got {source!r}."
                raise InvalidInput(msg, field=attribute.name)
            share(self, attribute, its_share)
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

    refuse_share: float = attrs.field(validator=share)
    days: Distribution = attrs.field(validator=distribution)
    panel: str | None = None
    slots_per_meeting: int | None = attrs.field(default=None, validator=places)


@attrs.frozen(kw_only=True)
class AdviceSource:
    """One source of advice (reg 8: within 6 weeks of the request for it).

    Attributes:
        days: With *staff*, the staff time per assessment (a service time); without,
            the time the body takes to respond (a pure delay).
        staff: How many can work on assessments at once; left out when the source
            is not modelled as a queue.
    """

    days: Distribution = attrs.field(validator=distribution)
    staff: int | None = attrs.field(default=None)

    @staff.validator
    def _check_staff(self, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None:
            whole(0)(self, attribute, value)


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
    deferred_share: float = attrs.field(validator=share)
    no_plan_share: float = attrs.field(validator=share)
    prepare_days: Distribution = attrs.field(
        default=Fixed(days=0), validator=distribution
    )
    slots_per_meeting: int | None = attrs.field(default=None, validator=places)


@attrs.frozen(kw_only=True)
class Drafting:
    """Caseworkers who draft plans (and carry annual reviews).

    Attributes:
        caseworkers: How many drafts can be worked on at once.
        days: Caseworker time to draft one plan.
    """

    caseworkers: int = attrs.field(validator=whole(0))
    days: Distribution = attrs.field(validator=distribution)


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

    representation_days: Distribution = attrs.field(validator=distribution)
    school_days: Distribution = attrs.field(validator=distribution)
    decline_share: float = attrs.field(validator=share)
    finalise_days: Distribution = attrs.field(validator=distribution)


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
        factory=dict, converter=frozen_mapping, hash=False
    )
    days: Mapping[ExceptionGround, Distribution] = attrs.field(
        factory=dict, converter=frozen_mapping, hash=False
    )

    @days.validator
    def _check_days(
        self, attribute: attrs.Attribute[Any], value: Mapping[Any, Any]
    ) -> None:
        for ground, days in value.items():
            if not isinstance(ground, ExceptionGround):
                msg = f"exception days are keyed by ExceptionGround, got {ground!r}."
                raise InvalidInput(msg, field=attribute.name)
            distribution(self, attribute, days)

    @shares.validator
    def _check(
        self, attribute: attrs.Attribute[Any], value: Mapping[Any, float]
    ) -> None:
        for ground, its_share in value.items():
            if not isinstance(ground, ExceptionGround):
                msg = f"exception shares are keyed by ExceptionGround, got {ground!r}."
                raise InvalidInput(msg, field=attribute.name)
            share(self, attribute, its_share)
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

    plans: int = attrs.field(default=0, validator=whole(0))

    @plans.validator
    def _check_plans(self, attribute: attrs.Attribute[Any], value: int) -> None:
        if value > MAX_PLANS:
            msg = (
                f"plans must be at most {MAX_PLANS:,} (England maintains about "
                f"640,000), got {value:,}; model one authority at a time."
            )
            raise InvalidInput(msg, field=attribute.name)

    days: Distribution = attrs.field(default=Fixed(days=1), validator=distribution)
    phase_transfer_share: float = attrs.field(default=0.0, validator=share)
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

    appeal_share: float = attrs.field(default=0.0, validator=share)
    tribunal_days: Distribution = attrs.field(
        default=Fixed(days=180), validator=distribution
    )
    order_share: float = attrs.field(default=0.0, validator=share)
    mediation_share: float = attrs.field(default=0.0, validator=share)
    mediation_days: Distribution = attrs.field(
        default=Fixed(days=60), validator=distribution
    )
    appeal_days: Distribution = attrs.field(
        default=Fixed(days=0), validator=distribution
    )
    no_plan_appeal_share: float = attrs.field(default=0.0, validator=share)
    no_plan_order_share: float = attrs.field(default=0.0, validator=share)
    plan_appeal_share: float = attrs.field(default=0.0, validator=share)
    plan_order_share: float = attrs.field(default=0.0, validator=share)
