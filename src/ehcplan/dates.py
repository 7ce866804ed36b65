"""Calendar arithmetic: the one module that adds days, weeks and months to dates.

Every statutory rule in ehcplan is date-based, so everything here works on
`datetime.date`: it accepts a `datetime.date` (a `pendulum.Date` is one) and
returns a plain `datetime.date`. A `datetime.datetime` is refused rather than
silently truncated, because a time of day has no meaning in these rules.

Month arithmetic clamps to the end of the month (31 December + 2 months is the
last day of February), the convention used for the tribunal's "2 months"
limits; pendulum does it, and a test pins it so an upgrade cannot change the
law silently.

Working days are Monday to Friday, less the holidays the caller passes: any
container of dates answers "is this day a holiday?", and
`ehcplan.timeline.calendars.ENGLAND_AND_WALES` is the one the law's working-day
limits use. This module never chooses a calendar itself, so it imports nothing
heavier than pendulum. The law counts working days two ways (statutory
reference §1):

* "within N working days of X" (SI 2014/1530 reg 34, mediation certificates):
  X is not counted; the Nth working day after X is the last day.
* "N working days beginning with X" (SI 2014/1530 reg 15(2)): X is day 1 if it
  is a working day; otherwise day 1 is the next working day.

Why the law counts time as it does is explained in the docs (explanation: how
the law counts time).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Container

from ehcplan.errors import InvalidInput

__all__ = [
    "add_days",
    "add_months",
    "add_weeks",
    "add_working_days",
    "days_between",
    "is_working_day",
    "next_working_day",
    "parse_date",
    "to_date",
    "working_days_between",
]

_ONE_DAY = dt.timedelta(days=1)


def to_date(value: object, *, field: str = "date") -> dt.date:
    """Return *value* as a plain `datetime.date`, or raise a clear error.

    Args:
        value: A `datetime.date` or `pendulum.Date`.
        field: The name to use for *value* in the error message.

    Examples:
        >>> import pendulum
        >>> to_date(pendulum.date(2024, 9, 2))
        datetime.date(2024, 9, 2)
        >>> to_date(dt.datetime(2024, 9, 2, 9, 30), field="received_on")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: received_on must be a date, not a datetime ...

    Raises:
        InvalidInput: If *value* is not a date, or is a datetime.
    """
    if type(value) is dt.date:  # the common case, checked first
        return value
    if isinstance(value, dt.datetime):
        msg = (
            f"{field} must be a date, not a datetime ({value.isoformat()}); "
            "pass value.date() if the time of day does not matter."
        )
        raise InvalidInput(msg, field=field)
    if not isinstance(value, dt.date):
        msg = (
            f"{field} must be a datetime.date, got {type(value).__name__} {value!r}; "
            "use ehcplan.dates.parse_date() for text such as '2024-09-02'."
        )
        raise InvalidInput(msg, field=field)
    return dt.date(value.year, value.month, value.day)


def parse_date(text: str, *, field: str = "date") -> dt.date:
    """Parse an ISO 8601 (``2024-09-02``) or UK (``02/09/2024``) date.

    Slashed dates are read day first, as they are written in England.

    Examples:
        >>> parse_date("2024-09-02")
        datetime.date(2024, 9, 2)
        >>> parse_date(" 02/09/2024 ")
        datetime.date(2024, 9, 2)
        >>> parse_date("2024-02-30", field="ReceivedDate")
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: ReceivedDate: '2024-02-30' is not a real date; ...

    Raises:
        InvalidInput: If *text* is not a real date in one of those forms.
    """
    stripped = text.strip()
    try:
        if stripped.count("/") == 2:
            day, month, year = stripped.split("/")
            if len(year) == 4:
                return dt.date(int(year), int(month), int(day))
        if len(stripped) == 10:
            return dt.date.fromisoformat(stripped)
    except ValueError:
        pass
    msg = (
        f"{field}: {text!r} is not a real date; "
        "expected YYYY-MM-DD (e.g. 2024-09-02) or DD/MM/YYYY."
    )
    raise InvalidInput(msg, field=field)


def _out_of_range(start: dt.date, how_far: str) -> InvalidInput:
    msg = (
        f"{how_far} from {start.isoformat()} is outside the calendar's range "
        f"({dt.date.min.isoformat()} to {dt.date.max.isoformat()}); "
        "check the year of the date given."
    )
    return InvalidInput(msg, field="date")


def add_days(start: dt.date, days: int) -> dt.date:
    """Return the date *days* calendar days after *start* (before, if negative).

    Examples:
        >>> add_days(dt.date(2024, 9, 2), 42)
        datetime.date(2024, 10, 14)
        >>> add_days(dt.date(9999, 12, 1), 140)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: 140 days from 9999-12-01 is outside the calendar's range ...
    """
    start = to_date(start)
    try:
        return start + dt.timedelta(days=days)
    except OverflowError:
        raise _out_of_range(start, f"{days} days") from None


def add_weeks(start: dt.date, weeks: int) -> dt.date:
    """Return the date *weeks* calendar weeks after *start*.

    Examples:
        >>> add_weeks(dt.date(2024, 9, 2), 20)
        datetime.date(2025, 1, 20)
    """
    start = to_date(start)
    try:
        return start + dt.timedelta(weeks=weeks)
    except OverflowError:
        raise _out_of_range(start, f"{weeks} weeks") from None


def add_months(start: dt.date, months: int) -> dt.date:
    """Return the corresponding date *months* months after *start*, clamped to month end.

    Examples:
        >>> add_months(dt.date(2025, 3, 10), 2)
        datetime.date(2025, 5, 10)
        >>> add_months(dt.date(2024, 12, 31), 2)
        datetime.date(2025, 2, 28)
        >>> add_months(dt.date(2023, 12, 31), 2)
        datetime.date(2024, 2, 29)
        >>> add_months(dt.date(2025, 7, 31), -5)
        datetime.date(2025, 2, 28)
    """
    start = to_date(start)
    try:
        return _add_months(start, months)
    except (OverflowError, ValueError):
        raise _out_of_range(start, f"{months} months") from None


@functools.lru_cache(maxsize=65_536)
def _add_months(start: dt.date, months: int) -> dt.date:
    """Add months with pendulum, remembered: caseloads repeat the same dates."""
    import pendulum  # imported here, so that `import ehcplan` stays light

    moved = pendulum.date(start.year, start.month, start.day).add(months=months)
    return dt.date(moved.year, moved.month, moved.day)


def days_between(earlier: dt.date, later: dt.date) -> int:
    """Return the number of days from *earlier* to *later* (negative if reversed).

    Examples:
        >>> days_between(dt.date(2024, 9, 2), dt.date(2025, 1, 20))
        140
    """
    return (to_date(later) - to_date(earlier)).days


# --- Working days ---------------------------------------------------------------------


def _working(day: dt.date, holidays: Container[dt.date]) -> bool:
    """Whether *day* (already a plain date) is Monday to Friday and not a holiday."""
    return day.weekday() < 5 and day not in holidays


def is_working_day(day: dt.date, holidays: Container[dt.date]) -> bool:
    """Whether *day* is a working day: Monday to Friday, and not in *holidays*.

    Args:
        day: The date to test.
        holidays: The days that are not working days although they fall on a
            weekday, e.g. `ehcplan.timeline.calendars.ENGLAND_AND_WALES`.

    Examples:
        Good Friday 2025 is a weekday but not a working day:

        >>> easter_2025 = {dt.date(2025, 4, 18), dt.date(2025, 4, 21)}
        >>> is_working_day(dt.date(2025, 4, 17), easter_2025)
        True
        >>> is_working_day(dt.date(2025, 4, 18), easter_2025)
        False
        >>> is_working_day(dt.date(2025, 4, 19), easter_2025)
        False

    Raises:
        InvalidInput: If *day* is not a date, or is a datetime.
    """
    return _working(to_date(day, field="day"), holidays)


def next_working_day(day: dt.date, holidays: Container[dt.date]) -> dt.date:
    """Return *day* itself if it is a working day, else the first working day after it.

    Args:
        day: The date to start from.
        holidays: The weekdays that are not working days.

    Examples:
        Saturday 10 May 2025 moves to Monday 12 May (WE-18(a)):

        >>> next_working_day(dt.date(2025, 5, 10), set())
        datetime.date(2025, 5, 12)
        >>> next_working_day(dt.date(2025, 5, 12), set())
        datetime.date(2025, 5, 12)

    Raises:
        InvalidInput: If *day* is not a date, or is a datetime.
    """
    day = to_date(day, field="day")
    while not _working(day, holidays):
        day = add_days(day, 1)
    return day


def add_working_days(
    start: dt.date,
    n: int,
    *,
    holidays: Container[dt.date],
    beginning_with: bool = False,
) -> dt.date:
    """Return the last day of a period of *n* working days counted from *start*.

    By default the period is "within *n* working days of *start*": *start* is
    not counted, and the result is the *n*-th working day after it. With
    ``beginning_with=True`` it is "*n* working days beginning with *start*":
    *start* is day 1 if it is a working day, so the result is one working day
    earlier; if *start* is not a working day the two readings agree.

    Args:
        start: The trigger day.
        n: The number of working days, at least 1.
        holidays: The weekdays that are not working days, e.g.
            `ehcplan.timeline.calendars.ENGLAND_AND_WALES`.
        beginning_with: Whether *start* is itself day 1.

    Examples:
        WE-20: a parent tells the mediation adviser on Thursday 17 April 2025 that
        they do not want mediation; the certificate is due within 3 working days.
        Good Friday, the weekend and Easter Monday are skipped:

        >>> easter_2025 = {dt.date(2025, 4, 18), dt.date(2025, 4, 21)}
        >>> add_working_days(dt.date(2025, 4, 17), 3, holidays=easter_2025)
        datetime.date(2025, 4, 24)

        An authority that became aware of a transfer on Monday 2 June 2025 has 15
        working days beginning with that day (SI 2014/1530 reg 15(2)):

        >>> add_working_days(dt.date(2025, 6, 2), 15, holidays=set(), beginning_with=True)
        datetime.date(2025, 6, 20)
        >>> add_working_days(dt.date(2025, 6, 2), 15, holidays=set())
        datetime.date(2025, 6, 23)

        >>> add_working_days(dt.date(2025, 6, 2), 0, holidays=set())
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: n must be a whole number of working days, at least 1; ...

    Raises:
        InvalidInput: If *start* is not a date, or *n* is not a whole number of at
            least 1.
    """
    start = to_date(start, field="start")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        msg = (
            f"n must be a whole number of working days, at least 1; got {n!r}. "
            "Pass the number of working days the provision gives (e.g. 3)."
        )
        raise InvalidInput(msg, field="n")
    remaining = n - 1 if beginning_with and _working(start, holidays) else n
    day = start
    while remaining:
        day = add_days(day, 1)
        if _working(day, holidays):
            remaining -= 1
    return day


def working_days_between(
    earlier: dt.date, later: dt.date, *, holidays: Container[dt.date]
) -> int:
    """Return the number of working days after *earlier*, up to and including *later*.

    This is the count "within N working days" uses, so
    ``working_days_between(x, add_working_days(x, n, holidays=h), holidays=h) == n``.
    If *later* is before *earlier* the count is negative, as with `days_between`.

    Args:
        earlier: The day to count from; it is not counted.
        later: The day to count to; it is counted if it is a working day.
        holidays: The weekdays that are not working days.

    Examples:
        From WE-20, Thursday 17 to Thursday 24 April 2025 over Easter:

        >>> easter_2025 = {dt.date(2025, 4, 18), dt.date(2025, 4, 21)}
        >>> working_days_between(dt.date(2025, 4, 17), dt.date(2025, 4, 24), holidays=easter_2025)
        3
        >>> working_days_between(dt.date(2025, 4, 24), dt.date(2025, 4, 17), holidays=easter_2025)
        -3

    Raises:
        InvalidInput: If either day is not a date, or is a datetime.
    """
    earlier = to_date(earlier, field="earlier")
    later = to_date(later, field="later")
    if later < earlier:
        return -working_days_between(later, earlier, holidays=holidays)
    count = 0
    day = earlier
    while day < later:
        day = add_days(day, 1)
        if _working(day, holidays):
            count += 1
    return count
