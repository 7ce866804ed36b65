"""`ehcplan nowcast`: which of today's open cases will breach 20 weeks, and when."""

from __future__ import annotations

import argparse
import csv
from typing import TextIO

from ehcplan.cli.inputs import read_cases
from ehcplan.cli.options import (
    Commands,
    command,
    replication_options,
    scenario_for,
    whole,
)
from ehcplan.dates import parse_date
from ehcplan.extras import require
from ehcplan.files import output_folder

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan nowcast examples/sen2-example.csv --on 2025-01-15
  ehcplan nowcast cases.csv --on 2025-01-15 --scenario my-authority.toml -n 200 --out at-risk
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    nowcast = command(
        commands,
        "nowcast",
        "which of today's open cases will breach 20 weeks, and when",
        "Read a SEN2-shaped case log (CSV or a COLLECT export), start the simulator "
        "from the cases open on the date given (each at its stage, with the time "
        "already spent), and write a ranked at-risk list: each case's chance of "
        "missing 20 weeks (and 6 weeks, while undecided), its expected issue date "
        "with a 90% range, and the latest safe date for its next step; and the "
        "expected breaches by month.",
        EXAMPLES,
    )
    nowcast.add_argument(
        "path", metavar="CASES", help="a SEN2-shaped file (CSV or a COLLECT export)"
    )
    nowcast.add_argument("--on", required=True, metavar="DATE", help="today's date")
    nowcast.add_argument(
        "--scenario", default="default", metavar="SCENARIO",
        help="the authority's demand and capacity (file or shipped name; default: default)",
    )  # fmt: skip
    replication_options(nowcast, 100)
    nowcast.add_argument("--out", default="nowcast", metavar="FOLDER")
    nowcast.add_argument(
        "--top", type=whole(0), default=20, metavar="N", help="cases to print"
    )
    nowcast.add_argument(
        "-q", "--quiet", action="store_true", help="print only the paths"
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.sim.nowcast import nowcast
    from ehcplan.sim.plots import plot_breaches_by_month

    require("matplotlib", extra="planners", purpose="the nowcast's plot")
    on = parse_date(args.on, field="--on")
    folder = output_folder(args.out)
    read = read_cases(args.path, on=on)
    result = nowcast(
        scenario_for(args.scenario, None),
        read.cases,
        on,
        replications=args.replications,
        seed=args.seed,
        workers=args.workers,
        progress=not args.quiet,
    )
    ranked = folder / "at-risk.csv"
    rows = [r.to_dict() for r in result.cases]
    with ranked.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    months = folder / "breaches-by-month.csv"
    with months.open("w", encoding="utf-8", newline="") as handle:
        table = csv.writer(handle)
        table.writerow(["month", "expected_breaches", "lower_95", "upper_95"])
        for month, e in result.breaches_by_month:
            table.writerow(
                [
                    month.isoformat()[:7],
                    f"{e.mean:.2f}",
                    f"{e.lower:.2f}",
                    f"{e.upper:.2f}",
                ]
            )
    picture = folder / "breaches-by-month.png"
    plot_breaches_by_month(result.breaches_by_month, on).savefig(picture)
    if not args.quiet:
        print(
            f"{args.path} on {on.isoformat()}: {len(result.cases)} open cases, "
            f"{len(result.results.runs)} replications"
            + (f"; {read.note()}" if read.rejected else "")
            + ".\n",
            file=out,
        )
        print(
            f"  {'reference':<14} {'stage':<28} {'20-week due':<11}  {'P(breach)':>9}  "
            f"{'expected issue':<14}  next step, latest safe date",
            file=out,
        )
        for r in result.cases[: args.top]:
            issue = (
                "after horizon"
                if r.expected_issue is None
                else r.expected_issue.isoformat()
            )
            step = (
                ""
                if r.next_step is None
                else f"{r.next_step}: overdue since {r.latest_safe_date}"
                if r.latest_safe_date is not None and r.latest_safe_date < on
                else f"{r.next_step} by {r.latest_safe_date}"
            )
            flag = " (exception)" if r.exception else ""
            print(
                f"  {r.reference:<14} {r.stage:<28} {r.due.isoformat():<11}  "
                f"{r.p_breach_20_weeks:>9.0%}  {issue:<14}  {step}{flag}",
                file=out,
            )
        print("\nWritten:", file=out)
    for path in (ranked, months, picture):
        print(f"  {path}" if not args.quiet else str(path), file=out)
    return 0
