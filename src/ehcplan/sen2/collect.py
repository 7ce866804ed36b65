"""An authority's SEN2 return as DfE's COLLECT exports it: nine linked CSV files, in and out.

COLLECT's "Blade" CSV export is one file per module, named
``Blade-Export_<DD-MM-YYYY>_<module>.csv`` (``sen2``, ``person``, ``requests``,
``assessment``, ``namedplan``, ``plandetail``, ``activeplans``,
``placementdetail``, ``senneed``), in a folder or a zip. Each row has its own
``<module>tableid`` and its parent's, and dates are written ``2022-Sep-28
00:00:00`` (ISO dates are read too). Columns follow the DfE "special
educational needs person level survey" guide, v1.2 to v1.4 (`MODULES`):
``gendercurrent`` before v1.2 and ``sex`` since; review meeting and outcome on
active plans since v1.2 (``res`` and ``wbp`` moved to placements, and
``attendancepattern`` went); ``requestsource`` since v1.3. Sources: statutory
reference §7.1 and `shared/reference/sen2-return.md`, which transcribe the
export as MastodonC's open-source ``witan.sen2`` reader reads it.

`read_collect` reads every file with the shared row reader
(`ehcplan.sen2.rows`), types every cell, links the rows into the tree
(`ehcplan.sen2.tree`) and checks it by module, row and field (the rules in
`ehcplan.sen2.validate`, plus the export's own below). A request with an error
anywhere in its branch is kept out of the tree, with all its rows, and every
one of them is reported (`CollectImport.rejected`); nothing is dropped
silently. Names, dates of birth, postcodes, UPNs and ULNs are dropped unless
asked for (`Personal`); the age and year group are derived first.

| rule | severity | check |
|---|---|---|
| ID | error | every row has its table id, unique in its module |
| ORPHAN | error | every row's parent id names a row of the parent module |
| ONE | error | a request has at most one assessment and one active plan |
| LINKED | error | a row kept out with the rest of its request, which has an error |
| P1 | error | a placement's leaving date is not before its entry date |
| HEADER | warning | the ``sen2`` file has one row with the reference date |
| PLANS | warning | a named plan or placement list with more than one plan for an assessment |
| UPN | warning | a person with no UPN, no ULN and no reason (``upnunknown``) |
| AGE | warning | age at the start of the school year outside 0 to 24 |
| MULTI | warning | a person with active or named plans from more than one request |
| RANK | warning | two needs of one active plan with the same rank |
| SEX | warning | a ``sex`` code ehcplan does not know (kept as read) |
| MODULE | warning | a module file missing from the export (read as empty) |
| COLUMNS | warning | unknown columns (kept with their rows, not interpreted) |

`write_collect` writes the same nine files from a return, from `Sen2Record`
values or from cases (and so from simulated journeys: `Results.sen2_records()`),
so what ehcplan writes, it reads back to the same figures.
The XML form of the return (DfE's technical specification §3.2) is not read:
its schema was not available to check against.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
import os
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ehcplan import case as c
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.sen2 import tree as t
from ehcplan.sen2.io import _PARSERS, _code, _Unreadable, protector, shown
from ehcplan.sen2.items import SEX_CODES
from ehcplan.sen2.records import Personal, Sen2Record, case_to_record
from ehcplan.sen2.rows import CsvTable, read_rows
from ehcplan.sen2.validate import (
    Issue,
    Severity,
    ValidationReport,
    check_file,
    check_row,
)

__all__ = [
    "MODULES",
    "CollectImport",
    "ExportItem",
    "ExportModule",
    "RejectedExportRow",
    "is_export",
    "read_collect",
    "return_from_records",
    "write_collect",
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

_BY_KEY = {module.key: module for module in MODULES}
_LEGACY = {("person", "gendercurrent"), ("activeplans", "res"), ("activeplans", "wbp")}
_LEGACY |= {("placementdetail", "attendancepattern")}
_REQUIRED = {("requests", "receiveddate"), ("senneed", "sentype")}
_FIELD_MODULE = {
    "ReceivedDate": "requests",
    "RequestOutcomeDate": "requests",
    "RequestOutcome": "requests",
    "AssessmentOutcome": "assessment",
    "AssessmentOutcomeDate": "assessment",
    "Week20": "assessment",
    "StartDate": "namedplan",
    "CeaseDate": "namedplan",
    "CeaseReason": "namedplan",
    "PersonBirthDate": "person",
    "ReviewMeeting": "activeplans",
    "LastReview": "activeplans",
}
"""Which module holds each item the one-row checks (`check_row`) name."""


def _int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        msg = "is not a whole number"
        raise _Unreadable(msg) from None


_KINDS: dict[str, Callable[[str], Any]] = {
    **_PARSERS,
    "int": _int,
    "sen_setting": _code(t.SenSetting, "SENsetting"),
    "sen_type": _code(t.SenType, "SENtype"),
}


@attrs.frozen(kw_only=True)
class RejectedExportRow:
    """A row kept out of the tree, with its issues (personal columns as asked).

    Attributes:
        module: The module file it is in.
        row: Its row in that file (header = 1).
        table_id: Its table id, if it has one.
        values: Every column's text, keyed by the export's column name.
        issues: What is wrong with it (or with its request).
    """

    module: str
    row: int
    table_id: str | None
    values: dict[str, str] = attrs.field(hash=False)
    issues: tuple[Issue, ...]


@attrs.frozen(kw_only=True, eq=False)
class CollectImport:
    """What `read_collect` found: the tree of good rows, the rejected rows, the report.

    Attributes:
        sen2_return: The return, with every request whose branch is clean.
        rejected: Every row kept out, by module and row.
        report: Every issue, by module, row and field.
        rows_read: How many rows each module file had (blank rows aside).
    """

    sen2_return: t.Sen2Return
    rejected: tuple[RejectedExportRow, ...]
    report: ValidationReport
    rows_read: Mapping[str, int]

    def records(self) -> tuple[Sen2Record, ...]:
        """The accepted requests as `Sen2Record` values, in file order."""
        return self.sen2_return.records()

    def cases(self) -> tuple[c.Case, ...]:
        """The accepted requests as `Case` values, in file order."""
        return self.sen2_return.cases()

    def counts(self) -> dict[str, Any]:
        """The validation counts: rows read and rejected by module, issues by rule."""
        rejected = Counter(r.module for r in self.rejected)
        return {
            "rows_read": dict(self.rows_read),
            "rows_rejected": {m.key: rejected[m.key] for m in MODULES},
            "requests_accepted": sum(1 for _ in self.sen2_return.requests()),
            "errors": len(self.report.errors),
            "warnings": len(self.report.warnings),
            "issues_by_rule": self.report.counts_by_rule(),
        }


def is_export(path: str | os.PathLike[str]) -> bool:
    """Whether *path* is a folder or a zip (so a COLLECT export, not one CSV file).

    Examples:
        >>> is_export("examples/sen2-example.csv"), is_export("examples")
        (False, True)
    """
    candidate = Path(path)
    return candidate.is_dir() or (candidate.is_file() and zipfile.is_zipfile(candidate))


def _files(source: str | os.PathLike[str]) -> dict[str, tuple[str, bytes]]:
    """Each module's file name and bytes, from a folder or a zip."""
    path = Path(source)
    found: dict[str, list[tuple[str, Callable[[], bytes]]]] = defaultdict(list)
    entries: list[tuple[str, Callable[[], bytes]]]
    if path.is_dir():
        entries = [
            (p.name, p.read_bytes) for p in sorted(path.iterdir()) if p.is_file()
        ]
    elif path.is_file() and zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        entries = [
            (Path(info.filename).name, _reader(archive, info))
            for info in archive.infolist()
            if not info.is_dir()
        ]
    else:
        msg = (
            "this is neither a folder nor a zip of a COLLECT export; give the folder "
            "(or zip) holding the Blade-Export_..._<module>.csv files"
        )
        raise FileFormatError(str(source), msg)
    for name, read in entries:
        lowered = name.lower()
        if not lowered.endswith(".csv"):
            continue
        stem = lowered[:-4]
        for module in MODULES:
            if stem == module.key or stem.endswith(f"_{module.key}"):
                found[module.key].append((name, read))
    result: dict[str, tuple[str, bytes]] = {}
    for key, matches in found.items():
        if len(matches) > 1:
            names = ", ".join(sorted(n for n, _ in matches))
            msg = (
                f"more than one file is the {key} module ({names}); keep one export "
                "per folder"
            )
            raise FileFormatError(str(source), msg)
        name, read = matches[0]
        result[key] = (f"{source}/{name}", read())
    if "requests" not in result or "person" not in result:
        msg = (
            "no person or requests file was found; expected files named like "
            "Blade-Export_16-01-2025_person.csv and ..._requests.csv"
        )
        raise FileFormatError(str(source), msg)
    return result


