"""The case files the commands read: a SEN2-shaped CSV or a COLLECT export, rejections counted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.cases import Case

__all__ = ["CaseFile", "read_cases"]


@attrs.frozen
class CaseFile:
    """The cases a file holds, and how many of its rows were kept out with errors.

    Attributes:
        path: The file (or export folder or zip) as the user named it.
        cases: One case per accepted request, in file order.
        rejected: The rows kept out with errors (of every module, for an export).
        records_reviews: Whether the file records any annual review (an export's
            plans module, or a CSV's ``ReviewMeeting`` and ``LastReview``).
    """

    path: str
    cases: tuple[Case, ...]
    rejected: int
    records_reviews: bool = True

    def note(self) -> str:
        """A sentence on the rows kept out, or "" when there were none.

        Examples:
            >>> CaseFile("cases.csv", (), 9).note()
            '9 rows rejected with errors; `ehcplan summary cases.csv` lists them'
        """
        if not self.rejected:
            return ""
        rows = "row" if self.rejected == 1 else "rows"
        return (
            f"{self.rejected} {rows} rejected with errors; "
            f"`ehcplan summary {self.path}` lists them"
        )


def read_cases(path: str, *, on: dt.date | None = None) -> CaseFile:
    """Read a SEN2-shaped CSV, or a COLLECT export (folder or zip), into cases.

    Personal columns are dropped: the commands that read cases never need them.
    """
    from ehcplan.sen2 import read_sen2
    from ehcplan.sen2.collect import is_export, read_collect

    if is_export(path):
        export = read_collect(path, on=on)
        return CaseFile(path, export.cases(), len(export.rejected))
    imported = read_sen2(path, on=on)
    reviews = any(r.review_meeting or r.last_review for r in imported.records)
    return CaseFile(
        path, imported.cases(), len(imported.rejected), records_reviews=reviews
    )
