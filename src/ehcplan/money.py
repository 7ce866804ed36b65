"""Money: exact amounts of pounds sterling, in whole pence.

Funding policy deals in thresholds, bands and top-ups, and splits a plan's cost
between education, social care and health. Floats cannot hold pence exactly
(``0.1 + 0.2 != 0.3``), so an amount here is a whole number of pence in an
`int`, and nothing in this module ever goes through a float:

    >>> Money.parse("£10,363") + Money.parse("£0.50")
    Money('£10,363.50')
    >>> str(Money(1036350))
    '£10,363.50'
    >>> Money(1036350).to_decimal_str()
    '10363.50'

Anything that would leave a fraction of a penny rounds exactly once, by a rule
the caller can see: `Money.scale` rounds a single amount (half to even by
default); `ehcplan.sharing.apportion` splits a total so the parts add up to it
exactly.

Only the standard library and attrs are imported, so this module is cheap to use
anywhere.
"""

from __future__ import annotations

import decimal
import fractions
import math
import re
from typing import Literal, get_args

import attrs

from ehcplan.errors import InvalidInput

__all__ = [
    "MAX_PENCE",
    "Money",
    "Rounding",
    "check_exponent",
]

Rounding = Literal[
    "ROUND_HALF_EVEN",
    "ROUND_HALF_UP",
    "ROUND_HALF_DOWN",
    "ROUND_UP",
    "ROUND_DOWN",
    "ROUND_CEILING",
    "ROUND_FLOOR",
]
"""A rounding rule for `Money.scale`, named as in the `decimal` module.

Pass the `decimal` constants (``decimal.ROUND_HALF_UP``) or their names as text.
``ROUND_05UP`` is not offered: it has no use for money.
"""

_ROUNDINGS: frozenset[str] = frozenset(get_args(Rounding))

_HALF = fractions.Fraction(1, 2)

_TEXT_FORMS = (
    "expected pounds written like '£10,363', '10363.00', '£10,363.50', '-£12.50' "
    "or '0.5' (an optional minus sign and £, commas only between groups of three "
    "digits, at most two decimal places)"
)

_MONEY_TEXT = re.compile(
    r"(?P<prefix>-£?|£-?)?"
    r"(?P<whole>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)"
    r"(?:\.(?P<fraction>[0-9]+))?",
    re.ASCII,
)


MAX_PENCE = 2**63 - 1
"""The largest amount `Money` holds, in pence (£92,233,720,368,547,758.07), and,
negated, the smallest: the range of the 64-bit columns results keep pence in."""

_MAX_DIGITS = len(str(MAX_PENCE))


def _too_large(what: str, digits: int) -> str:
    """The message for an amount beyond `MAX_PENCE`, without printing all its digits."""
    return (
        f"{what} has {digits} digits, more than Money holds: amounts are limited "
        f"to {_pounds_text(MAX_PENCE)} either way, the range of the 64-bit columns "
        "results are kept in. Check the figure at its source."
    )


def _pounds_text(pence: int) -> str:
    """Pence as pounds for a message, e.g. ``£10,363.00``."""
    pounds, rest = divmod(abs(pence), 100)
    return f"{'-' if pence < 0 else ''}£{pounds:,}.{rest:02d}"


def _check_pence(
    instance: Money, attribute: attrs.Attribute[int], value: object
) -> None:
    """Refuse anything but a plain `int` of at most `MAX_PENCE` either way as pence."""
    if isinstance(value, int) and not isinstance(value, bool):
        if -MAX_PENCE <= value <= MAX_PENCE:
            return
        # A number too long to print (over 4,300 digits) is counted from its bits.
        bits = value.bit_length()
        digits = len(str(abs(value))) if bits < 14_000 else int(bits * 0.30103) + 1
        raise InvalidInput(_too_large("the amount in pence", digits), field="pence")
    if isinstance(value, float):
        msg = (
            f"Money takes whole pence as an int, got the float {value!r}; "
            "a float cannot hold pence exactly. Use pence, e.g. Money(1050) for "
            "£10.50, or text, e.g. Money.parse('£10.50')."
        )
    elif isinstance(value, str):
        msg = (
            f"Money takes whole pence as an int, got the text {value!r}; "
            f"use Money.parse({value!r}) to read text."
        )
    else:
        msg = (
            f"Money takes whole pence as an int, got {type(value).__name__} "
            f"{value!r}; use pence, e.g. Money(1050) for £10.50, "
            "Money.pounds() for pounds, or Money.parse() for text."
        )
    raise InvalidInput(msg, field="pence")


