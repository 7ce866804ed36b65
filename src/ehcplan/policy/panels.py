"""Panels in a local authority's policy: their kinds, remits, cadence and dated terms.

A panel is one of the authority's decision-making meetings (seeds 000, 001,
003, 004): what sort it is (`PanelKind`), what it decides (`PanelRemit`), and
by date how it works (`PanelTerms`: how often it meets, on which weekday, how
many cases one meeting hears, the referral cut-off, when the written decision
is due, and what happens on a bank holiday). When meetings fall is worked out
from these values by `ehcplan.panels`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput
from ehcplan.policy.dated import Dated, dated_of
from ehcplan.validators import at_least, collection, is_whole, member, text, whole

__all__ = [
    "BankHolidayRule",
    "Cadence",
    "PanelKind",
    "PanelPolicy",
    "PanelRemit",
    "PanelTerms",
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
    """Convert a list or other collection of remits to a frozenset."""
    return frozenset(collection(values, field="decides"))


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
        if not is_whole(week) or week not in (1, 2, 3, 4, -1):
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
            before the meeting (0 to 365).
        decision_record_days: The written decision is available within this many days
            after the meeting (0 to 365).
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

    cadence: Cadence = attrs.field(validator=member(Cadence))
    weekday: int = attrs.field(validator=at_least(0))
    week_of_month: int | None = attrs.field(
        default=None, validator=_check_week_of_month
    )
    first_meeting: dt.date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_first_meeting
    )
    cases_per_meeting: int = attrs.field(validator=at_least(1))
    referral_cutoff_days: int = attrs.field(validator=whole(0, 365, unit="days"))
    decision_record_days: int = attrs.field(validator=whole(0, 365, unit="days"))
    decides: frozenset[PanelRemit] = attrs.field(
        converter=_remits, validator=_check_remits
    )
    on_bank_holiday: BankHolidayRule = attrs.field(
        default=BankHolidayRule.NEXT_WORKING_DAY, validator=member(BankHolidayRule)
    )

    @weekday.validator
    def _check_weekday(self, attribute: attrs.Attribute[int], weekday: int) -> None:
        """Refuse a weekday number outside 0 (Monday) to 6 (Sunday)."""
        if weekday > 6:  # at_least(0) has already run
            msg = f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}."
            raise InvalidInput(msg, field=attribute.name)


def _dates(values: Iterable[dt.date]) -> tuple[dt.date, ...]:
    """Convert to a tuple of plain dates, refusing datetimes."""
    return tuple(
        to_date(value, field="published_meetings")
        for value in collection(values, field="published_meetings")
    )


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

    id: str = attrs.field(validator=text)
    kind: PanelKind = attrs.field(validator=member(PanelKind))
    name: str = attrs.field(validator=text)
    terms: Dated[PanelTerms] = attrs.field(validator=dated_of(PanelTerms, "PanelTerms"))
    published_meetings: tuple[dt.date, ...] = attrs.field(
        default=(), converter=_dates, validator=_check_published
    )
