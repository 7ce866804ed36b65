"""The forecast report: a one-page summary (Markdown and HTML), CSVs and plots in a folder.

`write_report` writes, into one folder:

- ``summary.md`` and ``summary.html`` (self-contained: the plots are embedded):
  the headline and the KPIs with their 95% intervals;
- ``journeys-sen2.csv`` (every simulated request as a SEN2 request record),
  ``journeys.csv``, ``meetings.csv``, ``weekly.csv``, ``kpis.csv`` and
  ``manifest.json`` (`Results.to_csv`);
- one PNG per plot of `ehcplan.sim.plots`.

Every number in the summary is formatted from `Results.kpis`, the same values
``kpis.csv`` holds.
"""

from __future__ import annotations

import base64
import html
import math
import os
from pathlib import Path

from ehcplan.money import Money
from ehcplan.sen2 import write_sen2
from ehcplan.sim.estimates import Estimate
from ehcplan.sim.plots import PLOTS
from ehcplan.sim.results import KPIS, Results
from ehcplan.sim.run import Comparison

__all__ = [
    "KPI_LABELS",
    "format_estimate",
    "headline",
    "write_comparison",
    "write_report",
]

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
    "panel_load_per_meeting": "Places used per panel meeting (every kind of decision)",
    "pc_panel_meetings_full": "Panel meetings with every place used",
    "panel_queue_after_meeting": "Cases still waiting for the panel after a meeting",
    "open_at_end": "Requests still open at the end",
    "ep_utilisation": "Educational psychology utilisation",
    "caseworker_utilisation": "Caseworker utilisation",
    "mean_ep_wait_days": "Average wait for an educational psychologist (days)",
    "surge_staff_days": "Extra staff-days hired for waits (surge)",
    "surge_cost_pence": "Cost of the extra staff (surge)",
}
"""Each KPI's name in the report, in report order."""

_SHARES = {
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
}


