"""The EHC case: its events, the rules of its log, the case value and its JSON, its clocks.

A `Case` is a request for an EHC needs assessment and an append-only,
validated log of what happened to it. This package holds, one concept a module:

- `ehcplan.cases.events`: the kinds of event of the statutory process and the codes
  they carry;
- `ehcplan.cases.plan`: the plan's content by its sections A to K;
- `ehcplan.cases.decisions`: panel referrals and decisions, and their written records;
- `ehcplan.cases.ras_steps`: the RAS form's steps and the sign-off route taken;
- `ehcplan.cases.personal_budgets`: personal budget requests, decisions, reviews
  and monitoring;
- `ehcplan.cases.placements`: jointly funded placements, emergency funding and the
  placement review;
- `ehcplan.cases.meetings`: the meetings and documents the seeds name;
- `ehcplan.cases.ground_facts`: the facts behind an exception ground, and whether
  they support it;
- `ehcplan.cases.mediation`: the steps of a mediation and its agreement;
- `ehcplan.cases.appeals`: appeals, unopposed appeals and the Tribunal's orders;
- `ehcplan.cases.log`: the rules of the log (which event may follow which) and the
  `Stage` they lead to;
- `ehcplan.cases.case`: the `Case` value;
- `ehcplan.cases.case_json`: its documented JSON shape, and `ehcplan.cases.schema`
  its JSON Schema;
- `ehcplan.cases.compliance`: the deadlines of mediation, orders, agreements and
  unopposed appeals;
- `ehcplan.cases.report`: the clock report, every deadline of a case on a date, with
  its status and citation (`clock_report`);
- `ehcplan.cases.schedule`: reverse scheduling, the latest safe date for each
  remaining step (`latest_safe_dates`);
- `ehcplan.cases.budgets`: asking for a personal budget at a moment the case allows
  (`ehcplan.cases.budgets.request_budget`; imported by name, as it loads the
  budgets room).

The case asks the national timeline (`ehcplan.timeline`) for every period; the
timeline never imports the case.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ehcplan.cases.appeals import AppealKind, AppealNotOpposed
from ehcplan.cases.case import Case
from ehcplan.cases.case_json import SCHEMA_VERSION
from ehcplan.cases.events import (
    AdviceReceived,
    AdviceRequested,
    AdviceSource,
    AmendedPlanIssued,
    AppealRegistered,
    AssessmentDecision,
    CeaseReason,
    DraftServed,
    Event,
    ExceptionGroundRecorded,
    FinalPlanIssued,
    IssueDecision,
    MediationCertificateIssued,
    MediationRequested,
    PanelDeferred,
    PlanCeased,
    RepresentationsReceived,
    RequestSource,
    RequestWithdrawn,
    ReviewDecision,
    ReviewMeetingHeld,
    ReviewOutcome,
    SchoolConsulted,
    SchoolResponded,
    SupportPlanIssued,
    TribunalDecision,
    TribunalOrder,
)
from ehcplan.cases.ground_facts import (
    AbsenceRecorded,
    CoronavirusImpactRecorded,
    GroundCheck,
    InstitutionAdviceRequestRecorded,
    MissedAppointmentRecorded,
    PersonalCircumstancesRecorded,
    ground_checks,
)
from ehcplan.cases.log import Stage, event_types
from ehcplan.cases.mediation import (
    MediationAgreed,
    MediationAgreementCarriedOut,
    MediationAgreementNotified,
    MediationDeclined,
    MediationHealthBodiesTold,
    MediationHeld,
    MediationIssue,
    MediationNotPossible,
    MediationPursued,
)
from ehcplan.cases.meetings import (
    DocumentKind,
    DocumentSent,
    MeetingArranged,
    MeetingHeld,
    MeetingKind,
)
from ehcplan.cases.plan import (
    Appendix,
    Outcome,
    PlanBudget,
    PlanContent,
    Provision,
    Section,
    Setting,
)

if TYPE_CHECKING:
    from ehcplan.cases.decisions import (
        PanelFundingDecision,
        PanelPlacementDecision,
        PanelPlanDecision,
        PanelRecordSent,
        PanelReferred,
    )
    from ehcplan.cases.personal_budgets import (
        BudgetDecided,
        BudgetRequested,
        BudgetReviewDecided,
        BudgetReviewRequested,
        BudgetServicesChanged,
        DirectPaymentsReviewed,
        DirectPaymentsStarted,
    )
    from ehcplan.cases.placements import (
        AccessToResourcesDecision,
        EmergencyFundingAgreed,
        EmergencyFundingDecided,
        PlacementDisruptionReported,
        PlacementReviewed,
        PlacementStarted,
    )
from ehcplan.cases.ras_steps import (
    IndicativeResourceAllocated,
    RasModerated,
    RasOccasion,
    RasScored,
    RasSignedOff,
    RasVerified,
    SignOffRoute,
    ras_events,
)
from ehcplan.cases.report import ClockReport, Deadline, Status, clock_report
from ehcplan.cases.schedule import Step, StepDurations, latest_safe_dates

_LAZY = {
    **dict.fromkeys(
        [
            "PanelFundingDecision",
            "PanelPlacementDecision",
            "PanelPlanDecision",
            "PanelRecordSent",
            "PanelReferred",
        ],
        "ehcplan.cases.decisions",
    ),
    **dict.fromkeys(
        [
            "BudgetDecided",
            "BudgetRequested",
            "BudgetReviewDecided",
            "BudgetReviewRequested",
            "BudgetServicesChanged",
            "DirectPaymentsReviewed",
            "DirectPaymentsStarted",
        ],
        "ehcplan.cases.personal_budgets",
    ),
    **dict.fromkeys(
        [
            "AccessToResourcesDecision",
            "EmergencyFundingAgreed",
            "EmergencyFundingDecided",
            "PlacementDisruptionReported",
            "PlacementReviewed",
            "PlacementStarted",
        ],
        "ehcplan.cases.placements",
    ),
}
"""Names whose modules load another room (panels, budgets, funding): loaded on first use."""


def __getattr__(name: str) -> Any:
    """Load the names in `_LAZY`, and `EVENT_TYPES`, on first use."""
    if name == "EVENT_TYPES":
        value: Any = event_types()
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        msg = f"module 'ehcplan.cases' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Every public name, loaded or not."""
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "EVENT_TYPES",
    "SCHEMA_VERSION",
    "AbsenceRecorded",
    "AccessToResourcesDecision",
    "AdviceReceived",
    "AdviceRequested",
    "AdviceSource",
    "AmendedPlanIssued",
    "AppealKind",
    "AppealNotOpposed",
    "AppealRegistered",
    "Appendix",
    "AssessmentDecision",
    "BudgetDecided",
    "BudgetRequested",
    "BudgetReviewDecided",
    "BudgetReviewRequested",
    "BudgetServicesChanged",
    "Case",
    "CeaseReason",
    "ClockReport",
    "CoronavirusImpactRecorded",
    "Deadline",
    "DirectPaymentsReviewed",
    "DirectPaymentsStarted",
    "DocumentKind",
    "DocumentSent",
    "DraftServed",
    "EmergencyFundingAgreed",
    "EmergencyFundingDecided",
    "Event",
    "ExceptionGroundRecorded",
    "FinalPlanIssued",
    "GroundCheck",
    "IndicativeResourceAllocated",
    "InstitutionAdviceRequestRecorded",
    "IssueDecision",
    "MediationAgreed",
    "MediationAgreementCarriedOut",
    "MediationAgreementNotified",
    "MediationCertificateIssued",
    "MediationDeclined",
    "MediationHealthBodiesTold",
    "MediationHeld",
    "MediationIssue",
    "MediationNotPossible",
    "MediationPursued",
    "MediationRequested",
    "MeetingArranged",
    "MeetingHeld",
    "MeetingKind",
    "MissedAppointmentRecorded",
    "Outcome",
    "PanelDeferred",
    "PanelFundingDecision",
    "PanelPlacementDecision",
    "PanelPlanDecision",
    "PanelRecordSent",
    "PanelReferred",
    "PersonalCircumstancesRecorded",
    "PlacementDisruptionReported",
    "PlacementReviewed",
    "PlacementStarted",
    "PlanBudget",
    "PlanCeased",
    "PlanContent",
    "Provision",
    "RasModerated",
    "RasOccasion",
    "RasScored",
    "RasSignedOff",
    "RasVerified",
    "RepresentationsReceived",
    "RequestSource",
    "RequestWithdrawn",
    "ReviewDecision",
    "ReviewMeetingHeld",
    "ReviewOutcome",
    "SchoolConsulted",
    "SchoolResponded",
    "Section",
    "Setting",
    "SignOffRoute",
    "Stage",
    "Status",
    "Step",
    "StepDurations",
    "SupportPlanIssued",
    "TribunalDecision",
    "TribunalOrder",
    "clock_report",
    "ground_checks",
    "latest_safe_dates",
    "ras_events",
]
