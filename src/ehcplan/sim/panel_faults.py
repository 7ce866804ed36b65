"""Known kinds of fault in DfE's per-authority panel, found and set aside rather than used.

The published panel (`ehcplan.sim.authorities`) has figures that cannot be an
authority's own: in 2022 every Yorkshire and The Humber authority carries the
regional total, 6078, as its ``new_plans``. `find_faults` looks for each kind
of fault by rule, never by naming rows, so a later release is checked the
same way:

- **regional total**: an authority's count is at least its region's total for
  that column and year, while other authorities of the region report the
  column too (a region's total copied into its authorities' rows);
- **not returned**: a count of 0 where the authority's other years have a
  median of at least 20 (a figure that was not returned, written as 0);
- **inconsistent**: counts that contradict each other: plans within 20 weeks
  more than the plans issued, refusals more than the requests, a published
  share that is not its own counts' share, or the three timeliness buckets
  (within 20 weeks, 20 to 52 weeks, over 52 weeks) adding up to more or
  fewer plans than were issued, by more than 2% and 5 plans;
- **code changed**: one authority (the same old LA code and name) published
  under two ONS codes in different years; its years are joined by the old LA
  code and its figures are kept.

A value with a fault of the first three kinds is *left out*: `set_aside`
replaces it by None (as DfE writes a figure it does not have) and records the
fault on the row (`Authority.faults`), so nothing is used that should not be,
and nothing is dropped without a reason. `ehcplan.sim.authorities.read_panel`
does both.
"""

from __future__ import annotations

import collections
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.authorities import Authority

__all__ = ["COUNTS", "PanelFault", "find_faults", "panel_faults", "set_aside"]

COUNTS = (
    "requests",
    "requests_refused",
    "assessments_plan_issued",
    "assessments_no_plan",
    "plans_issued_20_to_52_weeks_ex",
    "plans_issued_over_52_weeks_ex",
    "plans_issued",
    "plans_issued_within_20_weeks",
    "plans_issued_ex",
    "plans_issued_within_20_weeks_ex",
    "new_plans",
    "plans_in_place_january",
)
"""The panel's columns that count something (the ones a regional total can stand in for)."""

_NOT_RETURNED_MEDIAN = 20
"""A count of 0 is a fault when the authority's other years have at least this median."""

_BUCKET_TOLERANCE = (0.02, 5)
"""The timeliness buckets may miss the plans issued by this share, or this many plans."""


@attrs.frozen(kw_only=True)
class PanelFault:
    """One value of the panel that cannot be the authority's own figure, and why.

    Attributes:
        year: The calendar year of the row.
        code: The row's ONS code, as published.
        name: The authority's name.
        column: The panel's column.
        value: The value as published.
        kind: ``"regional total"``, ``"not returned"``, ``"inconsistent"`` or
            ``"code changed"``.
        left_out: Whether the value is set aside (replaced by None) rather than
            used; a changed code is only noted.
        reason: What is wrong, in plain words.

    Examples:
        >>> fault = PanelFault(
        ...     year=2022, code="E08000016", name="Barnsley", column="new_plans",
        ...     value=6078, kind="regional total", left_out=True,
        ...     reason="6078 is the Yorkshire and The Humber total for 2022",
        ... )
        >>> print(fault)  # doctest: +NORMALIZE_WHITESPACE
        Barnsley (E08000016) 2022 new_plans = 6078:
        6078 is the Yorkshire and The Humber total for 2022; left out.
    """

    year: int
    code: str
    name: str
    column: str
    value: float | None
    kind: str
    left_out: bool
    reason: str

    def __str__(self) -> str:
        """The fault in one line, as `ehcplan backtest` lists it."""
        value = "" if self.value is None else f" = {self.value:g}"
        action = "left out" if self.left_out else "kept"
        return (
            f"{self.name} ({self.code}) {self.year} {self.column}{value}: "
            f"{self.reason}; {action}."
        )


def _fault(
    row: Authority, column: str, kind: str, reason: str, *, left_out: bool = True
) -> PanelFault:
    value = getattr(row, column)
    return PanelFault(
        year=row.year,
        code=row.code,
        name=row.name,
        column=column,
        value=float(value) if isinstance(value, int | float) else None,
        kind=kind,
        left_out=left_out,
        reason=reason,
    )


def _regional_totals(rows: Sequence[Authority]) -> list[PanelFault]:
    regions = {(r.name, r.year): r for r in rows if r.level == "Regional"}
    local = [r for r in rows if r.level == "Local authority"]
    reporting: collections.Counter[tuple[str, int, str]] = collections.Counter(
        (r.region, r.year, column)
        for r in local
        for column in COUNTS
        if getattr(r, column) is not None
    )
    faults = []
    for row in local:
        region = regions.get((row.region, row.year))
        if region is None:
            continue
        for column in COUNTS:
            value, total = getattr(row, column), getattr(region, column)
            if (
                value is not None
                and total is not None
                and value > 0
                and value >= total
                and reporting[(row.region, row.year, column)] >= 2
            ):
                faults.append(
                    _fault(
                        row,
                        column,
                        "regional total",
                        f"{value} is the {row.region} total for {row.year} "
                        f"({total}), not one authority's figure",
                    )
                )
    return faults


