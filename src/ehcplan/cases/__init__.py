"""The EHC case: its events, the rules of its log, the case value and its JSON, its clocks.

A `Case` is a request for an EHC needs assessment and an append-only,
validated log of what happened to it. This package holds, one concept a module:

- `ehcplan.cases.events`: the kinds of event a case records and the codes they carry;
- `ehcplan.cases.log`: the rules of the log (which event may follow which) and the
  `Stage` they lead to;
- `ehcplan.cases.case`: the `Case` value;
- `ehcplan.cases.case_json`: its documented JSON shape;
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

from ehcplan.cases.case import Case
from ehcplan.cases.case_json import SCHEMA_VERSION
from ehcplan.cases.events import (
    EVENT_TYPES,
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
from ehcplan.cases.log import Stage
from ehcplan.cases.report import ClockReport, Deadline, Status, clock_report
from ehcplan.cases.schedule import Step, StepDurations, latest_safe_dates

__all__ = [
    "EVENT_TYPES",
    "SCHEMA_VERSION",
    "AdviceReceived",
    "AdviceRequested",
    "AdviceSource",
    "AmendedPlanIssued",
    "AppealRegistered",
    "AssessmentDecision",
    "Case",
    "CeaseReason",
    "ClockReport",
    "Deadline",
    "DraftServed",
    "Event",
    "ExceptionGroundRecorded",
    "FinalPlanIssued",
    "IssueDecision",
    "MediationCertificateIssued",
    "MediationRequested",
    "PanelDeferred",
    "PlanCeased",
    "RepresentationsReceived",
    "RequestSource",
    "RequestWithdrawn",
    "ReviewDecision",
    "ReviewMeetingHeld",
    "ReviewOutcome",
    "SchoolConsulted",
    "SchoolResponded",
    "Stage",
    "Status",
    "Step",
    "StepDurations",
    "SupportPlanIssued",
    "TribunalDecision",
    "TribunalOrder",
    "clock_report",
    "latest_safe_dates",
]
