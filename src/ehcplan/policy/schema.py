"""Local-authority policy as frozen values: panels, RAS, joint funding, personal budgets.

Statute is the same for every authority and lives in `ehcplan.timeline`; what
differs between authorities (how often a panel meets, how RAS points become
money, how a joint placement is split) lives here, as data. A `LocalPolicy` is
read from one TOML file per authority by `ehcplan.policy.load`, and every
figure that changes by decision is a `Dated` value with its source.

Every class is a frozen attrs class whose validators raise
`ehcplan.errors.InvalidInput` naming the field, so a policy that exists is a
policy that makes sense. A what-if scenario is `attrs.evolve` on these values,
never an edit.

Where a source can be read two ways (the personal-budget criteria's "and/or",
a placement length the joint-funding protocol does not list), the choice is an
enum member whose docstring says which reading it is; the strict reading is the
default.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput, NotFound
from ehcplan.money import Money
from ehcplan.policy.dated import Dated

__all__ = [
    "AgeVersion",
    "Band",
    "Bands",
    "BankHolidayRule",
    "Cadence",
    "Conversion",
    "EligibilityRule",
    "FundingPolicy",
    "FundingTerms",
    "Level",
    "LocalPolicy",
    "OtherWeeks",
    "PanelKind",
    "PanelPolicy",
    "PanelRemit",
    "PanelTerms",
    "PerPoint",
    "PersonalBudgetPolicy",
    "RasOutcome",
    "RasPolicy",
    "RasScheme",
    "STATISTICS",
    "SignOffThreshold",
    "SimilarCases",
    "Split",
    "SupportHours",
    "TopUpBands",
    "WEEKDAYS",
]

WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
"""Weekday names by `datetime.date.weekday()` number: 0 is Monday, 6 is Sunday."""

STATISTICS = ("median", "mean", "lower quartile", "upper quartile")
"""The statistics `SimilarCases` may take of similar cases' agreed resources."""

_Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]


# --- Small validators, each raising InvalidInput naming the field. ---------------------


def _text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but non-blank text."""
    if not isinstance(value, str) or not value.strip():
        msg = f"{attribute.name} must be non-blank text, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but True or False."""
    if not isinstance(value, bool):
        msg = f"{attribute.name} must be True or False, got {value!r}."
        raise InvalidInput(msg, field=attribute.name)


def _whole(value: object) -> bool:
    """Whether *value* is an int and not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def _at_least(minimum: int) -> _Validator:
    """A validator refusing anything but a whole number of at least *minimum*."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not _whole(value) or value < minimum:  # type: ignore[operator]
            msg = f"{attribute.name} must be a whole number of at least {minimum}, got {value!r}."
            raise InvalidInput(msg, field=attribute.name)

    return check


def _member(enum_type: type[enum.Enum]) -> _Validator:
    """A validator refusing anything but a member of *enum_type*."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, enum_type):
            choices = ", ".join(f"{enum_type.__name__}.{m.name}" for m in enum_type)
            msg = f"{attribute.name} must be one of {choices}; got {value!r}."
            raise InvalidInput(msg, field=attribute.name)

    return check


def _kind(expected: type | tuple[type, ...], described: str) -> _Validator:
    """A validator refusing anything but an instance of *expected*."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, expected):
            msg = f"{attribute.name} must be {described}, got {type(value).__name__} {value!r}."
            raise InvalidInput(msg, field=attribute.name)

    return check


def _money_at_least(minimum_pence: int) -> _Validator:
    """A validator refusing anything but `Money` of at least *minimum_pence*."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, Money):
            msg = (
                f"{attribute.name} must be Money, got {type(value).__name__} {value!r}; "
                "use Money.parse('£10,363') or Money.pounds(10363)."
            )
            raise InvalidInput(msg, field=attribute.name)
        if value.pence < minimum_pence:
            msg = f"{attribute.name} must be at least {Money(pence=minimum_pence)}, got {value}."
            raise InvalidInput(msg, field=attribute.name)

    return check


def _unique_ids(what: str) -> _Validator:
    """A validator refusing a tuple of items two of which share an `id`."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], items: tuple[Any, ...]
    ) -> None:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                msg = (
                    f"two {what}s have the id {item.id!r}; "
                    f"each {what} needs its own id. Rename one of them."
                )
                raise InvalidInput(msg, field=attribute.name)
            seen.add(item.id)

    return check


