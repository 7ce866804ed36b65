"""Statutory clocks: how long a duty-holder has, counted from what, and how.

A clock turns a trigger date into the last day on which acting is still in
time (or, for a period given to the family, the last day of that period; or,
for notice that must be given before an event, the latest day to give it).
Each clock names the provision it implements, its trigger, its duty-holder and
its counting rule, so a reader can check the code against the law; the
constants are in `ehcplan.timeline.table`.

How the law counts (statutory reference §1):

* "within N weeks of X": the day of X is not counted; the last day is X + 7N days.
* "N days beginning with X": X is day 1; the last day is X + N − 1 days.
* "within N months": the corresponding date N months on, clamped to the month's
  end (31 December + 2 months is the last day of February); "the period of N
  months starting with X" ends the day before that date.
* "within N working days": count the following working days (Monday to Friday,
  not bank holidays in England and Wales).
* "at least N weeks before X": the latest day is X − 7N days.

An exception ground never moves any of these dates: it disapplies the limit
(`ehcplan.timeline.grounds`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Container

import attrs

from ehcplan import dates
from ehcplan.errors import InvalidInput
from ehcplan.timeline.grounds import Limit

__all__ = ["Clock", "Counting", "Direction", "Unit"]


class Counting(enum.Enum):
    """Whether the trigger day itself counts."""

    WITHIN = "within"
    """As in "within N weeks of X": the day of X itself is not counted."""

    BEGINNING_WITH = "beginning with"
    """As in "N days beginning with X": the day of X is day 1."""


class Unit(enum.Enum):
    """What a clock counts."""

    DAYS = "days"
    """Calendar days, through weekends and holidays."""
    WEEKS = "weeks"
    """Calendar weeks of 7 days, through weekends and school holidays."""
    MONTHS = "months"
    """Calendar months, to the corresponding date, clamped to the month's end."""
    WORKING_DAYS = "working days"
    """Monday to Friday, not bank holidays in England and Wales."""


class Direction(enum.Enum):
    """Whether the limit runs forward from its trigger or back from an event."""

    AFTER = "after"
    """A deadline or period that starts at the trigger (most limits)."""
    BEFORE = "before"
    """Notice or advice due "at least N before" an event such as a review meeting."""


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"{attribute.name} must be a whole number of at least 1, got {value!r}"
        raise InvalidInput(msg, field=attribute.name)


