"""One SEN2-shaped row as a typed value, and its conversion to and from a `Case`.

A `Sen2Record` holds every item of one request as read from a SEN2-shaped file:
dates as dates, codes as enums, flags as booleans (None when blank), and any
unknown columns verbatim, so nothing is lost between reading and writing.

Only dated facts become events of a `Case`: the decision whether to assess,
withdrawal, the decision whether to issue, a 20-week exception (`Week20`), the
final plan and ceasing. Flags without a date (mediation, tribunal, personal
budget, residential placement) and the review items stay on the record.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ehcplan import cases as c
from ehcplan.sen2.items import AssessmentOutcome, RequestOutcome
from ehcplan.timeline.grounds import Limit

__all__ = [
    "WEEK20_DECIDED_BY",
    "WEEK20_EVIDENCE",
    "Personal",
    "Sen2Record",
    "case_to_record",
    "record_to_case",
]

WEEK20_EVIDENCE = "SEN2 Week20 = 1"
"""The evidence recorded on a ground imported from a SEN2 `Week20` flag."""
WEEK20_DECIDED_BY = "SEN2 return"
"""Who is recorded as deciding a ground imported from a SEN2 `Week20` flag."""


class Personal(enum.Enum):
    """What to do with the columns that identify a person."""

    DROP = "drop"
    """Do not keep them (the default)."""
    HASH = "hash"
    """Keep a salted hash (HMAC-SHA256, 16 hex characters): linkable, not readable."""
    KEEP = "keep"
    """Keep them as read."""


@attrs.frozen(kw_only=True)
class Sen2Record:
    """One request for an EHC needs assessment, as SEN2 items.

    Field names are the snake-case forms of the SEN2 items (see
    `ehcplan.sen2.items.COLUMNS`). Personal fields hold the value read, its
    salted hash, or None, as the reader was asked.
    """

    request_id: str
    received_date: dt.date
    person_id: str | None = None
    surname: str | None = None
    forename: str | None = None
    person_birth_date: str | None = None
    post_code: str | None = None
    upn: str | None = None
    uln: str | None = None
    sex: str | None = None
    ethnicity: str | None = None
    age_at_request: int | None = None
    request_source: c.RequestSource | None = None
    rya: bool | None = None
    request_outcome_date: dt.date | None = None
    request_outcome: RequestOutcome | None = None
    request_mediation: bool | None = None
    request_tribunal: bool | None = None
    exported: bool | None = None
    assessment_outcome: AssessmentOutcome | None = None
    assessment_outcome_date: dt.date | None = None
    assessment_mediation: bool | None = None
    assessment_tribunal: bool | None = None
    week20: bool | None = None
    start_date: dt.date | None = None
    plan_res: str | None = None
    pb: bool | None = None
    oa: bool | None = None
    dp: bool | None = None
    cease_date: dt.date | None = None
    cease_reason: c.CeaseReason | None = None
    review_meeting: dt.date | None = None
    review_outcome: str | None = None
    last_review: dt.date | None = None
    phase_transfer_due_date: dt.date | None = None
    phase_transfer_final_date: dt.date | None = None
    extra: tuple[tuple[str, str], ...] = ()


_ISSUES = (AssessmentOutcome.PLAN, AssessmentOutcome.OTHER_LA_ASSESSMENT)


def record_to_case(record: Sen2Record) -> c.Case:
    """The `Case` a record describes: its dated facts as events.

    Examples:
        >>> record = Sen2Record(
        ...     request_id="R1", received_date=dt.date(2024, 9, 2),
        ...     request_outcome=RequestOutcome.ASSESS,
        ...     request_outcome_date=dt.date(2024, 10, 7),
        ...     assessment_outcome=AssessmentOutcome.PLAN,
        ...     assessment_outcome_date=dt.date(2024, 12, 12),
        ...     start_date=dt.date(2025, 1, 17),
        ... )
        >>> record_to_case(record).stage.value
        'plan in place'

    Raises:
        EventRejected: If the record's dates or outcomes cannot describe one case;
            `read_sen2` reports such rows instead of accepting them.
    """
    events: list[c.Event] = []
    r = record
    if r.request_outcome_date is not None and r.request_outcome is not None:
        if r.request_outcome is RequestOutcome.WITHDRAWN:
            events.append(c.RequestWithdrawn(on=r.request_outcome_date))
        else:
            assess = r.request_outcome is RequestOutcome.ASSESS
            events.append(
                c.AssessmentDecision(on=r.request_outcome_date, assess=assess)
            )
    outcome, decided = r.assessment_outcome, r.assessment_outcome_date
    if outcome is not None and decided is not None:
        if outcome is AssessmentOutcome.WITHDRAWN:
            events.append(c.RequestWithdrawn(on=decided))
        elif outcome is not AssessmentOutcome.EXCLUDED:
            events.append(c.IssueDecision(on=decided, issue=outcome in _ISSUES))
    if r.week20:
        on = r.start_date or decided or r.received_date
        ground = c.ExceptionGroundRecorded(
            on=on,
            ground=None,
            limit=Limit.FINAL_PLAN,
            evidence=WEEK20_EVIDENCE,
            decided_by=WEEK20_DECIDED_BY,
        )
        events.insert(_position_before_closing(events, on), ground)
    if r.start_date is not None:
        events.append(c.FinalPlanIssued(on=r.start_date))
    if r.cease_date is not None and r.cease_reason is not None:
        events.append(c.PlanCeased(on=r.cease_date, reason=r.cease_reason))
    events.sort(key=lambda event: event.on)  # stable: same-day events keep this order
    return c.Case(
        reference=r.request_id,
        received_on=r.received_date,
        source=r.request_source,
        events=events,
    )


def _position_before_closing(events: list[c.Event], on: dt.date) -> int:
    """Where a ground dated *on* goes: before a same-day withdrawal, after the rest."""
    for index, event in enumerate(events):
        if isinstance(event, c.RequestWithdrawn) and event.on >= on:
            return index
    return len(events)


def case_to_record(case: c.Case) -> Sen2Record:
    """The SEN2 items a case carries (the inverse of `record_to_case`).

    `Week20` is 1 when any exception ground is recorded against the 20-week
    limit, 0 when the authority decided whether to issue a plan without one, and
    blank otherwise.

    Examples:
        >>> case = c.Case(reference="R2", received_on=dt.date(2024, 9, 2))
        >>> case = case.record(c.AssessmentDecision(on=dt.date(2024, 10, 1), assess=False))
        >>> record = case_to_record(case)
        >>> record.request_outcome, record.request_outcome_date
        (<RequestOutcome.NOT_ASSESS: 'N'>, datetime.date(2024, 10, 1))
    """
    request_outcome = request_outcome_date = None
    assessment_outcome = assessment_outcome_date = None
    for event in case.events:
        if isinstance(event, c.AssessmentDecision) and request_outcome is None:
            assess = (
                RequestOutcome.ASSESS if event.assess else RequestOutcome.NOT_ASSESS
            )
            request_outcome, request_outcome_date = assess, event.on
        elif isinstance(event, c.RequestWithdrawn):
            if request_outcome is None:
                request_outcome, request_outcome_date = (
                    RequestOutcome.WITHDRAWN,
                    event.on,
                )
            else:
                assessment_outcome = AssessmentOutcome.WITHDRAWN
                assessment_outcome_date = event.on
        elif isinstance(event, c.IssueDecision):
            issue = AssessmentOutcome.PLAN if event.issue else AssessmentOutcome.NO_PLAN
            assessment_outcome, assessment_outcome_date = issue, event.on
    final = case.first(c.FinalPlanIssued)
    ceased = case.first(c.PlanCeased)
    week20: bool | None = None
    if case.grounds_for(Limit.FINAL_PLAN):
        week20 = True
    elif assessment_outcome in (AssessmentOutcome.PLAN, AssessmentOutcome.NO_PLAN):
        week20 = False
    return Sen2Record(
        request_id=case.reference,
        received_date=case.received_on,
        request_source=case.source,
        request_outcome=request_outcome,
        request_outcome_date=request_outcome_date,
        assessment_outcome=assessment_outcome,
        assessment_outcome_date=assessment_outcome_date,
        week20=week20,
        start_date=None if final is None else final.on,
        cease_date=None if ceased is None else ceased.on,
        cease_reason=None if ceased is None else ceased.reason,
    )
