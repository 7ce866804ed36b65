"""Every English authority's published figures, and a scenario shaped to one of them.

The figures are DfE's "Education, health and care plans" statistics, one row
per authority and calendar year 2019-2023 (`src/ehcplan/data/`, described in
its README; Open Government Licence v3.0). `for_authority` scales the default
scenario ("an average English authority in 2024") to one authority: its
requests and their growth, its refusal and "no plan" shares, and the plans it
had in place; educational psychologists in proportion to its demand in the
forecast year, and caseworkers to its drafting and review workload, as the
default's are to the average authority's in 2024. The result is a starting
point for a planner, not a calibration: the durations are the national
default's, and the authority's own timeliness is not fitted.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib.resources
import math
from typing import TYPE_CHECKING

import attrs

from ehcplan.errors import FileFormatError, InvalidInput, NotFound
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.scenarios import default_scenario

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.panel_faults import PanelFault

__all__ = [
    "Authority",
    "authorities",
    "find",
    "for_authority",
    "read_panel",
    "shipped_panel",
]

DEFAULT_REQUESTS_A_YEAR = 154_489 / 153
"""The demand the default scenario's capacities were set for: England's 2024 requests
(154,489; DfE, reporting year 2025) shared between its 153 authorities."""

_GROWTH_LIMITS = (-0.3, 0.5)
"""Growth in requests is taken from the authority's last two years, kept within these."""


@attrs.frozen(kw_only=True)
class Authority:
    """One geography's row for one calendar year (figures DfE left blank are None).

    A figure found to be a fault of the panel (`ehcplan.sim.panel_faults`) is
    None too, and the fault is in *faults*. *old_code* is DfE's old LA code,
    which stays the same when an authority's ONS code changes; *series* joins
    an authority's years by it.
    """

    level: str
    code: str
    name: str
    region: str
    year: int
    requests: int | None
    requests_refused: int | None
    assessments_plan_issued: int | None
    assessments_no_plan: int | None
    pc_within_20_weeks_ex: float | None
    plans_issued_20_to_52_weeks_ex: int | None
    plans_issued_over_52_weeks_ex: int | None
    plans_issued_ex: int | None
    new_plans: int | None
    plans_in_place_january: int | None
    plans_issued: int | None = None
    plans_issued_within_20_weeks: int | None = None
    plans_issued_within_20_weeks_ex: int | None = None
    plans_in_place_next_january: int | None = None
    decided_within_6_weeks_pc: float | None = None
    old_code: str | None = None
    faults: tuple[PanelFault, ...] = ()

    @property
    def series(self) -> str:
        """The key that joins an authority's years: its old LA code, or its ONS code."""
        return self.old_code or self.code


def _mean_growth(growth: float) -> float:
    """The average over a year of a rate growing by *growth* a year, compounding.

    Used so that a year's requests come out as the published total.
    """
    return 1.0 if abs(growth) < 1e-9 else growth / math.log1p(growth)


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


_COLUMNS = (
    "year",
    "geographic_level",
    "code",
    "name",
    "region_name",
    "requests",
    "requests_refused",
    "assessments_plan_issued",
    "assessments_no_plan",
    "pc_within_20_weeks_ex",
    "plans_issued_20_to_52_weeks_ex",
    "plans_issued_over_52_weeks_ex",
    "plans_issued_ex",
    "new_plans",
    "plans_in_place_january",
)


def read_panel(
    text: str, *, path: str = "<panel>", check: bool = True
) -> tuple[Authority, ...]:
    """Every row of a panel in the format of DfE's ``la_panel_2019_2023.csv``.

    With *check* (the default), values found to be faults of the panel are
    left out (None) and the faults recorded on their rows
    (`ehcplan.sim.panel_faults`); ``check=False`` reads the panel as published.

    Raises:
        FileFormatError: If a column is missing, or a number cannot be read;
            the message names the row and column.
    """
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        msg = (
            f"missing columns {', '.join(missing)}; the panel's format is DfE's "
            "la_panel_2019_2023.csv."
        )
        raise FileFormatError(path, msg, field=missing[0])
    rows = []
    for number, row in enumerate(reader, start=2):
        try:
            rows.append(_authority(row))
        except ValueError as error:
            msg = (
                f"cannot read a number: {error}. Numbers are plain digits; leave "
                "unknown cells empty."
            )
            raise FileFormatError(path, msg, row=number) from None
    if not check:
        return tuple(rows)
    from ehcplan.sim.panel_faults import find_faults, set_aside

    return set_aside(rows, find_faults(rows))