def _each(expected: type | tuple[type, ...], described: str) -> _Validator:
    """A validator refusing a tuple with an item that is not an instance of *expected*."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], items: tuple[Any, ...]
    ) -> None:
        for i, item in enumerate(items):
            if not isinstance(item, expected):
                msg = (
                    f"{attribute.name}[{i}] must be {described}, "
                    f"got {type(item).__name__} {item!r}."
                )
                raise InvalidInput(msg, field=attribute.name)

    return check


def _dated_of(expected: type | tuple[type, ...], described: str) -> _Validator:
    """A validator refusing anything but a `Dated` whose every value is an *expected*."""

    def check(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, Dated):
            msg = (
                f"{attribute.name} must be a Dated value of {described}, "
                f"got {type(value).__name__} {value!r}."
            )
            raise InvalidInput(msg, field=attribute.name)
        for start, item in value.history:
            if not isinstance(item, expected):
                msg = (
                    f"{attribute.name}: the value from {start.isoformat()} must be "
                    f"{described}, got {type(item).__name__} {item!r}."
                )
                raise InvalidInput(msg, field=attribute.name)

    return check


def _optional(validator: _Validator) -> _Validator:
    """A validator accepting None, or whatever *validator* accepts."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def _tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Convert any iterable to a tuple (lists read from files included)."""
    return tuple(items)


# --- Panels ----------------------------------------------------------------------------


class PanelKind(enum.Enum):
    """What sort of decision-making panel it is."""

    RESOURCE_ALLOCATION = "resource allocation"
    """Decides on assessments, plans and their resources: whether a plan is needed,
    the level and type of funding (including a personal budget), and placement."""

    MULTI_AGENCY = "multi-agency"
    """Education, social care and health together, to explore options before a
    recommendation is made to another panel."""

    ACCESS_TO_RESOURCES = "access to resources"
    """Decides placements and their funding where more than one budget pays, such as
    jointly funded residential placements."""


class Cadence(enum.Enum):
    """How often a panel meets."""

    WEEKLY = "weekly"
    """Every week, on the same weekday."""

    FORTNIGHTLY = "fortnightly"
    """Every other week, on the same weekday, counted from a first meeting."""

    MONTHLY = "monthly"
    """Once a month, on a given weekday of a given week (e.g. the 2nd Wednesday)."""


class PanelRemit(enum.Enum):
    """A kind of decision a panel makes."""

    WHETHER_TO_ASSESS = "whether to assess"
    """Whether to carry out an EHC needs assessment."""

    WHETHER_TO_ISSUE_PLAN = "whether to issue a plan"
    """Whether an EHC plan is needed after the assessment."""

    FUNDING = "funding"
    """The level and type of funding for the provision in a plan."""

    PLACEMENT = "placement"
    """The school, college or other setting to be named in a plan."""

    PERSONAL_BUDGET = "personal budget"
    """Whether to agree a personal budget, and how much."""

    JOINT_FUNDING = "joint funding"
    """Placements paid for by more than one of education, social care and health."""


class BankHolidayRule(enum.Enum):
    """What happens to a meeting its cadence puts on a bank holiday.

    A published meeting date is never moved: the administrator's list already
    says when the panel meets.
    """

    NEXT_WORKING_DAY = "next working day"
    """The panel meets on the next working day instead. The default: a panel does
    not sit on a bank holiday, and moving the meeting keeps its capacity, where
    skipping would lose a meeting's worth of decisions."""

    SKIP = "skip"
    """The meeting does not take place; cases wait for the next one."""

    KEEP = "keep"
    """The panel meets anyway (for panels that do sit on bank holidays)."""


def _remits(values: Iterable[PanelRemit]) -> frozenset[PanelRemit]:
    """Convert any iterable of remits to a frozenset."""
    return frozenset(values)


def _check_remits(
    _instance: object, attribute: attrs.Attribute[Any], remits: frozenset[Any]
) -> None:
    """Refuse an empty remit, or one with something that is not a `PanelRemit`."""
    if not remits:
        msg = (
            "decides must name at least one PanelRemit; "
            "a panel that decides nothing is a mistake."
        )
        raise InvalidInput(msg, field=attribute.name)
    for remit in remits:
        if not isinstance(remit, PanelRemit):
            msg = f"decides must hold PanelRemit members only, got {remit!r}."
            raise InvalidInput(msg, field=attribute.name)


