"""The Resource Allocation System in a local authority's policy: its forms and conversions.

A RAS scheme is data (seed 001; Gloucestershire County Council, "Understanding
the SEND Resource Allocation System", 2017): its age version, its outcomes and
the points each level of difficulty scores (`RasScheme`, `RasOutcome`,
`Level`); how points become an indicative resource, by date (`PerPoint`,
`Bands`, `SimilarCases`); and the threshold below which an officer signs a
plan off (`SignOffThreshold`, with the support hours it equals). Scoring and
routing with these values is `ehcplan.ras`.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from ehcplan.errors import InvalidInput, NotFound
from ehcplan.money import Money
from ehcplan.policy.dated import Dated, dated_of
from ehcplan.validators import (
    at_least,
    each,
    is_whole,
    mapping,
    member,
    money_at_least,
    text,
    to_tuple,
    unique_ids,
)

__all__ = [
    "AgeVersion",
    "Band",
    "Bands",
    "Conversion",
    "Level",
    "MAX_POINTS",
    "PerPoint",
    "RasOutcome",
    "RasPolicy",
    "RasScheme",
    "STATISTICS",
    "SignOffThreshold",
    "SimilarCases",
    "SupportHours",
]

MAX_POINTS = 1_000_000
"""The most points one level of one outcome may score, far above any RAS form's."""

STATISTICS = ("median", "mean", "lower quartile", "upper quartile")
"""The statistics `SimilarCases` may take of similar cases' agreed resources."""


class Level(enum.Enum):
    """How often a difficulty in one outcome area shows, as the RAS form defines levels.

    Source: Gloucestershire County Council, "Special Educational Needs RAS (16-25 yrs)",
    front cover, Version 3.0, 31 August 2017. Each outcome first asks whether there
    is a difficulty in the area at all; if not, the level is NONE.
    """

    NONE = "none"
    """No difficulty in this area: the outcome is skipped and scores 0."""

    LOW = "low"
    """Displayed less often than daily but more often than weekly."""

    MEDIUM = "medium"
    """Displayed at least daily."""

    HIGH = "high"
    """Displayed throughout each day."""


class AgeVersion(enum.Enum):
    """Which version of a RAS form a scheme is: the form differs by age."""

    EARLY_YEARS = "0-5"
    """Children aged 0 to 5."""

    SCHOOL_AGE = "6-16"
    """Children and young people aged 6 to 16."""

    POST_16 = "16+"
    """Young people aged 16 and over (to 25)."""


_SCORED_LEVELS = (Level.LOW, Level.MEDIUM, Level.HIGH)


def _level_points(points: Mapping[Level, int]) -> Mapping[Level, int]:
    """Return a read-only copy of *points*, ordered LOW, MEDIUM, HIGH where present."""
    points = mapping(points, field="points", of="Level.LOW, MEDIUM and HIGH to points")
    ordered = {level: points[level] for level in _SCORED_LEVELS if level in points}
    ordered.update(points)
    return MappingProxyType(ordered)


def _check_level_points(
    _instance: object, attribute: attrs.Attribute[Any], points: Mapping[Any, Any]
) -> None:
    """Require whole, non-negative points for exactly LOW, MEDIUM and HIGH, non-decreasing."""
    if set(points) != set(_SCORED_LEVELS):
        given = ", ".join(str(getattr(k, "name", k)) for k in points) or "none"
        msg = (
            f"points must be given for exactly LOW, MEDIUM and HIGH (NONE always scores 0), "
            f"got {given}."
        )
        raise InvalidInput(msg, field=attribute.name)
    for level in _SCORED_LEVELS:
        if not is_whole(points[level]) or points[level] < 0:
            msg = (
                f"points for {level.name} must be a whole number of at least 0, "
                f"got {points[level]!r}."
            )
            raise InvalidInput(msg, field=attribute.name)
        if points[level] > MAX_POINTS:
            msg = (
                f"points for {level.name} must be at most {MAX_POINTS:,}, "
                f"got {points[level]:,}; RAS forms score in single or double figures."
            )
            raise InvalidInput(msg, field=attribute.name)
    low, medium, high = (points[level] for level in _SCORED_LEVELS)
    if not low <= medium <= high:
        msg = (
            f"points must not fall as the level rises, got LOW {low}, MEDIUM {medium}, "
            f"HIGH {high}; a more frequent difficulty never scores less."
        )
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class RasOutcome:
    """One outcome on a RAS form, and the points each level of difficulty scores.

    Attributes:
        id: The outcome's number or short name, unique within its scheme.
        name: The outcome as the form words it.
        description: What the descriptors cover, and where the wording comes from.
        points: Points for LOW, MEDIUM and HIGH; NONE always scores 0 and is not listed.

    Examples:
        >>> behaviour = RasOutcome(
        ...     id="1",
        ...     name="Behaviours enable them and others to learn",
        ...     description="Disruption to learning, emotional regulation, routines, aggression.",
        ...     points={Level.LOW: 2, Level.MEDIUM: 5, Level.HIGH: 10},
        ... )
        >>> behaviour.points_for(Level.MEDIUM), behaviour.points_for(Level.NONE)
        (5, 0)
    """

    id: str = attrs.field(validator=text)
    name: str = attrs.field(validator=text)
    description: str = attrs.field(validator=text)
    points: Mapping[Level, int] = attrs.field(
        converter=_level_points, validator=_check_level_points, hash=False
    )

    def points_for(self, level: Level) -> int:
        """The points a difficulty at *level* scores on this outcome (0 for NONE)."""
        return 0 if level is Level.NONE else self.points[level]


