"""KPIs in words: their names, how each is printed, and the rows of the report's tables.

The forecast report (`ehcplan.sim.report`), ``ehcplan compare`` and the
notebooks' DataFrames (`ehcplan.sim.frames`) print KPIs the same way, from
here: shares as percentages (their differences in percentage points), money
to the nearest pound, counts to a tenth; beside each mean, the range a single
year takes and the 95% interval of the mean, and the published figure
(`ehcplan.sim.published`) with a flag where the scenario is far from it.
`ehcplan.sim.report` re-exports every name.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ehcplan.sim.estimates import Estimate
from ehcplan.sim.published import ENGLAND_2024, authority_figures, far_from

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.results import Results

__all__ = [
    "HEADERS",
    "KPI_LABELS",
    "SHARES",
    "format_difference",
    "format_estimate",
    "format_range",
    "kpi_rows",
]

_PANEL_KINDS = {
    "resource_allocation": "Resource allocation panels",
    "multi_agency": "Multi-agency panels",
    "access_to_resources": "Access to Resources panels",
}

KPI_LABELS = {
    "pc_within_20_weeks_ex": "Plans within 20 weeks (excluding exceptions, DfE headline)",
    "pc_within_20_weeks": "Plans within 20 weeks (including exceptions)",
    "pc_20_to_52_weeks_ex": "Plans in 20 to 52 weeks (excluding exceptions)",
    "pc_over_52_weeks_ex": "Plans over 52 weeks (excluding exceptions)",
    "avg_weeks_to_issue_ex": "Average weeks from request to plan (excluding exceptions)",
    "pc_decided_within_6_weeks": "Decisions whether to assess within 6 weeks",
    "pc_no_plan_within_16_weeks": "'No plan' decisions within 16 weeks",
    "pc_review_decisions_within_4_weeks": "Annual review decisions within 4 weeks",
    "plans_issued_per_month": "Plans issued per month",
    "breaches_per_month": "Expected 20-week breaches per month",
    "panel_load_per_meeting": "The plan panel: places used per meeting (every kind of decision)",
    "pc_panel_meetings_full": "The plan panel: meetings with every place used",
    "panel_queue_after_meeting": "The plan panel: cases still waiting after a meeting",
    "open_at_end": "Requests still open at the end",
    "ep_utilisation": "Educational psychology utilisation",
    "caseworker_utilisation": "Caseworker utilisation",
    "mean_ep_wait_days": "Average wait for an educational psychologist (days)",
    **{
        f"{kind}_panel_{measure}": f"{words}: {what}"
        for kind, words in _PANEL_KINDS.items()
        for measure, what in (
            ("load", "places used per meeting"),
            ("pc_full", "meetings with every place used"),
            ("queue_after", "cases still waiting after a meeting"),
            ("deferred", "cases deferred per meeting"),
            ("overflow", "referrals a full meeting passed on, per meeting"),
        )
    },
    "pc_plans_signed_off_by_lead": "Plans signed off by the lead SEND co-ordinator (no panel)",
    "committed_high_needs_pence": "High-needs block: a year's funding of the new plans",
    "committed_top_ups_pence": "of which element 3 top-ups",
    "committed_placements_high_needs_pence": "of which jointly funded placements (education share)",
    "committed_social_care_pence": "Social care: a year's funding of the new plans",
    "committed_health_pence": "Health: a year's funding of the new plans",
    "committed_total_pence": "All budgets: a year's funding of the new plans",
    "personal_budgets_agreed": "Personal budgets agreed",
    "pc_personal_budgets_agreed": "Requests for a personal budget agreed",
    "personal_budgets_pence": "Personal budgets agreed, a year",
    "personal_budgets_direct_payment_pence": "of which direct payments",
    "personal_budgets_third_party_pence": "of which paid through a third party",
    "personal_budgets_arrangement_pence": "of which arrangements (notional budgets)",
    "direct_payment_reviews": "Direct-payment monitoring reviews due",
    "placements_38_to_51_weeks": "Jointly funded placements of 38 to 51 weeks",
    "placements_38_to_51_weeks_pence": "their fees and transport, a year",
    "placements_52_weeks": "Jointly funded placements of 52 weeks",
    "placements_52_weeks_pence": "their fees and transport, a year (52-week placements)",
    "emergency_placements": "Placements funded at once by the panel's chair (emergencies)",
    "plans_ceased_per_month": "Plans ceased per month",
    "plans_in_place_at_end": "Plans in place at the end",
    "mediations_per_month": "Mediations before an appeal, per month",
    "appeals_per_month": "Appeals to the Tribunal registered per month",
    "surge_staff_days": "Extra staff-days hired for waits (surge)",
    "surge_cost_pence": "Cost of the extra staff (surge)",
}
"""Each KPI's name in the report, in report order."""

