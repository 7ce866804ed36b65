"""Personal budgets: requests, eligibility, direct payments, decisions and monitoring.

Sources: a local authority's "criteria for agreeing a statutory Personal
Budget" (seed 002); the Children and Families Act 2014 s49 and the SEND
(Personal Budgets) Regulations 2014 (SI 2014/1652). How the criteria's
"and/or" combine, and the monitoring intervals, are the authority's
`ehcplan.policy.PersonalBudgetPolicy`.

- `request_budget` (`requests`): when, and by whom, a budget may be asked for;
- `assess_eligibility` (`eligibility`): criteria 1-6, each with its reason;
- `check_direct_payment` (`direct_payments`): the direct-payment conditions;
- `PersonalBudget` and `BudgetDecision` (`budget`): the parts, mechanisms and
  agencies, and the decision with its written reasons and review;
- `reviews_due` (`monitoring`): the monitoring schedule.
"""

from ehcplan.budgets.budget import BudgetDecision, Mechanism, Part, PersonalBudget
from ehcplan.budgets.direct_payments import (
    Condition,
    DirectPaymentCheck,
    DirectPaymentFacts,
    Recipient,
    check_direct_payment,
)
from ehcplan.budgets.eligibility import (
    Criterion,
    CriterionResult,
    Eligibility,
    EligibilityFacts,
    assess_eligibility,
)
from ehcplan.budgets.monitoring import MonitoringReview, reviews_due
from ehcplan.budgets.requests import BudgetRequest, Moment, Requester, request_budget

__all__ = [
    "BudgetDecision",
    "BudgetRequest",
    "Condition",
    "Criterion",
    "CriterionResult",
    "DirectPaymentCheck",
    "DirectPaymentFacts",
    "Eligibility",
    "EligibilityFacts",
    "Mechanism",
    "Moment",
    "MonitoringReview",
    "Part",
    "PersonalBudget",
    "Recipient",
    "Requester",
    "assess_eligibility",
    "check_direct_payment",
    "request_budget",
    "reviews_due",
]
