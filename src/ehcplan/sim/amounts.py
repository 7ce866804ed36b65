"""Named, validated distributions of amounts of money, drawn in whole pence.

A scenario says what plans cost with these: a placement's weekly fee, a
personal budget a year, how far a team's recommendation goes over the
indicative resource. Each is a frozen value checked on construction, like the
duration distributions (`ehcplan.sim.distributions`); its parameters are
`ehcplan.Money`, written in a scenario file as text in pounds:

    weekly_fee = { kind = "lognormal", mean = "£3,500", sd = "£1,200" }
    amount = { kind = "triangular", low = "£500", mode = "£2,500", high = "£12,000" }
    transport = { kind = "fixed", amount = "£9,000" }
    amount = { kind = "empirical", values = ["£1,200", "£4,000", "£6,500"] }

Drawing rounds once, at a named step: each amount is drawn in pence and rounded
to the nearest whole penny (half to even), so every amount a run holds is
exact `Money` from then on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.sim.distributions import tagged

__all__ = [
    "AMOUNTS",
    "Amount",
    "EmpiricalAmount",
    "FixedAmount",
    "LogNormalAmount",
    "TriangularAmount",
    "amount",
    "amount_from_dict",
    "amount_to_dict",
]

Pence = npt.NDArray[np.int64]


def _money(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Money) or value.pence < 0:
        msg = (
            f"{attribute.name} must be an amount of at least £0, written as text in "
            f'pounds (e.g. "£3,500"), got {value!r}.'
        )
        raise InvalidInput(msg, field=attribute.name)


def _positive_money(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    _money(instance, attribute, value)
    assert isinstance(value, Money)  # noqa: S101 - _money has checked it
    if value.pence == 0:
        msg = f"{attribute.name} must be more than £0, got {value}."
        raise InvalidInput(msg, field=attribute.name)


def _whole_pence(pounds_in_pence: npt.NDArray[np.float64]) -> Pence:
    """Round drawn amounts to whole pence, half to even: the one rounding step."""
    return np.rint(np.maximum(pounds_in_pence, 0.0)).astype(np.int64)


@attrs.frozen(kw_only=True)
class FixedAmount:
    """Always the same amount.

    Examples:
        >>> FixedAmount(amount=Money.parse("£9,000")).sample(np.random.default_rng(1), 2).tolist()
        [900000, 900000]
    """

    amount: Money = attrs.field(validator=_money)

    @property
    def mean(self) -> Money:
        """The mean amount."""
        return self.amount

    def sample(self, rng: np.random.Generator, size: int) -> Pence:
        """*size* amounts in whole pence."""
        return np.full(size, self.amount.pence, dtype=np.int64)


@attrs.frozen(kw_only=True)
class LogNormalAmount:
    """Right-skewed amounts with the given mean and standard deviation.

    Examples:
        >>> amounts = LogNormalAmount(mean=Money.parse("£3,500"), sd=Money.parse("£1,200"))
        >>> draws = amounts.sample(np.random.default_rng(1), 200_000)
        >>> round(float(draws.mean()) / 100, -1), draws.dtype
        (3500.0, dtype('int64'))
    """

    mean: Money = attrs.field(validator=_positive_money)
    sd: Money = attrs.field(validator=_positive_money)

    def sample(self, rng: np.random.Generator, size: int) -> Pence:
        """*size* amounts in whole pence."""
        mean, sd = self.mean.pence, self.sd.pence
        sigma2 = math.log1p((sd / mean) ** 2)
        mu = math.log(mean) - sigma2 / 2
        return _whole_pence(rng.lognormal(mu, math.sqrt(sigma2), size))


@attrs.frozen(kw_only=True)
class TriangularAmount:
    """Amounts between *low* and *high*, most often near *mode*.

    Examples:
        >>> TriangularAmount(low=Money(0), mode=Money(500), high=Money(100))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a triangular amount needs low <= mode <= high ...
    """

    low: Money = attrs.field(validator=_money)
    mode: Money = attrs.field(validator=_money)
    high: Money = attrs.field(validator=_money)

    def __attrs_post_init__(self) -> None:
        """Refuse a mode outside the range, or an empty range."""
        if not self.low <= self.mode <= self.high or self.low == self.high:
            msg = (
                "a triangular amount needs low <= mode <= high with low < high, got "
                f"low {self.low}, mode {self.mode}, high {self.high}."
            )
            raise InvalidInput(msg, field="mode")

    @property
    def mean(self) -> Money:
        """The mean amount, to the nearest penny."""
        return Money(round((self.low.pence + self.mode.pence + self.high.pence) / 3))

    def sample(self, rng: np.random.Generator, size: int) -> Pence:
        """*size* amounts in whole pence."""
        return _whole_pence(
            rng.triangular(self.low.pence, self.mode.pence, self.high.pence, size)
        )


def _values(values: Iterable[Money]) -> tuple[Money, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class EmpiricalAmount:
    """Amounts resampled from observed ones (e.g. an authority's agreed budgets).

    Examples:
        >>> EmpiricalAmount(values=[Money(100), Money(300)]).sample(
        ...     np.random.default_rng(2), 4).tolist()
        [300, 100, 100, 100]
    """

    values: tuple[Money, ...] = attrs.field(converter=_values, repr=False)

    def __attrs_post_init__(self) -> None:
        """Refuse no values, or a value that is not Money of at least £0."""
        if not self.values:
            msg = 'values must list at least one observed amount, e.g. ["£1,200"].'
            raise InvalidInput(msg, field="values")
        for i, value in enumerate(self.values):
            if not isinstance(value, Money) or value.pence < 0:
                msg = f"values[{i}] must be an amount of at least £0, got {value!r}."
                raise InvalidInput(msg, field="values")

    def sample(self, rng: np.random.Generator, size: int) -> Pence:
        """*size* amounts in whole pence, each one of the observed ones."""
        pence = np.array([v.pence for v in self.values], dtype=np.int64)
        return rng.choice(pence, size)


Amount: TypeAlias = FixedAmount | LogNormalAmount | TriangularAmount | EmpiricalAmount
"""Any of the amount distributions."""

AMOUNTS = (FixedAmount, LogNormalAmount, TriangularAmount, EmpiricalAmount)
"""Every amount distribution class, for isinstance checks."""


def amount(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but an amount distribution (an attrs validator)."""
    if not isinstance(value, AMOUNTS):
        msg = (
            f"{attribute.name} must be an amount, e.g. "
            f'{{ kind = "lognormal", mean = "£3,500", sd = "£1,200" }}; got {value!r}.'
        )
        raise InvalidInput(msg, field=attribute.name)


KINDS: dict[str, type[Amount]] = {
    "fixed": FixedAmount,
    "lognormal": LogNormalAmount,
    "triangular": TriangularAmount,
    "empirical": EmpiricalAmount,
}
"""Each amount distribution by the ``kind`` a scenario file names it with."""


def _parse(key: str, value: object) -> Money:
    if isinstance(value, bool) or not isinstance(value, str):
        msg = (
            f'{key} must be an amount written as text in pounds, e.g. "£3,500", '
            f"got {value!r}."
        )
        raise InvalidInput(msg, field=key)
    return Money.parse(value, field=key)


def amount_from_dict(data: Mapping[str, Any]) -> Amount:
    """Build an amount distribution from its table, e.g. ``{"kind": "fixed", "amount": "£9,000"}``.

    Examples:
        >>> amount_from_dict({"kind": "lognormal", "mean": "£3,500", "sd": "£1,200"})
        LogNormalAmount(mean=Money('£3,500.00'), sd=Money('£1,200.00'))
        >>> amount_from_dict({"kind": "fixed", "amount": 9000})
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: amount must be an amount written as text in pounds, ...

    Raises:
        InvalidInput: If the kind is unknown, its keys are wrong, or an amount is
            not text in pounds of at least £0.
    """
    made, given = tagged(
        data,
        KINDS,
        what="amount",
        example='{ kind = "lognormal", mean = "£3,500", sd = "£1,200" }',
    )
    if made is EmpiricalAmount:
        values = given["values"]
        if not isinstance(values, list | tuple):
            msg = f'values must be a list of amounts, e.g. ["£1,200"], got {values!r}.'
            raise InvalidInput(msg, field="values")
        return EmpiricalAmount(
            values=[_parse(f"values[{i}]", v) for i, v in enumerate(values)]
        )
    parsed = {k: _parse(k, v) for k, v in given.items()}
    made_amount: Amount = made(**parsed)  # type: ignore[arg-type]
    return made_amount


def amount_to_dict(amount: Amount) -> dict[str, Any]:
    """The table that `amount_from_dict` reads back.

    Examples:
        >>> amount_to_dict(FixedAmount(amount=Money.parse("£9,000")))
        {'kind': 'fixed', 'amount': '£9,000.00'}
    """
    kind = next(k for k, v in KINDS.items() if isinstance(amount, v))
    if isinstance(amount, EmpiricalAmount):
        return {"kind": kind, "values": [str(v) for v in amount.values]}
    return {
        "kind": kind,
        **{k: str(v) for k, v in attrs.asdict(amount, recurse=False).items()},
    }
