"""When a personal budget can be requested, and by whom.

Sources: a local authority's "criteria for agreeing a statutory Personal
Budget" (seed 002): "Parents or the young person (over the age of 16) have a
right to request a personal budget when the LA has completed an EHC statutory
assessment and confirmed that it will prepare an EHC plan. Parents or the young
person may also request a personal budget during a statutory review of an
existing EHC plan"; and, when the request for assessment is made, they "may ...
notify the LA of their intention to request a personal budget. They may make
this request at any point during the statutory assessment process." The
Children and Families Act 2014 s49 and SI 2014/1652 reg 4 (a request while a
plan is being prepared, or during a review or reassessment; statutory reference
§6, [V2]).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ehcplan import case as c
from ehcplan.dates import to_date
from ehcplan.errors import InvalidInput

__all__ = ["BudgetRequest", "Moment", "Requester", "request_budget"]

SOURCE = "seed 002 (local authority personal budget criteria); CFA 2014 s49; SI 2014/1652 reg 4"


class Moment(enum.Enum):
    """When in the EHC process a personal budget is asked for."""

    DURING_ASSESSMENT = "during the assessment"
    """From the request for an assessment until the decision to issue a plan."""

    PLAN_BEING_PREPARED = "while the plan is being prepared"
    """After the authority confirmed it will prepare a plan, until the final plan."""

    REVIEW = "during a review"
    """During a statutory review (annual review or reassessment) of a plan in place."""


class Requester(enum.Enum):
    """Who asks for the personal budget."""

    PARENT = "parent"
    """The child's parent."""

    YOUNG_PERSON = "young person"
    """A young person over compulsory school age (16) and under 25 (CFA 2014 s83(2))."""


_STAGES = {
    c.Stage.AWAITING_DECISION: Moment.DURING_ASSESSMENT,
    c.Stage.ASSESSING: Moment.DURING_ASSESSMENT,
    c.Stage.DRAFTING: Moment.PLAN_BEING_PREPARED,
    c.Stage.DRAFT_ISSUED: Moment.PLAN_BEING_PREPARED,
}


@attrs.frozen(kw_only=True)
class BudgetRequest:
    """A request for a personal budget, as recorded.

    Attributes:
        reference: The case's reference.
        made_on: When it was made.
        requester: Who made it.
        moment: When in the process it was made.
    """

    reference: str
    made_on: dt.date
    requester: Requester
    moment: Moment


def _in_review(case: c.Case) -> bool:
    """Whether a review meeting has been held with no decision on it yet."""
    meeting = None
    for event in case.events:
        if isinstance(event, c.ReviewMeetingHeld):
            meeting = event
        elif isinstance(event, c.ReviewDecision):
            meeting = None
    return meeting is not None


def request_budget(
    case: c.Case, *, on: dt.date, requester: Requester, age: int | None = None
) -> BudgetRequest:
    """Record a request for a personal budget on *case*, checking when and by whom.

    Args:
        case: The case, as it stands on *on*.
        on: The day the request was made.
        requester: Who made it.
        age: The young person's age on *on*, when a young person asks.

    Examples:
        >>> case = c.Case(reference="EHC-4", received_on=dt.date(2025, 1, 6))
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
    if not isinstance(requester, Requester):
        msg = f"requester must be Requester.PARENT or Requester.YOUNG_PERSON, got {requester!r}."
        raise InvalidInput(msg, field="requester")
    if requester is Requester.YOUNG_PERSON and (
        isinstance(age, bool) or not isinstance(age, int) or not 16 <= age < 25
    ):
        msg = (
            "a young person can ask for a personal budget from 16 (over compulsory "
            f"school age) until 25; got age {age!r}. Below 16 the parent asks."
        )
        raise InvalidInput(msg, field="age")
    stage = case.stage
    moment = _STAGES.get(stage)
    if moment is None and stage is c.Stage.PLAN_IN_PLACE and _in_review(case):
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
