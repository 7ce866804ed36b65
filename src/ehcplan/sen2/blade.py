"""The shape of DfE's COLLECT "Blade" CSV export of the SEN2 return: its files, columns and dates.

COLLECT's "Blade" CSV export is one file per module, named
``Blade-Export_<DD-MM-YYYY>_<module>.csv`` (``sen2``, ``person``, ``requests``,
``assessment``, ``namedplan``, ``plandetail``, ``activeplans``,
``placementdetail``, ``senneed``), in a folder or a zip. Each row has its own
``<module>tableid`` and its parent's, and dates are written ``2022-Sep-28
00:00:00``. Columns follow the DfE "special educational needs person level
survey" guide, v1.2 to v1.4 (`MODULES`): ``gendercurrent`` before v1.2 and
``sex`` since; review meeting and outcome on active plans since v1.2 (``res``
and ``wbp`` moved to placements, and ``attendancepattern`` went);
``requestsource`` since v1.3. Sources: statutory reference §7.1 and
`shared/reference/sen2-return.md`, which transcribe the export as MastodonC's
open-source ``witan.sen2`` reader reads it.

It is read by `ehcplan.sen2.collect` and written by `ehcplan.sen2.collect_write`.

Examples:
    >>> [m.key for m in MODULES][:3]
    ['sen2', 'person', 'requests']
    >>> blade_text(dt.date(2022, 9, 28))
    '2022-Sep-28 00:00:00'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ehcplan.sen2 import tree as t

__all__ = [
    "BY_KEY",
    "LEGACY",
    "MODULES",
    "REQUIRED",
    "ExportItem",
    "ExportModule",
    "blade_text",
    "nodes",
]


@attrs.frozen
class ExportItem:
    """One column of a module file of the export.

    Attributes:
        name: The export's column name (lower case, as COLLECT writes it).
        attribute: The tree node's attribute it fills.
        kind: How the text is read (text, date, bool, int, or a code list).
        personal: Whether it identifies a person.
        note: Which guide versions have it, when not all.
    """

    name: str
    attribute: str
    kind: str = "text"
    personal: bool = False
    note: str = ""


@attrs.frozen
class ExportModule:
    """One module of the return: its file name, its parent and its items."""

    key: str
    title: str
    parent: str | None
    items: tuple[ExportItem, ...]

    @property
    def id_column(self) -> str:
        """The column holding each row's own id."""
        return f"{self.key}tableid"

    @property
    def parent_column(self) -> str | None:
        """The column holding the parent row's id."""
        return None if self.parent is None else f"{self.parent}tableid"

    @property
    def meta_columns(self) -> tuple[str, ...]:
        """The id and bookkeeping columns COLLECT adds to every file."""
        own = (self.id_column, "nativeid", f"{self.key}orderseqcolumn", "sourceid")
        return own if self.parent_column is None else (*own, self.parent_column)


