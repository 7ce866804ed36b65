"""The clock report: every statutory deadline of one case, as it stood on a date.

For a `Case` and a date, `clock_report` lists each deadline that applies, with
its trigger, due date, status, days remaining or days late, and citation, as a
table for people (`ClockReport.table`) and as JSON-ready data for systems
(`ClockReport.to_dict`). Only what was recorded on or before the date counts,
so a report for a past date shows what a caseworker would have seen then.

Statuses:

* **met**: done on or before the due date;
* **met late**: done after it;
* **due** / **due soon**: not done, and the due date has not passed (due soon
  within `due_soon_days`, 14 by default);
* **overdue**: not done, and the due date has passed;
* **limit disapplied**: late or still open, and an exception ground recorded
  against that limit disapplies it; the duty is "as soon as practicable". A
  ground never moves the due date, which is still shown.

Which deadlines apply: the 6-week decision always; the 6-week advice limit for
each request for advice; the 16-week limit only once a decision not to issue is
made; the 20-week limit once the authority decided to assess (unless it decided
not to issue); the 15 days for representations from each draft; 15 days for
each school consulted (guidance); the annual review, within the 12 months
starting with the plan being made or last reviewed (strict reading); the 4-week
review decision after each review meeting; 8 weeks for the amended plan after a
decision or order to amend; the family's appeal window after each appealable
decision (CFA 2014 s51(2): a refusal to assess, no plan, a final or amended
plan, a decision after a review not to amend, ceasing) while it is open or once
an appeal is registered against it, a mediation certificate extending only the
window of the decision it concerns. A ground recorded against the advice
limit covers every request for advice on the case.

The deadlines of mediation (the certificates, the mediation within 30 days,
the commissioning bodies told), of a Tribunal order (reg 44), of an agreement
at mediation (reg 42) and of an unopposed appeal (reg 45) come from
`ehcplan.cases.compliance`; an order or agreement to assess or to make a plan,
or an unopposed appeal against a refusal to assess, replaces the 16 and 20
weeks with its own limits. For each exception ground recorded, the report also
says whether the facts recorded on the case support it
(`ClockReport.grounds`, from `ehcplan.cases.ground_facts`).

The deadlines the seeds' decisions, meetings and documents set running (the
family meeting, panel meetings and records, direct-payment monitoring, the
placement review, a review's notice and report) come from
`ehcplan.cases.duties`; those set by the authority's own practice need its
policy (``policy=``).

The periods are the national timeline's (`ehcplan.timeline.table`); this
module only reads the case's log to find what triggered each one.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ehcplan.cases import compliance, duties, ground_facts
from ehcplan.cases import events as c
from ehcplan.cases.case import Case
from ehcplan.cases.log import Stage, appealable
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock
from ehcplan.timeline.grounds import Limit
from ehcplan.timeline.tribunal import appeal_deadline

if TYPE_CHECKING:
    from ehcplan.policy import LocalPolicy

__all__ = ["ClockReport", "Deadline", "Status", "clock_report"]

_E = TypeVar("_E", bound=c.Event)


class Status(enum.Enum):
    """Where a deadline stands on the report's date."""

    MET = "met"
    """Done on or before the due date."""
    MET_LATE = "met late"
    """Done after the due date."""
    DUE = "due"
    """Not yet done; the due date is more than `due_soon_days` away."""
    DUE_SOON = "due soon"
    """Not yet done; the due date is within `due_soon_days`."""
    OVERDUE = "overdue"
    """Not done, and the due date has passed."""
    DISAPPLIED = "limit disapplied"
    """Late or open, but a recorded exception ground disapplies the limit."""


