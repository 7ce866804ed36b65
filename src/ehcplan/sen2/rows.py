"""The one CSV row reader behind every SEN2 reader: bad rows are reported, never contagious.

`read_rows` reads a CSV file (bytes, a path or a text stream) into its header and
its rows, each row with the problems found in it. A problem in one row never
spoils another:

- an opening quote that is never closed is that row's error (rule QUOTE); the
  rows after it are read as usual (a quoted cell may still run over several
  lines when the record it makes has exactly the header's width);
- an invalid UTF-8 byte is an error of that row and that cell (rule ENCODING);
  the rest of the file is read;
- a row with more cells than the header is an error when an extra cell holds
  anything (rule WIDTH), and a warning when the extra cells are all blank;
- a row with fewer cells than the header is read with the missing cells blank,
  and marked `short`, so that no reader shows its values in a message (its
  cells may have moved out of their columns).

No message here quotes a cell: a cell may hold a name or a date of birth.
Only a header that cannot be read makes the whole file unreadable
(`FileFormatError`).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

import attrs

from ehcplan.errors import FileFormatError
from ehcplan.sen2.validate import Issue, Severity

__all__ = ["MAX_RECORD_LINES", "CsvRow", "CsvTable", "read_rows"]

MAX_RECORD_LINES = 20
"""The most physical lines one quoted record may run over before it is a QUOTE error."""

_BOM = "\ufeff"


@attrs.frozen(kw_only=True)
class CsvRow:
    """One record of a CSV file, as read.

    Attributes:
        row: The row as a spreadsheet numbers it (header = 1).
        cells: Its cells, exactly as many as the header has (missing ones blank,
            unreadable ones blank).
        issues: What was wrong with reading it (QUOTE, ENCODING, WIDTH).
        short: Whether it had fewer cells than the header.
    """

    row: int
    cells: tuple[str, ...]
    issues: tuple[Issue, ...] = ()
    short: bool = False

    @property
    def ok(self) -> bool:
        """Whether it was read without an error."""
        return all(i.severity is Severity.WARNING for i in self.issues)


@attrs.frozen(kw_only=True)
class CsvTable:
    r"""A CSV file's header and its non-blank rows, in file order.

    Examples:
        >>> table = read_rows(b'ID,Name\nR1,"Smith\nR2,Jones\n', name="x.csv")
        >>> [(r.row, r.ok) for r in table.rows]
        [(2, False), (3, True)]
        >>> print(table.rows[0].issues[0].message)
        a quote opens in this row and is never closed, so the row cannot be read; ...
    """

    name: str
    header: tuple[str, ...]
    rows: tuple[CsvRow, ...]


def _lines(data: bytes | str) -> Iterator[tuple[str, bool]]:
    """Physical lines without their ends, each with whether it was valid UTF-8."""
    if isinstance(data, str):
        text = data[1:] if data.startswith(_BOM) else data
        for line in text.split("\n"):
            yield (line[:-1] if line.endswith("\r") else line), True
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for raw in data.split(b"\n"):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        try:
            yield raw.decode("utf-8"), True
        except UnicodeDecodeError:
            yield raw.decode("utf-8", "surrogateescape"), False


def _parse(text: str) -> list[str] | None:
    """The cells of one record, or None if a quote is left open or misplaced."""
    if '"' not in text:
        return text.split(",")
    try:
        return next(csv.reader([text], strict=True))
    except (csv.Error, StopIteration):
        return None


def _has_surrogate(cell: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in cell)


def _source(
    source: bytes | str | os.PathLike[str] | TextIO | BinaryIO, name: str | None
) -> tuple[str, bytes | str]:
    if isinstance(source, bytes):
        return name or "<bytes>", source
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            msg = "the file does not exist (or is a folder); check the path"
            raise FileFormatError(str(source), msg)
        return name or str(source), path.read_bytes()
    content = source.read()
    return name or str(getattr(source, "name", "<stream>")), content


def read_rows(
    source: bytes | str | os.PathLike[str] | TextIO | BinaryIO,
    *,
    name: str | None = None,
) -> CsvTable:
    r"""Read a CSV file into its header and rows, each row's problems with it.

    Args:
        source: The file's bytes, its path, or an open text or binary stream.
        name: What to call the file in messages (default: its path).

    Raises:
        FileFormatError: If the file is missing or empty, or its header row
            cannot be read (not UTF-8, or a quote left open).

    Examples:
        >>> table = read_rows(b"ID,Sex\nR1,F,extra\nR2,\xff\n", name="x.csv")
        >>> [(i.row, i.field, i.rule) for r in table.rows for i in r.issues]
        [(2, None, 'WIDTH'), (3, 'Sex', 'ENCODING')]
    """
    label, data = _source(source, name)
    lines = list(_lines(data))
    index = 0
    while index < len(lines) and not lines[index][0].strip():
        index += 1
    if index == len(lines):
        msg = "the file is empty; expected a header row naming the columns"
        raise FileFormatError(label, msg)
    text, valid = lines[index]
    header_cells = _parse(text)
    if not valid or header_cells is None:
        problem = (
            "the header row is not UTF-8 text; save the file as 'CSV UTF-8'"
            if not valid
            else "the header row has a quote that is never closed; fix the header"
        )
        raise FileFormatError(label, problem, row=index + 1)
    header = tuple(cell.strip() for cell in header_cells)
    width = len(header)
    rows: list[CsvRow] = []
    record = index + 1  # the header's row number
    index += 1
    while index < len(lines):
        text, valid = lines[index]
        record += 1
        index += 1
        cells = _parse(text)
        issues: list[Issue] = []
        if cells is None:
            joined, used = _join(lines, index - 1, width)
            if joined is not None:
                cells, index = joined, index - 1 + used
                valid = all(v for _, v in lines[index - used : index])
            else:
                issues.append(
                    _problem(
                        record,
                        None,
                        "QUOTE",
                        "a quote opens in this row and is never closed, so the row "
                        "cannot be read; the rows after it are read as usual. Close "
                        "the quote, or remove it.",
                    )
                )
                cells = next(csv.reader([text]), [])
        if not any(cell.strip() for cell in cells) and not issues:
            continue
        if not valid:
            for position, cell in enumerate(cells):
                if _has_surrogate(cell):
                    issues.append(
                        _problem(
                            record,
                            header[position] if position < width else None,
                            "ENCODING",
                            "this cell is not UTF-8 text, so it cannot be read (its "
                            "value is not shown). Save the file as 'CSV UTF-8', or "
                            "retype the cell.",
                        )
                    )
            cells = [
                cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                for cell in cells
            ]
        short = len(cells) < width
        if len(cells) > width:
            extra = cells[width:]
            filled = any(cell.strip() for cell in extra)
            issues.append(
                _problem(
                    record,
                    None,
                    "WIDTH",
                    f"the row has {len(cells)} cells but the header has {width}"
                    + (
                        "; the cells past the last column are not read. Look for a "
                        "stray comma, or name the extra column in the header."
                        if filled
                        else "; the extra cells are blank and are left out."
                    ),
                    error=filled,
                )
            )
            cells = cells[:width]
        elif short:
            cells = cells + [""] * (width - len(cells))
        rows.append(
            CsvRow(row=record, cells=tuple(cells), issues=tuple(issues), short=short)
        )
    return CsvTable(name=label, header=header, rows=tuple(rows))


def _join(
    lines: list[tuple[str, bool]], start: int, width: int
) -> tuple[list[str] | None, int]:
    """A quoted record running over lines from *start*: its cells and lines used."""
    text = lines[start][0]
    for used in range(2, MAX_RECORD_LINES + 1):
        if start + used > len(lines):
            break
        text = text + "\n" + lines[start + used - 1][0]
        cells = _parse(text)
        if cells is not None:
            return (cells if len(cells) == width else None), used
    return None, 0


def _problem(
    row: int, field: str | None, rule: str, message: str, *, error: bool = True
) -> Issue:
    return Issue(
        row=row,
        field=field,
        rule=rule,
        severity=Severity.ERROR if error else Severity.WARNING,
        message=message,
    )
