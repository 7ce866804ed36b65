"""Reading and writing SEN2-shaped CSV files: the only module here that opens one.

`read_sen2` reads every row, checks it (`ehcplan.sen2.validate`), and returns the
good rows as `Sen2Record` values, the rows with errors as `RejectedRow` values
(kept as read, so nothing is lost) and a `ValidationReport` by row and column.
Personal columns are dropped by default, or replaced by a salted hash on
request; they are never logged. `write_sen2` writes records back in the same
shape: ISO dates, 1/0 flags, codes as codes, and unknown columns after the
known ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import hmac
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

import attrs

from ehcplan.cases import Case, CeaseReason, RequestSource
from ehcplan.dates import parse_date
from ehcplan.errors import FileFormatError, InvalidInput
from ehcplan.sen2.items import (
    COLUMNS,
    PERSONAL,
    SEX_CODES,
    AssessmentOutcome,
    Column,
    RequestOutcome,
)
from ehcplan.sen2.records import Personal, Sen2Record, record_to_case
from ehcplan.sen2.rows import read_rows
from ehcplan.sen2.validate import (
    Issue,
    Severity,
    ValidationReport,
    check_file,
    check_row,
)

__all__ = [
    "CELL_PARSERS",
    "RejectedRow",
    "Sen2Import",
    "Unreadable",
    "code_parser",
    "protector",
    "read_sen2",
    "shown",
    "write_sen2",
]

_REQUIRED = ("RequestID", "ReceivedDate")
_BY_NAME = {column.name: column for column in COLUMNS}


@attrs.frozen(kw_only=True)
class RejectedRow:
    """A row with at least one error, kept as read (personal columns as asked).

    Attributes:
        row: The row as a spreadsheet numbers it (header = 1).
        values: Every column's text, keyed by header.
        issues: What is wrong with it.
    """

    row: int
    values: dict[str, str] = attrs.field(hash=False)
    issues: tuple[Issue, ...]


@attrs.frozen(kw_only=True)
class Sen2Import:
    """What `read_sen2` found: good records, rejected rows and the report."""

    records: tuple[Sen2Record, ...]
    rejected: tuple[RejectedRow, ...]
    report: ValidationReport

    def cases(self) -> tuple[Case, ...]:
        """The accepted records as `Case` values, in file order."""
        return tuple(record_to_case(record) for record in self.records)


class Unreadable(Exception):  # noqa: N818 - a signal between the SEN2 readers
    """A cell that cannot be read; the message says why, after the value.

    The readers of SEN2 files turn it into an `Issue` on the cell's row and
    field; it never reaches a caller.
    """


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "y", "yes", "true"):
        return True
    if value in ("0", "n", "no", "false"):
        return False
    msg = "is not a flag; write 1 or 0 (Y/N and true/false are read too)"
    raise Unreadable(msg)


_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ),
        start=1,
    )
}


@functools.lru_cache(maxsize=65_536)
def _date(text: str) -> dt.date:
    """A cell's date, remembered: a return repeats the same dates many times over."""
    stripped = text.strip()
    if len(stripped) > 10 and stripped[4] == "-" and stripped[8] == "-":
        # the COLLECT Blade export form: 2022-Sep-28 00:00:00
        month = _MONTHS.get(stripped[5:8].title())
        if month is not None and stripped[:4].isdigit() and stripped[9:11].isdigit():
            try:
                return dt.date(int(stripped[:4]), month, int(stripped[9:11]))
            except ValueError:
                pass
    try:
        return parse_date(stripped)
    except InvalidInput:
        msg = "is not a real date; write YYYY-MM-DD (or DD/MM/YYYY)"
        raise Unreadable(msg) from None


def code_parser(enum_type: Any, label: str) -> Callable[[str], Any]:
    """A cell reader for a code list: the code (any case) to its member, else `Unreadable`."""
    codes = {str(member.value): member for member in enum_type}

    def parse(text: str) -> Any:
        try:
            return codes[text.strip().upper()]
        except KeyError:
            choices = ", ".join(codes)
            msg = f"is not a {label} code; expected one of {choices}"
            raise Unreadable(msg) from None

    return parse


def _plan_res(text: str) -> str:
    value = text.strip().upper()
    if value not in ("A", "B"):
        msg = "is not a PlanRes code; expected A (38-51 weeks) or B (52 weeks)"
        raise Unreadable(msg)
    return value


def _sex(text: str) -> str:
    return text.strip()


def shown(text: str, *, reveal: bool) -> str:
    """A cell's value as a message shows it: quoted, or not at all when it may be personal."""
    if reveal:
        return repr(text)
    return "the value (not shown: the row is short, so its cells may have moved)"


CELL_PARSERS: dict[str, Callable[[str], Any]] = {
    "text": str.strip,
    "date": _date,
    "bool": _bool,
    "source": code_parser(RequestSource, "RequestSource"),
    "request_outcome": code_parser(RequestOutcome, "RequestOutcome"),
    "assessment_outcome": code_parser(AssessmentOutcome, "AssessmentOutcome"),
    "cease_reason": code_parser(CeaseReason, "CeaseReason"),
    "plan_res": _plan_res,
    "sex": _sex,
}


