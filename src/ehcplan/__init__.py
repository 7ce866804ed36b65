"""Statutory clocks, local funding policy and caseload simulation for English EHC plans.

Import it as ``import ehcplan as ehc``. Everything a caller needs is here;
subpackages (`ehcplan.policy`, `ehcplan.timeline`, `ehcplan.sen2`, `ehcplan.dates`)
hold the rest of each topic.

The value types (cases, money, errors) are imported at once; policy files,
SEN2 files and reports are loaded on first use, so that ``import ehcplan``
stays quick for programs that only need the values.
"""

import importlib as _importlib
import typing as _typing

from ehcplan.cases import (
    AdviceReceived,
    AdviceRequested,
    AdviceSource,
    AmendedPlanIssued,
    AppealRegistered,
    AssessmentDecision,
    Case,
    CeaseReason,
    ClockReport,
    Deadline,
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
    Stage,
    Status,
    StepDurations,
    SupportPlanIssued,
    TribunalDecision,
    TribunalOrder,
    clock_report,
    latest_safe_dates,
)
from ehcplan.errors import (
    EhcplanError,
    EventRejected,
    FileFormatError,
    InvalidInput,
    MissingExtra,
    NotFound,
    NotInForce,
)
from ehcplan.money import Money
from ehcplan.sharing import Apportionment, apportion, apportion_with_audit
from ehcplan.timeline import ExceptionGround, Limit

if _typing.TYPE_CHECKING:
    from ehcplan.policy import (
        Dated,
        LocalPolicy,
        example_policies,
        load_policy,
        loads_policy,
    )
    from ehcplan.sen2 import read_sen2, write_sen2
    from ehcplan.sen2.timeliness import Timeliness, timeliness

__all__ = [
    "AdviceReceived",
    "AdviceRequested",
    "AdviceSource",
    "AmendedPlanIssued",
    "AppealRegistered",
    "Apportionment",
    "AssessmentDecision",
    "Case",
    "CeaseReason",
    "ClockReport",
    "Dated",
    "Deadline",
    "DraftServed",
    "EhcplanError",
    "Event",
    "EventRejected",
    "ExceptionGround",
    "ExceptionGroundRecorded",
    "FileFormatError",
    "FinalPlanIssued",
    "InvalidInput",
    "IssueDecision",
    "Limit",
    "LocalPolicy",
    "MediationCertificateIssued",
    "MediationRequested",
    "MissingExtra",
    "Money",
    "NotFound",
    "NotInForce",
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
    "StepDurations",
    "SupportPlanIssued",
    "Timeliness",
    "TribunalDecision",
    "TribunalOrder",
    "apportion",
    "apportion_with_audit",
    "clock_report",
    "example_policies",
    "latest_safe_dates",
    "load_policy",
    "loads_policy",
    "read_sen2",
    "timeliness",
    "write_sen2",
]

_LAZY = {
    "Dated": "ehcplan.policy",
    "LocalPolicy": "ehcplan.policy",
    "Timeliness": "ehcplan.sen2.timeliness",
    "example_policies": "ehcplan.policy",
    "load_policy": "ehcplan.policy",
    "loads_policy": "ehcplan.policy",
    "read_sen2": "ehcplan.sen2",
    "timeliness": "ehcplan.sen2.timeliness",
    "write_sen2": "ehcplan.sen2",
}


def __getattr__(name: str) -> _typing.Any:
    """Load the names in `_LAZY` on first use."""
    if name not in _LAZY:
        msg = f"module 'ehcplan' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Every public name, loaded or not."""
    return sorted(set(globals()) | set(__all__))