@attrs.frozen(kw_only=True)
class RasScheme:
    """One version of an authority's RAS form: its outcomes and their points.

    Attributes:
        id: A short name, unique within the policy (e.g. ``"ras-6-16-v3"``).
        age_version: Which age group the form is for.
        version: The form's own version label (e.g. ``"3.0"``).
        outcomes: The outcomes, in form order; ids are unique.

    Examples:
        >>> outcome = RasOutcome(
        ...     id="1",
        ...     name="Behaviours enable them and others to learn",
        ...     description="Illustrative.",
        ...     points={Level.LOW: 2, Level.MEDIUM: 5, Level.HIGH: 10},
        ... )
        >>> scheme = RasScheme(
        ...     id="ras-6-16", age_version=AgeVersion.SCHOOL_AGE, version="1.0", outcomes=[outcome]
        ... )
        >>> scheme.outcomes[0].name
        'Behaviours enable them and others to learn'
        >>> attrs.evolve(scheme, outcomes=[outcome, outcome])
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: two outcomes have the id '1'; ...
    """

    id: str = attrs.field(validator=text)
    age_version: AgeVersion = attrs.field(validator=member(AgeVersion))
    version: str = attrs.field(validator=text)
    outcomes: tuple[RasOutcome, ...] = attrs.field(
        converter=to_tuple,
        validator=[each(RasOutcome, "a RasOutcome"), unique_ids("outcome")],
    )

    @outcomes.validator
    def _check_some_outcomes(
        self,
        attribute: attrs.Attribute[tuple[RasOutcome, ...]],
        outcomes: tuple[RasOutcome, ...],
    ) -> None:
        """Refuse a form with no outcomes."""
        if not outcomes:
            msg = "a RAS scheme needs at least one outcome."
            raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class PerPoint:
    """Convert RAS points to an indicative resource at a fixed amount per point.

    Examples:
        >>> str(PerPoint(per_point=Money.parse("£200")).per_point)
        '£200.00'
    """

    per_point: Money = attrs.field(validator=money_at_least(1))
    """The amount one point is worth (a `Money`, despite the unit in its name)."""


def _check_band_top(
    band: Band, attribute: attrs.Attribute[Any], top: int | None
) -> None:
    """Refuse a closed band whose top is below its bottom."""
    if top is None:
        return
    if not is_whole(top) or top < band.min_points:
        msg = (
            f"max_points must be a whole number of at least min_points "
            f"({band.min_points}), or left out for an open-ended top band; got {top!r}."
        )
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class Band:
    """A range of RAS points, both ends included, and the amount it gives.

    Examples:
        >>> band = Band(min_points=40, max_points=59, amount=Money.parse("£6,500"))
        >>> str(band.amount)
        '£6,500.00'
    """

    min_points: int = attrs.field(validator=at_least(0))
    max_points: int | None = attrs.field(validator=_check_band_top)
    """The highest score in the band, or None for an open-ended top band."""
    amount: Money = attrs.field(validator=money_at_least(0))


