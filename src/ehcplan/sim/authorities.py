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

import attrs

from ehcplan.errors import NotFound
from ehcplan.sim.scenario import Scenario
from ehcplan.sim.scenarios import default_scenario

__all__ = ["Authority", "authorities", "find", "for_authority"]

DEFAULT_REQUESTS_A_YEAR = 154_489 / 153
"""The demand the default scenario's capacities were set for: England's 2024 requests
(154,489; DfE, reporting year 2025) shared between its 153 authorities."""

_GROWTH_LIMITS = (-0.3, 0.5)
"""Growth in requests is taken from the authority's last two years, kept within these."""


@attrs.frozen(kw_only=True)
class Authority:
    """One authority's row for one calendar year (figures DfE left blank are None)."""

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


def _mean_growth(growth: float) -> float:
    """The average over a year of a rate growing by *growth* a year, compounding.

    Used so that a year's requests come out as the published total.
    """
    return 1.0 if abs(growth) < 1e-9 else growth / math.log1p(growth)


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@functools.lru_cache(maxsize=1)
def authorities() -> tuple[Authority, ...]:
    """Every authority's rows, 2019-2023, in file order.

    Examples:
        >>> rows = [a for a in authorities() if a.name == "Hartlepool" and a.year == 2023]
        >>> rows[0].requests, rows[0].plans_in_place_january
        (166, 801)
    """
    text = (
        importlib.resources.files("ehcplan")
        .joinpath("data/la_panel_2019_2023.csv")
        .read_text("utf-8")
    )
    return tuple(
        Authority(
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
        )
        for row in csv.DictReader(text.splitlines())
        if row["geographic_level"] == "Local authority"
    )


def find(name_or_code: str, year: int) -> Authority:
    """The row of the authority called *name_or_code* (or with that ONS code) for *year*.

    Raises:
        NotFound: If no authority has that name or code in that year.
    """
    wanted = name_or_code.strip().casefold()
    for row in authorities():
        if row.year == year and wanted in (row.name.casefold(), row.code.casefold()):
            return row
    names = tuple(sorted({a.name for a in authorities() if a.year == year}))
    what = f"authority with figures for {year}"
    raise NotFound(what, name_or_code, names[:5] + (("...",) if len(names) > 5 else ()))


def for_authority(name_or_code: str, year: int = 2023) -> Scenario:
    """The default scenario shaped to an authority's published *year*, forecasting the next.

    The run starts on 1 January of *year*, with a request rate that, growing
    as the authority's requests grew from the year before, gives that year's
    published total (the first year fills the queues and is the warm-up); it
    is measured over the next calendar year.

    Examples:
        >>> s = for_authority("Hartlepool", 2023)
        >>> s.name, s.start.isoformat(), s.warmup_days
        ('Hartlepool: forecast for 2024 from 2023 figures', '2023-01-01', 365)
        >>> round(s.demand.requests_per_week, 2), s.reviews.plans
        (3.18, 801)
    """
    row = find(name_or_code, year)
    requests = row.requests
    if not requests:
        what = f"authority with requests recorded in {year}"
        raise NotFound(what, name_or_code, ())
    base = default_scenario()
    previous = next(
        (
            a.requests
            for a in authorities()
            if a.code == row.code and a.year == year - 1
        ),
        None,
    )
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
    panel = base.local_policy.panel(base.plan_panel.panel)
    slots = max(1, round(panel.terms.at(base.start).cases_per_meeting * scale))
    days_in_year = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
    next_year = (dt.date(year + 2, 1, 1) - dt.date(year + 1, 1, 1)).days
    return attrs.evolve(
        base,
        name=f"{row.name}: forecast for {year + 1} from {year} figures",
        start=dt.date(year, 1, 1),
        horizon_days=days_in_year + next_year,
        warmup_days=days_in_year,
        demand=attrs.evolve(
            base.demand,
            requests_per_week=requests / (days_in_year / 7) / _mean_growth(growth),
            annual_growth=growth,
        ),
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