def _hasher(salt: str) -> Callable[[str], str]:
    key = salt.encode()

    def hashed(value: str) -> str:
        return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]

    return hashed


def _age(birth: str, on: dt.date) -> int:
    try:
        born = parse_date(birth)
    except InvalidInput:
        msg = "is not a real date (the value is not shown, as it is personal)"
        raise Unreadable(msg) from None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def read_sen2(
    source: str | os.PathLike[str] | TextIO | Any,
    *,
    personal: Personal = Personal.DROP,
    salt: str | None = None,
    on: dt.date | None = None,
) -> Sen2Import:
    r"""Read and check a SEN2-shaped CSV file: one row per request, DfE item headers.

    A row that cannot be read (a quote never closed, a byte that is not UTF-8,
    cells past the last column) is reported by row and field and rejected;
    every other row is read as usual. No message quotes a personal column.

    Args:
        source: A path, an open text stream, or a pandas DataFrame with the
            same columns (see `ehcplan.sen2.frames`).
        personal: What to do with names, birth dates, postcodes and pupil numbers.
        salt: The secret for `Personal.HASH`; keep it out of the data.
        on: The data's reference date; any later date is an error (rule C5).

    Returns:
        The accepted records, the rejected rows and the report.

    Raises:
        FileFormatError: If the file cannot be read as a whole: missing, empty,
            a header that is not UTF-8, a required column missing, or a column
            repeated.
        InvalidInput: If `Personal.HASH` is asked for without a salt.

    Examples:
        >>> import io
        >>> text = "RequestID,ReceivedDate,RequestOutcome,RequestOutcomeDate\n"
        >>> text += "R1,2024-09-02,A,2024-10-07\nR2,2024-09-30,A,2024-09-01\n"
        >>> imported = read_sen2(io.StringIO(text))
        >>> len(imported.records), len(imported.rejected)
        (1, 1)
        >>> print(imported.report.errors[0].message)
        RequestOutcomeDate 2024-09-01 is before ReceivedDate 2024-09-30; ...
    """
    if personal is Personal.HASH and not salt:
        msg = (
            "personal=Personal.HASH needs a salt: a secret string kept apart from "
            "the data, so the hashes cannot be reversed by guessing"
        )
        raise InvalidInput(msg, field="salt")
    if hasattr(source, "to_csv") and hasattr(source, "columns"):
        from ehcplan.sen2.frames import frame_to_csv

        source = io.StringIO(frame_to_csv(source))
    table = read_rows(source)
    name = table.name
    header = list(table.header)
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        msg = f"the column {repeated[0]!r} appears more than once; keep one"
        raise FileFormatError(name, msg, field=repeated[0])
    for required in _REQUIRED:
        if required not in header:
            msg = (
                f"the required column {required} is missing; the header has "
                f"{', '.join(header) or 'nothing'}"
            )
            raise FileFormatError(name, msg, field=required)

    known = [(i, _BY_NAME[h]) for i, h in enumerate(header) if h in _BY_NAME]
    unknown = [(i, h) for i, h in enumerate(header) if h not in _BY_NAME]
    issues: list[Issue] = []
    if unknown:
        issues.append(
            Issue(
                row=None,
                field=None,
                rule="COLUMNS",
                severity=Severity.WARNING,
                message="unknown columns kept as they are: "
                + ", ".join(h for _, h in unknown),
            )
        )
    protect = protector(personal, salt)
    records: list[Sen2Record] = []
    rejected: list[RejectedRow] = []
    first_row: dict[str, int] = {}
    for csv_row in table.rows:
        row_number, cells = csv_row.row, csv_row.cells
        row_issues = list(csv_row.issues)
        fields: dict[str, Any] = {}
        if csv_row.ok:
            parse_issues, fields = _parse_row(
                cells, known, row_number, protect, reveal=not csv_row.short
            )
            row_issues.extend(parse_issues)
        request_id = fields.get("request_id")
        if request_id is not None:
            if request_id in first_row:
                row_issues.append(
                    Issue(
                        row=row_number,
                        field="RequestID",
                        rule="DUPLICATE",
                        severity=Severity.ERROR,
                        message=f"RequestID {request_id!r} is also on row "
                        f"{first_row[request_id]}; each request needs its own ID",
                    )
                )
            else:
                first_row[request_id] = row_number
        record = None
        if all(i.severity is Severity.WARNING for i in row_issues):
            extra = tuple((h, cells[i]) for i, h in unknown)
            record = Sen2Record(**fields, extra=extra)
            row_issues.extend(check_row(record, row_number, on=on))
        issues.extend(row_issues)
        if record is not None and all(
            i.severity is Severity.WARNING for i in row_issues
        ):
            records.append(record)
        else:
            values = {
                h: (protect(cells[i]) or "") if h in PERSONAL else cells[i]
                for i, h in enumerate(header)
            }
            rejected.append(
                RejectedRow(row=row_number, values=values, issues=tuple(row_issues))
            )
    accepted = tuple(records)
    issues.extend(check_file(accepted))
    return Sen2Import(
        records=accepted,
        rejected=tuple(rejected),
        report=ValidationReport(tuple(issues)),
    )


