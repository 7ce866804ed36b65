"""`ehcplan summary`: read a SEN2-shaped case log, check it and summarise it."""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import statistics
from collections.abc import Sequence
from typing import TextIO

from ehcplan.cases import Case, FinalPlanIssued, Stage
from ehcplan.cli.options import Commands, debug_option, whole
from ehcplan.dates import days_between, parse_date
from ehcplan.sen2.timeliness import as_percent, timeliness

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan summary examples/sen2-example.csv
  ehcplan summary cases.csv --on 2025-01-16 --issues 50
  ehcplan summary cases.csv --personal hash --salt "$EHCPLAN_SALT"
  ehcplan summary examples/sen2-collect-example
  ehcplan summary Blade-Export.zip --json
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    summary = commands.add_parser(
        "summary",
        help="read a SEN2-shaped case log, check it and summarise it",
        description=(
            "Read a person-level SEN2-shaped CSV (one row per request, DfE item "
            "names as headers), validate every row, and print how many requests "
            "are at each stage, how many plans were issued, and every problem found "
            "by row and column. Rows with errors are reported, never dropped silently. "
            "Given a COLLECT Blade export (a folder or zip of the nine module files), "
            "print DfE's timeliness figures for the return's calendar year, the "
            "review stock, and every problem by module, row and field; --json "
            "prints the figures by DfE column name with the validation counts."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    summary.add_argument(
        "path",
        metavar="PATH",
        help="a SEN2-shaped CSV file, or a COLLECT Blade export (folder or zip)",
    )
    summary.add_argument(
        "--json",
        action="store_true",
        help="print DfE's timeliness figures by DfE column name, and the "
        "validation counts, as JSON",
    )
    summary.add_argument(
        "--year",
        type=whole(1900, 9998),
        metavar="YEAR",
        help="the calendar year of the figures (default: the one before the census, "
        "else the latest year the data run to the end of)",
    )
    summary.add_argument(
        "--on",
        metavar="DATE",
        help="the reference date of the data (YYYY-MM-DD); later dates are errors",
    )
    summary.add_argument(
        "--issues",
        metavar="N",
        type=whole(0),
        default=20,
        help="how many validation issues to list (default 20; 0 for none)",
    )
    summary.add_argument(
        "--personal",
        choices=["drop", "hash", "keep"],
        default="drop",
        help="what to do with names, birth dates, postcodes and pupil numbers "
        "(default drop)",
    )
    summary.add_argument("--salt", help="the secret salt for --personal hash")
    debug_option(summary)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.sen2 import Personal, read_sen2
    from ehcplan.sen2.collect import is_export

    on = None if args.on is None else parse_date(args.on, field="--on")
    if args.json or is_export(args.path):
        from ehcplan.sen2.summary import summarise

        text = summarise(
            args.path,
            personal=Personal[args.personal.upper()],
            salt=args.salt,
            on=on,
            year=args.year,
            issues=args.issues,
            as_json=args.json,
        )
        print(text, file=out)
        return 0
    imported = read_sen2(
        args.path, personal=Personal[args.personal.upper()], salt=args.salt, on=on
    )
    report = imported.report
    cases = imported.cases()
    rows = len(imported.records) + len(imported.rejected)
    print(
        f"{args.path}: {rows} rows read; {len(imported.records)} accepted, "
        f"{len(imported.rejected)} rejected with errors; "
        f"{len(report.warnings)} warnings.",
        file=out,
    )
    if cases:
        first = min(c.received_on for c in cases)
        last = max(c.received_on for c in cases)
        print(
            f"\nRequests received {first.isoformat()} to {last.isoformat()}: "
            f"{len(cases)}",
            file=out,
        )
        stages = collections.Counter(c.stage for c in cases)
        width = max(len(stage.value) for stage in Stage)
        for stage in Stage:
            print(f"  {stage.value:<{width}}  {stages[stage]:>6}", file=out)
        weeks = [
            days_between(c.received_on, issued.on) / 7
            for c in cases
            if (issued := c.first(FinalPlanIssued)) is not None
        ]
        if weeks:
            print(
                f"\nPlans issued: {len(weeks)}; median {statistics.median(weeks):.1f} "
                "weeks from request to final plan.",
                file=out,
            )
        _print_timeliness(cases, first.year, last.year + 1, out)
    if report.issues and args.issues > 0:
        shown = report.issues[: args.issues]
        print(f"\nValidation issues ({len(shown)} of {len(report.issues)}):", file=out)
        for issue in shown:
            row = "file" if issue.row is None else f"row {issue.row}"
            column = issue.field or "-"
            print(
                f"  {row:<9} {column:<22} {issue.rule:<9} "
                f"{issue.severity.value:<7} {issue.message}",
                file=out,
            )
    return 0


def _print_timeliness(
    cases: Sequence[Case], first: int, last: int, out: TextIO
) -> None:
    print(
        "\nDfE timeliness by calendar year (a plan counts in the year it was issued):",
        file=out,
    )
    print(
        "  year  plans  within 20 weeks excl. exceptions  incl.   "
        "decided in 6 weeks  no plan in 16 weeks",
        file=out,
    )
    for year in range(first, last + 1):
        t = timeliness(cases, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
        print(
            f"  {year}  {t.plans_issued:>5}  {as_percent(t.pc_within_20_weeks_ex):>32}  "
            f"{as_percent(t.pc_within_20_weeks):>5}   "
            f"{as_percent(t.pc_decided_within_6_weeks):>18}  "
            f"{as_percent(t.pc_no_plan_within_16_weeks):>19}",
            file=out,
        )
