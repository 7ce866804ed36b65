"""The export's own checks on a request's branch of rows, and where each issue goes.

The one-row rules of `ehcplan.sen2.validate` run on each request's record and
are placed on the row of the module that holds the item (`request_checks`);
placements, needs and persons have checks of their own (P1, RANK, UPN, AGE,
MULTI); a request with an error anywhere is kept out with every row of its
branch (`reject_branch`, LINKED). The rules are listed in `ehcplan.sen2.collect`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs

from ehcplan.sen2 import tree as t
from ehcplan.sen2.collect_rows import ExportRow, export_issue
from ehcplan.sen2.records import Sen2Record
from ehcplan.sen2.validate import (
    Issue,
    check_row,
)

__all__ = [
    "branch_by_module",
    "check_branch",
    "check_person",
    "reject_branch",
    "request_checks",
]


_FIELD_MODULE = {
    "ReceivedDate": "requests",
    "RequestOutcomeDate": "requests",
    "RequestOutcome": "requests",
    "AssessmentOutcome": "assessment",
    "AssessmentOutcomeDate": "assessment",
    "Week20": "assessment",
    "StartDate": "namedplan",
    "CeaseDate": "namedplan",
    "CeaseReason": "namedplan",
    "PersonBirthDate": "person",
    "ReviewMeeting": "activeplans",
    "LastReview": "activeplans",
}


def branch_by_module(branch: list[ExportRow]) -> dict[str, ExportRow]:
    """The first row of each module in a request's branch."""
    found: dict[str, ExportRow] = {}
    for row in branch:
        found.setdefault(row.module, row)
    return found


def request_checks(
    record: Sen2Record, rows: dict[str, ExportRow], on: dt.date | None
) -> list[Issue]:
    """The one-row rules on a request's record, each placed on its module's row."""
    found = []
    for issue in check_row(record, rows["requests"].row, on=on):
        module = _FIELD_MODULE.get(issue.field or "", "requests")
        row = rows.get(module, rows["requests"])
        placed = attrs.evolve(
            issue,
            module=row.module,
            row=row.row,
            field=None if issue.field is None else issue.field.lower(),
        )
        row.issues.append(placed)
        found.append(placed)
    return found


def reject_branch(branch: list[ExportRow], person_row: ExportRow) -> None:
    """Mark every clean row of a branch as kept out with it."""
    culprit = next((r for r in branch if r.bad), person_row)
    for row in branch:
        if not row.bad:
            row.issues.append(
                export_issue(
                    row.module,
                    row.row,
                    None,
                    "LINKED",
                    f"this row is kept out with the rest of its request, which has "
                    f"an error ({culprit.module} row {culprit.row}).",
                )
            )


def check_branch(placements: list[ExportRow], needs: list[ExportRow]) -> None:
    """P1 on each placement (leaving before entry) and RANK on an active plan's needs."""
    for row in placements:
        entry, leaving = row.fields.get("entry_date"), row.fields.get("leaving_date")
        if entry is not None and leaving is not None and leaving < entry:
            row.issues.append(
                export_issue(
                    "placementdetail",
                    row.row,
                    "leavingdate",
                    "P1",
                    f"leavingdate {leaving.isoformat()} is before entrydate "
                    f"{entry.isoformat()}; a placement cannot end before it starts. "
                    "Check both dates.",
                )
            )
    ranks = Counter(n.fields.get("rank") for n in needs if not n.bad)
    for row in needs:
        rank = row.fields.get("rank")
        if rank is not None and ranks[rank] > 1:
            row.issues.append(
                export_issue(
                    "senneed",
                    row.row,
                    "sentyperank",
                    "RANK",
                    f"another need of this active plan also has rank {rank}; rank "
                    "them 1 (primary), 2, ...",
                    error=False,
                )
            )
            ranks[rank] = 0


def check_person(row: ExportRow, person: t.Person, plan_requests: int) -> None:
    """UPN, AGE and MULTI on a person's row."""
    if (
        "upn" not in row.fields
        and "uln" not in row.fields
        and "upn_unknown" not in row.fields
    ):
        row.issues.append(
            export_issue(
                "person",
                row.row,
                "upnunknown",
                "UPN",
                "the person has no UPN, no ULN and no reason in upnunknown; give one.",
                error=False,
            )
        )
    age = person.age_at_start_of_school_year
    if age is not None and not 0 <= age <= 24:
        row.issues.append(
            export_issue(
                "person",
                row.row,
                "personbirthdate",
                "AGE",
                f"the person was {age} at the start of the school year of the "
                "census; plans are for ages 0 to 24 then. Check personbirthdate.",
                error=False,
            )
        )
    if plan_requests > 1:
        row.issues.append(
            export_issue(
                "person",
                row.row,
                None,
                "MULTI",
                f"the person has plans from {plan_requests} requests; usually one "
                "plan is kept. Check for a duplicate request.",
                error=False,
            )
        )
