"""Every class of a local-authority policy, under the name it has always been imported by.

The classes live by concept: panels in `ehcplan.policy.panels`, the Resource
Allocation System in `ehcplan.policy.ras`, joint funding and top-up bands in
`ehcplan.policy.funding`, personal budgets in `ehcplan.policy.budgets`, and
the whole policy in `ehcplan.policy.local`. This module re-exports them so
that ``from ehcplan.policy.schema import PanelTerms`` keeps working; new code
imports them from `ehcplan.policy`.

    >>> from ehcplan.policy import panels
    >>> PanelTerms is panels.PanelTerms
    True
"""

from ehcplan.policy.budgets import EligibilityRule, PersonalBudgetPolicy
from ehcplan.policy.funding import (
    FundingPolicy,
    FundingTerms,
    OtherWeeks,
    Split,
    TopUpBands,
)
from ehcplan.policy.local import LocalPolicy
from ehcplan.policy.panels import (
    WEEKDAYS,
    BankHolidayRule,
    Cadence,
    PanelKind,
    PanelPolicy,
    PanelRemit,
    PanelTerms,
)
from ehcplan.policy.ras import (
    MAX_POINTS,
    STATISTICS,
    AgeVersion,
    Band,
    Bands,
    Conversion,
    Level,
    PerPoint,
    RasOutcome,
    RasPolicy,
    RasScheme,
    SignOffThreshold,
    SimilarCases,
    SupportHours,
)

__all__ = [
    "AgeVersion",
    "Band",
    "Bands",
    "BankHolidayRule",
    "Cadence",
    "Conversion",
    "EligibilityRule",
    "FundingPolicy",
    "FundingTerms",
    "Level",
    "LocalPolicy",
    "MAX_POINTS",
    "OtherWeeks",
    "PanelKind",
    "PanelPolicy",
    "PanelRemit",
    "PanelTerms",
    "PerPoint",
    "PersonalBudgetPolicy",
    "RasOutcome",
    "RasPolicy",
    "RasScheme",
    "STATISTICS",
    "SignOffThreshold",
    "SimilarCases",
    "Split",
    "SupportHours",
    "TopUpBands",
    "WEEKDAYS",
]