def _check_bands(
    _instance: object, attribute: attrs.Attribute[Any], bands: tuple[Any, ...]
) -> None:
    """Require bands that start at 0 and follow on without gaps or overlaps."""
    if not bands:
        msg = "bands must list at least one Band, starting at 0 points."
        raise InvalidInput(msg, field=attribute.name)
    if bands[0].min_points != 0:
        msg = (
            f"the first band must start at 0 points, got {bands[0].min_points}; "
            "add a band below it."
        )
        raise InvalidInput(msg, field=attribute.name)
    for i, (below, above) in enumerate(zip(bands, bands[1:], strict=False), start=1):
        if below.max_points is None:
            msg = (
                f"only the last band may be open-ended, but band {i - 1} (from "
                f"{below.min_points} points) has no max_points and band {i} follows it."
            )
            raise InvalidInput(msg, field=attribute.name)
        if above.min_points != below.max_points + 1:
            msg = (
                f"band {i} must start at {below.max_points + 1} points, straight after "
                f"band {i - 1} ends at {below.max_points}; got {above.min_points}. "
                "Bands may not leave gaps or overlap."
            )
            raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class Bands:
    """Convert RAS points to an indicative resource by the band the score falls in.

    Bands start at 0 points and follow on without gaps; only the last may be
    open-ended. A score above a closed last band has no band.

    Examples:
        >>> bands = Bands(
        ...     bands=[
        ...         Band(min_points=0, max_points=19, amount=Money.parse("£0")),
        ...         Band(min_points=20, max_points=None, amount=Money.parse("£3,000")),
        ...     ]
        ... )
        >>> len(bands.bands)
        2
        >>> Bands(bands=[Band(min_points=5, max_points=None, amount=Money.parse("£0"))])
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: the first band must start at 0 points, got 5; ...
    """

    bands: tuple[Band, ...] = attrs.field(
        converter=to_tuple, validator=[each(Band, "a Band"), _check_bands]
    )


