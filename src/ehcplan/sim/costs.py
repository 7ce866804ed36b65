"""What each simulated plan is agreed with and costs, asked of the domain when a run ends.

Every amount is a year's worth, in whole pence (int64 columns, never floats):

- the **resource** is the one agreed at sign-off: the team's recommendation
  after any reconsidering (`ehcplan.sim.facts`), signed off by the lead SEND
  co-ordinator or agreed by the panel as recommended; its **top-up** is the
  part above the element 2 threshold of the funding terms in force on the
  plan's issue (`ehcplan.funding.batch.costed_top_ups`), for plans without a
  jointly funded placement;
- a **jointly funded placement**'s fee (a week's fee times its weeks a year),
  transport and any health contribution are apportioned between education,
  social care and health by the terms in force on the date of placement
  (`ehcplan.funding.apportion_placement`); its education share takes the place
  of a top-up;
- a **personal budget** request is decided on the policy's rule over the six
  criteria (`ehcplan.budgets.assess_eligibility`); an agreed budget's parts go
  to the agency and mechanism drawn, halves of a combination split exactly
  (`ehcplan.sharing.apportion`), and a direct payment failing its conditions
  (`ehcplan.budgets.check_direct_payment`) is made an arrangement instead;
  direct payments are monitored as `ehcplan.budgets.reviews_due` says.

A plan's money by budget: **high needs** (the authority's high-needs block:
its top-up, a placement's education share, a budget's education part),
**social care** and **health**. Only plans issued by the horizon have money.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ehcplan.budgets import (
    DirectPaymentFacts,
    EligibilityFacts,
    Mechanism,
    Part,
    PersonalBudget,
    Recipient,
    assess_eligibility,
    check_direct_payment,
    reviews_due,
)
from ehcplan.funding import Agency, apportion_placement
from ehcplan.funding.batch import costed_top_ups
from ehcplan.money import Money
from ehcplan.ras.routing import RECONSIDER
from ehcplan.sharing import apportion
from ehcplan.sim.outcomes import ISSUED
from ehcplan.sim.plans import AGENCIES, MECHANISMS
from ehcplan.sim.world import World

__all__ = ["BUDGET_MECHANISMS", "COST_COLUMNS", "costs"]

Ints = npt.NDArray[np.int64]

COST_COLUMNS = (
    "ras_score",
    "indicative",
    "resource",
    "route",
    "reconsidered",
    "top_up",
    "budget_requested",
    "budget_agreed",
    "budget",
    "budget_mechanism",
    "budget_direct",
    "budget_third_party",
    "budget_arrangement",
    "budget_education",
    "budget_social_care",
    "budget_health",
    "placement_weeks",
    "placement_fee",
    "placement_transport",
    "placement_education",
    "placement_social_care",
    "placement_health",
    "high_needs",
    "social_care",
    "health",
)
"""The journey columns a run's end adds: RAS facts, then money (pence a year)."""

BUDGET_MECHANISMS = (
    "none",
    "direct payment",
    "arrangement",
    "third-party arrangement",
    "combination",
)
"""``budget_mechanism`` codes: how an agreed budget is delivered (`PersonalBudget.mechanism`)."""

_AGENCY = {
    "education": ((Agency.EDUCATION, 1),),
    "social_care": ((Agency.SOCIAL_CARE, 1),),
    "health": ((Agency.HEALTH, 1),),
    "combination": ((Agency.EDUCATION, 1), (Agency.SOCIAL_CARE, 1)),
}
_MECHANISM = {
    "direct_payment": ((Mechanism.DIRECT_PAYMENT, 1),),
    "arrangement": ((Mechanism.ARRANGEMENT, 1),),
    "third_party": ((Mechanism.THIRD_PARTY, 1),),
    "combination": ((Mechanism.DIRECT_PAYMENT, 1), (Mechanism.ARRANGEMENT, 1)),
}


class _Columns:
    """Journey columns by attribute (``j.issued`` for ``journeys["issued"]``)."""

    def __init__(self, columns: Mapping[str, npt.NDArray[Any]]) -> None:
        self.__dict__.update(columns)

    def __getattr__(
        self, name: str
    ) -> npt.NDArray[Any]:  # pragma: no cover - typing only
        raise AttributeError(name)


def _zeros(n: int) -> Ints:
    return np.zeros(n, dtype=np.int64)


