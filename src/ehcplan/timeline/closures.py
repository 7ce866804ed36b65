"""Institution closures, and when they make the closure ground available.

A time limit of the EHC process does not apply when meeting it is impractical
because the authority asked a school's head teacher or a post-16 institution's
principal for advice "during a period beginning one week before any date on
which that school or institution was closed for a continuous period of not less
than 4 weeks from that date and ending one week before the date on which it
re-opens" (SI 2014/1530 regs 5(4)(a), 10(4)(a), 27(3)(a)). Regs 10(4)(b) and
27(3)(b) say the same of a relevant early years provider. Read as dates
(statutory reference §3.2):

    qualifies = (reopens_on - first_closed_day).days >= 28
    window    = [first_closed_day - 7 days, reopens_on - 7 days], both ends inclusive

Half-terms (about a week) and the usual two-week Christmas and Easter breaks
never qualify; in practice only the summer holiday does.

This module says whether the ground is *available* on the facts, and nothing
more. It never applies one: the ground disapplies a limit only if meeting it
was impractical *because of* the closure, which a person decides and records
with its evidence (`ehcplan.cases.ExceptionGroundRecorded`). The ground never
moves a date either (`ehcplan.timeline.grounds`). An institution's closures are
read from a TOML file by `ehcplan.policy.load_school_calendar`.

WE-07, in full:

    >>> summer = Closure(
    ...     first_closed_day=dt.date(2025, 7, 23),
    ...     reopens_on=dt.date(2025, 9, 3),
    ...     name="summer holiday",
    ... )
    >>> summer.days_closed, summer.qualifies
    (42, True)
    >>> summer.protected_window
    (datetime.date(2025, 7, 16), datetime.date(2025, 8, 27))
    >>> school = SchoolCalendar(institution="URN 100001", closures=(summer,))
    >>> school.closure_ground_available(dt.date(2025, 7, 18)) == summer
    True
    >>> school.closure_ground_available(dt.date(2025, 7, 9)) is None
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from ehcplan.dates import add_days, days_between, to_date
from ehcplan.errors import InvalidInput

__all__ = ["MINIMUM_CLOSURE_DAYS", "PROTECTION_DAYS", "Closure", "SchoolCalendar"]

MINIMUM_CLOSURE_DAYS = 28
"""A closure qualifies if it lasts "a continuous period of not less than 4 weeks"."""

PROTECTION_DAYS = 7
"""The window opens and closes "one week before" the closure and the reopening."""


def _to_first_closed_day(value: dt.date) -> dt.date:
    return to_date(value, field="first_closed_day")


def _to_reopens_on(value: dt.date) -> dt.date:
    return to_date(value, field="reopens_on")


def _to_closures(value: Iterable[Closure]) -> tuple[Closure, ...]:
    return tuple(value)


def _optional_text(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Refuse anything but None or non-blank text."""
    if value is not None and (not isinstance(value, str) or not value.strip()):
        msg = (
            f"{attribute.name} must be non-blank text or None, got {value!r}; "
            "leave it out if the closure has no name."
        )
        raise InvalidInput(msg, field=attribute.name)


