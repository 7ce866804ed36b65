"""The files of a COLLECT export read into typed, checked rows, one module at a time.

`export_files` finds the nine module files of an export, in a folder or a zip;
`parse_module` reads one with the shared row reader (`ehcplan.sen2.rows`),
types every cell by the export's shape (`ehcplan.sen2.blade`), drops or hashes
the personal cells as asked, and reports each problem on its module, row and
field. Linking the rows into the tree is `ehcplan.sen2.collect`'s.
"""

from __future__ import annotations

import os
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from ehcplan.errors import FileFormatError
from ehcplan.sen2 import tree as t
from ehcplan.sen2.blade import MODULES, REQUIRED, ExportModule
from ehcplan.sen2.io import CELL_PARSERS, Unreadable, code_parser, shown
from ehcplan.sen2.items import SEX_CODES
from ehcplan.sen2.rows import CsvTable
from ehcplan.sen2.validate import (
    Issue,
    Severity,
)

__all__ = ["ExportRow", "export_files", "export_issue", "is_export", "parse_module"]


"""Which module holds each item the one-row checks (`check_row`) name."""


def _int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        msg = "is not a whole number"
        raise Unreadable(msg) from None


_KINDS: dict[str, Callable[[str], Any]] = {
    **CELL_PARSERS,
    "int": _int,
    "sen_setting": code_parser(t.SenSetting, "SENsetting"),
    "sen_type": code_parser(t.SenType, "SENtype"),
}


def is_export(path: str | os.PathLike[str]) -> bool:
    """Whether *path* is a folder or a zip (so a COLLECT export, not one CSV file).

    Examples:
        >>> is_export("examples/sen2-example.csv"), is_export("examples")
        (False, True)
    """
    candidate = Path(path)
    return candidate.is_dir() or (candidate.is_file() and zipfile.is_zipfile(candidate))


def export_files(source: str | os.PathLike[str]) -> dict[str, tuple[str, bytes]]:
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
class ExportRow:
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
        """Whether the row has an error (it is then kept out of the tree)."""
        return any(i.severity is Severity.ERROR for i in self.issues)


def export_issue(
    module: str,
    row: int | None,
    field: str | None,
    rule: str,
    message: str,
    *,
    error: bool = True,
) -> Issue:
    """An issue on a row of one module of the export (a warning unless *error*)."""
    return Issue(
        row=row,
        field=field,
        rule=rule,
        severity=Severity.ERROR if error else Severity.WARNING,
        message=message,
        module=module,
    )


def parse_module(
    module: ExportModule,
    table: CsvTable,
    protect: Callable[[str], str | None],
    file_issues: list[Issue],
) -> list[ExportRow]:
    """Read one module file into typed rows, each with the problems found in it."""
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
            export_issue(
                module.key,
                None,
                None,
                "COLUMNS",
                "unknown columns kept with their rows, not interpreted: "
                + ", ".join(unknown),
                error=False,
            )
        )
    absent = [i.name for i in module.items if not i.note and i.name not in header]
    if absent:
        file_issues.append(
            export_issue(
                module.key,
                None,
                None,
                "ABSENT",
                "columns missing from the file, so read as blank in every row: "
                + ", ".join(absent)
                + "; the checks of those rows that need them are reported below. "
                "Export the module again with every column.",
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
                    if (module.key, item.name) in REQUIRED:
                        issues.append(
                            export_issue(
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
                        except Unreadable as problem:
                            issues.append(
                                export_issue(
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
                except Unreadable as problem:
                    issues.append(
                        export_issue(
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
                        export_issue(
                            module.key,
                            csv_row.row,
                            item.name,
                            "SEX",
                            f"{item.name}: the value (not shown: a cell of the person's record "
                            f"that is not a code may be personal) is not a sex code ehcplan "
                            f"knows ({', '.join(SEX_CODES)}); it is kept as read. Check it "
                            "against the DfE guide.",
                            error=False,
                        )
                    )
        table_id = cells[id_at].strip() or None
        parent_id = None if parent_at is None else (cells[parent_at].strip() or None)
        if csv_row.ok and table_id is None:
            issues.append(
                export_issue(
                    module.key,
                    csv_row.row,
                    module.id_column,
                    "ID",
                    f"{module.id_column} is blank; every row needs its id.",
                )
            )
        rows.append(
            ExportRow(
                module.key, csv_row.row, table_id, parent_id, fields, cells, issues
            )
        )
    return rows
