"""The forecast report: a summary (Markdown and HTML), CSVs and plots in a folder.

`write_report` writes, into one folder:

- ``summary.md`` and ``summary.html`` (self-contained: the plots are embedded):
  the headline, then one section per concern (`SECTIONS`): timeliness and
  staff; the panels (a panel chair's page); the money (a finance lead's page);
  plans in place and disputes; each with its KPIs, their 95% intervals, and
  its plots (`SECTION_PLOTS`);
- ``journeys-sen2.csv`` (simulated requests as SEN2 request records),
  ``journeys.csv``, ``meetings.csv``, ``weekly.csv``, ``kpis.csv`` and
  ``manifest.json`` (`Results.to_csv`); the two journey files hold the first
  replication's requests unless every replication's is asked for;
- one PNG per plot of `ehcplan.sim.plots`.

Every number in the summary is formatted from `Results.kpis`, the same values
``kpis.csv`` holds; amounts of money are shown to the nearest pound. A KPI that
no replication defines (a panel kind the scenario does not use) is left out of
the summary, not of ``kpis.csv``.
"""

from __future__ import annotations

import base64
import html
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ehcplan.sen2 import write_sen2
from ehcplan.sim.explain import attribute, warnings
from ehcplan.sim.labels import (
    HEADERS,
    KPI_LABELS,
    SHARES,
    format_difference,
    format_estimate,
    format_range,
    kpi_rows,
)
from ehcplan.sim.plots import PLOTS, plot_comparison
from ehcplan.sim.results import KPIS

if TYPE_CHECKING:  # pragma: no cover
    from ehcplan.sim.results import Results
    from ehcplan.sim.run import Comparison

__all__ = [
    "HEADERS",
    "KPI_LABELS",
    "RANGES",
    "SHARES",
    "SECTIONS",
    "SECTION_PLOTS",
    "format_difference",
    "format_estimate",
    "format_range",
    "headline",
    "kpi_rows",
    "why",
    "write_comparison",
    "write_report",
]

_MEASURES = ("load", "pc_full", "queue_after", "deferred", "overflow")
SECTIONS = {
    "Timeliness and staff": (
        *KPIS[:10],
        *KPIS[13:17],
        "surge_staff_days",
        "surge_cost_pence",
    ),
    "The panels": (
        *KPIS[10:13],
        *(k for k in KPIS if k.endswith(tuple(f"_panel_{m}" for m in _MEASURES))),
        "pc_plans_signed_off_by_lead",
    ),
    "The money": tuple(
        k
        for k in KPIS
        if k.startswith(
            ("committed_", "personal_budgets", "pc_personal", "placements_")
        )
        or k in ("direct_payment_reviews", "emergency_placements")
    ),
    "Plans in place and disputes": (
        "plans_ceased_per_month",
        "plans_in_place_at_end",
        "mediations_per_month",
        "appeals_per_month",
    ),
}
"""The report's sections and the KPIs each shows, in order; together every KPI once."""

SECTION_PLOTS = {
    "Timeliness and staff": (
        "open_cases",
        "weeks_to_issue",
        "share_by_month",
        "utilisation",
    ),
    "The panels": ("panel_chair", "panel_load"),
    "The money": ("funding", "cost_by_month"),
    "Plans in place and disputes": (),
}
"""The plots each section shows (`ehcplan.sim.plots.PLOTS`)."""

SECTION_NOTES = {
    "The panels": (
        "A panel chair's page: for each panel, the places its meetings used, how "
        "often every place went, the cases left waiting and deferred, and the "
        "referrals a full meeting passed to the next; month by month in the plot."
    ),
    "The money": (
        "A finance lead's page: a year's funding of the plans issued in the measured "
        "period, by budget, and what they cost month by month as they are issued. "
        "Each replication sums its plans' money exactly, in pence; the means and "
        "intervals are statistics of those sums across replications, shown to the "
        "nearest pound."
    ),
}