def _not_returned(rows: Sequence[Authority]) -> list[PanelFault]:
    by_series: dict[str, list[Authority]] = collections.defaultdict(list)
    for row in rows:
        if row.level == "Local authority":
            by_series[row.series].append(row)
    faults = []
    for series in by_series.values():
        for row in series:
            for column in COUNTS:
                if getattr(row, column) != 0:
                    continue
                others = [
                    getattr(r, column)
                    for r in series
                    if r is not row and getattr(r, column) is not None
                ]
                if others and statistics.median(others) >= _NOT_RETURNED_MEDIAN:
                    faults.append(
                        _fault(
                            row,
                            column,
                            "not returned",
                            f"0, where the authority's other years have a median of "
                            f"{statistics.median(others):g}: a figure not returned",
                        )
                    )
    return faults


def _inconsistent(row: Authority) -> list[PanelFault]:
    faults = []
    pairs = (
        ("plans_issued_within_20_weeks_ex", "plans_issued_ex"),
        ("plans_issued_within_20_weeks", "plans_issued"),
        ("plans_issued_ex", "plans_issued"),
        ("requests_refused", "requests"),
    )
    for part, whole in pairs:
        a, b = getattr(row, part), getattr(row, whole)
        if a is not None and b is not None and a > b:
            faults.append(_fault(row, part, "inconsistent", f"more than {whole} ({b})"))
    within, issued = row.plans_issued_within_20_weeks_ex, row.plans_issued_ex
    share = row.pc_within_20_weeks_ex
    if within is not None and issued and share is not None:
        own = round(100 * within / issued, 1)
        if abs(own - share) > 0.15:  # noqa: PLR2004 - half a rounding step and a little
            faults.append(
                _fault(
                    row,
                    "pc_within_20_weeks_ex",
                    "inconsistent",
                    f"not the share its own counts give ({within} of {issued}, {own}%)",
                )
            )
    buckets = (
        row.plans_issued_within_20_weeks_ex,
        row.plans_issued_20_to_52_weeks_ex,
        row.plans_issued_over_52_weeks_ex,
    )
    if issued is not None and all(b is not None for b in buckets):
        counted = sum(b for b in buckets if b is not None)
        share_off, plans_off = _BUCKET_TOLERANCE
        if abs(counted - issued) > max(plans_off, share_off * issued):
            for column in (
                "plans_issued_20_to_52_weeks_ex",
                "plans_issued_over_52_weeks_ex",
            ):
                faults.append(
                    _fault(
                        row,
                        column,
                        "inconsistent",
                        f"the three timeliness buckets add up to {counted} plans, "
                        f"not the {issued} issued",
                    )
                )
    return faults


def _codes_changed(rows: Sequence[Authority]) -> list[PanelFault]:
    by_series: dict[tuple[str, str], list[Authority]] = collections.defaultdict(list)
    for row in rows:
        if row.level == "Local authority" and row.old_code is not None:
            by_series[(row.old_code, row.name)].append(row)
    faults = []
    for (old, _), series in by_series.items():
        codes = collections.Counter(r.code for r in series)
        if len(codes) < 2:  # noqa: PLR2004 - one code is the normal case
            continue
        usual = max(codes, key=lambda c: (codes[c], c))
        for row in series:
            if row.code != usual:
                years = ", ".join(str(r.year) for r in series if r.code == usual)
                faults.append(
                    _fault(
                        row,
                        "code",
                        "code changed",
                        f"published under {row.code}, while {years} carry {usual}; "
                        f"the years are joined by the old LA code {old}",
                        left_out=False,
                    )
                )
    return faults


def find_faults(rows: Sequence[Authority]) -> tuple[PanelFault, ...]:
    """Every fault of the kinds above in a panel's *rows* (all levels, as read).

    The regional rows are needed for the regional-total check; faults are
    found on authorities' rows only.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> faults = find_faults(shipped_panel(check=False))
        >>> sorted({f.kind for f in faults})
        ['code changed', 'inconsistent', 'not returned', 'regional total']
        >>> sum(f.column == "new_plans" and f.value == 6078 for f in faults)
        15
    """
    faults = _regional_totals(rows) + _not_returned(rows) + _codes_changed(rows)
    for row in rows:
        if row.level == "Local authority":
            faults += _inconsistent(row)
    position = {(r.code, r.year): i for i, r in reversed(list(enumerate(rows)))}
    return tuple(sorted(faults, key=lambda f: (position[(f.code, f.year)], f.column)))


def set_aside(
    rows: Sequence[Authority], faults: Sequence[PanelFault]
) -> tuple[Authority, ...]:
    """The *rows* with each value left out by a fault set to None and the fault recorded.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> raw = shipped_panel(check=False)
        >>> rows = set_aside(raw, find_faults(raw))
        >>> [r.new_plans for r in rows if r.name == "Barnsley" and r.year == 2022]
        [None]
    """
    by_row: dict[tuple[str, int], list[PanelFault]] = collections.defaultdict(list)
    for fault in faults:
        by_row[(fault.code, fault.year)].append(fault)
    result = []
    for row in rows:
        found = (
            by_row.get((row.code, row.year)) if row.level == "Local authority" else None
        )
        if not found:
            result.append(row)
            continue
        cleared: dict[str, Any] = {f.column: None for f in found if f.left_out}
        result.append(attrs.evolve(row, faults=tuple(found), **cleared))
    return tuple(result)


def panel_faults(rows: Sequence[Authority]) -> tuple[PanelFault, ...]:
    """Every fault recorded on *rows* by `set_aside`, in row order.

    Examples:
        >>> from ehcplan.sim.authorities import shipped_panel
        >>> len(panel_faults(shipped_panel())) > 15
        True
    """
    return tuple(fault for row in rows for fault in row.faults)
