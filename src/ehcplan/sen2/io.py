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
    AssessmentOutcome,
    Column,
    RequestOutcome,
)
from ehcplan.sen2.records import Personal, Sen2Record, record_to_case
from ehcplan.sen2.validate import (
    Issue,
    Severity,
    ValidationReport,
    check_file,
    check_row,
)

__all__ = ["RejectedRow", "Sen2Import", "read_sen2", "write_sen2"]

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


class _Unreadable(Exception):  # noqa: N818 - internal signal, never escapes
    """A cell that cannot be read; the message says why."""


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "y", "yes", "true"):
        return True
    if value in ("0", "n", "no", "false"):
        return False
    msg = f"{text!r} is not a flag; write 1 or 0 (Y/N and true/false are read too)"
    raise _Unreadable(msg)


def _date(text: str) -> dt.date:
    stripped = text.strip()
    if len(stripped) > 10 and stripped[4] == "-" and stripped[8] == "-":
        # the COLLECT Blade export form: 2022-Sep-28 00:00:00
        try:
            return dt.datetime.strptime(stripped[:11], "%Y-%b-%d").date()  # noqa: DTZ007
        except ValueError:
            pass
    try:
        return parse_date(stripped)
    except InvalidInput:
        msg = f"{text!r} is not a real date; write YYYY-MM-DD (or DD/MM/YYYY)"
        raise _Unreadable(msg) from None


def _code(enum_type: Any, label: str) -> Callable[[str], Any]:
    codes = {str(member.value): member for member in enum_type}

    def parse(text: str) -> Any:
        try:
            return codes[text.strip().upper()]
        except KeyError:
            choices = ", ".join(codes)
            msg = f"{text!r} is not a {label} code; expected one of {choices}"
            raise _Unreadable(msg) from None

    return parse


def _plan_res(text: str) -> str:
    value = text.strip().upper()
    if value not in ("A", "B"):
        msg = (
            f"{text!r} is not a PlanRes code; expected A (38-51 weeks) or B (52 weeks)"
        )
        raise _Unreadable(msg)
    return value


_PARSERS: dict[str, Callable[[str], Any]] = {
    "text": str.strip,
    "date": _date,
    "bool": _bool,
    "source": _code(RequestSource, "RequestSource"),
    "request_outcome": _code(RequestOutcome, "RequestOutcome"),
    "assessment_outcome": _code(AssessmentOutcome, "AssessmentOutcome"),
    "cease_reason": _code(CeaseReason, "CeaseReason"),
    "plan_res": _plan_res,
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
        raise _Unreadable(msg) from None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _open(source: str | os.PathLike[str] | TextIO) -> tuple[str, TextIO]:
    if not isinstance(source, str | os.PathLike):
        return getattr(source, "name", "<stream>"), source
    path = Path(source)
    if not path.is_file():
        msg = "the file does not exist (or is a folder); check the path"
        raise FileFormatError(str(source), msg)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = (
            f"the file is not UTF-8 (byte {error.start}); save it from your "
            "spreadsheet as 'CSV UTF-8'"
        )
        raise FileFormatError(str(source), msg) from None
    return str(source), io.StringIO(text, newline="")


def read_sen2(
    source: str | os.PathLike[str] | TextIO,
    *,
    personal: Personal = Personal.DROP,
    salt: str | None = None,
    on: dt.date | None = None,
) -> Sen2Import:
    r"""Read and check a SEN2-shaped CSV file: one row per request, DfE item headers.

    Args:
        source: A path, or an open text stream.
        personal: What to do with names, birth dates, postcodes and pupil numbers.
        salt: The secret for `Personal.HASH`; keep it out of the data.
        on: The data's reference date; any later date is an error (rule C5).

    Returns:
        The accepted records, the rejected rows and the report.

    Raises:
        FileFormatError: If the file cannot be read as a whole: missing, not
            UTF-8, empty, a required column missing, or a column repeated.
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
    name, stream = _open(source)
    reader = csv.reader(stream)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        msg = "the file is empty; expected a header row with RequestID and ReceivedDate"
        raise FileFormatError(name, msg) from None
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
    protect: Callable[[str], str | None]
    if personal is Personal.KEEP:
        protect = str.strip
    elif personal is Personal.HASH:
        protect = _hasher(salt or "")
    else:
        protect = _drop
    records: list[Sen2Record] = []
    rejected: list[RejectedRow] = []
    first_row: dict[str, int] = {}
    width = len(header)
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        row_issues, fields = _parse_row(cells, known, row_number, protect)
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
        if not row_issues:
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


def _drop(_value: str) -> None:
    return None


def _parse_row(
    cells: list[str],
    known: list[tuple[int, Column]],
    row: int,
    protect: Callable[[str], str | None],
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
            fields[column.attribute] = _PARSERS[column.kind](text)
        except _Unreadable as problem:
            issues.append(
                Issue(
                    row=row,
                    field=column.name,
                    rule="PARSE",
                    severity=Severity.ERROR,
                    message=f"{column.name}: {problem}.",
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
        except _Unreadable as problem:
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