@attrs.frozen(kw_only=True)
class Deadline:
    """One deadline of a case on the report's date.

    Attributes:
        clock: The statutory clock.
        trigger: The date the clock started.
        due: The last day in time (the end of the period, for a period given to
            the family).
        status: Where it stands.
        done_on: When it was done, if it was.
        days_remaining: Days from the report's date to the due date, if open and
            not yet due.
        days_late: Days past the due date (when done, or on the report's date).
        ground: The exception ground recorded against the limit, if one applies.
        owner: Who must act (the clock's duty-holder, or the panel).
    """

    clock: Clock
    trigger: dt.date
    due: dt.date
    status: Status
    done_on: dt.date | None = None
    days_remaining: int | None = None
    days_late: int | None = None
    ground: c.ExceptionGroundRecorded | None = None
    owner: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        ground = self.ground
        return {
            "clock": self.clock.name,
            "cites": self.clock.cites,
            "rule": self.clock.describe(),
            "trigger": self.trigger.isoformat(),
            "due": self.due.isoformat(),
            "status": self.status.value,
            "done_on": None if self.done_on is None else self.done_on.isoformat(),
            "days_remaining": self.days_remaining,
            "days_late": self.days_late,
            "owner": self.owner or self.clock.duty_holder,
            "ground": None
            if ground is None
            else {
                "ground": None if ground.ground is None else ground.ground.value,
                "recorded_on": ground.on.isoformat(),
                "evidence": ground.evidence,
                "decided_by": ground.decided_by,
            },
        }


