"""Personal-budget rules in a local authority's policy: eligibility reading and monitoring.

Seed 002's criteria for agreeing a personal budget combine by an "and/or" that
reads two ways (`EligibilityRule`); direct payments are monitored first within
months of the first payment, then at an interval (`PersonalBudgetPolicy`). The
rules themselves are applied by `ehcplan.budgets`.
"""

from __future__ import annotations

import enum

import attrs

from ehcplan.validators import at_least, member, text

__all__ = ["EligibilityRule", "PersonalBudgetPolicy"]


class EligibilityRule(enum.Enum):
    """How to read the personal-budget criteria's "and/or".

    The criteria (a local authority's "criteria for agreeing a statutory personal
    budget") are: (1) above what all parents could reasonably provide; (2)
    additional to the Local Offer; (3) necessary to achieve the outcomes; (4)
    clearly evidenced in terms of need; "5. And/or" assessed by the Disabled
    Children Service as eligible; "6. And/or" assessed by the Health Service as
    eligible for continuing care. The "and/or" can be read two ways.
    """

    ALL_CORE_AND_ONE_ASSESSED = "all core and one assessed"
    """Criteria 1-4 all hold, and 5 or 6 holds. The strict reading, and the default."""

    ALL_CORE_OR_ONE_ASSESSED = "all core or one assessed"
    """Criteria 1-4 all hold, or 5 holds, or 6 holds."""


@attrs.frozen(kw_only=True)
class PersonalBudgetPolicy:
    """An authority's rules for agreeing and monitoring personal budgets.

    Attributes:
        eligibility_rule: How the eligibility criteria combine.
        first_monitoring_months: A direct payment is first checked within this many
            months of the first payment.
        monitoring_interval_months: Then checked again every this many months.
        reference: The document these rules come from.

    Examples:
        >>> budgets = PersonalBudgetPolicy(
        ...     first_monitoring_months=3, monitoring_interval_months=12, reference="r"
        ... )
        >>> budgets.eligibility_rule
        <EligibilityRule.ALL_CORE_AND_ONE_ASSESSED: 'all core and one assessed'>
    """

    eligibility_rule: EligibilityRule = attrs.field(
        default=EligibilityRule.ALL_CORE_AND_ONE_ASSESSED,
        validator=member(EligibilityRule),
    )
    first_monitoring_months: int = attrs.field(validator=at_least(1))
    monitoring_interval_months: int = attrs.field(validator=at_least(1))
    reference: str = attrs.field(validator=text)
