"""When a panel meets, and the first meeting a referral can reach.

Pure functions of the panel's policy (`ehcplan.policy.PanelPolicy`) and a
date. The cadence comes from the terms in force on each date (terms are
dated, so a panel can move from monthly to weekly on a known day); a
published list of meeting dates wins over the cadence from its first date to
its last; a meeting the cadence puts on a bank holiday follows the terms'
`BankHolidayRule`.

The referral cut-off (London Safeguarding Children Procedures 8.1, 3.7:
papers "at least a week in advance") is the terms' ``referral_cutoff_days``: a
referral made on day D reaches a meeting on day M only if D <= M - cut-off.
A referral after a cut-off is not an error: it goes to the next meeting, and
`Referral.missed` says which meeting it missed.

Meetings are worked out a calendar year at a time and remembered, so a
simulator can ask for the next meeting hundreds of thousands of times.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Container

import attrs

from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput, NotInForce
from ehcplan.policy import BankHolidayRule, Cadence, PanelPolicy, PanelTerms
from ehcplan.timeline.calendars import ENGLAND_AND_WALES

__all__ = ["Referral", "meetings", "next_meeting"]

_DAY = dt.timedelta(days=1)
_SEARCH_YEARS = 5
"""How far ahead `next_meeting` looks before deciding a panel never meets again."""


def _on_cadence(terms: PanelTerms, day: dt.date) -> bool:
    """Whether the cadence of *terms* puts a meeting on *day*."""
    if day.weekday() != terms.weekday:
        return False
    if terms.cadence is Cadence.WEEKLY:
        return True
    if terms.cadence is Cadence.FORTNIGHTLY:
        assert terms.first_meeting is not None  # noqa: S101 - required for fortnightly
        return (day - terms.first_meeting).days % 14 == 0
    week = terms.week_of_month
    if week == -1:
        return (day + dt.timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == week


def _working(day: dt.date, holidays: Container[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def _year(
    panel: PanelPolicy, year: int, holidays: Container[dt.date]
) -> tuple[dt.date, ...]:
    """The panel's meetings in *year*, remembered when the calendar can be (hashable)."""
    try:
        return _remembered_year(panel, year, holidays)  # type: ignore[arg-type]
    except TypeError:  # an unhashable calendar, such as a set: work it out each time
        return _work_out_year(panel, year, holidays)


def _work_out_year(
    panel: PanelPolicy, year: int, holidays: Container[dt.date]
) -> tuple[dt.date, ...]:
    """The panel's meetings in *year*, in order (cadence, bank holidays, published dates)."""
    found: set[dt.date] = set()
    first_terms = panel.terms.starts[0]
    day = max(dt.date(year, 1, 1), first_terms)
    last = dt.date(year, 12, 31)
    while day <= last:
        terms = panel.terms.at(day)
        if _on_cadence(terms, day):
            rule = terms.on_bank_holiday
            if rule is BankHolidayRule.KEEP or day not in holidays:
                found.add(day)
            elif rule is BankHolidayRule.NEXT_WORKING_DAY:
                moved = _next_working(day, holidays)
                if moved is not None:
                    found.add(moved)
        if day == dt.date.max:
            break
        day += _DAY
    published = panel.published_meetings
    if published:
        found = {d for d in found if not published[0] <= d <= published[-1]}
        found.update(d for d in published if d.year == year)
    # A meeting moved past 31 December belongs to the next year's list.
    found.update(d for d in _moved_in(panel, year, holidays) if d.year == year)
    return tuple(sorted(d for d in found if d.year == year))


_remembered_year = functools.lru_cache(maxsize=4096)(_work_out_year)


def _moved_in(
    panel: PanelPolicy, year: int, holidays: Container[dt.date]
) -> list[dt.date]:
    """Meetings of late December of *year* - 1 that a bank holiday moves into *year*."""
    moved: list[dt.date] = []
    if year == dt.date.min.year:
        return moved
    day = dt.date(year - 1, 12, 20)
    if day < panel.terms.starts[0]:
        return moved
    while day.year == year - 1:
        terms = panel.terms.at(day)
        if (
            _on_cadence(terms, day)
            and day in holidays
            and terms.on_bank_holiday is BankHolidayRule.NEXT_WORKING_DAY
        ):
            later = _next_working(day, holidays)
            published = panel.published_meetings
            if later is not None and not (
                published and published[0] <= later <= published[-1]
            ):
                moved.append(later)
        day += _DAY
    return moved


def _next_working(day: dt.date, holidays: Container[dt.date]) -> dt.date | None:
    """The first working day after *day*, or None if the calendar ends first (9999)."""
    while day < dt.date.max:
        day += _DAY
        if _working(day, holidays):
            return day
    return None


