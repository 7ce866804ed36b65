"""The law's exception grounds, and which time limit each can disapply.

A statutory time limit in the EHC process does not apply when meeting it is
impractical because of one of a few grounds set out in the regulations. The
ground never moves a date: it *disapplies* the limit, and the duty becomes
"as soon as practicable". A ground is recorded on a case with its evidence and
who decided it (`ehcplan.cases.ExceptionGroundRecorded`); ehcplan never applies
one by itself.

These are legal exceptions, not Python errors: Python errors live in
`ehcplan.errors`. Source: SI 2014/1530 regs 5(4), 8(2), 10(4), 13(3), 27(3) and
the coronavirus modifications of SI 2020/471; see statutory reference §3.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "CORONAVIRUS_PERIOD",
    "GROUNDS_BY_LIMIT",
    "ExceptionGround",
    "Limit",
    "can_disapply",
]


class ExceptionGround(enum.Enum):
    """A ground on which the law disapplies a time limit."""

    SCHOOL_CLOSURE = "school closure"
    """Advice was asked of a school or post-16 head or principal from one week before
    a closure of at least 4 continuous weeks until one week before it reopened
    (SI 2014/1530 regs 5(4)(a), 10(4)(a), 27(3)(a))."""

    EARLY_YEARS_CLOSURE = "early years closure"
    """The same test for a relevant early years provider (regs 10(4)(b), 27(3)(b))."""

    EXCEPTIONAL_PERSONAL_CIRCUMSTANCES = "exceptional personal circumstances"
    """Exceptional personal circumstances affecting the child, the parent or the
    young person during the period (regs 5(4)(c), 8(2)(a), 10(4)(c), 27(3)(c))."""

    ABSENT_FROM_AREA = "absent from area"
    """The child, parent or young person was absent from the authority's area for a
    continuous period of at least 4 weeks during the period
    (regs 5(4)(d), 8(2)(b), 10(4)(d), 27(3)(d))."""

    MISSED_APPOINTMENT = "missed appointment"
    """The child or young person failed to keep an appointment for an examination or
    test made by the body asked for advice (reg 8(2)(c)); it excuses only that
    body's 6-week advice limit."""

    CORONAVIRUS_2020 = "coronavirus 2020"
    """From 1 May to 25 September 2020 a limit was disapplied where meeting it was
    not reasonably practicable for a reason relating to coronavirus (SI 2020/471)."""


class Limit(enum.Enum):
    """A time limit of the initial assessment that an exception ground can disapply."""

    DECISION_TO_ASSESS = "decision to assess"
    """Decide whether to assess within 6 weeks of the request (SI 2014/1530 reg 5(1))."""

    ADVICE = "advice"
    """A body asked for advice responds within 6 weeks (SI 2014/1530 reg 8(1))."""

    NO_PLAN_NOTICE = "no plan notice"
    """Notify a decision not to issue a plan within 16 weeks (SI 2014/1530 reg 10(1))."""

    FINAL_PLAN = "final plan"
    """Issue the final plan within 20 weeks of the request (SI 2014/1530 reg 13(2))."""

    REASSESSMENT = "reassessment"
    """Finalise the plan within 14 weeks after a reassessment (SI 2014/1530 reg 27(2))."""


CORONAVIRUS_PERIOD = (dt.date(2020, 5, 1), dt.date(2020, 9, 25))
"""The first and last days of the 2020 modifications (SI 2020/471), inclusive."""

_CLOSURES_AND_CIRCUMSTANCES = frozenset(
    {
        ExceptionGround.SCHOOL_CLOSURE,
        ExceptionGround.EARLY_YEARS_CLOSURE,
        ExceptionGround.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES,
        ExceptionGround.ABSENT_FROM_AREA,
        ExceptionGround.CORONAVIRUS_2020,
    }
)

GROUNDS_BY_LIMIT: Mapping[Limit, frozenset[ExceptionGround]] = MappingProxyType(
    {
        # SI 2014/1530 reg 5(4)(a)-(d).
        Limit.DECISION_TO_ASSESS: _CLOSURES_AND_CIRCUMSTANCES,
        # SI 2014/1530 reg 8(2)(a)-(c): closures do not excuse a body asked for advice.
        Limit.ADVICE: frozenset(
            {
                ExceptionGround.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES,
                ExceptionGround.ABSENT_FROM_AREA,
                ExceptionGround.MISSED_APPOINTMENT,
                ExceptionGround.CORONAVIRUS_2020,
            }
        ),
        # SI 2014/1530 reg 10(4)(a)-(d).
        Limit.NO_PLAN_NOTICE: _CLOSURES_AND_CIRCUMSTANCES,
        # SI 2014/1530 reg 13(3), applying reg 10(4)(a)-(d).
        Limit.FINAL_PLAN: _CLOSURES_AND_CIRCUMSTANCES,
        # SI 2014/1530 reg 27(3)(a)-(d).
        Limit.REASSESSMENT: _CLOSURES_AND_CIRCUMSTANCES,
    }
)
"""For each limit, the grounds that can disapply it."""


def can_disapply(ground: ExceptionGround, limit: Limit) -> bool:
    """Whether *ground* is one the law allows to disapply *limit*.

    Examples:
        >>> can_disapply(ExceptionGround.MISSED_APPOINTMENT, Limit.ADVICE)
        True
        >>> can_disapply(ExceptionGround.MISSED_APPOINTMENT, Limit.FINAL_PLAN)
        False
        >>> can_disapply(ExceptionGround.SCHOOL_CLOSURE, Limit.ADVICE)
        False
    """
    return ground in GROUNDS_BY_LIMIT[limit]
