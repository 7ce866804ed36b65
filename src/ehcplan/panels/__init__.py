"""Panels: when they meet, which meeting a referral reaches, and what they decide.

A panel's policy (kind, members' remit, cadence, cut-off, record deadline) is
`ehcplan.policy.PanelPolicy`; this package applies it:

- `meetings` and `next_meeting` (`calendar`): the meetings in a period, and
  the first one a referral can reach given the cut-off, as pure functions of
  the policy and the date, with bank holidays handled by the policy's rule;
  `reach` (`reach`) answers for every day of a period at once;
- `PanelDecision` (`decisions`): what a meeting decided about a case and who
  decided it, within the panel's remit, with the written record's due date;
- `EmergencyFunding`: temporary funding agreed by the chair, to be confirmed at
  the next available panel.

For example:

    >>> import datetime as dt, ehcplan.policy
    >>> from ehcplan.panels import next_meeting
    >>> rap = ehcplan.policy.load_policy("exampleshire").panel("rap")
    >>> next_meeting(rap, dt.date(2025, 4, 14)).meeting   # Thursday panel, 5-day cut-off
    datetime.date(2025, 4, 24)
"""

from ehcplan.panels.calendar import Referral, meetings, next_meeting
from ehcplan.panels.decisions import (
    ACCESS_TO_RESOURCES_ROLES,
    AssessDecision,
    Decision,
    Deferral,
    EmergencyFunding,
    FundingDecision,
    Member,
    PanelDecision,
    PersonalBudgetDecision,
    PlacementDecision,
    PlanDecision,
    Status,
)
from ehcplan.panels.reach import reach

__all__ = [
    "ACCESS_TO_RESOURCES_ROLES",
    "AssessDecision",
    "Decision",
    "Deferral",
    "EmergencyFunding",
    "FundingDecision",
    "Member",
    "PanelDecision",
    "PersonalBudgetDecision",
    "PlacementDecision",
    "PlanDecision",
    "Referral",
    "Status",
    "meetings",
    "next_meeting",
    "reach",
]
