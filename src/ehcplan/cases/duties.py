"""The deadlines that follow from the seeds' decisions, meetings and documents.

The clock report (`ehcplan.cases.clock_report`) lists the statutory clocks of
the process; this module adds what else a case's log sets running:

* **the family meeting and the written decision** when a panel does not agree
  a plan, both within 16 weeks of the request (seed 000, on the reg 10 clock);
* **the annual review's notice and advice**, at least 2 weeks before a review
  meeting arranged (SI 2014/1530 regs 20(3), 20(4)), **the setting told its
  indicative resource** ahead of a review for which the RAS is scored again
  (seed 001), and **the review report** within 2 weeks of the meeting
  (reg 20(7); shown until the review is decided, or when the report is recorded);
* **direct-payment monitoring**: within 3 months of the first payment, then
  yearly, and on any change of services (seed 002; SI 2014/1652 reg 11), on the
  authority's own intervals when its policy sets them;

and, when the authority's policy is given (its panels and funding terms):

* **the panel meeting a referral reaches**, given the cut-off (seed 004
  para 3.7), and again after a deferral;
* **the written record of each meeting's decisions** (seed 004 para 3.9);
* **the panel that must confirm emergency funding** agreed by its chair
  (seed 004 para 3.6);
* **the placement review**, 6 months from the date of placement or earlier
  after a report of disruption (seed 004 para 4.4), and again after each review.

Local practice is never guessed: a deadline set by the authority's policy is
listed only when the policy is given. Each comes as a `Duty` (the clock, its
trigger, when it was done, the due date when it is not the clock's own), which
the report turns into a `Deadline` with its status.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ehcplan import dates
from ehcplan.cases import events as c
from ehcplan.cases.meetings import (
    DocumentKind,
    DocumentSent,
    MeetingArranged,
    MeetingHeld,
    MeetingKind,
)
from ehcplan.cases.ras_steps import RasOccasion, RasScored
from ehcplan.errors import InvalidInput
from ehcplan.money import Money
from ehcplan.timeline import table
from ehcplan.timeline.clocks import Clock, Counting, Direction, Unit

if TYPE_CHECKING:
    from ehcplan.cases.case import Case
    from ehcplan.policy import LocalPolicy, PanelPolicy

__all__ = [
    "FAMILY_MEETING",
    "INDICATIVE_RESOURCE",
    "WRITTEN_DECISION",
    "Duty",
    "duties",
]

FAMILY_MEETING = attrs.evolve(
    table.NO_PLAN_NOTICE,
    name="family meeting",
    duty="hold a family meeting explaining a decision not to issue a plan",
    duty_holder="the EHC inclusion officer",
    cites="seed 000 (resource allocation panel); SI 2014/1530 reg 10(1)",
    limit=None,
    binding=False,
)
"""Seed 000: "arrange a family meeting ... within 16 weeks of the original request"
(the period is reg 10's, `table.NO_PLAN_NOTICE`)."""

WRITTEN_DECISION = attrs.evolve(
    table.NO_PLAN_NOTICE,
    name="written decision and summary",
    duty="give the decision not to issue in writing, with a summary of the "
    "assessment and information about mediation, appeals and complaints",
    cites="seed 000 (resource allocation panel); SI 2014/1530 reg 10(1)",
    limit=None,
)
"""Seed 000: the decision "given in writing ... along with a summary of the outcomes"."""

INDICATIVE_RESOURCE = Clock(
    name="indicative resource to the setting",
    length=1,
    unit=Unit.DAYS,
    direction=Direction.BEFORE,
    trigger="the annual review meeting",
    duty="notify the setting of the indicative resource",
    duty_holder="the case co-ordinator",
    cites='seed 001 (RAS): "notify setting of indicative resource ahead of AR"',
    binding=False,
)
"""Seed 001: the case co-ordinator tells the setting the indicative resource before the review."""


@attrs.frozen(kw_only=True)
class Duty:
    """One deadline a case's log sets running, before its status is worked out.

    Attributes:
        clock: The rule.
        trigger: The date that started it.
        done_on: When it was done, if it was.
        due: The due date, when it is not ``clock.last_day(trigger)``.
        owner: Who must act, when more precise than the clock's duty-holder.
    """

    clock: Clock
    trigger: dt.date
    done_on: dt.date | None
    due: dt.date | None = None
    owner: str | None = None


def _first(
    events: Sequence[c.Event], after: dt.date, test: Any = None
) -> dt.date | None:
    return next(
        (e.on for e in events if e.on >= after and (test is None or test(e))), None
    )


def _local_clock(
    name: str, days: int, *, trigger: str, duty: str, holder: str, cites: str
) -> Clock:
    """A clock of the authority's practice, *days* after its trigger (0: the day itself)."""
    if days == 0:
        return Clock(
            name=name,
            length=1,
            unit=Unit.DAYS,
            counting=Counting.BEGINNING_WITH,
            trigger=trigger,
            duty=duty,
            duty_holder=holder,
            cites=cites,
            binding=False,
        )
    return Clock(
        name=name,
        length=days,
        unit=Unit.DAYS,
        trigger=trigger,
        duty=duty,
        duty_holder=holder,
        cites=cites,
        binding=False,
    )


def duties(case: Case, *, policy: LocalPolicy | None = None) -> list[Duty]:
    """Every deadline of this module's kinds that the log of *case* sets running.

    Raises:
        NotFound: If the case names a panel the policy does not have.
    """
    found: list[Duty] = []
    events = case.events
    found += _no_plan(case)
    found += _reviews(events)
    found += _direct_payments(events, policy)
    if policy is not None:
        found += _panels(events, policy)
        found += _placements(case, policy)
    return found


def _no_plan(case: Case) -> list[Duty]:
    """Seed 000's family meeting and written decision, after a panel did not agree a plan.

    They follow the resource allocation panel's decision, so a log with only the
    reg 10 notice (as a SEN2 return records it) sets none running: the notice
    is the statutory clock's, and the return cannot record the meeting.
    """
    events = case.events
    refused = next(
        (
            e
            for e in events
            if e.kind == "panel_plan_decision" and not getattr(e, "agreed", True)
        ),
        None,
    )
    if refused is None:
        return []

    def sent(kind: DocumentKind) -> dt.date | None:
        return _first(
            events,
            refused.on,
            lambda e: isinstance(e, DocumentSent) and e.document is kind,
        )

    met = _first(
        events,
        refused.on,
        lambda e: (
            isinstance(e, MeetingHeld) and e.meeting is MeetingKind.FAMILY_MEETING
        ),
    )
    return [
        Duty(clock=FAMILY_MEETING, trigger=case.received_on, done_on=met),
        Duty(
            clock=WRITTEN_DECISION,
            trigger=case.received_on,
            done_on=sent(DocumentKind.WRITTEN_DECISION),
        ),
    ]


def _reviews(events: Sequence[c.Event]) -> list[Duty]:
    found: list[Duty] = []
    for index, event in enumerate(events):
        later = events[index + 1 :]
        if (
            isinstance(event, MeetingArranged)
            and event.meeting is MeetingKind.ANNUAL_REVIEW
        ):
            meeting = event.meeting_on
            advice = next(
                (
                    e.on
                    for e in later
                    if isinstance(e, DocumentSent)
                    and e.document is DocumentKind.REVIEW_ADVICE
                ),
                None,
            )
            found += [
                Duty(clock=table.REVIEW_NOTICE, trigger=meeting, done_on=event.on),
                Duty(clock=table.REVIEW_ADVICE, trigger=meeting, done_on=advice),
            ]
            since = _last_review(events[:index])
            rescored = any(
                isinstance(e, RasScored)
                and e.occasion is RasOccasion.KEY_STAGE_REVIEW
                and since <= e.on <= meeting
                for e in events
            )
            if rescored:
                told = next(
                    (
                        e.on
                        for e in events
                        if isinstance(e, DocumentSent)
                        and e.document is DocumentKind.INDICATIVE_RESOURCE
                        and e.on >= since
                    ),
                    None,
                )
                found.append(
                    Duty(clock=INDICATIVE_RESOURCE, trigger=meeting, done_on=told)
                )
        if isinstance(event, c.ReviewMeetingHeld):
            report = next(
                (
                    e.on
                    for e in later
                    if isinstance(e, DocumentSent)
                    and e.document is DocumentKind.REVIEW_REPORT
                ),
                None,
            )
            decided = any(isinstance(e, c.ReviewDecision) for e in later)
            # A record that keeps no review reports has no report to show once
            # the authority has decided on the review.
            if report is not None or not decided:
                found.append(
                    Duty(clock=table.REVIEW_REPORT, trigger=event.on, done_on=report)
                )
    return found


def _last_review(events: Sequence[c.Event]) -> dt.date:
    """The day of the last review decision in *events* (or the earliest date)."""
    decided = [e.on for e in events if isinstance(e, c.ReviewDecision)]
    return decided[-1] if decided else dt.date.min


def _direct_payments(
    events: Sequence[c.Event], policy: LocalPolicy | None
) -> list[Duty]:
    started = next((e for e in events if e.kind == "direct_payments_started"), None)
    if started is None:
        return []
    first_months = table.PERSONAL_BUDGET_FIRST_REVIEW.length
    every = table.PERSONAL_BUDGET_REVIEW.length
    cites_first, cites_yearly = (
        table.PERSONAL_BUDGET_FIRST_REVIEW,
        table.PERSONAL_BUDGET_REVIEW,
    )
    if policy is not None and policy.personal_budgets is not None:
        local = policy.personal_budgets
        if (local.first_monitoring_months, local.monitoring_interval_months) != (
            first_months,
            every,
        ):
            if (
                local.first_monitoring_months > first_months
                or local.monitoring_interval_months > every
            ):
                msg = (
                    "the policy reviews direct payments later than the law allows "
                    f"({table.PERSONAL_BUDGET_FIRST_REVIEW.describe()}); correct it in "
                    "the policy file"
                )
                raise InvalidInput(msg, field="policy")
            first_months, every = (
                local.first_monitoring_months,
                local.monitoring_interval_months,
            )
            cites_first = attrs.evolve(
                cites_first,
                length=first_months,
                cites=f"{local.reference} (local intervals)",
            )
            cites_yearly = attrs.evolve(
                cites_yearly, length=every, cites=f"{local.reference} (local intervals)"
            )
    done = [e.on for e in events if e.kind == "direct_payments_reviewed"]
    found: list[Duty] = []

    def take(after: dt.date) -> dt.date | None:
        for day in done:
            if day >= after:
                done.remove(day)
                return day
        return None

    change_clock = _local_clock(
        "direct-payment review after a change",
        0,
        trigger="a change of the services the direct payments buy",
        duty="review the making and use of direct payments",
        holder="the local authority",
        cites="seed 002 (personal budgets: review monitoring)",
    )
    # A review done after a change of services answers that change first.
    for change in (e for e in events if e.kind == "budget_services_changed"):
        found.append(
            Duty(clock=change_clock, trigger=change.on, done_on=take(change.on))
        )
    first = started.on
    due = dates.add_months(first, first_months)
    found.append(Duty(clock=cites_first, trigger=first, done_on=take(first), due=due))
    count = 1
    while True:
        due = dates.add_months(first, count * every)
        previous = dates.add_months(first, (count - 1) * every)
        done_on = take(previous)
        found.append(
            Duty(clock=cites_yearly, trigger=previous, done_on=done_on, due=due)
        )
        if done_on is None:
            break
        count += 1
    return found


def _panel(policy: LocalPolicy, panel_id: str) -> PanelPolicy:
    return policy.panel(panel_id)


def _panels(events: Sequence[c.Event], policy: LocalPolicy) -> list[Duty]:
    from ehcplan.panels import next_meeting

    found: list[Duty] = []
    decision_kinds = {
        "assessment_decision",
        "issue_decision",
        "panel_plan_decision",
        "panel_funding_decision",
        "panel_placement_decision",
        "access_to_resources_decision",
        "panel_deferred",
        "emergency_funding_decided",
        "placement_reviewed",
    }
    meetings: list[tuple[str, dt.date]] = []
    for index, event in enumerate(events):
        later = events[index + 1 :]
        if event.kind == "panel_referred" or isinstance(event, c.PanelDeferred):
            panel_id: str = event.panel  # type: ignore[attr-defined]
            if isinstance(event, c.PanelDeferred) and not _was_referred(
                events[:index], panel_id
            ):
                continue
            panel = _panel(policy, panel_id)
            referred = (
                event.on
                if event.kind == "panel_referred"
                else dates.add_days(event.on, 1)
            )
            reached = next_meeting(panel, referred)
            terms = panel.terms.at(reached.meeting)
            clock = _local_clock(
                f"panel {panel.id}: meeting reached",
                max(0, (reached.meeting - event.on).days),
                trigger="the referral (or the deferral)",
                duty=f"hear the case at {panel.name}'s first meeting the referral reaches "
                f"(papers {terms.referral_cutoff_days} days before)",
                holder=panel.name,
                cites=f"{panel.terms.reference}; seed 004 para 3.7",
            )
            heard = next(
                (
                    e.on
                    for e in later
                    if e.kind in decision_kinds
                    and getattr(e, "panel", None) == panel_id
                ),
                None,
            )
            found.append(
                Duty(
                    clock=clock,
                    trigger=event.on,
                    done_on=heard,
                    due=reached.meeting,
                    owner=panel.name,
                )
            )
        if event.kind in decision_kinds and getattr(event, "panel", None) is not None:
            key = (event.panel, event.on)  # type: ignore[attr-defined]
            if key not in meetings:
                meetings.append(key)
    for panel_id, meeting in meetings:
        panel = _panel(policy, panel_id)
        days = panel.terms.at(meeting).decision_record_days
        clock = _local_clock(
            f"panel {panel.id}: written record",
            days,
            trigger="the panel meeting",
            duty="make the written record of the decision available",
            holder=f"{panel.name} administrator",
            cites=f"{panel.terms.reference}; seed 004 para 3.9",
        )
        sent = next(
            (
                e.on
                for e in events
                if e.kind == "panel_record_sent"
                and getattr(e, "panel", None) == panel_id
                and getattr(e, "meeting_on", None) == meeting
            ),
            None,
        )
        found.append(Duty(clock=clock, trigger=meeting, done_on=sent))
    for index, event in enumerate(events):
        if event.kind != "emergency_funding_agreed":
            continue
        panel = _panel(policy, event.panel)  # type: ignore[attr-defined]
        reached = next_meeting(panel, event.on)
        clock = _local_clock(
            f"panel {panel.id}: emergency funding confirmed",
            max(0, (reached.meeting - event.on).days),
            trigger="the chair agreeing emergency funding",
            duty="confirm or end the temporary funding at the next available panel",
            holder=panel.name,
            cites=f"{panel.terms.reference}; seed 004 para 3.6",
        )
        decided = next(
            (
                e.on
                for e in events[index + 1 :]
                if e.kind == "emergency_funding_decided"
                and getattr(e, "panel", None) == panel.id
            ),
            None,
        )
        found.append(
            Duty(clock=clock, trigger=event.on, done_on=decided, due=reached.meeting)
        )
    return found


def _was_referred(events: Sequence[c.Event], panel_id: str) -> bool:
    return any(
        e.kind == "panel_referred" and getattr(e, "panel", None) == panel_id
        for e in events
    )


def _placements(case: Case, policy: LocalPolicy) -> list[Duty]:
    events = case.events
    started = [e for e in events if e.kind == "placement_started"]
    if not started or policy.funding is None or policy.funding.terms is None:
        return []
    dated = policy.funding.terms
    funding = importlib.import_module("ehcplan.funding")
    found: list[Duty] = []
    for placement in started:
        terms = dated.at(placement.on)
        decision = next(
            (
                e
                for e in reversed(events)
                if e.kind == "access_to_resources_decision" and e.on <= placement.on
            ),
            None,
        )
        panel = (
            None if decision is None else _panel(policy, decision.panel)  # type: ignore[attr-defined]
        )
        anchor = placement.on
        while True:
            disruption = next(
                (
                    e.on
                    for e in events
                    if e.kind == "placement_disruption_reported" and e.on >= anchor
                ),
                None,
            )
            value = funding.Placement(
                reference=case.reference,
                placed_on=anchor,
                weeks_per_year=52 if decision is None else decision.weeks_per_year,  # type: ignore[attr-defined]
                fee=Money(0) if decision is None else decision.total,  # type: ignore[attr-defined]
            )
            review = funding.placement_review(
                value, terms, disruption_reported_on=disruption, panel=panel
            )
            clock = _local_clock(
                "placement review",
                max(0, (review.due - anchor).days),
                trigger="the date of placement (or its last review)",
                duty="review the placement and its funding at the panel",
                holder="the Access to Resources panel" if panel is None else panel.name,
                cites=f"{dated.reference}; seed 004 para 4.4",
            )
            reviewed = next(
                (e for e in events if e.kind == "placement_reviewed" and e.on > anchor),
                None,
            )
            found.append(
                Duty(
                    clock=clock,
                    trigger=anchor,
                    done_on=None if reviewed is None else reviewed.on,
                    due=review.due,
                )
            )
            if reviewed is None or not getattr(reviewed, "continues", False):
                break
            anchor = reviewed.on
    return found
