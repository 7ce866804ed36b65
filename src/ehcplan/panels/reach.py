"""The first meeting a referral can reach, for every day of a period at once.

`next_meeting` answers for one referral; a simulator asks for thousands of
referrals a run, one day at a time. `reach` gives the answer for every day
from *first* to *last* in one pass over the panel's meetings, by the same rule
(the referral cut-off of the terms in force on each meeting's date; the
panel's calendar, published dates and bank-holiday rule as `meetings` gives
them), and the tests check it against `next_meeting` day by day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput, NotInForce
from ehcplan.panels.calendar import meetings
from ehcplan.policy import PanelPolicy
from ehcplan.timeline.calendars import ENGLAND_AND_WALES

__all__ = ["reach"]

_SEARCH_YEARS = 5
"""How far past *last* to look for a meeting, as `next_meeting` does."""


def reach(
    panel: PanelPolicy,
    first: dt.date,
    last: dt.date,
    *,
    holidays: Container[dt.date] = ENGLAND_AND_WALES,
) -> tuple[dt.date, ...]:
    """For each referral day from *first* to *last*, the first meeting it can reach.

    Element *k* is ``next_meeting(panel, first + k days).meeting``.

    Examples:
        >>> import ehcplan.policy
        >>> atr = ehcplan.policy.load_policy("exampleshire").panel("atr")
        >>> days = reach(atr, dt.date(2024, 10, 1), dt.date(2024, 10, 4))
        >>> [d.isoformat() for d in days]
        ['2024-10-09', '2024-10-09', '2024-11-13', '2024-11-13']

    Raises:
        InvalidInput: If *last* is before *first*, or the panel has no meeting
            in the five years after a day.
        NotInForce: If *first* is before the panel's first terms.
    """
    if not isinstance(panel, PanelPolicy):
        msg = f"panel must be a PanelPolicy, got {type(panel).__name__}."
        raise InvalidInput(msg, field="panel")
    first = to_date(first, field="first")
    last = to_date(last, field="last")
    if last < first:
        msg = f"last {last.isoformat()} is before first {first.isoformat()}; swap them."
        raise InvalidInput(msg, field="last")
    if first < panel.terms.starts[0]:
        what = f"panel {panel.id}'s terms"
        raise NotInForce(what, first, panel.terms.starts[0])
    end = dt.date(min(last.year + _SEARCH_YEARS, dt.MAXYEAR), 12, 31)
    held = meetings(panel, first, end, holidays=holidays)
    cutoffs = [
        m - dt.timedelta(days=panel.terms.at(m).referral_cutoff_days) for m in held
    ]
    found: list[dt.date] = []
    start = 0  # the first meeting on or after the referral day
    day = first
    while day <= last:
        while start < len(held) and held[start] < day:
            start += 1
        index = start
        while index < len(held) and cutoffs[index] < day:
            index += 1
        if index == len(held) or held[index].year >= day.year + _SEARCH_YEARS:
            msg = (
                f"panel {panel.id} has no meeting in the {_SEARCH_YEARS} years after "
                f"{day.isoformat()}; check its published meetings and terms."
            )
            raise InvalidInput(msg, field="panel")
        found.append(held[index])
        day += dt.timedelta(days=1)
    return tuple(found)