def _check_week_of_month(
    instance: PanelTerms, attribute: attrs.Attribute[Any], week: int | None
) -> None:
    """Require a week of the month (1 to 4, or -1 for the last) exactly for monthly panels."""
    if instance.cadence is Cadence.MONTHLY:
        if week is None:
            msg = (
                "a monthly panel needs week_of_month: 1 to 4 for the first to fourth "
                "such weekday of the month, or -1 for the last."
            )
            raise InvalidInput(msg, field=attribute.name)
        if not _whole(week) or week not in (1, 2, 3, 4, -1):
            msg = f"week_of_month must be 1, 2, 3, 4 or -1 (the last), got {week!r}."
            raise InvalidInput(msg, field=attribute.name)
    elif week is not None:
        msg = (
            f"week_of_month is only used by monthly panels, and this panel meets "
            f"{instance.cadence.value}; remove week_of_month or change the cadence."
        )
        raise InvalidInput(msg, field=attribute.name)


def _check_first_meeting(
    instance: PanelTerms, attribute: attrs.Attribute[Any], first: dt.date | None
) -> None:
    """Check the anchor meeting: needed when fortnightly, unused when monthly, on the weekday."""
    if first is None:
        if instance.cadence is Cadence.FORTNIGHTLY:
            msg = (
                "a fortnightly panel needs first_meeting, the date of one meeting, "
                "to say which weeks it meets in."
            )
            raise InvalidInput(msg, field=attribute.name)
        return
    if instance.cadence is Cadence.MONTHLY:
        msg = (
            "first_meeting is only used by weekly and fortnightly panels; a monthly "
            "panel is placed by weekday and week_of_month. Remove first_meeting."
        )
        raise InvalidInput(msg, field=attribute.name)
    if first.weekday() != instance.weekday:
        msg = (
            f"first_meeting {first.isoformat()} is a {WEEKDAYS[first.weekday()]}, but the "
            f"panel meets on {WEEKDAYS[instance.weekday]}s; correct the date or the weekday."
        )
        raise InvalidInput(msg, field=attribute.name)


def _optional_date(value: dt.date | None) -> dt.date | None:
    """Convert to a plain date (refusing a datetime), leaving None alone."""
    return None if value is None else to_date(value, field="first_meeting")


@attrs.frozen(kw_only=True)
class PanelTerms:
    """How a panel works during one period: when it meets, how much it hears, what it decides.

    Attributes:
        cadence: How often it meets.
        weekday: The day it meets, 0 for Monday to 6 for Sunday (policy files write
            the name, e.g. ``"Thursday"``).
        week_of_month: For a monthly panel only: 1 to 4 for the first to fourth such
            weekday of the month, or -1 for the last.
        first_meeting: A meeting that fixes which weeks a fortnightly panel meets in
            (required then). A weekly panel may give one too; it must fall on *weekday*.
        cases_per_meeting: How many cases one meeting can hear.
        referral_cutoff_days: Papers must reach the panel at least this many days
            before the meeting.
        decision_record_days: The written decision is available within this many days
            after the meeting.
        decides: The kinds of decision the panel makes.
        on_bank_holiday: What happens to a meeting that falls on a bank holiday.

    Examples:
        >>> terms = PanelTerms(
        ...     cadence=Cadence.MONTHLY,
        ...     weekday=2,
        ...     week_of_month=2,
        ...     cases_per_meeting=8,
        ...     referral_cutoff_days=7,
        ...     decision_record_days=7,
        ...     decides={PanelRemit.JOINT_FUNDING, PanelRemit.PLACEMENT},
        ... )
        >>> WEEKDAYS[terms.weekday]
        'Wednesday'
        >>> attrs.evolve(terms, cadence=Cadence.WEEKLY)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: week_of_month is only used by monthly panels, ...
    """

    cadence: Cadence = attrs.field(validator=_member(Cadence))
    weekday: int = attrs.field(validator=_at_least(0))
    week_of_month: int | None = attrs.field(
        default=None, validator=_check_week_of_month
    )
    first_meeting: dt.date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_first_meeting
    )
    cases_per_meeting: int = attrs.field(validator=_at_least(1))
    referral_cutoff_days: int = attrs.field(validator=_at_least(0))
    decision_record_days: int = attrs.field(validator=_at_least(0))
    decides: frozenset[PanelRemit] = attrs.field(
        converter=_remits, validator=_check_remits
    )
    on_bank_holiday: BankHolidayRule = attrs.field(
        default=BankHolidayRule.NEXT_WORKING_DAY, validator=_member(BankHolidayRule)
    )

    @weekday.validator
    def _check_weekday(self, attribute: attrs.Attribute[int], weekday: int) -> None:
        """Refuse a weekday number outside 0 (Monday) to 6 (Sunday)."""
        if weekday > 6:  # _at_least(0) has already run
            msg = f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}."
            raise InvalidInput(msg, field=attribute.name)


