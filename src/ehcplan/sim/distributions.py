"""Named, validated distributions of durations (in days) for the simulator.

Each is a frozen value checked on construction, as Ciw's distributions are: a
negative mean or a triangle whose mode lies outside it fails at once, with the
key named. Each draws many values at once from a numpy ``Generator`` (the
simulator draws in batches) and says what its mean is. Parameters are given as
a planner thinks of them (a mean and a standard deviation), not as the
underlying parameters of the family.

In a scenario file a distribution is a table with its ``kind``:

    days = { kind = "lognormal", mean = 28, sd = 14 }
    days = { kind = "triangular", low = 5, mode = 10, high = 30 }
    days = { kind = "empirical", values = [12, 15, 15, 21, 40] }
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput

__all__ = [
    "DISTRIBUTIONS",
    "Distribution",
    "Empirical",
    "Exponential",
    "Fixed",
    "Gamma",
    "LogNormal",
    "Triangular",
    "distribution",
    "distribution_from_dict",
    "distribution_to_dict",
    "tagged",
]

Floats = npt.NDArray[np.float64]
T = TypeVar("T")


def _positive(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        msg = f"{attribute.name} must be a number of days more than 0, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _non_negative(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        msg = f"{attribute.name} must be a number of days of at least 0, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class Fixed:
    """Always the same duration (for tests and for steps with a set length).

    Examples:
        >>> Fixed(days=14).sample(np.random.default_rng(1), 3).tolist()
        [14.0, 14.0, 14.0]
    """

    days: float = attrs.field(validator=_non_negative)

    @property
    def mean(self) -> float:
        """The mean duration in days."""
        return float(self.days)

    def sample(self, rng: np.random.Generator, size: int) -> Floats:
        """*size* durations."""
        return np.full(size, float(self.days))


@attrs.frozen(kw_only=True)
class Exponential:
    """Memoryless durations with the given mean (the M in M/M/c).

    Examples:
        >>> draws = Exponential(mean=10).sample(np.random.default_rng(1), 100_000)
        >>> round(float(draws.mean()))
        10
    """

    mean: float = attrs.field(validator=_positive)

    def sample(self, rng: np.random.Generator, size: int) -> Floats:
        """*size* durations."""
        return rng.exponential(self.mean, size)


@attrs.frozen(kw_only=True)
class LogNormal:
    """Right-skewed durations with the given mean and standard deviation.

    Examples:
        >>> draws = LogNormal(mean=28, sd=14).sample(np.random.default_rng(1), 200_000)
        >>> round(float(draws.mean())), round(float(draws.std()))
        (28, 14)
    """

    mean: float = attrs.field(validator=_positive)
    sd: float = attrs.field(validator=_positive)

    def sample(self, rng: np.random.Generator, size: int) -> Floats:
        """*size* durations."""
        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        mu = math.log(self.mean) - sigma2 / 2
        return rng.lognormal(mu, math.sqrt(sigma2), size)


@attrs.frozen(kw_only=True)
class Gamma:
    """Durations from a gamma distribution with the given mean and standard deviation.

    Examples:
        >>> draws = Gamma(mean=20, sd=10).sample(np.random.default_rng(1), 200_000)
        >>> round(float(draws.mean())), round(float(draws.std()))
        (20, 10)
    """

    mean: float = attrs.field(validator=_positive)
    sd: float = attrs.field(validator=_positive)

    def sample(self, rng: np.random.Generator, size: int) -> Floats:
        """*size* durations."""
        shape = (self.mean / self.sd) ** 2
        return rng.gamma(shape, self.sd**2 / self.mean, size)


@attrs.frozen(kw_only=True)
class Triangular:
    """Durations between *low* and *high*, most often near *mode*.

    Examples:
        >>> Triangular(low=5, mode=10, high=30).mean
        15.0
        >>> Triangular(low=5, mode=40, high=30)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a triangular distribution needs low <= mode <= high ...
    """

    low: float = attrs.field(validator=_non_negative)
    mode: float = attrs.field(validator=_non_negative)
    high: float = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        """Refuse a mode outside the range, or an empty range."""
        if not self.low <= self.mode <= self.high or self.low == self.high:
            msg = (
                "a triangular distribution needs low <= mode <= high with low < high, "
                f"got low {self.low}, mode {self.mode}, high {self.high}."
            )
            raise InvalidInput(msg, field="mode")

    @property
    def mean(self) -> float:
        """The mean duration in days."""
        return (self.low + self.mode + self.high) / 3

    def sample(self, rng: np.random.Generator, size: int) -> Floats:
        """*size* durations."""
        return rng.triangular(self.low, self.mode, self.high, size)


def _values(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Empirical:
    """Durations resampled from observed ones (e.g. an authority's own history).

    Examples:
        >>> Empirical(values=[10, 20, 30]).mean
        20.0
        >>> Empirical(values=[])
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: values must list at least one observed duration ...
    """

    values: tuple[float, ...] = attrs.field(converter=_values, repr=False)

    def __attrs_post_init__(self) -> None:
        """Refuse no values, or a value that is not a non-negative number."""
        if not self.values:
            msg = "values must list at least one observed duration in days."
            raise InvalidInput(msg, field="values")
        for i, value in enumerate(self.values):
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                msg = f"values[{i}] must be a number of days of at least 0, got {value!r}."
                raise InvalidInput(msg, field="values")

    @property
    def mean(self) -> float:
        """The mean duration in days."""
        return float(np.mean(self.values))

    def sample(self, rng: np.random.Generator, size: int) -> Floats:
        """*size* durations, each one of the observed values."""
        return rng.choice(np.asarray(self.values, dtype=np.float64), size)


Distribution: TypeAlias = (
    Fixed | Exponential | LogNormal | Gamma | Triangular | Empirical
)
"""Any of the duration distributions."""

DISTRIBUTIONS = (Fixed, Exponential, LogNormal, Gamma, Triangular, Empirical)
"""Every distribution class, for isinstance checks."""


def distribution(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Refuse anything but a distribution of days (an attrs validator)."""
    if not isinstance(value, DISTRIBUTIONS):
        msg = (
            f"{attribute.name} must be a distribution of days, e.g. "
            f'{{ kind = "lognormal", mean = 28, sd = 14 }}; got {value!r}.'
        )
        raise InvalidInput(msg, field=attribute.name)


_KINDS: dict[str, type[Distribution]] = {
    "fixed": Fixed,
    "exponential": Exponential,
    "lognormal": LogNormal,
    "gamma": Gamma,
    "triangular": Triangular,
    "empirical": Empirical,
}


def tagged(
    data: object, kinds: Mapping[str, type[T]], *, what: str, example: str
) -> tuple[type[T], dict[str, Any]]:
    """The class a table's ``kind`` names among *kinds*, and the table's other keys.

    A file writes a distribution (or an amount) as a table tagged with its kind;
    this checks the tag and that the keys are exactly the class's fields.

    Examples:
        >>> tagged({"kind": "fixed", "days": 3}, _KINDS, what="distribution", example="")
        (<class 'ehcplan.sim.distributions.Fixed'>, {'days': 3})

    Raises:
        InvalidInput: If *data* is not a table with a known kind, or its keys are
            not the kind's, naming the first key at fault.
    """
    if not isinstance(data, Mapping) or "kind" not in data:
        msg = f"a {what} is a table with a kind, e.g. {example}; got {data!r}."
        raise InvalidInput(msg, field="kind")
    kind = data["kind"]
    if kind not in kinds:
        msg = (
            f"unknown {what} kind {kind!r}; expected one of "
            f"{', '.join(repr(k) for k in kinds)}."
        )
        raise InvalidInput(msg, field="kind")
    made = kinds[kind]
    keys = {f.name for f in attrs.fields(made)}  # type: ignore[arg-type]
    given = {k: v for k, v in data.items() if k != "kind"}
    unknown = sorted(set(given) - keys)
    missing = sorted(keys - set(given))
    if unknown or missing:
        msg = (
            f"a {kind} {what} takes {', '.join(sorted(keys))}; "
            + (f"unknown {', '.join(unknown)}" if unknown else "")
            + ("; " if unknown and missing else "")
            + (f"missing {', '.join(missing)}" if missing else "")
            + "."
        )
        raise InvalidInput(msg, field=(unknown or missing)[0])
    return made, given


def distribution_from_dict(data: Mapping[str, Any]) -> Distribution:
    """Build a distribution from its table, e.g. ``{"kind": "lognormal", "mean": 28, "sd": 14}``.

    Examples:
        >>> distribution_from_dict({"kind": "exponential", "mean": 7})
        Exponential(mean=7)
        >>> distribution_from_dict({"kind": "weibull", "mean": 7})
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: unknown distribution kind 'weibull'; expected one of ...

    Raises:
        InvalidInput: If the kind is unknown or its keys are wrong or out of range.
    """
    made, given = tagged(
        data,
        _KINDS,
        what="distribution",
        example='{ kind = "lognormal", mean = 28, sd = 14 }',
    )
    return made(**given)


def distribution_to_dict(distribution: Distribution) -> dict[str, Any]:
    """The table that `distribution_from_dict` reads back.

    Examples:
        >>> distribution_to_dict(LogNormal(mean=28, sd=14))
        {'kind': 'lognormal', 'mean': 28, 'sd': 14}
    """
    kind = next(k for k, v in _KINDS.items() if isinstance(distribution, v))
    return {"kind": kind, **attrs.asdict(distribution, recurse=False)} | (
        {"values": list(distribution.values)}
        if isinstance(distribution, Empirical)
        else {}
    )
