import datetime as dt
from pathlib import Path

import pandas as pd

from ehcplan import cases as c
from ehcplan.sen2 import Personal, RequestOutcome, read_collect, read_sen2
from ehcplan.sen2.frames import cases_frame, frame_to_csv, records_frame, return_frames

ROOT = Path(__file__).resolve().parents[2]


def test_records_go_to_a_typed_frame_and_back_through_read_sen2():
    """A records frame (labels, dates, flags) reads back to the same records."""
    records = read_sen2(ROOT / "examples" / "sen2-example.csv", personal=Personal.KEEP)
    frame = records_frame(records.records)
    back = read_sen2(frame, personal=Personal.KEEP)

    assert str(frame["StartDate"].dtype) == "datetime64[ns]"
    assert isinstance(frame["RequestOutcome"].dtype, pd.CategoricalDtype)
    assert str(frame["Week20"].dtype) == "boolean"
    assert back.records == records.records


def test_a_frame_with_bad_values_is_checked_like_a_file():
    """A DataFrame's bad cells are reported by row and column, as a file's are."""
    frame = pd.DataFrame(
        {"RequestID": ["R1", "R2"], "ReceivedDate": ["2024-01-02", "x"]}
    )
    imported = read_sen2(frame)

    assert [(i.row, i.field, i.rule) for i in imported.report.errors] == [
        (3, "ReceivedDate", "PARSE")
    ]


def test_a_return_becomes_one_frame_per_module_with_parent_ids():
    """Each module's frame has its table ids and its parent's, to join on."""
    frames = return_frames(read_collect(ROOT / "examples" / "sen2-collect-example"))
    requests, assessments = frames["requests"], frames["assessment"]
    joined = assessments.merge(
        requests, left_on="requests_table_id", right_on="table_id", suffixes=("", "_r")
    )

    assert len(joined) == len(assessments)
    assert set(frames["senneed"]["sen_type"].cat.categories) >= {"asd", "semh"}


def test_cases_become_a_frame():
    """Cases go through their SEN2 items."""
    case = c.Case(reference="R1", received_on=dt.date(2024, 9, 2)).record(
        c.AssessmentDecision(on=dt.date(2024, 10, 1), assess=False)
    )
    frame = cases_frame([case])

    assert frame["RequestOutcome"].tolist() == ["not assess"]
    assert (
        frame_to_csv(frame[["RequestID", "RequestOutcome"]]).splitlines()[1] == "R1,N"
    )
    assert RequestOutcome.NOT_ASSESS.value == "N"
