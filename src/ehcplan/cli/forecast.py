"""`ehcplan forecast`: simulate a scenario many times and write the planner's report."""

from __future__ import annotations

import argparse
from typing import TextIO

from ehcplan.cli.options import Commands, command, run_options, scenario_for
from ehcplan.extras import require
from ehcplan.files import output_folder

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan forecast                      the default: an average authority in 2024
  ehcplan forecast monthly-panel        a shipped scenario, by name
  ehcplan forecast mine.toml -n 200 --seed 7 --out forecast
  ehcplan forecast mine.toml --horizon-days 1095 --workers 2 --quiet
  ehcplan forecast --all-journeys       every replication's requests in the CSVs
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    forecast = command(
        commands,
        "forecast",
        "forecast a caseload: KPIs with intervals, a report, CSVs and plots",
        "Simulate a scenario many times and write a report folder: a summary "
        "(Markdown and HTML) with the KPIs and their 95% confidence intervals, in "
        "sections for timeliness, the panels (a panel chair's page) and the money (a "
        "finance lead's page), CSVs (journeys, also as SEN2 records; panel meetings, "
        "weekly series, KPIs) and plots. With no scenario, the default: an average "
        "English authority in 2024.",
        EXAMPLES,
    )
    forecast.add_argument(
        "scenario", nargs="?", default="default", metavar="SCENARIO",
        help="a scenario file, or a shipped scenario's name (default: default)",
    )  # fmt: skip
    run_options(forecast, "forecast")
    forecast.add_argument(
        "--all-journeys",
        action="store_true",
        help="write every replication's requests to journeys.csv and journeys-sen2.csv "
        "(by default, the first replication's: a year's return)",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.sim import replicate
    from ehcplan.sim.report import headline, why, write_report

    require("matplotlib", extra="planners", purpose="the report's plots")
    scenario = scenario_for(args.scenario, args.horizon_days)
    output_folder(args.out)
    results = replicate(
        scenario,
        args.replications,
        seed=args.seed,
        workers=args.workers,
        progress=not args.quiet,
    )
    written = write_report(results, args.out, all_journeys=args.all_journeys)
    if not args.quiet:
        print(f"{scenario.name}: {headline(results)}", file=out)
        for reason in why(results):
            print(f"  - {reason}", file=out)
        print("\nWritten:", file=out)
    for path in written:
        print(f"  {path}" if not args.quiet else str(path), file=out)
    return 0
