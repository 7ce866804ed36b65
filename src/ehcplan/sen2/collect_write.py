"""Writing an authority's SEN2 return as DfE's COLLECT exports it: nine linked CSV files.

`write_collect` writes the nine module files of the export (`ehcplan.sen2.blade`)
from a return, from `Sen2Record` values or from cases, and so from simulated
journeys (`Results.sen2_records()`); `ehcplan.sen2.collect.read_collect` reads
them back to the same figures. `return_from_records` builds the tree a return
holds from request records or cases.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ehcplan import cases as c
from ehcplan.errors import InvalidInput
from ehcplan.sen2 import tree as t
from ehcplan.sen2.blade import LEGACY, MODULES, blade_text, nodes
from ehcplan.sen2.collect import CollectImport
from ehcplan.sen2.records import Sen2Record, case_to_record

__all__ = ["return_from_records", "write_collect"]


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
        ...     from ehcplan.sen2.collect import read_collect
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
    walked = nodes(ret)
    stamp = export_date.strftime("%d-%m-%Y")
    texts: list[tuple[str, str]] = []
    for module in MODULES:
        present = walked[module.key]
        current = {
            i.attribute for i in module.items if (module.key, i.name) not in LEGACY
        }
        items = [
            item
            for item in module.items
            if (module.key, item.name) not in LEGACY
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
            writer.writerow(
                meta + [blade_text(getattr(node, i.attribute)) for i in items]
            )
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
