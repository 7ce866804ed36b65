"""Limits tied to the calendar rather than a trigger: annual reviews and phase transfer.

Two provisions are read differently by the law's text and by advice sites
(statutory reference §1), so the reading is an explicit argument, strict by
default:

* CFA 2014 s44(1): a plan is reviewed "in the period of 12 months starting with
  the date on which the plan was first made" (or last reviewed). Strictly, the
  window ends the day before the anniversary; IPSEA writes "by" the anniversary.
* SI 2014/1530 reg 18(1): on a transfer between phases, the plan is reviewed and
  amended "before 15 February" (or "before 31 March" for a move from secondary
  school to a post-16 institution) in the calendar year of the transfer.
  Strictly, the last day is 14 February (30 March); advice sites say "by 15
  February" (31 March).
"""

from __future__ import annotations

import datetime as dt
import enum

from ehcplan import dates
from ehcplan.timeline import table

__all__ = ["Reading", "phase_transfer_deadline", "review_window"]


class Reading(enum.Enum):
    """How to read a limit the law words one way and advice sites another."""

    STRICT = "strict"
    """The text's own wording: "in the period starting with", "before"."""
    INCLUSIVE = "inclusive"
    """The day named is itself in time: "by the anniversary", "by 15 February"."""


def review_window(
    made_or_reviewed: dt.date, *, reading: Reading = Reading.STRICT
) -> tuple[dt.date, dt.date]:
    """The window in which the next annual review must be completed (CFA 2014 s44(1)).

    Args:
        made_or_reviewed: The date the plan was first made, or last reviewed
            (the date the authority sent its review decision).
        reading: STRICT (12 months starting with that date) or INCLUSIVE (by the
            anniversary).

    Returns:
        The first and last days of the window, both inclusive.

    Examples:
        WE-13: a plan first made on Friday 15 March 2024.

        >>> review_window(dt.date(2024, 3, 15))
        (datetime.date(2024, 3, 15), datetime.date(2025, 3, 14))
        >>> review_window(dt.date(2024, 3, 15), reading=Reading.INCLUSIVE)[1]
        datetime.date(2025, 3, 15)
    """
    start = dates.to_date(made_or_reviewed, field="made_or_reviewed")
    strict_end = table.ANNUAL_REVIEW.last_day(start)
    if reading is Reading.INCLUSIVE:
        return start, dates.add_days(strict_end, 1)
    return start, strict_end


def phase_transfer_deadline(
    transfer_year: int, *, post_16: bool = False, reading: Reading = Reading.STRICT
) -> dt.date:
    """The last day to review and amend a plan for a transfer between phases.

    Args:
        transfer_year: The calendar year of the transfer.
        post_16: True for a move from secondary school to a post-16 institution
            (SI 2014/1530 reg 18(1)(b)); False for every other phase transfer
            (reg 18(1)(a)).
        reading: STRICT ("before 15 February": 14 February) or INCLUSIVE
            ("by 15 February").

    Examples:
        >>> phase_transfer_deadline(2026)
        datetime.date(2026, 2, 14)
        >>> phase_transfer_deadline(2026, post_16=True)
        datetime.date(2026, 3, 30)
        >>> phase_transfer_deadline(2026, reading=Reading.INCLUSIVE)
        datetime.date(2026, 2, 15)
    """
    named = dt.date(transfer_year, 3, 31) if post_16 else dt.date(transfer_year, 2, 15)
    return named if reading is Reading.INCLUSIVE else dates.add_days(named, -1)