RANGES = (
    'Two ranges: "a single year" is where 90% of the simulated years fall (5% to '
    '95%), the range to plan for; "the average" is the 95% confidence interval of '
    "the mean over the replications, which says only how precisely they pin down the "
    "average year, and narrows as more replications are run."
)
"""The one sentence on the difference between the two ranges the report shows."""


def headline(results: Results) -> str:
    """The forecast in words: the share of plans within 20 weeks, its interval, a year's range.

    Examples:
        >>> from ehcplan.sim import replicate, default_scenario
        >>> headline(replicate(default_scenario(), 3, seed=1, workers=1))  # doctest: +ELLIPSIS
        '4...% of plans issued within 20 weeks (95% CI ...), excluding exceptions as DfE ...'
    """
    kpis = results.kpis()
    share = kpis["pc_within_20_weeks_ex"]
    breaches = kpis["breaches_per_month"]
    interval = (
        ""
        if math.isnan(share.lower)
        else f" (95% CI {share.lower * 100:.1f}-{share.upper * 100:.1f}%)"
    )
    year = format_range("pc_within_20_weeks_ex", share)
    single = "" if year == "n/a" else f"; a single year can take {year}"
    return (
        f"{share.mean * 100:.1f}% of plans issued within 20 weeks{interval}, excluding "
        f"exceptions as DfE does{single}. About {breaches.mean:.0f} requests a month "
        "pass their 20-week deadline."
    )


def why(results: Results) -> list[str]:
    """What limits the forecast: `ehcplan.sim.explain.warnings`, or that nothing is near capacity.

    Examples:
        >>> from ehcplan.sim import replicate, default_scenario
        >>> why(replicate(default_scenario(), 2, seed=1, workers=1))[0]  # doctest: +ELLIPSIS
        'Educational psychologists are near capacity: ...'
    """
    found = warnings(results)
    if found:
        return found
    kpis = results.kpis()
    busy = [
        f"{words} {kpis[kpi].mean:.0%}"
        for kpi, words in (
            ("ep_utilisation", "educational psychologists"),
            ("caseworker_utilisation", "caseworkers"),
        )
        if not math.isnan(kpis[kpi].mean)
    ]
    return [
        "No staff pool or panel is near capacity"
        + (f" (busy: {', '.join(busy)})" if busy else "")
        + "; waits come from the work itself and the panels' dates."
    ]


