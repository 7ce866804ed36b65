"""A caseload's open deadlines as one table: what is due this week, who owns it, what is overdue.

For a case-management view across an authority: every case's clock report on
one date (`ehcplan.cases.clock_report`, with the authority's policy for the
deadlines its practice sets), flattened into rows, overdue first, then by due
date. The rows come from a set of cases (`open_deadlines`), or from a SEN2 file
through `ehcplan.sen2.read_sen2(...).cases()`; as a pandas DataFrame with
`open_deadlines_frame` (pandas is imported only there). The ``ehcplan clock``
command prints the same table.

Examples:
    >>> import datetime as dt
    >>> from ehcplan.cases import AssessmentDecision, Case
    >>> case = Case(reference="EHC-1", received_on=dt.date(2024, 9, 2)).record(
    ...     AssessmentDecision(on=dt.date(2024, 10, 7), assess=True))
    >>> [(r.reference, r.deadline, r.due.isoformat(), r.this_week)
    ...  for r in open_deadlines([case], on=dt.date(2025, 1, 20))]
    [('EHC-1', 'final plan', '2025-01-20', True)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ehcplan.cases.case import Case
from ehcplan.cases.report import Status, clock_report
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput

if TYPE_CHECKING:
    import pandas as pd

    from ehcplan.policy import LocalPolicy

__all__ = ["COLUMNS", "OPEN", "Row", "open_deadlines", "open_deadlines_frame"]

OPEN = (Status.OVERDUE, Status.DUE_SOON, Status.DUE, Status.DISAPPLIED)
"""The statuses of a deadline still open, in the order the table shows them."""

COLUMNS = (
    "reference",
    "stage",
    "deadline",
    "due",
    "status",
    "this_week",
    "days_remaining",
    "days_late",
    "owner",
    "provision",
)
"""The table's columns, in order."""


@attrs.frozen(kw_only=True)
class Row:
    """One open deadline of one case.

    Attributes:
        reference: The case.
        stage: Where the case stands.
        deadline: The clock's name.
        due: The due date.
        status: Its status on the table's date.
        this_week: Whether it falls due in the week (Monday to Sunday) of the date.
        days_remaining: Days to go, if not yet due.
        days_late: Days past the due date, if overdue.
        owner: Who must act.
        provision: The provision (or local rule) that sets it.
    """

    reference: str
    stage: str
    deadline: str
    due: dt.date
    status: Status
    this_week: bool
    days_remaining: int | None
    days_late: int | None
    owner: str
    provision: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values, by `COLUMNS`."""
        return {
            "reference": self.reference,
            "stage": self.stage,
            "deadline": self.deadline,
            "due": self.due.isoformat(),
            "status": self.status.value,
            "this_week": self.this_week,
            "days_remaining": self.days_remaining,
            "days_late": self.days_late,
            "owner": self.owner,
            "provision": self.provision,
        }


def open_deadlines(
    cases: Iterable[Case],
    *,
    on: dt.date,
    policy: LocalPolicy | None = None,
    due_soon_days: int = 14,
    include_met: bool = False,
) -> list[Row]:
    """Every open deadline of every case on *on*: overdue first, then by due date.

    Args:
        cases: The cases (a case set, or ``read_sen2(path).cases()``).
        on: The table's date.
        policy: The authority's policy, for the deadlines its practice sets.
        due_soon_days: How close counts as "due soon".
        include_met: Include deadlines already met, too.

    Raises:
        InvalidInput: If something in *cases* is not a `Case`.
    """
    on = to_date(on, field="on")
    monday = on - dt.timedelta(days=on.weekday())
    sunday = monday + dt.timedelta(days=6)
    order = {status: i for i, status in enumerate((*OPEN, Status.MET_LATE, Status.MET))}
    rows = []
    for case in cases:
        if not isinstance(case, Case):
            msg = f"cases must be ehcplan Case values, got {type(case).__name__}."
            raise InvalidInput(msg, field="cases")
        if on < case.received_on:
            continue
        report = clock_report(case, on=on, policy=policy, due_soon_days=due_soon_days)
        for d in report.deadlines:
            if d.status not in OPEN and not include_met:
                continue
            rows.append(
                Row(
                    reference=case.reference,
                    stage=report.stage.value,
                    deadline=d.clock.name,
                    due=d.due,
                    status=d.status,
                    this_week=monday <= d.due <= sunday,
                    days_remaining=d.days_remaining,
                    days_late=d.days_late,
                    owner=d.owner or d.clock.duty_holder,
                    provision=d.clock.cites,
                )
            )
    rows.sort(key=lambda r: (order[r.status], r.due, r.reference, r.deadline))
    return rows


def open_deadlines_frame(
    cases: Iterable[Case],
    *,
    on: dt.date,
    policy: LocalPolicy | None = None,
    due_soon_days: int = 14,
    include_met: bool = False,
) -> pd.DataFrame:
    """`open_deadlines` as a pandas DataFrame with `COLUMNS` (needs the planners extra).

    Examples:
        >>> from ehcplan.cases import Case
        >>> frame = open_deadlines_frame(
        ...     [Case(reference="EHC-2", received_on=dt.date(2025, 1, 6))],
        ...     on=dt.date(2025, 2, 14))
        >>> frame[["reference", "deadline", "status"]].to_dict("records")
        [{'reference': 'EHC-2', 'deadline': 'decision whether to assess', 'status': 'due soon'}]
    """
    from ehcplan.extras import require

    pandas = require("pandas", extra="planners", purpose="a table of open deadlines")
    rows = open_deadlines(
        cases,
        on=on,
        policy=policy,
        due_soon_days=due_soon_days,
        include_met=include_met,
    )
    frame = pandas.DataFrame([r.to_dict() for r in rows], columns=list(COLUMNS))
    frame["due"] = pandas.to_datetime(frame["due"])
    return frame