def _reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    return lambda: archive.read(info)


@attrs.define
class _Row:
    """One parsed row of a module, before it is linked."""

    module: str
    row: int
    table_id: str | None
    parent_id: str | None
    fields: dict[str, Any]
    cells: tuple[str, ...]
    issues: list[Issue]

    @property
    def bad(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.issues)


def _issue(
    module: str,
    row: int | None,
    field: str | None,
    rule: str,
    message: str,
    *,
    error: bool = True,
) -> Issue:
    return Issue(
        row=row,
        field=field,
        rule=rule,
        severity=Severity.ERROR if error else Severity.WARNING,
        message=message,
        module=module,
    )


def _parse_module(
    module: ExportModule,
    table: CsvTable,
    protect: Callable[[str], str | None],
    file_issues: list[Issue],
) -> list[_Row]:
    header = [h.lower() for h in table.header]
    for column in (module.id_column, module.parent_column):
        if column is not None and column not in header:
            msg = f"the {column} column is missing; every {module.key} row needs it"
            raise FileFormatError(table.name, msg, field=column)
    items = {item.name: item for item in module.items}
    known = [(i, items[h]) for i, h in enumerate(header) if h in items]
    meta = set(module.meta_columns)
    unknown = [h for h in header if h not in items and h not in meta]
    if unknown:
        file_issues.append(
            _issue(
                module.key,
                None,
                None,
                "COLUMNS",
                "unknown columns kept with their rows, not interpreted: "
                + ", ".join(unknown),
                error=False,
            )
        )
    id_at = header.index(module.id_column)
    parent_at = (
        None if module.parent_column is None else header.index(module.parent_column)
    )
    rows = []
    for csv_row in table.rows:
        cells = csv_row.cells
        issues = [attrs.evolve(i, module=module.key) for i in csv_row.issues]
        for issue_at, issue in enumerate(issues):
            if issue.field is not None:
                issues[issue_at] = attrs.evolve(issue, field=issue.field.lower())
        fields: dict[str, Any] = {}
        reveal = not csv_row.short
        if csv_row.ok:
            for index, item in known:
                text = cells[index].strip()
                if not text:
                    if (module.key, item.name) in _REQUIRED:
                        issues.append(
                            _issue(
                                module.key,
                                csv_row.row,
                                item.name,
                                "REQUIRED",
                                f"{item.name} is blank; every {module.key} row needs it.",
                            )
                        )
                    continue
                if item.personal:
                    if item.kind == "date":
                        try:
                            fields["_born"] = _KINDS["date"](text)
                        except _Unreadable as problem:
                            issues.append(
                                _issue(
                                    module.key,
                                    csv_row.row,
                                    item.name,
                                    "PARSE",
                                    f"{item.name}: the value (not shown, as it is "
                                    f"personal) {problem}.",
                                )
                            )
                    fields[item.attribute] = protect(text)
                    continue
                try:
                    fields[item.attribute] = _KINDS[item.kind](text)
                except _Unreadable as problem:
                    issues.append(
                        _issue(
                            module.key,
                            csv_row.row,
                            item.name,
                            "PARSE",
                            f"{item.name}: {shown(text, reveal=reveal)} {problem}.",
                        )
                    )
                    continue
                if item.kind == "sex" and text.upper() not in SEX_CODES:
                    issues.append(
                        _issue(
                            module.key,
                            csv_row.row,
                            item.name,
                            "SEX",
                            f"{item.name}: {shown(text, reveal=reveal)} is not a sex "
                            f"code ehcplan knows ({', '.join(SEX_CODES)}); it is kept "
                            "as read. Check it against the DfE guide.",
                            error=False,
                        )
                    )
        table_id = cells[id_at].strip() or None
        parent_id = None if parent_at is None else (cells[parent_at].strip() or None)
        if csv_row.ok and table_id is None:
            issues.append(
                _issue(
                    module.key,
                    csv_row.row,
                    module.id_column,
                    "ID",
                    f"{module.id_column} is blank; every row needs its id.",
                )
            )
        rows.append(
            _Row(module.key, csv_row.row, table_id, parent_id, fields, cells, issues)
        )
    return rows


