"""Deadlines and statuses for a whole caseload at once, as numpy columns.

For dashboards over hundreds of thousands of cases, `last_days` applies a
`Clock` to a column of trigger dates (`datetime64[D]`) and `statuses` turns due
dates, done dates and recorded grounds into the statuses of
`ehcplan.cases.report`. Both agree exactly with the per-case path
(`Clock.last_day`, `clock_report`); the tests check it date by date.

numpy is imported only here, so `import ehcplan` stays light.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import numpy as np
import numpy.typing as npt

from ehcplan.errors import InvalidInput
from ehcplan.timeline.clocks import Clock, Counting, Direction, Unit

__all__ = ["STATUS_CODES", "last_days", "statuses"]

Dates = npt.NDArray[np.datetime64]

STATUS_CODES = ("met", "met late", "due", "due soon", "overdue", "limit disapplied")
"""The values `statuses` returns, the same words as `report.Status`."""


def _as_days(values: Dates | Iterable[dt.date], name: str) -> Dates:
    array = np.asarray(values)
    if array.dtype.kind != "M":
        try:
            array = array.astype("datetime64[D]")
        except (TypeError, ValueError):
            msg = f"{name} must be dates (datetime64[D] or datetime.date values)"
            raise InvalidInput(msg, field=name) from None
    return array.astype("datetime64[D]")


def _add_months(days: Dates, months: int) -> Dates:
    """Add *months* to each date, clamping to the end of the month."""
    month_starts = days.astype("datetime64[M]")
    day_index = (days - month_starts.astype("datetime64[D]")).astype(np.int64)
    target = month_starts + np.timedelta64(months, "M")
    month_length = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]")
        - target.astype("datetime64[D]")
    ).astype(np.int64)
    result: Dates = target.astype("datetime64[D]") + np.minimum(
        day_index, month_length - 1
    ).astype("timedelta64[D]")
    return result


def last_days(
    clock: Clock,
    triggers: Dates | Iterable[dt.date],
    *,
    holidays: Iterable[dt.date] | None = None,
) -> Dates:
    """`clock.last_day` for every trigger in a column.

    Args:
        clock: The statutory clock.
        triggers: Trigger dates, as `datetime64[D]` or `datetime.date` values.
        holidays: Non-working days for working-day clocks; by default the bank
            holidays of England and Wales in the years the triggers span.

    Examples:
        >>> from ehcplan.timeline import table
        >>> last_days(table.FINAL_PLAN, [dt.date(2024, 9, 2), dt.date(2024, 9, 3)])
        array(['2025-01-20', '2025-01-21'], dtype='datetime64[D]')
    """
    days = _as_days(triggers, "triggers")
    if clock.tribunal_rules:  # r.12 moves each date on its own calendar facts
        each = [clock.last_day(day.item()) for day in days]
        adjusted: Dates = np.array(each, dtype="datetime64[D]").reshape(days.shape)
        return adjusted
    if clock.unit is Unit.WORKING_DAYS:
        if holidays is None:
            from ehcplan.timeline.calendars import ENGLAND_AND_WALES

            if days.size:
                first = int(days.min().astype("datetime64[Y]").astype(int)) + 1970
                last = int(days.max().astype("datetime64[Y]").astype(int)) + 1971
                holidays = [
                    day for year in range(first, last + 1)
                    for day in ENGLAND_AND_WALES.in_year(year)
                ]  # fmt: skip
            else:
                holidays = []
        calendar = np.busdaycalendar(
            holidays=np.array(sorted(holidays), dtype="datetime64[D]")
        )
        # "within n of X" counts the working days after X; "beginning with X"
        # makes X day 1 if it is a working day (statutory reference §1).
        roll: Literal["forward", "backward"] = "backward"
        offset = clock.length
        if clock.counting is Counting.BEGINNING_WITH:
            roll, offset = "forward", clock.length - 1
        result: Dates = np.busday_offset(days, offset, roll=roll, busdaycal=calendar)
        return result
    sign = -1 if clock.direction is Direction.BEFORE else 1
    if clock.unit is Unit.MONTHS:
        moved = _add_months(days, sign * clock.length)
        if clock.counting is Counting.BEGINNING_WITH:
            return moved - np.timedelta64(1, "D")
        return moved
    length = clock.length * (7 if clock.unit is Unit.WEEKS else 1)
    if clock.counting is Counting.BEGINNING_WITH:
        length -= 1
    shifted: Dates = days + np.timedelta64(sign * length, "D")
    return shifted


def statuses(
    due: Dates | Iterable[dt.date],
    done: Dates | Iterable[dt.date | None],
    *,
    on: dt.date,
    disapplied: npt.ArrayLike | None = None,
    due_soon_days: int = 14,
) -> npt.NDArray[np.str_]:
    """The status of each deadline on *on*, as `report.clock_report` gives it.

    Where a due date is missing (NaT or None: no such deadline for that case),
    the status is ``"no deadline"``, never "overdue".

    Args:
        due: Due dates (NaT or None where the case has no such deadline).
        done: Dates done, with NaT (or None) where not done by *on*.
        on: The date of the report.
        disapplied: True where an exception ground is recorded against the limit.
        due_soon_days: How close counts as "due soon".

    Examples:
        >>> statuses(
        ...     np.array(["2025-01-20"] * 3, dtype="datetime64[D]"),
        ...     np.array(["2025-01-20", "NaT", "NaT"], dtype="datetime64[D]"),
        ...     on=dt.date(2025, 1, 27), disapplied=[False, False, True])
        array(['met', 'overdue', 'limit disapplied'], dtype='<U16')
        >>> statuses([None], [None], on=dt.date(2025, 1, 27))
        array(['no deadline'], dtype='<U16')

    Raises:
        InvalidInput: If the columns differ in length, or *due_soon_days* is negative.
    """
    if (
        isinstance(due_soon_days, bool)
        or not isinstance(due_soon_days, int)
        or due_soon_days < 0
    ):
        msg = f"due_soon_days must be a whole number of at least 0, got {due_soon_days!r}."
        raise InvalidInput(msg, field="due_soon_days")
    if not isinstance(due, np.ndarray):
        due = np.array(
            [np.datetime64("NaT") if d is None else d for d in due],
            dtype="datetime64[D]",
        )
    due_days = _as_days(due, "due")
    done_days = np.array(
        [np.datetime64("NaT") if d is None else d for d in done]
        if not isinstance(done, np.ndarray)
        else done,
        dtype="datetime64[D]",
    )
    ground = (
        np.zeros(due_days.shape, dtype=bool)
        if disapplied is None
        else np.asarray(disapplied, dtype=bool)
    )
    if not due_days.shape == done_days.shape == ground.shape:
        msg = (
            f"due, done and disapplied must have one entry per deadline; got "
            f"{len(due_days)}, {len(done_days)} and {len(ground)}."
        )
        raise InvalidInput(msg, field="done")
    today = np.datetime64(on, "D")
    is_done = ~np.isnat(done_days)
    late_done = is_done & (done_days > due_days)
    remaining = (due_days - today).astype(np.int64)
    result = np.full(due_days.shape, "due", dtype="<U16")
    result[~is_done & (remaining <= due_soon_days)] = "due soon"
    result[~is_done & (remaining < 0)] = "overdue"
    result[is_done] = "met"
    result[late_done] = "met late"
    result[(late_done | (~is_done & (remaining < 0))) & ground] = "limit disapplied"
    result[np.isnat(due_days)] = "no deadline"
    return result
