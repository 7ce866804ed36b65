"""What `ehcplan summary` prints for a COLLECT export, and for any SEN2 file as JSON.

`summarise` reads a COLLECT export (folder or zip) or ehcplan's simple CSV and
returns the text the command prints: the rows read and rejected by module, the
DfE timeliness figures for the return's calendar year (`dfe_measures`), the
review stock at the census, and the validation issues by module, row and
field. With ``as_json`` it returns the figures keyed by DfE's column names
and the validation counts. No personal value is ever part of either.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import os
from typing import Any

from ehcplan import cases as c
from ehcplan.errors import InvalidInput
from ehcplan.sen2.blade import MODULES
from ehcplan.sen2.collect import is_export, read_collect
from ehcplan.sen2.io import read_sen2
from ehcplan.sen2.measures import dfe_measures
from ehcplan.sen2.records import Personal
from ehcplan.sen2.validate import ValidationReport

__all__ = ["summarise"]

_LABELS = (
    ("plans_issued_den", "plans issued"),
    ("plans_issued_within_20_weeks", "  within 20 weeks, including exceptions"),
    ("plans_issued_20_to_52_weeks", "  over 20 and up to 52 weeks"),
    ("plans_issued_over_52_weeks", "  over 52 weeks"),
    ("plans_issued_den_ex", "plans issued, excluding exceptions"),
    ("plans_issued_20_weeks_ex", "  within 20 weeks (the headline)"),
    ("plans_issued_20_to_52_weeks_ex", "  over 20 and up to 52 weeks"),
    ("plans_issued_over_52_weeks_ex", "  over 52 weeks"),
    ("request_outcome_den", "requests decided"),
    ("request_outcome_six_weeks", "  within 6 weeks"),
    ("outcome_decision_den", "decisions not to issue a plan"),
    ("outcome_decision_within_time", "  within 16 weeks"),
)
_SHARES = {
    "plans_issued_within_20_weeks": (
        "plans_issued_den",
        "plans_issued_within_20_weeks",
    ),
    "plans_issued_20_weeks_ex": ("plans_issued_den_ex", "plans_issued_20_weeks_ex"),
    "request_outcome_six_weeks": ("request_outcome_den", "request_outcome_six_weeks"),
    "outcome_decision_within_time": (
        "outcome_decision_den",
        "outcome_decision_within_time",
    ),
}


def _latest_year(cases: tuple[c.Case, ...]) -> int | None:
    """The latest calendar year the data runs to the end of, for the figures' default.

    That is the year of the data's last date if it is 31 December, else the year
    before; when no plan was issued by then (the data cover part of one year),
    the latest year with a plan issued.
    """
    days = [e.on for case in cases for e in case.events]
    days += [case.received_on for case in cases]
    if not days:
        return None
    last = max(days)
    complete = last.year if (last.month, last.day) == (12, 31) else last.year - 1
    issued = [e.on.year for case in cases for e in case.events_of(c.FinalPlanIssued)]
    if any(year <= complete for year in issued):
        return complete
    return max(issued, default=last.year)


def _issue_lines(report: ValidationReport, limit: int) -> list[str]:
    if not report.issues or limit <= 0:
        return []
    shown = report.issues[:limit]
    lines = [f"\nValidation issues ({len(shown)} of {len(report.issues)}):"]
    for issue in shown:
        where = "file" if issue.row is None else f"row {issue.row}"
        module = issue.module or ""
        lines.append(
            f"  {module:<16}{where:<9} {issue.field or '-':<22} {issue.rule:<7} "
            f"{issue.severity.value:<7} {issue.message}"
        )
    return lines


def _measure_lines(measures: dict[str, Any]) -> list[str]:
    lines = [
        f"\nDfE timeliness, calendar year {measures['time_period']} "
        "(a plan counts in the year it was issued):"
    ]
    for key, words in _LABELS:
        value = measures[key]
        share = ""
        if key in _SHARES:
            den, num = (measures[k] for k in _SHARES[key])
            share = "n/a" if not den else f"{100 * num / den:.1f}%"
        lines.append(f"  {words:<44} {value:>7}  {share:>6}   {key}")
    return lines


def summarise(
    path: str | os.PathLike[str],
    *,
    personal: Personal = Personal.DROP,
    salt: str | None = None,
    on: dt.date | None = None,
    year: int | None = None,
    issues: int = 20,
    as_json: bool = False,
) -> str:
    """The summary of a COLLECT export or a SEN2-shaped CSV, as text or JSON.

    Args:
        path: A COLLECT export's folder or zip, or a SEN2-shaped CSV file.
        personal: What the reader does with personal columns (never shown here).
        salt: The secret for `Personal.HASH`.
        on: The data's reference date (default: the export's census date).
        year: The calendar year of the figures (default: the one before the
            census or *on*, else the latest year the data run to the end of).
        issues: How many validation issues to list in the text.
        as_json: Return JSON: the figures by DfE column name and the counts.

    Raises:
        FileFormatError: If the file or export cannot be read as a whole.
        InvalidInput: If no calendar year can be found for the figures.

    Examples:
        >>> data = json.loads(summarise("examples/sen2-collect-example", as_json=True))
        >>> data["measures"]["time_period"], data["validation"]["requests_accepted"]
        (2024, 272)
    """
    if is_export(path):
        imported = read_collect(path, personal=personal, salt=salt, on=on)
        cases = imported.cases()
        ret = imported.sen2_return
        chosen = year or ret.calendar_year or _latest_year(cases)
        counts = imported.counts()
        report = imported.report
        head = [
            f"{path}: COLLECT export (guide {ret.guide_version}), census "
            f"{ret.reference_date or 'not given'}; {counts['requests_accepted']} "
            f"requests accepted, {counts['rows_rejected']['requests']} rejected; "
            f"{counts['errors']} errors, {counts['warnings']} warnings.",
            "\nRows read (rejected) by module: "
            + ", ".join(
                f"{m.key} {counts['rows_read'][m.key]} ({counts['rows_rejected'][m.key]})"
                for m in MODULES
            ),
        ]
        stock = list(ret.active_plans())
        needs = collections.Counter(
            plan.primary_need.value
            for _, _, plan in stock
            if plan.primary_need is not None
        )
        tail = [
            f"\nActive plans at the census: {len(stock)}; primary needs: "
            + (", ".join(f"{k} {v}" for k, v in needs.most_common()) or "none recorded")
        ]
    else:
        simple = read_sen2(path, personal=personal, salt=salt, on=on)
        cases = simple.cases()
        report = simple.report
        chosen = year or (on.year - 1 if on is not None else _latest_year(cases))
        counts = {
            "rows_read": len(simple.records) + len(simple.rejected),
            "rows_rejected": len(simple.rejected),
            "requests_accepted": len(simple.records),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "issues_by_rule": report.counts_by_rule(),
        }
        head = [
            f"{path}: {counts['rows_read']} rows read; {len(simple.records)} "
            f"accepted, {len(simple.rejected)} rejected with errors; "
            f"{counts['warnings']} warnings."
        ]
        tail = []
    if chosen is None:
        msg = "no calendar year was found for the figures; give --year"
        raise InvalidInput(msg, field="year")
    measures = dfe_measures(cases, chosen)
    if as_json:
        return json.dumps(
            {"path": str(path), "measures": measures, "validation": counts}, indent=2
        )
    return "\n".join(
        [*head, *_measure_lines(measures), *tail, *_issue_lines(report, issues)]
    )