def _link(
    rows: dict[str, list[_Row]], file_issues: list[Issue]
) -> dict[str, dict[str, _Row]]:
    """Rows by module and id; duplicates and orphans are marked in error."""
    by_id: dict[str, dict[str, _Row]] = {}
    for module in MODULES:
        seen: dict[str, _Row] = {}
        for row in rows.get(module.key, []):
            if row.table_id is None:
                continue
            if row.table_id in seen:
                row.issues.append(
                    _issue(
                        module.key,
                        row.row,
                        module.id_column,
                        "ID",
                        f"{module.id_column} {row.table_id!r} is also on row "
                        f"{seen[row.table_id].row}; each row needs its own id.",
                    )
                )
                continue
            seen[row.table_id] = row
        by_id[module.key] = seen
    for module in MODULES:
        if module.parent is None or module.parent == "sen2":
            continue
        parents = by_id[module.parent]
        for row in rows.get(module.key, []):
            if row.parent_id is None or row.parent_id not in parents:
                what = "blank" if row.parent_id is None else repr(row.parent_id)
                row.issues.append(
                    _issue(
                        module.key,
                        row.row,
                        module.parent_column,
                        "ORPHAN",
                        f"{module.parent_column} is {what}, which names no row of "
                        f"the {module.parent} file; fix the id, or add the "
                        f"{module.parent} row.",
                    )
                )
    return by_id


