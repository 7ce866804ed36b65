"""The SEN2 items ehcplan reads and writes, with their meanings and code lists.

DfE's person-level SEN2 return describes each request for an EHC needs
assessment with items grouped in modules (person, request, assessment, named
plan, active plan). ehcplan flattens them to one CSV row per request, with the
DfE item names as column headers, plus `RequestID` (a pseudonymous key for the
request) and `PersonID` (a pseudonymous key for the person). Item names and the
`RequestSource`, `CeaseReason` and `PlanRes` codes follow the DfE "special
educational needs person level survey" guide (2025, v1.4).

The `RequestOutcome` and `AssessmentOutcome` code lists below were not checked
against the current DfE guide; they are ehcplan's reading, kept as data so they
can be corrected in one place.
"""

from __future__ import annotations

import enum

import attrs

__all__ = [
    "COLUMNS",
    "PERSONAL",
    "SEX_CODES",
    "AssessmentOutcome",
    "Column",
    "RequestOutcome",
]


class RequestOutcome(enum.Enum):
    """The decision on a request (SEN2 `RequestOutcome`; codes not verified)."""

    ASSESS = "A"
    """The authority decided to carry out an EHC needs assessment."""
    NOT_ASSESS = "N"
    """The authority decided not to assess."""
    WITHDRAWN = "W"
    """The request was withdrawn before a decision."""


class AssessmentOutcome(enum.Enum):
    """The outcome of an assessment (SEN2 `AssessmentOutcome`; codes not verified)."""

    PLAN = "Y"
    """The authority decided to issue a plan."""
    NO_PLAN = "N"
    """The authority decided not to issue a plan."""
    OTHER_LA_ASSESSMENT = "S"
    """A plan issued after an assessment completed by another authority."""
    WITHDRAWN = "W"
    """The request was withdrawn during the assessment."""
    EXCLUDED = "H"
    """Recorded, but excluded from DfE's analysis; kept, warned, not converted."""


@attrs.frozen
class Column:
    """One column of a SEN2-shaped CSV file.

    Attributes:
        name: The header, as the DfE item name.
        attribute: The `Sen2Record` attribute it fills.
        kind: How the text is read: text, date, bool, int, or a code list name.
        module: The SEN2 module it belongs to.
        meaning: What it records.
        personal: Whether it identifies a person (dropped or hashed on request).
    """

    name: str
    attribute: str
    kind: str
    module: str
    meaning: str
    personal: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("RequestID", "request_id", "text", "request", "pseudonymous request key"),
    Column("PersonID", "person_id", "text", "person", "pseudonymous person key"),
    Column("Surname", "surname", "text", "person", "surname", personal=True),
    Column("Forename", "forename", "text", "person", "forename", personal=True),
    Column(
        "PersonBirthDate", "person_birth_date", "text", "person", "date of birth", True
    ),
    Column("PostCode", "post_code", "text", "person", "postcode", personal=True),
    Column("UPN", "upn", "text", "person", "unique pupil number", personal=True),
    Column(
        "UniqueLearnerNumber", "uln", "text", "person", "unique learner number", True
    ),
    Column("Sex", "sex", "sex", "person", "sex (codes in SEX_CODES)"),
    Column("Ethnicity", "ethnicity", "text", "person", "ethnicity"),
    Column("ReceivedDate", "received_date", "date", "request", "request received"),
    Column("RequestSource", "request_source", "source", "request", "who asked"),
    Column(
        "RYA", "rya", "bool", "request", "request made in relevant youth accommodation"
    ),
    Column(
        "RequestOutcomeDate", "request_outcome_date", "date", "request", "decided on"
    ),
    Column(
        "RequestOutcome", "request_outcome", "request_outcome", "request", "decision"
    ),
    Column("RequestMediation", "request_mediation", "bool", "request", "mediation"),
    Column("RequestTribunal", "request_tribunal", "bool", "request", "tribunal"),
    Column(
        "Exported", "exported", "bool", "request", "moved out before assessment ended"
    ),
    Column(
        "AssessmentOutcome",
        "assessment_outcome",
        "assessment_outcome",
        "assessment",
        "decision to issue a plan",
    ),  # fmt: skip
    Column(
        "AssessmentOutcomeDate",
        "assessment_outcome_date",
        "date",
        "assessment",
        "assessment outcome date",
    ),  # fmt: skip
    Column(
        "AssessmentMediation", "assessment_mediation", "bool", "assessment", "mediation"
    ),
    Column(
        "AssessmentTribunal", "assessment_tribunal", "bool", "assessment", "tribunal"
    ),
    Column("Week20", "week20", "bool", "assessment", "20-week exceptions apply"),
    Column("StartDate", "start_date", "date", "named plan", "plan issued (start date)"),
    Column(
        "PlanRes", "plan_res", "plan_res", "named plan", "A: 38-51 weeks, B: 52 weeks"
    ),
    Column("PB", "pb", "bool", "named plan", "personal budget taken up"),
    Column("OA", "oa", "bool", "named plan", "personal budget: organised arrangements"),
    Column("DP", "dp", "bool", "named plan", "personal budget: direct payments"),
    Column("CeaseDate", "cease_date", "date", "named plan", "plan ceased on"),
    Column(
        "CeaseReason", "cease_reason", "cease_reason", "named plan", "why it ceased"
    ),
    Column("ReviewMeeting", "review_meeting", "date", "active plan", "review meeting"),
    Column("ReviewOutcome", "review_outcome", "text", "active plan", "review outcome"),
    Column("LastReview", "last_review", "date", "active plan", "last review completed"),
    Column(
        "PhaseTransferDueDate",
        "phase_transfer_due_date",
        "date",
        "active plan",
        "amended plan due for a phase transfer",
    ),  # fmt: skip
    Column(
        "PhaseTransferFinalDate",
        "phase_transfer_final_date",
        "date",
        "active plan",
        "amended plan issued for a phase transfer",
    ),  # fmt: skip
)
"""Every column ehcplan knows, in the order it writes them."""

PERSONAL = frozenset(column.name for column in COLUMNS if column.personal)
"""The columns that identify a person."""

SEX_CODES: dict[str, str] = {
    "M": "male",
    "F": "female",
    "U": "not known",
    "0": "not known",
    "1": "male",
    "2": "female",
    "9": "not specified",
}
"""The `Sex` codes ehcplan accepts (and the numeric `GenderCurrent` codes used
before guide v1.2). Not checked against the current DfE guide: another code is
reported as a warning (rule SEX) and kept as read, never changed."""
