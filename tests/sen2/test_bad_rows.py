import datetime as dt
import importlib.util
import io
import random
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ehcplan.cli import main
from ehcplan.sen2 import Personal, Severity, read_sen2
from ehcplan.sen2.rows import read_rows

ROOT = Path(__file__).resolve().parents[2]
ROWS = 100_000
KINDS = ("quote", "encoding", "extra", "date", "code", "order", "sex")
"""Every kind of bad row; all but "sex" (a warning) keep the row out."""


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_sen2_example", ROOT / "examples" / "make_sen2_example.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spoil(cells: list[str], header: list[str], kind: str) -> bytes:
    """One row's line, spoilt in the way *kind* says."""
    at = {name: i for i, name in enumerate(header)}
    cells = list(cells)
    if kind == "quote":
        cells[at["Surname"]] = '"' + cells[at["Surname"]]
    elif kind == "extra":
        cells.append("stray")
    elif kind == "date":
        cells[at["ReceivedDate"]] = "2024-02-30"
    elif kind == "code":
        cells[at["RequestSource"]] = "7"
    elif kind == "order":
        cells[at["RequestOutcome"]] = "A"
        cells[at["RequestOutcomeDate"]] = "1999-01-01"
        for name in ("AssessmentOutcome", "AssessmentOutcomeDate", "StartDate"):
            cells[at[name]] = ""
        for name in ("Week20", "PB", "CeaseDate", "CeaseReason"):
            cells[at[name]] = ""
    elif kind == "sex":
        cells[at["Sex"]] = "Z"
    line = ",".join(cells).encode()
    if kind == "encoding":
        line = line.replace(b"Child", b"Ch\xffild", 1)
    return line


