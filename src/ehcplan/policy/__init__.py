"""Local-authority policy: what differs between authorities, as dated data with sources.

Statute (the same for every authority) lives in `ehcplan.timeline`; this package
holds what each authority decides for itself: its panels and their timetables,
its Resource Allocation System, how it splits jointly funded placements, and its
personal-budget rules. A policy is read from one TOML file per authority by
`load_policy` (the only reader of policy files), and each figure that changes by
decision is a `Dated` value citing its source. An institution's closures, for
the closure ground, are local data too, read by `load_school_calendar`.
Shipped examples:

    >>> example_policies()  # doctest: +NORMALIZE_WHITESPACE
    ('devon-mainstream-top-ups', 'england-average', 'exampleshire',
     'gloucestershire-ras-2017', 'london-jointly-funded-placements')

A what-if is a new value built with `attrs.evolve`; the original is untouched:

    >>> import datetime as dt
    >>> import attrs
    >>> from ehcplan.money import Money
    >>> base = load_policy("exampleshire")
    >>> higher = SignOffThreshold(amount=Money.parse("£12,000"))
    >>> threshold = base.ras.sign_off_threshold.changed(dt.date(2025, 4, 1), higher)
    >>> generous = attrs.evolve(base, ras=attrs.evolve(base.ras, sign_off_threshold=threshold))
    >>> str(generous.ras.sign_off_threshold.at(dt.date(2025, 9, 1)))
    '£12,000.00'
    >>> str(base.ras.sign_off_threshold.at(dt.date(2025, 9, 1)))
    '£10,363.00'
"""

from ehcplan.policy.budgets import EligibilityRule, PersonalBudgetPolicy
from ehcplan.policy.dated import Dated
from ehcplan.policy.funding import (
    FundingPolicy,
    FundingTerms,
    OtherWeeks,
    Split,
    TopUpBands,
)
from ehcplan.policy.load import (
    example_policies,
    load_policy,
    load_school_calendar,
    loads_policy,
    loads_school_calendar,
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
    "Dated",
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
    "example_policies",
    "load_policy",
    "load_school_calendar",
    "loads_policy",
    "loads_school_calendar",
]