def _share(amount: Money, weights: tuple[tuple[Any, int], ...]) -> dict[Any, Money]:
    """*amount* shared by *weights* (`ehcplan.sharing.apportion`); one party takes it all."""
    if len(weights) == 1:
        return {weights[0][0]: amount}
    return apportion(amount, dict(weights))


def budget_of(
    amount: Money, agency: str, mechanism: str, direct_payment_allowed: bool
) -> PersonalBudget | None:
    """The budget of *amount* split by *agency* and *mechanism* (None if nothing to pay).

    Examples:
        >>> b = budget_of(Money.parse("£4,000.01"), "combination", "combination", True)
        >>> str(b.total), b.mechanism, {a.name: str(m) for a, m in b.by_agency().items() if m}
        ('£4,000.01', 'combination', {'EDUCATION': '£2,000.01', 'SOCIAL_CARE': '£2,000.00'})
        >>> budget_of(Money.parse("£500"), "health", "direct_payment", False).mechanism
        'arrangement'
    """
    parts = []
    split = _share(amount, _AGENCY[agency])
    for agency_value, part_amount in split.items():
        for mechanism_value, piece in _share(
            part_amount, _MECHANISM[mechanism]
        ).items():
            if not piece:
                continue
            delivered = (
                mechanism_value
                if direct_payment_allowed or mechanism_value is Mechanism.ARRANGEMENT
                else Mechanism.ARRANGEMENT
            )
            parts.append(
                Part(
                    amount=piece,
                    mechanism=delivered,
                    agency=agency_value,
                    provision="provision in the plan secured by the family",
                )
            )
    return PersonalBudget(parts=parts) if parts else None


def _period_index(
    starts: tuple[dt.date, ...], start: dt.date, days: npt.NDArray[np.float64]
) -> Ints:
    """For each day, the index of the dated value in force (starts are the values' dates)."""
    offsets = np.array([(d - start).days for d in starts])
    index: Ints = np.maximum(
        np.searchsorted(offsets, np.floor(days), side="right") - 1, 0
    )
    return index