def read_collect(
    source: str | os.PathLike[str],
    *,
    personal: Personal = Personal.DROP,
    salt: str | None = None,
    on: dt.date | None = None,
) -> CollectImport:
    """Read and check a COLLECT Blade CSV export: a folder or zip of nine module files.

    Args:
        source: The folder, or the zip, holding the ``Blade-Export_..._<module>.csv``
            files.
        personal: What to do with names, dates of birth, postcodes, UPNs and ULNs.
        salt: The secret for `Personal.HASH`; keep it out of the data.
        on: No date may be after this (rule C5); by default the return's
            reference date.

    Returns:
        The tree of good requests, every rejected row and the report.

    Raises:
        FileFormatError: If the export cannot be read as a whole: not a folder
            or zip, no person or requests file, two files for one module, or a
            file whose header cannot be read or lacks its id columns.
        InvalidInput: If `Personal.HASH` is asked for without a salt.

    Examples:
        >>> imported = read_collect("examples/sen2-collect-example")
        >>> imported.sen2_return.calendar_year
        2024
        >>> imported.report.ok
        False
    """
    if personal is Personal.HASH and not salt:
        msg = (
            "personal=Personal.HASH needs a salt: a secret string kept apart from "
            "the data, so the hashes cannot be reversed by guessing"
        )
        raise InvalidInput(msg, field="salt")
    protect = protector(personal, salt)
    files = _files(source)
    with _bulk():
        return _read(files, protect, on)


@contextlib.contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a return's acyclic rows are built.

    Hundreds of thousands of new objects would otherwise trigger collections
    over an ever larger heap: a third of the time for a 50,000-person return.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read(
    files: dict[str, tuple[str, bytes]],
    protect: Callable[[str], str | None],
    on: dt.date | None,
) -> CollectImport:
    file_issues: list[Issue] = []
    rows: dict[str, list[_Row]] = {}
    columns: dict[str, set[str]] = {}
    order: dict[str, list[str]] = {}
    for module in MODULES:
        if module.key not in files:
            file_issues.append(
                _issue(
                    module.key,
                    None,
                    None,
                    "MODULE",
                    f"the export has no {module.key} file; it is read as empty. "
                    "Check the export is complete.",
                    error=False,
                )
            )
            rows[module.key] = []
            columns[module.key] = set()
            continue
        name, data = files[module.key]
        table = read_rows(data, name=name)
        columns[module.key] = {h.lower() for h in table.header}
        order[module.key] = [h.lower() for h in table.header]
        rows[module.key] = _parse_module(module, table, protect, file_issues)
    by_id = _link(rows, file_issues)
    header = _header(rows["sen2"], file_issues)
    census = header.reference_date if header is not None else None
    on = on if on is not None else census

    def values_of(row: _Row) -> dict[str, str]:
        """A rejected row's cells by column, personal ones protected."""
        items = {i.name: i for i in _BY_KEY[row.module].items}
        return {
            h: (protect(row.cells[i]) or "")
            if h in items and items[h].personal
            else row.cells[i]
            for i, h in enumerate(order[row.module])
        }

    return _assemble(rows, by_id, header, census, on, columns, file_issues, values_of)


def _header(rows: list[_Row], file_issues: list[Issue]) -> t.ReturnHeader | None:
    good = [r for r in rows if not r.bad]
    for extra in good[1:]:
        extra.issues.append(
            _issue(
                "sen2",
                extra.row,
                None,
                "HEADER",
                "the sen2 file has more than one row; the first is the return's.",
                error=False,
            )
        )
    if not good:
        file_issues.append(
            _issue(
                "sen2",
                None,
                None,
                "HEADER",
                "the export has no readable sen2 row, so its reference date is not "
                "known; the calendar year must be given.",
                error=False,
            )
        )
        return None
    first = good[0]
    if "reference_date" not in first.fields:
        first.issues.append(
            _issue(
                "sen2",
                first.row,
                "referencedate",
                "HEADER",
                "referencedate is blank; the calendar year must be given.",
                error=False,
            )
        )
    return t.ReturnHeader(
        place=t.Place(module="sen2", table_id=first.table_id or "", row=first.row),
        **first.fields,
    )