def _dates(values: Iterable[dt.date]) -> tuple[dt.date, ...]:
    """Convert to a tuple of plain dates, refusing datetimes."""
    return tuple(to_date(value, field="published_meetings") for value in values)


def _check_published(
    instance: PanelPolicy,
    attribute: attrs.Attribute[Any],
    meetings: tuple[dt.date, ...],
) -> None:
    """Require published meetings in date order, each once, while the terms are in force."""
    for earlier, later in zip(meetings, meetings[1:], strict=False):
        if later <= earlier:
            problem = (
                "is listed twice" if later == earlier else f"comes after {earlier}"
            )
            msg = (
                f"published_meetings must be in date order, each date once; "
                f"{later.isoformat()} {problem}. Check the year, or reorder the list."
            )
            raise InvalidInput(msg, field=attribute.name)
    if meetings and meetings[0] < instance.terms.starts[0]:
        msg = (
            f"the published meeting on {meetings[0].isoformat()} is before the panel's "
            f"terms apply (from {instance.terms.starts[0].isoformat()}), so nothing says "
            "how many cases it can hear; add earlier terms, or remove the meeting."
        )
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class PanelPolicy:
    """One of the authority's decision-making panels.

    The panel's own calendar wins over its cadence: when *published_meetings* is
    not empty, the panel meets exactly on those dates from the first listed to
    the last, whatever `PanelTerms.cadence` says (administrators move meetings
    for holidays, and skip months). Outside that span the cadence in force
    predicts the meetings. The terms in force on a meeting's date still give its
    capacity, cut-off and decision-record times.

    Attributes:
        id: A short name, unique within the policy (e.g. ``"rap"``).
        kind: What sort of panel it is.
        name: Its name as the authority writes it.
        terms: How it works, by date.
        published_meetings: The administrator's published meeting dates, in order.

    Examples:
        >>> terms = PanelTerms(
        ...     cadence=Cadence.WEEKLY,
        ...     weekday=3,
        ...     cases_per_meeting=12,
        ...     referral_cutoff_days=5,
        ...     decision_record_days=5,
        ...     decides={PanelRemit.FUNDING},
        ... )
        >>> panel = PanelPolicy(
        ...     id="rap",
        ...     kind=PanelKind.RESOURCE_ALLOCATION,
        ...     name="Resource Allocation Panel",
        ...     terms=Dated.constant("RAP terms", terms, reference="r", since=dt.date(2024, 9, 1)),
        ... )
        >>> panel.terms.at(dt.date(2024, 10, 1)).cases_per_meeting
        12
        >>> attrs.evolve(panel, published_meetings=(dt.date(2024, 8, 1),))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: the published meeting on 2024-08-01 is before ...
    """

    id: str = attrs.field(validator=_text)
    kind: PanelKind = attrs.field(validator=_member(PanelKind))
    name: str = attrs.field(validator=_text)
    terms: Dated[PanelTerms] = attrs.field(
        validator=_dated_of(PanelTerms, "PanelTerms")
    )
    published_meetings: tuple[dt.date, ...] = attrs.field(
        default=(), converter=_dates, validator=_check_published
    )


