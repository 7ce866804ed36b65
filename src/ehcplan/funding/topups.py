"""Element 2 and element 3: what a mainstream school meets, and the authority's top-up.

National funding framework ("place-plus", statutory reference §10.2): a
mainstream school meets the first £6,000 of a pupil's additional support from
its notional SEN budget (element 2); the commissioning authority pays the rest
as a top-up from its high-needs block (element 3). Some authorities cost each
pupil's provision; others pay a top-up by band (Devon's mainstream bands, for
example). The threshold and the bands are the authority's dated policy
(`FundingTerms.element2_threshold`, `FundingPolicy.top_up_bands`).
"""

from __future__ import annotations

import datetime as dt

import attrs

from ehcplan.errors import InvalidInput, NotFound
from ehcplan.money import Money
from ehcplan.policy import FundingPolicy
from ehcplan.validators import check, instance_of, money_at_least, text

__all__ = ["TopUp", "banded_top_up", "costed_top_up"]

FRAMEWORK = "national high-needs funding framework (elements 1-3)"
"""The source cited for element 2 and element 3."""


@attrs.frozen(kw_only=True)
class TopUp:
    """Who pays a mainstream pupil's additional support, and why.

    Attributes:
        school: What the school meets from its notional SEN budget (element 2).
        top_up: What the authority pays (element 3).
        reason: How the split was worked out, with its source.
    """

    school: Money
    top_up: Money
    reason: str


def costed_top_up(provision: Money, threshold: Money) -> TopUp:
    """Split costed additional provision at the element 2 threshold.

    Examples:
        WE-27: provision costed at £16,000 a year, national threshold £6,000.

        >>> t = costed_top_up(Money.parse("£16,000"), Money.parse("£6,000"))
        >>> str(t.school), str(t.top_up)
        ('£6,000.00', '£10,000.00')
        >>> str(costed_top_up(Money.parse("£4,000"), Money.parse("£6,000")).top_up)
        '£0.00'

    Raises:
        InvalidInput: If an amount is not Money of at least £0.
    """
    check("provision", provision, money_at_least(0))
    check("threshold", threshold, money_at_least(0))
    school = min(provision, threshold)
    return TopUp(
        school=school,
        top_up=provision - school,
        reason=(
            f"the school meets the first {threshold} (element 2) and the authority "
            f"tops up the rest (element 3) of {provision} ({FRAMEWORK})"
        ),
    )


def banded_top_up(funding: FundingPolicy, band: str, on: dt.date) -> TopUp:
    """The authority's top-up for a pupil assessed at *band*, in force on *on*.

    The school's element 2 is not part of a banded top-up, so ``school`` is £0.

    Examples:
        WE-27: a Devon pupil at Band 2 in the financial year 2023/24.

        >>> import ehcplan.policy
        >>> devon = ehcplan.policy.load_policy("devon-mainstream-top-ups").funding
        >>> str(banded_top_up(devon, "Band 2", dt.date(2023, 9, 1)).top_up)
        '£3,100.00'

        A policy without bands says so, and how to add them:

        >>> london = ehcplan.policy.load_policy("london-jointly-funded-placements").funding
        >>> banded_top_up(london, "Band 2", dt.date(2023, 9, 1))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: the policy has no top-up bands, so there is no
        'Band 2' to look up; add a [funding.top_up_bands] table to the policy file, ...

    Raises:
        InvalidInput: If the policy has no top-up bands at all, or an argument is
            of the wrong kind.
        NotFound: If the bands in force have no band called *band*.
        NotInForce: If *on* is before the first bands.
    """
    check("funding", funding, instance_of(FundingPolicy, "a FundingPolicy"))
    check("band", band, text)
    if funding.top_up_bands is None:
        msg = (
            f"the policy has no top-up bands, so there is no {band!r} to look up; "
            "add a [funding.top_up_bands] table to the policy file, with a description, "
            'a reference and values such as { from = 2024-04-01, bands = { "Band 1" = '
            '"£1,600" } } (see ehcplan.policy.load), or cost the provision with '
            "costed_top_up instead."
        )
        raise InvalidInput(msg, field="funding")
    bands = funding.top_up_bands.at(on)
    if band not in bands.bands:
        what = "top-up band"
        raise NotFound(what, band, tuple(bands.bands))
    amount = bands.bands[band]
    return TopUp(
        school=Money(0),
        top_up=amount,
        reason=f"{band} top-up in force on {on.isoformat()} ({funding.top_up_bands.reference})",
    )