def _version(columns: dict[str, set[str]]) -> str:
    if "gendercurrent" in columns["person"] or "attendancepattern" in columns.get(
        "placementdetail", set()
    ):
        return "before v1.2"
    if "requestsource" in columns["requests"]:
        return "v1.3 or later"
    return "v1.2"


def _children(rows: list[_Row]) -> dict[str | None, list[_Row]]:
    found: dict[str | None, list[_Row]] = defaultdict(list)
    for row in rows:
        found[row.parent_id].append(row)
    return found


def _assemble(  # noqa: C901 - one pass down the tree reads best in one place
    rows: dict[str, list[_Row]],
    by_id: dict[str, dict[str, _Row]],
    header: t.ReturnHeader | None,
    census: dt.date | None,
    on: dt.date | None,
    columns: dict[str, set[str]],
    file_issues: list[Issue],
    values_of: Callable[[_Row], dict[str, str]],
) -> CollectImport:
    kids = {key: _children(value) for key, value in rows.items()}
    persons: list[t.Person] = []
    placed: set[int] = set()  # ids of rows that reached the tree, or were rejected

    def owned(key: str, parent: _Row) -> list[_Row]:
        """The rows of module *key* under *parent* (none under a repeated id)."""
        if (
            parent.table_id is None
            or by_id[parent.module][parent.table_id] is not parent
        ):
            return []
        return [
            r
            for r in kids[key].get(parent.table_id, [])
            if r.table_id is not None and by_id[key][r.table_id] is r
        ]

    rejected_rows: list[_Row] = []
    for person_row in rows["person"]:
        person_stub = _person(person_row, (), census)
        requests_built: list[t.Request] = []
        request_rows = owned("requests", person_row)
        plan_requests = 0
        for request_row in request_rows:
            assessments = owned("assessment", request_row)
            actives = owned("activeplans", request_row)
            for extra, what in [(r, "assessment") for r in assessments[1:]] + [
                (r, "active plan") for r in actives[1:]
            ]:
                extra.issues.append(
                    _issue(
                        extra.module,
                        extra.row,
                        _BY_KEY[extra.module].parent_column,
                        "ONE",
                        f"this request already has an {what} (row "
                        f"{(assessments if what == 'assessment' else actives)[0].row}); "
                        f"a request has at most one {what}.",
                    )
                )
            plans = [p for a in assessments[:1] for p in owned("namedplan", a)]
            details = [d for p in plans for d in owned("plandetail", p)]
            placements = [p for a in actives[:1] for p in owned("placementdetail", a)]
            needs = [n for a in actives[:1] for n in owned("senneed", a)]
            branch = [
                request_row, *assessments, *actives, *plans, *details, *placements,
                *needs,
            ]  # fmt: skip
            if len(plans) > 1:
                plans[1].issues.append(
                    _issue(
                        "namedplan",
                        plans[1].row,
                        None,
                        "PLANS",
                        f"the assessment already has a named plan (row {plans[0].row});"
                        " the earliest start date is taken as the plan's issue.",
                        error=False,
                    )
                )
            _check_branch(placements, needs)
            request = None
            if not any(r.bad for r in branch) and not person_row.bad:
                request = _build_request(
                    request_row, assessments[:1], plans, details, actives[:1],
                    placements, needs, person_row,
                )  # fmt: skip
            if request is not None:
                record = t.to_record(person_stub, request)
                mapped = _checks(record, branch_by_module(branch), on)
                if any(i.severity is Severity.ERROR for i in mapped):
                    request = None
            if request is None:
                _reject(branch, person_row)
                rejected_rows.extend(branch)
            else:
                requests_built.append(request)
                if request.active_plan is not None or (
                    request.assessment is not None and request.assessment.plans
                ):
                    plan_requests += 1
            placed.update(id(r) for r in branch)
        person = _person(person_row, tuple(requests_built), census)
        if person_row.bad:
            rejected_rows.append(person_row)
        else:
            _check_person(person_row, person, plan_requests)
            persons.append(person)
        placed.add(id(person_row))
    for module in MODULES[1:]:
        for row in rows[module.key]:
            if id(row) not in placed:
                if not row.bad:
                    row.issues.append(
                        _issue(
                            row.module,
                            row.row,
                            None,
                            "LINKED",
                            "this row is kept out with the rest of its branch, "
                            "which has an error higher up (see its parent's rows).",
                        )
                    )
                rejected_rows.append(row)
                placed.add(id(row))
    for row in rows["sen2"]:
        if row.bad:
            rejected_rows.append(row)
    ret = t.Sen2Return(
        header=header, persons=tuple(persons), guide_version=_version(columns)
    )
    records = ret.records()
    issues = list(file_issues)
    for module in MODULES:
        for row in rows[module.key]:
            issues.extend(row.issues)
    issues.extend(attrs.evolve(i, module="assessment") for i in check_file(records))
    order = {m.key: n for n, m in enumerate(MODULES)}
    issues.sort(key=lambda i: (order.get(i.module or "", -1), i.row or 0))
    rejected = tuple(
        RejectedExportRow(
            module=r.module,
            row=r.row,
            table_id=r.table_id,
            values=values_of(r),
            issues=tuple(r.issues),
        )
        for r in sorted(rejected_rows, key=lambda r: (order[r.module], r.row))
    )
    return CollectImport(
        sen2_return=ret,
        rejected=rejected,
        report=ValidationReport(tuple(issues)),
        rows_read={m.key: len(rows[m.key]) for m in MODULES},
    )


