"""England's published figures beside the simulated ones, and a flag where they are far apart.

The report puts each KPI that DfE publishes beside England's figure for 2024
(`ENGLAND_2024`) and, for a scenario shaped to one authority
(`ehcplan.sim.authorities.for_authority`), beside that authority's own latest
figure (`authority_figures`). A scenario is only calibrated to some of them:
the default scenario to the share within 20 weeks, its 20-to-52 and over-52
week buckets and the decisions within 6 weeks (statutory reference §8; see
``src/ehcplan/sim/scenarios/default.toml``). `far_from` flags a KPI whose
simulated year lies far from the published figure, so that a planner does not
read an uncalibrated figure as a forecast.

Every figure is a share of the year's cases, as DfE counts it
(`ehcplan.sen2.timeliness`), from DfE's "Education, health and care plans",
reporting year 2025 (published June 2025, calendar year 2024), as recorded in
ehcplan's statutory reference §7.3 and §8 (Open Government Licence v3.0).

Examples:
    >>> ENGLAND_2024["pc_review_decisions_within_4_weeks"].value
    0.444
    >>> from ehcplan.sim.estimates import Estimate
    >>> year = Estimate(mean=0.998, lower=0.997, upper=0.999, n=20,
    ...                 predictive_lower=0.995, predictive_upper=1.0)
    >>> far_from(year, ENGLAND_2024["pc_review_decisions_within_4_weeks"])
    True
"""

from __future__ import annotations

import math

import attrs

from ehcplan.errors import NotFound
from ehcplan.sim.estimates import Estimate

__all__ = [
    "ENGLAND_2024",
    "FAR",
    "Published",
    "authority_figures",
    "far_from",
]


@attrs.frozen(kw_only=True)
class Published:
    """One published figure: its value (a share, 0.464), its calendar year and its source.

    Examples:
        >>> ENGLAND_2024["pc_within_20_weeks_ex"].year
        2024
    """

    value: float
    year: int
    source: str


_RY2025 = 'DfE, "Education, health and care plans", reporting year 2025'

ENGLAND_2024 = {
    "pc_within_20_weeks_ex": Published(
        value=0.464,
        year=2024,
        source=f"{_RY2025}: 39,407 of 84,866 plans (statutory reference §8)",
    ),
    "pc_within_20_weeks": Published(
        value=0.459,
        year=2024,
        source=f"{_RY2025}: including exceptions (statutory reference §8)",
    ),
    "pc_20_to_52_weeks_ex": Published(
        value=0.462,
        year=2024,
        source=f"{_RY2025}: weeks to issue (statutory reference §8)",
    ),
    "pc_over_52_weeks_ex": Published(
        value=0.073,
        year=2024,
        source=f"{_RY2025}: weeks to issue (statutory reference §8)",
    ),
    "pc_decided_within_6_weeks": Published(
        value=0.848,
        year=2024,
        source=f"{_RY2025}: request_outcome_six_weeks (statutory reference §7.3)",
    ),
    "pc_no_plan_within_16_weeks": Published(
        value=0.341,
        year=2024,
        source=f"{_RY2025}: outcome_decision_within_time (statutory reference §7.3)",
    ),
    "pc_review_decisions_within_4_weeks": Published(
        value=0.444,
        year=2024,
        source=(
            f"{_RY2025}: 154,924 review outcomes communicated within 4 weeks "
            "(annual_reviews; statutory reference §4.1, §7.3)"
        ),
    ),
}
"""England's published figures for 2024, by the KPI (`ehcplan.sim.results.KPIS`) they match."""

FAR = 0.10
"""How far (as a share: 10 percentage points) a simulated year may lie from a published figure
before the report flags it: beyond the range a single year takes, and by more than this."""


def far_from(estimate: Estimate, published: Published) -> bool:
    """Whether a published figure lies beyond a simulated year's range by more than `FAR`.

    Without a range (fewer than two replications), the mean is compared.

    Examples:
        >>> e = Estimate(mean=0.47, lower=0.46, upper=0.48, n=20,
        ...              predictive_lower=0.44, predictive_upper=0.50)
        >>> far_from(e, ENGLAND_2024["pc_within_20_weeks_ex"])
        False
    """
    if math.isnan(estimate.mean):
        return False
    low = estimate.predictive_lower
    high = estimate.predictive_upper
    if low is None or high is None:
        low = high = estimate.mean
    return published.value < low - FAR or published.value > high + FAR


def authority_figures(scenario_name: str) -> dict[str, Published]:
    """An authority's own latest published figures, for a scenario named by `for_authority`.

    `for_authority` names its scenarios ``"<authority>: forecast for <year>
    from <year> figures"``; for such a name this gives the authority's
    published shares of that last year (the shipped panel,
    `ehcplan.sim.authorities`): within 20 weeks excluding exceptions, and
    decisions within 6 weeks, where DfE published them. Any other name gives
    none.

    Examples:
        >>> authority_figures("Hartlepool: forecast for 2024 from 2023 figures")[
        ...     "pc_within_20_weeks_ex"].value
        0.443
        >>> authority_figures("An average English authority in 2024")
        {}
    """
    from ehcplan.sim.authorities import find

    name, marker, rest = scenario_name.partition(": forecast for ")
    words = rest.split()
    if not marker or len(words) < 3 or not words[2].isdigit():
        return {}
    year = int(words[2])
    try:
        row = find(name, year)
    except NotFound:
        return {}
    source = f"{_RY2025}: {row.name}, {year} (the shipped panel)"
    figures = {}
    if row.pc_within_20_weeks_ex is not None:
        figures["pc_within_20_weeks_ex"] = Published(
            value=round(row.pc_within_20_weeks_ex / 100, 4), year=year, source=source
        )
    if row.decided_within_6_weeks_pc is not None:
        figures["pc_decided_within_6_weeks"] = Published(
            value=round(row.decided_within_6_weeks_pc / 100, 4),
            year=year,
            source=source,
        )
    return figures
