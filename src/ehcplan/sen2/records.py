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
from ehcplan.budgets import Mechanism, Part
from ehcplan.sen2.items import AssessmentOutcome, RequestOutcome
from ehcplan.timeline.grounds import Limit

__all__ = [
    "WEEK20_DECIDED_BY",
    "WEEK20_EVIDENCE",
    "Personal",
    "RequestFacts",
    "Sen2Record",
    "case_to_record",
    "record_of",
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


@attrs.frozen(kw_only=True)
class RequestFacts:
    """The facts of one request that its SEN2 record is written from, however they were kept.

    A case's log (`case_to_record`) and a simulated journey
    (`ehcplan.sim.Run.sen2_records`) are both reduced to these facts, and
    `record_of` writes the record: one mapping from a request to SEN2.

    Attributes:
        reference: The request's id (``RequestID``).
        received_on: When the request was received.
        source: Who made it.
        decided_on: The first decision whether to assess, if made.
        assessed: Whether an assessment was carried out, including after a refusal
            was overturned (by the authority or a Tribunal order to assess).
        appealed: Whether a refusal to assess was appealed to the Tribunal.
        plan_decided_on: The latest decision whether to issue a plan, if made.
        plan: That decision: True to issue, False not to (None if not made).
        withdrawn_on: When the request was withdrawn, if it was.
        exception: Whether a ground disapplying the 20-week limit is recorded.
        issued_on: When the final plan was issued.
        ceased_on: When the plan ceased.
        cease_reason: Why.
        request_mediation: Whether mediation followed the decision whether to assess.
        assessment_mediation: Whether mediation followed the decision whether to
            issue a plan, or the plan.
        assessment_appealed: Whether that decision, or the plan, was appealed.
        personal_budget: Whether the plan has a personal budget (None if not known).
        organised_arrangement: Whether part of it is an arrangement (a notional budget).
        direct_payment: Whether part of it is paid as direct payments (directly or
            through a third party).
        residential_weeks: The weeks a year of a residential placement the plan
            names (None if none).
    """

    reference: str
    received_on: dt.date
    source: c.RequestSource | None = None
    decided_on: dt.date | None = None
    assessed: bool = False
    appealed: bool = False
    plan_decided_on: dt.date | None = None
    plan: bool | None = None
    withdrawn_on: dt.date | None = None
    exception: bool = False
    issued_on: dt.date | None = None
    ceased_on: dt.date | None = None
    cease_reason: c.CeaseReason | None = None
    request_mediation: bool = False
    assessment_mediation: bool = False
    assessment_appealed: bool = False
    personal_budget: bool | None = None
    organised_arrangement: bool | None = None
    direct_payment: bool | None = None
    residential_weeks: int | None = None


def _plan_res(weeks: int | None) -> str | None:
    """SEN2 ``PlanRes`` for a residential placement of *weeks* a year: A 38-51, B 52."""
    if weeks is None:
        return None
    return "B" if weeks >= 52 else "A"


def record_of(facts: RequestFacts) -> Sen2Record:
    """The SEN2 request record of *facts*.

    - ``RequestOutcome`` is the decision whether to assess, at the date of the
      first decision: assess (``A``) when an assessment was carried out, even
      after a refusal that a Tribunal order or the authority overturned (SEN2 has
      no item for the order; ``RequestTribunal`` says a refusal was appealed), not
      assess otherwise; withdrawn when withdrawn before any decision.
    - ``AssessmentOutcome`` is the latest decision whether to issue a plan, or
      withdrawn when the request was withdrawn after the decision to assess.
    - ``Week20`` is 1 when a ground disapplies the 20-week limit, 0 when the
      assessment reached a decision whether to issue a plan without one (a "no
      plan" decision included), and blank otherwise.
    - ``RequestMediation`` and ``RequestTribunal`` are said once the decision
      whether to assess is made, ``AssessmentMediation`` and
      ``AssessmentTribunal`` once the decision whether to issue a plan is;
      ``PB``, ``OA`` and ``DP`` once a plan is issued, when known; ``PlanRes``,
      once a plan is issued, is A for a residential placement of 38 to 51 weeks
      a year, B for 52.

    Examples:
        >>> facts = RequestFacts(
        ...     reference="R1", received_on=dt.date(2024, 9, 2),
        ...     decided_on=dt.date(2024, 10, 7), assessed=True,
        ...     plan_decided_on=dt.date(2024, 12, 12), plan=False)
        >>> record = record_of(facts)
        >>> record.request_outcome, record.assessment_outcome, record.week20
        (<RequestOutcome.ASSESS: 'A'>, <AssessmentOutcome.NO_PLAN: 'N'>, False)
    """
    f = facts
    request_outcome: RequestOutcome | None = None
    request_date = f.decided_on
    if f.decided_on is not None:
        request_outcome = (
            RequestOutcome.ASSESS if f.assessed else RequestOutcome.NOT_ASSESS
        )
    elif f.withdrawn_on is not None:
        request_outcome, request_date = RequestOutcome.WITHDRAWN, f.withdrawn_on
    assessment_outcome: AssessmentOutcome | None = None
    assessment_date: dt.date | None = None
    if f.withdrawn_on is not None and f.decided_on is not None:
        assessment_outcome, assessment_date = (
            AssessmentOutcome.WITHDRAWN,
            f.withdrawn_on,
        )
    elif f.plan is not None:
        assessment_outcome = (
            AssessmentOutcome.PLAN if f.plan else AssessmentOutcome.NO_PLAN
        )
        assessment_date = f.plan_decided_on
    week20: bool | None = None
    if f.exception:
        week20 = True
    elif assessment_outcome in (AssessmentOutcome.PLAN, AssessmentOutcome.NO_PLAN):
        week20 = False
    return Sen2Record(
        request_id=f.reference,
        received_date=f.received_on,
        request_source=f.source,
        request_outcome=request_outcome,
        request_outcome_date=request_date,
        request_mediation=None if f.decided_on is None else f.request_mediation,
        request_tribunal=None if f.decided_on is None else f.appealed,
        assessment_outcome=assessment_outcome,
        assessment_outcome_date=assessment_date,
        assessment_mediation=None if f.plan is None else f.assessment_mediation,
        assessment_tribunal=None if f.plan is None else f.assessment_appealed,
        week20=week20,
        start_date=f.issued_on,
        plan_res=None if f.issued_on is None else _plan_res(f.residential_weeks),
        pb=None if f.issued_on is None else f.personal_budget,
        oa=None if f.issued_on is None else f.organised_arrangement,
        dp=None if f.issued_on is None else f.direct_payment,
        cease_date=f.ceased_on,
        cease_reason=f.cease_reason,
    )


def case_to_record(case: c.Case) -> Sen2Record:
    """The SEN2 items a case carries (the inverse of `record_to_case`), by `record_of`.

    Examples:
        >>> case = c.Case(reference="R2", received_on=dt.date(2024, 9, 2))
        >>> case = case.record(c.AssessmentDecision(on=dt.date(2024, 10, 1), assess=False))
        >>> record = case_to_record(case)
        >>> record.request_outcome, record.request_outcome_date
        (<RequestOutcome.NOT_ASSESS: 'N'>, datetime.date(2024, 10, 1))
    """
    decided_on: dt.date | None = None
    assessed = appealed = refused = False
    assessment_appealed = False
    # Mediation after the decision whether to assess, and after the plan decision.
    request_step, assessment_step = _Mediation(), _Mediation()
    plan: bool | None = None
    plan_decided_on: dt.date | None = None
    for event in case.events:
        if isinstance(event, c.AssessmentDecision):
            decided_on = decided_on or event.on
            assessed = assessed or event.assess
            refused = not event.assess
        elif isinstance(event, _MEDIATION_STEPS):
            if plan is not None:
                assessment_step.add(event)
            elif refused and not assessed:
                request_step.add(event)
        elif isinstance(event, c.AppealRegistered) and plan is not None:
            assessment_appealed = True
        elif isinstance(event, c.AppealRegistered) and refused and not assessed:
            appealed = True
        elif isinstance(event, c.TribunalDecision) and (
            event.order is c.TribunalOrder.ASSESS
        ):
            assessed, refused = True, False
        elif isinstance(event, c.IssueDecision):
            plan, plan_decided_on = event.issue, event.on
        elif isinstance(event, c.TribunalDecision) and (
            event.order is c.TribunalOrder.MAKE_PLAN
        ):
            plan = True
    withdrawn = case.first(c.RequestWithdrawn)
    final = case.first(c.FinalPlanIssued)
    ceased = case.first(c.PlanCeased)
    budget, weeks = _budget_and_placement(case)
    return record_of(
        RequestFacts(
            reference=case.reference,
            received_on=case.received_on,
            source=case.source,
            decided_on=decided_on,
            assessed=assessed,
            appealed=appealed,
            plan_decided_on=plan_decided_on,
            plan=plan,
            withdrawn_on=None if withdrawn is None else withdrawn.on,
            exception=bool(case.grounds_for(Limit.FINAL_PLAN)),
            issued_on=None if final is None else final.on,
            ceased_on=None if ceased is None else ceased.on,
            cease_reason=None if ceased is None else ceased.reason,
            request_mediation=request_step.took_place,
            assessment_mediation=assessment_step.took_place,
            assessment_appealed=assessment_appealed,
            personal_budget=None if budget is None else bool(budget),
            organised_arrangement=None
            if budget is None
            else any(p.mechanism is Mechanism.ARRANGEMENT for p in budget),
            direct_payment=None
            if budget is None
            else any(p.mechanism is not Mechanism.ARRANGEMENT for p in budget),
            residential_weeks=weeks,
        )
    )


_MEDIATION_STEPS = (
    c.MediationRequested,
    c.MediationPursued,
    c.MediationCertificateIssued,
    c.MediationHeld,
    c.MediationAgreed,
    c.MediationDeclined,
    c.MediationNotPossible,
)


@attrs.define
class _Mediation:
    """The mediation steps a case records after one decision, read as SEN2's yes or no.

    Mediation took place if a meeting or an agreement is recorded. A log
    that records only the family's contact with the adviser, its wish to
    mediate or a certificate (as logs written before the mediation steps
    became events do) counts as mediation unless it also records that the
    family declined it or that it could not take place (SI 2014/1530
    regs 34(1), 37).

    Examples:
        >>> on = dt.date(2025, 3, 3)
        >>> step = _Mediation()
        >>> step.add(c.MediationRequested(on=on))
        >>> step.took_place
        True
        >>> step.add(c.MediationDeclined(on=on))
        >>> step.took_place
        False
    """

    asked: bool = False
    held: bool = False
    not_held: bool = False

    def add(self, event: c.Event) -> None:
        """Take one mediation step into account."""
        if isinstance(event, c.MediationHeld | c.MediationAgreed):
            self.held = True
        elif isinstance(event, c.MediationDeclined | c.MediationNotPossible):
            self.not_held = True
        else:
            self.asked = True

    @property
    def took_place(self) -> bool:
        """Whether SEN2 should say that mediation followed the decision."""
        return self.held or (self.asked and not self.not_held)


def _budget_and_placement(case: c.Case) -> tuple[tuple[Part, ...] | None, int | None]:
    """A case's latest personal budget, and the weeks a year of its latest placement.

    The budget is the parts its latest decision agreed (empty if refused; None if
    no decision is recorded); the placement, the latest jointly funded placement
    the Access to Resources panel decided (None if none).
    """
    budget: tuple[Part, ...] | None = None
    weeks: int | None = None
    for event in case.events:
        if isinstance(event, c.BudgetDecided | c.BudgetReviewDecided):
            budget = event.parts if event.agreed else ()
        elif isinstance(event, c.AccessToResourcesDecision):
            weeks = event.weeks_per_year
    return budget, weeks
