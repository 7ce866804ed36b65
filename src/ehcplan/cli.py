"""The `ehcplan` command.

    ehcplan summary CASES.csv [--on DATE]   read a SEN2-shaped case log and summarise it
    ehcplan --version

Exit codes: 0 on success; 2 when the input is bad, with a one-paragraph message
and no traceback (add `--debug` to see it).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import statistics
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import TextIO

from ehcplan.case import Case, FinalPlanIssued, Stage
from ehcplan.dates import days_between, parse_date
from ehcplan.errors import EhcplanError
from ehcplan.timeline.timeliness import as_percent, timeliness

__all__ = ["main"]

_EXAMPLES = """\
examples:
  ehcplan summary examples/sen2-example.csv
  ehcplan summary cases.csv --on 2025-01-16 --issues 50
  ehcplan summary cases.csv --personal hash --salt "$EHCPLAN_SALT"
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ehcplan",
        description="Statutory clocks, local policy and caseload simulation for EHC plans.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of any error"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    summary = commands.add_parser(
        "summary",
        help="read a SEN2-shaped case log, check it and summarise it",
        description=(
            "Read a person-level SEN2-shaped CSV (one row per request, DfE item "
            "names as headers), validate every row, and print how many requests "
            "are at each stage, how many plans were issued, and every problem found "
            "by row and column. Rows with errors are reported, never dropped silently."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_EXAMPLES,
    )
    summary.add_argument("path", metavar="CASES.csv", help="the SEN2-shaped CSV file")
    summary.add_argument(
        "--on",
        metavar="DATE",
        help="the reference date of the data (YYYY-MM-DD); later dates are errors",
    )
    summary.add_argument(
        "--issues",
        metavar="N",
        type=int,
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
    summary.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )
    return parser


def _version() -> str:
    try:
        return metadata.version("ehcplan")
    except metadata.PackageNotFoundError:  # pragma: no cover - only when not installed
        return "unknown"


def _summary(args: argparse.Namespace, out: TextIO) -> int:
    from ehcplan.sen2 import Personal, read_sen2

    on = None if args.on is None else parse_date(args.on, field="--on")
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


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run the `ehcplan` command with *argv* and return its exit code.

    Args:
        argv: The arguments, without the program name (default: the command line).
        out: Where results go (default: standard output).
        err: Where error messages go (default: standard error).

    Examples:
        >>> import sys
        >>> main(["summary", "no-such-file.csv"], err=sys.stdout)
        ehcplan: no-such-file.csv: ...
        2
    """
    args = _parser().parse_args(argv)
    try:
        return _summary(args, sys.stdout if out is None else out)
    except EhcplanError as error:
        if args.debug:
            raise
        print(f"ehcplan: {error}", file=sys.stderr if err is None else err)
        return 2
