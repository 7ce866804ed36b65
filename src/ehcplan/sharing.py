"""Sharing a cost between parties to the penny: the parts always add up to the whole.

A jointly funded placement's cost is split between education, social care and
health; a personal budget between its parts. `apportion` splits a total in
`Money` by exact weights (whole numbers, `Fraction` or `Decimal`, never floats)
so the parts add up to it exactly and no party is more than a penny away from its
exact share (largest remainder, with a documented tie-break); `apportion_with_audit`
says why each part is what it is.

    >>> apportion(Money(10000), {"education": 1, "social care": 1, "health": 1})
    {'education': Money('£33.34'), 'social care': Money('£33.33'), 'health': Money('£33.33')}
"""

from __future__ import annotations

import decimal
import fractions
import math
from collections.abc import Hashable, Mapping
from typing import Generic, TypeVar

import attrs

from ehcplan.errors import InvalidInput
from ehcplan.money import Money, check_exponent

__all__ = ["Apportionment", "Weight", "apportion", "apportion_with_audit"]

K = TypeVar("K", bound=Hashable)

Weight = int | fractions.Fraction | decimal.Decimal
"""An exact, non-negative share used by `apportion`. Floats are refused."""


@attrs.frozen
class Apportionment(Generic[K]):
    """How `apportion_with_audit` shared a total: the parts, and why each is what it is.

    Attributes:
        total: The amount that was shared.
        parts: Each party's amount, in the order the parties were given; they add
            up to *total* exactly.
        exact_shares: Each party's exact share in pence, ``total * weight / sum of
            weights``, before rounding (negative when *total* is negative).
        remainder_pence: The pence left over after every share was rounded toward
            zero, given out one each; always fewer than the number of parties.
        received_extra_penny: The parties given one of those pence, in the order
            they were awarded (the `apportion` tie-break order).

    Examples:
        >>> audit = apportion_with_audit(Money(100), {"a": 1, "b": 2})
        >>> audit.parts
        {'a': Money('£0.33'), 'b': Money('£0.67')}
        >>> audit.exact_shares
        {'a': Fraction(100, 3), 'b': Fraction(200, 3)}
        >>> audit.remainder_pence, audit.received_extra_penny
        (1, ('b',))
    """

    total: Money
    parts: dict[K, Money]
    exact_shares: dict[K, fractions.Fraction]
    remainder_pence: int
    received_extra_penny: tuple[K, ...]