def _check_statistic(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Refuse a statistic other than those in STATISTICS."""
    if value not in STATISTICS:
        choices = ", ".join(repr(s) for s in STATISTICS)
        msg = f"statistic must be one of {choices}, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class SimilarCases:
    """Convert RAS points to an indicative resource from the resources of similar cases.

    A moderator takes the *k* cases with the nearest scores and uses the given
    statistic of their agreed resources (Gloucestershire's "indicative resource
    based on similar cases").

    Examples:
        >>> SimilarCases(k=5).statistic
        'median'
        >>> SimilarCases(k=5, statistic="mode")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: statistic must be one of 'median', 'mean', ...
    """

    k: int = attrs.field(validator=at_least(1))
    statistic: str = attrs.field(default="median", validator=_check_statistic)


Conversion: TypeAlias = PerPoint | Bands | SimilarCases
"""How RAS points become an indicative resource."""

_CONVERSIONS = (PerPoint, Bands, SimilarCases)


def _hours(value: object) -> decimal.Decimal:
    """Read hours a week exactly: an int, a decimal, or text such as ``"2.5"``.

    A float read from TOML (``hours_per_week = 2.5``) is taken by its shortest
    decimal form, which is what the file says. Hours are more than 0 and at most
    168 (the hours in a week), to at most four decimal places, so that a typo
    such as ``"1e100000000"`` is refused at once rather than costed.
    """
    if isinstance(value, bool):
        msg = f"hours_per_week must be a number of hours, got {value!r}."
        raise InvalidInput(msg, field="hours_per_week")
    try:
        hours = decimal.Decimal(repr(value) if isinstance(value, float) else value)  # type: ignore[arg-type]
    except (decimal.InvalidOperation, TypeError, ValueError):
        msg = f'hours_per_week must be a number of hours such as 15 or "2.5", got {value!r}.'
        raise InvalidInput(msg, field="hours_per_week") from None
    if not hours.is_finite() or hours <= 0:
        msg = f"hours_per_week must be more than 0, got {value!r}."
        raise InvalidInput(msg, field="hours_per_week")
    if hours > _HOURS_IN_A_WEEK:
        msg = (
            f"hours_per_week must be at most {_HOURS_IN_A_WEEK}, the hours in a week, "
            f"got {hours}; give the hours of support a week."
        )
        raise InvalidInput(msg, field="hours_per_week")
    if hours != hours.quantize(decimal.Decimal(1).scaleb(-_HOURS_PLACES)):
        msg = (
            f"hours_per_week may have at most {_HOURS_PLACES} decimal places, got "
            f"{hours}; round it, e.g. to the quarter hour."
        )
        raise InvalidInput(msg, field="hours_per_week")
    return hours


_HOURS_IN_A_WEEK = 168
_HOURS_PLACES = 4


@attrs.frozen(kw_only=True)
class SupportHours:
    """Hours a week of one kind of support, and what one weekly hour costs a year.

    Authorities cost support this way ("£6,000 is about 11.8 hours of teaching
    assistant time a week", Cambridgeshire County Council): the annual cost of
    one hour a week, on-costs included, times the hours.

    Examples:
        >>> ta = SupportHours(role="teaching assistant", hours_per_week="15",
        ...                   cost_per_weekly_hour=Money.parse("£610"))
        >>> str(ta.cost)
        '£9,150.00'
    """

    role: str = attrs.field(validator=text)
    hours_per_week: decimal.Decimal = attrs.field(converter=_hours)
    cost_per_weekly_hour: Money = attrs.field(validator=money_at_least(1))

    @property
    def cost(self) -> Money:
        """The annual cost of these hours, rounded once to the penny (half to even)."""
        return self.cost_per_weekly_hour.scale(self.hours_per_week)


@attrs.frozen(kw_only=True)
class SignOffThreshold:
    """The amount below which an officer may sign off a plan, and the hours it equals.

    Gloucestershire words its threshold as hours: "less than equivalent of 15 hrs
    TAF and 2.5 hrs MDS (£10,363)". An authority may give the amount, the hours
    with their costs, or both; given both, they must agree to the penny, so a pay
    award that changes the cost of an hour also changes the threshold, by a new
    dated value.

    Attributes:
        amount: The threshold a year.
        hours: The support it is the equivalent of (empty if not stated).

    Examples:
        >>> threshold = SignOffThreshold.from_hours([
        ...     SupportHours(role="teaching assistant", hours_per_week=15,
        ...                  cost_per_weekly_hour=Money.parse("£610")),
        ...     SupportHours(role="midday supervisor", hours_per_week="2.5",
        ...                  cost_per_weekly_hour=Money.parse("£485.20")),
        ... ])
        >>> str(threshold)
        '£10,363.00'
        >>> for part in threshold.explain().split(" + "):
        ...     print(part)
        £10,363.00: 15 h a week teaching assistant (£9,150.00)
        2.5 h a week midday supervisor (£1,213.00)
        >>> SignOffThreshold(amount=Money.parse("£10,000"), hours=threshold.hours)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: the threshold £10,000.00 does not equal the hours ...
    """

    amount: Money = attrs.field(validator=money_at_least(0))
    hours: tuple[SupportHours, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(SupportHours, "a SupportHours")
    )

    def __attrs_post_init__(self) -> None:
        """Refuse hours that do not add up to the amount."""
        if self.hours and sum(h.cost for h in self.hours) != self.amount:
            msg = (
                f"the threshold {self.amount} does not equal the hours it is given as "
                f"({self._workings()} = {sum(h.cost for h in self.hours)}); correct the "
                "amount or the cost of an hour, or leave one of them out."
            )
            raise InvalidInput(msg, field="amount")

    @classmethod
    def from_hours(cls, hours: Iterable[SupportHours]) -> SignOffThreshold:
        """The threshold that the given hours cost."""
        hours = tuple(hours)
        return cls(amount=sum((h.cost for h in hours), Money(0)), hours=hours)

    def _workings(self) -> str:
        return " + ".join(
            f"{h.hours_per_week} h a week {h.role} ({h.cost})" for h in self.hours
        )

    def explain(self) -> str:
        """The amount, and the hours it equals if known."""
        return f"{self.amount}: {self._workings()}" if self.hours else str(self.amount)

    def __str__(self) -> str:
        """The amount, as written in a report."""
        return str(self.amount)


@attrs.frozen(kw_only=True)
class RasPolicy:
    """An authority's Resource Allocation System: forms, conversion, and sign-off limit.

    Attributes:
        schemes: The RAS forms in use; ids are unique.
        conversion: How points become an indicative resource, by date.
        sign_off_threshold: Plans whose agreed resource is in line with the indicative
            resource and below this amount are signed off by an officer; others go to
            panel (Gloucestershire: £10,363, "15 hrs TAF and 2.5 hrs MDS"), with the
            hours it is the equivalent of where the policy gives them.

    Examples:
        >>> import datetime as dt
        >>> import ehcplan.policy
        >>> ras = ehcplan.policy.load_policy("exampleshire").ras
        >>> str(ras.sign_off_threshold.at(dt.date(2024, 9, 2)))
        '£10,363.00'
        >>> ras.scheme("exampleshire-6-16").age_version
        <AgeVersion.SCHOOL_AGE: '6-16'>
    """

    schemes: tuple[RasScheme, ...] = attrs.field(
        converter=to_tuple,
        validator=[each(RasScheme, "a RasScheme"), unique_ids("RAS scheme")],
    )
    conversion: Dated[Conversion] = attrs.field(
        validator=dated_of(_CONVERSIONS, "PerPoint, Bands or SimilarCases")
    )
    sign_off_threshold: Dated[SignOffThreshold] = attrs.field(
        validator=dated_of(SignOffThreshold, "SignOffThreshold")
    )

    def scheme(self, scheme_id: str) -> RasScheme:
        """Return the scheme called *scheme_id*.

        Raises:
            NotFound: If there is no such scheme.
        """
        for scheme in self.schemes:
            if scheme.id == scheme_id:
                return scheme
        what = "RAS scheme"
        raise NotFound(what, scheme_id, tuple(s.id for s in self.schemes))
