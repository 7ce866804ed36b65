"""`ehcplan clock`: every case's open deadlines on a date, overdue and due soon first.

The case-management view (`ehcplan.cases.caseload.open_deadlines`): from a
SEN2-shaped file or a file of case JSON, what is due this week, who owns it,
and what is overdue; with ``--policy``, the deadlines the authority's own
practice sets (panels, placement reviews) too.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import io
import json
import sys
from typing import TextIO

import ehcplan as ehc
from ehcplan.cases.caseload import COLUMNS
from ehcplan.cli.inputs import CaseFile, read_cases
from ehcplan.cli.options import Commands, command, whole
from ehcplan.dates import parse_date
from ehcplan.files import output_file, read_text
from ehcplan.sen2.timeliness import as_percent, timeliness

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan clock examples/sen2-example.csv --on 2025-01-15
  ehcplan clock cases.csv --on 2025-01-15 --format json --out deadlines.json
  ehcplan clock cases.csv --on 2025-01-15 --all
  ehcplan clock cases.json --on 2025-04-14 --policy exampleshire
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    clock = command(
        commands,
        "clock",
        "every case's open deadlines on a date, overdue and due soon first",
        "Read a SEN2-shaped case log, or case JSON (one case or a list), and list "
        "each open deadline of each case on the date given: overdue first, then due "
        "soon, then due, marking those due this week, with who must act and the "
        "provision that sets it; then DfE's timeliness figures for the period.",
        EXAMPLES,
    )
    clock.add_argument(
        "path",
        metavar="CASES",
        help="a SEN2-shaped file (CSV or a COLLECT export), or case JSON (.json)",
    )
    clock.add_argument(
        "--policy",
        metavar="POLICY",
        help="the authority's policy (a shipped name or a TOML file), for the "
        "deadlines its practice sets: panel meetings and records, placement reviews",
    )
    clock.add_argument(
        "--on", required=True, metavar="DATE", help="the date of the report"
    )
    clock.add_argument(
        "--from", dest="start", metavar="DATE",
        help="the start of the timeliness period (default: 1 January of --on's year)",
    )  # fmt: skip
    clock.add_argument(
        "--format", choices=["table", "csv", "json"], default="table",
        help="how to write the deadlines (default table)",
    )  # fmt: skip
    clock.add_argument("--out", metavar="FILE", help="write the deadlines to FILE")
    clock.add_argument(
        "--all",
        action="store_true",
        help="include deadlines already met, not only open ones",
    )
    clock.add_argument(
        "--due-soon-days", type=whole(0, 3650), default=14, metavar="DAYS",
        help='how close counts as "due soon" (default 14)',
    )  # fmt: skip


def _cases(path: str) -> CaseFile:
    """The cases in a case JSON file (one case, or a list), a SEN2 file or a COLLECT export."""
    from ehcplan.cases import Case

    if path.lower().endswith(".json"):
        from ehcplan.errors import FileFormatError

        text = read_text(path, kind="a file of case JSON")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise FileFormatError(path, f"not JSON ({error})") from None
        items = data if isinstance(data, list) else [data]
        cases = []
        for index, item in enumerate(items):
            try:
                cases.append(Case.from_dict(item))
            except ehc.EhcplanError as error:
                where = f"case {index + 1}" if isinstance(data, list) else None
                raise FileFormatError(path, str(error), key=where) from None
        return CaseFile(path, tuple(cases), 0)
    return read_cases(path)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.cases.caseload import open_deadlines

    on = parse_date(args.on, field="--on")
    if args.out is not None:
        output_file(args.out)
    start = (
        dt.date(on.year, 1, 1)
        if args.start is None
        else parse_date(args.start, field="--from")
    )
    policy = None if args.policy is None else ehc.load_policy(args.policy)
    read = _cases(args.path)
    cases = read.cases
    rows = open_deadlines(
        cases,
        on=on,
        policy=policy,
        due_soon_days=args.due_soon_days,
        include_met=args.all,
    )
    records = [r.to_dict() for r in rows]
    reviews = not read.records_reviews and any(
        r["deadline"] == "annual review" for r in records
    )
    target = io.StringIO()
    if args.format == "json":
        json.dump(records, target, indent=2)
        target.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(target, fieldnames=list(_CLOCK_COLUMNS))
        writer.writeheader()
        writer.writerows(records)
    else:
        counts = collections.Counter(r["status"] for r in records)
        week = sum(1 for r in records if r["this_week"])
        print(
            f"{args.path} on {on.isoformat()}: {len(cases)} cases"
            + (f"; {read.note()}" if read.rejected else "")
            + "; "
            + ", ".join(f"{n} {status}" for status, n in counts.items())
            + f"; {week} due this week (*)",
            file=target,
        )
        if reviews:
            print(f"  Note: {_NO_REVIEWS}", file=target)
        print(
            f"  {'reference':<14} {'due':<11}  {'status':<16} {'days':>5}  "
            f"{'deadline':<36} {'owner':<34} provision",
            file=target,
        )
        for r in records:
            days = (
                f"-{r['days_late']}"
                if r["days_late"] is not None
                else ""
                if r["days_remaining"] is None
                else str(r["days_remaining"])
            )
            due = r["due"] + ("*" if r["this_week"] else " ")
            print(
                f"  {r['reference']:<14} {due:<11}  {r['status']:<16} "
                f"{days:>5}  {r['deadline']:<36} {r['owner']:<34} {r['provision']}",
                file=target,
            )
    if args.format != "table":
        if read.rejected:
            print(f"ehcplan clock: {args.path}: {read.note()}", file=sys.stderr)
        if reviews:
            print(f"ehcplan clock: {_NO_REVIEWS}", file=sys.stderr)
    if args.out is None:
        out.write(target.getvalue())
    else:
        output_file(args.out).write_text(
            target.getvalue(), encoding="utf-8", newline=""
        )
    if args.format == "table" or args.out is not None:
        t = timeliness(cases, start=start, end=on)
        print(
            f"\nDfE timeliness {start.isoformat()} to {on.isoformat()}: "
            f"{t.plans_issued} plans, {as_percent(t.pc_within_20_weeks_ex)} within 20 weeks "
            f"excluding exceptions ({as_percent(t.pc_within_20_weeks)} including); "
            f"{as_percent(t.pc_decided_within_6_weeks)} of decisions within 6 weeks; "
            f"{as_percent(t.pc_no_plan_within_16_weeks)} of 'no plan' decisions within 16 weeks.",
            file=out,
        )
    if args.out is not None:
        print(f"\nWritten:\n  {args.out}", file=out)
    return 0


_CLOCK_COLUMNS = COLUMNS

_NO_REVIEWS = (
    "no plan in this file has a review recorded (ReviewMeeting, LastReview), so "
    "each annual review counts from its plan's issue date and shows as overdue 12 "
    "months on, whether or not one was held."
)
