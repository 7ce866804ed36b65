"""Reading an authority's SEN2 return as DfE's COLLECT exports it: nine linked CSV files.

The export's shape (its nine module files, their columns by guide version and
its date format, ISO dates read too) is described in `ehcplan.sen2.blade`.

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
| ABSENT | warning | columns of the module missing from its file (read as blank) |

`ehcplan.sen2.collect_write.write_collect` writes the same nine files, so what
ehcplan writes, it reads back to the same figures.
The XML form of the return (DfE's technical specification §3.2) is not read:
its schema was not available to check against.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ehcplan import cases as c
from ehcplan.errors import InvalidInput
from ehcplan.sen2 import tree as t
from ehcplan.sen2.blade import BY_KEY, MODULES
from ehcplan.sen2.collect_checks import (
    branch_by_module,
    check_branch,
    check_person,
    reject_branch,
    request_checks,
)
from ehcplan.sen2.collect_rows import (
    ExportRow,
    export_files,
    export_issue,
    is_export,
    parse_module,
)
from ehcplan.sen2.io import protector
from ehcplan.sen2.records import Personal, Sen2Record
from ehcplan.sen2.rows import read_rows
from ehcplan.sen2.validate import (
    Issue,
    Severity,
    ValidationReport,
    check_file,
)

__all__ = [
    "CollectImport",
    "RejectedExportRow",
    "is_export",
    "read_collect",
]


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


def _link(
    rows: dict[str, list[ExportRow]], file_issues: list[Issue]
) -> dict[str, dict[str, ExportRow]]:
    """Rows by module and id; duplicates and orphans are marked in error."""
    by_id: dict[str, dict[str, ExportRow]] = {}
    for module in MODULES:
        seen: dict[str, ExportRow] = {}
        for row in rows.get(module.key, []):
            if row.table_id is None:
                continue
            if row.table_id in seen:
                row.issues.append(
                    export_issue(
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
                    export_issue(
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
    files = export_files(source)
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
    rows: dict[str, list[ExportRow]] = {}
    columns: dict[str, set[str]] = {}
    order: dict[str, list[str]] = {}
    for module in MODULES:
        if module.key not in files:
            file_issues.append(
                export_issue(
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
        rows[module.key] = parse_module(module, table, protect, file_issues)
    by_id = _link(rows, file_issues)
    header = _header(rows["sen2"], file_issues)
    census = header.reference_date if header is not None else None
    on = on if on is not None else census

    def values_of(row: ExportRow) -> dict[str, str]:
        """A rejected row's cells by column, personal ones protected."""
        items = {i.name: i for i in BY_KEY[row.module].items}
        return {
            h: (protect(row.cells[i]) or "")
            if h in items and items[h].personal
            else row.cells[i]
            for i, h in enumerate(order[row.module])
        }

    return _assemble(rows, by_id, header, census, on, columns, file_issues, values_of)


def _header(rows: list[ExportRow], file_issues: list[Issue]) -> t.ReturnHeader | None:
    good = [r for r in rows if not r.bad]
    for extra in good[1:]:
        extra.issues.append(
            export_issue(
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
            export_issue(
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
            export_issue(
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


def _children(rows: list[ExportRow]) -> dict[str | None, list[ExportRow]]:
    found: dict[str | None, list[ExportRow]] = defaultdict(list)
    for row in rows:
        found[row.parent_id].append(row)
    return found


def _assemble(  # noqa: C901 - one pass down the tree reads best in one place
    rows: dict[str, list[ExportRow]],
    by_id: dict[str, dict[str, ExportRow]],
    header: t.ReturnHeader | None,
    census: dt.date | None,
    on: dt.date | None,
    columns: dict[str, set[str]],
    file_issues: list[Issue],
    values_of: Callable[[ExportRow], dict[str, str]],
) -> CollectImport:
    kids = {key: _children(value) for key, value in rows.items()}
    persons: list[t.Person] = []
    placed: set[int] = set()  # ids of rows that reached the tree, or were rejected

    def owned(key: str, parent: ExportRow) -> list[ExportRow]:
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

    rejected_rows: list[ExportRow] = []
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
                    export_issue(
                        extra.module,
                        extra.row,
                        BY_KEY[extra.module].parent_column,
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
                    export_issue(
                        "namedplan",
                        plans[1].row,
                        None,
                        "PLANS",
                        f"the assessment already has a named plan (row {plans[0].row});"
                        " the earliest start date is taken as the plan's issue.",
                        error=False,
                    )
                )
            check_branch(placements, needs)
            request = None
            if not any(r.bad for r in branch) and not person_row.bad:
                request = _build_request(
                    request_row, assessments[:1], plans, details, actives[:1],
                    placements, needs, person_row,
                )  # fmt: skip
            if request is not None:
                record = t.to_record(person_stub, request)
                mapped = request_checks(record, branch_by_module(branch), on)
                if any(i.severity is Severity.ERROR for i in mapped):
                    request = None
            if request is None:
                reject_branch(branch, person_row)
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
            check_person(person_row, person, plan_requests)
            persons.append(person)
        placed.add(id(person_row))
    for module in MODULES[1:]:
        for row in rows[module.key]:
            if id(row) not in placed:
                if not row.bad:
                    row.issues.append(
                        export_issue(
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


def _person(
    row: ExportRow, requests: tuple[t.Request, ...], census: dt.date | None
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


def _place(row: ExportRow) -> t.Place:
    return t.Place(module=row.module, table_id=row.table_id or "", row=row.row)


def _build_request(
    request_row: ExportRow,
    assessments: list[ExportRow],
    plans: list[ExportRow],
    details: list[ExportRow],
    actives: list[ExportRow],
    placements: list[ExportRow],
    needs: list[ExportRow],
    person_row: ExportRow,
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