# --- Resource Allocation System (RAS) ----------------------------------------------------


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
        if not _whole(points[level]) or points[level] < 0:
            msg = (
                f"points for {level.name} must be a whole number of at least 0, "
                f"got {points[level]!r}."
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

    id: str = attrs.field(validator=_text)
    name: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)
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

    id: str = attrs.field(validator=_text)
    age_version: AgeVersion = attrs.field(validator=_member(AgeVersion))
    version: str = attrs.field(validator=_text)
    outcomes: tuple[RasOutcome, ...] = attrs.field(
        converter=_tuple,
        validator=[_each(RasOutcome, "a RasOutcome"), _unique_ids("outcome")],
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

    per_point: Money = attrs.field(validator=_money_at_least(1))
    """The amount one point is worth (a `Money`, despite the unit in its name)."""


def _check_band_top(
    band: Band, attribute: attrs.Attribute[Any], top: int | None
) -> None:
    """Refuse a closed band whose top is below its bottom."""
    if top is None:
        return
    if not _whole(top) or top < band.min_points:
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

    min_points: int = attrs.field(validator=_at_least(0))
    max_points: int | None = attrs.field(validator=_check_band_top)
    """The highest score in the band, or None for an open-ended top band."""
    amount: Money = attrs.field(validator=_money_at_least(0))


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
        converter=_tuple, validator=[_each(Band, "a Band"), _check_bands]
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

    k: int = attrs.field(validator=_at_least(1))
    statistic: str = attrs.field(default="median", validator=_check_statistic)


Conversion: TypeAlias = PerPoint | Bands | SimilarCases
"""How RAS points become an indicative resource."""

_CONVERSIONS = (PerPoint, Bands, SimilarCases)


def _hours(value: object) -> decimal.Decimal:
    """Read hours a week exactly: an int, a decimal, or text such as ``"2.5"``.

    A float read from TOML (``hours_per_week = 2.5``) is taken by its shortest
    decimal form, which is what the file says.
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
    return hours


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

    role: str = attrs.field(validator=_text)
    hours_per_week: decimal.Decimal = attrs.field(converter=_hours)
    cost_per_weekly_hour: Money = attrs.field(validator=_money_at_least(1))

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

    amount: Money = attrs.field(validator=_money_at_least(0))
    hours: tuple[SupportHours, ...] = attrs.field(
        default=(), converter=_tuple, validator=_each(SupportHours, "a SupportHours")
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
        >>> import ehcplan.policy
        >>> ras = ehcplan.policy.load_policy("exampleshire").ras
        >>> str(ras.sign_off_threshold.at(dt.date(2024, 9, 2)))
        '£10,363.00'
        >>> ras.scheme("exampleshire-6-16").age_version
        <AgeVersion.SCHOOL_AGE: '6-16'>
    """

    schemes: tuple[RasScheme, ...] = attrs.field(
        converter=_tuple,
        validator=[_each(RasScheme, "a RasScheme"), _unique_ids("RAS scheme")],
    )
    conversion: Dated[Conversion] = attrs.field(
        validator=_dated_of(_CONVERSIONS, "PerPoint, Bands or SimilarCases")
    )
    sign_off_threshold: Dated[SignOffThreshold] = attrs.field(
        validator=_dated_of(SignOffThreshold, "SignOffThreshold")
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


# --- Joint funding ----------------------------------------------------------------------


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

    education: int = attrs.field(validator=_at_least(0))
    social_care: int = attrs.field(validator=_at_least(0))
    health: int = attrs.field(default=0, validator=_at_least(0))

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
    return MappingProxyType(dict(sorted(splits.items())))


def _check_splits(
    _instance: object, attribute: attrs.Attribute[Any], splits: Mapping[Any, Any]
) -> None:
    """Require at least one split, keyed by a placement length of 1 to 52 weeks."""
    if not splits:
        msg = "undivided_splits must give at least one split, e.g. for 52-week placements."
        raise InvalidInput(msg, field=attribute.name)
    for weeks, split in splits.items():
        if not _whole(weeks) or not 1 <= weeks <= 52:
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
        default=OtherWeeks.REFUSE, validator=_member(OtherWeeks)
    )
    transport_split: Split = attrs.field(validator=_kind(Split, "a Split"))
    health_contribution_first: bool = attrs.field(validator=_flag)
    education_pays_provision: bool = attrs.field(validator=_flag)
    placement_review_months: int = attrs.field(validator=_at_least(1))
    element2_threshold: Money = attrs.field(validator=_money_at_least(0))
    emergency_funding_by_chair: bool = attrs.field(validator=_flag)


def _bands(bands: Mapping[str, Money]) -> Mapping[str, Money]:
    """Return a read-only copy of *bands*, in the order given."""
    return MappingProxyType(dict(bands))


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
        default=None, validator=_optional(_dated_of(FundingTerms, "FundingTerms"))
    )
    top_up_bands: Dated[TopUpBands] | None = attrs.field(
        default=None, validator=_optional(_dated_of(TopUpBands, "TopUpBands"))
    )

    def __attrs_post_init__(self) -> None:
        """Refuse a funding policy with nothing in it."""
        if self.terms is None and self.top_up_bands is None:
            msg = "a funding policy needs terms, top_up_bands or both."
            raise InvalidInput(msg, field="terms")