@functools.lru_cache(maxsize=2)
def shipped_panel(*, check: bool = True) -> tuple[Authority, ...]:
    """Every row of the shipped panel (England, its regions, its authorities), 2019-2023.

    Examples:
        >>> rows = shipped_panel()
        >>> sorted({r.level for r in rows})
        ['Local authority', 'National', 'Regional']
    """
    text = (
        importlib.resources.files("ehcplan")
        .joinpath("data/la_panel_2019_2023.csv")
        .read_text("utf-8")
    )
    return read_panel(text, path="la_panel_2019_2023.csv", check=check)


def authorities() -> tuple[Authority, ...]:
    """Every authority's rows in the shipped panel, 2019-2023, in file order.

    Examples:
        >>> rows = [a for a in authorities() if a.name == "Hartlepool" and a.year == 2023]
        >>> rows[0].requests, rows[0].plans_in_place_january
        (166, 801)
    """
    return tuple(a for a in shipped_panel() if a.level == "Local authority")


def _authority(row: dict[str, str]) -> Authority:
    return Authority(
        level=row["geographic_level"],
        code=row["code"],
        name=row["name"],
        region=row["region_name"],
        year=int(row["year"]),
        requests=_int(row["requests"]),
        requests_refused=_int(row["requests_refused"]),
        assessments_plan_issued=_int(row["assessments_plan_issued"]),
        assessments_no_plan=_int(row["assessments_no_plan"]),
        pc_within_20_weeks_ex=_float(row["pc_within_20_weeks_ex"]),
        plans_issued_20_to_52_weeks_ex=_int(row["plans_issued_20_to_52_weeks_ex"]),
        plans_issued_over_52_weeks_ex=_int(row["plans_issued_over_52_weeks_ex"]),
        plans_issued_ex=_int(row["plans_issued_ex"]),
        new_plans=_int(row["new_plans"]),
        plans_in_place_january=_int(row["plans_in_place_january"]),
        plans_issued=_int(row.get("plans_issued") or ""),
        plans_issued_within_20_weeks=_int(
            row.get("plans_issued_within_20_weeks") or ""
        ),
        plans_issued_within_20_weeks_ex=_int(
            row.get("plans_issued_within_20_weeks_ex") or ""
        ),
        plans_in_place_next_january=_int(row.get("plans_in_place_next_january") or ""),
        decided_within_6_weeks_pc=_float(row.get("decided_within_6_weeks_pc") or ""),
        old_code=(row.get("old_la_code") or "").strip() or None,
    )


def find(
    name_or_code: str, year: int, rows: tuple[Authority, ...] | None = None
) -> Authority:
    """The row of the authority called *name_or_code* (or with that ONS code) for *year*.

    Args:
        name_or_code: The authority's name or ONS code, in any case.
        year: The calendar year.
        rows: The panel to look in (default: the shipped one).

    Raises:
        NotFound: If no authority has that name or code in that year.
    """
    rows = authorities() if rows is None else rows
    wanted = name_or_code.strip().casefold()
    for row in rows:
        if row.year == year and wanted in (row.name.casefold(), row.code.casefold()):
            return row
    names = tuple(sorted({a.name for a in rows if a.year == year}))
    what = f"authority with figures for {year}"
    raise NotFound(what, name_or_code, names[:5] + (("...",) if len(names) > 5 else ()))


