"""SEN2-shaped data: person-level CSV in and out, checked row by row, as cases.

One row per request for an EHC needs assessment, with the DfE SEN2 item names
as headers (`COLUMNS`). `read_sen2` checks every row and keeps every good one;
rows with errors are reported and kept as read, never silently dropped.
Personal columns are dropped unless the caller asks to hash or keep them.
DfE's timeliness measures, which are defined on this data, are here too
(`timeliness`, `timeliness_of_columns`).
"""

from ehcplan.sen2.io import RejectedRow, Sen2Import, read_sen2, write_sen2
from ehcplan.sen2.items import (
    COLUMNS,
    PERSONAL,
    AssessmentOutcome,
    Column,
    RequestOutcome,
)
from ehcplan.sen2.records import (
    Personal,
    RequestFacts,
    Sen2Record,
    case_to_record,
    record_of,
    record_to_case,
)
from ehcplan.sen2.timeliness import (
    Timeliness,
    as_percent,
    timeliness,
    timeliness_of_columns,
)
from ehcplan.sen2.validate import Issue, Severity, ValidationReport

__all__ = [
    "COLUMNS",
    "PERSONAL",
    "AssessmentOutcome",
    "Column",
    "Issue",
    "Personal",
    "RejectedRow",
    "RequestFacts",
    "RequestOutcome",
    "Sen2Import",
    "Sen2Record",
    "Severity",
    "Timeliness",
    "ValidationReport",
    "as_percent",
    "case_to_record",
    "read_sen2",
    "record_of",
    "record_to_case",
    "timeliness",
    "timeliness_of_columns",
    "write_sen2",
]