def _round(value: fractions.Fraction, rounding: str) -> int:
    """Round an exact value to a whole number by one of the `Rounding` rules."""
    floor = math.floor(value)
    above = value - floor
    if above == 0:
        return floor
    ceiling = floor + 1
    toward_zero, away_from_zero = (floor, ceiling) if value > 0 else (ceiling, floor)
    if rounding == "ROUND_FLOOR":
        return floor
    if rounding == "ROUND_CEILING":
        return ceiling
    if rounding == "ROUND_DOWN":
        return toward_zero
    if rounding == "ROUND_UP":
        return away_from_zero
    if above != _HALF:
        return floor if above < _HALF else ceiling
    if rounding == "ROUND_HALF_UP":
        return away_from_zero
    if rounding == "ROUND_HALF_DOWN":
        return toward_zero
    return floor if floor % 2 == 0 else ceiling


@attrs.frozen(order=True, repr=False)
class Money:
    """An exact amount of pounds sterling, held as a whole number of pence.

    Create one from pence (``Money(1050)``), from pounds (`Money.pounds`) or from
    text (`Money.parse`). Amounts add, subtract, negate and multiply by whole
    numbers exactly; anything that could leave a fraction of a penny is done by
    `Money.scale` or `apportion`, which say how they round.

    Adding a plain number is refused, so a forgotten conversion cannot pass
    silently; the one exception is the int ``0`` on the left, so that the
    built-in `sum` works. ``sum([])`` is the int ``0``, so pass a start value
    when the list may be empty: ``sum(amounts, Money.zero())``.

    Amounts compare only with other amounts: ``Money(0) < 1`` raises `TypeError`
    and ``Money(0) == 0`` is false.

    Attributes:
        pence: The amount in pence; negative for a credit or a reduction.

    Examples:
        >>> fee = Money(1036300)
        >>> fee
        Money('£10,363.00')
        >>> print(fee * 2 - Money.pounds(363))
        £20,363.00
        >>> sum([Money(1), Money(2)])
        Money('£0.03')
        >>> Money(5) + 5
        Traceback (most recent call last):
        ...
        TypeError: unsupported operand type(s) for +: 'Money' and 'int'
        >>> Money(10.5)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: Money takes whole pence as an int, got the float 10.5; ...
    """

    pence: int = attrs.field(validator=_check_pence)

    @classmethod
    def zero(cls) -> Money:
        """Return £0.00, the start value for sums that may be empty.

        Examples:
            >>> sum([], Money.zero())
            Money('£0.00')
        """
        return cls(0)

    @classmethod
    def pounds(cls, value: int | str | decimal.Decimal) -> Money:
        """Return the amount of *value* pounds, exactly.

        An `int` is whole pounds. A `decimal.Decimal` may have pence but not
        fractions of a penny (``Decimal('1.50')`` and ``Decimal('1.500')`` are
        both £1.50; ``Decimal('1.505')`` is refused). Text is read by
        `Money.parse`. Floats are refused, because a float cannot hold pence
        exactly.

        Args:
            value: The amount in pounds.

        Examples:
            >>> Money.pounds(10363)
            Money('£10,363.00')
            >>> Money.pounds(decimal.Decimal("-12.5"))
            Money('-£12.50')
            >>> Money.pounds("£1,000.01")
            Money('£1,000.01')
            >>> Money.pounds(decimal.Decimal("0.125"))
            Traceback (most recent call last):
            ...
            ehcplan.errors.InvalidInput: £0.125 is not a whole number of pence; ...

        Raises:
            InvalidInput: If *value* is a float, is not finite, has fractions of a
                penny, or is not an int, str or Decimal.
        """
        if isinstance(value, str):
            return cls.parse(value, field="value")
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value * 100)
        if isinstance(value, decimal.Decimal):
            if not value.is_finite():
                msg = (
                    f"Money.pounds() needs a finite amount, got Decimal('{value}'); "
                    "check the figure at its source."
                )
                raise InvalidInput(msg, field="value")
            check_exponent(value, what="value", where="Money.pounds()")
            pence = fractions.Fraction(value) * 100
            if pence.denominator != 1:
                msg = (
                    f"£{value} is not a whole number of pence; money is exact to "
                    "the penny. Check the figure at its source, or use "
                    "Money.scale() to round a calculated amount."
                )
                raise InvalidInput(msg, field="value")
            return cls(pence.numerator)
        if isinstance(value, float):
            msg = (
                f"Money.pounds() does not take floats (got {value!r}): a float "
                "cannot hold pence exactly. Write Decimal('12.50') or the text "
                "'12.50', or pass pence to Money()."
            )
        else:
            msg = (
                f"Money.pounds() takes an int, str or Decimal, got "
                f"{type(value).__name__} {value!r}; write Decimal('12.50') or the "
                "text '12.50', or pass pence to Money()."
            )
        raise InvalidInput(msg, field="value")

    @classmethod
    def parse(cls, text: str, *, field: str = "amount") -> Money:
        """Read an amount of pounds written as text.

        Accepted: an optional minus sign and ``£`` in either order (``-£12.50``,
        ``£-12.50``), whole pounds with or without thousands separators (commas
        only between groups of three digits: ``10,363`` or ``10363``), then
        optionally a point and one or two digits of pence (``0.5`` is 50p).
        Surrounding whitespace is ignored. Nothing else is accepted, including a
        third decimal place (a fraction of a penny), a bare ``£``, ``.5``, or a
        space after ``£``. `str` and `Money.to_decimal_str` both write text that
        this reads back.

        Args:
            text: The amount, e.g. ``"£10,363"``.
            field: The name to use for *text* in an error message (e.g. a CSV
                column).

        Examples:
            >>> Money.parse("£10,363")
            Money('£10,363.00')
            >>> Money.parse(" 10363.5 ")
            Money('£10,363.50')
            >>> Money.parse("£-12.50")
            Money('-£12.50')
            >>> Money.parse("1,00", field="Cost")
            Traceback (most recent call last):
            ...
            ehcplan.errors.InvalidInput: Cost: '1,00' is not an amount of money; expected ...
            >>> Money.parse("1.234")
            Traceback (most recent call last):
            ...
            ehcplan.errors.InvalidInput: amount: '1.234' has 3 decimal places, ...

        Raises:
            InvalidInput: If *text* is not in one of those forms.
        """
        if not isinstance(text, str):
            msg = (
                f"{field}: Money.parse() reads text, got {type(text).__name__} "
                f"{text!r}; use Money() for pence or Money.pounds() for numbers."
            )
            raise InvalidInput(msg, field=field)
        match = _MONEY_TEXT.fullmatch(text.strip())
        if match is None:
            msg = f"{field}: {text!r} is not an amount of money; {_TEXT_FORMS}."
            raise InvalidInput(msg, field=field)
        fraction = match["fraction"] or ""
        if len(fraction) > 2:
            msg = (
                f"{field}: {text!r} has {len(fraction)} decimal places, which would "
                "be fractions of a penny; money is exact to the penny, so write at "
                "most two. Round the figure at its source, or use Money.scale() to "
                "round a calculated amount."
            )
            raise InvalidInput(msg, field=field)
        whole = match["whole"].replace(",", "")
        if len(whole.lstrip("0")) > _MAX_DIGITS:
            msg = f"{field}: " + _too_large("the amount in pounds", len(whole))
            raise InvalidInput(msg, field=field)
        pence = int(whole) * 100 + int(fraction.ljust(2, "0"))
        negative = "-" in (match["prefix"] or "")
        return cls(-pence if negative else pence)

    def to_decimal(self) -> decimal.Decimal:
        """Return the amount in pounds as an exact `decimal.Decimal` with two places.

        Examples:
            >>> Money(-1250).to_decimal()
            Decimal('-12.50')
        """
        return decimal.Decimal(self.to_decimal_str())

    def to_decimal_str(self) -> str:
        """Return the amount in pounds as plain text for files: no £, no commas.

        Examples:
            >>> Money(1036300).to_decimal_str()
            '10363.00'
            >>> Money(-5).to_decimal_str()
            '-0.05'
        """
        pounds, pence = divmod(abs(self.pence), 100)
        sign = "-" if self.pence < 0 else ""
        return f"{sign}{pounds}.{pence:02d}"

    def scale(
        self,
        ratio: int | fractions.Fraction | decimal.Decimal,
        *,
        rounding: Rounding = "ROUND_HALF_EVEN",
    ) -> Money:
        """Return this amount times *ratio*, rounded once to a whole penny.

        The product is worked out exactly and then rounded by *rounding*. The
        default, half to even (banker's rounding, as in `decimal` and `round`),
        is chosen because it rounds exact halves up as often as down, so scaling
        many amounts (an uplift applied to every band) has no upward drift. Pass
        ``rounding=decimal.ROUND_HALF_UP`` to round halves away from zero as
        finance systems often do, or ``decimal.ROUND_DOWN``, ``ROUND_UP``,
        ``ROUND_FLOOR`` or ``ROUND_CEILING``. To split an amount into parts that
        must add up to it, use `apportion` instead.

        Args:
            ratio: An exact multiplier; floats are refused.
            rounding: How to round to the penny, named as in `decimal`.

        Examples:
            >>> Money(1036300).scale(fractions.Fraction(1, 3))
            Money('£3,454.33')
            >>> Money(25).scale(decimal.Decimal("0.5"))
            Money('£0.12')
            >>> Money(25).scale(decimal.Decimal("0.5"), rounding=decimal.ROUND_HALF_UP)
            Money('£0.13')
            >>> Money(100).scale(0.5)
            Traceback (most recent call last):
            ...
            ehcplan.errors.InvalidInput: Money.scale() does not take floats (got 0.5): ...

        Raises:
            InvalidInput: If *ratio* is a float, a bool or not finite, or
                *rounding* is not one of the rules above.
        """
        exact = _exact_number(ratio, what="ratio", where="Money.scale()")
        if rounding not in _ROUNDINGS:
            msg = (
                f"Money.scale() does not know the rounding {rounding!r}; use one of "
                f"{', '.join(sorted(_ROUNDINGS))} (the decimal module's constants)."
            )
            raise InvalidInput(msg, field="rounding")
        return Money(_round(self.pence * exact, rounding))

    def __str__(self) -> str:
        """Return the amount as written in a report, e.g. ``£10,363.00`` or ``-£12.50``."""
        pounds, pence = divmod(abs(self.pence), 100)
        sign = "-" if self.pence < 0 else ""
        return f"{sign}£{pounds:,}.{pence:02d}"

    def __repr__(self) -> str:
        """Return e.g. ``Money('£10,363.00')``; `Money.parse` reads the text back."""
        return f"Money({str(self)!r})"

    def __bool__(self) -> bool:
        """Return whether the amount is not zero."""
        return self.pence != 0

    def __add__(self, other: Money) -> Money:
        """Return the sum of two amounts."""
        if isinstance(other, Money):
            return Money(self.pence + other.pence)
        return NotImplemented

    def __radd__(self, other: int) -> Money:
        """Return this amount for ``0 + amount``, so that `sum` works; refuse other ints."""
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        """Return the difference of two amounts."""
        if isinstance(other, Money):
            return Money(self.pence - other.pence)
        return NotImplemented

    def __neg__(self) -> Money:
        """Return the amount with its sign reversed."""
        return Money(-self.pence)

    def __pos__(self) -> Money:
        """Return the amount unchanged."""
        return self

    def __abs__(self) -> Money:
        """Return the amount without its sign."""
        return Money(abs(self.pence))

    def __mul__(self, other: int) -> Money:
        """Return the amount times a whole number; use `Money.scale` for anything else."""
        if isinstance(other, int) and not isinstance(other, bool):
            return Money(self.pence * other)
        return NotImplemented

    __rmul__ = __mul__


