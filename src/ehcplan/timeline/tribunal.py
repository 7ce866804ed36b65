"""The First-tier Tribunal (SEND) appeal window, and how the Tribunal counts time.

An appeal against an EHC decision is started by sending the notice of appeal
within 2 months after written notice of the decision was sent, or within 1
month from the date of issue of the mediation certificate if that is later
(SI 2008/2699 r.20(1)(c)). The Tribunal then counts time by its own rule 12
(statutory reference §1 and §5.2), which this module implements:

* r.12(1): an act due on or by a day must be done by 5pm (17:00) that day.
* r.12(2): if the time for an act ends on a day that is not a working day, the
  act is in time if done on the next working day.
* r.12(3)(a): in special educational needs cases, if the time for starting
  proceedings ends on any day from 25 December to 1 January inclusive, or on any
  day in August, the notice of appeal is in time if provided on the first
  working day after 1 January or 31 August, as the case may be.
* r.12(3)(b): for any other act in those cases, days from 25 December to
  1 January and days in August are not counted (`count_days_excluding_august_and_christmas`).

A working day is Monday to Friday except Christmas Day, Good Friday and the
bank holidays of England and Wales (r.1; `ehcplan.timeline.calendars`).

How the rules are combined, and why, in `appeal_deadline`'s order of steps:

1. The end of the period is the later of the two dates of r.20(1)(c), each the
   corresponding date a month count later, clamped to the month's end
   (`ehcplan.dates.add_months`: 31 December + 2 months is the last day of
   February).
2. r.12(3)(a) is applied to that day.
3. Otherwise, r.12(2) moves a non-working day to the next working day; and if
   that moved day is in August or between 25 December and 1 January (Saturday
   31 July 2027 moves to Monday 2 August), r.12(3)(a) is applied to it too. The
   rules do not say which comes first in that case; this reading gives the
   appellant the later day, so an appeal it calls in time is in time on either
   reading.

Each step is recorded with its citation, so the answer can be checked by hand.

The mediation certificate that opens the later 1-month window is due within 3
working days (SI 2014/1530 reg 34; WE-20), counted with `ehcplan.dates`:

    >>> from ehcplan import dates
    >>> from ehcplan.timeline.calendars import ENGLAND_AND_WALES
    >>> dates.add_working_days(dt.date(2025, 4, 17), 3, holidays=ENGLAND_AND_WALES)
    datetime.date(2025, 4, 24)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

import attrs

from ehcplan.dates import add_months, is_working_day, next_working_day, to_date
from ehcplan.errors import InvalidInput
from ehcplan.timeline.calendars import ENGLAND_AND_WALES

__all__ = [
    "CUTOFF",
    "AppealDeadline",
    "appeal_deadline",
    "count_days_excluding_august_and_christmas",
]

CUTOFF = "17:00"
"""The time by which an act due on a day must be done (SI 2008/2699 r.12(1))."""

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_ONE_DAY = dt.timedelta(days=1)


def _show(day: dt.date) -> str:
    """A date as a caseworker writes it: ``Mon 12 May 2025`` (in English, whatever the locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _in_christmas(day: dt.date) -> bool:
    """Whether *day* is from 25 December to 1 January inclusive."""
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def _in_august_or_christmas(day: dt.date) -> bool:
    """Whether r.12(3) treats *day* specially: a day in August or 25 December to 1 January."""
    return day.month == 8 or _in_christmas(day)


@attrs.frozen(kw_only=True)
class AppealDeadline:
    """When a notice of appeal to the First-tier Tribunal (SEND) must be provided.

    Attributes:
        due: The last day on which the notice of appeal is in time.
        cutoff: The time on *due* by which it must be provided (r.12(1)).
        steps: How *due* was reached, one step per line, each citing its rule.
    """

    due: dt.date
    cutoff: str = CUTOFF
    steps: tuple[str, ...]


def appeal_deadline(
    decision_sent_on: dt.date,
    *,
    certificate_issued_on: dt.date | None = None,
    holidays: Container[dt.date] = ENGLAND_AND_WALES,
) -> AppealDeadline:
    r"""Return the last day to appeal a decision to the First-tier Tribunal (SEND).

    Args:
        decision_sent_on: The day written notice of the decision was sent.
        certificate_issued_on: The day the mediation certificate was issued, if one
            was needed (an appeal only about the school named needs none).
        holidays: The weekdays that are not working days.

    Examples:
        WE-18, a decision letter sent on Monday 10 March 2025. (a) With no
        certificate, 2 months end on a Saturday:

        >>> deadline = appeal_deadline(dt.date(2025, 3, 10))
        >>> deadline.due, deadline.cutoff
        (datetime.date(2025, 5, 12), '17:00')
        >>> print("\n".join(deadline.steps))
        2 months after the decision was sent: Sat 10 May 2025 (SI 2008/2699 r.20(1)(c))
        not a working day, so the next working day: Mon 12 May 2025 (r.12(2))
        due by 17:00 on Mon 12 May 2025 (r.12(1))

        (b) A certificate issued on Friday 2 May 2025 gives the later date:

        >>> appeal_deadline(dt.date(2025, 3, 10), certificate_issued_on=dt.date(2025, 5, 2)).due
        datetime.date(2025, 6, 2)

        (c) A certificate issued on Thursday 20 March 2025 ends earlier, so the
        2 months stand:

        >>> deadline = appeal_deadline(
        ...     dt.date(2025, 3, 10), certificate_issued_on=dt.date(2025, 3, 20)
        ... )
        >>> print("\n".join(deadline.steps))
        2 months after the decision was sent: Sat 10 May 2025 (SI 2008/2699 r.20(1)(c))
        1 month from the mediation certificate's issue: Sun 20 Apr 2025 (r.20(1)(c))
        the later of the two: Sat 10 May 2025 (r.20(1)(c))
        not a working day, so the next working day: Mon 12 May 2025 (r.12(2))
        due by 17:00 on Mon 12 May 2025 (r.12(1))

        2 months ending in August, or between 25 December and 1 January, give
        the first working day after 31 August or 1 January (r.12(3)(a)):

        >>> appeal_deadline(dt.date(2025, 6, 15)).steps[1]
        'in August, so the first working day after 31 August: Mon 1 Sep 2025 (r.12(3)(a))'
        >>> appeal_deadline(dt.date(2025, 10, 27)).steps[1]
        'between 25 December and 1 January, so the first working day after 1 January:
        Fri 2 Jan 2026 (r.12(3)(a))'

    Raises:
        InvalidInput: If a date is not a date, or the certificate was issued before
            the decision was sent.
    """
    sent = to_date(decision_sent_on, field="decision_sent_on")
    end = add_months(sent, 2)
    steps = [
        f"2 months after the decision was sent: {_show(end)} (SI 2008/2699 r.20(1)(c))"
    ]
    if certificate_issued_on is not None:
        issued = to_date(certificate_issued_on, field="certificate_issued_on")
        if issued < sent:
            msg = (
                f"certificate_issued_on ({issued.isoformat()}) is before "
                f"decision_sent_on ({sent.isoformat()}); a mediation certificate "
                "follows the decision it is about. Check the two dates."
            )
            raise InvalidInput(msg, field="certificate_issued_on")
        one_month = add_months(issued, 1)
        end = max(end, one_month)
        steps.append(
            "1 month from the mediation certificate's issue: "
            f"{_show(one_month)} (r.20(1)(c))"
        )
        steps.append(f"the later of the two: {_show(end)} (r.20(1)(c))")
    end = _august_and_christmas(end, holidays, steps)
    if not is_working_day(end, holidays):
        end = next_working_day(end, holidays)
        steps.append(
            f"not a working day, so the next working day: {_show(end)} (r.12(2))"
        )
        end = _august_and_christmas(end, holidays, steps)
    steps.append(f"due by {CUTOFF} on {_show(end)} (r.12(1))")
    return AppealDeadline(due=end, steps=tuple(steps))


def _august_and_christmas(
    end: dt.date, holidays: Container[dt.date], steps: list[str]
) -> dt.date:
    """Apply r.12(3)(a) to the day the time for starting proceedings ends."""
    if end.month == 8:
        moved = next_working_day(dt.date(end.year, 9, 1), holidays)
        steps.append(
            "in August, so the first working day after 31 August: "
            f"{_show(moved)} (r.12(3)(a))"
        )
        return moved
    if _in_christmas(end):
        year = end.year + 1 if end.month == 12 else end.year
        moved = next_working_day(dt.date(year, 1, 2), holidays)
        steps.append(
            "between 25 December and 1 January, so the first working day after "
            f"1 January: {_show(moved)} (r.12(3)(a))"
        )
        return moved
    return end


def count_days_excluding_august_and_christmas(start: dt.date, days: int) -> dt.date:
    """Return the day *days* days after *start*, not counting August or 25 December–1 January.

    This is r.12(3)(b) of SI 2008/2699: in special educational needs cases, for
    any act other than starting proceedings, days in August and from 25
    December to 1 January inclusive are not counted. *start* itself is not
    counted. If the day returned is not a working day, r.12(2) still applies:
    pass it to `ehcplan.dates.next_working_day`.

    Args:
        start: The day the period runs from.
        days: The number of days to count, at least 1.

    Examples:
        14 days from Monday 21 July 2025 are 22–31 July and 1–4 September:

        >>> count_days_excluding_august_and_christmas(dt.date(2025, 7, 21), 14)
        datetime.date(2025, 9, 4)

        and from Monday 15 December 2025, 16–24 December and 2–6 January:

        >>> count_days_excluding_august_and_christmas(dt.date(2025, 12, 15), 14)
        datetime.date(2026, 1, 6)

    Raises:
        InvalidInput: If *start* is not a date, or *days* is not a whole number of
            at least 1.
    """
    day = to_date(start, field="start")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        msg = (
            f"days must be a whole number, at least 1; got {days!r}. "
            "Pass the number of days the direction or rule gives (e.g. 14)."
        )
        raise InvalidInput(msg, field="days")
    remaining = days
    while remaining:
        day += _ONE_DAY
        if not _in_august_or_christmas(day):
            remaining -= 1
    return day