def _text(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"{attribute.name} must be non-empty text, got {value!r}"
        raise InvalidInput(msg, field=attribute.name)


@attrs.frozen(kw_only=True, cache_hash=True)
class Clock:
    """A time limit, with its provision, trigger, duty-holder and counting rule.

    Attributes:
        name: A short name ("final plan").
        length: How many units.
        unit: What is counted.
        counting: Whether the trigger day counts (only for days and working days).
        direction: Forward from the trigger, or back from an event.
        trigger: What starts the clock, in the law's words.
        duty: What must be done.
        duty_holder: Who must do it.
        cites: The provision, e.g. "SI 2014/1530 reg 13(2)".
        limit: The limit whose exception grounds can disapply this clock, if any.
        binding: False for guidance ("should"), True for law ("must").
        at_least: True for a minimum period the law gives someone ("at least 15
            days"): the last day is when that period ends, and the duty-holder must
            not act on the matter before the day after.
        tribunal_rules: True for the time to start Tribunal proceedings: the last
            day then moves as SI 2008/2699 r.12 says (out of August and 25 December
            to 1 January, then to a working day); see `ehcplan.timeline.tribunal`.

    Examples:
        >>> final_plan = Clock(
        ...     name="final plan", length=20, unit=Unit.WEEKS,
        ...     trigger="the authority receives the request",
        ...     duty="issue the final EHC plan", cites="SI 2014/1530 reg 13(2)",
        ... )
        >>> final_plan.last_day(dt.date(2024, 9, 2))
        datetime.date(2025, 1, 20)
        >>> representations = Clock(
        ...     name="representations on the draft", length=15, unit=Unit.DAYS,
        ...     counting=Counting.BEGINNING_WITH,
        ...     trigger="the draft plan is served",
        ...     duty="allow representations", cites="SI 2014/1530 reg 13(1)(a)",
        ... )
        >>> representations.last_day(dt.date(2025, 1, 6))
        datetime.date(2025, 1, 20)
    """

    name: str = attrs.field(validator=_text)
    length: int = attrs.field(validator=_positive)
    unit: Unit = attrs.field(validator=attrs.validators.instance_of(Unit))
    counting: Counting = attrs.field(
        default=Counting.WITHIN, validator=attrs.validators.instance_of(Counting)
    )
    direction: Direction = attrs.field(
        default=Direction.AFTER, validator=attrs.validators.instance_of(Direction)
    )
    trigger: str = attrs.field(validator=_text)
    duty: str = attrs.field(validator=_text)
    duty_holder: str = attrs.field(default="the local authority", validator=_text)
    cites: str = attrs.field(validator=_text)
    limit: Limit | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Limit)),
    )
    binding: bool = attrs.field(
        default=True, validator=attrs.validators.instance_of(bool)
    )
    at_least: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool)
    )
    tribunal_rules: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool)
    )

    def __attrs_post_init__(self) -> None:
        """Refuse combinations the law never uses."""
        if self.counting is Counting.BEGINNING_WITH and self.unit is Unit.WEEKS:
            msg = (
                f"{self.name}: 'beginning with' is used here only for days, working "
                "days and months, not weeks; write the period in days"
            )
            raise InvalidInput(msg, field="counting")
        if self.direction is Direction.BEFORE and (
            self.counting is Counting.BEGINNING_WITH or self.unit is Unit.WORKING_DAYS
        ):
            msg = (
                f"{self.name}: a limit counted back from an event is in calendar "
                "days, weeks or months, counted 'within'"
            )
            raise InvalidInput(msg, field="direction")

    def last_day(
        self, trigger: dt.date, *, holidays: Container[dt.date] | None = None
    ) -> dt.date:
        """The last day on which acting is still in time (latest day, for BEFORE).

        Args:
            trigger: The date of the trigger (or of the event, for BEFORE).
            holidays: The non-working days, for working-day clocks; by default
                the bank holidays of England and Wales.
        """
        trigger = dates.to_date(trigger, field="trigger")
        sign = -1 if self.direction is Direction.BEFORE else 1
        if self.unit is Unit.WORKING_DAYS:
            if holidays is None:
                from ehcplan.timeline.calendars import ENGLAND_AND_WALES

                holidays = ENGLAND_AND_WALES
            return dates.add_working_days(
                trigger,
                self.length,
                holidays=holidays,
                beginning_with=self.counting is Counting.BEGINNING_WITH,
            )
        if self.tribunal_rules:
            from ehcplan.timeline.tribunal import appeal_deadline

            return appeal_deadline(trigger).due
        if self.unit is Unit.MONTHS:
            moved = dates.add_months(trigger, sign * self.length)
            if self.counting is Counting.BEGINNING_WITH:  # "12 months starting with"
                return dates.add_days(moved, -1)
            return moved
        days = self.length * (7 if self.unit is Unit.WEEKS else 1)
        if self.counting is Counting.BEGINNING_WITH:
            days -= 1
        return dates.add_days(trigger, sign * days)

    def latest_trigger(
        self, due: dt.date, *, holidays: Container[dt.date] | None = None
    ) -> dt.date:
        """The latest trigger whose last day is on or before *due*: when to start, at the latest.

        This is the clock read backwards, for planning: to have the review decision
        (4 weeks after the meeting) by the last day of the annual review, the
        meeting must be held by this date.

        Examples:
            >>> from ehcplan.timeline import table
            >>> table.REVIEW_DECISION.latest_trigger(dt.date(2025, 9, 1))
            datetime.date(2025, 8, 4)
            >>> table.ANNUAL_REVIEW.latest_trigger(dt.date(2025, 9, 1))
            datetime.date(2024, 9, 2)

        Raises:
            InvalidInput: For a clock counted back from an event (its last day is
                already the latest day to act).
        """
        due = dates.to_date(due, field="due")
        if self.direction is Direction.BEFORE:
            msg = (
                f"{self.name} is counted back from {self.trigger}; its last_day is "
                "already the latest day to act"
            )
            raise InvalidInput(msg, field="direction")
        if self.unit is Unit.MONTHS:
            guess = dates.add_months(due, -self.length)
        else:
            span = {Unit.DAYS: 1, Unit.WEEKS: 7, Unit.WORKING_DAYS: 1}[self.unit]
            guess = dates.add_days(due, -self.length * span)
        # last_day never decreases as the trigger moves later: walk to the last
        # trigger that is still in time.
        while self.last_day(guess, holidays=holidays) > due:
            guess = dates.add_days(guess, -1)
        while self.last_day(dates.add_days(guess, 1), holidays=holidays) <= due:
            guess = dates.add_days(guess, 1)
        return guess

    def describe(self) -> str:
        """The rule in one sentence a caseworker can check against the law.

        Examples:
            >>> from ehcplan.timeline import table
            >>> print(table.FINAL_PLAN.describe())
            the local authority must issue the final EHC plan within 20 weeks of the
            authority receiving the request (SI 2014/1530 reg 13(2))
        """
        verb = "must" if self.binding else "should"
        period = f"{self.length} {self.unit.value}"
        if self.direction is Direction.BEFORE:
            when = f"at least {period} before {self.trigger}"
        elif self.counting is Counting.BEGINNING_WITH:
            lead = "for at least" if self.at_least else "within"
            when = f"{lead} {period} beginning with {self.trigger}"
        else:
            lead = "for at least" if self.at_least else "within"
            when = f"{lead} {period} of {self.trigger}"
        return f"{self.duty_holder} {verb} {self.duty} {when} ({self.cites})"