def for_authority(
    name_or_code: str,
    year: int = 2023,
    *,
    rows: tuple[Authority, ...] | None = None,
    growth: float | None = None,
    years_before: int = 0,
) -> Scenario:
    """The default scenario shaped to an authority's published *year*, forecasting the next.

    The run starts on 1 January of *year* (or *years_before* earlier), with a
    request rate that, growing as the authority's requests grew from the year
    before (or by *growth*), gives *year*'s published total; the years before
    the last fill the queues and are the warm-up; it is measured over the
    calendar year after *year*.

    Args:
        name_or_code: The authority's name or ONS code.
        year: The last year of published figures used.
        rows: The panel to read (default: the shipped one).
        growth: The annual growth in requests to assume (default: the
            authority's own, from the year before).
        years_before: Start this many years before *year*, for a longer warm-up.

    Examples:
        >>> s = for_authority("Hartlepool", 2023)
        >>> s.name, s.start.isoformat(), s.warmup_days
        ('Hartlepool: forecast for 2024 from 2023 figures', '2023-01-01', 365)
        >>> round(s.demand.requests_per_week, 2), s.reviews.plans
        (3.18, 801)
    """
    rows = authorities() if rows is None else rows
    row = find(name_or_code, year, rows)
    requests = row.requests
    if not requests:
        msg = (
            f"{row.name} has no requests recorded for {year}, so its demand is unknown; "
            "choose another year."
        )
        raise InvalidInput(msg, field="year")
    base = default_scenario()
    previous = next(
        (a.requests for a in rows if a.code == row.code and a.year == year - 1),
        None,
    )
    if growth is None:
        growth = base.demand.annual_growth if not previous else requests / previous - 1
    growth = min(max(growth, _GROWTH_LIMITS[0]), _GROWTH_LIMITS[1])
    refuse = base.decision.refuse_share
    if row.requests_refused is not None:
        refuse = row.requests_refused / requests
    no_plan = base.plan_panel.no_plan_share
    if row.assessments_plan_issued is not None and row.assessments_no_plan is not None:
        decided = row.assessments_plan_issued + row.assessments_no_plan
        no_plan = row.assessments_no_plan / decided if decided else no_plan
    # Staff in proportion to the work of the measured year, as in the default.
    demand: float = requests * (1 + growth)
    scale = demand / DEFAULT_REQUESTS_A_YEAR
    plans = (
        row.plans_in_place_january
        if row.plans_in_place_january is not None
        else round(base.reviews.plans * scale)
    )

    def caseworker_days(
        requests: float, refused: float, no: float, stock: float
    ) -> float:
        drafted = requests * (1 - refused) * (1 - no)
        return (
            drafted * base.drafting.days.mean
            + (stock + drafted) * base.reviews.days.mean
        )

    workload = caseworker_days(demand, refuse, no_plan, plans) / caseworker_days(
        DEFAULT_REQUESTS_A_YEAR,
        base.decision.refuse_share,
        base.plan_panel.no_plan_share,
        base.reviews.plans,
    )
    ep = base.advice.educational_psychology
    ep_staff = max(1, round((ep.staff or 1) * scale))
    panel = base.policy.panel(base.plan_panel.panel)
    slots = max(1, round(panel.terms.at(base.start).cases_per_meeting * scale))
    first = year - years_before
    start, measured, end = (
        dt.date(first, 1, 1),
        dt.date(year + 1, 1, 1),
        dt.date(year + 2, 1, 1),
    )
    days_in_year = (measured - dt.date(year, 1, 1)).days
    rate = (
        requests
        / (days_in_year / 7)
        / _mean_growth(growth)
        / (1 + growth) ** years_before
    )
    return attrs.evolve(
        base,
        name=f"{row.name}: forecast for {year + 1} from {year} figures",
        start=start,
        horizon_days=(end - start).days,
        warmup_days=(measured - start).days,
        demand=attrs.evolve(base.demand, requests_per_week=rate, annual_growth=growth),
        decision=attrs.evolve(
            base.decision, refuse_share=refuse, slots_per_meeting=slots
        ),
        plan_panel=attrs.evolve(
            base.plan_panel, no_plan_share=no_plan, slots_per_meeting=slots
        ),
        advice=attrs.evolve(
            base.advice,
            educational_psychology=attrs.evolve(ep, staff=ep_staff),
        ),
        drafting=attrs.evolve(
            base.drafting,
            caseworkers=max(1, round(base.drafting.caseworkers * workload)),
        ),
        reviews=attrs.evolve(base.reviews, plans=plans),
    )
