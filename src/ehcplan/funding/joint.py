"""Jointly funded placements: who pays what, line by line, to the penny.

Source: London Safeguarding Children Procedures 8.1, "Protocol Relating to
Jointly Funded Placements for Children with Special Educational Needs and/or
Complex Health Needs" (seed 004), section 4:

- 4.1 "The SEN team will pay the education costs of the placement including
  provision costs e.g. 1 to 1."
- 4.2 "Where education costs are not broken down by the provider, the following
  splits will be applied: 52 week placements - 25%/75% - SEN/Children's Social
  Care; 38 week placements - 50/50."
- 4.3 "Educationally related transport costs to the placement will be shared
  equally between SEN and Children's Social Care budgets."
- 4.4 "The placement and funding arrangements will be reviewed at the Access to
  Resources Panel 6 months from the date of placement. Where there is potential
  disruption to the placement the case will need to be referred to the Panel
  earlier."
- 4.5 A CCG (now ICB) contribution "will be taken into consideration prior to
  applying the above formula".

The percentages, the transport split and the review interval are the
authority's dated `FundingTerms`, so an authority can change them. ehcplan's
readings, each explicit:

- the health contribution comes off the fee before anything else is split
  (when ``health_contribution_first``); where the provider breaks the fee down,
  it comes off the non-education part, and may not exceed it;
- a placement length with no split of its own follows ``other_weeks``: refused
  (the strict default) or the nearest listed length;
- every split goes through `ehcplan.sharing.apportion_with_audit`, so the parts
  always add up to the cost, with its documented penny tie-break.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from ehcplan.dates import add_months, to_date
from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.panels import next_meeting
from ehcplan.policy import FundingTerms, OtherWeeks, PanelPolicy, Split
from ehcplan.sharing import apportion_with_audit
from ehcplan.validators import money_at_least, optional, text, whole

__all__ = [
    "Agency",
    "JointFunding",
    "Line",
    "Placement",
    "PlacementReview",
    "apportion_placement",
    "placement_review",
]

PROTOCOL = (
    "London Safeguarding Children Procedures 8.1, jointly funded placements protocol"
)
"""The source of the joint-funding rules, as cited on each line."""


class Agency(enum.Enum):
    """Who pays."""

    EDUCATION = "SEN (education)"
    SOCIAL_CARE = "children's social care"
    HEALTH = "health (ICB)"


_money = money_at_least(0)


def _placed_on(value: object) -> dt.date:
    return to_date(value, field="placed_on")


@attrs.frozen(kw_only=True)
class Placement:
    """A residential placement's annual costs, as the provider invoices them.

    Attributes:
        reference: The child's case reference.
        placed_on: The date of placement.
        weeks_per_year: Weeks a year the child is placed (38 or 52 in the protocol).
        fee: The provider's annual fee.
        education_part: The education costs within the fee, when the provider
            breaks them down; None when it does not.
        provision: Education provision costs on top of the fee, such as 1 to 1.
        transport: Educationally related transport costs a year.
        health_contribution: A CCG/ICB contribution agreed under the continuing
            care protocol.
    """

    reference: str = attrs.field(validator=text)
    placed_on: dt.date = attrs.field(converter=_placed_on)
    weeks_per_year: int = attrs.field(validator=whole(1, 52, unit="weeks"))
    fee: Money = attrs.field(validator=_money)
    education_part: Money | None = attrs.field(default=None, validator=optional(_money))
    provision: Money = attrs.field(default=Money(0), validator=_money)
    transport: Money = attrs.field(default=Money(0), validator=_money)
    health_contribution: Money = attrs.field(default=Money(0), validator=_money)

    def __attrs_post_init__(self) -> None:
        """Refuse parts larger than the fee they are part of."""
        if self.education_part is not None and self.education_part > self.fee:
            msg = (
                f"the education part {self.education_part} is more than the fee "
                f"{self.fee}; it must be a part of the fee."
            )
            raise InvalidInput(msg, field="education_part")
        if self.health_contribution > self.fee:
            msg = (
                f"the health contribution {self.health_contribution} is more than the "
                f"placement fee {self.fee}; check the continuing care agreement."
            )
            raise InvalidInput(msg, field="health_contribution")

    @property
    def total(self) -> Money:
        """Everything to be paid: fee, provision and transport."""
        return self.fee + self.provision + self.transport


@attrs.frozen(kw_only=True)
class Line:
    """One line of the apportionment: an amount, who pays it, and why."""

    item: str
    agency: Agency
    amount: Money
    reason: str


@attrs.frozen(kw_only=True)
class JointFunding:
    """A placement's costs apportioned between agencies, line by line.

    Attributes:
        placement: The placement.
        lines: Every amount, who pays it and why, in the order worked out.
        remainders: Pennies the largest-remainder rule placed, per split, for audit.
    """

    placement: Placement
    lines: tuple[Line, ...]
    remainders: tuple[str, ...] = ()

    def total(self, agency: Agency) -> Money:
        """What *agency* pays in all."""
        return sum(
            (line.amount for line in self.lines if line.agency is agency), Money(0)
        )

    @property
    def totals(self) -> dict[Agency, Money]:
        """What each agency pays."""
        return {agency: self.total(agency) for agency in Agency}

    def explain(self) -> str:
        """The apportionment as a table a panel can read."""
        width = max(len(line.item) for line in self.lines)
        rows = [f"Placement {self.placement.reference}: {self.placement.total} a year"]
        rows += [
            f"  {line.item:<{width}}  {line.agency.value:<24} {str(line.amount):>14}  {line.reason}"
            for line in self.lines
        ]
        rows += [
            f"  {'total':<{width}}  {agency.value:<24} {str(amount):>14}"
            for agency, amount in self.totals.items()
        ]
        rows += [f"  {note}" for note in self.remainders]
        return "\n".join(rows)

    def to_dict(self) -> dict[str, Any]:
        """The apportionment as JSON-ready values (amounts in pence)."""
        return {
            "reference": self.placement.reference,
            "total_pence": self.placement.total.pence,
            "lines": [
                {
                    "item": line.item,
                    "agency": line.agency.value,
                    "amount_pence": line.amount.pence,
                    "reason": line.reason,
                }
                for line in self.lines
            ],
            "totals_pence": {
                agency.value: amount.pence for agency, amount in self.totals.items()
            },
        }


def _split_for(terms: FundingTerms, weeks: int) -> tuple[int, Split]:
    """The split for a placement of *weeks* (its own, or by `other_weeks`)."""
    splits = terms.undivided_splits
    if weeks in splits:
        return weeks, splits[weeks]
    listed = ", ".join(str(w) for w in splits)
    if terms.other_weeks is OtherWeeks.REFUSE:
        msg = (
            f"the funding terms have no split for a {weeks}-week placement (only for "
            f"{listed} weeks) and refuse other lengths; take the case to the panel, or "
            "ask for the provider's breakdown of education costs."
        )
        raise InvalidInput(msg, field="weeks_per_year")
    nearest = min(splits, key=lambda w: (abs(w - weeks), -w))
    return nearest, splits[nearest]


def _split(
    total: Money, split: Split, item: str, reason: str, audit: list[str]
) -> list[Line]:
    weights = {
        Agency.EDUCATION: split.education,
        Agency.SOCIAL_CARE: split.social_care,
        Agency.HEALTH: split.health,
    }
    result = apportion_with_audit(total, {a: w for a, w in weights.items() if w})
    if result.remainder_pence:
        to = ", ".join(agency.value for agency in result.received_extra_penny)
        audit.append(
            f"{item}: {result.remainder_pence}p left after rounding down went to {to} "
            "(largest remainder)"
        )
    return [
        Line(item=item, agency=agency, amount=amount, reason=reason)
        for agency, amount in result.parts.items()
    ]


def apportion_placement(placement: Placement, terms: FundingTerms) -> JointFunding:
    """Apportion *placement*'s costs by the authority's joint-funding *terms*.

    Examples:
        A 52-week placement at £3,500 a week, not broken down, with £9,000 of
        transport and a £40,000 ICB contribution:

        >>> import ehcplan.policy
        >>> terms = ehcplan.policy.load_policy("london-jointly-funded-placements").funding.terms
        >>> placement = Placement(
        ...     reference="EHC-9", placed_on=dt.date(2025, 4, 7), weeks_per_year=52,
        ...     fee=Money.parse("£182,000"), transport=Money.parse("£9,000"),
        ...     health_contribution=Money.parse("£40,000"))
        >>> funding = apportion_placement(placement, terms.at(placement.placed_on))
        >>> {agency.name: str(amount) for agency, amount in funding.totals.items()}
        {'EDUCATION': '£40,000.00', 'SOCIAL_CARE': '£111,000.00', 'HEALTH': '£40,000.00'}

    Raises:
        InvalidInput: If the placement's length has no split and the terms refuse
            other lengths, or the health contribution exceeds the costs it can pay.
    """
    if not isinstance(placement, Placement):
        msg = f"placement must be a Placement, got {type(placement).__name__}."
        raise InvalidInput(msg, field="placement")
    if not isinstance(terms, FundingTerms):
        msg = (
            "terms must be the FundingTerms in force, e.g. "
            f"policy.funding.terms.at(placed_on); got {type(terms).__name__}."
        )
        raise InvalidInput(msg, field="terms")
    lines: list[Line] = []
    audit: list[str] = []
    health = placement.health_contribution
    remaining = placement.fee
    if health:
        if not terms.health_contribution_first:
            msg = (
                "these terms do not take a health contribution off before the split; "
                "apportion the fee and agree the health share at the panel."
            )
            raise InvalidInput(msg, field="health_contribution")
        if (
            placement.education_part is not None
            and health > placement.fee - placement.education_part
        ):
            msg = (
                f"the health contribution {health} is more than the non-education part "
                f"of the fee ({placement.fee - placement.education_part}); the education "
                "costs are the SEN team's (4.1). Check the contribution."
            )
            raise InvalidInput(msg, field="health_contribution")
        lines.append(
            Line(
                item="placement fee",
                agency=Agency.HEALTH,
                amount=health,
                reason=f"ICB contribution, taken off before the split ({PROTOCOL} 4.5)",
            )
        )
        remaining -= health
    if placement.education_part is not None:
        education = placement.education_part
        lines.append(
            Line(
                item="placement fee",
                agency=Agency.EDUCATION,
                amount=education,
                reason=f"education costs as broken down by the provider ({PROTOCOL} 4.1)",
            )
        )
        if remaining - education:
            lines.append(
                Line(
                    item="placement fee",
                    agency=Agency.SOCIAL_CARE,
                    amount=remaining - education,
                    reason=f"the care costs, the rest of the fee ({PROTOCOL} 4.1)",
                )
            )
    elif remaining:
        used, split = _split_for(terms, placement.weeks_per_year)
        share = f"{split.education}/{split.social_care}" + (
            f"/{split.health}" if split.health else ""
        )
        how = (
            f"{used}-week placement"
            if used == placement.weeks_per_year
            else f"{placement.weeks_per_year}-week placement, at the nearest listed "
            f"length ({used} weeks)"
        )
        lines += _split(
            remaining,
            split,
            "placement fee",
            f"{how}, costs not broken down: {share} ({PROTOCOL} 4.2)",
            audit,
        )
    if placement.provision:
        if not terms.education_pays_provision:
            msg = (
                "these terms do not say who pays education provision such as 1 to 1; "
                "agree it at the panel."
            )
            raise InvalidInput(msg, field="provision")
        lines.append(
            Line(
                item="education provision",
                agency=Agency.EDUCATION,
                amount=placement.provision,
                reason=f"provision costs such as 1 to 1 ({PROTOCOL} 4.1)",
            )
        )
    if placement.transport:
        split = terms.transport_split
        lines += _split(
            placement.transport,
            split,
            "transport",
            f"educationally related transport, {split.education}/{split.social_care} "
            f"({PROTOCOL} 4.3)",
            audit,
        )
    return JointFunding(
        placement=placement, lines=tuple(lines), remainders=tuple(audit)
    )


@attrs.frozen(kw_only=True)
class PlacementReview:
    """When a placement and its funding are next reviewed at the panel, and why."""

    due: dt.date
    reason: str


def placement_review(
    placement: Placement,
    terms: FundingTerms,
    *,
    disruption_reported_on: dt.date | None = None,
    panel: PanelPolicy | None = None,
) -> PlacementReview:
    """When the placement is reviewed (seed 004, 4.4).

    Six months (the terms' ``placement_review_months``) from the date of
    placement, clamped to the month's end; earlier where there is potential
    disruption: the next meeting of *panel* a referral made on the day it was
    reported can reach (or that day itself, when no panel is given).

    Examples:
        >>> import ehcplan.policy
        >>> policy = ehcplan.policy.load_policy("exampleshire")
        >>> terms = policy.funding.terms.at(dt.date(2024, 8, 31))
        >>> p = Placement(reference="EHC-9", placed_on=dt.date(2024, 8, 31),
        ...               weeks_per_year=38, fee=Money.parse("£60,000"))
        >>> placement_review(p, terms).due
        datetime.date(2025, 2, 28)
        >>> placement_review(p, terms, disruption_reported_on=dt.date(2024, 10, 1),
        ...                  panel=policy.panel("atr")).due
        datetime.date(2024, 10, 9)
    """
    regular = add_months(placement.placed_on, terms.placement_review_months)
    if disruption_reported_on is None:
        return PlacementReview(
            due=regular,
            reason=f"{terms.placement_review_months} months from the date of "
            f"placement ({PROTOCOL} 4.4)",
        )
    reported = to_date(disruption_reported_on, field="disruption_reported_on")
    earlier = reported if panel is None else next_meeting(panel, reported).meeting
    if earlier >= regular:
        return PlacementReview(
            due=regular,
            reason=f"the regular review comes first ({PROTOCOL} 4.4)",
        )
    return PlacementReview(
        due=earlier,
        reason=f"potential disruption reported on {reported.isoformat()}: referred "
        f"to the panel earlier ({PROTOCOL} 4.4)",
    )
