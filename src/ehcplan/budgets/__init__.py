"""Personal budgets: requests, eligibility, direct payments, decisions and monitoring.

Sources: a local authority's "criteria for agreeing a statutory Personal
Budget" (seed 002); the Children and Families Act 2014 s49 and the SEND
(Personal Budgets) Regulations 2014 (SI 2014/1652). How the criteria's
"and/or" combine, and the monitoring intervals, are the authority's
`ehcplan.policy.PersonalBudgetPolicy`.

- `check_requester` (`requests`): who may ask for a budget (the moment a case
  allows is read from its log by `ehcplan.cases.budgets.request_budget`);
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
from ehcplan.budgets.requests import BudgetRequest, Moment, Requester, check_requester

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
    "check_requester",
    "reviews_due",
]
