"""Calendar arithmetic: the one module that adds days, weeks and months to dates.

Every statutory rule in ehcplan is date-based, so everything here works on
`datetime.date`: it accepts a `datetime.date` (a `pendulum.Date` is one) and
returns a plain `datetime.date`. A `datetime.datetime` is refused rather than
silently truncated, because a time of day has no meaning in these rules.

Month arithmetic clamps to the end of the month (31 December + 2 months is the
last day of February), the convention used for the tribunal's "2 months"
limits; pendulum does it, and a test pins it so an upgrade cannot change the
law silently. Why the law counts time as it does is explained in the docs
(explanation: how the law counts time).
"""

from __future__ import annotations

import datetime as dt

from ehcplan.errors import InvalidInput

__all__ = [
    "add_days",
    "add_months",
    "add_weeks",
    "days_between",
    "parse_date",
    "to_date",
]


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
    if type(value) is dt.date:
        return value
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


def add_days(start: dt.date, days: int) -> dt.date:
    """Return the date *days* calendar days after *start* (before, if negative).

    Examples:
        >>> add_days(dt.date(2024, 9, 2), 42)
        datetime.date(2024, 10, 14)
    """
    return to_date(start) + dt.timedelta(days=days)


def add_weeks(start: dt.date, weeks: int) -> dt.date:
    """Return the date *weeks* calendar weeks after *start*.

    Examples:
        >>> add_weeks(dt.date(2024, 9, 2), 20)
        datetime.date(2025, 1, 20)
    """
    return to_date(start) + dt.timedelta(weeks=weeks)


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
    import pendulum  # imported here, so that `import ehcplan` stays light

    start = to_date(start)
    moved = pendulum.date(start.year, start.month, start.day).add(months=months)
    return dt.date(moved.year, moved.month, moved.day)


def days_between(earlier: dt.date, later: dt.date) -> int:
    """Return the number of days from *earlier* to *later* (negative if reversed).

    Examples:
        >>> days_between(dt.date(2024, 9, 2), dt.date(2025, 1, 20))
        140
    """
    return (to_date(later) - to_date(earlier)).days