def branch_by_module(branch: list[_Row]) -> dict[str, _Row]:
    """The first row of each module in a request's branch."""
    found: dict[str, _Row] = {}
    for row in branch:
        found.setdefault(row.module, row)
    return found


def _checks(
    record: Sen2Record, rows: dict[str, _Row], on: dt.date | None
) -> list[Issue]:
    """The one-row rules on a request's record, each placed on its module's row."""
    found = []
    for issue in check_row(record, rows["requests"].row, on=on):
        module = _FIELD_MODULE.get(issue.field or "", "requests")
        row = rows.get(module, rows["requests"])
        placed = attrs.evolve(
            issue,
            module=row.module,
            row=row.row,
            field=None if issue.field is None else issue.field.lower(),
        )
        row.issues.append(placed)
        found.append(placed)
    return found


def _reject(branch: list[_Row], person_row: _Row) -> None:
    """Mark every clean row of a branch as kept out with it."""
    culprit = next((r for r in branch if r.bad), person_row)
    for row in branch:
        if not row.bad:
            row.issues.append(
                _issue(
                    row.module,
                    row.row,
                    None,
                    "LINKED",
                    f"this row is kept out with the rest of its request, which has "
                    f"an error ({culprit.module} row {culprit.row}).",
                )
            )


def _check_branch(placements: list[_Row], needs: list[_Row]) -> None:
    for row in placements:
        entry, leaving = row.fields.get("entry_date"), row.fields.get("leaving_date")
        if entry is not None and leaving is not None and leaving < entry:
            row.issues.append(
                _issue(
                    "placementdetail",
                    row.row,
                    "leavingdate",
                    "P1",
                    f"leavingdate {leaving.isoformat()} is before entrydate "
                    f"{entry.isoformat()}; a placement cannot end before it starts. "
                    "Check both dates.",
                )
            )
    ranks = Counter(n.fields.get("rank") for n in needs if not n.bad)
    for row in needs:
        rank = row.fields.get("rank")
        if rank is not None and ranks[rank] > 1:
            row.issues.append(
                _issue(
                    "senneed",
                    row.row,
                    "sentyperank",
                    "RANK",
                    f"another need of this active plan also has rank {rank}; rank "
                    "them 1 (primary), 2, ...",
                    error=False,
                )
            )
            ranks[rank] = 0


def _check_person(row: _Row, person: t.Person, plan_requests: int) -> None:
    if (
        "upn" not in row.fields
        and "uln" not in row.fields
        and "upn_unknown" not in row.fields
    ):
        row.issues.append(
            _issue(
                "person",
                row.row,
                "upnunknown",
                "UPN",
                "the person has no UPN, no ULN and no reason in upnunknown; give one.",
                error=False,
            )
        )
    age = person.age_at_start_of_school_year
    if age is not None and not 0 <= age <= 24:
        row.issues.append(
            _issue(
                "person",
                row.row,
                "personbirthdate",
                "AGE",
                f"the person was {age} at the start of the school year of the "
                "census; plans are for ages 0 to 24 then. Check personbirthdate.",
                error=False,
            )
        )
    if plan_requests > 1:
        row.issues.append(
            _issue(
                "person",
                row.row,
                None,
                "MULTI",
                f"the person has plans from {plan_requests} requests; usually one "
                "plan is kept. Check for a duplicate request.",
                error=False,
            )
        )


