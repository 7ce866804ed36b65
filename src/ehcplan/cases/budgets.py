"""Asking for a personal budget on a case, at a moment the case allows.

The rules about the request itself (who may ask, from what age) are the
budgets room's (`ehcplan.budgets.requests`); this module reads the case's log to
find the moment (seed 002; CFA 2014 s49; SI 2014/1652 reg 4): during the
assessment, while the plan is being prepared, or during a review of a plan in
place.
"""

from __future__ import annotations

import datetime as dt

from ehcplan.budgets.requests import (
    SOURCE,
    BudgetRequest,
    Moment,
    Requester,
    check_requester,
)
from ehcplan.cases import events as c
from ehcplan.cases.case import Case
from ehcplan.cases.log import Stage
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput

__all__ = ["request_budget"]

_STAGES = {
    Stage.AWAITING_DECISION: Moment.DURING_ASSESSMENT,
    Stage.ASSESSING: Moment.DURING_ASSESSMENT,
    Stage.DRAFTING: Moment.PLAN_BEING_PREPARED,
    Stage.DRAFT_ISSUED: Moment.PLAN_BEING_PREPARED,
}


def _in_review(case: Case) -> bool:
    """Whether a review meeting has been held with no decision on it yet."""
    meeting = None
    for event in case.events:
        if isinstance(event, c.ReviewMeetingHeld):
            meeting = event
        elif isinstance(event, c.ReviewDecision):
            meeting = None
    return meeting is not None


def request_budget(
    case: Case, *, on: dt.date, requester: Requester, age: int | None = None
) -> BudgetRequest:
    """Record a request for a personal budget on *case*, checking when and by whom.

    Args:
        case: The case, as it stands on *on*.
        on: The day the request was made.
        requester: Who made it.
        age: The young person's age on *on*, when a young person asks.

    Examples:
        >>> case = Case(reference="EHC-4", received_on=dt.date(2025, 1, 6))
        >>> case = case.record(c.AssessmentDecision(on=dt.date(2025, 2, 10), assess=True))
        >>> request_budget(case, on=dt.date(2025, 3, 1), requester=Requester.PARENT).moment
        <Moment.DURING_ASSESSMENT: 'during the assessment'>
        >>> request_budget(case, on=dt.date(2025, 3, 1), requester=Requester.YOUNG_PERSON, age=15)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a young person can ask for a personal budget from 16 ...

    Raises:
        InvalidInput: If the case is at a stage when no budget can be asked for
            (refused, no plan, ceased, withdrawn, or a plan in place outside a
            review), or a young person under 16 or over 25 asks.
    """
    on = to_date(on, field="on")
    if on < case.received_on:
        msg = f"the request on {on.isoformat()} is before the case's request for assessment."
        raise InvalidInput(msg, field="on")
    check_requester(requester, age)
    stage = case.stage
    moment = _STAGES.get(stage)
    if moment is None and stage is Stage.PLAN_IN_PLACE and _in_review(case):
        moment = Moment.REVIEW
    if moment is None:
        msg = (
            f"case {case.reference} is at the stage '{stage.value}', when a personal "
            "budget cannot be asked for: it can be during the assessment, while the "
            "plan is prepared, or during a review of a plan in place "
            f"({SOURCE})."
        )
        raise InvalidInput(msg, field="on")
    return BudgetRequest(
        reference=case.reference, made_on=on, requester=requester, moment=moment
    )