def _check_panel(panel: object) -> PanelPolicy:
    if not isinstance(panel, PanelPolicy):
        msg = (
            f"panel must be a PanelPolicy (e.g. policy.panel('rap')), "
            f"got {type(panel).__name__}."
        )
        raise InvalidInput(msg, field="panel")
    return panel


def meetings(
    panel: PanelPolicy,
    start: dt.date,
    end: dt.date,
    *,
    holidays: Container[dt.date] = ENGLAND_AND_WALES,
) -> tuple[dt.date, ...]:
    """The panel's meetings from *start* to *end*, both included, in order.

    Args:
        panel: The panel.
        start: The first day to include.
        end: The last day to include.
        holidays: The bank holidays (England and Wales by default).

    Examples:
        >>> import ehcplan.policy
        >>> rap = ehcplan.policy.load_policy("exampleshire").panel("rap")
        >>> [d.isoformat() for d in meetings(rap, dt.date(2025, 4, 14), dt.date(2025, 5, 2))]
        ['2025-04-17', '2025-04-24', '2025-05-01']

    Raises:
        InvalidInput: If *end* is before *start*, or a date is not a date.
        NotInForce: If *start* is before the panel's first terms.
    """
    panel = _check_panel(panel)
    start = to_date(start, field="start")
    end = to_date(end, field="end")
    if end < start:
        msg = f"end {end.isoformat()} is before start {start.isoformat()}; swap them."
        raise InvalidInput(msg, field="end")
    if start < panel.terms.starts[0]:
        what = f"panel {panel.id}'s terms"
        raise NotInForce(what, start, panel.terms.starts[0])
    found: list[dt.date] = []
    for year in range(start.year, end.year + 1):
        found += [d for d in _year(panel, year, holidays) if start <= d <= end]
    return tuple(found)


@attrs.frozen(kw_only=True)
class Referral:
    """Where a referral made on a day goes.

    Attributes:
        panel: The panel's id.
        referred_on: The day the papers reached the panel.
        meeting: The first meeting whose cut-off the referral met.
        cutoff: The last day papers could reach that meeting.
        missed: An earlier meeting (on or after the referral) whose cut-off had
            passed, if there was one.
    """

    panel: str
    referred_on: dt.date
    meeting: dt.date
    cutoff: dt.date
    missed: dt.date | None = None


def next_meeting(
    panel: PanelPolicy,
    referred_on: dt.date,
    *,
    holidays: Container[dt.date] = ENGLAND_AND_WALES,
) -> Referral:
    """The first meeting a referral made on *referred_on* can reach, given the cut-off.

    The cut-off used is the one in the terms in force on the meeting's date.

    Examples:
        >>> import ehcplan.policy
        >>> atr = ehcplan.policy.load_policy("exampleshire").panel("atr")
        >>> r = next_meeting(atr, dt.date(2024, 10, 2))
        >>> r.meeting, r.cutoff, r.missed
        (datetime.date(2024, 10, 9), datetime.date(2024, 10, 2), None)
        >>> late = next_meeting(atr, dt.date(2024, 10, 3))
        >>> late.meeting, late.missed
        (datetime.date(2024, 11, 13), datetime.date(2024, 10, 9))

    Raises:
        NotInForce: If the referral is before the panel's first terms.
        InvalidInput: If the panel has no meeting in the next five years.
    """
    panel = _check_panel(panel)
    referred_on = to_date(referred_on, field="referred_on")
    if referred_on < panel.terms.starts[0]:
        what = f"panel {panel.id}'s terms"
        raise NotInForce(what, referred_on, panel.terms.starts[0])
    missed = None
    last_year = min(referred_on.year + _SEARCH_YEARS, dt.date.max.year + 1)
    for year in range(referred_on.year, last_year):
        days = _year(panel, year, holidays)
        for meeting in days[bisect.bisect_left(days, referred_on) :]:
            notice = panel.terms.at(meeting).referral_cutoff_days
            # A cut-off before the first day of the calendar is never met.
            reachable = (meeting - dt.date.min).days >= notice
            cutoff = meeting - dt.timedelta(days=notice) if reachable else dt.date.min
            if reachable and referred_on <= cutoff:
                return Referral(
                    panel=panel.id,
                    referred_on=referred_on,
                    meeting=meeting,
                    cutoff=cutoff,
                    missed=missed,
                )
            missed = missed or meeting
    if last_year <= dt.date.max.year:
        msg = (
            f"panel {panel.id} has no meeting in the {_SEARCH_YEARS} years after "
            f"{referred_on.isoformat()}; check its published meetings and terms."
        )
    else:
        msg = (
            f"panel {panel.id} has no meeting from {referred_on.isoformat()} to the "
            "end of the calendar (31 December 9999) that a referral made then can "
            "reach; refer it earlier, or check the date."
        )
    raise InvalidInput(msg, field="panel")