# --- Personal budgets -------------------------------------------------------------------


class EligibilityRule(enum.Enum):
    """How to read the personal-budget criteria's "and/or".

    The criteria (a local authority's "criteria for agreeing a statutory personal
    budget") are: (1) above what all parents could reasonably provide; (2)
    additional to the Local Offer; (3) necessary to achieve the outcomes; (4)
    clearly evidenced in terms of need; "5. And/or" assessed by the Disabled
    Children Service as eligible; "6. And/or" assessed by the Health Service as
    eligible for continuing care. The "and/or" can be read two ways.
    """

    ALL_CORE_AND_ONE_ASSESSED = "all core and one assessed"
    """Criteria 1-4 all hold, and 5 or 6 holds. The strict reading, and the default."""

    ALL_CORE_OR_ONE_ASSESSED = "all core or one assessed"
    """Criteria 1-4 all hold, or 5 holds, or 6 holds."""


@attrs.frozen(kw_only=True)
class PersonalBudgetPolicy:
    """An authority's rules for agreeing and monitoring personal budgets.

    Attributes:
        eligibility_rule: How the eligibility criteria combine.
        first_monitoring_months: A direct payment is first checked within this many
            months of the first payment.
        monitoring_interval_months: Then checked again every this many months.
        reference: The document these rules come from.

    Examples:
        >>> budgets = PersonalBudgetPolicy(
        ...     first_monitoring_months=3, monitoring_interval_months=12, reference="r"
        ... )
        >>> budgets.eligibility_rule
        <EligibilityRule.ALL_CORE_AND_ONE_ASSESSED: 'all core and one assessed'>
    """

    eligibility_rule: EligibilityRule = attrs.field(
        default=EligibilityRule.ALL_CORE_AND_ONE_ASSESSED,
        validator=_member(EligibilityRule),
    )
    first_monitoring_months: int = attrs.field(validator=_at_least(1))
    monitoring_interval_months: int = attrs.field(validator=_at_least(1))
    reference: str = attrs.field(validator=_text)


# --- The whole policy -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LocalPolicy:
    """One local authority's SEND policy: its panels, RAS, joint funding, personal budgets.

    A section the authority's documents do not cover is None, never a guess.

    Attributes:
        code: The authority's code (e.g. the old three-digit LA code, ``"916"``).
        name: The authority's name.
        source: The document or documents the policy was taken from.
        panels: The decision-making panels; ids are unique.
        ras: The Resource Allocation System, if the authority uses one.
        funding: Joint-funding terms, if known.
        personal_budgets: Personal-budget rules, if known.

    Examples:
        >>> import ehcplan.policy
        >>> policy = ehcplan.policy.load_policy("exampleshire")
        >>> policy.name, policy.panel("atr").kind
        ('Exampleshire County Council', <PanelKind.ACCESS_TO_RESOURCES: 'access to resources'>)
        >>> policy.panel("sen-panel")
        Traceback (most recent call last):
        ...
        ehcplan.errors.NotFound: no panel is called 'sen-panel'; the known ones are 'rap', ...
    """

    code: str = attrs.field(validator=_text)
    name: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_text)
    panels: tuple[PanelPolicy, ...] = attrs.field(
        default=(),
        converter=_tuple,
        validator=[_each(PanelPolicy, "a PanelPolicy"), _unique_ids("panel")],
    )
    ras: RasPolicy | None = attrs.field(
        default=None, validator=_optional(_kind(RasPolicy, "a RasPolicy or None"))
    )
    funding: FundingPolicy | None = attrs.field(
        default=None,
        validator=_optional(_kind(FundingPolicy, "a FundingPolicy or None")),
    )
    personal_budgets: PersonalBudgetPolicy | None = attrs.field(
        default=None,
        validator=_optional(
            _kind(PersonalBudgetPolicy, "a PersonalBudgetPolicy or None")
        ),
    )

    def panel(self, panel_id: str) -> PanelPolicy:
        """Return the panel called *panel_id*.

        Raises:
            NotFound: If there is no such panel.
        """
        for panel in self.panels:
            if panel.id == panel_id:
                return panel
        what = "panel"
        raise NotFound(what, panel_id, tuple(p.id for p in self.panels))
