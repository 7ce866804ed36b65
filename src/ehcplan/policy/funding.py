"""Funding terms in a local authority's policy: joint-funding splits and top-up bands.

How a jointly funded placement is shared between education, social care and
health (seed 004: `FundingTerms` with its `Split` per placement length and the
rule for other lengths, `OtherWeeks`), and the mainstream top-up (element 3)
bands (`TopUpBands`), each by date in a `FundingPolicy`. The apportionment
itself is `ehcplan.funding`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.policy.dated import Dated, dated_of
from ehcplan.validators import (
    at_least,
    flag,
    instance_of,
    is_whole,
    mapping,
    member,
    money_at_least,
    optional,
)

__all__ = ["FundingPolicy", "FundingTerms", "OtherWeeks", "Split", "TopUpBands"]


@attrs.frozen(kw_only=True)
class Split:
    """How a cost is shared, as whole-number weights (usually percentages).

    Examples:
        >>> Split(education=25, social_care=75)
        Split(education=25, social_care=75, health=0)
        >>> Split(education=0, social_care=0)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a split needs at least one positive share, ...
    """

    education: int = attrs.field(validator=at_least(0))
    social_care: int = attrs.field(validator=at_least(0))
    health: int = attrs.field(default=0, validator=at_least(0))

    def __attrs_post_init__(self) -> None:
        """Refuse a split in which nobody pays."""
        if self.education + self.social_care + self.health == 0:
            msg = "a split needs at least one positive share, got all zero; who pays?"
            raise InvalidInput(msg)


class OtherWeeks(enum.Enum):
    """What to do with a placement length that has no split of its own."""

    NEAREST = "nearest"
    """Use the split of the nearest listed length, rounding up on a tie (a 45-week
    placement between 38 and 52 takes the 52-week split)."""

    REFUSE = "refuse"
    """Treat it as an error: the protocol does not say, so the panel must decide.
    This is the strict choice and the default."""


def _splits(splits: Mapping[int, Split]) -> Mapping[int, Split]:
    """Return a read-only copy of *splits*, ordered by placement weeks."""
    given = mapping(splits, field="undivided_splits", of="placement weeks to a Split")
    if not all(is_whole(weeks) for weeks in given):
        return MappingProxyType(dict(given))  # the validator says which key is wrong
    return MappingProxyType(dict(sorted(given.items())))


def _check_splits(
    _instance: object, attribute: attrs.Attribute[Any], splits: Mapping[Any, Any]
) -> None:
    """Require at least one split, keyed by a placement length of 1 to 52 weeks."""
    if not splits:
        msg = "undivided_splits must give at least one split, e.g. for 52-week placements."
        raise InvalidInput(msg, field=attribute.name)
    for weeks, split in splits.items():
        if not is_whole(weeks) or not 1 <= weeks <= 52:
            msg = f"undivided_splits is keyed by placement weeks per year, 1 to 52; got {weeks!r}."
            raise InvalidInput(msg, field=attribute.name)
        if not isinstance(split, Split):
            msg = f"undivided_splits[{weeks}] must be a Split, got {type(split).__name__}."
            raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class FundingTerms:
    """How jointly funded placements are paid for during one period.

    Attributes:
        undivided_splits: By placement weeks per year, the split applied when the
            provider does not break down education costs (education, social care).
        other_weeks: What to do with a placement length not listed.
        transport_split: How educationally related transport costs are shared.
        health_contribution_first: Whether a health (CCG/ICB) contribution is taken
            off before the split is applied.
        education_pays_provision: Whether the SEN team pays the education costs,
            including provision such as 1 to 1 support.
        placement_review_months: When the placement and its funding are reviewed,
            in months from the date of placement.
        element2_threshold: The first part of additional support a mainstream school
            meets from its own budget (national guidance: £6,000).
        emergency_funding_by_chair: Whether the panel's chair may agree temporary
            funding in an emergency, pending the next panel.

    Examples:
        >>> terms = FundingTerms(
        ...     undivided_splits={38: Split(education=50, social_care=50),
        ...                       52: Split(education=25, social_care=75)},
        ...     transport_split=Split(education=50, social_care=50),
        ...     health_contribution_first=True,
        ...     education_pays_provision=True,
        ...     placement_review_months=6,
        ...     element2_threshold=Money.parse("£6,000"),
        ...     emergency_funding_by_chair=True,
        ... )
        >>> terms.undivided_splits[52], terms.other_weeks
        (Split(education=25, social_care=75, health=0), <OtherWeeks.REFUSE: 'refuse'>)
    """

    undivided_splits: Mapping[int, Split] = attrs.field(
        converter=_splits, validator=_check_splits, hash=False
    )
    other_weeks: OtherWeeks = attrs.field(
        default=OtherWeeks.REFUSE, validator=member(OtherWeeks)
    )
    transport_split: Split = attrs.field(validator=instance_of(Split, "a Split"))
    health_contribution_first: bool = attrs.field(validator=flag)
    education_pays_provision: bool = attrs.field(validator=flag)
    placement_review_months: int = attrs.field(validator=at_least(1))
    element2_threshold: Money = attrs.field(validator=money_at_least(0))
    emergency_funding_by_chair: bool = attrs.field(validator=flag)


def _bands(bands: Mapping[str, Money]) -> Mapping[str, Money]:
    """Return a read-only copy of *bands*, in the order given."""
    return MappingProxyType(
        dict(mapping(bands, field="bands", of="band names to Money"))
    )


def _check_top_up_bands(
    _instance: object, attribute: attrs.Attribute[Any], bands: Mapping[Any, Any]
) -> None:
    """Require at least one band, each named and worth Money of at least £0."""
    if not bands:
        msg = 'bands must name at least one band, e.g. { "Band 1" = "£1,600" }.'
        raise InvalidInput(msg, field=attribute.name)
    for name, amount in bands.items():
        if not isinstance(name, str) or not name.strip():
            msg = f"band names must be non-blank text, got {name!r}."
            raise InvalidInput(msg, field=attribute.name)
        if not isinstance(amount, Money) or amount.pence < 0:
            msg = f"band {name!r} must be worth Money of at least £0, got {amount!r}."
            raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class TopUpBands:
    """Mainstream top-up (element 3) amounts by band, for one period.

    Examples:
        >>> bands = TopUpBands(bands={"Band 1": Money.parse("£1,600")})
        >>> str(bands.bands["Band 1"])
        '£1,600.00'
    """

    bands: Mapping[str, Money] = attrs.field(
        converter=_bands, validator=_check_top_up_bands, hash=False
    )


@attrs.frozen(kw_only=True)
class FundingPolicy:
    """An authority's funding terms by date: joint funding, and top-up bands.

    At least one of the two is given.

    Examples:
        >>> import datetime as dt
        >>> import ehcplan.policy
        >>> funding = ehcplan.policy.load_policy("london-jointly-funded-placements").funding
        >>> funding.terms.at(dt.date(2024, 9, 2)).undivided_splits[38]
        Split(education=50, social_care=50, health=0)
        >>> FundingPolicy()
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a funding policy needs terms, top_up_bands or both.
    """

    terms: Dated[FundingTerms] | None = attrs.field(
        default=None, validator=optional(dated_of(FundingTerms, "FundingTerms"))
    )
    top_up_bands: Dated[TopUpBands] | None = attrs.field(
        default=None, validator=optional(dated_of(TopUpBands, "TopUpBands"))
    )

    def __attrs_post_init__(self) -> None:
        """Refuse a funding policy with nothing in it."""
        if self.terms is None and self.top_up_bands is None:
            msg = "a funding policy needs terms, top_up_bands or both."
            raise InvalidInput(msg, field="terms")