def _file(seed: int = 3):
    """A 100,000-row file with 1% bad rows of every kind, and which rows are which."""
    generator = _generator()
    header = generator.HEADER
    rows = generator.generate_rows(ROWS, seed=seed)
    rng = random.Random(seed)
    bad = sorted(rng.sample(range(ROWS), ROWS // 100))
    kinds = {index: KINDS[n % len(KINDS)] for n, index in enumerate(bad)}
    lines = [",".join(header).encode()]
    for index, row in enumerate(rows):
        cells = [row[name] for name in header]
        if index in kinds:
            lines.append(_spoil(cells, header, kinds[index]))
        else:
            lines.append(",".join(cells).encode())
    return b"\n".join(lines) + b"\n", rows, kinds


def test_a_large_file_with_one_percent_bad_rows_of_every_kind_keeps_every_good_row():
    """Bad rows are reported exactly, by row; every good row is kept exactly."""
    started = time.perf_counter()
    data, rows, kinds = _file()
    clean = b"\n".join(
        [",".join(_generator().HEADER).encode()]
        + [",".join(r.values()).encode() for r in rows]
    )
    imported = read_sen2(io.BytesIO(data), personal=Personal.KEEP)
    expected = read_sen2(io.BytesIO(clean), personal=Personal.KEEP)
    errors = {i: k for i, k in kinds.items() if k != "sex"}
    seconds = time.perf_counter() - started

    assert sorted(r.row for r in imported.rejected) == sorted(i + 2 for i in errors)
    assert len(imported.records) == ROWS - len(errors)
    by_id = {r.request_id: r for r in expected.records}
    good = [r for r in imported.records if int(r.request_id[3:]) - 1 not in kinds]
    assert len(good) == ROWS - len(kinds)
    assert all(r == by_id[r.request_id] for r in good)
    sex_rows = {i.row for i in imported.report.warnings if i.rule == "SEX"}
    assert sex_rows == {i + 2 for i, k in kinds.items() if k == "sex"}
    rules = {}
    for issue in imported.report.errors:
        rules.setdefault(kinds[issue.row - 2], set()).add(issue.rule)
    assert rules == {
        "quote": {"QUOTE"},
        "encoding": {"ENCODING"},
        "extra": {"WIDTH"},
        "date": {"PARSE"},
        "code": {"PARSE"},
        "order": {"V1"},
    }
    assert seconds < 60  # a generous ceiling; the time is in benchmarks/results


def test_no_personal_value_is_in_any_message_of_a_spoilt_file():
    """Names and dates of birth never appear in a message, even from broken rows."""
    data, rows, _ = _file(seed=4)
    imported = read_sen2(io.BytesIO(data[:2_000_000]))
    messages = " ".join(i.message for i in imported.report.issues)
    births = {r["PersonBirthDate"] for r in rows[:20_000]}

    assert "Child" not in messages
    assert "Example" not in messages
    assert not [b for b in births if b in messages]


def test_summary_of_a_spoilt_file_prints_no_personal_value(tmp_path, capsys):
    """`ehcplan summary` on a file with broken quotes prints no name or birth date."""
    path = tmp_path / "cases.csv"
    path.write_bytes(
        b"RequestID,Surname,Forename,PersonBirthDate,ReceivedDate,Sex\n"
        b'R1,"Smith,Jane,2014-03-02,2024-01-05,F\n'
        b"R2,Jones,Sam,2013-04-05,2024-01-06,F\n"
        b"R3,Brown,Li\xff,2012-01-01,2024-01-07,Q\n"
        b"R4,Green,Al,2011-01-01\n"
        b"R5,Grey,Bo,2010-10-10,2024-13-01,M,extra\n"
    )
    for extra in ([], ["--json"], ["--personal", "keep"]):
        assert main(["summary", str(path), *extra]) == 0
        printed = capsys.readouterr()
        text = printed.out + printed.err
        for value in ("Smith", "Jane", "Jones", "Sam", "Brown", "Green", "Grey", "Bo,"):
            assert value not in text
        for value in ("2014-03-02", "2013-04-05", "2012-01-01", "2011-01-01"):
            assert value not in text


def test_a_short_row_shows_no_value_in_its_messages():
    """A short row's cells may have moved, so its messages show no values."""
    text = "RequestID,Surname,ReceivedDate,Sex\nR1,2014-03-02,Jane\n"
    imported = read_sen2(io.StringIO(text))
    (issue,) = imported.report.errors

    assert issue.field == "ReceivedDate"
    assert "Jane" not in issue.message
    assert "not shown" in issue.message


def test_a_quoted_cell_may_run_over_lines_when_the_record_fits_the_header():
    """A multi-line quoted cell that closes with the right width is one record."""
    table = read_rows(b'ID,Note,Sex\nR1,"two\nlines",F\nR2,x,M\n', name="x.csv")

    assert [(r.row, r.cells) for r in table.rows] == [
        (2, ("R1", "two\nlines", "F")),
        (3, ("R2", "x", "M")),
    ]


def test_blank_extra_cells_are_a_warning_and_the_row_is_kept():
    """Trailing empty cells are reported as a warning, not an error."""
    imported = read_sen2(io.StringIO("RequestID,ReceivedDate\nR1,2024-01-02,,\n"))

    assert [i.rule for i in imported.report.warnings] == ["WIDTH"]
    assert len(imported.records) == 1


good_rows = st.lists(
    st.tuples(
        st.integers(1, 99_999), st.dates(dt.date(2015, 1, 1), dt.date(2030, 1, 1))
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda pair: pair[0],
)
broken = st.sampled_from(
    [b'"', b'x,"y', b"\xff\xfe", b",,,,,", b'"a""', b"a,b,c,d", b"\x00", b'"\n"']
)


@settings(max_examples=60, deadline=None)
@given(good_rows, broken, st.integers(0, 30))
def test_one_broken_line_never_costs_a_good_row(rows, junk, at):
    """Whatever one broken line holds, every good row around it is read as written."""
    lines = [f"R{n},{day.isoformat()}".encode() for n, day in rows]
    spoilt = [*lines[:at], b"RX," + junk, *lines[at:]]
    imported = read_sen2(io.BytesIO(b"RequestID,ReceivedDate\n" + b"\n".join(spoilt)))
    kept = {(r.request_id, r.received_date) for r in imported.records}

    assert {(f"R{n}", day) for n, day in rows} <= kept
    assert all(i.severity in Severity for i in imported.report.issues)