def _text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse anything but non-blank text."""
    if not isinstance(value, str) or not value.strip():
        msg = (
            f"{attribute.name} must be non-blank text naming the school or provider "
            f'(e.g. "URN 100001"), got {value!r}.'
        )
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class Closure:
    """One continuous period when a school, college or early years provider is closed.

    Attributes:
        first_closed_day: The first day it is closed: the day after term ends.
        reopens_on: The first day it is open again.
        name: What the institution calls the closure (``"summer holiday"``), if given.

    Examples:
        A week's half-term and a two-week Christmas break never qualify:

        >>> half_term = Closure(
        ...     first_closed_day=dt.date(2025, 10, 27), reopens_on=dt.date(2025, 11, 3)
        ... )
        >>> half_term.days_closed, half_term.qualifies
        (7, False)
        >>> christmas = Closure(
        ...     first_closed_day=dt.date(2025, 12, 22), reopens_on=dt.date(2026, 1, 5)
        ... )
        >>> christmas.days_closed, christmas.qualifies
        (14, False)

        >>> Closure(first_closed_day=dt.date(2025, 9, 3), reopens_on=dt.date(2025, 7, 23))
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: reopens_on (2025-07-23) must be after first_closed_day ...
    """

    first_closed_day: dt.date = attrs.field(converter=_to_first_closed_day)
    reopens_on: dt.date = attrs.field(converter=_to_reopens_on)
    name: str | None = attrs.field(default=None, validator=_optional_text)

    @reopens_on.validator
    def _check_reopens_on(
        self, attribute: attrs.Attribute[dt.date], reopens_on: dt.date
    ) -> None:
        """Refuse a reopening on or before the first closed day."""
        if reopens_on <= self.first_closed_day:
            msg = (
                f"reopens_on ({reopens_on.isoformat()}) must be after first_closed_day "
                f"({self.first_closed_day.isoformat()}): it is the first day the "
                "institution is open again. Check the two dates are not swapped."
            )
            raise InvalidInput(msg, field=attribute.name)

    @property
    def days_closed(self) -> int:
        """The number of days from the first closed day to the reopening."""
        return days_between(self.first_closed_day, self.reopens_on)

    @property
    def qualifies(self) -> bool:
        """Whether it is closed "for a continuous period of not less than 4 weeks"."""
        return self.days_closed >= MINIMUM_CLOSURE_DAYS

    @property
    def protected_window(self) -> tuple[dt.date, dt.date]:
        """The first and last days (both inclusive) of the advice-request window.

        The window runs from one week before the first closed day to one week
        before the reopening. It matters only for a closure that `qualifies`.
        """
        return (
            add_days(self.first_closed_day, -PROTECTION_DAYS),
            add_days(self.reopens_on, -PROTECTION_DAYS),
        )

    def describe(self) -> str:
        """The closure in words, for messages.

        Examples:
            >>> Closure(
            ...     first_closed_day=dt.date(2025, 7, 23),
            ...     reopens_on=dt.date(2025, 9, 3),
            ...     name="summer holiday",
            ... ).describe()
            'summer holiday (closed 2025-07-23, reopening 2025-09-03)'
        """
        dates = (
            f"closed {self.first_closed_day.isoformat()}, "
            f"reopening {self.reopens_on.isoformat()}"
        )
        return f"{self.name} ({dates})" if self.name else f"the closure ({dates})"


def _check_closures(
    _instance: object, attribute: attrs.Attribute[Any], closures: tuple[Closure, ...]
) -> None:
    """Refuse anything but Closures, and closures that overlap or touch."""
    for index, closure in enumerate(closures):
        if not isinstance(closure, Closure):
            msg = (
                f"closures[{index}] must be a Closure, got "
                f"{type(closure).__name__} {closure!r}."
            )
            raise InvalidInput(msg, field=attribute.name)
    ordered = sorted(closures, key=lambda closure: closure.first_closed_day)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.first_closed_day <= before.reopens_on:
            msg = (
                f"{after.describe()} starts before {before.describe()} has reopened. "
                "If the institution did not open in between, write them as one "
                "closure; otherwise correct the dates."
            )
            raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True)
class SchoolCalendar:
    """An institution's closures: a school, a post-16 institution or an early years provider.

    The same class serves all three, since the law applies the same test to each
    (a school or post-16 institution under SI 2014/1530 regs 5(4)(a), 10(4)(a)
    and 27(3)(a); a relevant early years provider under regs 10(4)(b) and
    27(3)(b)). Which ground a closure supports follows from who was asked for
    advice: `ehcplan.timeline.ExceptionGround.SCHOOL_CLOSURE` or
    `ehcplan.timeline.ExceptionGround.EARLY_YEARS_CLOSURE`.

    Attributes:
        institution: Who the calendar belongs to, e.g. ``"URN 100001"`` for a school
            or an Ofsted number for an early years provider.
        closures: Its closures, in any order; they may not overlap.

    Examples:
        >>> calendar = SchoolCalendar(
        ...     institution="URN 100001",
        ...     closures=(
        ...         Closure(first_closed_day=dt.date(2025, 7, 23), reopens_on=dt.date(2025, 9, 3)),
        ...         Closure(first_closed_day=dt.date(2025, 8, 1), reopens_on=dt.date(2025, 8, 4)),
        ...     ),
        ... )
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: the closure (closed 2025-08-01, reopening 2025-08-04)
        starts before the closure (closed 2025-07-23, reopening 2025-09-03) has reopened. ...
    """

    institution: str = attrs.field(validator=_text)
    closures: tuple[Closure, ...] = attrs.field(
        default=(), converter=_to_closures, validator=_check_closures
    )

    def closure_ground_available(self, advice_requested_on: dt.date) -> Closure | None:
        """Return the qualifying closure whose window contains the day advice was asked for.

        None means no closure ground is available for that request. A closure
        returned means the ground is *available*; whether it applies is for a
        person to decide (see the module's docstring).

        Args:
            advice_requested_on: The day the authority asked the institution for advice.

        Raises:
            InvalidInput: If *advice_requested_on* is not a date, or is a datetime.
        """
        day = to_date(advice_requested_on, field="advice_requested_on")
        for closure in self.closures:
            first, last = closure.protected_window
            if closure.qualifies and first <= day <= last:
                return closure
        return None