def _number(kpi: str, value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if kpi.endswith("_pence"):
        return str(Money(round(value)))
    return f"{value * 100:.1f}%" if kpi in _SHARES else f"{value:.1f}"


def format_estimate(kpi: str, estimate: Estimate) -> tuple[str, str]:
    """The mean and its 95% interval as the report prints them.

    Examples:
        >>> e = Estimate(mean=0.4641, lower=0.45, upper=0.478, n=20)
        >>> format_estimate("pc_within_20_weeks_ex", e)
        ('46.4%', '45.0% to 47.8%')
    """
    mean = _number(kpi, estimate.mean)
    if math.isnan(estimate.lower):
        return mean, "n/a"
    return mean, f"{_number(kpi, estimate.lower)} to {_number(kpi, estimate.upper)}"


def headline(results: Results) -> str:
    """The forecast in plain words: the share of plans within 20 weeks, with its interval.

    Examples:
        >>> from ehcplan.sim import replicate, default_scenario
        >>> headline(replicate(default_scenario(), 3, seed=1, workers=1))  # doctest: +ELLIPSIS
        '4...% of plans issued within 20 weeks (95% CI ...), excluding exceptions as DfE does; ...'
    """
    kpis = results.kpis()
    share = kpis["pc_within_20_weeks_ex"]
    breaches = kpis["breaches_per_month"]
    interval = (
        ""
        if math.isnan(share.lower)
        else f" (95% CI {share.lower * 100:.1f}-{share.upper * 100:.1f}%)"
    )
    return (
        f"{share.mean * 100:.1f}% of plans issued within 20 weeks{interval}, excluding "
        f"exceptions as DfE does; about {breaches.mean:.0f} requests a month pass their "
        "20-week deadline."
    )


def _table(results: Results) -> list[tuple[str, str, str]]:
    kpis = results.kpis()
    return [
        (label, *format_estimate(kpi, kpis[kpi])) for kpi, label in KPI_LABELS.items()
    ]


def write_report(results: Results, folder: str | os.PathLike[str]) -> list[Path]:
    """Write the forecast report for *results* into *folder*; return every path written.

    Examples:
        >>> import tempfile
        >>> from ehcplan.sim import replicate, default_scenario
        >>> results = replicate(default_scenario(), 2, seed=1, workers=1)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     [p.name for p in write_report(results, folder)][:3]
        ['journeys.csv', 'meetings.csv', 'weekly.csv']
    """
    out = Path(folder)
    written = results.to_csv(out)
    sen2 = out / "journeys-sen2.csv"
    write_sen2(results.sen2_records(), sen2)
    written.append(sen2)
    pictures = []
    for name, plot in PLOTS.items():
        path = out / f"{name}.png"
        plot(results).savefig(path)
        written.append(path)
        pictures.append(path)
    first = results.runs[0]
    period = f"{first.measured_from.isoformat()} to {first.measured_to.isoformat()}"
    about = (
        f"{len(results.runs)} replications, seed {results.seed}; measured from "
        f"{period}; ehcplan {results.manifest['versions'].get('ehcplan', '?')}"
    )
    rows = _table(results)
    markdown = [
        f"# Forecast: {results.scenario_name}",
        "",
        f"**{headline(results)}**",
        "",
        about + ".",
        "",
        "| measure | mean | 95% confidence interval |",
        "|---|---|---|",
        *[f"| {label} | {mean} | {ci} |" for label, mean, ci in rows],
        "",
        "Intervals are across replications (Student's t). DfE's measures are counted "
        "by the same code that counts real SEN2 data. Files: `kpis.csv` holds these "
        "numbers; `journeys-sen2.csv` every simulated request as a SEN2 record.",
        "",
        *[f"![{p.stem}]({p.name})" for p in pictures],
        "",
    ]
    summary = out / "summary.md"
    summary.write_text("\n".join(markdown), encoding="utf-8")
    written.append(summary)
    images = "\n".join(
        f'<img alt="{p.stem}" src="data:image/png;base64,'
        f'{base64.b64encode(p.read_bytes()).decode("ascii")}">'
        for p in pictures
    )
    table = "\n".join(
        f"<tr><td>{html.escape(label)}</td><td>{mean}</td><td>{ci}</td></tr>"
        for label, mean, ci in rows
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Forecast: {html.escape(results.scenario_name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
td, th {{ padding: .3rem .8rem; border-bottom: 1px solid #ddd; text-align: left; }}
td:nth-child(2), td:nth-child(3) {{ text-align: right; font-variant-numeric: tabular-nums; }}
img {{ max-width: 100%; margin: 1rem 0; }}
.headline {{ font-size: 1.3rem; font-weight: 600; }}
</style></head><body>
<h1>Forecast: {html.escape(results.scenario_name)}</h1>
<p class="headline">{html.escape(headline(results))}</p>
<p>{html.escape(about)}.</p>
<table><tr><th>measure</th><th>mean</th><th>95% confidence interval</th></tr>
{table}
</table>
<p>Intervals are across replications (Student's t). DfE's measures are counted by the
same code that counts real SEN2 data.</p>
{images}
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

    Writes ``comparison.csv`` (each KPI for A and B, and the paired difference
    B - A with its 95% interval), ``comparison.md``, ``comparison.html`` and each
    plot for A and for B (``a_<plot>.png``, ``b_<plot>.png``), side by side in
    the HTML page.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rows = list(comparison.rows())
    width = max(len(KPI_LABELS[k]) for k in KPIS)
    lines = [
        f"{'measure':<{width}}  {'A':>9}  {'B':>9}  {'B - A':>9}  95% CI of B - A",
    ]
    csv_lines = [
        "kpi,a_mean,a_lower_95,a_upper_95,b_mean,b_lower_95,b_upper_95,difference,difference_lower_95,difference_upper_95"
    ]
    for kpi, a, b, diff in rows:
        a_mean, _ = format_estimate(kpi, a)
        b_mean, _ = format_estimate(kpi, b)
        d_mean, d_ci = format_estimate(kpi, diff)
        lines.append(
            f"{KPI_LABELS[kpi]:<{width}}  {a_mean:>9}  {b_mean:>9}  {d_mean:>9}  {d_ci}"
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
                ]
            )
        )
    table = "\n".join(lines)
    written = []
    path = out / "comparison.csv"
    path.write_text("\n".join(csv_lines) + "\n", encoding="utf-8")
    written.append(path)
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
<table><tr><th>A: {html.escape(comparison.a.scenario_name)}</th>
<th>B: {html.escape(comparison.b.scenario_name)}</th></tr>
{grid}</table>
</body></html>
""",
        encoding="utf-8",
    )
    written.append(page)
    return table, written
