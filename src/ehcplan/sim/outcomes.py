"""How a simulated request ended, and whether it breached its 20-week limit: one definition.

Every part of the simulator that asks "did this request breach?", "when did it
end?", "how many weeks to its plan?" or "when was it due?" asks here: the KPIs
(`ehcplan.sim.results`), the plots, the nowcast, calibration and the
back-test. The answers are computed over a run's journey columns (days since
the scenario's start, NaN where a step did not happen); the due date itself is
the timeline's (`ehcplan.timeline.table.FINAL_PLAN`).

The rules, as DfE counts them (statutory reference §7.3) and as the law sets
the limit (SI 2014/1530 reg 13(2)):

* a request **ends** when its final plan is issued, when the authority gives
  notice that it will not issue one (reg 10), or when it refuses to assess,
  unless a Tribunal order restarts the work after the refusal or the notice;
  until then it is **open**;
* a plan is **on time** when it is issued on or before the last day of the 20
  weeks (day 140 after the request), counted by whole days;
* the 20-week limit **applies** only to requests that go on to a plan or are
  still open: a request refused for good, or ended with "no plan", has no
  20-week limit (the 6- and 16-week limits are counted by DfE's measures);
* a request **breached** its 20-week limit when the limit applies, no exception
  ground disapplies it, and its last day passed with no plan issued on or before
  it.

Examples:
    >>> import numpy as np
    >>> journeys = {
    ...     "received": np.array([0.0, 0.0, 0.0, 0.0]),
    ...     "decided": np.array([30.0, 30.0, 30.0, 30.0]),
    ...     "no_plan": np.array([np.nan, np.nan, 150.0, np.nan]),
    ...     "issued": np.array([140.5, 141.0, np.nan, np.nan]),
    ...     "exception": np.array([0, 0, 0, 0], dtype=np.int8),
    ...     "outcome": np.array([ISSUED, ISSUED, NO_PLAN, OPEN], dtype=np.int8),
    ...     "due": np.array([140.0, 140.0, 140.0, 140.0]),
    ... }
    >>> breached(journeys, by=365).tolist()
    [False, True, False, True]
    >>> weeks_to_issue(journeys)[:2].tolist()
    [20.0, 20.142857142857142]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ehcplan.timeline import table
from ehcplan.timeline.batch import last_days

__all__ = [
    "ISSUED",
    "NO_PLAN",
    "OPEN",
    "OUTCOMES",
    "REFUSED",
    "breached",
    "due_days",
    "ended",
    "has_20_week_limit",
    "issued_on_time",
    "open_counts",
    "open_on",
    "past_due_open",
    "weeks_to_issue",
    "within_20_weeks",
]

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Journeys = Mapping[str, npt.NDArray[Any]]

OUTCOMES = ("open", "refused", "no plan", "issued")
"""Journey outcome codes: ``OUTCOMES[code]``."""

OPEN, REFUSED, NO_PLAN, ISSUED = range(4)


def due_days(received: Floats, start: dt.date) -> Floats:
    """The last day of each request's 20 weeks, in days since *start* (NaN stays NaN).

    The day is the timeline's answer (`table.FINAL_PLAN`, SI 2014/1530 reg 13(2)).

    Examples:
        >>> due_days(np.array([0.0, 3.7, np.nan]), dt.date(2024, 9, 2)).tolist()
        [140.0, 143.0, nan]
    """
    whole = np.floor(received)
    dates = np.full(whole.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    known = ~np.isnan(whole)
    origin = np.datetime64(start, "D")
    dates[known] = origin + whole[known].astype(np.int64)
    due = np.full(whole.shape, np.nan)
    due[known] = (last_days(table.FINAL_PLAN, dates[known]) - origin).astype(np.float64)
    return due


def ended(journeys: Journeys) -> Floats:
    """When each request ended (plan issued, "no plan" or refused for good); NaN if open."""
    outcome = journeys["outcome"]
    refused = np.where(outcome == REFUSED, journeys["decided"], np.nan)
    no_plan = np.where(outcome == NO_PLAN, journeys["no_plan"], np.nan)
    return np.fmin(np.fmin(journeys["issued"], no_plan), refused)


def has_20_week_limit(journeys: Journeys) -> Bools:
    """Whether the 20-week limit applies: not refused for good, not ended with "no plan"."""
    outcome = journeys["outcome"]
    applies: Bools = (outcome != REFUSED) & (outcome != NO_PLAN)
    return applies


def issued_on_time(journeys: Journeys) -> Bools:
    """Whether a plan was issued on or before its 20-week last day (False where none was)."""
    issued = journeys["issued"]
    with np.errstate(invalid="ignore"):
        on_time: Bools = ~np.isnan(issued) & (np.floor(issued) <= journeys["due"])
    return on_time


def breached(journeys: Journeys, *, by: float) -> Bools:
    """Whether each request breached its 20-week limit, as far as is known on day *by*.

    A breach: the limit applies (`has_20_week_limit`), no exception ground is
    recorded, the last day of the 20 weeks was before day *by* (so it is over),
    and no plan was issued on or before it. Pass the run's horizon to count
    every breach a run saw.
    """
    with np.errstate(invalid="ignore"):
        over = journeys["due"] < by
    late: Bools = (
        has_20_week_limit(journeys)
        & (journeys["exception"] == 0)
        & over
        & ~issued_on_time(journeys)
    )
    return late


def within_20_weeks(days_to_issue: Floats) -> Bools:
    """Whether plans issued after these whole days from their request were within 20 weeks.

    The limit is the timeline's (`table.FINAL_PLAN`, counted "within": the last
    day is day 140).

    Examples:
        >>> within_20_weeks(np.array([139.0, 140.0, 141.0])).tolist()
        [True, True, False]
    """
    anchor = dt.date(2001, 1, 1)
    limit = (table.FINAL_PLAN.last_day(anchor) - anchor).days
    within: Bools = np.asarray(days_to_issue) <= limit
    return within


def weeks_to_issue(journeys: Journeys) -> Floats:
    """Whole days from request to final plan, in weeks (NaN where no plan was issued)."""
    return (np.floor(journeys["issued"]) - np.floor(journeys["received"])) / 7


def open_on(journeys: Journeys, days: Floats) -> npt.NDArray[np.bool_]:
    """For each request (rows) and each of *days* (columns): whether it was open then."""
    finish = ended(journeys)
    finish = np.where(np.isnan(finish), np.inf, finish)
    return (journeys["received"][:, None] <= days[None, :]) & (
        finish[:, None] > days[None, :]
    )


def open_counts(journeys: Journeys, days: Floats) -> tuple[Floats, Floats]:
    """How many requests were open on each of *days*, and how many of those past due.

    The column sums of `open_on` and `past_due_open`, counted without the
    request-by-day matrices: a request is open from its receipt to its end
    (`ended`), and past due from the day after its 20-week last day to its end,
    unless an exception ground is recorded. *days* are whole days.

    Examples:
        >>> j = {"received": np.array([0.0, 1.0]), "decided": np.array([5.0, 5.0]),
        ...      "no_plan": np.array([np.nan, np.nan]), "issued": np.array([150.0, np.nan]),
        ...      "exception": np.array([0, 0], dtype=np.int8),
        ...      "outcome": np.array([ISSUED, OPEN], dtype=np.int8),
        ...      "due": np.array([140.0, 141.0])}
        >>> [c.tolist() for c in open_counts(j, np.array([0.0, 142.0, 200.0]))]
        [[1.0, 2.0, 1.0], [0.0, 2.0, 1.0]]
    """
    finish = ended(journeys)
    finish = np.where(np.isnan(finish), np.inf, finish)
    received = np.sort(journeys["received"])
    finished = np.sort(finish)
    opened = np.searchsorted(received, days, side="right") - np.searchsorted(
        finished, days, side="right"
    )
    counted = journeys["exception"] == 0
    # Past due on day d: due < floor(d) and not finished by d.
    due = journeys["due"][counted]
    late_from = np.sort(np.floor(due) + 1)
    late_finished = np.sort(np.maximum(np.floor(due) + 1, finish[counted]))
    overdue = np.searchsorted(
        late_from, np.floor(days), side="right"
    ) - np.searchsorted(late_finished, days, side="right")
    return opened.astype(float), overdue.astype(float)


def past_due_open(journeys: Journeys, days: Floats) -> npt.NDArray[np.bool_]:
    """For each request and day: open, past its 20-week last day, no exception (the backlog)."""
    backlog: Bools = (
        open_on(journeys, days)
        & (journeys["due"][:, None] < np.floor(days)[None, :])
        & (journeys["exception"][:, None] == 0)
    )
    return backlog