def _exact_number(
    value: int | fractions.Fraction | decimal.Decimal, *, what: str, where: str
) -> fractions.Fraction:
    """Return *value* as a Fraction, refusing floats, bools and non-finite decimals."""
    if isinstance(value, fractions.Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return fractions.Fraction(value)
    if isinstance(value, decimal.Decimal):
        if value.is_finite():
            check_exponent(value, what=what, where=where)
            return fractions.Fraction(value)
        msg = f"{where}: {what} is Decimal('{value}'); it must be a finite number."
        raise InvalidInput(msg, field=what)
    if isinstance(value, float):
        msg = (
            f"{where} does not take floats (got {value!r}): a float is not exact. "
            "Write Fraction(1, 4) or Decimal('0.25') (or an int)."
        )
    else:
        msg = (
            f"{where}: {what} must be an int, Fraction or Decimal, got "
            f"{type(value).__name__} {value!r}; write Fraction(1, 4) or "
            "Decimal('0.25') (or an int)."
        )
    raise InvalidInput(msg, field=what)


_MAX_EXPONENT = 100
"""The largest power of ten, up or down, a `decimal.Decimal` may carry into Money's
arithmetic: beyond it the exact fraction would have millions of digits."""


def check_exponent(value: decimal.Decimal, *, what: str, where: str) -> None:
    """Refuse a finite Decimal so large or so small that working with it exactly would hang.

    ``Decimal('1e100000000')`` is a valid Decimal, but as an exact fraction it is
    a number of a hundred million digits; checking the exponent first costs nothing.
    """
    if value and abs(value.adjusted()) > _MAX_EXPONENT:
        msg = (
            f"{where}: {what} is Decimal('{value}'), about 10 to the power "
            f"{value.adjusted()}; numbers beyond 10 to the power of plus or minus "
            f"{_MAX_EXPONENT} cannot be money or a share of it. Check the figure at "
            "its source."
        )
        raise InvalidInput(msg, field=what)
