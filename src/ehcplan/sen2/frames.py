"""SEN2 data as typed pandas DataFrames, and back: for analysts in notebooks.

- `records_frame`: request records (from a file, a return, cases or a
  simulation's `Results.sen2_records()`) as one row per request, columns named
  as the DfE items; dates as ``datetime64``, flags as nullable booleans, codes
  decoded to labels as categories (``RequestOutcome`` "assess", "not assess"...).
- `cases_frame`: cases the same way (through `case_to_record`).
- `return_frames`: a whole return as one DataFrame per module, with each row's
  table id and its parent's, so the modules join as the export does.
- `read_sen2` accepts a DataFrame shaped like `records_frame`'s (labels or
  codes), through `frame_to_csv`, and checks it row by row like a file.

pandas is an optional extra: ``pip install "ehcplan[planners]"``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ehcplan import cases as c
from ehcplan.extras import require
from ehcplan.sen2 import tree as t
from ehcplan.sen2.blade import MODULES, nodes
from ehcplan.sen2.items import COLUMNS, AssessmentOutcome, RequestOutcome
from ehcplan.sen2.records import Sen2Record, case_to_record

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "cases_frame",
    "frame_to_csv",
    "label",
    "records_frame",
    "return_frames",
]

_CODES: dict[str, type[enum.Enum]] = {
    "source": c.RequestSource,
    "request_outcome": RequestOutcome,
    "assessment_outcome": AssessmentOutcome,
    "cease_reason": c.CeaseReason,
}


def _pandas() -> Any:
    return require("pandas", extra="planners", purpose="DataFrames")


def label(member: enum.Enum) -> str:
    """The label a DataFrame shows for a code: its name in words.

    Examples:
        >>> label(RequestOutcome.NOT_ASSESS), label(c.RequestSource.SCHOOL)
        ('not assess', 'school')
    """
    return member.name.lower().replace("_", " ")


def _category(values: list[enum.Enum | None], kind: type[enum.Enum]) -> Any:
    pd = _pandas()
    labels = [label(m) for m in kind]
    return pd.Categorical(
        [None if v is None else label(v) for v in values], categories=labels
    )


def _column(values: list[Any], kind: str) -> Any:
    pd = _pandas()
    if kind == "date":
        return pd.to_datetime(pd.Series(values, dtype="object")).astype(
            "datetime64[ns]"
        )
    if kind == "bool":
        return pd.array(values, dtype="boolean")
    if kind == "int":
        return pd.array(values, dtype="Int64")
    if kind in _CODES:
        return _category(values, _CODES[kind])
    return pd.array([None if v is None else str(v) for v in values], dtype="string")


def records_frame(records: Iterable[Sen2Record]) -> pd.DataFrame:
    """Request records as a typed DataFrame, one row per request, DfE item names.

    Examples:
        >>> record = Sen2Record(request_id="R1", received_date=dt.date(2024, 9, 2),
        ...                     request_outcome=RequestOutcome.ASSESS)
        >>> frame = records_frame([record])
        >>> str(frame["ReceivedDate"].dtype), frame["RequestOutcome"][0]
        ('datetime64[ns]', 'assess')
    """
    pd = _pandas()
    rows = list(records)
    data = {
        column.name: _column([getattr(r, column.attribute) for r in rows], column.kind)
        for column in COLUMNS
    }
    data["AgeAtRequest"] = _column([r.age_at_request for r in rows], "int")
    return pd.DataFrame(data)


def cases_frame(cases: Iterable[c.Case]) -> pd.DataFrame:
    """Cases as a typed DataFrame of their SEN2 items (see `records_frame`).

    Examples:
        >>> case = c.Case(reference="R1", received_on=dt.date(2024, 9, 2))
        >>> cases_frame([case])["RequestID"].tolist()
        ['R1']
    """
    return records_frame(case_to_record(case) for case in cases)


def _node_frame(nodes: list[tuple[Any, str | None]], parent: str | None) -> Any:
    pd = _pandas()
    if not nodes:
        return pd.DataFrame()
    fields = [
        f
        for f in type(nodes[0][0]).__attrs_attrs__
        if f.name
        not in {
            "place",
            "requests",
            "assessment",
            "active_plan",
            "plans",
            "details",
            "placements",
            "needs",
        }
    ]
    data: dict[str, Any] = {
        "table_id": pd.array([n.place.table_id for n, _ in nodes], dtype="string"),
        "row": pd.array([n.place.row for n, _ in nodes], dtype="Int64"),
    }
    if parent is not None:
        data[f"{parent}_table_id"] = pd.array([p for _, p in nodes], dtype="string")
    for field in fields:
        values = [getattr(n, field.name) for n, _ in nodes]
        sample = next((v for v in values if v is not None), None)
        if isinstance(sample, enum.Enum):
            data[field.name] = _category(values, type(sample))
        elif isinstance(sample, bool):
            data[field.name] = _column(values, "bool")
        elif isinstance(sample, dt.date):
            data[field.name] = _column(values, "date")
        elif isinstance(sample, int):
            data[field.name] = _column(values, "int")
        else:
            data[field.name] = _column(values, "text")
    return pd.DataFrame(data)


def return_frames(source: t.Sen2Return | Any) -> dict[str, pd.DataFrame]:
    """A return as one typed DataFrame per module, keyed by the export's file names.

    Each frame has the row's ``table_id``, its ``row`` in the export and its
    parent's id (``requests_table_id`` on an assessment, and so on).

    Examples:
        >>> from ehcplan.sen2.collect import read_collect
        >>> frames = return_frames(read_collect("examples/sen2-collect-example"))
        >>> sorted(frames)[:3], str(frames["requests"]["received_date"].dtype)
        (['activeplans', 'assessment', 'namedplan'], 'datetime64[ns]')
    """
    ret = getattr(source, "sen2_return", source)
    walked = nodes(ret)
    return {
        module.key: _node_frame(walked[module.key], module.parent) for module in MODULES
    }


def frame_to_csv(frame: Any) -> str:
    """A DataFrame shaped like `records_frame`'s as SEN2-shaped CSV text.

    Labels go back to their codes, dates to ISO dates, flags to 1 and 0, and
    blanks to empty cells; other columns pass through as they are, to be
    checked by `read_sen2` like a file's.

    Examples:
        >>> record = Sen2Record(request_id="R1", received_date=dt.date(2024, 9, 2),
        ...                     request_outcome=RequestOutcome.ASSESS,
        ...                     request_outcome_date=dt.date(2024, 10, 1))
        >>> text = frame_to_csv(records_frame([record])[["RequestID", "ReceivedDate",
        ...                                             "RequestOutcome"]])
        >>> text.splitlines()
        ['RequestID,ReceivedDate,RequestOutcome', 'R1,2024-09-02,A']
    """
    pd = _pandas()
    kinds = {column.name: column.kind for column in COLUMNS}
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        if name == "AgeAtRequest":  # derived by records_frame; read_sen2 derives it
            continue
        series = frame[name]
        kind = kinds.get(str(name))
        if kind in _CODES:
            codes = {label(m): str(m.value) for m in _CODES[kind]}
            out[name] = [_code_cell(v, codes) for v in series]
        elif pd.api.types.is_datetime64_any_dtype(series.dtype):
            out[name] = [
                "" if pd.isna(v) else pd.Timestamp(v).date().isoformat() for v in series
            ]
        else:
            out[name] = [_plain_cell(v, pd) for v in series]
    text: str = out.to_csv(index=False, lineterminator="\n")
    return text


def _code_cell(value: Any, codes: dict[str, str]) -> str:
    if value is None or value != value:  # NaN is not equal to itself
        return ""
    text = str(value)
    return codes.get(text, text)


def _plain_cell(value: Any, pd: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