def protector(personal: Personal, salt: str | None) -> Callable[[str], str | None]:
    """What becomes of a personal value: kept, a salted hash, or nothing.

    Examples:
        >>> protector(Personal.DROP, None)("Smith") is None
        True
        >>> len(protector(Personal.HASH, "secret")("Smith"))
        16
    """
    if personal is Personal.KEEP:
        return str.strip
    if personal is Personal.HASH:
        return _hasher(salt or "")
    return _drop


def _drop(_value: str) -> None:
    return None


def _parse_row(
    cells: tuple[str, ...],
    known: list[tuple[int, Column]],
    row: int,
    protect: Callable[[str], str | None],
    *,
    reveal: bool = True,
) -> tuple[list[Issue], dict[str, Any]]:
    issues: list[Issue] = []
    fields: dict[str, Any] = {}
    birth = ""
    for index, column in known:
        text = cells[index]
        if not text.strip():
            continue
        if column.personal:
            if column.name == "PersonBirthDate":
                birth = text
            fields[column.attribute] = protect(text)
            continue
        try:
            fields[column.attribute] = CELL_PARSERS[column.kind](text)
        except Unreadable as problem:
            issues.append(
                Issue(
                    row=row,
                    field=column.name,
                    rule="PARSE",
                    severity=Severity.ERROR,
                    message=f"{column.name}: {shown(text, reveal=reveal)} {problem}.",
                )
            )
            continue
        if column.kind == "sex" and fields["sex"].upper() not in SEX_CODES:
            issues.append(
                Issue(
                    row=row,
                    field=column.name,
                    rule="SEX",
                    severity=Severity.WARNING,
                    message=f"{column.name}: the value (not shown: a cell of the person's record "
                    f"that is not a code may be personal) is not a sex code ehcplan "
                    f"knows ({', '.join(SEX_CODES)}); it is kept as read. Check it "
                    "against the DfE guide.",
                )
            )
    for required, attribute in (
        ("RequestID", "request_id"),
        ("ReceivedDate", "received_date"),
    ):
        if attribute not in fields and not any(i.field == required for i in issues):
            issues.append(
                Issue(
                    row=row,
                    field=required,
                    rule="REQUIRED",
                    severity=Severity.ERROR,
                    message=f"{required} is blank; every request needs one.",
                )
            )
    if birth and "received_date" in fields:
        try:
            fields["age_at_request"] = _age(birth, fields["received_date"])
        except Unreadable as problem:
            issues.append(
                Issue(
                    row=row,
                    field="PersonBirthDate",
                    rule="PARSE",
                    severity=Severity.ERROR,
                    message=f"PersonBirthDate {problem}; write YYYY-MM-DD.",
                )
            )
    return issues, fields


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def write_sen2(
    records: Iterable[Sen2Record],
    target: str | os.PathLike[str] | TextIO,
    *,
    columns: Iterable[str] | None = None,
) -> None:
    """Write records as a SEN2-shaped CSV file (UTF-8, ISO dates, 1/0 flags).

    Args:
        records: The records to write.
        target: A path, or an open text stream.
        columns: The known columns to write, in order (default: all of them);
            unknown columns the records carry are written after them.

    Raises:
        InvalidInput: If a column named is not a known SEN2 item.

    Examples:
        >>> import io
        >>> out = io.StringIO()
        >>> write_sen2([Sen2Record(request_id="R1", received_date=dt.date(2024, 9, 2))],
        ...            out, columns=["RequestID", "ReceivedDate", "Week20"])
        >>> out.getvalue().splitlines()
        ['RequestID,ReceivedDate,Week20', 'R1,2024-09-02,']
    """
    chosen = [column.name for column in COLUMNS] if columns is None else list(columns)
    for name in chosen:
        if name not in _BY_NAME:
            msg = f"{name!r} is not a SEN2 column ehcplan knows; see sen2.COLUMNS"
            raise InvalidInput(msg, field="columns")
    rows = list(records)
    extra_names: list[str] = []
    for record in rows:
        for name, _ in record.extra:
            if name not in extra_names:
                extra_names.append(name)
    attributes = [_BY_NAME[name].attribute for name in chosen]

    def write(stream: TextIO) -> None:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([*chosen, *extra_names])
        for record in rows:
            extra = dict(record.extra)
            writer.writerow(
                [_cell(getattr(record, a)) for a in attributes]
                + [extra.get(name, "") for name in extra_names]
            )

    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8", newline="") as stream:
            write(stream)
    else:
        write(target)