SHARES = {
    "pc_within_20_weeks_ex",
    "pc_within_20_weeks",
    "pc_20_to_52_weeks_ex",
    "pc_over_52_weeks_ex",
    "pc_decided_within_6_weeks",
    "pc_no_plan_within_16_weeks",
    "pc_review_decisions_within_4_weeks",
    "pc_panel_meetings_full",
    "ep_utilisation",
    "caseworker_utilisation",
    "pc_plans_signed_off_by_lead",
    "pc_personal_budgets_agreed",
    *(f"{kind}_panel_pc_full" for kind in _PANEL_KINDS),
}
"""The KPIs that are shares: printed as percentages, their differences in points."""


def _pounds(pence: float) -> str:
    """Pence as whole pounds, e.g. ``£1,234,568`` (rounded half to even)."""
    pounds = round(pence / 100)
    return f"-£{-pounds:,}" if pounds < 0 else f"£{pounds:,}"


def _number(kpi: str, value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if kpi.endswith("_pence"):
        return _pounds(value)
    return f"{value * 100:.1f}%" if kpi in SHARES else f"{value:.1f}"


def format_estimate(kpi: str, estimate: Estimate) -> tuple[str, str]:
    """The mean and its 95% interval as the report prints them.

    Examples:
        >>> e = Estimate(mean=0.4641, lower=0.45, upper=0.478, n=20)
        >>> format_estimate("pc_within_20_weeks_ex", e)
        ('46.4%', '45.0% to 47.8%')

        Every KPI is a count, a time, money or a share, so the interval is shown
        within what the KPI can be (from two replications it can reach past it):

        >>> few = Estimate(mean=0.02, lower=-0.045, upper=0.085, n=2)
        >>> format_estimate("pc_panel_meetings_full", few)
        ('2.0%', '0.0% to 8.5%')
    """
    mean = _number(kpi, estimate.mean)
    if math.isnan(estimate.lower):
        return mean, "n/a"
    lower = max(estimate.lower, 0.0)
    upper = min(estimate.upper, 1.0) if kpi in SHARES else estimate.upper
    return mean, f"{_number(kpi, lower)} to {_number(kpi, upper)}"


def format_range(kpi: str, estimate: Estimate) -> str:
    """The range a single simulated year takes (5% to 95% of the replications), as printed.

    Examples:
        >>> e = Estimate(mean=0.4641, lower=0.45, upper=0.478, n=20,
        ...              predictive_lower=0.436, predictive_upper=0.494)
        >>> format_range("pc_within_20_weeks_ex", e)
        '43.6% to 49.4%'
        >>> format_range("pc_within_20_weeks_ex", Estimate(mean=0.5, lower=0.4, upper=0.6, n=1))
        'n/a'
    """
    low, high = estimate.predictive_lower, estimate.predictive_upper
    if low is None or high is None or math.isnan(low):
        return "n/a"
    return f"{_number(kpi, low)} to {_number(kpi, high)}"


def format_difference(kpi: str, difference: Estimate) -> tuple[str, str]:
    """A paired difference B - A and its 95% interval; shares in percentage points.

    Examples:
        >>> d = Estimate(mean=-0.0512, lower=-0.07, upper=-0.032, n=20)
        >>> format_difference("pc_decided_within_6_weeks", d)
        ('-5.1 points', '-7.0 to -3.2 points')
        >>> e = Estimate(mean=2.0, lower=1.0, upper=3.0, n=5)
        >>> format_difference("plans_issued_per_month", e)
        ('+2.0', '+1.0 to +3.0')
    """

    def signed(value: float) -> str:
        if math.isnan(value):
            return "n/a"
        if kpi in SHARES:
            return f"{value * 100:+.1f}"
        text = _number(kpi, value)
        return text if text.startswith("-") else f"+{text}"

    unit = " points" if kpi in SHARES else ""
    mean = signed(difference.mean) + ("" if math.isnan(difference.mean) else unit)
    if math.isnan(difference.lower):
        return mean, "n/a"
    return mean, f"{signed(difference.lower)} to {signed(difference.upper)}{unit}"


HEADERS = (
    "measure",
    "mean",
    "a single year (5% to 95%)",
    "the average (95% CI)",
    "published",
    "",
)
"""The columns of the report's KPI tables; the last holds the flag."""


def kpi_rows(
    results: Results, names: tuple[str, ...] | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """Each defined KPI of *names* (default: all) with its row of the report's table (`HEADERS`).

    Examples:
        >>> from ehcplan.sim import replicate, default_scenario
        >>> kpi, row = kpi_rows(replicate(default_scenario(), 2, seed=1, workers=1))[7]
        >>> kpi, row[0], row[4], row[5]
        ('pc_review_decisions_within_4_weeks', 'Annual review decisions within 4 weeks', \
'England 2024: 44.4%', '⚠ far from the published figure: not calibrated to it')
    """
    kpis = results.kpis()
    names = tuple(kpis) if names is None else names
    names = tuple(k for k in names if k not in _repeated(results))
    return [
        (kpi, row)
        for kpi, row in zip(
            [k for k in names if not math.isnan(kpis[k].mean)],
            _rows(kpis, names, results.scenario_name),
            strict=True,
        )
    ]


_PLAN_PANEL = (
    "panel_load_per_meeting",
    "pc_panel_meetings_full",
    "panel_queue_after_meeting",
)


def _repeated(results: Results) -> frozenset[str]:
    """The plan panel's KPIs, when no other panel is of its kind: its kind's rows say the same."""
    first = results.runs[0]
    if first.plan_panel not in first.panels:
        return frozenset()
    kind = first.panel_kinds[first.panels.index(first.plan_panel)]
    return frozenset(_PLAN_PANEL) if first.panel_kinds.count(kind) == 1 else frozenset()


def _rows(
    kpis: dict[str, Estimate], names: tuple[str, ...], scenario_name: str
) -> list[tuple[str, ...]]:
    own = authority_figures(scenario_name)
    rows: list[tuple[str, ...]] = []
    for kpi in names:
        estimate = kpis[kpi]
        if math.isnan(estimate.mean):
            continue
        mean, ci = format_estimate(kpi, estimate)
        published = []
        flag = ""
        for words, figure in (
            ("England", ENGLAND_2024.get(kpi)),
            ("own", own.get(kpi)),
        ):
            if figure is None:
                continue
            value = _number(kpi, figure.value)
            published.append(
                f"England {figure.year}: {value}"
                if words == "England"
                else f"the authority, {figure.year}: {value}"
            )
            if far_from(estimate, figure):
                flag = "⚠ far from the published figure: not calibrated to it"
        rows.append(
            (
                KPI_LABELS[kpi],
                mean,
                format_range(kpi, estimate),
                ci,
                "; ".join(published),
                flag,
            )
        )
    return rows