def write_report(
    results: Results, folder: str | os.PathLike[str], *, all_journeys: bool = False
) -> list[Path]:
    """Write the forecast report for *results* into *folder*; return every path written.

    ``journeys.csv`` and ``journeys-sen2.csv`` hold the first replication's
    requests, a year's return as an authority would see it, or every
    replication's with *all_journeys*; the other tables hold every replication.

    Examples:
        >>> import tempfile
        >>> from ehcplan.sim import replicate, default_scenario
        >>> results = replicate(default_scenario(), 2, seed=1, workers=1)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     [p.name for p in write_report(results, folder)][:3]
        ['journeys.csv', 'meetings.csv', 'weekly.csv']
    """
    out = Path(folder)
    sample = None if all_journeys else 1
    written = results.to_csv(out, journeys=sample)
    sen2 = out / "journeys-sen2.csv"
    write_sen2(results.sen2_records(replications=sample), sen2)
    written.append(sen2)
    pictures: dict[str, Path] = {}
    for name, plot in PLOTS.items():
        path = out / f"{name}.png"
        plot(results).savefig(path)
        written.append(path)
        pictures[name] = path
    first = results.runs[0]
    period = f"{first.measured_from.isoformat()} to {first.measured_to.isoformat()}"
    about = (
        f"{len(results.runs)} replications, seed {results.seed}; measured from "
        f"{period}; ehcplan {results.manifest['versions'].get('ehcplan', '?')}"
    )
    if len(results.runs) < 20:
        about += (
            f". With {len(results.runs)} replications a single year's range is too "
            "narrow: run 20 or more to plan with it"
        )
    sections = [
        (
            title,
            [row for _, row in kpi_rows(results, names)],
            [pictures[n] for n in SECTION_PLOTS[title]],
        )
        for title, names in SECTIONS.items()
    ]
    journeys_note = (
        "every simulated request"
        if all_journeys
        else "the first replication's requests"
    )
    footer = (
        "Intervals of the mean are across replications (Student's t); a single year's "
        "range is the 5th to 95th percentile of the replications' values. Published "
        "figures: DfE, Education, health and care plans, reporting year 2025 "
        "(ehcplan.sim.published); a flag marks a KPI whose simulated years lie more than "
        "10 points from it, which the scenario is not calibrated to. DfE's measures are counted "
        "by the same code that counts real SEN2 data. Files: `kpis.csv` holds these "
        f"numbers; `journeys.csv` and `journeys-sen2.csv` {journeys_note}, the latter "
        "as SEN2 records."
    )
    reasons = why(results)
    markdown = [
        f"# Forecast: {results.scenario_name}",
        "",
        f"**{headline(results)}**",
        "",
        "Why:",
        "",
        *[f"- {reason}" for reason in reasons],
        "",
        RANGES,
        "",
    ]
    markdown += [about + ".", ""]
    for title, rows, images in sections:
        markdown += [f"## {title}", ""]
        if title in SECTION_NOTES:
            markdown += [SECTION_NOTES[title], ""]
        markdown += [
            "| " + " | ".join(HEADERS) + " |",
            "|" + "---|" * len(HEADERS),
            *["| " + " | ".join(row) + " |" for row in rows],
            "",
            *[f"![{p.stem}]({p.name})" for p in images],
            "",
        ]
    markdown += [footer, ""]
    summary = out / "summary.md"
    summary.write_text("\n".join(markdown), encoding="utf-8")
    written.append(summary)

    def embed(image: Path) -> str:
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f'<img alt="{image.stem}" src="data:image/png;base64,{data}">'

    body = []
    for title, rows, images in sections:
        table = "\n".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in rows
        )
        note = (
            f"<p>{html.escape(SECTION_NOTES[title])}</p>"
            if title in SECTION_NOTES
            else ""
        )
        body.append(
            f"<h2>{html.escape(title)}</h2>\n{note}\n"
            "<table><tr>"
            + "".join(f"<th>{html.escape(h)}</th>" for h in HEADERS)
            + "</tr>\n"
            f"{table}\n</table>\n" + "\n".join(embed(i) for i in images)
        )
    sections_html = "\n".join(body)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Forecast: {html.escape(results.scenario_name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 75rem; margin: 2rem auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
td, th {{ padding: .3rem .8rem; border-bottom: 1px solid #ddd; text-align: left; }}
td:nth-child(n+2):nth-child(-n+4) {{ text-align: right; white-space: nowrap;
  font-variant-numeric: tabular-nums; }}
td:nth-child(6) {{ color: #b3261e; }}
.why li {{ margin: .3rem 0; }}
img {{ max-width: 100%; margin: 1rem 0; }}
h2 {{ margin-top: 2.5rem; border-bottom: 2px solid #1f5fa8; }}
.headline {{ font-size: 1.3rem; font-weight: 600; }}
</style></head><body>
<h1>Forecast: {html.escape(results.scenario_name)}</h1>
<p class="headline">{html.escape(headline(results))}</p>
<p>Why:</p>
<ul class="why">{"".join(f"<li>{html.escape(r).replace('`', '')}</li>" for r in reasons)}</ul>
<p>{html.escape(RANGES)}</p>
<p>{html.escape(about)}.</p>
{sections_html}
<p>{html.escape(footer).replace("`", "")}</p>
</body></html>
"""
    page_path = out / "summary.html"
    page_path.write_text(page, encoding="utf-8")
    written.append(page_path)
    return written


def write_comparison(
    comparison: Comparison, folder: str | os.PathLike[str]
) -> tuple[str, list[Path]]:
    """Write a comparison of two scenarios into *folder*; return its table and the paths.

    Writes ``comparison.csv`` (each KPI for A and B, the paired difference
    B - A with its 95% interval, shares' in percentage points in the tables, and
    ``moved_by``: the stage and panel that moved a KPI that changed,
    `ehcplan.sim.explain.attribute`), ``comparison.md``, ``comparison.html``,
    ``comparison.png`` (A against B on shared axes, `plots.plot_comparison`) and each
    plot for A and for B (``a_<plot>.png``, ``b_<plot>.png``), side by side in
    the HTML page.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rows = list(comparison.rows())
    reasons = attribute(comparison)
    width = max(len(KPI_LABELS[k]) for k in KPIS)
    lines = [
        f"{'measure':<{width}}  {'A':>9}  {'B':>9}  {'B - A':>13}  {'95% CI of B - A':<24}"
        "  what moved it",
    ]
    csv_lines = [
        "kpi,a_mean,a_lower_95,a_upper_95,b_mean,b_lower_95,b_upper_95,difference,"
        "difference_lower_95,difference_upper_95,moved_by"
    ]
    for kpi, a, b, diff in rows:
        if math.isnan(a.mean) and math.isnan(b.mean):
            continue
        a_mean, _ = format_estimate(kpi, a)
        b_mean, _ = format_estimate(kpi, b)
        d_mean, d_ci = format_difference(kpi, diff)
        reason = reasons.get(kpi, "")
        lines.append(
            f"{KPI_LABELS[kpi]:<{width}}  {a_mean:>9}  {b_mean:>9}  {d_mean:>13}  "
            f"{d_ci:<24}  {reason}".rstrip()
        )
        csv_lines.append(
            ",".join(
                [
                    kpi,
                    *(
                        repr(float(v))
                        for e in (a, b, diff)
                        for v in (e.mean, e.lower, e.upper)
                    ),
                    f'"{reason}"' if reason else "",
                ]
            )
        )
    table = "\n".join(lines)
    written = []
    path = out / "comparison.csv"
    path.write_text("\n".join(csv_lines) + "\n", encoding="utf-8")
    written.append(path)
    together = out / "comparison.png"
    plot_comparison(comparison).savefig(together)
    written.append(together)
    pairs = []
    for name, plot in PLOTS.items():
        pair = []
        for tag, results in (("a", comparison.a), ("b", comparison.b)):
            image = out / f"{tag}_{name}.png"
            plot(results).savefig(image)
            written.append(image)
            pair.append(image)
        pairs.append(pair)
    title = f"{comparison.a.scenario_name} (A) and {comparison.b.scenario_name} (B)"
    markdown = out / "comparison.md"
    markdown.write_text(
        f"# Comparison: {title}\n\nSame seeds for both (common random numbers); "
        f"{len(comparison.a.runs)} replications each.\n\n```\n{table}\n```\n\n"
        f"![A against B]({together.name})\n\n"
        + "\n".join(f"| ![A]({a.name}) | ![B]({b.name}) |" for a, b in pairs)
        + "\n",
        encoding="utf-8",
    )
    written.append(markdown)

    def embed(image: Path) -> str:
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f'<img alt="{image.stem}" src="data:image/png;base64,{data}">'

    grid = "\n".join(
        f"<tr><td>{embed(a)}</td><td>{embed(b)}</td></tr>" for a, b in pairs
    )
    page = out / "comparison.html"
    page.write_text(
        f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Comparison: {html.escape(title)}</title>
<style>body {{ font-family: system-ui, sans-serif; margin: 2rem; }} img {{ max-width: 100%; }}
td {{ width: 50%; vertical-align: top; }} pre {{ font-size: .9rem; }}</style></head><body>
<h1>Comparison: {html.escape(title)}</h1>
<p>Same seeds for both (common random numbers); {len(comparison.a.runs)} replications each.</p>
<pre>{html.escape(table)}</pre>
{embed(together)}
<table><tr><th>A: {html.escape(comparison.a.scenario_name)}</th>
<th>B: {html.escape(comparison.b.scenario_name)}</th></tr>
{grid}</table>
</body></html>
""",
        encoding="utf-8",
    )
    written.append(page)
    return table, written