def apportion_with_audit(total: Money, weights: Mapping[K, Weight]) -> Apportionment[K]:
    """Share *total* between parties in proportion to *weights*, exactly to the penny.

    This is the contract:

    1. Weights are exact, non-negative numbers: `int`, `fractions.Fraction` or
       `decimal.Decimal`. Floats and bools are refused (write ``Fraction(1, 4)``
       or ``Decimal('0.25')``), as are negative, infinite and NaN weights. There
       must be at least one party and at least one positive weight.
    2. Each party's exact share, in pence, is ``|total| * weight / sum of
       weights``.
    3. Each party first gets its exact share rounded down to a whole penny. The
       pence left over (fewer than the number of parties) are given one each to
       the parties with the largest fractional remainders, so every part is
       within one penny of its exact share and the parts add up to the total.
    4. Tie-break: between parties with equal fractional remainders, the one with
       the larger weight gets its penny first; between parties whose weights are
       also equal, the one listed first does. This is the only way the order of
       the parties can change the result, so a party whose weight no other party
       shares gets the same amount however the parties are listed.
    5. A negative total is shared as its absolute value and every part negated,
       so ``apportion(-t, w)`` is ``apportion(t, w)`` with every part negated.
    6. A party with zero weight gets exactly zero; multiplying every weight by
       the same positive number changes nothing.

    Args:
        total: The amount to share.
        weights: Each party's weight, in the order the parties should be listed
            in the result. Any hashable value can name a party.

    Returns:
        The parts with the working that produced them.

    Examples:
        >>> audit = apportion_with_audit(
        ...     Money(10000), {"education": 1, "social care": 1, "health": 1}
        ... )
        >>> audit.remainder_pence, audit.received_extra_penny
        (1, ('education',))
        >>> apportion_with_audit(Money(100), {"a": 0.5})
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: apportion(): the weight of 'a' must be exact, ...

    Raises:
        InvalidInput: If *total* is not `Money`, there are no parties, a weight
            is not an exact non-negative number, or every weight is zero.
    """
    if not isinstance(total, Money):
        msg = (
            f"apportion(): the total must be Money, got {type(total).__name__} "
            f"{total!r}; use Money(pence), Money.pounds() or Money.parse()."
        )
        raise InvalidInput(msg, field="total")
    if not weights:
        msg = (
            f"apportion(): there are no parties to share {total} between; pass a "
            "mapping of each party to its weight, e.g. {'education': 1, 'health': 1}."
        )
        raise InvalidInput(msg, field="weights")
    exact_weights = {party: _weight(party, weight) for party, weight in weights.items()}
    weight_sum = sum(exact_weights.values())
    if weight_sum == 0:
        msg = (
            f"apportion(): every weight is zero, so there is no way to share {total}; "
            "give at least one party a positive weight."
        )
        raise InvalidInput(msg, field="weights")

    sign = -1 if total.pence < 0 else 1
    magnitude = abs(total.pence)
    shares = {party: magnitude * w / weight_sum for party, w in exact_weights.items()}
    floors = {party: math.floor(share) for party, share in shares.items()}
    remainder = magnitude - sum(floors.values())
    listed = list(shares)
    ranking = sorted(
        range(len(listed)),
        key=lambda i: (
            -(shares[listed[i]] - floors[listed[i]]),
            -exact_weights[listed[i]],
            i,
        ),
    )
    extra = tuple(listed[i] for i in ranking[:remainder])
    awarded = set(extra)
    parts = {
        party: Money(sign * (floors[party] + (1 if party in awarded else 0)))
        for party in listed
    }
    return Apportionment(
        total=total,
        parts=parts,
        exact_shares={party: sign * share for party, share in shares.items()},
        remainder_pence=remainder,
        received_extra_penny=extra,
    )


def apportion(total: Money, weights: Mapping[K, Weight]) -> dict[K, Money]:
    """Share *total* between parties in proportion to *weights*, exactly to the penny.

    The parts always add up to *total*, and each is within one penny of its
    exact share. The rules, including who gets the odd pence, are those of
    `apportion_with_audit`, which also returns the working.

    Args:
        total: The amount to share.
        weights: Each party's weight (`int`, `fractions.Fraction` or
            `decimal.Decimal`, never a float), in the order the parties should be
            listed in the result.

    Returns:
        Each party's part, in the order the parties were given.

    Examples:
        >>> apportion(Money.parse("£1,000.01"), {"education": 1, "health": 3})
        {'education': Money('£250.00'), 'health': Money('£750.01')}
        >>> apportion(Money(-100), {"a": 1, "b": 2})
        {'a': Money('-£0.33'), 'b': Money('-£0.67')}
        >>> apportion(Money(100), {"a": 1, "b": -1})
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: apportion(): the weight of 'b' is -1, below zero; ...

    Raises:
        InvalidInput: As `apportion_with_audit`.
    """
    return dict(apportion_with_audit(total, weights).parts)


def _weight(party: Hashable, weight: object) -> fractions.Fraction:
    """Return *party*'s weight as a Fraction, or say why it cannot be used."""
    if isinstance(weight, float | bool) or not isinstance(
        weight, int | fractions.Fraction | decimal.Decimal
    ):
        msg = (
            f"apportion(): the weight of {party!r} must be exact, got "
            f"{type(weight).__name__} {weight!r}; write Fraction(1, 4) or "
            "Decimal('0.25') (or an int) instead."
        )
        raise InvalidInput(msg, field="weights")
    if isinstance(weight, decimal.Decimal) and not weight.is_finite():
        msg = (
            f"apportion(): the weight of {party!r} is Decimal('{weight}'); "
            "weights must be finite numbers."
        )
        raise InvalidInput(msg, field="weights")
    if isinstance(weight, decimal.Decimal):
        check_exponent(weight, what="weights", where="apportion()")
    exact = fractions.Fraction(weight)
    if exact < 0:
        msg = (
            f"apportion(): the weight of {party!r} is {weight}, below zero; weights "
            "are shares and must be zero or more. Use 0 for a party that pays nothing."
        )
        raise InvalidInput(msg, field="weights")
    return exact