def costs(  # noqa: C901, PLR0912, PLR0915 - one plan's money reads best in one place
    world: World, journeys: Mapping[str, npt.NDArray[Any]]
) -> tuple[dict[str, npt.NDArray[Any]], list[tuple[int, float]]]:
    """The RAS and money columns of every journey, and the direct-payment reviews due.

    *journeys* are the run's journey columns. Returns the columns
    (`COST_COLUMNS`) and, for each review of a direct payment due by the
    horizon, the journey's row and the day it is due.
    """
    s, f = world.scenario, world.facts
    j = _Columns(journeys)
    n = len(j.received)
    rows = np.arange(n)
    period = np.array(world.ras_period, dtype=np.int64)
    decided = ~np.isnan(j.panel)
    columns: dict[str, npt.NDArray[Any]] = {name: _zeros(n) for name in COST_COLUMNS}
    issued = j.outcome == ISSUED
    if s.resources is not None:
        columns["ras_score"] = np.where(decided, f.score, 0)
        columns["indicative"] = np.where(decided, f.indicative[period, rows], 0)
        columns["resource"] = np.where(decided, f.recommended[period, rows], 0)
        columns["route"] = np.where(decided, f.final_route[period, rows], -1).astype(
            np.int8
        )
        columns["reconsidered"] = decided & (f.first_route[period, rows] == RECONSIDER)
    else:
        columns["route"] = np.full(n, -1, dtype=np.int8)
        columns["reconsidered"] = np.zeros(n, dtype=bool)
    placed = (
        issued & np.array(f.placement, dtype=bool) & (~np.isnan(j.atr) | j.emergency)
    )
    funding = s.policy.funding
    terms = None if funding is None else funding.terms
    if s.resources is not None and terms is not None:
        which = _period_index(terms.starts, s.start, np.nan_to_num(j.issued))
        top_up = _zeros(n)
        for k, (_start, in_force) in enumerate(terms.history):
            chosen = issued & ~placed & (which == k)
            if chosen.any():
                top_up[chosen] = costed_top_ups(
                    columns["resource"][chosen], in_force.element2_threshold
                )[1]
        columns["top_up"] = top_up
    # Jointly funded placements.
    weeks = columns["placement_weeks"]
    for i in np.flatnonzero(placed).tolist():
        placed_day = j.referred[i] if j.emergency[i] else j.issued[i]
        on = s.date_at(placed_day)
        placement = f.placement_of(i, on)
        assert terms is not None  # noqa: S101 - the scenario checks it
        shares = apportion_placement(placement, terms.at(on)).totals
        weeks[i] = placement.weeks_per_year
        columns["placement_fee"][i] = placement.fee.pence
        columns["placement_transport"][i] = placement.transport.pence
        columns["placement_education"][i] = shares[Agency.EDUCATION].pence
        columns["placement_social_care"][i] = shares[Agency.SOCIAL_CARE].pence
        columns["placement_health"][i] = shares[Agency.HEALTH].pence
    # Personal budgets, decided with the plan.
    monitoring: list[tuple[int, float]] = []
    requested = np.array(f.budget_requested, dtype=bool) & decided
    columns["budget_requested"] = requested
    columns["budget_agreed"] = np.zeros(n, dtype=bool)
    rules = s.policy.personal_budgets
    budgets = s.personal_budgets
    horizon = s.date_at(s.horizon_days - 1)
    mechanism_codes = {name: code for code, name in enumerate(BUDGET_MECHANISMS)}
    # Each distinct set of facts is decided once, by the domain.
    eligible: dict[tuple[bool, ...], bool] = {}
    allowed: dict[tuple[bool, bool, bool], bool] = {}
    for i in np.flatnonzero(requested & issued).tolist():
        assert rules is not None  # noqa: S101 - the scenario checks it
        assert budgets is not None  # noqa: S101 - only requested then
        flags = tuple(bool(x) for x in f.criteria[i])
        if flags not in eligible:
            facts = EligibilityFacts(
                above_parental_provision=flags[0],
                additional_to_local_offer=flags[1],
                necessary_for_outcomes=flags[2],
                clearly_evidenced=flags[3],
                disabled_children_service=flags[4],
                continuing_care=flags[5],
            )
            eligible[flags] = assess_eligibility(facts, rules.eligibility_rule).eligible
        if not eligible[flags]:
            continue
        on_premises = bool(f.on_premises[i])
        conditions = (
            bool(f.capable[i]),
            on_premises,
            on_premises and bool(f.school_agrees[i]),
        )
        if conditions not in allowed:
            allowed[conditions] = check_direct_payment(
                DirectPaymentFacts(
                    recipient=Recipient.PARENT,
                    capable=conditions[0],
                    appropriate_use=True,
                    no_adverse_impact=True,
                    efficient_use=True,
                    on_premises=on_premises,
                    institution_agrees=conditions[2] if on_premises else None,
                )
            ).allowed
        budget = budget_of(
            Money(int(f.budget_pence[i])),
            AGENCIES[int(f.budget_agency[i])],
            MECHANISMS[int(f.budget_mechanism[i])],
            allowed[conditions],
        )
        if budget is None:
            continue
        columns["budget_agreed"][i] = True
        columns["budget"][i] = budget.total.pence
        columns["budget_mechanism"][i] = mechanism_codes[budget.mechanism]
        by_mechanism = {
            m: sum((p.amount for p in budget.parts if p.mechanism is m), Money(0))
            for m in Mechanism
        }
        columns["budget_direct"][i] = by_mechanism[Mechanism.DIRECT_PAYMENT].pence
        columns["budget_third_party"][i] = by_mechanism[Mechanism.THIRD_PARTY].pence
        columns["budget_arrangement"][i] = by_mechanism[Mechanism.ARRANGEMENT].pence
        agencies = budget.by_agency()
        columns["budget_education"][i] = agencies[Agency.EDUCATION].pence
        columns["budget_social_care"][i] = agencies[Agency.SOCIAL_CARE].pence
        columns["budget_health"][i] = agencies[Agency.HEALTH].pence
        if budget.direct_payments:
            first = s.date_at(j.issued[i])
            until = horizon
            if not np.isnan(j.ceased[i]):
                until = min(until, s.date_at(j.ceased[i]))
            if until >= first:
                monitoring += [
                    (i, float(s.day_of(review.due)))
                    for review in reviews_due(first, until, rules)
                ]
    columns["budget_mechanism"] = columns["budget_mechanism"].astype(np.int8)
    columns["placement_weeks"] = weeks.astype(np.int8)
    columns["high_needs"] = (
        columns["top_up"] + columns["placement_education"] + columns["budget_education"]
    )
    columns["social_care"] = (
        columns["placement_social_care"] + columns["budget_social_care"]
    )
    columns["health"] = columns["placement_health"] + columns["budget_health"]
    return columns, monitoring
