"""SEN2 data: DfE's person-level return as COLLECT exports it, and ehcplan's simple CSV.

Two shapes, one set of checks:

- `read_collect` reads the return as an authority has it: COLLECT's Blade CSV
  export, nine linked module files in a folder or zip, into a typed tree
  (`Sen2Return`: person, request, assessment, named plan, plan detail; active
  plan, placements, needs); `write_collect` writes it back, from a return,
  from records or from cases (and so from simulated journeys).
- `read_sen2` and `write_sen2` read and write ehcplan's simple CSV, one row per
  request with the DfE item names as headers (`COLUMNS`).

Both check every row and keep every good one: rows with errors are reported by
module, row and field and kept as read, never silently dropped. Personal
columns are dropped unless the caller asks to hash or keep them, and never
appear in a message. `dfe_measures` gives DfE's published timeliness figures
for a calendar year; `ehcplan.sen2.frames` turns any of it into pandas.
DfE's timeliness measures, which are defined on this data, are here too
(`timeliness`, `timeliness_of_columns`).
"""

from ehcplan.sen2.blade import MODULES
from ehcplan.sen2.collect import (
    CollectImport,
    RejectedExportRow,
    is_export,
    read_collect,
)
from ehcplan.sen2.collect_write import return_from_records, write_collect
from ehcplan.sen2.io import RejectedRow, Sen2Import, read_sen2, write_sen2
from ehcplan.sen2.items import (
    COLUMNS,
    PERSONAL,
    SEX_CODES,
    AssessmentOutcome,
    Column,
    RequestOutcome,
)
from ehcplan.sen2.measures import dfe_measures
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
from ehcplan.sen2.tree import (
    ActivePlan,
    Assessment,
    NamedPlan,
    Need,
    Person,
    Place,
    Placement,
    PlanDetail,
    Request,
    ReturnHeader,
    Sen2Return,
    SenSetting,
    SenType,
)
from ehcplan.sen2.validate import Issue, Severity, ValidationReport

__all__ = [
    "ActivePlan",
    "Assessment",
    "AssessmentOutcome",
    "COLUMNS",
    "CollectImport",
    "Column",
    "Issue",
    "MODULES",
    "NamedPlan",
    "Need",
    "PERSONAL",
    "Person",
    "Personal",
    "Place",
    "Placement",
    "PlanDetail",
    "RejectedExportRow",
    "RejectedRow",
    "RequestFacts",
    "Request",
    "RequestOutcome",
    "ReturnHeader",
    "SEX_CODES",
    "Sen2Import",
    "Sen2Record",
    "Sen2Return",
    "SenSetting",
    "SenType",
    "Severity",
    "Timeliness",
    "ValidationReport",
    "as_percent",
    "case_to_record",
    "dfe_measures",
    "is_export",
    "read_collect",
    "read_sen2",
    "record_of",
    "record_to_case",
    "timeliness",
    "timeliness_of_columns",
    "return_from_records",
    "write_collect",
    "write_sen2",
]