def _person(
    row: _Row, requests: tuple[t.Request, ...], census: dt.date | None
) -> t.Person:
    fields = {k: v for k, v in row.fields.items() if not k.startswith("_")}
    born = row.fields.get("_born")
    age = year = None
    if born is not None and census is not None:
        age = t.age_at_start_of_school_year(born, census)
        year = t.year_group(age)
    return t.Person(
        place=t.Place(module="person", table_id=row.table_id or "", row=row.row),
        age_at_start_of_school_year=age,
        year_group=year,
        requests=requests,
        **fields,
    )


def _place(row: _Row) -> t.Place:
    return t.Place(module=row.module, table_id=row.table_id or "", row=row.row)


def _build_request(
    request_row: _Row,
    assessments: list[_Row],
    plans: list[_Row],
    details: list[_Row],
    actives: list[_Row],
    placements: list[_Row],
    needs: list[_Row],
    person_row: _Row,
) -> t.Request:
    assessment = None
    if assessments:
        a = assessments[0]
        built_plans = tuple(
            t.NamedPlan(
                place=_place(p),
                details=tuple(
                    t.PlanDetail(place=_place(d), **d.fields)
                    for d in details
                    if d.parent_id == p.table_id
                ),
                **p.fields,
            )
            for p in plans
        )
        assessment = t.Assessment(place=_place(a), plans=built_plans, **a.fields)
    active = None
    if actives:
        ap = actives[0]
        active = t.ActivePlan(
            place=_place(ap),
            placements=tuple(
                t.Placement(place=_place(p), **p.fields) for p in placements
            ),
            needs=tuple(t.Need(place=_place(n), **n.fields) for n in needs),
            **ap.fields,
        )
    fields = dict(request_row.fields)
    born = person_row.fields.get("_born")
    received = fields["received_date"]
    age = None
    if born is not None:
        age = (
            received.year
            - born.year
            - ((received.month, received.day) < (born.month, born.day))
        )
    return t.Request(
        place=_place(request_row),
        assessment=assessment,
        active_plan=active,
        age_at_request=age,
        **fields,
    )


# --- Writing ------------------------------------------------------------------------


def return_from_records(
    records: Iterable[Sen2Record | c.Case],
    *,
    reference_date: dt.date | None = None,
    lea: str | None = None,
) -> t.Sen2Return:
    """A return built from request records or cases: one person per person id.

    A record without a `person_id` is its own person. An assessment is made for
    a record with an assessment outcome, a named plan for one with a plan start
    date, and an active plan for one with review items.

    Examples:
        >>> from ehcplan.sen2 import RequestOutcome
        >>> record = Sen2Record(request_id="R1", received_date=dt.date(2024, 3, 4),
        ...                     request_outcome=RequestOutcome.NOT_ASSESS,
        ...                     request_outcome_date=dt.date(2024, 4, 1))
        >>> ret = return_from_records([record], reference_date=dt.date(2025, 1, 16))
        >>> ret.calendar_year, ret.records()[0].request_outcome.value
        (2024, 'N')
    """
    persons: dict[str, list[Sen2Record]] = {}
    for item in records:
        record = case_to_record(item) if isinstance(item, c.Case) else item
        persons.setdefault(record.person_id or f"P-{record.request_id}", []).append(
            record
        )
    built = []
    for person_id, own in persons.items():
        first = own[0]
        built.append(
            t.Person(
                place=t.Place(module="person", table_id=person_id),
                surname=first.surname,
                forename=first.forename,
                birth_date=first.person_birth_date,
                sex=first.sex,
                ethnicity=first.ethnicity,
                postcode=first.post_code,
                upn=first.upn,
                uln=first.uln,
                requests=tuple(_request(r) for r in own),
            )
        )
    header = t.ReturnHeader(
        place=t.Place(module="sen2", table_id="1"),
        collection="SEN2",
        year=None if reference_date is None else reference_date.year,
        reference_date=reference_date,
        source_level="L",
        software_code="ehcplan",
        lea=lea,
    )
    return t.Sen2Return(header=header, persons=tuple(built))


