"""`ehcplan clock`: every case's statutory deadlines on a date, overdue and due soon first."""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import io
import json
from typing import TextIO

from ehcplan.cli.options import Commands, command, whole
from ehcplan.dates import parse_date
from ehcplan.files import output_file
from ehcplan.sen2.timeliness import as_percent, timeliness

__all__ = ["EXAMPLES", "add_parser", "run"]

EXAMPLES = """\
examples:
  ehcplan clock examples/sen2-example.csv --on 2025-01-15
  ehcplan clock cases.csv --on 2025-01-15 --format json --out deadlines.json
  ehcplan clock cases.csv --on 2025-01-15 --all
"""


def add_parser(commands: Commands) -> None:
    """Add the command to the `ehcplan` parser."""
    clock = command(
        commands,
        "clock",
        "every case's statutory deadlines on a date, overdue and due soon first",
        "Read a SEN2-shaped case log and list each open statutory deadline of each "
        "case on the date given: overdue first, then due soon, then due, with the "
        "provision that sets it; then DfE's timeliness figures for the period.",
        EXAMPLES,
    )
    clock.add_argument("path", metavar="CASES.csv", help="the SEN2-shaped CSV file")
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


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; its output goes to *out*."""
    from ehcplan.cases.report import Status, clock_report
    from ehcplan.sen2 import read_sen2

    on = parse_date(args.on, field="--on")
    if args.out is not None:
        output_file(args.out)
    start = (
        dt.date(on.year, 1, 1)
        if args.start is None
        else parse_date(args.start, field="--from")
    )
    imported = read_sen2(args.path, on=on)
    order = {
        Status.OVERDUE: 0,
        Status.DUE_SOON: 1,
        Status.DUE: 2,
        Status.DISAPPLIED: 3,
        Status.MET_LATE: 4,
        Status.MET: 5,
    }
    rows = []
    for case in imported.cases():
        report = clock_report(case, on=on, due_soon_days=args.due_soon_days)
        for d in report.deadlines:
            if args.all or d.status in (
                Status.OVERDUE,
                Status.DUE_SOON,
                Status.DUE,
                Status.DISAPPLIED,
            ):
                rows.append(
                    (order[d.status], d.due, case.reference, report.stage.value, d)
                )
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    records = [
        {
            "reference": reference,
            "stage": stage,
            "deadline": d.clock.name,
            "due": d.due.isoformat(),
            "status": d.status.value,
            "days_remaining": d.days_remaining,
            "days_late": d.days_late,
            "provision": d.clock.cites,
        }
        for _, _, reference, stage, d in rows
    ]
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
        print(
            f"{args.path} on {on.isoformat()}: {len(imported.records)} cases; "
            + ", ".join(f"{n} {status}" for status, n in counts.items()),
            file=target,
        )
        print(
            f"  {'reference':<14} {'due':<10}  {'status':<16} {'days':>5}  "
            f"{'deadline':<32} provision",
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
            print(
                f"  {r['reference']:<14} {r['due']:<10}  {r['status']:<16} "
                f"{days:>5}  {r['deadline']:<32} {r['provision']}",
                file=target,
            )
    if args.out is None:
        out.write(target.getvalue())
    else:
        output_file(args.out).write_text(
            target.getvalue(), encoding="utf-8", newline=""
        )
    if args.format == "table" or args.out is not None:
        t = timeliness(imported.cases(), start=start, end=on)
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


_CLOCK_COLUMNS = (
    "reference",
    "stage",
    "deadline",
    "due",
    "status",
    "days_remaining",
    "days_late",
    "provision",
)
