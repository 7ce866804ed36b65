"""Who signs off a plan's resource: the lead SEND co-ordinator, or the SEND panel.

Source: Gloucestershire County Council, "Understanding the SEND Resource
Allocation System" (2017), in both its "RAS Process to be implemented between
September and December 2017" (after the decision to assess) and its "RAS
process for implementation from September 2018 onwards" (at the annual review
before a key-stage transition). At the Team Around the Child (TAC) meeting:

1. "TAC to compare total resource recommended with indicative resource."
2. "If over indicative resource, TAC reconsiders provision and make all
   reasonable attempts to develop a draft Plan which will achieve all outcomes
   within indicative resource."
3. "If agreed resource is in line with indicative resource and less than
   equivalent of 15 hrs TAF and 2.5 hrs MDS (£10,363) then Lead SEND
   Co-ordinator will sign off Plan. If over this amount, Case Co-ordinator will
   take to SEND Panel."
4. "If TAC agree more resources are required, Case Co-ordinator will take to
   SEND Panel."

Readings ehcplan takes, each strict:

- "in line with the indicative resource" is read as *not more than* it;
- "less than" the threshold is strict: a resource exactly at the threshold goes
  to panel;
- step 2 sends the provision back to the team once; if, having reconsidered,
  the team still agrees more is needed, that is step 4 (`more_needed=True`),
  and the case goes to panel.

The threshold is the policy's dated ``ras.sign_off_threshold``.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from ehcplan.money import Money
from ehcplan.policy import SignOffThreshold
from ehcplan.validators import check, flag, money_at_least

__all__ = ["Route", "Routing", "route"]

SOURCE = (
    'Gloucestershire CC, "Understanding the SEND Resource Allocation System" '
    "(2017), TAC meeting"
)
"""Where the routing rules come from."""


class Route(enum.Enum):
    """Where a plan's resource goes next."""

    RECONSIDER = "team reconsiders"
    """The team around the child reconsiders the provision to fit the indicative resource."""

    LEAD_SIGNS_OFF = "lead SEND co-ordinator signs off"
    """In line with the indicative resource and below the threshold: signed off by an officer."""

    SEND_PANEL = "SEND panel"
    """The case co-ordinator takes the case to the SEND (resource) panel."""


@attrs.frozen(kw_only=True)
class Routing:
    """Where the plan goes, and why.

    Attributes:
        route: The next step.
        recommended: The total resource the team recommends.
        indicative: The indicative resource.
        threshold: The sign-off threshold in force.
        reasons: The rules that decided it, in plain words, each with its source.
    """

    route: Route
    recommended: Money
    indicative: Money
    threshold: Money
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The routing as JSON-ready values."""
        return {
            "route": self.route.value,
            "recommended_pence": self.recommended.pence,
            "indicative_pence": self.indicative.pence,
            "threshold_pence": self.threshold.pence,
            "reasons": list(self.reasons),
        }


def route(
    *,
    recommended: Money,
    indicative: Money,
    threshold: Money | SignOffThreshold,
    more_needed: bool = False,
) -> Routing:
    """Decide who signs off the resource the team around the child recommends.

    Args:
        recommended: The total resource the team recommends (a year).
        indicative: The indicative resource from the RAS.
        threshold: The sign-off threshold in force, ``ras.sign_off_threshold.at(on)``
            (its hours, if the policy gives them, are quoted in the reasons), or an amount.
        more_needed: Whether the team, having reconsidered, agrees more resource
            than the indicative is required.

    Examples:
        >>> threshold = Money.parse("£10,363")
        >>> route(recommended=Money.parse("£8,000"), indicative=Money.parse("£8,500"),
        ...       threshold=threshold).route
        <Route.LEAD_SIGNS_OFF: 'lead SEND co-ordinator signs off'>
        >>> route(recommended=Money.parse("£9,000"), indicative=Money.parse("£8,500"),
        ...       threshold=threshold).route
        <Route.RECONSIDER: 'team reconsiders'>
        >>> r = route(recommended=Money.parse("£12,000"), indicative=Money.parse("£12,500"),
        ...           threshold=threshold)
        >>> r.route, r.reasons[-1][:48]
        (<Route.SEND_PANEL: 'SEND panel'>, 'the resource £12,000.00 is not less than the thr')

    Raises:
        InvalidInput: If an amount is not `Money` of at least £0.
    """
    recommended = check("recommended", recommended, money_at_least(0))
    indicative = check("indicative", indicative, money_at_least(0))
    stated = threshold.explain() if isinstance(threshold, SignOffThreshold) else None
    if isinstance(threshold, SignOffThreshold):
        threshold = threshold.amount
    threshold = check("threshold", threshold, money_at_least(0))
    limit = (
        f"the threshold {threshold}" if stated is None else f"the threshold {stated}"
    )
    check("more_needed", more_needed, flag)

    def routing(to: Route, *reasons: str) -> Routing:
        return Routing(
            route=to,
            recommended=recommended,
            indicative=indicative,
            threshold=threshold,
            reasons=tuple(f"{reason} ({SOURCE})" for reason in reasons),
        )

    compared = f"the team recommends {recommended} against an indicative resource of {indicative}"
    if more_needed:
        return routing(
            Route.SEND_PANEL,
            compared,
            "the team agrees more resources are required, so the case co-ordinator "
            "takes the case to the SEND panel",
        )
    if recommended > indicative:
        return routing(
            Route.RECONSIDER,
            compared,
            f"that is {recommended - indicative} over, so the team reconsiders the "
            "provision to achieve all outcomes within the indicative resource",
        )
    if recommended < threshold:
        return routing(
            Route.LEAD_SIGNS_OFF,
            compared,
            "the resource is in line with the indicative resource and less than "
            f"{limit}, so the lead SEND co-ordinator signs off the plan",
        )
    return routing(
        Route.SEND_PANEL,
        compared,
        f"the resource {recommended} is not less than {limit}, so "
        "the case co-ordinator takes the case to the SEND panel",
    )