def _request(r: Sen2Record) -> t.Request:
    ident = r.request_id
    assessment = None
    if r.assessment_outcome is not None or r.assessment_outcome_date is not None:
        plans: tuple[t.NamedPlan, ...] = ()
        if r.start_date is not None:
            plans = (
                t.NamedPlan(
                    place=t.Place(module="namedplan", table_id=f"N-{ident}"),
                    start_date=r.start_date,
                    plan_res=r.plan_res,
                    pb=r.pb,
                    oa=r.oa,
                    dp=r.dp,
                    cease_date=r.cease_date,
                    cease_reason=r.cease_reason,
                ),
            )
        assessment = t.Assessment(
            place=t.Place(module="assessment", table_id=f"A-{ident}"),
            outcome=r.assessment_outcome,
            outcome_date=r.assessment_outcome_date,
            mediation=r.assessment_mediation,
            tribunal=r.assessment_tribunal,
            week20=r.week20,
            plans=plans,
        )
    active = None
    if r.review_meeting is not None or r.last_review is not None or r.review_outcome:
        active = t.ActivePlan(
            place=t.Place(module="activeplans", table_id=f"AP-{ident}"),
            review_meeting=r.review_meeting,
            review_outcome=r.review_outcome,
            last_review=r.last_review,
        )
    return t.Request(
        place=t.Place(module="requests", table_id=ident),
        received_date=r.received_date,
        age_at_request=r.age_at_request,
        request_source=r.request_source,
        rya=r.rya,
        outcome_date=r.request_outcome_date,
        outcome=r.request_outcome,
        mediation=r.request_mediation,
        tribunal=r.request_tribunal,
        exported=r.exported,
        assessment=assessment,
        active_plan=active,
    )


def _blade(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.strftime('%b')}-{value.day:02d} 00:00:00"
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def _nodes(ret: t.Sen2Return) -> dict[str, list[tuple[Any, str | None]]]:
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


def write_collect(
    source: t.Sen2Return | CollectImport | Iterable[Sen2Record | c.Case],
    target: str | os.PathLike[str],
    *,
    export_date: dt.date,
    reference_date: dt.date | None = None,
    lea: str | None = None,
) -> list[str]:
    """Write a return as COLLECT's Blade CSV export: nine files in a folder or a zip.

    Args:
        source: A return, what `read_collect` gave, or request records or cases
            (for example a simulation's `Results.sen2_records()`).
        target: A folder (made if missing), or a path ending ``.zip``.
        export_date: The date in the file names (``Blade-Export_DD-MM-YYYY_...``).
        reference_date: The census date, when *source* is records or cases.
        lea: The authority's code, when *source* is records or cases.

    Returns:
        The names of the files written.

    Raises:
        InvalidInput: If *target* is an existing file that is not to be a zip.

    Examples:
        >>> import tempfile
        >>> record = Sen2Record(request_id="R1", received_date=dt.date(2024, 3, 4))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     names = write_collect([record], folder, export_date=dt.date(2025, 1, 20),
        ...                           reference_date=dt.date(2025, 1, 16))
        ...     back = read_collect(folder)
        >>> names[2], [r.request_id for r in back.records()]
        ('Blade-Export_20-01-2025_requests.csv', ['R1'])
    """
    if isinstance(source, CollectImport):
        ret = source.sen2_return
    elif isinstance(source, t.Sen2Return):
        ret = source
    else:
        ret = return_from_records(source, reference_date=reference_date, lea=lea)
    nodes = _nodes(ret)
    stamp = export_date.strftime("%d-%m-%Y")
    texts: list[tuple[str, str]] = []
    for module in MODULES:
        present = nodes[module.key]
        current = {
            i.attribute for i in module.items if (module.key, i.name) not in _LEGACY
        }
        items = [
            item
            for item in module.items
            if (module.key, item.name) not in _LEGACY
            or (
                item.attribute not in current
                and any(
                    getattr(node, item.attribute) is not None for node, _ in present
                )
            )
        ]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        names = ["NativeId" if m == "nativeid" else m for m in module.meta_columns]
        writer.writerow([*names, *(i.name for i in items)])
        for order, (node, parent) in enumerate(present, start=1):
            own = node.place.table_id
            meta = [own, own, str(order), ""]
            if module.parent_column is not None:
                meta.append(parent or "")
            writer.writerow(meta + [_blade(getattr(node, i.attribute)) for i in items])
        texts.append((f"Blade-Export_{stamp}_{module.key}.csv", out.getvalue()))
    path = Path(target)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in texts:
                archive.writestr(name, text)
    else:
        if path.exists() and not path.is_dir():
            msg = f"{target} is a file; give a folder, or a path ending .zip"
            raise InvalidInput(msg, field="target")
        path.mkdir(parents=True, exist_ok=True)
        for name, text in texts:
            (path / name).write_text(text, encoding="utf-8")
    return [name for name, _ in texts]
