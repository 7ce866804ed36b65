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

Which moment a case is at is read from the case's log
(`ehcplan.cases.budgets.request_budget`); this module holds the rules about the
request itself.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ehcplan.errors import InvalidInput

__all__ = ["BudgetRequest", "Moment", "Requester", "check_requester"]

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


def check_requester(requester: object, age: object) -> Requester:
    """Check who asks for a personal budget, and return them.

    A parent may always ask; a young person from 16 (over compulsory school age)
    until 25 (CFA 2014 s83(2)).

    Examples:
        >>> check_requester(Requester.YOUNG_PERSON, 17)
        <Requester.YOUNG_PERSON: 'young person'>
        >>> check_requester(Requester.YOUNG_PERSON, 15)
        Traceback (most recent call last):
        ...
        ehcplan.errors.InvalidInput: a young person can ask for a personal budget from 16 ...

    Raises:
        InvalidInput: If *requester* is not a `Requester`, or a young person under 16
            or over 25 asks.
    """
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
    return requester