_I = ExportItem
MODULES: tuple[ExportModule, ...] = (
    ExportModule("sen2", "0: the return", None, (
        _I("collection", "collection"), _I("year", "year", "int"),
        _I("referencedate", "reference_date", "date"),
        _I("sourcelevel", "source_level"), _I("softwarecode", "software_code"),
        _I("release", "release"), _I("serialno", "serial_no"),
        _I("datetime", "datetime"), _I("lea", "lea"), _I("dmo", "dmo"),
        _I("dco", "dco"),
    )),
    ExportModule("person", "1: person", "sen2", (
        _I("surname", "surname", personal=True),
        _I("forename", "forename", personal=True),
        _I("personbirthdate", "birth_date", "date", personal=True),
        _I("sex", "sex", "sex", note="from v1.2"),
        _I("gendercurrent", "sex", "sex", note="before v1.2"),
        _I("ethnicity", "ethnicity"),
        _I("postcode", "postcode", personal=True),
        _I("upn", "upn", personal=True),
        _I("uniquelearnernumber", "uln", personal=True),
        _I("upnunknown", "upn_unknown"),
    )),
    ExportModule("requests", "2: requests", "person", (
        _I("receiveddate", "received_date", "date"),
        _I("requestsource", "request_source", "source", note="from v1.3"),
        _I("rya", "rya", "bool"),
        _I("requestoutcomedate", "outcome_date", "date"),
        _I("requestoutcome", "outcome", "request_outcome"),
        _I("requestmediation", "mediation", "bool"),
        _I("requesttribunal", "tribunal", "bool"),
        _I("exported", "exported", "bool"),
    )),
    ExportModule("assessment", "3: assessment", "requests", (
        _I("assessmentoutcome", "outcome", "assessment_outcome"),
        _I("assessmentoutcomedate", "outcome_date", "date"),
        _I("assessmentmediation", "mediation", "bool"),
        _I("assessmenttribunal", "tribunal", "bool"),
        _I("othermediation", "other_mediation", "bool"),
        _I("othertribunal", "other_tribunal", "bool"),
        _I("week20", "week20", "bool"),
    )),
    ExportModule("namedplan", "4a: named plan", "assessment", (
        _I("startdate", "start_date", "date"),
        _I("planres", "plan_res", "plan_res"),
        _I("planwbp", "plan_wbp", "bool"),
        _I("pb", "pb", "bool"), _I("oa", "oa", "bool"), _I("dp", "dp", "bool"),
        _I("ceasedate", "cease_date", "date"),
        _I("ceasereason", "cease_reason", "cease_reason"),
    )),
    ExportModule("plandetail", "4b: plan detail", "namedplan", (
        _I("urn", "urn"), _I("ukprn", "ukprn"),
        _I("sensetting", "sen_setting", "sen_setting"),
        _I("sensettingother", "sen_setting_other"),
        _I("placementrank", "placement_rank", "int"),
        _I("senunitindicator", "sen_unit_indicator", "bool"),
        _I("resourcedprovisionindicator", "resourced_provision_indicator", "bool"),
    )),
    ExportModule("activeplans", "5a: active plans", "requests", (
        _I("transferla", "transfer_la"),
        _I("reviewmeeting", "review_meeting", "date", note="from v1.2"),
        _I("reviewoutcome", "review_outcome", note="from v1.2"),
        _I("lastreview", "last_review", "date"),
        _I("res", "res", note="before v1.2"),
        _I("wbp", "wbp", "bool", note="before v1.2"),
    )),
    ExportModule("placementdetail", "5b: placement detail", "activeplans", (
        _I("res", "res", note="from v1.2"), _I("wbp", "wbp", "bool", note="from v1.2"),
        _I("urn", "urn"), _I("ukprn", "ukprn"),
        _I("sensetting", "sen_setting", "sen_setting"),
        _I("sensettingother", "sen_setting_other"),
        _I("placementrank", "placement_rank", "int"),
        _I("entrydate", "entry_date", "date"),
        _I("leavingdate", "leaving_date", "date"),
        _I("attendancepattern", "attendance_pattern", note="before v1.2"),
        _I("senunitindicator", "sen_unit_indicator", "bool"),
        _I("resourcedprovisionindicator", "resourced_provision_indicator", "bool"),
    )),
    ExportModule("senneed", "5c: SEN need", "activeplans", (
        _I("sentype", "sen_type", "sen_type"),
        _I("sentyperank", "rank", "int"),
    )),
)  # fmt: skip
"""The nine modules, parents first, with the columns ehcplan reads and writes."""

BY_KEY = {module.key: module for module in MODULES}
LEGACY = {("person", "gendercurrent"), ("activeplans", "res"), ("activeplans", "wbp")}
LEGACY |= {("placementdetail", "attendancepattern")}
REQUIRED = {("requests", "receiveddate"), ("senneed", "sentype")}


def blade_text(value: object) -> str:
    """A value as the export writes it: dates ``2022-Sep-28 00:00:00``, flags 1 or 0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.strftime('%b')}-{value.day:02d} 00:00:00"
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def nodes(ret: t.Sen2Return) -> dict[str, list[tuple[Any, str | None]]]:
    """Every node of the tree with its parent's id, by module."""
    out: dict[str, list[tuple[Any, str | None]]] = {m.key: [] for m in MODULES}
    sen2_id = ret.header.place.table_id if ret.header is not None else "1"
    if ret.header is not None:
        out["sen2"].append((ret.header, None))
    for person in ret.persons:
        out["person"].append((person, sen2_id))
        for request in person.requests:
            out["requests"].append((request, person.place.table_id))
            if request.assessment is not None:
                a = request.assessment
                out["assessment"].append((a, request.place.table_id))
                for plan in a.plans:
                    out["namedplan"].append((plan, a.place.table_id))
                    for detail in plan.details:
                        out["plandetail"].append((detail, plan.place.table_id))
            if request.active_plan is not None:
                ap = request.active_plan
                out["activeplans"].append((ap, request.place.table_id))
                out["placementdetail"] += [
                    (p, ap.place.table_id) for p in ap.placements
                ]
                out["senneed"] += [(n, ap.place.table_id) for n in ap.needs]
    return out
