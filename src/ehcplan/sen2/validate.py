"""Checks on SEN2-shaped rows: what a data officer would expect before a return.

Each problem is an `Issue` naming the row (as a spreadsheet numbers it: the
header is row 1, the first request row 2), the column, the rule and a message
that says what was wrong and what to do. Errors keep a row out of the accepted
records (it is kept raw, never dropped silently); warnings do not.

The rules (statutory reference §7.4, and consistency rules C1–C6):

| rule | severity | check |
|---|---|---|
| REQUIRED | error | `RequestID` and `ReceivedDate` are present |
| PARSE | error | dates, codes and flags can be read |
| DUPLICATE | error | `RequestID` is unique in the file |
| V1 | error | `RequestOutcomeDate` is on or after `ReceivedDate` |
| V2 | error | `AssessmentOutcomeDate` is on or after `RequestOutcomeDate` |
| V3 | error | `StartDate` is on or after `AssessmentOutcomeDate` |
| V4 | error | `CeaseDate` is after `StartDate` |
| V6 | warning | `Week20` = 1 on every plan, or on more than 20% of plans (file level) |
| V8 | warning | `LastReview` is at most 28 days after `ReviewMeeting` |
| V9 | warning | `PhaseTransferFinalDate` is not after `PhaseTransferDueDate` |
| V10 | error | age at `ReceivedDate` is 0 to 25 |
| C1 | error | an assessment outcome needs `RequestOutcome` A |
| C2 | error | a `StartDate` needs `AssessmentOutcome` Y or S |
| C3 | error | an outcome needs its date, and a date its outcome |
| C4 | error | `CeaseDate` needs `StartDate`; `CeaseDate` and `CeaseReason` go together |
| C5 | error | no date is after the reference date (`on`) when one is given |
| C6 | warning | `Week20` = 1 on a request with no plan |
| H | warning | `AssessmentOutcome` H is kept but not turned into an event |
| COLUMNS | warning | unknown columns are kept as they are (file level) |
| QUOTE | error | a quote that opens in the row is closed (`ehcplan.sen2.rows`) |
| ENCODING | error | every cell is UTF-8 text |
| WIDTH | error | no filled cell past the header's last column (a warning if blank) |
| SEX | warning | `Sex` is a code in `SEX_CODES` (kept as read if not) |

A COLLECT export has further rules, listed in `ehcplan.sen2.collect`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterator

import attrs

from ehcplan.sen2.items import AssessmentOutcome, RequestOutcome
from ehcplan.sen2.records import Sen2Record

__all__ = ["Issue", "Severity", "ValidationReport", "check_file", "check_row"]


class Severity(enum.Enum):
    """How serious an issue is."""

    ERROR = "error"
    """The row cannot be trusted: it is reported and kept out of the records."""
    WARNING = "warning"
    """Worth a look; the row is kept."""


@attrs.frozen(kw_only=True)
class Issue:
    """One problem found in a SEN2-shaped file.

    Attributes:
        row: The row as a spreadsheet numbers it (header = 1), or None for the file.
        field: The column, if the problem is in one.
        rule: The rule's code (see this module's table).
        severity: Error or warning.
        message: What was wrong, what was expected, what to do.
        module: The SEN2 module (the export's file) the row is in, when the
            data came as a COLLECT export; None for a one-file CSV.
    """

    row: int | None
    field: str | None
    rule: str
    severity: Severity
    message: str
    module: str | None = None


@attrs.frozen
class ValidationReport:
    """Every issue found in one file, in row order.

    Examples:
        >>> report = ValidationReport((
        ...     Issue(row=5, field="StartDate", rule="V3", severity=Severity.ERROR,
        ...           message="StartDate 2024-01-01 is before AssessmentOutcomeDate"),
        ... ))
        >>> report.ok, report.counts_by_rule()
        (False, {'V3': 1})
    """

    issues: tuple[Issue, ...] = ()

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues that kept a row out."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues that did not."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """Whether there is no error."""
        return not self.errors

    def counts_by_rule(self) -> dict[str, int]:
        """How many issues each rule raised, most frequent first."""
        return dict(Counter(i.rule for i in self.issues).most_common())

    def __str__(self) -> str:
        """A readable summary with the first issues."""
        lines = [f"{len(self.errors)} errors, {len(self.warnings)} warnings"]
        for issue in self.issues[:20]:
            where = "file" if issue.row is None else f"row {issue.row}"
            if issue.module is not None:
                where = f"{issue.module} {where}"
            column = f" {issue.field}" if issue.field else ""
            lines.append(
                f"  {where}{column}: {issue.rule} {issue.severity.value}: {issue.message}"
            )
        if len(self.issues) > 20:
            lines.append(f"  ... and {len(self.issues) - 20} more")
        return "\n".join(lines)


def _issue(
    row: int, field: str, rule: str, message: str, *, error: bool = True
) -> Issue:
    severity = Severity.ERROR if error else Severity.WARNING
    return Issue(row=row, field=field, rule=rule, severity=severity, message=message)


def _before(
    row: int,
    rule: str,
    later: tuple[str, dt.date | None],
    earlier: tuple[str, dt.date | None],
    *,
    strictly: bool = False,
) -> Iterator[Issue]:
    (later_name, later_day), (earlier_name, earlier_day) = later, earlier
    if later_day is None or earlier_day is None:
        return
    if later_day < earlier_day or (strictly and later_day == earlier_day):
        relation = "on or before" if strictly else "before"
        word = "after" if strictly else "on or after"
        yield _issue(
            row,
            later_name,
            rule,
            f"{later_name} {later_day.isoformat()} is {relation} {earlier_name} "
            f"{earlier_day.isoformat()}; it must be {word} it. Check both dates.",
        )


_DATES = (
    ("ReceivedDate", "received_date"),
    ("RequestOutcomeDate", "request_outcome_date"),
    ("AssessmentOutcomeDate", "assessment_outcome_date"),
    ("StartDate", "start_date"),
    ("CeaseDate", "cease_date"),
    ("ReviewMeeting", "review_meeting"),
    ("LastReview", "last_review"),
    ("PhaseTransferFinalDate", "phase_transfer_final_date"),
)


def check_row(  # noqa: C901 - one flat list of independent rules reads best
    r: Sen2Record, row: int, *, on: dt.date | None = None
) -> Iterator[Issue]:
    """The issues of one parsed row (rules V1-V4, V8-V10, C1-C6, H)."""
    yield from _before(
        row, "V1", ("RequestOutcomeDate", r.request_outcome_date),
        ("ReceivedDate", r.received_date),
    )  # fmt: skip
    yield from _before(
        row, "V2", ("AssessmentOutcomeDate", r.assessment_outcome_date),
        ("RequestOutcomeDate", r.request_outcome_date),
    )  # fmt: skip
    yield from _before(
        row, "V3", ("StartDate", r.start_date),
        ("AssessmentOutcomeDate", r.assessment_outcome_date),
    )  # fmt: skip
    yield from _before(
        row, "V4", ("CeaseDate", r.cease_date), ("StartDate", r.start_date),
        strictly=True,
    )  # fmt: skip
    if r.age_at_request is not None and not 0 <= r.age_at_request <= 25:
        yield _issue(
            row,
            "PersonBirthDate",
            "V10",
            f"the person was {r.age_at_request} at ReceivedDate; EHC plans are for "
            "ages 0 to 25. Check PersonBirthDate and ReceivedDate.",
        )
    if r.review_meeting and r.last_review:
        gap = (r.last_review - r.review_meeting).days
        if gap > 28:
            yield _issue(
                row,
                "LastReview",
                "V8",
                f"the review was completed {gap} days after the meeting; the decision "
                "is due within 4 weeks (28 days).",
                error=False,
            )
    due, final = r.phase_transfer_due_date, r.phase_transfer_final_date
    if due and final and final > due:
        yield _issue(
            row,
            "PhaseTransferFinalDate",
            "V9",
            f"the phase-transfer plan was issued {final.isoformat()}, after it was "
            f"due ({due.isoformat()}).",
            error=False,
        )
    if r.assessment_outcome is not None and r.request_outcome is not (
        RequestOutcome.ASSESS
    ):
        found = "blank" if r.request_outcome is None else r.request_outcome.value
        yield _issue(
            row,
            "AssessmentOutcome",
            "C1",
            f"an assessment outcome needs RequestOutcome A (decided to assess), but "
            f"RequestOutcome is {found}. Fill in or correct RequestOutcome.",
        )
    if r.start_date is not None and r.assessment_outcome not in (
        AssessmentOutcome.PLAN,
        AssessmentOutcome.OTHER_LA_ASSESSMENT,
    ):
        found = "blank" if r.assessment_outcome is None else r.assessment_outcome.value
        yield _issue(
            row,
            "StartDate",
            "C2",
            f"a plan StartDate needs AssessmentOutcome Y or S, but it is {found}. "
            "Correct AssessmentOutcome, or remove StartDate.",
        )
    for outcome, date, outcome_name, date_name in (
        (
            r.request_outcome,
            r.request_outcome_date,
            "RequestOutcome",
            "RequestOutcomeDate",
        ),
        (
            r.assessment_outcome,
            r.assessment_outcome_date,
            "AssessmentOutcome",
            "AssessmentOutcomeDate",
        ),
    ):
        if (outcome is None) != (date is None):
            have, lack = (
                (outcome_name, date_name) if date is None else (date_name, outcome_name)
            )
            yield _issue(
                row, lack, "C3", f"{have} is filled in but {lack} is blank; give both."
            )
    if r.cease_date is not None and r.start_date is None:
        yield _issue(
            row, "CeaseDate", "C4", "CeaseDate needs the plan's StartDate; give both."
        )
    if (r.cease_date is None) != (r.cease_reason is None):
        lack = "CeaseReason" if r.cease_reason is None else "CeaseDate"
        yield _issue(
            row, lack, "C4", "CeaseDate and CeaseReason go together; give both."
        )
    if on is not None:
        for name, attribute in _DATES:
            value = getattr(r, attribute)
            if value is not None and value > on:
                yield _issue(
                    row,
                    name,
                    "C5",
                    f"{name} {value.isoformat()} is after the reference date "
                    f"{on.isoformat()}; a return cannot record the future.",
                )
    if r.week20 and r.start_date is None:
        yield _issue(
            row,
            "Week20",
            "C6",
            "Week20 = 1 but no plan was issued; the flag applies to issued plans.",
            error=False,
        )
    if r.assessment_outcome is AssessmentOutcome.EXCLUDED:
        yield _issue(
            row,
            "AssessmentOutcome",
            "H",
            "AssessmentOutcome H is kept but excluded from DfE's analysis, so it is "
            "not turned into a decision on the case.",
            error=False,
        )


def check_file(records: tuple[Sen2Record, ...]) -> Iterator[Issue]:
    """File-level issues over the accepted records (rule V6)."""
    plans = [r for r in records if r.start_date is not None]
    flagged = sum(1 for r in plans if r.week20)
    if plans and flagged == len(plans):
        message = (
            f"Week20 = 1 on all {len(plans)} plans, so no plan counts in DfE's "
            "headline measure (which excludes them). DfE notes this for two "
            "authorities in 2024; check how exceptions are recorded."
        )
    elif plans and flagged / len(plans) > 0.20:
        message = (
            f"Week20 = 1 on {flagged} of {len(plans)} plans "
            f"({flagged / len(plans):.0%}); nationally 5-8% of plans have "
            "exceptions. Check how exceptions are recorded."
        )
    else:
        return
    yield Issue(
        row=None, field="Week20", rule="V6", severity=Severity.WARNING, message=message
    )