@attrs.frozen(kw_only=True)
class ClockReport:
    """Every deadline of one case on one date, soonest due first.

    Attributes:
        reference: The case.
        on: The report's date.
        stage: Where the case stands.
        deadlines: Every deadline, soonest due first.
        grounds: For each exception ground recorded, whether the facts recorded
            on the case support it, with the reasons (`ehcplan.cases.ground_facts`).
            The statuses follow the grounds recorded, whatever the check says.
    """

    reference: str
    on: dt.date
    stage: Stage
    deadlines: tuple[Deadline, ...]
    grounds: tuple[ground_facts.GroundCheck, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the case, the date, the stage, each deadline and ground."""
        return {
            "reference": self.reference,
            "on": self.on.isoformat(),
            "stage": self.stage.value,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "grounds": [g.to_dict() for g in self.grounds],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(), indent=indent)

    def table(self) -> str:
        """The report as a plain-text table for people."""
        lines = [
            f"Case {self.reference} on {self.on.isoformat()}: {self.stage.value}",
            f"  {'due':<10}  {'status':<16}  {'days':>5}  {'deadline':<32}  provision",
        ]
        for d in self.deadlines:
            days = (
                f"+{d.days_late}"
                if d.days_late
                else ""
                if d.days_remaining is None
                else str(d.days_remaining)
            )
            lines.append(
                f"  {d.due.isoformat():<10}  {d.status.value:<16}  {days:>5}  "
                f"{d.clock.name:<32}  {d.clock.cites}"
            )
        if self.grounds:
            lines.append("Exception grounds recorded, and the facts behind them:")
            lines += ["  " + g.explain().replace("\n", "\n  ") for g in self.grounds]
        return "\n".join(lines)


def _deadline(
    clock: Clock,
    trigger: dt.date,
    done_on: dt.date | None,
    *,
    on: dt.date,
    ground: c.ExceptionGroundRecorded | None,
    due_soon_days: int,
    due: dt.date | None = None,
    owner: str | None = None,
) -> Deadline:
    deadline = _status(
        clock,
        trigger,
        done_on,
        on=on,
        ground=ground,
        due_soon_days=due_soon_days,
        due=due,
    )
    return attrs.evolve(deadline, owner=owner or clock.duty_holder)


def _status(
    clock: Clock,
    trigger: dt.date,
    done_on: dt.date | None,
    *,
    on: dt.date,
    ground: c.ExceptionGroundRecorded | None,
    due_soon_days: int,
    due: dt.date | None,
) -> Deadline:
    due = _last_day(clock, trigger) if due is None else due
    if done_on is not None:
        late = max(0, (done_on - due).days)
        status = Status.MET_LATE if late else Status.MET
        if late and ground:
            status = Status.DISAPPLIED
        return Deadline(
            clock=clock,
            trigger=trigger,
            due=due,
            status=status,
            done_on=done_on,
            days_late=late or None,
            ground=ground if late else None,
        )
    remaining = (due - on).days
    if remaining < 0:
        status = Status.DISAPPLIED if ground else Status.OVERDUE
        return Deadline(
            clock=clock,
            trigger=trigger,
            due=due,
            status=status,
            days_late=-remaining,
            ground=ground,
        )
    return Deadline(
        clock=clock,
        trigger=trigger,
        due=due,
        status=Status.DUE_SOON if remaining <= due_soon_days else Status.DUE,
        days_remaining=remaining,
        ground=ground,
    )


def _concerning(case: Case) -> dict[int, c.Event]:
    """For each mediation or appeal event (by position), the decision it concerns.

    An event naming ``decision_on`` concerns the appealable decision of that
    day; one naming none concerns the latest appealable decision before it.
    """
    about: dict[int, c.Event] = {}
    decisions: list[c.Event] = []
    for index, event in enumerate(case.events):
        if isinstance(
            event,
            c.MediationRequested | c.MediationCertificateIssued | c.AppealRegistered,
        ):
            wanted = event.decision_on
            match = next(
                (d for d in reversed(decisions) if wanted is None or d.on == wanted),
                None,
            )
            if match is not None:
                about[index] = match
        if appealable(event):
            decisions.append(event)
    return about


def _appeal_windows(
    case: Case, on: dt.date, deadlines: list[Deadline], due_soon_days: int
) -> None:
    """Add the family's appeal window after each appealable decision, while open.

    The window closes 2 months after the decision (or 1 month after a mediation
    certificate about that decision, if later), moved by the Tribunal's r.12; it
    is shown while open, or when an appeal was registered against that decision.
    """
    events = case.events
    about = _concerning(case)
    for decision in events:
        if not appealable(decision):
            continue
        certificate = next(
            (
                e.on
                for i, e in enumerate(events)
                if isinstance(e, c.MediationCertificateIssued)
                and about.get(i) is decision
            ),
            None,
        )
        appealed = next(
            (
                e.on
                for i, e in enumerate(events)
                if isinstance(e, c.AppealRegistered) and about.get(i) is decision
            ),
            None,
        )
        due = _appeal_due(decision.on, certificate)
        if appealed is None and due < on:
            continue
        deadlines.append(
            _deadline(
                table.APPEAL,
                decision.on,
                appealed,
                on=on,
                ground=None,
                due_soon_days=due_soon_days,
                due=due,
            )
        )


@functools.lru_cache(maxsize=65_536)
def _last_day(clock: Clock, trigger: dt.date) -> dt.date:
    """`clock.last_day`, remembered: a caseload repeats the same triggers."""
    return clock.last_day(trigger)


@functools.lru_cache(maxsize=65_536)
def _appeal_due(decision_on: dt.date, certificate_on: dt.date | None) -> dt.date:
    """`appeal_deadline(...).due`, remembered: decisions share their dates."""
    return appeal_deadline(decision_on, certificate_issued_on=certificate_on).due


def _first_after(events: Sequence[c.Event], after: dt.date) -> dt.date | None:
    return next((e.on for e in events if e.on >= after), None)


def clock_report(  # noqa: C901 - one block per kind of deadline reads best
    case: Case,
    *,
    on: dt.date,
    due_soon_days: int = 14,
    policy: LocalPolicy | None = None,
) -> ClockReport:
    """Every deadline of *case* as it stood on *on*, statutory and the seeds'.

    Args:
        case: The case.
        on: The report's date; events recorded after it are ignored.
        due_soon_days: How close a due date must be to count as "due soon".
        policy: The authority's policy, for the deadlines its practice sets
            (panel meetings and records, the placement review, local
            monitoring intervals); without it those are left out.

    Raises:
        InvalidInput: If *on* is before the request was received: no clock had started.
        NotFound: If the case names a panel *policy* does not have.

    Examples:
        A request received on Monday 2 September 2024, decided on 7 October:

        >>> case = Case(reference="EHC-1", received_on=dt.date(2024, 9, 2))
        >>> case = case.record(c.AssessmentDecision(on=dt.date(2024, 10, 7), assess=True))
        >>> report = clock_report(case, on=dt.date(2025, 1, 10))
        >>> for d in report.deadlines:
        ...     print(d.due, d.status.value, d.days_remaining, d.clock.cites)
        2024-10-14 met None SI 2014/1530 reg 5(1)
        2025-01-20 due soon 10 SI 2014/1530 reg 13(2)
    """
    on = to_date(on, field="on")
    if on < case.received_on:
        msg = (
            f"case {case.reference}: the report's date {on.isoformat()} is before the "
            f"request was received ({case.received_on.isoformat()}), when no clock had "
            "started; report on that date or later."
        )
        raise InvalidInput(msg, field="on")
    seen = case
    if case.events and case.events[-1].on > on:  # the log is in date order
        seen = Case(
            reference=case.reference,
            received_on=case.received_on,
            source=case.source,
            events=[e for e in case.events if e.on <= on],
        )

    index: dict[type[c.Event], list[Any]] = {}
    for event in seen.events:
        index.setdefault(type(event), []).append(event)

    def of(event_type: type[_E]) -> list[_E]:
        return index.get(event_type, [])

    latest_ground: dict[Limit, c.ExceptionGroundRecorded] = {
        g.limit: g for g in of(c.ExceptionGroundRecorded)
    }

    def make(clock: Clock, trigger: dt.date, done_on: dt.date | None) -> Deadline:
        ground = None if clock.limit is None else latest_ground.get(clock.limit)
        return _deadline(
            clock, trigger, done_on, on=on, ground=ground, due_soon_days=due_soon_days
        )

    received = seen.received_on
    deadlines: list[Deadline] = []
    decision = next(
        (
            e
            for e in seen.events
            if isinstance(e, c.AssessmentDecision | c.RequestWithdrawn)
        ),
        None,
    )
    if decision is None or isinstance(decision, c.AssessmentDecision):
        decided_on = None if decision is None else decision.on
        deadlines.append(make(table.DECISION_TO_ASSESS, received, decided_on))
    for asked in of(c.AdviceRequested):
        answered = next(
            (
                e.on
                for e in of(c.AdviceReceived)
                if e.source is asked.source and e.on >= asked.on
            ),
            None,
        )
        deadlines.append(make(table.ADVICE, asked.on, answered))
    latest = of(c.IssueDecision)[-1] if of(c.IssueDecision) else None
    no_plan = latest if latest is not None and not latest.issue else None
    assessed = any(e.assess for e in of(c.AssessmentDecision))
    disputed = not index.keys().isdisjoint(compliance.TRIGGERS)
    if not (disputed and compliance.replaces_initial_limits(seen)):
        if no_plan is not None:
            deadlines.append(make(table.NO_PLAN_NOTICE, received, no_plan.on))
        elif assessed and seen.stage is not Stage.WITHDRAWN:
            finals = of(c.FinalPlanIssued)
            issued_on = finals[0].on if finals else None
            deadlines.append(make(table.FINAL_PLAN, received, issued_on))
    for draft in of(c.DraftServed):
        period_end = _last_day(table.REPRESENTATIONS, draft.on)
        deadlines.append(
            make(
                table.REPRESENTATIONS, draft.on, period_end if period_end < on else None
            )
        )
    for consulted in of(c.SchoolConsulted):
        reply = next(
            (
                e.on
                for e in of(c.SchoolResponded)
                if e.institution == consulted.institution and e.on >= consulted.on
            ),
            None,
        )
        deadlines.append(make(table.SCHOOL_CONSULTATION, consulted.on, reply))
    finals = of(c.FinalPlanIssued)
    if finals:
        anchor = finals[0].on
        for review in of(c.ReviewDecision):
            deadlines.append(make(table.ANNUAL_REVIEW, anchor, review.on))
            anchor = review.on
        if seen.stage is Stage.PLAN_IN_PLACE:
            deadlines.append(make(table.ANNUAL_REVIEW, anchor, None))
    _appeal_windows(seen, on, deadlines, due_soon_days)
    for meeting in of(c.ReviewMeetingHeld):
        decided = _first_after(of(c.ReviewDecision), meeting.on)
        deadlines.append(make(table.REVIEW_DECISION, meeting.on, decided))
    for review in of(c.ReviewDecision):
        if review.outcome is c.ReviewOutcome.AMEND:
            issued = _first_after(of(c.AmendedPlanIssued), review.on)
            deadlines.append(make(table.AMENDED_PLAN, review.on, issued))
    found = duties.duties(seen, policy=policy)
    if disputed:
        found += compliance.duties(seen)
    for duty in found:
        ground = (
            None if duty.clock.limit is None else latest_ground.get(duty.clock.limit)
        )
        deadlines.append(
            _deadline(
                duty.clock,
                duty.trigger,
                duty.done_on,
                on=on,
                ground=ground,
                due_soon_days=due_soon_days,
                due=duty.due,
                owner=duty.owner,
            )
        )
    deadlines.sort(key=lambda d: (d.due, d.clock.name))
    return ClockReport(
        reference=seen.reference,
        on=on,
        stage=seen.stage,
        deadlines=tuple(deadlines),
        grounds=ground_facts.ground_checks(seen)
        if c.ExceptionGroundRecorded in index
        else (),
    )
